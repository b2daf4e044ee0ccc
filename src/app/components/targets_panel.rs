//! Success measures and monitoring: a target per headline outcome, the results the board
//! enters year by year, each headline's status against the projection, and re-basing the
//! projection on the latest results.

use yew::prelude::*;

use crate::app::state::Action;
use crate::app::view_model::{Headlines, Shared};
use crate::scenario::target::{Actual, Target};

#[derive(Properties, PartialEq)]
pub struct TargetsPanelProps {
    pub targets: Vec<Target>,
    pub actuals: Vec<Actual>,
    /// The cards, for each outcome's status and chance.
    pub headlines: Shared<Headlines>,
    /// First and last projected year.
    pub years: (i32, i32),
    pub on_action: Callback<Action>,
}

#[component]
pub fn TargetsPanel(_props: &TargetsPanelProps) -> Html {
    html! {
        <section class="targets" id="targets" aria-labelledby="targets-heading">
            <h2 id="targets-heading">{ "Success measures and results" }</h2>
        </section>
    }
}
