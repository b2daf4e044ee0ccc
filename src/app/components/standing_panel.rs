//! "Where [area] stands": the board's first job, diagnosis. One small chart a stage (the
//! area's FSM rate against England's, the band chance gives around England, and the
//! statistical neighbours' mean and range), a sentence a stage, the stages ranked by their
//! shortfall with the largest linked to its levers, every figure in a table, the context
//! measures beside them, and a CSV of it all. Everything shown is derived by
//! `model::diagnosis` (view-model: `ViewModel::diagnosis`).

use yew::prelude::*;

use super::export_buttons::ExportButtons;
use crate::app::charts::standing::{gap_chart, standing_chart, HEIGHT, WIDTH};
use crate::app::export;
use crate::app::format;
use crate::app::state::Action;
use crate::app::view_model::{DiagnosisView, Shared};
use crate::model::diagnosis::{points_words, to_csv, StageStanding, Verdict};
use crate::model::LeverId;

#[derive(Properties, PartialEq)]
pub struct StandingPanelProps {
    pub view: Shared<DiagnosisView>,
    /// For a district Opportunity Area, the county whose figures these are.
    #[prop_or_default]
    pub county_name: Option<AttrValue>,
    /// Opens the levers (on a small screen, their panel) at this lever.
    pub on_lever: Callback<LeverId>,
    /// Opens the compare view with this area among the Opportunity Areas.
    pub on_compare: Callback<()>,
    pub on_action: Callback<Action>,
}

fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

fn optional(value: Option<f64>, text: impl Fn(f64) -> String) -> String {
    value.map_or_else(|| "–".to_owned(), text)
}

fn verdict_words(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::BelowBeyondChance => "below England, more than chance explains",
        Verdict::AboveBeyondChance => "above England, more than chance explains",
        Verdict::WithinChance => "within what chance explains",
        Verdict::TooFewYears => "too few years to tell",
    }
}

