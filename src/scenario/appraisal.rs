//! Option appraisal: what each lever costs and buys, and which assumption moves a
//! headline most. Shared by the CLI and the app's view-model (`app::view_model`).

use crate::model::{Group, LeverId, Model, Plan, Projection, Sensitivity, Stage};
use crate::scenario::outcome::Outcome;

/// One active lever's cost and what it adds on its own.
#[derive(Debug, Clone, PartialEq)]
pub struct LeverCost {
    pub lever_id: LeverId,
    /// The stage whose standard the lever aims at, where its pupils are counted once.
    pub stage: Stage,
    pub cost_by_year_gbp: Vec<f64>,
    pub total_gbp: f64,
    /// Extra FSM pupils reaching the lever's own stage's standard, over every projected
    /// year, when this lever runs alone. Each pupil counts once, at that stage only.
    pub additional_fsm_pupils: f64,
    /// What one pupil served costs a year.
    pub per_pupil_a_year_gbp: f64,
    /// What the lever costs a year per FSM pupil served: the same as per pupil for a
    /// targeted lever; for a universal one, its whole cost spread over FSM pupils only.
    pub per_fsm_pupil_a_year_gbp: f64,
    /// Within the annual budget when levers are funded in order of cost per extra pupil.
    pub within_budget: bool,
}

impl LeverCost {
    /// Total cost per extra FSM pupil reaching the lever's own stage's standard.
    pub fn cost_per_additional_fsm_pupil_gbp(&self) -> Option<f64> {
        (self.additional_fsm_pupils > 0.01).then(|| self.total_gbp / self.additional_fsm_pupils)
    }
}

