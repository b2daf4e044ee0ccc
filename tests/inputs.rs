//! Bad input gets a clear error naming the field, never a panic: scenarios, area files
//! and lever catalogues.

mod common;

use common::model;
use pathways::model::{Area, Barrier, InputError, LeverCatalogue, Provenance, Stage};
use pathways::scenario::Scenario;
use proptest::prelude::*;

fn scenario_error(text: &str) -> String {
    let model = model();
    match Scenario::from_json(text).and_then(|s| s.plan(&model)) {
        Ok(_) => panic!("expected an error for {text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn scenario_errors_name_the_field_at_fault() {
    let out_of_range = r#"{"version":1,"levers":{"ey_language":{"reach_share":1.5,"start_year":2018,"ramp_years":2}}}"#;
    assert!(scenario_error(out_of_range).contains("levers.ey_language.reach_share"));
    let unknown = r#"{"version":1,"levers":{"free_ponies":{"reach_share":0.5,"start_year":2018,"ramp_years":2}}}"#;
    assert!(scenario_error(unknown).contains("levers.free_ponies"));
    let early = r#"{"version":1,"levers":{"ey_language":{"reach_share":0.5,"start_year":1990,"ramp_years":2}}}"#;
    assert!(scenario_error(early).contains("start_year"));
    let missing = r#"{"version":1,"levers":{"ey_language":{"reach_share":0.5}}}"#;
    assert!(scenario_error(missing).contains("start_year"));
    assert!(scenario_error(r#"{"version":9}"#).contains("version"));
    assert!(scenario_error("not json").contains("Scenario file is not valid"));
    assert!(scenario_error(&"x".repeat(100_000)).contains("bytes"));
}

#[test]
fn a_valid_scenario_round_trips_through_json() {
    let text = include_str!("../docs/examples/early-years-first.json");
    let scenario = Scenario::from_json(text).unwrap();
    assert_eq!(Scenario::from_json(&scenario.to_json()).unwrap(), scenario);
    assert_eq!(scenario.plan(&model()).unwrap().levers.len(), 2);
}

/// Hastings as of 2017 (the figures these tests are worked for), edited.
fn area_with(edit: impl FnOnce(&mut serde_json::Value)) -> Result<Area, InputError> {
    let mut value: serde_json::Value = serde_json::to_value(Area::hastings()).unwrap();
    edit(&mut value);
    Area::from_json(&value.to_string())
}

#[test]
fn area_errors_name_the_field_at_fault() {
    let impossible_rate = area_with(|v| v["stages"]["ks2"]["fsm_rate"]["value"] = 1.2.into());
    assert!(impossible_rate
        .unwrap_err()
        .to_string()
        .contains("stages.ks2.fsm_rate"));
    let no_source = area_with(|v| v["cohort_size"]["assumption"] = "  ".into());
    assert!(no_source.unwrap_err().to_string().contains("cohort_size"));
    let short_horizon = area_with(|v| v["horizon_end_year"] = 2020.into());
    assert!(short_horizon
        .unwrap_err()
        .to_string()
        .contains("horizon_end_year"));
    let negative_cohort = area_with(|v| v["cohort_size"]["value"] = (-5).into());
    assert!(negative_cohort
        .unwrap_err()
        .to_string()
        .contains("cohort_size"));
    let correlation =
        area_with(|v| v["links"]["ks2_to_ks4"]["latent_correlation"]["value"] = 1.0.into());
    assert!(correlation
        .unwrap_err()
        .to_string()
        .contains("links.ks2_to_ks4.latent_correlation"));
    let wrong_shape = Area::from_json(r#"{"format_version":1,"id":"x"}"#).unwrap_err();
    assert!(wrong_shape.to_string().contains("missing field"));
}

#[test]
fn a_sourced_trend_moves_the_baseline_and_a_misspelt_one_is_refused() {
    let trend = area_with(|v| {
        v["stages"]["ks2"]["fsm_trend_points_per_year"] =
            serde_json::json!({"value": 0.5, "source": "a test: half a point a year"})
    })
    .unwrap();
    assert!(trend.has_trend() && !Area::hastings().has_trend());
    let model = pathways::model::Model::new(trend, LeverCatalogue::standard());
    let baseline = model.baseline();
    let ks2 = |year| baseline.year(year).unwrap().stage(Stage::Ks2).fsm.rate;
    // By hand: 25% + 0.5 points a year.
    assert_eq!(ks2(2017), 0.25);
    assert!((ks2(2027) - 0.30).abs() < 1e-12);
    assert!((ks2(2035) - 0.34).abs() < 1e-12);
    let ks4 = baseline.year(2035).unwrap().stage(Stage::Ks4).fsm.rate;
    assert_eq!(ks4, 0.25, "stages without a trend stay flat");

    let steep = area_with(|v| {
        v["stages"]["ks2"]["fsm_trend_points_per_year"] =
            serde_json::json!({"value": 9, "source": "x"})
    });
    assert!(steep
        .unwrap_err()
        .to_string()
        .contains("stages.ks2.fsm_trend_points_per_year"));
    let misspelt = area_with(|v| {
        v["stages"]["ks2"]["fsm_trend"] = serde_json::json!({"value": 0.5, "source": "x"})
    });
    let message = misspelt.unwrap_err().to_string();
    assert!(message.contains("fsm_trend"), "{message}");
}

#[test]
fn the_catalogue_refuses_year_groups_after_the_stage_and_unknown_fields() {
    let text = include_str!("../static/data/levers.json");
    let with = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
        edit(&mut value);
        LeverCatalogue::from_json(&value.to_string())
    };
    // Secondary tutoring (KS4, measured after Y11) cannot serve Y12.
    let late = with(&|v| {
        let lever = v["levers"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|l| l["id"] == "secondary_tutoring")
            .unwrap();
        lever["year_groups"]["last"] = 12.into();
    });
    assert!(late.unwrap_err().to_string().contains("year_groups"));
    let unknown = with(&|v| v["levers"][0]["reach_bonus"] = 1.into());
    assert!(unknown.unwrap_err().to_string().contains("reach_bonus"));
    let breadth = with(&|v| v["levers"][0]["outcome_breadth"]["value"] = 1.5.into());
    assert!(breadth.unwrap_err().to_string().contains("outcome_breadth"));
    let weight = with(&|v| v["at_scale"]["evidence_weight_per_padlock"]["value"] = 0.5.into());
    assert!(weight
        .unwrap_err()
        .to_string()
        .contains("at_scale.evidence_weight_per_padlock"));
}

#[test]
fn every_shipped_number_has_a_source_or_an_assumption_label() {
    let area = Area::hastings();
    let mut provenances: Vec<&Provenance> =
        vec![&area.cohort_size.provenance, &area.fsm_share.provenance];
    for stage in Stage::ALL {
        let rates = area.stages.get(stage);
        provenances.extend([&rates.fsm_rate.provenance, &rates.non_fsm_rate.provenance]);
        if let Some(link) = area.links.into_stage(stage) {
            provenances.extend([
                &link.effect_persistence.provenance,
                &link.latent_correlation.provenance,
            ]);
        }
    }
    let catalogue = LeverCatalogue::standard();
    provenances.extend(catalogue.levers.iter().flat_map(|l| {
        [
            &l.cost_gbp_per_pupil.provenance,
            &l.outcome_breadth.provenance,
        ]
    }));
    provenances.extend(catalogue.at_scale.named().map(|(_, v)| &v.provenance));
    for other in Area::shipped() {
        other.validate().unwrap();
        assert!(other.cohort_size.provenance.text().len() > 20);
    }
    assert!(provenances.iter().all(|p| p.text().len() > 20));
    // The seed deck's 25% figures are cited as sources, not assumptions.
    assert!(matches!(
        area.stages.ks2.fsm_rate.provenance,
        Provenance::Source(_)
    ));
    assert!(matches!(
        area.stages.ks4.fsm_rate.provenance,
        Provenance::Source(_)
    ));
}

#[test]
fn the_catalogue_covers_the_six_barriers_and_the_stubborn_issues() {
    let catalogue = LeverCatalogue::standard();
    for barrier in Barrier::ALL {
        assert!(
            catalogue.levers.iter().any(|l| l.barrier == barrier),
            "{barrier:?}"
        );
    }
    for issue in ["Attendance", "Recruitment", "Mental health"] {
        assert!(
            catalogue
                .levers
                .iter()
                .any(|l| l.issue.as_deref() == Some(issue)),
            "{issue}"
        );
    }
    for stage in Stage::ALL {
        assert!(
            catalogue.levers.iter().any(|l| l.stage == stage),
            "{stage:?}"
        );
    }
}

proptest! {
    #[test]
    fn decoders_never_panic_on_arbitrary_text(text in ".{0,400}") {
        let model = model();
        let _ = Scenario::from_json(&text).and_then(|s| s.plan(&model));
        let _ = Area::from_json(&text);
        let _ = LeverCatalogue::from_json(&text);
    }

    #[test]
    fn decoders_never_panic_on_arbitrary_lever_values(
        reach in any::<f64>(), start in any::<i32>(), ramp in any::<u32>()
    ) {
        let text = format!(
            r#"{{"version":1,"levers":{{"ey_language":{{"reach_share":{reach},"start_year":{start},"ramp_years":{ramp}}}}}}}"#
        );
        let model = model();
        if let Ok(plan) = Scenario::from_json(&text).and_then(|s| s.plan(&model)) {
            let projection = model.project(&plan);
            prop_assert!(projection.years.iter().all(|y| y.stages.iter().all(|s| (0.0..=1.0).contains(&s.fsm.rate))));
        }
    }
}

#[test]
fn area_ids_that_links_cannot_carry_and_tiny_non_fsm_groups_are_refused() {
    let bad_id = area_with(|v| v["id"] = "Bad Id!".into());
    assert!(bad_id.unwrap_err().to_string().starts_with("id:"));
    // 850 × 0.99 leaves 8.5 non-FSM pupils: too few for a base-year non-FSM rate.
    let tiny = area_with(|v| v["fsm_share"]["value"] = 0.99.into());
    let message = tiny.unwrap_err().to_string();
    assert!(
        message.contains("fsm_share") && message.contains("non-FSM"),
        "{message}"
    );
}
