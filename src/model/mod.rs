//! The pure simulation: area data, levers, the cohort engine and Monte Carlo.
//! No web, no I/O: plain data in, plain data out.

pub mod area;
pub mod area_index;
pub mod diagnosis;
pub mod drift;
pub mod engine;
pub mod error;
pub mod evidence;
pub mod fsm_break;
pub mod lever;
pub mod lever_id;
pub mod monte_carlo;
pub mod normal;
pub mod observed;
pub mod plan;
pub mod projection;
pub mod provenance;
pub mod sensitivity;
pub mod stage;

pub use area::{Area, Geography, GeographyKind};
pub use engine::{Assumptions, Exposures, Model};
pub use error::InputError;
pub use lever::{Barrier, Lever, LeverCatalogue, ServedGroup};
pub use lever_id::LeverId;
pub use monte_carlo::{Bands, PairedDraw, Percentiles, StageBands};
pub use observed::{
    BreakKind, ObservedGroup, ObservedPoint, ObservedSeries, ObservedStage, SeriesBreak, SeriesRole,
};
pub use plan::{LeverSetting, LeverSettings, Plan};
pub use projection::{
    CohortFlow, GroupOutcome, Projection, StageOutcome, StageShare, Transition, YearProjection,
};
pub use provenance::{Provenance, Sourced};
pub use sensitivity::{Sensitivity, SensitivityBar};
pub use stage::{Group, Stage};
