//! The scenario toolbar: name, save, share link and embed code, import and export,
//! and presentation mode.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use web_sys::{HtmlDialogElement, HtmlInputElement};
use yew::prelude::*;

use super::select::Select;
use crate::app::address::link_query;
use crate::app::export;
use crate::app::files::read_chosen_file;
use crate::app::format;
use crate::app::state::{Action, PageAction, PlanAction, State, AREA_NOT_SAVED};
use crate::app::view_model::{Shared, ViewModel};
use crate::scenario::contributions::contributions_csv;
use crate::scenario::link::EmbedView;
use crate::scenario::report::long_csv;
use crate::scenario::{echo, Scenario, MAX_NAME_CHARS};

/// Largest scenario file accepted for import.
const IMPORT_LIMIT_BYTES: f64 = 64.0 * 1024.0;

/// The latest store and view-model, read when a button is pressed. Handed over in a cell
/// the root refills on every render, so the toolbar need not re-render on every slider
/// step to have them at hand.
pub type Latest = Shared<RefCell<Option<(State, Rc<ViewModel>)>>>;

#[derive(Properties, PartialEq)]
pub struct ScenarioBarProps {
    pub name: AttrValue,
    /// True when the area's figures were imported or edited (they are not saved).
    pub user_entered: bool,
    pub latest: Latest,
    pub on_action: Callback<Action>,
}

fn notify(on_action: &Callback<Action>, error: bool, text: impl Into<String>) {
    on_action.emit(Action::notice(error, text));
}

/// The page address without its query: where share links and embeds point.
fn page_base() -> String {
    let location = gloo::utils::window().location();
    format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    )
}

