//! Writes the shipped area files from the sourced extract.
//!
//! ```text
//! cargo run --bin pathways-areas                    # (re)write static/data/areas/*.json
//! cargo run --bin pathways-areas -- --check         # exit 1 if any file differs
//! cargo run --bin pathways-areas -- --as-of 2025    # files that open as of 2025
//! ```
//! The extracts are `docs/data/opportunity-areas/{figures.csv,geography.csv}` and
//! `docs/data/lait/{extract.csv,neighbours_may_2025.csv}`; the rules are in
//! `src/build/areas.rs` and `src/build/lait.rs`, which are native only (a wasm build of
//! this binary only says so). Files no longer built (an LA that lost its code) are not
//! deleted: `--check` names them.

use std::process::ExitCode;

#[cfg(not(target_arch = "wasm32"))]
fn run(check: bool, as_of: i32) -> Result<String, String> {
    use pathways::build::areas::{build_area_files, Inputs, AREAS_DIR, EXTRACT_DIR};
    use pathways::build::lait::LAIT_DIR;
    use std::path::Path;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |dir: &str, name: &str| {
        let path = root.join(dir).join(name);
        std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let (figures, geography) = (
        read(EXTRACT_DIR, "figures.csv")?,
        read(EXTRACT_DIR, "geography.csv")?,
    );
    let (lait, neighbours) = (
        read(LAIT_DIR, "extract.csv")?,
        read(LAIT_DIR, "neighbours_may_2025.csv")?,
    );
    let built = build_area_files(
        &Inputs {
            figures_csv: &figures,
            geography_csv: &geography,
            lait_extract_csv: &lait,
            lait_neighbours_csv: &neighbours,
        },
        as_of,
    )
    .map_err(|e| e.to_string())?;
    for (name, why) in &built.skipped {
        eprintln!("pathways-areas: {name} left out: {why}");
    }
    let dir = root.join(AREAS_DIR);
    let mut differing = Vec::new();
    let index = pathways::build::areas::AreaFile {
        id: "index".to_owned(),
        text: built.index.clone(),
    };
    let files: Vec<_> = built.files.iter().chain(std::iter::once(&index)).collect();
    for file in &files {
        let path = dir.join(file.file_name());
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() == Some(file.text.as_str()) {
            continue;
        }
        if check {
            differing.push(file.file_name());
        } else {
            std::fs::write(&path, &file.text)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            differing.push(file.file_name());
        }
    }
    if check && !differing.is_empty() {
        return Err(format!(
            "{} differ from what pathways-areas builds: {}",
            differing.len(),
            differing.join(", ")
        ));
    }
    Ok(if check {
        format!("{} area files are up to date", files.len())
    } else {
        format!(
            "{} area files built, {} written{}",
            files.len(),
            differing.len(),
            if differing.is_empty() {
                String::new()
            } else {
                format!(": {}", differing.join(", "))
            }
        )
    })
}

#[cfg(target_arch = "wasm32")]
fn main() -> ExitCode {
    ExitCode::from(2)
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut check = false;
    let mut as_of = pathways::build::areas::DEFAULT_AS_OF;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--as-of" => match rest.next().map(|y| y.parse::<i32>()) {
                Some(Ok(year)) if (2016..=2025).contains(&year) => as_of = year,
                _ => {
                    eprintln!("pathways-areas: --as-of takes a year from 2016 to 2025");
                    return ExitCode::from(2);
                }
            },
            _ => {
                eprintln!("usage: pathways-areas [--check] [--as-of YEAR]");
                return ExitCode::from(2);
            }
        }
    }
    match run(check, as_of) {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("pathways-areas: {message}");
            ExitCode::from(1)
        }
    }
}
