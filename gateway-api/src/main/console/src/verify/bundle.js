// Retention proof bundle v1 (docs/retention-proof.md), read strictly as RetentionProof.receive:
// every member of its exact type, no duplicate, no other (strict-json.js). The tree is kept as
// received (documentCheck included), so the bundle signature is checked over its canonical JSON.
import {
  BOOLEAN, INT, LONG, MalformedError, STRING as S, listOf, nullable, object, optional, readStrict,
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
export const BUNDLE = object({
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
});

/** Parses a bundle strictly; {@link MalformedError} naming the member when it is not a version 1 bundle. */
export function parseBundle(text) {
  const p = readStrict(text, BUNDLE, 'not a retention proof bundle');
  if (p.version !== 1) throw new MalformedError(`unsupported bundle version ${p.version} (expected 1)`);
  return p;
}

/** Parses a renewal chain alone (RenewalChain.parse). */
export function parseChain(text) {
  const c = readStrict(text, CHAIN, 'not a renewal chain');
  if (c.version !== 1) throw new MalformedError(`unsupported renewal chain version ${c.version} (expected 1)`);
  return c;
}
