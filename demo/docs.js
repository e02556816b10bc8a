// Renders custom-elements.json as tables: one section per element, one table per kind of member.
const reference = document.getElementById('reference');
const toc = document.getElementById('toc');

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c != null));
  return node;
};
const code = (text) => el('code', { textContent: text ?? '' });
/** A description from the sources: `backticks` become inline code, the rest stays text (never parsed as HTML). */
const text = (value) => {
  const span = el('span');
  String(value ?? '')
    .split(/`([^`]+)`/)
    .forEach((part, i) => part && span.append(i % 2 ? code(part) : document.createTextNode(part)));
  return span;
};
const typeOf = (member) => member.type?.text ?? '';

/** A scrolling box is a named region in the tab order, so a keyboard can scroll it sideways in every browser. */
const scrollRegion = (name, ...children) => {
  const box = el('div', { className: 'table-scroll', tabIndex: 0 }, ...children);
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', name);
  return box;
};

function table(tag, caption, headings, rows) {
  if (!rows.length) return null;
  return el(
    'div',
    {},
    el('h3', { textContent: caption }),
    scrollRegion(
      `${caption} of <${tag}>`,
      el(
        'table',
        {},
        el('thead', {}, el('tr', {}, ...headings.map((h) => el('th', { scope: 'col', textContent: h })))),
        el('tbody', {}, ...rows.map((cells) => el('tr', {}, ...cells.map((c) => el('td', {}, c))))),
      ),
    ),
  );
}

function section(decl) {
  const id = decl.tagName;
  const publicMembers = (decl.members ?? []).filter(
    (m) => m.privacy !== 'private' && m.privacy !== 'protected' && !m.static && !m.name.startsWith('_'),
  );
  const fields = publicMembers.filter((m) => m.kind === 'field');
  const methods = publicMembers.filter((m) => m.kind === 'method');
  return el(
    'section',
    { className: 'card element', id },
    el('h2', {}, code(`<${decl.tagName}>`)),
    el('p', {}, text(decl.summary ?? decl.description)),
    decl.summary && decl.description ? el('p', { className: 'muted' }, text(decl.description)) : null,
    table(
      id,
      'Attributes',
      ['Attribute', 'Property', 'Type', 'Default', 'Description'],
      (decl.attributes ?? []).map((a) => [
        code(a.name),
        code(a.fieldName),
        code(typeOf(a)),
        code(a.default),
        text(a.description),
      ]),
    ),
    table(
      id,
      'Properties',
      ['Property', 'Type', 'Description'],
      fields.map((f) => [code(f.name), code(typeOf(f)), text(f.description)]),
    ),
    table(
      id,
      'Methods',
      ['Method', 'Description'],
      methods.map((m) => [
        code(`${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`),
        text(m.description),
      ]),
    ),
    table(
      id,
      'Events',
      ['Event', 'Detail', 'Description'],
      (decl.events ?? []).map((e) => [code(e.name), code(typeOf(e)), text(e.description)]),
    ),
    table(
      id,
      'Slots',
      ['Slot', 'Description'],
      (decl.slots ?? []).map((s) => [code(s.name || '(default)'), text(s.description)]),
    ),
    table(
      id,
      'CSS parts',
      ['Part', 'Description'],
      (decl.cssParts ?? []).map((p) => [code(`::part(${p.name})`), text(p.description)]),
    ),
    table(
      id,
      'CSS custom properties',
      ['Property', 'Default', 'Description'],
      (decl.cssProperties ?? []).map((p) => [code(p.name), code(p.default), text(p.description)]),
    ),
  );
}

try {
  const res = await fetch('/custom-elements.json');
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const manifest = await res.json();
  const decls = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);
  decls.sort((a, b) => a.tagName.localeCompare(b.tagName));
  reference.replaceChildren(...decls.map(section));
  toc.replaceChildren(...decls.map((d) => el('a', { href: `#${d.tagName}` }, code(`<${d.tagName}>`))));
} catch (error) {
  reference.replaceChildren(
    el('p', {
      className: 'card',
      textContent: `custom-elements.json could not be read (${error.message}). Run npm run analyze.`,
    }),
  );
}
