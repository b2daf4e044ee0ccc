//! Keeps the worker's analysis (bands, target chances, contributions) following what is on
//! screen, and runs the optimiser's searches when asked.
//!
//! Analysis requests wait for a short pause in the user's input, and at most one request
//! is in flight: while the worker is busy only the newest of each kind waits, so dragging
//! a slider never queues a backlog of stale work.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::worker::{Spawnable, WorkerBridge};
use yew::prelude::*;

use crate::app::jobs::{AnalysisRequest, Answer, Job, WorkerRequest, WorkerResponse};
use crate::app::state::{Action, State, DRAWS, SEED};
use crate::worker::PathwaysWorker;

/// How long the settings must be still before an analysis is requested.
const ANALYSIS_DELAY_MS: u32 = 120;

#[derive(Default)]
struct Queue {
    bridge: Option<WorkerBridge<PathwaysWorker>>,
    in_flight: bool,
    /// The newest job of each kind not yet sent: a search the user asked for goes first,
    /// then the tornado, then the analysis that follows every change.
    waiting_analysis: Option<WorkerRequest>,
    waiting_frontier: Option<WorkerRequest>,
    waiting_sensitivity: Option<WorkerRequest>,
}

impl Queue {
    fn submit(&mut self, request: WorkerRequest) {
        match request.job {
            Job::Analysis(_) => self.waiting_analysis = Some(request),
            Job::Frontier(_) => self.waiting_frontier = Some(request),
            Job::Sensitivity(_) => self.waiting_sensitivity = Some(request),
        }
        if !self.in_flight {
            self.send_next();
        }
    }

    /// Called when an answer arrives: sends whatever is waiting.
    fn answered(&mut self) {
        self.in_flight = false;
        self.send_next();
    }

    fn send_next(&mut self) {
        let next = self
            .waiting_frontier
            .take()
            .or_else(|| self.waiting_sensitivity.take())
            .or_else(|| self.waiting_analysis.take());
        if let (Some(request), Some(bridge)) = (next, &self.bridge) {
            self.in_flight = true;
            bridge.send(request);
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
pub fn use_worker(state: &UseReducerHandle<State>) {
    let queue: Rc<RefCell<Queue>> = use_mut_ref(Queue::default);
    let dispatcher = state.dispatcher();

    {
        let queue = queue.clone();
        use_effect_with((), move |_| {
            let on_answer = {
                let queue = queue.clone();
                move |response: WorkerResponse| {
                    // Answers to replaced requests carry their own key, so they are shown
                    // as stale rather than dropped; the store drops other areas'.
                    queue.borrow_mut().answered();
                    let WorkerResponse {
                        area_generation,
                        answer,
                        elapsed_ms,
                    } = response;
                    dispatcher.dispatch(match answer {
                        Answer::Analysis(Ok(analysis)) => Action::AnalysisReady {
                            area_generation,
                            analysis: Rc::new(analysis),
                            elapsed_ms,
                        },
                        Answer::Analysis(Err(message)) => Action::BandsFailed(message),
                        Answer::Frontier(Ok(answer)) => Action::FrontierReady {
                            area_generation,
                            answer: Rc::new(answer),
                            elapsed_ms,
                        },
                        Answer::Frontier(Err(message)) => Action::FrontierFailed(message),
                        Answer::Sensitivity(Ok(answer)) => Action::SensitivityReady {
                            area_generation,
                            answer: Rc::new(answer),
                            elapsed_ms,
                        },
                        Answer::Sensitivity(Err(message)) => Action::SensitivityFailed(message),
                    });
                }
            };
            let bridge = PathwaysWorker::spawner()
                .callback(on_answer)
                .spawn(&worker_url());
            queue.borrow_mut().bridge = Some(bridge);
            move || {
                queue.borrow_mut().bridge = None;
            }
        });
    }

    // Each effect depends on the area's generation (it changes whenever the area does)
    // and the job's key, not on the area's JSON: the request, with its copy of the
    // JSON, is built only when one is due, never on a render that sends nothing.
    let area_json = state.area_json.clone();
    let request = move |area_generation: u64, job: Job| WorkerRequest {
        area_generation,
        area_json: area_json.to_string(),
        job,
    };

    // Sent once the settings have been still for a moment: while a slider is dragged
    // only the deterministic lines follow it, and each result would otherwise cost the
    // page an extra render and layout mid-drag.
    let pending = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    {
        let (queue, request) = (queue.clone(), request.clone());
        use_effect_with(
            (state.area_generation, state.analysis_key()),
            move |(area_generation, key)| {
                let request = request(
                    *area_generation,
                    Job::Analysis(AnalysisRequest {
                        key: key.clone(),
                        draws: DRAWS,
                        seed: SEED,
                    }),
                );
                // Replacing the timeout cancels the previous one.
                *pending.borrow_mut() = Some(gloo::timers::callback::Timeout::new(
                    ANALYSIS_DELAY_MS,
                    move || {
                        queue.borrow_mut().submit(request);
                    },
                ));
            },
        );
    }

    // A search or a tornado is sent once per request (its counter), at once.
    {
        let (queue, request) = (queue.clone(), request.clone());
        let job = state.frontier.pending.clone();
        use_effect_with(
            (state.area_generation, state.frontier.requests),
            move |(area_generation, _)| {
                if let Some(job) = job {
                    queue
                        .borrow_mut()
                        .submit(request(*area_generation, Job::Frontier(job)));
                }
            },
        );
    }
    let job = state.sensitivity.pending.clone();
    use_effect_with(
        (state.area_generation, state.sensitivity.requests),
        move |(area_generation, _)| {
            if let Some(job) = job {
                queue
                    .borrow_mut()
                    .submit(request(*area_generation, Job::Sensitivity(job)));
            }
        },
    );
}
