// The signed and hashed byte encodings of docs/ledger-model.md and docs/merkle-log.md.
import { concat, fromHex, utf8 } from './bytes.js';
import { epochDay, parseInstant } from './time.js';

const ascii = (s) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function shortBytes(b, name) {
  if (b.length > 0xffff) throw new Error(`${name} longer than 65535 bytes`);
  return concat(Uint8Array.of(b.length >> 8, b.length & 0xff), b);
}

function shortString(s, name) {
  if (typeof s !== 'string') throw new Error(`${name} is required`);
  if (!s.length) throw new Error(`${name} must not be empty`);
  return shortBytes(utf8(s), name);
}

function hash32(h, name) {
  const b = fromHex(h);
  if (b.length !== 32) throw new Error(`${name} must be 32 bytes (SM3), got ${b.length}`);
  return b;
}

function i64(n) {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigInt64(0, BigInt(n));
  return out;
}

function i32(n) {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setInt32(0, n);
  return out;
}

/** Seal encoding v1: "FAPIAO-SEAL" 0x01 invoiceId docHash metaHash i64 issueTime(ms) i32 retainUntil(day). */
export function sealEncoding(invoiceId, docHash, metaHash, issueTime, retainUntil) {
  const t = parseInstant(issueTime);
  if (t.nanos % 1000000 !== 0) throw new Error(`issueTime has sub-millisecond precision: ${issueTime}`);
  const ms = BigInt(t.epochSecond) * 1000n + BigInt(t.nanos / 1000000);
  return concat(ascii('FAPIAO-SEAL'), Uint8Array.of(1), shortString(invoiceId, 'invoiceId'),
    hash32(docHash, 'docHash'), hash32(metaHash, 'metaHash'), i64(ms), i32(epochDay(retainUntil)));
}

/** Checkpoint encoding v1: "FAPIAO-CHECKPOINT" 0x01 nodeId i64 treeSize u16+rootHash. */
export function checkpointEncoding(nodeId, treeSize, rootHash) {
  if (treeSize < 0) throw new Error('treeSize must not be negative');
  return concat(ascii('FAPIAO-CHECKPOINT'), Uint8Array.of(1), shortString(nodeId, 'nodeId'), i64(treeSize),
    shortBytes(fromHex(rootHash), 'rootHash'));
}

/** Invoice leaf v1: "FAPIAO-LEAF" 0x01 u16+invoiceId docHash metaHash i32 retainUntil. */
export function invoiceLeaf(invoiceId, docHash, metaHash, retainUntil) {
  if (typeof invoiceId !== 'string') throw new Error('invoiceId is required');
  const id = utf8(invoiceId);
  if (id.length === 0 || id.length > 0xffff) throw new Error(`invoiceId must be 1..65535 UTF-8 bytes, got ${id.length}`);
  const d = fromHex(docHash);
  const m = fromHex(metaHash);
  if (d.length !== 32 || m.length !== 32) throw new Error('docHash and metaHash must be 32 bytes');
  return concat(ascii('FAPIAO-LEAF'), Uint8Array.of(1), shortBytes(id, 'invoiceId'), d, m, i32(epochDay(retainUntil)));
}

/** Fabric's composite key \u0000type\u0000attr…\u0000. */
export function compositeKey(type, ...attributes) {
  return `\u0000${type}\u0000${attributes.map((a) => a + '\u0000').join('')}`;
}
