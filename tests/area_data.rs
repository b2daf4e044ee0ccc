//! The shipped area files: generated from the sourced extract and reproduced byte for
//! byte, every number with exactly one of a source or an assumption, every observed
//! series well formed; and bad area files refused with a message naming the field.

use std::collections::BTreeMap;
use std::path::Path;

use pathways::build::areas::{
    build_area_files, Built, Inputs, AREAS_DIR, DEFAULT_AS_OF, EXTRACT_DIR,
};
use pathways::build::lait::LAIT_DIR;
use pathways::model::area::{shipped_area_ids, MIN_FSM_PUPILS};
use pathways::model::area_index::AreaIndex;
use pathways::model::{
    Area, BreakKind, GeographyKind, Group, LeverCatalogue, LeverSetting, LeverSettings, Model,
    ObservedGroup, ObservedStage, Plan, Provenance, SeriesRole, Stage,
};
use pathways::scenario::Scenario;
use serde_json::{json, Value};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const DISTRICTS: [&str; 6] = [
    "hastings",
    "norwich",
    "scarborough",
    "west_somerset",
    "fenland_east_cambridgeshire",
    "ipswich",
];

/// Everything the generator builds from the committed extracts, as the shipped files open.
fn built() -> Built {
    let extract = root().join(EXTRACT_DIR);
    let lait = root().join(LAIT_DIR);
    build_area_files(
        &Inputs {
            figures_csv: &read(&extract.join("figures.csv")),
            geography_csv: &read(&extract.join("geography.csv")),
            lait_extract_csv: &read(&lait.join("extract.csv")),
            lait_neighbours_csv: &read(&lait.join("neighbours_may_2025.csv")),
        },
        DEFAULT_AS_OF,
    )
    .unwrap()
}

#[test]
fn the_generator_reproduces_every_shipped_area_file_byte_for_byte() {
    let built = built();
    let files = built.files;
    let ids: Vec<&str> = files.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids[..13],
        shipped_area_ids()[..],
        "the Opportunity Areas and England come first, in the picker's order"
    );
    assert_eq!(
        read(&root().join(AREAS_DIR).join("index.json")),
        built.index,
        "index.json differs from what the generator builds"
    );
    for file in &files {
        let shipped = read(&root().join(AREAS_DIR).join(file.file_name()));
        assert!(
            shipped == file.text,
            "{} differs from what the generator builds: run `cargo run --bin pathways-areas`",
            file.file_name()
        );
    }
    // Nothing else in the folder: every file there is generated.
    let mut on_disk: Vec<String> = std::fs::read_dir(root().join(AREAS_DIR))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut expected: Vec<String> = files.iter().map(|f| f.file_name()).collect();
    expected.push("index.json".to_owned());
    expected.sort();
    assert_eq!(on_disk, expected);
}

/// Every object with a `value` in a raw area file, with its path.
fn numbers<'a>(value: &'a Value, path: String, out: &mut Vec<(String, &'a Value)>) {
    match value {
        Value::Object(map) if map.contains_key("value") => out.push((path, value)),
        Value::Object(map) => {
            for (key, child) in map {
                // Observed points are published figures, cited once per series; the
                // as-of years are checked one by one.
                if key != "observed" && key != "as_of" {
                    numbers(child, format!("{path}.{key}"), out);
                }
            }
        }
        _ => {}
    }
}

