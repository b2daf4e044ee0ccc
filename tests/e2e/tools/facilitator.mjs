// Walks through the 30-minute board session of docs/FACILITATOR.md at projector size
// (1920×1080), printing the figures the room would see at each step and saving the guide's
// screenshots (clipped to the part of the page each step talks about).
// Usage: node tools/facilitator.mjs [out-dir]   (default: ../../docs/img/facilitator)
// Serves a copy of dist/, so a rebuild during the run cannot mix files.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSnapshotServer } from '../lib/server.mjs';
import { launchBrowser, openApp } from '../lib/browser.mjs';
import { reach, settled } from '../lib/app.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(process.argv[2] ?? path.join(HERE, '../../../docs/img/facilitator'));
const VIEWPORT = { width: 1920, height: 1080 };
const READY = { timeout: 30_000 };
await mkdir(out, { recursive: true });

const server = await startSnapshotServer();
const browser = await launchBrowser();
// The session link: Hastings as of 2017, as the programme began (docs/FACILITATOR.md).
const app = await openApp(browser, `${server.url}?as_of=2017`, { viewport: VIEWPORT });
const { page } = app;

/** Waits until the bands (and so the ranges and chances) are for the settings shown. */
async function analysed() {
  await page.waitForSelector('[data-bands-state="ready"]', READY);
  await page.waitForFunction(() => !document.querySelector('.range.pending'), null, READY).catch(() => {});
  await settled(page);
}

/** The headline cards as the room reads them, one line each. */
const cards = () =>
  page.$$eval('.cards [data-headline]', (cs) =>
    cs.map((c) => `${c.querySelector('h3').textContent}: ${c.textContent.replace(c.querySelector('h3').textContent, '').replace(/\s+/g, ' ').trim()}`),
  );

/** Prints a step's title and whatever the room would read off the page for it. */
async function report(title, extra = []) {
  console.log(`\n== ${title}`);
  for (const line of await cards()) console.log(`   ${line}`);
  for (const line of extra) console.log(`   ${line}`);
}

const text = (selector) => page.$eval(selector, (el) => el.textContent.replace(/\s+/g, ' ').trim()).catch(() => '(absent)');

/** A screenshot of the window clipped to the band from `top` to `bottom` (CSS px, page coordinates). */
async function band(name, top, bottom) {
  const y = Math.max(0, Math.round(top));
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true, clip: { x: 0, y, width: VIEWPORT.width, height: Math.round(bottom - y) } });
}

/** A screenshot of the main column (right of the levers) from `top` to `bottom`. */
async function column(name, top, bottom) {
  const left = Math.round((await box('main')).left);
  const y = Math.max(0, Math.round(top));
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true, clip: { x: left, y, width: VIEWPORT.width - left, height: Math.round(bottom - y) } });
}

/** Page-coordinate box of an element. */
const box = (selector) =>
  page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right };
  });

