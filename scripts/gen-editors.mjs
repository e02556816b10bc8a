// Editor data generated from custom-elements.json (called by scripts/analyze.mjs; `npm run analyze`), both shipped
// in the package and named in package.json:
//   vscode.html-custom-data.json   VS Code's custom HTML data (`"html.customData"` in .vscode/settings.json)
//   web-types.json                 JetBrains IDEs (package.json "web-types"): tags, attributes, properties, events
import { elementsOf, writableFields } from './gen-react.mjs';

const text = (s) => (s ?? '').trim();
/** `'badge' | 'card'` → ['badge', 'card']; anything else (string, a named type) → [] */
const literals = (type = '') => {
  const parts = type.split('|').map((p) => p.trim());
  return parts.every((p) => /^'[^']*'$/.test(p) || p === 'undefined')
    ? parts.filter((p) => p !== 'undefined').map((p) => p.slice(1, -1))
    : [];
};

export function renderEditors(manifest, pkg) {
  const elements = elementsOf(manifest);
  const docs = (el) => `${text(el.decl.summary) || text(el.decl.description)}`;
  const vscode = {
    $schema: 'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json',
    version: 1.1,
    tags: elements.map((el) => ({
      name: el.tag,
      description: [docs(el), ...(el.decl.events ?? []).map((e) => `Event \`${e.name}\`: ${text(e.description)}`)]
        .filter(Boolean)
        .join('\n\n'),
      attributes: (el.decl.attributes ?? []).map((a) => {
        const values = /\bboolean\b/.test(a.type?.text ?? '') ? [] : literals(a.type?.text);
        return {
          name: a.name,
          description: text(a.description),
          ...(/\bboolean\b/.test(a.type?.text ?? '') ? { valueSet: 'v' } : {}),
          ...(values.length ? { values: values.map((name) => ({ name })) } : {}),
        };
      }),
    })),
  };
  const webTypes = {
    $schema: 'https://json.schemastore.org/web-types',
    name: pkg.name,
    version: pkg.version,
    'description-markup': 'markdown',
    'js-types-syntax': 'typescript',
    contributions: {
      html: {
        elements: elements.map((el) => ({
          name: el.tag,
          description: docs(el),
          attributes: (el.decl.attributes ?? []).map((a) => ({
            name: a.name,
            description: text(a.description),
            value: { type: a.type?.text ?? 'string', ...(a.default ? { default: a.default } : {}) },
          })),
          js: {
            properties: writableFields(el.decl).map((m) => ({
              name: m.name,
              description: text(m.description),
              ...(m.type?.text ? { type: m.type.text } : {}),
            })),
            events: (el.decl.events ?? []).map((e) => ({ name: e.name, description: text(e.description) })),
          },
          events: (el.decl.events ?? []).map((e) => ({ name: e.name, description: text(e.description) })),
        })),
      },
    },
  };
  const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
  return { 'vscode.html-custom-data.json': json(vscode), 'web-types.json': json(webTypes) };
}
