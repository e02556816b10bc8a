#!/usr/bin/env node
// Every demo page at a phone's width (390 px) and a laptop's (1280 px): the page must not scroll sideways. The
// generate-flow page is checked again after a generation, when its event log holds long JSON lines, and while the
// generated chatbot is being edited.
// Run: node scripts/check-demo-pages.mjs (part of npm test). Chromium (/usr/bin/chromium or CHROME_PATH).
import { DEMO_PAGES, openPage, settle, startDemoBrowser } from './demo-browser.mjs';

/** How far the page is wider than its window, and the elements (outside scroll boxes) reaching past the edge. */
const overflow = (page) =>
  page.evaluate(() => {
    const width = window.innerWidth;
    const wider = document.documentElement.scrollWidth - width;
    const culprits = [];
    if (wider > 0) {
      for (const n of document.querySelectorAll('body *')) {
        const r = n.getBoundingClientRect();
        if (r.right > width + 1 && r.width > 0)
          culprits.push(`${n.localName}${n.id ? '#' + n.id : ''} → ${Math.round(r.right)}`);
      }
    }
    return { wider, culprits: culprits.slice(0, 8) };
  });

const demo = await startDemoBrowser({ speed: 50 });
const failures = [];
try {
  for (const name of DEMO_PAGES) {
    for (const width of [390, 1280]) {
      const page = await openPage(demo, `/demo/${name}.html`, { width });
      const checks = [['loaded', await overflow(page)]];
      if (name === 'generate-flow') {
        // A generation: the event log fills with the status changes and the finished event.
        await page.evaluate(() => document.querySelector('recrubo-generate-flow').submit());
        await page.waitForFunction(() => document.getElementById('stored').textContent !== 'None yet', {
          timeout: 60_000,
        });
        await settle(page);
        checks.push(['after a generation', await overflow(page)]);
        // "Edit the chatbot": the editor (fields, toolbar, chat preview) in place of the preview.
        await page.evaluate(() =>
          document.querySelector('recrubo-generate-flow').shadowRoot.querySelector('[part~="edit-button"]').click(),
        );
        await page.waitForFunction(
          () =>
            document
              .querySelector('recrubo-generate-flow')
              .shadowRoot.querySelector('recrubo-flow-editor')
              ?.shadowRoot?.querySelector('[part~="toolbar"]'),
          { timeout: 30_000 },
        );
        await settle(page);
        checks.push(['editing the chatbot', await overflow(page)]);
      }
      for (const [when, { wider, culprits }] of checks) {
        const line = `${name}.html at ${width}px (${when}): ${wider > 0 ? `${wider}px too wide: ${culprits.join(', ')}` : 'fits'}`;
        console.log(`${wider > 0 ? '✖' : '✓'} ${line}`);
        if (wider > 0) failures.push(line);
      }
      await page.close();
    }
  }
} finally {
  await demo.close();
}
if (failures.length) {
  console.error(`\n${failures.length} demo page(s) scroll sideways.`);
  process.exit(1);
}
