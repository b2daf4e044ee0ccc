// Every area, as a board picks them: the type-ahead picker (Opportunity Areas, England,
// then each region's local authorities; recently used ones first), the file fetched when an
// area is chosen (and what happens when it cannot be), the year the projection starts
// from, whose figures each area uses, every number's source in the data panel with the
// observed series, and the area carried by links, saved scenarios and scenario files.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, runAxe, formatViolations, useServerAndBrowser } from './lib/browser.mjs';
import { download, headlines, notices, presets, press, reach, settled, chooseArea } from './lib/app.mjs';

/** The area data panel's figures: `{field: {value, status, text}}` for the editable ones. */
async function areaFigures(page) {
  await settled(page);
  return page.$$eval('[data-table="area-sources"] tbody tr', (rows) =>
    Object.fromEntries(
      rows
        .filter((r) => r.dataset.figure)
        .map((r) => [
          r.dataset.figure,
          {
            value: Number(r.querySelector('input').value),
            status: r.querySelector('.prov').textContent,
            text: r.querySelector('.prov-text').textContent,
          },
        ]),
    ),
  );
}

const geography = (page) => page.$eval('#area-geography', (p) => p.textContent);
const chosenArea = (page) => page.$eval('#area-select', (s) => s.dataset.areaId);
/** The picker's open list: each group's heading and its options' ids and texts. */
const listedGroups = (page) =>
  page.$$eval('#area-listbox [role="group"]', (gs) =>
    gs.map((g) => ({
      label: document.getElementById(g.getAttribute('aria-labelledby')).textContent,
      options: [...g.querySelectorAll('[role="option"]')].map((o) => [o.dataset.areaId, o.textContent]),
    })),
  );

