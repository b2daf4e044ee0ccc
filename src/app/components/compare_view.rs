//! The compare view (`?view=compare&areas=blackpool,derby,…`): areas side by side, stage
//! by stage: what they share and what is unique to each, each shortfall marked where it
//! is beyond chance, as a dot plot with its table and a CSV. Each area's file is fetched
//! when listed (the service worker keeps it); one that cannot be fetched is named and the
//! rest shown. The figures are `model::diagnosis`'s, as the "where it stands" panel's.

use std::collections::HashMap;
use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::export_buttons::ExportButtons;
use crate::app::areas::{picker_groups, AreaChoice};
use crate::app::charts::standing::{dot_plot, DOT_HEIGHT, DOT_WIDTH};
use crate::app::export;
use crate::app::fetch::fetch_area;
use crate::app::state::{Action, PageAction};
use crate::app::view_model::Shared;
use crate::model::diagnosis::{
    across, compare_csv, diagnose, Diagnosis, Verdict, DIAGNOSED_STAGES,
};
use crate::model::Model;

#[derive(Properties, PartialEq)]
pub struct CompareViewProps {
    /// The ids compared, in the order listed.
    pub areas: Vec<String>,
    pub choices: Rc<Vec<AreaChoice>>,
    /// For the catalogue's drift (the chance band).
    pub model: Shared<Model>,
    pub on_action: Callback<Action>,
}

/// Each area's diagnosis once fetched, or why it could not be.
#[derive(Default, PartialEq)]
struct Loaded(HashMap<String, Result<Rc<Diagnosis>, String>>);

impl Reducible for Loaded {
    type Action = (String, Result<Rc<Diagnosis>, String>);
    fn reduce(self: Rc<Self>, (id, result): Self::Action) -> Rc<Self> {
        let mut map = self.0.clone();
        map.insert(id, result);
        Rc::new(Loaded(map))
    }
}

fn cell_text(gap: Option<f64>, verdict: Verdict) -> String {
    let Some(gap) = gap else {
        return "–".to_owned();
    };
    let mark = if verdict.beyond_chance() { " ★" } else { "" };
    format!("{gap:+.1}{mark}")
}

