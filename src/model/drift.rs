//! How far an area's published figures move with no programme at all: a national change
//! every area shares, the area's own drift against England, and the chance of who is in
//! each year's cohort. Fitted on LAIT's series for every local authority
//! (`pathways-record fit`, docs/MODEL.md §6a); the level bands and the chance of reaching a
//! target carry them, the change against the baseline does not (they cancel in it).

use serde::{Deserialize, Serialize};

use super::error::{check_range, InputError};
use super::provenance::{check_provenance, Sourced};
use super::stage::{Group, Stage};

/// One group's spreads at one stage, on the latent (probit) scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupDrift {
    /// SD a year of England's random walk: a change that stays.
    pub national_walk_sd: Sourced<f64>,
    /// SD of England's one-year departures around that walk (a year of teacher-assessed
    /// grades, a first year of new tests): a change that does not stay.
    pub national_year_sd: Sourced<f64>,
    /// SD a year of the area's random walk against England.
    pub area_walk_sd: Sourced<f64>,
    /// The cohort noise's variance over the binomial variance of the area's own group size
    /// (1: exactly binomial; more: pupils cluster in schools; less: the size proxy
    /// undercounts the group).
    pub cohort_noise_factor: Sourced<f64>,
}

impl GroupDrift {
    fn named(&self) -> [(&'static str, &Sourced<f64>); 4] {
        [
            ("national_walk_sd", &self.national_walk_sd),
            ("national_year_sd", &self.national_year_sd),
            ("area_walk_sd", &self.area_walk_sd),
            ("cohort_noise_factor", &self.cohort_noise_factor),
        ]
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageDrift {
    pub fsm: GroupDrift,
    pub non_fsm: GroupDrift,
}

impl StageDrift {
    pub fn group(&self, group: Group) -> &GroupDrift {
        match group {
            Group::Fsm => &self.fsm,
            Group::NonFsm => &self.non_fsm,
        }
    }

    pub fn group_mut(&mut self, group: Group) -> &mut GroupDrift {
        match group {
            Group::Fsm => &mut self.fsm,
            Group::NonFsm => &mut self.non_fsm,
        }
    }
}

/// Every stage's spreads, in the lever catalogue's `drift` section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Drift {
    pub early_years: StageDrift,
    pub ks2: StageDrift,
    pub ks4: StageDrift,
    pub level3_by_19: StageDrift,
    pub post19: StageDrift,
}

impl Drift {
    pub fn stage(&self, stage: Stage) -> &StageDrift {
        match stage {
            Stage::EarlyYears => &self.early_years,
            Stage::Ks2 => &self.ks2,
            Stage::Ks4 => &self.ks4,
            Stage::Level3By19 => &self.level3_by_19,
            Stage::Post19 => &self.post19,
        }
    }

    pub fn get(&self, stage: Stage, group: Group) -> &GroupDrift {
        self.stage(stage).group(group)
    }

    pub fn get_mut(&mut self, stage: Stage, group: Group) -> &mut GroupDrift {
        let stage = match stage {
            Stage::EarlyYears => &mut self.early_years,
            Stage::Ks2 => &mut self.ks2,
            Stage::Ks4 => &mut self.ks4,
            Stage::Level3By19 => &mut self.level3_by_19,
            Stage::Post19 => &mut self.post19,
        };
        stage.group_mut(group)
    }

    /// Every value with its field name, for validation and the data panel.
    pub fn named(&self) -> Vec<(String, &Sourced<f64>)> {
        let mut out = Vec::new();
        for stage in Stage::ALL {
            for group in Group::ALL {
                for (name, value) in self.get(stage, group).named() {
                    out.push((format!("{}.{}.{name}", stage.key(), group.key()), value));
                }
            }
        }
        out
    }

    /// Spreads of at most 0.5 SD a year and a noise factor between 0.05 and 10, each with
    /// its provenance.
    pub fn validate(&self) -> Result<(), InputError> {
        for (name, value) in self.named() {
            let field = format!("drift.{name}");
            let (low, high) = if name.ends_with("cohort_noise_factor") {
                (0.05, 10.0)
            } else {
                (0.0, 0.5)
            };
            check_range(&field, value.value, low, high)?;
            check_provenance(&field, &value.provenance)?;
        }
        Ok(())
    }
}
