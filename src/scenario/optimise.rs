//! "The best plan for £X a year": the cost-outcome frontier of lever plans for one headline
//! outcome in one year, and the best plan within a yearly budget read off it.
//!
//! **Decision.** Each lever's reach share takes a value on a grid (by default 0, 25%, 50%,
//! 75% and 100%), at the lever's default start year and ramp-up
//! ([`crate::model::Lever::default_setting`]), funded to the horizon or until the request's
//! end year. **Cost** is a plan's peak yearly cost, the
//! largest [`Model::cost_in_year`] over the projection, so a plan within a budget is within
//! it in every year. **Objective**: the central (deterministic) value of the outcome in the
//! chosen year, higher or lower as [`Outcome::higher_is_better`] says.
//!
//! **Method: a frontier, found once, read for any budget.** Rather than search afresh for
//! each budget, [`frontier`] finds the non-dominated plans (no plan found is both cheaper
//! and better) over the whole range of budgets, and [`Frontier::best_within`] answers "the
//! best plan for £B a year" with the best frontier plan costing at most B. A larger budget
//! can then never give a worse plan: the answer for B is still within any larger budget.
//! A separate search per budget would not promise that.
//!
//! The frontier is found in two passes over a cache of evaluated plans:
//!
//! 1. **Greedy path.** From the empty plan, each step raises one lever by one grid step,
//!    choosing the largest gain per pound of extra peak yearly cost, until no step gains.
//!    This is the classical heuristic for a budgeted knapsack and gives a good frontier
//!    quickly, but it can stop short of a budget when the next step is expensive.
//! 2. **Pareto local search** (Paquete, Chiarandini and Stützle 2004). Every frontier plan
//!    not yet explored has its neighbours evaluated: one lever one step up, one step down,
//!    and one up with another down (an exchange). Every plan evaluated may join the
//!    frontier; the search repeats until every frontier plan has been explored (or
//!    [`MAX_EVALUATIONS`] plans have been evaluated). The exchanges fill the gaps the
//!    greedy path leaves below each expensive step.
//!
//! Levers that cannot move the outcome in that year at all (a later stage, or a cohort
//! they never reach) are left out before the search: they would only add cost.
//!
//! Each plan is evaluated on the one cohort measured in that year
//! ([`Model::rate_in_year`], the same number the projection gives), a few microseconds
//! rather than a whole projection. How close the frontier comes to exhaustive search, and
//! how long the full catalogue takes, are in docs/MODEL.md ("Optimiser") and
//! docs/VALIDATION.md.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::model::error::{nearest_name, InputError};
use crate::model::plan::ActiveLever;
use crate::model::{Assumptions, Group, LeverSettings, Model, Plan, Stage};
use crate::scenario::outcome::{Outcome, HEADLINES};
use crate::scenario::{Scenario, SCENARIO_VERSION};

/// The reach shares a lever may take unless a request says otherwise.
pub const DEFAULT_REACH_GRID: [f64; 5] = [0.0, 0.25, 0.5, 0.75, 1.0];

/// The most reach values a grid may have (0 and ten steps of 10%).
pub const MAX_GRID_VALUES: usize = 11;

/// The local search stops after evaluating this many plans: a bound on time (a few hundred
/// milliseconds natively) that the shipped catalogue does not reach (see docs/MODEL.md).
pub const MAX_EVALUATIONS: usize = 200_000;

/// A plan joins the frontier only if it beats every cheaper plan by more than this (a
/// share: a ten-thousandth of a point). Smaller differences are rounding or nothing a
/// board would pay for.
const MIN_IMPROVEMENT: f64 = 1e-6;

fn default_reach_grid() -> Vec<f64> {
    DEFAULT_REACH_GRID.to_vec()
}

/// What to optimise: one headline outcome in one year, over a grid of reach shares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontierRequest {
    /// A headline outcome; in JSON its key: `fsm_early_years`, `fsm_ks2`, `fsm_ks4`,
    /// `fsm_level3_by_19`, `gap_ks4` or `fsm_neet`.
    pub outcome: Outcome,
    /// The calendar year whose value is optimised.
    pub year: i32,
    /// The reach shares each lever may take: from 0, strictly rising, at most 1.
    #[serde(default = "default_reach_grid")]
    pub reach_grid: Vec<f64>,
    /// The lever ids the plan may use; empty means every lever in the catalogue.
    #[serde(default)]
    pub levers: Vec<String>,
    /// The last year every plan is funded (none: to the horizon). A lever whose default
    /// start is after it cannot run, and is left out. Always written: the worker's
    /// bincode reads fields by position.
    #[serde(default)]
    pub end_year: Option<i32>,
}

