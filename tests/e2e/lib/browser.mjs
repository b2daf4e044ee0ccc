// Browser helpers for the e2e tests: launch the system Chromium, open the app
// while recording errors and network requests, and run an axe-core audit.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const require = createRequire(import.meta.url);

// Debian's Chromium; playwright-core never downloads a browser of its own.
export const CHROMIUM = process.env.PATHWAYS_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox', // we run as root in a container
  '--disable-gpu',
  // The rest keep Chromium from phoning home, so the only requests are the app's.
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launch headless Chromium, with any `extraArgs`. Close it with `browser.close()`. */
export function launchBrowser(extraArgs = []) {
  return chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, ...extraArgs], headless: true });
}

/**
 * Open `url` in a fresh context and wait until the app says it is ready.
 *
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {{viewport?: {width: number, height: number}, readySelector?: string, timeout?: number}} [opts]
 * @returns {Promise<{context, page, errors: string[], requests: string[], close: () => Promise<void>}>}
 *   `errors` collects console errors and uncaught page errors; `requests` every
 *   request URL the page made (including ones that failed), in order.
 */
export async function openApp(
  browser,
  url,
  { viewport = { width: 1280, height: 800 }, readySelector = '[data-app-ready]', timeout = 15_000, serviceWorkers = 'allow', hasTouch = false } = {},
) {
  // serviceWorkers: 'block' lets page.route see every request (a service worker's own
  // fetches bypass it).
  const context = await browser.newContext({ viewport, serviceWorkers, hasTouch });
  const page = await context.newPage();
  const errors = [];
  const requests = [];

  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()} (${msg.location().url || 'unknown'})`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.stack || err.message}`));
  // Recorded at the context level so requests from workers are seen too.
  context.on('request', (req) => requests.push(req.url()));

  await page.goto(url, { waitUntil: 'load', timeout });
  // The app sets data-app-ready once the wasm has started and rendered.
  await page.waitForSelector(readySelector, { state: 'attached', timeout });

  return { context, page, errors, requests, close: () => context.close() };
}

/**
 * Run axe-core on the page with the WCAG 2.0/2.1 A and AA rules.
 * @returns {Promise<Array>} axe's `violations` (empty when the page passes).
 */
export async function runAxe(page, { tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } = {}) {
  // Evaluated through DevTools, which the page's Content-Security-Policy does not cover:
  // the app allows no inline script but its own start-up script, so an injected <script>
  // tag (addScriptTag) would be blocked and logged as a console error.
  await page.evaluate(await readFile(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const results = await page.evaluate(
    (runOnly) => window.axe.run(document, { runOnly: { type: 'tag', values: runOnly } }),
    tags,
  );
  return results.violations;
}

/** Human-readable summary of axe violations, for assertion messages. */
export function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    - ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`);
      return `[${v.impact}] ${v.id}: ${v.help}\n  ${v.helpUrl}\n${nodes.join('\n')}`;
    })
    .join('\n\n');
}

/**
 * Starts the static server and a browser before a `describe` block's tests and closes
 * both after them; `ready(server, browser)` receives them once started.
 */
export function useServerAndBrowser(ready) {
  let server;
  let browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ready(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}
