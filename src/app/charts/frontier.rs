//! Cost-impact frontier geometry: each plan on the frontier as a point at its peak cost a
//! year (x, pounds) and its value of the outcome in the year (y, in percent, or points
//! for a gap), joined by a step line. The line is flat from one plan's cost to the next
//! plan's and then rises (or falls) to it, because the best plan within a budget between
//! the two is still the cheaper one; after the last plan it runs flat to the plot's right
//! edge. The budget is a vertical line and a target, when there is one, a horizontal one.
//! With a target, a second panel below shares the cost axis and steps through each
//! plan's chance of reaching it (0 to 100%), so the room sees what more money buys in
//! certainty as well as in the expected value.

use super::scale::{line_path, nice_ticks, LinearScale};

/// The chart's drawing size (SVG user units); it scales to its container.
pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 300.0;
/// Room on the left for the y tick labels, below for the x tick labels and axis title.
pub const LEFT: f64 = 60.0;
pub const RIGHT: f64 = 32.0;
pub const TOP: f64 = 26.0;
pub const BOTTOM: f64 = 48.0;
/// The chance panel, below the main plot when a target is searched: its height in all,
/// and its plot's top and bottom measured from the main chart's bottom edge.
pub const CHANCE_HEIGHT: f64 = 120.0;
const CHANCE_TOP: f64 = 28.0;
const CHANCE_BOTTOM: f64 = 104.0;
/// The narrowest y range drawn (percent or points), so tiny gains are not blown up.
const MIN_Y_SPAN: f64 = 1.0;
/// Room above and below the data, as a share of its span.
const Y_PAD: f64 = 0.08;

/// One tick: its value (pounds, or percent / points) and its position on the axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tick {
    pub value: f64,
    pub at: f64,
}

/// Everything the frontier chart draws, in SVG coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontierLayout {
    pub x: LinearScale,
    pub y: LinearScale,
    /// Each plan's marker, in the frontier's order.
    pub points: Vec<(f64, f64)>,
    /// The step line's vertices, left to right.
    pub steps: Vec<(f64, f64)>,
    /// `steps` as an SVG path.
    pub step_path: String,
    /// The budget line's x position.
    pub budget_x: f64,
    /// The target line's y position, when a target is drawn.
    pub target_y: Option<f64>,
    pub x_ticks: Vec<Tick>,
    pub y_ticks: Vec<Tick>,
}

impl FrontierLayout {
    /// The plot's left, right, top and bottom edges.
    pub fn plot_left(&self) -> f64 {
        LEFT
    }
    pub fn plot_right(&self) -> f64 {
        WIDTH - RIGHT
    }
    pub fn plot_top(&self) -> f64 {
        TOP
    }
    pub fn plot_bottom(&self) -> f64 {
        HEIGHT - BOTTOM
    }
}

