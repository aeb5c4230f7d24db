// Verifies a retention proof bundle in the browser (or Node), without asking any server: every
// check of docs/retention-proof.md, with the names and order of RetentionProofVerifier.
import { fromBase64, fromHex, utf8 } from './bytes.js';
import { canonicalize, isCanonical } from './canonical-json.js';
import { sm2PublicKey, sm2Verify, sm3, sm3Hex } from './crypto.js';
import { checkpointEncoding, compositeKey, invoiceLeaf, sealEncoding } from './encodings.js';
import { txTimestamp, verifyEvidence } from './fabric-evidence.js';
import { asLong, asText, elements, isBoolean, path } from './json-node.js';
import { ProofError, rfc6962Hasher, verifyInclusion } from './merkle.js';
import { parseBundle } from './bundle.js';
import { contentType, documentSize, invoiceId } from './consistency.js';
import { historyBinding } from './history.js';
import { cstDate, epochDay, instantString, parseInstant, sameInstant } from './time.js';
import { parseTrust } from './trust.js';
import { renewalChecks } from './renewals.js';
import { enterpriseRegistration } from './registration.js';

export { parseBundle, parseTrust };
export { MalformedError } from './trust.js';

const DISPOSED = 'DISPOSED';
const SM3_HASHER = rfc6962Hasher(sm3);
const pass = (name, reason) => ({ name, passed: true, reason });
const fail = (name, reason) => ({ name, passed: false, reason });

/** A report: the checks in order, whether all passed, and the names of those that failed. */
export function report(checks) {
  return { checks, passed: checks.length > 0 && checks.every((c) => c.passed), failed: checks.filter((c) => !c.passed).map((c) => c.name) };
}

/**
 * Verifies {@code bundleText} against {@code trust} (from parseTrust), with the document bytes
 * when given. Throws MalformedError when the text is not a v1 or v2 bundle; never for a bundle that parses.
 */
export async function verifyBundle(bundleText, trust, document = null) {
  const p = parseBundle(bundleText);
  const out = [];
  const seal = p.seal;
  if (document) {
    const h = sm3Hex(document);
    out.push(h === seal.docHash ? pass('document-hash', `SM3 of the document is ${h}`)
      : fail('document-hash', `SM3 of the document is ${h}, the seal says ${seal.docHash}`));
    out.push(documentSize(p.invoice, document));
    out.push(contentType(p.invoice, document));
  }
  out.push(invoiceId(p.invoiceId, p.invoice));
  out.push(metadataHash(p));
  out.push(sealSignature('node-seal', p, seal.node));
  if (seal.enterprise) out.push(enterpriseSignature(p));
  const invoiceKey = compositeKey('invoice', p.invoiceId);
  let anchored = null;
  out.push(...await verifyEvidence('anchor', p.anchoring, trust, invoiceKey, (v) => {
    anchored = v;
    return invoiceRecordMatches(p, v);
  }));
  if (p.version !== 1) out.push(...await enterpriseRegistration(p, trust)); // a v1 bundle leaves it on trust
  out.push(inclusion(p));
  const cp = p.checkpoint;
  out.push(checkpointSignature(cp));
  out.push(...await verifyEvidence('checkpoint', cp.anchoring, trust, compositeKey('checkpoint', cp.nodeId ?? ''),
    (v) => checkpointRecordMatches(cp, v)));
  const ev = p.status.evidence;
  let latest = null;
  if (ev) {
    out.push(...await verifyEvidence('status', ev, trust, invoiceKey, (v) => {
      latest = v;
      return latestRecordMatches(p, v);
    }));
  } else {
    latest = anchored;
  }
  out.push(statusLatest(p, latest));
  out.push(historyBinding(p, anchored, ev ? latest : null));
  if (p.status.status === DISPOSED) out.push(lawfulDisposal(p, latest));
  out.push(retention(p));
  out.push(...await renewalChecks(p, trust, document));
  out.push(bundleSignature(p));
  return report(out);
}

