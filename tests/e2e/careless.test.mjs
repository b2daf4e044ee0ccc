// What a careless or hostile user found (issue 18): saved work is never lost without the
// user's say, and every input outside what the model covers is named, with what was used
// instead. Each test seeds the browser's storage or opens a hand-edited link.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatViolations, openApp, runAxe, useServerAndBrowser } from './lib/browser.mjs';
import { notices, press, reach, settled } from './lib/app.mjs';

const KEY = 'pathways.scenarios.v1';
const BACKUP = 'pathways.scenarios.unreadable-backup';

const numbered = (count) =>
  Array.from({ length: count }, (_, i) => ({ version: 2, name: `Number ${i + 1}` }));

/** A context whose storage holds `entries` (key → text) when its first page opens. */
async function seeded(browser, entries, init = () => {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(([entries, init]) => {
    if (!sessionStorage.getItem('seeded')) {
      for (const [key, text] of Object.entries(entries)) localStorage.setItem(key, text);
      sessionStorage.setItem('seeded', '1');
    }
    // eslint-disable-next-line no-new-func
    new Function(init)();
  }, [entries, `(${init})()`]);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

async function open(page, url) {
  await page.goto(url);
  await page.waitForSelector('[data-app-ready]');
}

const storedCount = (page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key)).scenarios.length, KEY);

