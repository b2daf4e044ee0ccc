//! The app's one store: what the user has chosen, their saved scenarios, and the latest
//! uncertainty bands. Every change goes through [`Action`]; [`State::apply`] is the only
//! writer. It is plain Rust, tested natively (tests/reducer.rs); on wasm a short
//! `yew::Reducible` wraps it. Side effects (storage, URL, worker) live in hooks that watch
//! this state.

use std::rc::Rc;

use crate::app::jobs::{
    Analysis, AnalysisKey, FrontierAnswer, FrontierJob, SensitivityAnswer, SensitivityJob,
};
use crate::model::plan::MAX_RAMP_YEARS;
use crate::model::Stage;
use crate::model::{Area, Group, LeverCatalogue, LeverSetting, LeverSettings, Model, Plan};
use crate::scenario::library::{unique_name, Presets, MAX_SAVED};
use crate::scenario::link::EmbedView;
use crate::scenario::monitoring::{latest_actual_year, rebase, rebase_under_plan};
use crate::scenario::outcome::{Outcome, HEADLINES};
use crate::scenario::target::{validate_actuals, year_outside, Actual, Target, MAX_ACTUALS};
use crate::scenario::{echo, without_hidden, Scenario, MAX_NAME_CHARS};

/// Monte Carlo draws per band computation, and the fixed seed that makes bands
/// reproducible (the CLI gives the same bands with `--draws 1000 --seed 2017`).
pub const DRAWS: u32 = 1000;
pub const SEED: u64 = 2017;

/// Default annual budget: the Hastings OA's "up to £6m over 3 years" (Hastings OA site).
pub const DEFAULT_BUDGET_GBP_PER_YEAR: f64 = 2_000_000.0;

/// Said on Save and Export when the area's figures were imported or edited: a scenario
/// carries the area's name, not its figures.
pub const AREA_NOT_SAVED: &str = "The area figures you entered are not saved with the scenario: use “Export area file” under Area data to keep them, and import that file to use them again.";

/// The name of a scenario nobody has named yet.
pub const DEFAULT_NAME: &str = "My scenario";

/// Most scenarios shown together in compare mode (besides the current one).
pub const MAX_COMPARED: usize = 3;

/// The most messages kept on the page: older ones have been seen.
pub const MAX_NOTICES: usize = 6;

/// A listed scenario's identity on this page: it survives renames and is never reused,
/// so actions and the compare list never confuse two scenarios that shared a name.
/// Presets take the first ids, in their order; saved scenarios the ones after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScenarioId(pub u64);

impl ScenarioId {
    /// The id of the preset at `index` in the presets' order.
    pub fn preset(index: usize) -> ScenarioId {
        ScenarioId(index as u64)
    }
}

/// A scenario in the library (a preset or a saved one) or the compare list, with its id.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub id: ScenarioId,
    pub scenario: Scenario,
}

/// A message shown to the user, e.g. about a link or file that could not be read fully.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub error: bool,
    pub text: String,
}

/// What the page shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Normal,
    /// Full-screen story: step `step` of the presets' story.
    Present {
        step: usize,
    },
    /// Minimal chrome for an iframe, showing one view.
    Embed {
        view: EmbedView,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub model: Rc<Model>,
    /// The area file as JSON, sent to the Monte Carlo worker.
    pub area_json: Rc<str>,
    /// True when the area data were imported or edited by the user.
    pub area_user_entered: bool,
    pub presets: Rc<Presets>,
    pub scenario_name: String,
    pub settings: LeverSettings,
    /// The year the headline cards describe.
    pub target_year: i32,
    pub show_non_fsm: bool,
    pub budget_gbp_per_year: f64,
    /// Reception year of the cohort followed in the flow diagram.
    pub flow_cohort: i32,
    pub flow_group: Group,
    /// The latest analysis from the worker (bands, target chances, contributions), with
    /// the settings, targets and year it was computed for.
    pub analysis: Option<Rc<Analysis>>,
    /// Counts area changes; band answers computed for an earlier area are ignored.
    pub area_generation: u64,
    pub bands_error: Option<String>,
    pub worker_ms: Option<f64>,
    /// The board's success measures: at most one target per headline outcome.
    pub targets: Vec<Target>,
    /// Results the user entered for monitoring, by outcome and year.
    pub actuals: Vec<Actual>,
    /// True once the results stored in this browser have been read, so nothing writes
    /// over them first.
    pub actuals_loaded: bool,
    /// The "best plan for £X" search: the job asked for and its answer.
    pub frontier: FrontierState,
    /// The tornado of the sensitivity section, computed by the worker while it is open.
    pub sensitivity: SensitivityState,
    /// Saved scenarios; `None` until storage has been read, so nothing overwrites it first.
    /// Shared, so that copying the state for an action copies a pointer, and views can
    /// tell by the pointer whether the list changed.
    pub saved: Option<Rc<Vec<Listed>>>,
    /// Other scenarios drawn on the charts beside the current one (as they were when
    /// ticked, checked against the area), by the id of their library entry.
    pub compare: Rc<Vec<Listed>>,
    /// The id the next saved scenario gets.
    pub next_id: u64,
    pub notices: Vec<Notice>,
    pub mode: Mode,
    /// Counts Save presses, so the storage hook can confirm each save once it is written.
    pub save_count: u64,
    /// Whether the saved list may be written to this browser's storage.
    pub library_storage: LibraryStorage,
    /// True while the board paper is laid out for printing.
    pub print_paper: bool,
}

