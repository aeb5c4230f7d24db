// One invoice: metadata (lines, totals), the document (escaped text preview for XML, a sandboxed
// frame for PDF, download for all), the seal, the provenance timeline (every ledger transaction;
// block numbers from the proof bundle) with the gateway's verdict, and the proof bundle: download,
// and verification in this page (src/verify) with the network's trust export or a chosen file.
import { MalformedError, parseTrust, verifyBundle } from '../verify/verifier.js';
import { api } from './api.js';
import { download, el, section, table } from './dom.js';
import { t, translate } from './i18n.js';
import { REPORT, show } from './verify-view.js';

const html = String.raw;

export async function renderInvoice(main, fail, id) {
  main.replaceChildren(el('h2', {}, t('inv.title', { id })), el('p', { role: 'status' }, t('common.loading')));
  const enc = encodeURIComponent(id);
  let inv, prov;
  try {
    [inv, prov] = await Promise.all([api(`/v1/invoices/${enc}`), api(`/v1/invoices/${enc}/provenance`)]);
  } catch (e) {
    fail(e, main);
    return;
  }
  const ctx = { id, enc, inv, prov, bundleText: null, document: null };
  main.replaceChildren(el('h2', {}, t('inv.title', { id })),
    metadata(inv), documentSection(ctx), sealSection(inv), timeline(prov), proofSection(ctx, fail));
  loadDocument(ctx, main.querySelector('#doc-preview'));
  loadBundle(ctx, main, fail);
}

function metadata(inv) {
  const m = inv.metadata ?? {};
  const party = (p) => (p ? `${p.name ?? ''} (${p.creditCode ?? ''})` : '—');
  const dl = el('dl', { class: 'meta' }, [
    ['col.number', inv.number], ['col.date', `${inv.issueDate} (${inv.issueTime})`],
    ['inv.seller', party(m.seller)], ['inv.buyer', party(m.buyer)], ['col.status', inv.status
      + (inv.legalHold ? ' · LEGAL HOLD' : '')], ['inv.retain', inv.retainUntil],
    ['col.anchor', inv.anchor ? `${inv.anchor.phase} · ${t('col.block')} ${inv.anchor.blockNumber ?? '—'}` : '—'],
  ].map(([k, v]) => [el('dt', {}, t(k)), el('dd', {}, v)]));
  const lines = (m.lines ?? []).map((l) => [l.name, `${l.quantity ?? ''} ${l.unit ?? ''}`, l.unitPrice, l.amount,
    l.taxRate, l.tax]);
  const totals = { totalAmount: m.totalAmount, totalTax: m.totalTax, totalWithTax: m.totalWithTax };
  return section('inv-meta', 'inv.meta', dl,
    el('h4', {}, t('inv.lines')),
    table('inv-lines', ['inv.item', 'inv.qty', 'inv.price', 'inv.amount', 'inv.taxRate', 'inv.tax'], lines),
    el('h4', {}, t('inv.totals')),
    el('dl', { id: 'inv-totals', class: 'meta' }, [['inv.amount', totals.totalAmount], ['inv.tax', totals.totalTax],
      ['inv.totals', totals.totalWithTax]].map(([k, v]) => [el('dt', {}, t(k)), el('dd', {}, `${v ?? '—'} ${m.currency ?? ''}`)])));
}

function documentSection(ctx) {
  return section('inv-doc', 'inv.document',
    el('p', {}, `${ctx.inv.contentType} · ${ctx.inv.documentSize} B · SM3 `, el('code', {}, ctx.inv.docHash)),
    el('button', { type: 'button', id: 'doc-download', onclick: () => ctx.document
      && download(ctx.document, `${ctx.id}${extension(ctx.inv.contentType)}`, ctx.inv.contentType) },
    t('inv.download')),
    el('div', { id: 'doc-preview', class: 'preview' }));
}

const extension = (ct) => ({ 'application/xml': '.xml', 'text/xml': '.xml', 'application/pdf': '.pdf',
  'application/ofd': '.ofd' }[ct] ?? '.bin');

async function loadDocument(ctx, box) {
  try {
    ctx.document = await api(`/v1/invoices/${ctx.enc}/document`, { as: 'bytes' });
  } catch (e) {
    box.replaceChildren(el('p', {}, e.status === 410 ? t('inv.preview.gone') : t('common.error', { detail: e.message })));
    return;
  }
  const ct = ctx.inv.contentType;
  if (/xml/.test(ct)) {
    // text only: the document is never parsed as HTML
    box.replaceChildren(el('pre', { id: 'doc-xml', tabindex: '0' }, prettyXml(new TextDecoder().decode(ctx.document))));
  } else if (ct === 'application/pdf') {
    const url = URL.createObjectURL(new Blob([ctx.document], { type: ct }));
    box.replaceChildren(el('iframe', { id: 'doc-pdf', sandbox: '', src: url, title: ctx.id }));
  } else {
    box.replaceChildren(el('p', {}, t('inv.preview.none')));
  }
}

