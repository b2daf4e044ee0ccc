// Screenshots of the "What each lever adds" section at 1280×800, for a human look: three
// levers on, then recomputing (faded), then no lever on.
// Usage: node tools/diagnosis-shot.mjs [out-dir]
import { openApp } from '../lib/browser.mjs';
import { closeApp, takeScreenshots } from './shots.mjs';

const out = process.argv[2] ?? 'screenshots';
const LINK = '?v=2&ey_language.reach=80&primary_metacognition.reach=50&secondary_tutoring.reach=60';
await takeScreenshots(out, async (url, browser) => {
  for (const [name, query] of [['diagnosis', LINK], ['diagnosis-empty', '']]) {
    const app = await openApp(browser, url + query, { viewport: { width: 1280, height: 800 } });
    await app.page.waitForSelector('[data-contributions-state="ready"]', { timeout: 30_000 });
    const section = app.page.locator('#contributions');
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: `${out}/${name}-1280x800.png` });
    await app.page.screenshot({ path: `${out}/${name}-1280x800-window.png` });
    if (query) {
      // A result where a fall is good news, then the figures faded while they are redone.
      await app.page.selectOption('#contributions-outcome', 'gap_ks4');
      await section.screenshot({ path: `${out}/${name}-gap-1280x800.png` });
      await app.page.focus('[data-lever="secondary_tutoring"] [data-role="reach"]');
      await app.page.keyboard.press('ArrowRight');
      await app.page.waitForSelector('[data-contributions-state="pending"]', { timeout: 5_000 }).catch(() => {});
      await section.screenshot({ path: `${out}/${name}-updating-1280x800.png` });
    }
    await closeApp(app);
  }
});
