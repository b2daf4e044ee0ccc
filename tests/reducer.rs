//! The store's laws, over random sequences of what a user can do: the reducer never
//! panics; saved scenario names stay unique (and apart from the presets'); compare holds
//! at most `MAX_COMPARED`; every lever setting the state holds resolves against the
//! current area; and switching area keeps the saved scenarios, the compared ones and the
//! scenario's name.
//!
//! Scenarios have no ids yet (issue 9, item 4): a saved scenario is known by its name, so
//! the name laws stand in for "stable ids" until ids exist.

use std::sync::OnceLock;

use pathways::app::state::{Action, Mode, Notice, State, MAX_COMPARED};
use pathways::model::{Area, Group, LeverSetting, LeverSettings, Plan};
use pathways::scenario::library::{parse_library, serialize_library, Presets, MAX_SAVED};
use pathways::scenario::Scenario;
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

fn lever_ids() -> Vec<String> {
    let mut ids: Vec<String> = start()
        .model
        .catalogue()
        .levers
        .iter()
        .map(|l| l.id.clone())
        .collect();
    // An id no version knows (an old link or a typed URL).
    ids.push("no_such_lever".to_owned());
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
    CompareFile(Scenario),
    Notify(bool),
    Dismiss(usize),
    ShippedArea(usize),
    ImportedArea,
    Present(Option<usize>),
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
        1 => any_scenario().prop_map(Step::CompareFile),
        1 => any::<bool>().prop_map(Step::Notify),
        1 => i().prop_map(Step::Dismiss),
        3 => i().prop_map(Step::ShippedArea),
        1 => Just(Step::ImportedArea),
        1 => proptest::option::of(i()).prop_map(Step::Present),
    ]
}

/// The saved scenario at `i` (wrapping), or a name nothing has.
fn saved_name(state: &State, i: usize) -> String {
    match state.saved.as_deref() {
        Some(saved) if !saved.is_empty() => saved[i % saved.len()].name.clone(),
        _ => "Nothing saved by this name".to_owned(),
    }
}

fn action(state: &State, step: Step) -> Action {
    let ids = lever_ids();
    let lever = |i: usize| ids[i % ids.len()].clone();
    let presets = preset_scenarios();
    match step {
        Step::Reach(l, r) => Action::SetReach(lever(l), r),
        Step::StartYear(l, y) => Action::SetStartYear(lever(l), y),
        Step::RampYears(l, y) => Action::SetRampYears(lever(l), y),
        Step::ResetLever(l) => Action::ResetLever(lever(l)),
        Step::ResetAll => Action::ResetAll,
        Step::TargetYear(y) => Action::SetTargetYear(y),
        Step::ShowNonFsm(b) => Action::ShowNonFsm(b),
        Step::Budget(b) => Action::SetBudget(b),
        Step::FlowCohort(y) => Action::SetFlowCohort(y),
        Step::FlowGroup(fsm) => Action::SetFlowGroup(if fsm { Group::Fsm } else { Group::NonFsm }),
        Step::BandsFailed => Action::BandsFailed("The worker stopped.".to_owned()),
        Step::LoadPreset(i) => Action::LoadScenario(presets[i % presets.len()].clone()),
        Step::LoadSaved(i) => match state.saved.as_deref() {
            Some(saved) if !saved.is_empty() => {
                Action::LoadScenario(saved[i % saved.len()].clone())
            }
            _ => Action::ResetAll,
        },
        Step::LoadFile(s) => Action::LoadScenario(s),
        Step::Name(n) => Action::SetScenarioName(n),
        Step::Save => Action::SaveCurrent,
        Step::Rename(i, to) => Action::RenameSaved {
            from: saved_name(state, i),
            to,
        },
        Step::Duplicate(i) => Action::DuplicateSaved(saved_name(state, i)),
        Step::Delete(i) => Action::DeleteSaved(saved_name(state, i)),
        Step::CompareSaved(i) => match state.saved.as_deref() {
            Some(saved) if !saved.is_empty() => {
                Action::ToggleCompare(saved[i % saved.len()].clone())
            }
            _ => Action::ToggleCompare(presets[i % presets.len()].clone()),
        },
        Step::ComparePreset(i) => Action::ToggleCompare(presets[i % presets.len()].clone()),
        Step::CompareFile(s) => Action::ToggleCompare(s),
        Step::Notify(error) => Action::Notify(Notice {
            error,
            text: "Copied.".to_owned(),
        }),
        Step::Dismiss(i) => Action::DismissNotice(i % 8),
        Step::ShippedArea(i) => Action::SetArea {
            area: Box::new(shipped()[i % shipped().len()].clone()),
            user_entered: false,
        },
        Step::ImportedArea => Action::SetArea {
            area: Box::new(imported().clone()),
            user_entered: true,
        },
        Step::Present(step) => Action::Present(step),
    }
}