function metadataHash(p) {
  const name = 'metadata-hash';
  const meta = p.invoice.metadata;
  if (meta === null) return fail(name, 'no metadata');
  try {
    if (!isCanonical(meta)) return fail(name, 'metadata is not in RFC 8785 canonical form');
  } catch (e) {
    return fail(name, `metadata is not JSON: ${e.message}`);
  }
  const h = sm3Hex(utf8(meta));
  return h === p.seal.metaHash ? pass(name, `SM3 of the metadata is ${h}`)
    : fail(name, `SM3 of the metadata is ${h}, the seal says ${p.seal.metaHash}`);
}

/** The signer's SM2 key, checked against its key id (SM3 of the DER SPKI). */
function signerKey(s) {
  const key = sm2PublicKey(s.publicKey);
  if (key.keyId !== s.keyId) throw new Error(`key id ${s.keyId} is not SM3 of the public key (${key.keyId})`);
  return key;
}

function sm2Check(s, message) {
  const key = signerKey(s);
  if (s.signature === null) throw new Error('no signature');
  return sm2Verify(key, message, fromBase64(s.signature), s.userId ?? undefined);
}

function sealSignature(name, p, s) {
  let ok;
  try {
    const seal = p.seal;
    const key = signerKey(s);
    for (const f of ['docHash', 'metaHash', 'issueTime', 'retainUntil']) {
      if (seal[f] === null) throw new Error(`${f} is required`);
    }
    if (p.invoiceId === null || s.keyId === null || s.signature === null) throw new Error('a seal field is missing');
    parseInstant(seal.issueTime);
    epochDay(seal.retainUntil);
    if (seal.encodingVersion !== 1) throw new Error(`unsupported seal encoding version ${seal.encodingVersion}`);
    try {
      ok = sm2Verify(key, sealEncoding(p.invoiceId, seal.docHash, seal.metaHash, seal.issueTime, seal.retainUntil),
        fromBase64(s.signature), s.userId ?? undefined);
    } catch (e) {
      if (/user ID/.test(e.message)) throw e;
      ok = false; // an encoding that cannot be built or a signature that is not base64 does not verify
    }
  } catch (e) {
    return fail(name, `unusable seal: ${e.message}`);
  }
  return ok ? pass(name, `SM2 signature by key ${s.keyId} verifies`)
    : fail(name, `SM2 signature by key ${s.keyId} does not verify over the seal`);
}

/** The enterprise's seal: not a NODE key the bundle shows (the node's seal key or the checkpoint key). */
function enterpriseSignature(p) {
  const e = p.seal.enterprise;
  if (e.keyId === p.seal.node.keyId || e.keyId === p.checkpoint.signer.keyId) {
    return fail('enterprise-signature', `key ${e.keyId} is the node's own key, not the issuer's ENTERPRISE key`);
  }
  return sealSignature('enterprise-signature', p, e);
}

function invoiceRecordMatches(p, v) {
  const seal = p.seal;
  if (p.invoiceId !== asText(path(v, 'invoiceId'))) return `record is for ${asText(path(v, 'invoiceId'))}`;
  if (seal.docHash !== asText(path(v, 'docHash'))) return `anchored docHash ${asText(path(v, 'docHash'))} differs from the bundle's`;
  if (seal.metaHash !== asText(path(v, 'metaHash'))) return `anchored metaHash ${asText(path(v, 'metaHash'))} differs from the bundle's`;
  try {
    if (!sameInstant(parseInstant(asText(path(v, 'issueTime'))), parseInstant(seal.issueTime))) {
      return `anchored issueTime ${asText(path(v, 'issueTime'))} differs from the bundle's`;
    }
  } catch (e) {
    return `unreadable issueTime: ${e.message}`;
  }
  if (seal.retainUntil !== asText(path(v, 'retainUntil'))) {
    return `anchored retainUntil ${asText(path(v, 'retainUntil'))} differs from the bundle's`;
  }
  for (const s of [seal.node, seal.enterprise]) {
    if (!s) continue;
    const found = elements(path(v, 'signatures')).some((sig) =>
      asText(path(sig, 'keyId')) === s.keyId && asText(path(sig, 'signature')) === s.signature);
    if (!found) return `the anchored signatures do not include key ${s.keyId} with the bundle's signature`;
  }
  return null;
}

function latestRecordMatches(p, v) {
  const content = invoiceRecordMatches(p, v);
  if (content !== null) return content;
  if (p.anchoring.txId !== asText(path(v, 'anchoredTxId'))) {
    return `the record was anchored by ${asText(path(v, 'anchoredTxId'))}, not by ${p.anchoring.txId}`;
  }
  return statusMatches(p, v);
}

