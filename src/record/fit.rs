//! Fits the drift and cohort noise of docs/MODEL.md §6a on the record, on the latent
//! (probit) scale.
//!
//! - **England** (national): for every pair of years *a < b* with comparable figures, the
//!   squared change *d² = (Φ⁻¹(E_b) − Φ⁻¹(E_a))²* has expectation *2τ² + (b − a) σ_N²*: a
//!   random walk with variance σ_N² a year and one-year departures of variance τ². Least
//!   squares of *d²* on *(1, b − a)* gives both.
//! - **Each authority against England**: the change in its distance from England,
//!   *D = (y_b − e_b) − (y_a − e_a)*, has expectation *E[D²] = (b − a) σ_A² + k (v_a + v_b)*,
//!   with *v* the binomial variance of the authority's published rate on the latent scale
//!   (its own group size) and *k* the cohort-noise factor. Least squares of *D²* on
//!   *(b − a, v_a + v_b)*, without intercept, over every pair of every authority fitted,
//!   is where the fit starts; σ_A² and *k* are then matched on the band: the pair that puts
//!   80% of the pairs inside the P10-P90 band in each gap group ([`matched_to_the_band`]).

use std::fmt::Write as _;

use super::{binomial_latent_variance, comparable, latent, Half, Record, RECORDED_STAGES};
use crate::model::drift::{Drift, GroupDrift, StageDrift};
use crate::model::monte_carlo::Z90;
use crate::model::{Group, Sourced, Stage};

/// The smallest cohort-noise factor a fit may give (the data file's lower limit).
const MIN_NOISE_FACTOR: f64 = 0.05;

/// One group's fitted spreads at one stage, as variances, with what they were fitted on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fitted {
    pub national_walk_var: f64,
    pub national_year_var: f64,
    pub area_walk_var: f64,
    pub noise_factor: f64,
    pub england_pairs: usize,
    pub area_pairs: usize,
    pub areas: usize,
}

/// Pairs of years (a < b) with comparable figures in `rates`.
fn pairs<'a>(
    stage: Stage,
    rates: &'a std::collections::BTreeMap<i32, f64>,
) -> impl Iterator<Item = (i32, i32)> + 'a {
    rates.keys().flat_map(move |&a| {
        rates
            .keys()
            .filter(move |&&b| b > a && comparable(stage, a, b))
            .map(move |&b| (a, b))
    })
}

/// Least squares of y on (1, x): (intercept, slope), both kept at zero or above.
fn line_through_nonnegative(points: &[(f64, f64)]) -> (f64, f64) {
    let n = points.len() as f64;
    if n == 0.0 {
        return (0.0, 0.0);
    }
    let (sx, sy) = points
        .iter()
        .fold((0.0, 0.0), |(a, b), (x, y)| (a + x, b + y));
    let sxx: f64 = points.iter().map(|(x, _)| x * x).sum();
    let sxy: f64 = points.iter().map(|(x, y)| x * y).sum();
    let det = n * sxx - sx * sx;
    let (mut intercept, mut slope) = if det.abs() > 1e-12 {
        let slope = (n * sxy - sx * sy) / det;
        (((sy - slope * sx) / n), slope)
    } else {
        (sy / n, 0.0)
    };
    if slope < 0.0 {
        slope = 0.0;
        intercept = sy / n;
    }
    if intercept < 0.0 {
        intercept = 0.0;
        slope = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    }
    (intercept, slope)
}

/// Least squares of y on (h, v) without intercept: (walk variance, noise factor), the walk
/// kept at zero or above and the factor at [`MIN_NOISE_FACTOR`] or above.
fn walk_and_noise(rows: &[(f64, f64, f64)]) -> (f64, f64) {
    let sum = |f: &dyn Fn(&(f64, f64, f64)) -> f64| rows.iter().map(f).sum::<f64>();
    let (shh, shv, svv) = (
        sum(&|r| r.0 * r.0),
        sum(&|r| r.0 * r.1),
        sum(&|r| r.1 * r.1),
    );
    let (shy, svy) = (sum(&|r| r.0 * r.2), sum(&|r| r.1 * r.2));
    let det = shh * svv - shv * shv;
    if det.abs() < 1e-18 {
        return (0.0, 1.0);
    }
    let mut walk = (shy * svv - svy * shv) / det;
    let mut factor = (svy * shh - shy * shv) / det;
    if walk < 0.0 {
        walk = 0.0;
        factor = svy / svv;
    }
    if factor < MIN_NOISE_FACTOR {
        factor = MIN_NOISE_FACTOR;
        walk = ((shy - factor * shv) / shh).max(0.0);
    }
    (walk, factor)
}

