//! Headline outcomes for a chosen year: baseline → scenario, the change, and the range.

use std::rc::Rc;

use yew::prelude::*;

use super::select::Select;
use crate::app::format;
use crate::app::state::Action;
use crate::model::{Bands, Projection};
use crate::scenario::outcome::{Outcome, HEADLINES};

#[derive(Properties, PartialEq)]
pub struct HeadlinesProps {
    pub baseline: Rc<Projection>,
    pub scenario: Rc<Projection>,
    pub bands: Option<Rc<Bands>>,
    pub bands_current: bool,
    pub target_year: i32,
    pub years: (i32, i32),
    pub on_action: Callback<Action>,
    /// Hide the year picker (presentation and embed views).
    #[prop_or_default]
    pub minimal: bool,
}

fn show(outcome: Outcome, value: f64) -> String {
    if outcome.is_gap() {
        format::points(value)
    } else {
        format::percent(value)
    }
}

#[component]
pub fn Headlines(props: &HeadlinesProps) -> Html {
    let on_year = props
        .on_action
        .reform(|value: String| Action::SetTargetYear(value.parse().unwrap_or_default()));
    let year = props.target_year;
    let (Some(base), Some(scen)) = (props.baseline.year(year), props.scenario.year(year)) else {
        return html! {};
    };
    let band_year = props.bands.as_ref().and_then(|b| b.year(year));
    html! {
        <section class="headlines" aria-labelledby="headlines-heading">
            <div class="section-head">
                <h2 id="headlines-heading">{ format!("Outcomes for FSM pupils in {year}") }</h2>
                if !props.minimal {
                <label class="year-select">
                    { "Change year " }
                    <Select id="target-year" onchange={on_year} value={year.to_string()}
                        options={(props.years.0..=props.years.1).map(|y| (y.to_string(), y.to_string())).collect::<Vec<_>>()} />
                </label>
                }
            </div>
            <ul class="cards">
                for outcome in HEADLINES {
                    { card(outcome, outcome.value(base), outcome.value(scen), band_year.map(|b| outcome.band(b)), props.bands_current) }
                }
            </ul>
        </section>
    }
}

fn card(
    outcome: Outcome,
    baseline: f64,
    scenario: f64,
    band: Option<crate::model::Percentiles>,
    current: bool,
) -> Html {
    let change = scenario - baseline;
    let better = if outcome.higher_is_better() {
        change > 0.0005
    } else {
        change < -0.0005
    };
    let worse = if outcome.higher_is_better() {
        change < -0.0005
    } else {
        change > 0.0005
    };
    let (arrow, tone) = match (better, worse) {
        (true, _) => ("▲ ", "better"),
        (_, true) => ("▼ ", "worse"),
        _ => ("", "same"),
    };
    let change_text = if outcome.is_gap() && change.abs() >= 0.0005 {
        format!(
            "{} ({})",
            format::points_change(change),
            if better { "narrower" } else { "wider" }
        )
    } else {
        format::points_change(change)
    };
    let range = match band {
        Some(p) => format!(
            "80% range {} to {}{}",
            show(outcome, p.p10),
            show(outcome, p.p90),
            if current { "" } else { " (updating)" }
        ),
        None => "range: calculating…".to_owned(),
    };
    html! {
        <li class={classes!("card", tone)} data-headline={outcome.key()}
            data-baseline={format!("{baseline:.6}")} data-scenario={format!("{scenario:.6}")}>
            <h3>{ outcome.short_title() }</h3>
            <p class="values">
                <span class="baseline" data-role="baseline"><span class="visually-hidden">{ "Baseline " }</span>{ show(outcome, baseline) }</span>
                <span aria-hidden="true">{ " → " }</span>
                <span class="scenario" data-role="scenario"><span class="visually-hidden">{ ", scenario " }</span>{ show(outcome, scenario) }</span>
            </p>
            <p class={classes!("change", tone)} data-role="change">{ arrow }{ change_text }</p>
            <p class={classes!("range", (!current).then_some("stale"))} data-role="range">{ range }</p>
        </li>
    }
}