fn resolves(state: &State, settings: &LeverSettings) -> Result<(), String> {
    Plan::resolve(settings, state.model.catalogue(), state.model.area())
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// The laws every state reached must keep.
fn check(state: &State) -> Result<(), TestCaseError> {
    let presets: Vec<String> = preset_scenarios().into_iter().map(|s| s.name).collect();
    if let Some(saved) = &state.saved {
        prop_assert!(saved.len() <= MAX_SAVED);
        for (i, s) in saved.iter().enumerate() {
            prop_assert!(
                saved[..i].iter().all(|t| t.name != s.name),
                "saved name {:?} repeats",
                s.name
            );
            prop_assert!(
                !presets.contains(&s.name),
                "saved name {:?} is a preset's",
                s.name
            );
            prop_assert!(s.name.chars().count() <= 80);
        }
    }
    prop_assert!(state.compare.len() <= MAX_COMPARED);
    for (i, s) in state.compare.iter().enumerate() {
        prop_assert!(state.compare[..i].iter().all(|t| t.name != s.name));
        prop_assert_eq!(resolves(state, &s.levers), Ok(()), "compared {:?}", s.name);
    }
    prop_assert_eq!(resolves(state, &state.settings), Ok(()));
    prop_assert_eq!(resolves(state, &state.displayed_settings()), Ok(()));
    let years = state.model.area().years();
    prop_assert!(years.contains(&state.target_year));
    prop_assert!(years.contains(&state.flow_cohort));
    prop_assert!(state.budget_gbp_per_year.is_finite() && state.budget_gbp_per_year >= 0.0);
    prop_assert!(state.scenario_name.chars().count() <= 80);
    prop_assert!(state.notices.len() <= 6);
    if let Mode::Present { step } = state.mode {
        prop_assert!(state.story_steps().contains(&step));
    }
    Ok(())
}

/// A library as storage hands it over: written by any version, read back leniently.
fn any_library() -> impl Strategy<Value = Option<Vec<Scenario>>> {
    proptest::option::of(proptest::collection::vec(any_scenario(), 0..6)).prop_map(|library| {
        library.map(|scenarios| {
            parse_library(&serialize_library(&scenarios), &start().model).scenarios
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
            state = state.apply(Action::LibraryLoaded(scenarios));
        }
        check(&state)?;
        for step in steps {
            let area_switch = matches!(step, Step::ShippedArea(_) | Step::ImportedArea);
            let action = action(&state, step);
            let before = state.clone();
            state = state.apply(action);
            check(&state)?;
            if area_switch {
                prop_assert_eq!(&state.saved, &before.saved);
                prop_assert_eq!(&state.scenario_name, &before.scenario_name);
                prop_assert_eq!(state.budget_gbp_per_year, before.budget_gbp_per_year);
                prop_assert_eq!(state.area_generation, before.area_generation + 1);
                let names = |s: &State| s.compare.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
                prop_assert_eq!(names(&state), names(&before));
            }
        }
    }
}

#[test]
fn saving_twice_under_one_name_replaces_and_a_preset_name_is_never_taken() {
    let preset = preset_scenarios().remove(0);
    let state = start()
        .clone()
        .apply(Action::LibraryLoaded(Vec::new()))
        .apply(Action::LoadScenario(preset.clone()))
        .apply(Action::SaveCurrent)
        .apply(Action::SaveCurrent);
    let saved = state.saved.as_deref().unwrap();
    assert_eq!(saved.len(), 1);
    assert_ne!(saved[0].name, preset.name);
    assert_eq!(state.scenario_name, saved[0].name);
}

#[test]
fn a_library_with_repeated_names_is_read_with_unique_ones() {
    let named = |name: &str| Scenario {
        name: name.to_owned(),
        ..Scenario::baseline()
    };
    let preset = preset_scenarios().remove(0).name;
    let state = start().apply(Action::LibraryLoaded(vec![
        named("A"),
        named("A"),
        named(&preset),
    ]));
    let names: Vec<&str> = state
        .saved
        .as_deref()
        .unwrap()
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names[..2], ["A", "A (2)"]);
    assert_ne!(names[2], preset);
}

#[test]
fn an_unknown_lever_changes_nothing() {
    let state = start();
    let next = state
        .clone()
        .apply(Action::SetReach("no_such_lever".into(), 0.5));
    assert_eq!(next, state);
}

#[test]
fn compare_holds_at_most_three_and_says_so() {
    let mut state = start();
    for preset in preset_scenarios().into_iter().take(MAX_COMPARED + 1) {
        state = state.apply(Action::ToggleCompare(preset));
    }
    assert_eq!(state.compare.len(), MAX_COMPARED);
    assert!(state.notices.last().is_some_and(|n| n.error));
}
