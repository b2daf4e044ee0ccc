//! The five stages of a cohort's path and the pupil groups the model tracks.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A point on a cohort's path where a binary outcome is measured.
///
/// The lag is the number of years after the end of reception (age 5) at which the
/// outcome is measured, fixed by England's school system: KS2 at the end of year 6
/// (age 11), KS4 at the end of year 11 (age 16), Level 3 by age 19, and the post-19
/// destination one year on (age 20), as in DfE's destination measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    EarlyYears,
    Ks2,
    Ks4,
    #[serde(rename = "level3_by_19")]
    Level3By19,
    Post19,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::EarlyYears,
        Stage::Ks2,
        Stage::Ks4,
        Stage::Level3By19,
        Stage::Post19,
    ];
    pub const COUNT: usize = 5;

    /// Position on the path, 0 for early years.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Years between the end of reception and this stage's measurement.
    pub fn lag_years(self) -> i32 {
        match self {
            Stage::EarlyYears => 0,
            Stage::Ks2 => 6,
            Stage::Ks4 => 11,
            Stage::Level3By19 => 14,
            Stage::Post19 => 15,
        }
    }

    /// The calendar year in which pupils who are in `year_group` (0 = reception, 6 = Y6,
    /// -2 = age 2-3) in `year` are measured at this stage.
    pub fn year_measured(self, year_group: i32, year: i32) -> i32 {
        year + self.lag_years() - year_group
    }

    /// The first year a programme starting in `start_year` can move this stage's results:
    /// when the oldest year group it serves (`last_year_group`) is measured here. `None`
    /// when the programme's own stage (`lever_stage`) comes after this one.
    pub fn first_year_reached(
        self,
        lever_stage: Stage,
        last_year_group: i32,
        start_year: i32,
    ) -> Option<i32> {
        (self >= lever_stage).then(|| self.year_measured(last_year_group, start_year))
    }

    /// Machine name, as used in data files, CSV headers and share links.
    pub fn key(self) -> &'static str {
        match self {
            Stage::EarlyYears => "early_years",
            Stage::Ks2 => "ks2",
            Stage::Ks4 => "ks4",
            Stage::Level3By19 => "level3_by_19",
            Stage::Post19 => "post19",
        }
    }

    /// Short name for labels.
    pub fn label(self) -> &'static str {
        match self {
            Stage::EarlyYears => "Early years",
            Stage::Ks2 => "KS2",
            Stage::Ks4 => "KS4",
            Stage::Level3By19 => "16-19",
            Stage::Post19 => "Post-19",
        }
    }

    /// What "reaching the standard" means at this stage.
    pub fn outcome(self) -> &'static str {
        match self {
            Stage::EarlyYears => "good level of development at age 5",
            Stage::Ks2 => "expected standard in reading, writing and maths at age 11",
            Stage::Ks4 => "grade 4+ in English and maths at age 16",
            Stage::Level3By19 => "Level 3 qualification by age 19",
            Stage::Post19 => "in sustained education, employment or training at age 20",
        }
    }

    pub fn next(self) -> Option<Stage> {
        Stage::ALL.get(self.index() + 1).copied()
    }
}

/// Free-school-meal eligibility: the split behind every headline figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Fsm,
    NonFsm,
}

impl Group {
    pub const ALL: [Group; 2] = [Group::Fsm, Group::NonFsm];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn label(self) -> &'static str {
        match self {
            Group::Fsm => "FSM",
            Group::NonFsm => "Non-FSM",
        }
    }

    /// Machine name, as in files and links: `fsm` or `non_fsm`.
    pub fn key(self) -> &'static str {
        match self {
            Group::Fsm => "fsm",
            Group::NonFsm => "non_fsm",
        }
    }
}

impl fmt::Display for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Group {
    type Err = String;

    fn from_str(text: &str) -> Result<Group, String> {
        Group::ALL
            .into_iter()
            .find(|g| g.key() == text)
            .ok_or_else(|| format!("{text:?} is not a pupil group (fsm or non_fsm)"))
    }
}