impl FrontierRequest {
    /// Every lever, on the default grid.
    pub fn new(outcome: Outcome, year: i32) -> FrontierRequest {
        FrontierRequest {
            outcome,
            year,
            reach_grid: default_reach_grid(),
            levers: Vec::new(),
            end_year: None,
        }
    }
}

/// One plan on the frontier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrontierPoint {
    /// The levers that are on, at their default start year and ramp-up, ready to load.
    pub levers: LeverSettings,
    /// The most the plan spends in any projected year, in pounds.
    pub peak_cost_gbp_per_year: f64,
    /// The outcome's central value in the year (a share; ×100 for percent or points).
    pub value: f64,
    /// `value` minus the baseline's (a share; negative is good news for a gap or NEET).
    pub change: f64,
}

/// The cost-outcome frontier: plans in order of rising peak yearly cost, each better than
/// every cheaper one. The first is the cheapest plan found, the empty plan with the
/// shipped catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Frontier {
    /// The outcome (its key in JSON).
    pub outcome: Outcome,
    pub year: i32,
    /// Whether a higher value is better (false for gaps and NEET).
    pub higher_is_better: bool,
    /// The outcome's value with no levers.
    pub baseline_value: f64,
    pub points: Vec<FrontierPoint>,
    /// How many distinct plans the search evaluated.
    pub plans_evaluated: usize,
}

impl Frontier {
    /// The best plan whose peak yearly cost is within `budget_gbp_per_year`: the last
    /// frontier point that fits. None for a negative or non-numeric budget. A larger budget
    /// never gives a worse plan.
    pub fn best_within(&self, budget_gbp_per_year: f64) -> Option<&FrontierPoint> {
        self.points
            .iter()
            .take_while(|point| point.peak_cost_gbp_per_year <= budget_gbp_per_year)
            .last()
    }
}

/// The share of Monte Carlo draws in which each frontier plan reaches a target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrontierChances {
    /// The target value (a share), reached when the outcome is at least this (or at most,
    /// for a gap or NEET).
    pub threshold: f64,
    pub draws: u32,
    pub seed: u64,
    /// One chance (0 to 1) per frontier point, in the frontier's order.
    pub chance: Vec<f64>,
}

/// The headline outcome with this key, or an error naming the nearest.
pub fn parse_outcome(key: &str) -> Result<Outcome, InputError> {
    Outcome::from_key(key).ok_or_else(|| {
        let keys: Vec<String> = HEADLINES.iter().map(|o| o.key()).collect();
        let hint = nearest_name(key, keys.iter().map(String::as_str))
            .map(|name| format!(" (did you mean `{name}`?)"))
            .unwrap_or_default();
        InputError::field(
            "outcome",
            format!(
                "{key:?} is not a headline outcome{hint}; the outcomes are {}",
                keys.join(", ")
            ),
        )
    })
}

/// The central value of `outcome` in `year` under `assumptions`, from the one cohort
/// measured then: the same number as [`Outcome::value`] on the whole projection.
fn outcome_value(
    model: &Model,
    plan: &Plan,
    assumptions: &Assumptions,
    outcome: Outcome,
    year: i32,
) -> f64 {
    let rate = |stage, group| model.rate_in_year(plan, assumptions, stage, group, year);
    match outcome {
        Outcome::FsmRate(stage) => rate(stage, Group::Fsm),
        Outcome::Gap(stage) => rate(stage, Group::NonFsm) - rate(stage, Group::Fsm),
        Outcome::FsmNeet => 1.0 - rate(Stage::Post19, Group::Fsm),
    }
}

/// The plan's largest yearly cost over the projection.
pub fn peak_cost_gbp_per_year(model: &Model, plan: &Plan) -> f64 {
    model
        .area()
        .years()
        .map(|year| model.cost_in_year(plan, year))
        .fold(0.0, f64::max)
}

/// A plan's cost and how good it is (the value, negated when lower is better).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Evaluated {
    peak_cost: f64,
    goodness: f64,
}

/// Grid steps per candidate lever: `steps[k]` indexes the reach grid.
type Steps = Vec<u8>;

