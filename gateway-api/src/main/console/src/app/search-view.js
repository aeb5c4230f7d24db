// Search by issuer, issue-date range and status (GET /v1/invoices), a page at a time; each
// result links to its invoice page.
import { api } from './api.js';
import { el, table } from './dom.js';
import { t } from './i18n.js';
import { current } from './session.js';

const STATUSES = ['ISSUED', 'DELIVERED', 'ACCEPTED', 'RED_REVERSED', 'DISPOSED'];
/** The last query and the cursors of the pages before the current one (for "previous"). */
let state = null;

export function renderSearch(main, fail) {
  const who = current();
  // China Standard Time is ahead of UTC: tomorrow (UTC) covers today's invoices everywhere
  const today = new Date(Date.now() + 86400_000).toISOString().slice(0, 10);
  const monthAgo = new Date(Date.now() - 31 * 86400_000).toISOString().slice(0, 10);
  const q = state?.query ?? { issuer: who?.codes?.[0] ?? '', from: monthAgo, to: today, status: '', limit: '20' };
  const field = (id, key, input) => [el('label', { for: id }, t(key)), input];
  const form = el('form', { id: 'search-form', class: 'fields' },
    field('q-issuer', 'search.issuer', el('input', { id: 'q-issuer', value: q.issuer, required: true,
      pattern: '[0-9A-HJ-NP-RTUW-Y]{18}', autocomplete: 'off', spellcheck: 'false' })),
    field('q-from', 'search.from', el('input', { id: 'q-from', type: 'date', value: q.from, required: true })),
    field('q-to', 'search.to', el('input', { id: 'q-to', type: 'date', value: q.to, required: true })),
    field('q-status', 'search.status', el('select', { id: 'q-status' },
      el('option', { value: '' }, t('search.any')),
      STATUSES.map((s) => el('option', { value: s, selected: s === q.status }, s)))),
    field('q-limit', 'search.limit', el('input', { id: 'q-limit', type: 'number', min: 1, max: 100, value: q.limit })),
    el('button', { type: 'submit', id: 'search-run' }, t('search.run')));
  const results = el('section', { id: 'results', 'aria-live': 'polite' });
  main.replaceChildren(el('h2', {}, t('search.title')), form, results);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = (id) => main.querySelector(id).value;
    state = { query: { issuer: v('#q-issuer').trim(), from: v('#q-from'), to: v('#q-to'), status: v('#q-status'),
      limit: v('#q-limit') }, cursors: [null], page: 0 };
    load(results, fail);
  });
  if (state) load(results, fail);
}

async function load(results, fail) {
  const { query, cursors, page } = state;
  const p = new URLSearchParams({ issuer: query.issuer, from: query.from, to: query.to, limit: query.limit });
  if (query.status) p.set('status', query.status);
  if (cursors[page]) p.set('cursor', cursors[page]);
  results.replaceChildren(el('p', { role: 'status' }, t('common.loading')));
  let body;
  try {
    body = await api(`/v1/invoices?${p}`);
  } catch (e) {
    fail(e, results);
    return;
  }
  cursors[page + 1] = body.nextCursor ?? null;
  const rows = body.items.map((i) => [
    el('a', { href: `#invoice/${encodeURIComponent(i.invoiceId)}`, class: 'mono' }, i.invoiceId),
    i.number, i.issueDate, i.status, i.anchor?.phase ?? '—']);
  const nav = el('div', { class: 'pager' },
    el('button', { type: 'button', id: 'page-prev', disabled: page === 0,
      onclick: () => { state.page -= 1; load(results, fail); } }, t('search.prev')),
    el('span', { id: 'page-info' }, t('search.page', { n: page + 1, count: body.items.length })),
    el('button', { type: 'button', id: 'page-next', disabled: !body.nextCursor,
      onclick: () => { state.page += 1; load(results, fail); } }, t('search.next')));
  results.replaceChildren(body.items.length === 0 ? el('p', { role: 'status' }, t('search.empty'))
    : table('search-results', ['col.id', 'col.number', 'col.date', 'col.status', 'col.anchor'], rows), nav);
}
