#!/usr/bin/env node
// A Next.js App Router app from the packed tarball (not in `npm test`: Next is about 140 MB to install; run it by
// hand after `npm run build`, with the npm registry reachable): the guide's `next/…` blocks (docs/frameworks.md)
// verbatim, `npm install` of next, react and the tarball in a temporary folder, `next build`, `next start` against
// the sandbox (the tarball's bin), then Chromium: the server's HTML has the tag (SSR of the wrapper), and in the
// browser the element is defined, shows the run's status and the client component received the event.
// node scripts/smoke-next.mjs [--keep]
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createServer } from 'node:net';
import { checkedBlocks, json } from './consumer-apps.mjs';
import { packTarball } from './pack.mjs';
import { startSandbox, startServer, stopAll } from './consumer-processes.mjs';

const keep = process.argv.includes('--keep');
const log = (line) => console.log(`smoke-next: ${line}`);
const seconds = (t) => `${((Date.now() - t) / 1000).toFixed(1)} s`;
const started = Date.now();
const { dir, tarball } = packTarball('recrubo-next-');
let failed = false;
try {
  const app = join(dir, 'app');
  for (const [path, text] of Object.entries(checkedBlocks()))
    if (path.startsWith('next/')) write(join(app, path.slice('next/'.length)), text);
  write(
    join(app, 'app/layout.tsx'),
    [
      'export default function RootLayout({ children }: { children: React.ReactNode }) {',
      '  return (<html lang="en"><body>{children}</body></html>);',
      '}',
      '',
    ].join('\n'),
  );
  write(
    join(app, 'package.json'),
    json({
      name: 'recrubo-next-smoke',
      private: true,
      scripts: { build: 'next build', start: 'next start' },
      dependencies: { next: '^16', react: '^19', 'react-dom': '^19', 'recrubo-elements': `file:${tarball}` },
      devDependencies: { typescript: '~5.9', '@types/react': '^19', '@types/node': '^20' },
    }),
  );

  let t = Date.now();
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app, stdio: 'inherit' });
  const size = execFileSync('du', ['-sm', join(app, 'node_modules')], { encoding: 'utf8' }).split('\t')[0];
  const nextVersion = JSON.parse(execFileSync('npm', ['ls', 'next', '--json'], { cwd: app, encoding: 'utf8' }))
    .dependencies.next.version;
  log(`npm install (next ${nextVersion}, react, the tarball): ${seconds(t)}, node_modules ${size} MB`);

  const { tenant, runId } = await startSandbox(join(app, 'node_modules/recrubo-elements/sandbox/cli.mjs'), 'next', app);
  // the route handler's token and the rewrite's target, as a deployment would set them
  const env = { ...process.env, RECRUBO_API: tenant, RECRUBO_TOKEN: 'sandbox-key', NEXT_TELEMETRY_DISABLED: '1' };

  t = Date.now();
  execFileSync(join(app, 'node_modules/.bin/next'), ['build'], { cwd: app, env, stdio: ['ignore', 'pipe', 'inherit'] });
  log(`next build: ${seconds(t)}`);

  const port = await freePort();
  await startServer(join(app, 'node_modules/.bin/next'), ['start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: app,
    env,
    ready: /Ready|started server/i,
  });
  const origin = `http://127.0.0.1:${port}`;
  const html = await (await fetch(`${origin}/?run=${runId}`)).text();
  if (!html.includes(`<recrubo-flow-run-status`))
    throw new Error('the server-rendered page has no <recrubo-flow-run-status>');
  log('SSR: the server-rendered HTML has <recrubo-flow-run-status> (the wrapper renders the tag)');

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-quic', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${origin}/?run=${runId}`);
    const result = await page.waitForFunction(
      () => {
        const el = document.querySelector('recrubo-flow-run-status');
        const badge = el?.shadowRoot?.querySelector('[part="badge"]');
        const text = document.querySelector('.last-status')?.textContent ?? '';
        return customElements.get('recrubo-flow-run-status') && badge && text.includes('running')
          ? { status: badge.getAttribute('data-status'), label: badge.textContent.trim(), text }
          : null;
      },
      null,
      { timeout: 60000 },
    );
    const { status, label, text } = await result.jsonValue();
    log(
      `Chromium: <recrubo-flow-run-status> is defined, shows "${label}" (data-status=${status}); the page says "${text}"`,
    );
  } finally {
    await browser.close();
  }
  log(`passed in ${seconds(started)}`);
} catch (error) {
  failed = true;
  console.error(`smoke-next: FAILED: ${error.stack ?? error}`);
} finally {
  stopAll();
  if (keep) log(`left ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

function write(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
