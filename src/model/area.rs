//! An area's baseline data: cohort size, FSM share, base-year rates at each stage, and
//! how strongly one stage carries into the next. One file per Opportunity Area.

use serde::{Deserialize, Serialize};

use super::error::{check_range, parse_json, InputError};
use super::provenance::{check_provenance, Sourced};
use super::stage::{Group, Stage};

/// The area file format this build reads.
pub const AREA_FORMAT_VERSION: u32 = 1;
/// The largest area file read; the CLI stops reading one byte past it.
pub const AREA_FILE_LIMIT_BYTES: usize = 256 * 1024;

/// The id of the default area, the first of [`Area::shipped`].
pub const DEFAULT_AREA_ID: &str = "hastings";

/// The latest year an area's horizon may reach; it bounds the work a hand-edited file can ask for.
pub const LATEST_HORIZON_YEAR: i32 = 2100;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub format_version: u32,
    /// Stable machine name, e.g. `hastings`.
    pub id: String,
    pub name: String,
    /// The year whose data the baseline reproduces; levers cannot start earlier.
    pub base_year: i32,
    /// The last calendar year projected.
    pub horizon_end_year: i32,
    /// Pupils in one year group.
    pub cohort_size: Sourced<f64>,
    /// Share of a year group eligible for free school meals, 0 to 1.
    pub fsm_share: Sourced<f64>,
    pub stages: StageBaselines,
    pub links: StageLinks,
}

/// Base-year share reaching the standard at each stage, by group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageBaselines {
    pub early_years: GroupRates,
    pub ks2: GroupRates,
    pub ks4: GroupRates,
    pub level3_by_19: GroupRates,
    pub post19: GroupRates,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupRates {
    pub fsm_rate: Sourced<f64>,
    pub non_fsm_rate: Sourced<f64>,
    /// A sourced yearly trend in the FSM rate, in percentage points a year; absent means
    /// flat (the default baseline).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fsm_trend_points_per_year: Option<Sourced<f64>>,
    /// The same for the non-FSM rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub non_fsm_trend_points_per_year: Option<Sourced<f64>>,
}

/// The most a trend may move a rate in one year, in percentage points.
pub const MAX_TREND_POINTS_PER_YEAR: f64 = 5.0;

/// How one stage carries into the next, for each of the four transitions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageLinks {
    pub early_years_to_ks2: StageLink,
    pub ks2_to_ks4: StageLink,
    pub ks4_to_level3_by_19: StageLink,
    pub level3_by_19_to_post19: StageLink,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageLink {
    /// Share of a lever's latent shift still present at the next stage (fade-out), 0 to 1.
    pub effect_persistence: Sourced<f64>,
    /// Correlation of untreated latent attainment between the two stages, −0.95 to 0.95.
    /// Used only for the joint (flow) view of a cohort, never for rates.
    pub latent_correlation: Sourced<f64>,
}

impl Area {
    /// The Hastings Opportunity Area, shipped with the app.
    pub fn hastings() -> Area {
        // The shipped file is checked by a test, so this cannot fail in a release.
        Area::from_json(include_str!("../../static/data/areas/hastings.json"))
            .unwrap_or_else(|e| panic!("shipped Hastings area file is invalid: {e}"))
    }

    /// Every area shipped with the app, Hastings first (the default). Parsed on each
    /// call: keep the result rather than calling this in a hot path.
    pub fn shipped() -> Vec<Area> {
        // Checked by a test, so these cannot fail in a release.
        [
            include_str!("../../static/data/areas/hastings.json"),
            include_str!("../../static/data/areas/england.json"),
        ]
        .iter()
        .map(|text| {
            Area::from_json(text).unwrap_or_else(|e| panic!("shipped area file is invalid: {e}"))
        })
        .collect()
    }

    /// Parses and validates an area file.
    pub fn from_json(text: &str) -> Result<Area, InputError> {
        let area: Area = parse_json("Area file", text, AREA_FILE_LIMIT_BYTES)?;
        area.validate()?;
        Ok(area)
    }

