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
use crate::model::area_index::AreaIndex;
use crate::model::plan::started_within;
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
    /// The area file being fetched, if any: the page keeps the current area on screen
    /// until it arrives (`hooks::use_area_fetch` fetches it).
    pub wanted: Option<AreaRequest>,
    /// Counts area requests, so that a slow answer for an area no longer wanted is dropped.
    pub requests: u64,
    /// Why the projection starts from the year it does, for the line under the picker.
    pub as_of_reason: AsOfReason,
}

/// Why an area's projection starts from its base year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AsOfReason {
    /// The year the area's file opens as of: its latest published results.
    #[default]
    FileDefault,
    /// The year the link names (`as_of=`).
    Link,
    /// A link made before as-of years (`v=` without `as_of`): the year every projection
    /// then started.
    OldLink,
    /// Chosen under the picker.
    Chosen,
}

/// An area file asked for, and what to do once it arrives.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaRequest {
    pub id: String,
    /// The name to say while it loads (from the area index).
    pub name: String,
    /// The year the projection should start from; `None` for the file's default.
    pub as_of: Option<i32>,
    pub then: AfterLoad,
    /// Which request this is (see [`AreaState::requests`]).
    pub serial: u64,
}

/// What an area file was fetched for.
#[derive(Debug, Clone, PartialEq)]
pub enum AfterLoad {
    /// Show the area (chosen in the picker).
    Show,
    /// Open a scenario made for it.
    OpenScenario(Box<Scenario>),
    /// Put back its published figures after a re-basing or an edit.
    Restore,
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
    /// Fetch a shipped area's file (by its index id), then act on it; the current area
    /// stays on screen meanwhile.
    WantArea {
        id: String,
        as_of: Option<i32>,
        then: AfterLoad,
    },
    /// The file asked for by request `serial` arrived and was read.
    AreaArrived {
        serial: u64,
        area: Box<Area>,
    },
    /// The file asked for by request `serial` could not be fetched or read.
    AreaFailed {
        serial: u64,
        problem: String,
    },
    /// Start the current area's projection from another of its as-of years.
    SetAsOf(i32),
    /// Allow (or not) for the FSM definition change from 2027: the catalogue's
    /// composition shift on the area's baseline (docs/MODEL.md §2a).
    SetFsmBreak(bool),
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
    /// series, the other as-of years and the neighbours, which are large (most of a
    /// shipped file) and never used by the model.
    pub fn worker_area_json(area: &Area) -> String {
        let model_inputs = Area {
            observed: Vec::new(),
            as_of: Vec::new(),
            neighbours: None,
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
                wanted: None,
                requests: 0,
                as_of_reason: AsOfReason::FileDefault,
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
            Action::WantArea { id, as_of, then } => self.want_area(id, as_of, then),
            Action::AreaArrived { serial, area } => return self.area_arrived(serial, *area),
            Action::AreaFailed { serial, problem } => self.area_failed(serial, &problem),
            Action::SetAsOf(year) => return self.set_as_of(year),
            Action::SetFsmBreak(on) => return self.set_fsm_break(on),
        }
        self
    }

    /// Asks for a shipped area's file; an id the index does not know is said, not fetched.
    fn want_area(&mut self, id: String, as_of: Option<i32>, then: AfterLoad) {
        let index = AreaIndex::shipped();
        let Some(entry) = index.get(&id) else {
            self.page.notices.push(
                true,
                format!(
                    "“{}” is not an area this version of Pathways ships, so {} is still shown.",
                    echo(&id.chars().take(40).collect::<String>()),
                    self.model.area().name
                ),
            );
            return;
        };
        self.area.requests += 1;
        self.area.wanted = Some(AreaRequest {
            id,
            name: entry.name.clone(),
            as_of,
            then,
            serial: self.area.requests,
        });
    }

