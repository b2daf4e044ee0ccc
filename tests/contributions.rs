//! What each lever contributes (Shapley values): the split adds up to each headline's
//! change, a lever alone gets its own change, a lever that cannot act yet gets nothing, and
//! a two-lever split matches the formula worked out from four separate projections.
//! Every expected value comes from `Model::project` and `Outcome::value`, never from the
//! code under test.

mod common;

use common::{model, plan_of, setting};
use pathways::model::{Area, LeverCatalogue, LeverSetting, LeverSettings, Model, Plan};
use pathways::scenario::contributions::{contributions, Contributions};
use pathways::scenario::outcome::{Outcome, HEADLINES};
use proptest::prelude::*;

/// A headline's value in points in `year`, from a whole projection of `plan`.
fn points(model: &Model, plan: &Plan, outcome: Outcome, year: i32) -> f64 {
    100.0
        * outcome.value(
            model
                .project(plan)
                .year(year)
                .expect("year in the projection"),
        )
}

/// A headline's change against the baseline in points, from two whole projections.
fn change(model: &Model, plan: &Plan, outcome: Outcome, year: i32) -> f64 {
    points(model, plan, outcome, year) - points(model, &Plan::default(), outcome, year)
}

fn every_lever(model: &Model, reach_share: f64, start_year: i32) -> Plan {
    let settings: LeverSettings = model
        .catalogue()
        .levers
        .iter()
        .map(|l| (l.id.clone(), setting(reach_share, start_year, 2)))
        .collect();
    Plan::resolve(&settings, model.catalogue(), model.area()).expect("valid plan")
}

/// Each headline's contributions add up to its change as two whole projections give it.
fn assert_adds_up(model: &Model, plan: &Plan, split: &Contributions) {
    assert_eq!(split.lever_ids.len(), plan.levers.len());
    assert_eq!(split.outcomes.len(), HEADLINES.len());
    for (entry, outcome) in split.outcomes.iter().zip(HEADLINES) {
        assert_eq!(entry.outcome, outcome);
        let total = change(model, plan, outcome, split.year);
        let sum: f64 = entry.points.iter().sum();
        assert!(
            (entry.total_points - total).abs() < 1e-9,
            "{}: total {} vs {total}",
            outcome.key(),
            entry.total_points
        );
        assert!(
            (sum - total).abs() < 1e-9,
            "{} in {}: contributions add to {sum}, change is {total}",
            outcome.key(),
            split.year
        );
    }
}

#[test]
fn contributions_add_up_to_the_change_with_every_lever_on() {
    let model = model();
    let full = every_lever(&model, 1.0, 2018);
    for year in [2017, 2024, 2035] {
        let split = contributions(&model, &full, year).unwrap();
        assert!(split.exact);
        assert_adds_up(&model, &full, &split);
    }
    // By 2035 every lever with an effect, even the early-years ones, has lowered the NEET
    // headline; aspiration programmes, assumed to have none, contribute exactly nothing.
    let split = contributions(&model, &full, 2035).unwrap();
    let neet = &split.outcomes[5];
    assert_eq!(neet.outcome, Outcome::FsmNeet);
    for (k, (id, lever)) in split.lever_ids.iter().zip(&full.levers).enumerate() {
        if lever.effect.central_sd == 0.0 {
            assert_eq!(id, "aspiration_programmes");
            assert!(split.outcomes.iter().all(|o| o.points[k] == 0.0));
        } else {
            assert!(neet.points[k] < 0.0, "{id}: {}", neet.points[k]);
        }
    }
}

