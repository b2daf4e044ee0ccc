//! One outcome over the years: baseline and scenario lines, the P10-P90 band, lever
//! markers, and a table with the same numbers.

use yew::prelude::*;

use super::export_buttons::ExportButtons;
use crate::app::charts::observed::{MarkKind, ObservedPlot, BREAK_RING_RADIUS, MARK_RADIUS};
use crate::app::charts::scale::{band_path, line_path, nice_ticks, share_domain};
use crate::app::charts::style::{SERIES_COLOURS, SERIES_DASHES};
use crate::app::charts::trajectory::{
    description, history_years, values_drawn, Frame, BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH,
};
use crate::app::format;
use crate::app::hooks::use_deferred_off_screen;
use crate::app::state::Action;
use crate::app::view_model::{ChartData, Shared};
use crate::scenario::outcome::Outcome;

#[derive(Properties, PartialEq)]
pub struct TrajectoryChartProps {
    /// Everything the chart draws (`ViewModel::charts`).
    pub data: Shared<ChartData>,
    #[prop_or_default]
    pub on_action: Callback<Action>,
    /// Hide the export buttons and table (presentation and embed views).
    #[prop_or_default]
    pub minimal: bool,
    /// Whether what is shown is behind the levers (see `hooks::use_deferred_off_screen`).
    #[prop_or_default]
    pub behind: bool,
    /// The chart's figure, for the page to see whether it is on screen.
    #[prop_or_default]
    pub figure: NodeRef,
}

/// The page's own charts: one off screen follows a moving lever once it stops (see
/// `hooks::use_deferred_off_screen`); on screen, or pinned beside the lever being moved, it follows
/// every step.
#[component]
pub fn DeferredTrajectoryChart(props: &TrajectoryChartProps) -> Html {
    let chart = use_deferred_off_screen(props.data.clone(), true);
    html! {
        <TrajectoryChart data={chart.value} behind={chart.behind} figure={chart.node}
            on_action={props.on_action.clone()} minimal={props.minimal} />
    }
}

fn values_attr(values: &[f64]) -> String {
    let mut text = String::with_capacity(values.len() * 7);
    for (i, &value) in values.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        crate::app::charts::scale::push_fixed(&mut text, value, 4);
    }
    text
}

#[component]
pub fn TrajectoryChart(props: &TrajectoryChartProps) -> Html {
    let show_table = use_state(|| false);
    let data = &props.data;
    let outcome = data.outcome;
    let key = outcome.key();
    let (years, scenario) = (&data.years, &data.scenario);
    let non_fsm_scenario = data.non_fsm.as_ref().map(|(_, s)| s);
    let y_domain = share_domain(values_drawn(data));
    // A chart with no years (an area file can give an empty horizon) says so instead.
    let (Some(frame), Some(description)) = (Frame::for_chart(data, y_domain), description(data))
    else {
        return html! {
            <figure class="chart" data-chart={key}>
                <figcaption>{ outcome.title() }</figcaption>
                <p class="hint" data-role="no-years">{ "No years to draw for this area." }</p>
            </figure>
        };
    };
    let title_id = format!("chart-title-{key}");
    let desc_id = format!("chart-desc-{key}");
    let table_id = format!("chart-table-{key}");
    let toggle = {
        let show_table = show_table.clone();
        Callback::from(move |_: MouseEvent| show_table.set(!*show_table))
    };
    let svg_id = format!("svg-{key}");

    html! {
        <figure class="chart" data-chart={key.clone()} ref={props.figure.clone()} aria-busy={props.behind.then_some("true")}>
            <figcaption id={title_id.clone()}>{ outcome.title() }</figcaption>
            <svg id={svg_id.clone()} viewBox={format!("0 0 {WIDTH} {HEIGHT}")} width={WIDTH.to_string()} height={HEIGHT.to_string()} role="img"
                aria-labelledby={title_id.clone()} aria-describedby={desc_id.clone()}>
                <title>{ outcome.title() }</title>
                <desc id={desc_id}>{ description }</desc>
                <BackdropLayer data={data.clone()} y_domain={y_domain} />
                if let Some(values) = non_fsm_scenario {
                    <path class="line non-fsm scenario" data-series="non-fsm-scenario" data-values={values_attr(values)} d={line_path(&frame.points(years, values))} />
                }
                <path class="line fsm scenario" data-series="scenario" data-values={values_attr(scenario)} d={line_path(&frame.points(years, scenario))} />
                <MarksLayer data={data.clone()} y_domain={y_domain} />
            </svg>
            { legends(data) }
            if !props.minimal {
                <div class="chart-actions">
                    <button class="link" data-role="toggle-table" aria-expanded={show_table.to_string()} aria-controls={table_id.clone()} onclick={toggle}
                        aria-describedby={title_id.clone()}>
                        { if *show_table { "Hide table" } else { "Show as table" } }
                    </button>
                    <ExportButtons svg_id={svg_id.clone()} file_stem={format!("pathways-{key}")} title={outcome.title()} on_action={props.on_action.clone()} />
                </div>
            }
            if *show_table && !props.minimal {
                { chart_table(data, table_id) }
            }
        </figure>
    }
}

