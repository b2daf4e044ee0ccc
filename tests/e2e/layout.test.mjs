// The results stay in view while levers move (issue 9, item 7): at 1280x800 and
// 1920x1080, whichever lever is being moved and however far the page was scrolled,
// the headlines (a one-line copy of the cards) and the chart of that lever's stage are
// inside the window; and pinning moves nothing in the page, so a click that ends it
// lands where it was aimed. Nor does scrolling down the page for the first time move what
// comes into view.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, useServerAndBrowser } from './lib/browser.mjs';
import { reach, settled } from './lib/app.mjs';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

// One lever per stage, the lowest in the list last: the one a user scrolls furthest for.
const LEVERS = [
  ['ey_language', 'fsm_early_years'],
  ['primary_metacognition', 'fsm_ks2'],
  ['secondary_tutoring', 'fsm_ks4'],
  ['post16_tuition', 'fsm_level3_by_19'],
  ['post19_employment_support', 'fsm_neet'],
];

/** Whether the element's whole box is inside the window. */
async function inView(page, selector) {
  return page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight + 0.5 && r.right <= innerWidth + 0.5;
  });
}

/** Whether two elements' boxes overlap. */
async function overlap(page, a, b) {
  return page.evaluate(
    ([a, b]) => {
      const [r, s] = [a, b].map((sel) => document.querySelector(sel).getBoundingClientRect());
      return r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom;
    },
    [a, b],
  );
}