/// Counts the numbers of one baseline (the file's own, or an as-of year's) that carry a
/// source and an assumption, checking each has exactly one, with a real text.
fn provenance_counts(id: &str, value: &Value) -> (usize, usize) {
    let mut found = Vec::new();
    numbers(value, String::new(), &mut found);
    let (mut sourced, mut assumed) = (0, 0);
    for (path, number) in found {
        let map = number.as_object().unwrap();
        let keys: Vec<&str> = map.keys().map(String::as_str).collect();
        match (map.get("source"), map.get("assumption")) {
            (Some(text), None) => {
                sourced += 1;
                assert!(text.as_str().unwrap().len() > 40, "{id}{path}");
            }
            (None, Some(text)) => {
                assumed += 1;
                assert!(text.as_str().unwrap().len() > 40, "{id}{path}");
            }
            _ => panic!("{id}{path}: needs exactly one of source or assumption: {keys:?}"),
        }
        assert_eq!(keys.len(), 2, "{id}{path}: {keys:?}");
        assert!(map["value"].is_number(), "{id}{path}");
    }
    (sourced, assumed)
}

#[test]
fn every_shipped_number_has_exactly_one_of_a_source_or_an_assumption() {
    // By kind: (areas, fewest and most sourced of the file's 20 numbers).
    let mut by_kind: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for id in AreaIndex::shipped().ids() {
        let text = read(&root().join(AREAS_DIR).join(format!("{id}.json")));
        let value: Value = serde_json::from_str(&text).unwrap();
        let (sourced, assumed) = provenance_counts(id, &value);
        // Cohort, FSM share, 5 stages × 2 groups, 4 links × 2.
        assert_eq!(sourced + assumed, 20, "{id}");
        // Every as-of year: cohort, FSM share and 5 stages × 2 groups.
        for (i, base) in value["as_of"].as_array().unwrap().iter().enumerate() {
            let (s, a) = provenance_counts(&format!("{id}.as_of[{i}]"), base);
            assert_eq!(s + a, 12, "{id}.as_of[{i}]");
        }
        let kind = match value["wave"].is_number() {
            true => format!("opportunity area, {}", value["geography"]["kind"]),
            false => value["geography"]["kind"].to_string(),
        };
        let entry = by_kind.entry(kind).or_insert((0, usize::MAX, 0));
        *entry = (entry.0 + 1, entry.1.min(sourced), entry.2.max(sourced));
    }
    // The issue's target: a whole-LA area has at least 12 of its 20 numbers sourced.
    let whole = by_kind["\"whole_local_authority\""];
    assert!(whole.1 >= 12, "{by_kind:?}");
    // Shown with --nocapture: the counts quoted in the issue's closing note.
    for (kind, (n, fewest, most)) in &by_kind {
        println!("{kind}: {n} areas, {fewest}-{most} of 20 numbers sourced");
    }
}

#[test]
fn shipped_areas_are_valid_with_their_waves_regions_and_geographies() {
    let areas = Area::shipped();
    assert_eq!(areas.len(), 13);
    assert_eq!(areas[0].id, "hastings");
    assert_eq!(areas[12].id, "england");
    let waves: BTreeMap<&str, u16> = [
        ("blackpool", 2016),
        ("derby", 2016),
        ("norwich", 2016),
        ("oldham", 2016),
        ("scarborough", 2016),
        ("west_somerset", 2016),
        ("bradford", 2017),
        ("doncaster", 2017),
        ("fenland_east_cambridgeshire", 2017),
        ("hastings", 2017),
        ("ipswich", 2017),
        ("stoke_on_trent", 2017),
    ]
    .into_iter()
    .collect();
    for area in &areas {
        area.validate().unwrap();
        // Each opens as of its latest published year, 2025, to 2040.
        assert_eq!((area.base_year, area.horizon_end_year), (2025, 2040));
        let geography = area.geography.as_ref().unwrap();
        if area.id == "england" {
            assert_eq!(area.wave, None);
            assert_eq!(geography.kind, GeographyKind::Country);
            continue;
        }
        assert_eq!(area.wave, Some(waves[area.id.as_str()]), "{}", area.id);
        assert!(area.region.as_ref().is_some_and(|r| !r.is_empty()));
        let district = DISTRICTS.contains(&area.id.as_str());
        assert_eq!(
            geography.kind,
            if district {
                GeographyKind::CountyProxy
            } else {
                GeographyKind::WholeLocalAuthority
            },
            "{}",
            area.id
        );
        if district {
            // A county's count and share are not the district's: both are assumptions, and
            // every number read from the county's row says it is a county proxy.
            assert!(matches!(
                area.cohort_size.provenance,
                Provenance::Assumption(_)
            ));
            assert!(matches!(
                area.fsm_share.provenance,
                Provenance::Assumption(_)
            ));
            for stage in Stage::ALL {
                let rates = area.stages.get(stage);
                for rate in [&rates.fsm_rate, &rates.non_fsm_rate] {
                    let text = rate.provenance.text();
                    let from_county = text.contains(&format!("{} LA row", geography.name));
                    let own = text.contains("Seed deck") || text.contains("Hastings' own");
                    assert!(
                        own || !from_county || text.starts_with("County proxy"),
                        "{} {stage:?}: {text}",
                        area.id
                    );
                }
            }
        } else {
            assert!(matches!(area.cohort_size.provenance, Provenance::Source(_)));
        }
        assert!(area.group_size(Group::Fsm) >= MIN_FSM_PUPILS);
    }
    assert_eq!(areas[0].region.as_deref(), Some("South East"));
}

