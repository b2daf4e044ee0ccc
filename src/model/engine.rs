//! The cohort-flow engine: latent attainment, thresholds, lever shifts, overlap, dose and
//! fade-out.
//!
//! For one cohort and one group, every pupil has a latent attainment at each stage,
//! standard normal without levers, and reaches the standard when it exceeds a threshold
//! set so that the rate equals the area's baseline rate. Pupils are ranked once by a
//! priority *u* in [0, 1): every programme reaches its share of the group from the top of
//! that ranking, so programmes overlap as much as they can (nested reach). A reached pupil
//! gains the lever's effect times the share of the programme's year groups it received
//! (dose); effects on the same stage combine under a ceiling (diminishing returns); and a
//! shift carries into the next stage multiplied by the link's persistence (fade-out).
//! Pupils between two consecutive reach values share every exposure, so the cohort is an
//! exact mixture of a few such classes. See docs/MODEL.md for the equations.

use super::area::Area;
use super::lever::LeverCatalogue;
use super::normal;
use super::plan::{ActiveLever, Plan};
use super::projection::{
    CohortFlow, GroupOutcome, Projection, StageOutcome, StageShare, Transition, YearProjection,
};
use super::stage::{Group, Stage};

/// Effects at or above the ceiling are held just below it, so that the combination stays
/// finite and increasing (docs/MODEL.md §3).
const CEILING_GUARD: f64 = 0.999;

/// Everything that the Monte Carlo varies between draws. [`Model::central`] gives the
/// values of the data files; a draw replaces them.
#[derive(Debug, Clone, PartialEq)]
pub struct Assumptions {
    /// Effect at scale (SD) of each active lever, in plan order.
    pub effects_sd: Vec<f64>,
    /// Effect persistence into each stage (unused for early years).
    pub persistence_into: [f64; Stage::COUNT],
    /// Sampling error of each baseline rate, as a shift of the latent threshold (SD),
    /// by [stage][group]; zero in the central run.
    pub baseline_shift_sd: [[f64; 2]; Stage::COUNT],
    /// Ceiling (SD) on the combined shift of all levers acting on one stage and group.
    pub ceiling_sd: f64,
}

/// Pupils of one cohort and group who received the same exposures: `weight` is their
/// share of the group, `shift_sd[s]` their total latent shift at stage `s`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Class {
    weight: f64,
    shift_sd: [f64; Stage::COUNT],
}

/// A baseline rate and its latent distance above the threshold, Φ⁻¹(rate).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct BaseRate {
    rate: f64,
    z: f64,
}

/// An area and a lever catalogue, with the thresholds precomputed.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    area: Area,
    catalogue: LeverCatalogue,
    /// Baseline rate by [year − base year][stage][group]; flat unless the area file gives
    /// a trend.
    base: Vec<[[BaseRate; 2]; Stage::COUNT]>,
    /// Effect persistence into each stage, from the area file (unused for early years).
    persistence_into: [f64; Stage::COUNT],
}

impl Model {
    /// Builds a model from validated data (see [`Area::from_json`]).
    pub fn new(area: Area, catalogue: LeverCatalogue) -> Model {
        let base = area
            .years()
            .map(|year| {
                Stage::ALL.map(|stage| {
                    Group::ALL.map(|group| {
                        let rate = area.baseline_rate(stage, group, year);
                        BaseRate {
                            rate,
                            z: normal::inverse_cdf(rate),
                        }
                    })
                })
            })
            .collect();
        let mut persistence_into = [0.0; Stage::COUNT];
        for stage in Stage::ALL {
            if let Some(link) = area.links.into_stage(stage) {
                persistence_into[stage.index()] = link.effect_persistence.value;
            }
        }
        Model {
            area,
            catalogue,
            base,
            persistence_into,
        }
    }

    /// The Hastings area with the standard lever catalogue.
    pub fn hastings() -> Model {
        Model::new(Area::hastings(), LeverCatalogue::standard())
    }

    pub fn area(&self) -> &Area {
        &self.area
    }

    pub fn catalogue(&self) -> &LeverCatalogue {
        &self.catalogue
    }

    /// The data files' values: central effects, the area's persistence, no sampling error.
    pub fn central(&self, plan: &Plan) -> Assumptions {
        Assumptions {
            effects_sd: plan.central_effects(),
            persistence_into: self.persistence_into,
            baseline_shift_sd: [[0.0; 2]; Stage::COUNT],
            ceiling_sd: self.catalogue.at_scale.stage_ceiling_sd.value,
        }
    }

    /// The projection with no levers: the area's baseline rates in every year.
    pub fn baseline(&self) -> Projection {
        self.project(&Plan::default())
    }

    /// The projection with every assumption at its central value.
    pub fn project(&self, plan: &Plan) -> Projection {
        self.project_with(plan, &self.central(plan))
    }

