// Diagnosis: what each lever adds to each headline's change in the headline year, as a
// waterfall chart and a table (Shapley values from the worker), and as a CSV download.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, runAxe, formatViolations, useServerAndBrowser } from './lib/browser.mjs';
import { download, notices, settled } from './lib/app.mjs';

const LEVERS = ['ey_language', 'primary_metacognition', 'secondary_tutoring'];
const LINK = '?v=2&ey_language.reach=80&primary_metacognition.reach=50&secondary_tutoring.reach=60';
const HEADLINE_KEYS = ['fsm_early_years', 'fsm_ks2', 'fsm_ks4', 'fsm_level3_by_19', 'gap_ks4', 'fsm_neet'];
const READY = { timeout: 30_000 };

/** Waits until the bands and the split shown are for the settings shown. */
async function analysed(page) {
  await page.waitForSelector('[data-bands-state="ready"]', READY);
  await page.waitForSelector('[data-contributions-state="ready"] [data-table="contributions"]', READY);
  await settled(page);
}

/** The contributions table: `{lever: {outcome: {text, points}}}`, the total row as `total`. */
async function contributionsTable(page) {
  return page.$$eval('[data-table="contributions"] tr[data-lever]', (rows) =>
    Object.fromEntries(
      rows.map((tr) => [
        tr.dataset.lever,
        Object.fromEntries(
          [...tr.querySelectorAll('td[data-outcome]')].map((td) => [
            td.dataset.outcome,
            { text: td.textContent.trim(), points: Number(td.dataset.points) },
          ]),
        ),
      ]),
    ),
  );
}

/**
 * The headline cards' figures (shares): `{key: {baseline, scenario}}`. Only the cards: the
 * pinned one-line copy of them carries `data-headline` too, without the figures.
 */
async function cards(page) {
  return page.$$eval('.cards [data-headline]', (cs) =>
    Object.fromEntries(cs.map((c) => [c.dataset.headline, { baseline: Number(c.dataset.baseline), scenario: Number(c.dataset.scenario) }])),
  );
}

/** The waterfall's bars, in drawing order: `[{lever, points}]`, the total last. */
async function waterfallBars(page) {
  return page.$$eval('[data-chart="waterfall"] .waterfall-row', (rows) =>
    rows.map((g) => ({ lever: g.dataset.lever, points: Number(g.dataset.points) })),
  );
}

