// The verifier page in real headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core): the recorded bundle passes every check, a changed bundle names the failing
// check, and every shared case gives the Java verdict inside the browser too. Screenshots go to
// gateway-api/target/console/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { FIXTURES, fixture, inputs, loadCases } from './cases.js';
import { serve } from './static-server.js';
import { toBase64 } from '../src/verify/bytes.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const CONSOLE = join(HERE, '..');
const ARTEFACTS = join(CONSOLE, '../../../target/console');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
let server, browser, page, pageWeight;
const temporary = [];
const tempDir = (prefix) => { const d = mkdtempSync(join(tmpdir(), prefix)); temporary.push(d); return d; };

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/setup-browser.sh (apt-get install chromium)`);
  mkdirSync(ARTEFACTS, { recursive: true });
  const dist = tempDir('console-dist-');
  await import('node:child_process').then(({ execFileSync }) =>
    execFileSync(process.execPath, ['build.mjs', dist], { cwd: CONSOLE }));
  const lib = tempDir('console-lib-');
  await build({ entryPoints: [join(CONSOLE, 'src/verify/verifier.js')], bundle: true, format: 'esm',
    outfile: join(lib, 'verifier.js'), logLevel: 'warning' });
  server = await serve({ '/console/': dist, '/fixtures/': FIXTURES, '/lib/': lib });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  let bytes = 0;
  const offHost = [];
  page.on('response', async (r) => {
    if (!r.url().startsWith(server.url)) offHost.push(r.url());
    bytes += (await r.body().catch(() => Buffer.alloc(0))).length;
  });
  await page.goto(`${server.url}/console/`, { waitUntil: 'networkidle' });
  const transfer = await page.evaluate(() => performance.getEntriesByType('navigation')
    .concat(performance.getEntriesByType('resource')).reduce((n, e) => n + e.transferSize, 0));
  pageWeight = { bodyBytes: bytes, transferBytes: transfer, offHost };
});

after(async () => {
  await browser?.close();
  await server?.close();
  for (const d of temporary) rmSync(d, { recursive: true, force: true });
});

async function verifyInPage(files) {
  await page.goto('about:blank');
  await page.goto(`${server.url}/console/#verify`);
  await page.setInputFiles('#bundle-file', files.bundle);
  await page.setInputFiles('#trust-file', files.trust);
  if (files.document) await page.setInputFiles('#document-file', files.document);
  await page.click('#verify-run');
  await page.waitForSelector('#checks:not([hidden])', { timeout: 60000 });
  return page.$$eval('#checks tbody tr', (rows) => rows.map((r) => ({ name: r.dataset.check, passed: r.className === 'pass' })));
}

test('first load fetches nothing from other hosts', () => {
  assert.deepEqual(pageWeight.offHost, []);
  assert.ok(pageWeight.bodyBytes > 10000, `${pageWeight.bodyBytes} bytes`);
  writeFileSync(join(ARTEFACTS, 'page-weight.json'), JSON.stringify(pageWeight) + '\n');
});

test('the recorded bundle passes every check in the page', async () => {
  const rows = await verifyInPage({ bundle: join(FIXTURES, 'bundle.json'), trust: join(FIXTURES, 'trust.json'),
    document: join(FIXTURES, 'document.xml') });
  assert.equal(rows.length, 47); // with the enterprise seal and its registry block (bundle version 2)
  assert.deepEqual(rows.filter((r) => !r.passed), []);
  assert.ok(rows.some((r) => r.name === 'enterprise-registration'));
  assert.match(await page.textContent('#verdict'), /VALID|有效/);
  await page.screenshot({ path: join(ARTEFACTS, 'verify-valid.png'), fullPage: true });
});

test('a version 1 bundle still passes its 37 checks in the page', async () => {
  const rows = await verifyInPage({ bundle: join(FIXTURES, 'v1-bundle.json'), trust: join(FIXTURES, 'v1-trust.json'),
    document: join(FIXTURES, 'v1-document.xml') });
  assert.equal(rows.length, 37);
  assert.deepEqual(rows.filter((r) => !r.passed), []);
});

test('a changed bundle names the failing check', async () => {
  const c = loadCases().find((x) => x.name === 'bundle: one bit of checkpoint.rootHash');
  const dir = tempDir('console-case-');
  writeFileSync(join(dir, 'bundle.json'), inputs(c).bundle);
  const rows = await verifyInPage({ bundle: join(dir, 'bundle.json'), trust: join(FIXTURES, 'trust.json') });
  assert.deepEqual(rows.filter((r) => !r.passed).map((r) => r.name), c.verdict.failed);
  assert.ok(c.verdict.failed.includes('merkle-inclusion'));
  await page.click('#lang');
  await page.waitForSelector('#checks:not([hidden])');
  assert.equal(await page.$$eval('#checks tbody tr.fail', (r) => r.length), c.verdict.failed.length);
  await page.screenshot({ path: join(ARTEFACTS, 'verify-changed.png'), fullPage: true });
});

test('every shared case gives the Java verdict in Chromium', async () => {
  const cases = loadCases().map((c) => {
    const i = inputs(c);
    return { name: c.name, verdict: c.verdict, bundle: i.bundle, trust: i.trust,
      document: i.document ? toBase64(i.document) : null };
  });
  await page.goto(`${server.url}/console/`);
  const results = await page.evaluate(async (all) => {
    const v = await import('/lib/verifier.js');
    const out = [];
    for (const c of all) {
      const doc = c.document ? Uint8Array.from(atob(c.document), (ch) => ch.charCodeAt(0)) : null;
      try {
        const r = await v.verifyBundle(c.bundle, v.parseTrust(c.trust), doc);
        out.push({ valid: r.passed, failed: r.failed });
      } catch (e) {
        out.push(e instanceof v.MalformedError ? { malformed: true } : { error: String(e) });
      }
    }
    return out;
  }, cases);
  const disagree = cases.filter((c, i) => JSON.stringify(results[i]) !== JSON.stringify(c.verdict)).map((c) => c.name);
  assert.deepEqual(disagree, []);
  assert.ok(cases.length >= 100);
});

test('timing in Chromium: the recorded bundle, and a 1,000,000-leaf inclusion proof', async () => {
  const bundle = fixture('bundle.json').toString('utf8');
  const trust = fixture('trust.json').toString('utf8');
  const document = fixture('document.xml').toString('base64');
  const million = JSON.parse(fixture('merkle-1m-inclusion.json'));
  await page.goto(`${server.url}/console/`);
  const t = await page.evaluate(async ({ bundle, trust, document, million, runs }) => {
    const v = await import('/lib/verifier.js');
    const doc = Uint8Array.from(atob(document), (ch) => ch.charCodeAt(0));
    const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const bundleMs = [];
    let first;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const r = await v.verifyBundle(bundle, v.parseTrust(trust), doc);
      bundleMs.push(performance.now() - t0);
      if (!r.passed) throw new Error('the recorded bundle does not verify');
      first ??= bundleMs[0];
    }
    const inclusionMs = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      if (!v.verifyInclusionFixture(million)) throw new Error('the 1M-leaf proof does not verify');
      inclusionMs.push(performance.now() - t0);
    }
    return { runs, bundleFirstMs: first, bundleMedianMs: median(bundleMs), inclusion1mMedianMs: median(inclusionMs),
      inclusionPathHashes: million.path.length, userAgent: navigator.userAgent };
  }, { bundle, trust, document, million, runs: 15 });
  writeFileSync(join(ARTEFACTS, 'timings.json'), JSON.stringify(t, null, 2) + '\n');
  assert.equal(t.inclusionPathHashes, 20);
});
