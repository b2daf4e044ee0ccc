// Observed results on the trajectory charts: each area's published FSM figures as filled
// points, disadvantaged figures (a wider group) as hollow ones, county figures labelled as a
// proxy, break years ringed; the chart's table lists them; all-pupil series stay off.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, runAxe, formatViolations, useServerAndBrowser } from './lib/browser.mjs';
import { download, settled } from './lib/app.mjs';

/** A chart's observed points: `{series, kind, year, value, title, inBreak}`. */
async function observedPoints(page, chart) {
  await settled(page);
  return page.$$eval(`[data-chart="${chart}"] svg g.obs[data-year]`, (gs) =>
    gs.map((g) => ({
      series: g.dataset.series,
      kind: ['fsm', 'disadvantaged', 'neighbours', 'england'].find((k) => g.classList.contains(k)),
      year: Number(g.dataset.year),
      value: Number(g.dataset.value),
      title: g.querySelector('title').textContent,
      inBreak: g.classList.contains('in-break'),
    })),
  );
}

const legend = (page, chart) =>
  page.$$eval(`[data-chart="${chart}"] [data-role="observed-legend"] li`, (lis) => lis.map((li) => li.textContent.trim()));

/** The chart's table as `{year: {column header: cell}}`. */
async function chartTable(page, chart) {
  await page.click(`[data-chart="${chart}"] [data-role="toggle-table"]`);
  await page.waitForSelector(`[data-table="${chart}"]`);
  await settled(page); // a chart below the fold catches up a moment after a change
  return page.$eval(`[data-table="${chart}"]`, (table) => {
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
    return Object.fromEntries(
      [...table.querySelectorAll('tbody tr')].map((tr) => {
        const cells = [...tr.children].map((c) => c.textContent);
        return [cells[0], Object.fromEntries(heads.map((h, i) => [h, cells[i]]))];
      }),
    );
  });
}

