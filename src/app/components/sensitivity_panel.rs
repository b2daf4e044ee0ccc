//! "What moves this result most": a tornado of the chosen headline's change against the
//! baseline in the chosen year, with each assumption at its low and high setting and the
//! others central (`scenario::appraisal::headline_sensitivity`), and the same as a table.
//!
//! It runs about fifty projections, so the web worker works it out, only while the section
//! is open, and again when the plan, outcome or year changes; while a slider moves it
//! waits for a pause, showing the last result faded.

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::bar_frame::bar_frame;
use super::export_buttons::ExportButtons;
use super::select::OutcomeSelect;
use crate::app::charts::bars::{ValueLabel, BAR_HEIGHT, WIDTH};
use crate::app::charts::tornado::{tornado_layout, TornadoRow};
use crate::app::format;
use crate::app::jobs::{SensitivityAnswer, SensitivityJob};
use crate::app::state::{Action, SensitivityState, WorkerAction};
use crate::app::view_model::Shared;
use crate::model::{LeverSettings, SensitivityBar, Stage};
use crate::scenario::outcome::Outcome;

/// The outcome shown first.
const DEFAULT_OUTCOME: Outcome = Outcome::FsmRate(Stage::Ks4);
/// How long the plan must be still before the analysis is redone.
const RECOMPUTE_DELAY_MS: u32 = 150;
/// Most bars drawn; the rest move the result least and are counted in a note.
const MAX_BARS: usize = 12;

#[derive(Properties, PartialEq)]
pub struct SensitivityPanelProps {
    /// The settings shown (the tornado is worked out for them).
    pub settings: LeverSettings,
    /// True when no lever is on: there is nothing to explain.
    pub plan_empty: bool,
    pub target_year: i32,
    /// The worker's last tornado, and the one being worked out (`ViewModel::sensitivity`).
    pub task: Shared<SensitivityState>,
    pub on_action: Callback<Action>,
}

fn signed(points: f64) -> String {
    format::signed_points(points)
}

#[component]
pub fn SensitivityPanel(props: &SensitivityPanelProps) -> Html {
    let open = use_state(|| false);
    let outcome = use_state(|| DEFAULT_OUTCOME);
    let show_table = use_state(|| false);
    let pending = use_mut_ref(|| None::<Timeout>);

    let key = SensitivityJob {
        settings: props.settings.clone(),
        outcome: *outcome,
        year: props.target_year,
    };
    let shown = props.task.answer.clone();
    {
        let (on_action, asked) = (props.on_action.clone(), props.task.pending.clone());
        let (plan_empty, shown) = (props.plan_empty, shown.clone());
        use_effect_with((*open, key.clone()), move |(open, key)| {
            if !*open || plan_empty {
                pending.borrow_mut().take();
                return;
            }
            if shown.as_ref().is_some_and(|a| a.job == *key) || asked.as_ref() == Some(key) {
                return;
            }
            // Opening, or a new outcome or year: at once. A plan that is still moving
            // (a slider being dragged): after a pause, showing the last result meanwhile.
            let only_plan_moved = shown
                .as_ref()
                .is_some_and(|a| a.job.outcome == key.outcome && a.job.year == key.year);
            let delay = if only_plan_moved {
                RECOMPUTE_DELAY_MS
            } else {
                0
            };
            let key = key.clone();
            // Replacing the timeout cancels the one waiting.
            *pending.borrow_mut() = Some(Timeout::new(delay, move || {
                on_action.emit(Action::Worker(WorkerAction::RequestSensitivity(key)));
            }));
        });
    }

    let on_toggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::Element = e.target_unchecked_into();
            open.set(details.has_attribute("open"));
        })
    };
    let on_outcome = {
        let outcome = outcome.clone();
        Callback::from(move |chosen: Outcome| outcome.set(chosen))
    };
    let year = props.target_year;
    let current = shown.as_ref().filter(|a| a.job == key);
    let state = if current.is_some() {
        "ready"
    } else {
        "pending"
    };

    let body = if props.plan_empty {
        html! { <p class="hint" data-role="sensitivity-empty">{ "Turn a lever on to see which assumptions move its result." }</p> }
    } else {
        match shown.as_ref() {
            None if props.task.error.is_some() => html! {
                <p class="error" role="alert">{ format!("The assumptions could not be tested: {}", props.task.error.clone().unwrap_or_default()) }</p>
            },
            None => html! { <p class="hint">{ "Working out which assumptions matter…" }</p> },
            Some(shown) => tornado(
                shown,
                current.is_none(),
                &props.on_action,
                show_table.clone(),
            ),
        }
    };

    html! {
        <section class="sensitivity" id="sensitivity" aria-labelledby="sensitivity-heading"
            data-sensitivity-state={state} data-compute-ms={current.and(props.task.elapsed_ms).map(|ms| format!("{ms:.2}"))}>
            <details open={*open} ontoggle={on_toggle}>
                <summary><h2 id="sensitivity-heading">{ "What moves this result most" }</h2></summary>
                <div class="section-head">
                    <label for="sensitivity-outcome">{ "Result" }</label>
                    <OutcomeSelect id="sensitivity-outcome" onchange={on_outcome} value={*outcome} />
                    <span class="hint">{ format!("in {year}, the year chosen for the headlines") }</span>
                </div>
                <p class="hint">
                    { "Each bar sets one assumption to its low and then its high setting, all others central, and shows the change against the baseline in percentage points. Drawn assumptions go to the 10th and 90th percentiles the uncertainty bands draw from; structural ones, which the bands hold fixed, to half and double. For NEET and gaps a fall is an improvement." }
                </p>
                { body }
            </details>
        </section>
    }
}

