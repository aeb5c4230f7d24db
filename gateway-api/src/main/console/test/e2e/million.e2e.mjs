// Times the in-browser verification of real gateway bundles in headless Chromium (Debian's
// /usr/bin/chromium via playwright-core): started by ConsoleMillionLeafIT with a bundle from a
// 1,000,000-leaf log and, for comparison, a bundle of the same invoice from the same log when it
// had 3 leaves. Each bundle is verified through "Verify a proof" (#verify, the files chosen through
// the file inputs) in its own fresh page: once cold (the first verification of that page), then
// RUNS more times, the two bundles taking turns so both see the same machine load. Every check
// must pass. Writes million-results.json (and a screenshot) to ARTEFACTS; exits non-zero on the
// first failed expectation. No timing is asserted: the figures are printed and recorded.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = (k) => { assert.ok(process.env[k], `${k} is not set`); return process.env[k]; };
const URL = env('CONSOLE_URL');
const OUT = env('ARTEFACTS');
const RUNS = Number(process.env.RUNS ?? '10');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// the 1,000,000-leaf bundle first, so that its first verification is the browser's first
const bundles = { million: env('BUNDLE_MILLION'), small: env('BUNDLE_SMALL') };
const trust = env('TRUST');
const documentFile = env('DOCUMENT');

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { runs: s.length, median, min: s[0], max: s.at(-1) };
};

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
const results = { chromium: browser.version(), runs: RUNS, bundles: {} };
try {
  const pages = {};
  for (const [name, path] of Object.entries(bundles)) {
    const b = JSON.parse(readFileSync(path, 'utf8'));
    // the gateway's development certificate is self-signed; the browser is told to accept it
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 900 },
      locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${URL}#verify`);
    await page.evaluate(() => localStorage.setItem('fapiao.lang', 'en'));
    await page.reload();
    await page.setInputFiles('#bundle-file', path);
    await page.setInputFiles('#trust-file', trust);
    await page.setInputFiles('#document-file', documentFile);
    pages[name] = page;
    results.bundles[name] = { treeSize: b.inclusion.treeSize, leafIndex: b.inclusion.leafIndex,
      pathLength: b.inclusion.path.length, bytes: readFileSync(path).length, times: [] };
  }
  const verify = async (name) => {
    const page = pages[name];
    await page.evaluate(() => { document.querySelector('#verdict').className = 'verdict'; });
    await page.click('#verify-run');
    await page.waitForSelector('#verdict.good, #verdict.bad', { timeout: 120_000 });
    const verdict = await page.textContent('#verdict');
    assert.ok(await page.isVisible('#verdict.good'), `${name}: ${verdict}`);
    const failed = await page.locator('#checks tr.fail').count();
    assert.equal(failed, 0, `${name}: no failed check`);
    const r = results.bundles[name];
    r.checks = await page.$$eval('#checks tr.pass', (rows) => rows.map((row) => row.dataset.check));
    r.verdict = verdict;
    return Number(await page.getAttribute('#verdict', 'data-ms'));
  };
  for (const name of Object.keys(bundles)) results.bundles[name].first = await verify(name);
  for (let i = 0; i < RUNS; i++) {
    for (const name of Object.keys(bundles)) results.bundles[name].times.push(await verify(name));
  }
  for (const r of Object.values(results.bundles)) Object.assign(r, stats(r.times));
  await pages.million.screenshot({ path: join(OUT, 'verify-million.png'), fullPage: true });
  writeFileSync(join(OUT, 'million-results.json'), JSON.stringify(results, null, 2));
  for (const [name, r] of Object.entries(results.bundles)) {
    console.log(`million e2e: ${name}: tree ${r.treeSize}, leaf ${r.leafIndex}, path ${r.pathLength} hashes, `
      + `${r.checks.length} checks pass; first ${r.first.toFixed(1)} ms, then median ${r.median.toFixed(1)} ms `
      + `(min ${r.min.toFixed(1)}, max ${r.max.toFixed(1)}, ${r.runs} runs)`);
  }
} catch (e) {
  console.error(e);
  writeFileSync(join(OUT, 'million-results.json'), JSON.stringify({ ...results, error: String(e.stack ?? e) }, null, 2));
  process.exitCode = 1;
} finally {
  await browser.close();
}
