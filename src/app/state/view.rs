//! What the user chose to look at: the headline year, the comparison group, the budget
//! the cost chart and optimiser read, and the cohort the flow diagram follows.

use crate::model::{Area, Group, Stage};

/// Default annual budget: the Hastings OA's "up to £6m over 3 years" (Hastings OA site).
pub const DEFAULT_BUDGET_GBP_PER_YEAR: f64 = 2_000_000.0;

#[derive(Debug, Clone, PartialEq)]
pub struct ViewChoices {
    /// The year the headline cards describe.
    pub target_year: i32,
    pub show_non_fsm: bool,
    pub budget_gbp_per_year: f64,
    /// Reception year of the cohort followed in the flow diagram.
    pub flow_cohort: i32,
    pub flow_group: Group,
}

pub enum ViewAction {
    SetTargetYear(i32),
    ShowNonFsm(bool),
    SetBudget(f64),
    SetFlowCohort(i32),
    SetFlowGroup(Group),
}

impl ViewChoices {
    /// The headline year offered first: far enough out for early-years levers to show at KS2.
    pub fn default_target_year(area: &Area) -> i32 {
        (area.base_year + 13).min(area.horizon_end_year)
    }

    pub fn new(area: &Area) -> ViewChoices {
        ViewChoices {
            target_year: ViewChoices::default_target_year(area),
            show_non_fsm: false,
            budget_gbp_per_year: DEFAULT_BUDGET_GBP_PER_YEAR,
            flow_cohort: (area.base_year + 1)
                .min(area.horizon_end_year - Stage::Post19.lag_years()),
            flow_group: Group::Fsm,
        }
    }

    pub fn apply(&mut self, action: ViewAction, area: &Area) {
        match action {
            ViewAction::SetTargetYear(year) => self.set_target_year(year, area),
            ViewAction::ShowNonFsm(show) => self.show_non_fsm = show,
            ViewAction::SetBudget(budget) => self.set_budget(budget),
            ViewAction::SetFlowCohort(year) => self.set_flow_cohort(year, area),
            ViewAction::SetFlowGroup(group) => self.flow_group = group,
        }
    }

    fn set_target_year(&mut self, year: i32, area: &Area) {
        let years = area.years();
        self.target_year = year.clamp(*years.start(), *years.end());
    }

    fn set_budget(&mut self, budget: f64) {
        if budget.is_finite() && budget >= 0.0 {
            self.budget_gbp_per_year = budget;
        }
    }

    /// Only cohorts whose whole path to age 20 lies inside the projection.
    fn set_flow_cohort(&mut self, year: i32, area: &Area) {
        let years = area.years();
        self.flow_cohort = year.clamp(*years.start(), (*years.end() - 15).max(*years.start()));
    }
}
