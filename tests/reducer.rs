//! The store's laws, over random sequences of what a user can do: the reducer never
//! panics; listed scenarios keep stable, unique ids (a rename or a save keeps the id) and
//! unique names apart from the presets'; compare holds at most `MAX_COMPARED` scenarios,
//! each a listed one; every lever setting the state holds resolves against the current
//! area; and switching area keeps the saved scenarios, the compared ones and the
//! scenario's name.

use std::sync::OnceLock;

use pathways::app::state::{
    Action, BoardAction, LibraryAction, Mode, Notice, PageAction, PlanAction, ScenarioId, State,
    ViewAction, WorkerAction, MAX_COMPARED, MAX_NOTICES,
};
use pathways::model::{Area, Group, LeverId, LeverSetting, LeverSettings, Plan};
use pathways::scenario::library::{parse_library, serialize_library, Presets, MAX_SAVED};
use pathways::scenario::outcome::HEADLINES;
use pathways::scenario::target::{validate_actuals, validate_targets, Actual, Target};
use pathways::scenario::{Scenario, MAX_NAME_CHARS};
use proptest::prelude::*;

fn shipped() -> &'static [Area] {
    static AREAS: OnceLock<Vec<Area>> = OnceLock::new();
    AREAS.get_or_init(Area::shipped)
}

/// An area a user imported: Hastings with a shorter horizon, so lever years set for the
/// shipped areas may not fit it.
fn imported() -> &'static Area {
    static AREA: OnceLock<Area> = OnceLock::new();
    AREA.get_or_init(|| {
        let mut area = Area::hastings();
        area.id = "my_area".to_owned();
        area.name = "My area".to_owned();
        area.horizon_end_year = 2033;
        area.validate().expect("the imported test area is valid");
        area
    })
}

thread_local! {
    static START: State = State::new(Area::hastings());
}

/// A fresh page in Hastings (the store holds `Rc`s, so one per thread).
fn start() -> State {
    START.with(State::clone)
}

fn lever_ids() -> Vec<LeverId> {
    let mut ids: Vec<LeverId> = start()
        .model
        .catalogue()
        .levers
        .iter()
        .map(|l| l.id.clone())
        .collect();
    // An id no version knows (an old link or a typed URL).
    ids.push("no_such_lever".into());
    ids
}

fn preset_scenarios() -> Vec<Scenario> {
    Presets::standard()
        .presets
        .into_iter()
        .map(|p| p.scenario)
        .collect()
}

/// A scenario name a user could type or a file could hold: ordinary, blank, long, a
/// preset's, or one already likely saved.
fn any_name() -> impl Strategy<Value = String> {
    let presets: Vec<String> = preset_scenarios().into_iter().map(|s| s.name).collect();
    prop_oneof![
        4 => "[A-Za-z ]{0,12}",
        1 => Just(String::new()),
        1 => Just("   ".to_owned()),
        1 => "[a-z]{81,100}",
        2 => proptest::sample::select(presets),
        2 => proptest::sample::select(vec!["My scenario".to_owned(), "A".to_owned(), "A (2)".to_owned(), "A copy".to_owned()]),
    ]
}

fn any_reach() -> impl Strategy<Value = f64> {
    prop_oneof![
        6 => 0.0..=1.0f64,
        1 => -1.0..2.0f64,
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
    ]
}

fn any_setting() -> impl Strategy<Value = LeverSetting> {
    (any_reach(), 1990..2060i32, 0..20u32).prop_map(|(reach_share, start_year, ramp_years)| {
        LeverSetting {
            reach_share,
            start_year,
            ramp_years,
            end_year: None,
        }
    })
}

/// A scenario from a file or link: any levers (known or not, valid or not), any area id.
fn any_scenario() -> impl Strategy<Value = Scenario> {
    let areas: Vec<Option<String>> = shipped()
        .iter()
        .map(|a| Some(a.id.clone()))
        .chain([None, Some("atlantis".to_owned())])
        .collect();
    (
        any_name(),
        proptest::collection::vec((proptest::sample::select(lever_ids()), any_setting()), 0..4),
        proptest::sample::select(areas),
    )
        .prop_map(|(name, levers, area)| Scenario {
            name,
            levers: levers.into_iter().collect::<LeverSettings>(),
            area,
            ..Scenario::baseline()
        })
}

