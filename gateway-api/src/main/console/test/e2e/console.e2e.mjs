// The console end to end in headless Chromium (Debian's /usr/bin/chromium via playwright-core)
// against a running gateway and the real network; started by ConsoleBrowserIT, which seeds the
// invoices and passes the URL, tokens and files in the environment. Exits non-zero on the first
// failed expectation; screenshots, results.json and the downloaded bundle go to ARTEFACTS.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = (k) => { assert.ok(process.env[k], `${k} is not set`); return process.env[k]; };
const URL = env('CONSOLE_URL');
const OUT = env('ARTEFACTS');
const ID = env('INVOICE_ID');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const results = {};
const step = (name) => console.log(`console e2e: ${name}`);
const shot = (page, name) => page.screenshot({ path: join(OUT, name), fullPage: true });

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
// the gateway's development certificate is self-signed; the browser is told to accept it
const newPage = async () => (await browser.newContext({ ignoreHTTPSErrors: true, acceptDownloads: true,
  viewport: { width: 1280, height: 900 }, locale: 'en-US' })).newPage();

async function signIn(page, token, view) {
  await page.goto(`${URL}#signin`);
  await page.evaluate(() => localStorage.setItem('fapiao.lang', 'en'));
  await page.reload();
  await page.fill('#token', token);
  await page.click('#signin-form button[type=submit]');
  await page.waitForSelector('#signout');
  if (view) await page.goto(`${URL}#${view}`);
}