/// Gap groups (years apart) over which [`matched_to_the_band`] matches the share inside.
const GAP_GROUPS: [(f64, f64); 4] = [(1.0, 1.0), (2.0, 3.0), (4.0, 6.0), (7.0, 9.0)];

/// How far `(walk, factor)` puts each gap group's share of rows inside the 80% band
/// from 80%: the sum over groups of pairs × (share inside − 0.8)², and the shares.
fn band_miss(rows: &[(f64, f64, f64)], walk: f64, factor: f64) -> (f64, [f64; 4]) {
    let z2 = Z90 * Z90;
    let mut inside = [0usize; 4];
    let mut total = [0usize; 4];
    for &(h, v, d2) in rows {
        let Some(g) = GAP_GROUPS.iter().position(|&(lo, hi)| h >= lo && h <= hi) else {
            continue;
        };
        total[g] += 1;
        inside[g] += usize::from(d2 <= z2 * (h * walk + v * factor));
    }
    let mut miss = 0.0;
    let mut shares = [f64::NAN; 4];
    for g in 0..4 {
        if total[g] > 0 {
            let share = inside[g] as f64 / total[g] as f64;
            shares[g] = share;
            miss += total[g] as f64 * (share - 0.8).powi(2);
        }
    }
    (miss, shares)
}

/// The walk variance and noise factor that put 80% of the fitted pairs inside the band in
/// every gap group (1, 2-3, 4-6 and 7-9 years apart) as nearly as a grid can: the band
/// shows P10-P90, and the changes have heavier tails than a normal, so a variance matched
/// on the mean square (`moments`, where the search starts) covers more than 80% of typical
/// changes. The search runs over multiples of the moment values, ¼ to 4 (the walk also
/// at 0), then a finer grid around the best; ties keep the first found.
fn matched_to_the_band(rows: &[(f64, f64, f64)], moments: (f64, f64)) -> (f64, f64) {
    if rows.is_empty() {
        return moments;
    }
    // A walk the least squares held at zero still gets a scale to search: a tenth of the
    // mean squared change a year.
    let walk_scale = if moments.0 > 0.0 {
        moments.0
    } else {
        rows.iter().map(|r| r.2 / r.0).sum::<f64>() / rows.len() as f64 / 10.0
    };
    let factor_scale = moments.1.max(MIN_NOISE_FACTOR);
    let search = |walks: &[f64], factors: &[f64]| {
        let mut best = (f64::INFINITY, moments.0, moments.1);
        for &w in walks {
            for &f in factors {
                let f = f.max(MIN_NOISE_FACTOR);
                let (miss, _) = band_miss(rows, w, f);
                if miss < best.0 {
                    best = (miss, w, f);
                }
            }
        }
        best
    };
    let steps = |centre: f64, lo: f64, hi: f64, n: usize| -> Vec<f64> {
        (0..=n)
            .map(|i| centre * (lo.ln() + (hi / lo).ln() * i as f64 / n as f64).exp())
            .collect()
    };
    let mut walks = vec![0.0];
    walks.extend(steps(walk_scale, 0.25, 4.0, 40));
    let coarse = search(&walks, &steps(factor_scale, 0.25, 4.0, 40));
    let fine_walks = if coarse.1 > 0.0 {
        steps(coarse.1, 0.9, 1.1, 20)
    } else {
        vec![0.0]
    };
    let fine = search(&fine_walks, &steps(coarse.2, 0.9, 1.1, 20));
    (fine.1, fine.2)
}

