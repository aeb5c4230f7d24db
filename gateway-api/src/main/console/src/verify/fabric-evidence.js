// Offline checks of one Fabric transaction inside its raw block (docs/retention-proof.md step 5),
// the same checks and names as dev.fapiao.node.proof.FabricEvidence: <prefix>-block.*, <prefix>-tx.*.
import { concat, equalBytes, fromBase64, fromUtf8, hex } from './bytes.js';
import { certificate, integer, OID_ECDSA_SHA256, pemBody, tlv } from './der.js';
import { ecdsaP256Verify, lowS, sha256 } from './crypto.js';
import * as pb from './protobuf.js';
import { instantString } from './time.js';

export const NAMESPACE = 'fapiao';
const SIGNATURES = 0;
const TRANSACTIONS_FILTER = 2;
const pass = (name, reason) => ({ name, passed: true, reason });
const fail = (name, reason) => ({ name, passed: false, reason });

/** SHA-256 over the concatenated envelopes (protoutil.BlockDataHash). */
export async function dataHash(block) {
  return sha256(concat(...block.data.data));
}

/** DER SEQUENCE { INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash } (protoutil.BlockHeaderBytes). */
export function headerBytes(h) {
  return tlv(0x30, concat(integer(h.number), tlv(0x04, h.previousHash), tlv(0x04, h.dataHash)));
}

export function decodeBlock(b64) {
  if (typeof b64 !== 'string') throw new Error('no block');
  const block = pb.decode(pb.Block, fromBase64(b64));
  if (block.header.absent || block.data.absent || block.metadata.absent) {
    throw new Error('header, data or metadata missing');
  }
  return block;
}

/** The transaction's channel header timestamp as epoch seconds (fraction included) and nanos. */
export function txTimestamp(ev) {
  const block = pb.decode(pb.Block, fromBase64(ev.block));
  if (ev.txIndex < 0 || ev.txIndex >= block.data.data.length) {
    throw new Error(`transaction index ${ev.txIndex} not in block of ${block.data.data.length}`);
  }
  const payload = pb.decode(pb.Payload, pb.decode(pb.Envelope, block.data.data[ev.txIndex]).payload);
  const ch = pb.decode(pb.ChannelHeader, payload.header.channelHeader);
  if (ch.timestamp.absent) throw new Error('the channel header has no timestamp');
  return { epochSecond: Number(ch.timestamp.seconds), nanos: ch.timestamp.nanos };
}

/**
 * All checks for {@code ev} ({txId, blockNumber, txIndex, block}). {@code writeCheck} receives the
 * JSON value written to {@code key} and returns null when it is as expected, else the reason.
 */
