//! Headline outcomes for a chosen year: baseline → scenario, the change, and the range.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

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
    let on_year = props.on_action.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        Action::SetTargetYear(select.value().parse().unwrap_or_default())
    });
    let year = props.target_year;
    let (Some(base), Some(scen)) = (props.baseline.year(year), props.scenario.year(year)) else {
        return html! {};
    };
    let band_year = props.bands.as_ref().and_then(|b| b.year(year));
    html! {
        <section class="headlines" aria-labelledby="headlines-heading">
            <div class="section-head">
                <h2 id="headlines-heading">{ if props.minimal { format!("Outcomes for FSM pupils in {year}") } else { "Outcomes for FSM pupils in ".to_owned() } }</h2>
                if !props.minimal {
                <label class="year-select">
                    <span class="visually-hidden">{ "Year shown in the headline outcomes" }</span>
                    <select id="target-year" onchange={on_year}>
                        for y in props.years.0..=props.years.1 {
                            <option value={y.to_string()} selected={y == year}>{ y }</option>
                        }
                    </select>
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
            "80% range {} to {}",
            show(outcome, p.p10),
            show(outcome, p.p90)
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
