//! Prioritising: the best plan for a budget. The worker searches the levers' reach for
//! the plans with the best expected outcome at each cost (the cost-impact frontier); a
//! point loads its plan.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::export_buttons::ExportButtons;
use super::select::{year_options, OutcomeSelect, Select};
use crate::app::charts::frontier::{self as geometry, CHANCE_HEIGHT, HEIGHT, WIDTH};
use crate::app::format;
use crate::app::frontier_view::FrontierView;
use crate::app::jobs::{FrontierAnswer, FrontierJob};
use crate::app::state::{Action, FrontierState, WorkerAction, SEED};
use crate::app::view_model::Shared;
use crate::model::{LeverSettings, Model, Stage};
use crate::scenario::optimise::{best_plan_scenario, Frontier, FrontierPoint, FrontierRequest};
use crate::scenario::outcome::Outcome;
use crate::scenario::target::Target;

#[derive(Properties, PartialEq)]
pub struct OptimiserPanelProps {
    /// The levers and area, for names and the years offered.
    pub model: Shared<Model>,
    pub frontier: Shared<FrontierState>,
    /// The budget a year (the cost panel's), which the best plan must stay within.
    pub budget_gbp_per_year: f64,
    /// The board's targets: the chance of the chosen outcome's is shown along the frontier.
    pub targets: Vec<Target>,
    /// The headline year, offered first.
    pub target_year: i32,
    pub on_action: Callback<Action>,
}

/// The plan's levers in catalogue order, as "name (reach from start year)", or, `short`,
/// "name reach".
fn lever_words(model: &Model, levers: &LeverSettings, short: bool) -> Vec<String> {
    model
        .catalogue()
        .levers
        .iter()
        .filter_map(|lever| {
            levers.get(&lever.id).map(|setting| {
                if short {
                    return format!(
                        "{} {}",
                        lever.name,
                        format::percent_short(setting.reach_share)
                    );
                }
                format!(
                    "{} ({} reach from {}{})",
                    lever.name,
                    format::percent_short(setting.reach_share),
                    setting.start_year,
                    setting
                        .end_year
                        .map(|end| format!(" until {end}"))
                        .unwrap_or_default()
                )
            })
        })
        .collect()
}

