// Checks the test server itself (no browser): MIME types, index.html fallback,
// sub-path mounting and refusal of directory traversal. Uses its own temp dir,
// so it does not depend on a built app.

import { before, after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { startServer } from './lib/server.mjs';

// fetch() normalises "../" away, so send raw paths with node:http instead.
function rawGet(url, rawPath) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    http
      .get({ hostname, port, path: rawPath }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      })
      .on('error', reject);
  });
}

describe('static server', () => {
  let dir, root, plain, sub;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pathways-e2e-'));
    root = path.join(dir, 'dist');
    await mkdir(path.join(root, 'nested'), { recursive: true });
    await writeFile(path.join(dir, 'secret.txt'), 'outside root');
    const files = { 'index.html': '<title>t</title>', 'app.js': '', 'app_bg.wasm': '', 'style.css': '',
      'icon.svg': '<svg/>', 'data.json': '{}', 'nested/index.html': 'nested' };
    for (const [name, body] of Object.entries(files)) await writeFile(path.join(root, name), body);
    plain = await startServer({ root });
    sub = await startServer({ root, prefix: '/sub/path' });
  });

  after(async () => {
    await plain?.close();
    await sub?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('serves on loopback with an ephemeral port', () => {
    assert.match(plain.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.match(sub.url, /^http:\/\/127\.0\.0\.1:\d+\/sub\/path\/$/);
  });

  test('MIME types', async () => {
    const expected = { 'app.js': 'text/javascript', 'app_bg.wasm': 'application/wasm', 'style.css': 'text/css',
      'icon.svg': 'image/svg+xml', 'data.json': 'application/json', '': 'text/html' };
    for (const [name, type] of Object.entries(expected)) {
      const res = await fetch(plain.url + name);
      assert.equal(res.status, 200, name);
      assert.equal(res.headers.get('content-type').split(';')[0], type, name);
    }
  });

  test('index.html fallback for directories', async () => {
    assert.equal(await (await fetch(plain.url + 'nested/')).text(), 'nested');
  });

  test('sub-path mount', async () => {
    const origin = new URL(sub.url).origin;
    assert.equal((await fetch(sub.url)).status, 200);
    assert.equal((await fetch(sub.url + 'app_bg.wasm')).headers.get('content-type'), 'application/wasm');
    assert.equal((await fetch(origin + '/index.html')).status, 404, 'nothing outside the prefix');
    const redirect = await fetch(origin + '/sub/path', { redirect: 'manual' });
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.get('location'), '/sub/path/');
  });

  test('no directory traversal', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/nested/..%2f..%2fsecret.txt', '/%2e%2e%5csecret.txt']) {
      assert.notEqual(await rawGet(plain.url, p), 200, p);
    }
    assert.notEqual(await rawGet(sub.url, '/sub/path/../../secret.txt'), 200);
  });
});