    /// The projection under the given assumptions (one Monte Carlo draw, or one end of a
    /// sensitivity bar).
    pub fn project_with(&self, plan: &Plan, assumptions: &Assumptions) -> Projection {
        let area = &self.area;
        let first_year = area.base_year;
        let mut years: Vec<YearProjection> = area
            .years()
            .map(|year| YearProjection {
                year,
                stages: [StageOutcome {
                    fsm: GroupOutcome {
                        pupils: area.group_size(Group::Fsm),
                        rate: 0.0,
                    },
                    non_fsm: GroupOutcome {
                        pupils: area.group_size(Group::NonFsm),
                        rate: 0.0,
                    },
                }; Stage::COUNT],
                cost_gbp: self.cost_in_year(plan, year),
            })
            .collect();

        let mut classes: Vec<Class> = Vec::new();
        let mut breakpoints: Vec<f64> = Vec::new();
        // The oldest cohort still visible: the one at its post-19 stage in the base year.
        let first_cohort = first_year - Stage::Post19.lag_years();
        for group in Group::ALL {
            for reception_year in first_cohort..=area.horizon_end_year {
                self.cohort_classes(
                    plan,
                    assumptions,
                    reception_year,
                    group,
                    &mut breakpoints,
                    &mut classes,
                );
                for stage in Stage::ALL {
                    let year = reception_year + stage.lag_years();
                    if year < first_year {
                        continue;
                    }
                    if year > area.horizon_end_year {
                        break;
                    }
                    let rate = self.rate_of_mixture(&classes, assumptions, stage, group, year);
                    let outcome = &mut years[(year - first_year) as usize].stages[stage.index()];
                    match group {
                        Group::Fsm => outcome.fsm.rate = rate,
                        Group::NonFsm => outcome.non_fsm.rate = rate,
                    }
                }
            }
        }
        Projection { years }
    }

    /// Splits one cohort's group into classes of pupils with identical exposure.
    ///
    /// Lever *k* reaches, in calendar year *t*, the pupils with priority *u < r_k(t)*. So
    /// between two consecutive reach values (over every lever and every year this cohort
    /// is served) all pupils share their exposures; a class `[lo, hi)` is reached by lever
    /// *k* in year *t* exactly when *r_k(t) ≥ hi*.
    fn cohort_classes(
        &self,
        plan: &Plan,
        assumptions: &Assumptions,
        reception_year: i32,
        group: Group,
        breakpoints: &mut Vec<f64>,
        classes: &mut Vec<Class>,
    ) {
        classes.clear();
        breakpoints.clear();
        let serving = |lever: &ActiveLever| lever.target.includes(group);
        for lever in plan.levers.iter().filter(|l| serving(l)) {
            for year_group in lever.year_groups.iter() {
                let reach = lever.reach_in_year(reception_year + year_group);
                if reach > 0.0 {
                    breakpoints.push(reach.min(1.0));
                }
            }
        }
        if breakpoints.is_empty() {
            classes.push(Class {
                weight: 1.0,
                shift_sd: [0.0; Stage::COUNT],
            });
            return;
        }
        breakpoints.sort_by(f64::total_cmp);
        breakpoints.dedup();
        if breakpoints.last() != Some(&1.0) {
            breakpoints.push(1.0);
        }
        let ceiling = assumptions.ceiling_sd;
        let mut lower = 0.0;
        for &upper in breakpoints.iter() {
            let weight = upper - lower;
            lower = upper;
            if weight <= 0.0 {
                continue;
            }
            let mut shift_sd = [0.0; Stage::COUNT];
            for stage in Stage::ALL {
                // Σ over levers at this stage, combined under the ceiling:
                // C · (1 − Π (1 − dose_k d_k / C)).
                let mut untouched = 1.0;
                let mut any = false;
                for (lever, &effect_sd) in plan.levers.iter().zip(&assumptions.effects_sd) {
                    if lever.stage != stage || !serving(lever) || effect_sd == 0.0 {
                        continue;
                    }
                    let exposed = lever
                        .year_groups
                        .iter()
                        .filter(|&y| lever.reach_in_year(reception_year + y) >= upper)
                        .count();
                    if exposed == 0 {
                        continue;
                    }
                    let dose = exposed as f64 / f64::from(lever.year_groups.count());
                    let effect = (dose * effect_sd).min(CEILING_GUARD * ceiling);
                    untouched *= 1.0 - effect / ceiling;
                    any = true;
                }
                let from_this_stage = if any {
                    ceiling * (1.0 - untouched)
                } else {
                    0.0
                };
                let carried = match stage.index().checked_sub(1) {
                    Some(previous) => {
                        assumptions.persistence_into[stage.index()] * shift_sd[previous]
                    }
                    None => 0.0,
                };
                shift_sd[stage.index()] = carried + from_this_stage;
            }
            classes.push(Class { weight, shift_sd });
        }
    }

