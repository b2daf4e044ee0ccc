//! The trajectory chart's frame: its size, and the scales that place each year and value.
//! A chart of no years has no frame, so the component shows a line of text instead of
//! indexing an empty series (with `panic = "abort"` that would stop the page).

use super::scale::LinearScale;

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

    /// Each year's value as a point (as many as the shorter of the two).
    pub fn points(&self, years: &[i32], values: &[f64]) -> Vec<(f64, f64)> {
        years
            .iter()
            .zip(values)
            .map(|(&yr, &v)| (self.x.map(f64::from(yr)), self.y.map(v)))
            .collect()
    }
}

/// What a chart's description names: the baseline in its first and last year and the
/// scenario in its last; `None` when either series is empty.
pub fn described_ends(baseline: &[f64], scenario: &[f64]) -> Option<(f64, f64, f64)> {
    Some((*baseline.first()?, *baseline.last()?, *scenario.last()?))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