/// One user step. Indices pick among what the state holds when the step runs.
#[derive(Debug, Clone)]
enum Step {
    Reach(usize, f64),
    StartYear(usize, i32),
    RampYears(usize, u32),
    ResetLever(usize),
    ResetAll,
    TargetYear(i32),
    ShowNonFsm(bool),
    Budget(f64),
    FlowCohort(i32),
    FlowGroup(bool),
    BandsFailed,
    LoadPreset(usize),
    LoadSaved(usize),
    LoadFile(Scenario),
    Name(String),
    Save,
    Rename(usize, String),
    Duplicate(usize),
    Delete(usize),
    CompareSaved(usize),
    ComparePreset(usize),
    /// An id nothing has (a stale page's action).
    CompareUnknown,
    Notify(bool),
    Dismiss(usize),
    ShippedArea(usize),
    ImportedArea,
    Present(Option<usize>),
    Target(usize, f64, i32),
    ClearTarget(usize),
    Actual(usize, i32, f64),
    ClearActual(usize),
    Revise,
    PrintPaper(bool),
}

fn any_step() -> impl Strategy<Value = Step> {
    let i = || 0..20usize;
    prop_oneof![
        4 => (i(), any_reach()).prop_map(|(l, r)| Step::Reach(l, r)),
        2 => (i(), 1990..2060i32).prop_map(|(l, y)| Step::StartYear(l, y)),
        2 => (i(), 0..20u32).prop_map(|(l, y)| Step::RampYears(l, y)),
        1 => i().prop_map(Step::ResetLever),
        1 => Just(Step::ResetAll),
        1 => (1990..2060i32).prop_map(Step::TargetYear),
        1 => any::<bool>().prop_map(Step::ShowNonFsm),
        1 => prop_oneof![-1e6..1e8f64, Just(f64::NAN)].prop_map(Step::Budget),
        1 => (1990..2060i32).prop_map(Step::FlowCohort),
        1 => any::<bool>().prop_map(Step::FlowGroup),
        1 => Just(Step::BandsFailed),
        2 => i().prop_map(Step::LoadPreset),
        2 => i().prop_map(Step::LoadSaved),
        2 => any_scenario().prop_map(Step::LoadFile),
        3 => any_name().prop_map(Step::Name),
        5 => Just(Step::Save),
        3 => (i(), any_name()).prop_map(|(s, n)| Step::Rename(s, n)),
        3 => i().prop_map(Step::Duplicate),
        2 => i().prop_map(Step::Delete),
        3 => i().prop_map(Step::CompareSaved),
        2 => i().prop_map(Step::ComparePreset),
        1 => Just(Step::CompareUnknown),
        1 => any::<bool>().prop_map(Step::Notify),
        1 => i().prop_map(Step::Dismiss),
        3 => i().prop_map(Step::ShippedArea),
        1 => Just(Step::ImportedArea),
        1 => proptest::option::of(i()).prop_map(Step::Present),
        2 => (i(), -10.0..120.0f64, 1990..2110i32).prop_map(|(o, v, y)| Step::Target(o, v, y)),
        1 => i().prop_map(Step::ClearTarget),
        3 => (i(), 2010..2040i32, -10.0..120.0f64).prop_map(|(o, y, v)| Step::Actual(o, y, v)),
        1 => i().prop_map(Step::ClearActual),
        1 => Just(Step::Revise),
        1 => any::<bool>().prop_map(Step::PrintPaper),
    ]
}

/// An id no scenario has.
const NO_SUCH_ID: ScenarioId = ScenarioId(u64::MAX);

/// The id of the saved scenario at `i` (wrapping), or an id nothing has.
fn saved_id(state: &State, i: usize) -> ScenarioId {
    match state.library.saved.as_deref() {
        Some(saved) if !saved.is_empty() => saved[i % saved.len()].id,
        _ => NO_SUCH_ID,
    }
}

