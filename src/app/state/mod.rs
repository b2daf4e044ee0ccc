//! The app's one store: what the user has chosen, their saved scenarios, and the latest
//! uncertainty bands, in parts by concern. Every change goes through [`Action`];
//! [`State::apply`] is the only writer and only dispatches: an action for one part goes
//! to that part's `apply`, and the four that span parts (opening a scenario, saving it,
//! switching area, re-basing) are named methods here. It is plain Rust, tested natively
//! (tests/reducer.rs); on wasm a short `yew::Reducible` wraps it. Side effects (storage,
//! URL, worker) live in hooks that watch this state.

mod board;
mod library;
mod page;
mod plan;
mod view;
mod worker;

use std::rc::Rc;

pub use board::{BoardAction, BoardState};
pub use library::{LibraryAction, LibraryState, LibraryStorage, Listed, ScenarioId, MAX_COMPARED};
pub use page::{Mode, Notice, Notices, PageAction, PageState, MAX_NOTICES};
pub use plan::{PlanAction, PlanState, DEFAULT_NAME};
pub use view::{ViewAction, ViewChoices, DEFAULT_BUDGET_GBP_PER_YEAR};
pub use worker::{
    answer_wait_ms, FrontierState, SensitivityState, WorkerAction, WorkerState, WorkerTask,
};

use crate::app::jobs::AnalysisKey;
use crate::model::{Area, LeverCatalogue, LeverSetting, LeverSettings, Model, Plan};
use crate::scenario::monitoring::{latest_actual_year, rebase, rebase_under_plan};
use crate::scenario::{echo, Scenario};

/// Monte Carlo draws per band computation, and the fixed seed that makes bands
/// reproducible (the CLI gives the same bands with `--draws 1000 --seed 2017`).
pub const DRAWS: u32 = 1000;
pub const SEED: u64 = 2017;

/// Said on Save and Export when the area's figures were imported or edited: a scenario
/// carries the area's name, not its figures.
pub const AREA_NOT_SAVED: &str = "The area figures you entered are not saved with the scenario: use “Export area file” under Area data to keep them, and import that file to use them again.";

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The area's figures and the lever catalogue: what every projection reads.
    pub model: Rc<Model>,
    pub area: AreaState,
    pub plan: PlanState,
    pub board: BoardState,
    pub library: LibraryState,
    pub worker: WorkerState,
    pub view: ViewChoices,
    pub page: PageState,
}

/// Where the figures in [`State::model`] came from, and what the worker needs of them.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaState {
    /// The area file as JSON, sent to the Monte Carlo worker.
    pub json: Rc<str>,
    /// True when the area data were imported or edited by the user.
    pub user_entered: bool,
    /// Counts area changes; worker answers computed for an earlier area are ignored.
    pub generation: u64,
}

pub enum Action {
    Plan(PlanAction),
    Board(BoardAction),
    Library(LibraryAction),
    Worker(WorkerAction),
    View(ViewAction),
    Page(PageAction),
    /// Replace the current plan with a (sanitized) scenario, in its own area if it names
    /// a shipped one.
    LoadScenario(Scenario),
    /// Save the current plan under its name (replacing a same-named saved one).
    SaveCurrent,
    /// Switch to another (validated) area; settings that no longer fit are dropped.
    SetArea {
        area: Box<Area>,
        user_entered: bool,
    },
    /// Re-base the area's figures on the latest year of actual results.
    Revise,
}

impl From<PlanAction> for Action {
    fn from(action: PlanAction) -> Action {
        Action::Plan(action)
    }
}

impl From<BoardAction> for Action {
    fn from(action: BoardAction) -> Action {
        Action::Board(action)
    }
}

impl From<LibraryAction> for Action {
    fn from(action: LibraryAction) -> Action {
        Action::Library(action)
    }
}

impl From<WorkerAction> for Action {
    fn from(action: WorkerAction) -> Action {
        Action::Worker(action)
    }
}

impl From<ViewAction> for Action {
    fn from(action: ViewAction) -> Action {
        Action::View(action)
    }
}

impl From<PageAction> for Action {
    fn from(action: PageAction) -> Action {
        Action::Page(action)
    }
}

impl Action {
    /// A message for the page.
    pub fn notice(error: bool, text: impl Into<String>) -> Action {
        Action::Page(PageAction::Notify(Notice {
            error,
            text: text.into(),
        }))
    }
}

impl State {
    /// The area file the Monte Carlo worker needs, as JSON: everything but the observed
    /// series, which are large (most of a shipped file) and never used by the model.
    pub fn worker_area_json(area: &Area) -> String {
        let model_inputs = Area {
            observed: Vec::new(),
            ..area.clone()
        };
        serde_json::to_string(&model_inputs).unwrap_or_default()
    }

