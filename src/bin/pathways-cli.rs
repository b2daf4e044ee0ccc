//! Command-line runner: projects a scenario and prints it as CSV or JSON.
//!
//! ```text
//! pathways-cli [SCENARIO.json] [--area AREA] [--format csv|json] [--draws N] [--seed S]
//! pathways-cli SCENARIO.json --sensitivity [--year Y]
//! pathways-cli [SCENARIO.json] --target fsm_ks4=35@2030 [--target ...] [--draws N] [--seed S]
//! pathways-cli SCENARIO.json --targets [--draws N] [--seed S]
//! pathways-cli optimise --budget GBP --outcome OUTCOME [--year Y] [--area AREA] [--end-year Y]
//! pathways-cli optimise --frontier --outcome OUTCOME [--year Y] [--target T] [--budget GBP]
//! pathways-cli SCENARIO.json --contributions YEAR
//! pathways-cli diagnose --area AREA [--as-of YEAR]
//! ```
//! With no scenario it runs the area's baseline. `AREA` is a shipped area's id
//! (`blackpool`) or an area file's path (anything containing `/` or ending in `.json`);
//! without `--area`, the scenario's own `area`, else Hastings. `--contributions YEAR`
//! splits each headline's change against the baseline in YEAR between the scenario's
//! levers (Shapley values, `outcome,lever,points`).

// The command line reads area files from the checkout: a wasm build (Trunk builds every
// binary of the crate for the browser) has nothing to run.
#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {

    use std::process::ExitCode;

    use pathways::model::area::{shipped_area_ids, AREA_FILE_LIMIT_BYTES};
    use pathways::model::area_index::AreaIndex;
    use pathways::model::plan::{ended_before, started_within};
    use pathways::model::{Area, LeverCatalogue, Model, Plan};
    use pathways::scenario::appraisal::headline_sensitivity;
    use pathways::scenario::contributions::{contributions, contributions_csv};
    use pathways::scenario::optimise::{
        best_plan_scenario, chance_of_reaching_with_progress, frontier, parse_outcome,
        FrontierRequest, DEFAULT_REACH_GRID,
    };
    use pathways::scenario::outcome::{Outcome, HEADLINES};
    use pathways::scenario::report::yearly_report;
    use pathways::scenario::target::Target;
    use pathways::scenario::{echo, Scenario, SCENARIO_FILE_LIMIT_BYTES};
    use serde_json::{Map, Value};

    const USAGE: &str = "\
Usage: pathways-cli [SCENARIO.json] [--area AREA] [--as-of YEAR] [--fsm-break] [--format csv|json] [--draws N] [--seed S]
       pathways-cli SCENARIO.json [--area AREA] --sensitivity [--year Y]
       pathways-cli [SCENARIO.json] [--area AREA] --target OUTCOME=VALUE@YEAR ... [--draws N] [--seed S]
       pathways-cli SCENARIO.json [--area AREA] --targets [--draws N] [--seed S]
       pathways-cli optimise --budget GBP --outcome OUTCOME [--year Y] [--area AREA] [--as-of YEAR]
                    [--levers ID,ID,...] [--grid 0,0.5,1] [--end-year Y]
       pathways-cli optimise --frontier --outcome OUTCOME [--year Y] [--area AREA]
                    [--budget GBP] [--target T [--draws N] [--seed S]]
       pathways-cli SCENARIO.json [--area AREA] --contributions YEAR
       pathways-cli areas
       pathways-cli diagnose [--area AREA] [--as-of YEAR]

Projects a scenario year by year and prints one row per calendar year: for each stage the
FSM and non-FSM rates, the gap in points and the pupil counts, then NEET rates and cost.
With no SCENARIO it runs the baseline. --draws adds Monte Carlo P10/P50/P90 columns for
each level and for its change against the baseline (*_change_p10 ...).

