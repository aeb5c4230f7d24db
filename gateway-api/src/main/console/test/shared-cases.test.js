// Every shared case gives the Java verifier's verdict: valid, the same failing checks in the
// same order, or malformed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inputs, loadCases } from './cases.js';
import { MalformedError, parseTrust, verifyBundle } from '../src/verify/verifier.js';

const cases = loadCases();

test('there are the recorded bundles and at least 50 mutations', () => {
  assert.ok(cases.length >= 100, `${cases.length} cases`);
  assert.ok(cases.filter((c) => c.verdict.valid).length >= 4);
});

export async function jsVerdict(c) {
  const { bundle, trust, document } = inputs(c);
  try {
    const r = await verifyBundle(bundle, parseTrust(trust), document);
    return { valid: r.passed, failed: r.failed };
  } catch (e) {
    if (e instanceof MalformedError) return { malformed: true };
    throw e;
  }
}

for (const c of cases) {
  test(c.name, async () => {
    assert.deepEqual(await jsVerdict(c), c.verdict);
  });
}