/// Lays out the frontier: `plans` are (peak cost a year in pounds, value in percent or
/// points) in order of rising cost; `budget_gbp` and `target` (same units as the values)
/// are always inside the plotted ranges. Non-finite numbers are left out of the ranges.
pub fn layout(plans: &[(f64, f64)], budget_gbp: f64, target: Option<f64>) -> FrontierLayout {
    let finite = |v: &f64| v.is_finite();
    let budget = if budget_gbp.is_finite() {
        budget_gbp.max(0.0)
    } else {
        0.0
    };
    let max_cost = plans
        .iter()
        .map(|p| p.0)
        .filter(finite)
        .fold(budget, f64::max)
        .max(1.0);
    // Round the right end up to the tick step, with a little room past the last plan.
    let raw_ticks = nice_ticks(0.0, max_cost * 1.05, 5);
    let step = match raw_ticks.as_slice() {
        [a, b, ..] => b - a,
        _ => max_cost,
    };
    let x_max = ((max_cost * 1.05) / step).ceil() * step;
    let x = LinearScale::new((0.0, x_max), (LEFT, WIDTH - RIGHT));

    let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in plans.iter().map(|p| p.1).chain(target).filter(finite) {
        low = low.min(v);
        high = high.max(v);
    }
    if low > high {
        (low, high) = (0.0, MIN_Y_SPAN);
    }
    if high - low < MIN_Y_SPAN {
        let middle = 0.5 * (low + high);
        (low, high) = (middle - 0.5 * MIN_Y_SPAN, middle + 0.5 * MIN_Y_SPAN);
    }
    let pad = (high - low) * Y_PAD;
    let (y_low, y_high) = ((low - pad).max(0.0), (high + pad).min(100.0));
    let y = LinearScale::new((y_low, y_high), (HEIGHT - BOTTOM, TOP));

    let points: Vec<(f64, f64)> = plans.iter().map(|&(c, v)| (x.map(c), y.map(v))).collect();
    let steps = step_line(&points);
    let step_path = line_path(&steps);

    let tick = |scale: &LinearScale, value: f64| Tick {
        value,
        at: scale.map(value),
    };
    FrontierLayout {
        budget_x: x.map(budget),
        target_y: target.filter(finite).map(|t| y.map(t)),
        x_ticks: nice_ticks(0.0, x_max, 5)
            .into_iter()
            .map(|v| tick(&x, v))
            .collect(),
        y_ticks: nice_ticks(y_low, y_high, 5)
            .into_iter()
            .map(|v| tick(&y, v))
            .collect(),
        x,
        y,
        points,
        steps,
        step_path,
    }
}

/// The step line through `points` (left to right): flat at each point's height until the
/// next point's x, then up or down to it, and flat after the last to the plot's right edge.
fn step_line(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut steps = Vec::with_capacity(points.len() * 2 + 1);
    for (i, &(px, py)) in points.iter().enumerate() {
        if i > 0 {
            // Flat at the previous plan's value until this plan's cost.
            steps.push((px, points[i - 1].1));
        }
        steps.push((px, py));
    }
    if let Some(&(_, last_y)) = points.last() {
        steps.push((WIDTH - RIGHT, last_y));
    }
    steps
}

/// The chance panel: each plan's chance of reaching the target as a step line under the
/// frontier, on the frontier's cost scale.
#[derive(Debug, Clone, PartialEq)]
pub struct ChanceLayout {
    /// Chance (0 to 1) to y.
    pub y: LinearScale,
    /// Each plan's point, in the frontier's order (same x as the frontier's markers).
    pub points: Vec<(f64, f64)>,
    pub step_path: String,
    /// 0, 50 and 100%, as shares.
    pub y_ticks: Vec<Tick>,
    pub top: f64,
    pub bottom: f64,
}

