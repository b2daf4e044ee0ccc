//! The Yew user interface: a thin layer over [`crate::model`] and [`crate::scenario`].

use yew::prelude::*;

#[component]
pub fn App() -> Html {
    html! {
        <main data-app-ready="true">
            <h1>{ "Pathways" }</h1>
        </main>
    }
}

/// Mounts the app on `#app` (or the body if the page has no such element).
pub fn start() {
    let root = gloo::utils::document().get_element_by_id("app");
    match root {
        Some(root) => {
            root.set_inner_html("");
            yew::Renderer::<App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}
