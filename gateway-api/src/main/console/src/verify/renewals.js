// The chain-level `renewals` check of docs/renewal.md. The per-step checks (renewal-n.*) are not
// in the browser yet: a chain with steps fails here with that reason rather than passing unchecked.
import { sm3 } from './crypto.js';
import { invoiceLeaf } from './encodings.js';
import { rfc6962Hasher } from './merkle.js';

const pass = (name, reason) => ({ name, passed: true, reason });
const fail = (name, reason) => ({ name, passed: false, reason });

export async function renewalChecks(p) {
  const name = 'renewals';
  try {
    const s = p.seal;
    rfc6962Hasher(sm3).leaf(invoiceLeaf(p.invoiceId, s.docHash, s.metaHash, s.retainUntil));
  } catch (e) {
    return [fail(name, `unusable seal fields: ${e.message}`)];
  }
  const chain = p.renewals;
  if (chain.version !== 1) return [fail(name, `chain version ${chain.version}`)];
  if (chain.invoiceId !== p.invoiceId) return [fail(name, `chain is for invoice ${chain.invoiceId}`)];
  if (!chain.steps.length) return [pass(name, 'no renewal covers the invoice yet')];
  return [fail(name, `${chain.steps.length} renewal steps: this console does not verify renewal steps yet `
    + '(use invoice-node verify-proof)')];
}
