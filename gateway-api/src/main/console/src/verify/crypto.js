// SM3, SM2 (sm-crypto-v2, on @noble/curves), SHA-256 and ECDSA P-256 (WebCrypto).
import { sm2, sm3 as sm3Lib } from 'sm-crypto-v2';
import { concat, fromBase64, fromHex, hex, utf8 } from './bytes.js';
import { ecSignature, OID_EC_PUBLIC_KEY, OID_P256, OID_SM2, spki } from './der.js';

export const DEFAULT_SM2_USER_ID = '1234567812345678';
const SM2_N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const SM2_SPKI_PREFIX = fromHex('3059301306072a8648ce3d020106082a811ccf5501822d034200');

export function sm3(bytes) {
  return fromHex(sm3Lib(bytes));
}

export const sm3Hex = (bytes) => hex(sm3(bytes));

export async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

/** An SM2 public key from a PEM SubjectPublicKeyInfo; keyId = SM3 of its (uncompressed) DER SPKI. */
export function sm2PublicKey(pem) {
  const m = /-----BEGIN PUBLIC KEY-----([\s\S]*?)-----END PUBLIC KEY-----/.exec(String(pem));
  if (!m) throw new Error('no PUBLIC KEY PEM block');
  const info = spki(fromBase64(m[1].replace(/\s+/g, '')));
  if (info.algorithm !== OID_EC_PUBLIC_KEY || info.curve !== OID_SM2) {
    throw new Error(`not an SM2 (sm2p256v1) public key: ${info.algorithm}`);
  }
  const pointHex = hex(info.point);
  let valid = false;
  try {
    valid = pointHex.length === 130 && pointHex.startsWith('04') && sm2.verifyPublicKey(pointHex);
  } catch {
    valid = false;
  }
  if (!valid) throw new Error('invalid SM2 public key point (an uncompressed point on sm2p256v1 is expected)');
  return { pointHex, keyId: sm3Hex(concat(SM2_SPKI_PREFIX, info.point)) };
}

/** r ‖ s as 128 hex digits from a strict DER signature, or null when malformed or r, s not in [1, n-1]. */
function rawSignature(der, n) {
  let sig;
  try {
    sig = ecSignature(der);
  } catch {
    return null;
  }
  if (sig.r < 1n || sig.r >= n || sig.s < 1n || sig.s >= n) return null;
  return sig.r.toString(16).padStart(64, '0') + sig.s.toString(16).padStart(64, '0');
}

/** SM2 verification (GB/T 32918.2) of a DER signature with the given user ID. */
export function sm2Verify(key, message, derSignature, userId = DEFAULT_SM2_USER_ID) {
  if (!userId) throw new Error('SM2 user ID must not be empty');
  if (utf8(userId).length >= 8192) throw new Error('SM2 user ID longer than 8191 bytes');
  const rs = rawSignature(derSignature, SM2_N);
  return rs !== null && sm2.doVerifySignature(message, rs, key.pointHex, { hash: true, userId });
}

const P256_KEYS = new WeakMap();

async function p256Key(spkiDer) {
  let k = P256_KEYS.get(spkiDer);
  if (!k) {
    k = await crypto.subtle.importKey('spki', spkiDer, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    P256_KEYS.set(spkiDer, k);
  }
  return k;
}

/** Whether a DER ECDSA signature has 0 < s <= n/2 (Fabric refuses high-S signatures). */
export function lowS(derSignature) {
  try {
    const { s } = ecSignature(derSignature);
    return s > 0n && s <= P256_N >> 1n;
  } catch {
    return false;
  }
}

/** ECDSA P-256 with SHA-256 over {@code data}, DER signature, key a parsed SPKI (der.spki). */
export async function ecdsaP256Verify(publicKey, data, derSignature) {
  if (publicKey.algorithm !== OID_EC_PUBLIC_KEY || publicKey.curve !== OID_P256) {
    throw new Error('not a P-256 key');
  }
  const rs = rawSignature(derSignature, P256_N);
  if (rs === null) return false;
  const key = await p256Key(publicKey.der);
  return crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, fromHex(rs), data);
}
