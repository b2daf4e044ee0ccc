// Reading and driving the Pathways page in tests: the DOM contract in one place.

/** The reach slider of a lever. */
export const reach = (lever) => `[data-lever="${lever}"] [data-role="reach"]`;

/** Focuses `selector` and presses `key` `times` times: real, trusted keyboard input. */
export async function press(page, selector, key, times) {
  await page.focus(selector);
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

/** Headline card values (shares) for every outcome: `{key: {baseline, scenario}}`. */
export async function headlines(page) {
  return page.$$eval('[data-headline]', (cards) =>
    Object.fromEntries(
      cards.map((c) => [c.dataset.headline, { baseline: Number(c.dataset.baseline), scenario: Number(c.dataset.scenario) }]),
    ),
  );
}

/** The values a chart's lines carry, keyed by series. */
export async function chartSeries(page, chart) {
  return page.$$eval(`[data-chart="${chart}"] path[data-values]`, (paths) =>
    Object.fromEntries(paths.map((p) => [p.dataset.series, p.dataset.values.split(',').map(Number)])),
  );
}
