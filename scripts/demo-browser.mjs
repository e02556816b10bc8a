// The demo pages in a real browser, for scripts: Vite's dev server (the demo, with the sandbox same-origin) on a
// free port, and /usr/bin/chromium driven by puppeteer-core. Used by check-demo-pages.mjs (no page scrolls
// sideways) and screenshots.mjs (the README's pictures).
import { existsSync } from 'node:fs';
import { createServer as netServer } from 'node:net';

export const DEMO_PAGES = [
  'index',
  'generate-flow',
  'flow-preview',
  'flow-run-status',
  'inbox',
  'schedule-picker',
  'career-site',
  'react',
  'docs',
];

const chromiumPath = () =>
  [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(
    (p) => p && existsSync(p),
  );

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = netServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

/** Starts the demo (sandbox at `speed`) and a headless Chromium; `close()` stops both. */
export async function startDemoBrowser({ speed = 50 } = {}) {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no Chromium found: install chromium, or set CHROME_PATH');
  process.env.RECRUBO_SANDBOX_SPEED = String(speed);
  const port = await freePort();
  process.env.PORT = String(port);
  process.env.HOST = 'localhost';
  const { createServer } = await import('vite');
  const server = await createServer({
    configFile: 'vite.config.ts',
    logLevel: 'warn',
    server: { port, strictPort: true, host: 'localhost', open: false },
  });
  await server.listen();
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  return {
    origin: `http://localhost:${port}`,
    browser,
    async close() {
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}

/** Opens `path` at `width`×`height` in `scheme` and waits until it has settled (its elements defined and loaded). */
export async function openPage(demo, path, { width, height = 900, scheme = 'light' }) {
  const page = await demo.browser.newPage();
  await page.setViewport({ width, height, deviceScaleFactor: 1 });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  await page.goto(`${demo.origin}${path}`, { waitUntil: 'load', timeout: 60_000 });
  await settle(page);
  return page;
}

/** Until nothing in the page (in any shadow root) says it is loading, at most 15 s. */
export async function settle(page) {
  await page
    .waitForFunction(
      () => {
        const busy = (root) =>
          [...root.querySelectorAll('*')].some(
            (n) =>
              n.matches('[aria-busy="true"], .skeleton') ||
              (n.localName.includes('-') && !customElements.get(n.localName)) ||
              (n.shadowRoot && busy(n.shadowRoot)),
          );
        return document.readyState === 'complete' && !busy(document);
      },
      { timeout: 15_000, polling: 200 },
    )
    .catch(() => {}); // a page that keeps something busy (a live badge) is measured as it is
  await new Promise((r) => setTimeout(r, 300));
}
