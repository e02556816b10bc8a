#!/usr/bin/env node
// The README's screenshots, made again from the demo: light and dark at 1280 px, and a phone (390 px). Vite serves
// the demo with the sandbox; Chromium (/usr/bin/chromium or CHROME_PATH) takes the pictures into docs/screenshots/
// (not in the npm package: package.json `files` leaves them out). Run: npm run screenshots.
import { mkdir } from 'node:fs/promises';
import { openPage, settle, startDemoBrowser } from './demo-browser.mjs';

const OUT = 'docs/screenshots';

/** Scroll an element of the page (in any shadow root, by selector path) to the top of the window. */
const scrollTo = (page, selectors) =>
  page.evaluate((path) => {
    let root = document;
    let node = null;
    for (const sel of path) {
      node = root.querySelector(sel);
      root = node?.shadowRoot ?? node;
    }
    node?.scrollIntoView({ block: 'start' });
  }, selectors);

async function generated(page) {
  await page.evaluate(() => document.querySelector('recrubo-generate-flow').submit());
  await page.waitForFunction(() => document.getElementById('stored').textContent !== 'None yet', { timeout: 60_000 });
  await settle(page);
}

async function selectFirstCandidate(page) {
  await page.waitForFunction(() => document.querySelectorAll('#rows button.candidate').length > 0, { timeout: 30_000 });
  await page.evaluate(() => document.querySelector('#rows button.candidate').click());
  await settle(page);
}

const shots = [
  { file: 'generate-flow-light.png', path: '/demo/generate-flow.html', width: 1280, scheme: 'light', at: ['#bot-h'] },
  {
    file: 'generate-flow-result-dark.png',
    path: '/demo/generate-flow.html',
    width: 1280,
    scheme: 'dark',
    before: generated,
    at: ['#bot-h'],
  },
  {
    file: 'flow-run-status-light.png',
    path: '/demo/flow-run-status.html',
    width: 1280,
    scheme: 'light',
    before: selectFirstCandidate,
  },
  {
    file: 'flow-run-status-dark.png',
    path: '/demo/flow-run-status.html',
    width: 1280,
    scheme: 'dark',
    before: selectFirstCandidate,
  },
  {
    file: 'generate-flow-phone.png',
    path: '/demo/generate-flow.html',
    width: 390,
    height: 844,
    scheme: 'light',
    at: ['#bot-h'],
  },
  { file: 'career-site-phone.png', path: '/demo/career-site.html', width: 390, height: 844, scheme: 'light' },
];

await mkdir(OUT, { recursive: true });
const demo = await startDemoBrowser({ speed: 50 });
try {
  for (const shot of shots) {
    const page = await openPage(demo, shot.path, shot);
    if (shot.before) await shot.before(page);
    if (shot.at) await scrollTo(page, shot.at);
    await new Promise((r) => setTimeout(r, 300));
    await page.screenshot({ path: `${OUT}/${shot.file}`, type: 'png' });
    console.log(`${OUT}/${shot.file}`);
    await page.close();
  }
} finally {
  await demo.close();
}
