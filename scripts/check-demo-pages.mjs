#!/usr/bin/env node
// Every demo page at a phone's width (390 px) and a laptop's (1280 px): the page must not scroll sideways, and every
// box that scrolls is a named stop in the tab order (a keyboard can scroll it in every browser). The generate-flow
// page is checked again after a generation, when its event log holds long JSON lines. The candidate table: on a
// phone every row's status is in view without scrolling sideways, and each name belongs to its run (a run that
// answered a first name is named with it), the invite dialog stays centred when it shrinks,
// and the generate-flow page is checked while the generated chatbot is being edited.
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

/** Boxes of the page (not inside an element) that scroll but are no named Tab stop. */
const unnamedScrollBoxes = (page) =>
  page.evaluate(() => {
    const found = [];
    for (const n of document.querySelectorAll('body *')) {
      const cs = getComputedStyle(n);
      const scrolls =
        (/auto|scroll/.test(cs.overflowX) && n.scrollWidth > n.clientWidth + 1) ||
        (/auto|scroll/.test(cs.overflowY) && n.scrollHeight > n.clientHeight + 1);
      if (!scrolls || n.localName === 'dialog' || n === document.scrollingElement) continue;
      const named = n.hasAttribute('aria-label') || n.hasAttribute('aria-labelledby');
      if (n.tabIndex < 0 || !named)
        found.push(`${n.localName}${n.id ? '#' + n.id : ''}${n.className ? '.' + n.className : ''}`);
    }
    return found.slice(0, 8);
  });

/** The candidate table: statuses out of view at this width, and rows whose name is not their run's. */
const candidateTable = (page) =>
  page.evaluate(async () => {
    const wrap = document.getElementById('table-wrap');
    const rows = () => [...document.querySelectorAll('#rows tr[data-run-id]')];
    for (let i = 0; i < 100 && !rows().every((tr) => tr.querySelector('recrubo-flow-run-status')?.run); i++)
      await new Promise((r) => setTimeout(r, 100));
    const edge = wrap.getBoundingClientRect().right;
    const problems = [];
    if (wrap.scrollWidth > wrap.clientWidth + 1)
      problems.push(`the table scrolls sideways (${wrap.scrollWidth} in ${wrap.clientWidth})`);
    for (const tr of rows()) {
      const badge = tr.querySelector('recrubo-flow-run-status');
      const name = tr.querySelector('.candidate').textContent;
      if (badge.getBoundingClientRect().right > edge + 1) problems.push(`${name}: status out of view`);
      const first = badge.run?.state?.first_name;
      if (typeof first === 'string' && !/[<>]/.test(first) && !name.startsWith(first))
        problems.push(`"${name}" on a run that answered "${first}"`);
    }
    return problems.slice(0, 8);
  });

/** The invite dialog stays centred when its content shrinks (after "Invitation sent"). */
const inviteDialog = (page) =>
  page.evaluate(async () => {
    document.getElementById('add').click();
    const dialog = document.getElementById('invite-dialog');
    document.getElementById('invite').hidden = true; // what "Invitation sent" does: a much shorter dialog
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const r = dialog.getBoundingClientRect();
    const [above, below] = [r.top, innerHeight - r.bottom];
    dialog.close();
    document.getElementById('invite').hidden = false;
    return Math.abs(above - below) > 2
      ? [`the dialog is not centred (${Math.round(above)} px above, ${Math.round(below)} px below)`]
      : [];
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
      const extra = [['scroll boxes without a name or Tab stop', await unnamedScrollBoxes(page)]];
      if (name === 'flow-run-status') {
        extra.push(['candidate table', await candidateTable(page)]);
        extra.push(['invite dialog', await inviteDialog(page)]);
      }
      for (const [what, problems] of extra) {
        const line = `${name}.html at ${width}px, ${what}: ${problems.length ? problems.join(', ') : 'none'}`;
        console.log(`${problems.length ? '✖' : '✓'} ${line}`);
        if (problems.length) failures.push(line);
      }
      await page.close();
    }
  }
} finally {
  await demo.close();
}
if (failures.length) {
  console.error(`\n${failures.length} demo page check(s) failed:\n${failures.join('\n')}`);
  process.exit(1);
}
