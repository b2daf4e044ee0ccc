//! The headline outcomes a board reads, and how each is read off a projection or bands.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::error::nearest_name;
use crate::model::monte_carlo::YearBands;
use crate::model::{Group, Percentiles, Stage, YearProjection};

/// One headline measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Share of FSM pupils reaching the stage's standard.
    FsmRate(Stage),
    /// Non-FSM minus FSM rate at a stage.
    Gap(Stage),
    /// Share of FSM young people not in education, employment or training at 20.
    FsmNeet,
}

/// The headline set, in the order shown.
pub const HEADLINES: [Outcome; 6] = [
    Outcome::FsmRate(Stage::EarlyYears),
    Outcome::FsmRate(Stage::Ks2),
    Outcome::FsmRate(Stage::Ks4),
    Outcome::FsmRate(Stage::Level3By19),
    Outcome::Gap(Stage::Ks4),
    Outcome::FsmNeet,
];

impl Outcome {
    /// Machine name, for element ids, CSV and tests.
    pub fn key(self) -> String {
        match self {
            Outcome::FsmRate(stage) => format!("fsm_{}", stage.key()),
            Outcome::Gap(stage) => format!("gap_{}", stage.key()),
            Outcome::FsmNeet => "fsm_neet".to_owned(),
        }
    }

    pub fn title(self) -> String {
        match self {
            Outcome::FsmRate(Stage::EarlyYears) => {
                "FSM: good level of development (age 5)".to_owned()
            }
            Outcome::FsmRate(Stage::Ks2) => "FSM: expected standard at KS2 (age 11)".to_owned(),
            Outcome::FsmRate(Stage::Ks4) => "FSM: grade 4+ English and maths (age 16)".to_owned(),
            Outcome::FsmRate(Stage::Level3By19) => "FSM: Level 3 by 19".to_owned(),
            Outcome::FsmRate(Stage::Post19) => {
                "FSM: in education, employment or training at 20".to_owned()
            }
            Outcome::Gap(stage) => format!("FSM gap at {} (percentage points)", stage.label()),
            Outcome::FsmNeet => "FSM: NEET at 20".to_owned(),
        }
    }

    /// The title without its unit, for sentences that give the unit themselves.
    pub fn name(self) -> String {
        let title = self.title();
        title
            .strip_suffix(" (percentage points)")
            .map_or(title.clone(), str::to_owned)
    }

    /// The unit a value of this outcome is given in: points for a gap, else per cent.
    pub fn unit(self) -> &'static str {
        if self.is_gap() {
            "points"
        } else {
            "%"
        }
    }

    /// Short name for compact cards.
    pub fn short_title(self) -> String {
        match self {
            Outcome::FsmRate(Stage::EarlyYears) => "Early years (GLD)".to_owned(),
            Outcome::FsmRate(Stage::Ks2) => "KS2 expected standard".to_owned(),
            Outcome::FsmRate(Stage::Ks4) => "KS4 grade 4+ En & Ma".to_owned(),
            Outcome::FsmRate(Stage::Level3By19) => "Level 3 by 19".to_owned(),
            Outcome::FsmRate(Stage::Post19) => "In EET at 20".to_owned(),
            Outcome::Gap(stage) => format!("FSM gap, {}", stage.label()),
            Outcome::FsmNeet => "NEET at 20".to_owned(),
        }
    }

    /// The stage whose cohorts this outcome measures.
    pub fn stage(self) -> Stage {
        match self {
            Outcome::FsmRate(stage) | Outcome::Gap(stage) => stage,
            Outcome::FsmNeet => Stage::Post19,
        }
    }

    /// True when a rise is good news (a lower gap or NEET rate is better).
    pub fn higher_is_better(self) -> bool {
        matches!(self, Outcome::FsmRate(_))
    }

    /// True for gaps, which are shown in points rather than as a percentage.
    pub fn is_gap(self) -> bool {
        matches!(self, Outcome::Gap(_))
    }

    /// The FSM value (or the gap) in a projected year, as a share.
    pub fn value(self, year: &YearProjection) -> f64 {
        match self {
            Outcome::FsmRate(stage) => year.stage(stage).fsm.rate,
            Outcome::Gap(stage) => year.stage(stage).gap(),
            Outcome::FsmNeet => year.neet_rate(Some(Group::Fsm)),
        }
    }

    /// The matching non-FSM value, where the outcome has one.
    pub fn non_fsm_value(self, year: &YearProjection) -> Option<f64> {
        match self {
            Outcome::FsmRate(stage) => Some(year.stage(stage).non_fsm.rate),
            Outcome::Gap(_) => None,
            Outcome::FsmNeet => Some(year.neet_rate(Some(Group::NonFsm))),
        }
    }

    /// The headline with this machine name (`fsm_ks4`, `gap_ks4`, `fsm_neet`…), if any.
    pub fn from_key(key: &str) -> Option<Outcome> {
        HEADLINES.into_iter().find(|o| o.key() == key)
    }

    /// The Monte Carlo percentiles of the change against the baseline in a year, paired
    /// draw by draw (a share; ×100 for points).
    pub fn change_band(self, year: &YearBands) -> Percentiles {
        match self {
            Outcome::FsmRate(stage) => year.stages[stage.index()].fsm_change,
            Outcome::Gap(stage) => year.stages[stage.index()].gap_change,
            // NEET = 1 − EET: its change is minus EET's change.
            Outcome::FsmNeet => year.stages[Stage::Post19.index()].fsm_change.negated(),
        }
    }

    /// The Monte Carlo percentiles of the value in a year.
    pub fn band(self, year: &YearBands) -> Percentiles {
        match self {
            Outcome::FsmRate(stage) => year.stages[stage.index()].fsm_rate,
            Outcome::Gap(stage) => year.stages[stage.index()].gap,
            // NEET = 1 − EET, so percentiles swap ends.
            Outcome::FsmNeet => year.stages[Stage::Post19.index()].fsm_rate.complement(),
        }
    }
}