    pub fn new(area: Area) -> State {
        State {
            area: AreaState {
                json: State::worker_area_json(&area).into(),
                user_entered: false,
                generation: 0,
            },
            view: ViewChoices::new(&area),
            model: Rc::new(Model::new(area, LeverCatalogue::standard())),
            plan: PlanState::default(),
            board: BoardState::default(),
            library: LibraryState::default(),
            worker: WorkerState::default(),
            page: PageState::default(),
        }
    }

    /// The reducer: this state after `action`. Plain Rust, so it is tested natively.
    pub fn apply(mut self, action: Action) -> State {
        match action {
            Action::Plan(action) => self.plan.apply(action, &self.model),
            Action::Board(action) => {
                self.board
                    .apply(action, self.model.area(), &mut self.page.notices)
            }
            Action::Library(action) => {
                self.library
                    .apply(action, &self.model, &mut self.page.notices)
            }
            Action::Worker(action) => self.worker.apply(action, self.area.generation),
            Action::View(action) => self.view.apply(action, self.model.area()),
            Action::Page(action) => {
                let steps = self.story_steps();
                self.page.apply(action, &steps)
            }
            Action::LoadScenario(scenario) => return self.load_scenario(scenario),
            Action::SaveCurrent => self.save_current(),
            Action::SetArea { area, user_entered } => return self.with_area(*area, user_entered),
            Action::Revise => return self.revise(),
        }
        self
    }

    /// The settings every view shows: the story's preset while presenting, else the user's.
    pub fn displayed_settings(&self) -> LeverSettings {
        match self.page.mode {
            Mode::Present { step } => self
                .library
                .presets
                .story
                .get(step)
                .and_then(|s| self.library.presets.get(&s.preset))
                .map(|p| p.scenario.levers.clone())
                .unwrap_or_default(),
            _ => self.plan.settings.clone(),
        }
    }

