//! Tests that run inside headless Chromium (`cargo test --lib --target wasm32-unknown-unknown`):
//! the model gives the same answers compiled to wasm, and the app mounts.

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

use crate::model::{LeverSetting, LeverSettings, Model, Plan, Stage};

wasm_bindgen_test_configure!(run_in_browser);

/// Puts `url` (a query such as `?v=2&…`, or a whole address) in the address bar.
fn set_address(url: &str) {
    gloo::utils::window()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url))
        .unwrap();
}

/// A shipped area file as it opens (its latest year), embedded in this test build (the
/// app fetches them).
fn shipped_file(id: &str) -> crate::model::Area {
    let text = match id {
        "hastings" => include_str!("../static/data/areas/hastings.json"),
        "blackpool" => include_str!("../static/data/areas/blackpool.json"),
        "oldham" => include_str!("../static/data/areas/oldham.json"),
        other => panic!("no test copy of {other}"),
    };
    crate::model::Area::from_json(text).unwrap()
}

/// A shipped area as of 2017, the year these tests' figures are worked for.
fn shipped(id: &str) -> crate::model::Area {
    shipped_file(id).as_of_year(2017).unwrap()
}

fn hastings_model() -> Model {
    Model::new(
        shipped("hastings"),
        crate::model::LeverCatalogue::standard(),
    )
}

/// The first state the app builds for the address `query`, once the area it names (or
/// the default) has arrived.
fn open_address(query: &str) -> crate::app::state::State {
    set_address(query);
    let id = crate::app::address::linked_area_id(query);
    crate::app::hooks::use_url::state_from_address(shipped_file(&id), None)
}

/// `state` after `action`, with the area file it asks for (if any) arriving.
fn with_arrival(
    state: std::rc::Rc<crate::app::state::State>,
    action: crate::app::state::Action,
) -> std::rc::Rc<crate::app::state::State> {
    use yew::Reducible;
    let next = state.reduce(action);
    match next.area.wanted.clone() {
        Some(request) => next.reduce(crate::app::state::Action::AreaArrived {
            serial: request.serial,
            area: Box::new(shipped(&request.id)),
        }),
        None => next,
    }
}

fn plan(model: &Model, id: &str, reach_share: f64) -> Plan {
    let settings: LeverSettings = [(
        id.into(),
        LeverSetting {
            reach_share,
            start_year: 2018,
            ramp_years: 0,
            end_year: None,
        },
    )]
    .into_iter()
    .collect();
    Plan::resolve(&settings, model.catalogue(), model.area()).unwrap()
}

#[wasm_bindgen_test]
fn the_model_in_wasm_matches_the_hand_computed_formula() {
    // 0.4·Φ(Φ⁻¹(0.25) + d) + 0.6·0.25, with the effect at scale d = 0.6 × (0.15 × 0.31 +
    // 0.85 × 0.06) = 0.0585 SD (EEF 4 months = 0.31 SD, 3 padlocks × 5% weight, the rest
    // on the large-trial mean 0.06 SD, outcome breadth 0.6). The cohort at KS2 in 2020 was
    // in Y5 in 2019 and Y6 in 2020, both served: the full dose. Computed with Python's
    // statistics.NormalDist.
    let model = hastings_model();
    let projection = model.project(&plan(&model, "primary_small_group_tuition", 0.4));
    let ks2 = projection.year(2020).unwrap().stage(Stage::Ks2).fsm.rate;
    assert!((ks2 - 0.257_580_256_932_006_6).abs() < 1e-9, "{ks2}");
    assert_eq!(
        model
            .baseline()
            .year(2030)
            .unwrap()
            .stage(Stage::Ks4)
            .fsm
            .rate,
        0.25
    );
}

#[wasm_bindgen_test]
fn monte_carlo_in_wasm_is_reproducible() {
    let model = hastings_model();
    let plan = plan(&model, "ey_language", 0.8);
    let first = model.monte_carlo(&plan, 50, 9);
    assert_eq!(first, model.monte_carlo(&plan, 50, 9));
    assert_ne!(first, model.monte_carlo(&plan, 50, 10));
}

#[wasm_bindgen_test]
async fn the_app_mounts_and_says_it_is_ready() {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let opening = crate::app::Opening {
        area: std::rc::Rc::new(shipped("hastings")),
        unloaded: None,
    };
    yew::Renderer::<crate::app::App>::with_root_and_props(
        root.clone(),
        crate::app::AppProps { opening },
    )
    .render();
    gloo::timers::future::TimeoutFuture::new(50).await;
    assert!(root.query_selector("[data-app-ready]").unwrap().is_some());
}