function statusMatches(p, v) {
  if (p.status.status !== asText(path(v, 'status'), null)) {
    return `the record's status is ${asText(path(v, 'status'))}, the bundle says ${p.status.status}`;
  }
  const hold = path(v, 'legalHold');
  if (!isBoolean(hold) || hold !== p.status.legalHold) {
    return `the record's legalHold is ${hold === path({}, 'x') ? '' : JSON.stringify(hold)}, the bundle says ${p.status.legalHold}`;
  }
  return null;
}

function statusLatest(p, latestRecord) {
  const name = 'status-latest';
  const st = p.status;
  const h = st.history;
  if (!h || !h.length || h[0] === null || h[h.length - 1] === null) return fail(name, 'status.history is empty');
  const anchorTx = p.anchoring.txId;
  const latestTx = st.evidence ? st.evidence.txId : anchorTx;
  if (st.evidence && st.evidence.txId === anchorTx) {
    return fail(name, 'status.evidence repeats the anchoring transaction; it must be null then');
  }
  const newest = h[0];
  if (newest.txId !== latestTx) return fail(name, `the newest history entry is ${newest.txId}, the evidence is of ${latestTx}`);
  if (newest.status !== st.status || newest.legalHold !== st.legalHold) {
    return fail(name, `the newest history entry says ${newest.status}/legalHold ${newest.legalHold}, status says ${st.status}/legalHold ${st.legalHold}`);
  }
  if (h[h.length - 1].txId !== anchorTx) return fail(name, `the oldest history entry is not the anchoring transaction ${anchorTx}`);
  if (latestRecord === null) return fail(name, `no readable record written by ${latestTx}`);
  if (!st.evidence) {
    const problem = statusMatches(p, latestRecord);
    if (problem !== null) return fail(name, `no status.evidence, so the anchoring write is the newest version, but ${problem}`);
  }
  return pass(name, `status ${st.status}${st.legalHold ? ' under legal hold' : ''} as written by ${latestTx}`
    + `${st.evidence ? '' : ' (the anchoring transaction)'}; ${h.length} versions`);
}

function lawfulDisposal(p, record) {
  const name = 'lawful-disposal';
  const ev = p.status.evidence;
  if (!ev) return fail(name, 'no block evidence of the disposal transaction (status.evidence is null)');
  if (record === null) return fail(name, "the disposal transaction's write set has no readable invoice record");
  let t;
  try {
    t = txTimestamp(ev);
    epochDay(p.seal.retainUntil);
  } catch (e) {
    return fail(name, `unusable disposal evidence: ${e.message}`);
  }
  const problem = disposalProblem(record, ev.txId, t, p.seal.retainUntil);
  const when = instantString(t.epochSecond, t.nanos);
  return problem !== null ? fail(name, problem)
    : pass(name, `disposed by transaction ${ev.txId} at ${when} (CST date ${cstDate(t.epochSecond)}, after the retention period ending ${p.seal.retainUntil}), not under legal hold`);
}

/** Null when {@code record}, written by {@code txId} at {@code t}, is a lawful disposal. */
export function disposalProblem(record, txId, t, retainUntil) {
  if (asText(path(record, 'status')) !== DISPOSED) return `the transaction wrote status ${asText(path(record, 'status'))}, not DISPOSED`;
  const change = path(record, 'lastChange');
  if (asText(path(change, 'action')) !== 'DISPOSE' || txId !== asText(path(change, 'txId'))) {
    return `the record's last change is ${asText(path(change, 'action'))} by ${asText(path(change, 'txId'))}, not DISPOSE by ${txId}`;
  }
  const hold = path(record, 'legalHold');
  if (!isBoolean(hold) || hold) return `the record is under legal hold (legalHold ${JSON.stringify(hold ?? null)})`;
  const date = cstDate(t.epochSecond);
  if (!(date > retainUntil)) {
    return `disposed at ${instantString(t.epochSecond, t.nanos)} (CST date ${date}), not after the retention period ending ${retainUntil}`;
  }
  return null;
}