/** Indents XML by its tags for reading (a display aid; the download is the exact bytes). */
export function prettyXml(text) {
  if (/\n\s+</.test(text)) return text;
  let depth = 0;
  return text.replace(/>\s*</g, '>\n<').split('\n').map((line) => {
    if (/^<\//.test(line)) depth = Math.max(0, depth - 1);
    const out = '  '.repeat(depth) + line;
    // an opening tag (perhaps followed by text) that this line does not close
    if (/^<[^!?/]/.test(line) && !/\/>$/.test(line) && !/<\//.test(line)) depth += 1;
    return out;
  }).join('\n');
}

function sealSection(inv) {
  const s = inv.seal ?? {};
  return section('inv-seal', 'inv.seal', el('dl', { class: 'meta' },
    el('dt', {}, t('sig.keyId')), el('dd', { class: 'mono' }, s.keyId),
    el('dt', {}, 'SM2'), el('dd', { class: 'mono wrap' }, s.signature),
    el('dt', {}, 'metaHash'), el('dd', { class: 'mono' }, inv.metaHash)));
}

function timeline(prov) {
  const v = prov.verdict ?? {};
  const verdict = el('p', { id: 'server-verdict', class: `verdict ${v.verified ? 'good' : 'bad'}` },
    t('inv.verdict.server', { v: v.verified ? t('inv.verdict.ok') : t('inv.verdict.bad', { reason: v.reason
      ?? JSON.stringify({ documentMatchesAnchor: v.documentMatchesAnchor, metaHashMatches: v.metaHashMatches }) }) }));
  const rows = (prov.transactions ?? []).map((x) => [
    el('span', { class: 'block', dataset: { tx: x.txId } }, '…'), x.timestamp, x.creator?.mspId, x.action,
    x.reason ?? '—', el('code', { title: x.txId }, x.txId.slice(0, 12))]);
  return section('inv-timeline', 'inv.timeline', verdict,
    el('ol', { class: 'timeline', id: 'timeline' }, (prov.transactions ?? []).map((x) => el('li', {
      dataset: { action: x.action } }, `${x.action} · ${x.timestamp} · ${x.creator?.mspId ?? ''}`))),
    table('timeline-table', ['col.block', 'col.time', 'col.org', 'col.action', 'col.reason', 'col.tx'], rows),
    el('p', { class: 'note' }, t('inv.block.note')));
}

function proofSection(ctx, fail) {
  const s = section('inv-proof', 'inv.proof',
    el('p', { id: 'proof-state', role: 'status' }, t('common.loading')),
    el('button', { type: 'button', id: 'proof-download', disabled: true,
      onclick: () => download(ctx.bundleText, `${ctx.id}-bundle.json`, 'application/json') }, t('inv.proof.download')),
    el('label', { for: 'proof-trust' }, t('inv.proof.trust')),
    el('input', { id: 'proof-trust', type: 'file', accept: '.json,application/json' }),
    el('button', { type: 'button', id: 'proof-verify', disabled: true, onclick: () => verifyHere(ctx, s, fail) },
      t('inv.proof.verify')),
    el('p', { id: 'trust-source', class: 'note' }));
  const report = document.createElement('div');
  report.innerHTML = html`${REPORT}`; // static markup, no data
  translate(report);
  s.append(report);
  return s;
}

/** Fetches the bundle: its blocks give the timeline's block numbers; then download and verify work. */
async function loadBundle(ctx, main, fail) {
  const state = main.querySelector('#proof-state');
  try {
    ctx.bundleText = await api(`/v1/invoices/${ctx.enc}/proof`, { as: 'text' });
  } catch (e) {
    if (e.status === 403 || e.status === 401) { fail(e, main); return; }
    state.textContent = e.status === 503 ? t('inv.proof.pending', { detail: e.message }) : t('common.error', { detail: e.message });
    return;
  }
  const b = JSON.parse(ctx.bundleText);
  const blocks = new Map([[b.anchoring?.txId, b.anchoring?.blockNumber]]);
  for (const ev of [].concat(b.status?.evidence ?? [])) blocks.set(ev.txId, ev.blockNumber);
  for (const span of main.querySelectorAll('#timeline-table .block')) span.textContent = blocks.get(span.dataset.tx) ?? '—';
  state.textContent = `bundle v${b.version} · ${b.generatedAt} · ${ctx.bundleText.length} B`;
  main.querySelector('#proof-download').disabled = false;
  main.querySelector('#proof-verify').disabled = false;
}

async function verifyHere(ctx, s, fail) {
  const source = s.querySelector('#trust-source');
  const chosen = s.querySelector('#proof-trust').files[0];
  let trustText;
  try {
    trustText = chosen ? await chosen.text() : await api('/v1/trust', { as: 'text' });
  } catch (e) {
    fail(e, s);
    return;
  }
  source.textContent = t('inv.proof.trustFrom', { src: chosen ? chosen.name : 'GET /v1/trust' });
  s.querySelector('#verdict').textContent = t('verify.running');
  const t0 = performance.now();
  let result;
  try {
    const report = await verifyBundle(ctx.bundleText, parseTrust(trustText), ctx.document);
    result = { report, ms: performance.now() - t0, withDocument: Boolean(ctx.document) };
  } catch (e) {
    result = { error: e instanceof MalformedError ? e.message : String(e) };
  }
  show(s, result);
}
