// Retention proof bundle v2, and v1 as it always was (docs/retention-proof.md), read strictly as RetentionProof.receive:
// every member of its exact type, no duplicate, no other (strict-json.js). The tree is kept as
// received (documentCheck included), so the bundle signature is checked over its canonical JSON.
import {
  BOOLEAN, INT, LONG, MalformedError, STRING as S, checkShape, isIntegerLiteral, listOf, nullable, object, optional, parseStrict,
  readStrict,
} from './strict-json.js';

const SIGNER = object({ keyId: S, publicKey: S, userId: nullable(S), signature: S });
const BLOCK = object({ txId: S, blockNumber: LONG, txIndex: INT, block: S });
const STRINGS = listOf(S);
const STEP = object({
  nodeId: nullable(S), sequence: LONG, algorithm: nullable(S), treeSize: LONG, rootHash: nullable(S),
  logTreeSize: LONG, logRootHash: nullable(S),
  previous: nullable(object({ algorithm: nullable(S), treeSize: LONG, rootHash: nullable(S) })),
  leaf: nullable(object({
    invoiceId: nullable(S), leafIndex: LONG, documentHash: nullable(S), metadataHash: nullable(S),
    retainUntil: nullable(S), previousKind: nullable(S), previousLeafHash: nullable(S),
  })),
  path: nullable(STRINGS), linkPath: nullable(STRINGS), logPath: nullable(STRINGS),
  signer: nullable(SIGNER), anchoring: nullable(BLOCK),
});
export const CHAIN = object({ version: INT, invoiceId: S, steps: listOf(STEP) });
const HISTORY = object({ txId: S, timestamp: S, status: S, legalHold: BOOLEAN, action: S, reason: nullable(S), mspId: S });
// the node's claim about the document (docs/documents.md, "documentCheck"), exact members as in Java
const DOCUMENT_CLAIM = object({
  format: S, passed: BOOLEAN, parts: INT, modifiedParts: listOf(S),
  signatures: listOf(object({ id: S, kind: S, value: S, valueDetail: nullable(S), trust: S, trustReason: nullable(S) })),
  notes: listOf(S), checkedBy: S,
});
const V1_MEMBERS = {
  version: INT,
  invoiceId: S,
  generatedAt: S,
  invoice: object({ issuer: S, number: S, contentType: S, documentSize: LONG, metadata: S }),
  seal: object({
    docHash: S, metaHash: S, issueTime: S, retainUntil: S, encodingVersion: INT, node: SIGNER, enterprise: nullable(SIGNER),
  }),
  anchoring: BLOCK,
  inclusion: object({ leafIndex: LONG, treeSize: LONG, path: STRINGS }),
  checkpoint: object({ nodeId: S, treeSize: LONG, rootHash: S, signer: SIGNER, anchoring: BLOCK }),
  status: object({ status: S, legalHold: BOOLEAN, history: listOf(HISTORY), evidence: nullable(BLOCK) }),
  retention: object({ retainUntil: S, legalHold: BOOLEAN }),
  renewals: CHAIN,
  // the node's claim about the document (node.document), re-checked by its own step
  documentCheck: optional(DOCUMENT_CLAIM),
  signature: S,
};
export const BUNDLE_V1 = object(V1_MEMBERS);
const VERSION_ONLY = object({ version: INT });
// version 2: the registry evidence of seal.enterprise (null without one)
export const BUNDLE = object({ ...V1_MEMBERS, enterpriseRegistration: nullable(BLOCK) });

/**
 * Parses a bundle strictly; {@link MalformedError} naming the member when it is not a version 1 or 2
 * bundle. The version decides the shape: a version 1 bundle has exactly the members it always had.
 */
export function parseBundle(text) {
  const what = 'not a retention proof bundle';
  const tree = parseStrict(text, what);
  const v = tree !== null && typeof tree === 'object' && !Array.isArray(tree) && Object.hasOwn(tree, 'version')
    ? tree.version : undefined;
  // a version that is no integer is named as such, whatever else differs
  if (v !== undefined) checkShape({ version: v }, VERSION_ONLY, what);
  const p = checkShape(tree, isIntegerLiteral(v, 1) ? BUNDLE_V1 : BUNDLE, what);
  if (p.version !== 1 && p.version !== 2) {
    throw new MalformedError(`unsupported bundle version ${p.version} (expected 1 or 2)`);
  }
  return p;
}

/** Parses a renewal chain alone (RenewalChain.parse). */
export function parseChain(text) {
  const c = readStrict(text, CHAIN, 'not a renewal chain');
  if (c.version !== 1) throw new MalformedError(`unsupported renewal chain version ${c.version} (expected 1)`);
  return c;
}
