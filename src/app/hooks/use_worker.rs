//! Keeps the worker's analysis (bands, target chances, contributions) following what is on
//! screen, and runs the optimiser's searches when asked.
//!
//! Analysis requests wait for a short pause in the user's input, and at most one request
//! is in flight: while the worker is busy only the newest of each kind waits, so dragging
//! a slider never queues a backlog of stale work.
//!
//! A worker that stops answering (its script failed to load, or it crashed) would leave
//! the page waiting for ever, so each request has a deadline. At the first miss the worker
//! is replaced and the request sent again (unless a newer one of its kind is waiting, which
//! goes instead). A second miss in a row means workers cannot run here: the page stops
//! starting new ones (each would be one more thread left behind, since a bridge cannot
//! terminate its worker) and every job, then and later, says it failed.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use gloo::timers::callback::Timeout;
use gloo::worker::{Spawnable, WorkerBridge};
use yew::prelude::*;

use crate::app::jobs::{AnalysisRequest, Answer, Job, WorkerRequest, WorkerResponse};
use crate::app::state::{answer_wait_ms, Action, State, WorkerAction, DRAWS, SEED};
use crate::worker::PathwaysWorker;

/// How long the settings must be still before an analysis is requested.
const ANALYSIS_DELAY_MS: u32 = 120;

/// How long a request may go unanswered before the worker is taken to have stopped. The
/// slowest job (the best-plan search with chances) takes about half a second here, so
/// this leaves room for a machine many times slower. The first request's time includes
/// loading the worker's wasm, a third the size of the page's own, which has loaded by then.
const WORKER_DEADLINE_MS: u32 = 15_000;

type Bridge = WorkerBridge<PathwaysWorker>;

/// What a job that cannot be run says, after the page's own "could not be computed".
fn stopped_message() -> String {
    format!(
        "the background worker stopped answering (no answer within {} seconds, twice); reload the page to try again",
        WORKER_DEADLINE_MS / 1000
    )
}

#[derive(Default)]
struct Queue {
    bridge: Option<Bridge>,
    /// Starts a worker, so that one that stops answering can be replaced.
    spawn: Option<Rc<dyn Fn() -> Bridge>>,
    /// Hands an answer, or a failure, to the page.
    deliver: Option<Rc<dyn Fn(WorkerResponse)>>,
    /// The request the worker is running.
    in_flight: Option<WorkerRequest>,
    /// Fires if the request in flight is not answered in time.
    deadline: Option<Timeout>,
    /// Deadlines missed since the last answer.
    misses: u32,
    /// The newest job of each kind not yet sent: a search the user asked for goes first,
    /// then the tornado, then the analysis that follows every change.
    waiting_analysis: Option<WorkerRequest>,
    waiting_frontier: Option<WorkerRequest>,
    waiting_sensitivity: Option<WorkerRequest>,
}

/// Deadlines missed in a row after which no more workers are started and every job
/// fails at once.
const MISSES_TO_STOP: u32 = 2;

impl Queue {
    fn stopped(&self) -> bool {
        self.misses >= MISSES_TO_STOP
    }

    fn slot(&mut self, job: &Job) -> &mut Option<WorkerRequest> {
        match job {
            Job::Analysis(_) => &mut self.waiting_analysis,
            Job::Frontier(_) => &mut self.waiting_frontier,
            Job::Sensitivity(_) => &mut self.waiting_sensitivity,
        }
    }

    /// Keeps `request` to send next, in place of any of its kind still waiting.
    fn wait(&mut self, request: WorkerRequest) {
        let slot = self.slot(&request.job);
        *slot = Some(request);
    }

    fn next_waiting(&mut self) -> Option<WorkerRequest> {
        self.waiting_frontier
            .take()
            .or_else(|| self.waiting_sensitivity.take())
            .or_else(|| self.waiting_analysis.take())
    }

