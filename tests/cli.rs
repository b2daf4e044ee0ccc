//! The command-line runner, run as a user would. The figures below are worked for the
//! areas as of 2017, where the seed deck's 25% is Hastings' base (the shipped files open
//! as of their latest year): `cli` asks for 2017 unless a test names its own year, and
//! `cli_as_shipped` runs the command exactly as given.

use std::process::Command;

fn cli(args: &[&str]) -> (bool, String, String) {
    // Not for `areas` (it takes no options), nor where the test sets the year itself.
    if args.first() == Some(&"areas") || args.contains(&"--as-of") {
        return cli_as_shipped(args);
    }
    let mut with_year = args.to_vec();
    with_year.extend(["--as-of", "2017"]);
    cli_as_shipped(&with_year)
}

fn cli_as_shipped(args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_pathways-cli"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the CLI runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn column(csv: &str, name: &str) -> Vec<f64> {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let index = header
        .iter()
        .position(|c| *c == name)
        .unwrap_or_else(|| panic!("no column {name}"));
    lines
        .map(|l| l.split(',').nth(index).unwrap().parse().unwrap())
        .collect()
}

#[test]
fn baseline_csv_has_a_row_per_year_with_the_seed_figures() {
    let (ok, out, _) = cli(&[]);
    assert!(ok);
    assert_eq!(
        column(&out, "year"),
        (2017..=2035).map(f64::from).collect::<Vec<_>>()
    );
    assert!(column(&out, "ks2_fsm_rate").iter().all(|&r| r == 0.25));
    let ks4 = &pathways::model::Area::hastings().stages.ks4;
    let gap_points = (ks4.non_fsm_rate.value - ks4.fsm_rate.value) * 100.0;
    assert!(column(&out, "ks4_gap_points")
        .iter()
        .all(|&g| (g - gap_points).abs() < 1e-9));
    assert!(column(&out, "cost_gbp").iter().all(|&c| c == 0.0));
}

#[test]
fn json_gives_the_same_figures_as_csv() {
    let scenario = "docs/examples/early-years-first.json";
    let (_, csv, _) = cli(&[scenario]);
    let (ok, json, _) = cli(&[scenario, "--format", "json"]);
    assert!(ok);
    let document: serde_json::Value = serde_json::from_str(&json).unwrap();
    let from_json: Vec<f64> = document["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["ks2_fsm_rate"].as_f64().unwrap())
        .collect();
    for (a, b) in column(&csv, "ks2_fsm_rate").iter().zip(&from_json) {
        assert!((a - b).abs() < 1e-6);
    }
    assert_eq!(document["scenario"], "Early years first");
}

#[test]
fn draws_add_reproducible_percentiles() {
    let args = [
        "docs/examples/early-years-first.json",
        "--draws",
        "300",
        "--seed",
        "11",
    ];
    let (ok, first, _) = cli(&args);
    let (_, second, _) = cli(&args);
    assert!(ok);
    assert_eq!(first, second);
    let p10 = column(&first, "ks2_fsm_rate_p10");
    let p90 = column(&first, "ks2_fsm_rate_p90");
    assert!(p10.iter().zip(&p90).all(|(lo, hi)| lo < hi));
    // The change band: zero before an early-years programme can reach KS2 (2024), then
    // around the deterministic change, paired with the baseline draw by draw.
    let years = column(&first, "year");
    let (low, mid, high) = (
        column(&first, "ks2_fsm_rate_change_p10"),
        column(&first, "ks2_fsm_rate_change_p50"),
        column(&first, "ks2_fsm_rate_change_p90"),
    );
    let line = column(&first, "ks2_fsm_rate");
    for (i, year) in years.iter().enumerate() {
        if *year < 2024.0 {
            assert_eq!((low[i], mid[i], high[i]), (0.0, 0.0, 0.0), "{year}");
        } else {
            assert!(
                low[i] < line[i] - 0.25 && line[i] - 0.25 < high[i],
                "{year}"
            );
        }
    }
    assert!(column(&first, "neet_fsm_rate_change_p50")
        .iter()
        .all(|c| *c <= 0.0));
}

#[test]
fn sensitivity_lists_each_headline_widest_first() {
    let (ok, out, err) = cli(&[
        "docs/examples/early-years-first.json",
        "--sensitivity",
        "--year",
        "2030",
    ]);
    assert!(ok, "{err}");
    let mut lines = out.lines();
    assert_eq!(
        lines.next().unwrap(),
        "outcome,year,assumption,drawn,low_setting,high_setting,change_at_low,change_at_high,central_change"
    );
    let rows: Vec<Vec<String>> = lines
        .map(|l| {
            // Quoted fields hold no commas here except inside quotes: split on quotes first.
            let mut fields = Vec::new();
            let mut current = String::new();
            let mut quoted = false;
            for c in l.chars() {
                match c {
                    '"' => quoted = !quoted,
                    ',' if !quoted => fields.push(std::mem::take(&mut current)),
                    other => current.push(other),
                }
            }
            fields.push(current);
            fields
        })
        .collect();
    let ey: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == "fsm_early_years").collect();
    assert!(!ey.is_empty());
    let swing =
        |r: &Vec<String>| (r[7].parse::<f64>().unwrap() - r[6].parse::<f64>().unwrap()).abs();
    assert!(ey.windows(2).all(|w| swing(w[0]) >= swing(w[1])));
    assert!(rows.iter().all(|r| r[1] == "2030" && r.len() == 9));
    let (ok, _, err) = cli(&[
        "docs/examples/early-years-first.json",
        "--sensitivity",
        "--year",
        "1990",
    ]);
    assert!(!ok && err.contains("outside the projection"), "{err}");
}

