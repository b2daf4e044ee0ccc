//! The trajectory chart's frame: its size, and the scales that place each year and value.
//! A chart of no years has no frame, so the component shows a line of text instead of
//! indexing an empty series (with `panic = "abort"` that would stop the page).

use super::scale::LinearScale;
use crate::app::format;
use crate::app::view_model::ChartData;

pub const WIDTH: f64 = 480.0;
pub const HEIGHT: f64 = 250.0;
pub const LEFT: f64 = 48.0;
pub const RIGHT: f64 = 22.0;
pub const TOP: f64 = 14.0;
pub const BOTTOM: f64 = 30.0;

/// A chart's scales for its years and y-domain, and its first and last year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub x: LinearScale,
    pub y: LinearScale,
    pub first: i32,
    pub last: i32,
}

impl Frame {
    /// The frame for `years` (in order) and `y_domain`; `None` when there is no year. One
    /// year is drawn in the middle of the plot, as a zero-width domain maps there.
    pub fn new(years: &[i32], y_domain: (f64, f64)) -> Option<Frame> {
        let (first, last) = (*years.first()?, *years.last()?);
        Some(Frame {
            x: LinearScale::new((f64::from(first), f64::from(last)), (LEFT, WIDTH - RIGHT)),
            y: LinearScale::new(y_domain, (HEIGHT - BOTTOM, TOP)),
            first,
            last,
        })
    }

    /// The frame for a chart: its projection's years, reaching back to the earliest
    /// observed point before them (the published history of an area opened as of a later
    /// year); `None` when there is no year.
    pub fn for_chart(data: &ChartData, y_domain: (f64, f64)) -> Option<Frame> {
        let frame = Frame::new(&data.years, y_domain)?;
        let first = history_years(data).first().copied().unwrap_or(frame.first);
        Some(Frame {
            x: LinearScale::new(
                (f64::from(first), f64::from(frame.last)),
                (LEFT, WIDTH - RIGHT),
            ),
            first,
            ..frame
        })
    }

    /// Each year's value as a point (as many as the shorter of the two).
    pub fn points(&self, years: &[i32], values: &[f64]) -> Vec<(f64, f64)> {
        years
            .iter()
            .zip(values)
            .map(|(&yr, &v)| (self.x.map(f64::from(yr)), self.y.map(v)))
            .collect()
    }
}

/// The years before the projection with an observed point, in order: the chart's
/// published history (its table gives them rows of their own).
pub fn history_years(data: &ChartData) -> Vec<i32> {
    let Some(&start) = data.years.first() else {
        return Vec::new();
    };
    let mut years: Vec<i32> = data
        .observed
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.year))
        .filter(|&y| y < start)
        .collect();
    years.sort_unstable();
    years.dedup();
    years
}

/// What a chart's description names: the baseline in its first and last year and the
/// scenario in its last; `None` when either series is empty.
pub fn described_ends(baseline: &[f64], scenario: &[f64]) -> Option<(f64, f64, f64)> {
    Some((*baseline.first()?, *baseline.last()?, *scenario.last()?))
}

/// Every value a trajectory chart draws, for its y domain: both lines, the compared
/// scenarios, the non-FSM lines, the band, the target, the board's results and the
/// observed points.
pub fn values_drawn(data: &ChartData) -> Vec<f64> {
    let mut shown: Vec<f64> = data
        .baseline
        .iter()
        .chain(&data.scenario)
        .copied()
        .collect();
    shown.extend(data.compared.iter().flat_map(|c| c.values.iter().copied()));
    if let Some((b, s)) = &data.non_fsm {
        shown.extend(b.iter().chain(s));
    }
    shown.extend(data.band.iter().flatten().flat_map(|(lo, hi)| [*lo, *hi]));
    shown.extend(data.target.map(|t| t.value_share()));
    shown.extend(data.actuals.iter().map(|(_, v)| *v));
    shown.extend(data.observed.iter().flat_map(|s| {
        s.points.iter().flat_map(|p| {
            std::iter::once(p.value).chain(p.range.into_iter().flat_map(|(l, h)| [l, h]))
        })
    }));
    shown
}

