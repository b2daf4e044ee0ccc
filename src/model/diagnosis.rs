//! Where an area stands (the board's first job, problem diagnosis): at each stage the
//! model projects, the area's published FSM rate and FSM gap year by year up to its as-of
//! year, against England's and its statistical neighbours', with the band chance alone
//! would give an area of its size around England's rate. Read from an area file's
//! observed series; nothing is projected. MODEL.md §14 gives the rules.

use serde::{Deserialize, Serialize};

use super::area::Area;
use super::error::{check_range, InputError};
use super::monte_carlo::Z90;
use super::normal::{cdf, density, inverse_cdf};
use super::observed::{
    stage_measure, Comparison, ObservedGroup, ObservedSeries, ObservedStage, SeriesRole,
};
use super::provenance::{check_provenance, Sourced};
use super::stage::{Group, Stage};

/// The stages with published FSM rates to diagnose (post-19 has none by FSM).
pub const DIAGNOSED_STAGES: [Stage; 4] =
    [Stage::EarlyYears, Stage::Ks2, Stage::Ks4, Stage::Level3By19];

/// How many of the latest published years the verdict and the shortfall read.
pub const RECENT_YEARS: usize = 3;

/// A difference smaller than this (in percentage points) is "level".
const LEVEL_POINTS: f64 = 0.5;

/// The catalogue's `chance_band` section: for each diagnosed stage, how far one year's
/// published FSM rate moves around an area's underlying level by chance (cohort noise and
/// a year's drift together), as a factor *k₁* on the binomial variance of the area's own
/// FSM group. Fitted by `pathways-record fit` on one-year changes of authorities' distance
/// from England (MODEL.md §14): the drift section's *k* and walk describe changes over
/// many years and would make a one-year band too narrow at KS2 and KS4 and too wide at
/// early years and Level 3.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChanceBand {
    pub early_years: Sourced<f64>,
    pub ks2: Sourced<f64>,
    pub ks4: Sourced<f64>,
    pub level3_by_19: Sourced<f64>,
}

impl ChanceBand {
    /// The factor for a diagnosed stage (`None` for post-19, which has no FSM series).
    pub fn noise_factor(&self, stage: Stage) -> Option<f64> {
        self.named()
            .into_iter()
            .find(|(s, _)| *s == stage)
            .map(|(_, v)| v.value)
    }

    pub fn named(&self) -> [(Stage, &Sourced<f64>); 4] {
        [
            (Stage::EarlyYears, &self.early_years),
            (Stage::Ks2, &self.ks2),
            (Stage::Ks4, &self.ks4),
            (Stage::Level3By19, &self.level3_by_19),
        ]
    }

    /// Factors between 0.05 and 20, each with its provenance.
    pub fn validate(&self) -> Result<(), InputError> {
        for (stage, value) in self.named() {
            let field = format!("chance_band.{}", stage.key());
            check_range(&field, value.value, 0.05, 20.0)?;
            check_provenance(&field, &value.provenance)?;
        }
        Ok(())
    }
}

/// One published year at one stage.
#[derive(Debug, Clone, PartialEq)]
pub struct YearStanding {
    pub year: i32,
    /// The area's FSM and non-FSM rates (shares 0 to 1).
    pub area: f64,
    pub area_non_fsm: Option<f64>,
    pub england: Option<f64>,
    pub england_non_fsm: Option<f64>,
    /// The neighbours' mean, and their lowest and highest.
    pub neighbours: Option<f64>,
    pub neighbours_range: Option<(f64, f64)>,
    pub neighbours_non_fsm: Option<f64>,
    /// P10 to P90 of what an area of this one's FSM cohort would publish by chance in one
    /// year (cohort noise and a year's drift, [`ChanceBand`]) if its underlying rate were
    /// England's.
    pub band: Option<(f64, f64)>,
}

impl YearStanding {
    /// The area's FSM rate less England's, in percentage points.
    pub fn gap_to_england_points(&self) -> Option<f64> {
        self.england.map(|e| (self.area - e) * 100.0)
    }

    /// The area's FSM rate less its neighbours' mean, in percentage points.
    pub fn gap_to_neighbours_points(&self) -> Option<f64> {
        self.neighbours.map(|n| (self.area - n) * 100.0)
    }

