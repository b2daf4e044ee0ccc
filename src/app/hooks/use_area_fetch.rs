//! Fetches the area file the store asks for (`state.area.wanted`) and hands the answer
//! back as an action; the store drops an answer to a request no longer wanted.

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::app::fetch::fetch_area;
use crate::app::state::{Action, State};

#[hook]
pub fn use_area_fetch(state: &UseReducerHandle<State>) {
    let wanted = state.area.wanted.as_ref().map(|w| (w.serial, w.id.clone()));
    let dispatcher = state.dispatcher();
    use_effect_with(wanted, move |wanted| {
        if let Some((serial, id)) = wanted.clone() {
            spawn_local(async move {
                let action = match fetch_area(&id).await {
                    Ok(area) => Action::AreaArrived {
                        serial,
                        area: Box::new(area),
                    },
                    Err(problem) => Action::AreaFailed { serial, problem },
                };
                dispatcher.dispatch(action);
            });
        }
    });
}