describe('areas', () => {
  let server, browser;

  useServerAndBrowser((s, b) => ([server, browser] = [s, b]));

  test('the picker lists the Opportunity Areas, England, then every region; typing narrows it and Enter opens the area', async () => {
    const app = await openApp(browser, server.url);
    const { page } = app;
    const input = '#area-select';
    // An ARIA 1.2 combobox: labelled, described by whose figures and which year, closed.
    assert.equal(await page.$eval('label[for="area-select"]', (l) => l.textContent), 'Area');
    const attr = (name) => page.$eval(input, (i, n) => i.getAttribute(n), name);
    assert.equal(await attr('role'), 'combobox');
    assert.equal(await attr('aria-controls'), 'area-listbox');
    assert.equal(await attr('aria-autocomplete'), 'list');
    assert.equal(await attr('aria-expanded'), 'false');
    assert.equal(await attr('aria-describedby'), 'area-geography area-about area-as-of');
    assert.equal(await page.$eval(input, (i) => i.value), 'Hastings');
    assert.equal(await chosenArea(page), 'hastings');
    assert.equal(await geography(page), 'Hastings — figures for East Sussex, a county proxy');
    assert.equal(await page.$eval('#area-about', (p) => p.textContent), 'Opportunity Area announced January 2017, South East');

    // Arrow down opens the whole list: Opportunity Areas first, England, then the regions.
    await page.focus(input);
    await page.keyboard.press('ArrowDown');
    assert.equal(await attr('aria-expanded'), 'true');
    const groups = await listedGroups(page);
    assert.deepEqual(groups.map((g) => g.label).slice(0, 3), ['Opportunity Areas', 'Reference', 'East Midlands']);
    assert.equal(groups.length, 11);
    assert.equal(groups[0].options.length, 12);
    assert.deepEqual(groups[0].options.find(([id]) => id === 'hastings'), ['hastings', 'Hastings, South East']);
    assert.deepEqual(groups[1].options, [['england', 'England, national reference']]);
    assert.equal(groups.reduce((n, g) => n + g.options.length, 0), 158);
    // The first option is active, announced through aria-activedescendant.
    assert.equal(await attr('aria-activedescendant'), 'area-option-blackpool');
    await page.keyboard.press('ArrowDown');
    assert.equal(await attr('aria-activedescendant'), 'area-option-bradford');
    await page.keyboard.press('Escape');
    assert.equal(await attr('aria-expanded'), 'false');
    assert.equal(await page.$eval(input, (i) => i.value), 'Hastings', 'Escape keeps the area');

    // Typing narrows the list to what matches, by name or region; Enter opens the first.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('kent');
    assert.deepEqual((await listedGroups(page)).map((g) => g.options.map(([id]) => id)), [['kent']]);
    assert.match(await page.$eval('#area-status-line', (p) => p.textContent), /^1 area listed$/);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#area-select').dataset.areaId === 'kent');
    await settled(page);
    assert.equal(await page.$eval(input, (i) => i.value), 'Kent');
    assert.equal(await geography(page), 'Kent — figures for Kent, the whole local authority');
    await page.waitForFunction(() => location.search.includes('area=kent'));
    // Kent is now first, under "Recently used".
    await page.keyboard.press('ArrowDown');
    const again = await listedGroups(page);
    assert.deepEqual(again[0], { label: 'Recently used', options: [['kent', 'Kent, South East']] });
    await page.keyboard.press('Escape');
    // Nothing matches: said, and Enter does nothing.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('atlantis');
    assert.match(await page.$eval('#area-status-line', (p) => p.textContent), /^No area matches/);
    await page.keyboard.press('Enter');
    assert.equal(await chosenArea(page), 'kent');
    assert.deepEqual(await notices(page), []);
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('choosing Blackpool changes the data panel, each number shows its source, and the address carries the area', async () => {
    const app = await openApp(browser, `${server.url}?as_of=2017`);
    const { page } = app;
    await page.click('.sources summary');
    const hastings = await areaFigures(page);
    assert.equal(hastings.fsm_share.value, 21);
    await page.focus('#area-select');
    await page.keyboard.type('Blackp');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#area-select').dataset.areaId === 'blackpool');
    await page.waitForFunction(() => document.querySelector('#area-geography').textContent.startsWith('Blackpool'));
    assert.equal(await geography(page), 'Blackpool — figures for Blackpool, the whole local authority');
    assert.match(await page.$eval('#sources-heading', (h) => h.textContent), /Blackpool Opportunity Area/);

    const blackpool = await areaFigures(page);
    assert.notEqual(blackpool.fsm_share.value, hastings.fsm_share.value);
    assert.notEqual(blackpool.cohort_size.value, hastings.cohort_size.value);
    assert.notEqual(blackpool['early_years.fsm'].value, hastings['early_years.fsm'].value);
    // Every figure says where it comes from; Blackpool's KS2 FSM rate is LAIT's, as published.
    const statuses = await page.$$eval('[data-table="area-sources"] .prov', (s) => s.map((x) => x.textContent));
    assert.equal(statuses.length, 20);
    assert.ok(statuses.every((s) => s === 'Source' || s === 'Assumption'), statuses.join(', '));
    assert.equal(blackpool['early_years.fsm'].status, 'Source');
    assert.match(blackpool['early_years.fsm'].text, /Blackpool/);
    // It opens as of its latest results: LAIT's 47% for 2024/25, as published.
    assert.equal(blackpool['ks2.fsm'].value, 47);
    assert.match(blackpool['ks2.fsm'].text, /^Blackpool, 2025: 47% of FSM pupils, .*LAIT FSM_NEW_KS2_RWM 2025/);
    assert.match(await page.$eval('[data-role="provenance-counts"]', (p) => p.textContent), /^20 numbers: 12 cited from a source, 8 assumptions\./);
    // The headline baselines are the panel's figures.
    const h = await headlines(page);
    assert.ok(Math.abs(h.fsm_early_years.baseline - blackpool['early_years.fsm'].value / 100) < 0.0006);
    assert.ok(Math.abs(h.fsm_ks4.baseline - blackpool['ks4.fsm'].value / 100) < 0.0006);

    // The observed series, with measure, group, years, source and breaks.
    const observed = await page.$$eval('[data-table="area-observed"] tbody tr', (rows) =>
      rows.map((r) => ({
        measure: r.dataset.measure,
        group: r.querySelector('[data-role="group"]').textContent,
        years: r.querySelector('[data-role="years"]').textContent,
        source: r.querySelector('[data-role="source"]').textContent,
        breaks: r.querySelector('[data-role="breaks"]').textContent,
      })),
    );
    assert.ok(observed.length >= 5, `${observed.length} series`);
    const ks2 = observed.find((o) => o.measure === 'ks2_rwm_expected' && o.group.startsWith('Disadvantaged'));
    assert.ok(ks2, observed.map((o) => o.measure).join(', '));
    assert.match(ks2.years, /^20\d\d/);
    assert.match(ks2.source, /figures\.csv/);
    assert.match(ks2.breaks, /Disadvantaged, not FSM/);
    const lait = observed.find((o) => o.measure === 'ks2_rwm_expected' && o.group.startsWith('FSM'));
    assert.ok(lait, 'LAIT\'s FSM series is listed');
    assert.match(lait.source, /^LAIT FSM_NEW_KS2_RWM/);

    await page.waitForFunction(() => location.search.includes('area=blackpool'));
    assert.deepEqual(await notices(page), []);
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('Blackpool opens as of 2025, its latest results, says so; as of 2017 it has LAIT\'s 48%, and the link keeps the year', async () => {
    const app = await openApp(browser, `${server.url}?area=blackpool`);
    const { page } = app;
    assert.match(await page.$eval('#area-as-of', (p) => p.textContent), /^The projection starts from 2025's figures: the latest year with published results\. Level 3 by 19 \(FSM at 15\) from 2024/);
    assert.match(await page.$eval('.masthead .subtitle', (p) => p.textContent), /2025 to 2040/);
    assert.equal((await headlines(page)).fsm_ks2.baseline, 0.47, "LAIT's 47% for 2024/25");
    // Its published history shows before the projection: KS2 FSM since 2016.
    const history = await page.$$eval('[data-chart="fsm_ks2"] svg g.obs.fsm[data-year]', (gs) => gs.map((g) => Number(g.dataset.year)));
    assert.deepEqual(history, [2016, 2017, 2018, 2019, 2022, 2023, 2024, 2025]);
    assert.ok(await page.$('[data-chart="fsm_ks2"] .projection-start[data-year="2025"]'), 'a line where the projection starts');
    const years = await page.$$eval('#as-of-select option', (os) => os.map((o) => o.value));
    assert.deepEqual(years, ['2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024', '2025']);
    await page.selectOption('#as-of-select', '2017');
    await page.waitForFunction(() => document.querySelector('#area-as-of').textContent.includes("2017's figures"));
    await settled(page);
    assert.match(await page.$eval('#area-as-of', (p) => p.textContent), /^The projection starts from 2017's figures: chosen from the years 2016 to 2025, the year the Opportunity Areas programme began\./);
    assert.match(await page.$eval('.masthead .subtitle', (p) => p.textContent), /2017 to 2035/);
    assert.equal((await headlines(page)).fsm_ks2.baseline, 0.48, "LAIT's 48% for 2016/17");
    await page.waitForFunction(() => location.search.includes('area=blackpool&as_of=2017'));
    // The link opens the same year on another machine, and says it is the link's.
    const link = await page.evaluate(() => location.href);
    const again = await openApp(browser, link);
    assert.equal((await headlines(again.page)).fsm_ks2.baseline, 0.48);
    assert.equal(await again.page.$eval('#as-of-select', (s) => s.value), '2017');
    assert.match(await again.page.$eval('#area-as-of', (p) => p.textContent), /^The projection starts from 2017's figures: the year the link names/);
    assert.deepEqual(again.errors, []);
    await again.close();
    // A link from before as-of years opens as of 2017 and says why.
    const old = await openApp(browser, `${server.url}?v=2&area=hastings&secondary_tutoring.reach=40`);
    assert.match(await old.page.$eval('#area-as-of', (p) => p.textContent), /^The projection starts from 2017's figures: this link was made before Pathways let a projection start from any year/);
    assert.equal((await headlines(old.page)).fsm_ks4.baseline, 0.25, "the seed deck's 25%");
    assert.deepEqual(await notices(old.page), []);
    await old.close();
    assert.deepEqual(await notices(page), []);
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('an area file that cannot be fetched is named and the current area stays on screen', async () => {
    const app = await openApp(browser, server.url, { serviceWorkers: 'block' });
    const { page } = app;
    const before = await headlines(page);
    await page.route('**/data/areas/leeds.json', (route) => route.abort('internetdisconnected'));
    await page.focus('#area-select');
    await page.keyboard.type('leeds');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-notice="error"]');
    assert.match((await notices(page)).join(' '), /error: Leeds could not be loaded \(the network did not answer: you may be offline\), so Hastings Opportunity Area is still shown/);
    assert.equal(await chosenArea(page), 'hastings');
    assert.deepEqual(await headlines(page), before);
    assert.deepEqual(app.errors.filter((e) => !/leeds\.json|ERR_INTERNET_DISCONNECTED/.test(e)), []);
    await app.close();
  });

  test('a link with ?area=fenland_east_cambridgeshire opens that area, labelled a county proxy', async () => {
    const app = await openApp(browser, `${server.url}?area=fenland_east_cambridgeshire`);
    const { page } = app;
    assert.equal(await chosenArea(page), 'fenland_east_cambridgeshire');
    assert.equal(await geography(page), 'Fenland and East Cambridgeshire — figures for Cambridgeshire, a county proxy');
    assert.equal(await page.$eval('#area-about', (p) => p.textContent), 'Opportunity Area announced January 2017, East of England');
    await page.click('.sources summary');
    assert.match(await page.$eval('.proxy-note', (p) => p.textContent), /Cambridgeshire's figures stand in/);
    const figures = await areaFigures(page);
    assert.match(figures['early_years.fsm'].text, /Cambridgeshire/);
    assert.deepEqual(await notices(page), []);
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('an unknown ?area=atlantis says so and keeps the default area and the valid levers', async () => {
    const app = await openApp(browser, `${server.url}?v=2&area=atlantis&secondary_tutoring.reach=40`);
    const { page } = app;
    const shown = (await notices(page)).join(' ');
    assert.match(shown, /^error: .*area “atlantis” is not one this version of Pathways ships, so Hastings Opportunity Area is shown/);
    assert.equal(await chosenArea(page), 'hastings');
    assert.equal(await page.$eval(reach('secondary_tutoring'), (el) => el.value), '40');
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('a scenario saved in Oldham reloads in Oldham after switching away; presets keep the current area unless they name one', async () => {
    const app = await openApp(browser, `${server.url}?area=oldham`);
    const { page } = app;
    await press(page, reach('secondary_tutoring'), 'ArrowRight', 8);
    await page.fill('#scenario-name', 'Oldham plan');
    await page.click('#save-scenario');
    await page.waitForSelector('[data-notice="info"]:has-text("Saved “Oldham plan”")');
    const inOldham = await headlines(page);
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('pathways.scenarios.v1')));
    assert.equal(stored.scenarios.find((s) => s.name === 'Oldham plan').area, 'oldham');

    // Away to Hastings, then a fresh page (no area in the address).
    await chooseArea(page, 'hastings');
    await page.waitForFunction(() => !location.search.includes('area='));
    await page.goto(server.url);
    await page.waitForSelector('[data-app-ready]');
    assert.equal(await chosenArea(page), 'hastings');
    await page.click('.library summary');
    assert.equal(await page.$eval('tr[data-scenario="Oldham plan"] [data-role="area"]', (td) => td.textContent), 'Oldham');
    await page.click('tr[data-scenario="Oldham plan"] [data-role="load"]');
    await page.waitForFunction(() => document.querySelector('#area-select').dataset.areaId === 'oldham');
    assert.deepEqual(await headlines(page), inOldham);
    assert.match((await notices(page)).join(' '), /“Oldham plan” was made for Oldham Opportunity Area, so that area is now shown/);
    await page.waitForFunction(() => location.search.includes('area=oldham'));

    // A preset that names no area keeps Oldham.
    assert.equal(await page.$eval('tr[data-scenario="Early years first"] [data-role="area"]', (td) => td.textContent), 'Any');
    await page.click('tr[data-scenario="Early years first"] [data-role="load"]');
    await settled(page);
    assert.equal(await chosenArea(page), 'oldham');

    // A preset made for an area (the historic one) opens in it, as a saved scenario does.
    const historic = presets.presets.find((p) => p.scenario.area);
    assert.ok(historic, 'presets.json has a preset that names its area');
    const { name, area } = historic.scenario;
    await page.click(`tr[data-scenario="${name}"] [data-role="load"]`);
    await page.waitForFunction((id) => document.querySelector('#area-select').dataset.areaId === id, area);
    assert.equal(await page.$eval('#scenario-name', (i) => i.value), name);
    assert.match((await notices(page)).join(' '), new RegExp(`“${name.replace(/[()]/g, '\\$&')}” was made for .*, so that area is now shown`));
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('edited figures: Save and Export warn they are not in the scenario; the area file exports and re-imports them', async () => {
    const app = await openApp(browser, `${server.url}?area=doncaster`);
    const { page } = app;
    await page.click('.sources summary');
    assert.equal(await page.$('#area-not-saved'), null, 'no warning before any edit');
    await page.fill('[data-field="ks2.fsm"]', '31.5');
    await page.fill('[data-field="cohort_size"]', '1234');
    await page.click('#apply-area');
    await page.waitForFunction(() => document.querySelector('#area-select').dataset.areaId === '');
    assert.match(await page.$eval('#area-status', (p) => p.textContent), /Area figures updated/);
    const edited = await headlines(page);

    // The warning near Save, and on Save and Export themselves.
    assert.match(await page.$eval('#area-not-saved', (p) => p.textContent), /not saved with the scenario.*Export area file/);
    await page.click('#save-scenario');
    await page.waitForSelector('[data-notice="error"]:has-text("not saved with the scenario")');
    await page.click('.menu summary');
    assert.ok(await page.$('[data-role="area-not-saved-export"]'));
    while (await page.$('[data-notice] button')) await page.click('[data-notice] button');
    await download(page, () => page.click('#export-json'));
    await page.waitForSelector('[data-notice="error"]:has-text("not saved with the scenario")');

    // The area file: what Area::from_json reads, the entered figures marked.
    const file = JSON.parse((await download(page, () => page.click('#export-area'))).bytes.toString());
    assert.equal(file.id, 'doncaster');
    assert.equal(file.stages.ks2.fsm_rate.value, 0.315);
    assert.match(file.stages.ks2.fsm_rate.user_entered, /Entered by you/);
    assert.equal(file.stages.ks2.fsm_rate.source, undefined);
    assert.equal(file.cohort_size.value, 1234);
    assert.ok(file.fsm_share.source, 'unedited figures keep their source');

    // Away to a shipped area, then the file brings the figures back.
    await chooseArea(page, 'england');
    await page.waitForFunction(() => document.querySelector('#area-select').dataset.areaId === 'england');
    assert.equal(await page.$('#area-not-saved'), null);
    await page.setInputFiles('#import-area', { name: 'doncaster-edited.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await page.waitForFunction(() => document.querySelector('#area-select').dataset.areaId === '');
    assert.equal(await page.$eval('[data-field="ks2.fsm"]', (i) => i.value), '31.5');
    assert.equal(await page.$eval('[data-field="cohort_size"]', (i) => i.value), '1234');
    assert.equal(await page.$eval('[data-figure="ks2.fsm"] .prov', (s) => s.textContent), 'User-entered');
    assert.match(await page.$eval('#area-status', (p) => p.textContent), /Loaded area .* from doncaster-edited\.json/);
    assert.deepEqual(await headlines(page), edited);
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('a refused area file is named beside the import control, and nothing changes', async () => {
    const app = await openApp(browser, server.url);
    const { page } = app;
    await page.click('.sources summary');
    const before = await headlines(page);
    await page.setInputFiles('#import-area', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"id": "x"') });
    await page.waitForSelector('#area-status[data-status="error"]');
    assert.match(await page.$eval('#area-status', (p) => p.textContent), /^broken\.json was not loaded: /);
    assert.equal(await page.$eval('#area-status', (p) => p.getAttribute('role')), 'status');
    assert.equal(await page.$eval('#import-area', (i) => i.getAttribute('aria-describedby')), 'area-status');
    assert.deepEqual(await headlines(page), before);
    assert.equal(await chosenArea(page), 'hastings');
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('exported scenario files carry the area; importing one switches to it, and an unknown area is named and ignored', async () => {
    const app = await openApp(browser, `${server.url}?area=derby`);
    const { page } = app;
    await press(page, reach('ey_language'), 'ArrowRight', 4);
    await page.click('.menu summary');
    const exported = JSON.parse((await download(page, () => page.click('#export-json'))).bytes.toString());
    assert.equal(exported.area, 'derby');

    const choose = (name, scenario) =>
      page.setInputFiles('#import-json', { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scenario)) });
    await choose('blackpool.json', { version: 2, name: 'Made in Blackpool', area: 'blackpool', levers: { secondary_tutoring: { reach_share: 0.5, start_year: 2019, ramp_years: 1 } } });
    await page.waitForFunction(() => document.querySelector('#area-select').dataset.areaId === 'blackpool');
    assert.equal(await page.$eval(reach('secondary_tutoring'), (el) => el.value), '50');
    assert.equal(await page.$eval('#scenario-name', (i) => i.value), 'Made in Blackpool');

    await choose('atlantis.json', { version: 2, name: 'From nowhere', area: 'atlantis', levers: { ey_language: { reach_share: 0.3, start_year: 2019, ramp_years: 1 } } });
    await page.waitForFunction(() => document.querySelector('#scenario-name').value === 'From nowhere');
    assert.equal(await chosenArea(page), 'blackpool', 'the current area is kept');
    assert.equal(await page.$eval(reach('ey_language'), (el) => el.value), '30', 'the levers still apply');
    assert.match((await notices(page)).join(' '), /error: “From nowhere” was made for an area this version of Pathways does not ship \(“atlantis”\), so it is shown with Blackpool Opportunity Area's figures/);
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('axe finds no violations with the picker, the area tables and their full texts, at 1920 and 1280', async () => {
    for (const viewport of [{ width: 1920, height: 1080 }, { width: 1280, height: 800 }]) {
      const app = await openApp(browser, `${server.url}?area=scarborough`, { viewport });
      const { page } = app;
      // The chosen area's full name fits in the picker (no "Yorkshire a…").
      const fitsName = await page.$eval('#area-select', (i) => i.scrollWidth <= i.clientWidth);
      assert.ok(fitsName, `${viewport.width}px: the area's name fits in the picker`);
      // The open list too has no violations.
      await page.focus('#area-select');
      await page.keyboard.press('ArrowDown');
      const listViolations = await runAxe(page);
      assert.equal(listViolations.length, 0, `${viewport.width}px, list open: ${formatViolations(listViolations)}`);
      await page.keyboard.press('Escape');
      await page.click('.sources summary');
      await page.waitForSelector('[data-table="area-observed"]');
      let violations = await runAxe(page);
      assert.equal(violations.length, 0, `${viewport.width}px: ${formatViolations(violations)}`);
      await page.click('#toggle-full-text');
      assert.equal(await page.$eval('#toggle-full-text', (b) => b.getAttribute('aria-pressed')), 'true');
      // An edited figure puts the picker on "your figures".
      await page.fill('[data-field="ks2.fsm"]', '30');
      await page.click('#apply-area');
      await page.waitForFunction(() => document.querySelector('#area-select').dataset.areaId === '');
      assert.equal(await page.$eval('#area-select', (i) => i.value), 'North Yorkshire Coast (Scarborough) (your figures)');
      assert.equal(await geography(page), 'North Yorkshire Coast (Scarborough) — figures for North Yorkshire, a county proxy');
      violations = await runAxe(page);
      assert.equal(violations.length, 0, `${viewport.width}px, full texts: ${formatViolations(violations)}`);
      const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      assert.ok(fits, `${viewport.width}px: no horizontal scrolling`);
      assert.deepEqual(app.errors, []);
      await app.close();
    }
  });
});