/// One authority's change in its distance from England between two published years, on
/// the latent scale: *D = (y_b − e_b) − (y_a − e_a)*, with the two years' binomial variance
/// *v_a + v_b* from its own group sizes.
struct DistanceChange {
    years_apart: i32,
    variance: f64,
    change: f64,
}

/// Every comparable pair of years (a < b) of every authority of `half` with both years'
/// group sizes and England's figures, kept when `keep(b − a)`: the changes, and how many
/// authorities have one. The drift fit takes every pair, the chance band consecutive ones.
fn distance_changes(
    record: &Record,
    stage: Stage,
    group: Group,
    half: Option<Half>,
    keep: impl Fn(i32) -> bool,
) -> (Vec<DistanceChange>, usize) {
    let england = &record.england.get(stage, group).rates;
    let (mut changes, mut areas) = (Vec::new(), 0);
    for authority in record.authorities(half) {
        let own = authority.get(stage, group);
        let before = changes.len();
        for (a, b) in pairs(stage, &own.rates).filter(|(a, b)| keep(b - a)) {
            let (Some(ea), Some(eb), Some(na), Some(nb)) = (
                england.get(&a),
                england.get(&b),
                own.sizes.get(&a),
                own.sizes.get(&b),
            ) else {
                continue;
            };
            let (ya, yb) = (own.rates[&a], own.rates[&b]);
            changes.push(DistanceChange {
                years_apart: b - a,
                variance: binomial_latent_variance(ya, *na) + binomial_latent_variance(yb, *nb),
                change: (latent(yb) - latent(*eb)) - (latent(ya) - latent(*ea)),
            });
        }
        areas += usize::from(changes.len() > before);
    }
    (changes, areas)
}

/// Fits one stage and group on the authorities of `half` (all of them for `None`).
pub fn fit_group(record: &Record, stage: Stage, group: Group, half: Option<Half>) -> Fitted {
    let england = &record.england.get(stage, group).rates;
    let national: Vec<(f64, f64)> = pairs(stage, england)
        .map(|(a, b)| {
            let d = latent(england[&b]) - latent(england[&a]);
            (f64::from(b - a), d * d)
        })
        .collect();
    let (intercept, national_walk_var) = line_through_nonnegative(&national);

    let (changes, areas) = distance_changes(record, stage, group, half, |_| true);
    let rows: Vec<(f64, f64, f64)> = changes
        .iter()
        .map(|c| (f64::from(c.years_apart), c.variance, c.change * c.change))
        .collect();
    let (area_walk_var, noise_factor) = matched_to_the_band(&rows, walk_and_noise(&rows));
    Fitted {
        national_walk_var,
        national_year_var: intercept / 2.0,
        area_walk_var,
        noise_factor,
        england_pairs: national.len(),
        area_pairs: rows.len(),
        areas,
    }
}

fn round_to(x: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (x * scale).round() / scale
}

