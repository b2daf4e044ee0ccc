//! Published results for an area, year by year: what actually happened, to set beside a
//! projection. An area file carries a list of [`ObservedSeries`]; each is one measure for
//! one group in one geography, with its source, its definition and the breaks that limit
//! comparisons over time.
//!
//! A series whose [`SeriesRole`] is `model_outcome` measures what the model projects (the
//! same measure at the same stage, for FSM, non-FSM or all pupils) and can be plotted on a
//! stage's chart; a `context` series (a wider group such as disadvantaged pupils, another
//! grade, NEET at 16-17) is shown beside it, never as if it were the model's measure.

use serde::{Deserialize, Serialize};

use super::error::InputError;
use super::stage::{Group, Stage};

/// The earliest and latest years a series may hold.
pub const OBSERVED_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// What a series measures: one of the model's five stages, or a related measure that is
/// not a model stage (NEET shares at 16-17 and 16-18, and the context a diagnosis sets
/// beside the outcomes: phonics, absence, FSM shares, early-education quality).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ObservedStage {
    #[serde(rename = "early_years")]
    EarlyYears,
    #[serde(rename = "ks2")]
    Ks2,
    #[serde(rename = "ks4")]
    Ks4,
    #[serde(rename = "level3_by_19")]
    Level3By19,
    #[serde(rename = "post19")]
    Post19,
    /// Share of 16- and 17-year-olds not in education, employment or training (a NEET
    /// share, not an attainment rate): context for the post-19 stage.
    #[serde(rename = "neet_16_17")]
    Neet16To17,
    /// Share of 16- to 18-year-olds NEET at the end of the calendar year: context.
    #[serde(rename = "neet_16_18")]
    Neet16To18,
    /// Share of pupils meeting the phonics screening check's standard in year 1: context
    /// for KS2 (a diagnosis reads it beside the outcomes, never as one).
    #[serde(rename = "phonics_year1")]
    PhonicsYear1,
    /// Share of pupils persistently absent (missing 10% or more of their sessions): context.
    #[serde(rename = "persistent_absence")]
    PersistentAbsence,
    /// Share of primary pupils eligible for free school meals: context (who the FSM group is).
    #[serde(rename = "fsm_share_primary")]
    FsmSharePrimary,
    /// Share of secondary pupils eligible for free school meals: context.
    #[serde(rename = "fsm_share_secondary")]
    FsmShareSecondary,
    /// Share of funded 3- and 4-year-olds at a provider Ofsted rated good or outstanding:
    /// context (the quality of early education).
    #[serde(rename = "early_education_good_providers")]
    EarlyEducationGoodProviders,
}

impl ObservedStage {
    /// The model stage this series belongs to, if it is one.
    pub fn model_stage(self) -> Option<Stage> {
        match self {
            ObservedStage::EarlyYears => Some(Stage::EarlyYears),
            ObservedStage::Ks2 => Some(Stage::Ks2),
            ObservedStage::Ks4 => Some(Stage::Ks4),
            ObservedStage::Level3By19 => Some(Stage::Level3By19),
            ObservedStage::Post19 => Some(Stage::Post19),
            ObservedStage::Neet16To17
            | ObservedStage::Neet16To18
            | ObservedStage::PhonicsYear1
            | ObservedStage::PersistentAbsence
            | ObservedStage::FsmSharePrimary
            | ObservedStage::FsmShareSecondary
            | ObservedStage::EarlyEducationGoodProviders => None,
        }
    }

    /// The series stage that measures a model stage.
    pub fn of(stage: Stage) -> ObservedStage {
        match stage {
            Stage::EarlyYears => ObservedStage::EarlyYears,
            Stage::Ks2 => ObservedStage::Ks2,
            Stage::Ks4 => ObservedStage::Ks4,
            Stage::Level3By19 => ObservedStage::Level3By19,
            Stage::Post19 => ObservedStage::Post19,
        }
    }

    /// Whether the values are NEET shares (compare with one minus the model's EET rate).
    pub fn is_neet_share(self) -> bool {
        matches!(self, ObservedStage::Neet16To17 | ObservedStage::Neet16To18)
    }
}