#[test]
fn contributions_add_up_to_the_change_in_every_area() {
    for area in Area::shipped() {
        let model = Model::new(area.clone(), LeverCatalogue::standard());
        let start = (area.base_year + 1).min(area.horizon_end_year);
        let plan = every_lever(&model, 0.7, start);
        // Eight years on, about nine levers can move some headline: 2^9 runs per area.
        let year = (start + 8).min(area.horizon_end_year);
        let split = contributions(&model, &plan, year).unwrap();
        assert_adds_up(&model, &plan, &split);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn contributions_add_up_to_the_change_for_any_plan(
        choices in proptest::collection::vec((any::<bool>(), 0.0..=1.0f64, 2017i32..=2035, 0u32..=10), 16),
        year in 2017i32..=2035,
    ) {
        let model = model();
        let settings: LeverSettings = model
            .catalogue()
            .levers
            .iter()
            .zip(choices)
            .filter(|(_, (on, ..))| *on)
            .map(|(l, (_, reach, start, ramp))| (l.id.clone(), setting(reach, start, ramp)))
            .collect();
        let plan = Plan::resolve(&settings, model.catalogue(), model.area()).unwrap();
        let split = contributions(&model, &plan, year).unwrap();
        assert_adds_up(&model, &plan, &split);
    }
}

#[test]
fn a_lever_alone_contributes_its_own_change() {
    let model = model();
    for lever in &model.catalogue().levers {
        let plan = plan_of(&model, &[(lever.id.as_str(), setting(0.6, 2018, 1))]);
        let split = contributions(&model, &plan, 2034).unwrap();
        assert_eq!(split.lever_ids, vec![lever.id.clone()]);
        for entry in &split.outcomes {
            let alone = change(&model, &plan, entry.outcome, 2034);
            assert!(
                (entry.points[0] - alone).abs() < 1e-9,
                "{} on {}: {} vs {alone}",
                lever.id,
                entry.outcome.key(),
                entry.points[0]
            );
        }
    }
}

#[test]
fn a_lever_that_cannot_act_by_the_year_contributes_nothing() {
    let model = model();
    let early: [(&str, LeverSetting); 2] = [
        ("ey_language", setting(0.8, 2018, 0)),
        ("primary_metacognition", setting(1.0, 2018, 0)),
    ];
    let late = ("secondary_tutoring", setting(1.0, 2031, 0));
    let with_late = plan_of(&model, &[early[0], early[1], late]);
    let without = plan_of(&model, &early);
    let split = contributions(&model, &with_late, 2030).unwrap();
    let reference = contributions(&model, &without, 2030).unwrap();
    assert_eq!(split.lever_ids[2], "secondary_tutoring");
    for (entry, alone) in split.outcomes.iter().zip(&reference.outcomes) {
        // Starting in 2031, the tutoring moves nothing in 2030: exactly zero, and the
        // others split the change as if it were off.
        assert_eq!(entry.points[2], 0.0, "{}", entry.outcome.key());
        for k in 0..2 {
            assert!((entry.points[k] - alone.points[k]).abs() < 1e-12);
        }
    }
    // A KS4 lever never moves an earlier stage, however long it has run.
    let split = contributions(&model, &with_late, 2035).unwrap();
    for entry in &split.outcomes[..2] {
        assert_eq!(entry.points[2], 0.0, "{}", entry.outcome.key());
    }
    assert!(split.outcomes[2].points[2] > 0.0);
}

/// Two levers, A and B: φ_A = ½ (v(A) − v(∅)) + ½ (v(AB) − v(B)), and the same for B,
/// from four separate whole projections. Early-years language and primary metacognition
/// overlap at KS2 under the ceiling, so each gets less than its change alone.
#[test]
fn two_levers_split_as_the_shapley_formula_from_separate_projections() {
    let model = model();
    let a = ("ey_language", setting(0.8, 2018, 0));
    let b = ("primary_metacognition", setting(1.0, 2018, 0));
    let (none, only_a, only_b, both) = (
        Plan::default(),
        plan_of(&model, &[a]),
        plan_of(&model, &[b]),
        plan_of(&model, &[a, b]),
    );
    let year = 2030;
    let split = contributions(&model, &both, year).unwrap();
    assert_eq!(
        split.lever_ids,
        vec!["ey_language", "primary_metacognition"]
    );
    for entry in &split.outcomes {
        let v = |plan: &Plan| points(&model, plan, entry.outcome, year);
        let phi_a = 0.5 * (v(&only_a) - v(&none)) + 0.5 * (v(&both) - v(&only_b));
        let phi_b = 0.5 * (v(&only_b) - v(&none)) + 0.5 * (v(&both) - v(&only_a));
        assert!(
            (entry.points[0] - phi_a).abs() < 1e-9,
            "{}",
            entry.outcome.key()
        );
        assert!(
            (entry.points[1] - phi_b).abs() < 1e-9,
            "{}",
            entry.outcome.key()
        );
    }
    // At KS2 the two interact: together they add less than the sum of each alone, so
    // each one's contribution is below its change alone.
    let ks2 = &split.outcomes[1];
    let alone_a = change(&model, &only_a, ks2.outcome, year);
    let alone_b = change(&model, &only_b, ks2.outcome, year);
    assert!(ks2.total_points < alone_a + alone_b - 0.01);
    assert!(ks2.points[0] < alone_a && ks2.points[1] < alone_b);
}

#[test]
fn a_year_outside_the_projection_is_refused_by_name() {
    let model = model();
    let plan = every_lever(&model, 0.5, 2018);
    let error = contributions(&model, &plan, 2040).unwrap_err().to_string();
    assert!(
        error.contains("year") && error.contains("2040 is outside the projection, 2017 to 2035"),
        "{error}"
    );
    assert!(contributions(&model, &plan, 2016).is_err());
}

#[test]
fn a_plan_with_no_levers_has_no_contributions_and_no_change() {
    let model = model();
    let split = contributions(&model, &Plan::default(), 2030).unwrap();
    assert!(split.lever_ids.is_empty());
    assert!(split
        .outcomes
        .iter()
        .all(|o| o.points.is_empty() && o.total_points == 0.0));
}