/// Copies `text` and calls `done` with the outcome once the browser has answered: the
/// clipboard can be missing (an insecure page), blocked by a permission, or refuse.
fn copy_to_clipboard(text: &str, done: impl FnOnce(Result<(), String>) + 'static) {
    let navigator = gloo::utils::window().navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if !has_clipboard {
        done(Err(
            "this browser offers no clipboard to this page".to_owned()
        ));
        return;
    }
    let promise =
        match js_sys::Reflect::get(&navigator.clipboard(), &JsValue::from_str("writeText"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .map(|f| f.call1(&navigator.clipboard(), &JsValue::from_str(text)))
        {
            Some(Ok(value)) => value.dyn_into::<js_sys::Promise>().ok(),
            Some(Err(e)) => {
                done(Err(export::js_error_text(&e)));
                return;
            }
            None => None,
        };
    let Some(promise) = promise else {
        done(Err(
            "this browser cannot write text to the clipboard".to_owned()
        ));
        return;
    };
    // The promise settles once, so exactly one of the two handlers runs.
    let slot = Rc::new(RefCell::new(Some(done)));
    let on_ok = {
        let slot = slot.clone();
        Closure::once(move |_: JsValue| {
            if let Some(done) = slot.borrow_mut().take() {
                done(Ok(()));
            }
        })
    };
    let on_err = Closure::once(move |e: JsValue| {
        if let Some(done) = slot.borrow_mut().take() {
            done(Err(export::js_error_text(&e)));
        }
    });
    let _ = promise.then2(&on_ok, &on_err);
    // Both handlers must outlive this call; one of them never runs, so neither is freed.
    on_ok.forget();
    on_err.forget();
}

/// The share link and the embed code for `view`.
fn share_links(state: &State, view: EmbedView) -> (String, String) {
    let query = link_query(state, None);
    let share_url = if query.is_empty() {
        page_base()
    } else {
        format!("{}?{query}", page_base())
    };
    let embed_url = format!("{}?{}", page_base(), link_query(state, Some(view)));
    (
        share_url,
        crate::app::address::embed_code(&embed_url, &state.plan.name),
    )
}

#[component]
pub fn ScenarioBar(props: &ScenarioBarProps) -> Html {
    let on_action = props.on_action.clone();
    let user_entered = props.user_entered;
    let dialog = use_node_ref();
    let embed_view = use_state(EmbedView::default);
    // The link and embed code, worked out when the dialog opens (the page behind a
    // modal dialog cannot change) and when the embedded view is changed.
    let links = use_state(|| (String::new(), String::new()));
    let latest = props.latest.clone();
    let refresh_links = {
        let (latest, links) = (latest.clone(), links.clone());
        move |view: EmbedView| {
            if let Some((state, _)) = latest.borrow().as_ref() {
                links.set(share_links(state, view));
            }
        }
    };
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);

    // On every keystroke, not on change: a re-render (e.g. when bands arrive) would
    // otherwise put the old name back before the change event fires.
    let on_name = on_action.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Action::Plan(PlanAction::SetName(input.value()))
    });
    let on_save = on_action.reform(|_: MouseEvent| Action::SaveCurrent);
    let on_present = on_action.reform(|_: MouseEvent| {
        // Full screen needs this click; a browser that refuses still gets the large layout.
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = root.request_fullscreen();
        }
        Action::Page(PageAction::Present(Some(0)))
    });
    let (open_dialog, close_dialog) =
        dialog_callbacks(dialog.clone(), refresh_links.clone(), embed_view.clone());

    let (share_url, embed_code) = (*links).clone();
    let copy = |text: String, what: &'static str| copy_callback(on_action.clone(), text, what);
    let on_view = {
        let (embed_view, on_action) = (embed_view.clone(), on_action.clone());
        Callback::from(move |value: String| match value.parse::<EmbedView>() {
            Ok(view) => {
                embed_view.set(view);
                refresh_links(view);
            }
            Err(e) => notify(&on_action, true, e),
        })
    };
    let embed_options: Vec<(String, String)> = EmbedView::all()
        .into_iter()
        .map(|v| (v.to_string(), v.label()))
        .collect();
    let export_json = export_json_callback(latest.clone(), on_action.clone(), user_entered);
    let export_csv = export_csv_callback(latest.clone(), on_action.clone());
    let export_contributions = export_contributions_callback(latest.clone(), on_action.clone());
    let on_import = import_callback(on_action.clone(), reader.clone());

    html! {
        <section class="scenario-bar" aria-label="Current scenario">
            <label class="name-field">
                { "Scenario " }
                <input id="scenario-name" type="text" maxlength={MAX_NAME_CHARS.to_string()} value={props.name.clone()} oninput={on_name} />
            </label>
            <button id="save-scenario" onclick={on_save} aria-describedby={user_entered.then_some("area-not-saved")}>{ "Save" }</button>
            <button id="share" class="secondary" onclick={open_dialog}>{ "Share or embed…" }</button>
            <button id="present" class="secondary" onclick={on_present}>{ "Present" }</button>
            <button id="print-paper" class="secondary" onclick={on_action.reform(|_: MouseEvent| Action::Page(PageAction::PrintPaper(true)))}>{ "Print board paper" }</button>
            { export_menu(export_json, on_import, export_csv, export_contributions, user_entered) }
            if user_entered {
                <p class="hint warn-text scenario-note" id="area-not-saved">{ AREA_NOT_SAVED }</p>
            }
            <dialog ref={dialog} id="share-dialog" aria-labelledby="share-title">
                <h2 id="share-title">{ "Share or embed this scenario" }</h2>
                <label for="share-url">{ "Link: opens these exact settings on any machine" }</label>
                <input id="share-url" type="text" readonly=true value={share_url.clone()} />
                if user_entered {
                    <p class="hint" id="share-area-note">{ "This link carries the lever settings, not the area figures you entered: whoever opens it sees the shipped figures for the area." }</p>
                }
                <button class="secondary" onclick={copy(share_url, "Link")}>{ "Copy link" }</button>
                <label for="embed-view">{ "Embed shows" }</label>
                <Select id="embed-view" onchange={on_view} value={embed_view.to_string()} options={embed_options} />
                <label for="embed-code">{ "Embed code: paste into a web page or slide tool that accepts iframes" }</label>
                <textarea id="embed-code" readonly=true rows="4" value={embed_code.clone()} />
                <div class="dialog-actions">
                    <button class="secondary" onclick={copy(embed_code, "Embed code")}>{ "Copy embed code" }</button>
                    <button id="close-share" onclick={close_dialog}>{ "Close" }</button>
                </div>
            </dialog>
        </section>
    }
}

/// Export: the current scenario as a JSON file (saying the area's own figures are not in it).
fn export_json_callback(
    latest: Latest,
    on_action: Callback<Action>,
    user_entered: bool,
) -> Callback<MouseEvent> {
    Callback::from(move |_: MouseEvent| {
        let Some(scenario) = latest.borrow().as_ref().map(|(s, _)| s.current_scenario()) else {
            return;
        };
        match export::download_text(
            "pathways-scenario.json",
            "application/json",
            &scenario.to_json(),
        ) {
            Err(e) => notify(&on_action, true, e),
            Ok(()) if user_entered => notify(&on_action, true, AREA_NOT_SAVED),
            Ok(()) => {}
        }
    })
}

/// Export: the baseline and scenario projections as long-form CSV, unless they cannot be modelled.
fn export_csv_callback(latest: Latest, on_action: Callback<Action>) -> Callback<MouseEvent> {
    Callback::from(move |_: MouseEvent| {
        let latest = latest.borrow();
        let Some((state, view)) = latest.as_ref() else {
            return;
        };
        if let Some(problem) = view.problems.first() {
            let text = format!("The projections were not exported: {problem}");
            notify(&on_action, true, text);
            return;
        }
        let (bands, current) = view.bands();
        let csv = long_csv(&view.baseline, &view.scenario, bands.filter(|_| current));
        let file = format::file_name(
            &[&state.model.area().id, &state.plan.name],
            "projections",
            "csv",
        );
        if let Err(e) = export::download_text(&file, "text/csv", &csv) {
            notify(&on_action, true, e);
        }
    })
}