/// One observed point placed on the chart.
struct ObservedMark {
    /// Index of its series in the chart's `observed`.
    series: usize,
    kind: MarkKind,
    x: f64,
    y: f64,
    title: String,
    year: i32,
    value: f64,
    in_break: bool,
    /// The neighbours' lowest and highest, as y positions.
    range: Option<(f64, f64)>,
}

/// An observed point's marker: a filled circle for FSM, a hollow diamond for the wider
/// disadvantaged group.
fn mark_shape(kind: MarkKind, cx: f64, cy: f64) -> Html {
    match kind {
        MarkKind::Fsm => html! {
            <circle class="mark" cx={format!("{cx:.1}")} cy={format!("{cy:.1}")} r={MARK_RADIUS.to_string()} />
        },
        MarkKind::Disadvantaged | MarkKind::Neighbours => {
            let r = MARK_RADIUS + 1.0;
            html! {
                <path class="mark" d={format!("M{cx:.1},{:.1} l{r},{r} l-{r},{r} l-{r},-{r} z", cy - r)} />
            }
        }
        MarkKind::England => {
            let r = MARK_RADIUS;
            html! {
                <rect class="mark" x={format!("{:.1}", cx - r)} y={format!("{:.1}", cy - r)} width={format!("{:.1}", 2.0 * r)} height={format!("{:.1}", 2.0 * r)} />
            }
        }
    }
}

/// What a chart's layers draw: everything but the scenario's own lines, which the chart
/// draws between them.
#[derive(Properties)]
struct LayerProps {
    data: Shared<ChartData>,
    y_domain: (f64, f64),
}

/// Equal when everything a layer draws is: moving a slider changes only the scenario's
/// lines, so the layers (the most of a chart) are left alone unless the axis moves.
impl PartialEq for LayerProps {
    fn eq(&self, other: &Self) -> bool {
        self.y_domain == other.y_domain
            && (self.data == other.data || self.data.same_except_scenario(&other.data))
    }
}

