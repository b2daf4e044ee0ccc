//! One lever: reach slider, start year, ramp-up, evidence and a reset.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::evidence_badge::EvidenceBadge;
use super::select::{year_options, Select};
use crate::app::format;
use crate::app::state::{Action, PlanAction};
use crate::app::view_model::{LeverInfo, Shared};
use crate::model::LeverSetting;
use crate::scenario::appraisal::LeverCost;

#[derive(Properties, PartialEq)]
pub struct LeverControlProps {
    /// The lever and what its control shows that moving levers does not change.
    pub info: Shared<LeverInfo>,
    /// `None` when the user has not touched the lever (it is off).
    pub setting: Option<LeverSetting>,
    pub cost: Option<LeverCost>,
    pub on_action: Callback<Action>,
}

#[component]
pub fn LeverControl(props: &LeverControlProps) -> Html {
    let info = &props.info;
    let lever = &info.lever;
    let setting = props.setting.unwrap_or(info.default_setting);
    let id = lever.id.clone();
    let reach_percent = setting.reach_share * 100.0;
    let reach_label = format::reach(setting.reach_share);
    // A reach set off the slider's steps (by a link or a file) is shown where it is.
    let reach_step = if format::reach_on_slider_step(reach_percent) {
        format!("{}", format::REACH_STEP_PERCENT)
    } else {
        "any".to_owned()
    };
    let on = setting.reach_share > 0.0;

    let on_reach = {
        let (id, on_action) = (id.clone(), props.on_action.clone());
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let percent = input.value_as_number();
            if percent.is_finite() {
                let percent = format::reach_after_move(reach_percent, percent);
                on_action.emit(Action::Plan(PlanAction::SetReach(
                    id.clone(),
                    percent / 100.0,
                )));
            }
        })
    };
    let reach_id = format!("reach-{id}");
    let ticks_id = format!("ticks-{id}");
    let reached = setting.reach_share * info.pupils_served;
    let groups = lever.year_groups.label();
    let value_text = format!(
        "{reach_label} of {} ({groups}), {} pupils a year",
        lever.target.label(),
        format::pupils(reached)
    );
    let over_budget = props.cost.as_ref().is_some_and(|c| !c.within_budget);
    let classes = classes!(
        "lever",
        on.then_some("on"),
        over_budget.then_some("over-budget")
    );

    html! {
        <div class={classes} data-lever={id.to_string()} data-stage={lever.stage.key()}>
            <div class="lever-head">
                <label for={reach_id.clone()} class="lever-name">{ lever.name.clone() }</label>
                if let Some(issue) = &lever.issue {
                    <span class="tag">{ issue.clone() }</span>
                }
            </div>
            <div class="reach-row">
                <input
                    type="range"
                    id={reach_id.clone()}
                    data-role="reach"
                    min="0" max="100" step={reach_step}
                    list={ticks_id.clone()}
                    value={reach_percent.to_string()}
                    aria-valuetext={value_text.clone()}
                    aria-describedby={format!("reach-value-{id}")}
                    oninput={on_reach}
                />
                <datalist id={ticks_id}>
                    <option value="0" label="baseline"></option>
                </datalist>
                <output id={format!("reach-value-{id}")} for={reach_id} class="reach-value" aria-live="off">
                    { reach_label.clone() }
                </output>
            </div>
            <p class="lever-meta">
                { format!("Serves {} ({groups}): {} pupils a year. Acts at {}.", lever.target.label(), format::pupils(reached), lever.stage.label()) }
            </p>
            { timing(info, setting, &props.on_action) }
            <EvidenceBadge info={info.clone()} />
            if over_budget {
                <p class="flag" role="note">{ "Over budget: funding this lever takes a year's spending past the budget (see Cost)." }</p>
            }
        </div>
    }
}

/// The lever's start year and ramp-up, and its Reset button.
fn timing(info: &LeverInfo, setting: LeverSetting, on_action: &Callback<Action>) -> Html {
    let lever = &info.lever;
    let id = lever.id.clone();
    let on_start = {
        let (id, on_action) = (id.clone(), on_action.clone());
        Callback::from(move |value: String| {
            if let Ok(year) = value.parse() {
                on_action.emit(Action::Plan(PlanAction::SetStartYear(id.clone(), year)));
            }
        })
    };
    let on_ramp = {
        let (id, on_action) = (id.clone(), on_action.clone());
        Callback::from(move |value: String| {
            if let Ok(years) = value.parse() {
                on_action.emit(Action::Plan(PlanAction::SetRampYears(id.clone(), years)));
            }
        })
    };
    let on_end = {
        let (id, on_action) = (id.clone(), on_action.clone());
        Callback::from(move |value: String| {
            // "" is "runs to the horizon"; anything else that is not a year changes nothing.
            let end = if value.is_empty() {
                Some(None)
            } else {
                value.parse().ok().map(Some)
            };
            if let Some(end) = end {
                on_action.emit(Action::Plan(PlanAction::SetEndYear(id.clone(), end)));
            }
        })
    };
    let on_reset =
        on_action.reform(move |_: MouseEvent| Action::Plan(PlanAction::ResetLever(id.clone())));
    let end_options: Vec<(String, String)> = std::iter::once((String::new(), "no end".to_owned()))
        .chain(year_options(setting.start_year, info.years.1))
        .collect();
    html! {
    <div class="lever-timing">
        <label>
            { "Start " }
            <Select role="start-year" onchange={on_start} aria_label={format!("{}: start year", lever.name)}
                value={setting.start_year.to_string()}
                options={year_options(info.years.0, info.years.1)} />
        </label>
        <label>
            { "Ramp-up " }
            <Select role="ramp-years" onchange={on_ramp} aria_label={format!("{}: ramp-up, years to full reach", lever.name)}
                value={setting.ramp_years.to_string()}
                options={(0..=10u32).map(|y| (y.to_string(), if y == 0 { "none".to_owned() } else { format!("{y} yr") })).collect::<Vec<_>>()} />
        </label>
        <label>
            { "Funded until " }
            <Select role="end-year" onchange={on_end} aria_label={format!("{}: last year funded (no end: runs to the horizon)", lever.name)}
                value={setting.end_year.map(|y| y.to_string()).unwrap_or_default()}
                options={end_options} />
        </label>
        <button class="link" data-role="reset" onclick={on_reset}
            aria-label={format!("Reset {}", lever.name)}>
            { "Reset" }
        </button>
    </div>
    }
}
