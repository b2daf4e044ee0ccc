//! The diagnosis ("where the area stands") read from shipped area files, against figures
//! published outside the code: LAIT's FSM rates for Blackpool as the issue quotes them.

use pathways::model::diagnosis::{across, compare_csv, diagnose, to_csv, Verdict};
use pathways::model::{Area, LeverCatalogue, Stage};

fn area(id: &str) -> Area {
    Area::shipped_by_id(id).expect("shipped area")
}

#[test]
fn blackpool_ks2_shows_the_published_fsm_rates() {
    // LAIT FSM_NEW_KS2_RWM for Blackpool: 32% (2015/16), 48% (2016/17), 57% (2018/19),
    // 47% (2024/25).
    let d = diagnose(&area("blackpool"), &LeverCatalogue::standard().chance_band);
    let ks2 = d.stage(Stage::Ks2).expect("KS2");
    for (year, rate) in [(2016, 0.32), (2017, 0.48), (2019, 0.57), (2025, 0.47)] {
        let y = ks2.years.iter().find(|y| y.year == year).expect("year");
        assert!((y.area - rate).abs() < 1e-9, "{year}: {}", y.area);
    }
    // No KS2 tests in 2020 or 2021.
    assert!(ks2.years.iter().all(|y| y.year != 2020 && y.year != 2021));
    // England's FSM rate in 2025 is 48% (LAIT), so Blackpool is 1 point below.
    let last = ks2.years.last().unwrap();
    assert!((last.gap_to_england_points().unwrap() + 1.0).abs() < 1e-9);
}

#[test]
fn blackpools_largest_shortfall_is_ks4_beyond_chance() {
    let d = diagnose(&area("blackpool"), &LeverCatalogue::standard().chance_band);
    for s in &d.stages {
        println!("{}", s.sentence);
    }
    let ks4 = d.stage(Stage::Ks4).unwrap();
    assert_eq!(ks4.verdict, Verdict::BelowBeyondChance);
    assert_eq!(d.largest_shortfall().map(|s| s.stage), Some(Stage::Ks4));
    // The ranking puts every stage once, shortfalls in decreasing order.
    assert_eq!(d.ranking.len(), d.stages.len());
    let shortfalls: Vec<f64> = d
        .ranking
        .iter()
        .map(|&s| d.stage(s).unwrap().shortfall_points())
        .collect();
    assert!(
        shortfalls.windows(2).all(|w| w[0] >= w[1]),
        "{shortfalls:?}"
    );
    assert!(!d.context.is_empty(), "phonics, absence, FSM shares");
}

#[test]
fn as_of_2017_shows_only_what_was_published_by_then() {
    let a = area("blackpool").as_of_year(2017).unwrap();
    let d = diagnose(&a, &LeverCatalogue::standard().chance_band);
    assert_eq!(d.as_of, 2017);
    assert!(d
        .stages
        .iter()
        .all(|s| s.years.iter().all(|y| y.year <= 2017)));
    assert!(d
        .context
        .iter()
        .all(|c| c.years.iter().all(|y| y.0 <= 2017)));
    let csv = to_csv(&d);
    assert!(csv.starts_with("stage,year,area_fsm_rate,england_fsm_rate,neighbours_fsm_rate,gap_to_england_points,beyond_chance\n"));
    assert!(csv.contains("\nks2,2016,0.3200,0.3600,"), "{csv}");
    assert!(!csv.contains(",2018,"));
}

#[test]
fn a_county_proxy_diagnoses_its_countys_figures() {
    let d = diagnose(&area("hastings"), &LeverCatalogue::standard().chance_band);
    for s in &d.stages {
        println!("{}", s.sentence);
        assert!(s.geography.starts_with("East Sussex"), "{}", s.geography);
    }
    assert_eq!(d.stages.len(), 4);
}

#[test]
fn the_opportunity_areas_share_a_ks4_shortfall() {
    // The six whole-LA Opportunity Areas, as the OA record compares them.
    let ids = pathways::record::oa::WHOLE_LA_OAS;
    let chance = LeverCatalogue::standard().chance_band;
    let ds: Vec<_> = ids.iter().map(|id| diagnose(&area(id), &chance)).collect();
    let summary = across(&ds);
    for s in &summary {
        println!("{}", s.sentence);
    }
    let ks4 = summary.iter().find(|s| s.stage == Stage::Ks4).unwrap();
    assert!(ks4.sentence.contains("shared"), "{}", ks4.sentence);
    let csv = compare_csv(ids.into_iter().zip(&ds));
    assert_eq!(csv.lines().count(), 1 + 6 * 4);
}
