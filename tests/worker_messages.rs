//! The worker's messages go through gloo-worker's bincode codec, which reads fields by
//! position: a field that one side skips and the other expects breaks every message.
//! Each job and its answer round-trips here as it does between the page and the worker.

use pathways::app::jobs::{
    answer, model_for, AnalysisKey, AnalysisRequest, FrontierJob, Job, SensitivityJob,
    WorkerRequest,
};
use pathways::model::{Area, LeverSetting, LeverSettings, Stage};
use pathways::scenario::optimise::FrontierRequest;
use pathways::scenario::outcome::Outcome;

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(
    value: &T,
) {
    let bytes = bincode::serialize(value).expect("serializes");
    let back: T = bincode::deserialize(&bytes).expect("the other side reads what was sent");
    assert_eq!(&back, value);
}

fn settings() -> LeverSettings {
    let on = |end_year| LeverSetting {
        reach_share: 0.5,
        start_year: 2018,
        ramp_years: 1,
        end_year,
    };
    [
        ("primary_metacognition".into(), on(None)),
        ("secondary_tutoring".into(), on(Some(2021))),
    ]
    .into_iter()
    .collect()
}

#[test]
fn every_job_and_its_answer_cross_the_worker_boundary() {
    let area = Area::hastings();
    let area_json = serde_json::to_string(&area).unwrap();
    let model = model_for(&area_json).unwrap();
    let outcome = Outcome::FsmRate(Stage::Ks4);
    let jobs = [
        Job::Analysis(AnalysisRequest {
            key: AnalysisKey {
                settings: settings(),
                targets: vec!["fsm_ks4=30@2030".parse().unwrap()],
                year: 2030,
            },
            draws: 50,
            seed: 1,
        }),
        Job::Frontier(FrontierJob {
            request: FrontierRequest {
                end_year: Some(2021),
                levers: vec!["secondary_tutoring".into(), "primary_metacognition".into()],
                ..FrontierRequest::new(outcome, 2030)
            },
            target_share: Some(0.3),
            seed: 1,
        }),
        Job::Sensitivity(SensitivityJob {
            settings: settings(),
            outcome,
            year: 2030,
        }),
    ];
    for job in jobs {
        round_trip(&WorkerRequest {
            area_generation: 3,
            area_json: area_json.clone(),
            job: job.clone(),
        });
        round_trip(&answer(&model, &job));
    }
}
