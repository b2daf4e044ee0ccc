//! What every view shows, derived from the store in one place: the baseline and scenario
//! projections, the compared scenarios, the headline cards, the chart series, the cohort
//! flow, the cost summary, the lever markers and each lever's cost.
//!
//! Plain Rust, tested natively. Components display these values and dispatch actions;
//! none of them calls the engine. [`ViewModel::derive`] takes the previous view-model and
//! keeps each part whose inputs did not change, by pointer, so a component handed that
//! part (compared with [`Shared`]'s pointer equality) does not re-render: moving a slider
//! leaves the library, the area panel and the toolbar alone.

use std::fmt;
use std::ops::Deref;
use std::rc::Rc;

use crate::app::charts::observed::{observed_for_chart, ObservedPlot, HISTORY_YEARS};
use crate::app::jobs::Analysis;
use crate::app::state::{FrontierState, Listed, Mode, ScenarioId, SensitivityState, State};
use crate::model::diagnosis::{diagnose, Diagnosis};
use crate::model::evidence::EffectPath;
use crate::model::{
    Bands, CohortFlow, Group, Lever, LeverId, LeverSetting, LeverSettings, Model, Percentiles,
    Plan, Projection, Provenance, Stage,
};
use crate::scenario::appraisal::{lever_costs, LeverCost};
use crate::scenario::contributions::Contributions;
use crate::scenario::monitoring::{latest_status, Monitored};
use crate::scenario::outcome::{Outcome, HEADLINES};
use crate::scenario::target::{Actual, CentralCheck, Target};

/// A shared value that props compare by pointer: cloning is cheap, and a component
/// re-renders only when it is handed a different value, never because an equal copy was
/// rebuilt. Values are replaced, never mutated, so the pointer says when one changed.
pub struct Shared<T: ?Sized>(Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Shared<T> {
        Shared(Rc::new(value))
    }
}

impl<T: ?Sized> Shared<T> {
    pub fn from_rc(rc: Rc<T>) -> Shared<T> {
        Shared(rc)
    }

    pub fn rc(&self) -> &Rc<T> {
        &self.0
    }
}

impl<T: ?Sized> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T: ?Sized> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T: ?Sized> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: Default> Default for Shared<T> {
    fn default() -> Self {
        Shared::new(T::default())
    }
}

/// A lever to mark on the charts: the year it starts, and the first year it can move
/// each stage's results.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub lever_name: String,
    pub start_year: i32,
    /// By stage index, from `Lever::first_year_reaching`; `None` for stages before the
    /// lever's own.
    pub first_year_reaching: [Option<i32>; Stage::COUNT],
}

/// Which baseline the scenario is measured against, short (for a label) and in words.
#[derive(Debug, Clone, PartialEq)]
pub struct BaselineNote {
    pub label: String,
    pub words: String,
}

/// Changes smaller than this (a share: 0.05 points) read as no change.
pub const NO_CHANGE: f64 = 0.0005;

/// Whether a change is good news for the outcome: a rise in a rate, a fall in a gap or NEET.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Better,
    Worse,
    Same,
}

impl Tone {
    pub fn class(self) -> &'static str {
        match self {
            Tone::Better => "better",
            Tone::Worse => "worse",
            Tone::Same => "same",
        }
    }

    /// The tone of a change in `outcome` (a share: 0.01 is one point).
    pub fn of(outcome: Outcome, change: f64) -> Tone {
        let signed = if outcome.higher_is_better() {
            change
        } else {
            -change
        };
        if signed > NO_CHANGE {
            Tone::Better
        } else if signed < -NO_CHANGE {
            Tone::Worse
        } else {
            Tone::Same
        }
    }
}

/// One headline card: the outcome in the chosen year, baseline and scenario, and the
/// change with its 80% range from the paired draws.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeadlineCard {
    pub outcome: Outcome,
    pub baseline: f64,
    pub scenario: f64,
    pub change: f64,
    /// The change's P10-P90 when bands for the settings shown have arrived.
    pub change_band: Option<Percentiles>,
    /// True when the plan leaves the outcome where it was (no lever reaches it yet): every
    /// draw agrees, so there is no range to give.
    pub untouched: bool,
    pub tone: Tone,
    /// The board's target for this outcome, if it set one.
    pub target: Option<Target>,
    /// Whether the central projection meets the target, and by how much it falls short.
    pub target_check: Option<CentralCheck>,
    /// The chance of reaching the target: (scenario, baseline), shares of the same draws.
    pub chance: Option<(f64, f64)>,
    /// The latest actual result against the projection's band in its year.
    pub status: Option<Monitored>,
}

/// The headline cards for one year.
#[derive(Debug, Clone, PartialEq)]
pub struct Headlines {
    pub year: i32,
    pub cards: Vec<HeadlineCard>,
}

/// One series drawn on a trajectory chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparedSeries {
    pub name: String,
    pub values: Vec<f64>,
}

/// Everything one trajectory chart draws, year by year over the projection.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    pub outcome: Outcome,
    pub years: Vec<i32>,
    pub baseline: Vec<f64>,
    pub scenario: Vec<f64>,
    /// The non-FSM lines (baseline, scenario), when shown and the outcome has them.
    pub non_fsm: Option<(Vec<f64>, Vec<f64>)>,
    /// P10-P90 of the value each year, from bands for any settings (stale ones are drawn
    /// faded; `band_current` says which).
    pub band: Option<Vec<(f64, f64)>>,
    pub band_current: bool,
    pub compared: Vec<ComparedSeries>,
    pub scenario_name: String,
    pub observed: Shared<Vec<ObservedPlot>>,
    /// The board's target for this outcome (drawn as a mark at its year and value).
    pub target: Option<Target>,
    /// The board's actual results for this outcome, (year, share), drawn as points.
    pub actuals: Vec<(i32, f64)>,
    /// Each active lever's start year and the first year it can move this chart's stage.
    pub markers: Vec<(String, i32, Option<i32>)>,
}

