// Prioritising as a board uses it: with a target for KS4 set by a link, ask for the best
// plans for FSM KS4 in 2030, read the best plan for the budget and the frontier, load a
// plan from it, and shrink the budget.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, runAxe, formatViolations, useServerAndBrowser } from './lib/browser.mjs';
import { reach, settled } from './lib/app.mjs';

/** Presses Find, waits for the worker's answer and opens the frontier's table. */
async function findPlans({ page, errors }) {
  await page.click('#optimiser-find');
  try {
    await page.waitForFunction(
      () =>
        document.querySelector('[data-role="optimiser-status"]')?.textContent === '' &&
        document.querySelector('[data-chart="frontier"]'),
      null,
      { timeout: 30_000 },
    );
  } catch (err) {
    // Say what the page shows instead, so a failure names its cause.
    const shown = await page.evaluate(() => ({
      status: document.querySelector('[data-role="optimiser-status"]')?.textContent,
      optimiser: document.querySelector('#optimiser')?.innerText.slice(0, 600),
      notices: [...document.querySelectorAll('[role="alert"], [role="status"]')].map((e) => e.textContent).join(' | '),
      bands: document.querySelectorAll('[data-headline][data-change-p10]').length,
    }));
    throw new Error(`no answer to Find: ${JSON.stringify(shown)}; workers: ${page.workers().length}; errors: ${errors.join(' | ')}`, {
      cause: err,
    });
  }
  const toggle = '[data-chart="frontier"] [data-role="toggle-table"]';
  if ((await page.$eval(toggle, (b) => b.getAttribute('aria-expanded'))) === 'false') await page.click(toggle);
  await page.waitForSelector('[data-table="frontier"] tbody tr');
  await settled(page);
}

/** The frontier table's rows: cost, value and chance as numbers, levers as {id: percent}. */
function frontierRows(page) {
  return page.$$eval('[data-table="frontier"] tbody tr', (trs) =>
    trs.map((tr) => ({
      cost: Number(tr.dataset.cost),
      value: Number(tr.dataset.value),
      chance: tr.dataset.chance === undefined ? null : Number(tr.dataset.chance),
      levers: Object.fromEntries(
        (tr.dataset.levers || '').split(',').filter(Boolean).map((pair) => {
          const [id, percent] = pair.split('=');
          return [id, Number(percent)];
        }),
      ),
    })),
  );
}

/** The best plan's cost as the panel reports it. */
const bestCost = (page) => page.$eval('[data-role="best-plan"]', (el) => Number(el.dataset.cost));

/** Every lever's reach slider, in percent. */
const sliders = (page) =>
  page.$$eval('[data-lever] [data-role="reach"]', (inputs) =>
    Object.fromEntries(inputs.map((i) => [i.closest('[data-lever]').dataset.lever, Number(i.value)])),
  );

