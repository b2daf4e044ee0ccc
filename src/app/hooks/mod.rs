//! Reusable hooks: the side effects that follow the store (worker, storage, address bar).

mod use_area_fetch;
mod use_deferred;
mod use_offscreen_skipping;
mod use_storage;
pub mod use_url;
mod use_worker;

pub use use_area_fetch::use_area_fetch;
pub use use_deferred::use_deferred_off_screen;
pub use use_offscreen_skipping::use_offscreen_skipping;
pub(crate) use use_storage::local_storage;
pub use use_storage::{use_actuals_storage, use_scenario_storage};
pub use use_url::use_address_sync;
pub use use_worker::use_worker;