    /// The story's steps shown in the current area, by index: a step whose preset names
    /// another area (its story is that area's) is left out.
    pub fn story_steps(&self) -> Vec<usize> {
        let area = &self.model.area().id;
        let presets = &self.library.presets;
        presets
            .story
            .iter()
            .enumerate()
            .filter(|(_, step)| {
                presets
                    .get(&step.preset)
                    .and_then(|p| p.scenario.area.as_ref())
                    .is_none_or(|id| id == area)
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The setting for a lever: the user's, or the catalogue default at zero reach.
    pub fn setting(&self, lever_id: &str) -> LeverSetting {
        self.plan.setting(lever_id, &self.model)
    }

    /// The current scenario as it would be saved or exported, with the area it was made for.
    pub fn current_scenario(&self) -> Scenario {
        Scenario {
            name: self.plan.name.clone(),
            levers: self
                .plan
                .settings
                .iter()
                .filter(|(_, s)| s.reach_share > 0.0)
                .map(|(id, s)| (id.clone(), *s))
                .collect(),
            area: Some(self.model.area().id.clone()),
            // Not the baseline's description ("No new interventions"): the page keeps none.
            description: String::new(),
            targets: self.board.targets.clone(),
            actuals: self.board.actuals.clone(),
            ..Scenario::baseline()
        }
    }

    /// What the worker's analysis should be computed for now.
    pub fn analysis_key(&self) -> AnalysisKey {
        AnalysisKey {
            settings: self.displayed_settings(),
            targets: self.board.targets.clone(),
            year: self.view.target_year,
        }
    }

    /// True when the bands shown were computed for the settings on screen.
    pub fn bands_current(&self) -> bool {
        self.worker
            .analysis
            .as_ref()
            .is_some_and(|a| a.key.settings == self.displayed_settings())
    }

    /// True when the analysis shown is for exactly what is on screen: settings, targets
    /// and headline year (its chances and contributions are then current too).
    pub fn analysis_current(&self) -> bool {
        self.worker
            .analysis
            .as_ref()
            .is_some_and(|a| a.key == self.analysis_key())
    }

    /// This state with another area: what the user chose for the page (name, budget,
    /// saved scenarios, messages) is kept, and lever settings and targets that no longer
    /// fit the area's years are dropped with a message. Worker answers, the headline year
    /// and the flow cohort start again for the new area.
    fn with_area(self, area: Area, user_entered: bool) -> State {
        let mut next = State::new(area);
        next.area.generation = self.area.generation + 1;
        next.area.user_entered = user_entered;
        next.plan.name = self.plan.name;
        next.view.budget_gbp_per_year = self.view.budget_gbp_per_year;
        next.view.show_non_fsm = self.view.show_non_fsm;
        next.library = self.library;
        next.page.notices = self.page.notices;
        next.board = BoardState {
            targets: Vec::new(),
            ..self.board
        };
        // The board's targets are its own, whichever figures it looks at; like the levers,
        // they are checked against the new area, so one for a year it does not project is
        // dropped and said.
        let (clean, problems) = Scenario {
            levers: self.plan.settings,
            targets: self.board.targets,
            ..Scenario::baseline()
        }
        .sanitized(&next.model);
        next.plan.settings = clean.levers;
        next.board.targets = clean.targets;
        for problem in problems {
            next.page
                .notices
                .push(true, format!("With the new area data, {problem}"));
        }
        next.library
            .recheck_compared(&next.model, &mut next.page.notices);
        // A presentation goes on at the nearest step this area's story shows.
        match self.page.mode {
            Mode::Present { step } => {
                let steps = next.story_steps();
                next.page.present_at(step, &steps);
            }
            mode => next.page.mode = mode,
        }
        next
    }

    /// A scenario made for another shipped area opens in that area first, so its levers
    /// are checked against, and shown with, the figures it was made with (a preset too,
    /// when it names one). Scenarios that name no area keep the current one.
    fn load_scenario(self, scenario: Scenario) -> State {
        let (mut next, area_notice) = self.in_area_of(&scenario);
        let (clean, problems) = scenario.sanitized(&next.model);
        // A scenario with targets or results of its own brings them; a lever plan alone
        // (every preset) keeps the board's.
        if !clean.targets.is_empty() {
            next.board.targets = clean.targets;
        }
        if !clean.actuals.is_empty() {
            next.board.actuals = clean.actuals;
        }
        next.plan = PlanState {
            name: clean.name,
            settings: clean.levers,
        };
        if let Some((error, text)) = area_notice {
            next.page.notices.push(error, text);
        }
        let name = echo(&next.plan.name);
        for problem in problems {
            next.page
                .notices
                .push(true, format!("Scenario “{name}”: {problem}"));
        }
        next
    }

    /// This state in the area `scenario` was made for, when that is another shipped one,
    /// with the message saying so.
    fn in_area_of(self, scenario: &Scenario) -> (State, Option<(bool, String)>) {
        let Some(id) = scenario
            .area
            .as_deref()
            .filter(|id| *id != self.model.area().id)
        else {
            return (self, None);
        };
        let name = match scenario.name.trim() {
            "" => "This scenario".to_owned(),
            name => format!("“{}”", echo(name)),
        };
        match Area::shipped_by_id(id) {
            Some(area) => {
                let notice = format!(
                    "{name} was made for {}, so that area is now shown.",
                    area.name
                );
                // The old levers are replaced: none is checked or reported against the
                // new area.
                let mut cleared = self;
                cleared.plan.settings = LeverSettings::new();
                (cleared.with_area(area, false), Some((false, notice)))
            }
            None => {
                let notice = format!(
                    "{name} was made for an area this version of Pathways does not ship (“{}”), so it is shown with {}'s figures.",
                    id.chars().take(40).collect::<String>(),
                    self.model.area().name
                );
                (self, Some((true, notice)))
            }
        }
    }

    /// Save: the current plan under its name, replacing a saved scenario of that name;
    /// refused, and said, while the list cannot change or has no room.
    fn save_current(&mut self) {
        let scenario = self.current_scenario();
        let Some(saved_name) = self
            .library
            .save(scenario, &self.model, &mut self.page.notices)
        else {
            return;
        };
        self.plan.name = saved_name;
        if self.area.user_entered {
            self.page.notices.push(true, AREA_NOT_SAVED);
        }
    }

    /// Re-base the area's figures on the latest year of actual results. The plan shown is
    /// taken to have produced the results along with everything else, so its projection,
    /// not the baseline, passes through them.
    fn revise(self) -> State {
        let mut current = self;
        let Some(year) = latest_actual_year(&current.board.actuals) else {
            current.page.notices.push(
                true,
                "Enter at least one actual result before re-basing the projection.",
            );
            return current;
        };
        let rebased = match Plan::resolve(
            &current.displayed_settings(),
            current.model.catalogue(),
            current.model.area(),
        ) {
            Ok(plan) => rebase_under_plan(&current.model, &plan, &current.board.actuals, year),
            Err(_) => rebase(current.model.area(), &current.board.actuals, year),
        };
        match rebased {
            Ok(area) => {
                let name = area.name.clone();
                let mut next = current.with_area(area, true);
                next.page.notices.push(
                    false,
                    format!("The projection for {name} is now re-based on your {year} results: the plan's projection passes through them (its programmes are taken to have helped produce them), and the figures they replaced are listed under Area data. “Restore the published figures” undoes it."),
                );
                next
            }
            Err(e) => {
                current
                    .page
                    .notices
                    .push(true, format!("The projection was not re-based: {e}"));
                current
            }
        }
    }
}

/// Yew's store interface over [`State::apply`]: an action that changes nothing keeps the
/// same `Rc`, so nothing re-renders.
#[cfg(target_arch = "wasm32")]
impl yew::Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = (*self).clone().apply(action);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}
