// A hand-written protobuf decoder for the Fabric messages the verifier reads, with the same
// rules as protobuf-java: unknown fields (and known fields with another wire type) are skipped,
// a repeated singular message field is merged, proto3 strings must be valid UTF-8.

const UTF8 = new TextDecoder('utf-8', { fatal: true });

class Reader {
  constructor(buf) { this.buf = buf; this.pos = 0; }

  varint() {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.pos >= this.buf.length) throw new Error('truncated message');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return result & 0xffffffffffffffffn;
    }
    throw new Error('malformed varint');
  }

  take(n) {
    if (n < 0 || this.pos + n > this.buf.length) throw new Error('truncated message');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  skip(wire, field, depth = 0) {
    switch (wire) {
      case 0: this.varint(); return;
      case 1: this.take(8); return;
      case 2: this.take(Number(this.varint() & 0x7fffffffn) | 0); return;
      case 5: this.take(4); return;
      case 3: {
        if (depth > 100) throw new Error('message nested too deeply');
        for (;;) {
          const { field: f, wire: w } = this.tag();
          if (w === 4) {
            if (f !== field) throw new Error('end-group tag did not match');
            return;
          }
          this.skip(w, f, depth + 1);
        }
      }
      default: throw new Error(`invalid wire type ${wire}`);
    }
  }

  tag() {
    const t = Number(this.varint() & 0xffffffffn);
    const field = t >>> 3;
    if (field === 0) throw new Error('invalid tag (zero)');
    return { field, wire: t & 7 };
  }
}

const EMPTY = new Uint8Array(0);
const WIRE = { bytes: 2, string: 2, uint64: 0, int64: 0, int32: 0, bool: 0 };

/**
 * Decodes {@code buf} by {@code schema}: {fieldNumber: [name, type, 'repeated'?]}, type a scalar
 * name or a nested schema. An absent singular message is its default value with {@code absent: true}
 * (protobuf-java's getX() and !hasX()).
 */
export function decode(schema, buf) {
  const r = new Reader(buf);
  const raw = {};
  while (r.pos < buf.length) {
    const { field, wire } = r.tag();
    const spec = schema[field];
    const type = spec?.[1];
    const want = typeof type === 'object' ? 2 : WIRE[type];
    if (!spec || wire !== want) {
      if (wire === 4) throw new Error('unexpected end-group tag');
      r.skip(wire, field);
      continue;
    }
    const v = wire === 2 ? r.take(Number(r.varint() & 0x7fffffffn) | 0) : r.varint();
    (raw[field] ??= []).push(v);
  }
  const out = {};
  for (const [no, [name, type, rep]] of Object.entries(schema)) {
    const vals = raw[no] ?? [];
    if (rep) {
      out[name] = vals.map((v) => scalar(type, v));
    } else if (typeof type === 'object') {
      out[name] = vals.length ? decode(type, mergeBytes(vals)) : { ...decode(type, EMPTY), absent: true };
    } else {
      out[name] = vals.length ? scalar(type, vals[vals.length - 1]) : scalar(type, undefined);
    }
  }
  return out;
}

function mergeBytes(vals) {
  if (vals.length === 1) return vals[0];
  const out = new Uint8Array(vals.reduce((n, v) => n + v.length, 0));
  let o = 0;
  for (const v of vals) { out.set(v, o); o += v.length; }
  return out;
}

function scalar(type, v) {
  if (typeof type === 'object') return decode(type, v);
  switch (type) {
    case 'bytes': return v ?? new Uint8Array(0);
    case 'string': return v === undefined ? '' : utf8Strict(v);
    case 'uint64': return v ?? 0n;
    case 'int64': return v === undefined ? 0n : BigInt.asIntN(64, v);
    case 'int32': return v === undefined ? 0 : Number(BigInt.asIntN(32, v));
    case 'bool': return v !== undefined && v !== 0n;
    default: throw new Error(`unknown type ${type}`);
  }
}

function utf8Strict(b) {
  try {
    return UTF8.decode(b);
  } catch {
    throw new Error('invalid UTF-8 in a string field');
  }
}

// --- Fabric messages (fabric-protos: common/common.proto, peer/*.proto, ledger/rwset/*.proto, msp/identities.proto)

