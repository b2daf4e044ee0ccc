//! Success measures: a target on one headline outcome in one year (`fsm_ks4=35@2030`), the
//! chance that a plan reaches it, and the figures a board enters to monitor progress.
//! Pure Rust, no web.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::outcome::{Outcome, UnknownOutcome, HEADLINES};
use crate::model::error::InputError;
use crate::model::{Area, Bands, Model, Plan, Projection, Stage};

/// The earliest year a target or an actual may name.
pub const EARLIEST_YEAR: i32 = 2000;
/// The latest year a target or an actual may name.
pub const LATEST_YEAR: i32 = 2100;
/// The most targets a scenario holds: one per headline outcome.
pub const MAX_TARGETS: usize = HEADLINES.len();
/// The most actuals a scenario holds: one per headline outcome and year, for 30 years of
/// monitoring, far more than any board enters by hand.
pub const MAX_ACTUALS: usize = 30 * HEADLINES.len();

/// A success measure: a headline outcome's value to reach by a year.
///
/// "Reaching" means at least the value for FSM rates, and at most the value for the gap
/// and NEET, where lower is better (see [`Outcome::higher_is_better`]). Written and read as
/// `fsm_ks4=35@2030` (outcome key, `=`, value, `@`, year).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub outcome: Outcome,
    /// A percentage from 0 to 100; for a gap, percentage points.
    pub value_percent: f64,
    /// The calendar year the value is to be reached (the summer of that school year's
    /// results, as in the projection).
    pub year: i32,
}

/// An observed value a board entered for monitoring: a headline outcome's figure in a year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actual {
    pub outcome: Outcome,
    pub year: i32,
    /// A percentage from 0 to 100; for a gap, percentage points.
    pub value_percent: f64,
}

/// Which side of a target's value counts as reaching it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// At least the value (FSM rates).
    AtLeast,
    /// At most the value (gaps, NEET).
    AtMost,
}

impl Direction {
    /// Machine name for CSV: `at_least` or `at_most`.
    pub fn key(self) -> &'static str {
        match self {
            Direction::AtLeast => "at_least",
            Direction::AtMost => "at_most",
        }
    }

    /// `≥` or `≤`, for labels.
    pub fn symbol(self) -> &'static str {
        match self {
            Direction::AtLeast => "≥",
            Direction::AtMost => "≤",
        }
    }
}

/// What is wrong with a target or an actual written as text or read from a file.
#[derive(Debug, Clone, PartialEq)]
pub enum TargetError {
    /// Not of the form `outcome=value@year`.
    Form(String),
    UnknownOutcome(UnknownOutcome),
    /// The value is not a plain decimal number (`35`, `12.5`).
    ValueNotANumber(String),
    /// The value is outside 0 to 100.
    ValueOutOfRange(f64),
    /// The year is not a whole number.
    YearNotANumber(String),
    /// The year is outside [`EARLIEST_YEAR`] to [`LATEST_YEAR`].
    YearOutOfRange(i32),
}

impl fmt::Display for TargetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TargetError::Form(given) => write!(
                f,
                "{given:?} is not a target: write outcome=value@year, like fsm_ks4=35@2030"
            ),
            TargetError::UnknownOutcome(unknown) => unknown.fmt(f),
            TargetError::ValueNotANumber(given) => write!(
                f,
                "the value {given:?} is not a number: write a percentage like 35 or 12.5"
            ),
            TargetError::ValueOutOfRange(value) => {
                write!(
                    f,
                    "the value {} is outside 0 to 100",
                    crate::model::error::short_number(*value)
                )
            }
            TargetError::YearNotANumber(given) => {
                write!(f, "the year {given:?} is not a year such as 2030")
            }
            TargetError::YearOutOfRange(year) => write!(
                f,
                "the year {year} is outside {EARLIEST_YEAR} to {LATEST_YEAR}"
            ),
        }
    }
}

impl std::error::Error for TargetError {}

/// Checks a value in percent and a year, as both a target and an actual need them.
fn check_value_and_year(value_percent: f64, year: i32) -> Result<(), TargetError> {
    if !(value_percent.is_finite() && (0.0..=100.0).contains(&value_percent)) {
        return Err(TargetError::ValueOutOfRange(value_percent));
    }
    if !(EARLIEST_YEAR..=LATEST_YEAR).contains(&year) {
        return Err(TargetError::YearOutOfRange(year));
    }
    Ok(())
}