fn tornado(
    computed: &SensitivityAnswer,
    stale: bool,
    on_action: &Callback<Action>,
    show_table: UseStateHandle<bool>,
) -> Html {
    let (outcome, year) = (computed.job.outcome, computed.job.year);
    let sensitivity = &computed.sensitivity;
    let title = format!("What moves the change in {} in {year}", outcome.name());
    if sensitivity.bars.is_empty() {
        return html! {
            <p data-role="sensitivity-none">
                { format!("Nothing in this plan changes {} in {year} yet, so no assumption moves it. Try a later year or another result.", outcome.name()) }
            </p>
        };
    }
    let bars: Vec<&SensitivityBar> = sensitivity.bars.iter().take(MAX_BARS).collect();
    let left_out = sensitivity.bars.len() - bars.len();
    let ends: Vec<(f64, f64)> = bars.iter().map(|b| (b.at_low, b.at_high)).collect();
    let layout = tornado_layout(sensitivity.central, &ends);
    let central = signed(sensitivity.central);
    let widest: Vec<String> = bars
        .iter()
        .take(3)
        .map(|b| {
            format!(
                "{}, {} to {} points",
                b.assumption,
                signed(b.at_low),
                signed(b.at_high)
            )
        })
        .collect();
    let description = format!(
        "Change in {} in {year} against the baseline: {central} points with every assumption central. {} assumptions shown, widest swing first: {}.",
        outcome.name(),
        bars.len(),
        widest.join("; ")
    );
    let toggle = {
        let show_table = show_table.clone();
        Callback::from(move |_: MouseEvent| show_table.set(!*show_table))
    };
    html! {
        <figure class={classes!("chart", "tornado", stale.then_some("stale"))} data-chart="tornado">
            <figcaption id="tornado-title">{ title.clone() }</figcaption>
            <svg id="svg-tornado" viewBox={format!("0 0 {WIDTH} {:.0}", layout.frame.height)} width={WIDTH.to_string()} height={format!("{:.0}", layout.frame.height)}
                role="img" aria-labelledby="tornado-title" aria-describedby="tornado-desc">
                <title>{ title.clone() }</title>
                <desc id="tornado-desc">{ description }</desc>
                { bar_frame(&layout.frame, signed) }
                for (bar, row) in bars.iter().zip(&layout.rows) {
                    { tornado_row(bar, row) }
                }
                <line class="central-line" x1={format!("{:.1}", layout.central_x)} x2={format!("{:.1}", layout.central_x)}
                    y1={format!("{:.1}", layout.frame.plot_top - 6.0)} y2={format!("{:.1}", layout.frame.plot_bottom)} />
                <text class="tornado-value central" x={format!("{:.1}", layout.central_x)} y={format!("{:.1}", layout.frame.plot_top - 10.0)} text-anchor="middle">
                    { format!("central {central}") }
                </text>
            </svg>
            <ul class="legend">
                <li><span class="swatch block low"></span>{ "Assumption at its low setting" }</li>
                <li><span class="swatch block high"></span>{ "At its high setting" }</li>
                <li><span class="swatch block structural"></span>{ "Dashed outline: structural, not drawn in the bands" }</li>
                <li><span class="swatch central"></span>{ "Dashed line: central estimate; solid: no change" }</li>
            </ul>
            if left_out > 0 {
                <p class="hint">{ format!("{left_out} further assumption{} move{} the result less and {} not shown.", if left_out == 1 { "" } else { "s" }, if left_out == 1 { "s" } else { "" }, if left_out == 1 { "is" } else { "are" }) }</p>
            }
            if stale {
                <p class="hint" role="status">{ "Updating for the new settings…" }</p>
            }
            <div class="chart-actions">
                <button class="link" data-role="toggle-table" aria-expanded={show_table.to_string()} aria-controls="tornado-table" onclick={toggle}
                    aria-describedby="tornado-title">
                    { if *show_table { "Hide table" } else { "Show as table" } }
                </button>
                <ExportButtons svg_id="svg-tornado" file_stem={format!("pathways-sensitivity-{}", outcome.key())} title={title.clone()} on_action={on_action.clone()} />
            </div>
            if *show_table {
                { tornado_table(&bars, outcome, year, &central) }
            }
        </figure>
    }
}