#[component]
pub fn OptimiserPanel(props: &OptimiserPanelProps) -> Html {
    // The outcome offered first: the first one the board has a target for, else KS4.
    let outcome = use_state(|| {
        props
            .targets
            .first()
            .map_or(Outcome::FsmRate(Stage::Ks4), |t| t.outcome)
    });
    let show_table = use_state(|| false);
    // None follows the headline year.
    let chosen_year = use_state(|| None::<i32>);
    let model = &props.model;
    let years = model.area().years();
    let year = chosen_year
        .unwrap_or(props.target_year)
        .clamp(*years.start(), *years.end());
    let target = props
        .targets
        .iter()
        .find(|t| t.outcome == *outcome)
        .copied();

    let on_outcome = {
        let outcome = outcome.clone();
        Callback::from(move |chosen: Outcome| outcome.set(chosen))
    };
    let on_year = {
        let chosen_year = chosen_year.clone();
        Callback::from(move |value: String| {
            if let Ok(y) = value.parse::<i32>() {
                chosen_year.set(Some(y));
            }
        })
    };
    // None: every plan is funded to the horizon.
    let chosen_end = use_state(|| None::<i32>);
    let end_year = chosen_end.map(|end| end.clamp(*years.start(), *years.end()));
    let on_end = {
        let chosen_end = chosen_end.clone();
        Callback::from(move |value: String| {
            if value.is_empty() {
                chosen_end.set(None);
            } else if let Ok(y) = value.parse::<i32>() {
                chosen_end.set(Some(y));
            }
        })
    };
    let on_find = {
        let (on_action, outcome) = (props.on_action.clone(), *outcome);
        Callback::from(move |_: MouseEvent| {
            on_action.emit(Action::Worker(WorkerAction::RequestFrontier(FrontierJob {
                request: FrontierRequest {
                    end_year,
                    ..FrontierRequest::new(outcome, year)
                },
                target_share: target.map(|t| t.value_percent / 100.0),
                seed: SEED,
            })));
        })
    };

    let frontier = &props.frontier;
    let budget = props.budget_gbp_per_year;
    let status = if frontier.pending.is_some() {
        "Searching…".to_owned()
    } else {
        String::new()
    };

    let target_note = match target {
        Some(t) => format!(
            "The chance shown is that the plan's expected rate reaches the board's target for {}: {} {} (set for {}), in the year searched, over {} simulated draws of the assumptions. It leaves out drift and cohort noise, so it is not the chance that the published figure reaches the target: the headline card gives that (from 1,000 draws), and the two can differ by ten points or more. Quote the card's.",
            t.outcome.short_title(),
            t.direction().symbol(),
            format::outcome_value(t.outcome, t.value_percent / 100.0),
            t.year,
            crate::app::jobs::FRONTIER_DRAWS,
        ),
        None => format!(
            "No target is set for {}, so no chance of reaching one is shown (set one under Success measures).",
            outcome.short_title()
        ),
    };

    html! {
        <section class="optimiser" id="optimiser" aria-labelledby="optimiser-heading">
            <h2 id="optimiser-heading">{ "Best plan for a budget" }</h2>
            <p class="hint">
                { "Which levers, at what reach, give the best expected result for the money? The search tries each lever at 0, 25, 50, 75 or 100% reach from its default start year: first a greedy path that adds the step with the most gain per pound, then a local search that swaps steps between levers. A plan fits the budget when its cost is within it in every year, and a bigger budget never gives a worse plan." }
            </p>
            <div class="optimiser-controls">
                <label for="optimiser-outcome">{ "Outcome" }</label>
                <OutcomeSelect id="optimiser-outcome" role="optimiser-outcome" value={*outcome} onchange={on_outcome} short=true />
                <label for="optimiser-year">{ "Year" }</label>
                <Select id="optimiser-year" role="optimiser-year" value={year.to_string()} onchange={on_year}
                    options={year_options(*years.start(), *years.end())} />
                <label for="optimiser-end">{ "Funded until" }</label>
                <Select id="optimiser-end" role="optimiser-end" value={end_year.map(|y| y.to_string()).unwrap_or_default()} onchange={on_end}
                    options={std::iter::once((String::new(), "no end".to_owned())).chain(year_options(*years.start(), *years.end())).collect::<Vec<_>>()} />
                <span class="optimiser-budget">
                    { format!("Budget {} a year ", format::gbp(budget)) }
                    <a href="#cost">{ "(change it under Cost)" }</a>
                </span>
                <button id="optimiser-find" data-role="find-plans" onclick={on_find}>{ "Find the best plans" }</button>
            </div>
            <p class="hint" data-role="target-note">{ target_note }</p>
            <p class="optimiser-status" aria-live="polite" data-role="optimiser-status">{ status }</p>
            if let Some(error) = &frontier.error {
                <p class="error" role="alert" data-role="optimiser-error">{ format!("The search failed: {error}") }</p>
            }
            { answer_view(props, show_table) }
        </section>
    }
}

