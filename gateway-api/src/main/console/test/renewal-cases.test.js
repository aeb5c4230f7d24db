// The renewal chains of node/src/test/resources/proof/shared-renewal-cases.json (recorded by the
// Java SharedRenewalCasesTest): the console's renewal checks give the Java verdict on each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, flip } from './cases.js';
import { fromBase64 } from '../src/verify/bytes.js';
import { parseChain } from '../src/verify/bundle.js';
import { verifyChain } from '../src/verify/renewals.js';
import { MalformedError, trustAnchors } from '../src/verify/trust.js';

const { chains, cases } = JSON.parse(fixture('shared-renewal-cases.json'));
const NO_TRUST = trustAnchors({ channel: 'invoices', ordererMsps: [], requiredEndorsers: [], roots: new Map() });

test('genuine chains of one and two renewals and their changes', () => {
  assert.ok(cases.length >= 60, `${cases.length} cases`);
  assert.ok(cases.filter((c) => c.verdict.valid).length >= 5);
  assert.ok(chains.some((r) => r.chain.steps.length === 2));
});

for (const c of cases) {
  test(c.name, async () => {
    const recorded = chains[c.chain];
    const tree = structuredClone(recorded.chain);
    if (c.flip) {
      const parts = c.flip.split('.');
      const parent = parts.slice(0, -1).reduce((o, k) => o[k], tree);
      parent[parts.at(-1)] = flip(parent[parts.at(-1)]);
    }
    let verdict;
    try {
      const chain = parseChain(JSON.stringify(tree));
      const document = c.document === 'none' ? null : fromBase64(recorded[c.document]);
      const checks = await verifyChain(recorded.subject, chain, NO_TRUST, document, fromBase64(recorded.metadata), false);
      verdict = { valid: checks.every((r) => r.passed), failed: checks.filter((r) => !r.passed).map((r) => r.name) };
    } catch (e) {
      if (!(e instanceof MalformedError)) throw e;
      verdict = { malformed: true };
    }
    assert.deepEqual(verdict, c.verdict);
  });
}