/// The search's fixed inputs and its cache of evaluated plans.
struct Search<'a> {
    model: &'a Model,
    outcome: Outcome,
    year: i32,
    grid: &'a [f64],
    /// The candidate levers at their default settings, in catalogue order.
    candidates: Vec<ActiveLever>,
    cache: HashMap<Steps, Evaluated>,
    /// Non-dominated plans so far, by rising cost and rising goodness.
    front: Vec<(Steps, Evaluated)>,
}

impl Search<'_> {
    fn plan(&self, steps: &[u8]) -> Plan {
        let levers = self
            .candidates
            .iter()
            .zip(steps)
            .filter(|(_, &step)| step > 0)
            .map(|(lever, &step)| {
                let mut lever = lever.clone();
                lever.setting.reach_share = self.grid[usize::from(step)];
                lever
            })
            .collect();
        Plan { levers }
    }

    fn goodness(&self, value: f64) -> f64 {
        if self.outcome.higher_is_better() {
            value
        } else {
            -value
        }
    }

    /// Evaluates a plan once (later calls read the cache) and offers it to the frontier.
    fn evaluate(&mut self, steps: &[u8]) -> Evaluated {
        if let Some(&known) = self.cache.get(steps) {
            return known;
        }
        let plan = self.plan(steps);
        let assumptions = self.model.central(&plan);
        let value = outcome_value(self.model, &plan, &assumptions, self.outcome, self.year);
        let evaluated = Evaluated {
            peak_cost: peak_cost_gbp_per_year(self.model, &plan),
            goodness: self.goodness(value),
        };
        self.cache.insert(steps.to_vec(), evaluated);
        self.offer(steps, evaluated);
        evaluated
    }

    /// Adds a plan to the frontier if it beats every plan costing no more, and drops the
    /// plans costing at least as much that it beats.
    fn offer(&mut self, steps: &[u8], new: Evaluated) {
        // Points costing no more than the new plan come first.
        let fits = self
            .front
            .partition_point(|(_, point)| point.peak_cost <= new.peak_cost);
        if let Some((_, cheaper)) = fits.checked_sub(1).map(|i| &self.front[i]) {
            if new.goodness <= cheaper.goodness + MIN_IMPROVEMENT {
                return;
            }
        }
        // A plan of equal cost sits just before `fits` and is beaten, so drop it too.
        let start = self.front[..fits]
            .iter()
            .rposition(|(_, point)| point.peak_cost < new.peak_cost)
            .map_or(0, |i| i + 1);
        let end = fits
            + self.front[fits..]
                .iter()
                .take_while(|(_, point)| point.goodness <= new.goodness + MIN_IMPROVEMENT)
                .count();
        self.front
            .splice(start..end, [(steps.to_vec(), new)])
            .for_each(drop);
    }

    /// Raises one lever a step at a time, best gain per pound first, until nothing gains.
    fn greedy_path(&mut self) {
        let top = (self.grid.len() - 1) as u8;
        let mut current: Steps = vec![0; self.candidates.len()];
        let mut here = self.evaluate(&current);
        loop {
            let mut best: Option<(f64, Steps, Evaluated)> = None;
            for k in 0..current.len() {
                if current[k] == top {
                    continue;
                }
                let mut next = current.clone();
                next[k] += 1;
                let there = self.evaluate(&next);
                let gain = there.goodness - here.goodness;
                if gain <= MIN_IMPROVEMENT {
                    continue;
                }
                let extra_cost = there.peak_cost - here.peak_cost;
                let per_pound = if extra_cost > 0.0 {
                    gain / extra_cost
                } else {
                    f64::INFINITY
                };
                if best.as_ref().is_none_or(|(b, _, _)| per_pound > *b) {
                    best = Some((per_pound, next, there));
                }
            }
            match best {
                Some((_, next, there)) => {
                    current = next;
                    here = there;
                }
                None => break,
            }
        }
    }

    /// Explores every frontier plan's neighbours (one step up, one down, one up with
    /// another down) until every frontier plan has been explored.
    fn local_search(&mut self) {
        let top = (self.grid.len() - 1) as u8;
        let mut explored: HashSet<Steps> = HashSet::new();
        while self.cache.len() < MAX_EVALUATIONS {
            let Some(steps) = self
                .front
                .iter()
                .map(|(steps, _)| steps)
                .find(|steps| !explored.contains(*steps))
                .cloned()
            else {
                break;
            };
            explored.insert(steps.clone());
            let n = steps.len();
            for up in 0..n {
                if steps[up] < top {
                    let mut next = steps.clone();
                    next[up] += 1;
                    self.evaluate(&next);
                }
                if steps[up] > 0 {
                    let mut next = steps.clone();
                    next[up] -= 1;
                    self.evaluate(&next);
                }
            }
            for up in (0..n).filter(|&k| steps[k] < top) {
                for down in (0..n).filter(|&k| k != up && steps[k] > 0) {
                    let mut next = steps.clone();
                    next[up] += 1;
                    next[down] -= 1;
                    self.evaluate(&next);
                }
            }
        }
    }
}