/// A plain decimal (`35`, `12.5`): digits and at most one point, no sign, exponent, `inf`
/// or `NaN`, so that what is read is what was meant.
fn plain_decimal(text: &str) -> Option<f64> {
    let plain = text.bytes().any(|b| b.is_ascii_digit())
        && text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && text.bytes().filter(|&b| b == b'.').count() <= 1;
    plain.then(|| text.parse().ok()).flatten()
}

/// Short for echoing input back in a message.
fn clipped(text: &str) -> String {
    text.chars().take(40).collect()
}

impl Target {
    /// Which side of the value counts as reaching it.
    pub fn direction(&self) -> Direction {
        if self.outcome.higher_is_better() {
            Direction::AtLeast
        } else {
            Direction::AtMost
        }
    }

    /// The target's value as a share, as outcomes are projected (0.35 for 35%, 0.12 for
    /// a 12-point gap).
    pub fn value_share(&self) -> f64 {
        self.value_percent / 100.0
    }

    /// Whether an outcome's value, as a share (0.35 for 35%, or 0.12 for a 12-point gap),
    /// reaches the target.
    pub fn reached_by(&self, value_share: f64) -> bool {
        let target_share = self.value_share();
        match self.direction() {
            Direction::AtLeast => value_share >= target_share,
            Direction::AtMost => value_share <= target_share,
        }
    }

    /// Checks the value (0 to 100) and the year ([`EARLIEST_YEAR`] to [`LATEST_YEAR`]).
    pub fn validate(&self) -> Result<(), TargetError> {
        check_value_and_year(self.value_percent, self.year)
    }

    /// The central projection's value in the target's year against the target; `None`
    /// when the year is outside the projection.
    pub fn central_check(&self, projection: &Projection) -> Option<CentralCheck> {
        let value_share = self.outcome.value(projection.year(self.year)?);
        let value_percent = value_share * 100.0;
        let met = self.reached_by(value_share);
        let shortfall_points = if met {
            0.0
        } else {
            (value_percent - self.value_percent).abs()
        };
        Some(CentralCheck {
            target: *self,
            value_percent,
            met,
            shortfall_points,
        })
    }
}

impl fmt::Display for Target {
    /// `fsm_ks4=35@2030`; the value is the shortest decimal that reads back exactly.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}@{}", self.outcome, self.value_percent, self.year)
    }
}

impl FromStr for Target {
    type Err = TargetError;

    /// Reads `fsm_ks4=35@2030`: a headline's key, a percentage from 0 to 100 (decimals
    /// allowed; for a gap, points), and a year from 2000 to 2100.
    fn from_str(text: &str) -> Result<Target, TargetError> {
        let form = || TargetError::Form(clipped(text));
        let (key, rest) = text.split_once('=').ok_or_else(form)?;
        let (value, year) = rest.split_once('@').ok_or_else(form)?;
        let outcome: Outcome = key.trim().parse().map_err(TargetError::UnknownOutcome)?;
        let value_percent = plain_decimal(value.trim())
            .ok_or_else(|| TargetError::ValueNotANumber(clipped(value)))?;
        let year_text = year.trim();
        let year: i32 = (!year_text.is_empty() && year_text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| year_text.parse().ok())
            .flatten()
            .ok_or_else(|| TargetError::YearNotANumber(clipped(year)))?;
        let target = Target {
            outcome,
            value_percent,
            year,
        };
        target.validate()?;
        Ok(target)
    }
}

impl Actual {
    /// The value as a share (0.35 for 35%).
    pub fn value_share(&self) -> f64 {
        self.value_percent / 100.0
    }

    /// Checks the value (0 to 100) and the year ([`EARLIEST_YEAR`] to [`LATEST_YEAR`]).
    pub fn validate(&self) -> Result<(), TargetError> {
        check_value_and_year(self.value_percent, self.year)
    }
}

/// Where the page keeps the results a board entered, between visits (localStorage).
pub const ACTUALS_STORAGE_KEY: &str = "pathways-actuals-v1";
/// Where unreadable stored results are copied before anything is written over them.
pub const ACTUALS_BACKUP_KEY: &str = "pathways-actuals-v1-unreadable";
/// The largest stored results text read.
const ACTUALS_LIMIT_BYTES: usize = 64 * 1024;

