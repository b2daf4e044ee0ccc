//! Success measures and monitoring: a target per headline outcome, the results the board
//! enters year by year, each headline's status against the projection, and re-basing the
//! projection on the latest results.

use std::rc::Rc;

use web_sys::HtmlInputElement;

use yew::prelude::*;

use super::select::{year_options, OutcomeSelect, Select};
use crate::app::format;
use crate::app::state::{Action, AfterLoad, BoardAction};
use crate::app::view_model::{Headlines, Shared};
use crate::model::fsm_break::CompositionShift;
use crate::model::Stage;
use crate::scenario::echo;
use crate::scenario::monitoring::Monitored;
use crate::scenario::outcome::{Outcome, HEADLINES};
use crate::scenario::target::{hastings_2021_targets, Actual, SuggestedTarget, Target};

#[derive(Properties, PartialEq)]
pub struct TargetsPanelProps {
    pub targets: Vec<Target>,
    pub actuals: Vec<Actual>,
    /// The cards, for each outcome's status and chance.
    pub headlines: Shared<Headlines>,
    /// First and last projected year.
    pub years: (i32, i32),
    /// The area's id: Hastings' own delivery-plan targets are offered there.
    pub area_id: AttrValue,
    /// The year the area's projection starts from, restored with its figures.
    pub as_of: i32,
    /// True when the area's figures were entered or re-based: they can be restored.
    pub user_entered: bool,
    /// The FSM definition change's stated composition shift (the catalogue's), and
    /// whether the area's baseline allows for it.
    pub fsm_break: CompositionShift,
    pub fsm_break_on: bool,
    pub on_action: Callback<Action>,
}

/// How the FSM definition change moves a target's outcome, in the outcome's own terms
/// (points; a gap widens when the non-FSM rate rises more), or `None` before the break.
fn break_effect(shift: &CompositionShift, target: &Target) -> Option<(i32, f64)> {
    let (stage, effect) = match target.outcome {
        Outcome::FsmRate(stage) => (stage, shift.fsm_points.value),
        Outcome::Gap(stage) => (stage, shift.non_fsm_points.value - shift.fsm_points.value),
        // NEET is 1 − EET: the FSM rate's rise is NEET's fall.
        Outcome::FsmNeet => (Stage::Post19, -shift.fsm_points.value),
    };
    let first = shift.first_year_for(stage);
    (target.year >= first).then_some((first, effect))
}

/// One line per target set after the break: what the change alone does to the figure,
/// and whether the chance includes it.
fn break_notes(shift: &CompositionShift, on: bool, targets: &[Target]) -> Html {
    let lines: Vec<String> = targets
        .iter()
        .filter_map(|t| {
            let (first, effect) = break_effect(shift, t)?;
            Some(format!(
                "{} for {}: the FSM group is defined anew from {first}, and that alone moves the published figure by about {} ({}).",
                t.outcome.short_title(),
                t.year,
                format::points_change(effect / 100.0),
                if on {
                    "an assumption, included in the chance"
                } else {
                    "an assumption, not in the chance: tick the box above to include it"
                }
            ))
        })
        .collect();
    if lines.is_empty() {
        return html! {};
    }
    html! {
        <ul class="hint" data-role="break-notes">
            for line in lines { <li>{ line }</li> }
        </ul>
    }
}

/// A percentage (or points) typed by a user: a number from 0 to 100, `%` allowed.
fn parse_percent(text: &str) -> Result<f64, String> {
    let trimmed = text.trim().trim_end_matches('%').trim();
    match trimmed.parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..=100.0).contains(&v) => Ok(v),
        Ok(_) => Err(format!("“{}” is outside 0 to 100", echo(text.trim()))),
        Err(_) => Err(format!("“{}” is not a number", echo(text.trim()))),
    }
}

#[derive(Properties, PartialEq)]
struct TargetRowProps {
    outcome: Outcome,
    target: Option<Target>,
    /// The chance of the target (plan, baseline) and the latest result's status: not the
    /// whole card, whose figures change on every slider step while these do not.
    chance: Option<(f64, f64)>,
    status: Option<Monitored>,
    years: (i32, i32),
    on_action: Callback<Action>,
}