    /// Whether the area's rate lies outside the chance band around England's.
    pub fn beyond_chance(&self) -> Option<bool> {
        self.band
            .map(|(low, high)| self.area < low || self.area > high)
    }

    /// The FSM gap (non-FSM less FSM, points) of the area, England and the neighbours' means.
    pub fn fsm_gap_points(&self) -> Option<f64> {
        self.area_non_fsm.map(|n| (n - self.area) * 100.0)
    }
    pub fn england_fsm_gap_points(&self) -> Option<f64> {
        Some((self.england_non_fsm? - self.england?) * 100.0)
    }
    pub fn neighbours_fsm_gap_points(&self) -> Option<f64> {
        Some((self.neighbours_non_fsm? - self.neighbours?) * 100.0)
    }
}

/// What the latest published years say about a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Below England in each of the latest years read, and outside the chance band in at
    /// least two of them.
    BelowBeyondChance,
    /// Above England likewise.
    AboveBeyondChance,
    /// A difference chance can explain.
    WithinChance,
    /// Fewer than two years with England's figure beside the area's.
    TooFewYears,
}

impl Verdict {
    pub fn beyond_chance(self) -> bool {
        matches!(
            self,
            Verdict::BelowBeyondChance | Verdict::AboveBeyondChance
        )
    }
}

/// One stage of the diagnosis.
#[derive(Debug, Clone, PartialEq)]
pub struct StageStanding {
    pub stage: Stage,
    /// Whose figures the area's are ("Blackpool (local authority)", "East Sussex (county;
    /// proxy for Hastings)"), and where they come from.
    pub geography: String,
    pub source: String,
    pub definition: String,
    /// Published years up to the as-of year, oldest first.
    pub years: Vec<YearStanding>,
    pub verdict: Verdict,
    /// The mean gap to England (points) over the latest [`RECENT_YEARS`] years with both
    /// figures: negative is a shortfall.
    pub recent_gap_points: Option<f64>,
    /// The sentence a board reads.
    pub sentence: String,
}

impl StageStanding {
    /// The shortfall against England in points (0 when the area is at or above it).
    pub fn shortfall_points(&self) -> f64 {
        self.recent_gap_points.map_or(0.0, |g| (-g).max(0.0))
    }
}

/// A context measure beside the outcomes: never a model outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct ContextStanding {
    pub stage: ObservedStage,
    pub group: ObservedGroup,
    pub label: &'static str,
    pub definition: String,
    pub source: String,
    /// (year, area, England, neighbours' mean), oldest first, up to the as-of year.
    pub years: Vec<(i32, f64, Option<f64>, Option<f64>)>,
}

/// Where an area stands, as of its base year.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnosis {
    pub area_name: String,
    pub as_of: i32,
    /// Each diagnosed stage with a published FSM series, in stage order.
    pub stages: Vec<StageStanding>,
    /// The stages ordered by shortfall, largest first (stages at or above England last,
    /// in stage order).
    pub ranking: Vec<Stage>,
    pub context: Vec<ContextStanding>,
}

impl Diagnosis {
    /// The stage with the largest shortfall against England, if any stage falls short.
    pub fn largest_shortfall(&self) -> Option<&StageStanding> {
        let first = self.ranking.first()?;
        self.stage(*first).filter(|s| s.shortfall_points() > 0.0)
    }

    pub fn stage(&self, stage: Stage) -> Option<&StageStanding> {
        self.stages.iter().find(|s| s.stage == stage)
    }
}

/// The context measures a diagnosis shows, in order, with their labels.
const CONTEXT: [(ObservedStage, &str); 5] = [
    (ObservedStage::PhonicsYear1, "Phonics in year 1, FSM pupils"),
    (
        ObservedStage::PersistentAbsence,
        "Persistent absence, all pupils",
    ),
    (ObservedStage::FsmSharePrimary, "FSM share, primary pupils"),
    (
        ObservedStage::FsmShareSecondary,
        "FSM share, secondary pupils",
    ),
    (
        ObservedStage::EarlyEducationGoodProviders,
        "Funded 3- and 4-year-olds at good or outstanding providers",
    ),
];

/// The SD on the latent scale of one year's published rate `p` for `n` pupils around the
/// area's underlying level: √(k₁ p(1 − p)/n) / φ(Φ⁻¹(p)), with *k₁* the stage's
/// [`ChanceBand`] factor (the delta method, as MODEL.md §6a's cohort noise).
pub fn chance_sd(p: f64, n: f64, noise_factor: f64) -> f64 {
    let p = p.clamp(1e-6, 1.0 - 1e-6);
    (noise_factor * p * (1.0 - p) / n.max(1.0)).sqrt() / density(inverse_cdf(p))
}