/// The latest answer: the best plan within the budget in words, the frontier chart and
/// its table.
fn answer_view(props: &OptimiserPanelProps, show_table: UseStateHandle<bool>) -> Html {
    let Some(answer) = props.frontier.answer.clone() else {
        return Html::default();
    };
    let model = props.model.clone();
    let budget = props.budget_gbp_per_year;
    let found = &answer.frontier;
    let view = FrontierView::new(&answer, budget);
    let (outcome, year) = (view.outcome, view.year);
    let chances = view.chances.clone();
    let chance_at = |i: usize| view.chance_at(i);
    let chance_header = view.chance_header.clone();
    let best_index = view.best;

    let load = load_callback(model.clone(), props.on_action.clone(), &answer);

    let plans: Vec<(f64, f64)> = found
        .points
        .iter()
        .map(|p| (p.peak_cost_gbp_per_year, p.value * 100.0))
        .collect();
    let target_value = answer.job.target_share.map(|s| s * 100.0);
    let layout = geometry::layout(&plans, budget, target_value);
    let chance_panel = chances
        .as_ref()
        .map(|c| geometry::chance_layout(&layout, c));
    let svg_height = HEIGHT + chance_panel.as_ref().map_or(0.0, |_| CHANCE_HEIGHT);
    let title = format!(
        "{} in {year}: best value found at each peak cost a year",
        outcome.short_title()
    );
    let elapsed = props.frontier.elapsed_ms.unwrap_or(0.0);

    let toggle = {
        let show_table = show_table.clone();
        Callback::from(move |_: MouseEvent| show_table.set(!*show_table))
    };
    // The marker Tab reaches: the best plan's (the arrows move from there).
    let tab_stop = best_index.unwrap_or(0);
    let best_view = best_plan_view(&model, &view, found, budget, &load);

    html! {
        <>
            { best_view }
            <p class="hint" data-role="search-time" data-ms={format!("{elapsed:.0}")} data-plans={found.plans_evaluated.to_string()}>
                { format!("Searched {} plans in {} ms.", found.plans_evaluated, format!("{elapsed:.0}")) }
            </p>
            <figure class="chart frontier-chart" data-chart="frontier">
                <figcaption id="frontier-chart-title">{ title.clone() }</figcaption>
                <svg id="svg-frontier" viewBox={format!("0 0 {WIDTH} {svg_height}")} width={WIDTH.to_string()} height={svg_height.to_string()}
                    role="group" aria-labelledby="frontier-chart-title">
                    <desc>{ format!("{} plans from {} to {} a year; budget {} a year.{}", found.points.len(),
                        format::gbp(plans.first().map_or(0.0, |p| p.0)), format::gbp(plans.last().map_or(0.0, |p| p.0)), format::gbp(budget),
                        match (&chances, &chance_header) {
                            // ("Chance …" → "the chance …", without str::to_lowercase's tables.)
                            (Some(c), Some(header)) => format!(" Below, the c{} along the frontier: from {:.0}% to {:.0}%.", header.trim_start_matches('C'),
                                c.first().copied().unwrap_or(0.0) * 100.0, c.iter().copied().fold(0.0, f64::max) * 100.0),
                            _ => String::new(),
                        }) }</desc>
                    { frontier_axes(&layout, outcome, year, budget, target_value) }
                    <path class="frontier-line" d={layout.step_path.clone()} fill="none" stroke="#0072b2" stroke-width="2.5" stroke-linejoin="round"
                        data-values={plans.iter().map(|p| format!("{:.4}", p.1)).collect::<Vec<_>>().join(",")} />
                    if let (Some(panel), Some(header)) = (&chance_panel, &chance_header) {
                        { chance_view(&layout, panel, header) }
                    }
                    <g class="frontier-points">
                        for (index, (&(px, py), point)) in layout.points.iter().zip(found.points.iter()).enumerate() {
                            { marker(index, (px, py), point, outcome, chance_at(index),
                                Some(index) == best_index, index == tab_stop, load.clone()) }
                        }
                    </g>
                </svg>
                <div class="chart-actions">
                    <button class="link" data-role="toggle-table" aria-expanded={show_table.to_string()} aria-controls="frontier-table"
                        aria-describedby="frontier-chart-title" onclick={toggle}>
                        { if *show_table { "Hide table".to_owned() } else { format!("Show all {} plans as a table", found.points.len()) } }
                    </button>
                    <ExportButtons svg_id="svg-frontier" file_stem={format!("pathways-frontier-{}-{year}", outcome.key())} title={title.clone()} on_action={props.on_action.clone()} />
                </div>
                if *show_table {
                    { frontier_table(&model, &view, found, budget, &load) }
                }
            </figure>
        </>
    }
}

