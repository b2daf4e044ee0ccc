//! Presets and saved scenarios: load, compare, rename, duplicate, delete.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::backups_panel::BackupsPanel;
use crate::app::areas::AreaChoice;
use crate::app::state::{Action, LibraryAction, Listed, ScenarioId, MAX_COMPARED};
use crate::app::view_model::Shared;
use crate::scenario::library::Presets;
use crate::scenario::{Scenario, MAX_NAME_CHARS};

#[derive(Properties, PartialEq)]
pub struct LibraryPanelProps {
    pub presets: Shared<Presets>,
    /// Saved scenarios; `None` while storage is being read.
    pub saved: Option<Shared<Vec<Listed>>>,
    /// The scenarios drawn beside the current one.
    pub compared: Vec<ScenarioId>,
    /// The shipped areas, to name the area each scenario was made for.
    pub areas: Rc<Vec<AreaChoice>>,
    pub on_action: Callback<Action>,
}

#[component]
pub fn LibraryPanel(props: &LibraryPanelProps) -> Html {
    // The scenario being renamed and the name typed so far. The draft lives here, not only
    // in the input, so that a re-render while typing (bands arriving, a save confirmed)
    // never puts the old name back.
    let renaming = use_state(|| None::<(ScenarioId, String)>);
    let on_action = &props.on_action;
    let compared = |id: ScenarioId| props.compared.contains(&id);
    // Scenarios made for an area open in it (presets too, when they name one); the rest keep the current one.
    let area_name = |scenario: &Scenario| match scenario.area.as_deref() {
        None => "Any".to_owned(),
        Some(id) => props
            .areas
            .iter()
            .find(|a| a.id == id)
            .map_or_else(|| format!("{id} (not shipped)"), |a| a.short_name.clone()),
    };

    let row = |id: ScenarioId, scenario: &Scenario, preset: bool| {
        let shown = Shown {
            preset,
            compared: compared(id),
            area: area_name(scenario),
        };
        scenario_row(id, scenario, shown, &renaming, on_action)
    };

    let saved: Rc<Vec<Listed>> = props
        .saved
        .as_ref()
        .map_or_else(Rc::default, |s| s.rc().clone());
    html! {
        <section class="library" aria-labelledby="library-heading">
            <details open={!props.compared.is_empty()}>
                <summary><h2 id="library-heading">{ "Scenarios: presets, saved, compare" }</h2></summary>
                <p class="hint">{ format!("Load a scenario to edit it: one made for an area (its Area column names it) opens in that area; one for any area keeps the current area. Tick up to {MAX_COMPARED} to draw them beside the current one, on the current area's figures. Saved scenarios stay in this browser only.") }</p>
                <div class="table-wrap" tabindex="0" role="region" aria-label="Scenarios: table">
                <table class="scenario-list">
                    <caption class="visually-hidden">{ "Preset and saved scenarios" }</caption>
                    <thead><tr><th scope="col">{ "Scenario" }</th><th scope="col">{ "Levers" }</th><th scope="col">{ "Area" }</th><th scope="col">{ "Actions" }</th></tr></thead>
                    <tbody>
                        for (i, preset) in props.presets.presets.iter().enumerate() {
                            { row(ScenarioId::preset(i), &preset.scenario, true) }
                        }
                        for listed in saved.iter() {
                            { row(listed.id, &listed.scenario, false) }
                        }
                    </tbody>
                </table>
                </div>
                if saved.is_empty() {
                    <p class="hint" id="no-saved">{ "No saved scenarios yet: name the current one above and press Save." }</p>
                }
                <BackupsPanel on_action={on_action.clone()} />
            </details>
        </section>
    }
}

/// How a listed scenario is shown: a preset or saved, compared or not, and its area.
struct Shown {
    preset: bool,
    compared: bool,
    area: String,
}

/// One scenario in the list: load, compare and, for a saved one, rename (in place),
/// duplicate and delete.
fn scenario_row(
    id: ScenarioId,
    scenario: &Scenario,
    shown: Shown,
    renaming: &UseStateHandle<Option<(ScenarioId, String)>>,
    on_action: &Callback<Action>,
) -> Html {
    let load = on_action.reform({
        let s = scenario.clone();
        move |_: MouseEvent| Action::LoadScenario(s.clone())
    });
    let compare =
        on_action.reform(move |_: Event| Action::Library(LibraryAction::ToggleCompare(id)));
    let name = scenario.name.clone();
    let draft = renaming
        .as_ref()
        .filter(|(renamed, _)| *renamed == id)
        .map(|(_, draft)| draft.clone());
    let start_rename = {
        let (renaming, name) = (renaming.clone(), name.clone());
        Callback::from(move |_: MouseEvent| renaming.set(Some((id, name.clone()))))
    };
    let on_draft = {
        let renaming = renaming.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            renaming.set(Some((id, input.value())));
        })
    };
    let finish_rename = {
        let (renaming, on_action) = (renaming.clone(), on_action.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on_action.emit(Action::Library(LibraryAction::Rename {
                id,
                to: input.value(),
            }));
            renaming.set(None);
        })
    };
    let duplicate =
        on_action.reform(move |_: MouseEvent| Action::Library(LibraryAction::Duplicate(id)));
    let delete = on_action.reform(move |_: MouseEvent| Action::Library(LibraryAction::Delete(id)));
    html! {
        <tr data-scenario={name.clone()} data-scenario-id={id.0.to_string()} data-kind={if shown.preset { "preset" } else { "saved" }}>
            <th scope="row">
                if let Some(draft) = draft {
                    <input type="text" maxlength={MAX_NAME_CHARS.to_string()} value={draft} oninput={on_draft} onchange={finish_rename}
                        aria-label={format!("New name for {name}")} autofocus=true />
                } else {
                    { name.clone() }
                    if !scenario.description.is_empty() {
                        <span class="description">{ scenario.description.clone() }</span>
                    }
                }
            </th>
            <td>{ crate::app::format::count(scenario.levers.len(), "lever", "levers") }</td>
            <td class="area-cell" data-role="area">{ shown.area }</td>
            <td class="actions">
                <button class="link" data-role="load" onclick={load} aria-label={format!("Load {name}")}>{ "Load" }</button>
                <label class="compare-toggle">
                    <input type="checkbox" data-role="compare" checked={shown.compared} onchange={compare}
                        aria-label={format!("Compare {name} on the charts")} />
                    { " Compare" }
                </label>
                if !shown.preset {
                    <button class="link" data-role="rename" onclick={start_rename} aria-label={format!("Rename {name}")}>{ "Rename" }</button>
                    <button class="link" data-role="duplicate" onclick={duplicate} aria-label={format!("Duplicate {name}")}>{ "Duplicate" }</button>
                    <button class="link" data-role="delete" onclick={delete} aria-label={format!("Delete {name}")}>{ "Delete" }</button>
                }
            </td>
        </tr>
    }
}
