// The built package as its users get it: dist/ must exist (`npm run build`; `npm test` builds first).
// Imports go through the package's own name (Node resolves a package's self-reference through its "exports"),
// in a plain `node` child process: no tsx, no DOM, as a server-side renderer or a test under Node would import it.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, it, before } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dist = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));

const tags: string[] = manifest.modules.flatMap((m: { exports?: { kind: string; name: string }[] }) =>
  (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => e.name),
);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)],
  );
}

/** Runs an ES module snippet in a fresh plain node process in the repository root. */
function runNode(code: string) {
  return spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
}

before(() => {
  assert.ok(
    existsSync(join(dist, 'index.js')) && existsSync(join(dist, 'cdn/recrubo-elements.js')),
    'dist/ is missing or incomplete: run `npm run build` first (npm test does).',
  );
});

describe('importing the package under Node (no DOM)', () => {
  const defines = () => tags.map((tag) => `recrubo-elements/elements/${tag}/define.js`);

  it('every element is in the manifest', () => {
    assert.ok(tags.length >= 1);
    for (const tag of tags)
      assert.ok(existsSync(join(dist, 'elements', tag, 'define.js')), `dist/elements/${tag}/define.js`);
  });

  it('the main entry, every define entry, the config, react, vue and proxy entries import without throwing', () => {
    const specifiers = [
      'recrubo-elements',
      ...defines(),
      'recrubo-elements/config',
      'recrubo-elements/react',
      'recrubo-elements/react/jsx',
      'recrubo-elements/vue',
      'recrubo-elements/proxy',
    ];
    const result = runNode(`
      const out = {};
      for (const s of ${JSON.stringify(specifiers)}) out[s] = Object.keys(await import(s)).sort();
      console.log(JSON.stringify({ out, window: typeof window, document: typeof document }));
    `);
    assert.equal(result.status, 0, `import failed:\n${result.stderr}`);
    assert.equal(result.stderr.trim(), '', `unexpected output on stderr:\n${result.stderr}`);
    const { out, window, document } = JSON.parse(result.stdout.trim().split('\n').pop()!);
    assert.equal(window, 'undefined', 'importing must not create a window');
    assert.equal(document, 'undefined');
    assert.ok(out['recrubo-elements'].includes('configure'));
    assert.ok(out['recrubo-elements'].includes('version'));
    assert.ok(out['recrubo-elements/config'].includes('configure'));
    assert.ok(out['recrubo-elements/proxy'].includes('createRecruboProxy'));
    assert.ok(out['recrubo-elements/react'].includes('RecruboConfig'));
    assert.ok(tags.includes('recrubo-flow-run-status'), 'the manifest lists the element');
    assert.ok(out['recrubo-elements/react'].includes('RecruboFlowRunStatus'));
  });

  it('each component module imports on its own, exports its class and registers nothing', () => {
    const components = manifest.modules
      .filter((m: { path: string }) => m.path.endsWith('.component.js'))
      .map((m: { path: string }) => `recrubo-elements/${m.path}`);
    assert.ok(components.length >= tags.length);
    const result = runNode(`
      const out = [];
      for (const s of ${JSON.stringify(components)}) {
        const mod = await import(s);
        out.push(Object.values(mod).some((v) => typeof v === 'function' && /^class\\b/.test(String(v))));
      }
      const registry = globalThis.customElements;
      const defined = registry ? ${JSON.stringify(tags)}.filter((t) => registry.get(t)) : [];
      console.log(JSON.stringify({ out, defined }));
    `);
    assert.equal(result.status, 0, result.stderr);
    const { out, defined } = JSON.parse(result.stdout.trim().split('\n').pop()!);
    assert.ok(out.every(Boolean), 'every component module exports a class');
    assert.deepEqual(defined, [], 'a component module must not register its tag');
  });

  it('the package version is the one the elements compare on a second load', () => {
    const result = runNode(`const m = await import('recrubo-elements'); console.log(m.version);`);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), pkg.version);
  });
});