/// Each active lever's cost and effect alone, and whether it fits an annual budget when
/// the levers are funded greedily, cheapest per extra FSM pupil (at each lever's own
/// stage) first. A lever fits if, with it, no year's spending exceeds the budget.
pub fn lever_costs(
    model: &Model,
    plan: &Plan,
    baseline: &Projection,
    budget_gbp_per_year: f64,
) -> Vec<LeverCost> {
    let area = model.area();
    let fsm_pupils = area.group_size(Group::Fsm);
    let mut costs: Vec<LeverCost> = plan
        .levers
        .iter()
        .map(|lever| {
            let alone = Plan {
                levers: vec![lever.clone()],
            };
            let projection = model.project(&alone);
            let cost_by_year_gbp: Vec<f64> = projection.years.iter().map(|y| y.cost_gbp).collect();
            let served_per_fsm = lever.target.pupils_per_fsm_pupil(area);
            LeverCost {
                lever_id: model.catalogue().levers[lever.catalogue_index].id.clone(),
                stage: lever.stage,
                total_gbp: cost_by_year_gbp.iter().sum(),
                cost_by_year_gbp,
                additional_fsm_pupils: projection.additional_reached(
                    baseline,
                    lever.stage,
                    Group::Fsm,
                ),
                per_pupil_a_year_gbp: lever.cost_gbp_per_pupil,
                per_fsm_pupil_a_year_gbp: if fsm_pupils > 0.0 {
                    lever.cost_gbp_per_pupil * served_per_fsm
                } else {
                    0.0
                },
                within_budget: false,
            }
        })
        .collect();

    let mut order: Vec<usize> = (0..costs.len()).collect();
    let per_pupil = |c: &LeverCost| {
        c.cost_per_additional_fsm_pupil_gbp()
            .unwrap_or(f64::INFINITY)
    };
    order.sort_by(|&a, &b| per_pupil(&costs[a]).total_cmp(&per_pupil(&costs[b])));
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

/// Which assumption moves `outcome`'s change against the baseline in `year` most, in
/// percentage points (see [`Model::sensitivity`]). A year outside the projection gives 0.
pub fn headline_sensitivity(
    model: &Model,
    plan: &Plan,
    outcome: Outcome,
    year: i32,
) -> Sensitivity {
    model.sensitivity(plan, |baseline, scenario| {
        match (baseline.year(year), scenario.year(year)) {
            (Some(b), Some(s)) => 100.0 * (outcome.value(s) - outcome.value(b)),
            _ => 0.0,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LeverSetting, LeverSettings};

    fn plan(model: &Model, levers: &[(&str, f64)]) -> Plan {
        let settings: LeverSettings = levers
            .iter()
            .map(|(id, reach)| {
                (
                    LeverId::from(*id),
                    LeverSetting {
                        reach_share: *reach,
                        start_year: 2018,
                        ramp_years: 0,
                        end_year: None,
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
        // Hastings' FSM pupils a year group (179: 850 × 21%). Tutoring: 179 × 2 year groups
        // × £600 ≈ £214k a year; language: 179 × 2 (nursery and reception) × £60 ≈ £21k.
        let fsm = model.area().group_size(crate::model::Group::Fsm);
        let plan = plan(&model, &[("ey_language", 1.0), ("secondary_tutoring", 1.0)]);
        let costs = lever_costs(&model, &plan, &baseline, 50_000.0);
        let by_id = |id: &str| costs.iter().find(|c| c.lever_id == id).unwrap();
        assert!(by_id("ey_language").within_budget);
        assert!(!by_id("secondary_tutoring").within_budget);
        assert!((by_id("ey_language").cost_by_year_gbp[1] - fsm * 2.0 * 60.0).abs() < 1e-6);
        // Each extra pupil counted once, at the lever's own stage.
        let tutoring = by_id("secondary_tutoring");
        assert_eq!(tutoring.stage, Stage::Ks4);
        let direct = model
            .project(&Plan {
                levers: vec![plan.levers[1].clone()],
            })
            .additional_reached(&baseline, Stage::Ks4, Group::Fsm);
        assert!((tutoring.additional_fsm_pupils - direct).abs() < 1e-9);
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
        assert_eq!(costs[0].cost_per_additional_fsm_pupil_gbp(), None);
    }

    #[test]
    fn sensitivity_bars_bracket_the_central_change_and_put_the_widest_first() {
        let model = Model::hastings();
        let plan = plan(
            &model,
            &[("primary_metacognition", 1.0), ("ey_language", 1.0)],
        );
        let outcome = Outcome::FsmRate(Stage::Ks2);
        let result = headline_sensitivity(&model, &plan, outcome, 2030);
        let direct = 100.0
            * (outcome.value(model.project(&plan).year(2030).unwrap())
                - outcome.value(model.baseline().year(2030).unwrap()));
        assert!((result.central - direct).abs() < 1e-9);
        assert!(result.bars.windows(2).all(|w| w[0].swing() >= w[1].swing()));
        let names: Vec<&str> = result.bars.iter().map(|b| b.assumption.as_str()).collect();
        // The shared scale-up factor moves both levers at once: wider than the smaller
        // lever's own effect.
        let swing = |prefix: &str| {
            result
                .bars
                .iter()
                .find(|b| b.assumption.starts_with(prefix))
                .map_or(0.0, |b| b.swing())
        };
        assert!(
            swing("Share of effects") > swing("Effect of Communication"),
            "{names:?}"
        );
        // Nothing at KS4 or later can move a KS2 result.
        assert!(!names.iter().any(|n| n.contains("to KS4")), "{names:?}");
        // Every drawn bar brackets the central change: low below, high above.
        for bar in result
            .bars
            .iter()
            .filter(|b| b.drawn && !b.assumption.contains("base-year"))
        {
            assert!(
                bar.at_low <= result.central + 1e-9 && result.central <= bar.at_high + 1e-9,
                "{bar:?}"
            );
        }
    }

    #[test]
    fn a_universal_lever_costs_more_per_fsm_pupil_than_per_pupil() {
        let model = Model::hastings();
        let baseline = model.baseline();
        let costs = lever_costs(
            &model,
            &plan(
                &model,
                &[("primary_metacognition", 1.0), ("secondary_tutoring", 1.0)],
            ),
            &baseline,
            1e9,
        );
        // £30 a pupil, paid for the whole cohort (850) per FSM pupil (850 × 21%).
        let area = model.area();
        let per_fsm = 30.0 * area.cohort_size.value / area.group_size(crate::model::Group::Fsm);
        assert_eq!(costs[0].per_pupil_a_year_gbp, 30.0);
        assert!((costs[0].per_fsm_pupil_a_year_gbp - per_fsm).abs() < 1e-9);
        assert_eq!(costs[1].per_fsm_pupil_a_year_gbp, 600.0);
    }
}
