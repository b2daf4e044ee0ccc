//! The levers, grouped by the six barriers of the Opportunity Area delivery plans.

use std::rc::Rc;

use yew::prelude::*;

use super::lever_control::LeverControl;
use crate::app::format;
use crate::app::state::Action;
use crate::model::{Barrier, LeverSettings, Model};
use crate::scenario::analysis::LeverCost;

#[derive(Properties, PartialEq)]
pub struct LeverPanelProps {
    pub model: Rc<Model>,
    pub settings: LeverSettings,
    pub costs: Rc<Vec<LeverCost>>,
    pub on_action: Callback<Action>,
}

#[component]
pub fn LeverPanel(props: &LeverPanelProps) -> Html {
    let catalogue = props.model.catalogue();
    let area = props.model.area();
    let active = props
        .settings
        .values()
        .filter(|s| s.reach_share > 0.0)
        .count();
    let reset_all = props.on_action.reform(|_: MouseEvent| Action::ResetAll);
    let total: f64 = props.costs.iter().map(|c| c.total_gbp).sum();
    html! {
        <>
            <div class="levers-head">
                <h2 id="levers-heading">{ "Intervention levers" }</h2>
                <button id="reset-all" class="secondary" onclick={reset_all}>
                    { "Reset all" }
                </button>
            </div>
            <p class="hint">
                { format!("{active} of {} levers on", catalogue.levers.len()) }
                if active > 0 { { format!(" · plan cost {} over {}-{}", format::gbp(total), area.base_year, area.horizon_end_year) } }
                { ". Reach is the share of the group the lever serves, in every year group it covers, once ramped up." }
            </p>
            for barrier in Barrier::ALL {
                <section class="barrier" aria-labelledby={format!("barrier-{barrier:?}")}>
                    <h3 id={format!("barrier-{barrier:?}")}>{ barrier.label() }</h3>
                    for lever in catalogue.levers.iter().filter(|l| l.barrier == barrier) {
                        <LeverControl
                            key={lever.id.clone()}
                            lever={lever.clone()}
                            setting={props.settings.get(&lever.id).copied()}
                            default_setting={lever.default_setting(area)}
                            years={(area.base_year, area.horizon_end_year)}
                            pupils_served={lever.pupils_served(area)}
                            full_reach_gbp_a_year={lever.full_reach_cost_gbp_per_year(area)}
                            cost={props.costs.iter().find(|c| c.lever_id == lever.id).cloned()}
                            path={catalogue.effect_path(lever)}
                            large_trial_mean_sd={catalogue.at_scale.large_trial_mean_sd.value}
                            weight_per_padlock={catalogue.at_scale.evidence_weight_per_padlock.value}
                            on_action={props.on_action.clone()}
                        />
                    }
                </section>
            }
        </>
    }
}