    /// Sends `request` and starts its deadline.
    fn send(&mut self, queue: Weak<RefCell<Queue>>, request: WorkerRequest) {
        let Some(bridge) = &self.bridge else {
            // No worker yet (or any more): keep the request for when there is one.
            self.wait(request);
            return;
        };
        bridge.send(request.clone());
        self.in_flight = Some(request);
        self.deadline = Some(Timeout::new(WORKER_DEADLINE_MS, move || {
            if let Some(queue) = queue.upgrade() {
                missed_deadline(&queue);
            }
        }));
    }
}

/// Hands each request's failure to the page, with no borrow of the queue held: the page's
/// update may submit the next request.
fn fail(deliver: Option<Rc<dyn Fn(WorkerResponse)>>, requests: Vec<WorkerRequest>) {
    let Some(deliver) = deliver else {
        return;
    };
    for request in requests {
        deliver(WorkerResponse {
            area_generation: request.area_generation,
            answer: Answer::failed(&request.job, stopped_message()),
            elapsed_ms: 0.0,
        });
    }
}

/// Queues `request` (replacing any of its kind still waiting) and sends it at once if the
/// worker is free; once workers have stopped, fails it at once.
fn submit(queue: &Rc<RefCell<Queue>>, request: WorkerRequest) {
    let refused = {
        let mut q = queue.borrow_mut();
        if q.stopped() {
            Some((q.deliver.clone(), request))
        } else {
            q.wait(request);
            None
        }
    };
    match refused {
        Some((deliver, request)) => fail(deliver, vec![request]),
        None => send_next(queue),
    }
}

/// Sends the next waiting request, if the worker is free and anything waits.
fn send_next(queue: &Rc<RefCell<Queue>>) {
    let mut q = queue.borrow_mut();
    if q.in_flight.is_some() || q.stopped() {
        return;
    }
    if let Some(request) = q.next_waiting() {
        q.send(Rc::downgrade(queue), request);
    }
}

/// The worker answered: it is free for the next request.
fn answered(queue: &Rc<RefCell<Queue>>) {
    {
        let mut q = queue.borrow_mut();
        q.in_flight = None;
        q.deadline = None;
        q.misses = 0;
    }
    send_next(queue);
}

/// The request in flight went unanswered.
fn missed_deadline(queue: &Rc<RefCell<Queue>>) {
    let (deliver, failed) = {
        let mut q = queue.borrow_mut();
        q.deadline = None;
        let Some(request) = q.in_flight.take() else {
            return;
        };
        q.misses += 1;
        // Dropping the old bridge also drops its callback, so a late answer from the old
        // worker is never delivered.
        q.bridge = None;
        if q.stopped() {
            let mut failed = vec![request];
            while let Some(waiting) = q.next_waiting() {
                failed.push(waiting);
            }
            (q.deliver.clone(), failed)
        } else {
            q.bridge = q.spawn.clone().map(|spawn| spawn());
            // A newer request of the same kind replaces this one; otherwise try it again.
            if q.slot(&request.job).is_none() {
                q.send(Rc::downgrade(queue), request);
            }
            (None, Vec::new())
        }
    };
    fail(deliver, failed);
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
    // Trunk's loader shim (data-loader-shim in index.html) starts the worker from a file of
    // this site, so the Content-Security-Policy needs no blob: for scripts or workers.
    web_sys::Url::new_with_base("pathways-worker_loader.js", &base)
        .map(|url| url.href())
        .unwrap_or_else(|_| "./pathways-worker_loader.js".to_owned())
}

/// Worker answers that arrived while a lever was moving: shown once input pauses
/// (`answer_wait_ms`), so that each key press or drag step gets its frame to itself and
/// the bands, chances and tornado repaint once, after it.
#[derive(Default)]
struct Held {
    /// When the settings on screen last changed (`Date.now()`, milliseconds).
    last_change_ms: Cell<f64>,
    waiting: RefCell<Vec<WorkerResponse>>,
    timer: RefCell<Option<Timeout>>,
}

impl Held {
    fn changed(&self) {
        self.last_change_ms.set(js_sys::Date::now());
    }

    /// Shows `response` now, or keeps it (after any kept before) until input pauses.
    fn deliver(
        self: &Rc<Self>,
        response: WorkerResponse,
        dispatcher: &UseReducerDispatcher<State>,
    ) {
        self.waiting.borrow_mut().push(response);
        self.release(dispatcher);
    }