#[test]
fn hastings_keeps_the_seed_figures_and_a_consistent_all_pupil_rate() {
    let area = Area::hastings();
    let ks2 = &area.stages.ks2;
    assert_eq!(ks2.fsm_rate.value, 0.25);
    assert_eq!(area.stages.ks4.fsm_rate.value, 0.25);
    assert!(matches!(ks2.fsm_rate.provenance, Provenance::Source(_)));
    // The all-pupil KS2 rate sits between Hastings' 2016 subject figures' implication
    // (about 50% for reading, writing and maths together) and below reading alone (57%).
    let f = area.fsm_share.value;
    let all = f * ks2.fsm_rate.value + (1.0 - f) * ks2.non_fsm_rate.value;
    assert!((0.47..0.54).contains(&all), "{all}");
    // East Sussex's GLD figures, as a county proxy.
    assert_eq!(area.stages.early_years.fsm_rate.value, 0.588);
    assert_eq!(area.stages.early_years.non_fsm_rate.value, 0.789);
}

#[test]
fn observed_series_are_well_formed() {
    for area in Area::shipped() {
        assert!(!area.observed.is_empty(), "{}", area.id);
        let district = DISTRICTS.contains(&area.id.as_str());
        for (i, series) in area.observed.iter().enumerate() {
            series.validate(&format!("observed[{i}]")).unwrap();
            let years: Vec<i32> = series.points.iter().map(|p| p.year).collect();
            assert!(years.windows(2).all(|w| w[0] < w[1]), "{} {i}", area.id);
            assert!(series.points.iter().all(|p| (0.0..=1.0).contains(&p.value)));
            let disadvantaged = matches!(
                series.group,
                ObservedGroup::Disadvantaged | ObservedGroup::NonDisadvantaged
            );
            if disadvantaged {
                assert_eq!(series.role, SeriesRole::Context);
                assert!(series.has_break(BreakKind::DisadvantagedNotFsm, None));
            }
            if series.stage.is_neet_share() {
                assert_eq!(series.role, SeriesRole::Context);
            }
            if district && series.geography.contains("county") {
                assert!(series.has_break(BreakKind::CountyProxy, None));
            }
            if series.stage == ObservedStage::EarlyYears && years.iter().any(|&y| y >= 2022) {
                assert!(series.has_break(BreakKind::EyfsReform2021, Some(2022)));
            }
        }
        // Early years by FSM is published for every LA and for England: a chart can show it.
        for group in [Some(Group::Fsm), Some(Group::NonFsm)] {
            assert!(
                area.observed_for(Stage::EarlyYears)
                    .any(|s| s.model_match() == Some((Stage::EarlyYears, group))),
                "{}",
                area.id
            );
        }
    }
    let england = Area::shipped_by_id("england").unwrap();
    let ks2_fsm = england
        .observed_for(Stage::Ks2)
        .find(|s| s.group == ObservedGroup::Fsm)
        .unwrap();
    assert!(ks2_fsm.has_break(BreakKind::NoAssessment, Some(2020)));
    assert!(ks2_fsm
        .points
        .iter()
        .any(|p| p.year == 2017 && p.value == 0.43));
    assert!(england
        .observed
        .iter()
        .any(|s| s.stage == ObservedStage::Neet16To18));
    let stoke = Area::shipped_by_id("stoke_on_trent").unwrap();
    assert!(stoke
        .observed
        .iter()
        .any(|s| s.stage == ObservedStage::Neet16To17
            && s.has_break(BreakKind::DataQuality, Some(2024))));
}

