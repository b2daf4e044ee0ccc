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
