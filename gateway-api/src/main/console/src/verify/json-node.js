// Reading ledger JSON the way the Java verifier's Jackson JsonNode calls do (path, asText, asLong),
// so that odd values are judged alike.

export const MISSING = Symbol('missing');

export function path(v, key) {
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, key)) return v[key];
  return MISSING;
}

/** JsonNode.asText(): text of a scalar, "null" for null, "" for a container or a missing node. */
export function asText(v, dflt) {
  if (dflt !== undefined && (v === MISSING || v === null)) return dflt;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 ? String(v) : javaDouble(v);
  if (typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  return '';
}

function javaDouble(v) {
  const s = String(v);
  return s.includes('.') || s.includes('e') ? s.replace('e+', 'E').replace('e', 'E') : s + '.0';
}

/** JsonNode.asLong(dflt). */
export function asLong(v, dflt) {
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v)) return parseInt(v, 10);
  return dflt;
}

export const isBoolean = (v) => typeof v === 'boolean';

/** Elements of an array, values of an object (JsonNode iteration). */
export function elements(v) {
  if (Array.isArray(v)) return v;
  if (v !== null && typeof v === 'object') return Object.values(v);
  return [];
}
