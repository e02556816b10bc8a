#!/usr/bin/env node
// npm test (after `npm run build`): the guide's examples (docs/frameworks.md, the `checked:` blocks) in fresh
// consumer apps, as a new user would have them, offline:
//   - the packed tarball is unpacked as the apps' `recrubo-elements`; every other package (vite, react, vue,
//     svelte, Angular's compiler, lit, …) is the project's own node_modules (its lockfile), linked in;
//   - type checks: tsc (React), vue-tsc (Vue), svelte-check (Svelte 5), ngc with strictTemplates (Angular); each
//     also gets a deliberately wrong copy of its example and must report it (scripts/consumer-apps.mjs);
//   - Vite builds of the vanilla, React 19 and Vue 3 apps, each served beside the sandbox from the tarball (its
//     bin) and loaded in Chromium (playwright-core, the system's browser): the element must show the run's
//     status and the framework must have received recrubo-run-status-change.
// node scripts/check-consumers.mjs [--keep] [--only react,vue]   (--keep leaves the temporary folder)
import { spawn, execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { join, extname } from 'node:path';
import { root } from './elements.mjs';
import { packTarball } from './pack.mjs';
import { checkedBlocks, consumerApps, writeApp } from './consumer-apps.mjs';
import { startSandbox, stopAll } from './consumer-processes.mjs';

const started = Date.now();
const keep = process.argv.includes('--keep');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].split(',') : null;
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
const failures = [];
const timings = [];
const step = async (label, fn) => {
  const t = Date.now();
  try {
    await fn();
  } catch (error) {
    failures.push(`${label}: ${error.message}`);
  }
  timings.push(`${label} ${((Date.now() - t) / 1000).toFixed(1)} s`);
};

const { dir } = packTarball('recrubo-consumers-');
const servers = [];
let browser;
try {
  // One node_modules for every app: the tarball's package, and links to the project's packages.
  const modules = join(dir, 'node_modules');
  mkdirSync(modules);
  for (const name of readdirSync(join(root, 'node_modules')))
    if (!name.startsWith('.')) symlinkSync(join(root, 'node_modules', name), join(modules, name));
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  execFileSync('tar', ['-xzf', join(dir, tarball), '-C', dir]);
  execFileSync('mv', [join(dir, 'package'), join(modules, 'recrubo-elements')]);
  const pkgDir = join(modules, 'recrubo-elements');

  // The sandbox, from the tarball's bin.
  const { tenant, runId } = await startSandbox(join(pkgDir, 'sandbox/cli.mjs'), 'consumers', dir);

  const blocks = checkedBlocks();
  const apps = Object.entries(consumerApps(runId)).filter(([name]) => !only || only.includes(name));
  for (const [name] of apps)
    if (!Object.keys(blocks).some((p) => p.startsWith(`${name}/`)))
      failures.push(`docs/frameworks.md: no ${name} example`);
  const { chromium } = await import('playwright-core');
  for (const [name, app] of apps) writeApp(join(dir, name), name, app, blocks);
  // The type checkers at once (two cores; each waits on its own process), the builds and pages one by one.
  const checks = apps.flatMap(([name, app]) =>
    (app.check ?? []).map((checker) =>
      step(`${name}: ${checker}`, () => typeCheck(checker, join(dir, name), app.wrong ?? [])),
    ),
  );
  for (const [name, app] of apps) {
    const appDir = join(dir, name);
    if (!app.build) continue;
    await step(`${name}: vite build + Chromium`, async () => {
      const { build } = await import('vite');
      await build({
        root: appDir,
        logLevel: 'warn',
        build: {
          outDir: 'dist',
          emptyOutDir: true,
          // 'use client' is for React Server Components; a client bundle drops it, as it should (no warning)
          rollupOptions: { onwarn: (w, warn) => w.code === 'MODULE_LEVEL_DIRECTIVE' || warn(w) },
        },
      });
      const origin = await serve(join(appDir, 'dist'), tenant);
      browser ??= await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-quic', '--no-first-run'],
      });
      await expectStatus(browser, origin, name);
    });
  }
  await Promise.all(checks);
} catch (error) {
  failures.push(error.stack ?? String(error));
} finally {
  await browser?.close();
  for (const s of servers) s.close();
  stopAll();
  if (!keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`check-consumers: left ${dir}`);
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (failures.length) {
  console.error(`check-consumers: ${failures.length} failure(s) (${seconds} s):\n${failures.join('\n\n')}`);
  process.exit(1);
}
console.log(`check-consumers: every example checked and running (${seconds} s: ${timings.join(', ')})`);

/** Runs a checker; only the wrong copies may have errors, and each of them must have one. */
async function typeCheck(checker, appDir, wrongs) {
  const bin = {
    tsc: ['typescript/bin/tsc', '-p', 'tsconfig.json'],
    'vue-tsc': ['vue-tsc/bin/vue-tsc.js', '-p', 'tsconfig.json'],
    'svelte-check': ['svelte-check/bin/svelte-check', '--output', 'machine', '--tsconfig', './tsconfig.json'],
    ngc: ['@angular/compiler-cli/bundles/src/bin/ngc.js', '-p', 'tsconfig.json', '--noEmit'],
  }[checker];
  const child = spawn(process.execPath, [join(root, 'node_modules', bin[0]), ...bin.slice(1)], { cwd: appDir });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (out += chunk));
  const run = { status: await new Promise((resolve) => child.on('close', resolve)) };
  const errorLines = out.split('\n').filter((l) => /error/i.test(l) && !/^\s*$/.test(l));
  const wrongFiles = wrongs.map((w) => w.to.split('/').pop());
  const stray = errorLines.filter(
    (l) => /\.(tsx?|vue|svelte)\b/.test(l) && !wrongFiles.some((f) => l.includes(`/${f}`)),
  );
  if (stray.length) throw new Error(`errors in the checked example:\n${out}`);
  for (const f of wrongFiles)
    if (run.status === 0 || !errorLines.some((l) => l.includes(`/${f}`)))
      throw new Error(`${f} (a wrong copy) passed: the check does not look at the types\n${out}`);
  if (run.status === null) throw new Error(`${checker} did not finish\n${out}`);
}