/** Sets the cost panel's budget as a user does: type, then leave the field. */
async function setBudget(page, pounds) {
  await page.$eval(
    '#budget',
    (input, value) => {
      input.value = value;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    String(pounds),
  );
  await settled(page);
}

describe('optimiser', () => {
  let server, browser;

  useServerAndBrowser((s, b) => ([server, browser] = [s, b]));

  test('optimiser: the best plans for FSM KS4 in 2030 fit the budget, rise with cost, carry the target chance, load, and shrink with the budget', async (t) => {
    const app = await openApp(browser, `${server.url}?v=2&target.fsm_ks4=30@2030`, {
      viewport: { width: 1280, height: 800 },
    });
    const { page } = app;
    await page.selectOption('#optimiser-outcome', 'fsm_ks4');
    await page.selectOption('#optimiser-year', '2030');
    const note = await page.textContent('[data-role="target-note"]');
    assert.match(note, /30\.0%/, note);
    assert.match(note, /2030/, note);

    await findPlans(app);
    const searched = await page.$eval('[data-role="search-time"]', (el) => ({
      ms: Number(el.dataset.ms),
      plans: Number(el.dataset.plans),
      text: el.textContent,
    }));
    t.diagnostic(`worker time for the full catalogue: ${searched.text}`);
    assert.ok(searched.plans > 10, searched.text);

    const budget = Number(await page.$eval('#budget', (el) => el.value));
    const best = await bestCost(page);
    assert.ok(best <= budget, `best plan £${best} is within the budget £${budget}`);

    const rows = await frontierRows(page);
    assert.ok(rows.length > 3, `${rows.length} plans on the frontier`);
    for (let i = 1; i < rows.length; i++) {
      assert.ok(rows[i].cost > rows[i - 1].cost, `row ${i} costs more`);
      assert.ok(rows[i].value > rows[i - 1].value, `row ${i} is better (higher)`);
    }
    // The chance of reaching 30%: a share, and (up to sampling noise) no lower further up.
    let highest = 0;
    for (const [i, row] of rows.entries()) {
      assert.ok(row.chance !== null && row.chance >= 0 && row.chance <= 1, `row ${i} chance ${row.chance}`);
      assert.ok(row.chance >= highest - 0.1, `row ${i} chance ${row.chance} after ${highest}`);
      highest = Math.max(highest, row.chance);
    }
    // The chance is drawn too, in a panel under the frontier: one point per plan, higher
    // up (smaller y) for a higher chance.
    const drawn = await page.$$eval('[data-chart="frontier"] [data-series="chance"] circle', (cs) => cs.map((c) => Number(c.getAttribute('cy'))));
    assert.equal(drawn.length, rows.length, 'a chance point for every plan');
    const [low, high] = [rows.findIndex((r) => r.chance === Math.min(...rows.map((r) => r.chance))), rows.findIndex((r) => r.chance === highest)];
    assert.ok(drawn[high] < drawn[low], `the likeliest plan (${rows[high].chance}) is drawn above the least likely (${rows[low].chance})`);
    // Screen readers get the panel in the chart's description, with its range.
    const desc = await page.textContent('[data-chart="frontier"] svg desc');
    const range = desc.match(/the chance the expected rate is ≥ 30\.0% in 2030 along the frontier: from (\d+)% to (\d+)%/);
    assert.ok(range, desc);
    assert.ok(Math.abs(Number(range[2]) - highest * 100) <= 0.51, `${desc} against the table's ${highest}`);

    // The best plan for the budget is the cheapest frontier plan within 0.05 points of the
    // best one it can afford.
    const within = rows.filter((r) => r.cost <= budget);
    const top = within[within.length - 1].value;
    const cheapest = within.find((r) => Math.abs(r.value - top) <= 0.0005);
    assert.equal(best, cheapest.cost);

    // Load a plan of several levers from its marker, by keyboard.
    const index = rows.findIndex((r) => Object.keys(r.levers).length >= 2);
    assert.ok(index > 0, 'a plan with two levers or more');
    await page.focus(`.frontier-point[data-index="${index}"]`);
    await page.keyboard.press('Enter');
    await settled(page);
    let reaches = await sliders(page);
    for (const [id, percent] of Object.entries(reaches)) {
      assert.equal(percent, rows[index].levers[id] ?? 0, `${id} after loading plan ${index}`);
    }

    // And the last plan from its table row's button.
    const last = rows.length - 1;
    await page.click(`[data-table="frontier"] tbody tr[data-index="${last}"] [data-role="load-plan"]`);
    await settled(page);
    reaches = await sliders(page);
    for (const [id, percent] of Object.entries(reaches)) {
      assert.equal(percent, rows[last].levers[id] ?? 0, `${id} after loading plan ${last}`);
    }
    assert.ok(await page.$eval(reach(Object.keys(rows[last].levers)[0]), (el) => Number(el.value) > 0));

    // A smaller budget gives a best plan costing no more.
    const smaller = Math.max(0, Math.round(best / 2));
    await setBudget(page, smaller);
    const cheaper = await bestCost(page);
    assert.ok(cheaper <= smaller, `£${cheaper} within £${smaller}`);
    assert.ok(cheaper <= best, `£${cheaper} costs no more than £${best}`);

    const violations = await runAxe(page);
    assert.deepEqual(violations, [], formatViolations(violations));
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('optimiser: plans funded until 2021 do less for KS4 in 2030 and say when their money stops', async () => {
    const app = await openApp(browser, `${server.url}?as_of=2017`);
    const { page } = app;
    await page.selectOption('#optimiser-outcome', 'fsm_ks4');
    await page.selectOption('#optimiser-year', '2030');
    await findPlans(app);
    const running = (await frontierRows(page)).at(-1).value;
    await page.focus('#optimiser-end');
    await page.selectOption('#optimiser-end', '2021');
    await findPlans(app);
    const ended = (await frontierRows(page)).at(-1).value;
    assert.ok(ended < running, `${ended} vs ${running}`);
    assert.match(await page.textContent('[data-role="best-plan"]'), /until 2021/);
    assert.deepEqual(app.errors, []);
    await app.close();
  });

  test('optimiser: without a target the panel says so and shows no chance', async () => {
    const app = await openApp(browser, server.url);
    const { page } = app;
    await page.selectOption('#optimiser-outcome', 'gap_ks4');
    assert.match(await page.textContent('[data-role="target-note"]'), /No target is set/);
    await findPlans(app);
    const rows = await frontierRows(page);
    assert.ok(rows.every((r) => r.chance === null));
    assert.equal(await page.$$eval('[data-chart="frontier"] [data-series="chance"]', (els) => els.length), 0, 'no chance panel');
    // Lower is better for the gap: costlier plans narrow it.
    for (let i = 1; i < rows.length; i++) assert.ok(rows[i].value < rows[i - 1].value, `row ${i}`);
    assert.deepEqual(app.errors, []);
    await app.close();
  });
});
