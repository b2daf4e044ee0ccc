//! Chart geometry: plain Rust turning data into SVG coordinates and path strings, with
//! native unit tests. Components only wire the results into `<path>` and `<rect>`.

pub mod bars;
pub mod cost;
pub mod flow;
pub mod frontier;
pub mod observed;
pub mod scale;
pub mod standing;
pub mod style;
pub mod tornado;
pub mod trajectory;
pub mod waterfall;
