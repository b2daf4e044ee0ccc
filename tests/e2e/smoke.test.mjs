// Smoke test: the built app loads cleanly, stays on its own origin and passes
// an automated accessibility audit.

import { before, after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { launchBrowser, openApp, runAxe, formatViolations } from './lib/browser.mjs';

describe('smoke', () => {
  let server, browser, app;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    app = await openApp(browser, server.url);
  });

  after(async () => {
    await app?.close();
    await browser?.close();
    await server?.close();
  });

  test('no console errors or page errors', () => {
    assert.deepEqual(app.errors, [], `errors while loading:\n${app.errors.join('\n')}`);
  });

  test('every request stays on the serving origin', () => {
    const origin = new URL(server.url).origin;
    // data: and blob: URLs never touch the network.
    const foreign = app.requests.filter((u) => !/^(data|blob):/.test(u) && new URL(u).origin !== origin);
    assert.ok(app.requests.length > 0, 'no requests recorded at all');
    assert.deepEqual(foreign, [], `requests left ${origin}:\n${foreign.join('\n')}`);
  });

  test('page title is not empty', async () => {
    assert.notEqual((await app.page.title()).trim(), '', 'document.title is empty');
  });

  test('axe: no WCAG 2.1 A/AA violations', async () => {
    const violations = await runAxe(app.page);
    assert.equal(violations.length, 0, `axe found ${violations.length} violation(s):\n${formatViolations(violations)}`);
  });
});
