//! Keeps the uncertainty bands following the settings, computed in the web worker.
//!
//! Requests wait for a short pause in the user's input, and at most one is in flight:
//! while the worker is busy only the newest settings wait, so dragging a slider never
//! queues a backlog of stale work.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::worker::{Spawnable, WorkerBridge};
use yew::prelude::*;

use crate::app::state::{Action, State, DRAWS, SEED};
use crate::worker::{BandsRequest, MonteCarloWorker};

/// How long the settings must be still before bands are requested.
const BANDS_DELAY_MS: u32 = 120;

#[derive(Default)]
struct Queue {
    bridge: Option<WorkerBridge<MonteCarloWorker>>,
    in_flight: bool,
    waiting: Option<BandsRequest>,
}

impl Queue {
    fn submit(&mut self, request: BandsRequest) {
        if self.in_flight {
            self.waiting = Some(request);
        } else if let Some(bridge) = &self.bridge {
            self.in_flight = true;
            bridge.send(request);
        }
    }

    /// Called when an answer arrives: sends whatever is waiting.
    fn answered(&mut self) {
        self.in_flight = false;
        if let Some(request) = self.waiting.take() {
            if let Some(bridge) = &self.bridge {
                self.in_flight = true;
                bridge.send(request);
            }
        }
    }
}

/// The worker's script, resolved against the document's base URL so the app works
/// from a sub-path.
fn worker_url() -> String {
    let base = gloo::utils::document()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_default();
    web_sys::Url::new_with_base("pathways-worker.js", &base)
        .map(|url| url.href())
        .unwrap_or_else(|_| "./pathways-worker.js".to_owned())
}

#[hook]
pub fn use_bands_worker(state: &UseReducerHandle<State>) {
    let queue: Rc<RefCell<Queue>> = use_mut_ref(Queue::default);
    let dispatcher = state.dispatcher();

    {
        let queue = queue.clone();
        use_effect_with((), move |_| {
            let on_answer = {
                let queue = queue.clone();
                move |response: crate::worker::BandsResponse| {
                    // Answers to replaced requests carry their own settings, so they are
                    // shown as stale rather than dropped; the store drops other areas'.
                    queue.borrow_mut().answered();
                    match response.result {
                        Ok((settings, bands)) => dispatcher.dispatch(Action::BandsReady {
                            area_generation: response.area_generation,
                            settings,
                            bands: Rc::new(bands),
                            elapsed_ms: response.elapsed_ms,
                        }),
                        Err(message) => dispatcher.dispatch(Action::BandsFailed(message)),
                    }
                }
            };
            let bridge = MonteCarloWorker::spawner()
                .callback(on_answer)
                .spawn(&worker_url());
            queue.borrow_mut().bridge = Some(bridge);
            move || {
                queue.borrow_mut().bridge = None;
            }
        });
    }

    let request = BandsRequest {
        area_generation: state.area_generation,
        area_json: state.area_json.to_string(),
        settings: state.displayed_settings(),
        draws: DRAWS,
        seed: SEED,
    };
    // Sent once the settings have been still for a moment: while a slider is dragged
    // only the deterministic lines follow it, and each band result would otherwise cost
    // the page an extra render and layout mid-drag.
    let pending = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    use_effect_with(request, move |request| {
        let request = request.clone();
        // Replacing the timeout cancels the previous one.
        *pending.borrow_mut() = Some(gloo::timers::callback::Timeout::new(
            BANDS_DELAY_MS,
            move || {
                queue.borrow_mut().submit(request);
            },
        ));
    });
}
