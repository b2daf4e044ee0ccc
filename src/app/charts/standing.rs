//! Geometry of the "where the area stands" charts: one small chart a stage, the area's
//! FSM rate year by year against England's (with the band chance gives around it) and the
//! statistical neighbours' mean and range; and the compare view's dot plot of each area's
//! gap to England, stage by stage. Lines break where a year is missing (no assessment in
//! 2020 and 2021), so no line crosses a gap in the record.

use super::scale::{band_path, line_path, nice_ticks, share_domain, LinearScale};
use crate::model::diagnosis::{StageStanding, YearStanding};

pub const WIDTH: f64 = 320.0;
pub const HEIGHT: f64 = 190.0;
const LEFT: f64 = 38.0;
const RIGHT: f64 = 10.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 26.0;

/// One point of the area's own series.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaMark {
    pub x: f64,
    pub y: f64,
    pub year: i32,
    pub value: f64,
    /// Outside the chance band around England's rate.
    pub beyond_chance: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct StandingChart {
    pub x_ticks: Vec<(f64, String)>,
    pub y_ticks: Vec<(f64, String)>,
    /// The chance band around England, one closed path per run of consecutive years.
    pub band: Vec<String>,
    pub england: Vec<String>,
    pub neighbours: Vec<String>,
    pub neighbours_range: Vec<String>,
    pub area: Vec<String>,
    pub area_marks: Vec<AreaMark>,
}

/// Runs of consecutive years (no year missing inside a run).
fn runs(years: &[YearStanding]) -> Vec<&[YearStanding]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=years.len() {
        if i == years.len() || years[i].year != years[i - 1].year + 1 {
            out.push(&years[start..i]);
            start = i;
        }
    }
    out
}

/// The scales of a chart over `years` and the values `low` to `high`, and a chart with its
/// ticks (`label` writes a y tick), or `None` for no years.
fn frame(
    years: &[YearStanding],
    (low, high): (f64, f64),
    label: impl Fn(f64) -> String,
) -> Option<(LinearScale, LinearScale, StandingChart)> {
    let (first, last) = (years.first()?.year, years.last()?.year);
    // A single year still gets a readable axis.
    let (x0, x1) = if first == last {
        (first as f64 - 1.0, last as f64 + 1.0)
    } else {
        (first as f64, last as f64)
    };
    let x = LinearScale::new((x0, x1), (LEFT + 6.0, WIDTH - RIGHT - 6.0));
    let y = LinearScale::new((low, high), (HEIGHT - BOTTOM, TOP));
    let chart = StandingChart {
        y_ticks: nice_ticks(low, high, 4)
            .into_iter()
            .map(|v| (y.map(v), label(v)))
            .collect(),
        x_ticks: x_tick_years(first, last)
            .into_iter()
            .map(|year| (x.map(year as f64), year.to_string()))
            .collect(),
        ..StandingChart::default()
    };
    Some((x, y, chart))
}

/// The path through one run of years of the values `pick` gives, `at` placing each.
fn run_line(
    run: &[YearStanding],
    at: &dyn Fn(i32, f64) -> (f64, f64),
    pick: &dyn Fn(&YearStanding) -> Option<f64>,
) -> Option<String> {
    let points: Vec<(f64, f64)> = run
        .iter()
        .filter_map(|r| pick(r).map(|v| at(r.year, v)))
        .collect();
    (!points.is_empty()).then(|| line_path(&points))
}

/// The chart of one stage's standing.
pub fn standing_chart(stage: &StageStanding) -> StandingChart {
    let years = &stage.years;
    let values = years.iter().flat_map(|y| {
        [Some(y.area), y.england]
            .into_iter()
            .chain(y.band.map(|b| Some(b.0)))
            .chain(y.band.map(|b| Some(b.1)))
            .chain(y.neighbours_range.map(|r| Some(r.0)))
            .chain(y.neighbours_range.map(|r| Some(r.1)))
            .flatten()
    });
    let Some((x, y, mut chart)) = frame(years, share_domain(values), |v| {
        format!("{:.0}%", v * 100.0)
    }) else {
        return StandingChart::default();
    };
    let at = |year: i32, value: f64| (x.map(year as f64), y.map(value));
    for run in runs(years) {
        let line = |pick: &dyn Fn(&YearStanding) -> Option<f64>| run_line(run, &at, pick);
        let band = |pick: &dyn Fn(&YearStanding) -> Option<(f64, f64)>| -> Option<String> {
            let pairs: Vec<(i32, (f64, f64))> = run
                .iter()
                .filter_map(|r| pick(r).map(|b| (r.year, b)))
                .collect();
            if pairs.is_empty() {
                return None;
            }
            // A one-year band is drawn a little wide, so it shows.
            let widen = if pairs.len() == 1 { 4.0 } else { 0.0 };
            let upper: Vec<(f64, f64)> = pairs
                .iter()
                .map(|&(year, (_, high))| at(year, high))
                .collect();
            let lower: Vec<(f64, f64)> = pairs
                .iter()
                .map(|&(year, (low, _))| at(year, low))
                .collect();
            if widen > 0.0 {
                let (u, l) = (upper[0], lower[0]);
                return Some(band_path(
                    &[(u.0 - widen, u.1), (u.0 + widen, u.1)],
                    &[(l.0 - widen, l.1), (l.0 + widen, l.1)],
                ));
            }
            Some(band_path(&upper, &lower))
        };
        chart.band.extend(band(&|r| r.band));
        chart.neighbours_range.extend(band(&|r| r.neighbours_range));
        chart.england.extend(line(&|r| r.england));
        chart.neighbours.extend(line(&|r| r.neighbours));
        chart.area.extend(line(&|r| Some(r.area)));
    }
    chart.area_marks = years
        .iter()
        .map(|r| {
            let (px, py) = at(r.year, r.area);
            AreaMark {
                x: px,
                y: py,
                year: r.year,
                value: r.area,
                beyond_chance: r.beyond_chance() == Some(true),
            }
        })
        .collect();
    chart
}

