//! Diagnosis: what each lever that is on contributes to each headline's change in the
//! headline year, as a waterfall chart with a table (Shapley values, from the worker).
//!
//! The chart shows one headline, chosen here; the table shows all six. Geometry is in
//! `app::charts::waterfall`; this component only wires it into SVG.

use yew::prelude::*;

use super::bar_frame::bar_frame;
use super::export_buttons::ExportButtons;
use super::select::OutcomeSelect;
use crate::app::charts::bars::{BAR_HEIGHT, WIDTH};
use crate::app::charts::waterfall::waterfall_layout;
use crate::app::format;
use crate::app::state::Action;
use crate::app::view_model::{ContributionsView, Shared, Tone};
use crate::model::Stage;
use crate::scenario::contributions::SAMPLED_ORDERS;
use crate::scenario::outcome::Outcome;

/// The outcome shown first.
const DEFAULT_OUTCOME: Outcome = Outcome::FsmRate(Stage::Ks4);

/// The method, in plain words, and why it is needed.
const METHOD: &str = "Programmes overlap (they reach the same pupils first) and each pupil's gain is held under a ceiling, so what a lever adds depends on what else is on, and the levers' separate effects do not add up to the whole. Shared out by Shapley values: each lever's added change averaged over every order of switching the levers on, so the parts add up exactly to the total despite overlap and the ceiling.";

#[derive(Properties, PartialEq)]
pub struct ContributionsPanelProps {
    /// `None` until the worker's first analysis arrives.
    pub contributions: Shared<Option<ContributionsView>>,
    /// The headline year the split is for.
    pub year: i32,
    pub on_action: Callback<Action>,
}

/// Points (already ×100) as the tone of a change in `outcome`: good news, bad, or none.
fn tone(outcome: Outcome, points: f64) -> Tone {
    Tone::of(outcome, points / 100.0)
}

#[component]
pub fn ContributionsPanel(props: &ContributionsPanelProps) -> Html {
    let outcome = use_state(|| DEFAULT_OUTCOME);
    let on_outcome = {
        let outcome = outcome.clone();
        Callback::from(move |chosen: Outcome| outcome.set(chosen))
    };
    let view = props.contributions.as_ref();
    let current = view.is_some_and(|v| v.current);
    let state = if current { "ready" } else { "pending" };
    let stale = view.is_some_and(|v| !v.current);

    let body = match view {
        None => {
            html! { <p class="hint" data-role="contributions-waiting">{ "Working out what each lever adds…" }</p> }
        }
        Some(v) if v.contributions.lever_ids.is_empty() => html! {
            <p class="hint" data-role="contributions-empty">
                { "No lever is on, so there is nothing to share out. Turn a lever on to see what each adds to the change." }
            </p>
        },
        Some(v) => diagnosis(v, *outcome, &props.on_action),
    };

    html! {
        <section class="contributions" id="contributions" aria-labelledby="contributions-heading"
            data-contributions-state={state}>
            <h2 id="contributions-heading">{ format!("What each lever adds in {}", props.year) }</h2>
            <p class="hint contrib-method" data-role="method">{ METHOD }</p>
            <div class="section-head">
                <label for="contributions-outcome">{ "Chart shows" }</label>
                <OutcomeSelect id="contributions-outcome" onchange={on_outcome} value={*outcome} />
                // Always in the page, so that showing it moves nothing.
                <span class="hint contrib-status" role="status" data-role="contributions-status">
                    { if stale { "updating…" } else { "" } }
                </span>
            </div>
            <div class={classes!("contrib-body", stale.then_some("stale"))}>
                { body }
            </div>
        </section>
    }
}

fn diagnosis(view: &ContributionsView, outcome: Outcome, on_action: &Callback<Action>) -> Html {
    let contributions = &view.contributions;
    let year = contributions.year;
    let estimated = (!contributions.exact).then(|| {
        html! {
            <p class="hint warn-text" data-role="contributions-estimated">
                { format!("Too many levers to try every order: this split was estimated from {} sampled orders of switching them on. The parts still add up exactly to the total; only the split between levers is approximate.", format::pupils((2 * SAMPLED_ORDERS) as f64)) }
            </p>
        }
    });
    html! {
        <>
            { estimated }
            <div class="contrib-grid">
                { waterfall(view, outcome, on_action) }
                { table(view, year) }
            </div>
        </>
    }
}

