// The simulator as a board member uses it: levers moved by keyboard change the right
// outcomes in the right direction, lags hold, tables match charts, bands match the CLI.
// Figures are worked for Hastings as of 2017 (the seed deck's 25%), so pages open at
// `?as_of=2017`; a bare address opens the latest year (areas.test.mjs).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openApp, runAxe, formatViolations, useServerAndBrowser } from './lib/browser.mjs';
import { chartSeries, headlines, press, reach, settled } from './lib/app.mjs';

const REPO = resolve(import.meta.dirname, '../..');

const YEARS = Array.from({ length: 19 }, (_, i) => 2017 + i);

describe('simulator', () => {
  let server, browser, app;

  useServerAndBrowser((s, b) => ([server, browser] = [s, b]));

  test('a KS4 lever moved by keyboard lifts KS4 and later outcomes and leaves earlier stages alone', async () => {
    app = await openApp(browser, `${server.url}?as_of=2017`);
    const { page } = app;
    const before = await headlines(page);
    for (const h of Object.values(before)) assert.equal(h.scenario, h.baseline);

    await press(page, reach('secondary_tutoring'), 'ArrowRight', 8); // 40% of FSM pupils
    assert.equal(await page.$eval(reach('secondary_tutoring'), (el) => el.value), '40');
    const after = await headlines(page);
    assert.ok(after.fsm_ks4.scenario > after.fsm_ks4.baseline + 0.01, 'KS4 FSM rate rises');
    assert.ok(after.fsm_level3_by_19.scenario > after.fsm_level3_by_19.baseline, 'Level 3 rises');
    assert.ok(after.gap_ks4.scenario < after.gap_ks4.baseline, 'KS4 gap narrows');
    assert.ok(after.fsm_neet.scenario < after.fsm_neet.baseline, 'NEET falls');
    assert.equal(after.fsm_early_years.scenario, after.fsm_early_years.baseline, 'early years untouched');
    assert.equal(after.fsm_ks2.scenario, after.fsm_ks2.baseline, 'KS2 untouched');

    // Reset by keyboard restores the baseline.
    await page.focus('[data-lever="secondary_tutoring"] [data-role="reset"]');
    await page.keyboard.press('Enter');
    const reset = await headlines(page);
    assert.equal(reset.fsm_ks4.scenario, reset.fsm_ks4.baseline);
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('an early-years lever leaves KS2 untouched until its cohort gets there', async () => {
    app = await openApp(browser, `${server.url}?as_of=2017`);
    const { page } = app;
    await page.selectOption('[data-lever="ey_language"] [data-role="start-year"]', '2020');
    await press(page, reach('ey_language'), 'ArrowRight', 20); // 100%
    const ey = await chartSeries(page, 'fsm_early_years');
    const ks2 = await chartSeries(page, 'fsm_ks2');
    const ks4 = await chartSeries(page, 'fsm_ks4');
    YEARS.forEach((year, i) => {
      if (year < 2020) assert.equal(ey.scenario[i], ey.baseline[i], `EY ${year}`);
      else assert.ok(ey.scenario[i] > ey.baseline[i], `EY ${year}`);
      // The 2020 reception cohort sits KS2 in 2026 and KS4 in 2031.
      if (year < 2026) assert.equal(ks2.scenario[i], ks2.baseline[i], `KS2 ${year}`);
      else assert.ok(ks2.scenario[i] > ks2.baseline[i], `KS2 ${year}`);
      if (year < 2031) assert.equal(ks4.scenario[i], ks4.baseline[i], `KS4 ${year}`);
      else assert.ok(ks4.scenario[i] > ks4.baseline[i], `KS4 ${year}`);
    });
    // The headline for 2025 shows no KS2 change; for 2026 it does.
    await page.selectOption('#target-year', '2025');
    let h = await headlines(page);
    assert.equal(h.fsm_ks2.scenario, h.fsm_ks2.baseline);
    await page.selectOption('#target-year', '2026');
    h = await headlines(page);
    assert.ok(h.fsm_ks2.scenario > h.fsm_ks2.baseline);
    // The chart marks where the lever first reaches KS2.
    const markers = await page.$$eval('[data-chart="fsm_ks2"] .marker title', (t) => t.map((x) => x.textContent));
    assert.ok(markers.some((m) => m.includes('starts 2020') && m.includes('KS2 in 2026')), markers.join('; '));
    await app.close();
  });

  test('a programme that ends keeps the gains of the pupils it served and gives later cohorts nothing', async () => {
    app = await openApp(browser, `${server.url}?as_of=2017`);
    const { page } = app;
    // Small-group tuition serves Y5 and Y6, from 2018; funded until 2021 by keyboard.
    await press(page, reach('primary_small_group_tuition'), 'ArrowRight', 20); // 100%
    const end = '[data-lever="primary_small_group_tuition"] [data-role="end-year"]';
    assert.equal(await page.$eval(end, (s) => s.value), '', 'no end by default');
    await page.focus(end);
    await page.selectOption(end, '2021');
    const ks2 = await chartSeries(page, 'fsm_ks2');
    YEARS.forEach((year, i) => {
      // Cohorts served in 2021 or before sit KS2 by 2022; the next cohort got nothing.
      if (year >= 2019 && year <= 2022) assert.ok(ks2.scenario[i] > ks2.baseline[i], `KS2 ${year}`);
      if (year >= 2023) assert.equal(ks2.scenario[i], ks2.baseline[i], `KS2 ${year}`);
    });
    // The address is written once the user pauses.
    await page.waitForFunction(() => location.search.includes('primary_small_group_tuition.end=2021'));
    // The link opens the same plan.
    const reopened = await openApp(browser, page.url());
    assert.equal(await reopened.page.$eval(end, (s) => s.value), '2021');
    await reopened.close();
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('the table view shows the same numbers as the chart', async () => {
    app = await openApp(browser, `${server.url}?as_of=2017`);
    const { page } = app;
    await press(page, reach('primary_small_group_tuition'), 'ArrowRight', 10);
    const series = await chartSeries(page, 'fsm_ks2');
    const toggle = '[data-chart="fsm_ks2"] [data-role="toggle-table"]';
    assert.equal(await page.$eval(toggle, (b) => b.getAttribute('aria-expanded')), 'false');
    await page.focus(toggle);
    await page.keyboard.press('Enter');
    assert.equal(await page.$eval(toggle, (b) => b.getAttribute('aria-expanded')), 'true');
    const rows = await page.$$eval('[data-table="fsm_ks2"] tbody tr:not([data-history])', (trs) =>
      trs.map((tr) => ({
        year: Number(tr.querySelector('th').textContent),
        baseline: tr.querySelector('[data-series="baseline"]').textContent,
        scenario: tr.querySelector('[data-series="scenario"]').textContent,
      })),
    );
    assert.deepEqual(rows.map((r) => r.year), YEARS);
    rows.forEach((row, i) => {
      assert.equal(row.baseline, `${(series.baseline[i] * 100).toFixed(1)}%`);
      assert.equal(row.scenario, `${(series.scenario[i] * 100).toFixed(1)}%`);
    });
    await app.close();
  });

  test('bands computed in the browser worker equal the command line with the same seed, in Hastings and in Blackpool', async () => {
    const cli = join(REPO, 'target/debug/pathways-cli');
    // .ci/test runs `cargo test` first, which builds it.
    assert.ok(existsSync(cli), `${cli} is missing: run cargo test (or .ci/test) first`);
    const dir = mkdtempSync(join(tmpdir(), 'pathways-e2e-'));
    const scenario = join(dir, 'scenario.json');
    writeFileSync(scenario, JSON.stringify({
      version: 2,
      levers: { ey_language: { reach_share: 0.8, start_year: 2018, ramp_years: 2 } },
    }));
    // Blackpool's file carries observed series, which the page strips before sending the
    // area to the worker: the bands must not move.
    for (const [query, areaArgs] of [['', []], ['?area=blackpool', ['--area', 'blackpool']]]) {
      app = await openApp(browser, server.url + query);
      const { page } = app;
      await press(page, reach('ey_language'), 'ArrowRight', 16); // 80%, start 2018, ramp 2 (defaults)
      await page.waitForSelector('[data-bands-state="ready"]', { timeout: 30_000 });
      await page.click('[data-chart="fsm_ks2"] [data-role="toggle-table"]');
      // The chart was below the fold: it shows the new bands once caught up.
      await settled(page);
      const browserBands = await page.$$eval('[data-table="fsm_ks2"] tbody tr:not([data-history])', (trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].slice(2, 4).map((td) => td.textContent)),
      );

      const csv = execFileSync(cli, [scenario, ...areaArgs, '--draws', '1000', '--seed', '2017'], { encoding: 'utf8' });
      const [header, ...lines] = csv.trim().split('\n');
      const columns = header.split(',');
      const p10 = columns.indexOf('ks2_fsm_rate_p10');
      const p90 = columns.indexOf('ks2_fsm_rate_p90');
      const cliBands = lines.map((l) => {
        const cells = l.split(',');
        return [cells[p10], cells[p90]].map((v) => `${(Number(v) * 100).toFixed(1)}%`);
      });
      assert.deepEqual(browserBands, cliBands, query || 'Hastings');
      // The baseline the bands sit around is the area's own.
      const base = Number(lines[0].split(',')[columns.indexOf('ks2_fsm_rate')]);
      const h = await headlines(page);
      assert.ok(Math.abs(h.fsm_ks2.baseline - base) < 1e-9, `${query}: ${h.fsm_ks2.baseline} vs ${base}`);
      await app.close();
    }
  });

  test('axe finds no violations with levers on, evidence and sensitivity open and tables shown', async () => {
    for (const viewport of [{ width: 1920, height: 1080 }, { width: 1280, height: 800 }]) {
      app = await openApp(browser, `${server.url}?as_of=2017`, { viewport });
      const { page } = app;
      await press(page, reach('ey_language'), 'ArrowRight', 6);
      await press(page, reach('secondary_feedback'), 'ArrowRight', 6);
      await page.click('[data-lever="ey_language"] details.evidence summary');
      await page.click('[data-lever="primary_attendance"] details.evidence summary');
      await page.click('[data-chart="gap_ks4"] [data-role="toggle-table"]');
      await page.click('.flow-table summary');
      await page.click('#sensitivity summary');
      await page.click('[data-chart="tornado"] [data-role="toggle-table"]');
      await page.waitForSelector('[data-bands-state="ready"]', { timeout: 30_000 });
      await page.waitForSelector('[data-sensitivity-state="ready"] [data-table="tornado"]', { timeout: 30_000 });
      const violations = await runAxe(page);
      assert.equal(violations.length, 0, `${viewport.width}px: ${formatViolations(violations)}`);
      const origin = new URL(server.url).origin;
      const foreign = app.requests.filter((u) => !/^(data|blob):/.test(u) && new URL(u).origin !== origin);
      assert.deepEqual(foreign, []);
      assert.deepEqual(app.errors, []);
      await app.close();
    }
  });
});