impl ChartData {
    /// Whether the two differ at most in what follows the levers: the scenario's lines
    /// (FSM and non-FSM) and its name. A chart redraws only those while a slider moves.
    pub fn same_except_scenario(&self, other: &ChartData) -> bool {
        // Destructured, so that a field added later must be placed on one side or the other.
        let ChartData {
            outcome,
            years,
            baseline,
            scenario: _,
            non_fsm,
            band,
            band_current,
            compared,
            scenario_name: _,
            observed,
            target,
            actuals,
            markers,
        } = self;
        *outcome == other.outcome
            && *years == other.years
            && *baseline == other.baseline
            && non_fsm.as_ref().map(|(b, _)| b) == other.non_fsm.as_ref().map(|(b, _)| b)
            && *band == other.band
            && *band_current == other.band_current
            && *compared == other.compared
            && *observed == other.observed
            && *target == other.target
            && *actuals == other.actuals
            && *markers == other.markers
    }
}

/// One cohort's path, baseline beside scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowView {
    /// Reception years whose whole path, to age 20, lies inside the projection.
    pub cohorts: Vec<i32>,
    pub cohort: i32,
    pub group: Group,
    pub baseline: CohortFlow,
    pub scenario: CohortFlow,
}

/// One stage's extra FSM pupils and what each costs.
#[derive(Debug, Clone, PartialEq)]
pub struct StageCost {
    pub stage: Stage,
    pub additional_fsm_pupils: f64,
    pub cost_per_additional_fsm_pupil_gbp: Option<f64>,
}

/// What the plan costs, year by year, against the budget.
#[derive(Debug, Clone, PartialEq)]
pub struct CostView {
    pub years: Vec<i32>,
    pub by_year_gbp: Vec<f64>,
    pub total_gbp: f64,
    pub peak_gbp: f64,
    pub budget_gbp_per_year: f64,
    /// Years whose cost exceeds the budget.
    pub years_over: usize,
    pub stages: Vec<StageCost>,
    /// Each active lever's cost and effect alone, and whether it fits the budget.
    pub levers: Vec<LeverCost>,
}

/// What a lever control shows that does not change as the user moves levers.
#[derive(Debug, Clone, PartialEq)]
pub struct LeverInfo {
    pub lever: Lever,
    pub default_setting: LeverSetting,
    pub years: (i32, i32),
    /// Pupils the lever serves a year at full reach (`Lever::pupils_served`).
    pub pupils_served: f64,
    /// What the lever costs a year at full reach.
    pub full_reach_gbp_a_year: f64,
    pub path: EffectPath,
    pub large_trial_mean_sd: f64,
    pub weight_per_padlock: f64,
}

/// Where the area stands, and which levers act at each stage (ids and names, by
/// [`Stage::index`]), for the largest shortfall's links to its levers.
#[derive(Debug, Clone, PartialEq)]
pub struct DiagnosisView {
    pub diagnosis: Diagnosis,
    pub levers_by_stage: Vec<Vec<(LeverId, String)>>,
}

/// What each lever contributes to each headline's change in one year, with lever names.
#[derive(Debug, Clone, PartialEq)]
pub struct ContributionsView {
    pub contributions: Contributions,
    /// Lever names, in the order of `contributions.lever_ids`.
    pub names: Vec<String>,
    /// False while the worker recomputes it for new settings or another year.
    pub current: bool,
}

/// A compared scenario's projection.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparedProjection {
    pub id: ScenarioId,
    pub name: String,
    pub projection: Projection,
}

/// A derived part with the inputs it was derived from: kept, by pointer, while they are
/// equal, rebuilt when any differs. Each part's key lists exactly its own inputs; a
/// derived input (the plan, the baseline) enters by its [`Shared`] pointer, so whatever
/// was derived from it is rebuilt with it.
#[derive(Debug, Clone, PartialEq)]
struct Memo<K, V> {
    key: K,
    value: V,
}

impl<V: Clone + PartialEq> Memo<V, Shared<V>> {
    /// `value` shared, by the same pointer as before while it is equal.
    fn shared(previous: Option<&Memo<V, Shared<V>>>, value: &V) -> Memo<V, Shared<V>> {
        Memo::keep_or(previous, value.clone(), |v| Shared::new(v.clone()))
    }
}

impl<K: PartialEq, V: Clone> Memo<K, V> {
    /// `previous`'s value if its key equals `key`, else `derive(&key)`.
    fn keep_or(previous: Option<&Memo<K, V>>, key: K, derive: impl FnOnce(&K) -> V) -> Memo<K, V> {
        match previous.filter(|p| p.key == key) {
            Some(p) => Memo {
                key,
                value: p.value.clone(),
            },
            None => Memo {
                value: derive(&key),
                key,
            },
        }
    }
}

/// What depends only on the area's figures.
#[derive(Debug, Clone, PartialEq)]
struct AreaParts {
    diagnosis: Shared<DiagnosisView>,
    baseline: Shared<Projection>,
    baseline_note: Shared<BaselineNote>,
    levers: Shared<Vec<Shared<LeverInfo>>>,
    observed: Vec<Shared<Vec<ObservedPlot>>>,
}

/// What depends on the settings shown.
#[derive(Debug, Clone, PartialEq)]
struct PlanParts {
    plan: Shared<Plan>,
    scenario: Shared<Projection>,
    /// Why the settings shown cannot be modelled.
    problem: Option<String>,
    markers: Shared<Vec<Marker>>,
}