/// One outcome's target: a value and a year, set together.
#[component]
fn TargetRow(props: &TargetRowProps) -> Html {
    let outcome = props.outcome;
    let key = outcome.key();
    let default_year = props
        .target
        .map_or(2030.clamp(props.years.0, props.years.1), |t| t.year);
    let year = use_state(|| default_year);
    let draft = use_state(|| {
        props
            .target
            .map_or(String::new(), |t| format!("{}", t.value_percent))
    });
    let error = use_state(|| None::<String>);
    // A target set elsewhere (a link, a loaded scenario, the suggestions) shows here.
    {
        let (draft, year) = (draft.clone(), year.clone());
        use_effect_with(props.target, move |target| {
            if let Some(t) = target {
                draft.set(format!("{}", t.value_percent));
                year.set(t.year);
            } else {
                draft.set(String::new());
            }
        });
    }
    let set = {
        let (draft, year, error, on_action) = (
            draft.clone(),
            year.clone(),
            error.clone(),
            props.on_action.clone(),
        );
        move || match parse_percent(&draft) {
            Ok(value_percent) => {
                error.set(None);
                on_action.emit(Action::Board(BoardAction::SetTarget(Target {
                    outcome,
                    value_percent,
                    year: *year,
                })));
            }
            Err(e) => error.set(Some(format!("{e}; the target is unchanged."))),
        }
    };
    let on_input = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            draft.set(input.value());
        })
    };
    let on_submit = {
        let set = set.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            set();
        })
    };
    let on_year = year_callback(
        year.clone(),
        draft.clone(),
        props.target,
        props.on_action.clone(),
    );
    let clear = props
        .on_action
        .reform(move |_: MouseEvent| Action::Board(BoardAction::ClearTarget(outcome)));
    let error_id = format!("target-error-{key}");
    html! {
        <tr data-target-row={key.clone()}>
            <th scope="row">{ outcome.short_title() }</th>
            <td>
                <form class="target-form" onsubmit={on_submit}>
                    <label class="visually-hidden" for={format!("target-value-{key}")}>{ format!("Target for {} ({})", outcome.short_title(), outcome.unit()) }</label>
                    <span class="target-direction" aria-hidden="true">{ if outcome.higher_is_better() { "≥" } else { "≤" } }</span>
                    <input id={format!("target-value-{key}")} data-role="target-value" type="text" inputmode="decimal" size="5"
                        value={(*draft).clone()} oninput={on_input} aria-describedby={error_id.clone()} />
                    <span>{ outcome.unit() }</span>
                    <span>{ " by " }</span>
                    <Select id={AttrValue::from(format!("target-year-{key}"))} role={AttrValue::from("target-year")}
                        aria_label={AttrValue::from(format!("Year for the {} target", outcome.short_title()))}
                        value={year.to_string()} onchange={on_year} options={year_options(props.years.0, props.years.1)} />
                    <button type="submit" class="secondary" data-role="set-target">{ if props.target.is_some() { "Update" } else { "Set" } }</button>
                    if props.target.is_some() {
                        <button type="button" class="link" data-role="clear-target" onclick={clear}
                            aria-label={format!("Clear the {} target", outcome.short_title())}>{ "Clear" }</button>
                    }
                </form>
                <p class="error" id={error_id} role="alert">{ (*error).clone().unwrap_or_default() }</p>
            </td>
            { chance_and_status(props.target.is_some(), props.chance, props.status) }
        </tr>
    }
}