/// The chart of one stage's FSM gap (non-FSM less FSM, points): the area's, England's and
/// the neighbours' means' (no band: chance is drawn on the rates' charts). Marks carry the
/// area's gap and are never "beyond chance".
pub fn gap_chart(stage: &StageStanding) -> StandingChart {
    let years = &stage.years;
    let values: Vec<f64> = years
        .iter()
        .flat_map(|y| {
            [
                y.fsm_gap_points(),
                y.england_fsm_gap_points(),
                y.neighbours_fsm_gap_points(),
            ]
        })
        .flatten()
        .collect();
    let (mut low, mut high) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| {
            (l.min(v), h.max(v))
        });
    if low > high {
        (low, high) = (0.0, 40.0);
    }
    let domain = (
        (low / 5.0).floor() * 5.0 - 2.0,
        (high / 5.0).ceil() * 5.0 + 2.0,
    );
    let Some((x, y, mut chart)) = frame(years, domain, |v| format!("{v:.0}")) else {
        return StandingChart::default();
    };
    let at = |year: i32, value: f64| (x.map(year as f64), y.map(value));
    for run in runs(years) {
        let line = |pick: &dyn Fn(&YearStanding) -> Option<f64>| run_line(run, &at, pick);
        chart.england.extend(line(&|r| r.england_fsm_gap_points()));
        chart
            .neighbours
            .extend(line(&|r| r.neighbours_fsm_gap_points()));
        chart.area.extend(line(&|r| r.fsm_gap_points()));
    }
    chart.area_marks = years
        .iter()
        .filter_map(|r| {
            let gap = r.fsm_gap_points()?;
            let (px, py) = at(r.year, gap);
            Some(AreaMark {
                x: px,
                y: py,
                year: r.year,
                value: gap,
                beyond_chance: false,
            })
        })
        .collect();
    chart
}

/// Year ticks: every year for a short span, else about five.
fn x_tick_years(first: i32, last: i32) -> Vec<i32> {
    let span = last - first;
    let step = if span <= 4 {
        1
    } else if span <= 8 {
        2
    } else {
        3
    };
    let mut years: Vec<i32> = (first..=last).step_by(step as usize).collect();
    if years.last() != Some(&last) && span > 0 {
        if last - years.last().copied().unwrap_or(first) < step {
            years.pop();
        }
        years.push(last);
    }
    years
}

/// The compare view's dot plot: one column a stage, one dot an area at its recent gap to
/// England (points), filled where beyond chance.
pub const DOT_WIDTH: f64 = 640.0;
pub const DOT_HEIGHT: f64 = 260.0;
const DOT_LEFT: f64 = 48.0;
const DOT_BOTTOM: f64 = 30.0;

