//! The FSM definition change from 2027, as a composition shift a board may allow for: it
//! moves each group's baseline by the catalogue's stated points from the first year whose
//! figures use the new rule, and nothing before.

use pathways::model::{Area, LeverCatalogue, Model, Stage};

fn models() -> (Model, Model) {
    let catalogue = LeverCatalogue::standard();
    let area = Area::hastings();
    let mut shifted = area.clone();
    shifted.fsm_definition_break = Some(catalogue.fsm_definition_break.clone());
    (
        Model::new(area, catalogue.clone()),
        Model::new(shifted, catalogue),
    )
}

fn rates(model: &Model, stage: Stage, year: i32) -> (f64, f64) {
    let projection = model.baseline();
    let outcome = projection.year(year).unwrap().stages[stage.index()];
    (outcome.fsm.rate, outcome.non_fsm.rate)
}

#[test]
fn the_baseline_moves_by_the_stated_points_from_the_first_year_under_the_new_rule() {
    let (plain, shifted) = models();
    // The catalogue states +0.5 points (FSM) and +1.4 (non-FSM) from 2027.
    for stage in [Stage::EarlyYears, Stage::Ks2, Stage::Ks4] {
        assert_eq!(
            rates(&plain, stage, 2026),
            rates(&shifted, stage, 2026),
            "{stage:?}"
        );
        let (f0, n0) = rates(&plain, stage, 2027);
        let (f1, n1) = rates(&shifted, stage, 2027);
        assert!((f1 - f0 - 0.005).abs() < 1e-12, "{stage:?}: {f0} → {f1}");
        assert!((n1 - n0 - 0.014).abs() < 1e-12, "{stage:?}: {n0} → {n1}");
    }
    // Level 3 by 19 reads FSM status at 15: from 2031. EET at 20: from 2032.
    assert_eq!(
        rates(&plain, Stage::Level3By19, 2030),
        rates(&shifted, Stage::Level3By19, 2030)
    );
    let (f0, _) = rates(&plain, Stage::Level3By19, 2031);
    let (f1, _) = rates(&shifted, Stage::Level3By19, 2031);
    assert!((f1 - f0 - 0.005).abs() < 1e-12);
    assert_eq!(
        rates(&plain, Stage::Post19, 2031),
        rates(&shifted, Stage::Post19, 2031)
    );
}

#[test]
fn a_plan_changes_the_same_with_and_without_the_break_before_it() {
    // The shift is in the baseline's thresholds, so a plan's change before 2027 is the
    // same either way.
    let (plain, shifted) = models();
    let settings = [(
        "primary_metacognition".into(),
        pathways::model::LeverSetting {
            reach_share: 1.0,
            start_year: 2018,
            ramp_years: 0,
            end_year: None,
        },
    )]
    .into_iter()
    .collect();
    let change = |m: &Model, year: i32| {
        let plan = pathways::model::Plan::resolve(&settings, m.catalogue(), m.area()).unwrap();
        let s = m.project(&plan).year(year).unwrap().stages[Stage::Ks2.index()]
            .fsm
            .rate;
        s - m.baseline().year(year).unwrap().stages[Stage::Ks2.index()]
            .fsm
            .rate
    };
    assert_eq!(change(&plain, 2024), change(&shifted, 2024));
}

#[test]
fn an_area_file_with_a_bad_break_is_refused_by_name() {
    let mut area = Area::hastings();
    let mut shift = LeverCatalogue::standard().fsm_definition_break;
    shift.fsm_points.value = 40.0;
    area.fsm_definition_break = Some(shift);
    let text = serde_json::to_string(&area).unwrap();
    let message = Area::from_json(&text).unwrap_err().to_string();
    assert!(
        message.starts_with("fsm_definition_break.fsm_points"),
        "{message}"
    );
}

#[test]
fn a_saved_scenario_keeps_the_fsm_break_choice_and_an_older_file_leaves_it() {
    use pathways::app::state::{Action, State};
    use pathways::scenario::Scenario;
    let off = State::new(Area::hastings());
    let on = off.clone().apply(Action::SetFsmBreak(true));
    assert!(on.model.area().fsm_definition_break.is_some());
    // The page writes its choice into every scenario it saves or exports.
    let saved = on.current_scenario();
    assert_eq!(saved.fsm_break, Some(true));
    let text = saved.to_json();
    assert!(text.contains("\"fsm_break\": true"), "{text}");
    assert_eq!(off.current_scenario().fsm_break, Some(false));
    // Opening it sets the choice, both ways.
    let reopened = Scenario::from_json(&text).unwrap();
    let opened = off.clone().apply(Action::LoadScenario(reopened));
    assert!(opened.model.area().fsm_definition_break.is_some());
    let opened = on
        .clone()
        .apply(Action::LoadScenario(off.current_scenario()));
    assert!(opened.model.area().fsm_definition_break.is_none());
    // A file that does not say (older files, presets) leaves the page's choice.
    let older = Scenario::from_json(r#"{"version": 2, "name": "Older"}"#).unwrap();
    assert_eq!(older.fsm_break, None);
    let opened = on.clone().apply(Action::LoadScenario(older));
    assert!(opened.model.area().fsm_definition_break.is_some());
    // A misspelt value is refused by name.
    let bad = Scenario::from_json(r#"{"version": 2, "fsm_break": "yes"}"#).unwrap_err();
    assert!(bad.to_string().contains("fsm_break"), "{bad}");
}
