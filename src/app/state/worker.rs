//! What the Monte Carlo worker was asked and answered: the bands and chances for the
//! plan on screen, the optimiser's search and the sensitivity tornado.

use std::rc::Rc;

use crate::app::jobs::{
    Analysis, Answer, FrontierAnswer, FrontierJob, SensitivityAnswer, SensitivityJob,
    WorkerResponse,
};

/// A job handed to the worker on request: what was asked, and what came back.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkerTask<J, A> {
    /// The job waiting for the worker, or being run by it.
    pub pending: Option<J>,
    pub answer: Option<Rc<A>>,
    pub error: Option<String>,
    pub elapsed_ms: Option<f64>,
    /// Counts requests, so the worker hook sends each once.
    pub requests: u64,
}

impl<J, A> Default for WorkerTask<J, A> {
    fn default() -> Self {
        WorkerTask {
            pending: None,
            answer: None,
            error: None,
            elapsed_ms: None,
            requests: 0,
        }
    }
}

impl<J, A> WorkerTask<J, A> {
    fn request(&mut self, job: J) {
        self.pending = Some(job);
        self.error = None;
        self.requests += 1;
    }

    fn answered(&mut self, answer: Rc<A>, elapsed_ms: f64) {
        self.pending = None;
        self.answer = Some(answer);
        self.error = None;
        self.elapsed_ms = Some(elapsed_ms);
    }

    fn failed(&mut self, message: String) {
        self.pending = None;
        self.error = Some(message);
    }
}

/// The optimiser's search.
pub type FrontierState = WorkerTask<FrontierJob, FrontierAnswer>;
/// The sensitivity section's tornado.
pub type SensitivityState = WorkerTask<SensitivityJob, SensitivityAnswer>;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct WorkerState {
    /// The latest analysis (bands, target chances, contributions), with the settings,
    /// targets and year it was computed for.
    pub analysis: Option<Rc<Analysis>>,
    pub bands_error: Option<String>,
    pub worker_ms: Option<f64>,
    /// The "best plan for £X" search: the job asked for and its answer.
    pub frontier: FrontierState,
    /// The tornado of the sensitivity section, computed while that section is open.
    pub sensitivity: SensitivityState,
}

/// Answers carry the area generation they were computed for (see
/// [`super::AreaState::generation`]): one for an area the page has since left says
/// nothing about this one, and is dropped.
pub enum WorkerAction {
    AnalysisReady {
        area_generation: u64,
        analysis: Rc<Analysis>,
        elapsed_ms: f64,
    },
    /// The worker could not give the analysis for the area of this generation.
    BandsFailed {
        area_generation: u64,
        message: String,
    },
    /// Search for the best plans for an outcome and year.
    RequestFrontier(FrontierJob),
    FrontierReady {
        area_generation: u64,
        answer: Rc<FrontierAnswer>,
        elapsed_ms: f64,
    },
    FrontierFailed {
        area_generation: u64,
        message: String,
    },
    /// Work out the tornado for these settings, outcome and year.
    RequestSensitivity(SensitivityJob),
    SensitivityReady {
        area_generation: u64,
        answer: Rc<SensitivityAnswer>,
        elapsed_ms: f64,
    },
    SensitivityFailed {
        area_generation: u64,
        message: String,
    },
}

impl WorkerAction {
    /// The action for what the worker sent back: its answer or its failure, with the area
    /// generation it was computed for.
    pub fn from_response(response: WorkerResponse) -> WorkerAction {
        let WorkerResponse {
            area_generation,
            answer,
            elapsed_ms,
        } = response;
        match answer {
            Answer::Analysis(Ok(analysis)) => WorkerAction::AnalysisReady {
                area_generation,
                analysis: Rc::new(analysis),
                elapsed_ms,
            },
            Answer::Analysis(Err(message)) => WorkerAction::BandsFailed {
                area_generation,
                message,
            },
            Answer::Frontier(Ok(answer)) => WorkerAction::FrontierReady {
                area_generation,
                answer: Rc::new(answer),
                elapsed_ms,
            },
            Answer::Frontier(Err(message)) => WorkerAction::FrontierFailed {
                area_generation,
                message,
            },
            Answer::Sensitivity(Ok(answer)) => WorkerAction::SensitivityReady {
                area_generation,
                answer: Rc::new(answer),
                elapsed_ms,
            },
            Answer::Sensitivity(Err(message)) => WorkerAction::SensitivityFailed {
                area_generation,
                message,
            },
        }
    }

