//! The address bar always holds the current scenario as a share link, and a link opened
//! on another machine restores it (see `scenario::link`).

use yew::prelude::*;

use crate::app::address::{link_query, state_from_query};
use crate::app::state::{Mode, State};
use crate::model::Area;

/// Builds the first state from the page's address, with the area file fetched for it
/// (see [`crate::app::address::state_from_query`]).
pub fn state_from_address(area: Area, unloaded: Option<String>) -> State {
    let query = gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default();
    state_from_query(&query, area, unloaded)
}

#[hook]
pub fn use_address_sync(state: &UseReducerHandle<State>) {
    let embed_view = match state.page.mode {
        Mode::Embed { view } => Some(view),
        _ => None,
    };
    let presenting = matches!(state.page.mode, Mode::Present { .. });
    let query = link_query(state, embed_view);
    let pending = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    use_effect_with((query, presenting), move |(query, presenting)| {
        if *presenting {
            return;
        }
        let query = query.clone();
        // Written once the user pauses (each replaceState costs a few milliseconds, and
        // browsers throttle rapid ones), with replaceState so that moving a slider does
        // not flood the back button.
        let write = move || {
            let window = gloo::utils::window();
            let path = window.location().pathname().unwrap_or_default();
            let url = if query.is_empty() {
                path
            } else {
                format!("{path}?{query}")
            };
            if let Ok(history) = window.history() {
                let _ =
                    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
        };
        // Replacing the timeout cancels the previous, unwritten one.
        *pending.borrow_mut() = Some(gloo::timers::callback::Timeout::new(300, write));
    });
}