#[component]
pub fn StandingPanel(props: &StandingPanelProps) -> Html {
    // The charts show the FSM rate (against England's chance band) or the FSM gap.
    let show_gap = use_state(|| false);
    let view = &props.view;
    let d = &view.diagnosis;
    if d.stages.is_empty() {
        return html! {
            <section class="standing" id="standing" aria-labelledby="standing-heading">
                <h2 id="standing-heading">{ format!("Where {} stands", d.area_name) }</h2>
                <p class="hint">{ "This area's file has no published FSM series to compare with England." }</p>
            </section>
        };
    }
    let largest = d.largest_shortfall().map(|s| s.stage);
    let (on_rate, on_gap) = {
        let (a, b) = (show_gap.clone(), show_gap.clone());
        (
            Callback::from(move |_: MouseEvent| a.set(false)),
            Callback::from(move |_: MouseEvent| b.set(true)),
        )
    };
    // The CSV is written when asked for, not on every render.
    let on_csv = {
        let (view, name, on_action) = (
            view.clone(),
            format::file_name(
                &["pathways", &d.area_name, "diagnosis", &d.as_of.to_string()],
                "",
                "csv",
            ),
            props.on_action.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let csv = to_csv(&view.diagnosis);
            if let Err(text) = export::download_text(&name, "text/csv", &csv) {
                on_action.emit(Action::notice(true, text));
            }
        })
    };
    let on_compare = props.on_compare.reform(|_: MouseEvent| ());
    let priority = largest.and_then(|stage| d.stage(stage)).map(|s| {
        let levers = &view.levers_by_stage[s.stage.index()];
        html! {
            <div class="standing-priority" data-role="largest-shortfall" data-stage={s.stage.key()}>
                <p>
                    <strong>{ format!("Largest shortfall: {}", s.stage.label()) }</strong>
                    { format!(", {} below England on average over its latest published years ({}).", points_words(s.shortfall_points()), verdict_words(s.verdict)) }
                </p>
                if !levers.is_empty() {
                    <p class="standing-levers">
                        { format!("Levers that act at {}: ", s.stage.label()) }
                        { for levers.iter().map(|(id, name)| {
                            let on_lever = props.on_lever.clone();
                            let target = id.clone();
                            html! {
                                <button class="link" data-role="stage-lever" data-lever={id.to_string()}
                                    onclick={Callback::from(move |_: MouseEvent| on_lever.emit(target.clone()))}>
                                    { name.clone() }
                                </button>
                            }
                        }) }
                    </p>
                }
            </div>
        }
    });
    html! {
        <section class="standing" id="standing" aria-labelledby="standing-heading">
            <div class="section-head">
                <h2 id="standing-heading">{ format!("Where {} stands", d.area_name) }</h2>
                if let Some(county) = &props.county_name {
                    <span class="standing-proxy" data-role="standing-proxy">{ format!("{county}'s figures: a county proxy (see below)") }</span>
                }
                <button class="secondary" data-role="open-compare" onclick={on_compare}>{ "Compare areas" }</button>
                <button class="link" data-role="diagnosis-csv" onclick={on_csv}>{ "Download CSV" }</button>
            </div>
            <p class="standing-ranking-line" id="standing-ranking-label">{ "Stages ranked by shortfall against England (latest three published years, points):" }</p>
            <ol class="standing-ranking" aria-labelledby="standing-ranking-label">
                { for d.ranking.iter().filter_map(|&stage| d.stage(stage)).map(|s| html! {
                    <li class={classes!((Some(s.stage) == largest).then_some("largest"))} data-stage={s.stage.key()}>
                        { format!("{} {}", s.stage.label(), s.recent_gap_points.map_or_else(|| "–".to_owned(), |g| format!("{g:+.1}"))) }
                        if s.verdict.beyond_chance() { <span aria-hidden="true">{ " ★" }</span><span class="visually-hidden">{ " (beyond chance)" }</span> }
                    </li>
                }) }
            </ol>
            <div class="standing-controls">
            <div class="standing-show" role="group" aria-label="The charts show">
                <button class="secondary" data-role="show-rate" aria-pressed={(!*show_gap).to_string()} onclick={on_rate}>{ "FSM rate" }</button>
                <button class="secondary" data-role="show-gap" aria-pressed={show_gap.to_string()} onclick={on_gap}>{ "FSM gap (non-FSM less FSM)" }</button>
            </div>
            <ul aria-label="Key to the charts below" class="legend standing-legend">
                if *show_gap {
                    <li><span class="swatch" style="border-top-color: #0072b2"></span>{ "This area's gap, points" }</li>
                    <li><span class="swatch" style="border-top-color: #7b3294; border-top-style: dashed"></span>{ "England's gap" }</li>
                    <li><span class="swatch" style="border-top-color: #00734f; border-top-style: dotted"></span>{ "Neighbours' mean gap" }</li>
                } else {
                    <li><span class="swatch" style="border-top-color: #0072b2"></span>{ "This area (filled: beyond chance)" }</li>
                    <li><span class="swatch" style="border-top-color: #7b3294; border-top-style: dashed"></span>{ "England, with the chance band" }</li>
                    <li><span class="swatch" style="border-top-color: #00734f; border-top-style: dotted"></span>{ "Neighbours' mean and range" }</li>
                }
            </ul>
            </div>
            <div class="standing-grid" data-shows={if *show_gap { "gap" } else { "rate" }}>
                { for d.stages.iter().map(|s| stage_chart(s, Some(s.stage) == largest, *show_gap, &props.on_action)) }
            </div>
            { priority.unwrap_or_default() }
            <p class="hint" id="standing-about">
                { format!("Published results for FSM pupils up to {}, against England and the statistical neighbours' mean and range. ", d.as_of) }
                { "The shaded band around England is where an area with this many FSM pupils would land by chance alone, from cohort noise and a year's drift (P10 to P90); a filled dot lies outside it. " }
                if let Some(county) = &props.county_name {
                    <strong>{ format!("These are {county}'s figures: no source publishes the district's own by FSM, and a deprived district can differ a lot from its county. The band uses the district's FSM cohort, so it is wider than the county's would be.") }</strong>
                }
            </p>
            <details class="standing-tables" data-role="standing-table">
                <summary>{ "Table: every published year, with the FSM gap" }</summary>
                { for d.stages.iter().map(stage_table) }
            </details>
            { context_table(d) }
        </section>
    }
}

