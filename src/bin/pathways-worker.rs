//! The web worker that runs Monte Carlo draws off the page's main thread (built by Trunk).

#[cfg(target_arch = "wasm32")]
fn main() {
    use gloo::worker::Registrable;
    pathways::worker::PathwaysWorker::registrar().register();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("pathways-worker only runs inside a browser, started by the Pathways web app.");
}
