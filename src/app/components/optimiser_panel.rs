//! Prioritising: the best plan for a budget. The worker searches the levers' reach for
//! the plans with the best expected outcome at each cost (the cost-impact frontier); a
//! point loads its plan.

use yew::prelude::*;

use crate::app::state::{Action, FrontierState};
use crate::app::view_model::Shared;
use crate::model::Model;
use crate::scenario::target::Target;

#[derive(Properties, PartialEq)]
pub struct OptimiserPanelProps {
    /// The levers and area, for names and the years offered.
    pub model: Shared<Model>,
    pub frontier: Shared<FrontierState>,
    /// The budget a year (the cost panel's), which the best plan must stay within.
    pub budget_gbp_per_year: f64,
    /// The board's targets: the chance of the chosen outcome's is shown along the frontier.
    pub targets: Vec<Target>,
    /// The headline year, offered first.
    pub target_year: i32,
    pub on_action: Callback<Action>,
}

#[component]
pub fn OptimiserPanel(_props: &OptimiserPanelProps) -> Html {
    html! {
        <section class="optimiser" id="optimiser" aria-labelledby="optimiser-heading">
            <h2 id="optimiser-heading">{ "Best plan for a budget" }</h2>
        </section>
    }
}
