//! Programmes that end: a lever's `end_year` is the last year it is funded and delivered.
//! Its cost stops after it; pupils it served keep what they gained (fading as effects
//! fade); cohorts it had not reached get nothing from it.

mod common;

use common::{model, plan_of, setting};
use pathways::model::{LeverSetting, Stage};
use pathways::scenario::link::{decode, encode};
use pathways::scenario::Scenario;

/// Small-group tuition serves a cohort in years 5 and 6 after reception (KS2 stage):
/// cohort c is served in c + 5 and c + 6 and sits KS2 in c + 6.
const LEVER: &str = "primary_small_group_tuition";

fn ending(end: Option<i32>) -> LeverSetting {
    LeverSetting {
        end_year: end,
        ..setting(1.0, 2018, 0)
    }
}

fn fsm(projection: &pathways::model::Projection, stage: Stage, year: i32) -> f64 {
    projection.year(year).unwrap().stages[stage.index()]
        .fsm
        .rate
}

#[test]
fn cost_stops_after_the_end_year() {
    let model = model();
    let running = plan_of(&model, &[(LEVER, ending(None))]);
    let ended = plan_of(&model, &[(LEVER, ending(Some(2021)))]);
    assert!(model.cost_in_year(&ended, 2021) > 0.0);
    assert_eq!(
        model.cost_in_year(&ended, 2021),
        model.cost_in_year(&running, 2021)
    );
    assert_eq!(model.cost_in_year(&ended, 2022), 0.0);
    assert!(model.cost_in_year(&running, 2022) > 0.0);
}

#[test]
fn served_pupils_keep_their_gain_and_unreached_cohorts_get_nothing() {
    let model = model();
    let baseline = model.baseline();
    let running = model.project(&plan_of(&model, &[(LEVER, ending(None))]));
    let ended = model.project(&plan_of(&model, &[(LEVER, ending(Some(2021)))]));
    // Cohort 2015 (served 2020 and 2021): its whole course, so KS2 in 2021 and, faded,
    // KS4 in 2026 are what the running programme gives.
    assert_eq!(
        fsm(&ended, Stage::Ks2, 2021),
        fsm(&running, Stage::Ks2, 2021)
    );
    assert!(fsm(&ended, Stage::Ks2, 2021) > fsm(&baseline, Stage::Ks2, 2021));
    assert_eq!(
        fsm(&ended, Stage::Ks4, 2026),
        fsm(&running, Stage::Ks4, 2026)
    );
    assert!(fsm(&ended, Stage::Ks4, 2026) > fsm(&baseline, Stage::Ks4, 2026));
    // Cohort 2016 (served 2021 only, half its course): between the baseline and the
    // running programme.
    let half = fsm(&ended, Stage::Ks2, 2022);
    assert!(fsm(&baseline, Stage::Ks2, 2022) < half && half < fsm(&running, Stage::Ks2, 2022));
    // Cohort 2017 onwards (first served in 2022): the baseline, at KS2 and later.
    for year in 2023..=2035 {
        assert_eq!(
            fsm(&ended, Stage::Ks2, year),
            fsm(&baseline, Stage::Ks2, year),
            "{year}"
        );
    }
    assert_eq!(
        fsm(&ended, Stage::Ks4, 2028),
        fsm(&baseline, Stage::Ks4, 2028)
    );
}

#[test]
fn an_end_before_the_start_or_past_the_horizon_is_refused_by_name() {
    let model = model();
    for (end, _why) in [(2017, "before the start"), (2036, "past the horizon")] {
        let text = format!(
            r#"{{"version": 2, "name": "x", "levers": {{"{LEVER}": {{"reach_share": 1, "start_year": 2018, "ramp_years": 0, "end_year": {end}}}}}}}"#
        );
        let scenario = Scenario::from_json(&text).expect("the file's shape is valid");
        let message = scenario.plan(&model).unwrap_err().to_string();
        assert_eq!(
            message,
            format!("levers.{LEVER}.end_year: {end} is outside the programme's years, its start year 2018 to 2035")
        );
    }
    let misspelt = format!(
        r#"{{"version": 2, "name": "x", "levers": {{"{LEVER}": {{"reach_share": 1, "start_year": 2018, "ramp_years": 0, "end_yaer": 2021}}}}}}"#
    );
    let message = Scenario::from_json(&misspelt).unwrap_err().to_string();
    assert!(message.contains("unknown field `end_yaer`"), "{message}");
    assert!(message.contains("did you mean `end_year`?"), "{message}");
}

#[test]
fn links_carry_the_end_year_and_refuse_a_bad_one() {
    let model = model();
    let decoded = decode(
        &format!("v=2&as_of=2017&{LEVER}.reach=100&{LEVER}.start=2018&{LEVER}.end=2021"),
        model.catalogue(),
        model.area(),
    );
    assert!(decoded.problems.is_empty(), "{:?}", decoded.problems);
    assert_eq!(decoded.state.settings[LEVER].end_year, Some(2021));
    let query = encode(&decoded.state, model.catalogue());
    assert!(query.contains(&format!("{LEVER}.end=2021")), "{query}");
    // An end before the start is said and dropped: the programme runs on.
    let decoded = decode(
        &format!("v=2&{LEVER}.reach=100&{LEVER}.start=2020&{LEVER}.end=2019"),
        model.catalogue(),
        model.area(),
    );
    assert_eq!(decoded.state.settings[LEVER].end_year, None);
    assert_eq!(
        decoded.problems,
        [format!("{LEVER}.end: 2019 is before the programme's start year, 2020, so it was ignored and the programme runs to the horizon")]
    );
    // Outside the projection: said, and changes nothing else.
    let decoded = decode(
        &format!("v=2&{LEVER}.reach=100&{LEVER}.end=1990"),
        model.catalogue(),
        model.area(),
    );
    assert_eq!(decoded.state.settings[LEVER].end_year, None);
    assert_eq!(decoded.state.settings[LEVER].reach_share, 1.0);
    assert_eq!(decoded.problems.len(), 1, "{:?}", decoded.problems);
    assert!(
        decoded.problems[0].starts_with(&format!("{LEVER}.end: \"1990\"")),
        "{:?}",
        decoded.problems
    );
}
