//! One cohort's path through the stages, baseline beside scenario, as a flow diagram and
//! as a table.

use yew::prelude::*;

use super::export_buttons::ExportButtons;
use super::select::Select;
use crate::app::charts::flow::{layout, FlowLayout};
use crate::app::format;
use crate::app::state::{Action, ViewAction};
use crate::app::view_model::{FlowView, Shared};
use crate::model::{CohortFlow, Group, Stage};

#[derive(Properties, PartialEq)]
pub struct CohortFlowProps {
    /// The cohort followed and its path, baseline and scenario (`ViewModel::flow`).
    pub flow: Shared<FlowView>,
    pub on_action: Callback<Action>,
    /// Whether what is shown is behind the levers (see `hooks::use_deferred_off_screen`).
    #[prop_or_default]
    pub behind: bool,
    /// The section element, for the page to see whether it is on screen.
    #[prop_or_default]
    pub section: NodeRef,
}

const WIDTH: f64 = 520.0;
const HEIGHT: f64 = 250.0;
const LABEL_SPACE: f64 = 40.0;
const NODE_WIDTH: f64 = 16.0;

#[component]
pub fn CohortFlowView(props: &CohortFlowProps) -> Html {
    let FlowView {
        cohorts,
        cohort,
        group,
        baseline,
        scenario,
    } = &*props.flow;
    let on_cohort = props.on_action.reform(|value: String| {
        Action::View(ViewAction::SetFlowCohort(value.parse().unwrap_or_default()))
    });
    // The picker offers only the two groups, so any other value is a bug: ignored.
    let on_group = props
        .on_action
        .reform(|value: String| match value.parse::<Group>() {
            Ok(group) => Action::View(ViewAction::SetFlowGroup(group)),
            Err(e) => Action::notice(true, e),
        });
    let pupils = baseline.pupils;

    html! {
        <section class="flow" aria-labelledby="flow-heading" data-chart="flow" ref={props.section.clone()} aria-busy={props.behind.then_some("true")}>
            <div class="section-head">
                <h2 id="flow-heading">{ "One cohort's path" }</h2>
                <label>
                    { "Cohort starting school in " }
                    <Select id="flow-cohort" onchange={on_cohort} value={cohort.to_string()}
                        options={cohorts.iter().map(|y| (y.to_string(), format!("{y} (age 20 in {})", y + Stage::Post19.lag_years()))).collect::<Vec<_>>()} />
                </label>
                <label>
                    { "Pupils " }
                    <Select id="flow-group" onchange={on_group} value={group.to_string()}
                        options={Group::ALL.iter().map(|g| (g.to_string(), g.label().to_owned())).collect::<Vec<_>>()} />
                </label>
            </div>
            <p class="hint">
                { format!("{} {} pupils followed from reception. Blue blocks reached the standard at that stage, grey did not; ribbons show how pupils move between stages.", format::pupils(pupils), group.label()) }
            </p>
            <div class="flow-pair">
                { diagram("Baseline", baseline, "flow-baseline", &props.on_action) }
                { diagram("Scenario", scenario, "flow-scenario", &props.on_action) }
            </div>
            { flow_table(baseline, scenario) }
        </section>
    }
}

