// Writes node/src/test/resources/proof/merkle-1m-inclusion.json: the RFC 9162 inclusion proof
// of one invoice leaf in a 1,000,000-leaf SM3 log built like ProofBenchmark's (InvoiceLeaf v1
// leaves, random hashes), for the in-browser timing in docs/console.md. Run once:
//   node tools/make-merkle-1m.mjs
// SharedProofCasesTest checks the proof with the Java ProofVerifier.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { hex } from '../src/verify/bytes.js';
import { sm3 } from '../src/verify/crypto.js';
import { invoiceLeaf } from '../src/verify/encodings.js';
import { rfc6962Hasher } from '../src/verify/merkle.js';
import { FIXTURES } from '../test/cases.js';

const SIZE = 1_000_000;
const INDEX = 314_159; // in the left perfect subtree of 2^19 leaves: a 20-hash path
const RETAIN_UNTIL = '2056-12-31';
const h = rfc6962Hasher(sm3);
const id = (n) => `91350100M000100Y43${String(n).padStart(20, '0')}`;
let level = [];
let leaf;
for (let n = 0; n < SIZE; n++) {
  const docHash = hex(randomBytes(32));
  const metaHash = hex(randomBytes(32));
  if (n === INDEX) leaf = { invoiceId: id(n), docHash, metaHash, retainUntil: RETAIN_UNTIL };
  level.push(h.leaf(invoiceLeaf(id(n), docHash, metaHash, RETAIN_UNTIL)));
}
// level by level; an odd last node moves up unchanged (the RFC 9162 tree shape)
const path = [];
let i = INDEX;
while (level.length > 1) {
  const sibling = i ^ 1;
  if (sibling < level.length) path.push(hex(level[sibling]));
  const next = [];
  for (let k = 0; k < level.length; k += 2) next.push(k + 1 < level.length ? h.children(level[k], level[k + 1]) : level[k]);
  level = next;
  i >>= 1;
}
const out = { treeSize: SIZE, leafIndex: INDEX, leaf, leafHash: hex(h.leaf(invoiceLeaf(leaf.invoiceId, leaf.docHash,
  leaf.metaHash, RETAIN_UNTIL))), path, rootHash: hex(level[0]) };
writeFileSync(join(FIXTURES, 'merkle-1m-inclusion.json'), JSON.stringify(out, null, 2) + '\n');
console.log(`root ${out.rootHash}, path of ${path.length} hashes`);
