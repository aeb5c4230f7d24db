// The renewal chain checks of docs/renewal.md ("Verification"), with the names and order of
// RenewalVerifier: `renewals`, then per step n `renewal-n.leaf`, `.inclusion`, `.previous`,
// `.log`, `.signature`, `.document-hash`, `.metadata-hash` and the Fabric checks of its
// anchorRenewal transaction (`renewal-n-block.*`, `renewal-n-tx.*`).
import { sha256 } from '@noble/hashes/sha2';
import { sha3_256 } from '@noble/hashes/sha3';
import { concat, fromBase64, fromHex, hex, utf8 } from './bytes.js';
import { sm2PublicKey, sm2Verify, sm3 } from './crypto.js';
import { compositeKey, invoiceLeaf } from './encodings.js';
import { verifyEvidence } from './fabric-evidence.js';
import { asLong, asText, path } from './json-node.js';
import { ProofError, rfc6962Hasher, verifyInclusion } from './merkle.js';
import { epochDay } from './time.js';

const pass = (name, reason) => ({ name, passed: true, reason });
const fail = (name, reason) => ({ name, passed: false, reason });
const ALGORITHMS = {
  'SHA-256': { digest: (b) => sha256(b), hasher: rfc6962Hasher((b) => sha256(b)) },
  'SHA3-256': { digest: (b) => sha3_256(b), hasher: rfc6962Hasher((b) => sha3_256(b)) },
};
const SM3 = rfc6962Hasher(sm3);
const algorithm = (name) => (Object.hasOwn(ALGORITHMS, name ?? '') ? ALGORITHMS[name] : null);
const ascii = (s) => Uint8Array.from(s, (c) => c.charCodeAt(0) > 127 ? 63 : c.charCodeAt(0));

function u16(b, name) {
  if (b.length > 0xffff) throw new Error(`${name} is longer than 65535 bytes`);
  return concat(Uint8Array.of(b.length >> 8, b.length & 0xff), b);
}

function i64(n) {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigInt64(0, BigInt(n));
  return out;
}

function required(v, name) {
  if (v === null || v === undefined) throw new Error(name);
  return v;
}

function previousBytes(prev) {
  return prev === null ? Uint8Array.of(0) : concat(Uint8Array.of(1), u16(ascii(required(prev.algorithm, 'algorithm')), 'previous.algorithm'),
    i64(prev.treeSize), u16(fromHex(required(prev.rootHash, 'rootHash')), 'previous.rootHash'));
}

/** RenewalLink v1: leaf 0 of the renewal tree. */
function linkEncoding(s) {
  return concat(ascii('FAPIAO-RENEWAL-LINK'), Uint8Array.of(1), u16(utf8(required(s.nodeId, 'nodeId')), 'nodeId'),
    i64(s.sequence), u16(ascii(required(s.algorithm, 'algorithm')), 'algorithm'), i64(s.logTreeSize),
    u16(fromHex(required(s.logRootHash, 'logRootHash')), 'logRootHash'), previousBytes(s.previous));
}

/** Renewal encoding v1: what the NODE key signs. */
function renewalEncoding(s) {
  return concat(ascii('FAPIAO-RENEWAL'), Uint8Array.of(1), u16(utf8(required(s.nodeId, 'nodeId')), 'nodeId'),
    i64(s.sequence), u16(ascii(required(s.algorithm, 'algorithm')), 'algorithm'), i64(s.treeSize),
    u16(fromHex(required(s.rootHash, 'rootHash')), 'rootHash'), i64(s.logTreeSize),
    u16(fromHex(required(s.logRootHash, 'logRootHash')), 'logRootHash'), previousBytes(s.previous));
}

/** RenewedLeaf v1. */
function leafEncoding(l) {
  const id = utf8(required(l.invoiceId, 'invoiceId'));
  if (!id.length) throw new Error('invoiceId is empty');
  if (l.leafIndex < 0) throw new Error('leafIndex is negative');
  const doc = l.documentHash === null ? Uint8Array.of(0) : concat(Uint8Array.of(1), u16(fromHex(l.documentHash), 'documentHash'));
  const days = new Uint8Array(4);
  new DataView(days.buffer).setInt32(0, epochDay(required(l.retainUntil, 'retainUntil')));
  const kind = l.previousKind === 'LOG' ? 1 : l.previousKind === 'RENEWAL' ? 2 : null;
  if (kind === null) throw new Error(`previousKind must be LOG or RENEWAL, got ${l.previousKind}`);
  return concat(ascii('FAPIAO-RENEWED-LEAF'), Uint8Array.of(1), u16(id, 'invoiceId'), i64(l.leafIndex), doc,
    u16(fromHex(required(l.metadataHash, 'metadataHash')), 'metadataHash'), days, Uint8Array.of(kind),
    u16(fromHex(required(l.previousLeafHash, 'previousLeafHash')), 'previousLeafHash'));
}