describe('layout', () => {
  let server, browser;

  useServerAndBrowser((s, b) => ([server, browser] = [s, b]));

  for (const viewport of SIZES) {
    test(`at ${viewport.width}x${viewport.height} the headlines and the lever's chart stay in view while it moves`, async () => {
      const app = await openApp(browser, server.url, { viewport });
      const { page } = app;
      for (const scroll of ['top', 'bottom']) {
        for (const [lever, chart] of LEVERS) {
          // A user who has scrolled down to the cost or the area data, then goes back to
          // the levers (which keep their own scroll).
          await page.evaluate((where) => window.scrollTo(0, where === 'top' ? 0 : document.body.scrollHeight), scroll);
          await page.focus(reach(lever));
          await page.keyboard.press('ArrowRight');
          await page.keyboard.press('ArrowRight');
          const where = `${lever}, page scrolled to the ${scroll}`;
          assert.ok(await inView(page, reach(lever)), `${where}: the slider itself is visible`);
          assert.ok(await inView(page, '[data-role="headline-strip"]'), `${where}: the headlines are in view`);
          const strip = await page.$$eval('[data-role="headline-strip"] [data-strip-headline]', (items) => items.length);
          assert.equal(strip, 6, `${where}: all six headlines are in the strip`);
          assert.ok(await inView(page, `.chart-grid [data-chart="${chart}"] svg`), `${where}: the ${chart} chart is in view`);
          assert.ok(!(await overlap(page, '[data-role="headline-strip"]', `.chart-grid [data-chart="${chart}"] svg`)), `${where}: headlines and chart do not cover each other`);
          assert.ok(!(await overlap(page, '.levers', `.chart-grid [data-chart="${chart}"] svg`)), `${where}: the chart does not cover the levers`);
        }
      }
      // Once the levers lose focus, the page lays out as before: the chart is back in its
      // grid, and nothing else in the page moved while it was pinned.
      const boxes = () =>
        page.$$eval('main > section, .chart-slot, [data-role="toggle-table"]', (els) =>
          els.map((el) => {
            const r = el.getBoundingClientRect();
            return [Math.round(r.top + scrollY), Math.round(r.left), Math.round(r.height)];
          }),
        );
      // The ranges the worker sends after the last move change the cards' text: wait for
      // them, so that only the end of pinning can move anything between the two readings.
      await page.waitForSelector('[data-bands-state="ready"]', { timeout: 30_000 });
      await settled(page);
      const pinned = await boxes();
      await page.focus('#scenario-name');
      const position = await page.$eval('.chart-grid [data-chart="fsm_neet"]', (el) => getComputedStyle(el).position);
      assert.equal(position, 'static');
      assert.equal(await page.$eval('[data-role="headline-strip"]', (el) => getComputedStyle(el).display), 'none');
      const unpinned = await boxes();
      // The pinned chart's own buttons come back into the grid; everything else stays put.
      const moved = unpinned.filter((b, i) => JSON.stringify(b) !== JSON.stringify(pinned[i]));
      assert.ok(moved.length <= 1, `sections or charts moved when pinning ended: ${JSON.stringify(moved)}`);
      assert.deepEqual(app.errors, []);
      await app.close();
    });
  }

  for (const viewport of SIZES) {
    test(`at ${viewport.width}x${viewport.height} a section scrolled to for the first time stays where it came into view`, async () => {
      // The sections below the fold are skipped by the browser until scrolled to; if they
      // stood in at an estimated size, the page would jump as they came into view and a
      // click aimed at "Find the best plans" could land on nothing.
      // Straight from the top of a fresh page, as a link to a section or the End key goes.
      for (const target of ['#cost', '#optimiser-find', 'footer']) {
        const app = await openApp(browser, server.url, { viewport });
        const { page } = app;
        await page.waitForSelector('[data-bands-state="ready"]', { timeout: 30_000 });
        await settled(page);
        const top = () => page.$eval(target, (el) => Math.round(el.getBoundingClientRect().top));
        await page.$eval(target, (el) => el.scrollIntoView({ block: 'center' }));
        const before = await top();
        await settled(page);
        await page.waitForTimeout(100);
        assert.equal(await top(), before, `${target} moved after it was scrolled into view`);
        assert.deepEqual(app.errors, []);
        await app.close();
      }
    });
  }

  test('a section off screen catches up once the lever stops; one on screen follows every step', async () => {
    // Off screen, the cost section keeps its figures while a lever moves (aria-busy says
    // they are behind) and shows the new ones a moment after the last step.
    const app = await openApp(browser, server.url, { viewport: SIZES[0] });
    const { page } = app;
    await page.waitForSelector('[data-bands-state="ready"]', { timeout: 30_000 });
    await settled(page);
    const total = () => page.textContent('[data-role="plan-total"]');
    // Each change of the section's aria-busy, with the total shown at that moment, and of
    // two charts': read in the page, so that a slow test run cannot miss the moment between.
    const watch = () =>
      page.evaluate(() => {
        window.__busy = [];
        window.__charts = [];
        const section = document.querySelector('#cost');
        new MutationObserver(() =>
          window.__busy.push([section.getAttribute('aria-busy'), section.querySelector('[data-role="plan-total"]').textContent]),
        ).observe(section, { attributes: true, attributeFilter: ['aria-busy'] });
        for (const chart of ['fsm_ks4', 'gap_ks4']) {
          const figure = document.querySelector(`figure[data-chart="${chart}"]`);
          new MutationObserver(() => window.__charts.push([chart, figure.getAttribute('aria-busy')])).observe(figure, {
            attributes: true,
            attributeFilter: ['aria-busy'],
          });
        }
      });
    const changes = () => page.evaluate(() => window.__busy);
    const before = await total();
    await watch();
    await page.focus(reach('secondary_tutoring'));
    // Focus pins the KS4 chart; the browser reports it on screen a frame later (a mouse
    // drag's first step may show that frame behind).
    await page.waitForTimeout(100);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => window.__busy.length >= 2 && window.__charts.length >= 2, null, { timeout: 2_000 });
    const [behind, caughtUp] = await changes();
    assert.deepEqual(behind, ['true', before], 'while the lever moves, the cost off screen is behind and says so');
    assert.equal(caughtUp[0], null, 'then it catches up');
    assert.notEqual(caughtUp[1], before, 'with the new total');
    assert.equal(await total(), caughtUp[1]);
    // The KS4 chart, pinned beside the KS4 lever being moved, follows every step; the KS4
    // gap chart, off screen, waits and catches up like the cost.
    // (The ranges the worker sends after the move may then hold it back once more.)
    const charts = await page.evaluate(() => window.__charts);
    assert.deepEqual(charts.slice(0, 2), [
      ['gap_ks4', 'true'],
      ['gap_ks4', null],
    ]);
    assert.ok(!charts.some(([chart]) => chart === 'fsm_ks4'), JSON.stringify(charts));

    // On screen, each step shows at once and the section is never behind.
    /** Scrolls the cost into view, moves the lever a step; returns the new total. */
    const stepOnScreen = async (before, when) => {
      await page.$eval('#cost', (el) => el.scrollIntoView());
      await settled(page);
      await watch();
      await page.focus(reach('secondary_tutoring'));
      await page.keyboard.press('ArrowRight');
      await settled(page);
      const after = await total();
      assert.notEqual(after, before, `${when}, the cost on screen follows the step`);
      assert.deepEqual(await changes(), [], `${when}, the cost on screen is never behind`);
      return after;
    };
    const stepped = await stepOnScreen(caughtUp[1], 'before presenting');

    // The same after a visit to presentation mode, which removes the page's sections and
    // makes them anew: they are watched afresh.
    await page.click('#present');
    await page.waitForSelector('main.presentation');
    // Off-screen skipping waits again for the sections' first layout (see the test above).
    const skipping = await page.evaluate(() => document.documentElement.classList.contains('skip-offscreen'));
    assert.equal(skipping, false, 'no skipping while presenting');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#cost');
    await page.waitForFunction(() => document.documentElement.classList.contains('skip-offscreen'));
    await stepOnScreen(stepped, 'after presenting');
    assert.deepEqual(app.errors, []);
    await app.close();
  });
});