/// Checks a request's grid: from 0, strictly rising, at most 1, at most
/// [`MAX_GRID_VALUES`] values.
fn check_grid(grid: &[f64]) -> Result<(), InputError> {
    let problem = if !(2..=MAX_GRID_VALUES).contains(&grid.len()) {
        Some(format!(
            "has {} values; give 2 to {MAX_GRID_VALUES}, from 0 to at most 1",
            grid.len()
        ))
    } else if grid[0] != 0.0 {
        Some("must start at 0 (the lever off)".to_owned())
    } else if !grid.iter().all(|share| share.is_finite() && *share <= 1.0)
        || grid.windows(2).any(|w| w[0] >= w[1])
    {
        Some("must rise strictly and stay within 0 to 1".to_owned())
    } else {
        None
    };
    match problem {
        Some(problem) => Err(InputError::field("reach_grid", problem)),
        None => Ok(()),
    }
}

/// The candidate levers at their default settings (reach 1 for now) and the request's end
/// year, in catalogue order; a lever that would start after the end year is left out.
fn candidate_levers(
    model: &Model,
    ids: &[String],
    end_year: Option<i32>,
) -> Result<Vec<ActiveLever>, InputError> {
    let catalogue = model.catalogue();
    let mut settings = LeverSettings::new();
    for id in ids {
        let Some(lever) = catalogue.get(id) else {
            let hint = nearest_name(id, catalogue.levers.iter().map(|l| l.id.as_str()))
                .map(|name| format!(" (did you mean `{name}`?)"))
                .unwrap_or_default();
            return Err(InputError::field(
                "levers",
                format!("{id:?} is not a lever this version of Pathways knows{hint}"),
            ));
        };
        let mut setting = lever.default_setting(model.area());
        setting.reach_share = 1.0;
        if settings.insert(lever.id.clone(), setting).is_some() {
            return Err(InputError::field(
                "levers",
                format!("{id:?} is named twice; give each lever once"),
            ));
        }
    }
    if ids.is_empty() {
        for lever in &catalogue.levers {
            let mut setting = lever.default_setting(model.area());
            setting.reach_share = 1.0;
            settings.insert(lever.id.clone(), setting);
        }
    }
    settings.retain(|_, s| end_year.is_none_or(|end| s.start_year <= end));
    for setting in settings.values_mut() {
        setting.end_year = end_year;
    }
    Ok(Plan::resolve(&settings, catalogue, model.area())?.levers)
}

/// The cost-outcome frontier for one headline outcome in one year (see the module's
/// documentation for the method). Errors name the request's field at fault: an unknown
/// outcome or lever (with the nearest name), a year outside the projection, a bad grid.
pub fn frontier(model: &Model, request: &FrontierRequest) -> Result<Frontier, InputError> {
    let outcome = request.outcome;
    let area = model.area();
    if !area.years().contains(&request.year) {
        return Err(InputError::field(
            "year",
            format!(
                "{} is outside the projection, {} to {}",
                request.year, area.base_year, area.horizon_end_year
            ),
        ));
    }
    check_grid(&request.reach_grid)?;
    if let Some(end) = request.end_year {
        if !area.years().contains(&end) {
            return Err(InputError::field(
                "end_year",
                format!(
                    "{end} is outside the projection, {} to {}",
                    area.base_year, area.horizon_end_year
                ),
            ));
        }
    }
    let mut search = Search {
        model,
        outcome,
        year: request.year,
        grid: &request.reach_grid,
        candidates: candidate_levers(model, &request.levers, request.end_year)?,
        cache: HashMap::new(),
        front: Vec::new(),
    };
    let baseline_plan = Plan::default();
    let baseline_value = outcome_value(
        model,
        &baseline_plan,
        &model.central(&baseline_plan),
        outcome,
        request.year,
    );
    // Drop levers that cannot move the outcome in this year even at full reach.
    let top = (request.reach_grid.len() - 1) as u8;
    let moves: Vec<bool> = (0..search.candidates.len())
        .map(|k| {
            let mut alone = vec![0; search.candidates.len()];
            alone[k] = top;
            let plan = search.plan(&alone);
            outcome_value(model, &plan, &model.central(&plan), outcome, request.year)
                != baseline_value
        })
        .collect();
    let mut keep = moves.iter();
    search
        .candidates
        .retain(|_| keep.next().copied().unwrap_or(false));

    search.greedy_path();
    search.local_search();

    let catalogue = model.catalogue();
    let points = search
        .front
        .iter()
        .map(|(steps, evaluated)| {
            let levers = search
                .candidates
                .iter()
                .zip(steps)
                .filter(|(_, &step)| step > 0)
                .map(|(lever, &step)| {
                    let mut setting = lever.setting;
                    setting.reach_share = request.reach_grid[usize::from(step)];
                    (catalogue.levers[lever.catalogue_index].id.clone(), setting)
                })
                .collect();
            let value = search.goodness(evaluated.goodness);
            FrontierPoint {
                levers,
                peak_cost_gbp_per_year: evaluated.peak_cost,
                value,
                change: value - baseline_value,
            }
        })
        .collect();
    Ok(Frontier {
        outcome,
        year: request.year,
        higher_is_better: outcome.higher_is_better(),
        baseline_value,
        points,
        plans_evaluated: search.cache.len(),
    })
}

