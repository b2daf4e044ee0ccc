// Pathways service worker: after the first visit the site keeps working offline.
//
// No dependencies and no build step. Trunk copies this file into dist/ unchanged (see the
// copy-file link in index.html). index.html registers it as './sw.js', so its scope is the
// folder index.html is in, and the site works the same under a sub-path.
//
// How each same-origin GET is answered:
// - files whose names carry Trunk's content hash (pathways-<hash>.js, *_bg.wasm, style-<hash>.css):
//   from the cache, else the network. A new build gives them new names, so they never go stale.
// - everything else (the page itself, pathways-worker.js, pathways-worker_bg.wasm and
//   pathways-worker_loader.js, register-sw.js, favicon):
//   from the network, else the cache. These names stay the same from build to build, so taking
//   them from the network when it is there picks up a new deployment at once and keeps the
//   worker in step with the main bundle that talks to it.
// Good answers are stored in the cache as they pass. Requests to other origins are left alone.
//
// The first visit happens before this worker is in control, so index.html copies what the page
// loaded into the same cache itself ("warm-up").

'use strict';

// Bump the version when the caching scheme changes: activating the new worker then deletes the
// old cache. The scope is part of the name so that two copies of the app on one origin (say
// /staging/ and /live/) keep separate caches. index.html builds the same name.
const VERSION = 'pathways-v1';
const CACHE = `${VERSION}@${self.registration.scope}`;

// Trunk's file hashes: up to 16 hex digits before the extension (or before _bg.wasm). Trunk
// writes the 64-bit hash without leading zeros, so one build in sixteen has 15 or fewer.
const HASHED = /-[0-9a-f]{12,16}(?:_bg)?\.[a-z]+$/;

self.addEventListener('install', () => {
  // Take over from an older version straight away rather than after every tab is closed.
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // Only our own older caches for this scope: other apps on the origin keep theirs.
      const names = await caches.keys();
      const mine = (name) => name.startsWith('pathways-') && name.endsWith(`@${self.registration.scope}`);
      await Promise.all(names.filter((name) => mine(name) && name !== CACHE).map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || request.headers.has('range')) return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return; // never touch other origins

  if (request.mode !== 'navigate' && HASHED.test(url.pathname)) {
    event.respondWith(cacheFirst(event, request));
  } else {
    event.respondWith(networkFirst(event, request));
  }
});

/** Worth keeping: a complete, same-origin, non-redirected success. */
function cacheable(response) {
  return response.ok && response.status === 200 && response.type === 'basic' && !response.redirected;
}

async function cacheFirst(event, request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (cacheable(response)) event.waitUntil(cache.put(request.url, response.clone()));
  return response;
}

async function networkFirst(event, request) {
  const cache = await caches.open(CACHE);
  const key = cacheKey(request);
  try {
    const response = await fetch(request);
    if (cacheable(response)) event.waitUntil(cache.put(key, response.clone()));
    return response;
  } catch (err) {
    // Any other address inside the scope that the browser opens as a page gets the app.
    const cached =
      (await cache.match(key)) ||
      (request.mode === 'navigate' ? await cache.match(self.registration.scope) : undefined);
    if (cached) return cached;
    throw err; // offline and never cached: the browser shows its usual network error
  }
}

/**
 * The page is one file whatever its address: the app reads its scenario from the query string
 * in the browser, and "folder/" and "folder/index.html" are the same file. So it is kept once,
 * under the folder's address without a query (index.html's warm-up uses the same key).
 */
function cacheKey(request) {
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  url.pathname = url.pathname.replace(/\/index\.html$/, '/');
  return request.mode === 'navigate' || url.href === self.registration.scope ? url.href : request.url;
}
