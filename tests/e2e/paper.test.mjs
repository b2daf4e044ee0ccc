// The board paper (issue 10, part 5): "Print board paper" lays out one A4 page with the
// scenario's name and date, the levers on, the headline table with ranges, targets and
// chances, one chart, the cost, the key assumptions with sources and the share link, and
// printing hides every control. Checked with print media emulation and a PDF's page count.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, useServerAndBrowser } from './lib/browser.mjs';
import { settled } from './lib/app.mjs';

const ALL_LEVERS = [
  'ey_language', 'ey_funded_places', 'home_learning_early', 'home_learning_primary', 'primary_metacognition',
  'primary_small_group_tuition', 'primary_attendance', 'secondary_feedback', 'secondary_tutoring', 'teacher_recruitment',
  'mental_health_sel', 'aspiration_programmes', 'careers_work_experience', 'post16_tuition', 'post16_mentoring',
  'post19_employment_support',
];

/** Pages in a PDF Chromium wrote. */
const pageCount = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;

/** Opens `query`, presses Print board paper with the browser's print stubbed, and returns the app. */
async function printPaper(browser, url) {
  const app = await openApp(browser, url);
  const { page } = app;
  await page.waitForSelector('[data-bands-state="ready"]', { timeout: 30_000 });
  await settled(page);
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => { window.__printed += 1; };
  });
  await page.click('#print-paper');
  await page.waitForSelector('[data-role="board-paper"]', { state: 'attached' });
  await settled(page);
  return app;
}

describe('board paper', () => {
  let server, browser;

  useServerAndBrowser((s, b) => ([server, browser] = [s, b]));

  test('prints one A4 page with what a board needs, and no controls', async () => {
    const url = `${server.url}?v=2&name=Board%20March&primary_metacognition.reach=80&secondary_tutoring.reach=60&target.fsm_ks4=30@2030`;
    const app = await printPaper(browser, url);
    const { page } = app;
    assert.equal(await page.evaluate(() => window.__printed), 1, 'the browser was asked to print once');
    await page.emulateMedia({ media: 'print' });
    // Controls are hidden; the paper is shown.
    for (const control of ['.levers', '.scenario-bar', '#main', '.masthead']) {
      assert.equal(await page.isVisible(control), false, `${control} is hidden in print`);
    }
    assert.ok(await page.isVisible('[data-role="board-paper"]'));
    const paper = await page.textContent('[data-role="board-paper"]');
    assert.match(paper, /Pathways: Board March/);
    assert.match(paper, /printed \d{1,2} [A-Z][a-z]+ 20\d\d/);
    assert.match(paper, /Metacognition and self-regulation \(primary\): 80% reach from 2018/);
    assert.match(paper, /One-to-one tuition \(secondary\): 60% reach from 2018/);
    assert.equal(await page.$$eval('[data-table="paper-headlines"] tbody tr', (r) => r.length), 6);
    // The KS4 row carries the change with its range and the target's chance.
    const ks4 = await page.$eval('[data-table="paper-headlines"] tbody tr:nth-child(3)', (r) => r.textContent);
    assert.match(ks4, /\+\d\.\d \(\+\d\.\d to \+\d\.\d\)/);
    assert.match(ks4, /≥ 30\.0% by 2030: \d+(\.\d)?% \(\d+(\.\d)?%\)/);
    // One chart: the target's outcome.
    assert.equal(await page.$$eval('[data-role="board-paper"] figure[data-chart]', (f) => f.map((x) => x.dataset.chart).join()), 'fsm_ks4');
    assert.match(await page.textContent('[data-role="paper-cost"]'), /over 2017-2035; at most £[\d.,]+k? a year against a budget of £2\.00m a year/);
    assert.match(paper, /Source: Lortie-Forgues and Inglis \(2019\)/);
    assert.match(paper, /Assumption:/);
    const link = await page.textContent('[data-role="paper-link"]');
    assert.ok(link.includes('primary_metacognition.reach=80') && link.includes('target.fsm_ks4=30@2030'), link);
    assert.equal(pageCount(await page.pdf({ format: 'A4', preferCSSPageSize: true })), 1);
    // After printing the paper is put away.
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.waitForSelector('[data-role="board-paper"]', { state: 'detached' });
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('every lever on still fits one page', async () => {
    const query = ALL_LEVERS.map((id) => `${id}.reach=50`).join('&');
    const app = await printPaper(browser, `${server.url}?v=2&${query}&target.fsm_neet=30@2032`);
    const { page } = app;
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.$$eval('[data-role="paper-levers"] li', (l) => l.length), 16);
    assert.equal(pageCount(await page.pdf({ format: 'A4', preferCSSPageSize: true })), 1);
    assert.deepEqual(app.errors, []);
    await app.close();
  });
});
