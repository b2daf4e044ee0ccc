// Screenshots of the built app at the two sizes the brief names, for a human look.
// Usage: node tools/screenshot.mjs [out-dir] [query-string]
import { openApp } from '../lib/browser.mjs';
import { closeApp, takeScreenshots } from './shots.mjs';

const out = process.argv[2] ?? 'screenshots';
const query = process.argv[3] ?? '';
await takeScreenshots(out, async (url, browser) => {
  for (const [width, height] of [[1920, 1080], [1280, 800]]) {
    const app = await openApp(browser, url + query, { viewport: { width, height } });
    await app.page.waitForSelector('[data-bands-state="ready"]', { timeout: 20_000 }).catch(() => {});
    await app.page.screenshot({ path: `${out}/app-${width}x${height}.png` });
    await app.page.screenshot({ path: `${out}/app-${width}x${height}-full.png`, fullPage: true });
    // The area picker (in the header) and the area data panel opened, with its tables.
    await app.page.locator('.masthead').screenshot({ path: `${out}/area-picker-${width}x${height}.png` });
    await app.page.click('.sources summary');
    await app.page.locator('.sources').scrollIntoViewIfNeeded();
    await app.page.screenshot({ path: `${out}/area-data-${width}x${height}.png` });
    await app.page.locator('.sources').screenshot({ path: `${out}/area-data-${width}x${height}-full.png` });
    await closeApp(app);
  }
});
