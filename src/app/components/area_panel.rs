//! The area's figures with their sources: every number of the area file with its
//! provenance, the observed results it carries, an area file to import, and figures to
//! edit. Edited figures are validated and marked user-entered. (Areas are chosen in the
//! header's picker.)

use std::collections::BTreeMap;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::areas::Figure;
use crate::app::areas::{
    figures, neighbours_line, observed_rows, provenance_counts, proxy_note, short_name, ObservedRow,
};
use crate::app::export;
use crate::app::files::read_chosen_file;
use crate::app::format;
use crate::app::state::Action;
use crate::app::view_model::Shared;
use crate::model::{Area, Model, Provenance, Sourced, Stage};

const AREA_IMPORT_LIMIT_BYTES: f64 = 256.0 * 1024.0;

#[derive(Properties, PartialEq)]
pub struct AreaPanelProps {
    pub model: Shared<Model>,
    pub user_entered: bool,
    pub on_action: Callback<Action>,
}

fn notify(on_action: &Callback<Action>, error: bool, text: impl Into<String>) {
    on_action.emit(Action::notice(error, text));
}

/// Applies the edited fields (percentages for shares) to a copy of `area`; each changed
/// value is marked as entered by the user. Returns the first problem, naming the field.
fn apply_edits(area: &Area, edits: &BTreeMap<String, String>) -> Result<Area, String> {
    let mut next = area.clone();
    for (field, text) in edits {
        let value: f64 = text.trim().parse().map_err(|_| {
            format!(
                "{field}: “{}” is not a number",
                text.chars().take(40).collect::<String>()
            )
        })?;
        let (target, scale): (&mut Sourced<f64>, f64) = match field.as_str() {
            "cohort_size" => (&mut next.cohort_size, 1.0),
            "fsm_share" => (&mut next.fsm_share, 0.01),
            other => {
                let (stage_key, group) = other
                    .split_once('.')
                    .ok_or_else(|| format!("{other}: unknown field"))?;
                let stage = Stage::ALL
                    .into_iter()
                    .find(|s| s.key() == stage_key)
                    .ok_or_else(|| format!("{other}: unknown stage"))?;
                let rates = next.stages.get_mut(stage);
                (
                    if group == "fsm" {
                        &mut rates.fsm_rate
                    } else {
                        &mut rates.non_fsm_rate
                    },
                    0.01,
                )
            }
        };
        let new_value = value * scale;
        if (new_value - target.value).abs() > 1e-12 {
            target.value = new_value;
            target.provenance = Provenance::UserEntered(format!(
                "Entered by you on this device (the default was: {})",
                target.provenance.text()
            ));
        }
    }
    next.validate().map_err(|e| e.to_string())?;
    Ok(next)
}

/// The edited fields that are refused on their own (every other figure as in use): the
/// fields to mark invalid after a refused edit. Empty when only the combination fails.
fn refused_fields(area: &Area, edits: &BTreeMap<String, String>) -> Vec<String> {
    edits
        .iter()
        .filter(|(field, text)| {
            let single = BTreeMap::from([((*field).clone(), (*text).clone())]);
            apply_edits(area, &single).is_err()
        })
        .map(|(field, _)| field.clone())
        .collect()
}

/// The area file as the panel exports it: exactly what [`Area::from_json`] reads, with
/// the figures the user entered marked `user_entered`.
fn area_file_json(area: &Area) -> String {
    serde_json::to_string_pretty(area).unwrap_or_default()
}

/// A message shown beside the panel's controls.
#[derive(Clone, PartialEq)]
struct Status {
    error: bool,
    text: String,
}

