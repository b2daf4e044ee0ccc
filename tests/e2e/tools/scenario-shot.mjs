// Screenshot after moving levers by keyboard, to see a scenario as a user would.
// Usage: node tools/scenario-shot.mjs [out-dir]
import { openApp } from '../lib/browser.mjs';
import { closeApp, takeScreenshots } from './shots.mjs';

const out = process.argv[2] ?? 'screenshots';
await takeScreenshots(out, async (url, browser) => {
  for (const [width, height] of [[1920, 1080], [1280, 800]]) {
    const app = await openApp(browser, url, { viewport: { width, height } });
    const { page } = app;
    for (const [lever, presses] of [['ey_language', 16], ['secondary_tutoring', 8], ['post16_tuition', 10]]) {
      await page.focus(`[data-lever="${lever}"] [data-role="reach"]`);
      for (let i = 0; i < presses; i++) await page.keyboard.press('ArrowRight');
    }
    await page.waitForSelector('[data-bands-state="ready"]', { timeout: 20_000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${out}/scenario-${width}x${height}.png` });
    await page.screenshot({ path: `${out}/scenario-${width}x${height}-full.png`, fullPage: true });
    // What a board member opens to check the numbers: the sensitivity section and one
    // lever's evidence.
    await page.click('#sensitivity summary');
    await page.waitForSelector('[data-chart="tornado"]', { timeout: 10_000 });
    await page.click('[data-chart="tornado"] [data-role="toggle-table"]');
    await page.click('[data-lever="ey_language"] details.evidence summary');
    await page.evaluate(() => document.querySelector('#sensitivity').scrollIntoView());
    await page.screenshot({ path: `${out}/scenario-${width}x${height}-sensitivity.png` });
    await page.evaluate(() => document.querySelector('[data-lever="ey_language"]').scrollIntoView());
    await page.screenshot({ path: `${out}/scenario-${width}x${height}-evidence.png` });
    await closeApp(app);
  }
});