/// The P10 to P90 band around `p` with latent SD `sd`.
pub fn chance_band(p: f64, sd: f64) -> (f64, f64) {
    let z = inverse_cdf(p.clamp(1e-6, 1.0 - 1e-6));
    // P10 to P90, like every other band in the app.
    (cdf(z - Z90 * sd), cdf(z + Z90 * sd))
}

fn points_of(
    series: Option<&ObservedSeries>,
    year: i32,
) -> Option<&super::observed::ObservedPoint> {
    series?.points.iter().find(|p| p.year == year)
}

/// Diagnoses `area` as of its base year: years after it are not shown (a board as of 2017
/// knew 2016 and 2017).
pub fn diagnose(area: &Area, chance: &ChanceBand) -> Diagnosis {
    let as_of = area.base_year;
    let own = |stage: ObservedStage, group: ObservedGroup, measure: Option<&str>| {
        area.observed.iter().find(|o| {
            o.comparison.is_none()
                && o.stage == stage
                && o.group == group
                && measure.is_none_or(|m| o.measure == m)
        })
    };
    let other = |stage: ObservedStage, group: ObservedGroup, comparison: Comparison| {
        area.observed
            .iter()
            .find(|o| o.comparison == Some(comparison) && o.stage == stage && o.group == group)
    };
    let mut stages = Vec::new();
    for stage in DIAGNOSED_STAGES {
        let s = ObservedStage::of(stage);
        let measure = stage_measure(stage);
        let Some(fsm) =
            own(s, ObservedGroup::Fsm, measure).filter(|o| o.role == SeriesRole::ModelOutcome)
        else {
            continue;
        };
        let non_fsm = own(s, ObservedGroup::NonFsm, measure);
        let england = other(s, ObservedGroup::Fsm, Comparison::England);
        let england_non_fsm = other(s, ObservedGroup::NonFsm, Comparison::England);
        let neighbours = other(s, ObservedGroup::Fsm, Comparison::Neighbours);
        let neighbours_non_fsm = other(s, ObservedGroup::NonFsm, Comparison::Neighbours);
        let noise_factor = chance.noise_factor(stage).unwrap_or(1.0);
        let years: Vec<YearStanding> = fsm
            .points
            .iter()
            .filter(|p| p.year <= as_of)
            .map(|p| {
                let england_rate = points_of(england, p.year).map(|e| e.value);
                let n = area.group_size_in(p.year, Group::Fsm);
                let band = england_rate.map(|e| chance_band(e, chance_sd(e, n, noise_factor)));
                let neighbour = points_of(neighbours, p.year);
                YearStanding {
                    year: p.year,
                    area: p.value,
                    area_non_fsm: points_of(non_fsm, p.year).map(|q| q.value),
                    england: england_rate,
                    england_non_fsm: points_of(england_non_fsm, p.year).map(|q| q.value),
                    neighbours: neighbour.map(|q| q.value),
                    neighbours_range: neighbour.and_then(|q| q.range).map(|[l, h]| (l, h)),
                    neighbours_non_fsm: points_of(neighbours_non_fsm, p.year).map(|q| q.value),
                    band,
                }
            })
            .collect();
        if years.is_empty() {
            continue;
        }
        let (verdict, recent_gap_points) = verdict(&years);
        let sentence = sentence(stage, &years, verdict);
        stages.push(StageStanding {
            stage,
            geography: fsm.geography.clone(),
            source: fsm.source.clone(),
            definition: fsm.definition.clone(),
            years,
            verdict,
            recent_gap_points,
            sentence,
        });
    }
    let mut ranking: Vec<&StageStanding> = stages.iter().collect();
    // Largest shortfall first; a stable sort keeps stage order among the rest.
    ranking.sort_by(|a, b| b.shortfall_points().total_cmp(&a.shortfall_points()));
    let ranking = ranking.into_iter().map(|s| s.stage).collect();
    let context = CONTEXT
        .iter()
        .filter_map(|&(stage, label)| {
            let series = area
                .observed
                .iter()
                .find(|o| o.comparison.is_none() && o.stage == stage)?;
            let england = other(stage, series.group, Comparison::England);
            let neighbours = other(stage, series.group, Comparison::Neighbours);
            let years: Vec<_> = series
                .points
                .iter()
                .filter(|p| p.year <= as_of)
                .map(|p| {
                    (
                        p.year,
                        p.value,
                        points_of(england, p.year).map(|q| q.value),
                        points_of(neighbours, p.year).map(|q| q.value),
                    )
                })
                .collect();
            (!years.is_empty()).then(|| ContextStanding {
                stage,
                group: series.group,
                label,
                definition: series.definition.clone(),
                source: series.source.clone(),
                years,
            })
        })
        .collect();
    Diagnosis {
        area_name: area.name.clone(),
        as_of,
        stages,
        ranking,
        context,
    }
}

