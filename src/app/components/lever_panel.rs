//! The levers, grouped by the six barriers of the Opportunity Area delivery plans.

use yew::prelude::*;

use super::lever_control::LeverControl;
use crate::app::format;
use crate::app::state::{Action, PlanAction};
use crate::app::view_model::{CostView, LeverInfo, Shared};
use crate::model::{Barrier, LeverSettings};

#[derive(Properties, PartialEq)]
pub struct LeverPanelProps {
    /// Every lever in the catalogue (`ViewModel::levers`).
    pub levers: Shared<Vec<Shared<LeverInfo>>>,
    pub settings: LeverSettings,
    /// The plan's costs, for each lever's cost and the plan total.
    pub cost: Shared<CostView>,
    pub on_action: Callback<Action>,
}

#[component]
pub fn LeverPanel(props: &LeverPanelProps) -> Html {
    let levers = &props.levers;
    let active = props
        .settings
        .values()
        .filter(|s| s.reach_share > 0.0)
        .count();
    let reset_all = props
        .on_action
        .reform(|_: MouseEvent| Action::Plan(PlanAction::ResetAll));
    let total = props.cost.total_gbp;
    let (first, last) = levers.first().map_or((0, 0), |l| l.years);
    html! {
        <>
            <div class="levers-head">
                <h2 id="levers-heading">{ "Intervention levers" }</h2>
                <button id="reset-all" class="secondary" onclick={reset_all}>
                    { "Reset all" }
                </button>
            </div>
            <p class="hint">
                { format!("{active} of {} levers on", levers.len()) }
                if active > 0 { { format!(" · plan cost {} over {first}-{last}", format::gbp(total)) } }
                { ". Reach is the share of the group the lever serves, in every year group it covers, once ramped up." }
            </p>
            for barrier in Barrier::ALL {
                <section class="barrier" aria-labelledby={format!("barrier-{barrier:?}")}>
                    <h3 id={format!("barrier-{barrier:?}")}>{ barrier.label() }</h3>
                    for info in levers.iter().filter(|l| l.lever.barrier == barrier) {
                        <LeverControl
                            key={info.lever.id.as_str()}
                            info={info.clone()}
                            setting={props.settings.get(&info.lever.id).copied()}
                            cost={props.cost.levers.iter().find(|c| c.lever_id == info.lever.id).cloned()}
                            on_action={props.on_action.clone()}
                        />
                    }
                </section>
            }
        </>
    }
}