#[test]
fn bad_input_is_reported_not_panicked() {
    let dir = std::env::temp_dir().join("pathways-cli-test");
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"version":1,"levers":{"ey_language":{"reach_share":2,"start_year":2018,"ramp_years":1}}}"#).unwrap();
    let (ok, _, err) = cli(&[bad.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("levers.ey_language.reach_share"), "{err}");
    let (ok, _, err) = cli(&["--draws", "lots"]);
    assert!(!ok && err.contains("--draws"));
    let (ok, _, err) = cli(&["missing-file.json"]);
    assert!(!ok && err.contains("cannot read"));
}

#[test]
fn misspelt_fields_and_repeated_levers_are_refused_by_name() {
    let dir = std::env::temp_dir().join("pathways-cli-strict");
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let misspelt = write(
        "levrs.json",
        r#"{"version":2,"levrs":{"ey_language":{"reach_share":0.5,"start_year":2018,"ramp_years":1}}}"#,
    );
    let (ok, out, err) = cli(&[&misspelt]);
    assert!(
        !ok && out.is_empty(),
        "a misspelt field must not run the baseline"
    );
    assert!(
        err.contains("`levrs`") && err.contains("did you mean `levers`?"),
        "{err}"
    );
    let inner = write(
        "reach.json",
        r#"{"version":2,"levers":{"ey_language":{"reach":0.5,"start_year":2018,"ramp_years":1}}}"#,
    );
    let (ok, _, err) = cli(&[&inner]);
    assert!(
        !ok && err.contains("levers.ey_language") && err.contains("`reach`"),
        "{err}"
    );
    let twice = write(
        "twice.json",
        r#"{"version":2,"levers":{"ey_language":{"reach_share":0.5,"start_year":2018,"ramp_years":1},"ey_language":{"reach_share":0.9,"start_year":2018,"ramp_years":1}}}"#,
    );
    let (ok, _, err) = cli(&[&twice]);
    assert!(!ok && err.contains("`ey_language` is named twice"), "{err}");
    // A file far over the limit is refused by size after reading one byte past it.
    let huge = write("huge.json", &" ".repeat(5_000_000));
    let (ok, _, err) = cli(&[&huge]);
    assert!(!ok && err.contains("65537 bytes"), "{err}");
}

#[test]
fn area_takes_a_shipped_id_or_a_file_path() {
    let blackpool = pathways::model::Area::shipped_by_id("blackpool")
        .unwrap()
        .as_of_year(2017)
        .unwrap();
    let (ok, by_id, err) = cli(&["--area", "blackpool"]);
    assert!(ok, "{err}");
    let gld = blackpool.stages.early_years.fsm_rate.value;
    assert!(column(&by_id, "early_years_fsm_rate")
        .iter()
        .all(|&r| (r - gld).abs() < 1e-6));
    // A path (containing '/' or ending in .json) reads the file: the same area, the same rows.
    let (ok, by_path, err) = cli(&["--area", "static/data/areas/blackpool.json"]);
    assert!(ok, "{err}");
    assert_eq!(by_id, by_path);
    let (ok, json, _) = cli(&["--area", "england", "--format", "json"]);
    assert!(ok);
    let document: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(document["area"], "england");
    // An unknown id lists the known ones; a missing file says it cannot be read.
    let (ok, out, err) = cli(&["--area", "atlantis"]);
    assert!(!ok && out.is_empty());
    assert!(
        err.contains("unknown area \"atlantis\"")
            && err.contains("hastings, blackpool")
            && err.contains("england"),
        "{err}"
    );
    let (ok, _, err) = cli(&["--area", "no-such-area.json"]);
    assert!(
        !ok && err.contains("cannot read no-such-area.json"),
        "{err}"
    );
}