/// The verdict on the latest [`RECENT_YEARS`] years with England's figure, and their mean
/// gap to England: beyond chance when all lie on one side of England and at least two lie
/// outside the band (for an area like England, about 3% of the time on each side).
fn verdict(years: &[YearStanding]) -> (Verdict, Option<f64>) {
    let recent: Vec<&YearStanding> = years
        .iter()
        .rev()
        .filter(|y| y.england.is_some())
        .take(RECENT_YEARS)
        .collect();
    if recent.is_empty() {
        return (Verdict::TooFewYears, None);
    }
    let gaps: Vec<f64> = recent
        .iter()
        .filter_map(|y| y.gap_to_england_points())
        .collect();
    let mean = gaps.iter().sum::<f64>() / gaps.len() as f64;
    if recent.len() < 2 {
        return (Verdict::TooFewYears, Some(mean));
    }
    let outside = recent
        .iter()
        .filter(|y| y.beyond_chance() == Some(true))
        .count();
    let verdict = if outside >= 2 && gaps.iter().all(|&g| g < 0.0) {
        Verdict::BelowBeyondChance
    } else if outside >= 2 && gaps.iter().all(|&g| g > 0.0) {
        Verdict::AboveBeyondChance
    } else {
        Verdict::WithinChance
    };
    (verdict, Some(mean))
}

/// Whole points, as a board reads them: "9 points", "1 point", "under half a point".
pub fn points_words(points: f64) -> String {
    let rounded = points.abs().round();
    if points.abs() < LEVEL_POINTS {
        "under half a point".to_owned()
    } else if rounded == 1.0 {
        "1 point".to_owned()
    } else {
        format!("{rounded:.0} points")
    }
}

/// "KS4: 9 points below England in 2025, and below it in each of the last 5 published
/// years; more than chance explains."
fn sentence(stage: Stage, years: &[YearStanding], verdict: Verdict) -> String {
    let label = stage.label();
    let Some(latest) = years.iter().rev().find(|y| y.england.is_some()) else {
        let last = years.last().map_or(0, |y| y.year);
        return format!("{label}: no England figure to compare with up to {last}.");
    };
    let gap = latest.gap_to_england_points().unwrap_or(0.0);
    let side = |g: f64| {
        if g.abs() < LEVEL_POINTS {
            0
        } else if g < 0.0 {
            -1
        } else {
            1
        }
    };
    let where_ = match side(gap) {
        0 => format!(
            "level with England in {} (within half a point)",
            latest.year
        ),
        -1 => format!("{} below England in {}", points_words(gap), latest.year),
        _ => format!("{} above England in {}", points_words(gap), latest.year),
    };
    let run = years
        .iter()
        .rev()
        .filter_map(|y| y.gap_to_england_points())
        .take_while(|&g| side(g) == side(gap) && side(gap) != 0)
        .count();
    let run_words = match (side(gap), run) {
        (0, _) | (_, 0 | 1) => String::new(),
        (-1, n) => format!(", and below it in each of the last {n} published years"),
        (_, n) => format!(", and above it in each of the last {n} published years"),
    };
    let verdict_words = match verdict {
        Verdict::BelowBeyondChance | Verdict::AboveBeyondChance => "more than chance explains",
        Verdict::WithinChance => "within what chance explains",
        Verdict::TooFewYears => "too few years to tell a real difference from chance",
    };
    format!("{label}: {where_}{run_words}; {verdict_words}.")
}

