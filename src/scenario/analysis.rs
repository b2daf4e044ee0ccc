//! Everything the app shows about a scenario, derived once from the model: the baseline
//! and scenario projections, and what each lever costs and buys. Components read this;
//! they never compute model quantities themselves.

use crate::model::{Group, LeverSettings, Model, Plan, Projection, Stage};

/// One active lever's cost and what it adds on its own.
#[derive(Debug, Clone, PartialEq)]
pub struct LeverCost {
    pub lever_id: String,
    pub cost_by_year_gbp: Vec<f64>,
    pub total_gbp: f64,
    /// Extra FSM pupil-outcomes (standards reached, summed over stages and years) when
    /// this lever runs alone.
    pub additional_fsm_outcomes: f64,
    /// Within the annual budget when levers are funded in order of cost per outcome.
    pub within_budget: bool,
}

impl LeverCost {
    pub fn cost_per_outcome_gbp(&self) -> Option<f64> {
        (self.additional_fsm_outcomes > 0.01).then(|| self.total_gbp / self.additional_fsm_outcomes)
    }
}

/// Adds up the extra FSM pupils reaching each standard, over all years and stages.
fn additional_fsm_outcomes(scenario: &Projection, baseline: &Projection) -> f64 {
    Stage::ALL
        .iter()
        .map(|&stage| scenario.additional_reached(baseline, stage, Group::Fsm))
        .sum()
}

/// Each active lever's cost and effect alone, and whether it fits an annual budget when
/// the levers are funded greedily, cheapest per extra FSM outcome first. A lever fits if,
/// with it, no year's spending exceeds the budget.
pub fn lever_costs(
    model: &Model,
    plan: &Plan,
    baseline: &Projection,
    budget_gbp_per_year: f64,
) -> Vec<LeverCost> {
    let mut costs: Vec<LeverCost> = plan
        .levers
        .iter()
        .map(|lever| {
            let alone = Plan {
                levers: vec![lever.clone()],
            };
            let projection = model.project(&alone);
            let cost_by_year_gbp: Vec<f64> = projection.years.iter().map(|y| y.cost_gbp).collect();
            LeverCost {
                lever_id: model.catalogue().levers[lever.catalogue_index].id.clone(),
                total_gbp: cost_by_year_gbp.iter().sum(),
                cost_by_year_gbp,
                additional_fsm_outcomes: additional_fsm_outcomes(&projection, baseline),
                within_budget: false,
            }
        })
        .collect();

    let mut order: Vec<usize> = (0..costs.len()).collect();
    let per_outcome = |c: &LeverCost| c.cost_per_outcome_gbp().unwrap_or(f64::INFINITY);
    order.sort_by(|&a, &b| per_outcome(&costs[a]).total_cmp(&per_outcome(&costs[b])));
    let years = baseline.years.len();
    let mut funded = vec![0.0; years];
    for index in order {
        let fits = funded
            .iter()
            .zip(&costs[index].cost_by_year_gbp)
            .all(|(spent, extra)| spent + extra <= budget_gbp_per_year + 1e-6);
        if fits {
            funded
                .iter_mut()
                .zip(&costs[index].cost_by_year_gbp)
                .for_each(|(spent, extra)| *spent += extra);
            costs[index].within_budget = true;
        }
    }
    costs
}

/// The scenario as the app shows it: validated plan, both projections.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub plan: Plan,
    pub scenario: Projection,
}

impl Analysis {
    /// Resolves `settings` and projects them. Settings come from the app's own controls,
    /// which keep them in range; anything invalid falls back to the baseline plan.
    pub fn new(model: &Model, settings: &LeverSettings) -> Analysis {
        let plan = Plan::resolve(settings, model.catalogue(), model.area()).unwrap_or_default();
        Analysis {
            scenario: model.project(&plan),
            plan,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LeverSetting;

    fn plan(model: &Model, levers: &[(&str, f64)]) -> Plan {
        let settings: LeverSettings = levers
            .iter()
            .map(|(id, reach)| {
                (
                    id.to_string(),
                    LeverSetting {
                        reach_share: *reach,
                        start_year: 2018,
                        ramp_years: 0,
                    },
                )
            })
            .collect();
        Plan::resolve(&settings, model.catalogue(), model.area()).unwrap()
    }

    #[test]
    fn cheapest_outcomes_are_funded_first_and_the_rest_flagged() {
        let model = Model::hastings();
        let baseline = model.baseline();
        // Tutoring: 255 × £600 ≈ £153k a year; language: 255 × £60 ≈ £15k a year.
        let plan = plan(&model, &[("ey_language", 1.0), ("secondary_tutoring", 1.0)]);
        let costs = lever_costs(&model, &plan, &baseline, 50_000.0);
        let by_id = |id: &str| costs.iter().find(|c| c.lever_id == id).unwrap();
        assert!(by_id("ey_language").within_budget);
        assert!(!by_id("secondary_tutoring").within_budget);
        assert!((by_id("ey_language").cost_by_year_gbp[1] - 255.0 * 60.0).abs() < 1e-6);
        let generous = lever_costs(&model, &plan, &baseline, 1e9);
        assert!(generous.iter().all(|c| c.within_budget));
    }

    #[test]
    fn a_lever_with_no_effect_has_no_cost_per_outcome() {
        let model = Model::hastings();
        let baseline = model.baseline();
        let costs = lever_costs(
            &model,
            &plan(&model, &[("aspiration_programmes", 1.0)]),
            &baseline,
            1e9,
        );
        assert!(costs[0].total_gbp > 0.0);
        assert_eq!(costs[0].cost_per_outcome_gbp(), None);
    }
}