    /// Share of the group above the threshold in `year`: Σ weight · Φ(Φ⁻¹(p_t) + ε + shift).
    fn rate_of_mixture(
        &self,
        classes: &[Class],
        assumptions: &Assumptions,
        stage: Stage,
        group: Group,
        year: i32,
    ) -> f64 {
        let (s, g) = (stage.index(), group.index());
        let base = self.base[(year - self.area.base_year) as usize][s][g];
        let error = assumptions.baseline_shift_sd[s][g];
        let untreated = if error == 0.0 {
            // Exactly the data, not Φ(Φ⁻¹(p)), which may differ in the last bit.
            base.rate
        } else {
            normal::cdf(base.z + error)
        };
        if classes.iter().all(|class| class.shift_sd[s] == 0.0) {
            // Nobody is shifted at this stage: the untreated rate itself, not a sum of
            // weights that may differ from it in the last bit.
            return untreated;
        }
        classes
            .iter()
            .map(|class| {
                let shift = class.shift_sd[s];
                if shift == 0.0 {
                    class.weight * untreated
                } else {
                    class.weight * normal::cdf(base.z + error + shift)
                }
            })
            .sum()
    }

    /// The baseline rate of `stage` and `group` in `year` with a sampling error on the
    /// latent scale: what a draw's baseline is, without running the engine.
    pub fn baseline_rate_with(&self, stage: Stage, group: Group, year: i32, error_sd: f64) -> f64 {
        let index = usize::try_from(year - self.area.base_year).unwrap_or(usize::MAX);
        match self.base.get(index) {
            Some(by_stage) => {
                let base = by_stage[stage.index()][group.index()];
                if error_sd == 0.0 {
                    base.rate
                } else {
                    normal::cdf(base.z + error_sd)
                }
            }
            None => self.area.base_rate(stage, group),
        }
    }

    /// One cohort's path through the stages for one group: the share reaching the
    /// standard at each stage and, between consecutive stages, the shares that reach
    /// both, only one or neither (bivariate normal with the link's latent correlation).
    pub fn cohort_flow(&self, plan: &Plan, reception_year: i32, group: Group) -> CohortFlow {
        let assumptions = self.central(plan);
        let mut classes = Vec::new();
        self.cohort_classes(
            plan,
            &assumptions,
            reception_year,
            group,
            &mut Vec::new(),
            &mut classes,
        );
        let mut stages = [StageShare::default(); Stage::COUNT];
        let mut transitions = [Transition::default(); Stage::COUNT - 1];
        let z_at = |stage: Stage, year: i32| {
            let index = usize::try_from(year - self.area.base_year).unwrap_or(usize::MAX);
            self.base
                .get(index)
                .map(|b| b[stage.index()][group.index()].z)
                .unwrap_or_else(|| normal::inverse_cdf(self.area.base_rate(stage, group)))
        };
        for stage in Stage::ALL {
            let year = reception_year + stage.lag_years();
            let z_now = z_at(stage, year);
            let reached_share: f64 = classes
                .iter()
                .map(|c| {
                    let shift = c.shift_sd[stage.index()];
                    if shift == 0.0 {
                        c.weight * normal::cdf(z_now)
                    } else {
                        c.weight * normal::cdf(z_now + shift)
                    }
                })
                .sum();
            let reached_share = if classes.iter().all(|c| c.shift_sd[stage.index()] == 0.0) {
                self.baseline_rate_with(stage, group, year, 0.0)
            } else {
                reached_share
            };
            stages[stage.index()] = StageShare {
                year,
                reached_share,
            };
            if let (Some(link), Some(previous)) = (
                self.area.links.into_stage(stage),
                stage.index().checked_sub(1),
            ) {
                let z_previous = z_at(Stage::ALL[previous], stages[previous].year);
                let rho = link.latent_correlation.value;
                let both: f64 = classes
                    .iter()
                    .map(|c| {
                        c.weight
                            * normal::upper_orthant(
                                -(z_previous + c.shift_sd[previous]),
                                -(z_now + c.shift_sd[stage.index()]),
                                rho,
                            )
                    })
                    .sum();
                let before = stages[previous].reached_share;
                let after = stages[stage.index()].reached_share;
                // Clamp against rounding only: both ≤ min(before, after) in exact arithmetic.
                let both = both.clamp(0.0, before.min(after));
                transitions[previous] = Transition {
                    reached_both: both,
                    reached_then_not: before - both,
                    not_then_reached: after - both,
                    reached_neither: (1.0 - before - after + both).max(0.0),
                };
            }
        }
        CohortFlow {
            reception_year,
            group,
            pupils: self.area.group_size(group),
            stages,
            transitions,
        }
    }

    /// Cost in `year`: for each lever, the share reached that year times its target
    /// group in every year group it serves, times the cost per pupil a year.
    pub fn cost_in_year(&self, plan: &Plan, year: i32) -> f64 {
        plan.levers
            .iter()
            .map(|lever| {
                let catalogue_lever = &self.catalogue.levers[lever.catalogue_index];
                lever.reach_in_year(year)
                    * catalogue_lever.pupils_served(&self.area)
                    * lever.cost_gbp_per_pupil
            })
            .sum()
    }
}
