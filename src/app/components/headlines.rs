//! Headline outcomes for a chosen year: baseline → scenario, and the change against the
//! baseline with its 80% range from the paired Monte Carlo draws.

use yew::prelude::*;

use super::select::{year_options, Select};
use crate::app::format;
use crate::app::state::{Action, ViewAction, DRAWS};
use crate::app::view_model::{HeadlineCard, Headlines as HeadlineCards, Shared, NO_CHANGE};
use crate::scenario::outcome::Outcome;

#[derive(Properties, PartialEq)]
pub struct HeadlinesProps {
    pub headlines: Shared<HeadlineCards>,
    /// First and last projected year, for the year picker.
    pub years: (i32, i32),
    /// Which baseline the figures are measured against, in words.
    #[prop_or_default]
    pub baseline_note: AttrValue,
    pub on_action: Callback<Action>,
    /// Hide the year picker (presentation and embed views).
    #[prop_or_default]
    pub minimal: bool,
}

/// A value given in percent (or points, for a gap), as the cards write it.
fn target_value(outcome: Outcome, value_percent: f64) -> String {
    if outcome.is_gap() {
        format!("{value_percent:.1} points")
    } else {
        format!("{value_percent:.1}%")
    }
}

#[component]
pub fn Headlines(props: &HeadlinesProps) -> Html {
    let on_year = props.on_action.reform(|value: String| {
        Action::View(ViewAction::SetTargetYear(value.parse().unwrap_or_default()))
    });
    let year = props.headlines.year;
    if props.headlines.cards.is_empty() {
        return html! {};
    }
    html! {
        <section class="headlines" aria-labelledby="headlines-heading">
            <div class="section-head">
                <h2 id="headlines-heading">{ format!("Outcomes for FSM pupils in {year}") }</h2>
                if !props.minimal {
                <label class="year-select">
                    { "Change year " }
                    <Select id="target-year" onchange={on_year} value={year.to_string()}
                        options={year_options(props.years.0, props.years.1)} />
                </label>
                }
                if !props.baseline_note.is_empty() {
                    <p class="baseline-note" data-role="baseline-note">{ props.baseline_note.clone() }</p>
                }
            </div>
            if !props.minimal {
                <p class="hint">{ format!("Each card: baseline → scenario, then the change against the baseline with its 80% range: the 10th to 90th percentile of {} simulated outcomes, each drawing its assumptions once for both. Green is good news, whichever way it goes.", format::pupils(f64::from(DRAWS))) }</p>
            }
            if !props.minimal {
                // A copy of the cards in one line, shown (by the stylesheet) pinned to the
                // top of the window only while a lever has focus. Hidden from screen readers:
                // the cards below say the same.
                <div class="headline-strip" aria-hidden="true" data-role="headline-strip">
                    <span class="strip-year">{ year }</span>
                    for card in props.headlines.cards.iter() {
                        <span class={classes!("strip-item", card.tone.class())} data-strip-headline={card.outcome.key()}>
                            <span class="strip-title">{ card.outcome.short_title() }</span>
                            <span class="strip-value">{ format::outcome_number(card.outcome, card.scenario) }</span>
                            <span class="strip-change">{ format::points_change(card.change) }</span>
                        </span>
                    }
                </div>
            }
            <ul class="cards">
                for card in props.headlines.cards.iter() {
                    { view_card(card) }
                }
            </ul>
        </section>
    }
}

fn view_card(card: &HeadlineCard) -> Html {
    let HeadlineCard {
        outcome,
        baseline,
        scenario,
        change,
        change_band,
        untouched,
        tone,
        target,
        target_check,
        chance,
        status,
    } = *card;
    // The colour says whether the change is good news; the arrow, which way it goes (a
    // fall in NEET or in a gap is good news).
    let tone = tone.class();
    let arrow = if change > NO_CHANGE {
        "▲ "
    } else if change < -NO_CHANGE {
        "▼ "
    } else {
        ""
    };
    let change_text = if outcome.is_gap() && change.abs() >= NO_CHANGE {
        format!(
            "{}, {}",
            format::points_change(change),
            if change < 0.0 { "narrower" } else { "wider" }
        )
    } else {
        format::points_change(change)
    };
    let (range, pending) = match change_band {
        _ if untouched => (String::new(), false),
        Some(p) => (format!("({})", format::change_range(p.p10, p.p90)), false),
        None => ("(80% range being computed…)".to_owned(), true),
    };
    html! {
        <li class={classes!("card", tone)} data-headline={outcome.key()}
            data-baseline={format!("{baseline:.6}")} data-scenario={format!("{scenario:.6}")}
            data-change-p10={change_band.map(|p| format!("{:.6}", p.p10))}
            data-change-p90={change_band.map(|p| format!("{:.6}", p.p90))}>
            <h3>{ outcome.short_title() }{ if outcome.is_gap() { " (points)" } else { "" } }</h3>
            <p class="values">
                <span class="baseline" data-role="baseline"><span class="visually-hidden">{ "Baseline " }</span>{ format::outcome_number(outcome, baseline) }</span>
                <span aria-hidden="true">{ " → " }</span>
                <span class="scenario" data-role="scenario"><span class="visually-hidden">{ ", scenario " }</span>{ format::outcome_number(outcome, scenario) }</span>
            </p>
            <p class={classes!("change", tone)} data-role="change">
                { arrow }<span data-role="change-points">{ change_text }</span>
                if !range.is_empty() {
                    { " " }
                    <span class={classes!("range", pending.then_some("pending"))} data-role="range">{ range }</span>
                }
            </p>
            if let Some(target) = target {
                <p class="target-note" data-role="target" data-chance={chance.map(|c| format!("{:.4}", c.0))}
                    data-baseline-chance={chance.map(|c| format!("{:.4}", c.1))}>
                    { format!("Target {} {} in {}: ", target.direction().symbol(), target_value(outcome, target.value_percent), target.year) }
                    {
                        match chance {
                            Some((plan, baseline)) => html! {
                                <>
                                    <strong>{ format!("{} chance", format::percent_short(plan)) }</strong>
                                    { format!(" (baseline {})", format::percent_short(baseline)) }
                                </>
                            },
                            None => html! { <span class="pending">{ "chance being computed…" }</span> },
                        }
                    }
                    if let Some(check) = target_check {
                        <span class="cell-note">{
                            if check.met {
                                "The central projection meets it.".to_owned()
                            } else {
                                format!("The central projection falls {:.1} points short.", check.shortfall_points)
                            }
                        }</span>
                    }
                </p>
            }
            if let Some(monitored) = status {
                <p class={classes!("status", monitored.status.key())} data-role="status" data-status={monitored.status.key()}>
                    <strong>{ monitored.status.label() }</strong>
                    { format!(": {} actual {} against a projected {} to {}",
                        monitored.actual.year,
                        target_value(outcome, monitored.actual.value_percent),
                        target_value(outcome, monitored.band_percent.p10),
                        target_value(outcome, monitored.band_percent.p90)) }
                </p>
            }
        </li>
    }
}
