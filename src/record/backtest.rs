//! The rolling-origin back-test: for every authority and every as-of year from 2016 to
//! 2023, the baseline with no levers, its 80% level band for each year after, and where
//! the authority's published FSM figure then fell: below P10, inside, or above P90.

use std::fmt::Write as _;

use super::{comparable, latent, AreaRecord, Half, Record, LAST_RECORDED_YEAR, RECORDED_STAGES};
use crate::model::{Group, LeverCatalogue, Model, Plan, Stage};

/// The as-of years tested: every origin with at least two later years on record.
pub const ORIGINS: std::ops::RangeInclusive<i32> = 2016..=2023;
/// The longest horizon, in years after the as-of year.
pub const MAX_HORIZON: usize = 9;

/// Counts below P10, inside the band, above P90.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub below: u32,
    pub inside: u32,
    pub above: u32,
}

impl Tally {
    pub fn total(&self) -> u32 {
        self.below + self.inside + self.above
    }

    fn add(&mut self, other: &Tally) {
        self.below += other.below;
        self.inside += other.inside;
        self.above += other.above;
    }

    fn share(&self, n: u32) -> f64 {
        if self.total() == 0 {
            f64::NAN
        } else {
            100.0 * f64::from(n) / f64::from(self.total())
        }
    }

    pub fn inside_pct(&self) -> f64 {
        self.share(self.inside)
    }
    pub fn below_pct(&self) -> f64 {
        self.share(self.below)
    }
    pub fn above_pct(&self) -> f64 {
        self.share(self.above)
    }
}

/// The back-test's counts by [stage index][horizon − 1], FSM figures only.
#[derive(Debug, Clone, Default)]
pub struct Coverage {
    pub by_horizon: [[Tally; MAX_HORIZON]; Stage::COUNT],
    pub authorities: usize,
    pub projections: usize,
}

/// Horizon groups reported in the table: 1-3, 4-6 and 7-9 years after the as-of year.
pub const HORIZON_GROUPS: [(usize, usize); 3] = [(1, 3), (4, 6), (7, 9)];

impl Coverage {
    pub fn group(&self, stage: Stage, (from, to): (usize, usize)) -> Tally {
        let mut tally = Tally::default();
        for h in from..=to {
            tally.add(&self.by_horizon[stage.index()][h - 1]);
        }
        tally
    }

    pub fn stage(&self, stage: Stage) -> Tally {
        self.group(stage, (1, MAX_HORIZON))
    }

    /// A table row's cells: each of [`HORIZON_GROUPS`], then every horizon together.
    pub fn cells(&self, stage: Stage) -> impl Iterator<Item = Tally> + '_ {
        HORIZON_GROUPS
            .iter()
            .map(move |g| self.group(stage, *g))
            .chain(std::iter::once(self.stage(stage)))
    }
}

/// Whether the national part is drawn (the band a board sees) or taken as known: the
/// band without England's change, set against the authority's figure less England's real
/// change on the latent scale, which tests the area's own drift and cohort noise alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum National {
    Drawn,
    Known,
}

/// The catalogue with England's walk and one-year departures set to zero.
pub fn without_national(catalogue: &LeverCatalogue) -> LeverCatalogue {
    let mut catalogue = catalogue.clone();
    for stage in Stage::ALL {
        for group in Group::ALL {
            let d = catalogue.drift.get_mut(stage, group);
            d.national_walk_sd.value = 0.0;
            d.national_year_sd.value = 0.0;
        }
    }
    catalogue
}

