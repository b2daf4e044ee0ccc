//! Sections far from the screen follow the levers after a move rather than during it.
//!
//! Each slider step re-rendered the cohort flow, the cost section and all six charts
//! although, below the fold, nobody could see them: 79 of the 94 changes the page made
//! to its DOM per step were theirs. Now a section that is not on screen (or near it)
//! keeps what it showed while the levers move, and catches up once they have been still
//! for a moment, or at once when it is scrolled to. While it waits it says so
//! (`aria-busy`), so that a screen reader does not read figures about to change.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
use yew::prelude::*;

/// How near the window a section counts as on screen: far enough ahead that one
/// scrolled to has caught up before it appears.
const NEAR_MARGIN: &str = "400px";

/// How long the levers must be still before a section off screen catches up: about the
/// wait before the uncertainty bands are asked for (120 ms), so both arrive together.
const CATCH_UP_MS: u32 = 150;

/// A value for an element that may be off screen, as [`use_deferred_off_screen`] gives it.
pub struct OffScreen<T> {
    /// What the element shows: the latest value, or the one held while it is off screen.
    pub value: T,
    /// Whether `value` is behind the latest (the element says so with `aria-busy`).
    pub behind: bool,
    /// Attached to the element, for the page to see whether it is on screen.
    pub node: NodeRef,
}

/// `latest` for the element given `node`: at once while it is on screen (or near it),
/// otherwise once `latest` has rested (see [`use_deferred`]). `shown` says whether the
/// element is in the page (see [`use_near_screen`]).
#[hook]
pub fn use_deferred_off_screen<T: Clone + PartialEq + 'static>(
    latest: T,
    shown: bool,
) -> OffScreen<T> {
    let node = use_node_ref();
    let near = use_near_screen(node.clone(), shown);
    let (value, behind) = use_deferred(latest, near);
    OffScreen {
        value,
        behind,
        node,
    }
}

/// Whether the element behind `node` is on screen or within [`NEAR_MARGIN`] of it. True
/// until the browser says otherwise, and always where it cannot say. `shown` says whether
/// the element is in the page: it is watched afresh each time it is (the presentation
/// mode removes the page's sections, and they are made anew on return).
#[hook]
fn use_near_screen(node: NodeRef, shown: bool) -> bool {
    let near = use_state_eq(|| true);
    {
        let near = near.clone();
        use_effect_with((node, shown), move |(node, shown)| {
            // Until the new element is reported on, it counts as near.
            near.set(true);
            let element = shown.then(|| node.cast::<Element>()).flatten();
            let watching = element.and_then(|element| {
                let callback =
                    Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                        // Entries come oldest first: the last one is the current state.
                        if let Some(entry) = entries
                            .iter()
                            .last()
                            .and_then(|e| e.dyn_into::<IntersectionObserverEntry>().ok())
                        {
                            near.set(entry.is_intersecting());
                        }
                    });
                let options = IntersectionObserverInit::new();
                options.set_root_margin(NEAR_MARGIN);
                let observer = IntersectionObserver::new_with_options(
                    callback.as_ref().unchecked_ref(),
                    &options,
                )
                .ok()?;
                observer.observe(&element);
                Some((observer, callback))
            });
            // The callback lives as long as the observer, which is disconnected first.
            move || {
                if let Some((observer, _callback)) = watching {
                    observer.disconnect();
                }
            }
        });
    }
    *near
}

/// `latest` while `live`; otherwise what was returned before, until `latest` has stopped
/// changing for [`CATCH_UP_MS`]. The flag says whether what is returned is behind.
#[hook]
fn use_deferred<T: Clone + PartialEq + 'static>(latest: T, live: bool) -> (T, bool) {
    let shown = use_mut_ref(|| latest.clone());
    // The latest value of the render before: the wait restarts only when it changes.
    let seen = use_mut_ref(|| latest.clone());
    // Set by the timer: the next render catches up even if still off screen.
    let catch_up = use_mut_ref(|| false);
    let timer: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let update = use_force_update();

    let changed = *seen.borrow() != latest;
    if changed {
        *seen.borrow_mut() = latest.clone();
    }
    if live || std::mem::take(&mut *catch_up.borrow_mut()) {
        *shown.borrow_mut() = latest;
        timer.borrow_mut().take();
    } else if changed && *shown.borrow() != latest {
        // Replacing the timeout cancels the previous one: it fires once the value rests.
        let catch_up = catch_up.clone();
        *timer.borrow_mut() = Some(Timeout::new(CATCH_UP_MS, move || {
            *catch_up.borrow_mut() = true;
            update.force_update();
        }));
    }
    let behind = timer.borrow().is_some();
    let shown = shown.borrow().clone();
    (shown, behind)
}
