//! Chart styles, embedded in every chart's SVG so that an exported SVG or PNG looks as it
//! does on the page. Okabe-Ito colours (colour-blind safe), each paired with a line style.

/// Colours for scenarios drawn together: the current one first, then compared ones.
pub const SERIES_COLOURS: [&str; 4] = ["#0072b2", "#e69f00", "#cc79a7", "#009e73"];
/// Dash patterns that tell compared scenarios apart without colour.
pub const SERIES_DASHES: [&str; 4] = ["none", "10 3", "2 3", "8 3 2 3"];

pub const CHART_CSS: &str = "
svg { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; }
.grid line { stroke: #e3e6eb; stroke-width: 1; }
.tick { font-size: 13px; fill: #3d4450; }
.line { fill: none; stroke-width: 2.5; stroke-linejoin: round; }
.line.baseline { stroke: #3b3b3b; stroke-dasharray: 6 4; stroke-width: 2; }
.line.scenario { stroke: #0072b2; }
.line.non-fsm.baseline { stroke: #d55e00; stroke-dasharray: 6 4; stroke-width: 1.5; }
.line.non-fsm.scenario { stroke: #d55e00; stroke-width: 2; }
.band { fill: rgba(0, 114, 178, 0.18); stroke: none; }
.band.stale { opacity: 0.5; }
.marker line { stroke: #007a5a; stroke-width: 1.2; stroke-dasharray: 2 3; }
.projection-start line { stroke: #4a5260; stroke-width: 1; stroke-dasharray: 5 3; }
.marker .first-effect { fill: #007a5a; }
.obs.fsm .mark { fill: #1b1f24; stroke: #ffffff; stroke-width: 1.5; }
.obs.disadvantaged .mark { fill: #ffffff; stroke: #1b1f24; stroke-width: 2; }
.obs.neighbours .mark { fill: #7b3294; stroke: #ffffff; stroke-width: 1; }
.obs.neighbours .range { stroke: #7b3294; stroke-width: 1.5; }
.obs.england .mark { fill: #ffffff; stroke: #7b3294; stroke-width: 2; }
.break-ring { fill: none; stroke: #a33a00; stroke-width: 1.5; stroke-dasharray: 3 2; }
.node.reached { fill: #0072b2; }
.node.not-reached { fill: #767676; }
.ribbon { opacity: 0.35; }
.ribbon.to-reached { fill: #0072b2; }
.ribbon.to-not { fill: #9aa3ae; }
.flow-label { font-size: 13px; font-weight: 600; fill: #1b1f24; }
.flow-value { font-size: 13px; fill: #4a5260; }
.bar { fill: #007a5a; }
.bar.over { fill: #a33a00; }
.budget-line { stroke: #1b1f24; stroke-width: 1.5; stroke-dasharray: 5 3; }
.chart-title { font-size: 15px; font-weight: 600; fill: #1b1f24; }
.tornado-label, .tornado-value { paint-order: stroke; stroke: #ffffff; stroke-width: 4px; stroke-linejoin: round; }
.tornado-label { font-size: 13px; fill: #1b1f24; }
.tornado-label .structural-note { fill: #4a5260; font-style: italic; }
.tornado-value { font-size: 12px; fill: #3d4450; font-variant-numeric: tabular-nums; }
.tornado-value.central { font-weight: 600; fill: #1b1f24; }
.tornado-bar.low { fill: #d55e00; stroke: #d55e00; }
.tornado-bar.high { fill: #0072b2; stroke: #0072b2; }
.structural .tornado-bar { fill-opacity: 0.25; stroke-width: 1.5; stroke-dasharray: 4 2; }
.zero-line { stroke: #1b1f24; stroke-width: 1.5; }
.central-line { stroke: #1b1f24; stroke-width: 1.5; stroke-dasharray: 5 3; }
.target-line { stroke: #a33a00; stroke-width: 1.5; stroke-dasharray: 8 3 2 3; }
.target-flag { fill: #a33a00; stroke: #ffffff; stroke-width: 1; }
.actual { fill: #e69f00; stroke: #1b1f24; stroke-width: 1.5; }
.waterfall-bar.better { fill: #006644; }
.waterfall-bar.worse { fill: #a33a00; }
.waterfall-bar.same { fill: #767676; }
.waterfall-bar.total { stroke: #1b1f24; stroke-width: 2; }
.waterfall-zero { stroke: #767676; stroke-width: 2; }
.connector { stroke: #4a5260; stroke-width: 1; stroke-dasharray: 2 2; }
.total-label { font-weight: 600; }
.chance-band { fill: rgba(123, 50, 148, 0.16); stroke: none; }
.neighbours-range { fill: rgba(0, 115, 79, 0.13); stroke: none; }
.line.england { stroke: #7b3294; stroke-width: 2; stroke-dasharray: 6 3; }
.line.neighbours { stroke: #00734f; stroke-width: 2; stroke-dasharray: 2 3; }
.line.area { stroke: #0072b2; }
.area-mark { fill: #ffffff; stroke: #0072b2; stroke-width: 2; }
.area-mark.beyond { fill: #0072b2; }
";