/// Lays out the chance panel under `frontier`: `chances[i]` belongs to the frontier's
/// i-th plan. A chance that is not a share (NaN, or outside 0 to 1) is clamped to the
/// axis, so the panel is always drawable; the table shows the figure as it came.
pub fn chance_layout(frontier: &FrontierLayout, chances: &[f64]) -> ChanceLayout {
    let (top, bottom) = (HEIGHT + CHANCE_TOP, HEIGHT + CHANCE_BOTTOM);
    let y = LinearScale::new((0.0, 1.0), (bottom, top));
    let points: Vec<(f64, f64)> = frontier
        .points
        .iter()
        .zip(chances)
        .map(|(&(px, _), &c)| {
            let share = if c.is_finite() {
                c.clamp(0.0, 1.0)
            } else {
                0.0
            };
            (px, y.map(share))
        })
        .collect();
    ChanceLayout {
        step_path: line_path(&step_line(&points)),
        y_ticks: [0.0, 0.5, 1.0]
            .into_iter()
            .map(|v| Tick {
                value: v,
                at: y.map(v),
            })
            .collect(),
        y,
        points,
        top,
        bottom,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plans() -> Vec<(f64, f64)> {
        vec![
            (0.0, 27.0),
            (120_000.0, 28.5),
            (300_000.0, 30.1),
            (900_000.0, 31.0),
            (1_800_000.0, 31.4),
        ]
    }

    fn inside(layout: &FrontierLayout, (px, py): (f64, f64)) -> bool {
        (layout.plot_left()..=layout.plot_right()).contains(&px)
            && (layout.plot_top()..=layout.plot_bottom()).contains(&py)
    }

    #[test]
    fn points_map_inside_the_plot() {
        for budget in [0.0, 500_000.0, 5_000_000.0] {
            for target in [None, Some(25.0), Some(35.0)] {
                let layout = layout(&plans(), budget, target);
                assert_eq!(layout.points.len(), plans().len());
                for &point in &layout.points {
                    assert!(inside(&layout, point), "{point:?} at budget {budget}");
                }
                assert!(inside(&layout, (layout.budget_x, layout.plot_top())));
                if let Some(ty) = layout.target_y {
                    assert!(inside(&layout, (layout.plot_left(), ty)));
                }
            }
        }
    }

    #[test]
    fn the_step_path_is_monotone_in_x_and_passes_through_every_point() {
        let layout = layout(&plans(), 2_000_000.0, None);
        assert!(layout.steps.windows(2).all(|w| w[0].0 <= w[1].0));
        for point in &layout.points {
            assert!(layout.steps.contains(point));
        }
        // Flat then up: a vertex at each plan's cost at the previous plan's height.
        assert_eq!(layout.steps[1], (layout.points[1].0, layout.points[0].1));
        assert_eq!(layout.steps.last().unwrap().0, layout.plot_right());
        assert!(layout.step_path.starts_with('M'));
    }

    #[test]
    fn the_budget_line_is_placed_where_the_scale_says() {
        let layout = layout(&plans(), 500_000.0, Some(30.0));
        assert_eq!(layout.budget_x, layout.x.map(500_000.0));
        assert_eq!(layout.target_y, Some(layout.y.map(30.0)));
        // Higher values sit higher (smaller y), costlier plans further right.
        assert!(layout.points.windows(2).all(|w| w[1].0 > w[0].0));
        assert!(layout.points.windows(2).all(|w| w[1].1 < w[0].1));
        // Ticks lie on the axes, in order.
        assert!(layout.x_ticks.windows(2).all(|w| w[0].at < w[1].at));
        assert_eq!(layout.x_ticks[0].at, layout.plot_left());
    }

    #[test]
    fn the_chance_panel_lies_below_the_frontier_on_its_cost_scale() {
        let frontier = layout(&plans(), 500_000.0, Some(30.0));
        let chances = [0.0, 0.1, 0.5, 0.9, 1.0];
        let panel = chance_layout(&frontier, &chances);
        // Below the main chart, inside the taller SVG.
        assert!(panel.top > HEIGHT && panel.bottom <= HEIGHT + CHANCE_HEIGHT);
        for (i, &(px, py)) in panel.points.iter().enumerate() {
            // Same x as the plan's marker above it.
            assert_eq!(px, frontier.points[i].0);
            // 0% on the panel's bottom edge, 100% on its top, 50% halfway.
            let expected = panel.bottom - chances[i] * (panel.bottom - panel.top);
            assert!(
                (py - expected).abs() < 1e-9,
                "plan {i}: {py} against {expected}"
            );
        }
        assert_eq!(panel.y_ticks[1].at, 0.5 * (panel.top + panel.bottom));
        // Steps, like the frontier: flat to the next plan's cost, then up.
        assert!(panel.step_path.starts_with('M'));
    }

    #[test]
    fn chances_that_are_not_shares_are_kept_on_the_axis() {
        let frontier = layout(&plans(), 500_000.0, Some(30.0));
        let panel = chance_layout(&frontier, &[f64::NAN, -0.2, 1.7]);
        assert_eq!(panel.points.len(), 3);
        assert_eq!(panel.points[0].1, panel.bottom);
        assert_eq!(panel.points[1].1, panel.bottom);
        assert_eq!(panel.points[2].1, panel.top);
    }

    #[test]
    fn odd_input_still_gives_a_drawable_layout() {
        let empty = layout(&[], f64::NAN, None);
        assert!(empty.points.is_empty() && empty.step_path.is_empty());
        assert!(empty.budget_x.is_finite());
        let flat = layout(&[(0.0, 12.0)], 0.0, None);
        assert!(inside(&flat, flat.points[0]));
    }
}
