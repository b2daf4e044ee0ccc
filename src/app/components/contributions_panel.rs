//! Diagnosis: what each lever that is on contributes to each headline's change in the
//! headline year, as a waterfall chart with a table (Shapley values, from the worker).

use yew::prelude::*;

use crate::app::state::Action;
use crate::app::view_model::{ContributionsView, Shared};

#[derive(Properties, PartialEq)]
pub struct ContributionsPanelProps {
    /// `None` until the worker's first analysis arrives.
    pub contributions: Shared<Option<ContributionsView>>,
    /// The headline year the split is for.
    pub year: i32,
    pub on_action: Callback<Action>,
}

#[component]
pub fn ContributionsPanel(props: &ContributionsPanelProps) -> Html {
    html! {
        <section class="contributions" id="contributions" aria-labelledby="contributions-heading">
            <h2 id="contributions-heading">{ format!("What each lever adds in {}", props.year) }</h2>
        </section>
    }
}