/// Results as the page stores them: a JSON list of [`Actual`]s, checked as a scenario's are.
pub fn parse_actuals(text: &str) -> Result<Vec<Actual>, InputError> {
    let actuals: Vec<Actual> =
        crate::model::error::parse_json("Stored results", text, ACTUALS_LIMIT_BYTES)?;
    validate_actuals(&actuals)?;
    Ok(actuals)
}

/// The text to store for `actuals`.
pub fn serialize_actuals(actuals: &[Actual]) -> String {
    serde_json::to_string(actuals).unwrap_or_else(|_| "[]".to_owned())
}

/// Checks a scenario's targets: each valid, at most one per outcome, at most
/// Why a target for `year` cannot be read: "2090 is outside the projection's years, 2017
/// to 2035". One wording for links, files, the targets panel and a change of area.
pub fn year_outside(year: i32, years: &std::ops::RangeInclusive<i32>) -> String {
    format!(
        "{year} is outside the projection's years, {} to {}",
        years.start(),
        years.end()
    )
}

/// [`MAX_TARGETS`]. The error names the field (`targets[1].value_percent`).
pub fn validate_targets(targets: &[Target]) -> Result<(), InputError> {
    if targets.len() > MAX_TARGETS {
        return Err(InputError::field(
            "targets",
            format!(
                "has {} targets; a scenario has at most {MAX_TARGETS}, one per headline outcome",
                targets.len()
            ),
        ));
    }
    for (i, target) in targets.iter().enumerate() {
        validate_entry(&format!("targets[{i}]"), target.validate())?;
        if targets[..i].iter().any(|t| t.outcome == target.outcome) {
            return Err(InputError::field(
                format!("targets[{i}].outcome"),
                format!(
                    "{} has a target already; a scenario has at most one target per outcome",
                    target.outcome
                ),
            ));
        }
    }
    Ok(())
}

/// Checks a scenario's actuals: each valid, at most one per outcome and year, at most
/// [`MAX_ACTUALS`]. The error names the field (`actuals[3].year`).
pub fn validate_actuals(actuals: &[Actual]) -> Result<(), InputError> {
    if actuals.len() > MAX_ACTUALS {
        return Err(InputError::field(
            "actuals",
            format!(
                "has {} entries; a scenario holds at most {MAX_ACTUALS}",
                actuals.len()
            ),
        ));
    }
    for (i, actual) in actuals.iter().enumerate() {
        validate_entry(&format!("actuals[{i}]"), actual.validate())?;
        if actuals[..i]
            .iter()
            .any(|a| a.outcome == actual.outcome && a.year == actual.year)
        {
            return Err(InputError::field(
                format!("actuals[{i}]"),
                format!(
                    "{} in {} is entered twice; keep one figure per outcome and year",
                    actual.outcome, actual.year
                ),
            ));
        }
    }
    Ok(())
}

fn validate_entry(prefix: &str, checked: Result<(), TargetError>) -> Result<(), InputError> {
    checked.map_err(|e| {
        let field = match e {
            TargetError::ValueOutOfRange(_) | TargetError::ValueNotANumber(_) => "value_percent",
            TargetError::YearOutOfRange(_) | TargetError::YearNotANumber(_) => "year",
            TargetError::Form(_) | TargetError::UnknownOutcome(_) => "outcome",
        };
        InputError::field(format!("{prefix}.{field}"), e.to_string())
    })
}

/// The central projection's value in a target's year against the target.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CentralCheck {
    pub target: Target,
    /// The central projection's value, in percent (points for a gap).
    pub value_percent: f64,
    /// Whether the central projection reaches the target.
    pub met: bool,
    /// How far short it falls, in percentage points; 0 when met.
    pub shortfall_points: f64,
}

/// The chance of reaching a target: the share of Monte Carlo draws in which the plan's
/// expected value in the target's year reaches it, and the share in which the same draws'
/// baseline does.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TargetChance {
    pub target: Target,
    /// 0 to 1; `None` when the target's year is outside the projection.
    pub scenario_chance: Option<f64>,
    /// The same for the baseline (no levers) in the same draws.
    pub baseline_chance: Option<f64>,
    /// Draws counted.
    pub draws: u32,
}

