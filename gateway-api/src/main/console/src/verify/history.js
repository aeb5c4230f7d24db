// status-history, as dev.fapiao.node.proof.HistoryBinding: every history entry the bundle carries
// is bound to a block it carries (the newest to status.evidence, the oldest to anchoring), with the
// time, status, hold, action, reason and MSP of the record its transaction wrote.
import { txTimestamp } from './fabric-evidence.js';
import { asText, isBoolean, path, MISSING } from './json-node.js';
import { parseInstant, sameInstant } from './time.js';

const pass = (name, reason) => ({ name, passed: true, reason });
const fail = (name, reason) => ({ name, passed: false, reason });

/** {@code anchored}/{@code latest}: the records the anchoring and status.evidence wrote (null when unreadable or absent). */
export function historyBinding(p, anchored, latest) {
  const name = 'status-history';
  const history = p.status.history;
  const ev = p.status.evidence;
  const expected = ev ? 2 : 1;
  if (history.length !== expected) {
    return fail(name, `${history.length} history entries, but the bundle's blocks bind ${expected}`
      + `${ev ? ' (status.evidence and the anchoring)' : ' (the anchoring)'}; the ledger has the full history`);
  }
  let problem = ev ? entry(history[0], ev, latest, false) : null;
  if (problem === null) problem = entry(history[history.length - 1], p.anchoring, anchored, true);
  return problem === null ? pass(name, `${history.length} entries, each bound to its block`) : fail(name, problem);
}

const textOrNull = (v) => (v === MISSING || v === null ? null : typeof v === 'string' ? v : asText(v));

function entry(e, ev, record, anchoring) {
  const at = `history entry ${e.txId}`;
  if (e.txId !== ev.txId) return `history entry ${e.txId} is not transaction ${ev.txId} of the carried block`;
  if (record === null) return `${at}: no readable record written by it`;
  try {
    const t = txTimestamp(ev);
    if (!sameInstant(parseInstant(e.timestamp), t)) return `${at}: timestamp ${e.timestamp} differs from the transaction's`;
  } catch (x) {
    return `${at}: unusable timestamp: ${x.message}`;
  }
  const hold = path(record, 'legalHold');
  if (e.status !== textOrNull(path(record, 'status')) || !isBoolean(hold) || hold !== e.legalHold) {
    return `${at}: status ${e.status}/legalHold ${e.legalHold} differ from the record written`;
  }
  const change = path(record, 'lastChange');
  if (anchoring && change !== MISSING && change !== null) return `${at}: the anchoring record already carries a change`;
  if (!anchoring && ev.txId !== textOrNull(path(change, 'txId'))) return `${at}: the record's last change is not by this transaction`;
  const action = anchoring ? 'ANCHOR' : textOrNull(path(change, 'action'));
  if (e.action !== action) return `${at}: action ${e.action}, the record written says ${action}`;
  const reason = anchoring ? null : path(change, 'reason');
  const written = reason === null || reason === MISSING ? null : typeof reason === 'string' ? reason : JSON.stringify(reason);
  if (e.reason !== written) return `${at}: reason ${e.reason}, the record written says ${written}`;
  const mspId = textOrNull(anchoring ? path(path(record, 'anchoredBy'), 'mspId') : path(change, 'mspId'));
  if (e.mspId !== mspId) return `${at}: mspId ${e.mspId}, the record written says ${mspId}`;
  return null;
}
