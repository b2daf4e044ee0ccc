//! Pathways: a cohort-flow scenario simulator for an English Opportunity Area.
//!
//! - [`model`]: the pure simulation (area data, levers, engine, Monte Carlo).
//! - [`scenario`]: what users save and share (versioned scenarios, CSV/JSON export).
//! - `build` (native only): the area files built from the sourced extract.
//! - `record` (native only): the bands' drift fitted on, and back-tested against, what
//!   every local authority published.
//! - [`app`]: the Yew user interface, a thin layer over the two above (natively, only its
//!   pure parts: chart geometry, formats, area summaries and the store's reducer).

pub mod model;
pub mod scenario;
pub mod text;

/// The area-file builder, native only (see [`build`]).
#[cfg(not(target_arch = "wasm32"))]
pub mod build;

/// The record of every local authority: the drift fit and the back-test, native only.
#[cfg(not(target_arch = "wasm32"))]
pub mod record;

pub mod app;
#[cfg(all(test, target_arch = "wasm32"))]
mod wasm_tests;
#[cfg(target_arch = "wasm32")]
pub mod worker;