#[component]
pub fn AreaPanel(props: &AreaPanelProps) -> Html {
    let editing = use_editing(&props.model);
    let Editing {
        edits,
        status,
        invalid,
        keep_status,
    } = editing.clone();
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    let area = props.model.area();
    let on_action = props.on_action.clone();
    // Derived once per area: the panel re-renders with the page on every slider step.
    let rows = use_memo(props.model.clone(), |model| figures(model.area()));
    let observed = use_memo(props.model.clone(), |model| observed_rows(model.area()));
    let (sourced, assumed, entered) = provenance_counts(&rows);
    // Sources and derivations run to several hundred words: three lines each until asked.
    let full_text = use_state(|| false);
    let toggle_full_text = {
        let full_text = full_text.clone();
        Callback::from(move |_: MouseEvent| full_text.set(!*full_text))
    };
    let clamped = (!*full_text).then_some("clamped");

    let figure_rows = rows
        .iter()
        .map(|figure| figure_row(figure, &edits, &invalid));
    let observed_table = observed_table(&observed, area, clamped);

    let apply = apply_edits_callback(editing, area.clone(), on_action.clone());
    let export_area = {
        let (area, on_action) = (area.clone(), on_action.clone());
        Callback::from(move |_: MouseEvent| {
            let file = format::file_name(&[&area.id], "area", "json");
            if let Err(e) = export::download_text(&file, "application/json", &area_file_json(&area))
            {
                notify(&on_action, true, e);
            }
        })
    };
    let on_import = import_callback(
        on_action.clone(),
        reader.clone(),
        status.clone(),
        keep_status.clone(),
    );

    html! {
        <section class="sources" aria-labelledby="sources-heading">
            <details>
                <summary><h2 id="sources-heading">{ format!("Area data: {}, {}", area.name, area.base_year) }</h2></summary>
                <p class="hint" data-role="provenance-counts">
                    { format!("{} numbers: {sourced} cited from a source, {assumed} assumptions", rows.len()) }
                    if entered > 0 { { format!(", {entered} entered by you") } }
                    { ". Every figure is cited, labelled as an assumption with its derivation, or marked as entered by you. Edit a figure and apply: impossible values are refused with a message and nothing changes. Lever evidence and costs are in each lever's evidence details." }
                </p>
                if let Some(line) = neighbours_line(area) {
                    <p class="hint" data-role="neighbours">{ line }</p>
                }
                if let Some(note) = proxy_note(area) {
                    <p class="hint proxy-note">{ note }</p>
                }
                <div class="table-wrap" tabindex="0" role="region" aria-label="Area figures and their sources">
                <div class="area-controls">
                    <button id="toggle-full-text" class="secondary" aria-pressed={(*full_text).to_string()} onclick={toggle_full_text}>{ "Show sources and assumptions in full" }</button>
                </div>
                <table class={classes!("figures", clamped)} data-table="area-sources">
                    <caption class="visually-hidden">{ format!("Figures for {}, with their sources", area.name) }</caption>
                    <thead><tr><th scope="col">{ "Figure" }</th><th scope="col">{ "Value" }</th><th scope="col">{ "Status" }</th><th scope="col">{ "Source or assumption" }</th></tr></thead>
                    <tbody>{ for figure_rows }</tbody>
                </table>
                </div>
                { edit_controls(apply, on_import, export_area, &status) }
                if props.user_entered {
                    <p class="hint" id="area-export-note">{ "The figures you entered stay on this page only: a saved or exported scenario names the area, not its figures. Export the area file to keep them, and import it to use them again." }</p>
                }
                <p class="hint">{ format!("Pupils per year group: {}. Shares are percentages; trends are percentage points a year; the links between stages are shares (0 to 1) and correlations, shown here but set only in an area file.", format::pupils(area.cohort_size.value)) }</p>
                { observed_table }
                <p class="hint">{ "Observed results are what was published for the area's figures year by year, for monitoring: the projection never uses them. A model measure is the model's own measure at a stage; context is a related measure, group or age." }</p>
            </details>
        </section>
    }
}

/// The observed results the area file carries, one row per series.
fn observed_table(observed: &[ObservedRow], area: &Area, clamped: Option<&'static str>) -> Html {
    if observed.is_empty() {
        html! { <p class="hint" id="no-observed">{ "This area file carries no observed results." }</p> }
    } else {
        html! {
            <div class="table-wrap" tabindex="0" role="region" aria-label="Observed results">
            <table class={classes!("observed", clamped)} data-table="area-observed">
                <caption>{ format!("Observed results: {} series published for {}", observed.len(), short_name(area)) }</caption>
                <colgroup>
                    <col class="col-measure" /><col class="col-group" /><col class="col-years" /><col class="col-source" /><col class="col-breaks" />
                </colgroup>
                <thead><tr>
                    <th scope="col">{ "Measure" }</th>
                    <th scope="col">{ "Group" }</th>
                    <th scope="col">{ "Years and values" }</th>
                    <th scope="col">{ "Source" }</th>
                    <th scope="col">{ "Breaks and caveats" }</th>
                </tr></thead>
                <tbody>
                    for row in observed.iter() {
                        <tr data-measure={row.measure.clone()}>
                            <th scope="row">
                                { format!("{}: ", row.stage) }<code>{ row.measure.clone() }</code>
                                <span class={classes!("tag", (row.role == "context").then_some("context"))}>{ row.role }</span>
                                <span class="cell-note clamp">{ row.definition.clone() }</span>
                            </th>
                            <td data-role="group">{ row.group }<span class="cell-note">{ row.geography.clone() }</span></td>
                            <td data-role="years">{ row.years.clone() }<span class="cell-note">{ row.values.clone() }</span></td>
                            <td class="prov-text" data-role="source"><span class="clamp">{ row.source.clone() }</span></td>
                            <td class="prov-text" data-role="breaks">
                                if row.breaks.is_empty() {
                                    { "None recorded" }
                                } else {
                                    <ul class="breaks">
                                        for (label, note) in row.breaks.iter() {
                                            <li><strong>{ label.clone() }</strong><span class="cell-note clamp">{ note.clone() }</span></li>
                                        }
                                    </ul>
                                }
                            </td>
                        </tr>
                    }
                </tbody>
            </table>
            </div>
        }
    }
}

