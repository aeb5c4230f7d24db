// A minimal DER reader: enough for X.509 certificates, SubjectPublicKeyInfo and ECDSA/SM2 signatures.
import { concat, fromBase64, hex } from './bytes.js';

/** One TLV: tag byte, value bytes, and the whole encoding. */
export function readTlv(buf, pos = 0) {
  if (pos + 2 > buf.length) throw new Error('DER: truncated');
  const tag = buf[pos];
  if ((tag & 0x1f) === 0x1f) throw new Error('DER: multi-byte tags are not supported');
  let len = buf[pos + 1];
  let p = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new Error('DER: bad length');
    len = 0;
    for (let i = 0; i < n; i++) {
      if (p >= buf.length) throw new Error('DER: truncated length');
      len = len * 256 + buf[p++];
    }
    if (len < 128 || (n > 1 && buf[pos + 2] === 0)) throw new Error('DER: non-minimal length');
  }
  if (p + len > buf.length) throw new Error('DER: value runs past the end');
  return { tag, value: buf.subarray(p, p + len), der: buf.subarray(pos, p + len), end: p + len };
}

/** The children of a constructed value. */
export function children(value) {
  const out = [];
  for (let p = 0; p < value.length;) {
    const t = readTlv(value, p);
    out.push(t);
    p = t.end;
  }
  return out;
}

/** Exactly one TLV filling {@code buf}, with the expected tag. */
export function readOnly(buf, tag) {
  const t = readTlv(buf, 0);
  if (t.end !== buf.length) throw new Error('DER: trailing data');
  if (tag !== undefined && t.tag !== tag) throw new Error(`DER: tag ${t.tag}, expected ${tag}`);
  return t;
}

function positiveInteger(t) {
  if (t.tag !== 0x02 || t.value.length === 0) throw new Error('DER: not an INTEGER');
  const v = t.value;
  if (v.length > 1 && ((v[0] === 0 && !(v[1] & 0x80)) || (v[0] === 0xff && v[1] & 0x80))) {
    throw new Error('DER: non-minimal INTEGER');
  }
  if (v[0] & 0x80) return -1n;
  return v.length ? BigInt('0x' + hex(v)) : 0n;
}

/** r and s of a DER SEQUENCE { INTEGER r, INTEGER s } signature (strict: re-encoding must be identical). */
export function ecSignature(der) {
  const seq = readOnly(der, 0x30);
  const parts = children(seq.value);
  if (parts.length !== 2) throw new Error('signature: expected two INTEGERs');
  return { r: positiveInteger(parts[0]), s: positiveInteger(parts[1]) };
}

export function encodeLength(n) {
  if (n < 128) return Uint8Array.of(n);
  const b = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) b.unshift(v & 0xff);
  return Uint8Array.of(0x80 | b.length, ...b);
}

export function tlv(tag, value) {
  return concat(Uint8Array.of(tag), encodeLength(value.length), value);
}

/** DER INTEGER of a non-negative BigInt. */
export function integer(n) {
  let h = n.toString(16);
  if (h.length % 2) h = '0' + h;
  const bytes = [];
  for (let i = 0; i < h.length; i += 2) bytes.push(parseInt(h.substr(i, 2), 16));
  if (bytes[0] & 0x80) bytes.unshift(0);
  return tlv(0x02, Uint8Array.from(bytes));
}

export function oid(value) {
  const parts = [];
  let acc = 0;
  for (const b of value) {
    acc = acc * 128 + (b & 0x7f);
    if (!(b & 0x80)) { parts.push(acc); acc = 0; }
  }
  if (!parts.length) return '';
  const first = parts[0] < 80 ? [Math.floor(parts[0] / 40), parts[0] % 40] : [2, parts[0] - 80];
  return [...first, ...parts.slice(1)].join('.');
}

export function pemBody(pem, label) {
  const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, 'g');
  const out = [];
  for (const m of String(pem).matchAll(re)) out.push(fromBase64(m[1].replace(/\s+/g, '')));
  if (!out.length) throw new Error(`no ${label} PEM block`);
  return out;
}

const NAME_KEYS = { '2.5.4.3': 'CN', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.10': 'O', '2.5.4.11': 'OU' };

function nameString(nameTlv) {
  const parts = [];
  for (const rdn of children(nameTlv.value)) {
    for (const atv of children(rdn.value)) {
      const [type, val] = children(atv.value);
      const key = NAME_KEYS[oid(type.value)] ?? oid(type.value);
      parts.unshift(`${key}=${new TextDecoder().decode(val.value)}`);
    }
  }
  return parts.join(',');
}

function time(t) {
  const s = new TextDecoder().decode(t.value);
  let m;
  if (t.tag === 0x17 && (m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s))) {
    const y = +m[1] < 50 ? 2000 + +m[1] : 1900 + +m[1];
    return Date.UTC(y, +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) / 1000;
  }
  if (t.tag === 0x18 && (m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s))) {
    return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) / 1000;
  }
  throw new Error(`certificate: bad time ${s}`);
}

export const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
export const OID_P256 = '1.2.840.10045.3.1.7';
export const OID_SM2 = '1.2.156.10197.1.301';
export const OID_ECDSA_SHA256 = '1.2.840.10045.4.3.2';

/** A SubjectPublicKeyInfo: algorithm and curve OIDs and the point bytes. */
export function spki(der) {
  const seq = readOnly(der, 0x30);
  const [alg, bits] = children(seq.value);
  const algParts = children(alg.value);
  if (bits.tag !== 0x03 || bits.value[0] !== 0) throw new Error('SPKI: bad BIT STRING');
  return {
    algorithm: oid(algParts[0].value),
    curve: algParts[1] && algParts[1].tag === 0x06 ? oid(algParts[1].value) : null,
    point: bits.value.subarray(1),
    der: seq.der,
  };
}

/** The parts of an X.509 certificate the verifier uses. */
export function certificate(der) {
  const cert = readOnly(der, 0x30);
  const [tbs, sigAlg, sig] = children(cert.value);
  if (!tbs || tbs.tag !== 0x30 || !sigAlg || !sig || sig.tag !== 0x03 || sig.value[0] !== 0) {
    throw new Error('not an X.509 certificate');
  }
  const f = children(tbs.value);
  const i = f[0].tag === 0xa0 ? 1 : 0;
  const validity = children(f[i + 3].value);
  return {
    tbs: tbs.der,
    signatureAlgorithm: oid(children(sigAlg.value)[0].value),
    signature: sig.value.subarray(1),
    issuer: nameString(f[i + 2]),
    subject: nameString(f[i + 4]),
    notBefore: time(validity[0]),
    notAfter: time(validity[1]),
    publicKey: spki(f[i + 5].der),
  };
}