/// The chance panel under the frontier: each plan's chance of reaching the target, as a
/// step line on the same cost axis, with 0, 50 and 100% marked.
fn chance_view(
    frontier: &geometry::FrontierLayout,
    panel: &geometry::ChanceLayout,
    header: &str,
) -> Html {
    let (left, right) = (frontier.plot_left(), frontier.plot_right());
    html! {
        <g class="frontier-chance" data-series="chance">
            <g class="grid" aria-hidden="true">
                <text class="tick" x={left.to_string()} y={format!("{:.1}", panel.top - 8.0)}>{ header.to_owned() }</text>
                for t in panel.y_ticks.iter() {
                    <line x1={left.to_string()} x2={right.to_string()} y1={format!("{:.1}", t.at)} y2={format!("{:.1}", t.at)} />
                    <text class="tick" x={(left - 6.0).to_string()} y={format!("{:.1}", t.at + 4.0)} text-anchor="end">
                        { format!("{:.0}%", t.value * 100.0) }
                    </text>
                }
            </g>
            <line class="budget-line" x1={format!("{:.1}", frontier.budget_x)} x2={format!("{:.1}", frontier.budget_x)}
                y1={panel.top.to_string()} y2={panel.bottom.to_string()} />
            <path d={panel.step_path.clone()} fill="none" stroke="#007a5a" stroke-width="2" stroke-linejoin="round" />
            for &(px, py) in panel.points.iter() {
                <circle aria-hidden="true" cx={format!("{px:.1}")} cy={format!("{py:.1}")} r="2.5" fill="#007a5a" />
            }
        </g>
    }
}