/// What the panel keeps while figures are edited: the edits typed, the message beside the
/// controls, the fields a refused edit could not use, and whether the message outlives the
/// next area change.
#[derive(Clone)]
struct Editing {
    edits: std::rc::Rc<std::cell::RefCell<BTreeMap<String, String>>>,
    status: UseStateHandle<Option<Status>>,
    invalid: UseStateHandle<Vec<String>>,
    keep_status: std::rc::Rc<std::cell::RefCell<bool>>,
}

/// Apply: the typed edits as a new area, or why not (naming what is still in use).
fn apply_edits_callback(
    editing: Editing,
    area: Area,
    on_action: Callback<Action>,
) -> Callback<MouseEvent> {
    let Editing {
        edits,
        status,
        invalid,
        keep_status,
    } = editing;
    Callback::from(move |_: MouseEvent| {
        let pending = edits.borrow().clone();
        if pending.is_empty() {
            status.set(Some(Status {
                error: false,
                text: "No figures were changed.".to_owned(),
            }));
            return;
        }
        match apply_edits(&area, &pending) {
            Ok(next) => {
                edits.borrow_mut().clear();
                let text = "Area figures updated; changed figures are marked user-entered.";
                notify(&on_action, false, text);
                status.set(Some(Status {
                    error: false,
                    text: text.to_owned(),
                }));
                invalid.set(Vec::new());
                *keep_status.borrow_mut() = true;
                on_action.emit(Action::SetArea {
                    area: Box::new(next),
                    user_entered: true,
                });
            }
            Err(problem) => {
                let refused = refused_fields(&area, &pending);
                // Say what the model still uses for each field marked invalid.
                let in_use: Vec<String> = figures(&area)
                    .into_iter()
                    .filter(|f| {
                        f.field
                            .as_ref()
                            .is_some_and(|field| refused.contains(field))
                    })
                    .map(|f| format!("{} {}", f.label, f.shown()))
                    .collect();
                let text = if in_use.is_empty() {
                    format!("The area figures were not changed: {problem}.")
                } else {
                    format!(
                        "The area figures were not changed: {problem}. Still in use: {}.",
                        in_use.join("; ")
                    )
                };
                notify(&on_action, true, text.clone());
                status.set(Some(Status { error: true, text }));
                invalid.set(refused);
            }
        }
    })
}

/// Import: an area file read and, when valid, shown; said beside the controls either way.
fn import_callback(
    on_action: Callback<Action>,
    reader: std::rc::Rc<std::cell::RefCell<Option<gloo::file::callbacks::FileReader>>>,
    status: UseStateHandle<Option<Status>>,
    keep_status: std::rc::Rc<std::cell::RefCell<bool>>,
) -> Callback<Event> {
    Callback::from(move |e: Event| {
        let (on_action, status, keep_status) =
            (on_action.clone(), status.clone(), keep_status.clone());
        read_chosen_file(
            &e,
            AREA_IMPORT_LIMIT_BYTES,
            &reader,
            move |name, text| match text
                .and_then(|text| Area::from_json(&text).map_err(|e| e.to_string()))
            {
                Ok(area) => {
                    let text = format!("Loaded area “{}” from {name}.", area.name);
                    notify(&on_action, false, text.clone());
                    status.set(Some(Status { error: false, text }));
                    *keep_status.borrow_mut() = true;
                    on_action.emit(Action::SetArea {
                        area: Box::new(area),
                        user_entered: true,
                    });
                }
                Err(e) => {
                    let text = format!("{name} was not loaded: {e}");
                    notify(&on_action, true, text.clone());
                    status.set(Some(Status { error: true, text }));
                }
            },
        );
    })
}