/// The CLI's and the export's CSV: one row a stage and year.
pub fn to_csv(diagnosis: &Diagnosis) -> String {
    let mut out = String::from(
        "stage,year,area_fsm_rate,england_fsm_rate,neighbours_fsm_rate,gap_to_england_points,beyond_chance\n",
    );
    let opt = |v: Option<f64>, digits: usize| v.map_or(String::new(), |v| format!("{v:.digits$}"));
    for stage in &diagnosis.stages {
        for y in &stage.years {
            out.push_str(&format!(
                "{},{},{:.4},{},{},{},{}\n",
                stage.stage.key(),
                y.year,
                y.area,
                opt(y.england, 4),
                opt(y.neighbours, 4),
                opt(y.gap_to_england_points(), 1),
                y.beyond_chance().map_or(String::new(), |b| b.to_string()),
            ));
        }
    }
    out
}

/// The verdict's key in files and links.
impl Verdict {
    pub fn key(self) -> &'static str {
        match self {
            Verdict::BelowBeyondChance => "below_beyond_chance",
            Verdict::AboveBeyondChance => "above_beyond_chance",
            Verdict::WithinChance => "within_chance",
            Verdict::TooFewYears => "too_few_years",
        }
    }
}

/// One stage across the compared areas.
#[derive(Debug, Clone, PartialEq)]
pub struct StageAcross {
    pub stage: Stage,
    /// Names of the areas below England at this stage by more than chance explains.
    pub below: Vec<String>,
    /// Names of the areas with a figure at this stage.
    pub with_figures: usize,
    /// Shared (at least half the areas with figures fall short beyond chance), unique (one
    /// or a few: at most a quarter) or neither.
    pub sentence: String,
}

/// What the compared areas share and what is unique to each, stage by stage.
pub fn across<'a>(diagnoses: impl IntoIterator<Item = &'a Diagnosis>) -> Vec<StageAcross> {
    let diagnoses: Vec<&Diagnosis> = diagnoses.into_iter().collect();
    DIAGNOSED_STAGES
        .iter()
        .map(|&stage| {
            let with: Vec<&StageStanding> =
                diagnoses.iter().filter_map(|d| d.stage(stage)).collect();
            // "Norwich", not "Norwich Opportunity Area": the sentence names several.
            let below: Vec<String> = diagnoses
                .iter()
                .filter(|d| d.stage(stage).is_some_and(|s| s.verdict == Verdict::BelowBeyondChance))
                .map(|d| {
                    d.area_name
                        .strip_suffix(" Opportunity Area")
                        .unwrap_or(&d.area_name)
                        .to_owned()
                })
                .collect();
            let (n, k) = (with.len(), below.len());
            let label = stage.label();
            let fall = if k == 1 { "falls" } else { "fall" };
            let sentence = if n == 0 {
                format!("{label}: no area compared has figures.")
            } else if k == 0 {
                format!("{label}: none of the {n} areas falls short of England by more than chance.")
            } else if 2 * k >= n {
                format!("{label}: shared: {k} of {n} areas {fall} short of England by more than chance.")
            } else if 4 * k <= n {
                format!(
                    "{label}: unique to {}: {k} of {n} areas {fall} short of England by more than chance.",
                    names_in_words(&below)
                )
            } else {
                format!("{label}: {k} of {n} areas {fall} short of England by more than chance.")
            };
            StageAcross {
                stage,
                below,
                with_figures: n,
                sentence,
            }
        })
        .collect()
}

/// "Blackpool", "Blackpool and Derby", "Blackpool, Derby and Oldham".
fn names_in_words(names: &[String]) -> String {
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// The compare view's CSV: one row an area and stage, with the latest year's figures and
/// the recent gap and verdict.
pub fn compare_csv<'a>(diagnoses: impl IntoIterator<Item = (&'a str, &'a Diagnosis)>) -> String {
    let mut out = String::from(
        "area_id,area,as_of,stage,latest_year,area_fsm_rate,england_fsm_rate,neighbours_fsm_rate,recent_gap_to_england_points,verdict\n",
    );
    let opt = |v: Option<f64>, digits: usize| v.map_or(String::new(), |v| format!("{v:.digits$}"));
    for (id, d) in diagnoses {
        for s in &d.stages {
            let Some(latest) = s.years.last() else {
                continue;
            };
            out.push_str(&format!(
                "{id},{},{},{},{},{:.4},{},{},{},{}\n",
                csv_text(&d.area_name),
                d.as_of,
                s.stage.key(),
                latest.year,
                latest.area,
                opt(latest.england, 4),
                opt(latest.neighbours, 4),
                opt(s.recent_gap_points, 1),
                s.verdict.key(),
            ));
        }
    }
    out
}

