// The consumer apps of scripts/check-consumers.mjs: their code is the `<!-- checked: app/file -->` blocks of
// docs/frameworks.md, verbatim; this module adds only what a real app has around them (index.html, the entry that
// mounts the example with a run id, tsconfig) and one deliberately wrong copy per type checker, which must fail
// (so a checker that stopped looking, or types that became `any`, cannot pass unnoticed).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { root } from './elements.mjs';

/** `{ 'vue/src/RunStatus.vue': '…' }` from the guide's checked blocks. */
export function checkedBlocks(markdown = readFileSync(join(root, 'docs/frameworks.md'), 'utf8')) {
  const blocks = {};
  for (const m of markdown.matchAll(/<!-- checked: (\S+) -->\n```[a-z]*\n([\s\S]*?)\n```/g)) blocks[m[1]] = `${m[2]}\n`;
  return blocks;
}

const html = (body, entry) =>
  `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>consumer</title></head>\n<body>\n${body}\n<script type="module" src="${entry}"></script>\n</body>\n</html>\n`;

const strictTs = {
  target: 'ES2022',
  module: 'ESNext',
  moduleResolution: 'Bundler',
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  strict: true,
  noEmit: true,
  skipLibCheck: false,
  types: [],
};

/** A string replaced in a copy of a checked file; the checker must report an error in that copy. */
const wrong = (from, to, search, replace) => ({ from, to, search, replace });

/**
 * @param runId a run the sandbox has (its element shows the status and fires recrubo-run-status-change)
 * @returns the apps: files to write besides the checked blocks, the wrong copies, what builds and what checks
 */
export function consumerApps(runId) {
  return {
    vanilla: {
      build: true,
      files: {
        'index.html': html(
          `<recrubo-flow-run-status run-id="${runId}"></recrubo-flow-run-status>\n<p class="last-status"></p>`,
          '/main.js',
        ),
      },
    },
    react: {
      build: true,
      check: ['tsc'],
      files: {
        'index.html': html('<div id="root"></div>', '/src/main.tsx'),
        'src/main.tsx': [
          "import { createRoot } from 'react-dom/client';",
          "import { RunStatus } from './RunStatus';",
          "import { NativeRunStatus } from './NativeRunStatus';",
          '',
          'const getToken = async () => ((await (await fetch("/api/recrubo-token")).json()) as { token: string }).token;',
          "createRoot(document.getElementById('root')!).render(",
          '  <>',
          `    <RunStatus runId="${runId}" />`,
          `    <NativeRunStatus runId="${runId}" getToken={getToken} onStatus={(s) => (document.body.dataset.native = s)} />`,
          '  </>,',
          ');',
          '',
        ].join('\n'),
        'tsconfig.json': json({ compilerOptions: { ...strictTs, jsx: 'react-jsx', types: [] }, include: ['src'] }),
      },
      wrong: [wrong('src/RunStatus.tsx', 'src/Wrong.tsx', 'event.detail.status', 'event.detail.nope')],
    },
    vue: {
      build: true,
      check: ['vue-tsc'],
      files: {
        'index.html': html('<div id="app"></div>', '/src/main.ts'),
        'src/main.ts': `import { createApp } from 'vue';\nimport RunStatus from './RunStatus.vue';\n\ncreateApp(RunStatus, { runId: '${runId}' }).mount('#app');\n`,
        'tsconfig.json': json({ compilerOptions: strictTs, include: ['src/**/*.ts', 'src/**/*.vue'] }),
      },
      // the template is checked against the package's Vue types: a number is no run id
      wrong: [wrong('src/RunStatus.vue', 'src/Wrong.vue', ':run-id="runId"', ':run-id="42"')],
    },
    svelte: {
      check: ['svelte-check'],
      files: {
        'tsconfig.json': json({ compilerOptions: { ...strictTs, verbatimModuleSyntax: true }, include: ['src'] }),
        'svelte.config.js': 'export default {};\n',
        // Svelte 4's `on:` (a component without runes): typed the same way
        'src/Legacy.svelte': [
          '<script lang="ts">',
          "  import 'recrubo-elements/elements/recrubo-flow-run-status/define.js';",
          '  export let runId: string;',
          "  let status = 'unknown';",
          '</script>',
          '',
          '<recrubo-flow-run-status run-id={runId} on:recrubo-run-status-change={(event) => (status = event.detail.status)}',
          '></recrubo-flow-run-status>',
          '<p>{status}</p>',
          '',
        ].join('\n'),
      },
      wrong: [
        wrong('src/RunStatus.svelte', 'src/Wrong.svelte', 'event.detail.status', 'event.detail.nope'),
        wrong('src/Legacy.svelte', 'src/BadLegacy.svelte', 'event.detail.status', 'event.detail.nope'),
      ],
    },
    angular: {
      check: ['ngc'],
      files: {
        'tsconfig.json': json({
          compilerOptions: { ...strictTs, experimentalDecorators: false, useDefineForClassFields: false },
          include: ['src'],
          angularCompilerOptions: { strictTemplates: true, strictInjectionParameters: true },
        }),
      },
      // the template is checked against the component (strictTemplates)
      wrong: [
        wrong(
          'src/run-status.component.ts',
          'src/wrong.component.ts',
          '{{ status() }}',
          '{{ statuz() }}',
          // a second selector/class name, so both components can live in one program
        ),
      ],
    },
  };
}

export const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

/** Writes one app (the checked blocks under `name/`, its own files, the wrong copies) into `dir`. */
export function writeApp(dir, name, app, blocks) {
  const files = { 'package.json': json({ name: `consumer-${name}`, private: true, type: 'module' }) };
  for (const [path, text] of Object.entries(blocks))
    if (path.startsWith(`${name}/`)) files[path.slice(name.length + 1)] = text;
  Object.assign(files, app.files);
  for (const w of app.wrong ?? []) {
    const text = files[w.from];
    if (!text?.includes(w.search)) throw new Error(`${name}/${w.from}: "${w.search}" is not in the checked example`);
    files[w.to] = text
      .replace(w.search, w.replace)
      .replace(/RunStatusComponent/g, 'WrongComponent')
      .replace("'app-run-status'", "'app-wrong'");
  }
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return files;
}