describe('observed results on the charts', () => {
  let server, browser;

  useServerAndBrowser((s, b) => ([server, browser] = [s, b]));

  test("Hastings' KS2 chart shows the seed deck's 25% in 2017, East Sussex's published FSM rates and its disadvantaged 38% in 2022 as a county proxy", async () => {
    // Hastings as of 2017, where the seed deck's 25% is the base.
    const app = await openApp(browser, `${server.url}?as_of=2017`, { viewport: { width: 1920, height: 1080 } });
    const { page } = app;
    const all = await observedPoints(page, 'fsm_ks2');
    // Hastings' own and its county's: the comparisons (neighbours, England) come after.
    const points = all.filter((p) => p.kind === 'fsm' || p.kind === 'disadvantaged');
    assert.equal(points.length, 10, JSON.stringify(points));
    // East Sussex's statistical neighbours: their mean each year, with the lowest and highest.
    const neighbours = all.filter((p) => p.kind === 'neighbours');
    assert.deepEqual(neighbours.map((p) => p.year), [2016, 2017, 2018, 2019, 2022, 2023, 2024, 2025]);
    assert.match(neighbours[3].title, /^East Sussex's \(the county's\) statistical neighbours, FSM, mean \(bar: lowest to highest\), 2019: 43\.5%\. Lowest 38\.0%, highest 48\.0%\./);
    assert.ok(await page.$('[data-chart="fsm_ks2"] g.obs.neighbours line.range'), 'a bar from the lowest to the highest');
    const england = all.filter((p) => p.kind === 'england');
    assert.deepEqual(england.map((p) => [p.year, p.value]).slice(0, 4), [[2016, 0.36], [2017, 0.43], [2018, 0.46], [2019, 0.48]]);
    const [seed, disadvantaged] = [points.find((p) => p.kind === 'fsm'), points.find((p) => p.kind === 'disadvantaged')];
    // East Sussex's FSM series from LAIT: every year but 2020 and 2021 (no tests), 2016
    // (before the projection) as history.
    const county = points.filter((p) => p.title.startsWith('East Sussex (county proxy), FSM'));
    assert.deepEqual(county.map((p) => [p.year, p.value]), [[2016, 0.29], [2017, 0.35], [2018, 0.44], [2019, 0.42], [2022, 0.37], [2023, 0.39], [2024, 0.41], [2025, 0.44]]);
    assert.match(county[0].title, /Source: LAIT FSM_NEW_KS2_RWM/);
    assert.deepEqual([seed.year, seed.value], [2017, 0.25]);
    assert.match(seed.title, /^Hastings \(Opportunity Area\), FSM, 2017: 25\.0%\. Source: Seed deck/);
    assert.deepEqual([disadvantaged.year, disadvantaged.value], [2022, 0.38]);
    assert.match(disadvantaged.title, /^East Sussex \(county proxy\), disadvantaged \(a wider group than FSM\), 2022: 38\.0%\. Source: figures\.csv/);
    assert.deepEqual(await legend(page, 'fsm_ks2'), [
      'Observed: Hastings (Opportunity Area), FSM',
      'Observed: East Sussex (county proxy), FSM',
      'Observed: East Sussex (county proxy), disadvantaged (a wider group than FSM)',
      "Observed: East Sussex's (the county's) statistical neighbours, FSM, mean (bar: lowest to highest)",
      'Observed: England, FSM',
    ]);
    // The description says them too.
    const description = await page.$eval('#chart-desc-fsm_ks2', (d) => d.textContent);
    assert.match(description, /Observed: Hastings \(Opportunity Area\), FSM: 25\.0% in 2017; East Sussex \(county proxy\), FSM: 29\.0% in 2016, 35\.0% in 2017/);
    assert.match(description, /East Sussex \(county proxy\), disadvantaged \(a wider group than FSM\): 38\.0% in 2022; East Sussex's \(the county's\) statistical neighbours, FSM, mean \(bar: lowest to highest\): 31\.4% in 2016/);

    // The table gains a column per plotted series, blank where there is no figure.
    const table = await chartTable(page, 'fsm_ks2');
    const fsmColumn = 'Observed: Hastings (Opportunity Area), FSM';
    const disColumn = 'Observed: East Sussex (county proxy), disadvantaged (a wider group than FSM)';
    assert.equal(table['2017'][fsmColumn], '25.0%');
    assert.equal(table['2017'][disColumn], '');
    assert.equal(table['2022'][disColumn], '38.0%');
    assert.equal(table['2022'][fsmColumn], '');
    assert.equal(table['2030'][fsmColumn], '');
    // The neighbours' cell gives their mean and their range.
    assert.equal(table['2019']["Observed: East Sussex's (the county's) statistical neighbours, FSM, mean (bar: lowest to highest)"], '43.5% (38.0% to 48.0%)');
    assert.equal(table['2016']['Observed: England, FSM'], '36.0%', 'history rows carry the comparisons too');

    // All-pupil series (East Sussex KS4 and Level 3, 2021-2024) stay off the FSM charts;
    // LAIT's Level 3 by FSM (the county's) is on.
    // KS4 by FSM: Hastings' 25%, then the county's rate derived from Attainment 8, and
    // labelled derived (LAIT publishes KS4 by FSM only as Attainment 8).
    const ks4All = await observedPoints(page, 'fsm_ks4');
    const ks4 = ks4All.filter((p) => p.kind === 'fsm');
    // England's and the neighbours' KS4 by FSM, derived the same way, beside them.
    const ks4England = ks4All.filter((p) => p.kind === 'england');
    assert.deepEqual([ks4England[0].year, ks4England[0].value], [2017, 0.424]);
    assert.match(ks4England[0].title, /^England, FSM \(derived from Attainment 8\), 2017: 42\.4%/);
    assert.ok(ks4All.some((p) => p.kind === 'neighbours'));
    assert.deepEqual(ks4.map((p) => [p.kind, p.year, p.value]), [['fsm', 2017, 0.25], ['fsm', 2017, 0.377], ['fsm', 2018, 0.362], ['fsm', 2019, 0.379], ['fsm', 2020, 0.443], ['fsm', 2021, 0.452], ['fsm', 2022, 0.403], ['fsm', 2023, 0.384], ['fsm', 2024, 0.37], ['fsm', 2025, 0.396]]);
    assert.match(ks4[1].title, /^East Sussex \(county proxy\), FSM \(derived from Attainment 8\), 2017: 37\.7%\. Source: Derived from LAIT FSM_AVG_Attain8_Score/);
    const level3 = (await observedPoints(page, 'fsm_level3_by_19')).filter((p) => p.kind === 'fsm');
    assert.deepEqual(level3.map((p) => p.year), [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
    assert.match(level3[1].title, /^East Sussex \(county proxy\), FSM, 2017: 27\.7%/);
    // Charts without points have no observed legend or column.
    for (const chart of ['gap_ks4', 'fsm_neet']) {
      assert.equal(await page.$$eval(`[data-chart="${chart}"] [data-role="observed-legend"], [data-chart="${chart}"] g.observed`, (e) => e.length), 0, chart);
    }
    // Early years: East Sussex's published FSM rates, labelled as the county.
    const eyfs = (await observedPoints(page, 'fsm_early_years')).filter((p) => p.kind === 'fsm');
    assert.deepEqual(eyfs.map((p) => [p.year, p.value]), [[2016, 0.59], [2017, 0.59], [2018, 0.61], [2019, 0.62], [2022, 0.522], [2023, 0.51], [2024, 0.502], [2025, 0.501]]);
    assert.match(eyfs[1].title, /^East Sussex \(county proxy\), FSM, 2017: 59\.0%/);

    // The exported SVG carries the points and their styles; the PNG still renders.
    const svg = (await download(page, () => page.click('[data-chart="fsm_ks2"] [data-role="export-svg"]'))).bytes.toString();
    assert.match(svg, /class="obs fsm"/);
    assert.match(svg, /\.obs\.disadvantaged \.mark/);
    const png = (await download(page, () => page.click('[data-chart="fsm_ks2"] [data-role="export-png"]'))).bytes;
    assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test("Blackpool's charts show Blackpool's points; England's ring the EYFS-reform years", async () => {
    let app = await openApp(browser, `${server.url}?area=blackpool&as_of=2017`);
    let { page } = app;
    await page.waitForFunction(() => document.querySelector('#area-select').dataset.areaId === 'blackpool');
    const eyfs = (await observedPoints(page, 'fsm_early_years')).filter((p) => p.kind === 'fsm');
    assert.deepEqual(eyfs.map((p) => [p.kind, p.year, p.value]).slice(0, 3), [['fsm', 2016, 0.53], ['fsm', 2017, 0.55], ['fsm', 2018, 0.55]]);
    assert.equal(eyfs.length, 8);
    assert.match(eyfs[1].title, /^Blackpool \(local authority\), FSM, 2017: 55\.0%/);
    // KS2: LAIT's FSM rates (48% in 2017, 57% in 2019, 47% in 2025), then the disadvantaged point.
    const ks2 = (await observedPoints(page, 'fsm_ks2')).filter((p) => p.kind === 'fsm' || p.kind === 'disadvantaged');
    assert.deepEqual(ks2.map((p) => [p.kind, p.year, p.value]), [
      ['fsm', 2016, 0.32], ['fsm', 2017, 0.48], ['fsm', 2018, 0.45], ['fsm', 2019, 0.57], ['fsm', 2022, 0.48], ['fsm', 2023, 0.45], ['fsm', 2024, 0.43], ['fsm', 2025, 0.47],
      ['disadvantaged', 2022, 0.48],
    ]);
    assert.deepEqual(await legend(page, 'fsm_ks2'), [
      'Observed: Blackpool (local authority), FSM',
      'Observed: Blackpool (local authority), disadvantaged (a wider group than FSM)',
      "Observed: Blackpool's statistical neighbours, FSM, mean (bar: lowest to highest)",
      'Observed: England, FSM',
    ]);
    const all = await page.$$eval('g.obs title', (ts) => ts.map((t) => t.textContent).join(' '));
    assert.doesNotMatch(all, /East Sussex|Hastings/);
    assert.deepEqual(app.errors, []);
    await app.close();

    app = await openApp(browser, `${server.url}?area=england&as_of=2017`);
    page = app.page;
    await page.waitForFunction(() => document.querySelector('#area-select').dataset.areaId === 'england');
    const england = await observedPoints(page, 'fsm_early_years');
    assert.deepEqual(england.filter((p) => p.inBreak).map((p) => p.year), [2022, 2023, 2024, 2025]);
    assert.match(england.find((p) => p.year === 2022).title, /Break in the series: .*EYFS/);
    assert.ok((await legend(page, 'fsm_early_years')).some((l) => l.startsWith('Ringed: a break in the series')));
    // Break rings only where there are break points: Hastings' KS2 legend has none (checked above).
    const table = await chartTable(page, 'fsm_early_years');
    assert.equal(table['2022']['Observed: England, FSM'], '49.1% (break in series)');
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('axe finds no violations with observed points and their tables shown, at 1920 and 1280', async () => {
    for (const viewport of [{ width: 1920, height: 1080 }, { width: 1280, height: 800 }]) {
      const app = await openApp(browser, server.url, { viewport });
      const { page } = app;
      await settled(page);
      for (const chart of ['fsm_early_years', 'fsm_ks2']) {
        await page.click(`[data-chart="${chart}"] [data-role="toggle-table"]`);
        await page.waitForSelector(`[data-table="${chart}"]`);
      }
      const violations = await runAxe(page);
      assert.equal(violations.length, 0, `${viewport.width}px: ${formatViolations(violations)}`);
      const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      assert.ok(fits, `${viewport.width}px: no horizontal scrolling`);
      assert.deepEqual(app.errors, []);
      await app.close();
    }
  });
});
