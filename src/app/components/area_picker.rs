//! The area picker in the page header: a type-ahead combobox (the ARIA 1.2 pattern with a
//! list popup) over every shipped area, the Opportunity Areas first, then England, then each
//! region's local authorities, with the recently used ones on top; below it, the year the
//! projection starts from and whose figures the area uses.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::app::areas::{
    about_line, as_of_line, geography_line, picker_groups, short_name, AreaChoice, PickerGroup,
    MAX_RECENT,
};
use crate::app::hooks::local_storage;
use crate::app::state::{Action, AfterLoad, AsOfReason};
use crate::app::view_model::Shared;
use crate::model::Model;

/// Where the recently used areas are kept (ids, newest first). Losing it loses nothing
/// but the shortcut, so an unreadable value, or storage the browser blocks, just means an
/// empty list (and the page's other storage messages say what is blocked).
const RECENT_KEY: &str = "pathways.recent-areas";

fn read_recent() -> Vec<String> {
    local_storage()
        .and_then(|s| s.get_item(RECENT_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str::<Vec<String>>(&text).ok())
        .unwrap_or_default()
}

fn remember(id: &str) -> Vec<String> {
    let mut recent = read_recent();
    recent.retain(|r| r != id);
    recent.insert(0, id.to_owned());
    recent.truncate(MAX_RECENT);
    if let (Some(storage), Ok(text)) = (local_storage(), serde_json::to_string(&recent)) {
        let _ = storage.set_item(RECENT_KEY, &text);
    }
    recent
}

#[derive(Properties, PartialEq)]
pub struct AreaPickerProps {
    pub choices: Rc<Vec<AreaChoice>>,
    pub model: Shared<Model>,
    /// True when the area's figures were imported or edited: the picker then says so,
    /// since they are none of the shipped areas.
    pub user_entered: bool,
    /// The name of the area being fetched, if one is.
    pub loading: Option<String>,
    /// Why the projection starts from its year.
    pub as_of_reason: AsOfReason,
    pub on_action: Callback<Action>,
}

/// The option ids in the order the list shows them.
fn option_order(groups: &[PickerGroup]) -> Vec<String> {
    groups
        .iter()
        .flat_map(|g| g.options.iter().map(|c| c.id.clone()))
        .collect()
}

/// The id `step` options on from `active` (wrapping), or the first or last.
fn step_from(order: &[String], active: Option<&String>, step: isize) -> Option<String> {
    if order.is_empty() {
        return None;
    }
    let len = order.len() as isize;
    let next = match active.and_then(|a| order.iter().position(|o| o == a)) {
        Some(i) => (i as isize + step).rem_euclid(len),
        None if step > 0 => 0,
        None => len - 1,
    };
    order.get(next as usize).cloned()
}

fn option_id(id: &str) -> String {
    format!("area-option-{id}")
}

#[component]
pub fn AreaPicker(props: &AreaPickerProps) -> Html {
    let area = props.model.area();
    let current = if props.user_entered {
        format!("{} (your figures)", short_name(area))
    } else {
        short_name(area)
    };
    let open = use_state(|| false);
    let typed = use_state(String::new);
    let active = use_state(|| None::<String>);
    let recent = use_state(read_recent);
    let groups = picker_groups(&props.choices, &typed, &recent);
    let order = option_order(&groups);

    let choose = {
        let (open, typed, active, recent) =
            (open.clone(), typed.clone(), active.clone(), recent.clone());
        let (on_action, id_now, user_entered) =
            (props.on_action.clone(), area.id.clone(), props.user_entered);
        Callback::from(move |id: String| {
            open.set(false);
            typed.set(String::new());
            active.set(None);
            recent.set(remember(&id));
            if id != id_now || user_entered {
                on_action.emit(Action::WantArea {
                    id,
                    as_of: None,
                    then: AfterLoad::Show,
                });
            }
        })
    };
    let oninput = {
        let (open, typed, active) = (open.clone(), typed.clone(), active.clone());
        let (choices, recent) = (props.choices.clone(), recent.clone());
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            let first = option_order(&picker_groups(&choices, &text, &recent))
                .into_iter()
                .next();
            typed.set(text);
            active.set(first);
            open.set(true);
        })
    };
    let onkeydown = {
        let (open, typed, active, choose) =
            (open.clone(), typed.clone(), active.clone(), choose.clone());
        let order = order.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "ArrowDown" | "ArrowUp" => {
                e.prevent_default();
                let step = if e.key() == "ArrowDown" { 1 } else { -1 };
                if !*open {
                    open.set(true);
                    if active.is_none() {
                        active.set(step_from(&order, None, step));
                    }
                } else if !e.alt_key() {
                    active.set(step_from(&order, active.as_ref(), step));
                }
            }
            "Enter" if *open => {
                e.prevent_default();
                if let Some(id) = (*active).clone() {
                    choose.emit(id);
                }
            }
            "Escape" => {
                if *open {
                    e.prevent_default();
                    open.set(false);
                    active.set(None);
                } else {
                    typed.set(String::new());
                }
            }
            _ => {}
        })
    };
    let onblur = {
        let (open, typed, active) = (open.clone(), typed.clone(), active.clone());
        Callback::from(move |_: FocusEvent| {
            open.set(false);
            typed.set(String::new());
            active.set(None);
        })
    };
    // The shown name is selected on focus, so typing replaces it.
    let onfocus = Callback::from(|e: FocusEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        input.select();
    });
    let toggle = {
        let open = open.clone();
        Callback::from(move |e: MouseEvent| {
            // Keeps the focus in the input, so the list stays tied to it.
            e.prevent_default();
            open.set(!*open);
        })
    };
    let shown = if *open { (*typed).clone() } else { current };
    let count = order.len();
    let status = match (&props.loading, *open) {
        (Some(name), _) => format!("Loading {name}…"),
        (None, true) if count == 0 => "No area matches. Try part of a name or a region.".to_owned(),
        (None, true) => format!("{count} area{} listed", if count == 1 { "" } else { "s" }),
        (None, false) => String::new(),
    };
    let list = groups
        .iter()
        .enumerate()
        .map(|(i, group)| option_group(i, group, &active, &area.id, &choose))
        .collect::<Html>();

    html! {
        <div class="area-picker" aria-busy={props.loading.is_some().then_some("true")}>
            <label for="area-select" id="area-label">{ "Area" }</label>
            <div class="combobox">
                <input id="area-select" type="text" role="combobox" autocomplete="off" spellcheck="false"
                    aria-autocomplete="list" aria-expanded={if *open { "true" } else { "false" }}
                    aria-controls="area-listbox" aria-describedby="area-geography area-about area-as-of"
                    aria-activedescendant={active.as_ref().filter(|_| *open).map(|id| option_id(id))}
                    data-area-id={if props.user_entered { String::new() } else { area.id.clone() }}
                    value={shown} placeholder="Type a local authority or region"
                    {oninput} {onkeydown} {onfocus} {onblur} />
                <button type="button" class="combobox-toggle" tabindex="-1" aria-label="Show every area"
                    aria-controls="area-listbox" aria-expanded={if *open { "true" } else { "false" }}
                    onmousedown={toggle}>{ "▾" }</button>
                <div id="area-listbox" role="listbox" aria-labelledby="area-label" hidden={!*open}>
                    { list }
                </div>
            </div>
            <span class="visually-hidden" role="status" id="area-status-line">{ status }</span>
            { as_of_picker(area, props.as_of_reason, props.user_entered, &props.on_action) }
            // Announced when the area changes, so a screen reader hears whose figures
            // the page now shows.
            <p id="area-geography" class="area-geography" aria-live="polite">{ geography_line(area) }</p>
            <p id="area-about" class="area-about">{ about_line(area) }</p>
        </div>
    }
}

