// Dependency-free static file server for the e2e tests.
//
// Serves a built app (Trunk's dist/) on 127.0.0.1 with an ephemeral port, so
// parallel runs never fight over a fixed port and nothing listens beyond
// loopback. An optional `prefix` mounts the directory under a sub-path
// (e.g. "/sub/path/") to check that the app works when not hosted at "/".

import http from 'node:http';
import { createReadStream } from 'node:fs';
import { cp, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** dist/ of the repo, unless PATHWAYS_DIST points elsewhere (e.g. a fake dist). */
export const DEFAULT_ROOT = process.env.PATHWAYS_DIST
  ? path.resolve(process.env.PATHWAYS_DIST)
  : path.resolve(HERE, '../../../dist');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  // Must be exactly application/wasm, or WebAssembly.instantiateStreaming fails.
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Normalise a prefix to the form "/" or "/a/b/". */
function normalisePrefix(prefix = '/') {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/**
 * Start serving `root` under `prefix`.
 * @returns {Promise<{url: string, close: () => Promise<void>}>}
 *   `url` is the app's base URL, ending in "/" (e.g. http://127.0.0.1:41234/sub/path/).
 */
export async function startServer({ root = DEFAULT_ROOT, prefix = '/' } = {}) {
  const base = path.resolve(root);
  const mount = normalisePrefix(prefix);

  const server = http.createServer(async (req, res) => {
    const send = (code, msg) => {
      res.writeHead(code, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : msg);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');

      let pathname;
      try {
        pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      } catch {
        return send(400, 'bad request');
      }
      // "/sub/path" without the slash: redirect so relative URLs in index.html resolve.
      if (mount !== '/' && pathname === mount.slice(0, -1)) {
        res.writeHead(301, { location: mount });
        return res.end();
      }
      if (!pathname.startsWith(mount) || pathname.includes('\0')) return send(404, 'not found');

      // Resolve inside root and refuse anything that escapes it (../, encoded or not).
      let file = path.resolve(base, '.' + path.posix.normalize('/' + pathname.slice(mount.length)));
      if (file !== base && !file.startsWith(base + path.sep)) return send(403, 'forbidden');

      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        file = path.join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) return send(404, 'not found');

      res.writeHead(200, {
        'content-type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': info.size,
        // Tests always want the freshly built files.
        'cache-control': 'no-store',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).on('error', () => res.destroy()).pipe(res);
    } catch (err) {
      if (!res.headersSent) send(500, String(err));
      else res.destroy();
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();

  return {
    url: `http://127.0.0.1:${port}${mount}`,
    close: () =>
      new Promise((resolve) => {
        // Keep-alive sockets from the browser would otherwise hold close() open.
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/**
 * Serve a copy of the built app, for runs long enough that a rebuild could land in the
 * middle and mix files from two builds (the benchmark, the facilitator walk-through).
 * Trunk's staging directory (dist/.stage, there while a build runs) is left out.
 * @returns {Promise<{url: string, root: string, close: () => Promise<void>}>}
 *   `root` is the copy; `close` stops serving and deletes it.
 */
export async function startSnapshotServer() {
  const root = await mkdtemp(path.join(os.tmpdir(), 'pathways-snapshot-'));
  try {
    await cp(DEFAULT_ROOT, root, { recursive: true, filter: (src) => path.basename(src) !== '.stage' });
    const server = await startServer({ root });
    return {
      url: server.url,
      root,
      close: async () => {
        await server.close();
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(root, { recursive: true, force: true });
    throw err;
  }
}

// Handy for manual poking: `node lib/server.mjs [root] [prefix]`.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { url } = await startServer({ root: process.argv[2] ?? DEFAULT_ROOT, prefix: process.argv[3] ?? '/' });
  console.log(`serving on ${url}`);
}
