// RFC 9162 §2.1 Merkle tree math over an injected hasher: inclusion (§2.1.3.2) and
// consistency (§2.1.4.2) verification, checking the proof's shape against the sizes first.
import { concat, equalBytes } from './bytes.js';

export class ProofError extends Error {
  constructor(check, message) {
    super(message);
    this.check = check;
  }
}

/** A hasher: leaf(data) = H(0x00 ‖ data), children(l, r) = H(0x01 ‖ l ‖ r). */
export function rfc6962Hasher(hash, size = 32) {
  return {
    size,
    leaf: (data) => hash(concat(Uint8Array.of(0), data)),
    children: (l, r) => hash(concat(Uint8Array.of(1), l, r)),
  };
}

const bitLength = (n) => (n === 0n ? 0 : n.toString(2).length);
const ones = (n) => [...n.toString(2)].filter((c) => c === '1').length;

/** Number of hashes in an inclusion proof for leaf {@code index} of {@code size} (BigInt). */
export function inclusionProofSize(index, size) {
  const inner = bitLength(index ^ (size - 1n));
  const border = ones(index >> BigInt(inner));
  return inner + border;
}

export function consistencyProofSize(size1, size2) {
  if (size1 === size2) return 0;
  const inner = bitLength((size1 - 1n) ^ (size2 - 1n));
  const border = ones((size1 - 1n) >> BigInt(inner));
  const shift = bitLength(size1 & -size1) - 1; // trailing zeros of size1
  const start = (size1 & (size1 - 1n)) === 0n ? 0 : 1;
  return start + (inner - shift) + border;
}

function checkElements(hasher, proof) {
  proof.forEach((p, i) => {
    if (!p || p.length !== hasher.size) {
      throw new ProofError('PROOF_ELEMENT_LENGTH', `proof[${i}] has ${p ? p.length + ' bytes' : 'no value'}, want ${hasher.size}`);
    }
  });
}

export function rootFromInclusionProof(hasher, index, size, leafHash, proof) {
  index = BigInt(index);
  size = BigInt(size);
  if (index < 0n || size < 0n) throw new ProofError('NEGATIVE_VALUE', `index ${index}, size ${size}`);
  if (index >= size) throw new ProofError('INDEX_OUT_OF_RANGE', `index ${index} >= size ${size}`);
  if (leafHash.length !== hasher.size) {
    throw new ProofError('HASH_LENGTH', `leaf hash has ${leafHash.length} bytes, want ${hasher.size}`);
  }
  const want = inclusionProofSize(index, size);
  if (proof.length !== want) {
    throw new ProofError('PROOF_LENGTH', `proof has ${proof.length} hashes, want ${want} for leaf ${index} of ${size}`);
  }
  checkElements(hasher, proof);
  let fn = index;
  let sn = size - 1n;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0n) throw new ProofError('PROOF_LENGTH', 'proof longer than the path to the root');
    if ((fn & 1n) === 1n || fn === sn) {
      r = hasher.children(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
      }
    } else {
      r = hasher.children(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw new ProofError('PROOF_LENGTH', 'proof shorter than the path to the root');
  return r;
}

export function verifyInclusion(hasher, index, size, leafHash, proof, root) {
  const calculated = rootFromInclusionProof(hasher, index, size, leafHash, proof);
  if (!equalBytes(calculated, root)) {
    throw new ProofError('ROOT_MISMATCH', `inclusion proof for leaf ${index} of ${size} yields a different root`);
  }
}

export function verifyConsistency(hasher, size1, size2, proof, root1, root2) {
  size1 = BigInt(size1);
  size2 = BigInt(size2);
  if (size1 < 0n || size2 < 0n) throw new ProofError('NEGATIVE_VALUE', `size1 ${size1}, size2 ${size2}`);
  if (size1 > size2) throw new ProofError('SIZE_ORDER', `size1 ${size1} > size2 ${size2}`);
  if (size1 === 0n) throw new ProofError('EMPTY_OLD_TREE', 'a consistency proof from the empty tree is meaningless');
  if (size1 === size2) {
    if (proof.length) throw new ProofError('PROOF_NOT_EMPTY', `sizes are equal (${size1}) but the proof has ${proof.length} hashes`);
    if (!equalBytes(root1, root2)) throw new ProofError('ROOT_MISMATCH', `sizes are equal (${size1}) but the roots differ`);
    return;
  }
  if (!proof.length) throw new ProofError('PROOF_EMPTY', `empty proof from size ${size1} to ${size2}`);
  if (root1.length !== hasher.size) throw new ProofError('HASH_LENGTH', `root1 has ${root1.length} bytes`);
  const want = consistencyProofSize(size1, size2);
  if (proof.length !== want) {
    throw new ProofError('PROOF_LENGTH', `proof has ${proof.length} hashes, want ${want} from size ${size1} to ${size2}`);
  }
  checkElements(hasher, proof);
  const path = (size1 & (size1 - 1n)) === 0n ? [root1, ...proof] : proof;
  let fn = size1 - 1n;
  let sn = size2 - 1n;
  while ((fn & 1n) === 1n) { fn >>= 1n; sn >>= 1n; }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0n) throw new ProofError('PROOF_LENGTH', 'proof longer than the path to the root');
    if ((fn & 1n) === 1n || fn === sn) {
      fr = hasher.children(c, fr);
      sr = hasher.children(c, sr);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
      }
    } else {
      sr = hasher.children(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw new ProofError('PROOF_LENGTH', 'proof shorter than the path to the root');
  if (!equalBytes(fr, root1)) throw new ProofError('OLD_ROOT_MISMATCH', `proof does not reproduce the root of size ${size1}`);
  if (!equalBytes(sr, root2)) throw new ProofError('ROOT_MISMATCH', `proof does not reproduce the root of size ${size2}`);
}
