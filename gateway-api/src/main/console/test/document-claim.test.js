// The bundle's optional documentCheck member (docs/documents.md): parsed strictly, kept out of the
// signed form when absent, inside it when present; the verdict on a bundle that gained one after
// signing is the Java verifier's (RetentionProofDocumentClaimTest): only bundle-signature fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './cases.js';
import { parseBundle } from '../src/verify/bundle.js';
import { MalformedError, parseTrust, signedBytes, verifyBundle } from '../src/verify/verifier.js';

export const CLAIM = {
  format: 'OFD', passed: false, parts: 16, modifiedParts: ['Doc_0/Document.xml'],
  signatures: [{ id: 'Doc_0/Signs/Sign_0/Signature.xml', kind: 'GB/T 38540 electronic seal (SES v4)', value: 'VALID',
    valueDetail: 'verified', trust: 'NOT_CONFIGURED', trustReason: 'no trusted seal CAs configured' }],
  notes: [], checkedBy: 'fapiao-node test',
};

const recorded = () => JSON.parse(fixture('bundle.json').toString('utf8'));
// the recording carries the node's real claim; the first test needs a bundle without one
const unclaimed = () => { const b = recorded(); delete b.documentCheck; return b; };
const text = (o) => JSON.stringify(o);
const utf8 = (b) => new TextDecoder().decode(b);

test('an absent documentCheck stays out of the signed form; a present one is in it', () => {
  assert.equal(Object.hasOwn(recorded(), 'documentCheck'), true);
  const plain = parseBundle(text(unclaimed()));
  assert.equal(Object.hasOwn(plain, 'documentCheck'), false);
  assert.equal(utf8(signedBytes(plain)).includes('documentCheck'), false);
  // strict parsing (docs/retention-proof.md, "Parsing"): an absent claim is left out, never null
  assert.throws(() => parseBundle(text({ ...recorded(), documentCheck: null })), MalformedError);
  const claimed = parseBundle(text({ ...recorded(), documentCheck: CLAIM }));
  assert.deepEqual(claimed.documentCheck, CLAIM);
  assert.ok(utf8(signedBytes(claimed)).includes('"documentCheck":{"checkedBy":"fapiao-node test"'));
});

test('documentCheck is parsed with exact members', () => {
  assert.throws(() => parseBundle(text({ ...recorded(), documentCheck: { ...CLAIM, extra: 1 } })), MalformedError);
  assert.throws(() => parseBundle(text({ ...recorded(), documentCheck: { ...CLAIM, passed: 'no' } })), MalformedError);
  assert.throws(() => parseBundle(text({ ...recorded(), documentCheck: 'OFD' })), MalformedError);
});

test('a claim added after signing fails only the bundle signature, as in Java', async () => {
  const trust = parseTrust(fixture('trust.json').toString('utf8'));
  const doc = fixture('document.xml');
  const r = await verifyBundle(text({ ...recorded(), documentCheck: CLAIM }), trust, doc);
  assert.deepEqual({ valid: r.passed, failed: r.failed }, { valid: false, failed: ['bundle-signature'] });
});
