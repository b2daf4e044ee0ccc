//! Reusable hooks: the side effects that follow the store (worker, storage, address bar).

mod use_bands;
mod use_storage;
pub mod use_url;

pub use use_bands::use_bands_worker;
pub use use_storage::use_scenario_storage;
pub use use_url::use_address_sync;
