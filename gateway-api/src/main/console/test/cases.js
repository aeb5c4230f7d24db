// The shared proof cases (node/src/test/resources/proof/shared-cases.json, written by the Java
// SharedProofCasesTest): the same operations on the recorded bundles, applied here.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { fromBase64, fromHex, hex, toBase64 } from '../src/verify/bytes.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../../../node/src/test/resources/proof');
export const fixture = (name) => readFileSync(join(FIXTURES, name));
export const loadCases = () => JSON.parse(fixture('shared-cases.json').toString('utf8')).cases;

const HEX = /^[0-9a-f]+$/;
const B64 = /^[A-Za-z0-9+/]{16,}={0,2}$/;

/** One bit of the value, exactly as JsonMutations.flip. */
export function flip(v) {
  if (typeof v === 'boolean') return !v;
  if (typeof v === 'number') return v ^ 1;
  const s = String(v);
  if (!s.length) return 'x';
  if (HEX.test(s) && s.length % 2 === 0) {
    const b = fromHex(s);
    b[Math.floor(b.length / 2)] ^= 1;
    return hex(b);
  }
  if (B64.test(s) && s.length % 4 === 0) {
    const b = fromBase64(s).slice();
    b[Math.floor(b.length / 2)] ^= 1;
    return toBase64(b);
  }
  if (s.startsWith('-----BEGIN')) {
    const i = s.indexOf('\n') + 80;
    return s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  }
  // the last UTF-16 code unit, as Java's char[]
  return s.slice(0, -1) + String.fromCharCode(s.charCodeAt(s.length - 1) ^ 1);
}

function resolve(root, path) {
  const parts = path.split('.');
  let parent = root;
  for (const p of parts.slice(0, -1)) parent = parent[Array.isArray(parent) ? +p : p];
  const last = parts[parts.length - 1];
  return { parent, key: Array.isArray(parent) ? +last : last };
}

const get = (root, path) => (path === '' ? root : resolve(root, path).parent[resolve(root, path).key]);
const sha256 = (s) => createHash('sha256').update(s, 'utf8').digest('hex');

export function apply(text, ops) {
  if (!ops.length) return text;
  const root = JSON.parse(text);
  let out = null; // once a text operation ran, the rest work on the compact text (as the Java test)
  for (const op of ops) {
    if (op.op === 'textReplace' || op.op === 'textAppend') {
      out = out ?? JSON.stringify(root);
      if (op.op === 'textAppend') { out += op.value; continue; }
      const i = out.indexOf(op.find);
      if (i < 0) throw new Error(`no ${op.find} in the text`);
      out = out.slice(0, i) + op.value + out.slice(i + op.find.length);
      continue;
    }
    const { parent, key } = op.path ? resolve(root, op.path) : {};
    switch (op.op) {
      case 'text': return op.value;
      case 'flip': {
        const v = flip(parent[key]);
        const s = typeof v === 'string' ? v : JSON.stringify(v);
        if (sha256(s) !== op.sha256) throw new Error(`flip of ${op.path} differs from Java's`);
        parent[key] = v;
        break;
      }
      case 'set': parent[key] = op.value; break;
      case 'setNull': parent[key] = null; break;
      case 'copy': parent[key] = structuredClone(get(root, op.from)); break;
      case 'remove': delete parent[key]; break;
      case 'append': parent[key].push(op.value); break;
      case 'clear': parent[key].length = 0; break;
      case 'removeFirst': parent[key].shift(); break;
      case 'removeLast': parent[key].pop(); break;
      case 'swap01': { const a = parent[key]; [a[0], a[1]] = [a[1], a[0]]; break; }
      default: throw new Error(`unknown op ${op.op}`);
    }
  }
  return out ?? JSON.stringify(root);
}

/** The inputs of a case: bundle text, trust text, document bytes or null. */
export function inputs(c) {
  const bundle = apply(fixture(c.bundle).toString('utf8'), c.bundleOps);
  const trust = apply(fixture(c.trust).toString('utf8'), c.trustOps);
  let document = c.document === null ? null : new Uint8Array(fixture(c.document));
  if (document && c.flipDocument) {
    document = document.slice();
    document[Math.floor(document.length / 2)] ^= 1;
  }
  return { bundle, trust, document };
}