#[component]
pub fn TargetsPanel(props: &TargetsPanelProps) -> Html {
    let on_action = &props.on_action;
    let card = |outcome: Outcome| {
        props
            .headlines
            .cards
            .iter()
            .find(|c| c.outcome == outcome)
            .copied()
    };
    // Undoing a revision: the shipped figures for the same area and year, fetched again
    // (the store says so if the area is not a shipped one).
    let restore = {
        let (on_action, id, as_of) = (on_action.clone(), props.area_id.clone(), props.as_of);
        Callback::from(move |_: MouseEvent| {
            on_action.emit(Action::WantArea {
                id: id.to_string(),
                as_of: Some(as_of),
                then: AfterLoad::Restore,
            })
        })
    };
    let latest = props.actuals.iter().map(|a| a.year).max();
    let on_break = on_action.reform(|e: Event| {
        let on = e
            .target_dyn_into::<HtmlInputElement>()
            .is_some_and(|input| input.checked());
        Action::SetFsmBreak(on)
    });
    html! {
        <section class="targets" id="targets" aria-labelledby="targets-heading">
            <h2 id="targets-heading">{ "Success measures and results" }</h2>
            <p class="hint">
                { "Give a headline a target and a year. The chance is the share of 1,000 simulated outcomes in which the figure the DfE would publish reaches it: it includes England's change, the area's drift against England and who is in that year's cohort. The baseline's chance, from the same simulations, is beside it. Targets travel in share links and saved scenarios." }
            </p>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Success measures: table">
                <table class="targets-table" data-table="targets">
                    <caption class="visually-hidden">{ "Targets, their chances and each headline's status" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Outcome" }</th>
                        <th scope="col">{ "Target" }</th>
                        <th scope="col">{ "Chance of reaching it" }</th>
                        <th scope="col">{ "Status of the latest result" }</th>
                    </tr></thead>
                    <tbody>
                        for outcome in HEADLINES {
                            <TargetRow key={outcome.key()} outcome={outcome}
                                target={props.targets.iter().find(|t| t.outcome == outcome).copied()}
                                chance={card(outcome).and_then(|c| c.chance)} status={card(outcome).and_then(|c| c.status)}
                                years={props.years} on_action={on_action.clone()} />
                        }
                    </tbody>
                </table>
            </div>
            <p class="fsm-break">
                <label>
                    <input type="checkbox" id="fsm-break" data-role="fsm-break" checked={props.fsm_break_on} onchange={on_break} />
                    { format!(" Allow for the FSM definition change: from September 2026 every Universal Credit household is eligible, so from {} FSM rates rise about {} and non-FSM rates about {} from who is in each group alone (an assumption; Level 3 and NEET, which read FSM at 15, from {} and {}).",
                        props.fsm_break.first_year_for(Stage::EarlyYears),
                        format::points_change(props.fsm_break.fsm_points.value / 100.0),
                        format::points_change(props.fsm_break.non_fsm_points.value / 100.0),
                        props.fsm_break.first_year_for(Stage::Level3By19),
                        props.fsm_break.first_year_for(Stage::Post19)) }
                </label>
            </p>
            { break_notes(&props.fsm_break, props.fsm_break_on, &props.targets) }
            if props.area_id == "hastings" {
                <SuggestedTargets on_action={on_action.clone()} />
            }
            <h3 id="results-heading" class="results-heading">{ "Results so far" }</h3>
            <p class="hint" data-role="status-definition">
                { "Enter a result as it is published. Each headline's status compares its latest result with the projection's 80% range for that year: on track inside the range, ahead when better than its better end, behind when worse than its worse end. Results are kept in this browser with the scenario and in its exported file." }
            </p>
            <ResultsForm years={props.years} on_action={on_action.clone()} />
            if !props.actuals.is_empty() {
                { actuals_table(&props.actuals, on_action) }
                { revise_button(latest, on_action) }
            }
            if props.user_entered {
                <p class="revise">
                    <button class="secondary" id="restore-figures" onclick={restore}>{ "Restore the published figures" }</button>
                    <span class="hint">{ " Undoes a revision or any figures entered under Area data; targets and results stay." }</span>
                </p>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ResultsFormProps {
    years: (i32, i32),
    on_action: Callback<Action>,
}

/// The form that adds a published result.
#[component]
fn ResultsForm(props: &ResultsFormProps) -> Html {
    let on_action = &props.on_action;
    let actual_outcome = use_state(|| HEADLINES[2]);
    // Results are entered for years already published: offered from a few years after
    // the base year, not the base year itself.
    let actual_year = use_state(|| (props.years.0 + 5).min(props.years.1));
    let actual_value = use_state(String::new);
    let actual_error = use_state(|| None::<String>);
    let on_actual_outcome = {
        let state = actual_outcome.clone();
        Callback::from(move |outcome: Outcome| state.set(outcome))
    };
    let on_actual_year = {
        let state = actual_year.clone();
        Callback::from(move |value: String| {
            if let Ok(year) = value.parse() {
                state.set(year);
            }
        })
    };
    let on_actual_value = {
        let state = actual_value.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            state.set(input.value());
        })
    };
    let add_actual = {
        let (outcome, year, value, error, on_action) = (
            actual_outcome.clone(),
            actual_year.clone(),
            actual_value.clone(),
            actual_error.clone(),
            on_action.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match parse_percent(&value) {
                Ok(value_percent) => {
                    error.set(None);
                    value.set(String::new());
                    on_action.emit(Action::Board(BoardAction::SetActual(Actual {
                        outcome: *outcome,
                        year: *year,
                        value_percent,
                    })));
                }
                Err(e) => error.set(Some(format!("{e}; no result was added."))),
            }
        })
    };
    html! {
        <>
        <form class="actual-form" onsubmit={add_actual} aria-labelledby="results-heading">
            <label>{ "Outcome " }
                <OutcomeSelect id="actual-outcome" value={*actual_outcome} onchange={on_actual_outcome} short=true />
            </label>
            <label>{ "Year " }
                <Select id={AttrValue::from("actual-year")} value={actual_year.to_string()} onchange={on_actual_year} options={year_options(props.years.0, props.years.1)} />
            </label>
            <label for="actual-value">{ format!("Value ({})", actual_outcome.unit()) }</label>
            <input id="actual-value" type="text" inputmode="decimal" size="5" value={(*actual_value).clone()}
                oninput={on_actual_value} aria-describedby="actual-error" />
            <button type="submit" class="secondary" id="add-actual">{ "Add result" }</button>
        </form>
        <p class="error" id="actual-error" role="alert">{ (*actual_error).clone().unwrap_or_default() }</p>
        </>
    }
}

/// The results entered, each with a Remove button.
fn actuals_table(actuals: &[Actual], on_action: &Callback<Action>) -> Html {
    html! {
    <div class="table-wrap" tabindex="0" role="region" aria-label="Results: table">
        <table data-table="actuals">
            <caption>{ "Results entered" }</caption>
            <thead><tr><th scope="col">{ "Outcome" }</th><th scope="col">{ "Year" }</th><th scope="col">{ "Result" }</th><th scope="col"><span class="visually-hidden">{ "Remove" }</span></th></tr></thead>
            <tbody>
                for a in actuals.iter() {
                    <tr data-actual={format!("{}@{}", a.outcome, a.year)}>
                        <th scope="row">{ a.outcome.short_title() }</th>
                        <td>{ a.year }</td>
                        <td>{ format!("{:.1} {}", a.value_percent, a.outcome.unit()) }</td>
                        <td>
                            <button class="link" data-role="remove-actual"
                                aria-label={format!("Remove the {} result for {}", a.year, a.outcome.short_title())}
                                onclick={on_action.reform({
                                    let (outcome, year) = (a.outcome, a.year);
                                    move |_: MouseEvent| Action::Board(BoardAction::ClearActual { outcome, year })
                                })}>{ "Remove" }</button>
                        </td>
                    </tr>
                }
            </tbody>
        </table>
    </div>
    }
}

/// Revise: re-base the projection on the latest results.
fn revise_button(latest: Option<i32>, on_action: &Callback<Action>) -> Html {
    let revise = on_action.reform(|_: MouseEvent| Action::Revise);
    html! {
    <p class="revise">
        <button class="secondary" id="revise" onclick={revise}>
            { format!("Revise: re-base the projection on the {} results", latest.unwrap_or_default()) }
        </button>
        <span class="hint">{ " The plan's projection then passes through your latest results (its programmes are taken to have helped produce them), so the plan is judged from where the area really is. The figures replaced are marked as yours under Area data." }</span>
    </p>
    }
}

/// England's figures, which the delivery-plan suggestions quote: fetched the first time the
/// list is opened (not at start-up: most visits never open it), and again after a failure.
#[derive(Clone, PartialEq)]
enum Suggestions {
    NotAsked,
    Loading,
    Ready(Rc<Vec<SuggestedTarget>>),
    Failed(String),
}

#[derive(Properties, PartialEq)]
struct SuggestedTargetsProps {
    on_action: Callback<Action>,
}

/// Hastings' 2021 delivery-plan targets, and a button that sets those that map onto an outcome.
#[component]
fn SuggestedTargets(props: &SuggestedTargetsProps) -> Html {
    let suggestions = use_state(|| Suggestions::NotAsked);
    let ontoggle = {
        let suggestions = suggestions.clone();
        Callback::from(move |_: Event| {
            if matches!(*suggestions, Suggestions::NotAsked | Suggestions::Failed(_)) {
                suggestions.set(Suggestions::Loading);
                let suggestions = suggestions.clone();
                yew::platform::spawn_local(async move {
                    // England as of 2017, when the delivery plan was written.
                    suggestions.set(match crate::app::fetch::fetch_area("england").await {
                        Ok(area) => {
                            let then = area.as_of_year(2017).unwrap_or(area);
                            Suggestions::Ready(Rc::new(hastings_2021_targets(&then)))
                        }
                        Err(problem) => Suggestions::Failed(problem),
                    });
                });
            }
        })
    };
    let body = match &*suggestions {
        Suggestions::NotAsked | Suggestions::Loading => html! {
            <p class="hint" role="status">{ "Loading England's figures, which the targets quote…" }</p>
        },
        Suggestions::Failed(problem) => html! {
            <p class="hint warn-text" role="alert">{ format!("England's figures could not be loaded ({problem}), so the targets cannot be shown. Close this and open it again to retry.") }</p>
        },
        Suggestions::Ready(list) => {
            let use_suggestions = {
                let (list, on_action) = (list.clone(), props.on_action.clone());
                Callback::from(move |_: MouseEvent| {
                    for target in list.iter().filter_map(|s| s.target) {
                        on_action.emit(Action::Board(BoardAction::SetTarget(target)));
                    }
                })
            };
            suggestion_list(list, use_suggestions)
        }
    };
    html! {
        <details class="suggested" data-role="suggested-targets" {ontoggle}>
            <summary>{ "Hastings' 2021 delivery-plan targets" }</summary>
            { body }
        </details>
    }
}

fn suggestion_list(suggestions: &[SuggestedTarget], use_suggestions: Callback<MouseEvent>) -> Html {
    html! {
        <>
        <ul>
            for s in suggestions.iter() {
                <li>
                    <q>{ s.source_text }</q>
                    if let Some(t) = s.target {
                        <strong>{ format!(" → {} {} {} in {}", t.outcome.short_title(), if t.outcome.higher_is_better() { "at least" } else { "at most" }, format!("{}{}", t.value_percent, t.outcome.unit()), t.year) }</strong>
                    }
                    <span class="cell-note">{ s.mapping.clone() }</span>
                </li>
            }
        </ul>
        <p class="hint">{ format!("Source: {}.", suggestions.first().map_or("", |s| s.source)) }</p>
        <button class="secondary" data-role="use-suggested" onclick={use_suggestions}>{ "Use the targets that map onto an outcome (replaces the KS2 and KS4 targets)" }</button>
        </>
    }
}

/// A new year for the target; a target already set moves with its year at once.
fn year_callback(
    year: UseStateHandle<i32>,
    draft: UseStateHandle<String>,
    target: Option<Target>,
    on_action: Callback<Action>,
) -> Callback<String> {
    Callback::from(move |value: String| {
        let Ok(chosen) = value.parse::<i32>() else {
            return;
        };
        year.set(chosen);
        if let (Some(t), Ok(value_percent)) = (target, parse_percent(&draft)) {
            on_action.emit(Action::Board(BoardAction::SetTarget(Target {
                year: chosen,
                value_percent,
                ..t
            })));
        }
    })
}

/// A target's chance (with the baseline's) and the status of the latest result.
fn chance_and_status(
    has_target: bool,
    chance: Option<(f64, f64)>,
    status: Option<Monitored>,
) -> Html {
    html! {
        <>
        <td data-role="chance">
            {
                match (has_target, chance) {
                    (false, _) => "–".to_owned(),
                    (true, Some((plan, baseline))) => format!("{} (baseline {})", format::percent_short(plan), format::percent_short(baseline)),
                    (true, None) => "being computed…".to_owned(),
                }
            }
        </td>
        <td data-role="status" data-status={status.map(|s| s.status.key())}>
            {
                match status {
                    Some(m) => html! { <><strong>{ m.status.label() }</strong>{ format!(" ({})", m.actual.year) }</> },
                    None => html! { "–" },
                }
            }
        </td>
        </>
    }
}