/// One authority's projections from each origin, tallied into `coverage`.
fn test_authority(
    authority: &AreaRecord,
    england: &AreaRecord,
    catalogue: &LeverCatalogue,
    national: National,
    draws: u32,
    seed: u64,
    coverage: &mut Coverage,
) {
    let mut tested = false;
    for origin in ORIGINS {
        let Ok(area) = authority.area.as_of_year(origin) else {
            continue;
        };
        let model = Model::new(area, catalogue.clone());
        let bands = model.monte_carlo(&Plan::default(), draws, seed);
        coverage.projections += 1;
        tested = true;
        for stage in RECORDED_STAGES {
            let rates = &authority.get(stage, Group::Fsm).rates;
            // The published year the as-of figure comes from: the latest up to the origin.
            let Some(&figure_year) = rates.keys().rev().find(|&&y| y <= origin) else {
                continue;
            };
            for h in 1..=MAX_HORIZON {
                let year = origin + h as i32;
                if year > LAST_RECORDED_YEAR || !comparable(stage, figure_year, year) {
                    continue;
                }
                let (Some(&seen), Some(band)) = (rates.get(&year), bands.year(year)) else {
                    continue;
                };
                let seen = match national {
                    National::Drawn => seen,
                    National::Known => {
                        let england = &england.get(stage, Group::Fsm).rates;
                        let (Some(then), Some(now)) =
                            (england.get(&figure_year), england.get(&year))
                        else {
                            continue;
                        };
                        crate::model::normal::cdf(latent(seen) - (latent(*now) - latent(*then)))
                    }
                };
                let band = band.stages[stage.index()].fsm_rate;
                let tally = &mut coverage.by_horizon[stage.index()][h - 1];
                if seen < band.p10 {
                    tally.below += 1;
                } else if seen > band.p90 {
                    tally.above += 1;
                } else {
                    tally.inside += 1;
                }
            }
        }
    }
    coverage.authorities += usize::from(tested);
}

/// The back-test on the authorities of `half` (all for `None`).
pub fn run(
    record: &Record,
    catalogue: &LeverCatalogue,
    national: National,
    half: Option<Half>,
    draws: u32,
    seed: u64,
) -> Coverage {
    let catalogue = match national {
        National::Drawn => catalogue.clone(),
        National::Known => without_national(catalogue),
    };
    let mut coverage = Coverage::default();
    let authorities = record.authorities(half);
    for authority in authorities {
        test_authority(
            authority,
            &record.england,
            &catalogue,
            national,
            draws,
            seed,
            &mut coverage,
        );
    }
    coverage
}

fn pct(x: f64) -> String {
    if x.is_nan() {
        "–".to_owned()
    } else {
        format!("{x:.0}%")
    }
}

/// The head of a table by stage with a column per horizon group and one for all.
fn table_header() -> String {
    let mut out = String::from("| stage |");
    for (from, to) in HORIZON_GROUPS {
        let _ = write!(out, " {from}-{to} years after |");
    }
    out.push_str(" all |\n|---|---|---|---|---|\n");
    out
}

/// The coverage table: inside the band (below P10 / above P90) by stage and horizon group.
pub fn table(coverage: &Coverage) -> String {
    let mut out = table_header();
    for stage in RECORDED_STAGES {
        let _ = write!(out, "| {} FSM |", stage.label());
        for t in coverage.cells(stage) {
            if t.total() == 0 {
                out.push_str(" no pairs |");
            } else {
                let _ = write!(
                    out,
                    " {} inside ({} below, {} above; n = {}) |",
                    pct(t.inside_pct()),
                    pct(t.below_pct()),
                    pct(t.above_pct()),
                    t.total()
                );
            }
        }
        out.push('\n');
    }
    out
}

/// Every stage and horizon as CSV: `stage,horizon_years,n,inside_pct,below_pct,above_pct`,
/// then the 5th and 95th percentile of the share inside a right model would give
/// ([`envelope`]).
pub fn csv(coverage: &Coverage, envelope: &Envelope) -> String {
    let mut out = String::from(
        "stage,horizon_years,n,inside_pct,below_pct,above_pct,right_model_p5_pct,right_model_p95_pct\n",
    );
    for stage in RECORDED_STAGES {
        for h in 1..=MAX_HORIZON {
            let t = coverage.by_horizon[stage.index()][h - 1];
            if t.total() == 0 {
                continue;
            }
            let (lo, _, hi) = envelope.horizon(stage, h);
            let _ = writeln!(
                out,
                "{},{h},{},{:.1},{:.1},{:.1},{lo:.1},{hi:.1}",
                stage.key(),
                t.total(),
                t.inside_pct(),
                t.below_pct(),
                t.above_pct()
            );
        }
    }
    out
}

