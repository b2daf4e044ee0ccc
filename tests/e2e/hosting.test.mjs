// Hosting: the built site works from a sub-path of any static host, and after its first
// load it keeps working with the network gone (static/sw.js plus the warm-up in index.html).

import { before, after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { launchBrowser, openApp } from './lib/browser.mjs';

const PREFIX = '/some/sub/path/';
const BANDS_READY = '[data-bands-state="ready"]';
const OFFLINE_READY = 'html[data-offline-ready="true"]';

/** Load the app, wait for the Monte Carlo bands and for the offline cache to be filled. */
async function openWarm(browser, url) {
  const app = await openApp(browser, url);
  await app.page.waitForSelector(BANDS_READY, { state: 'attached', timeout: 30_000 });
  await app.page.waitForSelector(OFFLINE_READY, { state: 'attached', timeout: 30_000 });
  return app;
}

/** Reload and wait until the app and its bands are back. Returns the page's own response. */
async function reloadReady(page) {
  const response = await page.reload({ waitUntil: 'load', timeout: 15_000 });
  await page.waitForSelector('[data-app-ready]', { state: 'attached', timeout: 15_000 });
  await page.waitForSelector(BANDS_READY, { state: 'attached', timeout: 30_000 });
  return response;
}

/** Try to fetch an address that was never cached; says what happened. */
function probeUncached(page) {
  return page.evaluate(() =>
    fetch(`./never-cached-${Date.now()}.txt`).then(
      (r) => `answered ${r.status}`,
      (e) => `failed: ${e.message}`,
    ),
  );
}

describe('hosting', () => {
  let server, browser;

  before(async () => {
    server = await startServer({ prefix: PREFIX });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('served under a sub-path: loads, computes bands, stays under the prefix', async () => {
    assert.ok(server.url.endsWith(PREFIX), server.url);
    const app = await openWarm(browser, server.url);
    try {
      assert.deepEqual(app.errors, [], `errors while loading:\n${app.errors.join('\n')}`);

      const base = new URL(server.url);
      // data: and blob: URLs never touch the network.
      const fetched = app.requests.filter((u) => !/^(data|blob):/.test(u));
      assert.ok(fetched.length > 0, 'no requests recorded at all');
      const outside = fetched.filter((u) => {
        const url = new URL(u);
        return url.origin !== base.origin || !url.pathname.startsWith(base.pathname);
      });
      assert.deepEqual(outside, [], `requests outside ${server.url}:\n${outside.join('\n')}`);
      // The Monte Carlo worker came from the sub-path too.
      assert.ok(fetched.some((u) => u === `${server.url}pathways-worker_bg.wasm`), `worker wasm not fetched:\n${fetched.join('\n')}`);

      // The service worker is scoped to the folder of index.html, not the whole origin.
      const sw = await app.page.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        return { scope: reg?.scope, script: reg?.active?.scriptURL, caches: await caches.keys() };
      });
      assert.equal(sw.scope, server.url);
      assert.equal(sw.script, `${server.url}sw.js`);
      assert.deepEqual(sw.caches, [`pathways-v1@${server.url}`], 'index.html and sw.js must agree on the cache name');

      // The warm-up stored everything a reload needs, the page under its folder's address.
      const cached = await app.page.evaluate(async (name) => {
        const cache = await caches.open(name);
        return (await cache.keys()).map((r) => r.url);
      }, sw.caches[0]);
      // The worker starts from its loader shim, so offline it needs all three of its files.
      for (const url of [server.url, `${server.url}pathways-worker_loader.js`, `${server.url}pathways-worker.js`, `${server.url}pathways-worker_bg.wasm`]) {
        assert.ok(cached.includes(url), `${url} not cached; cached:\n${cached.join('\n')}`);
      }
      assert.ok(cached.some((u) => /pathways-[0-9a-f]{12,16}_bg\.wasm$/.test(u)), `main wasm not cached:\n${cached.join('\n')}`);

      // Online, the page itself is still fetched from the host (network first), so a new
      // deployment is picked up on the next visit. (The app keeps its scenario in the query.)
      const fromNetwork = [];
      const onRequest = (req) => {
        const url = new URL(req.url());
        url.search = '';
        if (req.serviceWorker() && url.href === server.url) fromNetwork.push(url.href);
      };
      app.context.on('request', onRequest);
      const response = await reloadReady(app.page);
      app.context.off('request', onRequest);
      assert.ok(response?.fromServiceWorker(), 'the page should pass through the service worker');
      assert.deepEqual(fromNetwork, [server.url], 'the service worker should fetch the page from the network');
      assert.deepEqual(app.errors, [], `errors after reloading:\n${app.errors.join('\n')}`);
    } finally {
      await app.close();
    }
  });

  test('offline after the first load: a reload still starts the app and computes bands', async () => {
    const app = await openWarm(browser, server.url);
    try {
      await app.context.setOffline(true);
      const response = await reloadReady(app.page);
      assert.ok(response?.fromServiceWorker(), 'the page itself should come from the service worker');
      assert.deepEqual(app.errors, [], `errors while loading offline:\n${app.errors.join('\n')}`);

      // Another address of the same page, never visited, also opens offline.
      const other = await app.page.goto(`${server.url}index.html`, { waitUntil: 'load', timeout: 15_000 });
      assert.ok(other?.fromServiceWorker(), 'index.html should come from the service worker');
      await app.page.waitForSelector(BANDS_READY, { state: 'attached', timeout: 30_000 });
      // Its warm-up finds everything already cached, so it completes without the network.
      await app.page.waitForSelector(OFFLINE_READY, { state: 'attached', timeout: 15_000 });
      assert.deepEqual(app.errors, [], `errors while opening index.html offline:\n${app.errors.join('\n')}`);

      // Proof that the network really was gone for the service worker too: an address it
      // never cached fails instead of reaching the server (which would answer 404).
      assert.match(await probeUncached(app.page), /^failed/);
    } finally {
      await app.context.setOffline(false).catch(() => {});
      await app.close();
    }
  });

  test('offline: an area opened once opens again from its link, and one never opened is named and the page stays', async () => {
    const app = await openWarm(browser, server.url);
    try {
      // Kent, opened while online: its file passes through the service worker, which keeps it.
      await app.page.focus('#area-select');
      await app.page.keyboard.type('Kent');
      await app.page.keyboard.press('Enter');
      await app.page.waitForFunction(() => document.querySelector('#area-select').dataset.areaId === 'kent');
      await app.context.setOffline(true);
      await app.page.goto(`${server.url}?area=kent`, { waitUntil: 'load', timeout: 15_000 });
      await app.page.waitForSelector('[data-app-ready]', { state: 'attached', timeout: 15_000 });
      assert.equal(await app.page.$eval('#area-select', (i) => i.dataset.areaId), 'kent');
      assert.equal(await app.page.$eval('#area-geography', (p) => p.textContent), 'Kent — figures for Kent, the whole local authority');
      assert.deepEqual(app.errors, [], `errors while opening Kent offline:\n${app.errors.join('\n')}`);
      // Leeds, never opened: it cannot load offline, the page says so and keeps Kent.
      await app.page.focus('#area-select');
      await app.page.keyboard.type('Leeds');
      await app.page.keyboard.press('Enter');
      await app.page.waitForSelector('[data-notice="error"]', { timeout: 15_000 });
      const said = await app.page.$$eval('[data-notice="error"]', (ns) => ns.map((n) => n.textContent).join(' '));
      assert.match(said, /Leeds could not be loaded \(.*\), so Kent is still shown/);
      assert.equal(await app.page.$eval('#area-select', (i) => i.dataset.areaId), 'kent');
    } finally {
      await app.context.setOffline(false).catch(() => {});
      await app.close();
    }
  });

  test('host gone after the first load: a reload still starts the app and computes bands', async () => {
    // Its own server, so stopping it leaves the others alone.
    const own = await startServer({ prefix: PREFIX });
    let app;
    try {
      app = await openWarm(browser, own.url);
      await own.close();
      const response = await reloadReady(app.page);
      assert.ok(response?.fromServiceWorker(), 'the page itself should come from the service worker');
      assert.deepEqual(app.errors, [], `errors while loading without a server:\n${app.errors.join('\n')}`);
      assert.match(await probeUncached(app.page), /^failed/);
    } finally {
      await app?.close();
      await own.close();
    }
  });
});