fn action(state: &State, step: Step) -> Action {
    let ids = lever_ids();
    let lever = |i: usize| ids[i % ids.len()].clone();
    let presets = preset_scenarios();
    match step {
        Step::Reach(l, r) => Action::Plan(PlanAction::SetReach(lever(l), r)),
        Step::StartYear(l, y) => Action::Plan(PlanAction::SetStartYear(lever(l), y)),
        Step::RampYears(l, y) => Action::Plan(PlanAction::SetRampYears(lever(l), y)),
        Step::ResetLever(l) => Action::Plan(PlanAction::ResetLever(lever(l))),
        Step::ResetAll => Action::Plan(PlanAction::ResetAll),
        Step::TargetYear(y) => Action::View(ViewAction::SetTargetYear(y)),
        Step::ShowNonFsm(b) => Action::View(ViewAction::ShowNonFsm(b)),
        Step::Budget(b) => Action::View(ViewAction::SetBudget(b)),
        Step::FlowCohort(y) => Action::View(ViewAction::SetFlowCohort(y)),
        Step::FlowGroup(fsm) => Action::View(ViewAction::SetFlowGroup(if fsm {
            Group::Fsm
        } else {
            Group::NonFsm
        })),
        Step::BandsFailed => Action::Worker(WorkerAction::BandsFailed {
            area_generation: state.area.generation,
            message: "The worker stopped.".to_owned(),
        }),
        Step::LoadPreset(i) => Action::LoadScenario(presets[i % presets.len()].clone()),
        Step::LoadSaved(i) => match state.library.saved.as_deref() {
            Some(saved) if !saved.is_empty() => {
                Action::LoadScenario(saved[i % saved.len()].scenario.clone())
            }
            _ => Action::Plan(PlanAction::ResetAll),
        },
        Step::LoadFile(s) => Action::LoadScenario(s),
        Step::Name(n) => Action::Plan(PlanAction::SetName(n)),
        Step::Save => Action::SaveCurrent,
        Step::Rename(i, to) => Action::Library(LibraryAction::Rename {
            id: saved_id(state, i),
            to,
        }),
        Step::Duplicate(i) => Action::Library(LibraryAction::Duplicate(saved_id(state, i))),
        Step::Delete(i) => Action::Library(LibraryAction::Delete(saved_id(state, i))),
        Step::CompareSaved(i) => Action::Library(LibraryAction::ToggleCompare(saved_id(state, i))),
        Step::ComparePreset(i) => {
            let ids: Vec<ScenarioId> = state.library.presets_listed().map(|(id, _)| id).collect();
            Action::Library(LibraryAction::ToggleCompare(ids[i % ids.len()]))
        }
        Step::CompareUnknown => Action::Library(LibraryAction::ToggleCompare(NO_SUCH_ID)),
        Step::Notify(error) => Action::Page(PageAction::Notify(Notice {
            error,
            text: "Copied.".to_owned(),
        })),
        Step::Dismiss(i) => Action::Page(PageAction::DismissNotice(i % 8)),
        Step::ShippedArea(i) => Action::SetArea {
            area: Box::new(shipped()[i % shipped().len()].clone()),
            user_entered: false,
        },
        Step::ImportedArea => Action::SetArea {
            area: Box::new(imported().clone()),
            user_entered: true,
        },
        Step::Present(step) => Action::Page(PageAction::Present(step)),
        Step::Target(o, value_percent, year) => Action::Board(BoardAction::SetTarget(Target {
            outcome: HEADLINES[o % HEADLINES.len()],
            value_percent,
            year,
        })),
        Step::ClearTarget(o) => {
            Action::Board(BoardAction::ClearTarget(HEADLINES[o % HEADLINES.len()]))
        }
        Step::Actual(o, year, value_percent) => Action::Board(BoardAction::SetActual(Actual {
            outcome: HEADLINES[o % HEADLINES.len()],
            year,
            value_percent,
        })),
        Step::ClearActual(i) => match state
            .board
            .actuals
            .get(i % state.board.actuals.len().max(1))
        {
            Some(a) => Action::Board(BoardAction::ClearActual {
                outcome: a.outcome,
                year: a.year,
            }),
            None => Action::Board(BoardAction::ClearActual {
                outcome: HEADLINES[0],
                year: 2020,
            }),
        },
        Step::Revise => Action::Revise,
        Step::PrintPaper(on) => Action::Page(PageAction::PrintPaper(on)),
    }
}