describe('package.json and dist/ agree', () => {
  it('every "exports" target exists', () => {
    const targets: string[] = [];
    const collect = (value: unknown) => {
      if (typeof value === 'string') targets.push(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect(pkg.exports);
    for (const target of targets) {
      if (target.includes('*')) {
        const [before, after] = target.split('*');
        const matches = walk(join(root, before))
          .map((f) => './' + relative(root, f))
          .filter((f) => f.endsWith(after));
        assert.ok(matches.length > 0, `no file matches ${target}`);
      } else {
        assert.ok(existsSync(join(root, target)), `${target} is missing`);
      }
    }
    for (const field of ['main', 'module', 'types'])
      assert.ok(existsSync(join(root, pkg[field])), `${field}: ${pkg[field]}`);
  });

  it('"sideEffects" lists exactly the modules that register something', () => {
    const toRegExp = (glob: string) =>
      new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]+')}$`);
    const globs = (pkg.sideEffects as string[]).map(toRegExp);
    const jsFiles = walk(dist)
      .filter((f) => f.endsWith('.js'))
      .map((f) => './' + relative(root, f));
    const marked = jsFiles.filter((f) => globs.some((g) => g.test(f))).sort();
    const registering = jsFiles
      .filter((f) => {
        const code = readFileSync(join(root, f), 'utf8');
        // Calls define('<tag>', …) / customElements.define, or imports a module that does, or sets the window global.
        return (
          /\bdefine\(["']recrubo-/.test(code) ||
          /import ["'][^"']*define\.js["']/.test(code) ||
          /RecruboElements\s*=/.test(code) ||
          f === './dist/cdn/recrubo-elements.js' ||
          f === './dist/cdn/recrubo-apply.js'
        );
      })
      .sort();
    // A React wrapper (dist/react/<tag>.js) registers its element when its export is used: a bundler keeps the
    // define import of a module it keeps, and drops an unused wrapper whole (test/node/packaging/frameworks.test.ts).
    assert.deepEqual(
      marked,
      registering.filter((f) => !/^\.\/dist\/react\/recrubo-[a-z-]+\.js$/.test(f)),
    );
    for (const tag of tags) assert.ok(marked.includes(`./dist/elements/${tag}/define.js`));
    assert.ok(!marked.some((f) => f.endsWith('.component.js')), 'component modules are side-effect free');
  });

  it('the per-module build keeps lit, @lit/* and ky as imports; the CDN bundle has no bare import left', () => {
    const client = readFileSync(join(dist, 'api/client.js'), 'utf8');
    assert.match(client, /from ["']ky["']/);
    // the elements' common base (RecruboElement and <recrubo-config> extend it)
    const base = readFileSync(join(dist, 'shared/configurable-element.js'), 'utf8');
    assert.match(base, /from ["']lit["']/);
    assert.match(base, /from ["']@lit\/context["']/);
    const cdn = readFileSync(join(dist, 'cdn/recrubo-elements.js'), 'utf8');
    assert.doesNotMatch(cdn, /(?:from|import)\s*["'](?![./])[^"']+["']/, 'the CDN bundle must not import anything');
    assert.ok(cdn.includes(pkg.version));
  });

  it('the minified stylesheets in dist/ are whole (a bad escape once made one undefined)', () => {
    const files = walk(dist).filter((f) => f.endsWith('.styles.js'));
    assert.ok(files.length >= 4, 'the styles modules are built');
    const code = `const out = {}; for (const f of ${JSON.stringify(files)}) { const m = await import(f); out[f] = Object.values(m).flat().filter((s) => s && typeof s === 'object' && '_$cssResult$' in s).map((s) => typeof s.cssText === 'string' ? s.cssText.length : -1); } console.log(JSON.stringify(out));`;
    const run = runNode(code);
    assert.equal(run.status, 0, run.stderr);
    for (const [file, lengths] of Object.entries(JSON.parse(run.stdout) as Record<string, number[]>)) {
      assert.ok(
        lengths.length > 0 && lengths.every((n) => n > 50),
        `${relative(root, file)}: ${JSON.stringify(lengths)}`,
      );
    }
  });

  it('what dist/ imports at run time is a dependency (or a peer); the sandbox CLI needs nothing but Node', () => {
    const specifiers = (code: string) =>
      [...code.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["']([^"'./][^"']*)["']/g)].map((m) => m[1]!);
    const packageOf = (spec: string) =>
      spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
    const allowed = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies ?? {})]);
    const used = new Set<string>();
    for (const file of walk(dist).filter(
      (f) => f.endsWith('.js') && !f.includes('/cdn/') && !f.includes('/sandbox/'),
    )) {
      for (const spec of specifiers(readFileSync(file, 'utf8'))) used.add(packageOf(spec));
    }
    assert.deepEqual(
      [...used].filter((p) => !allowed.has(p) && !p.startsWith('node:')),
      [],
      'imported by dist/ but not a dependency',
    );
    // libphonenumber-js: the apply endpoint's phone parsing (server only); uqr: <recrubo-apply>'s QR code.
    // @lit/react: the React wrappers (small; nothing imports it unless a wrapper is imported).
    // @lit/task: every element's one-off loads and actions (ElementTask).
    assert.deepEqual(Object.keys(pkg.dependencies).sort(), [
      '@lit/context',
      '@lit/react',
      '@lit/task',
      'ky',
      'libphonenumber-js',
      'lit',
      'uqr',
    ]);

    const cli = readFileSync(join(dist, 'sandbox/cli.js'), 'utf8');
    const builtins = new Set(builtinModules);
    assert.deepEqual(
      specifiers(cli).filter((s) => !builtins.has(s.replace(/^node:/, ''))),
      [],
      'the sandbox CLI imports only Node built-ins',
    );
    const help = spawnSync(process.execPath, [join(root, 'sandbox/cli.mjs'), '--help'], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /--port/);
  });

  it('the types: every tag in HTMLElementTagNameMap, every event in HTMLElementEventMap (and on document and window), through the package name', () => {
    const dir = mkdtempSync(join(root, 'node_modules/.recrubo-types-'));
    try {
      const lines = [
        "import { configure, type RunStatusChangeDetail } from 'recrubo-elements';",
        "import { RecruboConfig } from 'recrubo-elements/react';",
        "import type {} from 'recrubo-elements/react/jsx';",
        "import type {} from 'recrubo-elements/vue';",
        "configure({ baseUrl: 'https://example.test/public/v2' });",
        'void RecruboConfig;',
        'export function check(el: HTMLElement, detail: RunStatusChangeDetail) {',
        "  el.addEventListener('recrubo-run-status-change', (e) => { const s: string = e.detail.status; void s; });",
        "  el.addEventListener('recrubo-error', (e) => { const s: number | undefined = e.detail.error.status; void s; });",
        "  el.addEventListener('recrubo-generation-finished', (e) => { const f: string | null = e.detail.flowId; void f; });",
        // they bubble and are composed: typed on the document and the window too
        "  document.addEventListener('recrubo-run-status-change', (e) => { const t: boolean = e.detail.terminal; void t; });",
        "  window.addEventListener('recrubo-error', (e) => { const c: string | undefined = e.detail.error.code; void c; });",
        '  void detail;',
        '}',
        ...tags.map(
          (tag, i) =>
            `const el${i} = document.createElement('${tag}'); const check${i}: HTMLElement & { baseUrl?: string | undefined } = el${i}; void check${i}; // '${tag}' must not be a plain HTMLElement\n` +
            `type Known${i} = HTMLElementTagNameMap['${tag}']; const k${i}: Known${i} extends HTMLElement ? ('baseUrl' extends keyof Known${i} ? true : ${tag === 'recrubo-config' ? 'true' : 'false'}) : false = true; void k${i};`,
        ),
      ];
      writeFileSync(join(dir, 'consumer.ts'), lines.join('\n'));
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            module: 'ESNext',
            moduleResolution: 'Bundler',
            lib: ['ES2022', 'DOM', 'DOM.Iterable'],
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            types: [],
          },
          files: ['consumer.ts'],
        }),
      );
      const tsc = spawnSync(
        process.execPath,
        [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')],
        { encoding: 'utf8' },
      );
      assert.equal(tsc.status, 0, `a consumer of the built types does not type-check:\n${tsc.stdout}${tsc.stderr}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
