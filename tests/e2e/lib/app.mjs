// Reading and driving the Pathways page in tests: the DOM contract in one place.
import { readFile } from 'node:fs/promises';

/** The reach slider of a lever. */
export const reach = (lever) => `[data-lever="${lever}"] [data-role="reach"]`;

/**
 * Waits until the page has finished rendering what the last input asked for. Yew renders
 * after the event, and yields to the browser when a render runs long, so a read straight
 * after a key press can see a half-updated page: wait until the headline figures and the
 * sliders read the same two frames apart, and no section is still catching up.
 */
export async function settled(page) {
  await page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const snapshot = () =>
      [...document.querySelectorAll('[data-headline], [data-role="reach"], [data-app-ready]')]
        .map((e) => `${e.dataset.scenario ?? e.value ?? ''}:${e.dataset.changeP10 ?? ''}`)
        .join(',');
    let last = snapshot();
    for (let i = 0; i < 50; i++) {
      await frame();
      await frame();
      const now = snapshot();
      // Sections off screen catch up a moment after the last move (aria-busy meanwhile).
      if (now === last && !document.querySelector('[aria-busy="true"]')) return;
      last = now;
    }
  });
}

/** Focuses `selector` and presses `key` `times` times: real, trusted keyboard input. */
export async function press(page, selector, key, times) {
  await page.focus(selector);
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
  await settled(page);
}

/** Headline card values (shares) for every outcome: `{key: {baseline, scenario}}`. */
export async function headlines(page) {
  await settled(page);
  return page.$$eval('[data-headline]', (cards) =>
    Object.fromEntries(
      cards.map((c) => [c.dataset.headline, { baseline: Number(c.dataset.baseline), scenario: Number(c.dataset.scenario) }]),
    ),
  );
}

/**
 * What each headline card says about the change: its text, tone (better, worse, same),
 * and the paired change band (shares) once the bands for these settings have arrived.
 */
export async function headlineChanges(page) {
  await settled(page);
  return page.$$eval('[data-headline]', (cards) =>
    Object.fromEntries(
      cards.map((c) => [
        c.dataset.headline,
        {
          text: c.querySelector('[data-role="change"]').textContent,
          tone: ['better', 'worse', 'same'].find((t) => c.classList.contains(t)),
          change: Number(c.dataset.scenario) - Number(c.dataset.baseline),
          p10: c.dataset.changeP10 === undefined ? null : Number(c.dataset.changeP10),
          p90: c.dataset.changeP90 === undefined ? null : Number(c.dataset.changeP90),
        },
      ]),
    ),
  );
}

/** The values a chart's lines carry, keyed by series. */
export async function chartSeries(page, chart) {
  await settled(page);
  return page.$$eval(`[data-chart="${chart}"] path[data-values]`, (paths) =>
    Object.fromEntries(paths.map((p) => [p.dataset.series, p.dataset.values.split(',').map(Number)])),
  );
}

/** The messages shown in the page, as `kind: text` (kind is `info` or `error`). */
export async function notices(page) {
  return page.$$eval('[data-notice]', (n) => n.map((x) => `${x.dataset.notice}: ${x.textContent}`));
}

/** The shipped presets file, as the app reads it. */
export const presets = JSON.parse(
  await readFile(new URL('../../../static/data/presets.json', import.meta.url), 'utf8'),
);

/** Clicks what `trigger` clicks and returns the file the page downloads: its suggested name and bytes. */
export async function download(page, trigger) {
  const [file] = await Promise.all([page.waitForEvent('download'), trigger()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

/**
 * Chooses an area in the header's picker as a mouse user does: open the list, click the
 * option, then wait until the page shows that area (its file is fetched first).
 */
export async function chooseArea(page, id) {
  await page.click('#area-select');
  if ((await page.$eval('#area-select', (i) => i.getAttribute('aria-expanded'))) !== 'true') {
    await page.keyboard.press('ArrowDown');
  }
  await page.click(`#area-option-${id}`);
  await page.waitForFunction((want) => document.querySelector('#area-select').dataset.areaId === want, id);
  await settled(page);
}