try {
  // 1. Open Pathways (Hastings): the page, the cards, the area and its sources.
  await analysed();
  await report('1. Open Pathways: Hastings baseline, 2030', [
    `area: ${await text('.masthead')}`,
    `baseline label: ${await text('#headlines-heading')}`,
  ]);
  await page.click('.sources summary');
  console.log(`   area data: ${(await text('.sources')).slice(0, 900)}`);
  await page.click('.sources summary');
  await settled(page);
  // 1. Job 1 first: where Hastings (East Sussex's figures) stands, as of 2017.
  console.log(`   standing: ${await text('#standing-about')}`);
  console.log(`   largest shortfall: ${await text('[data-role="largest-shortfall"]')}`);
  console.log(`   ranking: ${await text('.standing-ranking')}`);
  for (const sentence of await page.$$eval('.standing-sentence', (ps) => ps.map((p) => p.textContent))) console.log(`   ${sentence}`);
  await band('00-standing', 0, (await box('.standing-grid')).bottom + 12);
  {
    const cardsBox = await box('#headlines-heading');
    await column('01-start', cardsBox.top - 16, (await box('.cards')).bottom + 12);
  }

  // 2. Job 2: a success measure, KS4 grade 4+ ≥ 30% by 2030.
  await page.fill('#target-value-fsm_ks4', '30');
  await page.selectOption('#target-year-fsm_ks4', '2030');
  await page.click('[data-target-row="fsm_ks4"] [data-role="set-target"]');
  await page.waitForSelector('[data-headline="fsm_ks4"] [data-role="target"][data-chance]', READY);
  await analysed();
  await report('2. Target: KS4 ≥ 30% by 2030, no levers', [
    `card target line: ${await text('.cards [data-headline="fsm_ks4"] [data-role="target"]')}`,
    `targets row: ${await text('[data-target-row="fsm_ks4"]')}`,
  ]);
  {
    const cardsBox = await box('#headlines-heading');
    const targets = await box('[data-role="suggested-targets"]');
    await column('02-target', cardsBox.top - 16, targets.bottom + 8);
  }
  // The delivery plan's own targets, for reference (not kept).
  await page.click('[data-role="suggested-targets"] summary');
  await page.waitForSelector('[data-role="use-suggested"]'); // England's figures arrive first
  console.log(`   suggested: ${await text('[data-role="suggested-targets"]')}`);
  await page.click('[data-role="suggested-targets"] summary');

  // 3. Job 3: move levers with the keyboard (5 points a press), watching the pinned strip.
  const levers = [
    ['ey_language', 16], // 80%
    ['primary_metacognition', 12], // 60%
    ['secondary_tutoring', 12], // 60%
  ];
  for (const [lever, presses] of levers) {
    await page.focus(reach(lever));
    for (let i = 0; i < presses; i++) await page.keyboard.press('ArrowRight');
    await settled(page);
  }
  await analysed();
  // Keep focus on the last lever so the strip and its stage's chart stay pinned.
  await page.focus(reach('secondary_tutoring'));
  await settled(page);
  await report('3. Levers: EY language 80%, primary metacognition 60%, secondary tuition 60%', [
    `strip: ${await text('[data-role="headline-strip"]')}`,
    `card target line: ${await text('.cards [data-headline="fsm_ks4"] [data-role="target"]')}`,
    `cost: ${await text('[data-role="plan-total"]')}`,
  ]);
  // The page as the room sees it while a lever has focus: the headlines pinned to the top,
  // the lever's stage's chart floating bottom right, the year-by-year charts behind.
  await page.evaluate(() => window.scrollTo(0, document.querySelector('#trajectories-heading').getBoundingClientRect().top + scrollY - 140));
  await settled(page);
  await page.screenshot({ path: `${out}/03-levers-pinned.png` });
  await page.focus('#scenario-name');
  await settled(page);
  console.log(`   cost section: ${(await text('#cost')).replace(/Plan cost per year.*?Show as table SVG PNG/, '…')}`);
  console.log(`   KS4 chart markers: ${await page.$$eval('.chart-grid [data-chart="fsm_ks4"] svg title', (t) => t.map((x) => x.textContent).join(' | ')).catch(() => '')}`);

  // Compare with a preset on the same charts.
  await page.click('.library summary');
  console.log(`   library: ${await text('.library')}`);
  await page.check('tr[data-scenario="Balanced plan within budget"] [data-role="compare"]');
  await settled(page);
  console.log(`   compared: ${await text('.trajectories .legend, .compare-legend').catch(() => '')}`);
  await page.uncheck('tr[data-scenario="Balanced plan within budget"] [data-role="compare"]');
  await page.click('.library summary');
  await settled(page);

  // 4. Job 1: what each lever adds (the Shapley waterfall) for KS4 in 2030.
  await page.waitForSelector('[data-contributions-state="ready"] [data-chart="waterfall"]', READY);
  await page.locator('#contributions').scrollIntoViewIfNeeded();
  await settled(page);
  console.log(`\n== 4. What each lever adds`);
  console.log(`   ${await text('#contributions')}`);
  await page.locator('#contributions').screenshot({ path: `${out}/04-waterfall.png` });

  // 4b. Best plan for a budget: the frontier for KS4 in 2030 with the target's chance.
  await page.selectOption('#optimiser-outcome', 'fsm_ks4');
  await page.selectOption('#optimiser-year', '2030');
  await page.click('#optimiser-find');
  await page.waitForFunction(
    () => document.querySelector('[data-role="optimiser-status"]')?.textContent === '' && document.querySelector('[data-chart="frontier"]'),
    null,
    READY,
  );
  await page.locator('#optimiser').scrollIntoViewIfNeeded();
  await settled(page);
  console.log(`\n== 4b. Best plan for a budget`);
  console.log(`   ${await text('[data-role="best-plan"]')}`);
  console.log(`   ${await text('[data-role="search-time"]')} ${await text('[data-chart="frontier"] figcaption, [data-chart="frontier"] .caption')}`);
  await page.locator('#optimiser').screenshot({ path: `${out}/05-frontier.png` });
  // The frontier's table: cost, value and the target's chance of each plan.
  await page.click('[data-chart="frontier"] [data-role="toggle-table"]');
  await page.waitForSelector('[data-table="frontier"] tbody tr');
  const rows = await page.$$eval('[data-table="frontier"] tbody tr', (trs) =>
    trs.map((tr) => ({ index: Number(tr.dataset.index), cost: Number(tr.dataset.cost), value: Number(tr.dataset.value), chance: tr.dataset.chance === undefined ? null : Number(tr.dataset.chance), levers: tr.dataset.levers })),
  );
  const show = (r) => `£${Math.round(r.cost).toLocaleString('en-GB')} a year: ${(100 * r.value).toFixed(1)}%, chance ${r.chance === null ? '–' : (100 * r.chance).toFixed(0) + '%'} [${r.levers}]`;
  const firstAt = (v) => rows.find((r) => r.value >= v);
  for (const v of [0.27, 0.28, 0.29, 0.3, 0.31, 0.32]) if (firstAt(v)) console.log(`   first plan at ${Math.round(100 * v)}%: ${show(firstAt(v))}`);
  for (const c of [0.5, 0.6]) {
    const r = rows.find((x) => x.chance !== null && x.chance >= c);
    if (r) console.log(`   first plan with chance ≥ ${Math.round(100 * c)}%: ${show(r)}`);
  }
  console.log(`   last plan: ${show(rows.at(-1))}`);
  // Load the costliest frontier plan that costs no more than the board's own plan.
  const own = 237_500;
  const same = rows.filter((r) => r.cost <= own).at(-1);
  console.log(`   same money as the board's plan: ${show(same)}`);
  // Its table row's Load button (in the crowded low-cost end of the chart the points' click
  // targets overlap, so a mouse click there can load a neighbour).
  await page.click(`[data-table="frontier"] tbody tr[data-index="${same.index}"] [data-role="load-plan"]`);
  await analysed();
  await report(`4c. Loaded the frontier plan at £${Math.round(same.cost)} a year`, [
    `card target line: ${await text('.cards [data-headline="fsm_ks4"] [data-role="target"]')}`,
    `cost: ${await text('[data-role="plan-total"]')}`,
  ]);

  // 5. Job 4: a result, KS4 2022 = 27%, its status, then Revise.
  await page.selectOption('#actual-outcome', 'fsm_ks4');
  await page.selectOption('#actual-year', '2022');
  await page.fill('#actual-value', '27');
  await page.click('#add-actual');
  await page.waitForSelector('.cards [data-headline="fsm_ks4"] [data-role="status"]', READY);
  await analysed();
  await report('5. Result: KS4 2022 = 27%', [
    `card status: ${await text('.cards [data-headline="fsm_ks4"] [data-role="status"]')}`,
    `targets row: ${await text('[data-target-row="fsm_ks4"]')}`,
    `results: ${await text('[data-table="actuals"]')}`,
  ]);
  await page.evaluate(() => window.scrollTo(0, 0));
  {
    const top = await box('#headlines-heading');
    const bottom = await box('#revise');
    await column('06-results', top.top - 16, bottom.bottom + 6);
  }
  await page.locator('[data-chart="fsm_ks4"]').scrollIntoViewIfNeeded();
  await page.locator('.chart-grid [data-chart="fsm_ks4"]').screenshot({ path: `${out}/06b-results-chart.png` });
  await page.click('#revise');
  await analysed();
  await report('5b. Revise', [`subtitle: ${await text('.subtitle')}`, `notices: ${await text('.notices')}`]);

  // 6. Close: the board paper, as printed.
  await page.evaluate(() => {
    window.print = () => {};
  });
  await page.click('#print-paper');
  await page.waitForSelector('[data-role="board-paper"]', { state: 'attached' });
  await settled(page);
  await page.emulateMedia({ media: 'print' });
  console.log(`\n== 6. Board paper`);
  console.log(`   ${await text('[data-role="board-paper"]')}`);
  // The print layout at the width of an A4 page's printable area (190 mm at 96 px an inch),
  // so the shot looks like the sheet the board gets; the window goes back to 1920 after.
  await page.setViewportSize({ width: 718, height: 1000 });
  await settled(page);
  await page.locator('[data-role="board-paper"]').screenshot({ path: `${out}/07-board-paper.png` });
  await page.setViewportSize(VIEWPORT);
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.waitForSelector('[data-role="board-paper"]', { state: 'detached' });

  // Save under a name, and the share link.
  await page.fill('#scenario-name', 'Board session');
  await page.click('#save-scenario');
  await page.click('#share');
  await page.waitForSelector('#share-url');
  console.log(`\n== 6b. Save and share`);
  console.log(`   notices: ${await text('.notices')}`);
  console.log(`   share link: ${await page.$eval('#share-url', (i) => i.value)}`);
  await page.click('#close-share');
  if (app.errors.length) console.error(app.errors.join('\n'));

  // 1b. The board's own local authority as of its latest results, and the twelve
  // Opportunity Areas side by side.
  {
    const own = await openApp(browser, `${server.url}?area=east_sussex`, { viewport: VIEWPORT });
    await settled(own.page);
    const ownText = (selector) => own.page.$eval(selector, (el) => el.textContent.replace(/\s+/g, ' ').trim()).catch(() => '(absent)');
    console.log(`\n== 1b. East Sussex as of 2025`);
    console.log(`   largest shortfall: ${await ownText('[data-role="largest-shortfall"]')}`);
    console.log(`   ranking: ${await ownText('.standing-ranking')}`);
    for (const sentence of await own.page.$$eval('.standing-sentence', (ps) => ps.map((p) => p.textContent))) console.log(`   ${sentence}`);
    await own.page.click('.standing-tables summary');
    console.log(`   context: ${await ownText('[data-role="standing-context"] tbody')}`);
    await own.page.click('[data-role="open-compare"]');
    await own.page.waitForSelector('[data-role="compare-status"][data-waiting="0"]', READY);
    await settled(own.page);
    await own.page.waitForFunction(() => location.search.includes('view=compare'));
    console.log(`   compare link: ${await own.page.evaluate(() => location.search)}`);
    console.log(`   across: ${await ownText('[data-role="compare-across"]')}`);
    console.log(`   table: ${await ownText('[data-role="compare-table"] tbody')}`);
    await own.page.locator('[data-role="compare"]').screenshot({ path: `${out}/01b-compare.png` });
    await own.close();
  }

  // Figures the guide quotes without a screenshot: overlap (each lever alone against all
  // three together) and the chances of the delivery plan's own 2021 targets.
  console.log('\n== Extra figures (fresh pages)');
  const plan = 'ey_language.reach=80&primary_metacognition.reach=60&secondary_tutoring.reach=60';
  for (const query of ['ey_language.reach=80', 'primary_metacognition.reach=60', 'secondary_tutoring.reach=60', plan]) {
    const other = await openApp(browser, `${server.url}?v=2&${query}`, { viewport: VIEWPORT });
    await other.page.waitForSelector('[data-bands-state="ready"]', READY);
    await settled(other.page);
    const line = await other.page.$$eval('.cards [data-headline="fsm_ks2"], .cards [data-headline="fsm_ks4"]', (cs) =>
      cs.map((c) => `${c.dataset.headline} ${(100 * (c.dataset.scenario - c.dataset.baseline)).toFixed(2)} points`).join(', '));
    console.log(`   ${query}: ${line}`);
    await other.close();
  }
  const suggested = await openApp(browser, `${server.url}?v=2&${plan}`, { viewport: VIEWPORT });
  await suggested.page.click('[data-role="suggested-targets"] summary');
  await suggested.page.click('[data-role="use-suggested"]');
  await suggested.page.waitForSelector('.cards [data-headline="fsm_ks4"] [data-role="target"][data-chance]', READY);
  await suggested.page.waitForSelector('[data-bands-state="ready"]', READY);
  await settled(suggested.page);
  for (const key of ['fsm_ks2', 'fsm_ks4']) {
    console.log(`   delivery-plan target ${key}: ${await suggested.page.$eval(`.cards [data-headline="${key}"] [data-role="target"]`, (t) => t.textContent)}`);
  }
  await suggested.close();
} finally {
  await browser.close();
  await server.close();
}
console.log(`\nscreenshots in ${out}/`);
