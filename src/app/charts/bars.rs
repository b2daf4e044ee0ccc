//! What the two horizontal bar charts, the tornado and the waterfall, share: their size,
//! one row per item (its name above its bar), the x scale with room for value labels, and
//! where a bar end's value is written.

use super::scale::LinearScale;

/// The charts' drawing width (SVG user units); they scale to their container.
pub const WIDTH: f64 = 720.0;
/// Margin left and right of the plot.
pub const SIDE: f64 = 16.0;
/// Room below the last row for tick labels and the axis title.
pub const AXIS: f64 = 42.0;
/// Height of one row: the item's name, then its bar.
pub const ROW: f64 = 46.0;
pub const BAR_HEIGHT: f64 = 16.0;
const LABEL_BASELINE: f64 = 15.0;
const BAR_TOP: f64 = 21.0;
/// The narrowest x range drawn, in points, so tiny values are not blown up.
pub const MIN_SPAN: f64 = 0.5;
/// Bars narrower than this are drawn this wide, so that every bar can be seen.
pub const MIN_BAR: f64 = 1.5;

/// One rectangle along the x axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    pub x: f64,
    pub width: f64,
}

/// Where a bar end's value is written: `x`, and whether the text ends there (to the left
/// of the bar) or starts there (to the right).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValueLabel {
    pub x: f64,
    pub anchor_end: bool,
}

/// The vertical positions in a row whose top is at `top`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RowLines {
    /// Baseline of the item's name.
    pub label_y: f64,
    /// Top of the bar.
    pub bar_y: f64,
    /// Baseline of the value labels, level with the bar's middle.
    pub value_y: f64,
}

pub fn row_lines(top: f64) -> RowLines {
    RowLines {
        label_y: top + LABEL_BASELINE,
        bar_y: top + BAR_TOP,
        value_y: top + BAR_TOP + 0.5 * BAR_HEIGHT + 4.5,
    }
}

/// The x scale for data from `low` to `high`, with `label_room` (a share of the data's
/// span) kept either side for value labels; and its domain.
pub fn x_scale(low: f64, high: f64, label_room: f64) -> (LinearScale, (f64, f64)) {
    let room = label_room * (high - low);
    let domain = (low - room, high + room);
    (LinearScale::new(domain, (SIDE, WIDTH - SIDE)), domain)
}

/// A value written just beyond a bar's end at `end_x`: to its left when the bar ends
/// leftward, else to its right.
pub fn value_label(end_x: f64, leftward: bool) -> ValueLabel {
    if leftward {
        ValueLabel {
            x: end_x - 4.0,
            anchor_end: true,
        }
    } else {
        ValueLabel {
            x: end_x + 4.0,
            anchor_end: false,
        }
    }
}

/// The frame both charts draw their rows in: the x scale and its ticks, the plot's top
/// and bottom, the zero line, and the whole height with the axis below.
#[derive(Debug, Clone, PartialEq)]
pub struct BarFrame {
    pub height: f64,
    pub x: LinearScale,
    pub ticks: Vec<f64>,
    pub plot_top: f64,
    pub plot_bottom: f64,
    pub zero_x: f64,
}

impl BarFrame {
    /// The frame for data from `low` to `high` (with `label_room` either side) in `rows`
    /// rows starting at `top`.
    pub fn new(low: f64, high: f64, label_room: f64, top: f64, rows: usize) -> BarFrame {
        let (x, domain) = x_scale(low, high, label_room);
        let plot_bottom = top + ROW * rows as f64;
        BarFrame {
            height: plot_bottom + AXIS,
            ticks: super::scale::nice_ticks(domain.0, domain.1, 6),
            zero_x: x.map(0.0),
            x,
            plot_top: top,
            plot_bottom,
        }
    }

    /// The top of row `index`'s lines.
    pub fn row(&self, index: usize) -> RowLines {
        row_lines(self.plot_top + ROW * index as f64)
    }
}

/// The smallest and largest finite value, widened about their middle to at least
/// [`MIN_SPAN`]; (−MIN_SPAN/2, MIN_SPAN/2) when there is none.
pub fn finite_range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.filter(|v| v.is_finite()) {
        low = low.min(v);
        high = high.max(v);
    }
    if low > high {
        return (-0.5 * MIN_SPAN, 0.5 * MIN_SPAN);
    }
    if high - low < MIN_SPAN {
        let middle = 0.5 * (low + high);
        return (middle - 0.5 * MIN_SPAN, middle + 0.5 * MIN_SPAN);
    }
    (low, high)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_has_one_row_per_item_and_room_below_for_the_axis() {
        // Three rows of 46 from a top of 8: the plot ends at 8 + 138 = 146, the chart 42
        // lower at 188.
        let frame = BarFrame::new(-1.0, 3.0, 0.0, 8.0, 3);
        assert_eq!(frame.plot_bottom, 146.0);
        assert_eq!(frame.height, 188.0);
        // With no label room, -1 maps to the left margin (16) and 3 to 720 - 16 = 704, so
        // zero is a quarter of the way: 16 + 0.25 * 688 = 188.
        assert!((frame.zero_x - 188.0).abs() < 1e-9);
        assert_eq!(frame.row(1).label_y, 8.0 + 46.0 + 15.0);
    }

    #[test]
    fn a_range_ignores_non_finite_values_and_is_never_narrower_than_the_minimum() {
        assert_eq!(finite_range([1.0, f64::NAN, 3.0].into_iter()), (1.0, 3.0));
        // 2.0 alone widens to 2 ± 0.25.
        assert_eq!(finite_range([2.0].into_iter()), (1.75, 2.25));
        assert_eq!(finite_range(std::iter::empty()), (-0.25, 0.25));
    }
}
