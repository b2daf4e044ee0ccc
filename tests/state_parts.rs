//! Each part of the store keeps its own laws whatever it is sent, on its own: the plan
//! holds only settings the area can resolve, the board one target per outcome and one
//! result per outcome and year, the page at most `MAX_NOTICES` messages and only a story
//! step the area shows, and the worker part ignores answers for an area the page left.
//! (tests/reducer.rs checks the whole store over mixed sequences.)

use pathways::app::state::{
    BoardAction, BoardState, Mode, Notice, Notices, PageAction, PageState, PlanAction, PlanState,
    WorkerAction, WorkerState, MAX_NOTICES,
};
use pathways::model::plan::MAX_RAMP_YEARS;
use pathways::model::{Area, LeverCatalogue, LeverId, Model};
use pathways::scenario::outcome::{Outcome, HEADLINES};
use pathways::scenario::target::{Actual, Target, MAX_ACTUALS};
use pathways::scenario::MAX_NAME_CHARS;
use proptest::prelude::*;

fn hastings() -> Model {
    Model::new(Area::hastings(), LeverCatalogue::standard())
}

fn lever_id() -> impl Strategy<Value = LeverId> {
    let mut ids: Vec<LeverId> = LeverCatalogue::standard()
        .levers
        .iter()
        .map(|l| l.id.clone())
        .collect();
    ids.push("no_such_lever".into());
    proptest::sample::select(ids)
}

fn plan_action() -> impl Strategy<Value = PlanAction> {
    prop_oneof![
        (
            lever_id(),
            prop_oneof![-1.0..2.0f64, Just(f64::NAN), Just(f64::INFINITY)]
        )
            .prop_map(|(id, r)| PlanAction::SetReach(id, r)),
        (lever_id(), 1990..2060i32).prop_map(|(id, y)| PlanAction::SetStartYear(id, y)),
        (lever_id(), 0..40u32).prop_map(|(id, n)| PlanAction::SetRampYears(id, n)),
        lever_id().prop_map(PlanAction::ResetLever),
        Just(PlanAction::ResetAll),
        ".{0,200}".prop_map(PlanAction::SetName),
    ]
}

fn outcome() -> impl Strategy<Value = Outcome> {
    proptest::sample::select(HEADLINES.to_vec())
}

fn board_action() -> impl Strategy<Value = BoardAction> {
    prop_oneof![
        (outcome(), -10.0..110.0f64, 2010..2050i32).prop_map(|(outcome, value_percent, year)| {
            BoardAction::SetTarget(Target {
                outcome,
                value_percent,
                year,
            })
        }),
        outcome().prop_map(BoardAction::ClearTarget),
        (outcome(), -10.0..110.0f64, 2010..2050i32).prop_map(|(outcome, value_percent, year)| {
            BoardAction::SetActual(Actual {
                outcome,
                year,
                value_percent,
            })
        }),
        (outcome(), 2010..2050i32)
            .prop_map(|(outcome, year)| BoardAction::ClearActual { outcome, year }),
    ]
}

