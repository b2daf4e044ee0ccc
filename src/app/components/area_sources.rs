//! The area's baseline figures with their sources or assumption labels.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::format;
use crate::model::{Model, Provenance, Sourced, Stage};

#[derive(Properties, PartialEq)]
pub struct AreaSourcesProps {
    pub model: Rc<Model>,
}

fn row(label: String, value: String, provenance: &Provenance) -> Html {
    html! {
        <tr>
            <th scope="row">{ label }</th>
            <td>{ value }</td>
            <td><span class={classes!("prov", provenance.is_assumption().then_some("assumption"))}>{ provenance.label() }</span></td>
            <td class="prov-text">{ provenance.text().to_owned() }</td>
        </tr>
    }
}

#[component]
pub fn AreaSources(props: &AreaSourcesProps) -> Html {
    let area = props.model.area();
    let share = |s: &Sourced<f64>| format::percent(s.value);
    let mut rows = vec![
        row(
            "Pupils per year group".to_owned(),
            format::pupils(area.cohort_size.value),
            &area.cohort_size.provenance,
        ),
        row(
            "FSM share".to_owned(),
            share(&area.fsm_share),
            &area.fsm_share.provenance,
        ),
    ];
    for stage in Stage::ALL {
        let rates = area.stages.get(stage);
        rows.push(row(
            format!("{}: FSM", stage.outcome()),
            share(&rates.fsm_rate),
            &rates.fsm_rate.provenance,
        ));
        rows.push(row(
            format!("{}: non-FSM", stage.outcome()),
            share(&rates.non_fsm_rate),
            &rates.non_fsm_rate.provenance,
        ));
        if let Some(link) = area.links.into_stage(stage) {
            rows.push(row(
                format!("Share of a lever's effect carried into {}", stage.label()),
                format!("{:.2}", link.effect_persistence.value),
                &link.effect_persistence.provenance,
            ));
        }
    }
    html! {
        <section class="sources" aria-labelledby="sources-heading">
            <details>
                <summary><h2 id="sources-heading">{ format!("Where the numbers come from: {} {}", area.name, area.base_year) }</h2></summary>
                <p class="hint">{ "Every baseline figure is either cited or labelled as an assumption. Lever evidence and costs are in each lever's evidence details." }</p>
                <div class="table-wrap">
                <table data-table="area-sources">
                    <thead><tr><th scope="col">{ "Figure" }</th><th scope="col">{ "Value" }</th><th scope="col">{ "Status" }</th><th scope="col">{ "Source or assumption" }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                </div>
            </details>
        </section>
    }
}
