//! What the plan costs, year by year and in total, against a budget; what each lever
//! costs and buys; and the cost per additional FSM pupil reaching each standard.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::export_buttons::ExportButtons;
use crate::app::charts::cost::{cost_chart, CostChart, HEIGHT, LEFT, RIGHT, WIDTH};
use crate::app::format;
use crate::app::state::{Action, ViewAction};
use crate::app::view_model::{CostView, Shared};
use crate::model::Model;
use crate::scenario::appraisal::LeverCost;

#[derive(Properties, PartialEq)]
pub struct CostPanelProps {
    /// The catalogue, for lever names and who each lever serves.
    pub model: Shared<Model>,
    /// The plan's costs against the budget (`ViewModel::cost`).
    pub cost: Shared<CostView>,
    pub on_action: Callback<Action>,
    /// Whether what is shown is behind the levers (see `hooks::use_deferred_off_screen`).
    #[prop_or_default]
    pub behind: bool,
    /// The section element, for the page to see whether it is on screen.
    #[prop_or_default]
    pub section: NodeRef,
}

#[component]
pub fn CostPanel(props: &CostPanelProps) -> Html {
    let budget_error = use_state(|| None::<String>);
    let show_table = use_state(|| false);
    let on_budget = budget_callback(props.on_action.clone(), budget_error.clone());

    let cost = &props.cost;
    let (years, by_year) = (&cost.years, &cost.by_year_gbp);
    let (total, peak, budget, years_over) = (
        cost.total_gbp,
        cost.peak_gbp,
        cost.budget_gbp_per_year,
        cost.years_over,
    );

    let chart = cost_chart(years, by_year, budget);
    html! {
        <section class="cost" id="cost" aria-labelledby="cost-heading" ref={props.section.clone()} aria-busy={props.behind.then_some("true")}>
            <div class="section-head">
                <h2 id="cost-heading">{ "Cost" }</h2>
                <label for="budget">{ "Budget per year (£)" }</label>
                <input id="budget" type="number" min="0" step="50000" inputmode="numeric"
                    value={format!("{budget:.0}")} onchange={on_budget}
                    aria-describedby="budget-source budget-error" />
            </div>
            <p class="hint" id="budget-source">
                { "Default £2m a year, in any area: Hastings Opportunity Area's funding of up to £6m over three years (Hastings OA), as a starting point. Set your own budget above." }
            </p>
            <p id="budget-error" class="error" role="alert">{ (*budget_error).clone().unwrap_or_default() }</p>
            <p class="cost-summary" data-role="plan-total">
                { format!("Plan total {} over {}; peak {} a year. ", format::gbp(total), format::year_span(years), format::gbp(peak)) }
                if years_over > 0 {
                    <strong class="flag-text">{ format!("Over budget in {}.", format::count(years_over, "year", "years")) }</strong>
                } else {
                    { "Within budget every year." }
                }
            </p>
            { cost_figure(&chart, peak, budget, show_table, &props.on_action) }
            <div class="table-wrap" tabindex="0" role="region" aria-label="Cost by year: table">
            <table data-table="cost-per-pupil">
                <caption>{ "Cost per additional FSM pupil reaching each standard: the whole plan's cost over all years, divided by the extra FSM pupils at that stage. Each row carries the whole cost, so rows are alternatives, not parts to add." }</caption>
                <thead><tr><th scope="col">{ "Stage" }</th><th scope="col">{ "Extra FSM pupils" }</th><th scope="col">{ "Cost per extra pupil" }</th></tr></thead>
                <tbody>
                    for row in cost.stages.iter() {
                        <tr>
                            <th scope="row">{ row.stage.outcome() }</th>
                            <td>{ format::pupils(row.additional_fsm_pupils) }</td>
                            <td>{ row.cost_per_additional_fsm_pupil_gbp.map_or("–".to_owned(), format::gbp) }</td>
                        </tr>
                    }
                </tbody>
            </table>
            </div>
            if !cost.levers.is_empty() {
                { lever_costs_table(&props.model, &cost.levers) }
            }
        </section>
    }
}

/// A budget typed in pounds (commas and £ allowed), or why it was refused.
fn budget_callback(
    on_action: Callback<Action>,
    budget_error: UseStateHandle<Option<String>>,
) -> Callback<Event> {
    Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        match input.value().trim().replace([',', '£'], "").parse::<f64>() {
            Ok(value) if value.is_finite() && (0.0..=1e10).contains(&value) => {
                budget_error.set(None);
                on_action.emit(Action::View(ViewAction::SetBudget(value)));
            }
            _ => budget_error.set(Some(format!(
                "“{}” is not an amount in pounds between 0 and 10,000,000,000; the budget is unchanged.",
                input.value()
            ))),
        }
    })
}

