// Offline use: registers the service worker (sw.js) for this folder, so the app works from
// any sub-path. This first visit happened before the worker was in control, so copy what the
// page loaded, plus the Monte Carlo worker's files, into its cache ourselves. The page's
// Content-Security-Policy allows this file (script-src 'self'), ./sw.js (worker-src 'self')
// and the fetches below (connect-src 'self'); the Cache API itself is not a network request.
// A file, not an inline script, so the policy needs no 'unsafe-inline'.
if ('serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
  addEventListener('load', async () => {
    try {
      await navigator.serviceWorker.register('./sw.js');
      const { scope } = await navigator.serviceWorker.ready;
      const cache = await caches.open('pathways-v1@' + scope); // the CACHE name in sw.js
      // The page is kept once, under its folder's address: see cacheKey in sw.js.
      const page = location.origin + location.pathname;
      const key = (url) => (url === page ? page.replace(/\/index\.html$/, '/') : url);
      // The default area's file: the app fetches it at start, perhaps before this worker was in
      // control (another area the address names was fetched then too, and is among the
      // page's resources below).
      const areas = ['data/areas/hastings.json'];
      const found = [page, 'pathways-worker.js', 'pathways-worker_bg.wasm', 'pathways-worker_loader.js', ...areas,
        ...performance.getEntriesByType('resource').map((e) => e.name),
        ...Array.from(document.querySelectorAll('link[href], script[src]'), (e) => e.href || e.src)];
      const urls = new Set();
      for (const u of found) {
        const url = new URL(u, document.baseURI);
        url.hash = '';
        if (url.origin === location.origin && /^https?:$/.test(url.protocol)) urls.add(url.href);
      }
      const results = await Promise.allSettled(Array.from(urls, async (url) => {
        if (await cache.match(key(url))) return;
        const response = await fetch(url);
        if (!response.ok || response.redirected) throw new Error(url + ': ' + response.status);
        await cache.put(key(url), response);
      }));
      const failed = results.filter((r) => r.status === 'rejected').length;
      document.documentElement.dataset.offlineReady = failed ? 'partial' : 'true';
    } catch (err) {
      console.warn('Pathways will not work offline:', err);
    }
  });
}
