// "Verify a proof": the files are read in the browser and verified there (src/verify); every
// named check is listed with pass/fail and its reason.
import { MalformedError, parseTrust, verifyBundle } from '../verify/verifier.js';
import { t } from './i18n.js';

const html = String.raw;
/** The last verification, shown again when the view is redrawn (e.g. in the other language). */
let last = null;

/** Where a verification is shown (#verdict, #checks): here and on the invoice page. */
export const REPORT = html`
    <section aria-live="polite">
      <p id="verdict" class="verdict" role="status"></p>
      <table id="checks" hidden>
        <thead><tr><th scope="col" data-i18n="verify.check"></th><th scope="col" data-i18n="verify.result"></th>
          <th scope="col" data-i18n="verify.reason"></th></tr></thead>
        <tbody></tbody>
      </table>
    </section>`;

export function renderVerify(main) {
  main.innerHTML = html`
    <h2 data-i18n="verify.title"></h2>
    <p data-i18n="verify.intro"></p>
    <form id="verify-form" class="files">
      <label for="bundle-file" data-i18n="verify.bundle"></label>
      <input id="bundle-file" name="bundle" type="file" accept=".json,application/json">
      <label for="trust-file" data-i18n="verify.trust"></label>
      <input id="trust-file" name="trust" type="file" accept=".json,application/json">
      <label for="document-file" data-i18n="verify.document"></label>
      <input id="document-file" name="document" type="file">
      <div id="drop" class="drop" data-i18n="verify.drop"></div>
      <button id="verify-run" type="submit" data-i18n="verify.run"></button>
    </form>
    ${REPORT}`;
  const form = main.querySelector('#verify-form');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    run(main);
  });
  const drop = main.querySelector('#drop');
  drop.addEventListener('dragover', (e) => e.preventDefault());
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    assignDropped(main, [...e.dataTransfer.files]);
  });
  if (last) show(main, last);
}

/** Dropped files: the trust file has "msps", the bundle "invoiceId"; anything else is the document. */
async function assignDropped(main, files) {
  for (const f of files) {
    let slot = 'document-file';
    if (/\.json$/i.test(f.name)) {
      const text = await f.text();
      slot = text.includes('"msps"') ? 'trust-file' : text.includes('"invoiceId"') ? 'bundle-file' : slot;
    }
    const dt = new DataTransfer();
    dt.items.add(f);
    main.querySelector(`#${slot}`).files = dt.files;
  }
}

async function run(main) {
  const verdict = main.querySelector('#verdict');
  const table = main.querySelector('#checks');
  const file = (id) => main.querySelector(id).files[0];
  const bundleFile = file('#bundle-file');
  const trustFile = file('#trust-file');
  const docFile = file('#document-file');
  table.hidden = true;
  verdict.className = 'verdict';
  if (!bundleFile || !trustFile) {
    verdict.textContent = t('verify.missing');
    return;
  }
  verdict.textContent = t('verify.running');
  const t0 = performance.now();
  try {
    const trust = parseTrust(await trustFile.text());
    const document = docFile ? new Uint8Array(await docFile.arrayBuffer()) : null;
    const report = await verifyBundle(await bundleFile.text(), trust, document);
    last = { report, ms: performance.now() - t0, withDocument: Boolean(docFile) };
  } catch (e) {
    last = { error: e instanceof MalformedError ? e.message : String(e) };
  }
  show(main, last);
}

/** Shows a verification ({report, ms, withDocument} or {error}) in root's #verdict and #checks. */
export function show(main, { report, ms, withDocument, error }) {
  const verdict = main.querySelector('#verdict');
  const table = main.querySelector('#checks');
  if (error !== undefined) {
    verdict.className = 'verdict bad';
    verdict.textContent = t('verify.malformed', { reason: error });
    table.hidden = true;
    return;
  }
  verdict.dataset.ms = String(ms);
  verdict.className = `verdict ${report.passed ? 'good' : 'bad'}`;
  verdict.textContent = (report.passed ? t('verify.valid', { n: report.checks.length })
    : t('verify.invalid', { n: report.failed.length, names: report.failed.join(', ') }))
    + ` (${t('verify.time', { ms: Math.round(ms) })})` + (withDocument ? '' : ` · ${t('verify.skip')}`);
  const body = table.querySelector('tbody');
  body.replaceChildren(...report.checks.map((c) => {
    const tr = document.createElement('tr');
    tr.className = c.passed ? 'pass' : 'fail';
    tr.dataset.check = c.name;
    for (const [text, cls] of [[c.name, 'name'], [c.passed ? t('verify.pass') : t('verify.fail'), 'result'], [c.reason, 'reason']]) {
      const td = document.createElement('td');
      td.className = cls;
      td.textContent = text;
      tr.append(td);
    }
    return tr;
  }));
  table.hidden = false;
}
