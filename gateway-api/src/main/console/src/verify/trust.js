// The verifier's trust file (scripts/network.sh trust): channel, orderer MSPs, required endorsers
// and each MSP's signing root CAs. Refused as a whole, as TrustAnchors.parse does.
import { certificate, pemBody } from './der.js';
import { asText } from './json-node.js';

export class MalformedError extends Error {}

const SHAPE = 'trust file must be {version: 1, channel, ordererMsps: [...], requiredEndorsers: [...], msps: {...}}';
export const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** JSON.parse, a syntax error becoming a MalformedError that starts with {@code what}. */
export function readJson(text, what) {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new MalformedError(`${what}: ${e.message}`);
  }
}

export function parseTrust(text) {
  const t = readJson(text, 'trust file is not JSON');
  if (!isObject(t) || Number.parseInt(asText(t.version ?? ''), 10) !== 1 || !isObject(t.msps)
      || !Array.isArray(t.ordererMsps) || !Array.isArray(t.requiredEndorsers)) {
    throw new MalformedError(SHAPE);
  }
  const roots = new Map();
  for (const [msp, entry] of Object.entries(t.msps)) {
    const certs = [];
    const pems = isObject(entry) && Array.isArray(entry.rootCerts) ? entry.rootCerts : [];
    for (const pem of pems) {
      try {
        for (const der of pemBody(asText(pem), 'CERTIFICATE')) certs.push(certificate(der));
      } catch (e) {
        throw new MalformedError(`trust file: bad certificate: ${e.message}`);
      }
    }
    if (!certs.length) throw new MalformedError(`trust file: MSP ${msp} has no rootCerts`);
    roots.set(msp, certs);
  }
  return {
    channel: asText(t.channel === undefined ? null : t.channel, null),
    ordererMsps: t.ordererMsps.map((n) => asText(n)),
    requiredEndorsers: t.requiredEndorsers.map((n) => asText(n)),
    roots,
  };
}