/// Under the scenario's lines: grid and ticks, the band, lever markers, and the lines
/// that do not follow the levers (baseline, non-FSM baseline, compared scenarios).
#[component]
fn BackdropLayer(props: &LayerProps) -> Html {
    let LayerProps { data, y_domain } = props;
    let y_domain = *y_domain;
    let outcome = data.outcome;
    let years = &data.years;
    let Some(frame) = Frame::for_chart(data, y_domain) else {
        return html! {};
    };
    let Frame { x, y, first, last } = frame;
    let (baseline, band, compared) = (&data.baseline, &data.band, &data.compared);
    let non_fsm_baseline = data.non_fsm.as_ref().map(|(b, _)| b);
    let label = |v: f64| {
        if outcome.is_gap() {
            format!("{:.0}", v * 100.0)
        } else {
            format!("{:.0}%", v * 100.0)
        }
    };
    // Lever markers: the start year, and the first year the lever can reach this stage.
    let stage = outcome.stage();
    let markers: Vec<(f64, Option<f64>, String)> = data
        .markers
        .iter()
        .filter_map(|(name, start, reaches)| Some((name, *start, (*reaches)?)))
        .map(|(name, start, reaches)| {
            let title = format!(
                "{name}: starts {start}, first reaches {} in {reaches}",
                stage.label(),
            );
            let first_effect = (first..=last)
                .contains(&reaches)
                .then(|| x.map(f64::from(reaches)));
            (x.map(f64::from(start)), first_effect, title)
        })
        .collect();
    html! {
        <>
            <g class="grid" aria-hidden="true">
                for t in nice_ticks(y_domain.0, y_domain.1, 4) {
                    <line x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={format!("{:.1}", y.map(t))} y2={format!("{:.1}", y.map(t))} />
                    <text class="tick" x={(LEFT - 6.0).to_string()} y={format!("{:.1}", y.map(t) + 4.0)} text-anchor="end">{ label(t) }</text>
                }
                for t in nice_ticks(f64::from(first), f64::from(last), 4) {
                    <text class="tick" x={format!("{:.1}", x.map(t))} y={(HEIGHT - 8.0).to_string()} text-anchor="middle">{ format!("{t:.0}") }</text>
                }
            </g>
            if let Some(band) = &band {
                <path class={classes!("band", (!data.band_current).then_some("stale"))} data-series="band"
                    d={band_path(&frame.points(years, &band.iter().map(|b| b.1).collect::<Vec<_>>()), &frame.points(years, &band.iter().map(|b| b.0).collect::<Vec<_>>()))}>
                    <title>{ "80% of simulated outcomes" }</title>
                </path>
            }
            // Published history before the base year: where the projection starts.
            if first < years.first().copied().unwrap_or(first) {
                <g class="projection-start" data-year={years[0].to_string()}>
                    <title>{ format!("The projection starts in {}; points before it are published results", years[0]) }</title>
                    <line x1={format!("{:.1}", x.map(f64::from(years[0])))} x2={format!("{:.1}", x.map(f64::from(years[0])))} y1={TOP.to_string()} y2={(HEIGHT - BOTTOM).to_string()} />
                </g>
            }
            for (start_x, first_x, title) in markers.iter().cloned() {
                <g class="marker">
                    <title>{ title }</title>
                    <line x1={format!("{start_x:.1}")} x2={format!("{start_x:.1}")} y1={TOP.to_string()} y2={(HEIGHT - BOTTOM).to_string()} />
                    if let Some(fx) = first_x {
                        <path class="first-effect" d={format!("M{fx:.1},{:.1} l-5,8 h10 z", HEIGHT - BOTTOM - 8.0)} />
                    }
                </g>
            }
            if let Some(values) = non_fsm_baseline {
                <path class="line non-fsm baseline" data-series="non-fsm-baseline" data-values={values_attr(values)} d={line_path(&frame.points(years, values))} />
            }
            for (i, c) in compared.iter().enumerate() {
                <path class="line compare" data-series={format!("compare-{i}")} data-name={c.name.clone()} data-values={values_attr(&c.values)}
                    d={line_path(&frame.points(years, &c.values))}
                    style={format!("stroke: {}; stroke-dasharray: {}", SERIES_COLOURS[(i + 1) % 4], SERIES_DASHES[(i + 1) % 4])} />
            }
            <path class="line fsm baseline" data-series="baseline" data-values={values_attr(baseline)} d={line_path(&frame.points(years, baseline))} />
        </>
    }
}

