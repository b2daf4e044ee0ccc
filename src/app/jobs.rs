//! The work the page hands to its web worker, as plain data both sides share, and the
//! functions that do it. Plain Rust, tested natively: the worker (`crate::worker`) only
//! decodes a request, calls [`answer`] and posts the result back.
//!
//! Three jobs:
//! - **analysis**, after every change of settings, targets or headline year: the Monte
//!   Carlo bands, each target's chance of being reached (scenario and baseline, from the
//!   same draws), and what each lever contributes to each headline in the chosen year;
//! - **frontier**, on request: the cost-impact frontier of the best plans for an outcome
//!   and year, with the chance of a target along it;
//! - **sensitivity**, while its section is open: which assumption moves a headline's
//!   change most (the tornado).

use serde::{Deserialize, Serialize};

use crate::model::{Area, Bands, LeverCatalogue, LeverSettings, Model, Plan, Sensitivity};
use crate::scenario::appraisal::headline_sensitivity;
use crate::scenario::contributions::{contributions, Contributions};
use crate::scenario::optimise::{
    chance_of_reaching, frontier, Frontier, FrontierChances, FrontierRequest,
};
use crate::scenario::outcome::Outcome;
use crate::scenario::target::{Target, TargetChance};

/// Draws for the chance of a target at each point of a frontier: fewer than the bands'
/// 1,000 since a frontier has dozens of points (the 10-90% width of a share estimated
/// from 400 draws is about ±3 points at 50%).
pub const FRONTIER_DRAWS: u32 = 400;

/// What the analysis is for: the settings, targets and headline year on the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalysisKey {
    pub settings: LeverSettings,
    pub targets: Vec<Target>,
    /// The year whose contributions are split between the levers.
    pub year: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalysisRequest {
    pub key: AnalysisKey,
    pub draws: u32,
    pub seed: u64,
}

