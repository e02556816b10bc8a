#!/usr/bin/env node
// npm run size: minified + brotli sizes of what a page downloads, against issue #19's budgets (README, "Size").
//   - dist/cdn/recrubo-elements.js as built (run `npm run build` first): everything in one file;
//   - script-tag pages: dist/cdn/loader.js plus one element's chunk and the files it imports at once (built in
//     memory as the build does, brotli per file), and the same plus each lazy part (the run card, the push stream);
//   - each define entry "with its dependencies": bundled in memory with esbuild (splitting, so a lazy import is not
//     counted), minified, lit/ky/everything in: what a bundler user pays for that one element.
// Two numbers per budgeted row:
//   - the target: the budget. Where a row misses it the miss is printed, not fatal, and the "floor" lines
//     below the table say what the row is made of: lit + @lit/context + ky and the api layer + base element weigh
//     ~19 KB before an element's own code, so the 20/22/18 KB targets leave an element 1-3 KB;
//   - the ceiling: enforced (exit 1). The budget where a row meets it, else the measured size plus ~0.5 KB, so that
//     nothing grows unnoticed. Lower a ceiling whenever a row shrinks; never raise one without saying why.
//   node scripts/check-size.mjs [--why]   --why: also list the biggest inputs of each entry over budget
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { cdnBuildOptions } from './cdn-options.mjs';
import { discoverElements, rel, root } from './elements.mjs';
import { buildLoader } from './cdn-chunks.mjs';

const KB = 1024;
// Issue #19's budgets, per page (the total script a visitor downloads). Where a row meets its budget, the budget is
// the enforced ceiling; where it does not yet, the ceiling is today's size (nothing grows unnoticed) and the row
// says "target not met". The old targets of issue #7 (24 KB bundle, 13 KB flow-run-status) are retired.
const TARGETS = {
  'dist/cdn/loader.js': 1.5 * KB,
  '(page) loader + recrubo-flow-run-status': 20 * KB,
  '(page) loader + recrubo-apply': 20 * KB,
  '(page) loader + recrubo-schedule-picker': 22 * KB,
  'src/elements/recrubo-flow-run-status/define.ts': 18 * KB,
};
const BUDGETS = {
  // Ceilings: today's size plus a little room (raised at the wave-2 merge: four new elements, the push transport,
  // the hardened card; what each row pays is in README "Size"). Lower one whenever an entry shrinks.
  // 78.5 KB with all eight elements: pages that use a few load dist/cdn/loader.js instead. Raised to 84 KB for
  // issue #13 (83.2 KB): the page announcer, the stale sign, a finished run's outcome (flow-info with knockouts),
  // the card's action feedback (429 countdown, recovery), its Dutch labels for well-known answer keys, and an
  // Idempotency-Key on every POST.
  // Issue #30: the store takes a pushed status from the event and coalesces push refetches. Raised for issue 29 (<recrubo-flow-editor>) and issue 28 (<recrubo-inbox> and the conversation's "Send a
  // template"): measured on the merged tree (see the README's Size table).
  // Size pass after wave 3 (issue #30 push, #28 inbox, #29 editor merged): 103.3 KB measured, + 0.3.
  // 103.7 KB after the walkthrough's fixes (the inbox's search loads its result's candidate, the template fields'
  // examples, the conversation's scroll keeper follows size changes).
  'dist/cdn/recrubo-elements.js': 104 * KB,
  'dist/cdn/loader.js': 1.5 * KB,
  '(page) loader + recrubo-apply': 20 * KB,
  // Targets not met (measured after the lazy card, issue #19, and issue #13's badge work: the stale sign, the
  // page announcer, a finished run's outcome from its flow's knockouts): the ceiling is the measured size + ~0.5 KB.
  // What the floor is made of is printed below the table.
  // Issue #30 (push without a GET per change: push-change.ts in the store) added ~0.5 KB to these two.
  // Size pass after wave 3: push's verdict/Coalescer moved into the push chunk, flow-info static (2 files, one round
  // trip; a finished badge no longer fetches a third and fourth); each ceiling is the measured size + 0.3 KB at most.
  '(page) loader + recrubo-flow-run-status': 27.2 * KB, // 26.95 KB (27.0 before, 28.0 with a finished run); target 20
  '(page) loader + recrubo-flow-run-status + card': 34.4 * KB, // 34.15 KB: a card page, the card chunk on top
  '(page) loader + recrubo-schedule-picker': 27.2 * KB, // 26.96 KB (27.2 before the size pass); target 22
  'src/elements/recrubo-flow-run-status/define.ts': 25.7 * KB, // 25.46 KB, flow-info (the outcome) now in; target 18
  // <recrubo-start-run> with the schedule picker and the run badge it renders.
  'src/elements/recrubo-start-run/define.ts': 38.6 * KB, // 38.38 KB (its card is lazy too; the badge's flow-info not)
  'src/elements/recrubo-apply/define.ts': 19 * KB,
  // <recrubo-flow-editor>: the draft with undo/redo, its field element, the save controller, the chat preview on the
  // preview's flow model and the shared WhatsApp limits (measured 30.2 KB define, 30.9 KB script-tag page).
  'src/elements/recrubo-flow-editor/define.ts': 30.9 * KB, // 30.65 KB: 30.7 left it 0.05 KB
  '(page) loader + recrubo-flow-editor': 31.6 * KB, // 31.38 KB: 31.4 left it 0.02 KB
  // <recrubo-inbox> with the conversation, the run badge and its own internal parts (44.9 KB measured).
  'src/elements/recrubo-inbox/define.ts': 46.7 * KB, // 46.4 KB after the walkthrough's fixes (search candidates, template labels)
  '(page) loader + recrubo-inbox': 48.3 * KB, // 48.0 KB after the walkthrough's fixes
};
const why = process.argv.includes('--why');

