//! Waterfall chart geometry: what each lever adds to one headline's change against the
//! baseline. One row per lever, its name above a bar that runs from the change before it
//! to the change after it (so the bars step along from zero), largest contribution first,
//! then a total row whose bar runs from zero to the whole change. A thin connector joins
//! each step's end to the next step's start. Values are percentage points; the x axis
//! always shows zero (no change against the baseline).

use super::bars::{value_label, BarFrame, Span, ValueLabel, BAR_HEIGHT, MIN_BAR, MIN_SPAN};
use super::scale::LinearScale;

const TOP: f64 = 8.0;
/// Room kept either side of the data for the value labels, as a share of the data's span.
const LABEL_ROOM: f64 = 0.18;
/// Contributions smaller than this (points) are a lever that does not move the outcome:
/// listed, drawn with no width. Shapley values of such levers are exactly zero.
const ZERO_POINTS: f64 = 1e-9;

/// One lever's step.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The lever's position in the contributions given.
    pub index: usize,
    pub points: f64,
    /// The running change before and after this lever, in points.
    pub from: f64,
    pub to: f64,
    /// True when the lever adds nothing: drawn as a zero-width bar at the running total.
    pub zero: bool,
    /// Baseline of the lever's name.
    pub label_y: f64,
    /// Top of the bar.
    pub bar_y: f64,
    /// Baseline of the value label, level with the bar's middle.
    pub value_y: f64,
    pub bar: Span,
    pub value_label: ValueLabel,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WaterfallLayout {
    pub frame: BarFrame,
    /// The levers' steps, largest contribution (by size) first.
    pub steps: Vec<Step>,
    /// The total row: its label, bar (zero to the total) and value label.
    pub total_label_y: f64,
    pub total_bar_y: f64,
    pub total_value_y: f64,
    pub total_bar: Span,
    pub total_value_label: ValueLabel,
    /// Vertical connectors (x, y from, y to): from each bar's bottom to the next bar's top,
    /// at the running total they share.
    pub connectors: Vec<(f64, f64, f64)>,
}

/// The order the levers are drawn in: largest contribution by size first, ties (zeros
/// among them) in the order given.
pub fn draw_order(points: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&a, &b| points[b].abs().total_cmp(&points[a].abs()).then(a.cmp(&b)));
    order
}

/// Each lever's step in drawing order, (index, running change before, after): the last
/// ends at `total` itself, so the steps meet the total bar exactly.
fn running_steps(points: &[f64], total: f64) -> Vec<(usize, f64, f64)> {
    let order = draw_order(points);
    let mut running = 0.0;
    let mut ends = Vec::with_capacity(order.len());
    for (n, &index) in order.iter().enumerate() {
        let from = running;
        running = if n + 1 == order.len() {
            total
        } else {
            running + points[index]
        };
        ends.push((index, from, running));
    }
    ends
}

/// The x range: every running change, the total and zero, at least [`MIN_SPAN`] wide,
/// widened on the side the changes go to so zero stays at the other edge.
fn x_range(ends: &[(usize, f64, f64)], total: f64) -> (f64, f64) {
    let (mut low, mut high) = (0.0f64, 0.0f64);
    for v in ends
        .iter()
        .flat_map(|&(_, from, to)| [from, to])
        .chain([total])
        .filter(|v| v.is_finite())
    {
        low = low.min(v);
        high = high.max(v);
    }
    if high - low < MIN_SPAN {
        if high > 0.0 || low == 0.0 {
            high = low + MIN_SPAN;
        } else {
            low = high - MIN_SPAN;
        }
    }
    (low, high)
}

/// The bar from `from` to `to`: none wide for a lever that adds nothing, at least
/// [`MIN_BAR`] wide otherwise.
fn bar(x: &LinearScale, from: f64, to: f64, zero: bool) -> Span {
    let (a, b) = (x.map(from), x.map(to));
    let (left, right) = if a <= b { (a, b) } else { (b, a) };
    let width = right - left;
    if zero {
        Span { x: a, width: 0.0 }
    } else if width < MIN_BAR {
        Span {
            x: 0.5 * (left + right) - 0.5 * MIN_BAR,
            width: MIN_BAR,
        }
    } else {
        Span { x: left, width }
    }
}

/// Beyond the bar's far end: right of it for a step up, left of it for a step down.
fn end_label(x: &LinearScale, from: f64, to: f64) -> ValueLabel {
    value_label(x.map(to), to < from)
}