AREA is a shipped area's id (hastings, blackpool, ..., england, and every local authority:
kent, leeds, ...; `pathways-cli areas` lists them as id,name,kind,region) or the path of
an area file (anything containing '/' or ending in .json). Without --area the scenario's
own area is used, else Hastings. --as-of YEAR starts the projection from the area's
figures as published by YEAR (2016 to 2025; without it, the file's default: the latest year).

--sensitivity prints, for each headline outcome in year Y (default 2030), how far its
change against the baseline moves when each assumption goes to its 10th and 90th
percentile, widest first: outcome,year,assumption,drawn,low_setting,high_setting,
change_at_low,change_at_high,central_change (percentage points).

--target OUTCOME=VALUE@YEAR (repeatable), e.g. --target fsm_ks4=35@2030, prints the chance
of reaching each target instead: the share of Monte Carlo draws (default 1000, as in the
app) in which the plan's value in YEAR reaches VALUE, and the baseline's in the same draws.
OUTCOME is fsm_early_years, fsm_ks2, fsm_ks4, fsm_level3_by_19, gap_ks4 or fsm_neet; VALUE
a percentage (points for the gap) from 0 to 100. Reaching is at least VALUE for FSM rates
and at most VALUE for the gap and NEET. The scenario file's own targets come first; with
--targets they are reported alone. Columns: outcome,target,year,direction (at_least or
at_most),scenario_chance,baseline_chance (0 to 1),central_value (the central projection's
value in YEAR, percent or points). A YEAR outside the projection leaves the last three
empty.

optimise prints, as a scenario file this command reads back, the plan with the best central
OUTCOME in year Y (default 2030) whose spending stays within GBP in every year. OUTCOME is
fsm_early_years, fsm_ks2, fsm_ks4, fsm_level3_by_19, gap_ks4 or fsm_neet (lower is better
for the last two). Each lever's reach is chosen from --grid (default 0,0.25,0.5,0.75,1) at
its default start year; --levers limits the levers used. --frontier prints instead every
plan on the cost-outcome frontier (up to GBP if given): peak_cost_gbp,value,change,levers
(value and change as shares; levers as id=reach;...). --target T (a percentage, e.g. 30;
points for the gap) adds the chance, over --draws Monte Carlo draws (default 200), that each plan's expected value
reaches T.

--contributions YEAR splits each headline outcome's change against the baseline in YEAR
between the scenario's levers, allowing for their overlap and the ceiling (each lever's
Shapley value: its added change averaged over every order of switching the levers on):
outcome,lever,points, one row per outcome and lever; each outcome's rows add up to its
change in percentage points.