#[wasm_bindgen_test]
fn the_store_rejects_impossible_values_and_keeps_the_rest() {
    use crate::app::state::{Action, PlanAction, State, ViewAction};
    use std::rc::Rc;
    use yew::Reducible;

    let state = Rc::new(State::new(shipped("hastings")));
    let state = state.reduce(Action::Plan(PlanAction::SetReach(
        "ey_language".into(),
        1.7,
    )));
    assert_eq!(
        state.plan.settings["ey_language"].reach_share, 1.0,
        "reach is clamped to 100%"
    );
    let same = state.clone().reduce(Action::Plan(PlanAction::SetReach(
        "ey_language".into(),
        f64::NAN,
    )));
    assert!(Rc::ptr_eq(&same, &state), "a NaN reach changes nothing");
    let same = state
        .clone()
        .reduce(Action::View(ViewAction::SetBudget(-5.0)));
    assert!(
        Rc::ptr_eq(&same, &state),
        "a negative budget changes nothing"
    );
    let state = state.reduce(Action::Plan(PlanAction::SetStartYear(
        "ey_language".into(),
        1900,
    )));
    assert_eq!(
        state.plan.settings["ey_language"].start_year, 2017,
        "start year is clamped to the projection"
    );
    let state = state.reduce(Action::Plan(PlanAction::ResetAll));
    assert!(state.plan.settings.is_empty());
}

#[wasm_bindgen_test]
fn the_sensitivity_view_runs_in_wasm_and_centres_on_the_headline_change() {
    use crate::scenario::appraisal::headline_sensitivity;
    use crate::scenario::outcome::Outcome;

    let model = hastings_model();
    let plan = plan(&model, "secondary_tutoring", 0.6);
    let outcome = Outcome::FsmRate(Stage::Ks4);
    let result = headline_sensitivity(&model, &plan, outcome, 2030);
    let direct = 100.0
        * (outcome.value(model.project(&plan).year(2030).unwrap())
            - outcome.value(model.baseline().year(2030).unwrap()));
    assert!((result.central - direct).abs() < 1e-9);
    assert!(!result.bars.is_empty());
    assert!(result.bars.windows(2).all(|w| w[0].swing() >= w[1].swing()));
    assert!(
        result.bars.iter().any(|b| !b.drawn),
        "structural bars are kept"
    );
}

#[wasm_bindgen_test]
fn a_version_one_link_keeps_its_levers_and_says_the_model_was_revised() {
    use crate::scenario::MODEL_REVISION_NOTE;

    let original = gloo::utils::window().location().href().unwrap();

    let old = open_address("?v=1&ey_language.reach=40");
    assert_eq!(old.plan.settings["ey_language"].reach_share, 0.4);
    assert_eq!(old.page.notices.len(), 1, "{:?}", old.page.notices);
    assert!(!old.page.notices[0].error, "a note, not an error");
    assert_eq!(old.page.notices[0].text, MODEL_REVISION_NOTE);

    let current = open_address("?v=2&ey_language.reach=40");
    assert_eq!(current.plan.settings["ey_language"].reach_share, 0.4);
    assert!(
        current.page.notices.is_empty(),
        "{:?}",
        current.page.notices
    );

    set_address(&original);
}

#[wasm_bindgen_test]
fn the_worker_gets_the_area_without_its_observed_series_and_the_same_bands() {
    use crate::app::state::State;
    use crate::model::{Area, LeverCatalogue};

    let area = shipped("blackpool");
    assert!(!area.observed.is_empty());
    let state = State::new(area.clone());
    assert!(!state.area.json.contains("\"observed\""));
    // Blackpool: about 13 KB instead of 86 KB, on every band request.
    assert!(state.area.json.len() * 3 < serde_json::to_string(&area).unwrap().len());
    let sent = Area::from_json(&state.area.json).unwrap();
    assert_eq!(
        sent,
        Area {
            observed: Vec::new(),
            as_of: Vec::new(),
            neighbours: None,
            ..area.clone()
        }
    );
    let full = Model::new(area, LeverCatalogue::standard());
    let stripped = Model::new(sent, LeverCatalogue::standard());
    let plan = plan(&full, "ey_language", 0.8);
    assert_eq!(
        full.monte_carlo(&plan, 40, 2017),
        stripped.monte_carlo(&plan, 40, 2017)
    );
}

