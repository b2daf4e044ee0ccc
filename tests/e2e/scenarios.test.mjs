// Scenarios as boards and workshops use them: save and reload, share by link, compare,
// import and export, present, embed, edit area data; and every kind of bad input.
// Figures are worked for Hastings as of 2017 (the seed deck's 25%), so pages open at
// `?as_of=2017`; a bare address opens the latest year (areas.test.mjs).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, runAxe, formatViolations, useServerAndBrowser } from './lib/browser.mjs';
import { download, headlines, notices, presets, press, reach, settled, chooseArea } from './lib/app.mjs';

async function chooseFile(page, selector, name, mimeType, text) {
  await page.setInputFiles(selector, { name, mimeType, buffer: Buffer.from(text) });
}

describe('scenarios', () => {
  let server, browser;

  useServerAndBrowser((s, b) => ([server, browser] = [s, b]));

  test('a named scenario is saved, survives a reload, and can be renamed, duplicated and deleted', async () => {
    const app = await openApp(browser, `${server.url}?as_of=2017`);
    const { page } = app;
    await press(page, reach('ey_language'), 'ArrowRight', 12);
    await page.fill('#scenario-name', 'Board plan');
    await page.click('#save-scenario');
    // The app confirms a save only once it is written to storage.
    await page.waitForSelector('[data-notice="info"]:has-text("Saved “Board plan”")');
    const figures = await headlines(page);

    await page.reload();
    await page.waitForSelector('[data-app-ready]');
    await page.click('.library summary');
    assert.ok(await page.$('tr[data-scenario="Board plan"][data-kind="saved"]'), 'saved scenario listed after reload');
    await page.click('[data-lever="ey_language"] [data-role="reset"]');
    await page.click('tr[data-scenario="Board plan"] [data-role="load"]');
    assert.deepEqual(await headlines(page), figures);

    await page.click('tr[data-scenario="Board plan"] [data-role="duplicate"]');
    assert.ok(await page.$('tr[data-scenario="Board plan copy"]'));
    await page.click('tr[data-scenario="Board plan copy"] [data-role="rename"]');
    await page.fill('tr[data-scenario="Board plan copy"] input[type="text"]', 'Plan B');
    await page.press('tr[data-scenario="Board plan copy"] input[type="text"]', 'Enter');
    await page.waitForSelector('tr[data-scenario="Plan B"]');
    await page.click('tr[data-scenario="Plan B"] [data-role="delete"]');
    await page.waitForFunction(() => !localStorage.getItem('pathways.scenarios.v1').includes('Plan B'));
    await page.reload();
    await page.waitForSelector('[data-app-ready]');
    const saved = await page.$$eval('tr[data-kind="saved"]', (rows) => rows.map((r) => r.dataset.scenario));
    assert.deepEqual(saved, ['Board plan']);
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('a share link opened in a fresh browser gives identical figures', async () => {
    const app = await openApp(browser, `${server.url}?as_of=2017`);
    const { page } = app;
    await press(page, reach('secondary_tutoring'), 'ArrowRight', 8);
    await page.selectOption('[data-lever="post16_tuition"] [data-role="start-year"]', '2021');
    await press(page, reach('post16_tuition'), 'ArrowRight', 5);
    await page.selectOption('#target-year', '2032');
    await page.waitForFunction(() => location.search.includes('year=2032'));
    const link = page.url();
    assert.match(link, /v=2/);
    assert.match(link, /secondary_tutoring\.reach=40/);
    assert.match(link, /post16_tuition\.start=2021/);
    assert.doesNotMatch(link, /ey_language/, 'levers at the baseline are left out');
    const figures = await headlines(page); // (settled: the charts below the fold have caught up)
    const ks4 = await page.$eval('[data-chart="fsm_ks4"] [data-series="scenario"]', (p) => p.dataset.values);
    await app.close();

    const fresh = await openApp(browser, link); // a new context: no shared storage
    assert.deepEqual(await headlines(fresh.page), figures);
    assert.equal(await fresh.page.$eval('[data-chart="fsm_ks4"] [data-series="scenario"]', (p) => p.dataset.values), ks4);
    assert.equal(await fresh.page.$eval('#target-year', (s) => s.value), '2032');
    assert.equal(await fresh.page.$eval('[data-lever="post16_tuition"] [data-role="start-year"]', (s) => s.value), '2021');
    assert.equal(await fresh.page.$eval(reach('secondary_tutoring'), (el) => el.value), '40');
    assert.deepEqual(await notices(fresh.page), []);
    await fresh.close();
  });

  test('hand-edited, truncated, hostile and future links keep what is valid and say what was dropped', async () => {
    const cases = [
      ['?v=2&ey_language.reach=abc&secondary_tutoring.reach=40&bogus=1', ['ey_language.reach', 'bogus']],
      ['?v=2&secondary_tutoring.reach=40&ey_lang', ['ey_lang']],
      ['?v=9&secondary_tutoring.reach=40', ['newer version']],
      [`?v=2&secondary_tutoring.reach=40&name=${encodeURIComponent('<img src=x onerror="window.hacked=1">')}`, []],
    ];
    for (const [query, mentions] of cases) {
      const app = await openApp(browser, server.url + query);
      const { page } = app;
      const h = await headlines(page);
      assert.ok(h.fsm_ks4.scenario > h.fsm_ks4.baseline, `${query}: the valid lever is applied`);
      const shown = (await notices(page)).join(' ');
      for (const m of mentions) assert.ok(shown.includes(m), `${query}: message mentions ${m}: ${shown}`);
      assert.equal(await page.evaluate(() => window.hacked), undefined, 'no markup from a link ever runs');
      assert.deepEqual(app.errors, []);
      await app.close();
    }
    const long = await openApp(browser, `${server.url}?v=2&name=${'x'.repeat(10_000)}`);
    assert.match((await notices(long.page)).join(' '), /too long|long/i);
    await long.close();
  });

  test('corrupt, partly valid and full storage never cost saved work', async () => {
    // Corrupt: backed up, reported, and saving still works.
    const corrupt = await browser.newContext();
    await corrupt.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('pathways.scenarios.v1', '{definitely not json');
        sessionStorage.setItem('seeded', '1');
      }
    });
    let page = await corrupt.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}?as_of=2017`);
    await page.waitForSelector('[data-app-ready]');
    assert.match((await notices(page)).join(' '), /could not be read/);
    assert.equal(await page.evaluate(() => localStorage.getItem('pathways.scenarios.unreadable-backup')), '{definitely not json');
    await page.click('#save-scenario');
    await page.waitForFunction(() => /My scenario/.test(localStorage.getItem('pathways.scenarios.v1') ?? ''));
    await corrupt.close();

    // Partly valid: the good scenario stays, the bad one is reported.
    const partial = await browser.newContext();
    await partial.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('pathways.scenarios.v1', JSON.stringify({ version: 1, scenarios: [
          { version: 1, name: 'Keep me', levers: { ey_language: { reach_share: 0.5, start_year: 2018, ramp_years: 1 } } },
          { version: 1, name: 'Half bad', levers: { ey_language: { reach_share: 7, start_year: 2018, ramp_years: 1 } } },
          'garbage',
        ] }));
        sessionStorage.setItem('seeded', '1');
      }
    });
    page = await partial.newPage();
    await page.goto(`${server.url}?as_of=2017`);
    await page.waitForSelector('[data-app-ready]');
    const saved = await page.$$eval('tr[data-kind="saved"]', (rows) => rows.map((r) => r.dataset.scenario));
    assert.deepEqual(saved, ['Keep me', 'Half bad']);
    const shown = (await notices(page)).join(' ');
    assert.match(shown, /reach_share/);
    assert.match(shown, /dropped/);
    await partial.close();

    // Full: saving fails with a message; nothing else breaks.
    const app = await openApp(browser, `${server.url}?as_of=2017`);
    page = app.page;
    await page.evaluate(() => {
      // Fill to the last byte: big chunks first, then ever smaller ones.
      let i = 0;
      for (let size = 1024 * 1024; size >= 1; size = Math.floor(size / 2)) {
        const chunk = 'x'.repeat(size);
        try { for (;;) localStorage.setItem(`filler-${i++}`, chunk); } catch { /* this size no longer fits */ }
      }
    });
    await press(page, reach('ey_language'), 'ArrowRight', 4);
    await page.click('#save-scenario');
    await page.waitForSelector('[data-notice="error"]:has-text("full or blocked")');
    assert.deepEqual(app.errors, []);
    assert.deepEqual(errors, []);
    await app.close();
  });

  test('imported files of the wrong shape are refused with a message and change nothing', async () => {
    const app = await openApp(browser, `${server.url}?as_of=2017`);
    const { page } = app;
    await press(page, reach('secondary_tutoring'), 'ArrowRight', 4);
    const before = await headlines(page);
    await page.click('.menu summary');
    await chooseFile(page, '#import-json', 'notes.json', 'application/json', 'this is not json');
    await page.waitForFunction(() => document.querySelectorAll('[data-notice="error"]').length >= 1);
    await chooseFile(page, '#import-json', 'wrong.json', 'application/json', JSON.stringify({ version: 1, levers: { ey_language: { reach_share: 'lots' } } }));
    await page.waitForFunction(() => document.querySelectorAll('[data-notice="error"]').length >= 2);
    await chooseFile(page, '#import-json', 'huge.json', 'application/json', ' '.repeat(200 * 1024));
    await page.waitForFunction(() => document.querySelectorAll('[data-notice="error"]').length >= 3);
    const shown = (await notices(page)).join(' ');
    assert.match(shown, /notes\.json was not imported/);
    assert.match(shown, /wrong\.json was not imported.*reach_share/);
    assert.match(shown, /huge\.json.*64 KB/);
    assert.deepEqual(await headlines(page), before);

    // A good file imports.
    await chooseFile(page, '#import-json', 'good.json', 'application/json', JSON.stringify({
      version: 1, name: 'From a file', levers: { ey_language: { reach_share: 0.5, start_year: 2019, ramp_years: 0 } },
    }));
    await page.waitForFunction(() => document.querySelector('#scenario-name').value === 'From a file');
    assert.equal(await page.$eval(reach('ey_language'), (el) => el.value), '50');
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('area figures that are impossible are refused; valid edits are applied and marked', async () => {
    const app = await openApp(browser, `${server.url}?as_of=2017`);
    const { page } = app;
    await page.click('.sources summary');
    const before = await headlines(page);
    await page.fill('[data-field="ks2.fsm"]', '150');
    await page.click('#apply-area');
    assert.match((await notices(page)).join(' '), /stages\.ks2\.fsm_rate/);
    assert.deepEqual(await headlines(page), before);
    // Said beside the button too, and the field is marked with the value still in use.
    await page.waitForSelector('#area-status[data-status="error"]');
    const status = await page.$eval('#area-status', (p) => p.textContent);
    assert.match(status, /^The area figures were not changed: .*stages\.ks2\.fsm_rate.*Still in use: KS2: FSM \(%\) 25\.0\.$/);
    const field = '[data-field="ks2.fsm"]';
    assert.equal(await page.$eval(field, (i) => i.getAttribute('aria-invalid')), 'true');
    assert.equal(await page.$eval(field, (i) => i.getAttribute('aria-describedby')), 'area-status');
    assert.equal(await page.$eval('[data-field="ks4.fsm"]', (i) => i.getAttribute('aria-invalid')), null, 'only the refused field');
    const violations = await runAxe(page);
    assert.equal(violations.length, 0, formatViolations(violations));

    await page.fill(field, '30');
    assert.equal(await page.$eval(field, (i) => i.getAttribute('aria-invalid')), null, 'a new value is no longer marked');
    await page.click('#apply-area');
    await page.waitForSelector('#area-status[data-status="info"]');
    const after = await headlines(page);
    assert.equal(after.fsm_ks2.baseline, 0.3);
    assert.ok(await page.$('.prov.user'), 'the edited figure is marked user-entered');

    await chooseArea(page, 'england');
    // The new area's own KS2 figure, as its data panel shows it.
    const england = await headlines(page);
    const englandKs2 = Number(await page.$eval('[data-field="ks2.fsm"]', (i) => i.value)) / 100;
    assert.ok(Math.abs(england.fsm_ks2.baseline - englandKs2) < 0.0006);
    assert.notEqual(englandKs2, 0.3, 'the edited Hastings figure is gone');
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('compare draws other scenarios on the same charts', async () => {
    const app = await openApp(browser, `${server.url}?as_of=2017`);
    const { page } = app;
    await page.click('.library summary');
    await page.check('tr[data-scenario="Early years first"] [data-role="compare"]');
    await page.check('tr[data-scenario="Careers and 16-19 push"] [data-role="compare"]');
    // The chart is below the fold: it catches up a moment after the change.
    await settled(page);
    const series = await page.$$eval('[data-chart="fsm_ks4"] path[data-name]', (p) => p.map((x) => x.dataset.name));
    assert.deepEqual(series, ['Early years first', 'Careers and 16-19 push']);
    const legend = await page.$eval('[data-chart="fsm_ks4"] .legend', (l) => l.textContent);
    assert.match(legend, /Early years first/);

    // A preset saved after loading it gets a name of its own, so the two are compared apart.
    await page.click('tr[data-scenario="Early years first"] [data-role="load"]');
    await page.click('#save-scenario');
    await page.waitForSelector('[data-notice="info"]:has-text("Saved “Early years first (2)”")');
    await page.uncheck('tr[data-scenario="Careers and 16-19 push"] [data-role="compare"]');
    await page.check('tr[data-scenario="Early years first (2)"] [data-role="compare"]');
    await settled(page);
    const named = await page.$$eval('[data-chart="fsm_ks4"] path[data-name]', (p) => p.map((x) => x.dataset.name));
    assert.deepEqual(named, ['Early years first', 'Early years first (2)']);
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('exports: scenario JSON, projections CSV, chart SVG and PNG', async () => {
    const app = await openApp(browser, `${server.url}?as_of=2017`);
    const { page } = app;
    await press(page, reach('ey_language'), 'ArrowRight', 10);
    await page.waitForSelector('[data-bands-state="ready"]', { timeout: 30_000 });
    await page.click('.menu summary');
    const json = await download(page, () => page.click('#export-json'));
    assert.equal(JSON.parse(json.bytes.toString()).levers.ey_language.reach_share, 0.5);
    const csv = await download(page, () => page.click('#export-csv'));
    assert.equal(csv.name, 'pathways-hastings-my-scenario-projections.csv');
    const lines = csv.bytes.toString().trim().split('\n');
    // Read by the header's names: the file may gain columns.
    const header = lines[0].split(',');
    for (const column of ['year', 'measure', 'unit', 'baseline', 'scenario', 'p10', 'p50', 'p90']) {
      assert.ok(header.includes(column), `the CSV has a ${column} column: ${lines[0]}`);
    }
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])));
    assert.ok(rows.every((r) => Object.keys(r).length === header.length));
    assert.equal(rows.length, 19 * 18);
    const ks2 = rows.find((r) => r.year === '2030' && r.measure === 'ks2_fsm_rate');
    assert.equal(ks2.unit, 'share');
    assert.equal(ks2.baseline, '0.250000');
    assert.match(ks2.scenario, /^0\.2\d+$/);
    for (const column of ['p10', 'p50', 'p90']) assert.match(ks2[column], /^0\.\d+$/);
    const svg = await download(page, () => page.click('[data-chart="fsm_ks2"] [data-role="export-svg"]'));
    assert.match(svg.bytes.toString(), /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg.bytes.toString(), /<style>/);
    const png = await download(page, () => page.click('[data-chart="fsm_ks2"] [data-role="export-png"]'));
    assert.deepEqual([...png.bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    assert.equal(png.bytes.readUInt32BE(16), 1600, 'slide width');
    const cost = await download(page, () => page.click('#cost [data-role="export-svg"]'));
    assert.match(cost.bytes.toString(), /^<svg[^>]*id="svg-cost"/);
    const flow = await download(page, () => page.click('[data-flow="flow-scenario"] [data-role="export-png"]'));
    assert.equal(flow.name, 'pathways-flow-scenario.png');
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('a refused clipboard, an undecodable chart and an unreadable canvas each say so; "copied" only on success', async () => {
    const app = await openApp(browser, `${server.url}?as_of=2017`);
    const { page } = app;
    const errorsAfter = async (n) => (await notices(page)).slice(n).filter((t) => t.startsWith('error: '));
    const infoAfter = async (n) => (await notices(page)).slice(n).filter((t) => t.startsWith('info: '));
    // The clipboard answers as a stub says: headless Chromium's real one depends on focus.
    await page.evaluate(() => {
      window.copied = [];
      window.clipboardRefuses = false;
      Object.defineProperty(navigator.clipboard, 'writeText', {
        configurable: true,
        value: (text) =>
          window.clipboardRefuses
            ? Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'))
            : Promise.resolve(window.copied.push(text)).then(() => undefined),
      });
    });
    await page.click('#share');
    let before = (await notices(page)).length;
    await page.click('#share-dialog button:has-text("Copy link")');
    await page.waitForFunction((n) => document.querySelectorAll('[data-notice]').length > n, before);
    const copied = await infoAfter(before);
    assert.equal(copied.length, 1, copied.join(' | '));
    assert.match(copied[0], /^info: Link copied to the clipboard\./);
    assert.deepEqual(await page.evaluate(() => window.copied), [await page.inputValue('#share-url')]);

    await page.evaluate(() => { window.clipboardRefuses = true; });
    before = (await notices(page)).length;
    await page.click('#share-dialog button:has-text("Copy embed code")');
    await page.waitForFunction((n) => document.querySelectorAll('[data-notice]').length > n, before);
    const refused = await errorsAfter(before);
    assert.equal(refused.length, 1, refused.join(' | '));
    assert.match(refused[0], /Embed code was not copied/);
    assert.match(refused[0], /NotAllowedError: Write permission denied/);
    assert.deepEqual(await infoAfter(before), [], 'no "copied" when the clipboard refused');
    await page.click('#close-share');

    // An image the browser cannot decode: the SVG blob's address is swapped for broken data.
    await page.evaluate(() => {
      const src = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src');
      window.restoreSrc = () => Object.defineProperty(HTMLImageElement.prototype, 'src', src);
      Object.defineProperty(HTMLImageElement.prototype, 'src', {
        configurable: true,
        get: src.get,
        set(value) { src.set.call(this, value.startsWith('blob:') ? 'data:image/svg+xml,not%20an%20image' : value); },
      });
    });
    before = (await notices(page)).length;
    await page.click('[data-chart="fsm_ks2"] [data-role="export-png"]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-notice]').length > n, before);
    const undecoded = await errorsAfter(before);
    assert.equal(undecoded.length, 1, undecoded.join(' | '));
    assert.match(undecoded[0], /\.png was not saved: the browser could not decode the chart as an image/);
    await page.evaluate(() => window.restoreSrc());

    // A canvas the browser will not read back.
    await page.evaluate(() => {
      HTMLCanvasElement.prototype.toDataURL = () => { throw new DOMException('The canvas has been tainted.', 'SecurityError'); };
    });
    before = (await notices(page)).length;
    await page.click('[data-chart="fsm_ks2"] [data-role="export-png"]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-notice]').length > n, before);
    const unread = await errorsAfter(before);
    assert.equal(unread.length, 1, unread.join(' | '));
    assert.match(unread[0], /\.png was not saved: the browser would not turn the chart into a PNG \(SecurityError: The canvas has been tainted\.\)/);
    assert.deepEqual(app.errors.filter((e) => e.startsWith('pageerror')), []);
    await app.close();
  });

  test('presentation mode steps through the story with arrow keys and Escape leaves it', async () => {
    const app = await openApp(browser, `${server.url}?as_of=2017`);
    const { page } = app;
    await press(page, reach('ey_language'), 'ArrowRight', 3);
    await page.click('#present');
    await page.waitForSelector('.presentation');
    assert.equal(await page.$('.levers'), null, 'controls are hidden');
    const title = () => page.$eval('#story-title', (h) => h.textContent);
    assert.equal(await title(), presets.story[0].title);
    const presentViolations = await runAxe(page);
    assert.equal(presentViolations.length, 0, formatViolations(presentViolations));
    await page.keyboard.press('ArrowRight');
    assert.equal(await title(), 'Start early, wait long');
    const ey = await headlines(page);
    assert.ok(ey.fsm_early_years.scenario > ey.fsm_early_years.baseline);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await title(), 'Start early, wait long');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.app');
    assert.equal(await page.$eval(reach('ey_language'), (el) => el.value), '15', "the user's own settings are back");
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('presentation outside an area leaves out the story steps made for another area', async () => {
    const own = (area) => presets.story.filter((step) => {
      const preset = presets.presets.find((p) => p.id === step.preset);
      return !preset?.scenario.area || preset.scenario.area === area;
    });
    assert.ok(own('blackpool').length < presets.story.length, 'presets.json has a step made for one area');
    for (const area of ['blackpool', 'hastings']) {
      const app = await openApp(browser, `${server.url}?area=${area}`);
      const { page } = app;
      const steps = own(area);
      await page.click('#present');
      await page.waitForSelector('.presentation');
      const seen = [];
      for (let i = 0; i < presets.story.length + 1; i++) {
        const [title, count] = await page.evaluate(() => [
          document.querySelector('#story-title').textContent,
          document.querySelector('.step-count').textContent,
        ]);
        if (seen.at(-1)?.[0] !== title) seen.push([title, count]);
        await page.keyboard.press('ArrowRight');
      }
      assert.deepEqual(seen, steps.map((step, i) => [step.title, `${i + 1} of ${steps.length}`]), area);
      await page.keyboard.press('ArrowLeft');
      assert.equal(await page.$eval('#story-title', (h) => h.textContent), steps.at(-2).title);
      await page.keyboard.press('Escape');
      await page.waitForSelector('.app');
      assert.equal(await page.$eval('#area-select', (s) => s.dataset.areaId), area, 'presenting never changes the area');
      assert.deepEqual(app.errors, []);
      await app.close();
    }
  });

  test('embed mode shows one view with minimal chrome at any size, and the embed code points at it', async () => {
    const app = await openApp(browser, `${server.url}?v=2&secondary_tutoring.reach=40&embed=1&view=chart:fsm_ks4`, {
      viewport: { width: 480, height: 320 },
    });
    const { page } = app;
    assert.ok(await page.$('.embed [data-chart="fsm_ks4"]'));
    assert.equal(await page.$('.levers'), null);
    assert.equal(await page.$$eval('[data-chart]', (c) => c.length), 1);
    const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    assert.ok(fits, 'no horizontal scrolling in a small iframe');
    const embedViolations = await runAxe(page);
    assert.equal(embedViolations.length, 0, formatViolations(embedViolations));
    await app.close();

    const headlinesOnly = await openApp(browser, `${server.url}?v=2&embed=1`, { viewport: { width: 360, height: 640 } });
    assert.equal(await headlinesOnly.page.$$eval('[data-headline]', (c) => c.length), 6);
    await headlinesOnly.close();

    const main = await openApp(browser, `${server.url}?v=2&secondary_tutoring.reach=40`);
    await main.page.click('#share');
    await main.page.selectOption('#embed-view', 'chart:fsm_ks2');
    const code = await main.page.$eval('#embed-code', (t) => t.value);
    assert.match(code, /^<iframe src="[^"]*embed=1[^"]*view=chart:fsm_ks2[^"]*secondary_tutoring\.reach=40/);
    assert.match(await main.page.$eval('#share-url', (i) => i.value), /secondary_tutoring\.reach=40/);
    await main.page.keyboard.press('Escape');
    await main.close();
  });
});
