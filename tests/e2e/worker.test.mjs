// A worker that stops answering must not leave the page waiting for ever (issue 9's "no
// silent failure"): the page gives each request 15 seconds, then replaces the worker and
// sends it again, and after a second miss says the job failed. The worker's wasm is made
// to fail to load by intercepting its request, as a dropped connection would.

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

  test('a worker that never loads: after two deadlines the page says the ranges failed, and the search too', async () => {
    const { context, page, errors } = await openWithWorkerRefused(browser, server.url, Infinity);
    await page.click('#optimiser-find');
    // Each job gets two 15 s deadlines, one job at a time: the analysis asked for on load
    // and the search, in whichever order they reached the queue.
    await page.waitForSelector('[data-bands-state="failed"]', { timeout: 70_000 });
    const status = await page.textContent('[data-bands-state]');
    assert.match(status, /could not be computed: the background worker did not answer within 15 seconds, twice/, status);
    // The headlines still show the central projection, without ranges.
    assert.equal(await page.$$eval('[data-headline]', (cards) => cards.length), 6);
    // The search's message where its answer would be.
    const failure = await page.waitForSelector('[data-role="optimiser-error"]', { timeout: 70_000 });
    assert.match(await failure.textContent(), /The search failed: the background worker did not answer/);
    assert.equal(await page.textContent('[data-role="optimiser-status"]'), '');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
