// Safe DOM building: data only ever goes into text nodes and attributes, never into HTML.
import { t } from './i18n.js';

/** el('td', {class: 'x', dataset: {a: 1}}, 'text', childNode, ...) */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k === 'text') e.textContent = String(v);
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** A table with translated column headers and one row per item (cells: strings or nodes). */
export function table(id, headerKeys, rows) {
  return el('table', { id },
    el('thead', {}, el('tr', {}, headerKeys.map((k) => el('th', { scope: 'col' }, t(k))))),
    el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c) => el('td', {}, c ?? '—'))))));
}

/** A labelled section with a heading. */
export function section(id, titleKey, ...children) {
  return el('section', { id, 'aria-labelledby': `${id}-h` }, el('h3', { id: `${id}-h` }, t(titleKey)), ...children);
}

export function status(id, text = '', cls = '') {
  return el('p', { id, role: 'status', class: cls || null }, text);
}

/** Offers bytes as a file download (a blob link, clicked once, then released). */
export function download(bytes, name, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
