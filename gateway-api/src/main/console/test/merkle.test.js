// RFC 9162 math of the console against the shared consistency vectors and the 1,000,000-leaf proof.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromHex } from '../src/verify/bytes.js';
import { sm3 } from '../src/verify/crypto.js';
import { invoiceLeaf } from '../src/verify/encodings.js';
import { ProofError, rfc6962Hasher, verifyConsistency, verifyInclusion } from '../src/verify/merkle.js';
import { FIXTURES, fixture } from './cases.js';

const h = rfc6962Hasher(sm3);

test('the 1,000,000-leaf inclusion proof verifies, and fails for another root or a shorter path', () => {
  const f = JSON.parse(fixture('merkle-1m-inclusion.json'));
  const leaf = h.leaf(invoiceLeaf(f.leaf.invoiceId, f.leaf.docHash, f.leaf.metaHash, f.leaf.retainUntil));
  const path = f.path.map(fromHex);
  verifyInclusion(h, f.leafIndex, f.treeSize, leaf, path, fromHex(f.rootHash));
  const other = fromHex(f.rootHash);
  other[0] ^= 1;
  assert.throws(() => verifyInclusion(h, f.leafIndex, f.treeSize, leaf, path, other), (e) => e.check === 'ROOT_MISMATCH');
  assert.throws(() => verifyInclusion(h, f.leafIndex, f.treeSize, leaf, path.slice(1), fromHex(f.rootHash)),
    (e) => e instanceof ProofError && e.check === 'PROOF_LENGTH');
});

test('SM3 consistency vectors shared with the chaincode', () => {
  const file = join(FIXTURES, '../../../../../chaincode/src/test/resources/vectors/consistency-sm3.json');
  const { roots, cases } = JSON.parse(readFileSync(file, 'utf8'));
  assert.ok(cases.length >= 40, `${cases.length} vectors`);
  let refused = 0;
  for (const v of cases) {
    const proof = v.proof.map(fromHex);
    verifyConsistency(h, v.size1, v.size2, proof, fromHex(roots[v.size1]), fromHex(roots[v.size2]));
    if (proof.length) {
      const changed = proof.map((p) => p.slice());
      changed[changed.length - 1][5] ^= 1;
      assert.throws(() => verifyConsistency(h, v.size1, v.size2, changed, fromHex(roots[v.size1]),
        fromHex(roots[v.size2])), ProofError);
      refused++;
    }
  }
  assert.ok(refused >= 40, `${refused} changed proofs refused`);
});