/// The best plan found whose peak yearly cost is within the budget: [`frontier`] read at
/// `budget_gbp_per_year`. Errors as [`frontier`], and for a negative or non-numeric budget.
pub fn best_plan(
    model: &Model,
    request: &FrontierRequest,
    budget_gbp_per_year: f64,
) -> Result<FrontierPoint, InputError> {
    if !(budget_gbp_per_year.is_finite() && budget_gbp_per_year >= 0.0) {
        return Err(InputError::field(
            "budget",
            format!("{budget_gbp_per_year} is not a budget: give pounds a year, 0 or more"),
        ));
    }
    let frontier = frontier(model, request)?;
    frontier
        .best_within(budget_gbp_per_year)
        .cloned()
        .ok_or_else(|| {
            InputError::field(
                "budget",
                format!("no plan found costs £{budget_gbp_per_year:.0} a year or less"),
            )
        })
}

/// For each frontier plan, the share of `draws` Monte Carlo draws (as
/// [`Model::draw_assumptions`]: scale-up, effects, persistence and the baseline's sampling
/// error) in which the outcome's expected value in the frontier's year reaches
/// `threshold` (at least it, or at most it when lower is better). The chance in who is in
/// a small cohort is not drawn: the target is on the expected rate.
pub fn chance_of_reaching(
    model: &Model,
    frontier: &Frontier,
    threshold: f64,
    draws: u32,
    seed: u64,
) -> Result<FrontierChances, InputError> {
    chance_of_reaching_with_progress(model, frontier, threshold, draws, seed, &mut |_, _| {})
}