export const BlockHeader = { 1: ['number', 'uint64'], 2: ['previousHash', 'bytes'], 3: ['dataHash', 'bytes'] };
export const Block = {
  1: ['header', BlockHeader],
  2: ['data', { 1: ['data', 'bytes', 'repeated'] }],
  3: ['metadata', { 1: ['metadata', 'bytes', 'repeated'] }],
};
export const Metadata = {
  1: ['value', 'bytes'],
  2: ['signatures', { 1: ['signatureHeader', 'bytes'], 2: ['signature', 'bytes'], 3: ['identifierHeader', 'bytes'] },
    'repeated'],
};
export const Envelope = { 1: ['payload', 'bytes'], 2: ['signature', 'bytes'] };
export const Payload = { 1: ['header', { 1: ['channelHeader', 'bytes'], 2: ['signatureHeader', 'bytes'] }], 2: ['data', 'bytes'] };
export const ChannelHeader = {
  1: ['type', 'int32'], 2: ['version', 'int32'],
  3: ['timestamp', { 1: ['seconds', 'int64'], 2: ['nanos', 'int32'] }],
  4: ['channelId', 'string'], 5: ['txId', 'string'], 6: ['epoch', 'uint64'], 7: ['extension', 'bytes'],
  8: ['tlsCertHash', 'bytes'],
};
export const SignatureHeader = { 1: ['creator', 'bytes'], 2: ['nonce', 'bytes'] };
export const SerializedIdentity = { 1: ['mspid', 'string'], 2: ['idBytes', 'bytes'] };
export const Transaction = { 1: ['actions', { 1: ['header', 'bytes'], 2: ['payload', 'bytes'] }, 'repeated'] };
export const ChaincodeActionPayload = {
  1: ['chaincodeProposalPayload', 'bytes'],
  2: ['action', { 1: ['proposalResponsePayload', 'bytes'],
    2: ['endorsements', { 1: ['endorser', 'bytes'], 2: ['signature', 'bytes'] }, 'repeated'] }],
};
export const ProposalResponsePayload = { 1: ['proposalHash', 'bytes'], 2: ['extension', 'bytes'] };
// every nested message protobuf-java parses eagerly is listed, so that a damaged one fails here too
export const ChaincodeAction = {
  1: ['results', 'bytes'], 2: ['events', 'bytes'],
  3: ['response', { 1: ['status', 'int32'], 2: ['message', 'string'], 3: ['payload', 'bytes'] }],
  4: ['chaincodeId', { 1: ['path', 'string'], 2: ['name', 'string'], 3: ['version', 'string'] }],
};
export const TxReadWriteSet = {
  1: ['dataModel', 'int32'],
  2: ['nsRwset', { 1: ['namespace', 'string'], 2: ['rwset', 'bytes'],
    3: ['collectionHashedRwset', { 1: ['collectionName', 'string'], 2: ['hashedRwset', 'bytes'], 3: ['pvtRwsetHash', 'bytes'] },
      'repeated'] }, 'repeated'],
};
const KV_READ = { 1: ['key', 'string'], 2: ['version', { 1: ['blockNum', 'uint64'], 2: ['txNum', 'uint64'] }] };
export const KVRWSet = {
  1: ['reads', KV_READ, 'repeated'],
  2: ['rangeQueriesInfo', {
    1: ['startKey', 'string'], 2: ['endKey', 'string'], 3: ['itrExhausted', 'bool'],
    4: ['rawReads', { 1: ['kvReads', KV_READ, 'repeated'] }],
    5: ['readsMerkleHashes', { 1: ['maxDegree', 'int32'], 2: ['maxLevel', 'int32'], 3: ['maxLevelHashes', 'bytes', 'repeated'] }],
  }, 'repeated'],
  3: ['writes', { 1: ['key', 'string'], 2: ['isDelete', 'bool'], 3: ['value', 'bytes'] }, 'repeated'],
  4: ['metadataWrites', { 1: ['key', 'string'], 2: ['entries', { 1: ['name', 'string'], 2: ['value', 'bytes'] }, 'repeated'] },
    'repeated'],
};