diagnose prints where the area stands as of YEAR (default: its latest), one row per stage
and published year up to YEAR: stage,year,area_fsm_rate,england_fsm_rate,
neighbours_fsm_rate (shares 0 to 1; the neighbours' mean),gap_to_england_points,
beyond_chance (true when the area's FSM rate lies outside the P10-P90 band that cohort
noise and a year's drift give an area of its FSM cohort around England's rate; docs/MODEL.md
§14). A county-proxy Opportunity Area's figures are its county's.";

    /// Draws for target chances when `--draws` is not given: the app's default.
    const DEFAULT_TARGET_DRAWS: u32 = 1000;
    /// Monte Carlo draws for the frontier's chance of reaching a target, unless `--draws`.
    const FRONTIER_TARGET_DRAWS: u32 = 200;

    /// The year the sensitivity table reports unless `--year` says otherwise.
    const DEFAULT_SENSITIVITY_YEAR: i32 = 2030;

    #[derive(Debug)]
    struct Options {
        scenario_path: Option<String>,
        /// A shipped area's id or an area file's path, as given.
        area: Option<String>,
        /// `--as-of YEAR`: the year the projection starts from, one the area file offers.
        as_of: Option<i32>,
        /// `--fsm-break`: allow for the FSM definition change from 2027.
        fsm_break: bool,
        json: bool,
        draws: Option<u32>,
        seed: u64,
        sensitivity: bool,
        year: Option<i32>,
        /// Targets given with `--target`, in order.
        targets: Vec<Target>,
        /// `--targets`: report the scenario file's targets.
        report_targets: bool,
        contributions_year: Option<i32>,
    }

    /// `--draws`: a whole number of Monte Carlo draws within the model's limit.
    fn parse_draws(text: &str) -> Result<u32, String> {
        let draws: u32 = text
            .parse()
            .map_err(|_| format!("--draws must be a whole number, not {text:?}"))?;
        if !(1..=pathways::model::monte_carlo::MAX_DRAWS).contains(&draws) {
            return Err(format!(
                "--draws must be between 1 and {}",
                pathways::model::monte_carlo::MAX_DRAWS
            ));
        }
        Ok(draws)
    }

    /// The command line one argument at a time, for both commands: `--flag value` and
    /// `--flag=value` read the same, and a flag's value may start with `-` (`--budget -1`
    /// reaches the budget's own check, which names the problem).
    struct ArgReader<'a> {
        args: std::slice::Iter<'a, String>,
        /// The value of a `--flag=value` just read, for the next `value` call.
        inline: Option<String>,
        /// The flag read last, to name it if its `=value` is left unread.
        last_flag: String,
    }

    impl<'a> ArgReader<'a> {
        fn new(args: &'a [String]) -> ArgReader<'a> {
            ArgReader {
                args: args.iter(),
                inline: None,
                last_flag: String::new(),
            }
        }

        /// The next flag or positional argument. A `=value` the previous flag left unread (a
        /// flag that takes no value, as in `--frontier=yes`) is refused rather than dropped.
        fn next_arg(&mut self) -> Result<Option<String>, String> {
            if let Some(value) = self.inline.take() {
                return Err(format!("{} takes no value, not {value:?}", self.last_flag));
            }
            let Some(arg) = self.args.next() else {
                return Ok(None);
            };
            let arg = match arg.split_once('=') {
                Some((flag, value)) if flag.starts_with("--") => {
                    self.inline = Some(value.to_owned());
                    flag.to_owned()
                }
                _ => arg.clone(),
            };
            self.last_flag.clone_from(&arg);
            Ok(Some(arg))
        }

        /// The value of `flag`: the text after its `=`, else the next argument.
        fn value(&mut self, flag: &str) -> Result<String, String> {
            self.inline
                .take()
                .or_else(|| self.args.next().cloned())
                .ok_or_else(|| format!("{flag} needs a value"))
        }
    }

    /// `--seed`: a whole number.
    fn parse_seed(text: &str) -> Result<u64, String> {
        text.parse()
            .map_err(|_| format!("--seed must be a whole number, not {text:?}"))
    }

    /// `--year`: a calendar year.
    fn parse_year(text: &str) -> Result<i32, String> {
        text.parse()
            .map_err(|_| format!("--year must be a year such as 2030, not {text:?}"))
    }

    fn parse_args(args: &[String]) -> Result<Option<Options>, String> {
        let mut options = Options {
            scenario_path: None,
            area: None,
            as_of: None,
            fsm_break: false,
            json: false,
            draws: None,
            seed: 2017,
            sensitivity: false,
            year: None,
            targets: Vec::new(),
            report_targets: false,
            contributions_year: None,
        };
        let mut args = ArgReader::new(args);
        while let Some(arg) = args.next_arg()? {
            let mut value = |flag: &str| args.value(flag);
            match arg.as_str() {
                "-h" | "--help" => return Ok(None),
                "--area" => options.area = Some(value("--area")?),
                "--as-of" => options.as_of = Some(parse_as_of(&value("--as-of")?)?),
                "--fsm-break" => options.fsm_break = true,
                "--format" => match value("--format")?.as_str() {
                    "csv" => options.json = false,
                    "json" => options.json = true,
                    other => return Err(format!("--format must be csv or json, not {other:?}")),
                },
                "--draws" => options.draws = Some(parse_draws(&value("--draws")?)?),
                "--seed" => options.seed = parse_seed(&value("--seed")?)?,
                "--sensitivity" => options.sensitivity = true,
                "--target" => {
                    let text = value("--target")?;
                    let target = text
                        .parse()
                        .map_err(|e| format!("--target {text:?}: {e}"))?;
                    options.targets.push(target);
                }
                "--targets" => options.report_targets = true,
                "--year" => options.year = Some(parse_year(&value("--year")?)?),
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

    /// `--as-of`: a year; whether the area offers it is checked once the area is read.
    fn parse_as_of(text: &str) -> Result<i32, String> {
        text.parse()
            .map_err(|_| format!("--as-of must be a year such as 2017, not {text:?}"))
    }

    /// The area as of `as_of`, when given: its projection starts from that year's figures.
    fn area_as_of(area: Area, as_of: Option<i32>) -> Result<Area, String> {
        match as_of {
            Some(year) => area.as_of_year(year).map_err(|e| format!("--as-of: {e}")),
            None => Ok(area),
        }
    }

    /// `--fsm-break`: the area with the catalogue's composition shift for the FSM
    /// definition change from 2027 (docs/MODEL.md §2a).
    fn with_fsm_break(mut area: Area, on: bool) -> Area {
        if on {
            area.fsm_definition_break = Some(LeverCatalogue::standard().fsm_definition_break);
        }
        area
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
            "unknown area {area:?}: `pathways-cli areas` lists the {} shipped areas (the Opportunity Areas are {}); or give an area file's path (containing '/' or ending in .json)",
            AreaIndex::shipped().areas.len(),
            shipped_area_ids().join(", ")
        )
    })
    }

    /// The default area, Hastings, as its file opens (its latest year).
    fn default_area() -> Result<Area, String> {
        load_area(pathways::model::area::DEFAULT_AREA_ID)
    }

    fn run(options: Options) -> Result<String, String> {
        let mut scenario = match &options.scenario_path {
            Some(path) => Scenario::from_json(&read(path, SCENARIO_FILE_LIMIT_BYTES)?)
                .map_err(|e| format!("{path}: {e}"))?,
            None => Scenario::baseline(),
        };
        let area = match (&options.area, &scenario.area) {
            (Some(area), _) => load_area(area)?,
            (None, Some(id)) => load_area(id).map_err(|e| format!("the scenario's area: {e}"))?,
            (None, None) => default_area()?,
        };
        let area = with_fsm_break(area_as_of(area, options.as_of)?, options.fsm_break);
        let model = Model::new(area, LeverCatalogue::standard());
        // A scenario made for an earlier base year starts its programmes as soon as this
        // projection can, and says so.
        let (levers, moved) = started_within(&scenario.levers, model.area());
        for moved in &moved {
            let (id, from, to) = moved;
            if ended_before(moved) {
                eprintln!(
                    "pathways-cli: note: {id} ended before this projection's base year ({}), whose figures already hold its results, so it is left out",
                    model.area().base_year
                );
                continue;
            }
            eprintln!(
                "pathways-cli: note: {id} started in {from}, before this projection's first year ({}), so it now starts in {to} (--as-of {from_base} keeps it)",
                model.area().base_year,
                from_base = from - 1
            );
        }
        scenario.levers = levers;
        let plan = scenario
            .plan(&model)
            .map_err(|e| format!("scenario: {e}"))?;
        if let Some(note) = scenario.migration_note() {
            eprintln!("pathways-cli: note: {note}");
        }
        if !options.targets.is_empty() || options.report_targets {
            if options.json || options.sensitivity || options.year.is_some() {
                return Err(
                "--target and --targets print CSV of target chances: they do not take --format json, --sensitivity or --year"
                    .to_owned(),
            );
            }
            let targets: Vec<Target> = scenario
                .targets
                .iter()
                .chain(&options.targets)
                .copied()
                .collect();
            if targets.is_empty() {
                return Err("--targets: the scenario has no targets; give --target OUTCOME=VALUE@YEAR, e.g. --target fsm_ks4=35@2030".to_owned());
            }
            let draws = options.draws.unwrap_or(DEFAULT_TARGET_DRAWS);
            return Ok(targets_csv(&model, &plan, &targets, draws, options.seed));
        }
        if let Some(year) = options.contributions_year {
            if options.json
                || options.draws.is_some()
                || options.sensitivity
                || options.year.is_some()
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

    /// The chance of reaching each target, the plan's and the baseline's, as CSV.
    fn targets_csv(
        model: &Model,
        plan: &Plan,
        targets: &[Target],
        draws: u32,
        seed: u64,
    ) -> String {
        let (_, chances) = model.monte_carlo_with_targets(plan, draws, seed, targets);
        let projection = model.project(plan);
        let area = model.area();
        let mut out = String::from(
            "outcome,target,year,direction,scenario_chance,baseline_chance,central_value\n",
        );
        for chance in &chances {
            let target = chance.target;
            let share = |chance: Option<f64>| chance.map_or(String::new(), |c| format!("{c:.4}"));
            let central = target
                .central_check(&projection)
                .map_or(String::new(), |check| points(check.value_percent));
            if chance.scenario_chance.is_none() {
                eprintln!(
                "pathways-cli: note: {target} is outside the projection, {} to {}, so it has no chance to report",
                area.base_year, area.horizon_end_year
            );
            }
            out.push_str(&format!(
                "{},{},{},{},{},{},{central}\n",
                target.outcome,
                target.value_percent,
                target.year,
                target.direction().key(),
                share(chance.scenario_chance),
                share(chance.baseline_chance),
            ));
        }
        out
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
        for outcome in HEADLINES {
            let result = headline_sensitivity(model, plan, outcome, year);
            for bar in &result.bars {
                out.push_str(&format!(
                    "{},{year},{},{},{},{},{},{},{}\n",
                    outcome.key(),
                    quoted_csv(&bar.assumption),
                    bar.drawn,
                    quoted_csv(&bar.low_setting),
                    quoted_csv(&bar.high_setting),
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

    /// What `pathways-cli optimise ...` asks for.
    #[derive(Debug)]
    struct OptimiseOptions {
        budget_gbp_per_year: Option<f64>,
        outcome: Option<Outcome>,
        year: Option<i32>,
        area: Option<String>,
        as_of: Option<i32>,
        levers: Vec<String>,
        grid: Option<Vec<f64>>,
        end_year: Option<i32>,
        frontier: bool,
        target: Option<f64>,
        draws: Option<u32>,
        seed: u64,
    }

    /// Signs of life on stderr while the frontier's chances are drawn, which can take a minute:
    /// a line saying what runs, then (on a terminal) the plans done and the time left, and the
    /// time taken. Short runs print nothing.
    struct Progress {
        started: std::time::Instant,
        shown: bool,
        terminal: bool,
    }

    /// Plans × draws from which a run says what it is doing: about 0.3 s of work in a release
    /// build (474 plans × 20,000 draws took 54 s on 2 cores).
    const PROGRESS_FROM_PLAN_DRAWS: usize = 50_000;

    impl Progress {
        fn new(plans: usize, draws: u32) -> Progress {
            use std::io::IsTerminal;
            let shown = plans * draws as usize >= PROGRESS_FROM_PLAN_DRAWS;
            if shown {
                eprintln!(
                "pathways-cli: drawing the chance of reaching the target for {plans} plans on the frontier, {draws} draws each; this can take a minute"
            );
            }
            Progress {
                started: std::time::Instant::now(),
                shown,
                terminal: std::io::stderr().is_terminal(),
            }
        }

        fn plan_done(&mut self, done: usize, of: usize) {
            if !self.shown {
                return;
            }
            let elapsed = self.started.elapsed().as_secs_f64();
            if self.terminal && done < of {
                let left = elapsed / done as f64 * (of - done) as f64;
                eprint!("\rpathways-cli: {done} of {of} plans, about {left:.0} s left   ");
            }
            if done == of {
                let end = if self.terminal { "\r" } else { "" };
                eprintln!(
                    "{end}pathways-cli: {of} plans drawn in {elapsed:.1} s                  "
                );
            }
        }
    }

    fn parse_optimise_args(args: &[String]) -> Result<Option<OptimiseOptions>, String> {
        let mut options = OptimiseOptions {
            budget_gbp_per_year: None,
            outcome: None,
            year: None,
            area: None,
            as_of: None,
            levers: Vec::new(),
            grid: None,
            end_year: None,
            frontier: false,
            target: None,
            draws: None,
            seed: 2017,
        };
        let mut args = ArgReader::new(args);
        while let Some(arg) = args.next_arg()? {
            let mut value = |flag: &str| args.value(flag);
            match arg.as_str() {
                "-h" | "--help" => return Ok(None),
                "--budget" => {
                    let text = value("--budget")?;
                    let pounds: f64 = text.replace([',', '_'], "").parse().map_err(|_| {
                        format!("--budget must be pounds a year such as 500000, not {text:?}")
                    })?;
                    if !(pounds.is_finite() && pounds >= 0.0) {
                        return Err(format!(
                            "--budget must be 0 or more pounds a year, not {text}"
                        ));
                    }
                    options.budget_gbp_per_year = Some(pounds);
                }
                "--outcome" => {
                    let key = value("--outcome")?;
                    options.outcome =
                        Some(parse_outcome(&key).map_err(|e| format!("optimise: {e}"))?);
                }
                "--year" => options.year = Some(parse_year(&value("--year")?)?),
                "--area" => options.area = Some(value("--area")?),
                "--as-of" => options.as_of = Some(parse_as_of(&value("--as-of")?)?),
                "--end-year" => options.end_year = Some(parse_year(&value("--end-year")?)?),
                "--levers" => {
                    let text = value("--levers")?;
                    options.levers = text
                        .split(',')
                        .map(|id| id.trim().to_owned())
                        .filter(|id| !id.is_empty())
                        .collect();
                    if options.levers.is_empty() {
                        // Taken as "every lever" it would run a different search in silence.
                        return Err(format!(
                        "--levers names no lever ({:?}): give lever ids separated by commas, such as ey_language,secondary_tutoring, or leave --levers out to use every lever",
                        pathways::scenario::echo(&text)
                    ));
                    }
                }
                "--grid" => {
                    let text = value("--grid")?;
                    let grid = text
                        .split(',')
                        .map(|share| share.trim().parse::<f64>())
                        .collect::<Result<Vec<f64>, _>>()
                        .map_err(|_| {
                            format!("--grid must be reach shares such as 0,0.5,1, not {text:?}")
                        })?;
                    options.grid = Some(grid);
                }
                "--frontier" => options.frontier = true,
                "--target" => {
                    let text = value("--target")?;
                    // In percent (points for the gap), as targets are everywhere else.
                    let target: f64 = text.parse().map_err(|_| {
                        format!("--target must be a percentage such as 30, not {text:?}")
                    })?;
                    if !(0.0..=100.0).contains(&target) {
                        return Err(format!(
                            "--target is a percentage from 0 to 100, not {text}"
                        ));
                    }
                    options.target = Some(target / 100.0);
                }
                "--draws" => options.draws = Some(parse_draws(&value("--draws")?)?),
                "--seed" => options.seed = parse_seed(&value("--seed")?)?,
                other => return Err(format!("optimise: unknown argument {other}")),
            }
        }
        if options.outcome.is_none() {
            return Err(format!(
                "optimise needs --outcome, one of {}",
                HEADLINES.map(|o| o.key()).join(", ")
            ));
        }
        if options.budget_gbp_per_year.is_none() && !options.frontier {
            return Err(
                "optimise needs --budget, in pounds a year (e.g. --budget 500000), or --frontier"
                    .to_owned(),
            );
        }
        if !options.frontier && (options.target.is_some() || options.draws.is_some()) {
            return Err("--target and --draws go with --frontier".to_owned());
        }
        if options.draws.is_some() && options.target.is_none() {
            return Err("--draws goes with --target".to_owned());
        }
        Ok(Some(options))
    }

    fn run_optimise(options: OptimiseOptions) -> Result<String, String> {
        let area = match &options.area {
            Some(area) => load_area(area)?,
            None => default_area()?,
        };
        let area = area_as_of(area, options.as_of)?;
        let model = Model::new(area, LeverCatalogue::standard());
        let years = model.area().years();
        let request = FrontierRequest {
            // Checked by parse_optimise_args.
            outcome: options.outcome.ok_or("optimise needs --outcome")?,
            year: options
                .year
                .unwrap_or(DEFAULT_SENSITIVITY_YEAR.clamp(*years.start(), *years.end())),
            reach_grid: options.grid.unwrap_or_else(|| DEFAULT_REACH_GRID.to_vec()),
            levers: options.levers,
            end_year: options.end_year,
        };
        let found = frontier(&model, &request).map_err(|e| format!("optimise: {e}"))?;
        let budget = options.budget_gbp_per_year;
        if options.frontier {
            let chances = match options.target {
                Some(target) => {
                    let draws = options.draws.unwrap_or(FRONTIER_TARGET_DRAWS);
                    let mut progress = Progress::new(found.points.len(), draws);
                    Some(
                        chance_of_reaching_with_progress(
                            &model,
                            &found,
                            target,
                            draws,
                            options.seed,
                            &mut |done, of| progress.plan_done(done, of),
                        )
                        .map_err(|e| format!("optimise: {e}"))?,
                    )
                }
                None => None,
            };
            let mut out = String::from("peak_cost_gbp,value,change,levers");
            if chances.is_some() {
                out.push_str(",chance_of_target");
            }
            out.push('\n');
            for (i, point) in found.points.iter().enumerate() {
                if budget.is_some_and(|b| point.peak_cost_gbp_per_year > b) {
                    break;
                }
                let levers: Vec<String> = point
                    .levers
                    .iter()
                    .map(|(id, setting)| format!("{id}={}", setting.reach_share))
                    .collect();
                out.push_str(&format!(
                    "{:.2},{:.6},{:.6},{}",
                    point.peak_cost_gbp_per_year,
                    point.value,
                    point.change,
                    levers.join(";")
                ));
                if let Some(chances) = &chances {
                    out.push_str(&format!(",{:.3}", chances.chance[i]));
                }
                out.push('\n');
            }
            return Ok(out);
        }
        let budget = budget.unwrap_or_default();
        let best = found
            .best_within(budget)
            .ok_or_else(|| format!("optimise: no plan found costs £{budget:.0} a year or less"))?;
        let scenario = best_plan_scenario(&model, &request, budget, best)
            .map_err(|e| format!("optimise: {e}"))?;
        Ok(scenario.to_json() + "\n")
    }

    /// `diagnose`'s options: the area (default Hastings) and its as-of year.
    #[derive(Debug)]
    struct DiagnoseOptions {
        area: Option<String>,
        as_of: Option<i32>,
    }

    fn parse_diagnose_args(args: &[String]) -> Result<Option<DiagnoseOptions>, String> {
        let mut options = DiagnoseOptions {
            area: None,
            as_of: None,
        };
        let mut args = ArgReader::new(args);
        while let Some(arg) = args.next_arg()? {
            match arg.as_str() {
                "-h" | "--help" => return Ok(None),
                "--area" => options.area = Some(args.value("--area")?),
                "--as-of" => options.as_of = Some(parse_as_of(&args.value("--as-of")?)?),
                other => return Err(format!("diagnose: unknown argument {}", echo(other))),
            }
        }
        Ok(Some(options))
    }

    fn run_diagnose(options: DiagnoseOptions) -> Result<String, String> {
        let area = match &options.area {
            Some(area) => load_area(area)?,
            None => default_area()?,
        };
        let area = area_as_of(area, options.as_of)?;
        let diagnosis =
            pathways::model::diagnosis::diagnose(&area, &LeverCatalogue::standard().chance_band);
        if diagnosis.stages.is_empty() {
            return Err(format!(
                "diagnose: {} has no published FSM series to diagnose",
                area.name
            ));
        }
        Ok(pathways::model::diagnosis::to_csv(&diagnosis))
    }

    pub fn main() -> ExitCode {
        let args: Vec<String> = std::env::args().skip(1).collect();
        if args.first().is_some_and(|first| first == "optimise") {
            return finish(parse_optimise_args(&args[1..]), run_optimise);
        }
        if args.first().is_some_and(|first| first == "diagnose") {
            return finish(parse_diagnose_args(&args[1..]), run_diagnose);
        }
        if args.first().is_some_and(|first| first == "areas") {
            let parsed = match &args[1..] {
                [] => Ok(Some(())),
                [extra, ..] => Err(format!("areas takes no arguments, not {}", echo(extra))),
            };
            return finish(parsed, |()| Ok(areas_csv()));
        }
        finish(parse_args(&args), run)
    }

    /// Prints usage, the output or the error, with exit code 0, 2 (bad arguments) or 1.
    fn finish<T>(
        parsed: Result<Option<T>, String>,
        run: fn(T) -> Result<String, String>,
    ) -> ExitCode {
        let options = match parsed {
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

    /// Every shipped area, a line each: id,name,kind,region (kind as the area files write it;
    /// region empty for England), from the index: Opportunity Areas, England, then every
    /// local authority by name.
    fn areas_csv() -> String {
        let field = |text: &str| {
            if text.contains([',', '"', '\n']) {
                quoted_csv(text)
            } else {
                text.to_owned()
            }
        };
        let mut out = String::from("id,name,kind,region\n");
        for area in &AreaIndex::shipped().areas {
            out += &format!(
                "{},{},{},{}\n",
                field(&area.id),
                field(&area.name),
                area.kind.key(),
                field(area.region.as_deref().unwrap_or(""))
            );
        }
        out
    }

    /// `text` as a quoted CSV field, its quotes doubled.
    fn quoted_csv(text: &str) -> String {
        format!("\"{}\"", text.replace('"', "\"\""))
    }
}