export async function verifyEvidence(prefix, ev, trust, key, writeCheck) {
  const out = [];
  const blk = `${prefix}-block`;
  const tx = `${prefix}-tx`;
  let block;
  try {
    block = decodeBlock(ev.block);
  } catch (e) {
    out.push(fail(`${blk}.decode`, `not a base64 Fabric block: ${e.message}`));
    return out;
  }
  const computed = await dataHash(block);
  out.push(equalBytes(computed, block.header.dataHash)
    ? pass(`${blk}.data-hash`, `SHA-256 over ${block.data.data.length} envelopes equals the header's data hash`)
    : fail(`${blk}.data-hash`, `SHA-256 over the envelopes is ${hex(computed)}, the header says ${hex(block.header.dataHash)}`));
  out.push(block.header.number !== BigInt(ev.blockNumber)
    ? fail(`${blk}.number`, `block is number ${block.header.number}, bundle says ${ev.blockNumber}`)
    : pass(`${blk}.number`, `block ${ev.blockNumber}`));
  out.push(await ordererSignature(`${blk}.orderer-signature`, block, trust));

  let env, payload, ch, sh;
  try {
    if (ev.txIndex < 0 || ev.txIndex >= block.data.data.length) {
      throw new Error(`transaction index ${ev.txIndex} not in block of ${block.data.data.length}`);
    }
    env = pb.decode(pb.Envelope, block.data.data[ev.txIndex]);
    payload = pb.decode(pb.Payload, env.payload);
    ch = pb.decode(pb.ChannelHeader, payload.header.channelHeader);
    sh = pb.decode(pb.SignatureHeader, payload.header.signatureHeader);
  } catch (e) {
    out.push(fail(`${tx}.header`, e.message));
    return out;
  }
  let problem = null;
  if (ch.txId !== ev.txId) {
    problem = `transaction ${ev.txIndex} is ${ch.txId}, bundle says ${ev.txId}`;
  } else if (trust.channel !== null && trust.channel !== ch.channelId) {
    problem = `channel ${ch.channelId}, trust file says ${trust.channel}`;
  } else if (ch.txId !== hex(await sha256(concat(sh.nonce, sh.creator)))) {
    problem = 'txId is not SHA-256(nonce || creator)';
  }
  out.push(problem === null
    ? pass(`${tx}.header`, `transaction ${ev.txIndex} of block ${ev.blockNumber} is ${ev.txId} on channel ${ch.channelId}`)
    : fail(`${tx}.header`, problem));
  const txTime = Number(ch.timestamp.seconds) * 1000 + Math.floor(ch.timestamp.nanos / 1e6);
  const at = Number(block.header.number);
  out.push(await signedBy(`${tx}.creator-signature`, sh.creator, env.payload, env.signature, trust, null, txTime, at));

  let prp;
  try {
    const t = pb.decode(pb.Transaction, payload.data);
    if (t.actions.length !== 1) throw new Error(`${t.actions.length} actions, expected 1`);
    const cap = pb.decode(pb.ChaincodeActionPayload, t.actions[0].payload);
    prp = cap.action.proposalResponsePayload;
    out.push(await endorsements(`${tx}.endorsements`, prp, cap.action.endorsements, trust, txTime, at));
  } catch (e) {
    out.push(fail(`${tx}.endorsements`, `not an endorser transaction: ${e.message}`));
    return out;
  }
  out.push(writeSet(`${tx}.write-set`, prp, key, writeCheck));
  const flags = block.metadata.metadata.length > TRANSACTIONS_FILTER
    ? block.metadata.metadata[TRANSACTIONS_FILTER] : new Uint8Array(0);
  if (flags.length > ev.txIndex && flags[ev.txIndex] === 0) {
    out.push(pass(`${tx}.validation-flag`, 'VALID (flag set by the committing peer, not signed)'));
  } else {
    out.push(fail(`${tx}.validation-flag`, flags.length > ev.txIndex
      ? `transaction marked invalid, code ${flags[ev.txIndex]}` : 'no validation flag for the transaction'));
  }
  return out;
}

async function ordererSignature(name, block, trust) {
  let md;
  try {
    if (block.metadata.metadata.length <= SIGNATURES) throw new Error('index out of range');
    md = pb.decode(pb.Metadata, block.metadata.metadata[SIGNATURES]);
  } catch (e) {
    return fail(name, `no SIGNATURES metadata: ${e.message}`);
  }
  if (!md.signatures.length) return fail(name, 'block carries no orderer signature');
  const header = headerBytes(block.header);
  const reasons = [];
  for (const sig of md.signatures) {
    if (!sig.signatureHeader.length) {
      reasons.push('signature without signature header (BFT identifier headers are not supported)');
      continue;
    }
    let sh;
    try {
      sh = pb.decode(pb.SignatureHeader, sig.signatureHeader);
    } catch (e) {
      reasons.push(`bad signature header: ${e.message}`);
      continue;
    }
    const signed = concat(md.value, sig.signatureHeader, header);
    const r = await signedBy(name, sh.creator, signed, sig.signature, trust, trust.ordererMsps, null, Number(block.header.number));
    if (r.passed) return r;
    reasons.push(r.reason);
  }
  return fail(name, reasons.join('; '));
}

/**
 * Every endorsement verifies, by an MSP that was a channel member at the block; the distinct
 * endorsing MSPs include the period's required endorsers and number at least the period's quorum.
 */
