#!/usr/bin/env node
// The README's screenshots, made again from the demo: light and dark at 1280 px, and a phone (390 px). Vite serves
// the demo with the sandbox; Chromium (/usr/bin/chromium or CHROME_PATH) takes the pictures into docs/screenshots/
// (not in the npm package: package.json `files` leaves them out). Run: npm run screenshots (or name some files:
// npm run screenshots -- inbox-light.png). Emoji need a colour emoji font (Debian: fonts-noto-color-emoji), or they
// come out as empty boxes.
import { mkdir } from 'node:fs/promises';
import { openPage, settle, startDemoBrowser } from './demo-browser.mjs';

const OUT = 'docs/screenshots';

/** Scroll an element of the page (in any shadow root, by selector path) to the top of the window, then `by` px more
 *  (negative: room above it, e.g. for a sticky toolbar). */
const scrollTo = (page, selectors, by = 0) =>
  page.evaluate(
    (path, by) => {
      let root = document;
      let node = null;
      for (const sel of path) {
        node = root.querySelector(sel);
        root = node?.shadowRoot ?? node;
      }
      node?.scrollIntoView({ block: 'start' });
      window.scrollBy(0, by);
    },
    selectors,
    by,
  );

async function generated(page) {
  await page.evaluate(() => document.querySelector('recrubo-generate-flow').submit());
  await page.waitForFunction(() => document.getElementById('stored').textContent !== 'None yet', { timeout: 60_000 });
  await settle(page);
}

/** The generated flow opened in "Edit the chatbot", one option label made longer than a WhatsApp button allows. */
async function editing(page) {
  await generated(page);
  await page.evaluate(() =>
    document.querySelector('recrubo-generate-flow').shadowRoot.querySelector('[part=edit-button]').click(),
  );
  await page.waitForFunction(
    () =>
      document
        .querySelector('recrubo-generate-flow')
        .shadowRoot.querySelector('recrubo-flow-editor')
        ?.shadowRoot?.querySelector('[data-step="8"] recrubo-flow-editor-field'),
    { timeout: 30_000 },
  );
  await page.evaluate(() => {
    const ed = document.querySelector('recrubo-generate-flow').shadowRoot.querySelector('recrubo-flow-editor');
    // Step 8's first option ("Ja"), as a recruiter might reword it: 31 characters, over WhatsApp's 20.
    const field = [...ed.shadowRoot.querySelectorAll('[data-step="8"] recrubo-flow-editor-field')].find(
      (f) => f.kind === 'line',
    );
    const input = field.shadowRoot.querySelector('input');
    input.value = 'Ja, ik woon in Amsterdam-West';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  });
  await settle(page);
}

/** The inbox: a candidate found by a local number, as a recruiter types it, and the conversation opened. */
async function inboxOpened(page) {
  const rows = () =>
    document
      .getElementById('inbox')
      .shadowRoot?.querySelector('recrubo-inbox-list')
      ?.shadowRoot?.querySelectorAll('[part=row]') ?? [];
  await page.waitForFunction(`(${rows})().length > 0`, { timeout: 30_000 });
  // An unread conversation whose candidate has a chatbot run: her number, typed the Dutch way ("06 1234 5678").
  const local = await page.evaluate(async () => {
    const base = '/__sandbox/inbox-demo';
    const get = async (path) =>
      (await (await fetch(`${base}/public/v2/${path}`, { headers: { authorization: 'Bearer sandbox-key' } })).json())
        .data;
    for (const id of (await (await fetch(`${base}/control`)).json()).seed.inbox.unread) {
      const thread = (await get(`conversations/${id}`)).attributes.messageThreadId;
      if (!(await get(`flow-runs?filter[messageThreadId]=${thread}`)).length) continue;
      const digits = (await get(`message-threads/${thread}`)).attributes.identifier.replace(/^31/, '0');
      return `${digits.slice(0, 2)} ${digits.slice(2, 6)} ${digits.slice(6)}`;
    }
    throw new Error('no unread conversation with a run in the inbox demo tenant');
  });
  await page.evaluate(() => document.getElementById('inbox').shadowRoot.querySelector('input').focus());
  await page.keyboard.type(local);
  await page.waitForFunction(`(${rows})().length === 1`, { timeout: 30_000 });
  await page.evaluate(`(${rows})()[0].click()`);
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
    // the finished result's heading takes the focus (for keyboard users); the picture shows it without the ring
    before: async (page) => {
      await generated(page);
      await page.evaluate(() => document.querySelector('recrubo-generate-flow').shadowRoot.activeElement?.blur());
    },
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
  {
    file: 'inbox-light.png',
    path: '/demo/inbox.html',
    width: 1280,
    height: 1040,
    scheme: 'light',
    before: inboxOpened,
  },
  {
    file: 'inbox-phone.png',
    path: '/demo/inbox.html',
    width: 390,
    height: 844,
    scheme: 'light',
    before: inboxOpened,
    at: ['#inbox'],
  },
  {
    file: 'flow-editor-light.png',
    path: '/demo/generate-flow.html',
    width: 1280,
    height: 1200,
    scheme: 'light',
    before: editing,
    at: ['recrubo-generate-flow', 'recrubo-flow-editor', '[data-step="8"]'],
    by: -60, // below the editor's sticky toolbar
  },
  {
    file: 'flow-editor-phone.png',
    path: '/demo/generate-flow.html',
    width: 390,
    height: 844,
    scheme: 'light',
    before: editing,
    at: ['recrubo-generate-flow', 'recrubo-flow-editor', '[data-step="10"]'],
    by: -110, // the toolbar is two rows high on a phone
  },
  {
    file: 'career-site-phone.png',
    path: '/demo/career-site.html',
    width: 390,
    height: 844,
    scheme: 'light',
    at: ['recrubo-apply'], // the whole form, its button included
    by: -16,
  },
];

// `npm run screenshots -- inbox-light.png …` makes only the ones named.
const only = process.argv.slice(2);
await mkdir(OUT, { recursive: true });
const demo = await startDemoBrowser({ speed: 50 });
try {
  for (const shot of shots.filter((s) => !only.length || only.includes(s.file))) {
    const page = await openPage(demo, shot.path, shot);
    if (shot.before) await shot.before(page);
    if (shot.at) await scrollTo(page, shot.at, shot.by);
    await new Promise((r) => setTimeout(r, 300));
    await page.screenshot({ path: `${OUT}/${shot.file}`, type: 'png' });
    console.log(`${OUT}/${shot.file}`);
    await page.close();
  }
} finally {
  await demo.close();
}