impl Model {
    /// Monte Carlo bands of `plan` (exactly [`Model::monte_carlo`]'s) and, in the same
    /// pass, the chance of reaching each target, in the order given.
    ///
    /// A draw counts when the figure the DfE would publish for the target's year reaches
    /// the target: the plan's rate under that draw's assumptions, moved by the draw's
    /// drift (England's and the area's own) and the chance of who is in that year's
    /// cohort. The baseline is counted in the same draw, with the same drift, cohort and
    /// sampling error of the base-year rates (see MODEL.md, "Targets").
    pub fn monte_carlo_with_targets(
        &self,
        plan: &Plan,
        draws: u32,
        seed: u64,
        targets: &[Target],
    ) -> (Bands, Vec<TargetChance>) {
        // Reached counts per target, scenario then baseline; None outside the projection.
        let mut counts: Vec<Option<[u32; 2]>> = targets
            .iter()
            .map(|t| self.area().years().contains(&t.year).then_some([0, 0]))
            .collect();
        let bands = self.monte_carlo_each(plan, draws, seed, |draw| {
            for (target, count) in targets.iter().zip(&mut counts) {
                let Some(count) = count else { continue };
                for (tally, projection) in count
                    .iter_mut()
                    .zip([draw.published, draw.published_baseline])
                {
                    let reached = projection
                        .year(target.year)
                        .is_some_and(|year| target.reached_by(target.outcome.value(year)));
                    *tally += u32::from(reached);
                }
            }
        });
        let chances = targets
            .iter()
            .zip(counts)
            .map(|(target, count)| {
                let share = |n: u32| f64::from(n) / f64::from(bands.draws);
                TargetChance {
                    target: *target,
                    scenario_chance: count.map(|[s, _]| share(s)),
                    baseline_chance: count.map(|[_, b]| share(b)),
                    draws: bands.draws,
                }
            })
            .collect();
        (bands, chances)
    }
}

/// A suggested success measure from a published plan, with how it maps onto the model.
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestedTarget {
    /// The plan's own words.
    pub source_text: &'static str,
    /// Where the words come from.
    pub source: &'static str,
    /// The nearest target the model can check, if any.
    pub target: Option<Target>,
    /// How the words map onto the target, and what the mapping leaves out.
    pub mapping: String,
}

/// Where the Hastings 2021 targets are published.
const HASTINGS_PLAN: &str = "Hastings Opportunity Area delivery plan, targets for 2021 (Hastings Opportunity Area website, 2017)";

/// The Hastings Opportunity Area's 2021 delivery-plan targets, each mapped onto a model
/// outcome where one is near enough, with the mapping explained. `england` is the
/// England reference area (its base-year FSM rates stand for "disadvantaged pupils
/// nationally"); see [`hastings_2021_targets_shipped`].
pub fn hastings_2021_targets(england: &Area) -> Vec<SuggestedTarget> {
    let national =
        |stage: Stage| (england.base_rate(stage, crate::model::Group::Fsm) * 1000.0).round() / 10.0;
    let ks2 = national(Stage::Ks2);
    let ks4 = national(Stage::Ks4);
    let progress =
        "with disadvantaged pupils making more progress than disadvantaged pupils nationally";
    vec![
        SuggestedTarget {
            source_text: "at least 85% meet the phonics standard",
            source: HASTINGS_PLAN,
            target: None,
            mapping: "No model outcome: the phonics screening check (Year 1) is not one of the model's stages. A good level of development at age 5 (fsm_early_years) is a different, broader measure, so no target is suggested.".to_owned(),
        },
        SuggestedTarget {
            source_text: progress,
            source: HASTINGS_PLAN,
            target: Some(Target {
                outcome: Outcome::FsmRate(Stage::Ks2),
                value_percent: ks2,
                year: 2021,
            }),
            mapping: format!(
                "Approximate, at KS2: FSM pupils reaching the expected standard at least as often as FSM pupils in England ({ks2}%, England's {} figure in the shipped England file). The plan speaks of progress (value added) and of disadvantaged pupils; the model has attainment and FSM pupils, and England's 2021 figure is not known to the model, so its base-year figure stands in for it.",
                england.base_year
            ),
        },
        SuggestedTarget {
            source_text: progress,
            source: HASTINGS_PLAN,
            target: Some(Target {
                outcome: Outcome::FsmRate(Stage::Ks4),
                value_percent: ks4,
                year: 2021,
            }),
            mapping: format!(
                "Approximate, at KS4: FSM pupils reaching grade 4+ in English and maths at least as often as FSM pupils in England ({ks4}%, England's {} figure in the shipped England file). The plan's measure is progress (Progress 8) of disadvantaged pupils, which the model does not have; attainment of FSM pupils is the nearest.",
                england.base_year
            ),
        },
        SuggestedTarget {
            source_text: "top half of the country in reading and English and in maths at every key stage",
            source: HASTINGS_PLAN,
            target: None,
            mapping: "No model outcome: a rank among local authorities, for all pupils and by subject, is not something the model projects (its headlines are FSM rates on combined measures), so no target is suggested.".to_owned(),
        },
        SuggestedTarget {
            source_text: "every secondary and college pupil has at least four meaningful employer encounters",
            source: HASTINGS_PLAN,
            target: None,
            mapping: "No model outcome: this is an activity, not a result. The careers lever's reach is the nearest input, and NEET at 20 (fsm_neet) the outcome it is meant to move, but the plan sets no NEET figure, so none is suggested.".to_owned(),
        },
    ]
}