const hashes = (list) => required(list, 'no path').map((h) => fromHex(h));

/** The subject of a bundle: what the rest of the proof established about the invoice. */
export function subjectOf(p) {
  const s = p.seal;
  return {
    nodeId: p.checkpoint.nodeId, invoiceId: p.invoiceId, leafIndex: p.inclusion.leafIndex,
    logLeafHash: hex(SM3.leaf(invoiceLeaf(p.invoiceId, s.docHash, s.metaHash, s.retainUntil))), retainUntil: s.retainUntil,
  };
}

/** The checks for bundle {@code p}: subject from its seal fields, chain {@code p.renewals}. */
export async function renewalChecks(p, trust, document) {
  let subject;
  try {
    subject = subjectOf(p);
  } catch (e) {
    return [fail('renewals', `unusable seal fields: ${e.message}`)];
  }
  const meta = p.invoice.metadata;
  return verifyChain(subject, p.renewals, trust, document, meta === null ? null : utf8(meta), true);
}

/** Every check of every step; {@code ledgerEvidence} false leaves out the Fabric checks (fixtures without blocks). */
export async function verifyChain(subject, chain, trust, document, metadata, ledgerEvidence) {
  const out = [];
  if (chain === null) return out;
  out.push(chainCheck(subject, chain));
  const steps = chain.steps ?? [];
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k];
    if (step === null) continue;
    const prior = k === 0 ? null : steps[k - 1];
    const p = `renewal-${step.sequence}`;
    out.push(leaf(p, subject, step, prior), inclusion(p, step), previous(p, step, prior), log(p, subject, step),
      signature(p, step));
    if (document) out.push(digestCheck(`${p}.document-hash`, 'document', step, document, step.leaf?.documentHash ?? null));
    if (metadata) out.push(digestCheck(`${p}.metadata-hash`, 'metadata', step, metadata, step.leaf?.metadataHash ?? null));
    if (ledgerEvidence) {
      if (step.anchoring === null) {
        out.push(fail(`${p}-block.decode`, 'no anchoring evidence'));
      } else {
        out.push(...await verifyEvidence(p, step.anchoring, trust,
          compositeKey('renewal', String(step.nodeId), String(step.sequence).padStart(10, '0')), (v) => recordMatches(step, v)));
      }
    }
  }
  return out;
}

function chainCheck(s, chain) {
  const name = 'renewals';
  if (chain.version !== 1) return fail(name, `chain version ${chain.version}`);
  if (chain.invoiceId !== s.invoiceId) return fail(name, `chain is for invoice ${chain.invoiceId}`);
  const steps = chain.steps ?? [];
  if (!steps.length) return pass(name, 'no renewal covers the invoice yet');
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k];
    if (step === null) return fail(name, `step ${k} is null`);
    if (step.nodeId !== s.nodeId) return fail(name, `renewal ${step.sequence} is of node ${step.nodeId}, not ${s.nodeId}`);
    if (k > 0 && steps[k - 1] !== null && step.sequence !== steps[k - 1].sequence + 1) {
      return fail(name, `renewal ${step.sequence} follows renewal ${steps[k - 1].sequence}`);
    }
    if (step.sequence < 1) return fail(name, `sequence ${step.sequence}`);
  }
  return pass(name, `${steps.length} renewal(s), ${steps[0].sequence}..${steps[steps.length - 1].sequence}, of node ${s.nodeId}`);
}