#[wasm_bindgen_test]
fn a_scenario_opens_in_the_area_it_was_made_for_and_presets_keep_the_current_one() {
    use crate::app::state::{Action, State};
    use crate::scenario::Scenario;
    use std::rc::Rc;
    use yew::Reducible;

    let levers: LeverSettings = [(
        "secondary_tutoring".into(),
        LeverSetting {
            reach_share: 0.5,
            start_year: 2019,
            ramp_years: 1,
            end_year: None,
        },
    )]
    .into_iter()
    .collect();
    let made_in = |area: Option<&str>| Scenario {
        name: "Plan".to_owned(),
        levers: levers.clone(),
        area: area.map(str::to_owned),
        ..Scenario::baseline()
    };
    let hastings = Rc::new(State::new(shipped("hastings")));

    let asked = hastings
        .clone()
        .reduce(Action::LoadScenario(made_in(Some("oldham"))));
    assert_eq!(
        asked.model.area().id,
        "hastings",
        "shown once its file arrives"
    );
    let oldham = with_arrival(
        hastings.clone(),
        Action::LoadScenario(made_in(Some("oldham"))),
    );
    assert_eq!(oldham.model.area().id, "oldham");
    assert_eq!(oldham.plan.settings, levers);
    assert_eq!(oldham.area.generation, hastings.area.generation + 1);
    assert!(!oldham.area.json.contains("\"observed\""));
    assert_eq!(oldham.current_scenario().area.as_deref(), Some("oldham"));
    assert_eq!(oldham.page.notices.len(), 1, "{:?}", oldham.page.notices);
    assert!(!oldham.page.notices[0].error);
    assert!(oldham.page.notices[0]
        .text
        .contains("was made for Oldham Opportunity Area"));

    // A preset names no area; a scenario for the area already shown changes nothing else.
    for area in [None, Some("oldham")] {
        let next = oldham.clone().reduce(Action::LoadScenario(made_in(area)));
        assert_eq!(next.model.area().id, "oldham");
        assert_eq!(next.area.generation, oldham.area.generation);
    }

    let unknown = oldham
        .clone()
        .reduce(Action::LoadScenario(made_in(Some("atlantis"))));
    assert_eq!(
        unknown.model.area().id,
        "oldham",
        "the current area is kept"
    );
    assert_eq!(unknown.plan.settings, levers, "the levers still apply");
    let last = unknown.page.notices.last().unwrap();
    assert!(last.error);
    assert!(last.text.contains("“atlantis”"), "{}", last.text);
}

#[wasm_bindgen_test]
fn the_address_opens_the_area_it_names_and_an_unknown_one_is_reported() {
    use crate::app::address::link_query;

    let original = gloo::utils::window().location().href().unwrap();

    let blackpool = open_address("?v=2&area=blackpool&ey_language.reach=40");
    assert_eq!(blackpool.model.area().id, "blackpool");
    assert_eq!(blackpool.plan.settings["ey_language"].reach_share, 0.4);
    assert!(
        blackpool.page.notices.is_empty(),
        "{:?}",
        blackpool.page.notices
    );
    assert!(link_query(&blackpool, None).contains("area=blackpool"));

    let unknown = open_address("?v=2&area=atlantis&ey_language.reach=40");
    assert_eq!(unknown.model.area().id, "hastings");
    assert_eq!(unknown.plan.settings["ey_language"].reach_share, 0.4);
    assert_eq!(unknown.page.notices.len(), 1);
    assert!(unknown.page.notices[0].error);
    assert!(unknown.page.notices[0]
        .text
        .contains("area “atlantis” is not one"));
    assert!(!link_query(&unknown, None).contains("area="));

    set_address(&original);
}

#[wasm_bindgen_test]
fn a_preset_for_an_area_opens_in_it_and_the_story_skips_other_areas_steps() {
    use crate::app::state::{Action, Mode, PageAction, State};
    use std::rc::Rc;
    use yew::Reducible;

    let blackpool = Rc::new(State::new(shipped("blackpool")));
    let presets = blackpool.library.presets.clone();
    // Steps whose preset names an area other than Blackpool are left out.
    let foreign: Vec<usize> = presets
        .story
        .iter()
        .enumerate()
        .filter(|(_, step)| {
            presets
                .get(&step.preset)
                .and_then(|p| p.scenario.area.as_deref())
                .is_some_and(|id| id != "blackpool")
        })
        .map(|(i, _)| i)
        .collect();
    let shown = blackpool.story_steps();
    assert_eq!(shown.len() + foreign.len(), presets.story.len());
    assert!(shown.iter().all(|i| !foreign.contains(i)));
    // Asking for a left-out step shows the nearest shown one.
    for &step in &foreign {
        let next = blackpool
            .clone()
            .reduce(Action::Page(PageAction::Present(Some(step))));
        match next.page.mode {
            Mode::Present { step: chosen } => assert!(shown.contains(&chosen), "{chosen}"),
            ref other => panic!("{other:?}"),
        }
    }
    let hastings = Rc::new(State::new(shipped("hastings")));
    let everywhere = hastings.story_steps();
    assert!(shown.iter().all(|i| everywhere.contains(i)));

    // A preset that names an area opens in it, like a saved scenario; others keep the area.
    for preset in presets.presets.iter() {
        let next = with_arrival(
            blackpool.clone(),
            Action::LoadScenario(preset.scenario.clone()),
        );
        let expected = preset.scenario.area.as_deref().unwrap_or("blackpool");
        assert_eq!(next.model.area().id, expected, "{}", preset.scenario.name);
    }
}