/// One group of the list: a heading the options are labelled by, then the options.
fn option_group(
    i: usize,
    group: &PickerGroup,
    active: &Option<String>,
    current: &str,
    choose: &Callback<String>,
) -> Html {
    let heading = format!("area-group-{i}");
    html! {
        <div role="group" aria-labelledby={heading.clone()}>
            <div role="presentation" class="combobox-heading" id={heading}>{ group.label.clone() }</div>
            { for group.options.iter().map(|choice| area_option(choice, active, current, choose)) }
        </div>
    }
}

fn area_option(
    choice: &AreaChoice,
    active: &Option<String>,
    current: &str,
    choose: &Callback<String>,
) -> Html {
    let id = choice.id.clone();
    let choose = choose.clone();
    // mousedown, not click: the input keeps focus, so its blur does not close the list
    // before the choice lands.
    let onmousedown = Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        choose.emit(id.clone());
    });
    let is_active = active.as_deref() == Some(choice.id.as_str());
    html! {
        <div role="option" id={option_id(&choice.id)} aria-selected={if is_active { "true" } else { "false" }}
            class={classes!("combobox-option", is_active.then_some("active"), (choice.id == current).then_some("current"))}
            data-area-id={choice.id.clone()} {onmousedown}>{ choice.option_label() }</div>
    }
}

/// The year the projection starts from: a choice of the area's as-of years, and why.
fn as_of_picker(
    area: &crate::model::Area,
    reason: AsOfReason,
    user_entered: bool,
    on_action: &Callback<Action>,
) -> Html {
    let years = area.as_of_years();
    let onchange = on_action.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        match select.value().parse::<i32>() {
            Ok(year) => Action::SetAsOf(year),
            Err(_) => Action::notice(true, "That start year could not be read."),
        }
    });
    html! {
        <div class="as-of">
            // Edited figures stay as they are: another year would replace them.
            if years.len() > 1 && !user_entered {
                <label for="as-of-select">{ "Start from" }</label>
                // Keyed by the year shown, so the selected option follows the state.
                <select id="as-of-select" key={area.base_year} {onchange} aria-describedby="area-as-of">
                    for year in years.iter().copied() {
                        <option value={year.to_string()} selected={year == area.base_year}>{ year.to_string() }</option>
                    }
                </select>
            }
            <p id="area-as-of" class="area-as-of">{ as_of_line(area, reason) }</p>
        </div>
    }
}
