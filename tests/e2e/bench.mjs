// Performance benchmark of the built app (not a test: it reports, it never asserts).
//
//   node tests/e2e/bench.mjs          (from the repo root or from tests/e2e)
//
// Serves dist/ (or $PATHWAYS_DIST) on loopback, drives headless Chromium and
// prints a table; the same figures go to tests/e2e/bench-results.json
// (git-ignored). Exit code 0 whether or not the targets are met; non-zero only
// if the benchmark itself crashes.
//
// What is measured:
//   a. first render: navigation start (performance.timeOrigin) to the moment
//      [data-app-ready] appears, median of 5 fresh page loads at 1280x800.
//   b. slider input -> next painted frame, 200 trusted key presses on the
//      ey_language reach slider with five other levers on and two presets
//      compared (issue 9's conditions); median and p95, plus the Event Timing
//      API's `duration` for the same input events as a cross-check.
//   c. Monte Carlo worker time for 1,000 draws, from the "(computed in N ms)"
//      status, median over 10 settled slider positions.
//   d. gzipped (zlib level 9) size of the main app wasm and the worker wasm.
//   b'. b again, and its floor, with the frame clock unthrottled (Chromium's
//      --disable-frame-rate-limit --disable-gpu-vsync): a frame starts as soon as the page
//      asks for one instead of at the next 60 Hz tick, so the latency is the app's input
//      handling plus that frame's style, layout and paint, without the wait for the tick.
//      Under the 60 Hz clock every page, however fast, waits up to a whole frame for it
//      (the floor), so a p95 under 16 ms there measures the harness's timing, not the app;
//      issue 9's 12 ms is a budget for the app's part, which this run measures directly.
//   f. area switch: from Enter in the area picker to the first frame painted with the
//      new area's projection (its file fetched on loopback, parsed, projected, rendered),
//      ten local authorities opened for the first time, then five opened again.
//   e. the sensitivity section ("What moves this result most"): the worker's time to
//      compute one tornado for an eight-lever plan, each of the six headlines; and
//      b. again with the section open and another lever on, so that it recomputes
//      as the slider moves.
//
// The lead may rebuild dist/ at any time, so dist/ is first copied to a
// temporary directory and the benchmark serves that snapshot: a rebuild in
// the middle of a run cannot mix files from two builds.

import { readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants as zc } from 'node:zlib';
import { DEFAULT_ROOT, startSnapshotServer } from './lib/server.mjs';
import { launchBrowser } from './lib/browser.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.join(HERE, 'bench-results.json');

const VIEWPORT = { width: 1280, height: 800 };
const LOADS = 5; // fresh page loads for first render (after one uncounted warm-up)
const MOVES = 200; // slider moves for input -> paint
const SETTLED_POSITIONS = 10; // slider positions for the worker timing
const SLIDER = 'ey_language';

/** Chromium flags that let a frame start as soon as the page asks for one (b', above). */
const UNTHROTTLED = ['--disable-frame-rate-limit', '--disable-gpu-vsync'];

const TARGETS = {
  firstRenderMs: 1000, // first render < 1 s
  sliderP95Ms: 12, // p95 slider-to-paint <= 12 ms (issue 9), headroom under a 16 ms frame
  mainWasmGzipKB: 400, // main wasm < 400 KB gzipped
  areaSwitchMs: 300, // choosing an area to its projection painted <= 300 ms (issue 15)
};

// ---------------------------------------------------------------- helpers

const median = (xs) => percentile(xs, 50);
/** Nearest-rank percentile; null for an empty list. */
function percentile(xs, p) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
const round = (x, d = 1) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);
const kb = (bytes) => bytes / 1024; // KB here means 1,024 bytes

async function newPage(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => msg.type() === 'error' && errors.push(`console.error: ${msg.text()}`));
  return { context, page, errors };
}

// ---------------------------------------------------------------- a. first render

