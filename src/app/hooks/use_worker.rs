//! Keeps the worker's analysis (bands, target chances, contributions) following what is on
//! screen, and runs the optimiser's searches when asked.
//!
//! Analysis requests wait for a short pause in the user's input, and at most one request
//! is in flight: while the worker is busy only the newest of each kind waits, so dragging
//! a slider never queues a backlog of stale work.
//!
//! A worker that stops answering (its script failed to load, or it crashed) would leave
//! the page waiting for ever, so each request has a deadline: past it the worker is
//! replaced and the request sent once more, and if the new worker misses the deadline too
//! the request's part of the page says it failed, instead of "Searching…" for good.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo::timers::callback::Timeout;
use gloo::worker::{Spawnable, WorkerBridge};
use yew::prelude::*;

use crate::app::jobs::{AnalysisRequest, Answer, Job, WorkerRequest, WorkerResponse};
use crate::app::state::{Action, State, DRAWS, SEED};
use crate::worker::PathwaysWorker;

/// How long the settings must be still before an analysis is requested.
const ANALYSIS_DELAY_MS: u32 = 120;

/// How long a request may go unanswered before the worker is taken to have stopped. The
/// slowest job (the best-plan search with chances) takes about half a second here, so
/// this leaves room for a machine many times slower. The first request's time includes
/// loading the worker's wasm, a third the size of the page's own, which has loaded by then.
const WORKER_DEADLINE_MS: u32 = 15_000;

type Bridge = WorkerBridge<PathwaysWorker>;

#[derive(Default)]
struct Queue {
    bridge: Option<Bridge>,
    /// Starts a worker, so that one that stops answering can be replaced.
    spawn: Option<Rc<dyn Fn() -> Bridge>>,
    /// Hands an answer, or a failure, to the page.
    deliver: Option<Rc<dyn Fn(WorkerResponse)>>,
    /// The request the worker is running, and whether it is the second attempt.
    in_flight: Option<(WorkerRequest, bool)>,
    /// Fires if the request in flight is not answered in time.
    deadline: Option<Timeout>,
    /// The newest job of each kind not yet sent: a search the user asked for goes first,
    /// then the tornado, then the analysis that follows every change.
    waiting_analysis: Option<WorkerRequest>,
    waiting_frontier: Option<WorkerRequest>,
    waiting_sensitivity: Option<WorkerRequest>,
}

impl Queue {
    fn wait(&mut self, request: WorkerRequest) {
        match request.job {
            Job::Analysis(_) => self.waiting_analysis = Some(request),
            Job::Frontier(_) => self.waiting_frontier = Some(request),
            Job::Sensitivity(_) => self.waiting_sensitivity = Some(request),
        }
    }

    fn next_waiting(&mut self) -> Option<WorkerRequest> {
        self.waiting_frontier
            .take()
            .or_else(|| self.waiting_sensitivity.take())
            .or_else(|| self.waiting_analysis.take())
    }

    /// Sends `request` and starts its deadline.
    fn send(&mut self, queue: Weak<RefCell<Queue>>, request: WorkerRequest, second_attempt: bool) {
        let Some(bridge) = &self.bridge else {
            // No worker yet (or any more): keep the request for when there is one.
            self.wait(request);
            return;
        };
        bridge.send(request.clone());
        self.in_flight = Some((request, second_attempt));
        self.deadline = Some(Timeout::new(WORKER_DEADLINE_MS, move || {
            if let Some(queue) = queue.upgrade() {
                missed_deadline(&queue);
            }
        }));
    }
}

/// Queues `request` and sends it at once if the worker is free.
fn submit(queue: &Rc<RefCell<Queue>>, request: WorkerRequest) {
    queue.borrow_mut().wait(request);
    send_next(queue);
}

/// Sends the next waiting request, if the worker is free and anything waits.
fn send_next(queue: &Rc<RefCell<Queue>>) {
    let mut q = queue.borrow_mut();
    if q.in_flight.is_some() {
        return;
    }
    if let Some(request) = q.next_waiting() {
        q.send(Rc::downgrade(queue), request, false);
    }
}

/// The worker answered: it is free for the next request.
fn answered(queue: &Rc<RefCell<Queue>>) {
    {
        let mut q = queue.borrow_mut();
        q.in_flight = None;
        q.deadline = None;
    }
    send_next(queue);
}

/// The request in flight went unanswered: replace the worker and send it once more, or,
/// if that was the second attempt, report it failed and go on with what waits.
fn missed_deadline(queue: &Rc<RefCell<Queue>>) {
    let failed = {
        let mut q = queue.borrow_mut();
        q.deadline = None;
        let Some((request, second_attempt)) = q.in_flight.take() else {
            return;
        };

        // Dropping the old bridge also drops its callback, so a late answer from the old
        // worker is never delivered twice.
        q.bridge = q.spawn.clone().map(|spawn| spawn());
        if second_attempt {
            Some((request, q.deliver.clone()))
        } else {
            q.send(Rc::downgrade(queue), request, true);
            None
        }
    };
    // Delivered with no borrow held: the page's update may submit the next request.
    if let Some((request, Some(deliver))) = failed {
        deliver(WorkerResponse {
            area_generation: request.area_generation,
            answer: Answer::failed(
                &request.job,
                format!(
                    "the background worker did not answer within {} seconds, twice; reload the page to try again",
                    WORKER_DEADLINE_MS / 1000
                ),
            ),
            elapsed_ms: f64::from(2 * WORKER_DEADLINE_MS),
        });
    }
    send_next(queue);
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
            let deliver: Rc<dyn Fn(WorkerResponse)> = Rc::new(move |response: WorkerResponse| {
                // Answers to replaced requests carry their own key, so they are shown as
                // stale rather than dropped; the store drops other areas'.
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
            });
            let spawn: Rc<dyn Fn() -> Bridge> = {
                // Weak: the queue holds this closure, and the bridge it makes.
                let (queue, deliver) = (Rc::downgrade(&queue), deliver.clone());
                Rc::new(move || {
                    let (queue, deliver) = (queue.clone(), deliver.clone());
                    PathwaysWorker::spawner()
                        .callback(move |response: WorkerResponse| {
                            if let Some(queue) = queue.upgrade() {
                                answered(&queue);
                            }
                            deliver(response);
                        })
                        .spawn(&worker_url())
                })
            };
            {
                let mut q = queue.borrow_mut();
                q.bridge = Some(spawn());
                q.spawn = Some(spawn);
                q.deliver = Some(deliver);
            }
            move || {
                let mut q = queue.borrow_mut();
                q.deadline = None;
                q.spawn = None;
                q.bridge = None;
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
    let pending = use_mut_ref(|| None::<Timeout>);
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
                *pending.borrow_mut() = Some(Timeout::new(ANALYSIS_DELAY_MS, move || {
                    submit(&queue, request)
                }));
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
                    submit(&queue, request(*area_generation, Job::Frontier(job)));
                }
            },
        );
    }
    let job = state.sensitivity.pending.clone();
    use_effect_with(
        (state.area_generation, state.sensitivity.requests),
        move |(area_generation, _)| {
            if let Some(job) = job {
                submit(&queue, request(*area_generation, Job::Sensitivity(job)));
            }
        },
    );
}