/// Over the scenario's lines: observed results, the board's target and its own results.
#[component]
fn MarksLayer(props: &LayerProps) -> Html {
    let LayerProps { data, y_domain } = props;
    let outcome = data.outcome;
    let Some(frame) = Frame::for_chart(data, *y_domain) else {
        return html! {};
    };
    let Frame { x, y, first, last } = frame;
    let observed = &data.observed;
    let observed_marks: Vec<ObservedMark> = observed
        .iter()
        .enumerate()
        .flat_map(|(series, s)| {
            s.points.iter().map(move |p| {
                let mut title = format!(
                    "{}, {}: {}.",
                    s.label,
                    p.year,
                    format::outcome_number(outcome, p.value)
                );
                if let Some((low, high)) = p.range {
                    title.push_str(&format!(
                        " Lowest {}, highest {}.",
                        format::outcome_number(outcome, low),
                        format::outcome_number(outcome, high)
                    ));
                }
                if let Some(note) = &p.break_note {
                    title.push_str(&format!(" Break in the series: {note}"));
                }
                title.push_str(&format!(" Source: {}", s.source));
                ObservedMark {
                    series,
                    kind: s.kind,
                    // The comparisons sit a little to either side of the area's own point,
                    // so that a year's three marks do not cover each other.
                    x: frame.x.map(f64::from(p.year))
                        + match s.kind {
                            MarkKind::Neighbours => -4.0,
                            MarkKind::England => 4.0,
                            _ => 0.0,
                        },
                    y: frame.y.map(p.value),
                    title,
                    year: p.year,
                    value: p.value,
                    in_break: p.break_note.is_some(),
                    range: p
                        .range
                        .map(|(low, high)| (frame.y.map(low), frame.y.map(high))),
                }
            })
        })
        .collect();
    html! {
        <>
            if !observed_marks.is_empty() {
                <g class="observed">
                    for m in observed_marks.iter() {
                        <g class={classes!("obs", m.kind.class(), m.in_break.then_some("in-break"))} data-series={format!("observed-{}", m.series)}
                            data-year={m.year.to_string()} data-value={format!("{:.4}", m.value)}>
                            <title>{ m.title.clone() }</title>
                            if let Some((low, high)) = m.range {
                                <line class="range" x1={format!("{:.1}", m.x)} x2={format!("{:.1}", m.x)} y1={format!("{low:.1}")} y2={format!("{high:.1}")} />
                            }
                            if m.in_break {
                                <circle class="break-ring" cx={format!("{:.1}", m.x)} cy={format!("{:.1}", m.y)} r={BREAK_RING_RADIUS.to_string()} />
                            }
                            { mark_shape(m.kind, m.x, m.y) }
                        </g>
                    }
                </g>
            }
            if let Some(target) = data.target {
                <g class="target" data-series="target" data-value={format!("{:.4}", target.value_share())} data-year={target.year.to_string()}>
                    <title>{ format!("Target: {} {} by {}", if outcome.higher_is_better() { "at least" } else { "at most" }, format::outcome_number(outcome, target.value_share()), target.year) }</title>
                    <line class="target-line" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()}
                        y1={format!("{:.1}", y.map(target.value_share()))} y2={format!("{:.1}", y.map(target.value_share()))} />
                    if (first..=last).contains(&target.year) {
                        <path class="target-flag" d={format!("M{:.1},{:.1} l6,-6 l6,6 l-6,6 z", x.map(f64::from(target.year)) - 6.0, y.map(target.value_share()))} />
                    }
                </g>
            }
            for (year, value) in data.actuals.iter().filter(|(yr, _)| (first..=last).contains(yr)) {
                <rect class="actual" data-series="actual" data-year={year.to_string()} data-value={format!("{value:.4}")}
                    x={format!("{:.1}", x.map(f64::from(*year)) - 4.0)} y={format!("{:.1}", y.map(*value) - 4.0)} width="8" height="8">
                    <title>{ format!("Your result, {year}: {}", format::outcome_number(outcome, *value)) }</title>
                </rect>
            }
        </>
    }
}