const brotli = (bytes) =>
  brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length;

const rows = [];

const cdnFile = join(root, 'dist/cdn/recrubo-elements.js');
if (!existsSync(cdnFile)) {
  console.error('size: dist/cdn/recrubo-elements.js is missing: run `npm run build` first.');
  process.exit(1);
}
rows.push(measure('dist/cdn/recrubo-elements.js', 'CDN bundle (everything)', readFileSync(cdnFile)));

// Script-tag pages with the loader (dist/cdn/loader.js + dist/cdn/elements/<tag>.js), built in memory as the build
// does: the loader alone, and the loader plus one element's chunk (brotli per file, as a browser downloads them).
// A row appears by itself for every discovered element (recrubo-apply once that element exists).
const loader = await buildLoader({ outdir: join(root, 'dist/.size/cdn'), write: false });
rows.push(measure('dist/cdn/loader.js', 'script tag: loader.js alone', loader.loaderContents));
// A page of one element: the loader, <tag>.js and what it imports at once (preloaded), brotli per file. Its lazy
// parts (the run card, the push transport) are rows of their own: what a page that uses them pays on top.
const pageRow = (file, label, files, contents) => {
  const row = measure(file, label, loader.loaderContents);
  for (const f of files) {
    const one = measure(f, f, contents[f]);
    row.min += one.min;
    row.gzip += one.gzip;
    row.brotli += one.brotli;
  }
  row.files = files.length;
  return row;
};
for (const [tag, chunk] of Object.entries(loader.chunks)) {
  const page = [chunk.entry, ...chunk.static];
  rows.push(pageRow(`(page) loader + ${tag}`, `script tag: loader + <${tag}> only`, page, chunk.contents));
  for (const lazy of chunk.lazy) {
    const part = /^chunks\/([a-z]+)-/.exec(lazy)?.[1] ?? lazy;
    rows.push(
      pageRow(
        `(page) loader + ${tag} + ${part}`,
        `script tag: loader + <${tag}> + its ${part} (lazy)`,
        [...page, lazy],
        chunk.contents,
      ),
    );
  }
}

// The floor every element pays: lit, @lit/context, the api layer with ky, and the base element.
const floor = await bundle({
  stdin: {
    contents:
      "import { RecruboElement, define } from './src/shared/recrubo-element.ts'; define('x-floor', class extends RecruboElement {});",
    resolveDir: root,
    loader: 'ts',
  },
});
rows.push(
  measure('(shared base)', 'shared base (lit + api layer + ky + RecruboElement)', floor.outputFiles[0].contents),
);

// What the targets leave room for: the libraries the contract names, and the elements' words and CSS, each alone
// (lit external for the last two). Their sum is what the CDN bundle pays before any of our code runs.
const only = async (label, contents, external = []) =>
  rows.push(
    measure(
      `(${label})`,
      label,
      (await bundle({ stdin: { contents, resolveDir: root, loader: 'ts' }, external })).outputFiles[0].contents,
    ),
  );
const elementFiles = discoverElements().map((el) => rel(el.define).replace(/\/define\.ts$/, ''));
const reexport = (paths) => paths.map((p, i) => `export * as m${i} from './${p}';`).join('\n');
await only(
  'lit + @lit/context + ky, nothing else',
  // what src/ imports from them
  "export { LitElement, html, svg, css, nothing } from 'lit'; export { repeat } from 'lit/directives/repeat.js'; export { live } from 'lit/directives/live.js'; export { ifDefined } from 'lit/directives/if-defined.js';" +
    " export { ContextConsumer, ContextProvider, createContext } from '@lit/context'; export { default as ky } from 'ky';",
);
// The words (en + nl) and the CSS: of every element together, and of each budgeted element (with the shared ones).
const wordsAndCss = (dirs) => [
  'src/shared/i18n.ts',
  'src/shared/theme.styles.ts',
  'src/shared/base.styles.ts',
  ...dirs.flatMap((d) =>
    readdirSync(join(root, d))
      .filter((f) => f === 'strings.ts' || f.endsWith('.styles.ts'))
      .map((f) => `${d}/${f}`),
  ),
];
await only('UI strings (en + nl) and CSS of every element', reexport(wordsAndCss(elementFiles)), ['lit']);
for (const d of elementFiles.filter((d) => BUDGETS[`${d}/define.ts`])) {
  await only(`UI strings (en + nl) and CSS of <${d.split('/').pop()}>`, reexport(wordsAndCss([d])), ['lit']);
}

