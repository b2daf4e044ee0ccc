// The board's first job, diagnosis: "where the area stands" at the top of the page (a
// chart in view on first load, one sentence a stage, the largest shortfall linked to its
// levers, every figure in a table, context beside the outcomes, a CSV), the compare view
// (`?view=compare&areas=…`: table, chart, CSV, a failed area named), and the page on a
// tablet and a phone (results first, the levers in a panel, the pinned headlines in view,
// nothing off screen, no text overlapping), with axe clean in every view.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, runAxe, formatViolations, useServerAndBrowser } from './lib/browser.mjs';
import { download, notices, settled } from './lib/app.mjs';

const READY = { timeout: 30_000 };

/** The standing table's rows for one stage: `{year: {area, england, gap, beyond}}`. */
async function standingRows(page, stage) {
  return page.$$eval(`.standing-tables table[data-stage="${stage}"] tbody tr`, (rows) =>
    Object.fromEntries(
      rows.map((r) => {
        const cells = [...r.querySelectorAll('td')].map((c) => c.textContent.trim());
        return [r.querySelector('th').textContent.trim(), { area: cells[0], england: cells[1], gap: cells[4], beyond: cells[5] }];
      }),
    ),
  );
}

/** Visible controls whose box lies partly outside the window's width. */
async function controlsOffScreen(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // Shown controls only: not inside a closed menu, and not the skip link, which sits
    // off screen until it has focus.
    return [...document.querySelectorAll('button, input, select, a[href], summary, [role="combobox"]')]
      .filter((el) => !el.classList.contains('skip-link'))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && el.checkVisibility({ checkVisibilityCSS: true });
      })
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.left < -1 || r.right > width + 1;
      })
      .map((el) => `${el.tagName.toLowerCase()}#${el.id}.${el.className} "${el.textContent.trim().slice(0, 30)}"`);
  });
}

/**
 * Pairs of text runs in the page's flow that overlap: every visible text node's line boxes,
 * outside fixed panels (the levers' panel, the toggle and the pinned strip float over the
 * page by design), SVG, text hidden for screen readers only and the skip link.
 */
async function overlappingText(page) {
  return page.evaluate(() => {
    const skipped = (el) =>
      el.closest('svg, [role="listbox"], .visually-hidden, .skip-link') ||
      !el.checkVisibility({ checkVisibilityCSS: true }) ||
      (() => {
        for (let e = el; e; e = e.parentElement) if (getComputedStyle(e).position === 'fixed') return true;
        return false;
      })();
    const runs = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim() || skipped(node.parentElement)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        if (r.width > 1 && r.height > 1) runs.push({ node, r });
      }
    }
    const found = [];
    for (let i = 0; i < runs.length; i++) {
      for (let j = i + 1; j < runs.length; j++) {
        const [a, b] = [runs[i], runs[j]];
        if (a.node === b.node) continue;
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > 2 && h > 2) {
          found.push(`"${a.node.textContent.trim().slice(0, 30)}" / "${b.node.textContent.trim().slice(0, 30)}"`);
          if (found.length > 5) return found;
        }
      }
    }
    return found;
  });
}