fn diagram(title: &str, flow: &CohortFlow, id: &str, on_action: &Callback<Action>) -> Html {
    let FlowLayout { nodes, links } = layout(flow, WIDTH, HEIGHT - LABEL_SPACE, NODE_WIDTH, 8.0);
    let title_id = format!("{id}-title");
    let summary = Stage::ALL
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                s.label(),
                format::percent(flow.stages[s.index()].reached_share)
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        <figure class="flow-diagram" data-flow={id.to_owned()}>
            <figcaption id={title_id.clone()}>{ title.to_owned() }</figcaption>
            <svg id={format!("svg-{id}")} viewBox={format!("0 {} {WIDTH} {HEIGHT}", -LABEL_SPACE)} width={WIDTH.to_string()} height={HEIGHT.to_string()} role="img" aria-labelledby={title_id}>
                <desc>{ format!("Share reaching the standard: {summary}.") }</desc>
                for link in links.iter() {
                    <path class={classes!("ribbon", if link.to_reached { "to-reached" } else { "to-not" })} d={link.path.clone()}>
                        <title>{ format!("{} {} → {} {}: {}", link.from_stage.label(), if link.from_reached { "reached" } else { "not reached" }, link.from_stage.next().map_or("", |s| s.label()), if link.to_reached { "reached" } else { "not reached" }, format::percent(link.share)) }</title>
                    </path>
                }
                for node in nodes.iter() {
                    <rect class={if node.reached { "node reached" } else { "node not-reached" }}
                        x={format!("{:.1}", node.x)} y={format!("{:.1}", node.y)} width={format!("{:.1}", node.width)} height={format!("{:.1}", node.height.max(0.5))} />
                }
                for (i, stage) in Stage::ALL.iter().enumerate() {
                    <text class="flow-label" x={format!("{:.1}", label_x(nodes[2 * i].x, i))} y={format!("{:.1}", -LABEL_SPACE + 14.0)} text-anchor={label_anchor(i)}>
                        { stage.label() }
                    </text>
                    <text class="flow-value" x={format!("{:.1}", label_x(nodes[2 * i].x, i))} y={format!("{:.1}", -LABEL_SPACE + 30.0)} text-anchor={label_anchor(i)}>
                        { format!("{} · {}", flow.stages[i].year, format::percent(flow.stages[i].reached_share)) }
                    </text>
                }
            </svg>
            <div class="chart-actions"><ExportButtons svg_id={format!("svg-{id}")} file_stem={format!("pathways-{id}")} title={format!("{title} cohort flow")} on_action={on_action.clone()} /></div>
        </figure>
    }
}

/// Column labels sit over their block; the outer ones align with the diagram's edges.
fn label_x(node_x: f64, column: usize) -> f64 {
    match column {
        0 => node_x,
        c if c == Stage::COUNT - 1 => node_x + NODE_WIDTH,
        _ => node_x + NODE_WIDTH / 2.0,
    }
}

fn label_anchor(column: usize) -> &'static str {
    match column {
        0 => "start",
        c if c == Stage::COUNT - 1 => "end",
        _ => "middle",
    }
}

fn flow_table(baseline: &CohortFlow, scenario: &CohortFlow) -> Html {
    let pupils = baseline.pupils;
    html! {
        <details class="flow-table">
            <summary>{ "Show the cohort's path as a table" }</summary>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Cohort flow: table">
            <table data-table="flow">
                <caption>{ format!("Pupils of the {} cohort reaching each standard, and moving between stages", baseline.reception_year) }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Stage (year)" }</th>
                        <th scope="col">{ "Baseline reached" }</th>
                        <th scope="col">{ "Scenario reached" }</th>
                        <th scope="col">{ "Scenario: reached this and the next" }</th>
                        <th scope="col">{ "Scenario: missed this, reached the next" }</th>
                    </tr>
                </thead>
                <tbody>
                    for (i, stage) in Stage::ALL.iter().enumerate() {
                        <tr>
                            <th scope="row">{ format!("{} ({})", stage.label(), scenario.stages[i].year) }</th>
                            <td>{ format!("{} ({})", format::pupils(pupils * baseline.stages[i].reached_share), format::percent(baseline.stages[i].reached_share)) }</td>
                            <td>{ format!("{} ({})", format::pupils(pupils * scenario.stages[i].reached_share), format::percent(scenario.stages[i].reached_share)) }</td>
                            <td>{ scenario.transitions.get(i).map_or("–".to_owned(), |t| format::pupils(pupils * t.reached_both)) }</td>
                            <td>{ scenario.transitions.get(i).map_or("–".to_owned(), |t| format::pupils(pupils * t.not_then_reached)) }</td>
                        </tr>
                    }
                </tbody>
            </table>
            </div>
        </details>
    }
}