/// The coverage chart: share inside the 80% band by horizon, one line per stage, with the
/// 75-85% target shaded and, as a whisker at each point, the 5th-95th percentile a right
/// model would give. A standalone SVG, with its numbers in `csv`.
pub fn svg(coverage: &Coverage, envelope: &Envelope) -> String {
    let (width, height) = (640.0, 360.0);
    let (left, right, top, bottom) = (56.0, 150.0, 24.0, 48.0);
    let plot_w = width - left - right;
    let plot_h = height - top - bottom;
    let x = |h: f64| left + (h - 1.0) / (MAX_HORIZON as f64 - 1.0) * plot_w;
    let y = |pct: f64| top + (100.0 - pct) / 100.0 * plot_h;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\" aria-labelledby=\"title\">\n<title id=\"title\">Share of local authorities' published FSM figures inside the 80% band, by years after the as-of year (docs/validation/coverage.csv)</title>\n<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n"
    );
    let _ = writeln!(
        out,
        "<rect x=\"{left}\" y=\"{:.1}\" width=\"{plot_w}\" height=\"{:.1}\" fill=\"#dfe8d8\"/>",
        y(85.0),
        y(75.0) - y(85.0)
    );
    for pct in [0.0, 20.0, 40.0, 60.0, 80.0, 100.0] {
        let _ = writeln!(
            out,
            "<line x1=\"{left}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#ccc\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{pct:.0}%</text>",
            left + plot_w,
            y(pct),
            y(pct),
            left - 6.0,
            y(pct) + 4.0
        );
    }
    for h in 1..=MAX_HORIZON {
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{h}</text>",
            x(h as f64),
            top + plot_h + 18.0
        );
    }
    let _ = writeln!(
        out,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">years after the as-of year</text>",
        left + plot_w / 2.0,
        height - 8.0
    );
    let colours = ["#1b6ca8", "#c0392b", "#7d3c98", "#1e8449"];
    for (stage, colour) in RECORDED_STAGES.iter().zip(colours) {
        let points: Vec<String> = (1..=MAX_HORIZON)
            .filter_map(|h| {
                let t = coverage.by_horizon[stage.index()][h - 1];
                (t.total() > 0).then(|| format!("{:.1},{:.1}", x(h as f64), y(t.inside_pct())))
            })
            .collect();
        if points.is_empty() {
            continue;
        }
        // Whiskers side by side, so the four stages' ranges do not hide each other.
        let offset = (stage.index() as f64 - 1.5) * 4.0;
        for h in 1..=MAX_HORIZON {
            let (lo, _, hi) = envelope.horizon(*stage, h);
            if coverage.by_horizon[stage.index()][h - 1].total() == 0 || lo.is_nan() {
                continue;
            }
            let _ = writeln!(
                out,
                "<line x1=\"{0:.1}\" x2=\"{0:.1}\" y1=\"{1:.1}\" y2=\"{2:.1}\" stroke=\"{colour}\" stroke-opacity=\"0.45\" stroke-width=\"2\"/>",
                x(h as f64) + offset,
                y(lo),
                y(hi)
            );
        }
        let _ = writeln!(
            out,
            "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{}\"/>",
            points.join(" ")
        );
        for p in &points {
            let (px, py) = p.split_once(',').unwrap_or(("0", "0"));
            let _ = writeln!(
                out,
                "<circle cx=\"{px}\" cy=\"{py}\" r=\"3\" fill=\"{colour}\"/>"
            );
        }
        let row = stage.index() as f64;
        let _ = writeln!(
            out,
            "<line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"{colour}\" stroke-width=\"2\"/><text x=\"{:.1}\" y=\"{:.1}\">{} FSM</text>",
            left + plot_w + 12.0,
            left + plot_w + 32.0,
            top + 12.0 + 20.0 * row,
            top + 12.0 + 20.0 * row,
            left + plot_w + 38.0,
            top + 16.0 + 20.0 * row,
            stage.label()
        );
    }
    let _ = writeln!(
        out,
        "<text x=\"{:.1}\" y=\"{:.1}\">shaded: 75-85% target</text>",
        left + plot_w + 12.0,
        top + 16.0 + 20.0 * 4.5
    );
    let _ = writeln!(
        out,
        "<text x=\"{:.1}\" y=\"{:.1}\">whiskers: what a right</text><text x=\"{:.1}\" y=\"{:.1}\">model gives (P5-P95)</text>",
        left + plot_w + 12.0,
        top + 16.0 + 20.0 * 5.5,
        left + plot_w + 12.0,
        top + 16.0 + 20.0 * 6.2
    );
    out.push_str("</svg>\n");
    out
}

