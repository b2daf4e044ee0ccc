//! Builds the data files the app ships from the sourced extracts. Native only: it is run
//! by `pathways-areas` and checked by `tests/area_data.rs`, and nothing in the browser
//! needs it, so it is kept out of the wasm.

pub mod areas;
pub mod error;
pub mod lait;

pub(crate) use areas::{parse_csv, round_to, Record};
