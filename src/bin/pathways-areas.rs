//! Writes the shipped area files from the sourced extract.
//!
//! ```text
//! cargo run --bin pathways-areas            # (re)write static/data/areas/*.json
//! cargo run --bin pathways-areas -- --check # exit 1 if any file differs from what it builds
//! ```
//! The extract is `docs/data/opportunity-areas/{figures.csv,geography.csv}`; the rules are
//! in `src/build/areas.rs`, which is native only (a wasm build of this binary only says so).

use std::process::ExitCode;

#[cfg(not(target_arch = "wasm32"))]
fn run(check: bool) -> Result<String, String> {
    use pathways::build::areas::{build_area_files, AREAS_DIR, EXTRACT_DIR};
    use std::path::Path;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |name: &str| {
        let path = root.join(EXTRACT_DIR).join(name);
        std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let files = build_area_files(&read("figures.csv")?, &read("geography.csv")?)
        .map_err(|e| e.to_string())?;
    let dir = root.join(AREAS_DIR);
    let mut differing = Vec::new();
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
    let check = match args.as_slice() {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => {
            eprintln!("usage: pathways-areas [--check]");
            return ExitCode::from(2);
        }
    };
    match run(check) {
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