// Installed before any page script runs. A MutationObserver sees the attribute
// (or the element carrying it) appear; its callback runs at the microtask
// checkpoint right after the app's render task, so the time is when the DOM
// became ready. A rAF + MessageChannel afterwards gives the time the first frame
// containing the app was painted (same technique as for the slider, below).
const READY_PROBE = () => {
  const found = () => document.querySelector('[data-app-ready]');
  const mark = () => {
    if (window.__benchReady != null || !found()) return false;
    window.__benchReady = performance.now();
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => (window.__benchReadyPainted = performance.now());
      ch.port2.postMessage(0);
    });
    return true;
  };
  const obs = new MutationObserver(() => mark() && obs.disconnect());
  obs.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-app-ready'] });
};

async function firstRender(browser, url) {
  const loads = [];
  for (let i = 0; i <= LOADS; i++) {
    const { context, page, errors } = await newPage(browser);
    try {
      await page.addInitScript(READY_PROBE);
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction(() => window.__benchReadyPainted != null, null, { timeout: 20_000 });
      const r = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        return {
          readyMs: window.__benchReady,
          readyPaintedMs: window.__benchReadyPainted,
          domContentLoadedMs: nav?.domContentLoadedEventEnd ?? null,
          loadMs: nav?.loadEventEnd ?? null,
        };
      });
      if (errors.length) r.errors = errors;
      // The first load warms up the browser process; it is reported but not counted.
      loads.push({ ...r, warmUp: i === 0 });
    } finally {
      await context.close();
    }
  }
  const counted = loads.filter((l) => !l.warmUp);
  return {
    loads,
    medianReadyMs: median(counted.map((l) => l.readyMs)),
    medianReadyPaintedMs: median(counted.map((l) => l.readyPaintedMs)),
  };
}

// ---------------------------------------------------------------- b. slider input -> paint

// How "next painted frame" is measured. In a capture-phase 'input' listener on
// document (it runs before the app's own handler) we note event.timeStamp, then
// call requestAnimationFrame. rAF callbacks run at the start of the next
// rendering update, and style, layout and paint of that frame follow in the
// same task; a message posted on a MessageChannel from inside the rAF callback
// is therefore handled in the first task after that frame was painted (main-
// thread paint; compositor/GPU display time is not visible to the page).
// MessageChannel rather than setTimeout(0) because setTimeout is clamped to
// >= 4 ms once nested and may be deprioritised, which would add noise of the
// same order as the 16 ms target. The app may update the DOM after the event
// (Yew renders in a microtask, but it could also defer), so in that task we
// check that the DOM shows the new value (the reach <output> and the early-years
// chart's scenario line both changed); if not, we wait another rAF + message
// and so on, so the time is always to the first frame painted *after* the DOM
// update. Latency = that time - event.timeStamp.
//
// Moves: 200 ArrowRight/ArrowLeft presses on the focused slider, in runs of 20
// (0 -> 100 in steps of 5, then back to 0, five times), so every press changes
// the value. Each press waits for the previous one's frame to be measured, so
// figures are per-input latency, not a backlog of queued presses; the Monte
// Carlo worker keeps running and its results land on the main thread between
// presses, as they would for a real user.
const SLIDER_PROBE = (leverId) => {
  const input = document.querySelector(`[data-lever="${leverId}"] input[data-role="reach"]`);
  const output = () => document.querySelector(`[data-lever="${leverId}"] output`)?.textContent.trim() ?? '';
  const line = () =>
    document.querySelector('figure[data-chart="fsm_early_years"] [data-series="scenario"]')?.getAttribute('data-values') ?? '';
  const records = (window.__benchInputs = []);
  let waiter = null;
  window.__benchWaitFor = (n) =>
    new Promise((resolve) => {
      if (records.length >= n) resolve(records[n - 1]);
      else waiter = { n, resolve };
    });
  const push = (r) => {
    records.push(r);
    if (waiter && records.length >= waiter.n) {
      const w = waiter;
      waiter = null;
      w.resolve(records[w.n - 1]);
    }
  };

  window.__benchEvents = [];
  if (typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes?.includes('event')) {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.name === 'input' || e.name === 'keydown')
          window.__benchEvents.push({
            name: e.name,
            startTime: e.startTime,
            duration: e.duration,
            processingStart: e.processingStart,
            processingEnd: e.processingEnd,
            interactionId: e.interactionId,
          });
      }
    }).observe({ type: 'event', durationThreshold: 16, buffered: true });
    window.__benchEventTiming = true;
  } else window.__benchEventTiming = false;

  document.addEventListener(
    'input',
    (e) => {
      if (!e.isTrusted || e.target !== input) return;
      const t0 = e.timeStamp;
      const listenerAt = performance.now();
      const value = e.target.value;
      const outBefore = output();
      const lineBefore = line();
      // Bubble phase on window runs after every other listener of this event
      // and after the microtasks they queued (Yew renders in one), so this is
      // roughly when the app finished handling the input.
      let handledAt = null;
      window.addEventListener('input', () => (handledAt = performance.now()), { once: true });
      let frames = 0;
      let rafAt = null;
      const afterNextPaint = () =>
        requestAnimationFrame(() => {
          frames++;
          rafAt = performance.now();
          const ch = new MessageChannel();
          ch.port1.onmessage = () => {
            const now = performance.now();
            const updated = output() !== outBefore && output().startsWith(value) && line() !== lineBefore;
            if (updated || frames >= 10)
              push({ value: Number(value), t0, listenerAt, handledAt, rafAt, paintedAt: now, latency: now - t0, frames, updated });
            else afterNextPaint();
          };
          ch.port2.postMessage(0);
        });
      afterNextPaint();
    },
    true,
  );
};