#[derive(Debug, Clone, PartialEq)]
pub struct Dot {
    pub x: f64,
    pub y: f64,
    pub area: String,
    pub gap_points: f64,
    pub beyond_chance: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct DotPlot {
    /// Each stage's column centre and label.
    pub columns: Vec<(f64, String)>,
    pub y_ticks: Vec<(f64, String)>,
    /// The y of England's level (a gap of 0).
    pub zero_y: f64,
    pub dots: Vec<Dot>,
}

/// `cells[stage][area] = (area name, gap in points, beyond chance)`; `labels[stage]`.
pub fn dot_plot(labels: &[&str], cells: &[Vec<(String, f64, bool)>]) -> DotPlot {
    let gaps = cells.iter().flatten().map(|c| c.1);
    let (mut low, mut high) = (-5.0_f64, 5.0_f64);
    for g in gaps.filter(|g| g.is_finite()) {
        low = low.min(g);
        high = high.max(g);
    }
    let pad = (high - low) * 0.08;
    let (low, high) = (low - pad, high + pad);
    let y = LinearScale::new((low, high), (DOT_HEIGHT - DOT_BOTTOM, 10.0));
    let column_width = (DOT_WIDTH - DOT_LEFT - 10.0) / labels.len().max(1) as f64;
    let centre = |i: usize| DOT_LEFT + column_width * (i as f64 + 0.5);
    let mut dots = Vec::new();
    for (i, column) in cells.iter().enumerate() {
        let n = column.len().max(1) as f64;
        for (j, (area, gap, beyond)) in column.iter().enumerate() {
            if !gap.is_finite() {
                continue;
            }
            // Spread the dots across the column so that equal gaps stay apart.
            let offset = (j as f64 + 0.5) / n - 0.5;
            dots.push(Dot {
                x: centre(i) + offset * column_width * 0.6,
                y: y.map(*gap),
                area: area.clone(),
                gap_points: *gap,
                beyond_chance: *beyond,
            });
        }
    }
    DotPlot {
        columns: labels
            .iter()
            .enumerate()
            .map(|(i, l)| (centre(i), (*l).to_owned()))
            .collect(),
        y_ticks: nice_ticks(low, high, 5)
            .into_iter()
            .map(|v| (y.map(v), format!("{v:+.0}")))
            .collect(),
        zero_y: y.map(0.0),
        dots,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diagnosis::Verdict;
    use crate::model::Stage;

    fn year(year: i32, area: f64, england: f64) -> YearStanding {
        YearStanding {
            year,
            area,
            area_non_fsm: Some(area + 0.2),
            england: Some(england),
            england_non_fsm: Some(england + 0.25),
            neighbours: None,
            neighbours_range: None,
            neighbours_non_fsm: None,
            band: Some((england - 0.03, england + 0.03)),
        }
    }

    fn stage(years: Vec<YearStanding>) -> StageStanding {
        StageStanding {
            stage: Stage::Ks2,
            geography: "A".into(),
            source: "s".into(),
            definition: "d".into(),
            years,
            verdict: Verdict::WithinChance,
            recent_gap_points: None,
            sentence: String::new(),
        }
    }

    #[test]
    fn lines_break_where_years_are_missing() {
        // 2018, 2019, then 2022: two runs, so two paths for each line and band.
        let chart = standing_chart(&stage(vec![
            year(2018, 0.40, 0.45),
            year(2019, 0.41, 0.46),
            year(2022, 0.38, 0.42),
        ]));
        assert_eq!(chart.area.len(), 2);
        assert_eq!(chart.england.len(), 2);
        assert_eq!(chart.band.len(), 2);
        assert!(
            chart.neighbours.is_empty(),
            "no neighbours' figures, no line"
        );
        // 0.40 is outside 0.45 ± 0.03; 0.41 and 0.38 are 0.05 and 0.04 below: outside too.
        assert!(chart.area_marks.iter().all(|m| m.beyond_chance));
    }

    #[test]
    fn higher_rates_sit_higher_and_years_run_left_to_right() {
        let chart = standing_chart(&stage(vec![year(2024, 0.30, 0.50), year(2025, 0.32, 0.50)]));
        let [a, b] = [&chart.area_marks[0], &chart.area_marks[1]];
        assert!(b.x > a.x);
        assert!(b.y < a.y, "32% is drawn above 30% (SVG y grows downward)");
        assert_eq!(
            chart
                .x_ticks
                .iter()
                .map(|t| t.1.as_str())
                .collect::<Vec<_>>(),
            ["2024", "2025"]
        );
    }

    #[test]
    fn the_gap_chart_draws_the_gap_wider_gaps_higher() {
        // Non-FSM is 0.2 above FSM in `year` (a 20-point gap); England 0.25 (25 points).
        let chart = gap_chart(&stage(vec![year(2024, 0.30, 0.50), year(2025, 0.35, 0.50)]));
        let marks = &chart.area_marks;
        assert!((marks[0].value - 20.0).abs() < 1e-9);
        assert!(marks.iter().all(|m| !m.beyond_chance));
        assert!(chart.band.is_empty(), "no chance band on the gap");
        assert_eq!(chart.england.len(), 1);
        assert!(chart.y_ticks.iter().all(|(_, label)| !label.contains('%')));
    }

    #[test]
    fn year_ticks_end_on_the_last_year() {
        assert_eq!(x_tick_years(2016, 2025), [2016, 2019, 2022, 2025]);
        assert_eq!(x_tick_years(2016, 2019), [2016, 2017, 2018, 2019]);
        assert_eq!(x_tick_years(2017, 2017), [2017]);
    }

    #[test]
    fn dots_below_england_sit_below_the_zero_line() {
        let plot = dot_plot(
            &["KS2", "KS4"],
            &[
                vec![("A".into(), -10.0, true), ("B".into(), 2.0, false)],
                vec![("A".into(), -4.0, false)],
            ],
        );
        assert_eq!(plot.dots.len(), 3);
        assert!(plot.dots[0].y > plot.zero_y && plot.dots[1].y < plot.zero_y);
        assert!(
            plot.dots[2].x > plot.dots[0].x,
            "KS4's column is right of KS2's"
        );
    }
}