/// The catalogue's `drift` section, fitted on the first half of the authorities, each
/// value with the words of its fit. Post-19 has no FSM series: it takes Level 3's values,
/// labelled as an assumption.
pub fn drift_section(record: &Record) -> Drift {
    let fitted = |stage: Stage| -> StageDrift {
        let group = |group: Group| {
            let f = fit_group(record, stage, group, Some(Half::Fit));
            let what = format!(
                "{} {} pupils' {}",
                stage.label(),
                group.label(),
                stage.outcome()
            );
            let national = format!(
                "England's published series of {what} (LAIT via the area files, 2016-2025), {} pairs of comparable years: least squares of the squared change on the probit scale on the years apart, whose slope is the walk's variance a year and whose intercept twice the one-year departures' variance",
                f.england_pairs
            );
            let area = format!(
                "{} authorities' series of {what} against England's (LAIT via the area files, 2016-2025; the authorities in even places by id, the other half kept for the back-test), {} pairs of comparable years: the walk a year and the factor on the two years' binomial variance (the authority's own group size) that put 80% of the changes in the distance from England on the probit scale inside the P10-P90 band, in each group of pairs 1, 2-3, 4-6 and 7-9 years apart, starting from least squares of the squared change",
                f.areas, f.area_pairs
            );
            let cite =
                |text: &str| format!("Fitted by pathways-record fit (docs/MODEL.md §6a): {text}.");
            GroupDrift {
                national_walk_sd: Sourced::source(
                    round_to(f.national_walk_var.sqrt(), 4),
                    &cite(&national),
                ),
                national_year_sd: Sourced::source(
                    round_to(f.national_year_var.sqrt(), 4),
                    &cite(&national),
                ),
                area_walk_sd: Sourced::source(round_to(f.area_walk_var.sqrt(), 4), &cite(&area)),
                cohort_noise_factor: Sourced::source(round_to(f.noise_factor, 2), &cite(&area)),
            }
        };
        StageDrift {
            fsm: group(Group::Fsm),
            non_fsm: group(Group::NonFsm),
        }
    };
    let [early_years, ks2, ks4, level3_by_19] = RECORDED_STAGES.map(fitted);
    let as_assumed = |value: &Sourced<f64>, name: &str| {
        Sourced::assumption(
            value.value,
            &format!("No FSM series of EET at 20 is published by local authority: post-19 takes Level 3 by 19's fitted {name}."),
        )
    };
    let assumed = |g: &GroupDrift| GroupDrift {
        national_walk_sd: as_assumed(&g.national_walk_sd, "national walk"),
        national_year_sd: as_assumed(&g.national_year_sd, "national one-year departures"),
        area_walk_sd: as_assumed(&g.area_walk_sd, "walk against England"),
        cohort_noise_factor: as_assumed(&g.cohort_noise_factor, "cohort-noise factor"),
    };
    let post19 = StageDrift {
        fsm: assumed(&level3_by_19.fsm),
        non_fsm: assumed(&level3_by_19.non_fsm),
    };
    Drift {
        early_years,
        ks2,
        ks4,
        level3_by_19,
        post19,
    }
}

/// `catalogue` (the text of static/data/levers.json) with its `drift` section replaced
/// by `drift`, the rest of the text untouched. `None` when the file has no top-level
/// `drift` section followed by another key (the file is written two spaces a level).
pub fn with_drift(catalogue: &str, drift: &Drift) -> Option<String> {
    with_section(catalogue, "drift", drift)
}

/// `catalogue` with its top-level `key` section replaced by `value`, as [`with_drift`].
pub fn with_section<T: serde::Serialize>(catalogue: &str, key: &str, value: &T) -> Option<String> {
    let opening = format!("\n  \"{key}\": ");
    let start = catalogue.find(&opening)? + opening.len();
    // The next top-level key is the first line indented by exactly two spaces.
    let next = catalogue[start..].find("\n  \"")?;
    let end = start + catalogue[start..start + next].rfind(',')?;
    let section = serde_json::to_string_pretty(value).ok()?;
    let mut out = String::with_capacity(catalogue.len());
    out.push_str(&catalogue[..start]);
    for (i, line) in section.lines().enumerate() {
        if i > 0 {
            out.push_str("\n  ");
        }
        out.push_str(line);
    }
    out.push_str(&catalogue[end..]);
    Some(out)
}

/// One-year changes (consecutive published years) of each authority's distance from
/// England at `stage`, FSM pupils, on the latent scale: each as *D² / (z² (v_a + v_b))*,
/// the one-year noise factor at which that change would sit on the band's edge. With the
/// number of authorities that have one.
fn one_year_ratios(record: &Record, stage: Stage, half: Option<Half>) -> (Vec<f64>, usize) {
    let (changes, areas) = distance_changes(record, stage, Group::Fsm, half, |apart| apart == 1);
    let ratios = changes
        .iter()
        .map(|c| c.change * c.change / (Z90 * Z90 * c.variance))
        .collect();
    (ratios, areas)
}