/// Compared scenarios' projections, and why any could not be modelled.
type ComparedParts = (Shared<Vec<ComparedProjection>>, Vec<String>);

/// The headline cards' inputs: baseline, scenario, bands and the headline year.
type HeadlinesKey = (Shared<Projection>, Shared<Projection>, BandsKey, i32);

/// The contributions' inputs: the model (for lever names), the analysis, whether current.
type ContributionsKey = (Shared<Model>, Option<Shared<Analysis>>, bool);

/// The inputs of the headline cards and the charts beyond the projections.
type BandsKey = (
    Option<Shared<Analysis>>,
    bool,
    bool,
    Vec<Target>,
    Vec<Actual>,
);

/// Each part of the view-model with the inputs it was derived from.
#[derive(Debug, Clone, PartialEq)]
struct Memos {
    area: Memo<Shared<Model>, AreaParts>,
    plan: Memo<(Shared<Model>, LeverSettings), PlanParts>,
    compared: Memo<(Shared<Model>, Shared<Vec<Listed>>), ComparedParts>,
    problems: Memo<Vec<String>, Shared<Vec<String>>>,
    flow: Memo<(Shared<Plan>, i32, Group), Shared<FlowView>>,
    cost: Memo<(Shared<Projection>, Shared<Projection>, f64), Shared<CostView>>,
    headlines: Memo<HeadlinesKey, Shared<Headlines>>,
    contributions: Memo<ContributionsKey, Shared<Option<ContributionsView>>>,
    frontier: Memo<FrontierState, Shared<FrontierState>>,
    sensitivity: Memo<SensitivityState, Shared<SensitivityState>>,
    charts: Memo<ChartsKey, Vec<Shared<ChartData>>>,
}

/// Everything the charts draw: the projections and what is drawn beside them.
#[derive(Debug, Clone, PartialEq)]
struct ChartsKey {
    baseline: Shared<Projection>,
    scenario: Shared<Projection>,
    markers: Shared<Vec<Marker>>,
    /// Presentation mode draws neither compared scenarios nor non-FSM lines.
    compared: Option<Shared<Vec<ComparedProjection>>>,
    show_non_fsm: bool,
    bands: BandsKey,
    scenario_name: String,
}

/// Everything the page shows, derived from [`State`].
#[derive(Debug, Clone, PartialEq)]
pub struct ViewModel {
    memos: Memos,
    pub model: Shared<Model>,
    /// Where the area stands against England and its neighbours, stage by stage.
    pub diagnosis: Shared<DiagnosisView>,
    /// First and last projected year.
    pub years: (i32, i32),
    pub baseline_note: Shared<BaselineNote>,
    pub baseline: Shared<Projection>,
    pub plan: Shared<Plan>,
    pub scenario: Shared<Projection>,
    pub compared: Shared<Vec<ComparedProjection>>,
    /// Why settings or compared scenarios could not be modelled (shown beside the results).
    pub problems: Shared<Vec<String>>,
    pub markers: Shared<Vec<Marker>>,
    pub headlines: Shared<Headlines>,
    /// One per headline, in [`HEADLINES`] order.
    pub charts: Vec<Shared<ChartData>>,
    pub flow: Shared<FlowView>,
    pub cost: Shared<CostView>,
    /// The catalogue's levers as their controls show them, in catalogue order.
    pub levers: Shared<Vec<Shared<LeverInfo>>>,
    /// What each lever contributes to each headline in the headline year (from the worker).
    pub contributions: Shared<Option<ContributionsView>>,
    /// The "best plan for £X" search and its answer.
    pub frontier: Shared<FrontierState>,
    /// The sensitivity section's tornado, as the worker last answered.
    pub sensitivity: Shared<SensitivityState>,
}

impl ViewModel {
    /// The view-model for `state`, reusing every part of `previous` whose inputs are
    /// unchanged.
    pub fn derive(state: &State, previous: Option<&ViewModel>) -> ViewModel {
        ViewModel::from_memos(Memos::derive(state, previous.map(|p| &p.memos)))
    }

    fn from_memos(memos: Memos) -> ViewModel {
        let model = memos.area.key.clone();
        let (years, m) = (
            (model.area().base_year, model.area().horizon_end_year),
            &memos,
        );
        ViewModel {
            years,
            baseline_note: m.area.value.baseline_note.clone(),
            diagnosis: m.area.value.diagnosis.clone(),
            baseline: m.area.value.baseline.clone(),
            levers: m.area.value.levers.clone(),
            plan: m.plan.value.plan.clone(),
            scenario: m.plan.value.scenario.clone(),
            markers: m.plan.value.markers.clone(),
            compared: m.compared.value.0.clone(),
            problems: m.problems.value.clone(),
            headlines: m.headlines.value.clone(),
            charts: m.charts.value.clone(),
            flow: m.flow.value.clone(),
            cost: m.cost.value.clone(),
            contributions: m.contributions.value.clone(),
            frontier: m.frontier.value.clone(),
            sensitivity: m.sensitivity.value.clone(),
            model,
            memos,
        }
    }
}

