//! The record: what every local authority published, year by year, read from the shipped
//! area files (LAIT's series, with KS4 by FSM derived from Attainment 8). [`fit`] fits the
//! drift and cohort noise the bands carry; [`backtest`] sets the bands against what
//! authorities went on to publish; [`oa`] sets the Opportunity Areas' programme as
//! delivered against what the six whole-LA areas recorded. Native only: `pathways-record` runs both.

pub mod backtest;
pub mod fit;
pub mod oa;

use std::collections::BTreeMap;

use crate::model::{Area, GeographyKind, Group, ObservedGroup, ObservedStage, SeriesRole, Stage};

/// The stages LAIT publishes by FSM (KS4 derived): post-19 has no FSM series to fit.
pub const RECORDED_STAGES: [Stage; 4] =
    [Stage::EarlyYears, Stage::Ks2, Stage::Ks4, Stage::Level3By19];

/// The last year the record holds.
pub const LAST_RECORDED_YEAR: i32 = 2025;

/// One area's published rate for one stage and group, year by year, and the group's size
/// (pupils in one year group) in the years its file gives one.
#[derive(Debug, Clone, Default)]
pub struct GroupSeries {
    pub rates: BTreeMap<i32, f64>,
    pub sizes: BTreeMap<i32, f64>,
}

/// One local authority's record.
#[derive(Debug, Clone)]
pub struct AreaRecord {
    pub area: Area,
    /// By [stage index][group index]; stages not in [`RECORDED_STAGES`] stay empty.
    pub series: [[GroupSeries; 2]; Stage::COUNT],
}

/// Every local authority's record and England's.
pub struct Record {
    pub areas: Vec<AreaRecord>,
    pub england: AreaRecord,
}

/// Whether a change from `from` to `to` compares like with like: the EYFS profile was
/// reformed in September 2021, so early-years figures from 2022 are not comparable with
/// 2019 and earlier (the files' `eyfs_reform_2021` break).
pub fn comparable(stage: Stage, from: i32, to: i32) -> bool {
    !(stage == Stage::EarlyYears && from <= 2019 && to >= 2022)
}

impl AreaRecord {
    /// The area's own model-outcome series (not a comparison, not a proxy's) and its
    /// group sizes from each as-of year's cohort and FSM share.
    pub fn of(area: Area, geography: &str) -> AreaRecord {
        let mut series: [[GroupSeries; 2]; Stage::COUNT] = Default::default();
        for stage in RECORDED_STAGES {
            for group in Group::ALL {
                let wanted = match group {
                    Group::Fsm => ObservedGroup::Fsm,
                    Group::NonFsm => ObservedGroup::NonFsm,
                };
                let found = area.observed.iter().find(|o| {
                    o.stage == ObservedStage::of(stage)
                        && o.group == wanted
                        && o.role == SeriesRole::ModelOutcome
                        && o.comparison.is_none()
                        && o.geography == geography
                });
                let slot = &mut series[stage.index()][group.index()];
                if let Some(found) = found {
                    slot.rates = found.points.iter().map(|p| (p.year, p.value)).collect();
                }
                slot.sizes = area
                    .as_of
                    .iter()
                    .map(|b| {
                        let share = match group {
                            Group::Fsm => b.fsm_share.value,
                            Group::NonFsm => 1.0 - b.fsm_share.value,
                        };
                        (b.year, b.cohort_size.value * share)
                    })
                    .collect();
            }
        }
        AreaRecord { area, series }
    }

    pub fn get(&self, stage: Stage, group: Group) -> &GroupSeries {
        &self.series[stage.index()][group.index()]
    }
}

impl Record {
    /// The record of every whole local authority among `areas` (Opportunity Areas that
    /// are whole LAs included; districts, whose figures are a county's, left out) and
    /// England's.
    pub fn from_areas(areas: Vec<Area>) -> Option<Record> {
        let mut england = None;
        let mut las = Vec::new();
        for area in areas {
            let Some(geography) = area.geography.clone() else {
                continue;
            };
            match geography.kind {
                GeographyKind::Country => england = Some(AreaRecord::of(area, "England")),
                GeographyKind::WholeLocalAuthority => {
                    let label = format!("{} (local authority)", geography.name);
                    las.push(AreaRecord::of(area, &label));
                }
                GeographyKind::CountyProxy => {}
            }
        }
        las.sort_by(|a, b| a.area.id.cmp(&b.area.id));
        Some(Record {
            areas: las,
            england: england?,
        })
    }

    /// The shipped area files' record.
    pub fn shipped() -> Option<Record> {
        Record::from_areas(Area::every_shipped())
    }

    /// The authorities of `half`, or every one for `None`.
    pub fn authorities(&self, half: Option<Half>) -> Vec<&AreaRecord> {
        match half {
            Some(half) => self.half(half).collect(),
            None => self.areas.iter().collect(),
        }
    }

    /// Half of the authorities, by their place in id order: `Half::Fit` the even places,
    /// `Half::Test` the odd ones, so the two halves mix regions and sizes.
    pub fn half(&self, half: Half) -> impl Iterator<Item = &AreaRecord> {
        self.areas
            .iter()
            .enumerate()
            .filter(move |(i, _)| (i % 2 == 0) == (half == Half::Fit))
            .map(|(_, a)| a)
    }
}

/// Which half of the authorities a step uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Half {
    Fit,
    Test,
}

/// A rate on the latent scale, Φ⁻¹, kept finite for a published 0% or 100%.
pub(crate) fn latent(rate: f64) -> f64 {
    crate::model::normal::inverse_cdf(rate.clamp(1e-6, 1.0 - 1e-6))
}

/// The variance of a group's published rate around its true rate on the latent scale,
/// p(1 − p) / (n φ(Φ⁻¹(p))²), by the delta method (before the fitted noise factor).
pub fn binomial_latent_variance(rate: f64, pupils: f64) -> f64 {
    let density = crate::model::normal::density(latent(rate));
    let rate = rate.clamp(1e-6, 1.0 - 1e-6);
    rate * (1.0 - rate) / (pupils.max(1.0) * density * density)
}
