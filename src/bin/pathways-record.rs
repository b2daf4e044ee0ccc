//! Fits the bands' drift and cohort noise on the record, and back-tests the bands.
//!
//! ```text
//! cargo run --release --bin pathways-record -- fit           # rewrite levers.json's drift and chance_band sections
//! cargo run --release --bin pathways-record -- fit --check   # exit 1 if it differs from the fit
//! cargo run --release --bin pathways-record -- backtest      # coverage table; writes docs/validation/coverage.{csv,svg}
//! cargo run --release --bin pathways-record -- oa            # the OAs' record; writes docs/validation/oa-record.{csv,svg}
//!                                                          # and each OA's plan, docs/validation/oa-<id>-2018-2022.json
//! ```
//! Both read the shipped area files (LAIT's series for every local authority). The fit
//! uses the authorities in even places by id; the back-test reports the other half
//! (`--all` for every authority). See docs/MODEL.md §6a and docs/VALIDATION.md.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    match record::run(std::env::args().skip(1).collect()) {
        Ok(message) => {
            println!("{message}");
            std::process::ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("pathways-record: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod record {
    use std::path::Path;

    use pathways::model::LeverCatalogue;
    use pathways::record::backtest::National;
    use pathways::record::{backtest, fit, Half, Record};

    const CATALOGUE: &str = "static/data/levers.json";
    const OUT_DIR: &str = "docs/validation";
    const DRAWS: u32 = 1000;
    const SEED: u64 = 2016;
    /// Synthetic records drawn for the back-test's envelope (what a right model would give).
    const ENVELOPE_REPLICATES: usize = 1000;

    pub fn run(args: Vec<String>) -> Result<String, String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let record = Record::shipped().ok_or("the shipped area files have no England file")?;
        let flag = |name: &str| args.iter().any(|a| a == name);
        match args.first().map(String::as_str) {
            Some("fit") => {
                let path = root.join(CATALOGUE);
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                let drift = fit::drift_section(&record);
                let updated = fit::with_drift(&text, &drift)
                    .ok_or("levers.json has no \"drift\" section between at_scale and levers")?;
                let updated =
                    fit::with_section(&updated, "chance_band", &fit::chance_band_section(&record))
                        .ok_or("levers.json has no \"chance_band\" section followed by another")?;
                LeverCatalogue::from_json(&updated).map_err(|e| e.to_string())?;
                let summary = format!(
                    "{}\n{}",
                    fit::summary(&record),
                    fit::chance_summary(&record)
                );
                if flag("--check") {
                    return if updated == text {
                        Ok(format!(
                            "{CATALOGUE}'s drift and chance_band sections are the fit\n{summary}"
                        ))
                    } else {
                        Err(format!("{CATALOGUE}'s drift or chance_band section differs from the fit: run pathways-record fit"))
                    };
                }
                std::fs::write(&path, &updated)
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                Ok(format!(
                    "{CATALOGUE}: drift and chance_band sections written\n{summary}"
                ))
            }
            Some("backtest") => {
                let catalogue = LeverCatalogue::standard();
                let half = if flag("--all") {
                    None
                } else {
                    Some(Half::Test)
                };
                let coverage =
                    backtest::run(&record, &catalogue, National::Drawn, half, DRAWS, SEED);
                let relative =
                    backtest::run(&record, &catalogue, National::Known, half, DRAWS, SEED);
                let envelope =
                    backtest::envelope(&record, &catalogue, half, ENVELOPE_REPLICATES, SEED);
                let dir = root.join(OUT_DIR);
                for (name, text) in [
                    ("coverage.csv", backtest::csv(&coverage, &envelope)),
                    ("coverage.svg", backtest::svg(&coverage, &envelope)),
                ] {
                    if half.is_some() {
                        std::fs::write(dir.join(name), text)
                            .map_err(|e| format!("cannot write {name}: {e}"))?;
                    }
                }
                Ok(format!(
                    "{} authorities ({}), {} projections, {DRAWS} draws, seed {SEED}\n\nThe 80% band as the app draws it:\n\n{}\nEngland's real change taken as known (the area's own drift and cohort noise alone):\n\n{}\nThe share inside beside what a right model would give ({} synthetic records drawn from the model, 5th-95th percentile):\n\n{}",
                    coverage.authorities,
                    if half.is_some() { "the half not fitted" } else { "all" },
                    coverage.projections,
                    backtest::table(&coverage),
                    backtest::table(&relative),
                    envelope.replicates,
                    backtest::envelope_table(&coverage, &envelope)
                ))
            }
            Some("oa") => {
                use pathways::build::lait::{Lait, LAIT_DIR};
                use pathways::record::oa;
                let read = |name: &str| {
                    let path = root.join(LAIT_DIR).join(name);
                    std::fs::read_to_string(&path)
                        .map_err(|e| format!("cannot read {}: {e}", path.display()))
                };
                let lait = Lait::parse(&read("extract.csv")?, &read("neighbours_may_2025.csv")?)
                    .map_err(|e| e.to_string())?;
                let catalogue = LeverCatalogue::standard();
                let rows = oa::rows(&record, &catalogue, &lait, DRAWS, SEED);
                let means = oa::means(&rows);
                let dir = root.join(OUT_DIR);
                for (name, text) in [
                    ("oa-record.csv", oa::csv(&rows, &means)),
                    ("oa-record.svg", oa::svg(&means)),
                ] {
                    std::fs::write(dir.join(name), text)
                        .map_err(|e| format!("cannot write {name}: {e}"))?;
                }
                let mut scales = String::new();
                for id in oa::WHOLE_LA_OAS {
                    if let Some(a) = record.areas.iter().find(|a| a.area.id == id) {
                        if let Ok(area) = a.area.as_of_year(2017) {
                            let model = pathways::model::Model::new(area, catalogue.clone());
                            let (_, scale) = oa::delivered_settings(&model);
                            scales.push_str(&format!("{} {:.2}; ", a.area.name, scale));
                            let name = format!("oa-{id}-2018-2022.json");
                            std::fs::write(
                                dir.join(&name),
                                oa::delivered_scenario(&model).to_json(),
                            )
                            .map_err(|e| format!("cannot write {name}: {e}"))?;
                        }
                    }
                }
                Ok(format!(
                    "The programme as delivered: Hastings' mix from {} to {}, £{:.0} a year per area; reach scaled by {}\n\n{}",
                    oa::START_YEAR,
                    oa::END_YEAR,
                    oa::FUNDING_GBP_PER_YEAR,
                    scales.trim_end_matches("; "),
                    oa::table(&rows, &means, &lait)
                ))
            }
            _ => Err("usage: pathways-record fit [--check] | backtest [--all] | oa".to_owned()),
        }
    }
}