fn page_action() -> impl Strategy<Value = PageAction> {
    prop_oneof![
        (any::<bool>(), ".{0,20}")
            .prop_map(|(error, text)| PageAction::Notify(Notice { error, text })),
        (0..10usize).prop_map(PageAction::DismissNotice),
        proptest::option::of(0..12usize).prop_map(PageAction::Present),
        any::<bool>().prop_map(PageAction::PrintPaper),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Every setting the plan keeps is for a known lever, with a reach from 0 to 1, a
    /// start inside the area's years and a ramp of at most MAX_RAMP_YEARS; the name has
    /// no control characters and fits.
    #[test]
    fn the_plan_holds_only_settings_the_area_resolves(
        actions in proptest::collection::vec(plan_action(), 0..40)
    ) {
        let model = hastings();
        let years = model.area().years();
        let mut plan = PlanState::default();
        for action in actions {
            plan.apply(action, &model);
        }
        for (id, setting) in plan.settings.iter() {
            prop_assert!(model.catalogue().get(id).is_some(), "unknown lever {id}");
            prop_assert!((0.0..=1.0).contains(&setting.reach_share));
            prop_assert!(years.contains(&setting.start_year));
            prop_assert!(setting.ramp_years <= MAX_RAMP_YEARS);
        }
        prop_assert!(plan.name.chars().count() <= MAX_NAME_CHARS);
        prop_assert!(!plan.name.chars().any(char::is_control));
    }

    /// At most one target per outcome, each inside the projection, in headline order;
    /// at most one result per outcome and year, at most MAX_ACTUALS, in order.
    #[test]
    fn the_board_holds_one_target_per_outcome_and_one_result_per_year(
        actions in proptest::collection::vec(board_action(), 0..60)
    ) {
        let area = Area::hastings();
        let years = area.years();
        let mut board = BoardState::default();
        let mut notices = Notices::default();
        for action in actions {
            board.apply(action, &area, &mut notices);
        }
        let order: Vec<usize> = board
            .targets
            .iter()
            .map(|t| HEADLINES.iter().position(|o| *o == t.outcome).unwrap())
            .collect();
        prop_assert!(order.windows(2).all(|w| w[0] < w[1]), "targets {order:?}");
        prop_assert!(board.targets.iter().all(|t| years.contains(&t.year)));
        let keys: Vec<(usize, i32)> = board
            .actuals
            .iter()
            .map(|a| (HEADLINES.iter().position(|o| *o == a.outcome).unwrap(), a.year))
            .collect();
        prop_assert!(keys.windows(2).all(|w| w[0] < w[1]), "actuals {keys:?}");
        prop_assert!(board.actuals.len() <= MAX_ACTUALS);
        prop_assert!(notices.len() <= MAX_NOTICES);
    }

    /// The page never keeps more than MAX_NOTICES messages, and presents only a step the
    /// area's story shows.
    #[test]
    fn the_page_keeps_few_messages_and_only_a_step_the_area_shows(
        actions in proptest::collection::vec(page_action(), 0..40),
        steps in proptest::collection::btree_set(0..12usize, 0..5),
    ) {
        let steps: Vec<usize> = steps.into_iter().collect();
        let mut page = PageState::default();
        for action in actions {
            page.apply(action, &steps);
            prop_assert!(page.notices.len() <= MAX_NOTICES);
            if let Mode::Present { step } = page.mode {
                prop_assert!(steps.contains(&step), "step {step} not in {steps:?}");
            }
        }
    }
}

#[test]
fn the_newest_messages_are_kept_and_the_oldest_dropped() {
    let mut notices = Notices::default();
    for i in 0..MAX_NOTICES + 2 {
        notices.push(false, format!("message {i}"));
    }
    let texts: Vec<&str> = notices.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts.len(), MAX_NOTICES);
    assert_eq!(texts[0], "message 2");
    assert_eq!(
        texts[MAX_NOTICES - 1],
        format!("message {}", MAX_NOTICES + 1)
    );
}

#[test]
fn a_story_without_a_step_here_returns_to_the_page_and_says_so() {
    let mut page = PageState::default();
    page.apply(PageAction::Present(Some(3)), &[]);
    assert_eq!(page.mode, Mode::Normal);
    assert!(page.notices.last().is_some_and(|n| n.error));
    // A later step than any shown goes to the last one shown.
    page.apply(PageAction::Present(Some(9)), &[1, 4]);
    assert_eq!(page.mode, Mode::Present { step: 4 });
}

#[test]
fn worker_answers_for_an_area_the_page_left_change_nothing() {
    let mut worker = WorkerState::default();
    worker.apply(
        WorkerAction::BandsFailed {
            area_generation: 1,
            message: "for the old area".to_owned(),
        },
        2,
    );
    assert_eq!(worker, WorkerState::default());
    worker.apply(
        WorkerAction::BandsFailed {
            area_generation: 2,
            message: "for this area".to_owned(),
        },
        2,
    );
    assert_eq!(worker.bands_error.as_deref(), Some("for this area"));
}