describe('no lost work and no silent acceptance', () => {
  let server, browser;

  useServerAndBrowser((s, b) => ([server, browser] = [s, b]));

  test('a save or duplicate beyond 200 is refused and said; storage keeps its 200', async () => {
    const { context, page, errors } = await seeded(browser, { [KEY]: JSON.stringify({ version: 2, scenarios: numbered(200) }) });
    await open(page, server.url);
    await page.fill('#scenario-name', 'Number 201');
    await page.click('#save-scenario');
    await page.waitForSelector('[data-notice="error"]:has-text("“Number 201” was not saved")');
    assert.match((await notices(page)).join(' '), /the list already holds 200 saved scenarios.*Delete one/);
    assert.doesNotMatch((await notices(page)).join(' '), /Saved “Number 201”/);
    assert.equal(await storedCount(page), 200);
    await page.click('.library summary');
    await page.click('tr[data-scenario="Number 1"] [data-role="duplicate"]');
    await page.waitForSelector('[data-notice="error"]:has-text("“Number 1” was not duplicated")');
    assert.equal(await page.$('tr[data-scenario="Number 1 copy"]'), null);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a stored library over the limit is written back whole, and the page says what it lists', async () => {
    const { context, page } = await seeded(browser, { [KEY]: JSON.stringify({ version: 2, scenarios: numbered(250) }) });
    await open(page, server.url);
    await page.waitForSelector('[data-notice="info"]:has-text("holds 250 saved scenarios")');
    // A change to the list rewrites storage: the 50 not listed are still there, last.
    await page.click('.library summary');
    await page.click('tr[data-scenario="Number 3"] [data-role="delete"]');
    await page.waitForFunction((key) => !localStorage.getItem(key).includes('"Number 3"'), KEY);
    const names = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)).scenarios.map((s) => s.name), KEY);
    assert.equal(names.length, 249);
    assert.equal(names.at(-1), 'Number 250');
    await context.close();
  });

  test('each unreadable library keeps its own backup', async () => {
    const { context, page } = await seeded(browser, { [KEY]: '{first broken library' });
    await open(page, server.url);
    await page.waitForSelector(`[data-notice]:has-text("${BACKUP}")`);
    await page.evaluate((key) => localStorage.setItem(key, '{second broken library'), KEY);
    await page.reload();
    await page.waitForSelector('[data-app-ready]');
    await page.waitForSelector(`[data-notice]:has-text("${BACKUP}.2")`);
    const backups = await page.evaluate((b) => [localStorage.getItem(b), localStorage.getItem(`${b}.2`)], BACKUP);
    assert.deepEqual(backups, ['{first broken library', '{second broken library']);
    await context.close();
  });

  test('a backup can be downloaded as the file it was, and deleted, from the page', async () => {
    const { context, page, errors } = await seeded(browser, { [KEY]: '{broken library' });
    await open(page, server.url);
    await page.waitForSelector(`[data-notice]:has-text("${BACKUP}")`);
    await page.click('.library summary');
    await page.click('#backups summary');
    const row = `tr[data-backup="${BACKUP}"]`;
    await page.waitForSelector(row);
    assert.match(await page.textContent(row), /Saved scenarios/);
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(`${row} [data-role="download-backup"]`)]);
    assert.equal(file.suggestedFilename(), 'pathways-scenarios-unreadable-backup.json');
    assert.equal(await readFile(await file.path(), 'utf8'), '{broken library');
    await page.click(`${row} [data-role="delete-backup"]`);
    await page.waitForSelector('#backups [data-role="no-backups"]');
    assert.equal(await page.evaluate((b) => localStorage.getItem(b), BACKUP), null);
    const violations = await runAxe(page);
    assert.equal(violations.length, 0, formatViolations(violations));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a shortened name and description are said, and the original is kept', async () => {
    const original = JSON.stringify({ version: 2, scenarios: [{ version: 2, name: 'n'.repeat(300), description: 'd'.repeat(5000) }] });
    const { context, page } = await seeded(browser, { [KEY]: original });
    await open(page, server.url);
    const shown = (await notices(page)).join(' ');
    assert.match(shown, /its name had 300 characters, more than the 80 kept, so it was shortened/);
    assert.match(shown, /its description had 5000 characters, more than the 400 kept/);
    assert.ok(shown.length < 2000, 'the long name is not echoed in full');
    assert.equal(await page.evaluate((b) => localStorage.getItem(b), BACKUP), original);
    await context.close();
  });

  test('blocked storage says so plainly; Save never promises to try again', async () => {
    const { context, page, errors } = await seeded(browser, {}, () => {
      Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
      });
    });
    await open(page, server.url);
    await page.click('#save-scenario');
    await page.waitForSelector('[data-notice="error"]:has-text("Nothing can be saved in this browser")');
    assert.doesNotMatch((await notices(page)).join(' '), /still loading/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('storage that cannot take a backup of a corrupt library shows what it could read and writes nothing', async () => {
    const stored = JSON.stringify({ version: 2, scenarios: [{ version: 2, name: 'Readable plan' }, 'garbage'] });
    // Only the backup is refused, as when it is the one write that no longer fits: were the
    // read-only library written, the stored text would change.
    const { context, page } = await seeded(browser, { [KEY]: stored }, () => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (key.startsWith('pathways.scenarios.unreadable-backup')) throw new DOMException('full', 'QuotaExceededError');
        return setItem.call(this, key, value);
      };
    });
    await open(page, server.url);
    await page.waitForSelector('[data-notice="error"]:has-text("could not first keep a copy")');
    await page.click('.library summary');
    assert.ok(await page.$('tr[data-scenario="Readable plan"][data-kind="saved"]'), 'the readable scenario is listed');
    for (const act of [
      () => page.click('#save-scenario'),
      () => page.click('tr[data-scenario="Readable plan"] [data-role="duplicate"]'),
      () => page.click('tr[data-scenario="Readable plan"] [data-role="delete"]'),
    ]) {
      const before = (await notices(page)).length;
      await act();
      await page.waitForFunction((n) => document.querySelectorAll('[data-notice]').length > n, before);
      assert.match((await notices(page)).at(-1), /The saved scenarios in this browser are not changed/);
    }
    assert.doesNotMatch((await notices(page)).join(' '), /still loading/);
    await settled(page);
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), KEY), stored);
    await context.close();
  });

  test('a target year outside the projection is named and nothing waits for it', async () => {
    for (const year of [2000, 2036, 2090]) {
      const app = await openApp(browser, `${server.url}?v=2&target.fsm_ks4=35@${year}`);
      const shown = (await notices(app.page)).join(' ');
      assert.match(shown, new RegExp(`target\\.fsm_ks4: ${year} is outside the projection's years, 2017 to 2035, so the target was ignored`));
      assert.equal(await app.page.$('[data-headline="fsm_ks4"] .pending:has-text("chance being computed")'), null);
      assert.doesNotMatch(await app.page.textContent('body'), new RegExp(`by ${year}`));
      await app.close();
    }
  });

  test('a reach off the slider steps is shown as the value costed, and a move goes to the next step', async () => {
    for (const [given, label, value] of [['12.5', '12.5%', '12.5'], ['2', '2%', '2'], ['0.4', '0.4%', '0.4']]) {
      const app = await openApp(browser, `${server.url}?v=2&secondary_tutoring.reach=${given}`);
      const slider = reach('secondary_tutoring');
      assert.equal(await app.page.$eval(slider, (el) => el.value), value);
      assert.equal(await app.page.textContent(`#reach-value-secondary_tutoring`), label);
      assert.match(await app.page.$eval(slider, (el) => el.getAttribute('aria-valuetext')), new RegExp(`^${label.replace('.', '\\.')} of`));
      // Chromium moves a range with step="any" by 1 per arrow key; the move lands on the
      // next 5% step up, and from there the slider steps by 5 as usual.
      const next = Math.ceil((Number(value) + 1) / 5) * 5;
      await press(app.page, slider, 'ArrowRight', 1);
      assert.equal(await app.page.$eval(slider, (el) => el.value), String(next));
      await press(app.page, slider, 'ArrowRight', 1);
      assert.equal(await app.page.$eval(slider, (el) => el.value), String(next + 5));
      assert.deepEqual(app.errors, []);
      await app.close();
    }
  });

  test('control and direction characters in a linked or imported name are removed and said; echoes are short', async () => {
    const app = await openApp(browser, `${server.url}?v=2&name=abc%E2%80%AEevil%E2%80%AC%07`);
    assert.equal(await app.page.inputValue('#scenario-name'), 'abcevil');
    assert.match((await notices(app.page)).join(' '), /name: held 3 control or text-direction characters/);
    await app.page.click('.menu summary');
    await app.page.setInputFiles('#import-json', {
      name: 'long.json', mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ version: 2, name: 'L'.repeat(5000) })),
    });
    await app.page.waitForSelector('[data-notice]:has-text("Imported")');
    const imported = (await notices(app.page)).find((n) => n.includes('Imported'));
    assert.ok(imported.length < 120, imported);
    await app.close();
  });

  test('view= without embed=1 is named', async () => {
    const app = await openApp(browser, `${server.url}?v=2&view=flow`);
    assert.match((await notices(app.page)).join(' '), /view=flow: a single view is shown only in an embedded page \(with embed=1\), so the full page is shown/);
    assert.ok(await app.page.$('.levers'), 'the full page');
    await app.close();
  });

  test('the policy allows no inline script but Trunk\'s own by hash, no blob: scripts, and the page and worker run under it', async () => {
    const html = await readFile(join(process.env.PATHWAYS_DIST, 'index.html'), 'utf8');
    const policy = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)[1];
    const scriptSrc = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
    assert.doesNotMatch(scriptSrc, /unsafe-inline|blob:|INLINE_SCRIPT_HASHES/);
    assert.match(scriptSrc, /'sha256-[A-Za-z0-9+/=]{44}'/);
    assert.doesNotMatch(policy.match(/worker-src[^;]*/)[0], /blob:/);
    // Listening from before the page's first script, so a violation at start-up is seen.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(() => {
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${server.url}?v=2&secondary_tutoring.reach=40`);
    await page.waitForSelector('[data-app-ready]');
    // The bands come from the Monte Carlo worker: it started under the policy.
    await page.waitForFunction(() => document.querySelector('[data-headline="fsm_ks4"]')?.dataset.changeP10 !== undefined, null, { timeout: 30_000 });
    const violations = await page.evaluate(() => window.cspViolations);
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
    // The embed code escapes & in both the address and the name.
    await page.fill('#scenario-name', 'R&D <plan>');
    await page.click('#share');
    const code = await page.$eval('#embed-code', (t) => t.value);
    assert.match(code, /title="Pathways: R&amp;D &lt;plan&gt;"/);
    assert.doesNotMatch(code.match(/src="([^"]*)"/)[1], /&(?!amp;)/);
    await context.close();
  });
});
