// The one strict reader of evidence JSON, as dev.fapiao.node.evidence.StrictJson and JsonShape
// (docs/retention-proof.md, "Parsing"): RFC 8259 text, exactly one value, no duplicate member
// (named by its path), numbers kept as written so that 2.0 or 3.103e3 stay non-integers; then the
// exact shape: every member present unless optional, null only where nullable, no other member,
// integers integer literals within ±(2^53 − 1). Members are set with defineProperty, so "__proto__"
// is a member like any other.

export class MalformedError extends Error {}

/** A number as written: its text and whether it is an integer literal. */
class Num {
  constructor(text) {
    this.text = text;
    this.integer = /^-?(0|[1-9][0-9]*)$/.test(text);
  }
}

const WS = new Set([' ', '\t', '\n', '\r']);
const ESC = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const NUMBER = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

export const member = (path, name) => (path ? `${path}.${name}` : name);

/** The tree of {@code text} (numbers as Num); MalformedError starting with {@code what}. */
export function parseStrict(text, what) {
  let i = 0;
  const bad = (why) => new MalformedError(`${what}: ${why}`);
  const ws = () => { while (i < text.length && WS.has(text[i])) i++; };
  function string() {
    let out = '';
    i++;
    for (;;) {
      if (i >= text.length) throw bad('unterminated string');
      const c = text[i++];
      if (c === '"') return out;
      if (c < ' ') throw bad(`unescaped control character in a string at ${i - 1}`);
      if (c !== '\\') { out += c; continue; }
      const e = text[i++];
      if (e === 'u') {
        const h = text.slice(i, i + 4);
        if (!/^[0-9A-Fa-f]{4}$/.test(h)) throw bad(`bad \\u escape at ${i - 2}`);
        out += String.fromCharCode(parseInt(h, 16));
        i += 4;
      } else if (Object.hasOwn(ESC, e ?? '')) {
        out += ESC[e];
      } else {
        throw bad(`bad escape at ${i - 2}`);
      }
    }
  }
  function value(path) {
    ws();
    const c = text[i];
    if (c === '{') {
      const o = {};
      i++;
      ws();
      if (text[i] === '}') { i++; return o; }
      for (;;) {
        ws();
        if (text[i] !== '"') throw bad(`expected a member name at ${i}`);
        const name = string();
        const at = member(path, name);
        if (Object.hasOwn(o, name)) throw bad(`duplicate member ${at}`);
        ws();
        if (text[i++] !== ':') throw bad(`expected ':' at ${i - 1}`);
        Object.defineProperty(o, name, { value: value(at), enumerable: true, writable: true, configurable: true });
        ws();
        const d = text[i++];
        if (d === '}') return o;
        if (d !== ',') throw bad(`expected ',' or '}' at ${i - 1}`);
      }
    }
    if (c === '[') {
      const a = [];
      i++;
      ws();
      if (text[i] === ']') { i++; return a; }
      for (;;) {
        a.push(value(`${path}[${a.length}]`));
        ws();
        const d = text[i++];
        if (d === ']') return a;
        if (d !== ',') throw bad(`expected ',' or ']' at ${i - 1}`);
      }
    }
    if (c === '"') return string();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]]) {
      if (text.startsWith(word, i)) { i += word.length; return v; }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m && m[0].length && m[0] !== '-') {
      i += m[0].length;
      return new Num(m[0]);
    }
    throw bad(i >= text.length ? 'unexpected end of the text' : `unexpected character at ${i}`);
  }
  if (typeof text !== 'string') throw bad('not text');
  ws();
  if (i >= text.length) throw bad('empty');
  const root = value('');
  ws();
  if (i < text.length) throw bad('text after the JSON value');
  return root;
}

// shapes: the same vocabulary as JsonShape
export const STRING = { kind: 'a string' };
export const BOOLEAN = { kind: 'a boolean' };
export const LONG = { kind: 'an integer' };
export const INT = { kind: 'an integer (32-bit)' };
export const ANY_OBJECT = { kind: 'an object' };
export const listOf = (element) => ({ list: element });
export const mapOf = (value) => ({ map: value });
/** {name: shape} required; wrap with nullable()/optional(). */
export const object = (members) => ({ members });
export const nullable = (shape) => ({ shape, nullable: true });
export const optional = (shape) => ({ shape, optional: true });

const MAX = 2 ** 53 - 1;
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Num);
const show = (v) => (v instanceof Num ? v.text : JSON.stringify(plain(v)));

/** The tree with every Num a JavaScript number (exact for the integers a shape admits). */
export function plain(v) {
  if (v instanceof Num) return Number(v.text);
  if (Array.isArray(v)) return v.map(plain);
  if (isObj(v)) {
    const o = {};
    for (const k of Object.keys(v)) Object.defineProperty(o, k, { value: plain(v[k]), enumerable: true, writable: true, configurable: true });
    return o;
  }
  return v;
}

function problem(n, shape, path) {
  const at = path || 'the document';
  if (shape.members) {
    if (!isObj(n)) return `${at}: must be an object`;
    for (const k of Object.keys(n)) if (!Object.hasOwn(shape.members, k)) return `unknown member ${member(path, k)}`;
    for (const k of Object.keys(shape.members).sort(javaOrder)) {
      const m = shape.members[k].shape ? shape.members[k] : { shape: shape.members[k] };
      const p = member(path, k);
      if (!Object.hasOwn(n, k)) {
        if (!m.optional) return `${p}: missing`;
      } else if (n[k] === null) {
        if (!m.nullable) return `${p}: must not be null`;
      } else {
        const inner = problem(n[k], m.shape, p);
        if (inner) return inner;
      }
    }
    return null;
  }
  if (shape.map) {
    if (!isObj(n)) return `${at}: must be an object`;
    for (const k of Object.keys(n)) {
      const p = member(path, k);
      const inner = n[k] === null ? `${p}: must not be null` : problem(n[k], shape.map, p);
      if (inner) return inner;
    }
    return null;
  }
  if (shape.list) {
    if (!Array.isArray(n)) return `${at}: must be an array`;
    for (let j = 0; j < n.length; j++) {
      const inner = n[j] === null ? `${path}[${j}]: must not be null` : problem(n[j], shape.list, `${path}[${j}]`);
      if (inner) return inner;
    }
    return null;
  }
  let ok;
  if (shape === STRING) ok = typeof n === 'string';
  else if (shape === BOOLEAN) ok = typeof n === 'boolean';
  else if (shape === ANY_OBJECT) ok = isObj(n);
  else ok = n instanceof Num && n.integer && Math.abs(Number(n.text)) <= (shape === INT ? 2147483647 : MAX);
  return ok ? null : `${at}: must be ${shape.kind}, not ${show(n)}`;
}

// Java's String order (UTF-16 code units), as the TreeSet of JsonShape
const javaOrder = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** Parses {@code text} strictly, checks {@code shape} and returns the plain tree; MalformedError naming the member. */
export function readStrict(text, shape, what) {
  return checkShape(parseStrict(text, what), shape, what);
}

/** Checks a tree from parseStrict against {@code shape} and returns it plain; MalformedError naming the member. */
export function checkShape(tree, shape, what) {
  const p = problem(tree, shape, '');
  if (p) throw new MalformedError(`${what}: ${p}`);
  return plain(tree);
}

/** Whether a value from parseStrict is the integer literal {@code n}. */
export const isIntegerLiteral = (v, n) => v instanceof Num && v.integer && Number(v.text) === n;