impl Memos {
    /// Each part kept from `old` when its inputs are unchanged, else derived again.
    fn derive(state: &State, old: Option<&Memos>) -> Memos {
        let model = Shared::from_rc(state.model.clone());
        let area = Memo::keep_or(old.map(|m| &m.area), model.clone(), |model| {
            area_parts(model)
        });
        let plan = Memo::keep_or(
            old.map(|m| &m.plan),
            (model.clone(), state.displayed_settings()),
            |(model, settings)| plan_parts(model, settings),
        );
        let compared = Memo::keep_or(
            old.map(|m| &m.compared),
            (
                model.clone(),
                Shared::from_rc(state.library.compare.clone()),
            ),
            |(model, compare)| {
                let (compared, problems) = compare_projections(model, compare);
                (Shared::new(compared), problems)
            },
        );
        let problems = Memo::keep_or(
            old.map(|m| &m.problems),
            plan.value
                .problem
                .iter()
                .chain(&compared.value.1)
                .cloned()
                .collect(),
            |problems| Shared::new(problems.clone()),
        );
        let view = &state.view;
        let flow = Memo::keep_or(
            old.map(|m| &m.flow),
            (plan.value.plan.clone(), view.flow_cohort, view.flow_group),
            |(plan, cohort, group)| Shared::new(flow_view(&model, plan, (*cohort, *group))),
        );
        let (baseline, scenario) = (&area.value.baseline, &plan.value.scenario);
        let budget = view.budget_gbp_per_year;
        let cost = Memo::keep_or(
            old.map(|m| &m.cost),
            (baseline.clone(), scenario.clone(), budget),
            |(b, s, budget)| Shared::new(cost_view(&model, &plan.value.plan, b, s, *budget)),
        );
        let bands = bands_key(state);
        let headlines = Memo::keep_or(
            old.map(|m| &m.headlines),
            (
                baseline.clone(),
                scenario.clone(),
                bands.clone(),
                view.target_year,
            ),
            |(b, s, bands, year)| Shared::new(headline_cards(b, s, bands, *year)),
        );
        let contributions = Memo::keep_or(
            old.map(|m| &m.contributions),
            (model.clone(), bands.0.clone(), bands.2),
            |(model, analysis, current)| {
                Shared::new(contributions_view(model, analysis.as_deref(), *current))
            },
        );
        let frontier = Memo::shared(old.map(|m| &m.frontier), &state.worker.frontier);
        let sensitivity = Memo::shared(old.map(|m| &m.sensitivity), &state.worker.sensitivity);
        let charts_key = charts_key(
            state,
            &area.value.baseline,
            &plan.value,
            &compared.value.0,
            bands,
        );
        let charts = Memo::keep_or(old.map(|m| &m.charts), charts_key, |key| {
            charts(key, &area.value.observed)
        });
        Memos {
            area,
            plan,
            compared,
            problems,
            flow,
            cost,
            headlines,
            contributions,
            frontier,
            sensitivity,
            charts,
        }
    }
}

/// The worker's analysis and whether it is for what is shown, with the board's targets
/// and results: what the cards and charts read beyond the projections.
fn bands_key(state: &State) -> BandsKey {
    (
        state.worker.analysis.clone().map(Shared::from_rc),
        state.bands_current(),
        state.analysis_current(),
        state.board.targets.clone(),
        state.board.actuals.clone(),
    )
}

fn charts_key(
    state: &State,
    baseline: &Shared<Projection>,
    plan: &PlanParts,
    compared: &Shared<Vec<ComparedProjection>>,
    bands: BandsKey,
) -> ChartsKey {
    // Presentation mode draws neither compared scenarios nor non-FSM lines.
    let presenting = matches!(state.page.mode, Mode::Present { .. });
    ChartsKey {
        baseline: baseline.clone(),
        scenario: plan.scenario.clone(),
        markers: plan.markers.clone(),
        compared: (!presenting).then(|| compared.clone()),
        show_non_fsm: state.view.show_non_fsm && !presenting,
        bands,
        scenario_name: state.plan.name.clone(),
    }
}

impl ViewModel {
    /// The chart for one headline outcome.
    pub fn chart(&self, outcome: Outcome) -> Option<&Shared<ChartData>> {
        self.charts.iter().find(|c| c.outcome == outcome)
    }

    /// The bands shown, if any, and whether they were computed for the settings shown.
    pub fn bands(&self) -> (Option<&Bands>, bool) {
        let (analysis, current, ..) = &self.memos.charts.key.bands;
        (analysis.as_ref().map(|a| &a.bands), *current)
    }

    /// The board's targets and actual results.
    pub fn targets(&self) -> (&[Target], &[Actual]) {
        let (.., targets, actuals) = &self.memos.charts.key.bands;
        (targets, actuals)
    }
}

fn area_parts(model: &Shared<Model>) -> AreaParts {
    let area = model.area();
    let years = (area.base_year, area.horizon_end_year);
    AreaParts {
        diagnosis: Shared::new(diagnosis_view(model)),
        baseline: Shared::new(model.baseline()),
        baseline_note: Shared::new(baseline_note(model)),
        levers: Shared::new(lever_infos(model)),
        observed: HEADLINES
            .iter()
            .map(|&o| {
                Shared::new(observed_for_chart(
                    area,
                    o,
                    years.0 - HISTORY_YEARS,
                    years.1,
                ))
            })
            .collect(),
    }
}

/// The diagnosis of the area as of its base year, and the levers that act at each stage.
fn diagnosis_view(model: &Model) -> DiagnosisView {
    let diagnosis = diagnose(model.area(), &model.catalogue().chance_band);
    let levers_by_stage = Stage::ALL
        .iter()
        .map(|&stage| {
            model
                .catalogue()
                .levers
                .iter()
                .filter(|l| l.stage == stage)
                .map(|l| (l.id.clone(), l.name.clone()))
                .collect()
        })
        .collect();
    DiagnosisView {
        diagnosis,
        levers_by_stage,
    }
}