/// A bar end's value, where the layout puts it (if it labels that end).
fn value_text(label: Option<ValueLabel>, y: f64, value: f64) -> Option<Html> {
    label.map(|l| {
        html! {
            <text class="tornado-value" x={format!("{:.1}", l.x)} y={format!("{y:.1}")}
                text-anchor={if l.anchor_end { "end" } else { "start" }}>{ signed(value) }</text>
        }
    })
}

/// One assumption's bar: its name, the low and high halves and their values.
fn tornado_row(bar: &SensitivityBar, row: &TornadoRow) -> Html {
    html! {
        <g class={classes!("tornado-row", (!bar.drawn).then_some("structural"))} data-assumption={bar.assumption.clone()}>
            <text class="tornado-label" x="16" y={format!("{:.1}", row.label_y)}>
                { bar.assumption.clone() }
                if !bar.drawn {
                    <tspan class="structural-note">{ " (structural: not in the bands)" }</tspan>
                }
            </text>
            <rect class="tornado-bar low" x={format!("{:.1}", row.low.x)} y={format!("{:.1}", row.bar_y)}
                width={format!("{:.1}", row.low.width)} height={BAR_HEIGHT.to_string()}>
                <title>{ format!("{} at {}: {} points", bar.assumption, bar.low_setting, signed(bar.at_low)) }</title>
            </rect>
            <rect class="tornado-bar high" x={format!("{:.1}", row.high.x)} y={format!("{:.1}", row.bar_y)}
                width={format!("{:.1}", row.high.width)} height={BAR_HEIGHT.to_string()}>
                <title>{ format!("{} at {}: {} points", bar.assumption, bar.high_setting, signed(bar.at_high)) }</title>
            </rect>
            { value_text(row.low_label, row.value_y, bar.at_low) }
            { value_text(row.high_label, row.value_y, bar.at_high) }
        </g>
    }
}

/// The tornado as a table, widest swing first.
fn tornado_table(bars: &[&SensitivityBar], outcome: Outcome, year: i32, central: &str) -> Html {
    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="Sensitivity: table">
        <table id="tornado-table" data-table="tornado">
            <caption>{ format!("Change in {} in {year} against the baseline (percentage points), central {central}, with one assumption at a time at its low and high setting", outcome.name()) }</caption>
            <thead>
                <tr>
                    <th scope="col">{ "Assumption" }</th>
                    <th scope="col">{ "Low setting" }</th>
                    <th scope="col">{ "Change at low" }</th>
                    <th scope="col">{ "High setting" }</th>
                    <th scope="col">{ "Change at high" }</th>
                    <th scope="col">{ "Swing" }</th>
                    <th scope="col">{ "Drawn in the bands" }</th>
                </tr>
            </thead>
            <tbody>
                for bar in bars.iter() {
                    <tr data-drawn={bar.drawn.to_string()}>
                        <th scope="row">{ bar.assumption.clone() }</th>
                        <td>{ bar.low_setting.clone() }</td>
                        <td data-role="at-low">{ signed(bar.at_low) }</td>
                        <td>{ bar.high_setting.clone() }</td>
                        <td data-role="at-high">{ signed(bar.at_high) }</td>
                        <td data-role="swing">{ format!("{:.1}", bar.swing()) }</td>
                        <td>{ if bar.drawn { "Yes" } else { "No: structural" } }</td>
                    </tr>
                }
            </tbody>
        </table>
        </div>
    }
}