/// The chart's text description: the baseline's first and last values and the
/// scenario's last, then every observed point; `None` for a chart with no years.
pub fn description(data: &ChartData) -> Option<String> {
    let outcome = data.outcome;
    let (b_first, b_last, s_last) = described_ends(&data.baseline, &data.scenario)?;
    let (first, last) = (*data.years.first()?, *data.years.last()?);
    let said = format!(
        "{}, {first} to {last}. Baseline {} in {first} and {} in {last}; scenario {} in {last}.",
        outcome.title(),
        format::outcome_number(outcome, b_first),
        format::outcome_number(outcome, b_last),
        format::outcome_number(outcome, s_last)
    );
    if data.observed.is_empty() {
        return Some(said);
    }
    let observed: Vec<String> = data
        .observed
        .iter()
        .map(|s| {
            let points: Vec<String> = s
                .points
                .iter()
                .map(|p| format!("{} in {}", format::outcome_number(outcome, p.value), p.year))
                .collect();
            format!("{}: {}", s.label, points.join(", "))
        })
        .collect();
    Some(format!("{said} Observed: {}.", observed.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stage;
    use crate::scenario::outcome::Outcome;

    #[test]
    fn no_years_no_frame() {
        assert_eq!(Frame::new(&[], (0.0, 1.0)), None);
        assert_eq!(described_ends(&[], &[0.3]), None);
        assert_eq!(described_ends(&[0.3], &[]), None);
    }

    #[test]
    fn a_frame_spans_the_plot_from_the_first_year_to_the_last() {
        let frame = Frame::new(&[2017, 2026, 2035], (0.2, 0.4)).unwrap();
        assert_eq!((frame.first, frame.last), (2017, 2035));
        // 2017 at the left edge (48), 2035 at the right (480 - 22), 2026 half way: 253.
        let points = frame.points(&[2017, 2026, 2035], &[0.2, 0.3, 0.4]);
        assert_eq!(points[0], (48.0, 220.0));
        assert!((points[1].0 - 253.0).abs() < 1e-9 && (points[1].1 - 117.0).abs() < 1e-9);
        assert_eq!(points[2], (458.0, 14.0));
    }

    #[test]
    fn one_year_is_drawn_in_the_middle() {
        let frame = Frame::new(&[2030], (0.0, 1.0)).unwrap();
        assert_eq!((frame.first, frame.last), (2030, 2030));
        assert_eq!(frame.points(&[2030], &[0.5]), [(253.0, 117.0)]);
        assert_eq!(described_ends(&[0.25], &[0.3]), Some((0.25, 0.25, 0.3)));
    }

    #[test]
    fn all_equal_values_get_a_domain_with_height() {
        // share_domain pads equal values to a 5-point-wide domain, so the line is drawn
        // inside the plot rather than on a zero-height axis.
        let domain = super::super::scale::share_domain([0.25; 19]);
        assert!(domain.1 - domain.0 >= 0.05, "{domain:?}");
        let frame = Frame::new(&(2017..=2035).collect::<Vec<_>>(), domain).unwrap();
        let points = frame.points(&(2017..=2035).collect::<Vec<_>>(), &[0.25; 19]);
        assert!(points
            .iter()
            .all(|p| p.1 > TOP && p.1 < HEIGHT - BOTTOM && p.1 == points[0].1));
    }

    fn gap_chart(years: Vec<i32>, baseline: Vec<f64>, scenario: Vec<f64>) -> ChartData {
        ChartData {
            outcome: Outcome::Gap(Stage::Ks4),
            years,
            baseline,
            scenario,
            non_fsm: None,
            band: None,
            band_current: false,
            compared: Vec::new(),
            scenario_name: "Plan".to_owned(),
            observed: Default::default(),
            target: None,
            actuals: Vec::new(),
            markers: Vec::new(),
        }
    }

    #[test]
    fn the_y_domain_reads_every_value_drawn() {
        let mut data = gap_chart(vec![2017, 2018], vec![0.30, 0.31], vec![0.29, 0.28]);
        data.band = Some(vec![(0.25, 0.33), (0.20, 0.36)]);
        data.actuals = vec![(2018, 0.40)];
        data.non_fsm = Some((vec![0.5, 0.5], vec![0.6, 0.6]));
        let mut drawn = values_drawn(&data);
        drawn.sort_by(f64::total_cmp);
        // Both lines (4), the band's ends (4), the non-FSM lines (4) and the result (1).
        assert_eq!(drawn.len(), 13);
        assert_eq!((drawn[0], drawn[12]), (0.20, 0.6));
    }

    #[test]
    fn the_description_names_the_ends_and_none_is_given_without_years() {
        let data = gap_chart(
            vec![2017, 2018, 2019],
            vec![0.30, 0.31, 0.32],
            vec![0.30, 0.29, 0.27],
        );
        let said = description(&data).unwrap();
        // A gap reads in points with one decimal: 0.30 is 30.0, 0.32 is 32.0, 0.27 is 27.0.
        assert!(
            said.ends_with(
                "2017 to 2019. Baseline 30.0 in 2017 and 32.0 in 2019; scenario 27.0 in 2019."
            ),
            "{said}"
        );
        assert_eq!(description(&gap_chart(vec![], vec![], vec![])), None);
        // One year: the same year is first and last.
        let one = description(&gap_chart(vec![2020], vec![0.3], vec![0.3])).unwrap();
        assert!(one.contains("2020 to 2020"), "{one}");
    }

    #[test]
    fn published_history_before_the_base_year_widens_the_axis_back_to_it() {
        use crate::app::charts::observed::{MarkKind, ObservedPlot, PlotPoint};
        use crate::app::view_model::Shared;
        let point = |year| PlotPoint {
            year,
            value: 0.4,
            break_note: None,
            range: None,
        };
        let mut data = gap_chart((2025..=2040).collect(), vec![0.3; 16], vec![0.3; 16]);
        // No history: the frame is the projection's.
        let plain = Frame::for_chart(&data, (0.0, 1.0)).unwrap();
        assert_eq!((plain.first, plain.last), (2025, 2040));
        assert!(history_years(&data).is_empty());
        data.observed = Shared::new(vec![ObservedPlot {
            label: "Kent (local authority), FSM".to_owned(),
            kind: MarkKind::Fsm,
            source: "LAIT".to_owned(),
            points: vec![point(2019), point(2016), point(2025), point(2022)],
        }]);
        assert_eq!(history_years(&data), [2016, 2019, 2022]);
        let frame = Frame::for_chart(&data, (0.0, 1.0)).unwrap();
        assert_eq!((frame.first, frame.last), (2016, 2040));
        // 2016 at the left edge (48), 2040 at the right (458); the base year 2025 is 9 of
        // the 24 years along: 48 + 410 × 9/24 = 201.75.
        let points = frame.points(&[2016, 2025, 2040], &[0.0, 0.0, 0.0]);
        assert_eq!(points[0].0, 48.0);
        assert!((points[1].0 - 201.75).abs() < 1e-9, "{points:?}");
        assert_eq!(points[2].0, 458.0);
    }
}
