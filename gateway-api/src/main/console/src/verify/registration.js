// enterprise-registration (bundle version 2), as dev.fapiao.node.proof.EnterpriseRegistration:
// seal.enterprise's key is the issuer's registered ENTERPRISE key, valid at the issue time, shown by
// the registry transaction that created the key record (enterpriseRegistration).
import { DEFAULT_SM2_USER_ID, sm2PublicKey } from './crypto.js';
import { compositeKey } from './encodings.js';
import { verifyEvidence } from './fabric-evidence.js';
import { MISSING, asText, path } from './json-node.js';
import { parseInstant } from './time.js';

const NAME = 'enterprise-registration';
const pass = (name, reason) => ({ name, passed: true, reason });
const fail = (name, reason) => ({ name, passed: false, reason });

export async function enterpriseRegistration(p, trust) {
  const e = p.seal.enterprise;
  const ev = p.enterpriseRegistration;
  if (!e || !ev) {
    if (e) return [fail(NAME, `no registry evidence for the enterprise key ${e.keyId}`)];
    if (ev) return [fail(NAME, 'registry evidence without an enterprise seal')];
    return [];
  }
  let written = null;
  const out = await verifyEvidence('registry', ev, trust, compositeKey('signer', e.keyId ?? ''), (v) => {
    written = v;
    return recordProblem(p, e, v);
  });
  out.push(summary(p, ev, written));
  return out;
}

function summary(p, ev, record) {
  const a = p.anchoring;
  if (ev.blockNumber > a.blockNumber || (ev.blockNumber === a.blockNumber && ev.txIndex >= a.txIndex)) {
    return fail(NAME, `the registry transaction (block ${ev.blockNumber}, tx ${ev.txIndex}) is not before the`
      + ` anchoring (block ${a.blockNumber}, tx ${a.txIndex})`);
  }
  if (record === null) return fail(NAME, `no readable key record written by ${ev.txId}`);
  return pass(NAME, `key ${p.seal.enterprise.keyId} registered as the issuer's ENTERPRISE key by ${ev.txId} in block`
    + ` ${ev.blockNumber}, valid at the issue time ${p.seal.issueTime}`);
}

const after = (a, b) => a.epochSecond > b.epochSecond || (a.epochSecond === b.epochSecond && a.nanos > b.nanos);
const userId = (id) => id ?? DEFAULT_SM2_USER_ID;

/** Null when the key record written is e's key, ENTERPRISE, of the issuer and valid at the issue time. */
export function recordProblem(p, e, v) {
  if (e.keyId !== asText(path(v, 'keyId'), null)) return `the record is of key ${asText(path(v, 'keyId'))}`;
  if (asText(path(v, 'kind'), null) !== 'ENTERPRISE') {
    return `the key is registered as ${asText(path(v, 'kind'))}, not ENTERPRISE`;
  }
  if (p.invoice.issuer !== asText(path(v, 'ownerCode'), null)) {
    return `the key belongs to ${asText(path(v, 'ownerCode'))}, not the issuer ${p.invoice.issuer}`;
  }
  try {
    const registered = sm2PublicKey(asText(path(v, 'publicKey'), ''));
    if (registered.keyId !== e.keyId) return `the registered public key's SM3 is ${registered.keyId}, not ${e.keyId}`;
    if (registered.keyId !== sm2PublicKey(e.publicKey).keyId) return 'the registered public key is not the bundle\'s';
  } catch (ex) {
    return `unusable public key: ${ex.message}`;
  }
  if (userId(asText(path(v, 'userId'), null)) !== userId(e.userId)) {
    return 'the registered SM2 user ID differs from the bundle\'s';
  }
  try {
    const issued = parseInstant(p.seal.issueTime);
    const from = parseInstant(asText(path(v, 'validFrom'), ''));
    if (after(from, issued)) return `the key is valid from ${asText(path(v, 'validFrom'))}, after the issue time ${p.seal.issueTime}`;
    for (const end of ['validTo', 'revokedAt']) {
      const t = path(v, end);
      if (t !== MISSING && t !== null && !after(parseInstant(asText(t)), issued)) {
        return `the record's ${end} ${asText(t)} is not after the issue time ${p.seal.issueTime}`;
      }
    }
  } catch (ex) {
    return `unreadable validity: ${ex.message}`;
  }
  return null;
}