    /// The area asked for has arrived: shown at the year asked for (or its own default),
    /// then opened with its scenario or restored, as asked. An answer to an older request
    /// changes nothing.
    fn area_arrived(mut self, serial: u64, area: Area) -> State {
        let Some(request) = self.area.wanted.take_if(|r| r.serial == serial) else {
            return self;
        };
        let reason = if request.as_of.is_some() {
            AsOfReason::Chosen
        } else {
            AsOfReason::FileDefault
        };
        let area = match request.as_of.map(|year| area.as_of_year(year)) {
            Some(Ok(at)) => at,
            Some(Err(problem)) => {
                self.page.notices.push(
                    true,
                    format!("{problem}, so it starts from {}.", area.base_year),
                );
                area
            }
            None => area,
        };
        let mut next = match request.then {
            AfterLoad::Show => self.with_area(area, false),
            AfterLoad::Restore => {
                let name = area.name.clone();
                let mut next = self.with_area(area, false);
                next.page
                    .notices
                    .push(false, format!("{name}'s published figures are back."));
                next
            }
            AfterLoad::OpenScenario(scenario) => {
                let notice = format!(
                    "{} was made for {}, so that area is now shown.",
                    scenario_label(&scenario),
                    area.name
                );
                // The old levers are replaced: none is checked or reported against the
                // new area.
                self.plan.settings = LeverSettings::new();
                let mut next = self.with_area(area, false).load_scenario(*scenario);
                next.page.notices.push(false, notice);
                next
            }
        };
        next.area.as_of_reason = reason;
        next
    }

    fn area_failed(&mut self, serial: u64, problem: &str) {
        let Some(request) = self.area.wanted.take_if(|r| r.serial == serial) else {
            return;
        };
        self.page.notices.push(
            true,
            format!(
                "{} could not be loaded ({problem}), so {} is still shown. Check the connection and choose it again.",
                request.name,
                self.model.area().name
            ),
        );
    }

    /// The current area from another as-of year: its figures, years and lever checks
    /// follow, as on any change of area.
    /// The same area with the FSM definition change allowed for, or not: its figures are
    /// the same published ones, so it stays as it was (published or entered, and why it
    /// starts when it does).
    fn set_fsm_break(self, on: bool) -> State {
        let mut area = self.model.area().clone();
        if area.fsm_definition_break.is_some() == on {
            return self;
        }
        area.fsm_definition_break = on.then(|| self.model.catalogue().fsm_definition_break.clone());
        let (user_entered, reason, year) = (
            self.area.user_entered,
            self.area.as_of_reason,
            self.view.target_year,
        );
        let mut next = self.with_area(area, user_entered);
        next.area.as_of_reason = reason;
        next.view.target_year = year;
        next
    }

    fn set_as_of(self, year: i32) -> State {
        let area = self.model.area();
        if year == area.base_year {
            return self;
        }
        if self.area.user_entered {
            let mut same = self;
            same.page.notices.push(
                true,
                "The start year was not changed: the area's figures were entered or edited here, and another year's published figures would replace them. Export the area file to keep them, then choose the area again to start from another year.",
            );
            return same;
        }
        match area.as_of_year(year) {
            Ok(at) => {
                let mut next = self.with_area(at, false);
                next.area.as_of_reason = AsOfReason::Chosen;
                next
            }
            Err(problem) => {
                let mut same = self;
                same.page.notices.push(true, problem);
                same
            }
        }
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
                // A preset written for 2017 starts its programmes as soon as this
                // projection can.
                .map(|p| started_within(&p.scenario.levers, self.model.area()).0)
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
            fsm_break: Some(self.model.area().fsm_definition_break.is_some()),
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
        // A file still on its way is no longer wanted: this area replaces it.
        next.area.requests = self.area.requests;
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
    /// when it names one): its file is fetched, and the scenario opens when it arrives.
    /// Scenarios that name no area keep the current one.
    fn load_scenario(mut self, scenario: Scenario) -> State {
        if let Some(id) = scenario
            .area
            .as_deref()
            .filter(|id| *id != self.model.area().id)
        {
            if AreaIndex::shipped().get(id).is_some() {
                let id = id.to_owned();
                self.want_area(id, None, AfterLoad::OpenScenario(Box::new(scenario)));
                return self;
            }
            let notice = format!(
                "{} was made for an area this version of Pathways does not ship (“{}”), so it is shown with {}'s figures.",
                scenario_label(&scenario),
                id.chars().take(40).collect::<String>(),
                self.model.area().name
            );
            self.page.notices.push(true, notice);
        }
        let mut next = self;
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
        // The FSM definition change as the scenario was saved with it; a file that does
        // not say (older files, presets) leaves the page's choice.
        if let Some(on) = clean.fsm_break {
            if on != next.model.area().fsm_definition_break.is_some() {
                next = next.set_fsm_break(on);
            }
        }
        let name = echo(&next.plan.name);
        for problem in problems {
            next.page
                .notices
                .push(true, format!("Scenario “{name}”: {problem}"));
        }
        next
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

/// "“Early years first”", or "This scenario" for one without a name.
fn scenario_label(scenario: &Scenario) -> String {
    match scenario.name.trim() {
        "" => "This scenario".to_owned(),
        name => format!("“{}”", echo(name)),
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
