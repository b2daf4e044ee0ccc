//! What the optimiser panel shows of a frontier answer, derived natively: the best plan
//! for the budget, its chance of the target, and the words for the chance. The panel only
//! lays these out.

use crate::app::format;
use crate::app::jobs::FrontierAnswer;
use crate::app::view_model::NO_CHANGE;
use crate::scenario::optimise::{Frontier, FrontierPoint};
use crate::scenario::outcome::Outcome;

/// The parts of a frontier answer the panel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontierView {
    pub outcome: Outcome,
    pub year: i32,
    /// The index of the best plan within the budget, if any plan fits.
    pub best: Option<usize>,
    /// Each plan's chance of the target, in the frontier's order, when one was searched.
    pub chances: Option<Vec<f64>>,
    /// "Chance the expected rate is ≥ 30.0% in 2030": which target the chances are for,
    /// and that they are for the expected rate, not the published figure.
    pub chance_header: Option<String>,
}

impl FrontierView {
    pub fn new(answer: &FrontierAnswer, budget_gbp_per_year: f64) -> FrontierView {
        let found = &answer.frontier;
        let (outcome, year) = (found.outcome, found.year);
        let chance_header = answer.chances.as_ref().map(|c| {
            format!(
                "Chance the expected rate is {} {} in {year}",
                if found.higher_is_better { "≥" } else { "≤" },
                format::outcome_value(outcome, c.threshold)
            )
        });
        FrontierView {
            outcome,
            year,
            best: best_index(found, budget_gbp_per_year),
            chances: answer.chances.as_ref().map(|c| c.chance.clone()),
            chance_header,
        }
    }

    /// The chance of the target for the plan at `index`, when a target was searched.
    pub fn chance_at(&self, index: usize) -> Option<f64> {
        self.chances.as_ref()?.get(index).copied()
    }

    /// The best plan within the budget and its index.
    pub fn best_plan<'a>(&self, frontier: &'a Frontier) -> Option<(usize, &'a FrontierPoint)> {
        let index = self.best?;
        Some((index, frontier.points.get(index)?))
    }
}

/// The cheapest plan within a measurable distance ([`NO_CHANGE`], 0.05 points) of the best
/// the budget buys: beyond it, the frontier's dearer plans add less than any published
/// figure could show. `None` when no plan fits (a negative budget).
pub fn best_index(frontier: &Frontier, budget_gbp_per_year: f64) -> Option<usize> {
    let top = frontier
        .points
        .iter()
        .rposition(|p| p.peak_cost_gbp_per_year <= budget_gbp_per_year)?;
    let best = frontier.points[top].value;
    frontier.points[..=top]
        .iter()
        .position(|p| (p.value - best).abs() <= NO_CHANGE)
        .or(Some(top))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::jobs::FrontierJob;
    use crate::model::LeverSettings;
    use crate::model::Stage;
    use crate::scenario::optimise::{FrontierChances, FrontierRequest};

    fn point(cost: f64, value: f64) -> FrontierPoint {
        FrontierPoint {
            levers: LeverSettings::new(),
            peak_cost_gbp_per_year: cost,
            value,
            change: value - 0.25,
        }
    }

    fn answer(points: Vec<FrontierPoint>, chances: Option<Vec<f64>>) -> FrontierAnswer {
        let outcome = Outcome::FsmRate(Stage::Ks4);
        FrontierAnswer {
            job: FrontierJob {
                request: FrontierRequest::new(outcome, 2030),
                target_share: Some(0.30),
                seed: 1,
            },
            frontier: Frontier {
                outcome,
                year: 2030,
                higher_is_better: true,
                baseline_value: 0.25,
                points,
                plans_evaluated: 9,
            },
            chances: chances.map(|chance| FrontierChances {
                threshold: 0.30,
                draws: 200,
                seed: 1,
                chance,
            }),
        }
    }

    #[test]
    fn the_best_plan_is_the_cheapest_within_a_measurable_distance_of_the_best_affordable() {
        // Costs £0, £100k, £200k, £300k; values 25%, 27%, 28.96%, 29%. With £250k the best
        // affordable is 28.96% (£200k). With £300k, 29% is only 0.04 points better than
        // 28.96%, less than the 0.05 points a published figure could show: £200k again.
        let points = vec![
            point(0.0, 0.25),
            point(100_000.0, 0.27),
            point(200_000.0, 0.2896),
            point(300_000.0, 0.29),
        ];
        let found = answer(points, None).frontier;
        assert_eq!(best_index(&found, 250_000.0), Some(2));
        assert_eq!(best_index(&found, 300_000.0), Some(2));
        assert_eq!(best_index(&found, 99_999.0), Some(0));
        assert_eq!(best_index(&found, -1.0), None);
    }

    #[test]
    fn the_view_names_the_chance_of_the_best_plan_and_its_target() {
        let view = FrontierView::new(
            &answer(
                vec![point(0.0, 0.25), point(100_000.0, 0.27)],
                Some(vec![0.07, 0.2]),
            ),
            150_000.0,
        );
        assert_eq!(view.best, Some(1));
        assert_eq!(view.chance_at(1), Some(0.2));
        assert_eq!(view.chance_at(5), None);
        assert_eq!(
            view.chance_header.as_deref(),
            Some("Chance the expected rate is ≥ 30.0% in 2030")
        );
        let without = FrontierView::new(&answer(vec![point(0.0, 0.25)], None), 0.0);
        assert_eq!(
            (without.chance_header.as_deref(), without.chance_at(0)),
            (None, None)
        );
    }

    #[test]
    fn an_empty_frontier_has_no_best_plan() {
        let view = FrontierView::new(&answer(Vec::new(), None), 1e9);
        assert_eq!(view.best, None);
        assert!(view.best_plan(&answer(Vec::new(), None).frontier).is_none());
    }
}