/// The measure each model stage projects, as the area files name it (`None` for post-19,
/// which has no series of its own measure): another measure at the same stage (grade 5+ at
/// KS4, the seed's "expected standards") is not the model's.
pub fn stage_measure(stage: Stage) -> Option<&'static str> {
    match stage {
        Stage::EarlyYears => Some("eyfs_gld"),
        Stage::Ks2 => Some("ks2_rwm_expected"),
        Stage::Ks4 => Some("ks4_em_grade4plus"),
        Stage::Level3By19 => Some("level3_by19"),
        Stage::Post19 => None,
    }
}

/// Whose results a series gives. Disadvantaged (FSM at any time in six years, or looked
/// after) is a wider group than FSM, so its rates are not the model's FSM rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObservedGroup {
    Fsm,
    NonFsm,
    Disadvantaged,
    NonDisadvantaged,
    All,
}

impl ObservedGroup {
    /// The model's group, for FSM and non-FSM series; `None` for all pupils and for the
    /// disadvantage groups.
    pub fn model_group(self) -> Option<Group> {
        match self {
            ObservedGroup::Fsm => Some(Group::Fsm),
            ObservedGroup::NonFsm => Some(Group::NonFsm),
            _ => None,
        }
    }
}

/// How a series may be shown beside a projection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeriesRole {
    /// The model's own measure at a model stage, for FSM, non-FSM or all pupils: plot it
    /// against the projection's rate for that group (all pupils: the all-pupil rate).
    ModelOutcome,
    /// A related measure, group or age: show it as context, not on the model's scale.
    Context,
}

/// A known reason why points of a series, or the series as a whole, cannot be compared
/// directly with each other or with the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BreakKind {
    /// EYFS reform (September 2021): figures from 2022 on are not comparable with 2019
    /// and earlier.
    #[serde(rename = "eyfs_reform_2021")]
    EyfsReform2021,
    /// No assessment that year (COVID-19: no EYFSP or KS2 tests in 2020 and 2021); the
    /// series has no point for it.
    #[serde(rename = "no_assessment")]
    NoAssessment,
    /// Grades were centre- or teacher-assessed (summers 2020 and 2021), so rates ran high.
    #[serde(rename = "teacher_assessed_grades")]
    TeacherAssessedGrades,
    /// KS2 teacher-assessment framework changed in 2018: 2016 and 2017 not directly
    /// comparable with later years.
    #[serde(rename = "ks2_assessment_change")]
    Ks2AssessmentChange,
    /// The figures are for the county, not the Opportunity Area's district.
    #[serde(rename = "county_proxy")]
    CountyProxy,
    /// Disadvantaged pupils are not FSM pupils: a wider group with higher rates.
    #[serde(rename = "disadvantaged_not_fsm")]
    DisadvantagedNotFsm,
    /// The source's figure for some years looks like a recording problem.
    #[serde(rename = "data_quality")]
    DataQuality,
}

/// One break or caveat of a series: what it is, the years it touches (none: the whole
/// series), and a sentence for the reader.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesBreak {
    pub kind: BreakKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub years: Vec<i32>,
    pub note: String,
}

/// One published figure: the calendar year of the summer that ends the academic year
/// (2016/17 → 2017; NCCIS and NEET years as the source gives them), and a share 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObservedPoint {
    pub year: i32,
    pub value: f64,
    /// For a comparison over several areas (the statistical neighbours): the lowest and
    /// highest of their figures that year; `value` is their mean.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<[f64; 2]>,
}

/// Whose results a comparison series gives: not the area's own, but others' to set beside
/// them on its charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// The area's statistical neighbours: their mean, and the lowest and highest.
    Neighbours,
    /// England as a whole.
    England,
}

/// One measure for one group in one geography, year by year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObservedSeries {
    pub stage: ObservedStage,
    pub group: ObservedGroup,
    /// A short machine name for the measure, e.g. `ks2_rwm_expected`.
    pub measure: String,
    pub role: SeriesRole,
    /// Whose figures these are, e.g. "East Sussex (county; proxy for Hastings)".
    pub geography: String,
    /// What the measure counts, in the source's words where it has them.
    pub definition: String,
    /// Where the figures come from: repository, file and commit, or publication.
    pub source: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breaks: Vec<SeriesBreak>,
    /// Set for a series of other areas' results shown for comparison (always `context`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparison: Option<Comparison>,
    /// In increasing year order, at most one point a year.
    pub points: Vec<ObservedPoint>,
}

