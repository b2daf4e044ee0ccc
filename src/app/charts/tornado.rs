//! Tornado chart geometry: one row per assumption, its name above a bar that runs from the
//! result at the assumption's low setting to the result at its high setting, split at the
//! central result. Rows come in the order given (widest swing first); the x axis always
//! shows zero (no change against the baseline) and the central value.

use super::bars::{finite_range, value_label, BarFrame, Span, ValueLabel, MIN_BAR};

/// Room above the first row for the central value's label.
const TOP: f64 = 24.0;
/// Room kept either side of the data for the value labels, as a share of the data's span.
const LABEL_ROOM: f64 = 0.16;

#[derive(Debug, Clone, PartialEq)]
pub struct TornadoRow {
    /// Baseline of the assumption's name.
    pub label_y: f64,
    /// Top of the bar.
    pub bar_y: f64,
    /// Baseline of the value labels, level with the bar's middle.
    pub value_y: f64,
    /// From the central value to the result at the low setting, and at the high setting.
    pub low: Span,
    pub high: Span,
    /// Labels for each end; when both ends lie on the same side of the central value only
    /// the outer one is labelled, so that the two never overlap (the table has both).
    pub low_label: Option<ValueLabel>,
    pub high_label: Option<ValueLabel>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TornadoLayout {
    pub frame: BarFrame,
    pub central_x: f64,
    pub rows: Vec<TornadoRow>,
}

/// Lays out `ends` (each bar's result at the low and the high setting) around `central`.
pub fn tornado_layout(central: f64, ends: &[(f64, f64)]) -> TornadoLayout {
    let (low, high) = finite_range(
        ends.iter()
            .flat_map(|&(low, high)| [low, high])
            .chain([0.0, central]),
    );
    let frame = BarFrame::new(low, high, LABEL_ROOM, TOP, ends.len());
    let x = frame.x;
    let central_x = x.map(central);
    let span = |to: f64| {
        let end = x.map(to);
        let (left, right) = if end < central_x {
            (end, central_x)
        } else {
            (central_x, end)
        };
        let width = right - left;
        if width < MIN_BAR {
            // Centred on the end, so a zero swing still shows as a sliver at the centre.
            Span {
                x: end - 0.5 * MIN_BAR,
                width: MIN_BAR,
            }
        } else {
            Span { x: left, width }
        }
    };
    let label = |to: f64| {
        let end = x.map(to);
        value_label(end, end < central_x)
    };
    let rows = ends
        .iter()
        .enumerate()
        .map(|(i, &(at_low, at_high))| {
            let (low_side, high_side) = (at_low - central, at_high - central);
            // Same side of the centre (or one end at it): label only the outer end.
            let same_side = low_side * high_side >= 0.0;
            let (low_label, high_label) = if same_side {
                if low_side.abs() >= high_side.abs() {
                    (Some(label(at_low)), None)
                } else {
                    (None, Some(label(at_high)))
                }
            } else {
                (Some(label(at_low)), Some(label(at_high)))
            };
            let lines = frame.row(i);
            TornadoRow {
                label_y: lines.label_y,
                bar_y: lines.bar_y,
                value_y: lines.value_y,
                low: span(at_low),
                high: span(at_high),
                low_label,
                high_label,
            }
        })
        .collect();
    TornadoLayout {
        frame,
        central_x,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::charts::bars::{SIDE, WIDTH};

    #[test]
    fn bars_run_from_the_centre_to_each_end() {
        let layout = tornado_layout(2.0, &[(1.0, 4.0), (1.5, 2.5)]);
        assert_eq!(layout.rows.len(), 2);
        let c = layout.central_x;
        let first = &layout.rows[0];
        assert!((first.low.x - layout.frame.x.map(1.0)).abs() < 1e-9);
        assert!((first.low.x + first.low.width - c).abs() < 1e-9);
        assert!((first.high.x - c).abs() < 1e-9);
        assert!((first.high.x + first.high.width - layout.frame.x.map(4.0)).abs() < 1e-9);
        // Rows stack downwards, each bar below its name.
        assert!(layout.rows[1].bar_y > first.bar_y);
        assert!(first.label_y < first.bar_y);
        assert!(layout.frame.height > layout.frame.plot_bottom);
    }

    #[test]
    fn the_axis_always_shows_zero_and_the_labels_fit() {
        let layout = tornado_layout(3.8, &[(1.7, 6.6)]);
        assert!(layout.frame.zero_x >= SIDE && layout.frame.zero_x < layout.central_x);
        let row = &layout.rows[0];
        let low = row.low_label.unwrap();
        let high = row.high_label.unwrap();
        assert!(low.anchor_end && !high.anchor_end);
        // Room for about five characters of 13px text beyond each end.
        assert!(low.x - SIDE > 30.0, "{low:?}");
        assert!(WIDTH - SIDE - high.x > 30.0, "{high:?}");
        assert!(layout.frame.ticks.contains(&0.0));
    }

    #[test]
    fn ends_on_one_side_get_one_label_and_zero_swings_stay_visible() {
        let layout = tornado_layout(-1.0, &[(-1.1, -1.5), (-1.0, -1.0)]);
        let row = &layout.rows[0];
        assert!(row.low_label.is_none() && row.high_label.is_some());
        let flat = &layout.rows[1];
        assert!(flat.low.width >= MIN_BAR && flat.high.width >= MIN_BAR);
        // A tiny range is not stretched across the chart.
        let small = tornado_layout(0.01, &[(0.0, 0.02)]);
        let width = small.rows[0].high.x + small.rows[0].high.width - small.rows[0].low.x;
        assert!(width < 0.1 * WIDTH, "{width}");
    }
}