/// A field's input: each keystroke recorded in `edits`, so a re-render cannot lose an edit
/// in progress; marked invalid while it holds a refused value.
fn figure_input(
    field: String,
    shown: String,
    label: String,
    edits: &std::rc::Rc<std::cell::RefCell<BTreeMap<String, String>>>,
    invalid: &UseStateHandle<Vec<String>>,
) -> Html {
    let edits = edits.clone();
    let refused = invalid.contains(&field);
    let oninput = Callback::from({
        let (field, invalid) = (field.clone(), invalid.clone());
        move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            edits.borrow_mut().insert(field.clone(), input.value());
            // A changed value is no longer the one refused.
            if invalid.contains(&field) {
                invalid.set(invalid.iter().filter(|f| **f != field).cloned().collect());
            }
        }
    });
    html! {
        <input type="number" step="any" class="area-input" data-field={field} value={shown} {oninput} aria-label={label}
            aria-invalid={refused.then_some("true")} aria-describedby={refused.then_some("area-status")} />
    }
}

/// One figure: its label, value (editable where the area file allows), status and source.
fn figure_row(
    figure: &Figure,
    edits: &std::rc::Rc<std::cell::RefCell<BTreeMap<String, String>>>,
    invalid: &UseStateHandle<Vec<String>>,
) -> Html {
    let kind = match figure.provenance {
        Provenance::Source(_) => "source",
        Provenance::Assumption(_) => "assumption",
        Provenance::UserEntered(_) => "user",
    };
    let label = match &figure.note {
        Some(note) => format!("{} ({note})", figure.label),
        None => figure.label.clone(),
    };
    html! {
        <tr data-figure={figure.field.clone().unwrap_or_default()} data-provenance={kind}>
            <th scope="row">
                { figure.label.clone() }
                if let Some(note) = &figure.note { <span class="cell-note">{ note.clone() }</span> }
            </th>
            <td>
                if let Some(field) = &figure.field {
                    { figure_input(field.clone(), figure.shown(), label, edits, invalid) }
                } else {
                    <span class="area-fixed">{ figure.shown() }</span>
                }
            </td>
            <td><span class={classes!("prov", (kind != "source").then_some(kind))}>{ figure.provenance.label() }</span></td>
            <td class="prov-text"><span class="clamp">{ figure.provenance.text().to_owned() }</span></td>
        </tr>
    }
}

/// Apply, import and export, and the message beside them: always in the page, so screen
/// readers announce what Apply or an import did.
fn edit_controls(
    apply: Callback<MouseEvent>,
    on_import: Callback<Event>,
    export_area: Callback<MouseEvent>,
    status: &Option<Status>,
) -> Html {
    html! {
        <>
        <div class="area-controls">
            <button id="apply-area" onclick={apply} aria-describedby="area-status">{ "Apply changes" }</button>
            <label class="file-button">
                { "Import an area file (JSON) " }
                <input id="import-area" type="file" accept=".json,application/json" onchange={on_import} aria-describedby="area-status" />
            </label>
            <button id="export-area" class="secondary" onclick={export_area}>{ "Export area file" }</button>
        </div>
        // Always in the page, so screen readers announce what Apply or an import did.
        <p id="area-status" role="status" aria-live="polite"
            class={classes!("area-status", status.as_ref().filter(|s| s.error).map(|_| "error"))}
            data-status={status.as_ref().map(|s| if s.error { "error" } else { "info" })}>
            { status.as_ref().map(|s| s.text.clone()).unwrap_or_default() }
        </p>
        </>
    }
}

/// The panel's editing state for `model`'s area; edits typed for one area are cleared
/// when it changes, so they are never applied to another.
#[hook]
fn use_editing(model: &Shared<Model>) -> Editing {
    let edits = use_mut_ref(BTreeMap::<String, String>::new);
    // What the last Apply or import said, shown beside those controls; the fields a
    // refused edit could not use.
    let status = use_state(|| None::<Status>);
    let invalid = use_state(Vec::<String>::new);
    // Set when the panel itself changed the area, so its message outlives the change.
    let keep_status = use_mut_ref(|| false);
    {
        let (edits, status, invalid, keep_status) = (
            edits.clone(),
            status.clone(),
            invalid.clone(),
            keep_status.clone(),
        );
        use_effect_with(model.clone(), move |_| {
            edits.borrow_mut().clear();
            invalid.set(Vec::new());
            if !std::mem::take(&mut *keep_status.borrow_mut()) {
                status.set(None);
            }
        });
    }
    Editing {
        edits,
        status,
        invalid,
        keep_status,
    }
}
