//! Reusable hooks.

mod use_bands;

pub use use_bands::use_bands_worker;
