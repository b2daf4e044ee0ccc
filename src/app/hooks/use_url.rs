//! The address bar always holds the current scenario as a share link, and a link opened
//! on another machine restores it (see `scenario::link`).

use yew::prelude::*;

use crate::app::state::{Mode, Notice, State};
use crate::model::area::DEFAULT_AREA_ID;
use crate::model::Area;
use crate::scenario::link::{decode, encode, LinkState};
use crate::scenario::MODEL_REVISION_NOTE;

/// The name a scenario has until the user names it; not written into links.
pub use crate::app::state::DEFAULT_NAME;

/// Builds the first state from the page's address: area, levers, name, year, embed.
pub fn state_from_address() -> State {
    let query = gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default();
    // Only the areas needed are parsed: the default, and the one the link names.
    let default_area = Area::shipped_by_id(DEFAULT_AREA_ID).unwrap_or_else(Area::hastings);
    let probe = State::new(default_area.clone());
    let first = decode(&query, probe.model.catalogue(), probe.model.area());
    let mut problems = first.problems.clone();
    let area = match &first.state.area_id {
        Some(id) if *id != default_area.id => Area::shipped_by_id(id).unwrap_or_else(|| {
            problems.push(format!(
                "area “{}” is not one this version of Pathways ships, so {} is shown (choose another in the Area list at the top)",
                id.chars().take(40).collect::<String>(),
                default_area.name
            ));
            default_area.clone()
        }),
        _ => default_area,
    };
    let mut state = State::new(area);
    let decoded = if state.model.area().id == probe.model.area().id {
        first
    } else {
        let again = decode(&query, state.model.catalogue(), state.model.area());
        problems = again.problems.clone();
        again
    };
    // A link made for an older model keeps its levers; say that the figures have moved.
    let migrated = decoded.migrated_from.is_some() && !decoded.state.settings.is_empty();
    state.settings = decoded.state.settings;
    if let Some(name) = decoded.state.name {
        state.scenario_name = name;
    }
    if let Some(year) = decoded.state.target_year {
        if state.model.area().years().contains(&year) {
            state.target_year = year;
        }
    }
    if decoded.state.embed {
        state.mode = Mode::Embed {
            view: decoded.state.view.unwrap_or_else(|| "headlines".to_owned()),
        };
    }
    if migrated {
        state.notices.push(Notice {
            error: false,
            text: MODEL_REVISION_NOTE.to_owned(),
        });
    }
    if !problems.is_empty() {
        state.notices.push(Notice {
            error: true,
            text: format!(
                "This link could not be read in full; what was valid has been kept. {}",
                problems.join(" ")
            ),
        });
    }
    state
}

/// The share link's query for a state (without `?`).
pub fn link_query(state: &State, embed_view: Option<&str>) -> String {
    let area = state.model.area();
    let link = LinkState {
        settings: state.current_scenario().levers,
        name: (state.scenario_name != DEFAULT_NAME).then(|| state.scenario_name.clone()),
        target_year: (state.target_year != State::default_target_year(area))
            .then_some(state.target_year),
        area_id: (area.id != DEFAULT_AREA_ID || state.area_user_entered).then(|| area.id.clone()),
        embed: embed_view.is_some(),
        view: embed_view.map(str::to_owned),
        // The page keeps no targets yet.
        targets: Vec::new(),
    };
    encode(&link, state.model.catalogue())
}

#[hook]
pub fn use_address_sync(state: &UseReducerHandle<State>) {
    let embed_view = match &state.mode {
        Mode::Embed { view } => Some(view.clone()),
        _ => None,
    };
    let presenting = matches!(state.mode, Mode::Present { .. });
    let query = link_query(state, embed_view.as_deref());
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