/// One frontier plan's marker: focusable, and Enter, Space or a click loads its plan.
#[allow(clippy::too_many_arguments)]
fn marker(
    index: usize,
    (px, py): (f64, f64),
    point: &FrontierPoint,
    outcome: Outcome,
    chance: Option<f64>,
    best: bool,
    tab_stop: bool,
    load: Callback<(usize, f64)>,
) -> Html {
    let cost = point.peak_cost_gbp_per_year;
    let label = format!(
        "Load plan: {} a year, value {}{}",
        format::gbp(cost),
        format::outcome_value(outcome, point.value),
        chance.map_or(String::new(), |c| format!(
            ", chance of the target {:.0}%",
            c * 100.0
        ))
    );
    let onclick = load.reform(move |_: MouseEvent| (index, cost));
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        let step = match e.key().as_str() {
            "Enter" | " " => {
                e.prevent_default();
                load.emit((index, cost));
                return;
            }
            "ArrowRight" | "ArrowUp" => true,
            "ArrowLeft" | "ArrowDown" => false,
            _ => return,
        };
        // One tab stop for the whole chart; the arrows move along the frontier.
        let here: Option<web_sys::Element> = e.target_dyn_into();
        let next = here.and_then(|el| {
            if step {
                el.next_element_sibling()
            } else {
                el.previous_element_sibling()
            }
        });
        if let Some(next) = next {
            e.prevent_default();
            let _ = next.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
    html! {
        <g class={classes!("frontier-point", best.then_some("best"))} tabindex={if tab_stop { "0" } else { "-1" }} role="button" aria-label={label.clone()}
            data-index={index.to_string()} {onclick} {onkeydown}>
            <title>{ label }</title>
            <circle class="hit" cx={format!("{px:.1}")} cy={format!("{py:.1}")} r={if best { "9" } else { "5" }} fill="transparent" />
            <circle class="dot" cx={format!("{px:.1}")} cy={format!("{py:.1}")} r={if best { "7" } else { "4" }}
                fill={if best { "#e69f00" } else { "#0072b2" }} stroke={if best { "#1b1f24" } else { "#ffffff" }} stroke-width={if best { "1.5" } else { "0.75" }} />
        </g>
    }
}

/// One plan in the table, with a button that loads it.
#[allow(clippy::too_many_arguments)]
fn table_row(
    model: &Model,
    outcome: Outcome,
    index: usize,
    point: &FrontierPoint,
    chance: Option<f64>,
    has_chances: bool,
    best: bool,
    budget: f64,
    load: Callback<(usize, f64)>,
) -> Html {
    let cost = point.peak_cost_gbp_per_year;
    let words = lever_words(model, &point.levers, true).join("; ");
    let onclick = load.reform(move |_: MouseEvent| (index, cost));
    // For scripts and tests: `lever_id=reach percent`, comma-separated.
    let reaches = point
        .levers
        .iter()
        .map(|(id, setting)| format!("{id}={}", (setting.reach_share * 100.0).round()))
        .collect::<Vec<_>>()
        .join(",");
    html! {
        <tr data-levers={reaches} data-index={index.to_string()} data-cost={cost.to_string()} data-value={point.value.to_string()}
            data-chance={chance.map(|c| c.to_string())}
            class={classes!(best.then_some("best"), (cost > budget).then_some("over"))}>
            <th scope="row">{ format::gbp(cost) }</th>
            <td>{ format::outcome_value(outcome, point.value) }</td>
            <td>{ format::points_change(point.change) }</td>
            if has_chances {
                <td>{ chance.map_or("–".to_owned(), |c| format!("{:.0}%", c * 100.0)) }</td>
            }
            <td class="optimiser-lever-list">{ if words.is_empty() { "None (the baseline)".to_owned() } else { words } }</td>
            <td>
                <button class="secondary" data-role="load-plan" {onclick}
                    aria-label={format!("Load plan {}: {} a year", index + 1, format::gbp(cost))}>{ "Load" }</button>
            </td>
        </tr>
    }
}

/// Loads a frontier plan, named for the budget it is the best plan within.
fn load_callback(
    model: Shared<Model>,
    on_action: Callback<Action>,
    answer: &FrontierAnswer,
) -> Callback<(usize, f64)> {
    let request = answer.job.request.clone();
    let points = answer.frontier.points.clone();
    Callback::from(move |(index, within): (usize, f64)| {
        let Some(point) = points.get(index) else {
            return;
        };
        match best_plan_scenario(&model, &request, within, point) {
            Ok(scenario) => on_action.emit(Action::LoadScenario(scenario)),
            Err(e) => on_action.emit(Action::notice(
                true,
                format!("The plan was not loaded: {e}"),
            )),
        }
    })
}

/// The best plan within the budget, in words, with a button that loads it.
fn best_plan_view(
    model: &Model,
    view: &FrontierView,
    found: &Frontier,
    budget: f64,
    load: &Callback<(usize, f64)>,
) -> Html {
    let (outcome, year) = (view.outcome, view.year);
    match view.best_plan(found) {
        Some((index, point)) => {
            let words = lever_words(model, &point.levers, false);
            let onclick = load.reform(move |_: MouseEvent| (index, budget));
            html! {
                <div class="optimiser-best" data-role="best-plan" data-cost={point.peak_cost_gbp_per_year.to_string()}
                    data-value={point.value.to_string()} data-index={index.to_string()}>
                    <h3>{ format!("Best plan for {} a year: {} in {year}", format::gbp(budget), outcome.short_title()) }</h3>
                    if words.is_empty() {
                        <p>{ "No plan found fits this budget better than doing nothing: every step costs more than the budget allows." }</p>
                    } else {
                        <ul class="optimiser-levers">
                            for w in words { <li>{ w }</li> }
                        </ul>
                    }
                    <p>
                        { format!("Peak cost {} a year. {} in {year}: {} ({} against the baseline's {}).",
                            format::gbp(point.peak_cost_gbp_per_year), outcome.short_title(),
                            format::outcome_value(outcome, point.value), format::points_change(point.change),
                            format::outcome_value(outcome, found.baseline_value)) }
                        if let (Some(chance), Some(header)) = (view.chance_at(index), &view.chance_header) {
                            { format!(" {header}: {:.0}%.", chance * 100.0) }
                        }
                    </p>
                    <p class="hint">{ "The cheapest plan within 0.05 points of the best this budget buys: dearer plans on the frontier add less than any published figure could show." }</p>
                    <button data-role="load-best" {onclick}>{ "Load this plan" }</button>
                </div>
            }
        }
        None => html! {
            <p data-role="best-plan">{ "No plan found fits this budget." }</p>
        },
    }
}

/// The frontier chart's grid, axes, budget line and target line.
fn frontier_axes(
    layout: &geometry::FrontierLayout,
    outcome: Outcome,
    year: i32,
    budget: f64,
    target_value: Option<f64>,
) -> Html {
    let unit = outcome.unit();
    html! {
        <>
        <g class="grid" aria-hidden="true">
            for t in layout.y_ticks.iter() {
                <line x1={layout.plot_left().to_string()} x2={layout.plot_right().to_string()} y1={format!("{:.1}", t.at)} y2={format!("{:.1}", t.at)} />
                <text class="tick" x={(layout.plot_left() - 6.0).to_string()} y={format!("{:.1}", t.at + 4.0)} text-anchor="end">
                    { if outcome.is_gap() { format!("{:.0}", t.value) } else { format!("{:.0}%", t.value) } }
                </text>
            }
            for t in layout.x_ticks.iter() {
                <text class="tick" x={format!("{:.1}", t.at)} y={(layout.plot_bottom() + 18.0).to_string()} text-anchor="middle">{ format::gbp(t.value) }</text>
            }
            <text class="tick" x={format!("{:.1}", 0.5 * (layout.plot_left() + layout.plot_right()))} y={(HEIGHT - 6.0).to_string()} text-anchor="middle">
                { "Peak cost a year" }
            </text>
            <text class="tick" transform={format!("translate(14 {:.1}) rotate(-90)", 0.5 * (layout.plot_top() + layout.plot_bottom()))} text-anchor="middle">
                { format!("{} in {year} ({unit})", outcome.short_title()) }
            </text>
        </g>
        <line class="budget-line" x1={format!("{:.1}", layout.budget_x)} x2={format!("{:.1}", layout.budget_x)}
            y1={layout.plot_top().to_string()} y2={layout.plot_bottom().to_string()} />
        <text class="tick" aria-hidden="true" x={format!("{:.1}", layout.budget_x + 4.0)} y={(layout.plot_top() - 8.0).to_string()} text-anchor="end">
            { format!("Budget {}", format::gbp(budget)) }
        </text>
        if let (Some(ty), Some(tv)) = (layout.target_y, target_value) {
            <line class="frontier-target" x1={layout.plot_left().to_string()} x2={layout.plot_right().to_string()}
                y1={format!("{ty:.1}")} y2={format!("{ty:.1}")} stroke="#007a5a" stroke-width="1.5" stroke-dasharray="2 3" />
            <text class="tick" aria-hidden="true" x={(layout.plot_right() - 4.0).to_string()} y={format!("{:.1}", ty + 15.0)} text-anchor="end" fill="#007a5a">
                { format!("Target {}", if outcome.is_gap() { format!("{tv:.1} pts") } else { format!("{tv:.1}%") }) }
            </text>
        }
        </>
    }
}

/// Every plan on the frontier as a table, cheapest first, each with a Load button.
fn frontier_table(
    model: &Model,
    view: &FrontierView,
    found: &Frontier,
    budget: f64,
    load: &Callback<(usize, f64)>,
) -> Html {
    let (outcome, year, best_index) = (view.outcome, view.year, view.best);
    html! {
        <div class="table-wrap frontier-table-wrap" tabindex="0" role="region" aria-label="Frontier plans: table">
            <table id="frontier-table" data-table="frontier">
                <caption>{ format!("The plans on the frontier, cheapest first: {} in {year}", outcome.short_title()) }</caption>
                <thead><tr>
                    <th scope="col">{ "Peak cost a year" }</th>
                    <th scope="col">{ format!("Value in {year}") }</th>
                    <th scope="col">{ "Change" }</th>
                    if let Some(header) = &view.chance_header {
                            <th scope="col">{ header.clone() }</th>
                        }
                    <th scope="col" class="optimiser-lever-list">{ "Levers (reach)" }</th>
                    <th scope="col">{ "Plan" }</th>
                </tr></thead>
                <tbody>
                    for (index, point) in found.points.iter().enumerate() {
                        { table_row(model, outcome, index, point, view.chance_at(index),
                            view.chances.is_some(), Some(index) == best_index, budget, load.clone()) }
                    }
                </tbody>
            </table>
        </div>
    }
}
