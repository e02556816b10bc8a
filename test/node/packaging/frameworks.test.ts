// What framework users and manifest-driven tools get from the built package (dist/ must exist: `npm run build`).
// The React wrappers: one module per element, `'use client'` first, one element per import, an `on…` prop for
// every event; the manifest: every `path`/`module` is a dist file that resolves through package.json "exports".
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dist = join(root, 'dist');
type Decl = { tagName?: string; customElement?: boolean; events?: { name: string }[] };
type Mod = { path: string; declarations?: Decl[]; exports?: { kind: string; name: string }[] };
const manifest: { modules: Mod[] } = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
const elements = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement && d.tagName));
const tags = manifest.modules.flatMap((m) =>
  (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => e.name),
);
const pascal = (name: string) => name.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

/** Bundles `code` as a user's bundler would (the package by its name, React left out); the tags that made it in. */
async function bundledTags(code: string) {
  const result = await build({
    stdin: { contents: code, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    external: ['react'],
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.values(result.metafile.outputs)[0]!.inputs;
  const found = Object.keys(inputs)
    .filter((file) => inputs[file]!.bytesInOutput > 0)
    .map((file) => /elements\/(recrubo-[a-z-]+)\//.exec(file)?.[1])
    .filter((tag): tag is string => !!tag);
  return { tags: [...new Set(found)].sort(), bytes: result.outputFiles[0]!.contents.length };
}

describe('the React wrappers', () => {
  it('every element of the manifest has one (eight and more), each module starts with "use client"', () => {
    assert.ok(tags.length >= 8, `the manifest lists ${tags.length} elements`);
    assert.deepEqual(elements.map((d) => d.tagName).sort(), [...tags].sort(), 'every defined tag is a custom element');
    for (const file of [...tags, 'index']) {
      const code = readFileSync(join(dist, 'react', `${file}.js`), 'utf8');
      assert.match(code, /^["']use client["'];\n/, `dist/react/${file}.js must start with 'use client'`);
    }
  });

  for (const tag of ['recrubo-flow-run-status', 'recrubo-apply']) {
    it(`importing the wrapper of <${tag}> bundles that element only, from its module or from the index`, async () => {
      const name = pascal(tag);
      const own = await bundledTags(`import { ${name} } from 'recrubo-elements/react/${tag}'; console.log(${name});`);
      assert.deepEqual(own.tags, [tag]);
      const index = await bundledTags(`import { ${name} } from 'recrubo-elements/react'; console.log(${name});`);
      assert.deepEqual(index.tags, [tag], 'the index must not pull the other wrappers in');
      const alone = await bundledTags(`import 'recrubo-elements/elements/${tag}/define.js';`);
      // the wrapper adds @lit/react and itself (a few KB), never another element
      assert.ok(own.bytes - alone.bytes < 4096, `the wrapper adds ${own.bytes - alone.bytes} bytes`);
    });
  }

  it('the wrapper types have an on… prop of the right detail type for every event of every element', () => {
    for (const decl of elements) {
      const types = readFileSync(join(dist, 'react', `${decl.tagName}.d.ts`), 'utf8');
      for (const event of decl.events ?? []) {
        const prop = `on${pascal(event.name)}`;
        // our events carry a typed detail; a native one (the schedule picker's input/change) is a plain Event
        const type = event.name.startsWith('recrubo-') ? `RecruboEventMap\\["${event.name}"\\]` : 'Event';
        assert.match(types, new RegExp(`${prop}: EventName<${type}>;`), `${decl.tagName}: ${prop}`);
      }
    }
  });
});

describe('custom-elements.json', () => {
  it('every path and module is a dist file that resolves through "exports", no superclass module is missing', () => {
    const refs = new Set<string>();
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (node && typeof node === 'object')
        for (const [key, value] of Object.entries(node))
          if ((key === 'path' || key === 'module') && typeof value === 'string') refs.add(value);
          else visit(value);
    };
    visit(manifest.modules);
    assert.ok(refs.size > 10);
    for (const ref of refs) {
      assert.match(ref, /^dist\/.+\.js$/, `${ref}: not a built module`);
      assert.ok(existsSync(join(root, ref)), `${ref} does not exist`);
      // the package's self-reference resolves through "exports" as a consumer's import would
      assert.equal(fileURLToPath(import.meta.resolve(`recrubo-elements/${ref}`)), join(root, ref));
    }
  });
});

describe('the editor data', () => {
  type Attr = { name: string };
  type Full = Decl & { attributes?: Attr[] };
  const read = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));
  const pkg = read('package.json');

  it('web-types.json (package.json "web-types") has every tag with its attributes and events', () => {
    assert.equal(pkg['web-types'], './web-types.json');
    const webTypes = read('web-types.json');
    assert.equal(webTypes.version, pkg.version);
    const byTag = new Map<string, { attributes: Attr[]; events: Attr[] }>(
      webTypes.contributions.html.elements.map((e: { name: string }) => [e.name, e]),
    );
    for (const decl of elements as Full[]) {
      const entry = byTag.get(decl.tagName!);
      assert.ok(entry, `${decl.tagName} is in web-types.json`);
      assert.deepEqual(
        entry.attributes.map((a) => a.name),
        (decl.attributes ?? []).map((a) => a.name),
      );
      assert.deepEqual(
        entry.events.map((e) => e.name),
        (decl.events ?? []).map((e) => e.name),
      );
    }
  });

  it('vscode.html-custom-data.json has every tag, its attributes, and the values of a union attribute', () => {
    const data = read('vscode.html-custom-data.json');
    assert.ok(pkg.files.includes('vscode.html-custom-data.json') && pkg.files.includes('web-types.json'));
    const byTag = new Map<string, { attributes: { name: string; values?: Attr[] }[] }>(
      data.tags.map((t: { name: string }) => [t.name, t]),
    );
    for (const decl of elements as Full[])
      assert.deepEqual(
        byTag.get(decl.tagName!)?.attributes.map((a) => a.name),
        (decl.attributes ?? []).map((a) => a.name),
      );
    const variant = byTag.get('recrubo-flow-run-status')!.attributes.find((a) => a.name === 'variant');
    assert.deepEqual(
      variant?.values?.map((v) => v.name),
      ['badge', 'card'],
    );
  });
});