function leaf(p, s, step, prior) {
  const name = `${p}.leaf`;
  try {
    const a = algorithm(step.algorithm);
    if (!a) return fail(name, `unknown algorithm ${step.algorithm}`);
    const l = step.leaf;
    if (l === null) return fail(name, 'no leaf');
    if (l.invoiceId !== s.invoiceId) return fail(name, `leaf is of invoice ${l.invoiceId}`);
    if (l.leafIndex !== s.leafIndex) return fail(name, `leaf renews log leaf ${l.leafIndex}, the invoice is log leaf ${s.leafIndex}`);
    if (l.retainUntil !== s.retainUntil) return fail(name, `leaf says retain until ${l.retainUntil}, the seal ${s.retainUntil}`);
    if (l.documentHash !== null && fromHex(l.documentHash).length !== 32) return fail(name, `documentHash is not a ${step.algorithm} hash`);
    if (l.metadataHash === null || fromHex(l.metadataHash).length !== 32) return fail(name, `metadataHash is not a ${step.algorithm} hash`);
    const prev = step.previous;
    const expectedKind = prev === null || s.leafIndex >= prev.treeSize - 1 ? 'LOG' : 'RENEWAL';
    if (l.previousKind !== expectedKind) return fail(name, `previousKind is ${l.previousKind}, expected ${expectedKind}`);
    const what = l.documentHash === null ? 'disposed, no document' : 'document';
    if (expectedKind === 'LOG') {
      if (l.previousLeafHash !== s.logLeafHash) {
        return fail(name, `previousLeafHash ${l.previousLeafHash} is not the invoice's SM3 log leaf hash ${s.logLeafHash}`);
      }
      return pass(name, `leaf ${s.leafIndex + 1} renews log leaf ${s.leafIndex} (${what}) and binds its SM3 leaf hash`);
    }
    if (prior === null) return fail(name, `the leaf extends renewal ${step.sequence - 1}, which the chain does not include`);
    const pa = algorithm(prior.algorithm);
    if (!pa || prior.leaf === null) return fail(name, `renewal ${prior.sequence} is unusable`);
    const priorHash = hex(pa.hasher.leaf(leafEncoding(prior.leaf)));
    if (priorHash !== l.previousLeafHash) {
      return fail(name, `previousLeafHash ${l.previousLeafHash} is not renewal ${prior.sequence}'s leaf hash ${priorHash}`);
    }
    return pass(name, `leaf ${s.leafIndex + 1} renews log leaf ${s.leafIndex} (${what}) and binds renewal ${prior.sequence}'s leaf`);
  } catch (e) {
    return fail(name, `unusable leaf: ${e.message}`);
  }
}

function proofFailure(name, e, prefix = '') {
  return fail(name, e instanceof ProofError ? prefix + e.message : `${prefix ? 'unusable link' : 'unusable proof'}: ${e.message}`);
}

function inclusion(p, step) {
  const name = `${p}.inclusion`;
  try {
    const a = algorithm(step.algorithm);
    if (!a || step.leaf === null) return fail(name, 'no usable algorithm or leaf');
    if (step.treeSize !== step.logTreeSize + 1) return fail(name, `tree size ${step.treeSize} is not log size ${step.logTreeSize} + 1`);
    const index = step.leaf.leafIndex + 1;
    verifyInclusion(a.hasher, index, step.treeSize, a.hasher.leaf(leafEncoding(step.leaf)), hashes(step.path),
      fromHex(required(step.rootHash, 'rootHash')));
    return pass(name, `${step.algorithm} leaf ${index} of ${step.treeSize} leads to root ${step.rootHash}`);
  } catch (e) {
    return proofFailure(name, e);
  }
}

function previous(p, step, prior) {
  const name = `${p}.previous`;
  try {
    const a = algorithm(step.algorithm);
    if (!a) return fail(name, `unknown algorithm ${step.algorithm}`);
    const prev = step.previous;
    if ((step.sequence === 1) !== (prev === null)) {
      return fail(name, step.sequence === 1 ? 'renewal 1 names a previous renewal' : `renewal ${step.sequence} names no previous renewal`);
    }
    if (prev !== null && !algorithm(prev.algorithm)) return fail(name, `unknown previous algorithm ${prev.algorithm}`);
    if (prior !== null) {
      if (prev.algorithm !== prior.algorithm || prev.treeSize !== prior.treeSize || prev.rootHash !== prior.rootHash) {
        return fail(name, `previous is not renewal ${prior.sequence} (${prior.algorithm}, ${prior.treeSize}, ${prior.rootHash})`);
      }
      if (step.logTreeSize < prior.logTreeSize || (step.logTreeSize === prior.logTreeSize && step.logRootHash !== prior.logRootHash)) {
        return fail(name, `log tree (${step.logTreeSize}, ${step.logRootHash}) does not extend renewal ${prior.sequence}'s`);
      }
    }
    verifyInclusion(a.hasher, 0, step.treeSize, a.hasher.leaf(linkEncoding(step)), hashes(step.linkPath),
      fromHex(required(step.rootHash, 'rootHash')));
    return pass(name, `leaf 0 commits to the SM3 log (${step.logTreeSize}, ${step.logRootHash})`
      + (prev === null ? '' : ` and renewal ${step.sequence - 1} (${prev.algorithm}, ${prev.treeSize}, ${prev.rootHash})`));
  } catch (e) {
    return proofFailure(name, e, 'leaf 0: ');
  }
}