#[component]
pub fn CompareView(props: &CompareViewProps) -> Html {
    let loaded = use_reducer(Loaded::default);
    {
        let (loaded, model) = (loaded.clone(), props.model.clone());
        use_effect_with(props.areas.clone(), move |areas| {
            for id in areas
                .iter()
                .filter(|id| !loaded.0.contains_key(*id))
                .cloned()
            {
                let (loaded, model) = (loaded.clone(), model.clone());
                yew::platform::spawn_local(async move {
                    let result = fetch_area(&id)
                        .await
                        .map(|area| Rc::new(diagnose(&area, &model.catalogue().chance_band)));
                    loaded.dispatch((id, result));
                });
            }
        });
    }
    let set_areas = {
        let on_action = props.on_action.clone();
        move |areas: Vec<String>| on_action.emit(Action::Page(PageAction::Compare(Some(areas))))
    };
    let name_of = |id: &str| {
        props
            .choices
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| id.to_owned(), |c| c.short_name.clone())
    };
    // A district Opportunity Area's figures are its county's: its row says whose.
    let county_of = |id: &str, d: &Diagnosis| -> Option<String> {
        let choice = props.choices.iter().find(|c| c.id == id)?;
        (choice.kind == crate::model::GeographyKind::CountyProxy)
            .then(|| {
                d.stages
                    .first()
                    .map(|s| s.geography.split(" (").next().unwrap_or("").to_owned())
            })
            .flatten()
    };
    let ready: Vec<(String, Rc<Diagnosis>)> = props
        .areas
        .iter()
        .filter_map(|id| match loaded.0.get(id) {
            Some(Ok(d)) => Some((id.clone(), d.clone())),
            _ => None,
        })
        .collect();
    let failed: Vec<String> = props
        .areas
        .iter()
        .filter_map(|id| match loaded.0.get(id) {
            Some(Err(why)) => Some(format!("{} could not be loaded: {why}.", name_of(id))),
            _ => None,
        })
        .collect();
    let waiting = props.areas.len() - ready.len() - failed.len();
    let summary = across(ready.iter().map(|(_, d)| &**d));
    let labels: Vec<&str> = DIAGNOSED_STAGES.iter().map(|s| s.label()).collect();
    let cells: Vec<Vec<(String, f64, bool)>> = DIAGNOSED_STAGES
        .iter()
        .map(|&stage| {
            ready
                .iter()
                .filter_map(|(id, d)| {
                    let s = d.stage(stage)?;
                    Some((name_of(id), s.recent_gap_points?, s.verdict.beyond_chance()))
                })
                .collect()
        })
        .collect();
    let plot = dot_plot(&labels, &cells);

    let on_back = props
        .on_action
        .reform(|_: MouseEvent| Action::Page(PageAction::Compare(None)));
    let on_opportunity_areas = {
        let set_areas = set_areas.clone();
        Callback::from(move |_: MouseEvent| {
            set_areas(crate::model::area_index::AreaIndex::shipped().opportunity_area_ids())
        })
    };
    let on_add = {
        let (set_areas, areas) = (set_areas.clone(), props.areas.clone());
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let id = select.value();
            select.set_value("");
            if !id.is_empty() && !areas.contains(&id) {
                let mut next = areas.clone();
                next.push(id);
                set_areas(next);
            }
        })
    };
    // The CSV is written when asked for, not on every render.
    let on_csv = {
        let (ready, on_action) = (ready.clone(), props.on_action.clone());
        Callback::from(move |_: MouseEvent| {
            let csv = compare_csv(ready.iter().map(|(id, d)| (id.as_str(), &**d)));
            if let Err(text) = export::download_text("pathways-compare.csv", "text/csv", &csv) {
                on_action.emit(Action::notice(true, text));
            }
        })
    };
    let groups = picker_groups(&props.choices, "", &[]);
    html! {
        <section class="compare" aria-labelledby="compare-heading" data-role="compare">
            <div class="section-head">
                <h2 id="compare-heading">{ "Compare areas, stage by stage" }</h2>
                <button class="secondary" data-role="close-compare" onclick={on_back}>{ "Back to the simulator" }</button>
            </div>
            <p class="hint">
                { "Each area as of its latest published year. A cell gives the area's FSM rate less England's, in percentage points, averaged over its latest three published years; ★ marks a difference beyond what chance explains (below or above England in each of those years, and outside the band cohort noise and drift give an area of its size in at least two). A district Opportunity Area's figures are its county's." }
            </p>
            <div class="compare-choose">
                <ul class="compare-areas" aria-label="Areas compared">
                    { for props.areas.iter().map(|id| {
                        let name = name_of(id);
                        let (set_areas, areas, remove) = (set_areas.clone(), props.areas.clone(), id.clone());
                        let on_remove = Callback::from(move |_: MouseEvent| {
                            set_areas(areas.iter().filter(|a| **a != remove).cloned().collect());
                        });
                        html! {
                            <li data-area={id.clone()}>
                                { name.clone() }
                                <button class="link" aria-label={format!("Remove {name} from the comparison")} onclick={on_remove}
                                    disabled={props.areas.len() == 1}>{ "Remove" }</button>
                            </li>
                        }
                    }) }
                </ul>
                <label for="compare-add">{ "Add an area" }</label>
                <select id="compare-add" onchange={on_add}>
                    <option value="" selected=true>{ "Choose…" }</option>
                    { for groups.iter().map(|g| html! {
                        <optgroup label={g.label.clone()}>
                            { for g.options.iter().filter(|c| !props.areas.contains(&c.id)).map(|c| html! {
                                <option value={c.id.clone()}>{ c.short_name.clone() }</option>
                            }) }
                        </optgroup>
                    }) }
                </select>
                <button class="secondary" onclick={on_opportunity_areas}>{ "The 12 Opportunity Areas" }</button>
            </div>
            <p class="compare-status" role="status" data-role="compare-status" data-waiting={waiting.to_string()}>
                { if waiting > 0 { format!("Loading {waiting} of {} areas…", props.areas.len()) } else { format!("{} areas compared.", ready.len()) } }
            </p>
            { for failed.iter().map(|text| html! { <p class="error" role="alert" data-role="compare-failed">{ text.clone() }</p> }) }
            <h3>{ "What they share, and what is unique" }</h3>
            <ul class="compare-across" data-role="compare-across">
                { for summary.iter().map(|s| html! { <li data-stage={s.stage.key()}>{ s.sentence.clone() }</li> }) }
            </ul>
            <figure class="chart compare-chart">
                <figcaption id="compare-plot-title">{ "Gap to England by stage (FSM rate, points; filled: beyond chance)" }</figcaption>
                <svg id="compare-plot" viewBox={format!("0 0 {DOT_WIDTH} {DOT_HEIGHT}")} width={DOT_WIDTH.to_string()} height={DOT_HEIGHT.to_string()}
                    role="img" aria-labelledby="compare-plot-title" aria-describedby="compare-plot-desc">
                    <title>{ "Gap to England by stage" }</title>
                    <desc id="compare-plot-desc">{ "One dot an area; the table below gives every value." }</desc>
                    <g class="grid">
                        { for plot.y_ticks.iter().map(|(y, _)| html! { <line x1="48" x2={(DOT_WIDTH - 10.0).to_string()} y1={format!("{y:.1}")} y2={format!("{y:.1}")} /> }) }
                    </g>
                    { for plot.y_ticks.iter().map(|(y, label)| html! { <text class="tick" x="42" y={format!("{:.1}", y + 4.0)} text-anchor="end">{ label.clone() }</text> }) }
                    <line class="zero-line" x1="48" x2={(DOT_WIDTH - 10.0).to_string()} y1={format!("{:.1}", plot.zero_y)} y2={format!("{:.1}", plot.zero_y)} />
                    { for plot.columns.iter().map(|(x, label)| html! { <text class="tick" x={format!("{x:.1}")} y={(DOT_HEIGHT - 8.0).to_string()} text-anchor="middle">{ label.clone() }</text> }) }
                    { for plot.dots.iter().map(|d| html! {
                        <circle class={classes!("area-mark", d.beyond_chance.then_some("beyond"))} cx={format!("{:.1}", d.x)} cy={format!("{:.1}", d.y)} r="5">
                            <title>{ format!("{}: {:+.1} points{}", d.area, d.gap_points, if d.beyond_chance { ", beyond chance" } else { "" }) }</title>
                        </circle>
                    }) }
                </svg>
                <div class="chart-actions">
                    <ExportButtons svg_id="compare-plot" file_stem="pathways-compare" title="the comparison chart" on_action={props.on_action.clone()} />
                    <button class="link" data-role="compare-csv" onclick={on_csv}>{ "Download CSV" }</button>
                </div>
            </figure>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Comparison: table">
                <table data-role="compare-table">
                    <caption>{ "FSM rate less England's (points, mean of the latest three published years); ★ beyond chance" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Area" }</th>
                            { for DIAGNOSED_STAGES.iter().map(|s| html! { <th scope="col">{ s.label() }</th> }) }
                            <th scope="col">{ "Largest shortfall" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for ready.iter().map(|(id, d)| html! {
                            <tr data-area={id.clone()}>
                                <th scope="row">
                                    { name_of(id) }
                                    if let Some(county) = county_of(id, d) {
                                        <span class="cell-note">{ format!("{county}'s figures") }</span>
                                    }
                                </th>
                                { for DIAGNOSED_STAGES.iter().map(|&stage| {
                                    let cell = d.stage(stage).map(|s| (s.recent_gap_points, s.verdict));
                                    html! {
                                        <td data-stage={stage.key()} data-beyond={cell.map(|c| c.1.beyond_chance().to_string())}>
                                            { cell.map_or_else(|| "–".to_owned(), |(g, v)| cell_text(g, v)) }
                                            if cell.is_some_and(|c| c.1.beyond_chance()) {
                                                <span class="visually-hidden">{ " (beyond chance)" }</span>
                                            }
                                        </td>
                                    }
                                }) }
                                <td>{ d.largest_shortfall().map_or_else(|| "none".to_owned(), |s| s.stage.label().to_owned()) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
