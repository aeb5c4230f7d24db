// Retention proof bundle v1 (docs/retention-proof.md): parsed with the rules of the Java record
// binding (unknown members refused, an absent member is null, an absent number or boolean is
// 0/false, a null one is refused) into the normalized form whose canonical JSON the node signs.
import { isObject, MalformedError, readJson } from './trust.js';

const S = 'string', L = 'long', I = 'int', B = 'boolean';
const list = (t) => ({ list: t });
const SIGNER = { keyId: S, publicKey: S, userId: S, signature: S };
const BLOCK = { txId: S, blockNumber: L, txIndex: I, block: S };
const STEP = {
  nodeId: S, sequence: L, algorithm: S, treeSize: L, rootHash: S, logTreeSize: L, logRootHash: S,
  previous: { algorithm: S, treeSize: L, rootHash: S },
  leaf: { invoiceId: S, leafIndex: L, documentHash: S, metadataHash: S, retainUntil: S, previousKind: S, previousLeafHash: S },
  path: list(S), linkPath: list(S), logPath: list(S), signer: SIGNER, anchoring: BLOCK,
};
export const CHAIN = { version: I, invoiceId: S, steps: list(STEP) };
// optional: an absent or null member stays absent (Java omits a null one from the signed form)
const optional = (t) => ({ optional: t });
const SIGNATURE_CLAIM = { id: S, kind: S, value: S, valueDetail: S, trust: S, trustReason: S };
// the node's claim about the document (docs/documents.md, "documentCheck"); signed, reported, not re-checked here
const DOCUMENT_CLAIM = {
  format: S, passed: B, parts: I, modifiedParts: list(S), signatures: list(SIGNATURE_CLAIM), notes: list(S), checkedBy: S,
};
const HISTORY = { txId: S, timestamp: S, status: S, legalHold: B, action: S, reason: S, mspId: S };
export const BUNDLE = {
  version: I,
  invoiceId: S,
  generatedAt: S,
  invoice: { issuer: S, number: S, contentType: S, documentSize: L, metadata: S },
  seal: { docHash: S, metaHash: S, issueTime: S, retainUntil: S, encodingVersion: I, node: SIGNER, enterprise: SIGNER },
  anchoring: BLOCK,
  inclusion: { leafIndex: L, treeSize: L, path: list(S) },
  checkpoint: { nodeId: S, treeSize: L, rootHash: S, signer: SIGNER, anchoring: BLOCK },
  status: { status: S, legalHold: B, history: list(HISTORY), evidence: BLOCK },
  retention: { retainUntil: S, legalHold: B },
  renewals: CHAIN,
  signature: S,
  documentCheck: optional(DOCUMENT_CLAIM),
};

const INT_MAX = 2147483647;

function bind(type, v, at) {
  if (type === S) {
    if (v === null || typeof v === 'string') return v;
    throw new MalformedError(`not a retention proof bundle: ${at} must be a string`);
  }
  if (type === L || type === I) {
    if (v === null) throw new MalformedError(`not a retention proof bundle: ${at} must not be null`);
    if (!Number.isSafeInteger(v) || (type === I && Math.abs(v) > INT_MAX)) {
      throw new MalformedError(`not a retention proof bundle: ${at} must be an integer`);
    }
    return v;
  }
  if (type === B) {
    if (typeof v !== 'boolean') throw new MalformedError(`not a retention proof bundle: ${at} must be a boolean`);
    return v;
  }
  if (v === null) return null;
  if (type.list) {
    if (!Array.isArray(v)) throw new MalformedError(`not a retention proof bundle: ${at} must be an array`);
    return v.map((e, i) => bind(type.list, e, `${at}[${i}]`));
  }
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw new MalformedError(`not a retention proof bundle: ${at} must be an object`);
  }
  for (const k of Object.keys(v)) {
    if (!Object.hasOwn(type, k)) throw new MalformedError(`not a retention proof bundle: unknown member ${at ? at + '.' : ''}${k}`);
  }
  const out = {};
  for (const [k, t] of Object.entries(type)) {
    const name = at ? `${at}.${k}` : k;
    if (t.optional) {
      if (Object.hasOwn(v, k) && v[k] !== null) out[k] = bind(t.optional, v[k], name);
    } else if (Object.hasOwn(v, k)) out[k] = bind(t, v[k], name);
    else out[k] = t === L || t === I ? 0 : t === B ? false : null;
  }
  return out;
}

/** Parses a bundle; {@link MalformedError} when the text is not a version 1 bundle. */
export function parseBundle(text) {
  const raw = readJson(text, 'not a retention proof bundle');
  if (!isObject(raw)) throw new MalformedError('not a retention proof bundle: not an object');
  const p = bind(BUNDLE, raw, '');
  if (p.version !== 1) throw new MalformedError(`unsupported bundle version ${p.version} (expected 1)`);
  if (p.invoiceId === null || !p.invoice || !p.seal || !p.seal.node || !p.anchoring || !p.inclusion || !p.checkpoint
      || !p.checkpoint.anchoring || !p.checkpoint.signer || !p.status || !p.retention || !p.renewals
      || p.renewals.steps === null || p.signature === null) {
    throw new MalformedError('not a retention proof bundle: a required member is missing');
  }
  return p;
}

/** Parses a renewal chain alone (RenewalChain.parse). */
export function parseChain(text) {
  const raw = readJson(text, 'not a renewal chain');
  if (!isObject(raw)) throw new MalformedError('not a renewal chain: not an object');
  const c = bind(CHAIN, raw, '');
  if (c.invoiceId === null || c.steps === null) throw new MalformedError('not a renewal chain: a required member is missing');
  if (c.version !== 1) throw new MalformedError(`unsupported renewal chain version ${c.version} (expected 1)`);
  return c;
}