/// Export: what each lever adds, as CSV, once the analysis for the settings shown has arrived.
fn export_contributions_callback(
    latest: Latest,
    on_action: Callback<Action>,
) -> Callback<MouseEvent> {
    Callback::from(move |_: MouseEvent| {
        let latest = latest.borrow();
        let Some((state, view)) = latest.as_ref() else {
            return;
        };
        let refused = |why: &str| {
            notify(
                &on_action,
                true,
                format!("What each lever adds was not exported: {why}"),
            );
        };
        if let Some(problem) = view.problems.first() {
            refused(problem);
            return;
        }
        let Some(analysis) = view.contributions.as_ref() else {
            refused("it is still being worked out. Try again in a moment.");
            return;
        };
        if !analysis.current {
            refused("it is being worked out again for the settings shown. Try again in a moment.");
            return;
        }
        if analysis.contributions.lever_ids.is_empty() {
            refused("no lever is on, so there is nothing to share out.");
            return;
        }
        let csv = contributions_csv(&analysis.contributions);
        let file = format::file_name(
            &[
                &state.model.area().id,
                &state.plan.name,
                &analysis.contributions.year.to_string(),
            ],
            "contributions",
            "csv",
        );
        if let Err(e) = export::download_text(&file, "text/csv", &csv) {
            notify(&on_action, true, e);
        }
    })
}

/// Import: a scenario file, opened with any note on its reading; or why not.
fn import_callback(
    on_action: Callback<Action>,
    reader: Rc<RefCell<Option<gloo::file::callbacks::FileReader>>>,
) -> Callback<Event> {
    Callback::from(move |e: Event| {
        let on_action = on_action.clone();
        read_chosen_file(
            &e,
            IMPORT_LIMIT_BYTES,
            &reader,
            move |name, text| match text
                .and_then(|text| Scenario::from_json(&text).map_err(|e| e.to_string()))
            {
                Ok(scenario) => {
                    notify(
                        &on_action,
                        false,
                        format!("Imported “{}” from {}.", echo(&scenario.name), echo(&name)),
                    );
                    if let Some(note) = scenario.migration_note() {
                        notify(&on_action, false, format!("{}: {note}", echo(&name)));
                    }
                    on_action.emit(Action::LoadScenario(scenario));
                }
                Err(e) => notify(
                    &on_action,
                    true,
                    format!("{} was not imported: {e}", echo(&name)),
                ),
            },
        );
    })
}

/// Copy `text` to the clipboard, saying whether the browser allowed it.
fn copy_callback(
    on_action: Callback<Action>,
    text: String,
    what: &'static str,
) -> Callback<MouseEvent> {
    Callback::from(move |_: MouseEvent| {
        let on_action = on_action.clone();
        copy_to_clipboard(&text, move |result| {
            match result {
            Ok(()) => notify(&on_action, false, format!("{what} copied to the clipboard.")),
            Err(reason) => notify(
                &on_action,
                true,
                format!("{what} was not copied: the browser refused ({reason}). Select the text in the box and copy it yourself."),
            ),
        }
        });
    })
}

/// The import and export menu.
fn export_menu(
    export_json: Callback<MouseEvent>,
    on_import: Callback<Event>,
    export_csv: Callback<MouseEvent>,
    export_contributions: Callback<MouseEvent>,
    user_entered: bool,
) -> Html {
    html! {
        <details class="menu">
            <summary>{ "Import and export" }</summary>
            <div class="menu-body">
                <button id="export-json" class="secondary" onclick={export_json}>{ "Export scenario (JSON)" }</button>
                <label class="file-button">
                    { "Import scenario (JSON) " }
                    <input id="import-json" type="file" accept=".json,application/json" onchange={on_import} />
                </label>
                <button id="export-csv" class="secondary" onclick={export_csv}>{ "Export projections (CSV)" }</button>
                <button id="export-contributions" class="secondary" onclick={export_contributions}>{ "Export contributions (CSV)" }</button>
                <p class="hint">{ "Each chart has SVG and PNG downloads under it." }</p>
                if user_entered {
                    <p class="hint warn-text" data-role="area-not-saved-export">{ AREA_NOT_SAVED }</p>
                }
            </div>
        </details>
    }
}

/// Open the share dialog (working out its links first) and close it.
fn dialog_callbacks(
    dialog: NodeRef,
    refresh_links: impl Fn(EmbedView) + 'static,
    embed_view: UseStateHandle<EmbedView>,
) -> (Callback<MouseEvent>, Callback<MouseEvent>) {
    let open_dialog = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            refresh_links(*embed_view);
            if let Some(d) = dialog.cast::<HtmlDialogElement>() {
                let _ = d.show_modal();
            }
        })
    };
    let close_dialog = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = dialog.cast::<HtmlDialogElement>() {
                d.close();
            }
        })
    };
    (open_dialog, close_dialog)
}
