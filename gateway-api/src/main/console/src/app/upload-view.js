// The enterprise view: upload an invoice (its JSON and the original document, multipart
// POST /v1/invoices) and watch its anchor state go from archived to anchored (polling
// GET /v1/invoices/{id}).
import { api } from './api.js';
import { el } from './dom.js';
import { t } from './i18n.js';

const POLL_MS = 500;
const TYPES = { xml: 'application/xml', pdf: 'application/pdf', ofd: 'application/ofd' };

export function renderUpload(main, fail) {
  const form = el('form', { id: 'upload-form', class: 'fields' },
    el('label', { for: 'up-invoice' }, t('up.invoice')),
    el('input', { id: 'up-invoice', type: 'file', accept: '.json,application/json' }),
    el('label', { for: 'up-document' }, t('up.document')),
    el('input', { id: 'up-document', type: 'file' }),
    el('button', { type: 'submit', id: 'up-run' }, t('up.run')));
  const progress = el('ol', { id: 'up-progress', 'aria-live': 'polite' });
  const state = el('p', { id: 'up-state', role: 'status' });
  main.replaceChildren(el('h2', {}, t('up.title')), form, state, progress);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const inv = main.querySelector('#up-invoice').files[0];
    const doc = main.querySelector('#up-document').files[0];
    progress.replaceChildren();
    if (!inv || !doc) {
      state.textContent = t('up.missing');
      return;
    }
    const fd = new FormData();
    fd.append('invoice', await inv.text());
    const ext = doc.name.split('.').pop().toLowerCase();
    fd.append('contentType', TYPES[ext] ?? (doc.type || 'application/octet-stream'));
    fd.append('document', doc, doc.name);
    let receipt;
    try {
      receipt = await api('/v1/invoices', { method: 'POST', body: fd });
    } catch (err) {
      fail(err, state);
      return;
    }
    state.textContent = t('up.archived', { id: receipt.invoiceId, phase: receipt.anchor?.phase });
    watch(receipt.invoiceId, receipt.anchor, progress, state, fail);
  });
}

async function watch(id, anchor, progress, state, fail) {
  let last = null;
  for (;;) {
    if (anchor?.phase !== last) {
      last = anchor?.phase;
      progress.append(el('li', { dataset: { phase: last } }, `${new Date().toISOString()} · ${t('up.phase', { phase: last })}`));
    }
    if (last === 'ANCHORED') {
      state.replaceChildren(t('up.anchored', { block: anchor.blockNumber, tx: anchor.txId }), ' ',
        el('a', { href: `#invoice/${encodeURIComponent(id)}`, id: 'up-open' }, t('up.open')));
      return;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
    try {
      anchor = (await api(`/v1/invoices/${encodeURIComponent(id)}`)).anchor;
    } catch (err) {
      fail(err, state);
      return;
    }
  }
}