try {
  // 1. first load: no token, no data; page weight
  step('first load without a token');
  let page = await newPage();
  const offHost = [];
  const v1 = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(new globalThis.URL(URL).origin)) offHost.push(r.url());
    if (r.url().includes('/v1/')) v1.push(r.url());
  });
  await page.goto(`${URL}#search`, { waitUntil: 'networkidle' });
  await page.waitForSelector('#signin-needed');
  assert.equal(v1.length, 0, `no /v1 request without a token: ${v1}`);
  results.pageWeight = await page.evaluate(() => {
    const entries = performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'));
    return { transferBytes: entries.reduce((n, e) => n + e.transferSize, 0),
      bodyBytes: entries.reduce((n, e) => n + e.decodedBodySize, 0),
      files: entries.map((e) => ({ name: e.name.replace(/^.*\/console\//, ''), transfer: e.transferSize })) };
  });
  assert.deepEqual(offHost, [], 'nothing is fetched from other hosts');

  // 2. auditor: sign in, search with paging, open the invoice
  step('auditor: sign in and search');
  await signIn(page, env('TOKEN_AUDITOR'), 'search');
  await page.fill('#q-issuer', env('ISSUER'));
  await page.fill('#q-limit', '2');
  await page.click('#search-run');
  await page.waitForSelector('#search-results tbody tr');
  assert.equal(await page.locator('#search-results tbody tr').count(), 2, 'a page of 2');
  await page.click('#page-next');
  await page.waitForFunction(() => document.querySelector('#page-info')?.textContent.startsWith('page 2'));
  assert.equal(await page.locator('#search-results tbody tr').count(), 1, 'the third invoice on page 2');
  await page.click('#page-prev');
  await page.waitForFunction(() => document.querySelector('#page-info')?.textContent.startsWith('page 1'));
  await shot(page, 'search.png');
  const link = page.locator(`#search-results a[href="#invoice/${ID}"]`);
  if (await link.count() === 0) await page.click('#page-next');
  await page.click(`#search-results a[href="#invoice/${ID}"]`);

  step('auditor: invoice page and timeline');
  await page.waitForSelector('#timeline-table tbody tr');
  await page.waitForFunction(() => [...document.querySelectorAll('#timeline-table .block')]
    .every((s) => /^\d+$/.test(s.textContent)), null, { timeout: 60_000 });
  const timeline = await page.$$eval('#timeline-table tbody tr', (rows) => rows.map((r) =>
    [...r.querySelectorAll('td')].map((td) => td.textContent)));
  assert.deepEqual(timeline.map((r) => r[3]), ['ANCHOR', 'DELIVER'], JSON.stringify(timeline));
  assert.equal(timeline[1][4], 'delivered to the buyer');
  assert.ok(timeline.every((r) => r[2] === 'EnterpriseServicesMSP'), JSON.stringify(timeline));
  assert.ok(Number(timeline[1][0]) > Number(timeline[0][0]), 'the DELIVER block follows the ANCHOR block');
  results.timeline = timeline;
  await page.waitForSelector('#server-verdict.good');
  await page.waitForSelector('#doc-xml');
  assert.ok((await page.textContent('#doc-xml')).includes('<'), 'the XML is shown as text');
  assert.ok((await page.locator('#inv-lines tbody tr').count()) >= 1, 'invoice lines');
  const meta = await page.textContent('#inv-meta');
  assert.ok(meta.includes(env('ISSUER')) && !meta.includes('[object'), meta);
  assert.ok(/\d+\.\d\d CNY/.test(await page.textContent('#inv-totals')), 'the totals');
  await page.waitForSelector('#proof-download:not([disabled])');
  await shot(page, 'invoice-timeline.png');

  step('auditor: download the proof and verify it in the page');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#proof-download')]);
  const bundlePath = join(OUT, 'downloaded-bundle.json');
  await dl.saveAs(bundlePath);
  assert.equal(JSON.parse(readFileSync(bundlePath, 'utf8')).invoiceId, ID);
  const [docDl] = await Promise.all([page.waitForEvent('download'), page.click('#doc-download')]);
  const docPath = join(OUT, 'downloaded-document.xml');
  await docDl.saveAs(docPath);
  const times = [];
  for (let i = 0; i < 5; i++) {
    await page.click('#proof-verify');
    await page.waitForSelector('#verdict.good, #verdict.bad');
    times.push(Number(await page.getAttribute('#verdict', 'data-ms')));
    if (i < 4) await page.evaluate(() => { document.querySelector('#verdict').className = 'verdict'; });
  }
  assert.ok(await page.isVisible('#verdict.good'), await page.textContent('#verdict'));
  const passRows = await page.locator('#checks tr.pass').count();
  assert.equal(await page.locator('#checks tr.fail').count(), 0);
  results.valid = { passed: true, checks: passRows, verdict: await page.textContent('#verdict'), ms: times };
  assert.ok((await page.textContent('#trust-source')).includes('/v1/trust'));
  await page.locator('#inv-proof').scrollIntoViewIfNeeded();
  await shot(page, 'verify-in-page.png');

  step('auditor: a changed bundle names the failing check');
  const trustText = await page.evaluate(async () => (await fetch('/v1/trust', { headers: {
    Authorization: `Bearer ${sessionStorage.getItem('fapiao.token')}` } })).text());
  const trustPath = join(OUT, 'trust.json');
  writeFileSync(trustPath, trustText);
  const bundle = JSON.parse(readFileSync(bundlePath, 'utf8'));
  const block = Buffer.from(bundle.anchoring.block, 'base64');
  block[Math.floor(block.length / 2)] ^= 0x01; // one flipped bit in the anchoring block
  bundle.anchoring.block = block.toString('base64');
  const changedPath = join(OUT, 'changed-bundle.json');
  writeFileSync(changedPath, JSON.stringify(bundle, null, 2));
  await page.goto(`${URL}#verify`);
  await page.setInputFiles('#bundle-file', changedPath);
  await page.setInputFiles('#trust-file', trustPath);
  await page.setInputFiles('#document-file', docPath);
  await page.click('#verify-run');
  await page.waitForSelector('#verdict.bad');
  const failed = await page.$$eval('#checks tr.fail', (rows) => rows.map((r) => r.dataset.check));
  assert.ok(failed.length > 0 && failed.every((n) => /^\S+$/.test(n)), JSON.stringify(failed));
  assert.ok((await page.textContent('#verdict')).includes(failed[0]), 'the verdict names the failing check');
  results.changed = { passed: false, failed, verdict: await page.textContent('#verdict') };
  await shot(page, 'verify-changed.png');

  // 3. enterprise: no operator link, the operator view is forbidden (the API's 403), upload
  step('enterprise: forbidden operator view and upload');
  page = await newPage();
  let refused = null;
  page.on('response', (r) => { if (r.url().endsWith('/v1/node/status')) refused = r.status(); });
  await signIn(page, env('TOKEN_ENTERPRISE'));
  assert.equal(await page.locator('#nav a[href="#operator"]').count(), 0, 'no operator link for an enterprise');
  assert.equal(await page.locator('#nav a[href="#upload"]').count(), 1, 'an upload link for an enterprise');
  await page.goto(`${URL}#operator`);
  await page.waitForSelector('#forbidden');
  results.forbidden = { status: refused, text: await page.textContent('#forbidden') };
  assert.equal(refused, 403);
  await shot(page, 'forbidden.png');
  await page.goto(`${URL}#upload`);
  await page.setInputFiles('#up-invoice', env('UPLOAD_INVOICE'));
  await page.setInputFiles('#up-document', env('UPLOAD_DOCUMENT'));
  await page.click('#up-run');
  await page.waitForSelector('#up-progress li[data-phase="ANCHORED"]', { timeout: 120_000 });
  results.upload = await page.$$eval('#up-progress li', (li) => li.map((l) => l.dataset.phase));
  assert.equal(results.upload.at(-1), 'ANCHORED', JSON.stringify(results.upload));
  await shot(page, 'upload.png');

  // 4. operator dashboard
  step('operator: dashboard');
  page = await newPage();
  await signIn(page, env('TOKEN_OPERATOR'), 'operator');
  await page.waitForSelector('#op-heights-table tbody tr');
  const heights = await page.$$eval('#op-heights-table tbody tr', (rows) => rows.map((r) =>
    [...r.querySelectorAll('td')].map((td) => td.textContent)));
  assert.ok(heights.some(([, h]) => /^\d+$/.test(h) && Number(h) > 1), JSON.stringify(heights));
  assert.ok(await page.isVisible('svg.chart'), 'the rate chart');
  assert.match(await page.textContent('#op-backlog dd[data-k="op.outbox"]'), /^\d+$/);
  assert.ok((await page.textContent('#op-health-text')).includes('/ready: READY'));
  assert.ok((await page.locator('#op-audit-table tbody tr').count()) >= 1, 'audit entries');
  assert.ok((await page.locator('#op-checkpoints table tbody tr').count()) >= 1, 'checkpoints');
  results.operator = { heights };
  await shot(page, 'operator.png');
  // a revocation asks first; cancelling sends nothing
  let posted = false;
  page.on('request', (r) => { if (r.url().endsWith('/v1/signers') && r.method() === 'POST') posted = true; });
  await page.fill('#keyId-v', 'ab'.repeat(32));
  await page.fill('#reason-v', 'console test');
  await page.click('#sig-revoke button[type=submit]');
  await page.waitForSelector('dialog#confirm[open]');
  await page.click('#confirm-cancel');
  await page.waitForSelector('dialog#confirm', { state: 'detached' });
  assert.equal(posted, false, 'cancelled: no request');

  // register, rotate and revoke a key, each confirmed in its dialog (the IT then reads the ledger)
  step('operator: register, rotate and revoke a signer key');
  const owner = env('SIGNER_OWNER');
  const [key1, key2] = [env('SIGNER_KEY1_ID'), env('SIGNER_KEY2_ID')];
  const confirmed = async (form, keyId) => {
    await page.evaluate(() => { document.querySelector('#sig-result').textContent = ''; });
    await page.click(`#${form} button[type=submit]`);
    await page.waitForSelector('dialog#confirm[open]');
    const question = await page.textContent('#confirm-text');
    await page.click('#confirm-ok');
    await page.waitForFunction(() => document.querySelector('#sig-result')?.textContent !== '', null,
      { timeout: 120_000 });
    const answer = await page.textContent('#sig-result');
    assert.equal(answer, `Done: ${keyId}`, `${form}: ${answer}`);
    return { question, answer };
  };
  const lookUp = async (rows) => {
    await page.evaluate(() => document.querySelector('#sig-keys').replaceChildren());
    await page.fill('#sig-owner', owner);
    await page.click('#sig-lookup button[type=submit]');
    await page.waitForFunction((n) => document.querySelectorAll('#sig-table tbody tr').length === n, rows);
    return page.$$eval('#sig-table tbody tr', (trs) => trs.map((r) => [...r.querySelectorAll('td')]
      .map((td) => td.textContent)));
  };
  await page.fill('#ownerCode-r', owner);
  await page.selectOption('#kind-r', 'ENTERPRISE');
  await page.fill('#publicKey-r', env('SIGNER_KEY1_PEM'));
  const registered = await confirmed('sig-register', key1);
  assert.ok(registered.question.includes(owner), registered.question);
  await page.fill('#keyId-o', key1);
  await page.fill('#publicKey-o', env('SIGNER_KEY2_PEM'));
  const rotated = await confirmed('sig-rotate', key2);
  assert.ok(rotated.question.includes(key1), rotated.question);
  const afterRotate = await lookUp(2);
  assert.deepEqual(afterRotate.map((r) => r[0]).sort(), [key1, key2].sort(), JSON.stringify(afterRotate));
  await page.fill('#keyId-v', key2);
  await page.fill('#reason-v', 'console test: key withdrawn');
  const revoked = await confirmed('sig-revoke', key2);
  assert.ok(revoked.question.includes(key2), revoked.question);
  const afterRevoke = await lookUp(2);
  assert.notEqual(afterRevoke.find((r) => r[0] === key2)[3], '—', JSON.stringify(afterRevoke));
  results.signers = { registered, rotated, revoked, afterRotate, afterRevoke };
  await page.locator('#op-signers').scrollIntoViewIfNeeded();
  await shot(page, 'signers.png');
  writeFileSync(join(OUT, 'results.json'), JSON.stringify(results, null, 2));
  step(`done: ${JSON.stringify({ pageWeight: results.pageWeight.transferBytes, verifyMs: times })}`);
} catch (e) {
  console.error(e);
  writeFileSync(join(OUT, 'results.json'), JSON.stringify({ ...results, error: String(e.stack ?? e) }, null, 2));
  process.exitCode = 1;
} finally {
  await browser.close();
}
