// RFC 8785 JSON Canonicalization Scheme: ECMAScript number and string serialization, members
// sorted by UTF-16 code units (JavaScript's default string order).

export function canonicalize(value) {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('cannot canonicalize a non-finite number');
    return JSON.stringify(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalize).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalize(value[k])}`).join(',')}}`;
  }
  throw new Error(`cannot canonicalize ${typeof value}`);
}

/** True if {@code text} is already in canonical form. */
export function isCanonical(text) {
  return canonicalize(JSON.parse(text)) === text;
}