/// Lays out `points` (each lever's contribution) stepping from zero to `total`. The
/// contributions add up to the total (Shapley efficiency), up to rounding.
pub fn waterfall_layout(points: &[f64], total: f64) -> WaterfallLayout {
    let ends = running_steps(points, total);
    let (low, high) = x_range(&ends, total);
    // One row per lever, then the total's.
    let frame = BarFrame::new(low, high, LABEL_ROOM, TOP, ends.len() + 1);
    let x = &frame.x;
    let steps: Vec<Step> = ends
        .iter()
        .enumerate()
        .map(|(i, &(index, from, to))| {
            let lines = frame.row(i);
            let zero = points[index].abs() < ZERO_POINTS;
            Step {
                index,
                points: points[index],
                from,
                to,
                zero,
                label_y: lines.label_y,
                bar_y: lines.bar_y,
                value_y: lines.value_y,
                bar: bar(x, from, to, zero),
                value_label: end_label(x, from, to),
            }
        })
        .collect();
    let total_lines = frame.row(steps.len());
    // From each bar's bottom to the next bar's top; the last joins the total bar's far end.
    let connectors = steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let next_top = steps
                .get(i + 1)
                .map_or(total_lines.bar_y, |next| next.bar_y);
            (x.map(step.to), step.bar_y + BAR_HEIGHT, next_top)
        })
        .collect();
    WaterfallLayout {
        total_label_y: total_lines.label_y,
        total_bar_y: total_lines.bar_y,
        total_value_y: total_lines.value_y,
        total_bar: bar(x, 0.0, total, total.abs() < ZERO_POINTS),
        total_value_label: end_label(x, 0.0, total),
        steps,
        connectors,
        frame,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::charts::bars::SIDE;

    fn right(span: Span) -> f64 {
        span.x + span.width
    }

    #[test]
    fn running_totals_end_exactly_at_the_total() {
        // Contributions that add up to the total only up to floating-point rounding.
        let points = [0.1, 0.2, 0.3, 1.7, -0.4];
        let total: f64 = 0.1 + 0.2 + 0.3 + 1.7 - 0.4;
        let layout = waterfall_layout(&points, total);
        assert_eq!(layout.steps.len(), points.len());
        assert_eq!(layout.steps[0].from, 0.0);
        assert_eq!(layout.steps.last().unwrap().to, total);
        for pair in layout.steps.windows(2) {
            assert_eq!(pair[0].to, pair[1].from, "steps follow on");
        }
        for step in &layout.steps {
            assert!(
                (step.to - step.from - step.points).abs() < 1e-12,
                "{step:?}"
            );
        }
        // The total bar runs from zero to the total, below every step.
        assert!((layout.total_bar.x - layout.frame.zero_x).abs() < 1e-9);
        assert!((right(layout.total_bar) - layout.frame.x.map(total)).abs() < 1e-9);
        assert!(layout.total_bar_y > layout.steps.last().unwrap().bar_y);
        assert!(layout.frame.height > layout.frame.plot_bottom);
        // The last connector meets the total bar's end.
        let last = layout.connectors.last().unwrap();
        assert!((last.0 - layout.frame.x.map(total)).abs() < 1e-9);
        assert!((last.2 - layout.total_bar_y).abs() < 1e-9);
    }

    #[test]
    fn levers_come_largest_first_by_size() {
        let layout = waterfall_layout(&[0.5, -2.0, 1.0, 0.0], -0.5);
        let order: Vec<usize> = layout.steps.iter().map(|s| s.index).collect();
        assert_eq!(order, vec![1, 2, 0, 3]);
        assert_eq!(draw_order(&[1.0, 1.0, -1.0]), vec![0, 1, 2]);
    }

    #[test]
    fn negative_contributions_step_down() {
        let layout = waterfall_layout(&[2.0, -0.5], 1.5);
        let down = &layout.steps[1];
        assert_eq!((down.from, down.to), (2.0, 1.5));
        // The bar runs leftwards from the running total, its label left of its end.
        assert!((right(down.bar) - layout.frame.x.map(2.0)).abs() < 1e-9);
        assert!((down.bar.x - layout.frame.x.map(1.5)).abs() < 1e-9);
        assert!(down.value_label.anchor_end && down.value_label.x < down.bar.x);
        let up = &layout.steps[0];
        assert!(!up.value_label.anchor_end && up.value_label.x > right(up.bar));
        // A fall overall: zero sits at the right, and the labels fit inside the chart.
        let falls = waterfall_layout(&[-3.0, -1.0], -4.0);
        assert!(falls.frame.zero_x > falls.frame.x.map(-4.0));
        assert!(falls.total_value_label.x - SIDE > 30.0);
        assert!(falls.frame.ticks.contains(&0.0));
    }

    #[test]
    fn zero_contributions_are_listed_but_drawn_as_zero() {
        let layout = waterfall_layout(&[0.0, 1.2, 0.0], 1.2);
        assert_eq!(layout.steps.len(), 3);
        let zeros: Vec<&Step> = layout.steps.iter().filter(|s| s.zero).collect();
        assert_eq!(zeros.len(), 2);
        for step in zeros {
            assert_eq!(step.bar.width, 0.0);
            assert_eq!(step.from, step.to);
            assert!((step.bar.x - layout.frame.x.map(1.2)).abs() < 1e-9);
        }
        // A tiny but real contribution is still visible.
        let tiny = waterfall_layout(&[0.001, 2.0], 2.001);
        assert!(tiny.steps[1].bar.width >= MIN_BAR);
        // Nothing at all: a small axis around zero, no stretching.
        let none = waterfall_layout(&[0.0], 0.0);
        assert_eq!(none.total_bar.width, 0.0);
        assert!(none.frame.ticks.contains(&0.0));
    }
}
