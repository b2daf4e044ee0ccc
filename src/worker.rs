//! The Monte Carlo web worker: runs the draws off the main thread so that dragging a
//! slider never waits for the bands. Messages use gloo-worker's bincode codec, so they
//! carry plain data only: the area travels as its JSON text, without its observed series
//! (`State::worker_area_json`), which the Monte Carlo never reads.

use gloo::worker::{HandlerId, Worker, WorkerScope};
use serde::{Deserialize, Serialize};

use crate::model::{Area, Bands, LeverCatalogue, LeverSettings, Model, Plan};

/// Ask for bands of one scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BandsRequest {
    /// Echoed back, so the page can ignore answers computed for an area it has left.
    pub area_generation: u64,
    pub area_json: String,
    pub settings: LeverSettings,
    pub draws: u32,
    pub seed: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BandsResponse {
    pub area_generation: u64,
    /// The bands with the settings they were computed for.
    pub result: Result<(LeverSettings, Bands), String>,
    /// Time spent in the worker on this request, in milliseconds.
    pub elapsed_ms: f64,
}

pub struct MonteCarloWorker {
    /// The model for the last area seen, keyed by its JSON text.
    model: Option<(String, Model)>,
}

impl MonteCarloWorker {
    fn run(&mut self, request: &BandsRequest) -> Result<Bands, String> {
        let cached = matches!(&self.model, Some((text, _)) if *text == request.area_json);
        if !cached {
            let area = Area::from_json(&request.area_json).map_err(|e| e.to_string())?;
            self.model = Some((
                request.area_json.clone(),
                Model::new(area, LeverCatalogue::standard()),
            ));
        }
        let Some((_, model)) = &self.model else {
            return Err("no model".to_owned());
        };
        let plan = Plan::resolve(&request.settings, model.catalogue(), model.area())
            .map_err(|e| e.to_string())?;
        Ok(model.monte_carlo(&plan, request.draws, request.seed))
    }
}

impl Worker for MonteCarloWorker {
    type Message = ();
    type Input = BandsRequest;
    type Output = BandsResponse;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        MonteCarloWorker { model: None }
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _message: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, request: BandsRequest, id: HandlerId) {
        let started = js_sys::Date::now();
        let result = self
            .run(&request)
            .map(|bands| (request.settings.clone(), bands));
        scope.respond(
            id,
            BandsResponse {
                area_generation: request.area_generation,
                result,
                elapsed_ms: js_sys::Date::now() - started,
            },
        );
    }
}