/// One pair the back-test sets a band against: an authority (its place in the half), a
/// stage, the year its as-of figure comes from, the as-of year and the year published.
#[derive(Debug, Clone, Copy)]
struct PairSpec {
    authority: usize,
    stage: Stage,
    figure_year: i32,
    origin: i32,
    year: i32,
    /// The two years' binomial variances on the latent scale (before the noise factor).
    v_figure: f64,
    v_year: f64,
}

/// The pairs [`run`] tests on `half`, without projecting anything.
fn pair_specs(record: &Record, half: Option<Half>) -> Vec<PairSpec> {
    let mut specs = Vec::new();
    for (i, authority) in record.authorities(half).into_iter().enumerate() {
        for origin in ORIGINS {
            if authority.area.as_of_year(origin).is_err() {
                continue;
            }
            for stage in RECORDED_STAGES {
                let own = authority.get(stage, Group::Fsm);
                let Some(&figure_year) = own.rates.keys().rev().find(|&&y| y <= origin) else {
                    continue;
                };
                for h in 1..=MAX_HORIZON as i32 {
                    let year = origin + h;
                    if year > LAST_RECORDED_YEAR || !comparable(stage, figure_year, year) {
                        continue;
                    }
                    // Both years' group sizes too: a pair without them cannot be re-drawn
                    // (every pair the back-test tests has them).
                    let (Some(&seen), Some(&then), Some(&n_year), Some(&n_figure)) = (
                        own.rates.get(&year),
                        own.rates.get(&figure_year),
                        own.sizes.get(&year),
                        own.sizes.get(&figure_year),
                    ) else {
                        continue;
                    };
                    specs.push(PairSpec {
                        authority: i,
                        stage,
                        figure_year,
                        origin,
                        year,
                        v_figure: super::binomial_latent_variance(then, n_figure),
                        v_year: super::binomial_latent_variance(seen, n_year),
                    });
                }
            }
        }
    }
    specs
}

/// What the back-test's shares inside the band would be if the model were exactly right:
/// for each stage and horizon group (and all horizons), the 5th, 50th and 95th percentile
/// of the share inside over `replicates` synthetic records drawn from the model itself.
/// All authorities share one England, so a horizon group with few origins holds few
/// independent national outcomes and its share strays far from 80% even for a right model.
#[derive(Debug, Clone)]
pub struct Envelope {
    /// By [stage index][slot]: (P5, P50, P95) of the percent inside, NaN without pairs.
    /// Slots: each horizon 1..=9 ([`MAX_HORIZON`]), then each of [`HORIZON_GROUPS`], then
    /// every horizon together.
    cells: Vec<[(f64, f64, f64); ENVELOPE_SLOTS]>,
    pub replicates: usize,
}

/// Every horizon, each horizon group, and all together.
const ENVELOPE_SLOTS: usize = MAX_HORIZON + HORIZON_GROUPS.len() + 1;

impl Envelope {
    /// A horizon group's (index into [`HORIZON_GROUPS`]) or, past them, every horizon's.
    pub fn group(&self, stage: Stage, group: usize) -> (f64, f64, f64) {
        self.cells[stage.index()][MAX_HORIZON + group]
    }

    /// One horizon's, 1 to [`MAX_HORIZON`] years.
    pub fn horizon(&self, stage: Stage, h: usize) -> (f64, f64, f64) {
        self.cells[stage.index()][h - 1]
    }
}

