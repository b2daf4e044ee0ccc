//! The area's figures with their sources: every number of the area file with its
//! provenance, the observed results it carries, an area file to import, and figures to
//! edit. Edited figures are validated and marked user-entered. (Areas are chosen in the
//! header's picker.)

use std::collections::BTreeMap;
use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::areas::{figures, observed_rows, provenance_counts, proxy_note, short_name};
use crate::app::files::read_chosen_file;
use crate::app::format;
use crate::app::state::Action;
use crate::model::{Area, Model, Provenance, Sourced, Stage};

const AREA_IMPORT_LIMIT_BYTES: f64 = 256.0 * 1024.0;

#[derive(Properties, PartialEq)]
pub struct AreaPanelProps {
    pub model: Rc<Model>,
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

#[component]
pub fn AreaPanel(props: &AreaPanelProps) -> Html {
    let edits = use_mut_ref(BTreeMap::<String, String>::new);
    {
        // Edits typed for one area must not be applied to another.
        let edits = edits.clone();
        use_effect_with(props.model.clone(), move |_| edits.borrow_mut().clear());
    }
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

    let input = |field: String, shown: String, label: String| {
        let edits = edits.clone();
        // Recorded on every keystroke, so a re-render cannot lose an edit in progress.
        let oninput = Callback::from({
            let field = field.clone();
            move |e: InputEvent| {
                let input: HtmlInputElement = e.target_unchecked_into();
                edits.borrow_mut().insert(field.clone(), input.value());
            }
        });
        html! {
            <input type="number" step="any" class="area-input" data-field={field} value={shown} {oninput} aria-label={label} />
        }
    };
    let figure_rows = rows.iter().map(|figure| {
        let kind = match figure.provenance {
            Provenance::Source(_) => "source",
            Provenance::Assumption(_) => "assumption",
            Provenance::UserEntered(_) => "user",
        };
        html! {
            <tr data-figure={figure.field.clone().unwrap_or_default()} data-provenance={kind}>
                <th scope="row">
                    { figure.label.clone() }
                    if let Some(note) = &figure.note { <span class="cell-note">{ note.clone() }</span> }
                </th>
                <td>
                    if let Some(field) = &figure.field {
                        { input(field.clone(), figure.shown(), match &figure.note {
                            Some(note) => format!("{} ({note})", figure.label),
                            None => figure.label.clone(),
                        }) }
                    } else {
                        <span class="area-fixed">{ figure.shown() }</span>
                    }
                </td>
                <td><span class={classes!("prov", (kind != "source").then_some(kind))}>{ figure.provenance.label() }</span></td>
                <td class="prov-text"><span class="clamp">{ figure.provenance.text().to_owned() }</span></td>
            </tr>
        }
    });
    let observed_table = if observed.is_empty() {
        html! { <p class="hint" id="no-observed">{ "This area file carries no observed results." }</p> }
    } else {
        html! {
            <div class="table-wrap">
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
    };

    let apply = {
        let (edits, area, on_action) = (edits.clone(), area.clone(), on_action.clone());
        Callback::from(move |_: MouseEvent| {
            let pending = edits.borrow().clone();
            if pending.is_empty() {
                notify(&on_action, false, "No figures were changed.");
                return;
            }
            match apply_edits(&area, &pending) {
                Ok(next) => {
                    edits.borrow_mut().clear();
                    notify(
                        &on_action,
                        false,
                        "Area figures updated; changed figures are marked user-entered.",
                    );
                    on_action.emit(Action::SetArea {
                        area: Box::new(next),
                        user_entered: true,
                    });
                }
                Err(problem) => notify(
                    &on_action,
                    true,
                    format!("The area figures were not changed: {problem}."),
                ),
            }
        })
    };
    let on_import = {
        let (on_action, reader) = (on_action.clone(), reader.clone());
        Callback::from(move |e: Event| {
            let on_action = on_action.clone();
            read_chosen_file(
                &e,
                AREA_IMPORT_LIMIT_BYTES,
                &reader,
                move |name, text| match text
                    .and_then(|text| Area::from_json(&text).map_err(|e| e.to_string()))
                {
                    Ok(area) => {
                        notify(
                            &on_action,
                            false,
                            format!("Loaded area “{}” from {name}.", area.name),
                        );
                        on_action.emit(Action::SetArea {
                            area: Box::new(area),
                            user_entered: true,
                        });
                    }
                    Err(e) => notify(&on_action, true, format!("{name} was not loaded: {e}")),
                },
            );
        })
    };

    html! {
        <section class="sources" aria-labelledby="sources-heading">
            <details>
                <summary><h2 id="sources-heading">{ format!("Area data: {}, {}", area.name, area.base_year) }</h2></summary>
                <p class="hint" data-role="provenance-counts">
                    { format!("{} numbers: {sourced} cited from a source, {assumed} assumptions", rows.len()) }
                    if entered > 0 { { format!(", {entered} entered by you") } }
                    { ". Every figure is cited, labelled as an assumption with its derivation, or marked as entered by you. Edit a figure and apply: impossible values are refused with a message and nothing changes. Lever evidence and costs are in each lever's evidence details." }
                </p>
                if let Some(note) = proxy_note(area) {
                    <p class="hint proxy-note">{ note }</p>
                }
                <div class="table-wrap">
                <div class="area-controls">
                    <button id="toggle-full-text" class="secondary" aria-pressed={(*full_text).to_string()} onclick={toggle_full_text}>{ "Show sources and assumptions in full" }</button>
                </div>
                <table class={classes!("figures", clamped)} data-table="area-sources">
                    <caption class="visually-hidden">{ format!("Figures for {}, with their sources", area.name) }</caption>
                    <thead><tr><th scope="col">{ "Figure" }</th><th scope="col">{ "Value" }</th><th scope="col">{ "Status" }</th><th scope="col">{ "Source or assumption" }</th></tr></thead>
                    <tbody>{ for figure_rows }</tbody>
                </table>
                </div>
                <div class="area-controls">
                    <button id="apply-area" onclick={apply}>{ "Apply changes" }</button>
                    <label class="file-button">
                        { "Import an area file (JSON) " }
                        <input id="import-area" type="file" accept=".json,application/json" onchange={on_import} />
                    </label>
                </div>
                <p class="hint">{ format!("Pupils per year group: {}. Shares are percentages; trends are percentage points a year; the links between stages are shares (0 to 1) and correlations, shown here but set only in an area file.", format::pupils(area.cohort_size.value)) }</p>
                { observed_table }
                <p class="hint">{ "Observed results are what was published for the area's figures year by year, for monitoring: the projection never uses them. A model measure is the model's own measure at a stage; context is a related measure, group or age." }</p>
            </details>
        </section>
    }
}