/// The one-year noise factor fitted on `half`: the 80th percentile of the one-year
/// ratios, so that a fifth of one-year changes fall outside the band (matched on the
/// share, not the variance: the changes have heavy tails). With the pairs and areas.
pub fn chance_factor(record: &Record, stage: Stage, half: Option<Half>) -> (f64, usize, usize) {
    let (mut ratios, areas) = one_year_ratios(record, stage, half);
    if ratios.is_empty() {
        return (1.0, 0, 0);
    }
    ratios.sort_by(f64::total_cmp);
    // Nearest rank: the smallest ratio with at least 80% of them at or below it.
    let rank = ((0.8 * ratios.len() as f64).ceil() as usize).clamp(1, ratios.len());
    (ratios[rank - 1], ratios.len(), areas)
}

/// The share of `half`'s one-year changes outside the band that factor `k` gives.
pub fn outside_share(record: &Record, stage: Stage, half: Option<Half>, k: f64) -> (f64, usize) {
    let (ratios, _) = one_year_ratios(record, stage, half);
    let outside = ratios.iter().filter(|&&r| r > k).count();
    (outside as f64 / ratios.len().max(1) as f64, ratios.len())
}

/// The catalogue's `chance_band` section, fitted on the first half of the authorities.
pub fn chance_band_section(record: &Record) -> crate::model::diagnosis::ChanceBand {
    let fitted = |stage: Stage| {
        let (k, pairs, areas) = chance_factor(record, stage, Some(Half::Fit));
        Sourced::source(
            round_to(k, 2),
            &format!(
                "Fitted by pathways-record fit (docs/MODEL.md §14): {areas} authorities' one-year changes in their distance from England of {} FSM pupils' {} (LAIT via the area files, 2016-2025; the authorities in even places by id), {pairs} pairs of consecutive years: the 80th percentile of each change's square over the two years' binomial variance (the authority's own group size) times 1.2816², so that a fifth of one-year changes fall outside the band",
                stage.label(),
                stage.outcome()
            ),
        )
    };
    crate::model::diagnosis::ChanceBand {
        early_years: fitted(Stage::EarlyYears),
        ks2: fitted(Stage::Ks2),
        ks4: fitted(Stage::Ks4),
        level3_by_19: fitted(Stage::Level3By19),
    }
}

/// The chance band's factors and how often one-year changes fall outside it, on the half
/// fitted and on the half not fitted (the check), for docs/VALIDATION.md §13.
pub fn chance_summary(record: &Record) -> String {
    let mut out = String::from(
        "| stage | one-year noise factor k₁ | outside the band: fitted half | not fitted half | pairs (fitted / not) |\n|---|---|---|---|---|\n",
    );
    for stage in RECORDED_STAGES {
        let (k, _, _) = chance_factor(record, stage, Some(Half::Fit));
        let k = round_to(k, 2);
        let (fit_share, fit_pairs) = outside_share(record, stage, Some(Half::Fit), k);
        let (test_share, test_pairs) = outside_share(record, stage, Some(Half::Test), k);
        let _ = writeln!(
            out,
            "| {} | {k:.2} | {:.1}% | {:.1}% | {fit_pairs} / {test_pairs} |",
            stage.label(),
            100.0 * fit_share,
            100.0 * test_share
        );
    }
    out
}