#[test]
fn a_scenario_file_restores_its_area_unless_area_is_given() {
    let dir = std::env::temp_dir().join(format!("pathways-cli-area-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("derby-plan.json");
    std::fs::write(
        &path,
        r#"{"version":2,"name":"Derby plan","area":"derby","levers":{}}"#,
    )
    .unwrap();
    let path = path.to_str().unwrap();
    let derby = pathways::model::Area::shipped_by_id("derby")
        .unwrap()
        .as_of_year(2017)
        .unwrap();
    let (ok, out, err) = cli(&[path]);
    assert!(ok, "{err}");
    let gld = derby.stages.early_years.fsm_rate.value;
    assert!(column(&out, "early_years_fsm_rate")
        .iter()
        .all(|&r| (r - gld).abs() < 1e-6));
    let (ok, out, _) = cli(&[path, "--area", "hastings"]);
    assert!(ok);
    assert!(column(&out, "ks2_fsm_rate").iter().all(|&r| r == 0.25));
    let unknown = dir.join("unknown-area.json");
    std::fs::write(&unknown, r#"{"version":2,"area":"atlantis"}"#).unwrap();
    let (ok, _, err) = cli(&[unknown.to_str().unwrap()]);
    assert!(
        !ok && err.contains("the scenario's area: unknown area"),
        "{err}"
    );
}

#[test]
fn area_ids_are_case_blind_and_sensitivity_refuses_options_it_ignores() {
    let (ok, upper, err) = cli(&["--area", "Blackpool"]);
    assert!(ok, "{err}");
    let (_, lower, _) = cli(&["--area", "blackpool"]);
    assert_eq!(upper, lower);
    let example = "docs/examples/early-years-first.json";
    let (ok, _, err) = cli(&[example, "--sensitivity", "--format", "json"]);
    assert!(!ok && err.contains("--sensitivity"), "{err}");
    let (ok, _, err) = cli(&[example, "--sensitivity", "--draws", "10"]);
    assert!(!ok && err.contains("--draws"), "{err}");
}

#[test]
fn a_version_one_file_runs_with_a_note_on_stderr() {
    let dir = std::env::temp_dir().join("pathways-cli-v1");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("old.json");
    std::fs::write(&path, r#"{"version":1,"levers":{"ey_language":{"reach_share":0.5,"start_year":2018,"ramp_years":1}}}"#).unwrap();
    let (ok, out, err) = cli(&[path.to_str().unwrap()]);
    assert!(ok && !out.is_empty());
    assert!(err.contains("version 1"), "{err}");
}

/// The target CSV's rows, split into cells, without the header.
fn target_rows(csv: &str) -> Vec<Vec<String>> {
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("outcome,target,year,direction,scenario_chance,baseline_chance,central_value")
    );
    lines
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect()
}

#[test]
fn targets_print_the_chance_of_reaching_each() {
    let dir = std::env::temp_dir().join(format!("pathways-cli-targets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("with-targets.json");
    std::fs::write(
        &path,
        r#"{"version":2,"name":"KS2 push","levers":{"primary_metacognition":{"reach_share":1,"start_year":2018,"ramp_years":0}},
            "targets":[{"outcome":"fsm_ks2","value_percent":27,"year":2030}],
            "actuals":[{"outcome":"fsm_ks2","year":2022,"value_percent":31}]}"#,
    )
    .unwrap();
    let scenario = path.to_str().unwrap();
    let args = [
        scenario,
        "--target",
        "gap_ks4=100@2030",
        "--target",
        "fsm_neet=0@2030",
        "--target",
        "fsm_ks4=40@2050",
        "--draws",
        "200",
        "--seed",
        "3",
    ];
    let (ok, out, err) = cli(&args);
    assert!(ok, "{err}");
    let rows = target_rows(&out);
    assert_eq!(rows.len(), 4, "the file's target first, then the options'");
    assert_eq!(rows[0][..4], ["fsm_ks2", "27", "2030", "at_least"]);
    let scenario_chance: f64 = rows[0][4].parse().unwrap();
    let baseline_chance: f64 = rows[0][5].parse().unwrap();
    assert!((0.0..=1.0).contains(&scenario_chance) && scenario_chance > baseline_chance);
    let central: f64 = rows[0][6].parse().unwrap();
    assert!(central > 25.0, "the plan lifts the central KS2 rate");
    // A gap of at most 100 points is certain; NEET of at most 0% impossible.
    assert_eq!(rows[1][3..6], ["at_most", "1.0000", "1.0000"]);
    assert_eq!(rows[2][3..6], ["at_most", "0.0000", "0.0000"]);
    // After the horizon: no chance to report, and a note says why.
    assert_eq!(rows[3][4..], ["", "", ""]);
    assert!(err.contains("fsm_ks4=40@2050 is outside the projection"));
    assert_eq!(cli(&args).1, out, "reproducible with the same seed");

    // --targets reports the file's own; the default is 1000 draws.
    let (ok, own, _) = cli(&[scenario, "--targets"]);
    assert!(ok);
    assert_eq!(target_rows(&own).len(), 1);
}

#[test]
fn bad_targets_are_refused_with_the_problem_named() {
    let (ok, _, err) = cli(&["--target", "fms_ks4=35@2030"]);
    assert!(!ok);
    assert!(
        err.contains("\"fms_ks4\" is not an outcome (did you mean fsm_ks4?)"),
        "{err}"
    );
    let (_, _, err) = cli(&["--target", "fsm_ks4=135@2030"]);
    assert!(err.contains("the value 135 is outside 0 to 100"), "{err}");
    let (_, _, err) = cli(&["--target", "fsm_ks4=35@next"]);
    assert!(err.contains("the year \"next\" is not a year"), "{err}");
    let (_, _, err) = cli(&["--target", "fsm_ks4"]);
    assert!(err.contains("write outcome=value@year"), "{err}");
    let (ok, _, err) = cli(&["--targets"]);
    assert!(!ok);
    assert!(err.contains("the scenario has no targets"), "{err}");
    let (ok, _, err) = cli(&["--target", "fsm_ks4=35@2030", "--format", "json"]);
    assert!(!ok);
    assert!(err.contains("do not take --format json"), "{err}");

    let dir = std::env::temp_dir().join(format!("pathways-cli-bad-targets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let twice = dir.join("twice.json");
    std::fs::write(
        &twice,
        r#"{"version":2,"targets":[{"outcome":"fsm_ks4","value_percent":30,"year":2030},{"outcome":"fsm_ks4","value_percent":35,"year":2031}]}"#,
    )
    .unwrap();
    let (ok, _, err) = cli(&[twice.to_str().unwrap(), "--targets"]);
    assert!(!ok);
    assert!(
        err.contains("targets[1].outcome: fsm_ks4 has a target already"),
        "{err}"
    );
    let unknown = dir.join("unknown.json");
    std::fs::write(
        &unknown,
        r#"{"version":2,"actuals":[{"outcome":"fsm_ks9","year":2022,"value_percent":30}]}"#,
    )
    .unwrap();
    let (ok, _, err) = cli(&[unknown.to_str().unwrap()]);
    assert!(!ok);
    assert!(
        err.contains("actuals[0].outcome") && err.contains("is not an outcome"),
        "{err}"
    );
}

#[test]
fn optimise_prints_a_scenario_that_the_cli_reads_back() {
    let (ok, out, err) = cli(&[
        "optimise",
        "--budget",
        "500000",
        "--outcome",
        "fsm_ks4",
        "--year",
        "2030",
    ]);
    assert!(ok, "{err}");
    let scenario = pathways::scenario::Scenario::from_json(&out).unwrap();
    assert_eq!(
        scenario.name,
        "Best plan for £500,000 a year: FSM KS4 in 2030"
    );
    assert_eq!(scenario.area.as_deref(), Some("hastings"));
    assert!(scenario.description.contains("optimiser"));
    assert!(!scenario.levers.is_empty());

    let path = std::env::temp_dir().join(format!("pathways-best-{}.json", std::process::id()));
    std::fs::write(&path, &out).unwrap();
    let (ok, csv, err) = cli(&[path.to_str().unwrap()]);
    std::fs::remove_file(&path).ok();
    assert!(ok, "{err}");
    // Within the budget every year, and the KS4 FSM rate in 2030 is raised.
    assert!(column(&csv, "cost_gbp").iter().all(|&c| c <= 500_000.0));
    let years = column(&csv, "year");
    let ks4 = column(&csv, "ks4_fsm_rate");
    let in_2030 = years.iter().position(|&y| y == 2030.0).unwrap();
    assert!(ks4[in_2030] > ks4[0] + 0.03);
}

#[test]
fn optimise_for_another_area_names_it() {
    let (ok, out, err) = cli(&[
        "optimise",
        "--budget",
        "250000",
        "--outcome",
        "gap_ks4",
        "--year",
        "2032",
        "--area",
        "blackpool",
    ]);
    assert!(ok, "{err}");
    let scenario = pathways::scenario::Scenario::from_json(&out).unwrap();
    assert_eq!(scenario.area.as_deref(), Some("blackpool"));
    assert!(scenario.name.contains("FSM gap at KS4 in 2032"));
}

#[test]
fn optimise_frontier_is_csv_rising_in_cost_and_value() {
    let (ok, out, err) = cli(&[
        "optimise",
        "--frontier",
        "--outcome",
        "fsm_ks2",
        "--year",
        "2028",
        "--target",
        "27",
        "--draws",
        "50",
    ]);
    assert!(ok, "{err}");
    assert!(out.starts_with("peak_cost_gbp,value,change,levers,chance_of_target\n"));
    let cost = column(&out, "peak_cost_gbp");
    let value = column(&out, "value");
    let chance = column(&out, "chance_of_target");
    assert_eq!(cost[0], 0.0);
    assert!(cost.windows(2).all(|w| w[0] < w[1]));
    assert!(value.windows(2).all(|w| w[0] < w[1]));
    assert!(chance.iter().all(|c| (0.0..=1.0).contains(c)));
    let (_, capped, _) = cli(&[
        "optimise",
        "--frontier",
        "--outcome",
        "fsm_ks2",
        "--year",
        "2028",
        "--budget",
        "100000",
    ]);
    assert!(column(&capped, "peak_cost_gbp")
        .iter()
        .all(|&c| c <= 100_000.0));
}

#[test]
fn optimise_refuses_bad_requests_by_name() {
    let refused = |args: &[&str]| {
        let (ok, _, err) = cli(args);
        assert!(!ok, "{args:?} was accepted");
        err
    };
    let missing = refused(&["optimise", "--outcome", "fsm_ks4"]);
    assert!(missing.contains("needs --budget"), "{missing}");
    let negative = refused(&["optimise", "--outcome", "fsm_ks4", "--budget", "-1"]);
    assert!(negative.contains("0 or more pounds"), "{negative}");
    let misspelt = refused(&["optimise", "--outcome", "fsm_neat", "--budget", "1000"]);
    assert!(misspelt.contains("did you mean `fsm_neet`"), "{misspelt}");
    let late = refused(&[
        "optimise",
        "--outcome",
        "fsm_ks4",
        "--budget",
        "1000",
        "--year",
        "2040",
    ]);
    assert!(
        late.contains("2040 is outside the projection, 2017 to 2035"),
        "{late}"
    );
    let no_outcome = refused(&["optimise", "--budget", "1000"]);
    assert!(no_outcome.contains("needs --outcome"), "{no_outcome}");
}

/// Rows of `outcome,lever,points` CSV as (outcome, lever, points).
fn contribution_rows(csv: &str) -> Vec<(String, String, f64)> {
    csv.lines()
        .skip(1)
        .map(|line| {
            let fields: Vec<&str> = line.split(',').collect();
            assert_eq!(fields.len(), 3, "{line}");
            (
                fields[0].to_owned(),
                fields[1].to_owned(),
                fields[2].parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn contributions_split_each_headline_change_between_the_levers() {
    let example = "docs/examples/early-years-first.json";
    let (ok, out, err) = cli(&[example, "--contributions", "2032"]);
    assert!(ok, "{err}");
    assert_eq!(out.lines().next(), Some("outcome,lever,points"));
    let rows = contribution_rows(&out);
    let scenario: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(example).unwrap()).unwrap();
    let levers: Vec<&String> = scenario["levers"].as_object().unwrap().keys().collect();
    let headlines = [
        "fsm_early_years",
        "fsm_ks2",
        "fsm_ks4",
        "fsm_level3_by_19",
        "gap_ks4",
        "fsm_neet",
    ];
    assert_eq!(rows.len(), headlines.len() * levers.len());
    // Each headline's rows add up to its change in 2032 as the yearly report prints it
    // (rates as shares to six decimals, the gap in points to three).
    let (_, yearly, _) = cli(&[example]);
    let (_, baseline, _) = cli(&[]);
    let at_2032 = |csv: &str, name: &str| column(csv, name)[2032 - 2017];
    let change = |name: &str| at_2032(&yearly, name) - at_2032(&baseline, name);
    let expected = [
        100.0 * change("early_years_fsm_rate"),
        100.0 * change("ks2_fsm_rate"),
        100.0 * change("ks4_fsm_rate"),
        100.0 * change("level3_by_19_fsm_rate"),
        change("ks4_gap_points"),
        100.0 * change("neet_fsm_rate"),
    ];
    for (headline, expected) in headlines.iter().zip(expected) {
        let own: Vec<&(String, String, f64)> =
            rows.iter().filter(|(o, ..)| o == headline).collect();
        assert_eq!(own.len(), levers.len(), "{headline}");
        assert!(own.iter().all(|(_, lever, _)| levers.contains(&lever)));
        let sum: f64 = own.iter().map(|(.., p)| p).sum();
        assert!(
            (sum - expected).abs() < 2e-3,
            "{headline}: rows add to {sum}, change is {expected}"
        );
    }
    assert!(rows.iter().any(|(o, _, p)| o == "fsm_ks2" && *p > 0.1));
}

#[test]
fn contributions_refuse_a_year_outside_the_projection_and_options_they_ignore() {
    let example = "docs/examples/early-years-first.json";
    let (ok, out, err) = cli(&[example, "--contributions", "2040"]);
    assert!(!ok && out.is_empty());
    assert!(
        err.contains("--contributions 2040 is outside the projection, 2017 to 2035"),
        "{err}"
    );
    let (ok, _, err) = cli(&[example, "--contributions", "soon"]);
    assert!(!ok && err.contains("a year such as 2030"), "{err}");
    let (ok, _, err) = cli_as_shipped(&[example, "--contributions"]);
    assert!(
        !ok && err.contains("--contributions needs a value"),
        "{err}"
    );
    for extra in [
        &["--format", "json"][..],
        &["--draws", "10"],
        &["--sensitivity"],
        &["--year", "2030"],
    ] {
        let mut args = vec![example, "--contributions", "2030"];
        args.extend_from_slice(extra);
        let (ok, _, err) = cli(&args);
        assert!(!ok && err.contains("--contributions"), "{extra:?}: {err}");
    }
}

#[test]
fn a_file_with_a_byte_order_mark_reads_as_in_the_page() {
    // Issue 18, item 10: the CLI refused what the page's file reader accepts.
    let dir = std::env::temp_dir().join(format!("pathways-bom-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bom.json");
    std::fs::write(&path, b"\xef\xbb\xbf{\"version\":2}").unwrap();
    let (ok, out, err) = cli(&[path.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert_eq!(out, cli(&[]).1, "the same as the baseline");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_empty_lever_list_is_refused_not_read_as_every_lever() {
    // Issue 18, item 11.
    for empty in [",,,", "", " , "] {
        let (ok, out, err) = cli(&[
            "optimise",
            "--budget",
            "500000",
            "--outcome",
            "fsm_ks4",
            "--levers",
            empty,
        ]);
        assert!(!ok && out.is_empty(), "{empty:?}");
        assert!(err.contains("--levers names no lever"), "{err}");
    }
}

#[test]
fn a_long_frontier_run_says_what_it_is_doing() {
    // Issue 18, item 12: 34 s with nothing printed until the end.
    let long = [
        "optimise",
        "--frontier",
        "--outcome",
        "fsm_ks4",
        "--grid",
        "0,1",
        "--levers",
        "ey_language,secondary_tutoring",
        "--target",
        "30",
        "--draws",
        "20000",
    ];
    let (ok, out, err) = cli(&long);
    assert!(ok, "{err}");
    assert_eq!(out.lines().count(), 5, "four plans and a header");
    assert!(
        err.starts_with("pathways-cli: drawing the chance of reaching the target for 4 plans on the frontier, 20000 draws each"),
        "{err}"
    );
    assert!(err.contains("4 plans drawn in"), "{err}");
    // A short run stays quiet.
    let (ok, _, err) = cli(&long[..long.len() - 2]);
    assert!(ok && err.is_empty(), "{err}");
}

#[test]
fn a_huge_number_is_echoed_in_short_form() {
    // Issue 18, item 13: `reach_share: 1e308` was echoed as 309 digits.
    let dir = std::env::temp_dir().join(format!("pathways-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.json");
    std::fs::write(
        &path,
        r#"{"version":2,"levers":{"ey_language":{"reach_share":1e308,"start_year":2018,"ramp_years":1}}}"#,
    )
    .unwrap();
    let (ok, _, err) = cli(&[path.to_str().unwrap()]);
    assert!(!ok);
    assert!(
        err.contains("1e308 is outside the allowed range 0 to 1"),
        "{err}"
    );
    assert!(err.len() < 200, "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn flags_read_the_same_with_an_equals_sign_and_a_flag_without_a_value_refuses_one() {
    let spaced = cli(&[
        "docs/examples/early-years-first.json",
        "--draws",
        "50",
        "--seed",
        "7",
    ]);
    let joined = cli(&[
        "docs/examples/early-years-first.json",
        "--draws=50",
        "--seed=7",
    ]);
    assert!(spaced.0 && joined.0, "{}", joined.2);
    assert_eq!(spaced.1, joined.1);
    let optimise = cli(&["optimise", "--budget=500000", "--outcome=fsm_ks4"]);
    assert!(optimise.0, "{}", optimise.2);
    assert_eq!(
        optimise.1,
        cli(&["optimise", "--budget", "500000", "--outcome", "fsm_ks4"]).1
    );
    for (args, flag) in [
        (
            vec!["optimise", "--frontier=yes", "--outcome", "fsm_ks4"],
            "--frontier",
        ),
        (
            vec!["docs/examples/early-years-first.json", "--sensitivity=1"],
            "--sensitivity",
        ),
    ] {
        let (ok, out, err) = cli(&args);
        assert!(!ok && out.is_empty());
        assert!(err.contains(&format!("{flag} takes no value")), "{err}");
    }
}

#[test]
fn areas_lists_every_shipped_area_and_each_id_opens_with_area() {
    let (ok, out, _) = cli(&["areas"]);
    assert!(ok);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("id,name,kind,region"));
    // Fields split at commas outside quotes ("Bristol, City of" is one field).
    let split = |line: &str| {
        let (mut fields, mut field, mut quoted) = (Vec::new(), String::new(), false);
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                ',' if !quoted => fields.push(std::mem::take(&mut field)),
                c => field.push(c),
            }
        }
        fields.push(field);
        fields
    };
    let rows: Vec<Vec<String>> = lines.map(split).collect();
    // Twelve Opportunity Areas and England first, then 145 other local authorities.
    assert_eq!(rows.len(), 158);
    assert_eq!(rows[0][0], "hastings");
    assert_eq!(rows[12][0], "england");
    let kind = |id: &str| rows.iter().find(|r| r[0] == id).map(|r| r[2].as_str());
    // Blackpool is a whole unitary LA; Hastings a district with its county's figures.
    assert_eq!(kind("blackpool"), Some("whole_local_authority"));
    assert_eq!(kind("hastings"), Some("county_proxy"));
    assert_eq!(kind("england"), Some("country"));
    assert_eq!(kind("kent"), Some("whole_local_authority"));
    let bristol = rows.iter().find(|r| r[0] == "bristol_city_of").unwrap();
    assert_eq!(bristol[1], "Bristol, City of");
    assert_eq!(bristol[3], "South West");
    for row in &rows {
        assert_eq!(row.len(), 4, "{row:?}");
        // As each file opens (Rutland has no 2017: too few FSM pupils then).
        let (ok, _, err) = cli_as_shipped(&["--area", &row[0]]);
        assert!(ok, "--area {}: {err}", row[0]);
    }
    let (ok, _, err) = cli(&["areas", "--region"]);
    assert!(!ok);
    assert!(
        err.contains("areas takes no arguments, not --region"),
        "{err}"
    );
}

#[test]
fn as_of_starts_the_projection_from_that_years_published_figures() {
    // Blackpool's KS2 FSM rate as LAIT publishes it: 48% in 2017, 47% in 2025.
    let first_row = |out: &str| {
        let mut lines = out.lines();
        let header: Vec<String> = lines
            .next()
            .unwrap()
            .split(',')
            .map(str::to_owned)
            .collect();
        let row: Vec<String> = lines
            .next()
            .unwrap()
            .split(',')
            .map(str::to_owned)
            .collect();
        (header, row)
    };
    for (year, rate) in [("2017", 0.48), ("2025", 0.47)] {
        let (ok, out, err) = cli(&["--area", "blackpool", "--as-of", year]);
        assert!(ok, "{err}");
        let (header, row) = first_row(&out);
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        assert_eq!(row[col("year")], year);
        let ks2: f64 = row[col("ks2_fsm_rate")].parse().unwrap();
        assert!((ks2 - rate).abs() < 1e-9, "as of {year}: {ks2}");
    }
    let (ok, out, err) = cli(&["--area", "blackpool", "--as-of", "2014"]);
    assert!(!ok && out.is_empty());
    assert!(
        err.contains(
            "--as-of: Blackpool Opportunity Area has figures as of 2016 to 2025, not 2014"
        ),
        "{err}"
    );
    let (ok, _, err) = cli(&["--as-of", "last"]);
    assert!(!ok);
    assert!(
        err.contains("--as-of must be a year such as 2017, not \"last\""),
        "{err}"
    );
}

#[test]
fn without_as_of_an_area_starts_from_its_latest_published_year() {
    let (ok, out, err) = cli_as_shipped(&["--area", "blackpool"]);
    assert!(ok, "{err}");
    let years = column(&out, "year");
    assert_eq!(years.first(), Some(&2025.0));
    assert_eq!(years.last(), Some(&2040.0));
    // LAIT's 47% for 2024/25.
    assert!(column(&out, "ks2_fsm_rate")
        .iter()
        .all(|&r| (r - 0.47).abs() < 1e-9));
    // A scenario written for 2017 starts its programmes in 2026, and the note says so.
    let (ok, _, err) = cli_as_shipped(&["docs/examples/early-years-first.json"]);
    assert!(ok, "{err}");
    assert!(
        err.contains(
            "started in 2018, before this projection's first year (2025), so it now starts in 2026"
        ),
        "{err}"
    );
}

#[test]
fn diagnose_prints_each_stage_and_year_up_to_the_as_of_year() {
    let (ok, out, err) = cli(&["diagnose", "--area", "blackpool", "--as-of", "2017"]);
    assert!(ok, "{err}");
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("stage,year,area_fsm_rate,england_fsm_rate,neighbours_fsm_rate,gap_to_england_points,beyond_chance")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert!(rows
        .iter()
        .all(|r| r.len() == 7 && r[1].parse::<i32>().unwrap() <= 2017));
    // LAIT: Blackpool's FSM pupils 32% at KS2 in 2015/16 and 48% in 2016/17; England's
    // 36% and 43%: 4 points below, then 5 above.
    let ks2: Vec<&Vec<&str>> = rows.iter().filter(|r| r[0] == "ks2").collect();
    assert_eq!(ks2.len(), 2);
    assert_eq!(&ks2[0][..4], ["ks2", "2016", "0.3200", "0.3600"]);
    assert_eq!(ks2[0][5], "-4.0");
    assert_eq!(&ks2[1][..4], ["ks2", "2017", "0.4800", "0.4300"]);
    assert_eq!(ks2[1][5], "5.0");
    assert!(["true", "false"].contains(&ks2[0][6]));
    // Every stage with FSM figures: early years, KS2, KS4 (derived) and Level 3.
    for stage in ["early_years", "ks2", "ks4", "level3_by_19"] {
        assert!(rows.iter().any(|r| r[0] == stage), "{stage}");
    }
}

#[test]
fn diagnose_refuses_what_it_cannot_read_by_name() {
    let (ok, _, err) = cli(&["diagnose", "--area", "atlantis"]);
    assert!(!ok);
    assert!(err.contains("unknown area \"atlantis\""), "{err}");
    let (ok, _, err) = cli(&["diagnose", "--area", "blackpool", "--as-of", "2012"]);
    assert!(!ok);
    assert!(
        err.contains(
            "--as-of: Blackpool Opportunity Area has figures as of 2016 to 2025, not 2012"
        ),
        "{err}"
    );
    let (ok, _, err) = cli(&["diagnose", "--areas", "blackpool"]);
    assert!(!ok);
    assert!(err.contains("diagnose: unknown argument"), "{err}");
}