describe('diagnosis', () => {
  let server, browser;

  useServerAndBrowser((s, b) => ([server, browser] = [s, b]));

  test('the contribution table adds up to each headline card, the chart follows the chosen outcome, and the CSV has every lever and headline', async () => {
    const app = await openApp(browser, server.url + LINK, { viewport: { width: 1280, height: 800 } });
    const { page } = app;
    await analysed(page);

    const table = await contributionsTable(page);
    assert.deepEqual(Object.keys(table).sort(), [...LEVERS, 'total'].sort());
    const card = await cards(page);
    assert.deepEqual(Object.keys(card).sort(), [...HEADLINE_KEYS].sort());
    const year = await page.$eval('#target-year', (s) => s.value);
    assert.match(await page.$eval('[data-table="contributions"] caption', (c) => c.textContent), new RegExp(year));
    for (const key of HEADLINE_KEYS) {
      const shown = LEVERS.map((lever) => Number(table[lever][key].text));
      for (const text of [...LEVERS, 'total'].map((row) => table[row][key].text)) {
        assert.match(text, /^([+-]\d+\.\d|0\.0)$/, `${key}: signed points, one decimal`);
      }
      // Each shown value is off by at most 0.05 points, so their sum by at most that
      // much per lever; the unrounded values add up exactly.
      const sum = shown.reduce((a, b) => a + b, 0);
      const total = Number(table.total[key].text);
      assert.ok(Math.abs(sum - total) <= 0.05 * (LEVERS.length + 1) + 1e-9, `${key}: ${shown.join(' + ')} vs ${total}`);
      const exactSum = LEVERS.reduce((a, lever) => a + table[lever][key].points, 0);
      assert.ok(Math.abs(exactSum - table.total[key].points) < 1e-5, `${key}: ${exactSum} vs ${table.total[key].points}`);
      // The total is the headline card's change.
      const change = 100 * (card[key].scenario - card[key].baseline);
      assert.ok(Math.abs(total - change) <= 0.05 + 1e-4, `${key}: table ${total}, card ${change}`);
      assert.ok(Math.abs(table.total[key].points - change) < 1e-3, `${key}: table ${table.total[key].points}, card ${change}`);
    }

    // The chart: KS4 first, largest bar first, a total bar equal to the table's total.
    const ks4 = await waterfallBars(page);
    assert.equal(await page.$eval('[data-chart="waterfall"]', (f) => f.dataset.outcome), 'fsm_ks4');
    assert.deepEqual(ks4.map((b) => b.lever).sort(), [...LEVERS, 'total'].sort());
    assert.equal(ks4.at(-1).lever, 'total');
    const sizes = ks4.slice(0, -1).map((b) => Math.abs(b.points));
    assert.deepEqual(sizes, [...sizes].sort((a, b) => b - a), 'largest first');
    assert.ok(Math.abs(ks4.at(-1).points - table.total.fsm_ks4.points) < 1e-6);
    const svg = await page.$eval('[data-chart="waterfall"] svg', (s) => ({
      role: s.getAttribute('role'),
      title: s.querySelector('title')?.textContent,
      desc: s.querySelector('desc')?.textContent,
    }));
    assert.equal(svg.role, 'img');
    assert.match(svg.title, new RegExp(`grade 4\\+ English and maths.*${year}`));
    assert.match(svg.desc, /total [+-]?\d/);

    // Another outcome: the bars change.
    await page.selectOption('#contributions-outcome', 'fsm_early_years');
    await page.waitForSelector('[data-chart="waterfall"][data-outcome="fsm_early_years"]', READY);
    const ey = await waterfallBars(page);
    assert.notDeepEqual(ey, ks4);
    assert.ok(Math.abs(ey.at(-1).points - table.total.fsm_early_years.points) < 1e-6);
    // Only the early-years lever can move early years: the others are listed at zero.
    for (const bar of ey.filter((b) => b.lever !== 'total' && b.lever !== 'ey_language')) assert.equal(bar.points, 0);

    // The CSV of the same analysis.
    await page.click('.scenario-bar .menu summary');
    const file = await download(page, () => page.click('#export-contributions'));
    assert.match(file.name, /contributions\.csv$/);
    const lines = file.bytes.toString('utf8').trim().split('\n');
    assert.equal(lines[0], 'outcome,lever,points');
    assert.equal(lines.length - 1, 18, 'six headlines by three levers');
    for (const key of HEADLINE_KEYS) {
      const rows = lines.slice(1).map((l) => l.split(',')).filter(([o]) => o === key);
      assert.deepEqual(rows.map((r) => r[1]).sort(), [...LEVERS].sort());
      const sum = rows.reduce((a, r) => a + Number(r[2]), 0);
      assert.ok(Math.abs(sum - table.total[key].points) < 1e-5, `${key}: CSV adds up`);
    }
    assert.deepEqual((await notices(page)).filter((n) => n.startsWith('error')), []);

    // Accessible with the section shown.
    await page.keyboard.press('Escape');
    await page.locator('#contributions').scrollIntoViewIfNeeded();
    const violations = await runAxe(page);
    assert.deepEqual(violations, [], formatViolations(violations));
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('while the contributions are redone for new settings the figures fade, say "updating…", and nothing moves', async () => {
    const app = await openApp(browser, server.url + LINK, { viewport: { width: 1280, height: 800 } });
    const { page } = app;
    await analysed(page);
    // Measured from the section's top: sections above may change height meanwhile.
    const top = () => page.$eval('#waterfall-title', (t) =>
      t.getBoundingClientRect().top - document.querySelector('#contributions').getBoundingClientRect().top);
    const ready = await top();
    assert.equal(await page.$eval('[data-role="contributions-status"]', (s) => s.textContent.trim()), '');
    await page.focus('[data-lever="secondary_tutoring"] [data-role="reach"]');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('[data-contributions-state="pending"] .contrib-body.stale [data-chart="waterfall"]', READY);
    assert.equal(await page.$eval('[data-role="contributions-status"]', (s) => s.textContent.trim()), 'updating…');
    assert.equal(await top(), ready, 'the chart stays where it was in its section');
    await analysed(page);
    assert.equal(await top(), ready);
    assert.equal(await page.$('.contrib-body.stale'), null);
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('with no lever on the contribution section says so and the contributions export is refused with a notice', async () => {
    const app = await openApp(browser, server.url, { viewport: { width: 1280, height: 800 } });
    const { page } = app;
    await page.waitForSelector('[data-contributions-state="ready"] [data-role="contributions-empty"]', READY);
    assert.equal(await page.$('[data-chart="waterfall"]'), null, 'no empty chart');
    await page.click('.scenario-bar .menu summary');
    await page.click('#export-contributions');
    await settled(page);
    const shown = await notices(page);
    assert.ok(shown.some((n) => n.startsWith('error') && /not exported: no lever is on/.test(n)), shown.join('; '));
    assert.deepEqual(app.errors, []);
    await app.close();
  });
});
