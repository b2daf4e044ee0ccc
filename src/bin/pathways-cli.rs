//! Command-line runner: projects a scenario and prints it as CSV or JSON.
//!
//! ```text
//! pathways-cli [SCENARIO.json] [--area AREA.json] [--format csv|json] [--draws N] [--seed S]
//! ```
//! With no scenario it runs the area's baseline (Hastings unless `--area` is given).

use std::process::ExitCode;

use pathways::model::{Area, LeverCatalogue, Model};
use pathways::scenario::report::yearly_report;
use pathways::scenario::Scenario;
use serde_json::{Map, Value};

const USAGE: &str = "\
Usage: pathways-cli [SCENARIO.json] [--area AREA.json] [--format csv|json] [--draws N] [--seed S]

Projects a scenario year by year and prints one row per calendar year: for each stage the
FSM and non-FSM rates, the gap in points and the pupil counts, then NEET rates and cost.
With no SCENARIO it runs the baseline. --draws adds Monte Carlo P10/P50/P90 columns.";

#[derive(Debug)]
struct Options {
    scenario_path: Option<String>,
    area_path: Option<String>,
    json: bool,
    draws: Option<u32>,
    seed: u64,
}

fn parse_args(args: &[String]) -> Result<Option<Options>, String> {
    let mut options = Options {
        scenario_path: None,
        area_path: None,
        json: false,
        draws: None,
        seed: 2017,
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
            "--area" => options.area_path = Some(value("--area")?),
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

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
}

fn run(options: Options) -> Result<String, String> {
    let area = match &options.area_path {
        Some(path) => Area::from_json(&read(path)?).map_err(|e| format!("{path}: {e}"))?,
        None => Area::hastings(),
    };
    let model = Model::new(area, LeverCatalogue::standard());
    let scenario = match &options.scenario_path {
        Some(path) => Scenario::from_json(&read(path)?).map_err(|e| format!("{path}: {e}"))?,
        None => Scenario::baseline(),
    };
    let plan = scenario
        .plan(&model)
        .map_err(|e| format!("scenario: {e}"))?;
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
