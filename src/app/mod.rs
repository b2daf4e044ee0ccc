//! The Yew user interface: a thin layer over [`crate::model`] and [`crate::scenario`].
//! Chart geometry (`charts`), the area summaries (`areas`), number formats (`format`) and
//! the store (`state`, its reducer `State::apply`) are plain Rust, compiled and tested
//! natively; everything else here needs a browser.

pub mod address;
pub mod areas;
pub mod charts;
#[cfg(target_arch = "wasm32")]
mod export;
#[cfg(target_arch = "wasm32")]
pub(crate) mod fetch;
#[cfg(target_arch = "wasm32")]
mod files;
pub mod format;
pub mod frontier_view;
pub mod jobs;

#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
pub(crate) mod hooks;
pub mod state;
pub mod view_model;

#[cfg(target_arch = "wasm32")]
pub use components::app::{App, AppProps, Opening, Root};

/// Mounts the app on `#app` (or the body if the page has no such element).
#[cfg(target_arch = "wasm32")]
pub fn start() {
    // One stylesheet for every chart on the page; exports embed the same rules.
    let document = gloo::utils::document();
    if let (Ok(style), Some(head)) = (document.create_element("style"), document.head()) {
        style.set_text_content(Some(charts::style::CHART_CSS));
        let _ = head.append_child(&style);
    }
    match gloo::utils::document().get_element_by_id("app") {
        Some(root) => {
            root.set_inner_html("");
            yew::Renderer::<Root>::with_root(root).render();
        }
        None => {
            yew::Renderer::<Root>::new().render();
        }
    }
}