/// Everything the draws and the contribution split give for one [`AnalysisKey`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub key: AnalysisKey,
    pub bands: Bands,
    /// One per target, in the key's order.
    pub chances: Vec<TargetChance>,
    pub contributions: Contributions,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrontierJob {
    pub request: FrontierRequest,
    /// The target whose chance is shown along the frontier: a share (points / 100 for the
    /// gap) in the request's direction.
    pub target_share: Option<f64>,
    pub seed: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrontierAnswer {
    pub job: FrontierJob,
    pub frontier: Frontier,
    pub chances: Option<FrontierChances>,
}

/// Which assumption moves `outcome`'s change against the baseline in `year` most, for
/// these settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SensitivityJob {
    pub settings: LeverSettings,
    pub outcome: Outcome,
    pub year: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SensitivityAnswer {
    pub job: SensitivityJob,
    pub sensitivity: Sensitivity,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Job {
    Analysis(AnalysisRequest),
    Frontier(FrontierJob),
    Sensitivity(SensitivityJob),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Answer {
    Analysis(Result<Analysis, String>),
    Frontier(Result<FrontierAnswer, String>),
    Sensitivity(Result<SensitivityAnswer, String>),
}

impl Answer {
    /// The answer to `job` when it could not be run: the worker could not read the
    /// area, or the page gave up waiting for it.
    pub fn failed(job: &Job, message: String) -> Answer {
        match job {
            Job::Analysis(_) => Answer::Analysis(Err(message)),
            Job::Frontier(_) => Answer::Frontier(Err(message)),
            Job::Sensitivity(_) => Answer::Sensitivity(Err(message)),
        }
    }
}

/// A job with the area it is for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkerRequest {
    /// Echoed back, so the page can ignore answers computed for an area it has left.
    pub area_generation: u64,
    /// The area file as JSON, without its observed series (`State::worker_area_json`).
    pub area_json: String,
    pub job: Job,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkerResponse {
    pub area_generation: u64,
    pub answer: Answer,
    /// Time spent in the worker on this request, in milliseconds.
    pub elapsed_ms: f64,
}

/// The model for an area file's JSON.
pub fn model_for(area_json: &str) -> Result<Model, String> {
    let area = Area::from_json(area_json).map_err(|e| e.to_string())?;
    Ok(Model::new(area, LeverCatalogue::standard()))
}

/// Does `job` for `model`.
pub fn answer(model: &Model, job: &Job) -> Answer {
    match job {
        Job::Analysis(request) => Answer::Analysis(analyse(model, request)),
        Job::Frontier(job) => Answer::Frontier(trace_frontier(model, job)),
        Job::Sensitivity(job) => Answer::Sensitivity(sensitivity(model, job)),
    }
}

fn sensitivity(model: &Model, job: &SensitivityJob) -> Result<SensitivityAnswer, String> {
    let plan =
        Plan::resolve(&job.settings, model.catalogue(), model.area()).map_err(|e| e.to_string())?;
    Ok(SensitivityAnswer {
        job: job.clone(),
        sensitivity: headline_sensitivity(model, &plan, job.outcome, job.year),
    })
}

fn analyse(model: &Model, request: &AnalysisRequest) -> Result<Analysis, String> {
    let key = &request.key;
    let plan =
        Plan::resolve(&key.settings, model.catalogue(), model.area()).map_err(|e| e.to_string())?;
    let (bands, chances) =
        model.monte_carlo_with_targets(&plan, request.draws, request.seed, &key.targets);
    let contributions = contributions(model, &plan, key.year).map_err(|e| e.to_string())?;
    Ok(Analysis {
        key: key.clone(),
        bands,
        chances,
        contributions,
    })
}

fn trace_frontier(model: &Model, job: &FrontierJob) -> Result<FrontierAnswer, String> {
    let found = frontier(model, &job.request).map_err(|e| e.to_string())?;
    let chances = match job.target_share {
        Some(share) => Some(
            chance_of_reaching(model, &found, share, FRONTIER_DRAWS, job.seed)
                .map_err(|e| e.to_string())?,
        ),
        None => None,
    };
    Ok(FrontierAnswer {
        job: job.clone(),
        frontier: found,
        chances,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LeverSetting;

    fn settings() -> LeverSettings {
        [(
            "secondary_tutoring".into(),
            LeverSetting {
                reach_share: 0.6,
                start_year: 2018,
                ramp_years: 0,
                end_year: None,
            },
        )]
        .into_iter()
        .collect()
    }

    #[test]
    fn an_analysis_gives_the_engines_bands_chances_and_contributions() {
        let model = Model::hastings();
        let target: Target = "fsm_ks4=27@2030".parse().unwrap();
        let key = AnalysisKey {
            settings: settings(),
            targets: vec![target],
            year: 2030,
        };
        let Answer::Analysis(Ok(analysis)) = answer(
            &model,
            &Job::Analysis(AnalysisRequest {
                key: key.clone(),
                draws: 100,
                seed: 7,
            }),
        ) else {
            panic!("the analysis failed");
        };
        let plan = Plan::resolve(&key.settings, model.catalogue(), model.area()).unwrap();
        assert_eq!(analysis.bands, model.monte_carlo(&plan, 100, 7));
        assert_eq!(analysis.chances.len(), 1);
        let chance = analysis.chances[0].scenario_chance.unwrap();
        assert!(chance > analysis.chances[0].baseline_chance.unwrap());
        let ks4 = analysis
            .contributions
            .outcomes
            .iter()
            .find(|o| o.outcome == Outcome::from_key("fsm_ks4").unwrap())
            .unwrap();
        // One lever: it gets the whole change.
        assert!((ks4.points[0] - ks4.total_points).abs() < 1e-9);
        assert!(ks4.total_points > 0.5);
    }

    #[test]
    fn a_bad_request_is_an_error_message_not_a_panic() {
        let model = Model::hastings();
        let mut bad = settings();
        bad.get_mut("secondary_tutoring").unwrap().start_year = 1900;
        let job = Job::Analysis(AnalysisRequest {
            key: AnalysisKey {
                settings: bad,
                targets: Vec::new(),
                year: 2030,
            },
            draws: 10,
            seed: 1,
        });
        assert!(matches!(answer(&model, &job), Answer::Analysis(Err(_))));
        assert!(model_for("{not json").is_err());
    }

    #[test]
    fn a_frontier_job_carries_the_chance_along_it() {
        let model = Model::hastings();
        let job = FrontierJob {
            request: FrontierRequest::new(Outcome::from_key("fsm_ks2").unwrap(), 2028),
            target_share: Some(0.27),
            seed: 3,
        };
        let Answer::Frontier(Ok(found)) = answer(&model, &Job::Frontier(job)) else {
            panic!("the frontier failed");
        };
        let chances = found.chances.unwrap();
        assert_eq!(chances.chance.len(), found.frontier.points.len());
        assert!(found.frontier.points.len() > 3);
    }

    #[test]
    fn a_sensitivity_job_gives_the_tornado_for_its_outcome_and_year() {
        let model = Model::hastings();
        let job = SensitivityJob {
            settings: settings(),
            outcome: Outcome::from_key("fsm_ks4").unwrap(),
            year: 2030,
        };
        let Answer::Sensitivity(Ok(found)) = answer(&model, &Job::Sensitivity(job.clone())) else {
            panic!("the sensitivity failed");
        };
        let plan = Plan::resolve(&job.settings, model.catalogue(), model.area()).unwrap();
        assert_eq!(
            found.sensitivity,
            headline_sensitivity(&model, &plan, job.outcome, job.year)
        );
        assert!(!found.sensitivity.bars.is_empty());
    }
}