fn stage_chart(s: &StageStanding, largest: bool, gap: bool, on_action: &Callback<Action>) -> Html {
    let chart = if gap { gap_chart(s) } else { standing_chart(s) };
    let key = s.stage.key();
    let svg_id = format!("standing-{key}");
    let title = if gap {
        format!(
            "{}: FSM gap against England and neighbours",
            s.stage.label()
        )
    } else {
        format!(
            "{}: FSM rate against England and neighbours",
            s.stage.label()
        )
    };
    let desc = if gap {
        let latest = s.years.iter().rev().find(|y| y.fsm_gap_points().is_some());
        latest.map_or_else(String::new, |y| {
            format!(
                "The FSM gap in {}: {} points here, {} in England, {} across the neighbours.",
                y.year,
                optional(y.fsm_gap_points(), |g| format!("{g:.1}")),
                optional(y.england_fsm_gap_points(), |g| format!("{g:.1}")),
                optional(y.neighbours_fsm_gap_points(), |g| format!("{g:.1}"))
            )
        })
    } else {
        s.sentence.clone()
    };
    html! {
        <figure class={classes!("chart", "standing-chart", largest.then_some("largest"))} data-stage={key}>
            <figcaption id={format!("{svg_id}-title")}>
                { format!("{}: {}", s.stage.label(), s.stage.outcome()) }
                if gap { { ", FSM gap (points)" } }
            </figcaption>
            <svg id={svg_id.clone()} viewBox={format!("0 0 {WIDTH} {HEIGHT}")} width={WIDTH.to_string()} height={HEIGHT.to_string()}
                role="img" aria-labelledby={format!("{svg_id}-title")} aria-describedby={format!("{svg_id}-desc")}>
                <title>{ title.clone() }</title>
                <desc id={format!("{svg_id}-desc")}>{ desc }</desc>
                <g class="grid">
                    { for chart.y_ticks.iter().map(|(y, _)| html! { <line x1="38" x2={(WIDTH - 10.0).to_string()} y1={format!("{y:.1}")} y2={format!("{y:.1}")} /> }) }
                </g>
                { for chart.y_ticks.iter().map(|(y, label)| html! { <text class="tick" x="34" y={format!("{:.1}", y + 4.0)} text-anchor="end">{ label.clone() }</text> }) }
                { for chart.x_ticks.iter().map(|(x, label)| html! { <text class="tick" x={format!("{x:.1}")} y={(HEIGHT - 8.0).to_string()} text-anchor="middle">{ label.clone() }</text> }) }
                { for chart.band.iter().map(|d| html! { <path class="chance-band" data-series="chance-band" d={d.clone()} /> }) }
                { for chart.neighbours_range.iter().map(|d| html! { <path class="neighbours-range" d={d.clone()} /> }) }
                { for chart.england.iter().map(|d| html! { <path class="line england" data-series="england" d={d.clone()} /> }) }
                { for chart.neighbours.iter().map(|d| html! { <path class="line neighbours" data-series="neighbours" d={d.clone()} /> }) }
                { for chart.area.iter().map(|d| html! { <path class="line area" data-series="area" d={d.clone()} /> }) }
                { for chart.area_marks.iter().map(|m| html! {
                    <circle class={classes!("area-mark", m.beyond_chance.then_some("beyond"))} cx={format!("{:.1}", m.x)} cy={format!("{:.1}", m.y)} r="4"
                        data-year={m.year.to_string()} data-beyond={m.beyond_chance.to_string()}>
                        <title>{ if gap { format!("{}: gap {:.1} points", m.year, m.value) } else { format!("{}: {}{}", m.year, percent(m.value), if m.beyond_chance { ", outside the chance band" } else { "" }) } }</title>
                    </circle>
                }) }
            </svg>
            <p class="standing-sentence" data-role="stage-sentence" data-stage={key}>{ s.sentence.clone() }</p>
            <div class="chart-actions">
                <ExportButtons svg_id={svg_id.clone()} file_stem={format!("pathways-standing-{key}")} title={title} on_action={on_action.clone()} />
            </div>
        </figure>
    }
}