function log(p, s, step) {
  const name = `${p}.log`;
  try {
    const fromLog = step.leaf !== null && step.leaf.previousKind === 'LOG';
    if (!fromLog) {
      return step.logPath === null ? pass(name, `the log leaf is bound through renewal ${step.sequence - 1}`)
        : fail(name, `a log path for a leaf that extends renewal ${step.sequence - 1}`);
    }
    if (step.logPath === null) return fail(name, 'no log path');
    verifyInclusion(SM3, s.leafIndex, step.logTreeSize, fromHex(s.logLeafHash), hashes(step.logPath),
      fromHex(required(step.logRootHash, 'logRootHash')));
    return pass(name, `SM3 log leaf ${s.leafIndex} of ${step.logTreeSize} leads to root ${step.logRootHash}`);
  } catch (e) {
    return proofFailure(name, e);
  }
}

function signature(p, step) {
  const name = `${p}.signature`;
  try {
    const s = required(step.signer, 'no signer');
    const key = sm2PublicKey(s.publicKey);
    if (key.keyId !== s.keyId) return fail(name, `key id ${s.keyId} is not SM3 of the public key (${key.keyId})`);
    const ok = sm2Verify(key, renewalEncoding(step), fromBase64(required(s.signature, 'no signature')), s.userId ?? undefined);
    return ok ? pass(name, `renewal ${step.sequence} (${step.algorithm}, ${step.treeSize}) signed by NODE key ${s.keyId}`)
      : fail(name, 'SM2 signature over the renewal encoding does not verify');
  } catch (e) {
    return fail(name, `unusable signature: ${e.message}`);
  }
}

function digestCheck(name, what, step, data, expected) {
  const a = algorithm(step.algorithm);
  if (!a) return fail(name, `unknown algorithm ${step.algorithm}`);
  if (expected === null) return fail(name, 'the renewal records the invoice as disposed (no document)');
  const h = hex(a.digest(data));
  return h === expected ? pass(name, `${step.algorithm} of the ${what} is ${h}`)
    : fail(name, `${step.algorithm} of the ${what} is ${h}, the renewed leaf says ${expected}`);
}

function recordMatches(step, v) {
  if (step.nodeId !== asText(path(v, 'nodeId'))) return `anchored renewal is of node ${asText(path(v, 'nodeId'))}`;
  if (step.sequence !== asLong(path(v, 'sequence'), -1)) return `anchored renewal has sequence ${asText(path(v, 'sequence'))}`;
  if (step.algorithm !== asText(path(v, 'algorithm'))) return `anchored renewal uses ${asText(path(v, 'algorithm'))}`;
  if (step.treeSize !== asLong(path(v, 'treeSize'), -1) || step.rootHash !== asText(path(v, 'rootHash'))) {
    return `anchored renewal has tree (${asText(path(v, 'treeSize'))}, ${asText(path(v, 'rootHash'))})`;
  }
  if (step.logTreeSize !== asLong(path(v, 'logTreeSize'), -1) || step.logRootHash !== asText(path(v, 'logRootHash'))) {
    return `anchored renewal covers the log tree (${asText(path(v, 'logTreeSize'))}, ${asText(path(v, 'logRootHash'))})`;
  }
  const prev = path(v, 'previous');
  const p = step.previous;
  const isObj = prev !== null && typeof prev === 'object' && !Array.isArray(prev);
  const same = p === null ? prev === null || prev === path({}, 'x')
    : isObj && p.algorithm === asText(path(prev, 'algorithm')) && p.treeSize === asLong(path(prev, 'treeSize'), -1)
      && p.rootHash === asText(path(prev, 'rootHash'));
  if (!same) return `anchored renewal extends ${JSON.stringify(prev)}`;
  const s = step.signer;
  if (s === null || s.keyId !== asText(path(v, 'keyId')) || s.signature !== asText(path(v, 'signature'))) {
    return 'anchored renewal has another key id or signature';
  }
  return null;
}