/// [`chance_of_reaching`], calling `progress(done, of)` after each plan, for a long run.
pub fn chance_of_reaching_with_progress(
    model: &Model,
    frontier: &Frontier,
    threshold: f64,
    draws: u32,
    seed: u64,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<FrontierChances, InputError> {
    let outcome = frontier.outcome;
    let draws = draws.clamp(1, crate::model::monte_carlo::MAX_DRAWS);
    let plans = frontier.points.len();
    let chance = frontier
        .points
        .iter()
        .enumerate()
        .map(|(done, point)| {
            let plan = Plan::resolve(&point.levers, model.catalogue(), model.area())?;
            let reached = (0..u64::from(draws))
                .filter(|&draw| {
                    let assumptions = model.draw_assumptions(&plan, seed, draw);
                    let value = outcome_value(model, &plan, &assumptions, outcome, frontier.year);
                    if outcome.higher_is_better() {
                        value >= threshold
                    } else {
                        value <= threshold
                    }
                })
                .count();
            progress(done + 1, plans);
            Ok(reached as f64 / f64::from(draws))
        })
        .collect::<Result<Vec<f64>, InputError>>()?;
    Ok(FrontierChances {
        threshold,
        draws,
        seed,
        chance,
    })
}

/// Whole pounds with thousands separators: `500000.0` → `£500,000`.
fn whole_pounds(pounds: f64) -> String {
    let grouped = crate::text::thousands(pounds);
    match grouped.strip_prefix('-') {
        Some(digits) => format!("-£{digits}"),
        None => format!("£{grouped}"),
    }
}

/// A short name for the outcome in a scenario's name: `FSM KS4`, `FSM gap at KS4`,
/// `FSM NEET at 20`.
fn outcome_label(outcome: Outcome) -> String {
    match outcome {
        Outcome::FsmRate(stage) => format!("FSM {}", stage.label()),
        Outcome::Gap(stage) => format!("FSM gap at {}", stage.label()),
        Outcome::FsmNeet => "FSM NEET at 20".to_owned(),
    }
}

/// The best plan within a budget as a scenario to save, share or load: named for the
/// budget, outcome and year, its description saying how it was found and what it gives,
/// and made for `model`'s area.
pub fn best_plan_scenario(
    model: &Model,
    request: &FrontierRequest,
    budget_gbp_per_year: f64,
    point: &FrontierPoint,
) -> Result<Scenario, InputError> {
    let outcome = request.outcome;
    let year = request.year;
    let grid: Vec<String> = request
        .reach_grid
        .iter()
        .map(|share| format!("{}%", (share * 100.0 * 10.0).round() / 10.0))
        .collect();
    let levers = if request.levers.is_empty() {
        "every lever".to_owned()
    } else {
        format!("the levers {}", request.levers.join(", "))
    };
    let value = if outcome.is_gap() {
        format!("{:.1} points", point.value * 100.0)
    } else {
        format!("{:.1}%", point.value * 100.0)
    };
    let description = format!(
        "Found by Pathways' optimiser: the plan with the best central projection of \
         \"{title}\" in {year} among \
         plans whose spending stays within {budget} in every year, choosing the reach of {levers} \
         from {grid} at each lever's default start year and ramp-up (a greedy path by gain per \
         pound, then local search over exchanges; docs/MODEL.md, Optimiser). Peak yearly cost \
         {cost}; {title} in {year}: {value}, {change:+.1} points against the baseline.",
        title = outcome.title(),
        budget = whole_pounds(budget_gbp_per_year),
        grid = grid.join(", "),
        cost = whole_pounds(point.peak_cost_gbp_per_year),
        change = point.change * 100.0,
    );
    Ok(Scenario {
        version: SCENARIO_VERSION,
        name: format!(
            "Best plan for {} a year: {} in {year}",
            whole_pounds(budget_gbp_per_year),
            outcome_label(outcome)
        ),
        description,
        levers: point.levers.clone(),
        area: Some(model.area().id.clone()),
        ..Scenario::baseline()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pounds_are_grouped_in_thousands() {
        assert_eq!(whole_pounds(0.0), "£0");
        assert_eq!(whole_pounds(999.4), "£999");
        assert_eq!(whole_pounds(500_000.0), "£500,000");
        assert_eq!(whole_pounds(1_234_567.0), "£1,234,567");
    }

    #[test]
    fn the_rate_of_one_year_is_the_projections() {
        let model = Model::hastings();
        let request = FrontierRequest::new(Outcome::FsmRate(Stage::Ks4), 2030);
        let point = best_plan(&model, &request, 400_000.0).unwrap();
        let plan = Plan::resolve(&point.levers, model.catalogue(), model.area()).unwrap();
        let projection = model.project(&plan);
        let assumptions = model.central(&plan);
        for year in model.area().years() {
            for stage in Stage::ALL {
                for group in Group::ALL {
                    assert_eq!(
                        model.rate_in_year(&plan, &assumptions, stage, group, year),
                        projection
                            .year(year)
                            .unwrap()
                            .stage(stage)
                            .group(group)
                            .rate
                    );
                }
            }
        }
    }

    #[test]
    fn the_scenario_names_budget_outcome_year_and_area() {
        let model = Model::hastings();
        let request = FrontierRequest::new(Outcome::FsmRate(Stage::Ks4), 2030);
        let point = best_plan(&model, &request, 500_000.0).unwrap();
        let scenario = best_plan_scenario(&model, &request, 500_000.0, &point).unwrap();
        assert_eq!(
            scenario.name,
            "Best plan for £500,000 a year: FSM KS4 in 2030"
        );
        assert_eq!(scenario.area.as_deref(), Some("hastings"));
        assert!(scenario.description.contains("0%, 25%, 50%, 75%, 100%"));
        let back = Scenario::from_json(&scenario.to_json()).unwrap();
        assert_eq!(back.plan(&model).unwrap(), scenario.plan(&model).unwrap());
    }
}
