//! The web worker: runs the Monte Carlo draws, the contribution split and the optimiser's
//! search off the main thread, so that dragging a slider never waits for them. Messages
//! use gloo-worker's bincode codec and carry plain data only (`app::jobs`): the area
//! travels as its JSON text, without its observed series (`State::worker_area_json`).

use gloo::worker::{HandlerId, Worker, WorkerScope};

use crate::app::jobs::{answer, model_for, Answer, WorkerRequest, WorkerResponse};
use crate::model::Model;

pub struct PathwaysWorker {
    /// The model for the last area seen, keyed by its JSON text.
    model: Option<(String, Model)>,
}

impl PathwaysWorker {
    fn run(&mut self, request: &WorkerRequest) -> Answer {
        let cached = matches!(&self.model, Some((text, _)) if *text == request.area_json);
        if !cached {
            match model_for(&request.area_json) {
                Ok(model) => self.model = Some((request.area_json.clone(), model)),
                Err(e) => return Answer::failed(&request.job, e),
            }
        }
        match &self.model {
            Some((_, model)) => answer(model, &request.job),
            None => Answer::failed(&request.job, "no model".to_owned()),
        }
    }
}

impl Worker for PathwaysWorker {
    type Message = ();
    type Input = WorkerRequest;
    type Output = WorkerResponse;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        PathwaysWorker { model: None }
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _message: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, request: WorkerRequest, id: HandlerId) {
        let started = js_sys::Date::now();
        let answer = self.run(&request);
        scope.respond(
            id,
            WorkerResponse {
                area_generation: request.area_generation,
                answer,
                elapsed_ms: js_sys::Date::now() - started,
            },
        );
    }
}
