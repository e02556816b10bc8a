#!/usr/bin/env node
// Runs the browser tests in every engine found on this machine.
//   node scripts/test-browsers.mjs [--browsers chromium,firefox,webkit] [test files…] [-- extra web-test-runner args]
// Finds Chromium/Chrome and Firefox (CHROME_PATH / FIREFOX_PATH win), and WebKitGTK's WebKitWebDriver + MiniBrowser;
// for WebKit it starts a private Xvfb display and the driver on free ports, and stops both when the run ends.
// An engine that is absent is skipped with one line saying so; if none is found the run fails.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const args = process.argv.slice(2);
let only = null;
const files = [];
const passThrough = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--browsers') only = args[++i].split(',');
  else if (args[i].startsWith('--browsers=')) only = args[i].slice(11).split(',');
  else if (args[i] === '--') {
    passThrough.push(...args.slice(i + 1));
    i = args.length;
  } else files.push(args[i]);
}

const firstExisting = (...paths) => paths.find((p) => p && existsSync(p));
const onPath = (name) => firstExisting(...(process.env.PATH ?? '').split(':').map((dir) => `${dir}/${name}`));

const found = {
  chromium: firstExisting(
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ),
  firefox: firstExisting(
    process.env.FIREFOX_PATH,
    '/usr/bin/firefox-esr',
    '/usr/bin/firefox',
    '/Applications/Firefox.app/Contents/MacOS/firefox',
  ),
  webkit:
    onPath('WebKitWebDriver') &&
    firstExisting(
      '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
      '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
      '/usr/libexec/webkit2gtk-4.1/MiniBrowser',
    ),
};

const engines = (only ?? Object.keys(found)).filter((name) => {
  if (!(name in found)) throw new Error(`unknown browser "${name}" (use chromium, firefox, webkit)`);
  if (found[name]) return true;
  console.log(`[test-browsers] ${name}: not found on this machine, skipped`);
  return false;
});
if (engines.length === 0) {
  console.error(
    '[test-browsers] no browser found: install chromium, firefox-esr or webkit2gtk-driver (see README), or set CHROME_PATH / FIREFOX_PATH',
  );
  process.exit(1);
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

const children = [];
const stopChildren = () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
};
process.on('exit', stopChildren);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => (stopChildren(), process.exit(130)));

const env = { ...process.env, RECRUBO_BROWSERS: engines.join(',') };
env.RECRUBO_CHROMIUM_PATH = found.chromium;
env.RECRUBO_FIREFOX_PATH = found.firefox;

async function startWebKit() {
  if (!process.env.DISPLAY || process.env.CI) {
    if (!onPath('Xvfb')) throw new Error('WebKit needs a display: install xvfb');
    // A display number of our own, so parallel runs on one machine do not collide.
    let display = 90 + Math.floor(Math.random() * 400);
    while (existsSync(`/tmp/.X${display}-lock`)) display++;
    const xvfb = spawn('Xvfb', [`:${display}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: 'ignore',
    });
    children.push(xvfb);
    env.DISPLAY = `:${display}`;
    for (let i = 0; i < 50 && !existsSync(`/tmp/.X11-unix/X${display}`); i++) await sleep(100);
  }
  const port = await freePort();
  const driver = spawn(onPath('WebKitWebDriver'), [`--port=${port}`], { env, stdio: 'ignore' });
  children.push(driver);
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok) break;
    } catch {
      await sleep(100);
    }
  }
  env.RECRUBO_WEBKIT_DRIVER_PORT = String(port);
  env.RECRUBO_MINIBROWSER_PATH = found.webkit;
}

if (engines.includes('webkit')) await startWebKit();
console.log(`[test-browsers] engines: ${engines.join(', ')}`);

const summaryDir = mkdtempSync(join(tmpdir(), 'recrubo-wtr-'));
env.RECRUBO_SUMMARY_FILE = join(summaryDir, 'summary.txt');
if (process.env.CI) passThrough.push('--static-logging');
const wtrArgs = [
  '--config',
  process.env.WTR_CONFIG ?? 'web-test-runner.config.mjs',
  ...(files.length ? ['--files', ...files] : []),
  ...passThrough,
];
const wtr = spawn(process.execPath, ['node_modules/@web/test-runner/dist/bin.js', ...wtrArgs], {
  env,
  stdio: 'inherit',
});
wtr.on('exit', (code, signal) => {
  stopChildren();
  if (signal) console.error(`[test-browsers] the test runner was stopped by ${signal}`);
  const finished = existsSync(env.RECRUBO_SUMMARY_FILE);
  if (finished) process.stdout.write(`\n${readFileSync(env.RECRUBO_SUMMARY_FILE, 'utf8')}`);
  rmSync(summaryDir, { recursive: true, force: true });
  if (!finished && !signal && code !== 0 && !process.env.RECRUBO_BROWSER_RERUN) {
    // Rarely (twice in many full runs, no test failing before it) @web/test-runner itself ends with code 1 and
    // prints nothing, before its reporter writes the summary. That says nothing about our tests: say so loudly and
    // run the browser tests once more, from the start, with fresh browsers. A test failure is never re-run.
    console.error(
      `[test-browsers] the test runner ended (code ${code}) before it finished and without a result; running the browser tests once more`,
    );
    const rerun = spawn(process.execPath, [process.argv[1], ...args], {
      env: { ...process.env, RECRUBO_BROWSER_RERUN: '1' },
      stdio: 'inherit',
    });
    rerun.on('exit', (rerunCode, rerunSignal) => process.exit(rerunCode ?? (rerunSignal ? 1 : 0)));
    return;
  }
  process.exit(code ?? (signal ? 1 : 0));
});
