// Prints one closing line per engine and one for the whole run, "browsers: N passed, N failed, N skipped",
// so that the totals can be read without parsing the progress bars. scripts/test-browsers.mjs repeats them
// as the very last lines of the run (RECRUBO_SUMMARY_FILE).
import { writeFileSync } from 'node:fs';
function count(suite, totals) {
  if (!suite) return;
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite.suites ?? []) count(child, totals);
}

export function summaryReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const all = { passed: 0, failed: 0, skipped: 0 };
      const perEngine = new Map();
      for (const session of sessions) {
        const name = session.browser.name;
        const totals = perEngine.get(name) ?? { passed: 0, failed: 0, skipped: 0 };
        count(session.testResults, totals);
        // A file that failed to load or threw outside a test counts as one failure.
        if (!session.passed && session.errors.length > 0) totals.failed++;
        perEngine.set(name, totals);
      }
      const line = (t) => `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`;
      const lines = [];
      for (const [name, totals] of perEngine) {
        lines.push(`[${name}] ${line(totals)}`);
        for (const k of Object.keys(all)) all[k] += totals[k];
      }
      lines.push(`browsers: ${line(all)}`);
      if (process.env.RECRUBO_SUMMARY_FILE) writeFileSync(process.env.RECRUBO_SUMMARY_FILE, lines.join('\n') + '\n');
      else console.log(lines.join('\n'));
    },
  };
}