/**
 * The harness's floor: the same key presses and probe on a page that does nothing but
 * write the slider's value into its output and a chart attribute. Its latency is the
 * wait for the next frame that any page pays; the app's figure above it is the app's.
 */
const FLOOR_PAGE = `<!doctype html><title>floor</title>
<div data-lever="${SLIDER}"><input type="range" data-role="reach" min="0" max="100" step="5" value="0"><output>0%</output></div>
<figure data-chart="fsm_early_years"><svg><path data-series="scenario" data-values="0"></path></svg></figure>
<script>
  const input = document.querySelector('input');
  input.addEventListener('input', () => {
    document.querySelector('output').textContent = input.value + '%';
    document.querySelector('path').setAttribute('data-values', input.value);
  });
</script>`;

async function sliderToPaint(browser, url, { sensitivityOpen = false, compare = [], floor = false } = {}) {
  const { context, page, errors } = await newPage(browser);
  try {
    if (floor) {
      await page.setContent(FLOOR_PAGE);
    } else {
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForSelector('[data-app-ready]', { state: 'attached', timeout: 20_000 });
      await page.waitForSelector('[data-bands-state="ready"]', { timeout: 20_000 });
    }
    if (compare.length) {
      await page.click('.library summary');
      for (const name of compare) await page.check(`tr[data-scenario="${name}"] [data-role="compare"]`);
      await page.waitForSelector(`[data-chart="fsm_ks2"] [data-series="compare-${compare.length - 1}"]`, { state: 'attached' });
      await page.evaluate(() => window.scrollTo(0, 0));
    }
    if (sensitivityOpen) {
      await page.click('#sensitivity summary');
      await page.waitForSelector('[data-sensitivity-state="ready"] [data-chart="tornado"]', { timeout: 20_000 });
      // Back to the top, as a user dragging a lever would be.
      await page.evaluate(() => window.scrollTo(0, 0));
    }
    await page.evaluate(SLIDER_PROBE, SLIDER);
    const slider = page.locator(`[data-lever="${SLIDER}"] input[data-role="reach"]`);
    await slider.focus();
    const start = Number(await slider.inputValue());
    if (start !== 0) throw new Error(`expected ${SLIDER} reach to start at 0, got ${start}`);

    let value = 0;
    let dir = +1;
    for (let i = 1; i <= MOVES; i++) {
      if (value + dir * 5 > 100 || value + dir * 5 < 0) dir = -dir;
      await page.keyboard.press(dir > 0 ? 'ArrowRight' : 'ArrowLeft');
      value += dir * 5;
      const rec = await page.evaluate((n) => window.__benchWaitFor(n), i);
      if (rec.value !== value) throw new Error(`move ${i}: slider at ${rec.value}, expected ${value}`);
    }
    // Let the Event Timing observer deliver the last entries.
    await page.waitForTimeout(500);
    const { inputs, events, eventTiming } = await page.evaluate(() => ({
      inputs: window.__benchInputs,
      events: window.__benchEvents,
      eventTiming: window.__benchEventTiming,
    }));

    const lat = inputs.map((r) => r.latency);
    // Event Timing: an entry's startTime is its event's timeStamp; entries exist
    // only for events whose duration (rounded to 8 ms) is >= 16 ms.
    const ours = new Set(inputs.map((r) => r.t0));
    const et = events.filter((e) => e.name === 'input' && ours.has(e.startTime));
    // Chromium reports the keydown that caused each slider input (its duration
    // runs from the key's timestamp to the next paint after the keydown and
    // its default action, the input event, were handled), but in practice not
    // the input event itself; so the keydowns are the usable cross-check.
    const etKeydown = events.filter(
      (e) => e.name === 'keydown' && e.startTime >= inputs[0].t0 - 50 && e.startTime <= inputs.at(-1).t0,
    );
    /** p95 over all moves, counting moves without an entry (< 16 ms) as 0. */
    const etP95 = (entries) =>
      entries.length > inputs.length * 0.05
        ? percentile([...entries.map((e) => e.duration), ...Array(Math.max(0, inputs.length - entries.length)).fill(0)], 95)
        : '< 16';
    const done = inputs.filter((r) => r.handledAt != null);
    return {
      moves: inputs.length,
      notUpdated: inputs.filter((r) => !r.updated).length,
      extraFrames: inputs.filter((r) => r.frames > 1).length,
      medianMs: median(lat),
      p95Ms: percentile(lat, 95),
      maxMs: Math.max(...lat),
      // Where the time goes (medians): event timestamp -> our listener;
      // -> the app has handled the input and re-rendered the DOM; -> the next
      // frame starts (rAF); -> that frame's style, layout and paint are done.
      // The app's own time per move: the event to its DOM update, plus the frame's style,
      // layout and paint; what is left of the latency is the wait for the frame clock.
      ownMedianMs: median(done.map((r) => r.handledAt - r.t0 + (r.paintedAt - r.rafAt))),
      ownP95Ms: percentile(done.map((r) => r.handledAt - r.t0 + (r.paintedAt - r.rafAt)), 95),
      breakdownMs: {
        inputDelay: median(inputs.map((r) => r.listenerAt - r.t0)),
        handling: median(done.map((r) => r.handledAt - r.listenerAt)),
        handlingP95: percentile(done.map((r) => r.handledAt - r.listenerAt), 95),
        waitForFrame: median(done.map((r) => r.rafAt - r.handledAt)),
        renderAndPaint: median(inputs.map((r) => r.paintedAt - r.rafAt)),
        renderAndPaintP95: percentile(inputs.map((r) => r.paintedAt - r.rafAt), 95),
      },
      // Entries exist only for events whose duration (rounded to 8 ms) is
      // >= 16 ms; moves without one count as < 16 ms.
      eventTiming: eventTiming
        ? {
            supported: true,
            durationThreshold: 16,
            inputEntries: et.length,
            inputDurationP95Ms: etP95(et),
            inputDurationMaxMs: et.length ? Math.max(...et.map((e) => e.duration)) : null,
            keydownEntries: etKeydown.length,
            keydownDurationMedianMs: etKeydown.length > inputs.length / 2
              ? percentile([...etKeydown.map((e) => e.duration), ...Array(Math.max(0, inputs.length - etKeydown.length)).fill(0)], 50)
              : '< 16',
            keydownDurationP95Ms: etP95(etKeydown),
            keydownDurationMaxMs: etKeydown.length ? Math.max(...etKeydown.map((e) => e.duration)) : null,
            keydownProcessingMedianMs: median(etKeydown.map((e) => e.processingEnd - e.processingStart)),
          }
        : { supported: false },
      errors,
      samples: inputs.map((r) => ({ value: r.value, latencyMs: round(r.latency, 2), frames: r.frames })),
    };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- c. worker time

async function workerTime(browser, url) {
  const { context, page, errors } = await newPage(browser);
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('[data-app-ready]', { state: 'attached', timeout: 20_000 });
    await page.waitForSelector('[data-bands-state="ready"]', { timeout: 20_000 });
    // Log every change of the bands status (state and text) with its time.
    await page.evaluate(() => {
      const log = (window.__benchBands = []);
      const read = () => {
        const el = document.querySelector('[data-bands-state]');
        return { state: el?.getAttribute('data-bands-state'), text: el?.textContent ?? '', t: performance.now() };
      };
      new MutationObserver((muts) => {
        if (muts.some((m) => (m.target.nodeType === 1 ? m.target : m.target.parentElement)?.closest?.('[data-bands-state]')))
          log.push(read());
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const slider = page.locator(`[data-lever="${SLIDER}"] input[data-role="reach"]`);
    await slider.focus();

    const runs = [];
    for (let i = 1; i <= SETTLED_POSITIONS; i++) {
      const since = await page.evaluate(() => performance.now());
      // Two steps of 5: positions 10, 20, ... 100.
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      // Settled: bands "ready", with a status change after the move, and no
      // further change for 300 ms.
      const r = await page.evaluate(
        ({ since, value }) =>
          new Promise((resolve, reject) => {
            const deadline = performance.now() + 20_000;
            const tick = () => {
              const log = window.__benchBands.filter((e) => e.t > since);
              const last = log.at(-1);
              const input = document.activeElement;
              if (last && last.state === 'ready' && performance.now() - last.t > 300 && input?.value === String(value)) {
                const pending = log.find((e) => e.state === 'pending');
                return resolve({ text: last.text, wallMs: pending ? last.t - pending.t : null, changes: log.length });
              }
              if (performance.now() > deadline) return reject(new Error(`bands never settled: ${JSON.stringify(log)}`));
              setTimeout(tick, 50);
            };
            tick();
          }),
        { since, value: i * 10 },
      );
      const m = /computed in\s+([\d.,]+)\s*ms/i.exec(r.text);
      const draws = /of\s+([\d,]+)\s+draws/i.exec(r.text);
      runs.push({
        reach: i * 10,
        computedMs: m ? Number(m[1].replace(/,/g, '')) : null,
        draws: draws ? Number(draws[1].replace(/,/g, '')) : null,
        pendingToReadyMs: round(r.wallMs),
        status: r.text.trim(),
      });
    }
    const computed = runs.map((r) => r.computedMs).filter((x) => x != null);
    return {
      runs,
      medianComputedMs: median(computed),
      medianPendingToReadyMs: median(runs.map((r) => r.pendingToReadyMs).filter((x) => x != null)),
      draws: [...new Set(runs.map((r) => r.draws))],
      errors,
    };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- e. sensitivity

/** An eight-lever plan, the workshop's own. */
/** Five levers on; the benchmark's slider (ey_language, from 0) makes the sixth. */
const SIX_LEVER_QUERY =
  '?v=2&home_learning_primary.reach=60&primary_metacognition.reach=50&secondary_feedback.reach=50' +
  '&secondary_tutoring.reach=60&careers_work_experience.reach=100';
const COMPARED = ['Early years first', 'Careers and 16-19 push'];

const PLAN_QUERY =
  '?v=2&ey_language.reach=80&home_learning_primary.reach=60&primary_metacognition.reach=50&primary_small_group_tuition.reach=40' +
  '&secondary_feedback.reach=50&secondary_tutoring.reach=60&careers_work_experience.reach=100&post16_tuition.reach=50';

async function sensitivityTime(browser, url) {
  const { context, page, errors } = await newPage(browser);
  try {
    await page.goto(url + PLAN_QUERY, { waitUntil: 'load' });
    await page.waitForSelector('[data-app-ready]', { state: 'attached', timeout: 20_000 });
    await page.waitForSelector('[data-bands-state="ready"]', { timeout: 20_000 });
    await page.click('#sensitivity summary');
    const outcomes = await page.$$eval('#sensitivity-outcome option', (os) => os.map((o) => o.value));
    const runs = [];
    for (const outcome of outcomes) {
      await page.selectOption('#sensitivity-outcome', outcome);
      await page.waitForFunction(
        (o) => document.querySelector('#sensitivity-outcome').value === o && document.querySelector('[data-sensitivity-state="ready"][data-compute-ms]'),
        outcome,
        { timeout: 20_000 },
      );
      const ms = Number(await page.$eval('#sensitivity', (s) => s.dataset.computeMs));
      const bars = await page.$$eval('[data-chart="tornado"] .tornado-row', (r) => r.length);
      runs.push({ outcome, computeMs: ms, bars });
    }
    const times = runs.map((r) => r.computeMs);
    return { runs, medianMs: median(times), maxMs: Math.max(...times), errors };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- f. area switch

/** Local authorities with names no other area's name contains, so typing one makes it the first option. */
const SWITCH_AREAS = [
  ['kent', 'Kent'], ['leeds', 'Leeds'], ['manchester', 'Manchester'], ['birmingham', 'Birmingham'], ['cornwall', 'Cornwall'],
  ['devon', 'Devon'], ['essex', 'Essex'], ['camden', 'Camden'], ['bristol_city_of', 'Bristol'], ['wiltshire', 'Wiltshire'],
];

/** In the page: press Enter in the picker and resolve with the time to the first frame painted with area `id`. */
const SWITCH_PROBE = (id) =>
  new Promise((resolve) => {
    const input = document.querySelector('#area-select');
    const start = performance.now();
    const painted = () => {
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve(performance.now() - start);
        ch.port2.postMessage(0);
      });
    };
    const obs = new MutationObserver(() => {
      if (input.dataset.areaId === id) {
        obs.disconnect();
        painted();
      }
    });
    obs.observe(input, { attributes: true, attributeFilter: ['data-area-id'] });
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  });

async function areaSwitch(browser, url) {
  const { context, page, errors } = await newPage(browser);
  await page.goto(url);
  await page.waitForSelector('[data-app-ready]');
  const runs = [];
  const open = async ([id, name], again) => {
    await page.focus('#area-select');
    await page.keyboard.press('Control+A'); // the input keeps focus after a choice
    await page.keyboard.type(name);
    const active = await page.$eval('#area-select', (i) => i.getAttribute('aria-activedescendant'));
    if (active !== `area-option-${id}`) throw new Error(`typing ${name} made ${active} the first option, not ${id}`);
    runs.push({ id, again, ms: await page.evaluate(SWITCH_PROBE, id) });
    await page.waitForTimeout(300); // let the worker's analysis and the off-screen charts settle
  };
  for (const area of SWITCH_AREAS) await open(area, false);
  for (const area of SWITCH_AREAS.slice(0, 5)) await open(area, true);
  await context.close();
  const first = runs.filter((r) => !r.again).map((r) => r.ms);
  const again = runs.filter((r) => r.again).map((r) => r.ms);
  return { runs, errors, medianMs: median(first), maxMs: Math.max(...first), againMedianMs: median(again), againMaxMs: Math.max(...again) };
}

// ---------------------------------------------------------------- d. wasm size

async function wasmSizes(dist) {
  const files = await readdir(dist);
  const worker = files.find((f) => f === 'pathways-worker_bg.wasm');
  const main = files.filter((f) => /^pathways-[0-9a-f]+_bg\.wasm$/.test(f));
  if (main.length !== 1) throw new Error(`expected one main app wasm (pathways-<hash>_bg.wasm) in dist/, found: ${main.join(', ') || 'none'}`);
  if (!worker) throw new Error('pathways-worker_bg.wasm not found in dist/');
  const size = async (f) => {
    const buf = await readFile(path.join(dist, f));
    return { file: f, rawBytes: buf.length, gzipBytes: gzipSync(buf, { level: zc.Z_BEST_COMPRESSION }).length };
  };
  return { main: await size(main[0]), worker: await size(worker) };
}

// ---------------------------------------------------------------- main

async function main() {
  let server, browser;
  try {
    server = await startSnapshotServer();
    const sizes = await wasmSizes(server.root);
    browser = await launchBrowser();

    const a = await firstRender(browser, server.url);
    // The conditions: a six-lever plan (five set by the link, the sixth the
    // slider moved) with two presets compared on the charts.
    const b = await sliderToPaint(browser, server.url + SIX_LEVER_QUERY, { compare: COMPARED });
    const floor = await sliderToPaint(browser, null, { floor: true });
    const c = await workerTime(browser, server.url);
    const e = await sensitivityTime(browser, server.url);
    const bOpen = await sliderToPaint(browser, `${server.url}?v=2&secondary_tutoring.reach=40`, { sensitivityOpen: true });
    const f = await areaSwitch(browser, server.url);

    // b': the same, with the frame clock unthrottled, in a browser of its own.
    const unthrottled = await launchBrowser(UNTHROTTLED);
    let bFree, floorFree;
    try {
      bFree = await sliderToPaint(unthrottled, server.url + SIX_LEVER_QUERY, { compare: COMPARED });
      floorFree = await sliderToPaint(unthrottled, null, { floor: true });
    } finally {
      await unthrottled.close();
    }

    const results = {
      date: new Date().toISOString(),
      dist: DEFAULT_ROOT,
      chromium: browser.version(),
      node: process.version,
      cpus: os.cpus().length,
      viewport: VIEWPORT,
      targets: TARGETS,
      firstRender: a,
      sliderToPaint: b,
      sliderToPaintFloor: floor,
      sliderToPaintUnthrottled: bFree,
      sliderToPaintUnthrottledFloor: floorFree,
      worker: c,
      sensitivity: e,
      sliderToPaintSensitivityOpen: bOpen,
      areaSwitch: f,
      wasm: sizes,
    };
    await writeFile(RESULTS, JSON.stringify(results, null, 2) + '\n');

    const mainKB = kb(sizes.main.gzipBytes);
    const et = b.eventTiming;
    const verdict = (ok) => (ok ? 'met' : 'MISSED');
    const ms = (x) => (typeof x === 'number' ? `${round(x)} ms` : `${x} ms`);
    const rows = [
      ['first render ([data-app-ready]), median of 5', `${round(a.medianReadyMs)} ms`, `< ${TARGETS.firstRenderMs} ms`, verdict(a.medianReadyMs < TARGETS.firstRenderMs)],
      ['  ... first frame painted after it', `${round(a.medianReadyPaintedMs)} ms`, '', ''],
      [`slider input -> paint, 60 Hz frame clock, median (${b.moves} moves)`, `${round(b.medianMs)} ms`, '', ''],
      ['slider input -> paint, 60 Hz frame clock, p95 (see the floor)', `${round(b.p95Ms)} ms`, '', ''],
      ['  ... max', `${round(b.maxMs)} ms`, '', ''],
      ['  ... moves painted in a later frame than the first', `${b.extraFrames}/${b.moves}`, '', ''],
      ['  floor: a bare page, same presses, median / p95', `${round(floor.medianMs)} / ${round(floor.p95Ms)} ms`, '', ''],
      ["  the app's own time per move (handling + style, layout, paint), median / p95", `${round(b.ownMedianMs)} / ${round(b.ownP95Ms)} ms`, `<= ${TARGETS.sliderP95Ms} ms`, verdict(b.ownP95Ms <= TARGETS.sliderP95Ms)],
      ['slider input -> paint, frame clock unthrottled, median / p95', `${round(bFree.medianMs)} / ${round(bFree.p95Ms)} ms`, `<= ${TARGETS.sliderP95Ms} ms`, verdict(bFree.p95Ms <= TARGETS.sliderP95Ms)],
      ['  ... max; moves painted in a later frame than the first', `${round(bFree.maxMs)} ms; ${bFree.extraFrames}/${bFree.moves}`, '', ''],
      ['  floor, frame clock unthrottled, median / p95', `${round(floorFree.medianMs)} / ${round(floorFree.p95Ms)} ms`, '', ''],
      ['  ... handling (event -> DOM updated), median / p95', `${round(b.breakdownMs.handling)} / ${round(b.breakdownMs.handlingP95)} ms`, '', ''],
      ['  ... waiting for the next frame, median', `${round(b.breakdownMs.waitForFrame)} ms`, '', ''],
      ['  ... style, layout and paint, median / p95', `${round(b.breakdownMs.renderAndPaint)} / ${round(b.breakdownMs.renderAndPaintP95)} ms`, '', ''],
      ...(et.supported
        ? [
            ['  Event Timing "input" entries (>= 16 ms)', `${et.inputEntries}/${b.moves}`, '', ''],
            [
              '  Event Timing keydown duration, median / p95 (rounded to 8 ms; includes the wait for the tick)',
              `${ms(et.keydownDurationMedianMs)} / ${ms(et.keydownDurationP95Ms)}`,
              '',
              '',
            ],
            [
              '  ... on the bare page (the floor)',
              `${ms(floor.eventTiming.keydownDurationMedianMs)} / ${ms(floor.eventTiming.keydownDurationP95Ms)}`,
              '',
              '',
            ],
            [
              '  ... frame clock unthrottled: the app / the bare page',
              `${ms(bFree.eventTiming.keydownDurationP95Ms)} / ${ms(floorFree.eventTiming.keydownDurationP95Ms)}`,
              '',
              '',
            ],
          ]
        : [['  Event Timing', 'not supported', '', '']]),
      [`worker, ${c.draws.join('/')} draws, median of ${c.runs.length}`, `${round(c.medianComputedMs)} ms`, '', ''],
      ['  ... pending -> ready, wall clock', `${round(c.medianPendingToReadyMs)} ms`, '', ''],
      [`sensitivity (in the worker), 8 levers, median of ${e.runs.length} headlines`, `${round(e.medianMs)} ms`, '', ''],
      ['  ... max', `${round(e.maxMs)} ms`, '', ''],
      // Under the 60 Hz clock, like the first slider row: compare with its floor, not 12 ms.
      [`slider input -> paint, 60 Hz frame clock, sensitivity open, median / p95`, `${round(bOpen.medianMs)} / ${round(bOpen.p95Ms)} ms`, '', ''],
      [`area switch: Enter to the new projection painted, ${f.runs.filter((r) => !r.again).length} LAs opened first, median / max`, `${round(f.medianMs)} / ${round(f.maxMs)} ms`, `<= ${TARGETS.areaSwitchMs} ms`, verdict(f.maxMs <= TARGETS.areaSwitchMs)],
      ['  ... opened again, median / max', `${round(f.againMedianMs)} / ${round(f.againMaxMs)} ms`, '', ''],
      [`main wasm gzip -9 (${sizes.main.file})`, `${round(mainKB)} KB`, `< ${TARGETS.mainWasmGzipKB} KB`, verdict(mainKB < TARGETS.mainWasmGzipKB)],
      [`  raw`, `${round(kb(sizes.main.rawBytes))} KB`, '', ''],
      [`worker wasm gzip -9 (${sizes.worker.file})`, `${round(kb(sizes.worker.gzipBytes))} KB`, '', ''],
      [`  raw`, `${round(kb(sizes.worker.rawBytes))} KB`, '', ''],
    ];
    const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), ['measure', 'result', 'target'][i].length));
    const line = (r) => `${r[0].padEnd(w[0])}  ${r[1].padStart(w[1])}  ${r[2].padEnd(w[2])}  ${r[3]}`.trimEnd();
    console.log(`Pathways bench: Chromium ${results.chromium}, ${results.cpus} CPUs, ${VIEWPORT.width}x${VIEWPORT.height}, loopback (KB = 1,024 bytes)`);
    console.log(line(['measure', 'result', 'target', '']));
    console.log(line(w.map((n) => '-'.repeat(n)).concat('')));
    rows.forEach((r) => console.log(line(r)));
    if (b.notUpdated) console.log(`note: ${b.notUpdated} slider moves did not update the DOM within 10 frames`);
    const errs = [...a.loads.flatMap((l) => l.errors ?? []), ...b.errors, ...bFree.errors, ...c.errors, ...e.errors, ...bOpen.errors, ...f.errors];
    if (errs.length) console.log(`page errors during the run:\n  ${errs.join('\n  ')}`);
    console.log(`results written to ${path.relative(process.cwd(), RESULTS) || RESULTS}`);
  } finally {
    await browser?.close();
    await server?.close();
  }
}

main().catch((err) => {
  console.error(`bench crashed: ${err?.stack ?? err}`);
  process.exit(1);
});