#[test]
fn shipped_by_id_finds_each_area_and_nothing_else() {
    for id in shipped_area_ids() {
        assert_eq!(Area::shipped_by_id(&id).unwrap().id, id);
    }
    assert!(Area::shipped_by_id("atlantis").is_none());
    assert!(Area::shipped_by_id("Hastings").is_none());
    let as_of_2017 = Area::shipped_by_id("hastings")
        .unwrap()
        .as_of_year(2017)
        .unwrap();
    assert_eq!(as_of_2017, Area::hastings());
}

#[test]
fn the_model_runs_on_every_shipped_area() {
    let catalogue = LeverCatalogue::standard();
    for area in Area::shipped() {
        let model = Model::new(area.clone(), catalogue.clone());
        let baseline = model.baseline();
        let first = baseline.year(area.base_year).unwrap();
        for stage in Stage::ALL {
            assert_eq!(
                first.stage(stage).fsm.rate,
                area.base_rate(stage, Group::Fsm)
            );
        }
        let every: LeverSettings = catalogue
            .levers
            .iter()
            .map(|l| {
                (
                    l.id.clone(),
                    LeverSetting {
                        reach_share: 1.0,
                        start_year: area.base_year + 1,
                        ramp_years: 0,
                        end_year: None,
                    },
                )
            })
            .collect();
        let plan = Plan::resolve(&every, model.catalogue(), model.area()).unwrap();
        let projection = model.project(&plan);
        for year in area.years() {
            for stage in Stage::ALL {
                let fsm = projection.year(year).unwrap().stage(stage).fsm.rate;
                assert!((0.0..=1.0).contains(&fsm));
                assert!(
                    fsm < area.base_rate(stage, Group::NonFsm),
                    "{} {stage:?} {year}: every lever lifts the FSM rate to {fsm}, past the non-FSM baseline",
                    area.id
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Refusals, each naming the field

fn hastings_json() -> Value {
    serde_json::from_str(&read(&root().join(AREAS_DIR).join("hastings.json"))).unwrap()
}

fn error_after(edit: impl FnOnce(&mut Value)) -> String {
    let mut value = hastings_json();
    edit(&mut value);
    match Area::from_json(&value.to_string()) {
        Ok(_) => panic!("expected the edited area file to be refused"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn too_few_fsm_pupils_in_a_cohort_are_refused() {
    let message = error_after(|v| {
        v["cohort_size"]["value"] = json!(60);
        v["fsm_share"]["value"] = json!(0.3);
    });
    assert!(message.starts_with("fsm_share:"), "{message}");
    assert!(message.contains("cohort_size") && message.contains("18.0 FSM pupils"));
    // Exactly 20 is enough.
    let mut value = hastings_json();
    value["cohort_size"]["value"] = json!(100);
    value["fsm_share"]["value"] = json!(0.2);
    Area::from_json(&value.to_string()).unwrap();
}

#[test]
fn an_fsm_share_of_zero_or_one_is_refused() {
    for share in [0.0, 1.0] {
        let message = error_after(|v| v["fsm_share"]["value"] = json!(share));
        assert!(message.starts_with("fsm_share:"), "{message}");
        assert!(message.contains("above 0 and below 1"), "{message}");
    }
}

/// Where in a file to make a change: the field's path, and how to reach it.
type Place = (&'static str, fn(&mut Value) -> &mut Value);
/// A bad edit: the field the message must name, the edit, and words the message must hold.
type BadEdit = (&'static str, fn(&mut Value), &'static str);

#[test]
fn unknown_fields_are_refused_at_every_level() {
    let places: [Place; 11] = [
        ("extra", |v| v),
        ("geography", |v| &mut v["geography"]),
        ("stages", |v| &mut v["stages"]),
        ("stages.ks2", |v| &mut v["stages"]["ks2"]),
        ("stages.ks2.fsm_rate", |v| {
            &mut v["stages"]["ks2"]["fsm_rate"]
        }),
        ("links", |v| &mut v["links"]),
        ("links.ks2_to_ks4", |v| &mut v["links"]["ks2_to_ks4"]),
        ("links.ks2_to_ks4.effect_persistence", |v| {
            &mut v["links"]["ks2_to_ks4"]["effect_persistence"]
        }),
        ("observed[0]", |v| &mut v["observed"][0]),
        ("observed[0].breaks[0]", |v| {
            &mut v["observed"][0]["breaks"][0]
        }),
        ("observed[0].points[0]", |v| {
            &mut v["observed"][0]["points"][0]
        }),
    ];
    for (path, place) in places {
        let message = error_after(|v| {
            place(v)
                .as_object_mut()
                .unwrap()
                .insert("surprise".to_owned(), json!(1));
        });
        assert!(
            message.contains("unknown field `surprise`"),
            "{path}: {message}"
        );
        if path != "extra" {
            assert!(message.contains(path), "{path}: {message}");
        }
    }
}

#[test]
fn a_number_with_both_a_source_and_an_assumption_is_refused() {
    let message = error_after(|v| {
        v["stages"]["ks2"]["fsm_rate"]["assumption"] = json!("a second opinion");
    });
    assert!(message.contains("stages.ks2.fsm_rate"), "{message}");
    assert!(
        message.contains("both a source and an assumption"),
        "{message}"
    );
    let message = error_after(|v| {
        v["cohort_size"]["source"] = json!("a census");
    });
    assert!(message.contains("cohort_size"), "{message}");
    let message = error_after(|v| {
        v["links"]["ks4_to_level3_by_19"]["latent_correlation"]
            .as_object_mut()
            .unwrap()
            .remove("assumption");
    });
    assert!(
        message.contains("links.ks4_to_level3_by_19.latent_correlation")
            && message.contains("needs a source or an assumption"),
        "{message}"
    );
}

#[test]
fn bad_observed_series_are_refused_naming_the_field() {
    let cases: [BadEdit; 10] = [
        (
            "observed[0].points[1].year",
            |v| v["observed"][0]["points"][1]["year"] = json!(2016),
            "appears twice",
        ),
        (
            "observed[0].points[1].year",
            |v| v["observed"][0]["points"][1]["year"] = json!(2010),
            "increasing year order",
        ),
        (
            "observed[0].points[0].year",
            |v| v["observed"][0]["points"][0]["year"] = json!(1999),
            "2000 to 2100",
        ),
        (
            "observed[0].points[2].value",
            |v| v["observed"][0]["points"][2]["value"] = json!(61.3),
            "not a share",
        ),
        (
            "observed[0].source",
            |v| v["observed"][0]["source"] = json!(" "),
            "must not be empty",
        ),
        (
            "observed[0].definition",
            |v| v["observed"][0]["definition"] = json!(""),
            "must not be empty",
        ),
        (
            "observed[0].stage",
            |v| v["observed"][0]["stage"] = json!("ks3"),
            "unknown variant `ks3`",
        ),
        (
            "observed[0].group",
            |v| v["observed"][0]["group"] = json!("pupil_premium"),
            "unknown variant",
        ),
        (
            "observed[0].breaks[0].kind",
            |v| v["observed"][0]["breaks"][0]["kind"] = json!("pandemic"),
            "unknown variant",
        ),
        (
            "observed[7].role",
            |v| v["observed"][7]["role"] = json!("model_outcome"),
            "context",
        ),
    ];
    for (field, edit, words) in cases {
        let message = error_after(edit);
        assert!(
            message.contains(field) && message.contains(words),
            "{field}: {message}"
        );
    }
    let message = error_after(|v| v["observed"][0]["points"] = json!([]));
    assert!(message.contains("observed[0].points"), "{message}");
}

#[test]
fn other_area_checks_name_the_field() {
    let message = error_after(|v| {
        v["links"]["level3_by_19_to_post19"]["effect_persistence"]["value"] = json!(0.6)
    });
    assert!(
        message.contains("links.level3_by_19_to_post19.effect_persistence")
            && message.contains("latent_correlation"),
        "{message}"
    );
    let message = error_after(|v| v["wave"] = json!(2015));
    assert!(message.starts_with("wave:"), "{message}");
    let message = error_after(|v| v["geography"]["kind"] = json!("ward"));
    assert!(message.contains("geography.kind"), "{message}");
    // A file without the new metadata and observed results (an older or a user's file)
    // is still read.
    let mut value = hastings_json();
    let map = value.as_object_mut().unwrap();
    for key in ["wave", "region", "geography", "observed"] {
        map.remove(key);
    }
    let plain = Area::from_json(&value.to_string()).unwrap();
    assert!(plain.observed.is_empty() && plain.geography.is_none());
}

#[test]
fn a_scenario_keeps_its_area() {
    let text = r#"{"version":2,"name":"Blackpool plan","area":"blackpool","levers":{}}"#;
    let scenario = Scenario::from_json(text).unwrap();
    assert_eq!(scenario.area.as_deref(), Some("blackpool"));
    let again = Scenario::from_json(&scenario.to_json()).unwrap();
    assert_eq!(again, scenario);
    // No area: the field is left out, so older readers see the same file.
    let baseline = Scenario::baseline();
    assert!(!baseline.to_json().contains("area"));
    assert_eq!(Scenario::from_json(r#"{"version":2}"#).unwrap().area, None);
    for bad in ["Blackpool", "", "../x", "a b"] {
        let text = format!(r#"{{"version":2,"area":{}}}"#, json!(bad));
        let message = Scenario::from_json(&text).unwrap_err().to_string();
        assert!(message.starts_with("area:"), "{bad}: {message}");
    }
    // Checking a scenario against a model keeps the area it names.
    let model = Model::new(
        Area::shipped_by_id("blackpool").unwrap(),
        LeverCatalogue::standard(),
    );
    let (clean, problems) = scenario.sanitized(&model);
    assert!(problems.is_empty());
    assert_eq!(clean.area.as_deref(), Some("blackpool"));
}

/// LAIT's published value of `measure` for the LA named `area` in `year`, read straight
/// from the committed extract (not through the generator).
fn lait_value(extract: &str, measure: &str, area: &str, year: i32) -> Option<f64> {
    extract.lines().find_map(|line| {
        let fields: Vec<&str> = line.split(',').collect();
        (fields.len() == 9
            && fields[0] == measure
            && fields[2] == area
            && fields[4] == year.to_string())
        .then(|| fields[5].parse::<f64>().ok())
        .flatten()
    })
}

#[test]
fn a_sample_of_base_year_rates_equals_the_published_values() {
    let extract = read(&root().join(LAIT_DIR).join("extract.csv"));
    // Blackpool's KS2 FSM rate, which the OA extract could only derive: LAIT's 48% as of
    // 2017, 57% as of 2019 and 47% as of 2025 (the figures the issue quotes).
    let blackpool = Area::shipped_by_id("blackpool").unwrap();
    for (year, expected) in [(2017, 0.48), (2019, 0.57), (2025, 0.47)] {
        let area = blackpool.as_of_year(year).unwrap();
        assert_eq!(
            area.stages.ks2.fsm_rate.value, expected,
            "Blackpool as of {year}"
        );
    }
    // Every tenth local authority, as of 2019 and 2025: the rates LAIT publishes by FSM
    // at early years, KS2 and Level 3 (as of 2025, Level 3's latest year is 2024).
    let index = AreaIndex::shipped();
    let las: Vec<_> = index
        .areas
        .iter()
        .filter(|e| e.wave.is_none() && e.region.is_some())
        .collect();
    let mut checked = 0;
    for entry in las.iter().step_by(10) {
        let area = Area::shipped_by_id(&entry.id).unwrap();
        for year in [2019, 2025] {
            let Ok(at) = area.as_of_year(year) else {
                continue;
            };
            for (measure, rate, published_year) in [
                (
                    "FSP_Gooddev_FSM",
                    at.stages.early_years.fsm_rate.value,
                    year,
                ),
                ("NonFSM_NEW_KS2_RWM", at.stages.ks2.non_fsm_rate.value, year),
                ("FSM_NEW_KS2_RWM", at.stages.ks2.fsm_rate.value, year),
                (
                    "Level3_FMS_Attain",
                    at.stages.level3_by_19.fsm_rate.value,
                    year.min(2024),
                ),
            ] {
                if let Some(published) = lait_value(&extract, measure, &entry.name, published_year)
                {
                    assert!(
                        (rate - published / 100.0).abs() < 1e-9,
                        "{} as of {year}: {measure} is {rate}, LAIT publishes {published}",
                        entry.name
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 100, "only {checked} rates compared");
}

#[test]
fn every_as_of_year_from_2016_to_2025_opens_for_whole_la_areas() {
    for id in ["blackpool", "kent", "leeds", "england"] {
        let area = Area::shipped_by_id(id).unwrap();
        assert_eq!(
            area.as_of_years(),
            (2016..=2025).collect::<Vec<_>>(),
            "{id}"
        );
        for year in 2016..=2025 {
            let at = area.as_of_year(year).unwrap();
            assert_eq!(at.base_year, year);
            at.validate().unwrap();
            assert!(at.horizon_end_year >= year + 15);
        }
        let e = area.as_of_year(2015).unwrap_err();
        assert!(
            e.ends_with("has figures as of 2016 to 2025, not 2015"),
            "{e}"
        );
    }
    // Hastings as of 2017 keeps the seed deck's 25% at KS2 and KS4; other years use East
    // Sussex's published rates as a county proxy, and say so.
    let hastings = Area::hastings();
    let at_2017 = hastings.as_of_year(2017).unwrap();
    assert_eq!(at_2017.stages.ks2.fsm_rate.value, 0.25);
    assert_eq!(at_2017.stages.ks4.fsm_rate.value, 0.25);
    let at_2025 = hastings.as_of_year(2025).unwrap();
    assert!(at_2025
        .stages
        .ks2
        .fsm_rate
        .provenance
        .text()
        .starts_with("County proxy: East Sussex's figures"));
}

#[test]
fn statistical_neighbours_are_other_shipped_areas() {
    let index = AreaIndex::shipped();
    let blackpool = Area::shipped_by_id("blackpool").unwrap();
    let neighbours = blackpool.neighbours.as_ref().unwrap();
    assert_eq!(neighbours.ids.len(), 10);
    assert!(neighbours.source.contains("May 2025"));
    for area in Area::every_shipped() {
        for id in area.neighbours.iter().flat_map(|n| &n.ids) {
            // A neighbour left out (City of London, Isles of Scilly) is not listed.
            assert!(
                index.get(id).is_some(),
                "{}: neighbour {id} is not shipped",
                area.id
            );
        }
    }
}

#[test]
fn the_attainment8_rule_recovers_englands_published_grade5_rates_by_fsm() {
    use pathways::build::lait::{attainment8_points_per_probit, grade4_from_attainment8};
    // The slope from England 2018/19 (A8 34.9 / 48.6, grade 5+ 22.6% / 46.8%).
    let slope = attainment8_points_per_probit(34.9, 48.6, 0.226, 0.468);
    // England's other years, which the slope was not fitted to: Attainment 8 by FSM and
    // the secondary FSM share (LAIT), the all-pupil grade 5+ rate, and the published FSM
    // and non-FSM grade 5+ rates (figures.csv, SMC IN13 2.0).
    let years = [
        (2020, 38.6, 52.3, 0.159, 0.499, 0.278, 0.540),
        (2021, 39.1, 53.6, 0.189, 0.519, 0.299, 0.570),
        (2022, 36.9, 51.9, 0.209, 0.498, 0.285, 0.556),
        (2023, 34.8, 49.6, 0.227, 0.453, 0.248, 0.512),
    ];
    for (year, a8_fsm, a8_non, share, all, fsm, non_fsm) in years {
        let (f, n) = grade4_from_attainment8(a8_fsm, a8_non, share, all, slope).unwrap();
        assert!((f - fsm).abs() < 0.01, "{year}: FSM {f} against {fsm}");
        assert!(
            (n - non_fsm).abs() < 0.01,
            "{year}: non-FSM {n} against {non_fsm}"
        );
    }
}

#[test]
fn the_neighbours_comparison_is_their_published_mean_and_range() {
    // Blackpool (LA 890): its ten neighbours from the committed list, their KS2 FSM rates
    // for 2019 read straight from the extract, by LA number.
    let lait = root().join(LAIT_DIR);
    let neighbours = read(&lait.join("neighbours_may_2025.csv"));
    let row: Vec<&str> = neighbours
        .lines()
        .find(|l| l.starts_with("890,"))
        .unwrap()
        .split(',')
        .collect();
    let extract = read(&lait.join("extract.csv"));
    let values: Vec<f64> = row[2..12]
        .iter()
        .filter_map(|n| {
            extract.lines().find_map(|line| {
                let f: Vec<&str> = line.split(',').collect();
                (f[0] == "FSM_NEW_KS2_RWM" && f[1] == *n && f[4] == "2019")
                    .then(|| f[5].parse::<f64>().ok())
                    .flatten()
            })
        })
        .collect();
    assert!(values.len() >= 5);
    let mean = values.iter().sum::<f64>() / values.len() as f64 / 100.0;
    let low = values.iter().copied().fold(f64::INFINITY, f64::min) / 100.0;
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max) / 100.0;
    let blackpool = Area::shipped_by_id("blackpool").unwrap();
    let series = blackpool
        .observed
        .iter()
        .find(|s| {
            s.comparison == Some(pathways::model::observed::Comparison::Neighbours)
                && s.stage == ObservedStage::Ks2
        })
        .unwrap();
    let point = series.points.iter().find(|p| p.year == 2019).unwrap();
    assert!(
        (point.value - mean).abs() < 1e-4,
        "{} against {mean}",
        point.value
    );
    let [l, h] = point.range.unwrap();
    assert!((l - low).abs() < 1e-9 && (h - high).abs() < 1e-9);
    assert_eq!(series.role, SeriesRole::Context);
    // And England's, as LAIT publishes it: 48% FSM at KS2 in 2019.
    let england = blackpool
        .observed
        .iter()
        .find(|s| {
            s.comparison == Some(pathways::model::observed::Comparison::England)
                && s.stage == ObservedStage::Ks2
        })
        .unwrap();
    assert_eq!(
        england
            .points
            .iter()
            .find(|p| p.year == 2019)
            .unwrap()
            .value,
        0.48
    );
}
