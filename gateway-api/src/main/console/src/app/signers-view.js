// The signer registry (operators): look up a credit code's keys (GET /v1/signers/{code});
// register, rotate and revoke (POST /v1/signers), each after a confirmation dialog.
import { api } from './api.js';
import { el, section, table } from './dom.js';
import { t } from './i18n.js';

const nowIso = () => new Date().toISOString();

/** A native modal dialog; resolves true on confirm (Escape and Cancel resolve false). */
export function confirmDialog(message) {
  return new Promise((resolve) => {
    const dialog = el('dialog', { id: 'confirm', 'aria-labelledby': 'confirm-text' },
      el('p', { id: 'confirm-text' }, message),
      el('form', { method: 'dialog' },
        el('button', { value: 'cancel', id: 'confirm-cancel' }, t('sig.cancel')),
        el('button', { value: 'ok', id: 'confirm-ok', type: 'submit' }, t('sig.confirm'))));
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'ok');
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

function field(id, key, input) {
  return [el('label', { for: id }, t(key)), input];
}

export function signerRegistry(fail) {
  const out = el('div', { id: 'sig-result', role: 'status' });
  const keys = el('div', { id: 'sig-keys' });
  const lookup = el('form', { id: 'sig-lookup', class: 'fields' },
    field('sig-owner', 'sig.owner', el('input', { id: 'sig-owner', pattern: '[0-9A-HJ-NP-RTUW-Y]{18}', required: true })),
    el('button', { type: 'submit' }, t('sig.lookup')));
  lookup.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const r = await api(`/v1/signers/${encodeURIComponent(lookup.querySelector('#sig-owner').value.trim())}`);
      keys.replaceChildren(table('sig-table', ['sig.keyId', 'sig.kind', 'sig.validFrom', 'sig.revokedAt'],
        r.signers.map((s) => [el('code', {}, s.keyId), s.kind, s.validFrom, s.revokedAt ?? '—'])));
    } catch (err) {
      fail(err, keys);
    }
  });
  const change = (id, titleKey, fields, confirmText, body) => {
    const form = el('form', { id, class: 'fields' }, el('h4', {}, t(titleKey)), ...fields, el('button', { type: 'submit' }, t(titleKey)));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = (name) => form.querySelector(`[name=${name}]`).value.trim();
      if (!(await confirmDialog(confirmText(v)))) return;
      try {
        const r = await api('/v1/signers', { method: 'POST', body: body(v) });
        out.textContent = t('sig.done', { keyId: r.keyId ?? JSON.stringify(r) });
      } catch (err) {
        out.textContent = t('common.error', { detail: `${err.status} ${err.message}` });
      }
    });
    return form;
  };
  const input = (id, name) => el('input', { id, name, required: true, autocomplete: 'off' });
  return section('op-signers', 'sig.title', lookup, keys,
    change('sig-register', 'sig.register', [
      field('ownerCode-r', 'sig.owner', input('ownerCode-r', 'ownerCode')),
      field('kind-r', 'sig.kind', el('select', { id: 'kind-r', name: 'kind' }, ['ENTERPRISE', 'NODE'].map((k) => el('option', { value: k }, k)))),
      field('publicKey-r', 'sig.publicKey', el('textarea', { id: 'publicKey-r', name: 'publicKey', rows: 4, required: true })),
    ], (v) => t('sig.confirm.register', { owner: v('ownerCode') }),
    (v) => ({ operation: 'register', ownerCode: v('ownerCode'), kind: v('kind'), publicKey: v('publicKey'), validFrom: nowIso() })),
    change('sig-rotate', 'sig.rotate', [
      field('keyId-o', 'sig.keyId', input('keyId-o', 'keyId')),
      field('publicKey-o', 'sig.publicKey', el('textarea', { id: 'publicKey-o', name: 'publicKey', rows: 4, required: true })),
    ], (v) => t('sig.confirm.rotate', { keyId: v('keyId') }),
    (v) => ({ operation: 'rotate', keyId: v('keyId'), publicKey: v('publicKey'), effectiveAt: nowIso() })),
    change('sig-revoke', 'sig.revoke', [
      field('keyId-v', 'sig.keyId', input('keyId-v', 'keyId')),
      field('reason-v', 'sig.reason', input('reason-v', 'reason')),
    ], (v) => t('sig.confirm.revoke', { keyId: v('keyId') }),
    (v) => ({ operation: 'revoke', keyId: v('keyId'), reason: v('reason'), revokedAt: nowIso() })),
    out);
}
