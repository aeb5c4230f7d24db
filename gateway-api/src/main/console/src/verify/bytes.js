// Byte helpers with the strictness of the Java verifier's decoders (HexFormat, Base64.getDecoder()).

const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;

export function hex(bytes) {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Lowercase or uppercase hex of even length; throws otherwise. */
export function fromHex(s) {
  if (typeof s !== 'string' || !HEX_RE.test(s)) throw new Error(`not hex: ${short(s)}`);
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.substr(i * 2, 2), 16);
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** Standard base64 (RFC 4648 §4), padding optional at the end as in java.util.Base64. */
export function fromBase64(s) {
  if (typeof s !== 'string') throw new Error('not base64: not a string');
  let end = s.length;
  let pad = 0;
  while (end > 0 && s[end - 1] === '=' && pad < 2) { end--; pad++; }
  if (pad > 0 && s.length % 4 !== 0) throw new Error('not base64: bad padding');
  if (end % 4 === 1) throw new Error('not base64: truncated');
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let bits = 0, acc = 0, o = 0;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? B64_INDEX[c] : -1;
    if (v < 0) throw new Error(`not base64: illegal character at ${i}`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) { bits -= 8; out[o++] = (acc >> bits) & 0xff; }
  }
  return out.subarray(0, o);
}

export function toBase64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    s += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    s += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    s += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return s;
}

export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

export function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i];
  return d === 0;
}

const ENC = new TextEncoder();
export const utf8 = (s) => ENC.encode(s);
const DEC = new TextDecoder('utf-8', { fatal: false });
export const fromUtf8 = (b) => DEC.decode(b);

export function short(v) {
  const s = String(v);
  return s.length > 40 ? s.slice(0, 37) + '...' : s;
}