/// Each lever alone: its cost, who it serves, its extra FSM pupils and whether it fits.
fn lever_costs_table(model: &Model, levers: &[LeverCost]) -> Html {
    let catalogue = model.catalogue();
    let name = |id: &str| catalogue.get(id).map_or(id.to_owned(), |l| l.name.clone());
    // "FSM pupils, Y10 to Y11 (2 year groups)": who a lever's cost a year pays for.
    let serves = |id: &str| {
        catalogue.get(id).map_or(String::new(), |l| {
            let count = l.year_groups.count();
            format!(
                "{}, {} ({count} year group{})",
                l.target.label(),
                l.year_groups.label(),
                if count == 1 { "" } else { "s" }
            )
        })
    };

    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="Cost by lever: table">
        <table data-table="lever-costs">
            <caption>{ "Levers, funded cheapest per extra FSM pupil first until the budget runs out. Each lever runs alone; it is paid for every year, for every year group it serves, and its extra FSM pupils are counted once, at its own stage." }</caption>
            <thead><tr><th scope="col">{ "Lever (who it serves)" }</th><th scope="col">{ "Cost a year per pupil served" }</th><th scope="col">{ "Cost a year per FSM pupil served" }</th><th scope="col">{ "Total cost" }</th><th scope="col">{ "Extra FSM pupils reaching its own stage's standard (alone)" }</th><th scope="col">{ "Cost per extra FSM pupil" }</th><th scope="col">{ "Budget" }</th></tr></thead>
            <tbody>
                for cost in levers.iter() {
                    <tr class={classes!((!cost.within_budget).then_some("over"))} data-lever-cost={cost.lever_id.to_string()}>
                        <th scope="row">{ name(&cost.lever_id) }<span class="cell-note">{ serves(&cost.lever_id) }</span></th>
                        <td>{ format::gbp(cost.per_pupil_a_year_gbp) }</td>
                        <td>{ format::gbp(cost.per_fsm_pupil_a_year_gbp) }</td>
                        <td>{ format::gbp(cost.total_gbp) }</td>
                        <td>{ format!("{} at {}", format::pupils(cost.additional_fsm_pupils), cost.stage.label()) }</td>
                        <td>{ cost.cost_per_additional_fsm_pupil_gbp().map_or("no effect".to_owned(), format::gbp) }</td>
                        <td>{ if cost.within_budget { "Fits" } else { "Over budget" } }</td>
                    </tr>
                }
            </tbody>
        </table>
        </div>
    }
}

/// The cost chart (bars against the budget line), its table and downloads.
fn cost_figure(
    chart: &CostChart,
    peak: f64,
    budget: f64,
    show_table: UseStateHandle<bool>,
    on_action: &Callback<Action>,
) -> Html {
    let toggle = {
        let show_table = show_table.clone();
        Callback::from(move |_: MouseEvent| show_table.set(!*show_table))
    };
    html! {
    <figure class="chart" data-chart="cost">
        <figcaption id="cost-chart-title">{ "Plan cost per year against the budget" }</figcaption>
        <svg id="svg-cost" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} width={WIDTH.to_string()} height={HEIGHT.to_string()} role="img" aria-labelledby="cost-chart-title">
            <desc>{ format!("Peak cost {} a year; budget {} a year.", format::gbp(peak), format::gbp(budget)) }</desc>
            <g class="grid" aria-hidden="true">
                for (t, at) in chart.ticks.iter().copied() {
                    <line x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={format!("{at:.1}")} y2={format!("{at:.1}")} />
                    <text class="tick" x={(LEFT - 6.0).to_string()} y={format!("{:.1}", at + 4.0)} text-anchor="end">{ format::gbp(t) }</text>
                }
            </g>
            for bar in chart.bars.iter() {
                <rect class={classes!("bar", bar.over_budget.then_some("over"))}
                    x={format!("{:.1}", bar.x)} y={format!("{:.1}", bar.y)}
                    width={format!("{:.1}", bar.width)} height={format!("{:.1}", bar.height)}>
                    <title>{ format!("{}: {}", bar.year, format::gbp(bar.cost_gbp)) }</title>
                </rect>
                if let Some(label_x) = bar.label_x {
                    <text class="tick" x={format!("{label_x:.1}")} y={(HEIGHT - 8.0).to_string()} text-anchor="middle">{ bar.year }</text>
                }
            }
            <line class="budget-line" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={format!("{:.1}", chart.budget_y)} y2={format!("{:.1}", chart.budget_y)} />
        </svg>
        <div class="chart-actions">
    <button class="link" data-role="toggle-table" aria-expanded={show_table.to_string()} aria-controls="cost-table" onclick={toggle}
            aria-describedby="cost-chart-title">
            { if *show_table { "Hide table" } else { "Show as table" } }
        </button>
    <ExportButtons svg_id="svg-cost" file_stem="pathways-cost" title="Plan cost per year" on_action={on_action.clone()} />
    </div>
        if *show_table {
            <div class="table-wrap" tabindex="0" role="region" aria-label="Cost per additional pupil: table">
            <table id="cost-table" data-table="cost">
                <caption>{ "Plan cost per year (£)" }</caption>
                <thead><tr><th scope="col">{ "Year" }</th><th scope="col">{ "Cost" }</th><th scope="col">{ "Within budget" }</th></tr></thead>
                <tbody>
                    for bar in chart.bars.iter() {
                        <tr><th scope="row">{ bar.year }</th><td>{ format::gbp(bar.cost_gbp) }</td><td>{ if bar.over_budget { "No" } else { "Yes" } }</td></tr>
                    }
                </tbody>
            </table>
            </div>
        }
    </figure>
    }
}
