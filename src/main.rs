//! The web app's entry point (built for wasm32 by Trunk).

#[cfg(target_arch = "wasm32")]
fn main() {
    pathways::app::start();
}

/// Natively there is no app to run: use `pathways-cli` instead.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The Pathways web app runs in a browser: see README.md (`.ci/serve`). For the command line, run pathways-cli.");
}