    /// The area generation an answer was computed for; `None` for a request.
    fn answer_generation(&self) -> Option<u64> {
        match self {
            WorkerAction::RequestFrontier(_) | WorkerAction::RequestSensitivity(_) => None,
            WorkerAction::AnalysisReady {
                area_generation, ..
            }
            | WorkerAction::BandsFailed {
                area_generation, ..
            }
            | WorkerAction::FrontierReady {
                area_generation, ..
            }
            | WorkerAction::FrontierFailed {
                area_generation, ..
            }
            | WorkerAction::SensitivityReady {
                area_generation, ..
            }
            | WorkerAction::SensitivityFailed {
                area_generation, ..
            } => Some(*area_generation),
        }
    }
}

impl WorkerState {
    /// `area_generation`: the generation of the area on screen.
    pub fn apply(&mut self, action: WorkerAction, area_generation: u64) {
        if action
            .answer_generation()
            .is_some_and(|answered_for| answered_for != area_generation)
        {
            return;
        }
        match action {
            WorkerAction::AnalysisReady {
                analysis,
                elapsed_ms,
                ..
            } => self.analysis_ready(analysis, elapsed_ms),
            WorkerAction::BandsFailed { message, .. } => self.bands_error = Some(message),
            WorkerAction::RequestFrontier(job) => self.frontier.request(job),
            WorkerAction::FrontierReady {
                answer, elapsed_ms, ..
            } => self.frontier.answered(answer, elapsed_ms),
            WorkerAction::FrontierFailed { message, .. } => self.frontier.failed(message),
            WorkerAction::RequestSensitivity(job) => self.sensitivity.request(job),
            WorkerAction::SensitivityReady {
                answer, elapsed_ms, ..
            } => self.sensitivity.answered(answer, elapsed_ms),
            WorkerAction::SensitivityFailed { message, .. } => self.sensitivity.failed(message),
        }
    }

    fn analysis_ready(&mut self, analysis: Rc<Analysis>, elapsed_ms: f64) {
        self.analysis = Some(analysis);
        self.bands_error = None;
        self.worker_ms = Some(elapsed_ms);
    }
}

/// How long the levers must have been still before a worker answer is shown: one that
/// arrives while a lever moves waits, so each key press or drag step gets its frame to
/// itself and the bands, chances and tornado repaint once, when input pauses.
pub const INPUT_PAUSE_MS: f64 = 100.0;

/// How much longer an answer arriving at `now_ms` waits, when the levers last changed at
/// `last_change_ms`: `None` to show it at once.
pub fn answer_wait_ms(now_ms: f64, last_change_ms: f64) -> Option<f64> {
    let still_for = now_ms - last_change_ms;
    (0.0..INPUT_PAUSE_MS)
        .contains(&still_for)
        .then_some(INPUT_PAUSE_MS - still_for)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_waits_until_the_levers_have_been_still_for_the_pause() {
        // Changed 30 ms ago: 100 - 30 = 70 ms more.
        assert_eq!(answer_wait_ms(1_030.0, 1_000.0), Some(70.0));
        assert_eq!(answer_wait_ms(1_000.0, 1_000.0), Some(100.0));
        // Still for the whole pause, or longer: at once.
        assert_eq!(answer_wait_ms(1_100.0, 1_000.0), None);
        assert_eq!(answer_wait_ms(9_000.0, 1_000.0), None);
        // A clock that went back never holds an answer for ever.
        assert_eq!(answer_wait_ms(900.0, 1_000.0), None);
    }

    #[test]
    fn a_failure_from_the_worker_becomes_the_failure_of_its_kind() {
        let failed = WorkerAction::from_response(WorkerResponse {
            area_generation: 4,
            answer: Answer::Sensitivity(Err("stopped".to_owned())),
            elapsed_ms: 0.0,
        });
        assert!(matches!(
            failed,
            WorkerAction::SensitivityFailed { area_generation: 4, ref message } if message == "stopped"
        ));
    }
}