async function endorsements(name, prp, list, trust, at, block) {
  const endorsedBy = new Set();
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    const r = await signedBy(name, e.endorser, concat(prp, e.endorser), e.signature, trust, null, at, block);
    if (!r.passed) return fail(name, `endorsement ${i}: ${r.reason}`);
    endorsedBy.add(mspOf(e.endorser));
  }
  const sorted = [...endorsedBy].sort();
  const missing = trust.requiredEndorsersAt(block).filter((m) => !endorsedBy.has(m));
  if (missing.length) return fail(name, `not endorsed by [${missing.join(', ')}] (endorsed by [${sorted.join(', ')}])`);
  const quorum = trust.quorumAt(block);
  if (endorsedBy.size < quorum) {
    return fail(name, `${endorsedBy.size} distinct endorsing MSPs [${sorted.join(', ')}], the policy of block ${block} needs ${quorum}`);
  }
  return pass(name, `${list.length} valid endorsements by ${endorsedBy.size} distinct MSPs [${sorted.join(', ')}] (quorum ${quorum})`);
}

function writeSet(name, prp, key, check) {
  try {
    const action = pb.decode(pb.ChaincodeAction, pb.decode(pb.ProposalResponsePayload, prp).extension);
    const rw = pb.decode(pb.TxReadWriteSet, action.results);
    for (const ns of rw.nsRwset) {
      if (ns.namespace !== NAMESPACE) continue;
      for (const w of pb.decode(pb.KVRWSet, ns.rwset).writes) {
        if (w.key !== key) continue;
        if (w.isDelete) return fail(name, 'the transaction deletes the key');
        const value = JSON.parse(fromUtf8(w.value));
        const problem = check(value);
        return problem === null
          ? pass(name, `writes ${printable(key)} with the bundle's values`) : fail(name, problem);
      }
    }
    return fail(name, `the transaction does not write ${printable(key)} in namespace ${NAMESPACE}`);
  } catch (e) {
    return fail(name, `unreadable write set: ${e.message}`);
  }
}

function identityCertificate(idBytes) {
  const text = fromUtf8(idBytes);
  const der = text.includes('-----BEGIN CERTIFICATE-----') ? pemBody(text, 'CERTIFICATE')[0] : idBytes;
  return certificate(der);
}

/**
 * {@code identity} (SerializedIdentity) is an X.509 certificate issued by a root of its MSP in the
 * trust file for {@code block} (only {@code allowedMsps} when given), valid at {@code atMs} when given, whose key
 * signed {@code data} (ECDSA P-256/SHA-256, DER, low S).
 */
export async function signedBy(name, identity, data, signature, trust, allowedMsps, atMs, block) {
  let id, cert;
  try {
    id = pb.decode(pb.SerializedIdentity, identity);
    cert = identityCertificate(id.idBytes);
  } catch (e) {
    return fail(name, `identity is not an X.509 SerializedIdentity: ${e.message}`);
  }
  const msp = id.mspid;
  const subject = cert.subject;
  if (allowedMsps && !allowedMsps.includes(msp)) return fail(name, `signer's MSP ${msp} is not one of [${allowedMsps.join(', ')}]`);
  const roots = trust.rootsAt(msp, block);
  if (!roots) {
    return fail(name, `MSP ${msp} of ${subject} is not in the trust file${trust.history.length ? ` as a channel member at block ${block}` : ''}`);
  }
  let issued = false;
  for (const root of roots) {
    try {
      if (cert.signatureAlgorithm === OID_ECDSA_SHA256
          && await ecdsaP256Verify(root.publicKey, cert.tbs, cert.signature)) {
        issued = true;
        break;
      }
    } catch {
      // try the next root
    }
  }
  if (!issued) return fail(name, `${subject} (${msp}) is not issued by a trusted root of ${msp}`);
  if (atMs !== null && (atMs < cert.notBefore * 1000 || atMs > cert.notAfter * 1000)) {
    return fail(name, `${subject} was not valid at ${instantString(Math.floor(atMs / 1000), (atMs % 1000) * 1e6)}`);
  }
  try {
    if (!lowS(signature)) return fail(name, `signature by ${subject} is not a low-S DER ECDSA signature`);
    if (!await ecdsaP256Verify(cert.publicKey, data, signature)) {
      return fail(name, `signature by ${subject} (${msp}) does not verify`);
    }
  } catch (e) {
    return fail(name, `signature by ${subject} does not verify: ${e.message}`);
  }
  return pass(name, `signed by ${subject} (${msp})`);
}

function mspOf(identity) {
  try {
    return pb.decode(pb.SerializedIdentity, identity).mspid;
  } catch {
    return '?';
  }
}

const printable = (key) => key.replaceAll('\u0000', '/');