fn resolves(state: &State, settings: &LeverSettings) -> Result<(), String> {
    Plan::resolve(settings, state.model.catalogue(), state.model.area())
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// The laws every state reached must keep.
fn check(state: &State) -> Result<(), TestCaseError> {
    // A target outside the projection could never be read (issue 18, item 3).
    let years = state.model.area().years();
    for target in &state.board.targets {
        prop_assert!(
            years.contains(&target.year),
            "target {} outside {:?}",
            target,
            years
        );
    }
    let presets: Vec<String> = preset_scenarios().into_iter().map(|s| s.name).collect();
    let preset_ids: Vec<ScenarioId> = state.library.presets_listed().map(|(id, _)| id).collect();
    if let Some(saved) = &state.library.saved {
        prop_assert!(saved.len() <= MAX_SAVED);
        for (i, l) in saved.iter().enumerate() {
            let name = &l.scenario.name;
            prop_assert!(
                saved[..i].iter().all(|t| t.scenario.name != *name),
                "saved name {:?} repeats",
                name
            );
            prop_assert!(
                saved[..i].iter().all(|t| t.id != l.id),
                "id {:?} repeats",
                l.id
            );
            prop_assert!(
                !preset_ids.contains(&l.id),
                "saved {:?} has a preset's id",
                name
            );
            prop_assert!(
                l.id.0 < state.library.next_id,
                "id {:?} not yet handed out",
                l.id
            );
            prop_assert!(
                !presets.contains(name),
                "saved name {:?} is a preset's",
                name
            );
            prop_assert!(name.chars().count() <= MAX_NAME_CHARS);
        }
    }
    prop_assert!(state.library.compare.len() <= MAX_COMPARED);
    for (i, c) in state.library.compare.iter().enumerate() {
        prop_assert!(state.library.compare[..i].iter().all(|t| t.id != c.id));
        prop_assert!(
            state.library.listed(c.id).is_some(),
            "compared {:?} is not listed",
            c.id
        );
        prop_assert_eq!(
            resolves(state, &c.scenario.levers),
            Ok(()),
            "compared {:?}",
            c.id
        );
    }
    prop_assert_eq!(resolves(state, &state.plan.settings), Ok(()));
    prop_assert_eq!(resolves(state, &state.displayed_settings()), Ok(()));
    let years = state.model.area().years();
    prop_assert!(years.contains(&state.view.target_year));
    prop_assert!(years.contains(&state.view.flow_cohort));
    prop_assert!(
        state.view.budget_gbp_per_year.is_finite() && state.view.budget_gbp_per_year >= 0.0
    );
    prop_assert!(state.plan.name.chars().count() <= MAX_NAME_CHARS);
    prop_assert!(state.page.notices.len() <= MAX_NOTICES);
    // Targets and results are valid, one target per outcome and one result per outcome
    // and year, as a saved file must be to be read back.
    prop_assert_eq!(
        validate_targets(&state.board.targets).map_err(|e| e.to_string()),
        Ok(())
    );
    prop_assert_eq!(
        validate_actuals(&state.board.actuals).map_err(|e| e.to_string()),
        Ok(())
    );
    let saved = Scenario::from_json(&state.current_scenario().to_json());
    prop_assert!(
        saved.is_ok(),
        "the current scenario reads back: {:?}",
        saved.err()
    );
    if let Mode::Present { step } = state.page.mode {
        prop_assert!(state.story_steps().contains(&step));
    }
    Ok(())
}

/// A library as storage hands it over: written by any version, read back leniently.
fn any_library() -> impl Strategy<Value = Option<Vec<Scenario>>> {
    proptest::option::of(proptest::collection::vec(any_scenario(), 0..6)).prop_map(|library| {
        library.map(|scenarios| {
            parse_library(&serialize_library(&scenarios, &[]).unwrap(), &start().model).scenarios
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_sessions_keep_the_store_laws(
        library in any_library(),
        steps in proptest::collection::vec(any_step(), 0..40),
    ) {
        let mut state = start();
        if let Some(scenarios) = library {
            state = state.apply(Action::Library(LibraryAction::Loaded(scenarios)));
        }
        check(&state)?;
        for step in steps {
            let area_switch = matches!(step, Step::ShippedArea(_) | Step::ImportedArea);
            let revise = matches!(step, Step::Revise);
            let renamed = match &step {
                Step::Rename(i, _) => Some(saved_id(&state, *i)),
                _ => None,
            };
            let action = action(&state, step);
            let before = state.clone();
            state = state.apply(action);
            check(&state)?;
            if area_switch {
                prop_assert_eq!(&state.library.saved, &before.library.saved);
                prop_assert_eq!(&state.plan.name, &before.plan.name);
                prop_assert_eq!(state.view.budget_gbp_per_year, before.view.budget_gbp_per_year);
                prop_assert_eq!(state.area.generation, before.area.generation + 1);
                let ids = |s: &State| s.library.compare.iter().map(|c| c.id).collect::<Vec<_>>();
                prop_assert_eq!(ids(&state), ids(&before));
                // The board's targets stay, but for years the new area does not project.
                let years = state.model.area().years();
                let reachable: Vec<Target> = before
                    .board.targets
                    .iter()
                    .filter(|t| years.contains(&t.year))
                    .copied()
                    .collect();
                prop_assert_eq!(&state.board.targets, &reachable);
                prop_assert_eq!(&state.board.actuals, &before.board.actuals);
            }
            // Re-basing keeps the board's targets and results, and marks the figures as theirs.
            if revise && state.area.generation != before.area.generation {
                prop_assert_eq!(&state.board.targets, &before.board.targets);
                prop_assert_eq!(&state.board.actuals, &before.board.actuals);
                prop_assert!(state.area.user_entered);
            }
            // A rename keeps the scenario's id, its place and whether it is compared.
            if let Some(id) = renamed.filter(|id| *id != NO_SUCH_ID) {
                let ids = |s: &State| s.library.saved.iter().flat_map(|v| v.iter().map(|l| l.id)).collect::<Vec<_>>();
                prop_assert_eq!(ids(&state), ids(&before));
                prop_assert_eq!(state.library.is_compared(id), before.library.is_compared(id));
            }
        }
    }
}

#[test]
fn saving_twice_under_one_name_replaces_and_a_preset_name_is_never_taken() {
    let preset = preset_scenarios().remove(0);
    let state = start()
        .clone()
        .apply(Action::Library(LibraryAction::Loaded(Vec::new())))
        .apply(Action::LoadScenario(preset.clone()))
        .apply(Action::SaveCurrent)
        .apply(Action::SaveCurrent);
    let saved = state.library.saved.as_deref().unwrap();
    assert_eq!(saved.len(), 1);
    assert_ne!(saved[0].scenario.name, preset.name);
    assert_eq!(state.plan.name, saved[0].scenario.name);
}

#[test]
fn a_library_with_repeated_names_is_read_with_unique_ones() {
    let named = |name: &str| Scenario {
        name: name.to_owned(),
        ..Scenario::baseline()
    };
    let preset = preset_scenarios().remove(0).name;
    let state = start().apply(Action::Library(LibraryAction::Loaded(vec![
        named("A"),
        named("A"),
        named(&preset),
    ])));
    let names: Vec<&str> = state
        .library
        .saved
        .as_deref()
        .unwrap()
        .iter()
        .map(|l| l.scenario.name.as_str())
        .collect();
    assert_eq!(names[..2], ["A", "A (2)"]);
    assert_ne!(names[2], preset);
}

#[test]
fn an_unknown_lever_changes_nothing() {
    let state = start();
    let next = state.clone().apply(Action::Plan(PlanAction::SetReach(
        "no_such_lever".into(),
        0.5,
    )));
    assert_eq!(next, state);
}

#[test]
fn compare_holds_at_most_three_and_says_so() {
    let mut state = start();
    let ids: Vec<ScenarioId> = state.library.presets_listed().map(|(id, _)| id).collect();
    for id in ids.into_iter().take(MAX_COMPARED + 1) {
        state = state.apply(Action::Library(LibraryAction::ToggleCompare(id)));
    }
    assert_eq!(state.library.compare.len(), MAX_COMPARED);
    assert!(state.page.notices.last().is_some_and(|n| n.error));
}

#[test]
fn a_compared_saved_scenario_follows_its_rename_and_leaves_with_its_deletion() {
    let state = start()
        .apply(Action::Library(LibraryAction::Loaded(Vec::new())))
        .apply(Action::Plan(PlanAction::SetName("Plan A".into())))
        .apply(Action::SaveCurrent);
    let id = state.library.saved.as_deref().unwrap()[0].id;
    let state = state
        .apply(Action::Library(LibraryAction::ToggleCompare(id)))
        .apply(Action::Library(LibraryAction::Rename {
            id,
            to: "Plan B".into(),
        }));
    assert_eq!(state.library.compare.len(), 1);
    assert_eq!(state.library.compare[0].id, id);
    assert_eq!(state.library.compare[0].scenario.name, "Plan B");
    // A second scenario saved under the old name is a new entry with a new id.
    let state = state
        .apply(Action::Plan(PlanAction::SetName("Plan A".into())))
        .apply(Action::SaveCurrent);
    let saved = state.library.saved.as_deref().unwrap();
    assert_eq!(saved.len(), 2);
    assert_ne!(saved[1].id, id);
    let state = state.apply(Action::Library(LibraryAction::Delete(id)));
    assert!(state.library.compare.is_empty());
    assert_eq!(state.library.saved.as_deref().unwrap().len(), 1);
}

#[test]
fn revise_rebases_the_baseline_on_the_latest_result() {
    let state = start()
        .apply(Action::Board(BoardAction::SetActual(Actual {
            outcome: HEADLINES[2],
            year: 2021,
            value_percent: 30.0,
        })))
        .apply(Action::Board(BoardAction::SetActual(Actual {
            outcome: HEADLINES[2],
            year: 2023,
            value_percent: 32.0,
        })))
        .apply(Action::Revise);
    assert!(state.area.user_entered);
    // The latest year's result, 32% at KS4 in 2023, is where the baseline now passes.
    let baseline = state.model.baseline();
    let ks4 = HEADLINES[2].value(baseline.year(2023).unwrap());
    assert!((ks4 - 0.32).abs() < 1e-9, "{ks4}");
    assert!(state
        .page
        .notices
        .last()
        .is_some_and(|n| !n.error && n.text.contains("2023")));
    // With a plan on, the plan's projection (not the baseline) passes through the result:
    // the programmes running since 2018 helped produce it.
    let planned = start()
        .apply(Action::Plan(PlanAction::SetReach(
            "secondary_tutoring".into(),
            0.6,
        )))
        .apply(Action::Board(BoardAction::SetActual(Actual {
            outcome: HEADLINES[2],
            year: 2023,
            value_percent: 32.0,
        })))
        .apply(Action::Revise);
    let plan = Plan::resolve(
        &planned.plan.settings,
        planned.model.catalogue(),
        planned.model.area(),
    )
    .unwrap();
    let projected = HEADLINES[2].value(planned.model.project(&plan).year(2023).unwrap());
    assert!((projected - 0.32).abs() < 1e-6, "{projected}");
    let base = HEADLINES[2].value(planned.model.baseline().year(2023).unwrap());
    assert!(
        base < 0.32 - 0.005,
        "the baseline sits below by the plan's effect: {base}"
    );
    // With nothing entered, Revise says what is missing and changes nothing else.
    let nothing = start().apply(Action::Revise);
    assert_eq!(nothing.model, start().model);
    assert!(nothing.page.notices.last().is_some_and(|n| n.error));
}

#[test]
fn a_target_replaces_the_outcomes_old_one_and_an_invalid_one_changes_nothing() {
    let state = start()
        .apply(Action::Board(BoardAction::SetTarget(
            "fsm_ks4=30@2030".parse().unwrap(),
        )))
        .apply(Action::Board(BoardAction::SetTarget(
            "fsm_ks2=28@2028".parse().unwrap(),
        )))
        .apply(Action::Board(BoardAction::SetTarget(
            "fsm_ks4=35@2031".parse().unwrap(),
        )));
    let written: Vec<String> = state.board.targets.iter().map(|t| t.to_string()).collect();
    assert_eq!(
        written,
        ["fsm_ks2=28@2028", "fsm_ks4=35@2031"],
        "headline order, one each"
    );
    let invalid = state
        .clone()
        .apply(Action::Board(BoardAction::SetTarget(Target {
            outcome: HEADLINES[0],
            value_percent: 140.0,
            year: 2030,
        })));
    assert_eq!(invalid, state);
}

#[test]
fn a_worker_failure_for_an_area_the_page_has_left_changes_nothing() {
    let left = start();
    let old = left.area.generation;
    let switched = left.apply(Action::SetArea {
        area: Box::new(shipped()[1].clone()),
        user_entered: false,
    });
    assert_eq!(switched.area.generation, old + 1);
    let stale = switched
        .clone()
        .apply(Action::Worker(WorkerAction::BandsFailed {
            area_generation: old,
            message: "gone".to_owned(),
        }))
        .apply(Action::Worker(WorkerAction::FrontierFailed {
            area_generation: old,
            message: "gone".to_owned(),
        }));
    assert_eq!(stale.worker.bands_error, None);
    assert_eq!(stale.worker.frontier.error, None);
    // The same failures for the area shown are kept.
    let current = switched
        .apply(Action::Worker(WorkerAction::BandsFailed {
            area_generation: old + 1,
            message: "stopped".to_owned(),
        }))
        .apply(Action::Worker(WorkerAction::FrontierFailed {
            area_generation: old + 1,
            message: "stopped".to_owned(),
        }));
    assert_eq!(current.worker.bands_error.as_deref(), Some("stopped"));
    assert_eq!(current.worker.frontier.error.as_deref(), Some("stopped"));
}

fn numbered(count: usize) -> Vec<Scenario> {
    (1..=count)
        .map(|n| Scenario {
            name: format!("Number {n}"),
            ..Scenario::baseline()
        })
        .collect()
}

fn last_notice(state: &State) -> &str {
    state.page.notices.last().map_or("", |n| n.text.as_str())
}

#[test]
fn a_save_or_duplicate_beyond_the_limit_is_refused_and_said() {
    // Issue 18, item 1: the 201st save said "Saved" and was thrown away.
    let full = start().apply(Action::Library(LibraryAction::Loaded(numbered(MAX_SAVED))));
    let named = full
        .clone()
        .apply(Action::Plan(PlanAction::SetName("Number 201".to_owned())));
    let refused = named.clone().apply(Action::SaveCurrent);
    assert_eq!(
        refused.library.saved, named.library.saved,
        "the list is unchanged"
    );
    assert_eq!(
        refused.library.save_count, named.library.save_count,
        "no save to confirm"
    );
    assert!(refused.page.notices.last().unwrap().error);
    assert!(
        last_notice(&refused)
            .starts_with("“Number 201” was not saved: the list already holds 200 saved scenarios"),
        "{}",
        last_notice(&refused)
    );
    let first = full.library.saved.as_deref().unwrap()[0].id;
    let duplicated = full
        .clone()
        .apply(Action::Library(LibraryAction::Duplicate(first)));
    assert_eq!(duplicated.library.saved, full.library.saved);
    assert!(last_notice(&duplicated).starts_with("“Number 1” was not duplicated"));
    // Saving over a scenario already in the list needs no room and still works.
    let replaced = full
        .clone()
        .apply(Action::Plan(PlanAction::SetName("Number 7".to_owned())))
        .apply(Action::SaveCurrent);
    assert_eq!(replaced.library.saved.as_deref().unwrap().len(), MAX_SAVED);
    assert_eq!(replaced.library.save_count, full.library.save_count + 1);
    // With one deleted there is room again.
    let room = full
        .apply(Action::Library(LibraryAction::Delete(first)))
        .apply(Action::Plan(PlanAction::SetName("Number 201".to_owned())))
        .apply(Action::SaveCurrent);
    assert_eq!(room.library.saved.as_deref().unwrap().len(), MAX_SAVED);
    assert!(room
        .library
        .saved
        .as_deref()
        .unwrap()
        .iter()
        .any(|l| l.scenario.name == "Number 201"));
}

#[test]
fn storage_that_cannot_be_written_says_so_and_still_lists_what_it_read() {
    // Issue 18, item 5: Save said "still loading" for ever, and a readable scenario was hidden.
    let read_only = start().apply(Action::Library(LibraryAction::LoadedReadOnly(numbered(1))));
    assert_eq!(
        read_only.library.saved.as_deref().unwrap()[0].scenario.name,
        "Number 1"
    );
    let id = read_only.library.saved.as_deref().unwrap()[0].id;
    for action in [
        Action::SaveCurrent,
        Action::Library(LibraryAction::Duplicate(id)),
        Action::Library(LibraryAction::Delete(id)),
        Action::Library(LibraryAction::Rename {
            id,
            to: "Other".to_owned(),
        }),
    ] {
        let after = read_only.clone().apply(action);
        assert_eq!(after.library.saved, read_only.library.saved);
        assert!(
            last_notice(&after).starts_with("The saved scenarios in this browser are not changed")
        );
    }
    let blocked = start()
        .apply(Action::Library(LibraryAction::Blocked))
        .apply(Action::SaveCurrent);
    assert_eq!(blocked.library.saved.as_deref().map(|s| s.len()), Some(0));
    assert!(last_notice(&blocked).starts_with("Nothing can be saved in this browser"));
    // Before storage has answered, and only then, the page asks to wait.
    let loading = start().apply(Action::SaveCurrent);
    assert!(last_notice(&loading).contains("still loading"));
}

#[test]
fn a_target_outside_the_projection_is_refused_by_name() {
    // Issue 18, item 3: a target for 2090 was taken and its chance never came.
    let state = start();
    let years = state.model.area().years();
    for year in [2000, 2090, *years.end() + 1, *years.start() - 1] {
        let after = state
            .clone()
            .apply(Action::Board(BoardAction::SetTarget(Target {
                outcome: HEADLINES[2],
                value_percent: 35.0,
                year,
            })));
        assert!(after.board.targets.is_empty(), "{year}");
        assert!(
            last_notice(&after).contains(&format!("{year} is outside the projection's years")),
            "{}",
            last_notice(&after)
        );
    }
}

#[test]
fn names_typed_or_renamed_lose_control_and_direction_characters() {
    // Issue 18, item 8.
    let state = start()
        .apply(Action::Library(LibraryAction::Loaded(numbered(1))))
        .apply(Action::Plan(PlanAction::SetName(
            "abc\u{202E}evil\u{202C}\u{7}".to_owned(),
        )));
    assert_eq!(state.plan.name, "abcevil");
    let id = state.library.saved.as_deref().unwrap()[0].id;
    let renamed = state.apply(Action::Library(LibraryAction::Rename {
        id,
        to: "a\u{0}b\u{2066}c".to_owned(),
    }));
    assert_eq!(
        renamed.library.saved.as_deref().unwrap()[0].scenario.name,
        "abc"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// A library that must not be written over is never changed, whatever the user does.
    #[test]
    fn a_read_only_library_never_changes(
        library in proptest::collection::vec(any_scenario(), 0..6),
        steps in proptest::collection::vec(any_step(), 0..30),
    ) {
        let library = parse_library(&serialize_library(&library, &[]).unwrap(), &start().model).scenarios;
        let mut state = start().apply(Action::Library(LibraryAction::LoadedReadOnly(library)));
        let listed = state.library.saved.clone();
        for step in steps {
            let action = action(&state, step);
            state = state.apply(action);
            check(&state)?;
            prop_assert_eq!(&state.library.saved, &listed);
        }
    }
}

#[test]
fn a_target_the_new_area_cannot_reach_is_dropped_and_said() {
    let end = *imported().years().end();
    let late = Target {
        outcome: HEADLINES[2],
        value_percent: 35.0,
        year: end + 1,
    };
    let kept = Target { year: end, ..late };
    let state = start()
        .apply(Action::Board(BoardAction::SetTarget(late)))
        .apply(Action::Board(BoardAction::SetTarget(Target {
            outcome: HEADLINES[1],
            ..kept
        })));
    assert_eq!(state.board.targets.len(), 2);
    let switched = state.apply(Action::SetArea {
        area: Box::new(imported().clone()),
        user_entered: true,
    });
    assert_eq!(switched.board.targets.len(), 1);
    assert_eq!(switched.board.targets[0].outcome, HEADLINES[1]);
    assert!(
        last_notice(&switched).contains(&format!("{} is outside the projection's years", end + 1)),
        "{}",
        last_notice(&switched)
    );
}

/// The area file a state asks for, as the page's fetch hook would see it.
fn wanted(state: &State) -> (u64, String) {
    let request = state.area.wanted.as_ref().expect("an area is asked for");
    (request.serial, request.id.clone())
}

#[test]
fn an_area_is_fetched_before_it_is_shown_and_a_late_answer_is_dropped() {
    use pathways::app::state::AfterLoad;
    let want = |id: &str| Action::WantArea {
        id: id.to_owned(),
        as_of: None,
        then: AfterLoad::Show,
    };
    // Asking for Kent keeps Hastings on screen until the file arrives.
    let state = start().apply(want("kent"));
    assert_eq!(state.model.area().id, "hastings");
    let (kent, id) = wanted(&state);
    assert_eq!(id, "kent");
    // Oldham is then asked for: Kent's answer, arriving late, changes nothing.
    let state = state.apply(want("oldham"));
    let (oldham, _) = wanted(&state);
    let kent_area = Box::new(Area::shipped_by_id("kent").unwrap());
    let after_late = state.clone().apply(Action::AreaArrived {
        serial: kent,
        area: kent_area,
    });
    assert_eq!(after_late, state);
    let state = state.apply(Action::AreaArrived {
        serial: oldham,
        area: Box::new(Area::shipped_by_id("oldham").unwrap()),
    });
    assert_eq!(state.model.area().id, "oldham");
    assert!(state.area.wanted.is_none());
    // An id the index does not know is said and not fetched.
    let state = state.apply(want("atlantis"));
    assert!(state.area.wanted.is_none());
    assert!(state.page.notices.last().unwrap().text.contains("“atlantis” is not an area this version of Pathways ships, so Oldham Opportunity Area is still shown"));
}

#[test]
fn a_failed_fetch_names_the_area_and_keeps_the_current_one() {
    use pathways::app::state::AfterLoad;
    let state = start().apply(Action::WantArea {
        id: "blackpool".to_owned(),
        as_of: Some(2025),
        then: AfterLoad::Show,
    });
    let (serial, _) = wanted(&state);
    let state = state.apply(Action::AreaFailed {
        serial,
        problem: "the network did not answer".to_owned(),
    });
    assert_eq!(state.model.area().id, "hastings");
    assert!(state.area.wanted.is_none());
    let notice = state.page.notices.last().unwrap();
    assert!(notice.error);
    assert_eq!(notice.text, "Blackpool Opportunity Area could not be loaded (the network did not answer), so Hastings Opportunity Area is still shown. Check the connection and choose it again.");
}

#[test]
fn a_scenario_for_another_area_opens_once_its_file_arrives_as_of_the_year_asked() {
    let scenario = Scenario {
        name: "Blackpool plan".to_owned(),
        area: Some("blackpool".to_owned()),
        ..Scenario::baseline()
    };
    let state = start().apply(Action::LoadScenario(scenario));
    assert_eq!(
        state.model.area().id,
        "hastings",
        "nothing changes until the file arrives"
    );
    let (serial, id) = wanted(&state);
    assert_eq!(id, "blackpool");
    let state = state.apply(Action::AreaArrived {
        serial,
        area: Box::new(Area::shipped_by_id("blackpool").unwrap()),
    });
    assert_eq!(state.model.area().id, "blackpool");
    assert_eq!(state.plan.name, "Blackpool plan");
    assert!(state.page.notices.iter().any(|n| n.text
        == "“Blackpool plan” was made for Blackpool Opportunity Area, so that area is now shown."));
    // Another as-of year of the same area: its figures and years follow.
    let state = state.apply(Action::SetAsOf(2025));
    assert_eq!(state.model.area().base_year, 2025);
    assert_eq!(state.model.area().stages.ks2.fsm_rate.value, 0.47);
    let same = state.clone().apply(Action::SetAsOf(2014));
    assert_eq!(same.model.area().base_year, 2025);
    assert!(same.page.notices.last().unwrap().text.contains("not 2014"));
}

#[test]
fn edited_figures_are_not_replaced_by_another_start_year() {
    let mut edited = Area::shipped_by_id("kent").unwrap();
    edited.stages.ks2.fsm_rate.value = 0.5;
    let state = start().apply(Action::SetArea {
        area: Box::new(edited),
        user_entered: true,
    });
    let after = state.clone().apply(Action::SetAsOf(2019));
    assert_eq!(after.model.area().stages.ks2.fsm_rate.value, 0.5);
    assert_eq!(after.model.area().base_year, state.model.area().base_year);
    assert!(after
        .page
        .notices
        .last()
        .unwrap()
        .text
        .starts_with("The start year was not changed"));
}