describe('where the area stands', () => {
  let server, browser;

  useServerAndBrowser((s, b) => ([server, browser] = [s, b]));

  for (const [width, height] of [[1920, 1080], [1280, 800]]) {
    test(`at ${width}×${height} a chart of where Blackpool stands is in view on first load`, async () => {
      const app = await openApp(browser, `${server.url}?area=blackpool`, { viewport: { width, height } });
      const { page } = app;
      await settled(page);
      assert.equal(await page.$eval('#standing-heading', (h) => h.textContent), 'Where Blackpool Opportunity Area stands');
      const top = await page.$eval('.standing-chart svg', (s) => s.getBoundingClientRect().top);
      assert.ok(top < height - 100, `the first chart starts at ${top}px, below the fold`);
      // The pinned strip, once a lever has focus, sits below the masthead's text.
      await page.focus('[data-lever="ey_language"] [data-role="reach"]');
      await page.keyboard.press('ArrowRight');
      await settled(page);
      const [strip, masthead] = await page.evaluate(() => [
        document.querySelector('.headline-strip').getBoundingClientRect().top,
        document.querySelector('.masthead').getBoundingClientRect().bottom,
      ]);
      assert.ok(strip >= masthead - 1, `strip at ${strip}px, masthead to ${masthead}px`);
      assert.deepEqual(app.errors, []);
      await app.close();
    });
  }

  test('Blackpool: a sentence a stage, the published figures, the largest shortfall linked to its levers, context, CSV and axe', async () => {
    const app = await openApp(browser, `${server.url}?area=blackpool`, { viewport: { width: 1280, height: 800 } });
    const { page } = app;
    await settled(page);
    const sentences = await page.$$eval('.standing-sentence', (ps) => Object.fromEntries(ps.map((p) => [p.dataset.stage, p.textContent])));
    assert.deepEqual(Object.keys(sentences), ['early_years', 'ks2', 'ks4', 'level3_by_19']);
    assert.match(sentences.ks4, /^KS4: 7 points below England in 2025, and below it in each of the last 9 published years; more than chance explains\.$/);
    assert.match(sentences.early_years, /within what chance explains/);
    // LAIT's published FSM rates for Blackpool at KS2 (the issue quotes them), beside
    // England's: 32% against 36% in 2016, 47% against 48% in 2025.
    await page.click('.standing-tables summary');
    const ks2 = await standingRows(page, 'ks2');
    assert.deepEqual(Object.keys(ks2), ['2016', '2017', '2018', '2019', '2022', '2023', '2024', '2025']);
    assert.deepEqual([ks2['2016'].area, ks2['2016'].england, ks2['2016'].gap], ['32.0%', '36.0%', '-4.0']);
    assert.deepEqual([ks2['2025'].area, ks2['2025'].england, ks2['2025'].gap], ['47.0%', '48.0%', '-1.0']);
    // The FSM gap over the same years: Blackpool's KS2 gap in 2025 is 63% − 47% = 16 points
    // (LAIT's non-FSM and FSM rates), beside England's and the neighbours'.
    await page.click('[data-role="show-gap"]');
    await page.waitForSelector('.standing-grid[data-shows="gap"]');
    assert.equal(await page.$eval('[data-role="show-gap"]', (b) => b.getAttribute('aria-pressed')), 'true');
    const gap2025 = await page.$eval('.standing-chart[data-stage="ks2"] circle[data-year="2025"] title', (t) => t.textContent);
    assert.equal(gap2025, '2025: gap 16.0 points');
    assert.equal(await page.$$eval('.standing-chart[data-stage="ks2"] [data-series="chance-band"]', (p) => p.length), 0, 'no chance band on the gap');
    await page.click('[data-role="show-rate"]');
    await page.waitForSelector('.standing-grid[data-shows="rate"]');
    // The largest shortfall is KS4's, outlined, with the levers that act there.
    assert.equal(await page.$eval('[data-role="largest-shortfall"]', (d) => d.dataset.stage), 'ks4');
    assert.equal(await page.$eval('.standing-chart.largest', (f) => f.dataset.stage), 'ks4');
    assert.equal(await page.$eval('.standing-ranking li', (li) => li.dataset.stage), 'ks4');
    const levers = await page.$$eval('[data-role="stage-lever"]', (bs) => bs.map((b) => b.dataset.lever));
    assert.ok(levers.includes('secondary_tutoring'), levers.join());
    // Pressing one (by keyboard) takes the reader to that lever's slider.
    await page.focus('[data-role="stage-lever"][data-lever="secondary_tutoring"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'reach-secondary_tutoring');
    // Context, labelled as context: phonics, absence, FSM shares, early education.
    const context = await page.$$eval('[data-role="standing-context"] tbody tr', (rs) => rs.map((r) => r.dataset.measure));
    assert.deepEqual(context.slice(0, 2), ['Phonics in year 1, FSM pupils', 'Persistent absence, all pupils']);
    assert.match(await page.$eval('[data-role="standing-context"] .hint', (p) => p.textContent), /^Context, not model outcomes/);
    // The CSV is the CLI's: a row a stage and year.
    const csv = await download(page, () => page.click('[data-role="diagnosis-csv"]'));
    const lines = csv.bytes.toString('utf8').trim().split('\n');
    assert.equal(lines[0], 'stage,year,area_fsm_rate,england_fsm_rate,neighbours_fsm_rate,gap_to_england_points,beyond_chance');
    assert.ok(lines.includes('ks2,2016,0.3200,0.3600,0.3750,-4.0,true'), lines.slice(0, 12).join('\n'));
    const violations = await runAxe(page);
    assert.deepEqual(violations, [], formatViolations(violations));
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('as of 2017 the page shows only what was published by then; Hastings says its figures are the county\'s', async () => {
    const app = await openApp(browser, `${server.url}?area=blackpool&as_of=2017`);
    const { page } = app;
    await settled(page);
    await page.click('.standing-tables summary');
    assert.deepEqual(Object.keys(await standingRows(page, 'ks2')), ['2016', '2017']);
    assert.deepEqual(Object.keys(await standingRows(page, 'ks4')), ['2017']);
    assert.match(await page.$eval('.standing-sentence[data-stage="ks4"]', (p) => p.textContent), /too few years/);
    await app.close();
    const hastings = await openApp(browser, server.url);
    await settled(hastings.page);
    assert.match(await hastings.page.$eval('#standing-about', (p) => p.textContent), /These are East Sussex's figures/);
    // Said beside the heading too, where it is seen first.
    assert.equal(await hastings.page.$eval('[data-role="standing-proxy"]', (p) => p.textContent), "East Sussex's figures: a county proxy (see below)");
    await hastings.close();
  });
});

describe('compare areas', () => {
  let server, browser;

  useServerAndBrowser((s, b) => ([server, browser] = [s, b]));

  /** Waits until every listed area has loaded or failed. */
  const loaded = (page) => page.waitForSelector('[data-role="compare-status"][data-waiting="0"]', READY);
  const rows = (page) => page.$$eval('[data-role="compare-table"] tbody tr', (rs) => rs.map((r) => r.dataset.area));

  test('the button opens the twelve Opportunity Areas side by side; the link, the table, the chart and the CSV agree', async () => {
    const app = await openApp(browser, `${server.url}?area=blackpool`);
    const { page } = app;
    await settled(page);
    await page.click('[data-role="open-compare"]');
    await loaded(page);
    await page.waitForFunction(() => location.search.includes('view=compare'));
    const query = await page.evaluate(() => new URLSearchParams(location.search));
    assert.ok((await page.evaluate(() => location.search)).includes('areas=hastings,blackpool,'));
    assert.ok(query);
    assert.equal((await rows(page)).length, 12);
    // KS4 is a shortfall most of them share.
    const ks4 = await page.$eval('[data-role="compare-across"] li[data-stage="ks4"]', (li) => li.textContent);
    assert.match(ks4, /^KS4: shared: \d+ of 12 areas fall short of England by more than chance\.$/);
    // Blackpool's KS4 cell: beyond chance, −12.4 points (the mean of its last three years).
    const cell = await page.$eval('tr[data-area="blackpool"] td[data-stage="ks4"]', (td) => [td.textContent, td.dataset.beyond]);
    assert.deepEqual(cell, ['-12.4 ★ (beyond chance)', 'true']);
    // One dot per area and stage with a figure.
    assert.equal(await page.$$eval('#compare-plot circle', (c) => c.length), await page.$$eval('[data-role="compare-table"] td[data-beyond]', (c) => c.length));
    const csv = await download(page, () => page.click('[data-role="compare-csv"]'));
    const lines = csv.bytes.toString('utf8').trim().split('\n');
    assert.equal(lines[0], 'area_id,area,as_of,stage,latest_year,area_fsm_rate,england_fsm_rate,neighbours_fsm_rate,recent_gap_to_england_points,verdict');
    assert.ok(lines.includes('blackpool,Blackpool Opportunity Area,2025,ks4,2025,0.3720,0.4400,0.4187,-12.4,below_beyond_chance'), lines.slice(0, 6).join('\n'));
    // Add a local authority from the list, by keyboard; remove another.
    await page.focus('#compare-add');
    await page.selectOption('#compare-add', 'kent');
    await loaded(page);
    assert.ok((await rows(page)).includes('kent'));
    await page.waitForFunction(() => location.search.includes(',kent'));
    await page.click('[aria-label="Remove Hastings from the comparison"]');
    assert.ok(!(await rows(page)).includes('hastings'));
    const violations = await runAxe(page);
    assert.deepEqual(violations, [], formatViolations(violations));
    // Back to the simulator, on the same area.
    await page.click('[data-role="close-compare"]');
    await page.waitForSelector('#standing-heading');
    await page.waitForFunction(() => !location.search.includes('view=compare'));
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('a link names its areas; one the app does not ship is named, one that fails to load is named and the rest shown', async () => {
    const app = await openApp(browser, `${server.url}?view=compare&areas=blackpool,derby,nowhere,oldham`, { serviceWorkers: 'block' });
    const { page } = app;
    await loaded(page);
    assert.deepEqual(await rows(page), ['blackpool', 'derby', 'oldham']);
    const said = (await notices(page)).join(' ');
    assert.match(said, /areas: “nowhere” is not an area this version of Pathways ships, so it is left out of the comparison\./);
    await app.close();

    const failing = await openApp(browser, `${server.url}?view=compare&areas=blackpool,derby`, { serviceWorkers: 'block' });
    await failing.page.route('**/data/areas/derby.json', (route) => route.fulfill({ status: 500, body: 'no' }));
    await failing.page.reload();
    await loaded(failing.page);
    assert.deepEqual(await rows(failing.page), ['blackpool']);
    assert.match(await failing.page.$eval('[data-role="compare-failed"]', (p) => p.textContent), /^Derby could not be loaded: the server answered 500/);
    await failing.close();
  });
});

describe('tablets and phones', () => {
  let server, browser;

  useServerAndBrowser((s, b) => ([server, browser] = [s, b]));

  for (const [width, height] of [[820, 1180], [390, 844]]) {
    test(`at ${width}×${height} the results come first and the levers open in a panel that keeps the headlines in view`, async () => {
      const app = await openApp(browser, `${server.url}?area=blackpool`, { viewport: { width, height }, hasTouch: true });
      const { page } = app;
      await settled(page);
      // Results first: the standing section is on the first screen, the levers hidden.
      const standingTop = await page.$eval('#standing-heading', (h) => h.getBoundingClientRect().top);
      assert.ok(standingTop < height, `standing starts at ${standingTop}px`);
      assert.equal(await page.$eval('#levers-panel', (a) => getComputedStyle(a).display), 'none');
      assert.deepEqual(await controlsOffScreen(page), []);
      assert.deepEqual(await overlappingText(page), []);
      // For a human look (docs/img/small-screens/ holds the copies checked by eye).
      await page.screenshot({ path: `${process.env.PATHWAYS_SHOTS ?? '/tmp'}/standing-${width}x${height}.png` });
      // The toggle opens the panel (touch), focus moves into it.
      await page.tap('#levers-toggle');
      await page.waitForFunction(() => document.activeElement?.id === 'levers-heading');
      assert.equal(await page.$eval('#levers-toggle', (b) => b.getAttribute('aria-expanded')), 'true');
      // Moving a lever by keyboard: the pinned headlines show at the top, clear of the panel.
      await page.focus('[data-lever="secondary_tutoring"] [data-role="reach"]');
      await page.keyboard.press('ArrowRight');
      await settled(page);
      const [strip, panel, masthead] = await page.evaluate(() => [
        document.querySelector('.headline-strip').getBoundingClientRect(),
        document.querySelector('#levers-panel').getBoundingClientRect(),
        document.querySelector('.masthead').getBoundingClientRect(),
      ].map((r) => ({ top: r.top, bottom: r.bottom, height: r.height })));
      assert.ok(strip.height > 0 && strip.bottom <= panel.top, `strip ${JSON.stringify(strip)}, panel ${JSON.stringify(panel)}`);
      // Nor does it cover the masthead's text: the panel scrolled it away, or it sits below.
      assert.ok(strip.top >= masthead.bottom - 1, `strip ${JSON.stringify(strip)}, masthead ${JSON.stringify(masthead)}`);
      assert.deepEqual(await controlsOffScreen(page), []);
      await page.screenshot({ path: `${process.env.PATHWAYS_SHOTS ?? '/tmp'}/standing-${width}x${height}-levers.png` });
      const violations = await runAxe(page);
      assert.deepEqual(violations, [], formatViolations(violations));
      // Escape closes it and gives focus back to the toggle.
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => document.activeElement?.id === 'levers-toggle');
      assert.equal(await page.$eval('#levers-panel', (a) => getComputedStyle(a).display), 'none');
      assert.deepEqual(app.errors, []);
      await app.close();
    });
  }
});