/// The back-test's pairs on `half`, each re-drawn `replicates` times from the model's own
/// drift and cohort noise (MODEL.md §6a) with the catalogue's values: England's walk and
/// one-year departures once per replicate and stage, shared by every authority; each
/// authority's walk and each year's cohort noise on its own. A pair is inside when its
/// drawn change from the as-of figure lies within ±1.2816 of the band's SD, the band the
/// app draws for a flat baseline (sampling error of the as-of figure, drift from the as-of
/// year, the year's cohort noise).
pub fn envelope(
    record: &Record,
    catalogue: &LeverCatalogue,
    half: Option<Half>,
    replicates: usize,
    seed: u64,
) -> Envelope {
    use rand::SeedableRng;
    use rand_distr::{Distribution, StandardNormal};

    let specs = pair_specs(record, half);
    let authorities = specs.iter().map(|p| p.authority + 1).max().unwrap_or(0);
    let years = (LAST_RECORDED_YEAR - ORIGINS.start() + 1) as usize;
    let at = |y: i32| (y - ORIGINS.start()) as usize;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut normal = || -> f64 { StandardNormal.sample(&mut rng) };
    // Percent inside, by [stage][slot][replicate].
    let mut shares: Vec<Vec<Vec<f64>>> = vec![vec![Vec::new(); ENVELOPE_SLOTS]; Stage::COUNT];
    let walk = |steps: &mut dyn FnMut() -> f64| {
        let mut total = 0.0;
        (0..years)
            .map(|_| {
                total += steps();
                total
            })
            .collect::<Vec<f64>>()
    };
    for _ in 0..replicates {
        let mut inside = [[0u32; ENVELOPE_SLOTS]; Stage::COUNT];
        let mut total = [[0u32; ENVELOPE_SLOTS]; Stage::COUNT];
        for stage in RECORDED_STAGES {
            let d = catalogue.drift.get(stage, Group::Fsm);
            let (sn, tau, sa, k) = (
                d.national_walk_sd.value,
                d.national_year_sd.value,
                d.area_walk_sd.value,
                d.cohort_noise_factor.value,
            );
            let national = walk(&mut normal);
            let departures: Vec<f64> = (0..years).map(|_| normal()).collect();
            let own: Vec<(Vec<f64>, Vec<f64>)> = (0..authorities)
                .map(|_| {
                    let w = walk(&mut normal);
                    let e = (0..years).map(|_| normal()).collect();
                    (w, e)
                })
                .collect();
            for p in specs.iter().filter(|p| p.stage == stage) {
                let (f, y) = (at(p.figure_year), at(p.year));
                let (area_walk, noise) = &own[p.authority];
                let change = sn * (national[y] - national[f])
                    + tau * (departures[y] - departures[f])
                    + sa * (area_walk[y] - area_walk[f])
                    + (k * p.v_year).sqrt() * noise[y]
                    - (k * p.v_figure).sqrt() * noise[f];
                let horizon = (p.year - p.origin) as usize;
                let band_sd = (k * (p.v_figure + p.v_year)
                    + (sn * sn + sa * sa) * horizon as f64
                    + 2.0 * tau * tau)
                    .sqrt();
                let hit = u32::from(change.abs() <= crate::model::monte_carlo::Z90 * band_sd);
                let group = HORIZON_GROUPS
                    .iter()
                    .position(|&(lo, hi)| (lo..=hi).contains(&horizon))
                    .unwrap_or(0);
                for g in [horizon - 1, MAX_HORIZON + group, ENVELOPE_SLOTS - 1] {
                    inside[stage.index()][g] += hit;
                    total[stage.index()][g] += 1;
                }
            }
        }
        for stage in RECORDED_STAGES {
            for g in 0..ENVELOPE_SLOTS {
                let n = total[stage.index()][g];
                if n > 0 {
                    shares[stage.index()][g]
                        .push(100.0 * f64::from(inside[stage.index()][g]) / f64::from(n));
                }
            }
        }
    }
    let mut cells = vec![[(f64::NAN, f64::NAN, f64::NAN); ENVELOPE_SLOTS]; Stage::COUNT];
    for (s, row) in shares.iter_mut().enumerate() {
        for (g, values) in row.iter_mut().enumerate() {
            if values.is_empty() {
                continue;
            }
            values.sort_by(f64::total_cmp);
            let q = |p: f64| values[((p * (values.len() - 1) as f64).round()) as usize];
            cells[s][g] = (q(0.05), q(0.5), q(0.95));
        }
    }
    Envelope { cells, replicates }
}

/// The observed share inside beside the share a right model would give (its 5th-95th
/// percentile over the envelope's replicates), by stage and horizon group.
pub fn envelope_table(coverage: &Coverage, envelope: &Envelope) -> String {
    let mut out = table_header();
    for stage in RECORDED_STAGES {
        let _ = write!(out, "| {} FSM |", stage.label());
        for (g, t) in coverage.cells(stage).enumerate() {
            let (lo, _, hi) = envelope.group(stage, g);
            if t.total() == 0 || lo.is_nan() {
                out.push_str(" no pairs |");
                continue;
            }
            let seen = t.inside_pct();
            let mark = if seen < lo - 0.5 || seen > hi + 0.5 {
                " **outside**"
            } else {
                ""
            };
            let _ = write!(
                out,
                " {} (a right model: {}-{}){mark} |",
                pct(seen),
                pct(lo),
                pct(hi)
            );
        }
        out.push('\n');
    }
    out
}
