//! Command-line runner: projects a scenario and prints it as CSV or JSON.
//!
//! ```text
//! pathways-cli [SCENARIO.json] [--area AREA] [--format csv|json] [--draws N] [--seed S]
//! pathways-cli SCENARIO.json --sensitivity [--year Y]
//! pathways-cli SCENARIO.json --contributions YEAR
//! ```
//! With no scenario it runs the area's baseline. `AREA` is a shipped area's id
//! (`blackpool`) or an area file's path (anything containing `/` or ending in `.json`);
//! without `--area`, the scenario's own `area`, else Hastings. `--contributions YEAR`
//! splits each headline's change against the baseline in YEAR between the scenario's
//! levers (Shapley values, `outcome,lever,points`).

use std::process::ExitCode;

use pathways::model::area::{shipped_area_ids, AREA_FILE_LIMIT_BYTES};
use pathways::model::{Area, LeverCatalogue, Model, Plan};
use pathways::scenario::analysis::headline_sensitivity;
use pathways::scenario::contributions::{contributions, contributions_csv};
use pathways::scenario::outcome::HEADLINES;
use pathways::scenario::report::yearly_report;
use pathways::scenario::{Scenario, SCENARIO_FILE_LIMIT_BYTES};
use serde_json::{Map, Value};

const USAGE: &str = "\
Usage: pathways-cli [SCENARIO.json] [--area AREA] [--format csv|json] [--draws N] [--seed S]
       pathways-cli SCENARIO.json [--area AREA] --sensitivity [--year Y]
       pathways-cli SCENARIO.json [--area AREA] --contributions YEAR

Projects a scenario year by year and prints one row per calendar year: for each stage the
FSM and non-FSM rates, the gap in points and the pupil counts, then NEET rates and cost.
With no SCENARIO it runs the baseline. --draws adds Monte Carlo P10/P50/P90 columns for
each level and for its change against the baseline (*_change_p10 ...).

AREA is a shipped area's id (hastings, blackpool, ..., england) or the path of an area
file (anything containing '/' or ending in .json). Without --area the scenario's own
area is used, else Hastings.

--sensitivity prints, for each headline outcome in year Y (default 2030), how far its
change against the baseline moves when each assumption goes to its 10th and 90th
percentile, widest first: outcome,year,assumption,drawn,low_setting,high_setting,
change_at_low,change_at_high,central_change (percentage points).

--contributions YEAR splits each headline outcome's change against the baseline in YEAR
between the scenario's levers, allowing for their overlap and the ceiling (each lever's
Shapley value: its added change averaged over every order of switching the levers on):
outcome,lever,points, one row per outcome and lever; each outcome's rows add up to its
change in percentage points.";

/// The year the sensitivity table reports unless `--year` says otherwise.
const DEFAULT_SENSITIVITY_YEAR: i32 = 2030;

#[derive(Debug)]
struct Options {
    scenario_path: Option<String>,
    /// A shipped area's id or an area file's path, as given.
    area: Option<String>,
    json: bool,
    draws: Option<u32>,
    seed: u64,
    sensitivity: bool,
    year: Option<i32>,
    contributions_year: Option<i32>,
}

fn parse_args(args: &[String]) -> Result<Option<Options>, String> {
    let mut options = Options {
        scenario_path: None,
        area: None,
        json: false,
        draws: None,
        seed: 2017,
        sensitivity: false,
        year: None,
        contributions_year: None,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--area" => options.area = Some(value("--area")?),
            "--format" => match value("--format")?.as_str() {
                "csv" => options.json = false,
                "json" => options.json = true,
                other => return Err(format!("--format must be csv or json, not {other:?}")),
            },
            "--draws" => {
                let text = value("--draws")?;
                let draws: u32 = text
                    .parse()
                    .map_err(|_| format!("--draws must be a whole number, not {text:?}"))?;
                if !(1..=pathways::model::monte_carlo::MAX_DRAWS).contains(&draws) {
                    return Err(format!(
                        "--draws must be between 1 and {}",
                        pathways::model::monte_carlo::MAX_DRAWS
                    ));
                }
                options.draws = Some(draws);
            }
            "--seed" => {
                let text = value("--seed")?;
                options.seed = text
                    .parse()
                    .map_err(|_| format!("--seed must be a whole number, not {text:?}"))?;
            }
            "--sensitivity" => options.sensitivity = true,
            "--year" => {
                let text = value("--year")?;
                options.year =
                    Some(text.parse().map_err(|_| {
                        format!("--year must be a year such as 2030, not {text:?}")
                    })?);
            }
            "--contributions" => {
                let text = value("--contributions")?;
                options.contributions_year = Some(text.parse().map_err(|_| {
                    format!("--contributions takes a year such as 2030, not {text:?}")
                })?);
            }
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag}")),
            path => {
                if options.scenario_path.replace(path.to_owned()).is_some() {
                    return Err("give at most one scenario file".to_owned());
                }
            }
        }
    }
    Ok(Some(options))
}

/// Reads at most `limit + 1` bytes, so an endless or huge input is refused by the size
/// check without being read to the end.
fn read(path: &str, limit: usize) -> Result<String, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {path}: {e}"))?;
    String::from_utf8(bytes).map_err(|_| format!("{path} is not UTF-8 text"))
}