/** The app's build, `/public/v2` passed to the sandbox tenant, `/api/recrubo-token` answered as a backend would. */
function serve(distDir, tenant) {
  const server = createServer((req, res) => {
    if (req.url.startsWith('/public/v2/')) {
      const target = new URL(tenant + req.url);
      const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (r) => {
        res.writeHead(r.statusCode, r.headers);
        r.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
      return;
    }
    if (req.url === '/api/recrubo-token') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ token: 'sandbox-key' })); // the sandbox's documented default key
      return;
    }
    let file = join(distDir, decodeURIComponent(req.url.split('?')[0]));
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(distDir, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)),
  );
}

/** The element shows the run's status (its badge, in its shadow root); the framework got the event. */
async function expectStatus(browser, origin, name) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(origin);
    await page.waitForFunction(
      () => {
        const badges = [...document.querySelectorAll('recrubo-flow-run-status')].map((el) =>
          el.shadowRoot?.querySelector('[part="badge"]'),
        );
        return (
          badges.length > 0 &&
          badges.every((b) => b?.getAttribute('data-status') === 'running' && b.textContent.trim()) &&
          document.querySelector('.last-status')?.textContent.includes('running')
        );
      },
      null,
      { timeout: 30000 },
    );
    if (name === 'react') {
      const native = await page.evaluate(() => document.body.dataset.native);
      if (native !== 'running') throw new Error(`React 19's own on<event> listener got ${native}`);
    }
  } catch (error) {
    const state = await page.evaluate(() => document.body.innerHTML.slice(0, 600)).catch(() => '(no page)');
    throw new Error(`${error.message.split('\n')[0]}\npage errors: ${errors.join('; ') || 'none'}\nbody: ${state}`);
  } finally {
    await page.close();
  }
}