/// The legends under the chart: target and results, compared scenarios, observed series.
fn legends(data: &ChartData) -> Html {
    let outcome = data.outcome;
    let (compared, observed) = (&data.compared, &data.observed);
    let any_break = observed
        .iter()
        .any(|s| s.points.iter().any(|p| p.break_note.is_some()));
    html! {
        <>
        if data.target.is_some() || !data.actuals.is_empty() {
            <ul class="legend" data-role="target-legend">
                if let Some(target) = data.target {
                    <li><svg class="legend-mark" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path class="target-flag" d="M2,8 l6,-6 l6,6 l-6,6 z" /></svg>
                        { format!("Target {} by {}", format::outcome_number(outcome, target.value_share()), target.year) }</li>
                }
                if !data.actuals.is_empty() {
                    <li><svg class="legend-mark" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><rect class="actual" x="4" y="4" width="8" height="8" /></svg>
                        { "Your results" }</li>
                }
            </ul>
        }
        if !compared.is_empty() {
            <ul class="legend">
                <li><span class="swatch" style={format!("border-top-color: {}", SERIES_COLOURS[0])}></span>{ data.scenario_name.clone() }</li>
                for (i, c) in compared.iter().enumerate() {
                    <li><span class="swatch" style={format!("border-top-color: {}; border-top-style: {}", SERIES_COLOURS[(i + 1) % 4], ["solid", "dashed", "dotted", "dashed"][(i + 1) % 4])}></span>{ c.name.clone() }</li>
                }
            </ul>
        }
        if !observed.is_empty() {
            <ul class="legend observed-legend" data-role="observed-legend">
                for series in observed.iter() {
                    <li data-kind={series.kind.class()}>
                        <svg class="legend-mark" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                            <g class={classes!("obs", series.kind.class())}>{ mark_shape(series.kind, 8.0, 8.0) }</g>
                        </svg>
                        { format!("Observed: {}", series.label) }
                    </li>
                }
                if any_break {
                    <li data-kind="break">
                        <svg class="legend-mark" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                            <circle class="break-ring" cx="8" cy="8" r="6.5" />
                        </svg>
                        { "Ringed: a break in the series that year (not directly comparable)" }
                    </li>
                }
            </ul>
        }
        </>
    }
}

/// The observed value in `year`, said with its break, or nothing.
fn observed_at(outcome: Outcome, series: &ObservedPlot, year: i32) -> String {
    series
        .points
        .iter()
        .find(|p| p.year == year)
        .map_or(String::new(), |p| {
            let mut value = format::outcome_number(outcome, p.value);
            if let Some((low, high)) = p.range {
                value = format!(
                    "{value} ({} to {})",
                    format::outcome_number(outcome, low),
                    format::outcome_number(outcome, high)
                );
            }
            if p.break_note.is_some() {
                format!("{value} (break in series)")
            } else {
                value
            }
        })
}

/// The cells a history row leaves empty: baseline, scenario, P10, P90, each compared
/// scenario and the non-FSM lines.
fn history_blank_cells(data: &ChartData) -> usize {
    4 + data.compared.len() + if data.non_fsm.is_some() { 2 } else { 0 }
}