/// Whether an `--area` value names a file rather than a shipped area.
fn is_area_path(area: &str) -> bool {
    area.contains('/') || area.ends_with(".json")
}

/// The area an `--area` value (or a scenario's `area`) names: a file's path, or a
/// shipped area's id.
fn load_area(area: &str) -> Result<Area, String> {
    if is_area_path(area) {
        return Area::from_json(&read(area, AREA_FILE_LIMIT_BYTES)?)
            .map_err(|e| format!("{area}: {e}"));
    }
    Area::shipped_by_id(&area.to_ascii_lowercase()).ok_or_else(|| {
        format!(
            "unknown area {area:?}: the shipped areas are {}; or give an area file's path (containing '/' or ending in .json)",
            shipped_area_ids().collect::<Vec<_>>().join(", ")
        )
    })
}

fn run(options: Options) -> Result<String, String> {
    let scenario = match &options.scenario_path {
        Some(path) => Scenario::from_json(&read(path, SCENARIO_FILE_LIMIT_BYTES)?)
            .map_err(|e| format!("{path}: {e}"))?,
        None => Scenario::baseline(),
    };
    let area = match (&options.area, &scenario.area) {
        (Some(area), _) => load_area(area)?,
        (None, Some(id)) => load_area(id).map_err(|e| format!("the scenario's area: {e}"))?,
        (None, None) => Area::hastings(),
    };
    let model = Model::new(area, LeverCatalogue::standard());
    let plan = scenario
        .plan(&model)
        .map_err(|e| format!("scenario: {e}"))?;
    if let Some(note) = scenario.migration_note() {
        eprintln!("pathways-cli: note: {note}");
    }
    if let Some(year) = options.contributions_year {
        if options.json || options.draws.is_some() || options.sensitivity || options.year.is_some()
        {
            return Err(
                "--contributions prints CSV of central runs for its own year: it does not take --format json, --draws, --sensitivity or --year"
                    .to_owned(),
            );
        }
        let area = model.area();
        if !area.years().contains(&year) {
            return Err(format!(
                "--contributions {year} is outside the projection, {} to {}",
                area.base_year, area.horizon_end_year
            ));
        }
        let split = contributions(&model, &plan, year).map_err(|e| e.to_string())?;
        return Ok(contributions_csv(&split));
    }
    if options.sensitivity {
        if options.json || options.draws.is_some() {
            return Err(
                "--sensitivity prints CSV of central runs: it does not take --format json or --draws"
                    .to_owned(),
            );
        }
        return sensitivity_csv(&model, &plan, options.year);
    }
    if options.year.is_some() {
        return Err("--year goes with --sensitivity".to_owned());
    }
    let projection = model.project(&plan);
    let bands = options
        .draws
        .map(|draws| model.monte_carlo(&plan, draws, options.seed));
    let report = yearly_report(&projection, bands.as_ref());
    if options.json {
        let mut metadata = Map::new();
        metadata.insert("area".to_owned(), Value::from(model.area().id.clone()));
        metadata.insert("scenario".to_owned(), Value::from(scenario.name.clone()));
        if let Some(bands) = &bands {
            metadata.insert("draws".to_owned(), Value::from(bands.draws));
            metadata.insert("seed".to_owned(), Value::from(bands.seed));
        }
        Ok(report.to_json(metadata) + "\n")
    } else {
        Ok(report.to_csv())
    }
}

/// The tornado's figures for every headline outcome, as CSV.
fn sensitivity_csv(model: &Model, plan: &Plan, year: Option<i32>) -> Result<String, String> {
    let area = model.area();
    let year =
        year.unwrap_or(DEFAULT_SENSITIVITY_YEAR.clamp(area.base_year, area.horizon_end_year));
    if !area.years().contains(&year) {
        return Err(format!(
            "--year {year} is outside the projection, {} to {}",
            area.base_year, area.horizon_end_year
        ));
    }
    let mut out = String::from(
        "outcome,year,assumption,drawn,low_setting,high_setting,change_at_low,change_at_high,central_change\n",
    );
    let quote = |text: &str| format!("\"{}\"", text.replace('"', "\"\""));
    for outcome in HEADLINES {
        let result = headline_sensitivity(model, plan, outcome, year);
        for bar in &result.bars {
            out.push_str(&format!(
                "{},{year},{},{},{},{},{},{},{}\n",
                outcome.key(),
                quote(&bar.assumption),
                bar.drawn,
                quote(&bar.low_setting),
                quote(&bar.high_setting),
                points(bar.at_low),
                points(bar.at_high),
                points(result.central),
            ));
        }
    }
    Ok(out)
}

/// Points to three decimals, with no "-0.000".
fn points(value: f64) -> String {
    let text = format!("{value:.3}");
    if text == "-0.000" {
        "0.000".to_owned()
    } else {
        text
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse_args(&args) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("pathways-cli: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(options) {
        Ok(output) => {
            print!("{output}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("pathways-cli: {message}");
            ExitCode::from(1)
        }
    }
}
