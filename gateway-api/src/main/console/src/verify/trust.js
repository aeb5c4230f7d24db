// The verifier's trust file (scripts/network.sh trust), read strictly as TrustAnchors.parse:
// channel, orderer MSPs, required endorsers, each MSP's signing root CAs, the endorsement rule and
// quorum, and the membership history that says who was a member at which block.
import { certificate, pemBody } from './der.js';
import { INT, LONG, MalformedError, STRING, listOf, mapOf, nullable, object, readStrict } from './strict-json.js';

export { MalformedError };
export const MAJORITY = 'MAJORITY Endorsement';
const CERTS = listOf(STRING);
const TRUST = object({
  version: INT,
  channel: STRING,
  ordererMsps: listOf(STRING),
  requiredEndorsers: listOf(STRING),
  msps: mapOf(object({ rootCerts: CERTS })),
  endorsement: object({ rule: STRING, members: listOf(STRING), quorum: INT }),
  configBlock: LONG,
  history: listOf(object({ org: STRING, msp: STRING, rootCerts: CERTS, fromBlock: LONG, toBlock: nullable(LONG) })),
});


function certificates(pems, at) {
  const certs = [];
  for (const pem of pems) {
    try {
      for (const der of pemBody(pem, 'CERTIFICATE')) certs.push(certificate(der));
    } catch (e) {
      throw new MalformedError(`trust file: ${at}: bad certificate: ${e.message}`);
    }
  }
  if (!certs.length) throw new MalformedError(`trust file: ${at}: no certificate`);
  return certs;
}

export function parseTrust(text) {
  const t = readStrict(text, TRUST, 'trust file');
  if (t.version !== 1) throw new MalformedError(`trust file: version: unsupported ${t.version} (expected 1)`);
  if (t.endorsement.rule !== MAJORITY) {
    throw new MalformedError(`trust file: endorsement.rule: '${t.endorsement.rule}' is not ${MAJORITY}`);
  }
  const quorum = t.endorsement.quorum;
  if (quorum < 1 || quorum > t.endorsement.members.length) {
    throw new MalformedError(`trust file: endorsement.quorum: ${quorum} is not between 1 and ${t.endorsement.members.length} (the members)`);
  }
  const roots = new Map();
  for (const [msp, entry] of Object.entries(t.msps)) roots.set(msp, certificates(entry.rootCerts, `msps.${msp}.rootCerts`));
  const history = t.history.map((h, i) => ({
    msp: h.msp, rootCerts: certificates(h.rootCerts, `history[${i}].rootCerts`), fromBlock: h.fromBlock, toBlock: h.toBlock,
  }));
  return trustAnchors({
    channel: t.channel, ordererMsps: t.ordererMsps, requiredEndorsers: t.requiredEndorsers, roots,
    quorum, configBlock: t.configBlock, history,
  });
}

const covers = (m, block) => m.fromBlock <= block && (m.toBlock === null || block < m.toBlock);

/**
 * Trust anchors with TrustAnchors' period rules: {@code rootsAt(msp, block)} (null when not a
 * member then; a current member's roots from msps, a departed one's from its history entry) and
 * {@code quorumAt(block)} and {@code requiredEndorsersAt(block)}. {@code t} without history: its roots
 * are the members, quorum 0.
 */
export function trustAnchors(t) {
  const history = t.history ?? [];
  const quorum = t.quorum ?? 0;
  const configBlock = t.configBlock ?? 0;
  const membersAt = (block) => [...new Set(history.filter((m) => covers(m, block)).map((m) => m.msp))];
  return {
    ...t,
    history,
    quorum,
    configBlock,
    rootsAt(msp, block) {
      if (t.ordererMsps.includes(msp) || !history.length) return t.roots.get(msp) ?? null;
      const out = [];
      for (const m of history) {
        if (m.msp !== msp || !covers(m, block)) continue;
        if (m.toBlock === null) return t.roots.get(msp) ?? null;
        out.push(...m.rootCerts);
      }
      return out.length ? out : null;
    },
    membersAt,
    quorumAt(block) {
      if (!history.length || block >= configBlock) return quorum;
      return Math.floor(membersAt(block).length / 2) + 1;
    },
    // requiredEndorsers state the current members' rule; an earlier period's is its quorum alone
    requiredEndorsersAt(block) {
      if (!history.length || block >= configBlock) return t.requiredEndorsers;
      return [];
    },
  };
}