fn plan_parts(model: &Model, settings: &LeverSettings) -> PlanParts {
    let (plan, problem) = match Plan::resolve(settings, model.catalogue(), model.area()) {
        Ok(plan) => (plan, None),
        Err(e) => (
            Plan::default(),
            Some(format!(
                "These lever settings cannot be modelled, so the baseline is shown instead: {e}"
            )),
        ),
    };
    PlanParts {
        scenario: Shared::new(model.project(&plan)),
        markers: Shared::new(markers(model, &plan)),
        plan: Shared::new(plan),
        problem,
    }
}

/// The headline cards; bands and chances only from an analysis for what is shown.
fn headline_cards(
    baseline: &Projection,
    scenario: &Projection,
    (analysis, bands_current, analysis_current, targets, actuals): &BandsKey,
    year: i32,
) -> Headlines {
    headlines(HeadlineInputs {
        baseline,
        scenario,
        bands: analysis
            .as_ref()
            .map(|a| &a.bands)
            .filter(|_| *bands_current),
        analysis: analysis.as_deref().filter(|_| *analysis_current),
        targets,
        actuals,
        year,
    })
}

fn contributions_view(
    model: &Model,
    analysis: Option<&Analysis>,
    current: bool,
) -> Option<ContributionsView> {
    analysis.map(|a| ContributionsView {
        names: a
            .contributions
            .lever_ids
            .iter()
            .map(|id| {
                model
                    .catalogue()
                    .get(id)
                    .map_or(id.to_string(), |l| l.name.clone())
            })
            .collect(),
        contributions: a.contributions.clone(),
        current,
    })
}

/// One chart per headline, in [`HEADLINES`] order.
fn charts(key: &ChartsKey, observed: &[Shared<Vec<ObservedPlot>>]) -> Vec<Shared<ChartData>> {
    let (analysis, band_current, _, targets, actuals) = &key.bands;
    HEADLINES
        .iter()
        .zip(observed)
        .map(|(&outcome, observed)| {
            Shared::new(chart_data(ChartInputs {
                outcome,
                baseline: &key.baseline,
                scenario: &key.scenario,
                compared: key.compared.as_deref().map_or(&[], Vec::as_slice),
                bands: analysis.as_ref().map(|a| &a.bands),
                band_current: *band_current,
                targets,
                actuals,
                show_non_fsm: key.show_non_fsm,
                scenario_name: &key.scenario_name,
                observed: observed.clone(),
                markers: &key.markers,
            }))
        })
        .collect()
}

fn baseline_note(model: &Model) -> BaselineNote {
    let area = model.area();
    let rebased = Stage::ALL.iter().any(|&stage| {
        let rates = area.stages.get(stage);
        [&rates.fsm_rate, &rates.non_fsm_rate]
            .iter()
            .any(|r| matches!(&r.provenance, Provenance::UserEntered(note) if note.starts_with("Re-based")))
    });
    let note = if rebased {
        BaselineNote {
            label: "Baseline: re-based on your results, held flat (assumption)".to_owned(),
            words: "re-based on the results you entered and held flat, an assumption".to_owned(),
        }
    } else if area.has_trend() {
        BaselineNote {
            label: format!("Baseline: sourced yearly trend from {}", area.base_year),
            words: format!("the area's sourced yearly trend from {}", area.base_year),
        }
    } else {
        BaselineNote {
            label: format!("Baseline: {} rates held flat (assumption)", area.base_year),
            words: format!("{} rates held flat, an assumption", area.base_year),
        }
    };
    match &area.fsm_definition_break {
        Some(shift) => {
            let first = shift.first_year_for(Stage::EarlyYears);
            BaselineNote {
                label: format!(
                    "{}, with the FSM definition change from {first} (assumption)",
                    note.label
                ),
                words: format!(
                    "{}, with the FSM definition change from {first} (an assumption)",
                    note.words
                ),
            }
        }
        None => note,
    }
}

fn lever_infos(model: &Model) -> Vec<Shared<LeverInfo>> {
    let (catalogue, area) = (model.catalogue(), model.area());
    catalogue
        .levers
        .iter()
        .map(|lever| {
            Shared::new(LeverInfo {
                lever: lever.clone(),
                default_setting: lever.default_setting(area),
                years: (area.base_year, area.horizon_end_year),
                pupils_served: lever.pupils_served(area),
                full_reach_gbp_a_year: lever.full_reach_cost_gbp_per_year(area),
                path: catalogue.effect_path(lever),
                large_trial_mean_sd: catalogue.at_scale.large_trial_mean_sd.value,
                weight_per_padlock: catalogue.at_scale.evidence_weight_per_padlock.value,
            })
        })
        .collect()
}

fn markers(model: &Model, plan: &Plan) -> Vec<Marker> {
    plan.levers
        .iter()
        .map(|active| {
            let lever = &model.catalogue().levers[active.catalogue_index];
            let start_year = active.setting.start_year;
            Marker {
                lever_name: lever.name.clone(),
                start_year,
                first_year_reaching: Stage::ALL
                    .map(|stage| lever.first_year_reaching(stage, start_year)),
            }
        })
        .collect()
}

fn compare_projections(
    model: &Model,
    compare: &[Listed],
) -> (Vec<ComparedProjection>, Vec<String>) {
    let mut problems = Vec::new();
    let projections = compare
        .iter()
        .map(|listed| {
            let plan = listed.scenario.plan(model).unwrap_or_else(|e| {
                problems.push(format!(
                    "“{}” cannot be modelled, so it is compared as the baseline: {e}",
                    listed.scenario.name
                ));
                Plan::default()
            });
            ComparedProjection {
                id: listed.id,
                name: listed.scenario.name.clone(),
                projection: model.project(&plan),
            }
        })
        .collect();
    (projections, problems)
}