    /// Shows what waits if input has paused, else looks again when it may have.
    fn release(self: &Rc<Self>, dispatcher: &UseReducerDispatcher<State>) {
        match answer_wait_ms(js_sys::Date::now(), self.last_change_ms.get()) {
            Some(wait) => {
                let (held, dispatcher) = (Rc::downgrade(self), dispatcher.clone());
                // Replacing the timer cancels the one before (wasm-bindgen keeps a
                // running callback alive until it returns).
                *self.timer.borrow_mut() = Some(Timeout::new(wait.ceil() as u32, move || {
                    if let Some(held) = held.upgrade() {
                        held.release(&dispatcher);
                    }
                }));
            }
            None => {
                // Taken first: showing an answer may send the next request at once.
                let waiting = std::mem::take(&mut *self.waiting.borrow_mut());
                for response in waiting {
                    dispatcher.dispatch(Action::Worker(WorkerAction::from_response(response)));
                }
            }
        }
    }
}

#[hook]
pub fn use_worker(state: &UseReducerHandle<State>) {
    let queue: Rc<RefCell<Queue>> = use_mut_ref(Queue::default);
    let dispatcher = state.dispatcher();
    let held: Rc<Held> = use_memo((), |_| Held::default());

    {
        let (queue, held) = (queue.clone(), held.clone());
        use_effect_with((), move |_| {
            // Answers to replaced requests carry their own key, so they are shown as
            // stale rather than dropped; the store drops other areas'. One that arrives
            // while a lever moves waits for input to pause (see `Held`).
            let deliver: Rc<dyn Fn(WorkerResponse)> =
                Rc::new(move |response: WorkerResponse| held.deliver(response, &dispatcher));
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
                        .spawn_with_loader(&worker_url())
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

    // Sent once the settings have been still for a moment: while a slider is dragged
    // only the deterministic lines follow it, and each result would otherwise cost the
    // page an extra render and layout mid-drag. The effect depends on the area's
    // generation (it changes whenever the area does) and the job's key, not on the area's
    // JSON; the request, with its copy of the JSON, is built only when it is sent.
    let pending = use_mut_ref(|| None::<Timeout>);
    {
        let (queue, area_json, held) = (queue.clone(), state.area.json.clone(), held.clone());
        use_effect_with(
            (state.area.generation, state.analysis_key()),
            move |(area_generation, key)| {
                held.changed();
                let (area_generation, key) = (*area_generation, key.clone());
                // Replacing the timeout cancels the previous one.
                *pending.borrow_mut() = Some(Timeout::new(ANALYSIS_DELAY_MS, move || {
                    let job = Job::Analysis(AnalysisRequest {
                        key,
                        draws: DRAWS,
                        seed: SEED,
                    });
                    submit(&queue, worker_request(&area_json, area_generation, job))
                }));
            },
        );
    }

    // A search or a tornado is sent once per request (its counter), at once.
    let frontier = &state.worker.frontier;
    use_sent_on_request(
        queue.clone(),
        state.area.json.clone(),
        (state.area.generation, frontier.requests),
        frontier.pending.clone().map(Job::Frontier),
    );
    let sensitivity = &state.worker.sensitivity;
    use_sent_on_request(
        queue,
        state.area.json.clone(),
        (state.area.generation, sensitivity.requests),
        sensitivity.pending.clone().map(Job::Sensitivity),
    );
}

/// Sends `job` once for each (area generation, request count) it is asked under.
#[hook]
fn use_sent_on_request(
    queue: Rc<RefCell<Queue>>,
    area_json: Rc<str>,
    asked: (u64, u64),
    job: Option<Job>,
) {
    use_effect_with(asked, move |(area_generation, _)| {
        if let Some(job) = job {
            submit(&queue, worker_request(&area_json, *area_generation, job));
        }
    });
}

/// A job for the worker, with the area (as JSON) and the generation it is asked for.
fn worker_request(area_json: &str, area_generation: u64, job: Job) -> WorkerRequest {
    WorkerRequest {
        area_generation,
        area_json: area_json.to_owned(),
        job,
    }
}