impl ObservedSeries {
    /// The model stage and group whose projected rate this series can be plotted against:
    /// `None` for context series. The group is `None` for all pupils (compare with the
    /// all-pupil rate).
    pub fn model_match(&self) -> Option<(Stage, Option<Group>)> {
        if self.role != SeriesRole::ModelOutcome {
            return None;
        }
        Some((self.stage.model_stage()?, self.group.model_group()))
    }

    /// Whether the series, or the given year of it, is affected by a break of this kind.
    pub fn has_break(&self, kind: BreakKind, year: Option<i32>) -> bool {
        self.breaks.iter().any(|b| {
            b.kind == kind && (b.years.is_empty() || year.is_none_or(|y| b.years.contains(&y)))
        })
    }

    /// Checks one series; `field` is its place in the file, e.g. `observed[3]`.
    pub fn validate(&self, field: &str) -> Result<(), InputError> {
        for (name, text) in [
            ("measure", &self.measure),
            ("geography", &self.geography),
            ("definition", &self.definition),
            ("source", &self.source),
        ] {
            if text.trim().is_empty() {
                return Err(InputError::field(
                    format!("{field}.{name}"),
                    "must not be empty",
                ));
            }
        }
        if self.role == SeriesRole::ModelOutcome {
            if self.stage.model_stage().is_none() {
                return Err(InputError::field(
                    format!("{field}.role"),
                    "a NEET or other context measure is context, not a model outcome",
                ));
            }
            if matches!(
                self.group,
                ObservedGroup::Disadvantaged | ObservedGroup::NonDisadvantaged
            ) {
                return Err(InputError::field(
                    format!("{field}.role"),
                    "a disadvantaged-pupil series is context: the model's groups are FSM and non-FSM",
                ));
            }
        }
        if self.comparison.is_some() && self.role != SeriesRole::Context {
            return Err(InputError::field(
                format!("{field}.role"),
                "a comparison series (other areas' results) is context, not the area's own model outcome",
            ));
        }
        for (i, item) in self.breaks.iter().enumerate() {
            if item.note.trim().is_empty() {
                return Err(InputError::field(
                    format!("{field}.breaks[{i}].note"),
                    "must not be empty",
                ));
            }
            if let Some(year) = item.years.iter().find(|y| !OBSERVED_YEARS.contains(y)) {
                return Err(InputError::field(
                    format!("{field}.breaks[{i}].years"),
                    format!("{year} is not a year from 2000 to 2100"),
                ));
            }
        }
        if self.points.is_empty() {
            return Err(InputError::field(
                format!("{field}.points"),
                "needs at least one point",
            ));
        }
        let mut previous: Option<i32> = None;
        for (i, point) in self.points.iter().enumerate() {
            if !OBSERVED_YEARS.contains(&point.year) {
                return Err(InputError::field(
                    format!("{field}.points[{i}].year"),
                    format!("{} is not a year from 2000 to 2100", point.year),
                ));
            }
            match previous {
                Some(p) if p == point.year => {
                    return Err(InputError::field(
                        format!("{field}.points[{i}].year"),
                        format!(
                            "{} appears twice: a series has one point a year",
                            point.year
                        ),
                    ))
                }
                Some(p) if p > point.year => {
                    return Err(InputError::field(
                        format!("{field}.points[{i}].year"),
                        format!(
                            "{} comes after {p}: points go in increasing year order",
                            point.year
                        ),
                    ))
                }
                _ => {}
            }
            previous = Some(point.year);
            if let Some([low, high]) = point.range {
                let share = |v: f64| v.is_finite() && (0.0..=1.0).contains(&v);
                if !(share(low) && share(high) && low <= point.value && point.value <= high) {
                    return Err(InputError::field(
                        format!("{field}.points[{i}].range"),
                        format!(
                            "[{low}, {high}] must be two shares from 0 to 1 with the value ({}) between them",
                            point.value
                        ),
                    ));
                }
            }
            if !(point.value.is_finite() && (0.0..=1.0).contains(&point.value)) {
                return Err(InputError::field(
                    format!("{field}.points[{i}].value"),
                    format!(
                        "{} is not a share from 0 to 1 (write 57% as 0.57)",
                        point.value
                    ),
                ));
            }
        }
        Ok(())
    }
}