function inclusion(p) {
  const name = 'merkle-inclusion';
  try {
    const seal = p.seal;
    const inc = p.inclusion;
    if (inc.treeSize !== p.checkpoint.treeSize) {
      return fail(name, `proof is for tree size ${inc.treeSize}, the checkpoint has ${p.checkpoint.treeSize}`);
    }
    const leaf = SM3_HASHER.leaf(invoiceLeaf(p.invoiceId, seal.docHash, seal.metaHash, seal.retainUntil));
    if (inc.path === null) throw new Error('no path');
    const proof = inc.path.map((h) => fromHex(h));
    if (p.checkpoint.rootHash === null) throw new Error('no root hash');
    verifyInclusion(SM3_HASHER, inc.leafIndex, inc.treeSize, leaf, proof, fromHex(p.checkpoint.rootHash));
    return pass(name, `leaf ${inc.leafIndex} of ${inc.treeSize} leads to root ${p.checkpoint.rootHash}`);
  } catch (e) {
    return fail(name, e instanceof ProofError ? e.message : `unusable proof: ${e.message}`);
  }
}

function checkpointSignature(cp) {
  const name = 'checkpoint-signature';
  try {
    if (cp.rootHash === null) throw new Error('no root hash');
    const ok = sm2Check(cp.signer, checkpointEncoding(cp.nodeId, cp.treeSize, cp.rootHash));
    return ok ? pass(name, `checkpoint (${cp.nodeId}, ${cp.treeSize}) signed by key ${cp.signer.keyId}`)
      : fail(name, 'SM2 signature over the checkpoint does not verify');
  } catch (e) {
    return fail(name, `unusable checkpoint: ${e.message}`);
  }
}

function checkpointRecordMatches(cp, v) {
  if (cp.nodeId !== asText(path(v, 'nodeId'))) return `anchored checkpoint is of node ${asText(path(v, 'nodeId'))}`;
  if (cp.treeSize !== asLong(path(v, 'treeSize'), -1)) return `anchored checkpoint has tree size ${asText(path(v, 'treeSize'))}`;
  if (cp.rootHash !== asText(path(v, 'rootHash'))) return `anchored checkpoint has root ${asText(path(v, 'rootHash'))}`;
  if (cp.signer.keyId !== asText(path(v, 'keyId')) || cp.signer.signature !== asText(path(v, 'signature'))) {
    return 'anchored checkpoint has another key id or signature';
  }
  return null;
}

function retention(p) {
  const name = 'retention';
  if (p.retention.retainUntil !== p.seal.retainUntil) {
    return fail(name, `retainUntil ${p.retention.retainUntil} differs from the seal's ${p.seal.retainUntil}`);
  }
  if (p.retention.legalHold !== p.status.legalHold) return fail(name, 'legalHold differs between retention and status');
  return pass(name, `retain until ${p.retention.retainUntil}${p.retention.legalHold ? ', under legal hold' : ''}`);
}

/**
 * The bytes the node signed: the canonical JSON of the bundle as received (parseBundle keeps the
 * tree as it came, documentCheck included), without {@code signature}.
 */
export function signedBytes(p) {
  const { signature, ...rest } = p;
  return utf8(canonicalize(rest));
}

function bundleSignature(p) {
  const name = 'bundle-signature';
  try {
    const ok = sm2Check({ ...p.checkpoint.signer, signature: p.signature }, signedBytes(p));
    return ok ? pass(name, `signed by node key ${p.checkpoint.signer.keyId}`)
      : fail(name, 'SM2 signature over the bundle does not verify');
  } catch (e) {
    return fail(name, `unusable signature: ${e.message}`);
  }
}

/**
 * Checks an inclusion proof fixture {treeSize, leafIndex, leaf, path, rootHash} (the leaf from its
 * InvoiceLeaf v1 fields): the Merkle part of a bundle from a log of that size, for timings.
 */
export function verifyInclusionFixture(f) {
  const leaf = SM3_HASHER.leaf(invoiceLeaf(f.leaf.invoiceId, f.leaf.docHash, f.leaf.metaHash, f.leaf.retainUntil));
  try {
    verifyInclusion(SM3_HASHER, f.leafIndex, f.treeSize, leaf, f.path.map((h) => fromHex(h)), fromHex(f.rootHash));
    return true;
  } catch (e) {
    if (e instanceof ProofError) return false;
    throw e;
  }
}