/// Whether saved scenarios can be written to this browser's storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LibraryStorage {
    /// Not read yet: nothing may be written over it.
    Loading,
    Writable,
    /// Storage is blocked or cannot be read: nothing can be saved in this browser.
    Blocked,
    /// Read, but part of it could not be kept nor backed up: what was read is listed,
    /// and nothing is written over the stored copy.
    ReadOnly,
}

pub enum Action {
    SetReach(String, f64),
    SetStartYear(String, i32),
    SetRampYears(String, u32),
    ResetLever(String),
    ResetAll,
    SetTargetYear(i32),
    ShowNonFsm(bool),
    SetBudget(f64),
    SetFlowCohort(i32),
    SetFlowGroup(Group),
    AnalysisReady {
        area_generation: u64,
        analysis: Rc<Analysis>,
        elapsed_ms: f64,
    },
    /// The worker could not give the analysis for the area of this generation.
    BandsFailed {
        area_generation: u64,
        message: String,
    },
    /// Replace the current settings with a (sanitized) scenario.
    LoadScenario(Scenario),
    SetScenarioName(String),
    /// Save the current settings under the current name (replacing a same-named one).
    SaveCurrent,
    RenameSaved {
        id: ScenarioId,
        to: String,
    },
    DuplicateSaved(ScenarioId),
    DeleteSaved(ScenarioId),
    /// Saved scenarios read from storage, which may be written from now on.
    LibraryLoaded(Vec<Scenario>),
    /// Saved scenarios read from storage that must not be written over.
    LibraryReadOnly(Vec<Scenario>),
    /// This browser's storage cannot be used.
    LibraryBlocked,
    /// Draw a preset or saved scenario beside the current one, or stop drawing it.
    ToggleCompare(ScenarioId),
    Notify(Notice),
    DismissNotice(usize),
    /// Switch to another (validated) area; settings that no longer fit are dropped.
    SetArea {
        area: Box<Area>,
        user_entered: bool,
    },
    Present(Option<usize>),
    /// Give an outcome a target (replacing its old one).
    SetTarget(Target),
    ClearTarget(Outcome),
    /// Record an actual result (replacing one for the same outcome and year).
    SetActual(Actual),
    ClearActual {
        outcome: Outcome,
        year: i32,
    },
    /// Re-base the area's figures on the latest year of actual results.
    Revise,
    /// Search for the best plans for an outcome and year (the worker answers).
    RequestFrontier(FrontierJob),
    FrontierReady {
        area_generation: u64,
        answer: Rc<FrontierAnswer>,
        elapsed_ms: f64,
    },
    FrontierFailed {
        area_generation: u64,
        message: String,
    },
    /// Work out the tornado for these settings, outcome and year (the worker answers).
    RequestSensitivity(SensitivityJob),
    SensitivityReady {
        area_generation: u64,
        answer: Rc<SensitivityAnswer>,
        elapsed_ms: f64,
    },
    SensitivityFailed {
        area_generation: u64,
        message: String,
    },
    /// Lay out the board paper and print it (true), or put it away after printing.
    PrintPaper(bool),
    /// The results stored in this browser, read at start (valid ones only).
    ActualsLoaded(Vec<Actual>),
}

/// A job handed to the worker on request: what was asked, and what came back.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkerTask<J, A> {
    /// The job waiting for the worker, or being run by it.
    pub pending: Option<J>,
    pub answer: Option<Rc<A>>,
    pub error: Option<String>,
    pub elapsed_ms: Option<f64>,
    /// Counts requests, so the worker hook sends each once.
    pub requests: u64,
}

impl<J, A> Default for WorkerTask<J, A> {
    fn default() -> Self {
        WorkerTask {
            pending: None,
            answer: None,
            error: None,
            elapsed_ms: None,
            requests: 0,
        }
    }
}

