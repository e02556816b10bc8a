// custom-elements.json from the elements' JSDoc and `static properties` (npm run analyze → scripts/analyze.mjs,
// which uses this file; `npx cem analyze --litelement` reads it too).
// The sources: every element's component and define module (scripts/elements.mjs) and the shared base classes,
// whose attributes (`base-url`, `api-key`) every element inherits.
import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { discoverElements, distRel, rel, root } from './scripts/elements.mjs';

/** Members of the base classes that are for element authors, not for integrators. */
const INTERNAL_MEMBERS = new Set([
  'api',
  'signal',
  'emit',
  't',
  'reportError',
  'errorMessage',
  'announce',
  'config',
  'strings',
  'version',
  'styles',
  'properties',
  'formAssociated',
  'shadowRootOptions',
  'formAssociatedCallback',
  'formResetCallback',
  'formDisabledCallback',
  'formStateRestoreCallback',
  'dependencies',
]);

/** Event detail types from src/shared/events.ts, for `@fires` lines that give no type. */
const EVENT_TYPES = {
  'recrubo-generation-submit': 'CustomEvent<GenerationSubmitDetail>',
  'recrubo-generation-created': 'CustomEvent<GenerationCreatedDetail>',
  'recrubo-generation-status-change': 'CustomEvent<GenerationStatusChangeDetail>',
  'recrubo-generation-finished': 'CustomEvent<GenerationFinishedDetail>',
  'recrubo-run-status-change': 'CustomEvent<RunStatusChangeDetail>',
  'recrubo-error': 'CustomEvent<ErrorDetail>',
};

/**
 * Removes private, protected, `_`/`#`-named, `@internal` and base-internal members; the attributes of internal
 * reactive state (`state: true` or a private field); events found in code but not documented with `@fires` (the
 * base's `emit(type, …)`). Fills in an event's type from src/shared/events.ts when `@fires` gave none.
 */
function publicOnlyPlugin() {
  return {
    name: 'recrubo-public-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          const hidden = new Set();
          const isPublic = (m) =>
            m.privacy !== 'private' &&
            m.privacy !== 'protected' &&
            !/^[_#]/.test(m.name) &&
            !m.internal &&
            !INTERNAL_MEMBERS.has(m.name) &&
            !(m.kind === 'method' && m.static);
          for (const m of decl.members ?? []) if (!isPublic(m)) hidden.add(m.name);
          if (decl.members) decl.members = decl.members.filter(isPublic);
          if (decl.attributes) {
            const seen = new Set();
            decl.attributes = decl.attributes.filter(
              (a) =>
                a.name &&
                !hidden.has(a.fieldName) && // `state: true` fields: the analyzer names their "attribute" after the camelCase field
                !(a.fieldName && a.fieldName === a.name && /[A-Z]/.test(a.name)) &&
                !seen.has(a.name) &&
                seen.add(a.name),
            );
          }
          if (decl.events) {
            const seen = new Set();
            decl.events = decl.events.filter((e) => e.name && e.description && !seen.has(e.name) && seen.add(e.name));
            for (const e of decl.events) if (!e.type && EVENT_TYPES[e.name]) e.type = { text: EVENT_TYPES[e.name] };
          }
        }
      }
    },
  };
}

/**
 * Our `define(tag, Class)` is not `customElements.define`, so the analyzer does not see the registration: add the
 * `custom-elements-definition` export to each define module and point its re-export of the class at the component.
 */
function defineModulesPlugin() {
  const elements = discoverElements();
  return {
    name: 'recrubo-define-modules',
    packageLinkPhase({ customElementsManifest }) {
      for (const el of elements) {
        const mod = customElementsManifest.modules.find((m) => m.path === rel(el.define));
        if (!mod) continue;
        const declaration = { name: el.className, module: rel(el.component) };
        // an element without `@tag` in its JSDoc (e.g. one not built on RecruboElement) is still an element
        const component = customElementsManifest.modules.find((m) => m.path === rel(el.component));
        const decl = component?.declarations?.find((d) => d.name === el.className);
        if (decl && !decl.tagName) Object.assign(decl, { tagName: el.tag, customElement: true });
        mod.exports = (mod.exports ?? []).map((e) => (e.name === el.className ? { ...e, declaration } : e));
        mod.exports.push({ kind: 'custom-element-definition', name: el.tag, declaration });
      }
    },
  };
}

/** Stable, machine-independent output: module paths relative to the package root, sorted. */
function stableOrderPlugin() {
  return {
    name: 'recrubo-stable-order',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
    },
  };
}

/**
 * Module paths as the package ships them: `src/x.ts` → `dist/x.js` (package.json "exports" has `./dist/*.js`), so
 * manifest-driven tools import files that exist. The analyzer writes a local superclass as `/src/x.js`: fixed too.
 */
function distPathsPlugin() {
  const toDist = (path) => distRel(join(root, path.replace(/^\//, '').replace(/\.js$/, '.ts')));
  // `path`/`module` strings: `src/…` or `/src/…` from the root, `./x.js` relative to the module they are in
  const visit = (node, dir) => {
    if (Array.isArray(node)) node.forEach((n) => visit(n, dir));
    else if (node && typeof node === 'object')
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'path' || key === 'module') && typeof value === 'string' && /^(\/?src\/|\.\.?\/)/.test(value))
          node[key] = toDist(value.startsWith('.') ? posix.join(dir, value) : value);
        else visit(value, dir);
      }
  };
  return {
    name: 'recrubo-dist-paths',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) visit(mod, posix.dirname(mod.path));
    },
  };
}

export default {
  globs: [
    ...discoverElements().flatMap((el) => [rel(el.component), rel(el.define)]),
    'src/shared/recrubo-element.ts',
    'src/shared/configurable-element.ts',
    // an element's base class kept beside it (the schedule picker's form-control part)
    ...discoverElements()
      .map((el) => join(el.dir, 'form-control.ts'))
      .filter((file) => existsSync(file))
      .map(rel),
  ],
  exclude: [],
  outdir: '.',
  litelement: true,
  dev: false,
  packagejson: false,
  plugins: [publicOnlyPlugin(), defineModulesPlugin(), stableOrderPlugin(), distPathsPlugin()],
};
