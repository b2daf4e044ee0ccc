//! Benchmarks of the model core. Targets (README): a deterministic run of the full
//! horizon under 50 µs; 1,000 Monte Carlo draws under 50 ms; the optimiser's frontier over
//! the whole catalogue under 300 ms (under 1 s in the browser's worker); every lever's
//! contribution with the whole catalogue on at full reach well under 1 s.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use pathways::model::{LeverSetting, LeverSettings, Model, Plan, Stage};
use pathways::scenario::appraisal::headline_sensitivity;
use pathways::scenario::contributions::contributions;
use pathways::scenario::optimise::{frontier, FrontierRequest};
use pathways::scenario::outcome::Outcome;

/// Six levers on, across every stage: a typical "balanced plan".
fn balanced_plan(model: &Model) -> Plan {
    let on = |reach_share| LeverSetting {
        reach_share,
        start_year: 2018,
        ramp_years: 2,
        end_year: None,
    };
    let settings: LeverSettings = [
        ("ey_language", on(0.8)),
        ("home_learning_early", on(0.5)),
        ("primary_metacognition", on(1.0)),
        ("secondary_tutoring", on(0.4)),
        ("post16_tuition", on(0.5)),
        ("careers_work_experience", on(1.0)),
    ]
    .into_iter()
    .map(|(id, s)| (id.into(), s))
    .collect();
    Plan::resolve(&settings, model.catalogue(), model.area()).expect("valid plan")
}

/// Every lever on at `reach_share` from 2018 with a two-year ramp.
fn every_lever_at(model: &Model, reach_share: f64) -> Plan {
    let settings: LeverSettings = model
        .catalogue()
        .levers
        .iter()
        .map(|l| {
            let setting = LeverSetting {
                reach_share,
                start_year: 2018,
                ramp_years: 2,
                end_year: None,
            };
            (l.id.clone(), setting)
        })
        .collect();
    Plan::resolve(&settings, model.catalogue(), model.area()).expect("valid plan")
}

fn benches(c: &mut Criterion) {
    let model = Model::hastings();
    let balanced = balanced_plan(&model);
    // Every lever on at partial reach: the worst case for the mixture engine.
    let every = every_lever_at(&model, 0.5);
    let full = every_lever_at(&model, 1.0);
    c.bench_function("deterministic/baseline", |b| {
        b.iter(|| model.project(black_box(&Plan::default())))
    });
    c.bench_function("deterministic/balanced_plan", |b| {
        b.iter(|| model.project(black_box(&balanced)))
    });
    c.bench_function("deterministic/every_lever", |b| {
        b.iter(|| model.project(black_box(&every)))
    });
    let mut group = c.benchmark_group("monte_carlo");
    group.sample_size(20);
    group.bench_function("1000_draws/balanced_plan", |b| {
        b.iter(|| model.monte_carlo(black_box(&balanced), 1000, 42))
    });
    group.finish();
    let mut group = c.benchmark_group("optimise");
    group.sample_size(10);
    // FSM NEET in 2034 is the slowest headline and year (tests/optimise.rs times them all).
    for (outcome, year) in [
        (Outcome::FsmRate(Stage::Ks4), 2030),
        (Outcome::Gap(Stage::Ks4), 2030),
        (Outcome::FsmNeet, 2034),
    ] {
        let request = FrontierRequest::new(outcome, year);
        group.bench_function(
            format!("frontier/every_lever_{}_{year}", outcome.key()),
            |b| b.iter(|| frontier(&model, black_box(&request)).expect("valid request")),
        );
    }
    group.finish();
    c.bench_function("sensitivity/balanced_plan_fsm_ks4_2030", |b| {
        b.iter(|| {
            headline_sensitivity(
                &model,
                black_box(&balanced),
                Outcome::FsmRate(Stage::Ks4),
                2030,
            )
        })
    });
    // In 2035 every lever with an effect (fifteen: aspiration programmes are assumed to
    // have none) can move the NEET headline: 2^15 one-year runs.
    let mut group = c.benchmark_group("contributions");
    group.sample_size(10);
    group.bench_function("every_lever_full_reach_2035", |b| {
        b.iter(|| contributions(&model, black_box(&full), 2035))
    });
    group.bench_function("balanced_plan_2030", |b| {
        b.iter(|| contributions(&model, black_box(&balanced), 2030))
    });
    group.finish();
}

criterion_group!(model_benches, benches);
criterion_main!(model_benches);