/// A headline's machine name that is not one of [`HEADLINES`], with the nearest known one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownOutcome {
    /// What was given (at most 40 characters of it).
    pub given: String,
    /// The known key nearest to it, when close enough to be a misspelling.
    pub suggestion: Option<String>,
}

impl fmt::Display for UnknownOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not an outcome", self.given)?;
        if let Some(name) = &self.suggestion {
            write!(f, " (did you mean {name}?)")?;
        }
        let keys: Vec<String> = HEADLINES.iter().map(|o| o.key()).collect();
        write!(f, "; the outcomes are {}", keys.join(", "))
    }
}

impl std::error::Error for UnknownOutcome {}

impl FromStr for Outcome {
    type Err = UnknownOutcome;

    /// Reads a headline's key (`fsm_ks4`, `gap_ks4`, `fsm_neet`…), as [`Outcome::key`]
    /// writes it.
    fn from_str(text: &str) -> Result<Outcome, UnknownOutcome> {
        Outcome::from_key(text).ok_or_else(|| {
            let keys: Vec<String> = HEADLINES.iter().map(|o| o.key()).collect();
            UnknownOutcome {
                given: text.chars().take(40).collect(),
                suggestion: nearest_name(text, keys.iter().map(String::as_str)),
            }
        })
    }
}

impl fmt::Display for Outcome {
    /// The machine name, [`Outcome::key`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

/// In files, an outcome is its key (`"fsm_ks4"`).
impl Serialize for Outcome {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.key())
    }
}

impl<'de> Deserialize<'de> for Outcome {
    /// Reads a headline's key; an unknown one is refused with the nearest known key.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Outcome, D::Error> {
        let key = String::deserialize(deserializer)?;
        key.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Model, Plan};

    #[test]
    fn headline_values_read_the_right_stage_and_group() {
        let model = Model::hastings();
        let baseline = model.baseline();
        let year = baseline.year(2020).unwrap();
        let area = model.area();
        let ks4_gap = area.stages.ks4.non_fsm_rate.value - area.stages.ks4.fsm_rate.value;
        let fsm_neet = 1.0 - area.stages.post19.fsm_rate.value;
        assert_eq!(Outcome::FsmRate(Stage::Ks2).value(year), 0.25);
        assert!((Outcome::Gap(Stage::Ks4).value(year) - ks4_gap).abs() < 1e-12);
        assert!((Outcome::FsmNeet.value(year) - fsm_neet).abs() < 1e-12);
        let bands = model.monte_carlo(&Plan::default(), 200, 3);
        let neet = Outcome::FsmNeet.band(bands.year(2020).unwrap());
        assert!(neet.p10 <= neet.p50 && neet.p50 <= neet.p90);
        assert!(neet.p10 < fsm_neet && fsm_neet < neet.p90);
    }

    #[test]
    fn outcomes_parse_their_keys_and_suggest_near_misses() {
        for outcome in HEADLINES {
            assert_eq!(outcome.to_string().parse::<Outcome>(), Ok(outcome));
        }
        let error = "fms_ks4".parse::<Outcome>().unwrap_err();
        assert_eq!(error.suggestion.as_deref(), Some("fsm_ks4"));
        assert!(error.to_string().starts_with("\"fms_ks4\" is not an outcome (did you mean fsm_ks4?); the outcomes are fsm_early_years, fsm_ks2"));
        assert_eq!("ponies".parse::<Outcome>().unwrap_err().suggestion, None);
    }
}