fn flow_view(model: &Model, plan: &Plan, (cohort, group): (i32, Group)) -> FlowView {
    let area = model.area();
    FlowView {
        cohorts: (area.base_year..=area.horizon_end_year - Stage::Post19.lag_years()).collect(),
        cohort,
        group,
        baseline: model.cohort_flow(&Plan::default(), cohort, group),
        scenario: model.cohort_flow(plan, cohort, group),
    }
}

fn cost_view(
    model: &Model,
    plan: &Plan,
    baseline: &Projection,
    scenario: &Projection,
    budget: f64,
) -> CostView {
    let by_year_gbp: Vec<f64> = scenario.years.iter().map(|y| y.cost_gbp).collect();
    CostView {
        years: scenario.years.iter().map(|y| y.year).collect(),
        total_gbp: by_year_gbp.iter().sum(),
        peak_gbp: by_year_gbp.iter().copied().fold(0.0, f64::max),
        years_over: by_year_gbp.iter().filter(|&&c| c > budget + 1e-6).count(),
        by_year_gbp,
        budget_gbp_per_year: budget,
        stages: Stage::ALL
            .into_iter()
            .map(|stage| StageCost {
                stage,
                additional_fsm_pupils: scenario.additional_reached(baseline, stage, Group::Fsm),
                cost_per_additional_fsm_pupil_gbp: scenario
                    .cost_per_additional_fsm_pupil(baseline, stage),
            })
            .collect(),
        levers: lever_costs(model, plan, baseline, budget),
    }
}

/// What the headline cards are made from.
struct HeadlineInputs<'a> {
    baseline: &'a Projection,
    scenario: &'a Projection,
    /// Bands for the settings shown, if they have arrived.
    bands: Option<&'a Bands>,
    /// The analysis for exactly what is shown (settings, targets, year), for the chances.
    analysis: Option<&'a Analysis>,
    targets: &'a [Target],
    actuals: &'a [Actual],
    year: i32,
}

fn headlines(input: HeadlineInputs<'_>) -> Headlines {
    let year = input.year;
    let (Some(base), Some(scen)) = (input.baseline.year(year), input.scenario.year(year)) else {
        return Headlines {
            year,
            cards: Vec::new(),
        };
    };
    let band_year = input.bands.and_then(|b| b.year(year));
    let cards = HEADLINES
        .into_iter()
        .map(|outcome| {
            let (b, s) = (outcome.value(base), outcome.value(scen));
            let change = s - b;
            let change_band = band_year.map(|y| outcome.change_band(y));
            let target = input.targets.iter().find(|t| t.outcome == outcome).copied();
            let chance = target.and_then(|t| {
                let found = input.analysis?.chances.iter().find(|c| c.target == t)?;
                Some((found.scenario_chance?, found.baseline_chance?))
            });
            HeadlineCard {
                outcome,
                baseline: b,
                scenario: s,
                change,
                change_band,
                untouched: change == 0.0
                    || change_band
                        .is_some_and(|p| p.p10.abs() < NO_CHANGE && p.p90.abs() < NO_CHANGE),
                tone: Tone::of(outcome, change),
                target,
                target_check: target.and_then(|t| t.central_check(input.scenario)),
                chance,
                status: input
                    .bands
                    .and_then(|bands| latest_status(outcome, bands, input.actuals)),
            }
        })
        .collect();
    Headlines { year, cards }
}

struct ChartInputs<'a> {
    outcome: Outcome,
    baseline: &'a Projection,
    scenario: &'a Projection,
    compared: &'a [ComparedProjection],
    bands: Option<&'a Bands>,
    band_current: bool,
    targets: &'a [Target],
    actuals: &'a [Actual],
    show_non_fsm: bool,
    scenario_name: &'a str,
    observed: Shared<Vec<ObservedPlot>>,
    markers: &'a [Marker],
}

