//! The area's baseline figures with their sources: switch between shipped areas, import
//! an area file, or edit figures. Edited figures are validated and marked user-entered.

use std::collections::BTreeMap;
use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::select::Select;
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
    let shipped = use_memo((), |_| Area::shipped());
    {
        // Edits typed for one area must not be applied to another.
        let edits = edits.clone();
        use_effect_with(props.model.clone(), move |_| edits.borrow_mut().clear());
    }
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    let area = props.model.area();
    let on_action = props.on_action.clone();

    let input = |field: String, value: f64, label: String| {
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
            <input type="number" step="any" class="area-input" data-field={field} value={format!("{value:.1}")} {oninput} aria-label={label} />
        }
    };
    let row = |label: String, field: String, value: f64, provenance: &Provenance| {
        html! {
            <tr>
                <th scope="row">{ label.clone() }</th>
                <td>{ input(field, value, label) }</td>
                <td><span class={classes!("prov", match provenance { Provenance::Assumption(_) => Some("assumption"), Provenance::UserEntered(_) => Some("user"), Provenance::Source(_) => None })}>{ provenance.label() }</span></td>
                <td class="prov-text">{ provenance.text().to_owned() }</td>
            </tr>
        }
    };
    let mut rows = vec![
        row(
            "Pupils per year group".to_owned(),
            "cohort_size".to_owned(),
            area.cohort_size.value,
            &area.cohort_size.provenance,
        ),
        row(
            "FSM share (%)".to_owned(),
            "fsm_share".to_owned(),
            area.fsm_share.value * 100.0,
            &area.fsm_share.provenance,
        ),
    ];
    for stage in Stage::ALL {
        let rates = area.stages.get(stage);
        rows.push(row(
            format!("{}: FSM (%)", stage.outcome()),
            format!("{}.fsm", stage.key()),
            rates.fsm_rate.value * 100.0,
            &rates.fsm_rate.provenance,
        ));
        rows.push(row(
            format!("{}: non-FSM (%)", stage.outcome()),
            format!("{}.non_fsm", stage.key()),
            rates.non_fsm_rate.value * 100.0,
            &rates.non_fsm_rate.provenance,
        ));
    }

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
    let on_switch = {
        let (on_action, shipped) = (on_action.clone(), shipped.clone());
        Callback::from(move |value: String| {
            if let Some(area) = shipped.iter().find(|a| a.id == value).cloned() {
                on_action.emit(Action::SetArea {
                    area: Box::new(area),
                    user_entered: false,
                });
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
                <div class="area-controls">
                    <label>
                        { "Area " }
                        <Select id="area-select" onchange={on_switch} value={if props.user_entered { String::new() } else { area.id.clone() }}
                            options={shipped.iter().map(|a| (a.id.clone(), a.name.clone()))
                                .chain(props.user_entered.then(|| (String::new(), format!("{} (your data)", area.name))))
                                .collect::<Vec<_>>()} />
                    </label>
                    <label class="file-button">
                        { "Import an area file (JSON) " }
                        <input id="import-area" type="file" accept=".json,application/json" onchange={on_import} />
                    </label>
                </div>
                <p class="hint">{ "Every figure is cited, labelled as an assumption, or marked as entered by you. Edit a figure and apply: impossible values are refused with a message and nothing changes. Lever evidence and costs are in each lever's evidence details." }</p>
                <div class="table-wrap">
                <table data-table="area-sources">
                    <thead><tr><th scope="col">{ "Figure" }</th><th scope="col">{ "Value" }</th><th scope="col">{ "Status" }</th><th scope="col">{ "Source or assumption" }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                </div>
                <button id="apply-area" onclick={apply}>{ "Apply changes" }</button>
                <p class="hint">{ format!("Pupils per year group: {}.", format::pupils(area.cohort_size.value)) }</p>
            </details>
        </section>
    }
}
