//! What the model produces: for each calendar year, each stage and each group, the
//! share reaching the standard and the pupils behind it, plus the plan's cost.

use serde::{Deserialize, Serialize};

use super::stage::{Group, Stage};

/// One group's outcome at one stage in one year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GroupOutcome {
    /// Pupils in the group (expected count; not rounded).
    pub pupils: f64,
    /// Share reaching the standard, 0 to 1.
    pub rate: f64,
}

impl GroupOutcome {
    pub fn reached(&self) -> f64 {
        self.pupils * self.rate
    }

    pub fn not_reached(&self) -> f64 {
        self.pupils - self.reached()
    }
}

/// Both groups at one stage in one year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StageOutcome {
    pub fsm: GroupOutcome,
    pub non_fsm: GroupOutcome,
}

impl StageOutcome {
    pub fn group(&self, group: Group) -> &GroupOutcome {
        match group {
            Group::Fsm => &self.fsm,
            Group::NonFsm => &self.non_fsm,
        }
    }

    /// The FSM gap: non-FSM rate minus FSM rate (a share; ×100 for points).
    pub fn gap(&self) -> f64 {
        self.non_fsm.rate - self.fsm.rate
    }

    /// All pupils' rate, weighting the groups by size.
    pub fn all_rate(&self) -> f64 {
        let pupils = self.fsm.pupils + self.non_fsm.pupils;
        if pupils > 0.0 {
            (self.fsm.reached() + self.non_fsm.reached()) / pupils
        } else {
            0.0
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearProjection {
    pub year: i32,
    /// Indexed by [`Stage::index`].
    pub stages: [StageOutcome; Stage::COUNT],
    /// What the plan spends this year, in pounds.
    pub cost_gbp: f64,
}

impl YearProjection {
    pub fn stage(&self, stage: Stage) -> &StageOutcome {
        &self.stages[stage.index()]
    }

    /// NEET: the share of a group *not* in education, employment or training at 20.
    pub fn neet_rate(&self, group: Option<Group>) -> f64 {
        let post19 = self.stage(Stage::Post19);
        1.0 - match group {
            Some(g) => post19.group(g).rate,
            None => post19.all_rate(),
        }
    }
}

/// Year-by-year projection from the base year to the horizon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Projection {
    pub years: Vec<YearProjection>,
}

impl Projection {
    pub fn year(&self, year: i32) -> Option<&YearProjection> {
        let first = self.years.first()?.year;
        let index = usize::try_from(year - first).ok()?;
        self.years.get(index)
    }

    pub fn total_cost_gbp(&self) -> f64 {
        self.years.iter().map(|y| y.cost_gbp).sum()
    }

    /// Extra pupils of `group` reaching the standard at `stage`, summed over every
    /// projected year, compared with `baseline`.
    pub fn additional_reached(&self, baseline: &Projection, stage: Stage, group: Group) -> f64 {
        self.years
            .iter()
            .zip(&baseline.years)
            .map(|(s, b)| {
                s.stage(stage).group(group).reached() - b.stage(stage).group(group).reached()
            })
            .sum()
    }

    /// Plan cost divided by the extra FSM pupils reaching `stage`'s standard, over the
    /// whole projection; `None` when the plan adds no one there.
    pub fn cost_per_additional_fsm_pupil(
        &self,
        baseline: &Projection,
        stage: Stage,
    ) -> Option<f64> {
        let extra = self.additional_reached(baseline, stage, Group::Fsm);
        // Below a hundredth of a pupil the ratio is noise, not a price.
        (extra > 0.01).then(|| self.total_cost_gbp() / extra)
    }
}

/// One stage of a cohort's path: when it is measured and the share reaching the standard.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct StageShare {
    pub year: i32,
    pub reached_share: f64,
}

/// How a cohort moves between two consecutive stages, as shares of the group (sum 1).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Transition {
    pub reached_both: f64,
    pub reached_then_not: f64,
    pub not_then_reached: f64,
    pub reached_neither: f64,
}

/// One cohort's path through the five stages, for one group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohortFlow {
    pub reception_year: i32,
    pub group: Group,
    pub pupils: f64,
    pub stages: [StageShare; Stage::COUNT],
    /// `transitions[s]` goes from stage `s` to stage `s + 1`.
    pub transitions: [Transition; Stage::COUNT - 1],
}