    /// Checks every field; the first problem found is returned.
    pub fn validate(&self) -> Result<(), InputError> {
        if self.format_version != AREA_FORMAT_VERSION {
            return Err(InputError::field(
                "format_version",
                format!(
                    "is {}, but this version of Pathways reads area files of version {}",
                    self.format_version, AREA_FORMAT_VERSION
                ),
            ));
        }
        if self.id.trim().is_empty() || self.name.trim().is_empty() {
            return Err(InputError::field("id/name", "must not be empty"));
        }
        if !(2000..=2090).contains(&self.base_year) {
            return Err(InputError::field(
                "base_year",
                format!("{} is not a plausible year (2000 to 2090)", self.base_year),
            ));
        }
        if self.horizon_end_year < self.base_year + Stage::Post19.lag_years()
            || self.horizon_end_year > LATEST_HORIZON_YEAR
        {
            return Err(InputError::field(
                "horizon_end_year",
                format!(
                    "{} must be between base_year + 15 ({}) and {}, so that an early-years cohort can reach every stage",
                    self.horizon_end_year,
                    self.base_year + Stage::Post19.lag_years(),
                    LATEST_HORIZON_YEAR
                ),
            ));
        }
        check_range("cohort_size", self.cohort_size.value, 1.0, 1_000_000.0)?;
        check_provenance("cohort_size", &self.cohort_size.provenance)?;
        check_range("fsm_share", self.fsm_share.value, 0.0, 1.0)?;
        check_provenance("fsm_share", &self.fsm_share.provenance)?;
        for stage in Stage::ALL {
            let rates = self.stages.get(stage);
            for (group, rate) in [
                ("fsm_rate", &rates.fsm_rate),
                ("non_fsm_rate", &rates.non_fsm_rate),
            ] {
                let field = format!("stages.{}.{}", stage.key(), group);
                // A rate of exactly 0 or 1 has no finite threshold: no lever could move it.
                check_range(&field, rate.value, 0.001, 0.999)?;
                check_provenance(&field, &rate.provenance)?;
            }
            for (group, trend) in [
                (
                    "fsm_trend_points_per_year",
                    &rates.fsm_trend_points_per_year,
                ),
                (
                    "non_fsm_trend_points_per_year",
                    &rates.non_fsm_trend_points_per_year,
                ),
            ] {
                if let Some(trend) = trend {
                    let field = format!("stages.{}.{}", stage.key(), group);
                    check_range(
                        &field,
                        trend.value,
                        -MAX_TREND_POINTS_PER_YEAR,
                        MAX_TREND_POINTS_PER_YEAR,
                    )?;
                    check_provenance(&field, &trend.provenance)?;
                }
            }
        }
        for (name, link) in self.links.named() {
            let field = format!("links.{name}.effect_persistence");
            check_range(&field, link.effect_persistence.value, 0.0, 1.0)?;
            check_provenance(&field, &link.effect_persistence.provenance)?;
            let field = format!("links.{name}.latent_correlation");
            check_range(&field, link.latent_correlation.value, -0.95, 0.95)?;
            check_provenance(&field, &link.latent_correlation.provenance)?;
        }
        Ok(())
    }

    /// Base-year rate for a stage and group.
    pub fn base_rate(&self, stage: Stage, group: Group) -> f64 {
        let rates = self.stages.get(stage);
        match group {
            Group::Fsm => rates.fsm_rate.value,
            Group::NonFsm => rates.non_fsm_rate.value,
        }
    }

    /// The baseline rate in `year`: the base-year rate plus the stage's trend, if the
    /// file gives one, kept within 0.1% and 99.9%. Without a trend, exactly the base rate.
    pub fn baseline_rate(&self, stage: Stage, group: Group, year: i32) -> f64 {
        let rate = self.base_rate(stage, group);
        match self.trend_points_per_year(stage, group) {
            Some(trend) if trend != 0.0 => {
                (rate + trend / 100.0 * f64::from(year - self.base_year)).clamp(0.001, 0.999)
            }
            _ => rate,
        }
    }

    /// The yearly trend of a stage and group, in points a year, when the file gives one.
    pub fn trend_points_per_year(&self, stage: Stage, group: Group) -> Option<f64> {
        let rates = self.stages.get(stage);
        let trend = match group {
            Group::Fsm => &rates.fsm_trend_points_per_year,
            Group::NonFsm => &rates.non_fsm_trend_points_per_year,
        };
        trend.as_ref().map(|t| t.value)
    }

    /// Whether any stage's baseline moves: false for the default, flat baseline.
    pub fn has_trend(&self) -> bool {
        Stage::ALL.iter().any(|&stage| {
            Group::ALL
                .iter()
                .any(|&group| self.trend_points_per_year(stage, group).unwrap_or(0.0) != 0.0)
        })
    }

    /// Pupils of a group in one year group (not rounded: the deterministic model uses
    /// expected counts; the Monte Carlo rounds to whole pupils).
    pub fn group_size(&self, group: Group) -> f64 {
        let fsm = self.cohort_size.value * self.fsm_share.value;
        match group {
            Group::Fsm => fsm,
            Group::NonFsm => self.cohort_size.value - fsm,
        }
    }

    /// Calendar years projected, base year first.
    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.base_year..=self.horizon_end_year
    }
}

impl StageBaselines {
    pub fn get(&self, stage: Stage) -> &GroupRates {
        match stage {
            Stage::EarlyYears => &self.early_years,
            Stage::Ks2 => &self.ks2,
            Stage::Ks4 => &self.ks4,
            Stage::Level3By19 => &self.level3_by_19,
            Stage::Post19 => &self.post19,
        }
    }

    pub fn get_mut(&mut self, stage: Stage) -> &mut GroupRates {
        match stage {
            Stage::EarlyYears => &mut self.early_years,
            Stage::Ks2 => &mut self.ks2,
            Stage::Ks4 => &mut self.ks4,
            Stage::Level3By19 => &mut self.level3_by_19,
            Stage::Post19 => &mut self.post19,
        }
    }
}

impl StageLinks {
    /// The link *into* `stage` from the stage before it; none into early years.
    pub fn into_stage(&self, stage: Stage) -> Option<&StageLink> {
        match stage {
            Stage::EarlyYears => None,
            Stage::Ks2 => Some(&self.early_years_to_ks2),
            Stage::Ks4 => Some(&self.ks2_to_ks4),
            Stage::Level3By19 => Some(&self.ks4_to_level3_by_19),
            Stage::Post19 => Some(&self.level3_by_19_to_post19),
        }
    }

    fn named(&self) -> [(&'static str, &StageLink); 4] {
        [
            ("early_years_to_ks2", &self.early_years_to_ks2),
            ("ks2_to_ks4", &self.ks2_to_ks4),
            ("ks4_to_level3_by_19", &self.ks4_to_level3_by_19),
            ("level3_by_19_to_post19", &self.level3_by_19_to_post19),
        ]
    }
}