for (const el of discoverElements()) {
  const entry = rel(el.define);
  // With `splitting`, as a bundler that splits does: what the element imports lazily (the run card, the push
  // transport) is not in its row. The row is the entry and the chunks it imports at once, as one file.
  const result = await bundle({ entryPoints: [el.define], splitting: true });
  const outputs = result.metafile.outputs;
  const start = Object.keys(outputs).find((p) => outputs[p].entryPoint);
  const closure = [start];
  for (let i = 0; i < closure.length; i++)
    for (const imp of outputs[closure[i]].imports)
      if (imp.kind === 'import-statement' && !closure.includes(imp.path)) closure.push(imp.path);
  const bytes = Buffer.concat(closure.map((p) => result.outputFiles.find((f) => f.path === join(root, p)).contents));
  const row = measure(entry, `<${el.tag}> define, with its dependencies`, bytes);
  row.inputs = Object.assign({}, ...closure.map((p) => outputs[p].inputs));
  rows.push(row);
}

// The same esbuild settings as the CDN bundle, for one entry, in memory.
function bundle(options) {
  return build(
    cdnBuildOptions({
      entryPoints: undefined,
      banner: undefined,
      ...options,
      write: false,
      metafile: true,
      outdir: join(root, 'dist/.size'),
      logLevel: 'silent',
    }),
  );
}

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const kb = (n) => `${(n / KB).toFixed(1)} KB`;
const w = Math.max(...rows.map((r) => r.label.length));
console.log(
  `${pad('entry', w)}  ${lpad('min', 9)}  ${lpad('gzip', 9)}  ${lpad('brotli', 9)}  ${lpad('ceiling', 9)}  ${lpad('target', 9)}  status`,
);
console.log(
  `${'-'.repeat(w)}  ${'-'.repeat(9)}  ${'-'.repeat(9)}  ${'-'.repeat(9)}  ${'-'.repeat(9)}  ${'-'.repeat(9)}  ------`,
);
for (const r of rows) {
  const target = TARGETS[r.file];
  const status =
    r.budget === undefined
      ? '(info)'
      : r.brotli > r.budget
        ? 'OVER CEILING'
        : target !== undefined && r.brotli > target
          ? 'ok (target not met)'
          : 'ok';
  console.log(
    `${pad(r.label, w)}  ${lpad(kb(r.min), 9)}  ${lpad(kb(r.gzip), 9)}  ${lpad(kb(r.brotli), 9)}  ${lpad(r.budget === undefined ? '-' : kb(r.budget), 9)}  ${lpad(target === undefined ? '-' : kb(target), 9)}  ${status}`,
  );
}

// What a missed target is made of: the floor every element pays (the loader on a script-tag page, the libraries,
// the api layer and base element) and what is left for the element's own code.
const find = (file) => rows.find((r) => r.file === file);
const libs = find('(lit + @lit/context + ky, nothing else)').brotli;
const base = find('(shared base)').brotli;
const loaderKb = find('dist/cdn/loader.js').brotli;
const missed = rows.filter((r) => TARGETS[r.file] !== undefined && r.brotli > TARGETS[r.file]);
if (missed.length) {
  console.log(
    `\nfloor (min+brotli): lit + @lit/context + ky ${kb(libs)} + api layer, shared code and base element ${kb(base - libs)} = ${kb(base)}, plus ${kb(loaderKb)} for loader.js on a script-tag page`,
  );
  for (const r of missed) {
    const floor = base + (r.file.startsWith('(page)') ? loaderKb : 0);
    console.log(
      `  ${r.label}: ${kb(r.brotli)} = floor ${kb(floor)} + the element's own code ${kb(r.brotli - floor)}; the ${kb(TARGETS[r.file])} target leaves it ${kb(Math.max(0, TARGETS[r.file] - floor))}`,
    );
  }
}

const over = rows.filter((r) => r.budget !== undefined && r.brotli > r.budget);
for (const r of over) {
  console.error(
    `size: ${r.file} is ${kb(r.brotli)} min+brotli, over its ceiling of ${kb(r.budget)} by ${kb(r.brotli - r.budget)}.`,
  );
  if (why && r.inputs) {
    const top = Object.entries(r.inputs)
      .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
      .slice(0, 15);
    for (const [input, { bytesInOutput }] of top) console.error(`    ${lpad(kb(bytesInOutput), 9)} min  ${input}`);
  }
}
if (over.length) {
  if (!why)
    console.error('size: `node scripts/check-size.mjs --why` lists the biggest inputs of each entry over budget.');
  process.exit(1);
}

function measure(file, label, bytes) {
  return {
    file,
    label,
    min: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotli(bytes),
    budget: BUDGETS[file],
  };
}