impl<J, A> WorkerTask<J, A> {
    fn request(&mut self, job: J) {
        self.pending = Some(job);
        self.error = None;
        self.requests += 1;
    }

    fn answered(&mut self, answer: Rc<A>, elapsed_ms: f64) {
        self.pending = None;
        self.answer = Some(answer);
        self.error = None;
        self.elapsed_ms = Some(elapsed_ms);
    }

    fn failed(&mut self, message: String) {
        self.pending = None;
        self.error = Some(message);
    }
}

/// The optimiser's search.
pub type FrontierState = WorkerTask<FrontierJob, FrontierAnswer>;
/// The sensitivity section's tornado.
pub type SensitivityState = WorkerTask<SensitivityJob, SensitivityAnswer>;

impl Action {
    /// A message for the page.
    pub fn notice(error: bool, text: impl Into<String>) -> Action {
        Action::Notify(Notice {
            error,
            text: text.into(),
        })
    }
}

impl State {
    /// The headline year offered first: far enough out for early-years levers to show at KS2.
    pub fn default_target_year(area: &Area) -> i32 {
        (area.base_year + 13).min(area.horizon_end_year)
    }

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
        let area_json: Rc<str> = State::worker_area_json(&area).into();
        let target_year = State::default_target_year(&area);
        let flow_cohort =
            (area.base_year + 1).min(area.horizon_end_year - Stage::Post19.lag_years());
        let presets = Presets::standard();
        let next_id = presets.presets.len() as u64;
        State {
            model: Rc::new(Model::new(area, LeverCatalogue::standard())),
            area_json,
            area_user_entered: false,
            presets: Rc::new(presets),
            scenario_name: DEFAULT_NAME.to_owned(),
            settings: LeverSettings::new(),
            target_year,
            show_non_fsm: false,
            budget_gbp_per_year: DEFAULT_BUDGET_GBP_PER_YEAR,
            flow_cohort,
            flow_group: Group::Fsm,
            analysis: None,
            bands_error: None,
            worker_ms: None,
            targets: Vec::new(),
            actuals: Vec::new(),
            actuals_loaded: false,
            frontier: FrontierState::default(),
            sensitivity: SensitivityState::default(),
            saved: None,
            compare: Rc::new(Vec::new()),
            next_id,
            notices: Vec::new(),
            mode: Mode::Normal,
            save_count: 0,
            library_storage: LibraryStorage::Loading,
            area_generation: 0,
            print_paper: false,
        }
    }

    /// The settings every view shows: the story's preset while presenting, else the user's.
    pub fn displayed_settings(&self) -> LeverSettings {
        match self.mode {
            Mode::Present { step } => self
                .presets
                .story
                .get(step)
                .and_then(|s| self.presets.get(&s.preset))
                .map(|p| p.scenario.levers.clone())
                .unwrap_or_default(),
            _ => self.settings.clone(),
        }
    }

    /// The story's steps shown in the current area, by index: a step whose preset names
    /// another area (its story is that area's) is left out.
    pub fn story_steps(&self) -> Vec<usize> {
        let area = &self.model.area().id;
        self.presets
            .story
            .iter()
            .enumerate()
            .filter(|(_, step)| {
                self.presets
                    .get(&step.preset)
                    .and_then(|p| p.scenario.area.as_ref())
                    .is_none_or(|id| id == area)
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The setting for a lever: the user's, or the catalogue default at zero reach.
    pub fn setting(&self, lever_id: &str) -> LeverSetting {
        self.settings.get(lever_id).copied().unwrap_or_else(|| {
            let area = self.model.area();
            self.model.catalogue().get(lever_id).map_or(
                LeverSetting {
                    reach_share: 0.0,
                    start_year: area.base_year,
                    ramp_years: 0,
                },
                |lever| lever.default_setting(area),
            )
        })
    }

    /// The current scenario as it would be saved or exported, with the area it was made for.
    pub fn current_scenario(&self) -> Scenario {
        Scenario {
            name: self.scenario_name.clone(),
            levers: self
                .settings
                .iter()
                .filter(|(_, s)| s.reach_share > 0.0)
                .map(|(id, s)| (id.clone(), *s))
                .collect(),
            area: Some(self.model.area().id.clone()),
            // Not the baseline's description ("No new interventions"): the page keeps none.
            description: String::new(),
            targets: self.targets.clone(),
            actuals: self.actuals.clone(),
            ..Scenario::baseline()
        }
    }

    /// This state with another area: what the user chose for the page (name, budget,
    /// saved scenarios, messages) is kept, and lever settings that no longer fit the
    /// area's years are dropped with a message.
    fn with_area(self, area: Area, user_entered: bool) -> State {
        let mut next = State::new(area);
        next.area_generation = self.area_generation + 1;
        next.area_user_entered = user_entered;
        next.saved = self.saved;
        next.next_id = self.next_id;
        next.scenario_name = self.scenario_name;
        next.notices = self.notices;
        next.budget_gbp_per_year = self.budget_gbp_per_year;
        next.show_non_fsm = self.show_non_fsm;
        next.actuals = self.actuals;
        next.actuals_loaded = self.actuals_loaded;
        next.save_count = self.save_count;
        next.library_storage = self.library_storage;
        // The board's targets are its own, whichever figures it looks at; like the levers,
        // they are checked against the new area, so one for a year it does not project is
        // dropped and said.
        let (clean, problems) = Scenario {
            levers: self.settings,
            targets: self.targets,
            ..Scenario::baseline()
        }
        .sanitized(&next.model);
        next.settings = clean.levers;
        next.targets = clean.targets;
        for problem in problems {
            next = next.notify(true, format!("With the new area data, {problem}"));
        }
        // Compared scenarios stay, checked against the new area as they were against the old.
        let mut compare = Vec::with_capacity(self.compare.len());
        for listed in self.compare.iter() {
            let (clean, problems) = listed.scenario.sanitized(&next.model);
            for problem in problems {
                next = next.notify(
                    true,
                    format!(
                        "Compared scenario “{}”: with the new area data, {problem}",
                        clean.name
                    ),
                );
            }
            compare.push(Listed {
                id: listed.id,
                scenario: clean,
            });
        }
        next.compare = Rc::new(compare);
        // A presentation goes on at the nearest step this area's story shows.
        match self.mode {
            Mode::Present { step } => next.present_at(step),
            mode => State { mode, ..next },
        }
    }

    /// What the worker's analysis should be computed for now.
    pub fn analysis_key(&self) -> AnalysisKey {
        AnalysisKey {
            settings: self.displayed_settings(),
            targets: self.targets.clone(),
            year: self.target_year,
        }
    }

    /// True when the bands shown were computed for the settings on screen.
    pub fn bands_current(&self) -> bool {
        self.analysis
            .as_ref()
            .is_some_and(|a| a.key.settings == self.displayed_settings())
    }

    /// True when the analysis shown is for exactly what is on screen: settings, targets
    /// and headline year (its chances and contributions are then current too).
    pub fn analysis_current(&self) -> bool {
        self.analysis
            .as_ref()
            .is_some_and(|a| a.key == self.analysis_key())
    }

    /// This state with one lever's setting changed; an id the catalogue does not know
    /// changes nothing, so every setting kept resolves against the area.
    fn with_setting(mut self, lever_id: String, change: impl FnOnce(&mut LeverSetting)) -> State {
        if self.model.catalogue().get(&lever_id).is_none() {
            return self;
        }
        let mut setting = self.setting(&lever_id);
        change(&mut setting);
        self.settings.insert(lever_id, setting);
        self
    }

    /// This state with `update` applied, unless the worker's answer (or failure) it
    /// carries was for the area of another generation: one the page has since left says
    /// nothing about this one.
    fn if_this_area(mut self, area_generation: u64, update: impl FnOnce(&mut State)) -> State {
        if area_generation == self.area_generation {
            update(&mut self);
        }
        self
    }

    fn notify(mut self, error: bool, text: impl Into<String>) -> State {
        self.notices.push(Notice {
            error,
            text: text.into(),
        });
        let excess = self.notices.len().saturating_sub(MAX_NOTICES);
        self.notices.drain(..excess);
        self
    }

    /// The presets, with their ids (the first ids, in order).
    pub fn presets_listed(&self) -> impl Iterator<Item = (ScenarioId, &Scenario)> {
        (0..)
            .map(ScenarioId::preset)
            .zip(self.presets.presets.iter().map(|p| &p.scenario))
    }

    /// The preset or saved scenario with this id.
    pub fn listed(&self, id: ScenarioId) -> Option<&Scenario> {
        self.presets_listed()
            .find(|(i, _)| *i == id)
            .map(|(_, s)| s)
            .or_else(|| {
                self.saved
                    .iter()
                    .flat_map(|saved| saved.iter())
                    .find(|l| l.id == id)
                    .map(|l| &l.scenario)
            })
    }

    /// Whether a listed scenario is drawn beside the current one.
    pub fn is_compared(&self, id: ScenarioId) -> bool {
        self.compare.iter().any(|l| l.id == id)
    }

    /// Every scenario name in use, presets and saved, except `except`'s, for picking
    /// unique names.
    fn reserved_names(&self, except: Option<ScenarioId>) -> Vec<Scenario> {
        let saved = self.saved.iter().flat_map(|saved| saved.iter());
        self.presets
            .presets
            .iter()
            .map(|p| p.scenario.clone())
            .chain(
                saved
                    .filter(|l| Some(l.id) != except)
                    .map(|l| l.scenario.clone()),
            )
            .collect()
    }

    /// A fresh id for a saved scenario.
    fn take_id(&mut self) -> ScenarioId {
        let id = ScenarioId(self.next_id);
        self.next_id += 1;
        id
    }

    /// `name`, or the first free `name (2)`, `name (3)`, … among `taken`, shortened so
    /// the result still fits [`MAX_NAME_CHARS`] (a longer one would be cut on reading back
    /// and could then repeat another's name).
    fn free_name(name: &str, taken: &[Scenario]) -> String {
        let chars: Vec<char> = name.chars().collect();
        (0..=chars.len().min(MAX_NAME_CHARS))
            .rev()
            .map(|keep| unique_name(&chars[..keep].iter().collect::<String>(), taken))
            .find(|candidate| candidate.chars().count() <= MAX_NAME_CHARS)
            .unwrap_or_default()
    }

    /// Why the saved list cannot change now, if it cannot: it is still being read, or this
    /// browser's storage cannot be written.
    fn saved_locked(&self) -> Option<&'static str> {
        match self.library_storage {
            LibraryStorage::Writable => None,
            LibraryStorage::Loading => {
                Some("Saved scenarios are still loading; try again in a moment.")
            }
            LibraryStorage::Blocked => Some("Nothing can be saved in this browser: its storage is blocked or cannot be read. Use Export to keep this scenario as a file."),
            LibraryStorage::ReadOnly => Some("The saved scenarios in this browser are not changed: some of them could not be read nor backed up, and writing would destroy them. Use Export to keep this scenario as a file; the saved ones can still be opened."),
        }
    }

    /// `change` applied to the saved list, or, while the list cannot change, the reason.
    fn unless_saved_locked(self, change: impl FnOnce(State) -> State) -> State {
        match self.saved_locked() {
            Some(why) => self.notify(true, why),
            None => change(self),
        }
    }

    /// The message when the saved list has no room for one more scenario.
    fn library_full(&self, name: &str, verb: &str) -> Option<String> {
        let count = self.saved.as_ref().map_or(0, |saved| saved.len());
        (count >= MAX_SAVED).then(|| format!(
            "“{}” was not {verb}: the list already holds {MAX_SAVED} saved scenarios, the most Pathways keeps in it. Delete one you no longer need (export it first to keep a copy), then try again.",
            echo(name)
        ))
    }

    /// Save: the current settings under the current name, replacing a saved scenario of
    /// that name; refused, and said, while the list cannot change or has no room.
    fn save_current(self) -> State {
        let mut scenario = self.current_scenario();
        // Saved names never repeat a preset's, so the list never shows two
        // scenarios under one name; a preset saved after edits becomes "Name (2)".
        if self.presets.get_by_name(&scenario.name).is_some() {
            scenario.name = State::free_name(&scenario.name, &self.reserved_names(None));
        }
        let replaces = self
            .saved
            .iter()
            .flat_map(|saved| saved.iter())
            .any(|l| l.scenario.name == scenario.name);
        if !replaces {
            if let Some(full) = self.library_full(&scenario.name, "saved") {
                return self.notify(true, full);
            }
        }
        let saved_name = scenario.name.clone();
        let mut next = self.with_saved(|saved, next_id| {
            match saved.iter_mut().find(|l| l.scenario.name == scenario.name) {
                Some(existing) => existing.scenario = scenario,
                None => {
                    saved.push(Listed {
                        id: ScenarioId(*next_id),
                        scenario,
                    });
                    *next_id += 1;
                }
            }
        });
        // The storage hook confirms the save once it is really written.
        next.save_count += 1;
        next.scenario_name = saved_name;
        if next.area_user_entered {
            next = next.notify(true, AREA_NOT_SAVED);
        }
        next
    }

    fn rename_saved(self, id: ScenarioId, to: String) -> State {
        let (to, _) = without_hidden(&to, false);
        let to: String = to.trim().chars().take(MAX_NAME_CHARS).collect();
        if to.is_empty() {
            return self.notify(true, "A scenario needs a name; the name is unchanged.");
        }
        let unique = State::free_name(&to, &self.reserved_names(Some(id)));
        self.with_saved(|saved, _| {
            if let Some(l) = saved.iter_mut().find(|l| l.id == id) {
                l.scenario.name = unique;
            }
        })
    }

    /// A copy of a saved scenario under a free name, when the list has room.
    fn duplicate_saved(self, id: ScenarioId) -> State {
        let original = self
            .saved
            .iter()
            .flat_map(|saved| saved.iter())
            .find(|l| l.id == id)
            .map(|l| l.scenario.clone());
        let Some(original) = original else {
            return self;
        };
        if let Some(full) = self.library_full(&original.name, "duplicated") {
            return self.notify(true, full);
        }
        let name = State::free_name(
            &format!("{} copy", original.name),
            &self.reserved_names(None),
        );
        self.with_saved(|saved, next_id| {
            saved.push(Listed {
                id: ScenarioId(*next_id),
                scenario: Scenario { name, ..original },
            });
            *next_id += 1;
        })
    }

    fn delete_saved(self, id: ScenarioId) -> State {
        self.with_saved(|saved, _| saved.retain(|l| l.id != id))
    }

    /// This state with the library read from storage (names made unique) and what may be
    /// done with it.
    fn with_library(self, scenarios: Vec<Scenario>, storage: LibraryStorage) -> State {
        // Names tell saved scenarios apart in the list: one stored twice (or under a
        // preset's name, e.g. by another version) is read under a free name.
        let mut taken: Vec<Scenario> = self
            .presets
            .presets
            .iter()
            .map(|p| p.scenario.clone())
            .collect();
        let mut next = self;
        // The storage hook reads at most MAX_SAVED and keeps the rest stored as they are.
        let mut saved = Vec::with_capacity(scenarios.len().min(MAX_SAVED));
        for mut scenario in scenarios.into_iter().take(MAX_SAVED) {
            scenario.name = State::free_name(&scenario.name, &taken);
            taken.push(scenario.clone());
            saved.push(Listed {
                id: next.take_id(),
                scenario,
            });
        }
        next.saved = Some(Rc::new(saved));
        next.library_storage = storage;
        next
    }

    /// This state with the saved list changed (a no-op before storage has been read). A
    /// compared saved scenario follows its entry: renamed or replaced with it, dropped
    /// with it.
    fn with_saved(self, change: impl FnOnce(&mut Vec<Listed>, &mut u64)) -> State {
        let mut next = self;
        let Some(saved) = next.saved.as_mut() else {
            return next;
        };
        let list = Rc::make_mut(saved);
        change(list, &mut next.next_id);
        let presets = next.presets.presets.len() as u64;
        let compare: Vec<Listed> = next
            .compare
            .iter()
            .filter_map(|c| {
                if c.id.0 < presets {
                    return Some(c.clone());
                }
                let entry = list.iter().find(|l| l.id == c.id)?;
                Some(Listed {
                    id: c.id,
                    scenario: entry.scenario.sanitized(&next.model).0,
                })
            })
            .collect();
        if compare != *next.compare {
            next.compare = Rc::new(compare);
        }
        next
    }
}

impl State {
    /// The reducer: this state after `action`. Plain Rust, so it is tested natively.
    pub fn apply(self, action: Action) -> State {
        let area_years = self.model.area().years();
        let current = self;
        match action {
            Action::SetReach(id, reach) => {
                if !reach.is_finite() {
                    return current;
                }
                current.with_setting(id, |s| s.reach_share = reach.clamp(0.0, 1.0))
            }
            Action::SetStartYear(id, year) => {
                let year = year.clamp(*area_years.start(), *area_years.end());
                current.with_setting(id, |s| s.start_year = year)
            }
            Action::SetRampYears(id, years) => {
                current.with_setting(id, |s| s.ramp_years = years.min(MAX_RAMP_YEARS))
            }
            Action::ResetLever(id) => {
                let mut next = current;
                next.settings.remove(&id);
                next
            }
            Action::ResetAll => State {
                settings: LeverSettings::new(),
                ..current
            },
            Action::SetTargetYear(year) => State {
                target_year: year.clamp(*area_years.start(), *area_years.end()),
                ..current
            },
            Action::ShowNonFsm(show) => State {
                show_non_fsm: show,
                ..current
            },
            Action::SetBudget(budget) => {
                if !budget.is_finite() || budget < 0.0 {
                    return current;
                }
                State {
                    budget_gbp_per_year: budget,
                    ..current
                }
            }
            Action::SetFlowCohort(year) => State {
                // Only cohorts whose whole path to age 20 lies inside the projection.
                flow_cohort: year.clamp(
                    *area_years.start(),
                    (*area_years.end() - 15).max(*area_years.start()),
                ),
                ..current
            },
            Action::SetFlowGroup(group) => State {
                flow_group: group,
                ..current
            },
            Action::AnalysisReady {
                area_generation,
                analysis,
                elapsed_ms,
            } => current.if_this_area(area_generation, |s| {
                s.analysis = Some(analysis);
                s.bands_error = None;
                s.worker_ms = Some(elapsed_ms);
            }),
            Action::BandsFailed {
                area_generation,
                message,
            } => current.if_this_area(area_generation, |s| s.bands_error = Some(message)),
            Action::LoadScenario(scenario) => {
                // A scenario made for another shipped area opens in that area first, so
                // its levers are checked against, and shown with, the figures it was made
                // with (a preset too, when it names one). Scenarios that name no area keep
                // the current one.
                let mut base = current;
                let mut area_notice = None;
                if let Some(id) = scenario
                    .area
                    .as_deref()
                    .filter(|id| *id != base.model.area().id)
                {
                    let name = match scenario.name.trim() {
                        "" => "This scenario".to_owned(),
                        name => format!("“{}”", echo(name)),
                    };
                    match Area::shipped_by_id(id) {
                        Some(area) => {
                            area_notice = Some((
                                false,
                                format!(
                                    "{name} was made for {}, so that area is now shown.",
                                    area.name
                                ),
                            ));
                            // The old levers are replaced below: none is checked or
                            // reported against the new area.
                            base = State {
                                settings: LeverSettings::new(),
                                ..base
                            }
                            .with_area(area, false);
                        }
                        None => {
                            area_notice = Some((
                                true,
                                format!(
                                    "{name} was made for an area this version of Pathways does not ship (“{}”), so it is shown with {}'s figures.",
                                    id.chars().take(40).collect::<String>(),
                                    base.model.area().name
                                ),
                            ));
                        }
                    }
                }
                let (clean, problems) = scenario.sanitized(&base.model);
                // A scenario with targets or results of its own brings them; a lever plan
                // alone (every preset) keeps the board's.
                let targets = if clean.targets.is_empty() {
                    base.targets.clone()
                } else {
                    clean.targets
                };
                let actuals = if clean.actuals.is_empty() {
                    base.actuals.clone()
                } else {
                    clean.actuals
                };
                let mut next = State {
                    settings: clean.levers,
                    scenario_name: clean.name,
                    targets,
                    actuals,
                    ..base
                };
                if let Some((error, text)) = area_notice {
                    next = next.notify(error, text);
                }
                let name = echo(&next.scenario_name);
                for problem in problems {
                    next = next.notify(true, format!("Scenario “{name}”: {problem}"));
                }
                next
            }
            Action::SetScenarioName(name) => State {
                // Typed or pasted: control and text-direction characters are dropped, as
                // the name field then shows.
                scenario_name: without_hidden(&name, false)
                    .0
                    .chars()
                    .take(MAX_NAME_CHARS)
                    .collect(),
                ..current
            },
            Action::SaveCurrent => current.unless_saved_locked(State::save_current),
            Action::RenameSaved { id, to } => {
                current.unless_saved_locked(|state| state.rename_saved(id, to))
            }
            Action::DuplicateSaved(id) => {
                current.unless_saved_locked(|state| state.duplicate_saved(id))
            }
            Action::DeleteSaved(id) => current.unless_saved_locked(|state| state.delete_saved(id)),
            Action::LibraryLoaded(scenarios) => {
                current.with_library(scenarios, LibraryStorage::Writable)
            }
            Action::LibraryReadOnly(scenarios) => {
                current.with_library(scenarios, LibraryStorage::ReadOnly)
            }
            Action::LibraryBlocked => current.with_library(Vec::new(), LibraryStorage::Blocked),
            Action::ToggleCompare(id) => {
                let mut next = current;
                if next.is_compared(id) {
                    Rc::make_mut(&mut next.compare).retain(|l| l.id != id);
                    return next;
                }
                let Some(scenario) = next.listed(id) else {
                    return next;
                };
                if next.compare.len() >= MAX_COMPARED {
                    return next.notify(true, format!("At most {MAX_COMPARED} scenarios can be compared with the current one; untick one first."));
                }
                let scenario = scenario.sanitized(&next.model).0;
                Rc::make_mut(&mut next.compare).push(Listed { id, scenario });
                next
            }
            Action::Notify(notice) => current.notify(notice.error, notice.text),
            Action::DismissNotice(index) => {
                let mut next = current;
                if index < next.notices.len() {
                    next.notices.remove(index);
                }
                next
            }
            Action::SetArea { area, user_entered } => current.with_area(*area, user_entered),
            Action::SetTarget(target) => {
                if target.validate().is_err() {
                    return current;
                }
                if !area_years.contains(&target.year) {
                    let why = year_outside(target.year, &area_years);
                    return current
                        .notify(true, format!("The target {target} was not set: {why}."));
                }
                let mut next = current;
                next.targets.retain(|t| t.outcome != target.outcome);
                next.targets.push(target);
                // In headline order, so links and files do not depend on the order set.
                next.targets
                    .sort_by_key(|t| HEADLINES.iter().position(|o| *o == t.outcome));
                next
            }
            Action::ClearTarget(outcome) => {
                let mut next = current;
                next.targets.retain(|t| t.outcome != outcome);
                next
            }
            Action::SetActual(actual) => {
                if actual.validate().is_err() {
                    return current;
                }
                let mut next = current;
                next.actuals
                    .retain(|a| !(a.outcome == actual.outcome && a.year == actual.year));
                if next.actuals.len() >= MAX_ACTUALS {
                    return next.notify(
                        true,
                        format!("At most {MAX_ACTUALS} results can be kept; remove one first."),
                    );
                }
                next.actuals.push(actual);
                next.actuals
                    .sort_by_key(|a| (HEADLINES.iter().position(|o| *o == a.outcome), a.year));
                next
            }
            Action::ClearActual { outcome, year } => {
                let mut next = current;
                next.actuals
                    .retain(|a| !(a.outcome == outcome && a.year == year));
                next
            }
            Action::Revise => {
                let Some(year) = latest_actual_year(&current.actuals) else {
                    return current.notify(
                        true,
                        "Enter at least one actual result before re-basing the projection.",
                    );
                };
                // The plan shown is taken to have produced the results along with
                // everything else, so its projection, not the baseline, passes through them.
                let rebased = match Plan::resolve(
                    &current.displayed_settings(),
                    current.model.catalogue(),
                    current.model.area(),
                ) {
                    Ok(plan) => rebase_under_plan(&current.model, &plan, &current.actuals, year),
                    Err(_) => rebase(current.model.area(), &current.actuals, year),
                };
                match rebased {
                    Ok(area) => {
                        let name = area.name.clone();
                        current.with_area(area, true).notify(
                            false,
                            format!("The projection for {name} is now re-based on your {year} results: the plan's projection passes through them (its programmes are taken to have helped produce them), and the figures they replaced are listed under Area data. “Restore the published figures” undoes it."),
                        )
                    }
                    Err(e) => current.notify(true, format!("The projection was not re-based: {e}")),
                }
            }
            Action::RequestFrontier(job) => {
                let mut next = current;
                next.frontier.request(job);
                next
            }
            Action::FrontierReady {
                area_generation,
                answer,
                elapsed_ms,
            } => current.if_this_area(area_generation, |s| s.frontier.answered(answer, elapsed_ms)),
            Action::FrontierFailed {
                area_generation,
                message,
            } => current.if_this_area(area_generation, |s| s.frontier.failed(message)),
            Action::RequestSensitivity(job) => {
                let mut next = current;
                next.sensitivity.request(job);
                next
            }
            Action::SensitivityReady {
                area_generation,
                answer,
                elapsed_ms,
            } => current.if_this_area(area_generation, |s| {
                s.sensitivity.answered(answer, elapsed_ms)
            }),
            Action::SensitivityFailed {
                area_generation,
                message,
            } => current.if_this_area(area_generation, |s| s.sensitivity.failed(message)),
            Action::PrintPaper(print_paper) => State {
                print_paper,
                ..current
            },
            Action::ActualsLoaded(stored) => {
                // Results entered or loaded before storage answered are the user's latest.
                let mut next = current;
                if next.actuals.is_empty() && validate_actuals(&stored).is_ok() {
                    next.actuals = stored;
                }
                next.actuals_loaded = true;
                next
            }
            Action::Present(step) => {
                let Some(step) = step else {
                    return State {
                        mode: Mode::Normal,
                        ..current
                    };
                };
                current.present_at(step)
            }
        }
    }

    /// Presenting step `step`, or the nearest shown in this area (later first); back to
    /// the normal page, with a message, when the story has no step here.
    fn present_at(self, step: usize) -> State {
        let shown = self.story_steps();
        let chosen = shown
            .iter()
            .find(|&&i| i >= step)
            .or_else(|| shown.last())
            .copied();
        match chosen {
            Some(step) => State {
                mode: Mode::Present { step },
                ..self
            },
            None => State {
                mode: Mode::Normal,
                ..self
            }
            .notify(true, "The presentation story has no step for this area."),
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