/// [`hastings_2021_targets`] with the shipped England area as of 2017 (native builds; the app
/// fetches England's file).
#[cfg(any(not(target_arch = "wasm32"), test))]
pub fn hastings_2021_targets_shipped() -> Vec<SuggestedTarget> {
    // England as of 2017, when the delivery plan was written.
    Area::shipped_by_id("england")
        .map(|england| england.as_of_year(2017).unwrap_or(england))
        .map(|england| hastings_2021_targets(&england))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(text: &str) -> Target {
        text.parse().unwrap()
    }

    #[test]
    fn targets_round_trip_through_text() {
        for text in [
            "fsm_ks4=35@2030",
            "gap_ks4=12.5@2028",
            "fsm_neet=0@2000",
            "fsm_early_years=100@2100",
        ] {
            assert_eq!(target(text).to_string(), text);
        }
        assert_eq!(
            target("fsm_ks4=35@2030"),
            Target {
                outcome: Outcome::FsmRate(Stage::Ks4),
                value_percent: 35.0,
                year: 2030
            }
        );
    }

    #[test]
    fn bad_targets_name_the_problem() {
        let error = |text: &str| text.parse::<Target>().unwrap_err().to_string();
        assert_eq!(
            error("fsm_ks4"),
            "\"fsm_ks4\" is not a target: write outcome=value@year, like fsm_ks4=35@2030"
        );
        assert!(error("fsm_ks4=35").contains("is not a target"));
        assert!(error("fms_ks4=35@2030").contains("did you mean fsm_ks4?"));
        assert_eq!(
            error("fsm_ks4=135@2030"),
            "the value 135 is outside 0 to 100"
        );
        for bad in ["-5", "NaN", "inf", "1e2", "", "35%"] {
            assert!(
                error(&format!("fsm_ks4={bad}@2030")).contains("is not a number"),
                "{bad}"
            );
        }
        assert_eq!(
            error("fsm_ks4=35@soon"),
            "the year \"soon\" is not a year such as 2030"
        );
        assert_eq!(
            error("fsm_ks4=35@1999"),
            "the year 1999 is outside 2000 to 2100"
        );
    }

    #[test]
    fn reaching_is_at_least_for_rates_and_at_most_for_gaps_and_neet() {
        let rate = target("fsm_ks4=35@2030");
        assert_eq!(rate.direction(), Direction::AtLeast);
        assert!(rate.reached_by(0.35) && rate.reached_by(0.4) && !rate.reached_by(0.34));
        for lower_better in ["gap_ks4=20@2030", "fsm_neet=20@2030"] {
            let t = target(lower_better);
            assert_eq!(t.direction(), Direction::AtMost);
            assert!(t.reached_by(0.2) && t.reached_by(0.1) && !t.reached_by(0.21));
        }
    }

    #[test]
    fn the_central_check_reports_the_shortfall() {
        let model = Model::hastings();
        let baseline = model.baseline();
        // Hastings' FSM KS2 baseline is 25% in every year.
        let met = target("fsm_ks2=25@2030").central_check(&baseline).unwrap();
        assert!(met.met);
        assert_eq!(met.shortfall_points, 0.0);
        let short = target("fsm_ks2=30@2030").central_check(&baseline).unwrap();
        assert!(!short.met);
        assert!((short.shortfall_points - 5.0).abs() < 1e-9);
        assert!((short.value_percent - 25.0).abs() < 1e-9);
        assert_eq!(target("fsm_ks2=30@2090").central_check(&baseline), None);
    }

    #[test]
    fn scenario_lists_are_checked() {
        let t = target("fsm_ks4=35@2030");
        assert!(validate_targets(&[t, target("gap_ks4=10@2030")]).is_ok());
        let twice = validate_targets(&[t, target("fsm_ks4=40@2031")]).unwrap_err();
        assert!(twice
            .to_string()
            .starts_with("targets[1].outcome: fsm_ks4 has a target already"));
        let out = Target {
            value_percent: 101.0,
            ..t
        };
        assert_eq!(
            validate_targets(&[out]).unwrap_err().to_string(),
            "targets[0].value_percent: the value 101 is outside 0 to 100"
        );
        let actual = Actual {
            outcome: Outcome::FsmNeet,
            year: 2022,
            value_percent: 20.0,
        };
        assert!(validate_actuals(&[
            actual,
            Actual {
                year: 2023,
                ..actual
            }
        ])
        .is_ok());
        assert!(validate_actuals(&[actual, actual])
            .unwrap_err()
            .to_string()
            .contains("entered twice"));
        let late = Actual {
            year: 2101,
            ..actual
        };
        assert!(validate_actuals(&[late])
            .unwrap_err()
            .to_string()
            .starts_with("actuals[0].year"));
        assert!(validate_actuals(&vec![actual; MAX_ACTUALS + 1]).is_err());
    }

    #[test]
    fn hastings_suggestions_carry_their_source_and_say_what_is_missing() {
        let suggestions = hastings_2021_targets_shipped();
        assert_eq!(suggestions.len(), 5);
        let england = Area::shipped_by_id("england")
            .unwrap()
            .as_of_year(2017)
            .unwrap();
        let ks2 = suggestions
            .iter()
            .find_map(|s| {
                s.target
                    .filter(|t| t.outcome == Outcome::FsmRate(Stage::Ks2))
            })
            .unwrap();
        assert!((ks2.value_percent - england.stages.ks2.fsm_rate.value * 100.0).abs() < 0.05);
        assert_eq!(ks2.year, 2021);
        let phonics = suggestions
            .iter()
            .find(|s| s.source_text.contains("phonics"))
            .unwrap();
        assert_eq!(phonics.target, None);
        assert!(suggestions
            .iter()
            .all(|s| !s.source_text.is_empty() && !s.mapping.is_empty()));
    }

    #[test]
    fn scenario_files_keep_targets_and_actuals_and_omit_them_when_empty() {
        use crate::scenario::Scenario;
        let text = r#"{"version":2,"name":"x","targets":[{"outcome":"gap_ks4","value_percent":30,"year":2030}],
            "actuals":[{"outcome":"fsm_neet","year":2022,"value_percent":31.5}]}"#;
        let scenario = Scenario::from_json(text).unwrap();
        assert_eq!(scenario.targets, [target("gap_ks4=30@2030")]);
        assert_eq!(scenario.actuals[0].outcome, Outcome::FsmNeet);
        assert_eq!(Scenario::from_json(&scenario.to_json()).unwrap(), scenario);
        let plain = Scenario::baseline().to_json();
        assert!(!plain.contains("targets") && !plain.contains("actuals"));
        // Unknown fields inside a target are refused, as elsewhere in the file.
        let extra = r#"{"version":2,"targets":[{"outcome":"gap_ks4","value_percent":30,"year":2030,"colour":"red"}]}"#;
        assert!(Scenario::from_json(extra)
            .unwrap_err()
            .to_string()
            .contains("colour"));
        let misspelt =
            r#"{"version":2,"targets":[{"outcome":"gap_ks3","value_percent":30,"year":2030}]}"#;
        let message = Scenario::from_json(misspelt).unwrap_err().to_string();
        assert!(
            message.contains("targets[0].outcome") && message.contains("did you mean gap_ks4?"),
            "{message}"
        );
    }

    #[test]
    fn stored_results_read_back_and_bad_ones_are_refused_by_name() {
        let actuals = vec![Actual {
            outcome: Outcome::FsmRate(Stage::Ks4),
            year: 2022,
            value_percent: 27.5,
        }];
        assert_eq!(
            parse_actuals(&serialize_actuals(&actuals)).unwrap(),
            actuals
        );
        let misspelt = r#"[{"outcome":"fsm_ks4","year":2022,"valu_percent":27}]"#;
        assert!(parse_actuals(misspelt)
            .unwrap_err()
            .to_string()
            .contains("valu_percent"));
        let twice = r#"[{"outcome":"fsm_ks4","year":2022,"value_percent":27},{"outcome":"fsm_ks4","year":2022,"value_percent":28}]"#;
        assert!(parse_actuals(twice).is_err());
        assert!(parse_actuals("{not json").is_err());
    }
}