/// The fitted values as a table, for the terminal and docs/VALIDATION.md.
pub fn summary(record: &Record) -> String {
    let mut out = String::from(
        "| stage | group | national walk SD a year | national one-year SD | walk against England SD a year | cohort-noise factor | pairs (England / authorities) |\n|---|---|---|---|---|---|---|\n",
    );
    for stage in RECORDED_STAGES {
        for group in Group::ALL {
            let f = fit_group(record, stage, group, Some(Half::Fit));
            let _ = writeln!(
                out,
                "| {} | {} | {:.4} | {:.4} | {:.4} | {:.2} | {} / {} |",
                stage.label(),
                group.label(),
                f.national_walk_var.sqrt(),
                f.national_year_var.sqrt(),
                f.area_walk_var.sqrt(),
                f.noise_factor,
                f.england_pairs,
                f.area_pairs
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_national_line_is_least_squares_with_nonnegative_parts() {
        // y = 2 + 3x exactly.
        let (c, s) = line_through_nonnegative(&[(1.0, 5.0), (2.0, 8.0), (3.0, 11.0)]);
        assert!((c - 2.0).abs() < 1e-12 && (s - 3.0).abs() < 1e-12);
        // Falling: the slope is held at 0 and the intercept is the mean, 2.
        let (c, s) = line_through_nonnegative(&[(1.0, 3.0), (2.0, 2.0), (3.0, 1.0)]);
        assert!((c - 2.0).abs() < 1e-12 && s == 0.0);
    }

    #[test]
    fn walk_and_noise_recover_the_parts_of_an_exact_sum() {
        // y = 0.002 h + 1.5 v for three rows: solved exactly.
        let rows = [
            (1.0, 0.01, 0.002 + 0.015),
            (2.0, 0.02, 0.004 + 0.03),
            (3.0, 0.005, 0.006 + 0.0075),
        ];
        let (walk, factor) = walk_and_noise(&rows);
        assert!((walk - 0.002).abs() < 1e-12, "{walk}");
        assert!((factor - 1.5).abs() < 1e-9, "{factor}");
    }

    /// Rows (years apart, binomial variance, squared change) drawn from a walk of variance
    /// 0.002 a year plus cohort noise of factor 1.5, the change scaled by `tail` (1 for a
    /// normal; a mixture otherwise).
    fn drawn_rows(tail: impl Fn(f64, f64) -> f64) -> Vec<(f64, f64, f64)> {
        use rand::SeedableRng;
        use rand_distr::{Distribution, StandardNormal};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let mut rows = Vec::new();
        for i in 0..20_000 {
            let h = f64::from(1 + i % 9);
            let v = 0.004 + 0.002 * f64::from(i % 5);
            let z: f64 = StandardNormal.sample(&mut rng);
            let u: f64 = StandardNormal.sample(&mut rng);
            let d = z * (0.002 * h + 1.5 * v).sqrt() * tail(u, z);
            rows.push((h, v, d * d));
        }
        rows
    }

    #[test]
    fn the_band_match_recovers_a_normal_walk_and_noise() {
        let rows = drawn_rows(|_, _| 1.0);
        let (walk, factor) = matched_to_the_band(&rows, walk_and_noise(&rows));
        assert!((walk / 0.002 - 1.0).abs() < 0.2, "{walk}");
        assert!((factor / 1.5 - 1.0).abs() < 0.2, "{factor}");
        let (_, shares) = band_miss(&rows, walk, factor);
        assert!(shares.iter().all(|s| (s - 0.8).abs() < 0.01), "{shares:?}");
    }

    #[test]
    fn heavy_tails_make_the_band_match_narrower_than_the_moments() {
        // One change in ten is three times as large: the mean square is 1.8 times the
        // normal's, but 80% of changes are still the normal's, whose 80% range the band
        // must match.
        let rows = drawn_rows(|u, _| if u > 1.2816 { 3.0 } else { 1.0 });
        let moments = walk_and_noise(&rows);
        let (walk, factor) = matched_to_the_band(&rows, moments);
        assert!(
            walk < 0.8 * moments.0 && factor < 0.8 * moments.1,
            "{walk} {factor} {moments:?}"
        );
        let (_, shares) = band_miss(&rows, walk, factor);
        assert!(shares.iter().all(|s| (s - 0.8).abs() < 0.02), "{shares:?}");
        let (_, at_moments) = band_miss(&rows, moments.0, moments.1);
        assert!(at_moments.iter().all(|s| *s > 0.84), "{at_moments:?}");
    }

    #[test]
    fn the_drift_section_is_spliced_into_the_catalogue_text() {
        let catalogue = "{\n  \"at_scale\": {},\n  \"drift\": {\"old\": 1},\n  \"levers\": []\n}\n";
        let drift = crate::model::LeverCatalogue::standard().drift;
        let out = with_drift(catalogue, &drift).unwrap();
        assert!(out.starts_with("{\n  \"at_scale\": {},\n  \"drift\": {\n    \"early_years\""));
        assert!(out.ends_with("\n  },\n  \"levers\": []\n}\n"), "{out}");
        assert!(!out.contains("old"));
    }
}