/// A CSV field, quoted when it holds a comma or a quote.
fn csv_text(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    //! Expected values are worked by hand in the comments (Φ and φ from a normal table).
    use super::*;

    fn year(year: i32, area: f64, england: f64, band: f64) -> YearStanding {
        YearStanding {
            year,
            area,
            area_non_fsm: Some(area + 0.2),
            england: Some(england),
            england_non_fsm: Some(england + 0.25),
            neighbours: None,
            neighbours_range: None,
            neighbours_non_fsm: None,
            band: Some((england - band, england + band)),
        }
    }

    #[test]
    fn the_chance_band_is_one_years_noise_around_englands_rate() {
        // p = 48%, n = 510 FSM pupils, k₁ = 3: k₁ p(1 − p)/n = 3 × 0.2496 / 510 =
        // 1.46824e-3, √ = 0.038318; Φ⁻¹(0.48) = −0.050154, φ = 0.398441, so σ = 0.096169
        // on the latent scale (Python's statistics.NormalDist gives the same).
        let sd = chance_sd(0.48, 510.0, 3.0);
        assert!((sd - 0.096169).abs() < 2e-6, "{sd}");
        // ±1.28155 σ = ±0.123246 around −0.050154: Φ(−0.173400) = 43.117%,
        // Φ(0.073093) = 52.913%.
        let (low, high) = chance_band(0.48, sd);
        assert!((low - 0.431169).abs() < 1e-5, "{low}");
        assert!((high - 0.529133).abs() < 1e-5, "{high}");
        // A cohort beyond counting: no band.
        let (low, high) = chance_band(0.48, chance_sd(0.48, 1e12, 3.0));
        assert!((high - low) < 1e-4);
    }

    #[test]
    fn below_in_every_recent_year_and_outside_the_band_twice_is_beyond_chance() {
        let years = [
            year(2022, 0.30, 0.40, 0.03),
            year(2023, 0.38, 0.40, 0.03),
            year(2024, 0.35, 0.41, 0.03),
        ];
        let (found, gap) = verdict(&years);
        assert_eq!(found, Verdict::BelowBeyondChance);
        // (−10 − 2 − 6) / 3 = −6 points.
        assert!((gap.unwrap() + 6.0).abs() < 1e-9);
        // Only one of three outside: chance can explain it.
        let years = [
            year(2022, 0.30, 0.40, 0.03),
            year(2023, 0.38, 0.40, 0.03),
            year(2024, 0.39, 0.41, 0.03),
        ];
        assert_eq!(verdict(&years).0, Verdict::WithinChance);
        // Outside twice but on both sides: no steady shortfall.
        let years = [year(2023, 0.30, 0.40, 0.03), year(2024, 0.46, 0.41, 0.03)];
        assert_eq!(verdict(&years).0, Verdict::WithinChance);
        assert_eq!(verdict(&years[..1]).0, Verdict::TooFewYears);
    }

    #[test]
    fn the_sentence_gives_the_gap_the_run_and_the_verdict() {
        let years = [
            year(2021, 0.35, 0.45, 0.03),
            year(2022, 0.36, 0.45, 0.03),
            year(2023, 0.34, 0.43, 0.03),
        ];
        let (v, _) = verdict(&years);
        assert_eq!(
            sentence(Stage::Ks4, &years, v),
            "KS4: 9 points below England in 2023, and below it in each of the last 3 published years; more than chance explains."
        );
        let years = [year(2025, 0.452, 0.45, 0.03)];
        assert_eq!(
            sentence(Stage::Ks2, &years, verdict(&years).0),
            "KS2: level with England in 2025 (within half a point); too few years to tell a real difference from chance."
        );
    }

    #[test]
    fn the_fsm_gap_is_non_fsm_less_fsm() {
        let y = year(2025, 0.30, 0.40, 0.03);
        assert!((y.fsm_gap_points().unwrap() - 20.0).abs() < 1e-9);
        assert!((y.england_fsm_gap_points().unwrap() - 25.0).abs() < 1e-9);
        assert!(y.neighbours_fsm_gap_points().is_none());
    }
}
