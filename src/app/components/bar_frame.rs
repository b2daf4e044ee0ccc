//! The frame both horizontal-bar charts (the tornado and the waterfall) draw their rows
//! in: the tick grid with its labels, the axis title and the zero line.

use yew::prelude::*;

use crate::app::charts::bars::{BarFrame, WIDTH};

/// The grid, tick labels (written by `tick_label`), axis title and zero line of `frame`.
pub fn bar_frame(frame: &BarFrame, tick_label: impl Fn(f64) -> String) -> Html {
    let f1 = |v: f64| format!("{v:.1}");
    html! {
        <>
            <g class="grid" aria-hidden="true">
                for t in frame.ticks.iter() {
                    <line x1={f1(frame.x.map(*t))} x2={f1(frame.x.map(*t))}
                        y1={f1(frame.plot_top)} y2={f1(frame.plot_bottom)} />
                    <text class="tick" x={f1(frame.x.map(*t))} y={f1(frame.plot_bottom + 16.0)} text-anchor="middle">{ tick_label(*t) }</text>
                }
                <text class="tick" x={f1(WIDTH / 2.0)} y={f1(frame.height - 6.0)} text-anchor="middle">
                    { "Change against the baseline (percentage points)" }
                </text>
            </g>
            <line class="zero-line" x1={f1(frame.zero_x)} x2={f1(frame.zero_x)}
                y1={f1(frame.plot_top)} y2={f1(frame.plot_bottom)} />
        </>
    }
}