fn waterfall(view: &ContributionsView, outcome: Outcome, on_action: &Callback<Action>) -> Html {
    let contributions = &view.contributions;
    let year = contributions.year;
    let Some(split) = contributions.outcomes.iter().find(|o| o.outcome == outcome) else {
        return html! {};
    };
    let layout = waterfall_layout(&split.points, split.total_points);
    let name = outcome.name();
    let title = format!("What each lever adds to the change in {name} in {year}");
    let parts: Vec<String> = layout
        .steps
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                view.names[s.index],
                format::signed_points(s.points)
            )
        })
        .collect();
    let description = format!(
        "Change in {name} in {year} against the baseline, in percentage points, split between the levers that are on (largest first): {}; total {}.{}",
        parts.join(", "),
        format::signed_points(split.total_points),
        if outcome.higher_is_better() { "" } else { " For this result a fall is good news." }
    );
    let f1 = |v: f64| format!("{v:.1}");
    let total_tone = tone(outcome, split.total_points);
    html! {
        <figure class="chart waterfall" data-chart="waterfall" data-outcome={outcome.key()}>
            <figcaption id="waterfall-title">{ title.clone() }</figcaption>
            <svg id="svg-waterfall" viewBox={format!("0 0 {WIDTH} {:.0}", layout.frame.height)} width={WIDTH.to_string()} height={format!("{:.0}", layout.frame.height)}
                role="img" aria-labelledby="waterfall-title" aria-describedby="waterfall-desc">
                <title>{ title.clone() }</title>
                <desc id="waterfall-desc">{ description }</desc>
                { bar_frame(&layout.frame, format::signed_points) }
                for (x, y1, y2) in layout.connectors.iter() {
                    <line class="connector" x1={f1(*x)} x2={f1(*x)} y1={f1(*y1)} y2={f1(*y2)} />
                }
                for step in layout.steps.iter() {
                    <g class="waterfall-row" data-lever={contributions.lever_ids[step.index].to_string()}
                        data-points={format!("{:.6}", step.points)}>
                        <text class="tornado-label" x="16" y={f1(step.label_y)}>
                            { view.names[step.index].clone() }
                            if step.zero {
                                <tspan class="structural-note">{ format!(" (does not move this result in {year})") }</tspan>
                            }
                        </text>
                        if step.zero {
                            <line class="waterfall-zero" x1={f1(step.bar.x)} x2={f1(step.bar.x)}
                                y1={f1(step.bar_y)} y2={f1(step.bar_y + BAR_HEIGHT)} />
                        } else {
                            <rect class={classes!("waterfall-bar", tone(outcome, step.points).class())} x={f1(step.bar.x)} y={f1(step.bar_y)}
                                width={f1(step.bar.width)} height={BAR_HEIGHT.to_string()}>
                                <title>{ format!("{}: {} points", view.names[step.index], format::signed_points(step.points)) }</title>
                            </rect>
                        }
                        <text class="tornado-value" x={f1(step.value_label.x)} y={f1(step.value_y)}
                            text-anchor={if step.value_label.anchor_end { "end" } else { "start" }}>{ format::signed_points(step.points) }</text>
                    </g>
                }
                <g class="waterfall-row total" data-lever="total" data-points={format!("{:.6}", split.total_points)}>
                    <text class="tornado-label total-label" x="16" y={f1(layout.total_label_y)}>{ "Total change, all levers together" }</text>
                    <rect class={classes!("waterfall-bar", "total", total_tone.class())} x={f1(layout.total_bar.x)} y={f1(layout.total_bar_y)}
                        width={f1(layout.total_bar.width)} height={BAR_HEIGHT.to_string()}>
                        <title>{ format!("Total: {} points", format::signed_points(split.total_points)) }</title>
                    </rect>
                    <text class="tornado-value central" x={f1(layout.total_value_label.x)} y={f1(layout.total_value_y)}
                        text-anchor={if layout.total_value_label.anchor_end { "end" } else { "start" }}>{ format::signed_points(split.total_points) }</text>
                </g>
            </svg>
            <ul class="legend">
                <li><span class="swatch block better"></span>{ if outcome.higher_is_better() { "Good news: raises the rate" } else { "Good news: lowers it" } }</li>
                <li><span class="swatch block worse"></span>{ "Bad news" }</li>
                <li><span class="swatch block total"></span>{ "Outlined: the total" }</li>
            </ul>
            <div class="chart-actions">
                <ExportButtons svg_id="svg-waterfall" file_stem={format!("pathways-contributions-{}-{year}", outcome.key())} title={title} on_action={on_action.clone()} />
            </div>
        </figure>
    }
}

fn table(view: &ContributionsView, year: i32) -> Html {
    let contributions = &view.contributions;
    let cell = |outcome: Outcome, points: f64| {
        html! {
            <td class={tone(outcome, points).class()} data-outcome={outcome.key()} data-points={format!("{points:.6}")}>
                { format::signed_points(points) }
            </td>
        }
    };
    html! {
        <div class="table-wrap contrib-table" tabindex="0" role="region" aria-label="Contributions: table">
            <table id="contributions-table" data-table="contributions">
                <caption>{ format!("What each lever adds to the change against the baseline in {year}, percentage points (for the gap and NEET a fall is good news)") }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Lever" }</th>
                        for o in contributions.outcomes.iter() {
                            <th scope="col" data-outcome={o.outcome.key()}>{ o.outcome.short_title() }</th>
                        }
                    </tr>
                </thead>
                <tbody>
                    for (k, id) in contributions.lever_ids.iter().enumerate() {
                        <tr data-lever={id.to_string()}>
                            <th scope="row">{ view.names[k].clone() }</th>
                            for o in contributions.outcomes.iter() {
                                { cell(o.outcome, o.points[k]) }
                            }
                        </tr>
                    }
                </tbody>
                <tfoot>
                    <tr data-lever="total">
                        <th scope="row">{ "Total change" }</th>
                        for o in contributions.outcomes.iter() {
                            { cell(o.outcome, o.total_points) }
                        }
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}