fn chart_data(input: ChartInputs<'_>) -> ChartData {
    let outcome = input.outcome;
    let years: Vec<i32> = input.baseline.years.iter().map(|y| y.year).collect();
    let values =
        |p: &Projection| -> Vec<f64> { p.years.iter().map(|y| outcome.value(y)).collect() };
    let non_fsm = |p: &Projection| -> Option<Vec<f64>> {
        p.years.iter().map(|y| outcome.non_fsm_value(y)).collect()
    };
    let non_fsm = if input.show_non_fsm {
        non_fsm(input.baseline).zip(non_fsm(input.scenario))
    } else {
        None
    };
    // Looked up year by year: bands that do not cover every projected year are not drawn.
    let band = input.bands.and_then(|bands| {
        years
            .iter()
            .map(|&year| {
                let p = outcome.band(bands.year(year)?);
                Some((p.p10, p.p90))
            })
            .collect()
    });
    let stage = outcome.stage();
    ChartData {
        outcome,
        baseline: values(input.baseline),
        scenario: values(input.scenario),
        non_fsm,
        band,
        band_current: input.band_current,
        compared: input
            .compared
            .iter()
            .map(|c| ComparedSeries {
                name: c.name.clone(),
                values: values(&c.projection),
            })
            .collect(),
        scenario_name: input.scenario_name.to_owned(),
        observed: input.observed,
        target: input.targets.iter().find(|t| t.outcome == outcome).copied(),
        actuals: input
            .actuals
            .iter()
            .filter(|a| a.outcome == outcome)
            .map(|a| (a.year, a.value_share()))
            .collect(),
        markers: input
            .markers
            .iter()
            .map(|m| {
                (
                    m.lever_name.clone(),
                    m.start_year,
                    m.first_year_reaching[stage.index()],
                )
            })
            .collect(),
        years,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::{
        Action, BoardAction, LibraryAction, PlanAction, ViewAction, WorkerAction,
    };
    use crate::model::Area;

    fn hastings() -> State {
        State::new(Area::hastings())
    }

    fn with_reach(state: State, id: &str, reach: f64) -> State {
        state.apply(Action::Plan(PlanAction::SetReach(id.into(), reach)))
    }

    #[test]
    fn the_view_model_projects_what_the_engine_projects() {
        let state = with_reach(hastings(), "primary_metacognition", 1.0);
        let vm = ViewModel::derive(&state, None);
        let plan = Plan::resolve(
            &state.plan.settings,
            state.model.catalogue(),
            state.model.area(),
        )
        .unwrap();
        assert_eq!(*vm.scenario, state.model.project(&plan));
        assert_eq!(*vm.baseline, state.model.baseline());
        assert!(vm.problems.is_empty());
        // The headline cards read the chosen year off both projections.
        let ks2 = Outcome::FsmRate(Stage::Ks2);
        let card = vm
            .headlines
            .cards
            .iter()
            .find(|c| c.outcome == ks2)
            .unwrap();
        let year = state.view.target_year;
        let expected =
            ks2.value(vm.scenario.year(year).unwrap()) - ks2.value(vm.baseline.year(year).unwrap());
        assert!((card.change - expected).abs() < 1e-12);
        assert!(
            card.change > NO_CHANGE,
            "metacognition raises KS2 by {year}"
        );
        assert_eq!(card.tone, Tone::Better);
    }

    #[test]
    fn a_fall_in_neet_is_good_news_and_a_rise_in_a_gap_is_not() {
        assert_eq!(Tone::of(Outcome::FsmNeet, -0.01), Tone::Better);
        assert_eq!(Tone::of(Outcome::Gap(Stage::Ks4), 0.01), Tone::Worse);
        assert_eq!(Tone::of(Outcome::FsmRate(Stage::Ks2), 0.0001), Tone::Same);
    }

    #[test]
    fn cost_totals_add_up_the_years_and_count_years_over_budget() {
        let state = with_reach(hastings(), "secondary_tutoring", 1.0)
            .apply(Action::View(ViewAction::SetBudget(1.0)));
        let vm = ViewModel::derive(&state, None);
        let cost = &vm.cost;
        let by_hand: f64 = vm.scenario.years.iter().map(|y| y.cost_gbp).sum();
        assert!((cost.total_gbp - by_hand).abs() < 1e-6);
        let paying = vm
            .scenario
            .years
            .iter()
            .filter(|y| y.cost_gbp > 1.0)
            .count();
        assert_eq!(cost.years_over, paying);
        assert!(paying > 0);
        assert_eq!(cost.levers.len(), 1);
        assert!(!cost.levers[0].within_budget);
    }

    #[test]
    fn markers_say_when_a_lever_first_reaches_each_stage() {
        let state = hastings()
            .apply(Action::Plan(PlanAction::SetReach(
                "ey_language".into(),
                0.5,
            )))
            .apply(Action::Plan(PlanAction::SetStartYear(
                "ey_language".into(),
                2019,
            )));
        let vm = ViewModel::derive(&state, None);
        let marker = &vm.markers[0];
        assert_eq!(marker.start_year, 2019);
        // Worked by hand: an early-years lever serving up to reception (year group 0)
        // first shows at KS2 six years after it starts, and at KS4 eleven.
        let lever = state.model.catalogue().get("ey_language").unwrap();
        assert_eq!(lever.year_groups.last, 0);
        assert_eq!(marker.first_year_reaching[Stage::Ks2.index()], Some(2025));
        assert_eq!(marker.first_year_reaching[Stage::Ks4.index()], Some(2030));
        let chart = vm.chart(Outcome::FsmRate(Stage::Ks4)).unwrap();
        assert_eq!(chart.markers[0].2, Some(2030));
    }

    #[test]
    fn unchanged_parts_are_kept_by_pointer_and_changed_ones_rebuilt() {
        let state = with_reach(hastings(), "primary_metacognition", 0.5);
        let first = ViewModel::derive(&state, None);
        // A slider step: the scenario, cost and charts change; the baseline, the lever
        // infos and the compared scenarios do not.
        let moved = with_reach(state.clone(), "primary_metacognition", 0.6);
        let second = ViewModel::derive(&moved, Some(&first));
        assert!(second.baseline == first.baseline);
        assert!(second.levers == first.levers);
        assert!(second.compared == first.compared);
        assert!(second.scenario != first.scenario);
        assert!(second.cost != first.cost);
        assert!(second.charts[0] != first.charts[0]);
        // Nothing the view shows changed: every part is the same value.
        let again = ViewModel::derive(&moved, Some(&second));
        assert!(again.scenario == second.scenario);
        assert!(again.headlines == second.headlines);
        assert!(again.charts == second.charts);
        assert!(again.flow == second.flow);
        // Only the budget changed: the cost is rebuilt, the projections are kept.
        let budget = ViewModel::derive(
            &moved
                .clone()
                .apply(Action::View(ViewAction::SetBudget(5.0))),
            Some(&again),
        );
        assert!(budget.scenario == again.scenario);
        assert!(budget.cost != again.cost);
        assert_eq!(budget.cost.budget_gbp_per_year, 5.0);
        // Another area: everything is rebuilt.
        let other = moved.apply(Action::SetArea {
            area: Box::new(Area::shipped_by_id("blackpool").unwrap()),
            user_entered: false,
        });
        let switched = ViewModel::derive(&other, Some(&budget));
        assert!(switched.baseline != budget.baseline);
        assert_eq!(*switched.baseline, other.model.baseline());
    }

    #[test]
    fn a_slider_step_changes_only_a_charts_scenario_lines_and_anything_else_is_noticed() {
        // KS2: primary metacognition reaches it, so its scenario line moves.
        let ks2 = |vm: &ViewModel| vm.chart(Outcome::FsmRate(Stage::Ks2)).unwrap().clone();
        let state = with_reach(hastings(), "primary_metacognition", 0.5);
        let first = ViewModel::derive(&state, None);
        let step = ViewModel::derive(
            &with_reach(state.clone(), "primary_metacognition", 0.6),
            Some(&first),
        );
        assert_ne!(ks2(&step).scenario, ks2(&first).scenario);
        assert!(ks2(&step).same_except_scenario(&ks2(&first)));
        // Switching a lever on adds its marker; a comparison adds a line; the non-FSM
        // lines add a baseline: each is drawn behind the scenario, so each counts.
        let lever_on =
            ViewModel::derive(&with_reach(state.clone(), "ey_language", 0.5), Some(&first));
        assert!(!ks2(&lever_on).same_except_scenario(&ks2(&first)));
        let non_fsm = ViewModel::derive(
            &state
                .clone()
                .apply(Action::View(ViewAction::ShowNonFsm(true))),
            Some(&first),
        );
        assert!(!ks2(&non_fsm).same_except_scenario(&ks2(&first)));
        let mut other_baseline = (*ks2(&first)).clone();
        other_baseline.baseline[0] += 0.01;
        assert!(!other_baseline.same_except_scenario(&ks2(&first)));
    }

    #[test]
    fn compared_scenarios_are_projected_on_the_current_area() {
        let state = hastings().apply(Action::Library(LibraryAction::Loaded(Vec::new())));
        let (id, preset) = state
            .library
            .presets_listed()
            .map(|(id, s)| (id, s.clone()))
            .find(|(_, s)| !s.levers.is_empty())
            .unwrap();
        let state = state.apply(Action::Library(LibraryAction::ToggleCompare(id)));
        let vm = ViewModel::derive(&state, None);
        assert_eq!(vm.compared.len(), 1);
        let plan = preset.plan(&state.model).unwrap();
        assert_eq!(vm.compared[0].projection, state.model.project(&plan));
        assert_eq!(vm.charts[0].compared[0].name, preset.name);
    }

    #[test]
    fn the_flow_follows_only_cohorts_that_reach_age_20_inside_the_projection() {
        let state = hastings();
        let vm = ViewModel::derive(&state, None);
        let area = state.model.area();
        assert_eq!(vm.flow.cohorts.first(), Some(&area.base_year));
        assert_eq!(
            vm.flow.cohorts.last(),
            Some(&(area.horizon_end_year - 15)),
            "a cohort is 20 fifteen years after reception"
        );
        assert_eq!(
            vm.flow.baseline, vm.flow.scenario,
            "no levers, no difference"
        );
    }

    #[test]
    fn cards_carry_the_targets_chance_and_the_latest_results_status_once_the_analysis_is_current() {
        use crate::app::jobs::{answer, AnalysisRequest, Answer, Job};
        use crate::scenario::target::Actual;
        let ks4 = Outcome::FsmRate(Stage::Ks4);
        let state = with_reach(hastings(), "secondary_tutoring", 0.6)
            .apply(Action::Board(BoardAction::SetTarget(
                "fsm_ks4=28@2030".parse().unwrap(),
            )))
            .apply(Action::Board(BoardAction::SetActual(Actual {
                outcome: ks4,
                year: 2020,
                value_percent: 45.0,
            })));
        // Before the worker answers: the target is shown, its chance is not yet known.
        let waiting = ViewModel::derive(&state, None);
        let card = |vm: &ViewModel| {
            *vm.headlines
                .cards
                .iter()
                .find(|c| c.outcome == ks4)
                .unwrap()
        };
        assert_eq!(card(&waiting).target.map(|t| t.value_percent), Some(28.0));
        assert_eq!(card(&waiting).chance, None);
        assert!(card(&waiting).status.is_none());
        let Answer::Analysis(Ok(analysis)) = answer(
            &state.model,
            &Job::Analysis(AnalysisRequest {
                key: state.analysis_key(),
                draws: 200,
                seed: 5,
            }),
        ) else {
            panic!("the analysis failed");
        };
        let chance = analysis.chances[0];
        let state = state.apply(Action::Worker(WorkerAction::AnalysisReady {
            area_generation: 0,
            analysis: std::rc::Rc::new(analysis),
            elapsed_ms: 1.0,
        }));
        let ready = ViewModel::derive(&state, Some(&waiting));
        let shown = card(&ready);
        assert_eq!(
            shown.chance,
            Some((
                chance.scenario_chance.unwrap(),
                chance.baseline_chance.unwrap()
            ))
        );
        // 45% in 2020 is far above anything the plan projects for then: ahead.
        let status = shown.status.unwrap();
        assert_eq!(status.status, crate::scenario::monitoring::Status::Ahead);
        assert_eq!(status.actual.year, 2020);
        // The chart draws the target and the result.
        let chart = ready.chart(ks4).unwrap();
        assert_eq!(chart.target.map(|t| t.year), Some(2030));
        assert_eq!(chart.actuals, vec![(2020, 0.45)]);
        // A new target makes the chance stale until the worker answers again.
        let moved = state.apply(Action::Board(BoardAction::SetTarget(
            "fsm_ks4=30@2030".parse().unwrap(),
        )));
        assert_eq!(card(&ViewModel::derive(&moved, Some(&ready))).chance, None);
    }
}
