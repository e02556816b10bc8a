// Fills every demo page's <header class="demo-bar"> with the same navigation; the page names itself with
// data-page="…" so its link is marked current.
const pages = [
  ['index', 'Overview'],
  ['generate-flow', 'Generate a flow'],
  ['flow-preview', 'Chatbot preview'],
  ['flow-run-status', 'Candidate runs'],
  ['inbox', 'Inbox'],
  ['schedule-picker', 'Schedule picker'],
  ['career-site', 'Career site (CDN)'],
  ['react', 'React'],
  ['docs', 'API docs'],
];
for (const header of document.querySelectorAll('header.demo-bar')) {
  const current = header.dataset.page ?? 'index';
  const nav = document.createElement('nav');
  nav.setAttribute('aria-label', 'Demo pages');
  for (const [page, label] of pages) {
    const a = document.createElement('a');
    a.href = `./${page}.html`;
    a.textContent = label;
    if (page === current) a.setAttribute('aria-current', 'page');
    nav.append(a);
  }
  const title = document.createElement('strong');
  title.textContent = 'recrubo-elements';
  header.replaceChildren(title, nav);
}
