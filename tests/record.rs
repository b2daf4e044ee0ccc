//! The back-test's envelope: what the share inside the band would be if the model were
//! exactly right (src/record/backtest.rs, docs/VALIDATION.md §11).

use pathways::model::{LeverCatalogue, Stage};
use pathways::record::backtest::{envelope, without_national, HORIZON_GROUPS};
use pathways::record::{Half, Record, RECORDED_STAGES};

fn record() -> Record {
    Record::shipped().expect("the shipped area files hold a record")
}

#[test]
fn a_right_model_covers_eighty_percent_in_the_middle_of_its_envelope() {
    // The band's SD in the envelope is the drawn change's own SD, so the share inside is
    // P(|Z| ≤ 1.2816) = 80% on average: a median far from it means the two disagree.
    let env = envelope(
        &record(),
        &LeverCatalogue::standard(),
        Some(Half::Test),
        300,
        1,
    );
    for stage in RECORDED_STAGES {
        let (lo, median, hi) = env.group(stage, HORIZON_GROUPS.len());
        assert!((median - 80.0).abs() < 3.0, "{stage:?} median {median}");
        assert!(lo < median && median < hi, "{stage:?} {lo} {median} {hi}");
    }
}

#[test]
fn one_shared_england_is_what_makes_the_envelope_wide() {
    let record = record();
    let catalogue = LeverCatalogue::standard();
    let without = without_national(&catalogue);
    let with_england = envelope(&record, &catalogue, Some(Half::Test), 300, 2);
    let without_england = envelope(&record, &without, Some(Half::Test), 300, 2);
    // KS2 7-9 years: one origin (2016), so one national outcome for 444 pairs.
    let width = |e: &pathways::record::backtest::Envelope| {
        let (lo, _, hi) = e.group(Stage::Ks2, 2);
        hi - lo
    };
    assert!(width(&with_england) > 30.0, "{}", width(&with_england));
    assert!(
        width(&without_england) < 12.0,
        "{}",
        width(&without_england)
    );
}