/// The chart as a table, a row per year (the published history first). A series shorter than the years leaves its
/// cells empty rather than reading past its end.
fn chart_table(data: &ChartData, table_id: String) -> Html {
    let outcome = data.outcome;
    let key = outcome.key();
    let unit = if outcome.is_gap() {
        "percentage points"
    } else {
        "% of FSM pupils"
    };
    let (compared, observed, band) = (&data.compared, &data.observed, &data.band);
    let (non_fsm_baseline, non_fsm_scenario) = match &data.non_fsm {
        Some((b, s)) => (Some(b), Some(s)),
        None => (None, None),
    };
    let at = |values: &[f64], i: usize| {
        values
            .get(i)
            .map_or(String::new(), |v| format::outcome_number(outcome, *v))
    };
    let band_at = |i: usize, upper: bool| {
        band.as_ref().map_or("…".to_owned(), |b| {
            b.get(i).map_or(String::new(), |(lo, hi)| {
                format::outcome_number(outcome, if upper { *hi } else { *lo })
            })
        })
    };
    html! {
        // Focusable, so that a keyboard can scroll a table wider than its chart.
        <div class="table-wrap" tabindex="0" role="region" aria-label={format!("{}: table", outcome.title())}>
        <table id={table_id} data-table={key}>
            <caption>{ format!("{} ({unit})", outcome.title()) }</caption>
            <thead>
                <tr>
                    <th scope="col">{ "Year" }</th>
                    <th scope="col">{ "Baseline" }</th>
                    <th scope="col">{ "Scenario" }</th>
                    <th scope="col">{ "P10" }</th>
                    <th scope="col">{ "P90" }</th>
                    for c in compared.iter() {
                        <th scope="col">{ c.name.clone() }</th>
                    }
                    if non_fsm_baseline.is_some() {
                        <th scope="col">{ "Non-FSM baseline" }</th>
                        <th scope="col">{ "Non-FSM scenario" }</th>
                    }
                    for series in observed.iter() {
                        <th scope="col">{ format!("Observed: {}", series.label) }</th>
                    }
                    if !data.actuals.is_empty() {
                        <th scope="col">{ "Your result" }</th>
                    }
                    if data.target.is_some() {
                        <th scope="col">{ "Target" }</th>
                    }
                </tr>
            </thead>
            <tbody>
                // Published history before the projection: observed cells only.
                for yr in history_years(data) {
                    <tr data-history="true">
                        <th scope="row">{ yr }</th>
                        { for (0..history_blank_cells(data)).map(|_| html! { <td></td> }) }
                        for (j, series) in observed.iter().enumerate() {
                            <td data-series={format!("observed-{j}")}>{ observed_at(outcome, series, yr) }</td>
                        }
                        if !data.actuals.is_empty() {
                            <td data-series="actual">{ data.actuals.iter().find(|(y, _)| *y == yr).map_or(String::new(), |(_, v)| format::outcome_number(outcome, *v)) }</td>
                        }
                        if data.target.is_some() {
                            <td data-series="target"></td>
                        }
                    </tr>
                }
                for (i, yr) in data.years.iter().enumerate() {
                    <tr>
                        <th scope="row">{ yr }</th>
                        <td data-series="baseline">{ at(&data.baseline, i) }</td>
                        <td data-series="scenario">{ at(&data.scenario, i) }</td>
                        <td>{ band_at(i, false) }</td>
                        <td>{ band_at(i, true) }</td>
                        for c in compared.iter() {
                            <td>{ at(&c.values, i) }</td>
                        }
                        if let (Some(nb), Some(ns)) = (non_fsm_baseline, non_fsm_scenario) {
                            <td>{ at(nb, i) }</td>
                            <td>{ at(ns, i) }</td>
                        }
                        for (j, series) in observed.iter().enumerate() {
                            <td data-series={format!("observed-{j}")}>{ observed_at(outcome, series, *yr) }</td>
                        }
                        if !data.actuals.is_empty() {
                            <td data-series="actual">{ data.actuals.iter().find(|(y, _)| y == yr).map_or(String::new(), |(_, v)| format::outcome_number(outcome, *v)) }</td>
                        }
                        if let Some(target) = data.target {
                            <td data-series="target">{ if target.year == *yr { format::outcome_number(outcome, target.value_share()) } else { String::new() } }</td>
                        }
                    </tr>
                }
            </tbody>
        </table>
        </div>
    }
}
