// A worker that stops answering must not leave the page waiting for ever (issue 9's "no
// silent failure"): the page gives each request 15 seconds, then replaces the worker and
// sends it again; after a second miss in a row it stops starting workers and every job
// says it failed. The worker's wasm is made to fail to load by intercepting its request,
// as a dropped connection would.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser } from './lib/browser.mjs';

const WORKER_WASM = '**/pathways-worker_bg.wasm';

/**
 * Opens the app with every fetch of the worker's wasm refused for the first `refuseMs`
 * (Infinity: always). The worker starts within a second of the page, so it fails to load;
 * the page's own copy of the file into its offline cache fails too, which it tolerates.
 */
async function openWithWorkerRefused(browser, url, refuseMs) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const until = Date.now() + refuseMs;
  await context.route(WORKER_WASM, (route) => (Date.now() < until ? route.abort('connectionreset') : route.continue()));
  const page = await context.newPage();
  const errors = [];
  // A worker that cannot fetch its wasm throws "Failed to fetch" in the worker, which the
  // browser reports on the page; anything else is a real error.
  page.on('pageerror', (err) => err.message !== 'Failed to fetch' && errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => msg.type() === 'error' && !/Failed to load resource/.test(msg.text()) && errors.push(`console.error: ${msg.text()}`));
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('[data-app-ready]', { state: 'attached' });
  return { context, page, errors };
}

describe('worker', () => {
  let server, browser;

  useServerAndBrowser((s, b) => ([server, browser] = [s, b]));

  test('a worker that fails to load is replaced, and the ranges arrive from the new one', async () => {
    const { context, page, errors } = await openWithWorkerRefused(browser, server.url, 5_000);
    const started = Date.now();
    await page.waitForSelector('[data-bands-state="ready"]', { timeout: 40_000 });
    const waited = Date.now() - started;
    assert.ok(waited > 10_000, `the ranges came after the deadline (${waited} ms), from the second worker`);
    assert.match(await page.textContent('[data-bands-state]'), /10th to 90th percentile of 1000 draws/);
    // The new worker serves the next jobs too: the best-plan search answers at once.
    await page.click('#optimiser-find');
    await page.waitForSelector('[data-chart="frontier"]', { timeout: 10_000 });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a worker that never loads: after two deadlines the ranges and the search both say they failed, and no more workers start', async () => {
    const { context, page, errors } = await openWithWorkerRefused(browser, server.url, Infinity);
    const workers = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.click('#optimiser-find');
    const started = Date.now();
    // The job in flight (the analysis asked for on load, or the search) misses two 15 s
    // deadlines, the second with a fresh worker; then it and the job waiting both fail.
    await page.waitForSelector('[data-bands-state="failed"]', { timeout: 45_000 });
    const status = await page.textContent('[data-bands-state]');
    assert.match(status, /could not be computed: the background worker stopped answering \(no answer within 15 seconds, twice\); reload the page/, status);
    const failure = await page.waitForSelector('[data-role="optimiser-error"]', { timeout: 5_000 });
    assert.match(await failure.textContent(), /The search failed: the background worker stopped answering/);
    assert.equal(await page.textContent('[data-role="optimiser-status"]'), '');
    const waited = Date.now() - started;
    assert.ok(waited > 25_000 && waited < 45_000, `both failed after two deadlines (${waited} ms)`);
    // The headlines still show the central projection, without ranges.
    assert.equal(await page.$$eval('[data-headline]', (cards) => cards.length), 6);
    // A later job fails at once, and no third worker is started for it.
    const before = workers.length;
    assert.ok(before >= 1, 'the replacement worker was seen starting');
    await page.click('#optimiser-find');
    await page.waitForFunction(() => document.querySelector('[data-role="optimiser-status"]')?.textContent === '', null, { timeout: 2_000 });
    assert.match(await page.textContent('[data-role="optimiser-error"]'), /stopped answering/);
    await page.waitForTimeout(500);
    assert.equal(workers.length, before, `workers started after stopping: ${workers.slice(before)}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
