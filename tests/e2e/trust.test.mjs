// What a partnership-board member checks before trusting the numbers: the change with its
// 80% range, the path from a Toolkit estimate to the effect at scale (checked against a
// hand calculation), which assumption moves a result most, which baseline is used, and
// that a link or file made for the first model still opens, with a note.
// Figures are worked for Hastings as of 2017 (the seed deck's 25%), so pages open at
// `?as_of=2017`; a bare address opens the latest year (areas.test.mjs).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, useServerAndBrowser } from './lib/browser.mjs';
import { headlineChanges, notices, press, reach, settled } from './lib/app.mjs';

const READY = { timeout: 30_000 };
/** "+1.4", "-0.3", "0.0": signed points with one decimal, as the page writes them. */
const signed = (points) => (Math.abs(points) < 0.05 ? '0.0' : `${points > 0 ? '+' : '-'}${Math.abs(points).toFixed(1)}`);

describe('trust', () => {
  let server, browser;

  useServerAndBrowser((s, b) => ([server, browser] = [s, b]));

  test('headlines give the change with its 80% range once the bands arrive, and say the range is coming until then', async () => {
    const app = await openApp(browser, `${server.url}?as_of=2017`);
    const { page } = app;
    await press(page, reach('secondary_tutoring'), 'ArrowRight', 8); // 40% of FSM pupils
    // Read the bands' state and the cards together: until the bands for these settings
    // arrive, the change stands alone and the range is announced.
    const early = await page.evaluate(() => ({
      state: document.querySelector('[data-bands-state]').dataset.bandsState,
      ks4: document.querySelector('[data-headline="fsm_ks4"] [data-role="change"]').textContent,
    }));
    if (early.state === 'pending') {
      assert.match(early.ks4, /^▲ \+\d+\.\d points \(80% range being computed…\)$/, early.ks4);
    }

    await page.waitForSelector('[data-bands-state="ready"]', READY);
    const cards = await headlineChanges(page);
    const ks4 = cards.fsm_ks4;
    const pattern = /^([▲▼] )?([+-]\d+\.\d) points(, (narrower|wider))? \(80% range ([+-]?\d+\.\d) to ([+-]?\d+\.\d)\)$/;
    const [, , points, , , low, high] = ks4.text.match(pattern) ?? assert.fail(`KS4 card reads “${ks4.text}”`);
    // The printed figures are the card's own data, in points.
    assert.equal(points, signed(ks4.change * 100));
    assert.equal(low, signed(ks4.p10 * 100));
    assert.equal(high, signed(ks4.p90 * 100));
    assert.ok(ks4.p10 < ks4.p90, 'a real range');
    assert.ok(ks4.p10 <= ks4.change && ks4.change <= ks4.p90, `central change ${ks4.change} inside ${ks4.p10} to ${ks4.p90}`);
    assert.equal(ks4.tone, 'better');
    // Lower is better for NEET and gaps: the arrow goes down, the tone is good news.
    for (const key of ['fsm_neet', 'gap_ks4']) {
      const card = cards[key];
      assert.match(card.text, pattern, `${key}: ${card.text}`);
      assert.ok(card.change < 0, `${key} falls`);
      assert.match(card.text, /^▼ -/, `${key}: ${card.text}`);
      assert.equal(card.tone, 'better', key);
      assert.ok(card.p10 <= card.p90);
    }
    assert.match(cards.gap_ks4.text, /, narrower \(/);
    // Nothing reaches early years or KS2: no change and no range to give.
    assert.equal(cards.fsm_early_years.text, 'no change');
    assert.equal(cards.fsm_ks2.text, 'no change');
    // Which baseline the figures are measured against.
    assert.match(await page.$eval('.headlines [data-role="baseline-note"]', (p) => p.textContent),
      /^Baseline: (2017 rates held flat \(assumption\)|sourced yearly trend from 2017)$/);
    assert.deepEqual(app.errors, []);
    await app.close();

    // The minimal cards of an embed read the same way.
    const embed = await openApp(browser, `${server.url}?v=2&secondary_tutoring.reach=40&embed=1`, { viewport: { width: 800, height: 450 } });
    await embed.page.waitForFunction(() => document.querySelector('[data-headline="fsm_ks4"]')?.dataset.changeP10 !== undefined, null, READY);
    const embedded = await headlineChanges(embed.page);
    assert.match(embedded.fsm_ks4.text, pattern, embedded.fsm_ks4.text);
    assert.equal(embedded.fsm_ks4.text, ks4.text, 'the embed shows the same figures as the page');
    assert.ok(await embed.page.$('.embed [data-role="baseline-note"]'));
    await embed.close();
  });

  test('the evidence popover shows the path from Toolkit months to the effect at scale, matching a hand calculation', async () => {
    const app = await openApp(browser, `${server.url}?as_of=2017`);
    const { page } = app;
    const lever = '[data-lever="primary_metacognition"]';
    const summary = await page.$eval(`${lever} details.evidence summary`, (s) => s.textContent);
    // Primary metacognition: EEF +8 months, 4 padlocks. Worked by hand from EEF's table
    // (8 months = 0.62 to 0.69 SD), 5% weight per padlock, the large-trial mean 0.06 SD
    // (Lortie-Forgues and Inglis 2019) and the lever's outcome breadth 0.8.
    const toolkit = (0.62 + 0.69) / 2; // 0.655
    const weight = 4 * 0.05; // 0.2
    const shrunk = weight * toolkit + (1 - weight) * 0.06; // 0.179
    const atScale = 0.8 * shrunk; // 0.1432
    assert.ok(Math.abs(atScale - 0.1432) < 1e-12);
    assert.equal(summary, `+8 months · evidence 4/5 · £ · ${atScale.toFixed(2)} SD at scale`);

    await page.focus(`${lever} details.evidence summary`);
    await page.keyboard.press('Enter');
    const path = await page.$eval(`${lever} [data-role="effect-path"]`, (d) => d.textContent);
    const expected =
      `EEF: +8 months = ${toolkit.toFixed(3)} SD in trials` +
      ` → weight 20% on this strand (4 padlocks × 5%), 80% on the large-trial mean 0.06 SD → ${shrunk.toFixed(3)} SD` +
      ` → × outcome breadth 0.8 → ${atScale.toFixed(3)} SD expected at scale on the KS2 measure (80% range `;
    assert.ok(path.startsWith(expected), `\n  got:      ${path}\n  expected: ${expected}…`);
    const [, low, high] = path.match(/80% range (-?\d\.\d{3}) to (-?\d\.\d{3}) SD\)\.$/) ?? assert.fail(path);
    assert.ok(Number(low) < atScale && atScale < Number(high), `${low} < ${atScale} < ${high}`);

    const read = (role) => page.$eval(`${lever} [data-role="${role}"]`, (d) => d.textContent);
    assert.match(await read('year-groups'), /^All pupils, Y1 to Y6 \(6 year groups\)\./);
    assert.match(await read('cost'), /^£30 per pupil served a year × 6 year groups = £[\d.]+k a year at full reach/);
    const breadth = await read('outcome-breadth');
    assert.match(breadth, /^0\.8: 80% of the programme's effect .* KS2 measure\. Assumption: /);
    const body = await page.$eval(`${lever} .evidence-body`, (d) => d.textContent);
    assert.doesNotMatch(body, /survives/, 'the old flat scale-up text is gone');

    // An assumed lever states its effect and the assumption behind it.
    const attendance = '[data-lever="primary_attendance"]';
    await page.click(`${attendance} details.evidence summary`);
    assert.match(await page.$eval(`${attendance} [data-role="effect-path"]`, (d) => d.textContent),
      /^Stated effect -?\d\.\d+ SD \(80% range .* SD\) → × outcome breadth 1 → -?\d\.\d+ SD expected at scale on the KS2 measure/);
    assert.match(await page.$eval(`${attendance} .evidence-body dl`, (d) => d.textContent), /Assumption: /);
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('the tornado shows what moves the chosen result most, widest first, as a chart and a table, by keyboard', async () => {
    const app = await openApp(browser, `${server.url}?v=2&secondary_tutoring.reach=40&primary_metacognition.reach=100`, { viewport: { width: 1280, height: 800 } });
    const { page } = app;
    assert.equal(await page.$('[data-chart="tornado"]'), null, 'nothing is computed while the section is closed');

    await page.focus('#sensitivity summary');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-sensitivity-state="ready"] [data-chart="tornado"]', READY);
    assert.equal(await page.$eval('#sensitivity-outcome', (s) => s.value), 'fsm_ks4', 'FSM at KS4 first');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'sensitivity-outcome', 'the outcome picker comes next');
    for (let i = 0; i < 5 && !(await page.evaluate(() => document.activeElement.closest('[data-chart="tornado"]') && document.activeElement.dataset.role === 'toggle-table')); i++) {
      await page.keyboard.press('Tab');
    }
    const toggle = '[data-chart="tornado"] [data-role="toggle-table"]';
    assert.ok(await page.$eval(toggle, (b) => b === document.activeElement), 'Show as table is reachable by Tab');
    await page.keyboard.press('Enter');
    assert.equal(await page.$eval(toggle, (b) => b.getAttribute('aria-expanded')), 'true');

    const svg = await page.$eval('[data-chart="tornado"] svg', (s) => ({
      role: s.getAttribute('role'),
      name: document.getElementById(s.getAttribute('aria-labelledby')).textContent,
      description: document.getElementById(s.getAttribute('aria-describedby')).textContent,
    }));
    assert.equal(svg.role, 'img');
    assert.match(svg.name, /^What moves the change in FSM: grade 4\+ English and maths \(age 16\) in 2030$/);
    assert.match(svg.description, /widest swing first/);

    const bars = await page.$$eval('[data-chart="tornado"] .tornado-row', (rows) =>
      rows.map((r) => ({ assumption: r.dataset.assumption, structural: r.classList.contains('structural'), label: r.querySelector('.tornado-label').textContent })));
    const rows = await page.$$eval('[data-table="tornado"] tbody tr', (trs) =>
      trs.map((tr) => ({
        assumption: tr.querySelector('th').textContent,
        drawn: tr.dataset.drawn === 'true',
        low: Number(tr.querySelector('[data-role="at-low"]').textContent),
        high: Number(tr.querySelector('[data-role="at-high"]').textContent),
        swing: Number(tr.querySelector('[data-role="swing"]').textContent),
      })));
    assert.ok(bars.length >= 5, `${bars.length} bars`);
    assert.deepEqual(rows.map((r) => r.assumption), bars.map((b) => b.assumption), 'one table row per bar, in the same order');
    rows.forEach((r, i) => {
      assert.ok(Math.abs(Math.abs(r.high - r.low) - r.swing) <= 0.11, `${r.assumption}: swing ${r.swing} vs ${r.low} to ${r.high}`);
      if (i > 0) assert.ok(rows[i - 1].swing >= r.swing, `widest first: ${rows[i - 1].swing} then ${r.swing}`);
    });
    // The shared scale-up factor moves every lever at once.
    assert.ok(rows.some((r) => r.assumption.startsWith('Share of effects that survives at scale')));
    // Structural assumptions, which the bands hold fixed, are marked in chart and table.
    const structural = bars.filter((b) => b.structural);
    assert.ok(structural.length >= 1, 'at least one structural assumption');
    assert.deepEqual(structural.map((b) => b.assumption), rows.filter((r) => !r.drawn).map((r) => r.assumption));
    for (const b of structural) assert.match(b.label, /\(structural: not in the bands\)$/);
    // The tornado's centre is the headline's change.
    const central = await page.$eval('[data-chart="tornado"] .tornado-value.central', (t) => t.textContent);
    const cards = await headlineChanges(page);
    assert.equal(central, `central ${signed(cards.fsm_ks4.change * 100)}`);

    // Another result, chosen from the picker, replaces it.
    await page.selectOption('#sensitivity-outcome', 'fsm_neet');
    await page.waitForFunction(() => /NEET at 20 in 2030$/.test(document.querySelector('#tornado-title')?.textContent ?? ''), null, READY);
    await page.waitForSelector('[data-sensitivity-state="ready"]', READY);
    const neetCentral = await page.$eval('[data-chart="tornado"] .tornado-value.central', (t) => t.textContent);
    assert.equal(neetCentral, `central ${signed(cards.fsm_neet.change * 100)}`);

    // A slider moved while it is open: the tornado follows once input pauses.
    await press(page, reach('secondary_tutoring'), 'ArrowRight', 4);
    await page.waitForSelector('[data-sensitivity-state="ready"]', READY);
    const moved = await headlineChanges(page);
    await page.waitForFunction((want) => document.querySelector('[data-chart="tornado"] .tornado-value.central')?.textContent === want,
      `central ${signed(moved.fsm_neet.change * 100)}`, READY);
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('each lever\'s cost reads per pupil served and per FSM pupil, for the year groups it serves, counting its pupils once at its own stage', async () => {
    const app = await openApp(browser, `${server.url}?v=2&secondary_tutoring.reach=40&primary_metacognition.reach=100`);
    const { page } = app;
    await settled(page);
    const rows = await page.$$eval('[data-table="lever-costs"] tbody tr', (trs) =>
      Object.fromEntries(trs.map((tr) => [tr.dataset.leverCost, [...tr.querySelectorAll('th, td')].map((c) => c.textContent)])));
    const header = await page.$$eval('[data-table="lever-costs"] thead th', (ths) => ths.map((th) => th.textContent));
    assert.deepEqual(header.slice(0, 3), ['Lever (who it serves)', 'Cost a year per pupil served', 'Cost a year per FSM pupil served']);
    // Universal: £30 a pupil served, every pupil of a year group, so each FSM pupil
    // carries £30 divided by the FSM share (the area's figure, shown in its data panel).
    const fsmShare = Number(await page.$eval('[data-field="fsm_share"]', (i) => i.value)) / 100;
    const [name, perPupil, perFsm, , extra] = rows.primary_metacognition;
    assert.equal(name, 'Metacognition and self-regulation (primary)all pupils, Y1 to Y6 (6 year groups)');
    assert.equal(perPupil, '£30');
    assert.equal(perFsm, `£${Math.round(30 / fsmShare)}`);
    assert.match(extra, /^\d[\d,]* at KS2$/);
    // Targeted: the same per pupil and per FSM pupil.
    assert.deepEqual(rows.secondary_tutoring.slice(1, 3), ['£600', '£600']);
    assert.match(rows.secondary_tutoring[0], /FSM pupils, Y10 to Y11 \(2 year groups\)$/);
    assert.match(rows.secondary_tutoring[4], / at KS4$/);
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('a version-1 link, saved library or file opens with its levers and a note that the model was revised', async () => {
    const note = /made with version 1 of Pathways' model\. Its levers are kept as they were/;
    const app = await openApp(browser, `${server.url}?v=1&ey_language.reach=40`);
    const { page } = app;
    const shown = await notices(page);
    assert.equal(shown.length, 1, shown.join('\n'));
    assert.match(shown[0], /^info: /, 'informational, not an error');
    assert.match(shown[0], note);
    assert.equal(await page.$eval(reach('ey_language'), (el) => el.value), '40', 'the lever is kept');
    // The address bar now holds a current link.
    await page.waitForFunction(() => /^\?v=2&/.test(location.search));
    assert.match(page.url(), /ey_language\.reach=40/);
    assert.deepEqual(app.errors, []);
    await app.close();

    // A current link says nothing of the kind.
    const current = await openApp(browser, `${server.url}?v=2&ey_language.reach=40`);
    assert.deepEqual(await notices(current.page), []);
    await current.close();

    // A saved library written by version 1.
    const context = await browser.newContext();
    await context.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('pathways.scenarios.v1', JSON.stringify({ version: 1, scenarios: [
          { version: 1, name: 'Old board plan', levers: { secondary_tutoring: { reach_share: 0.5, start_year: 2019, ramp_years: 1 } } },
        ] }));
        sessionStorage.setItem('seeded', '1');
      }
    });
    const stored = await context.newPage();
    // As of 2017, when version-1 scenarios were made: their start years need no move.
    await stored.goto(`${server.url}?as_of=2017`);
    await stored.waitForSelector('[data-app-ready]');
    await stored.waitForSelector('[data-notice="info"]');
    const storedNotices = await notices(stored);
    assert.ok(storedNotices.every((n) => n.startsWith('info: ')), storedNotices.join('\n'));
    assert.match(storedNotices.join(' '), /saved scenarios have been upgraded/);
    assert.match(storedNotices.join(' '), note);
    await stored.click('.library summary');
    await stored.click('tr[data-scenario="Old board plan"] [data-role="load"]');
    await settled(stored);
    assert.equal(await stored.$eval(reach('secondary_tutoring'), (el) => el.value), '50');
    // Written back in the current format, so the note is shown once.
    await stored.waitForFunction(() => JSON.parse(localStorage.getItem('pathways.scenarios.v1')).scenarios[0].version === 2);

    // A scenario file written by version 1.
    await stored.click('.menu summary');
    await stored.setInputFiles('#import-json', {
      name: 'old.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ version: 1, name: 'From 2019', levers: { ey_language: { reach_share: 0.3, start_year: 2019, ramp_years: 0 } } })),
    });
    await stored.waitForFunction(() => document.querySelector('#scenario-name').value === 'From 2019');
    await settled(stored);
    assert.equal(await stored.$eval(reach('ey_language'), (el) => el.value), '30');
    const imported = await notices(stored);
    assert.ok(imported.some((n) => n.startsWith('info: old.json: ') && note.test(n)), imported.join('\n'));
    assert.ok(imported.every((n) => n.startsWith('info: ')), imported.join('\n'));
    await context.close();
  });
});