fn stage_table(s: &StageStanding) -> Html {
    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-label={format!("{}: table", s.stage.label())}>
            <table data-stage={s.stage.key()}>
                <caption>
                    { format!("{}: {} (FSM pupils). ", s.stage.label(), s.stage.outcome()) }
                    <span class="cell-note">{ format!("{}. Source: {}", s.geography, s.source) }</span>
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Year" }</th>
                        <th scope="col">{ "Area, FSM" }</th>
                        <th scope="col">{ "England, FSM" }</th>
                        <th scope="col">{ "Chance band (P10-P90)" }</th>
                        <th scope="col">{ "Neighbours' mean (range)" }</th>
                        <th scope="col">{ "Gap to England (points)" }</th>
                        <th scope="col">{ "Beyond chance" }</th>
                        <th scope="col">{ "FSM gap: area / England / neighbours (points)" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for s.years.iter().map(|y| html! {
                        <tr>
                            <th scope="row">{ y.year }</th>
                            <td>{ percent(y.area) }</td>
                            <td>{ optional(y.england, percent) }</td>
                            <td>{ y.band.map_or_else(|| "–".to_owned(), |(l, h)| format!("{} to {}", percent(l), percent(h))) }</td>
                            <td>{ match (y.neighbours, y.neighbours_range) {
                                (Some(m), Some((l, h))) => format!("{} ({} to {})", percent(m), percent(l), percent(h)),
                                (Some(m), None) => percent(m),
                                _ => "–".to_owned(),
                            } }</td>
                            <td>{ optional(y.gap_to_england_points(), |g| format!("{g:+.1}")) }</td>
                            <td>{ match y.beyond_chance() { Some(true) => "yes", Some(false) => "no", None => "–" } }</td>
                            <td>{ format!("{} / {} / {}",
                                optional(y.fsm_gap_points(), |g| format!("{g:.1}")),
                                optional(y.england_fsm_gap_points(), |g| format!("{g:.1}")),
                                optional(y.neighbours_fsm_gap_points(), |g| format!("{g:.1}"))) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

fn context_table(d: &crate::model::diagnosis::Diagnosis) -> Html {
    if d.context.is_empty() {
        return html! {};
    }
    html! {
        <div class="standing-context" data-role="standing-context">
            <h3>{ "Context beside the outcomes" }</h3>
            <p class="hint">{ "Context, not model outcomes: the model does not project these. The seed names attendance, school quality and mental health as local issues; LAIT publishes no mental-health measure by local authority." }</p>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Context measures: table">
                <table>
                    <caption>{ format!("Context measures, latest published year up to {}, and five years before", d.as_of) }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Measure (context)" }</th>
                            <th scope="col">{ "Year" }</th>
                            <th scope="col">{ "Area" }</th>
                            <th scope="col">{ "England" }</th>
                            <th scope="col">{ "Neighbours' mean" }</th>
                            <th scope="col">{ "Area, five years before" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for d.context.iter().filter_map(|c| {
                            let &(year, area, england, neighbours) = c.years.last()?;
                            let before = c.years.iter().find(|y| y.0 == year - 5);
                            Some(html! {
                                <tr data-measure={c.label}>
                                    <th scope="row">{ c.label }<span class="cell-note">{ c.source.clone() }</span></th>
                                    <td>{ year }</td>
                                    <td>{ percent(area) }</td>
                                    <td>{ optional(england, percent) }</td>
                                    <td>{ optional(neighbours, percent) }</td>
                                    <td>{ before.map_or_else(|| "–".to_owned(), |b| format!("{} ({})", percent(b.1), b.0)) }</td>
                                </tr>
                            })
                        }) }
                    </tbody>
                </table>
            </div>
        </div>
    }
}
