// Walks through a facilitator's 20-minute workshop at projector size, printing the
// figures a room would see at each step and saving a screenshot of each.
// Usage: node tools/workshop.mjs [out-dir]
import { mkdir } from 'node:fs/promises';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, openApp } from '../lib/browser.mjs';

const out = process.argv[2] ?? 'screenshots/workshop';
await mkdir(out, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
const app = await openApp(browser, server.url, { viewport: { width: 1920, height: 1080 } });
const { page } = app;
let n = 0;
const cards = () => page.$$eval('[data-headline]', (cs) => cs.map((c) =>
  `${c.querySelector('h3').textContent}: ${c.querySelector('.values').textContent.replace(/\s+/g, ' ').trim()} ${c.querySelector('.change').textContent}`));
async function step(title) {
  await page.waitForSelector('[data-bands-state="ready"], .presentation', { timeout: 30_000 }).catch(() => {});
  // Presentation has no bands status: wait until every card has its range.
  await page.waitForFunction(() => !document.querySelector('.range.pending'), null, { timeout: 30_000 }).catch(() => {});
  n += 1;
  await page.screenshot({ path: `${out}/${String(n).padStart(2, '0')}.png` });
  console.log(`\n${n}. ${title}`);
  for (const line of await cards()) console.log(`   ${line}`);
}
async function load(name) {
  if (!(await page.$eval('.library details', (d) => d.open))) await page.click('.library summary');
  await page.click(`tr[data-scenario="${name}"] [data-role="load"]`);
}

await step('Open the app: Hastings baseline for 2030');
await page.click('#present');
await page.waitForSelector('.presentation');
await step('Present: the story, step 1');
for (let i = 2; i <= 4; i++) {
  await page.keyboard.press('ArrowRight');
  await step(`Present: story step ${i}, "${await page.$eval('#story-title', (h) => h.textContent)}"`);
}
await page.keyboard.press('Escape');
await page.waitForSelector('.app');
await load('Early years first');
await page.selectOption('#target-year', '2023');
await step('Early years first, shown for 2023: age 5 has moved, KS2 has not');
await page.selectOption('#target-year', '2030');
await step('Same plan in 2030: KS2 has moved, KS4 only just');
await page.check('tr[data-scenario="Careers and 16-19 push"] [data-role="compare"]');
await page.evaluate(() => document.querySelector('.trajectories').scrollIntoView());
await step('Compare with the careers and 16-19 push on the same charts');
await load('Balanced plan within budget');
await page.fill('#budget', '150000');
await page.dispatchEvent('#budget', 'change');
await page.evaluate(() => document.querySelector('#cost').scrollIntoView());
await step('Balanced plan against a £150k budget: which levers fit');
console.log('   ' + (await page.$eval('[data-role="plan-total"]', (p) => p.textContent)));
console.log('   over budget: ' + (await page.$$eval('[data-table="lever-costs"] tr.over th', (t) => t.map((x) => x.firstChild.textContent).join('; '))));
await page.evaluate(() => window.scrollTo(0, 0));
await page.focus('[data-lever="secondary_tutoring"] [data-role="reach"]');
for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
await page.fill('#scenario-name', 'Workshop plan');
await page.click('#save-scenario');
await page.click('#share');
await step('The room builds its own plan, saves it and shares the link');
console.log('   link: ' + (await page.$eval('#share-url', (i) => i.value)));
if (app.errors.length) console.error(app.errors.join('\n'));
await browser.close();
await server.close();
