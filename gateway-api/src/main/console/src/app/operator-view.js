// The operator view: health and readiness, ledger height per organisation, anchoring backlog,
// committed invoices per second over the last hour (an SVG chart), latest checkpoints and
// renewals, recent audit entries (GET /v1/node/status) and the signer registry (signers-view.js).
import { api } from './api.js';
import { lineChart } from './chart.js';
import { el, section, table } from './dom.js';
import { t } from './i18n.js';
import { signerRegistry } from './signers-view.js';

export async function renderOperator(main, fail) {
  main.replaceChildren(el('h2', {}, t('op.title')), el('p', { role: 'status' }, t('common.loading')));
  let status;
  try {
    status = await api('/v1/node/status'); // operators only: a 403 here is the forbidden view
  } catch (e) {
    fail(e, main);
    return;
  }
  const probe = async (path) => {
    try {
      return `${path}: ${(await api(path)).status}`;
    } catch (e) {
      return `${path}: ${e.status} ${e.message}`;
    }
  };
  const [health, ready] = await Promise.all([probe('/health'), probe('/ready')]);
  const c = status.committed;
  const now = Date.now();
  const points = c.lastHour.map((p) => ({ x: p.end, y: p.perSecond }));
  const list = (v, headers, row) => (Array.isArray(v) ? table(null, headers, v.map(row))
    : el('p', { class: 'bad' }, t('common.error', { detail: v?.error })));
  main.replaceChildren(el('h2', {}, t('op.title')),
    section('op-health', 'op.health', el('p', { id: 'op-health-text' }, `${health} · ${ready} · node ${status.nodeId}`)),
    section('op-heights', 'op.heights', table('op-heights-table', ['col.org', 'op.height'],
      status.organisations.map((o) => [o.mspId, o.height ?? t('common.error', { detail: o.error })]))),
    section('op-backlog', 'op.backlog', el('dl', { class: 'meta' },
      [['op.outbox', status.backlog.outbox], ['op.pipeline', status.backlog.pipeline], ['op.inflight', status.backlog.inFlight]]
        .map(([k, v]) => [el('dt', {}, t(k)), el('dd', { dataset: { k } }, v)]))),
    section('op-rate', 'op.rate', lineChart(points, { from: now - 3_600_000, to: now, label: t('op.rate') }),
      el('p', { class: 'note' }, t('op.rate.note', { s: c.sampleSeconds, n: c.invoices }))),
    section('op-checkpoints', 'op.checkpoints', list(status.checkpoints, ['col.time', 'op.size', 'op.root', 'col.tx'],
      (k) => [k.timestamp, k.treeSize, el('code', {}, (k.rootHash ?? '').slice(0, 16)), el('code', {}, k.txId.slice(0, 12))])),
    section('op-renewals', 'op.renewals', list(status.renewals, ['col.time', 'op.seq', 'op.algorithm', 'op.size'],
      (r) => [r.anchoredAt, r.sequence, r.algorithm, r.treeSize])),
    section('op-audit', 'op.audit', table('op-audit-table', ['op.seq', 'col.time', 'op.actor', 'col.action', 'op.target', 'op.detail'],
      status.audit.map((a) => [a.seq, a.time, a.actor, a.action, a.target, a.detail]))),
    signerRegistry(fail));
}
