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
    /// Ceiling (SD) on a pupil's total shift, carried and new, at any stage.
    pub ceiling_sd: f64,
}

/// Pupils of one cohort and group who received the same exposures: `weight` is their
/// share of the group, `shift_sd[s]` their total latent shift at stage `s`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Class {
    weight: f64,
    shift_sd: [f64; Stage::COUNT],
}

/// One cohort's group split into classes of pupils with identical exposure: `weights[j]`
/// is class *j*'s share of the group, `doses[j * levers + k]` the share of lever *k*'s
/// course it received (0 when not reached, or when the lever does not serve the group).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CohortExposure {
    weights: Vec<f64>,
    doses: Vec<f64>,
}

/// Exposures of every cohort visible in the projection, by group (see [`Model::exposures`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Exposures {
    first_cohort: i32,
    cohorts: [Vec<CohortExposure>; 2],
}

/// Splits one cohort's group into classes of pupils with identical exposure.
///
/// Lever *k* reaches, in calendar year *t*, the pupils with priority *u < r_k(t)*. So
/// between two consecutive reach values (over every lever and every year this cohort is
/// served) all pupils share their exposures; a class `[lo, hi)` is reached by lever *k* in
/// year *t* exactly when *r_k(t) ≥ hi*.
fn exposed_classes(
    plan: &Plan,
    reception_year: i32,
    group: Group,
    breakpoints: &mut Vec<f64>,
) -> CohortExposure {
    let mut exposure = CohortExposure::default();
    exposed_classes_into(plan, reception_year, group, breakpoints, &mut exposure);
    exposure
}

/// [`exposed_classes`] into reused buffers, for the deterministic run's hot loop.
fn exposed_classes_into(
    plan: &Plan,
    reception_year: i32,
    group: Group,
    breakpoints: &mut Vec<f64>,
    exposure: &mut CohortExposure,
) {
    breakpoints.clear();
    exposure.weights.clear();
    exposure.doses.clear();
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
        exposure.weights.push(1.0);
        exposure.doses.resize(plan.levers.len(), 0.0);
        return;
    }
    breakpoints.sort_by(f64::total_cmp);
    breakpoints.dedup();
    if breakpoints.last() != Some(&1.0) {
        breakpoints.push(1.0);
    }
    let mut lower = 0.0;
    for &upper in breakpoints.iter() {
        let weight = upper - lower;
        lower = upper;
        if weight <= 0.0 {
            continue;
        }
        exposure.weights.push(weight);
        for lever in &plan.levers {
            let dose = if serving(lever) {
                let exposed = lever
                    .year_groups
                    .iter()
                    .filter(|&y| lever.reach_in_year(reception_year + y) >= upper)
                    .count();
                exposed as f64 / f64::from(lever.year_groups.count().max(1))
            } else {
                0.0
            };
            exposure.doses.push(dose);
        }
    }
}

/// Each class's total shift at every stage: the shift carried from the previous stage
/// (times the link's persistence) and the levers at this stage, combined under the
/// ceiling, *C · (1 − (1 − carried/C) Π (1 − dose_k d_k / C))*.
fn shift_classes(
    plan: &Plan,
    exposure: &CohortExposure,
    assumptions: &Assumptions,
    classes: &mut Vec<Class>,
) {
    classes.clear();
    let levers = plan.levers.len();
    let ceiling = assumptions.ceiling_sd;
    for (j, &weight) in exposure.weights.iter().enumerate() {
        let doses = &exposure.doses[j * levers..(j + 1) * levers];
        let mut shift_sd = [0.0; Stage::COUNT];
        for stage in Stage::ALL {
            // The shift carried from the previous stage is one more term of the
            // combination, so the ceiling bounds a pupil's total shift, not each stage's.
            let carried = match stage.index().checked_sub(1) {
                Some(previous) => assumptions.persistence_into[stage.index()] * shift_sd[previous],
                None => 0.0,
            };
            let mut untouched = 1.0 - carried.min(CEILING_GUARD * ceiling) / ceiling;
            let mut any = false;
            for ((lever, &dose), &effect_sd) in
                plan.levers.iter().zip(doses).zip(&assumptions.effects_sd)
            {
                if dose == 0.0 || effect_sd == 0.0 || lever.stage != stage {
                    continue;
                }
                let effect = (dose * effect_sd).min(CEILING_GUARD * ceiling);
                untouched *= 1.0 - effect / ceiling;
                any = true;
            }
            // With no lever at this stage the carried shift passes through unchanged
            // (C · (1 − (1 − c/C)) = c), exactly, without rounding.
            shift_sd[stage.index()] = if any {
                ceiling * (1.0 - untouched)
            } else {
                carried
            };
        }
        classes.push(Class { weight, shift_sd });
    }
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

    /// The Hastings area with the standard lever catalogue (native builds).
    #[cfg(any(not(target_arch = "wasm32"), test))]
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
            ceiling_sd: self.catalogue.at_scale.shift_ceiling_sd.value,
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
        self.project_from(plan, None, assumptions)
    }

    /// Who is exposed to what, for every cohort and group: it depends on the plan only, so
    /// the Monte Carlo works it out once and reuses it for every draw.
    pub fn exposures(&self, plan: &Plan) -> Exposures {
        let area = &self.area;
        let first_cohort = area.base_year - Stage::Post19.lag_years();
        let mut breakpoints = Vec::new();
        let cohorts = Group::ALL.map(|group| {
            (first_cohort..=area.horizon_end_year)
                .map(|reception_year| {
                    exposed_classes(plan, reception_year, group, &mut breakpoints)
                })
                .collect()
        });
        Exposures {
            first_cohort,
            cohorts,
        }
    }

    /// The projection from precomputed exposures (see [`Model::exposures`]).
    pub fn project_exposed(
        &self,
        plan: &Plan,
        exposures: &Exposures,
        assumptions: &Assumptions,
    ) -> Projection {
        self.project_from(plan, Some(exposures), assumptions)
    }

    /// The projection, from stored exposures (Monte Carlo) or, for a single run, from
    /// each cohort's exposure worked out as it is needed in reused buffers.
    fn project_from(
        &self,
        plan: &Plan,
        exposures: Option<&Exposures>,
        assumptions: &Assumptions,
    ) -> Projection {
        let area = &self.area;
        let first_year = area.base_year;
        let mut years: Vec<YearProjection> = area
            .years()
            .map(|year| self.unfilled_year(plan, year))
            .collect();

        let mut classes: Vec<Class> = Vec::new();
        let mut scratch = CohortExposure::default();
        let mut breakpoints = Vec::new();
        let first_cohort = first_year - Stage::Post19.lag_years();
        for group in Group::ALL {
            for reception_year in first_cohort..=area.horizon_end_year {
                let cohort = match exposures {
                    Some(stored) => {
                        &stored.cohorts[group.index()]
                            [(reception_year - stored.first_cohort) as usize]
                    }
                    None => {
                        exposed_classes_into(
                            plan,
                            reception_year,
                            group,
                            &mut breakpoints,
                            &mut scratch,
                        );
                        &scratch
                    }
                };
                shift_classes(plan, cohort, assumptions, &mut classes);
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

    /// The rate of one stage and group in one year under `assumptions`: the same number
    /// as the projection's, worked out for the one cohort measured then. The optimiser
    /// evaluates thousands of plans on a single outcome and year, and this costs a
    /// fraction of a whole projection.
    pub fn rate_in_year(
        &self,
        plan: &Plan,
        assumptions: &Assumptions,
        stage: Stage,
        group: Group,
        year: i32,
    ) -> f64 {
        let reception_year = year - stage.lag_years();
        let exposure = exposed_classes(plan, reception_year, group, &mut Vec::new());
        let mut classes = Vec::new();
        shift_classes(plan, &exposure, assumptions, &mut classes);
        self.rate_of_mixture(&classes, assumptions, stage, group, year)
    }

    /// One calendar year of the projection under the given assumptions: the same figures,
    /// bit for bit, as `project_with(plan, assumptions).year(year)`, from the five cohorts
    /// measured that year instead of every cohort of the horizon (about a seventh of the
    /// work). `None` for a year outside the projection.
    pub fn project_year(
        &self,
        plan: &Plan,
        assumptions: &Assumptions,
        year: i32,
    ) -> Option<YearProjection> {
        if !self.area.years().contains(&year) {
            return None;
        }
        let mut projected = self.unfilled_year(plan, year);
        let mut classes: Vec<Class> = Vec::new();
        let mut cohort = CohortExposure::default();
        let mut breakpoints = Vec::new();
        for group in Group::ALL {
            for stage in Stage::ALL {
                let reception_year = year - stage.lag_years();
                exposed_classes_into(plan, reception_year, group, &mut breakpoints, &mut cohort);
                shift_classes(plan, &cohort, assumptions, &mut classes);
                let rate = self.rate_of_mixture(&classes, assumptions, stage, group, year);
                let outcome = &mut projected.stages[stage.index()];
                match group {
                    Group::Fsm => outcome.fsm.rate = rate,
                    Group::NonFsm => outcome.non_fsm.rate = rate,
                }
            }
        }
        Some(projected)
    }

    /// A year with its pupils and cost filled in and every rate still zero.
    fn unfilled_year(&self, plan: &Plan, year: i32) -> YearProjection {
        let group = |group| GroupOutcome {
            pupils: self.area.group_size(group),
            rate: 0.0,
        };
        YearProjection {
            year,
            stages: [StageOutcome {
                fsm: group(Group::Fsm),
                non_fsm: group(Group::NonFsm),
            }; Stage::COUNT],
            cost_gbp: self.cost_in_year(plan, year),
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
        let base = self.base_at(stage, group, year);
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

    /// The baseline rate of `stage` and `group` in `year` and its threshold distance. Years
    /// outside the projection (a flow of a cohort measured after the horizon) take the
    /// base-year rate.
    fn base_at(&self, stage: Stage, group: Group, year: i32) -> BaseRate {
        let index = usize::try_from(year - self.area.base_year).unwrap_or(usize::MAX);
        match self.base.get(index) {
            Some(by_stage) => by_stage[stage.index()][group.index()],
            None => {
                let rate = self.area.base_rate(stage, group);
                BaseRate {
                    rate,
                    z: normal::inverse_cdf(rate),
                }
            }
        }
    }

    /// The latent distance Φ⁻¹ of the baseline rate of `stage` and `group` in `year`,
    /// moved by a sampling error: a draw's baseline on the latent scale, without a Φ⁻¹.
    pub(crate) fn baseline_latent_with(
        &self,
        stage: Stage,
        group: Group,
        year: i32,
        error_sd: f64,
    ) -> f64 {
        self.base_at(stage, group, year).z + error_sd
    }

    /// The baseline rate of `stage` and `group` in `year` with a sampling error on the
    /// latent scale: what a draw's baseline is, without running the engine.
    pub fn baseline_rate_with(&self, stage: Stage, group: Group, year: i32, error_sd: f64) -> f64 {
        let base = self.base_at(stage, group, year);
        if error_sd == 0.0 {
            base.rate
        } else {
            normal::cdf(base.z + error_sd)
        }
    }

    /// One cohort's path through the stages for one group: the share reaching the
    /// standard at each stage and, between consecutive stages, the shares that reach
    /// both, only one or neither (bivariate normal with the link's latent correlation).
    pub fn cohort_flow(&self, plan: &Plan, reception_year: i32, group: Group) -> CohortFlow {
        let assumptions = self.central(plan);
        let mut classes = Vec::new();
        let exposed = exposed_classes(plan, reception_year, group, &mut Vec::new());
        shift_classes(plan, &exposed, &assumptions, &mut classes);
        let mut stages = [StageShare::default(); Stage::COUNT];
        let mut transitions = [Transition::default(); Stage::COUNT - 1];
        for stage in Stage::ALL {
            let year = reception_year + stage.lag_years();
            let z_now = self.base_at(stage, group, year).z;
            let reached_share = self.rate_of_mixture(&classes, &assumptions, stage, group, year);
            stages[stage.index()] = StageShare {
                year,
                reached_share,
            };
            if let (Some(link), Some(previous)) = (
                self.area.links.into_stage(stage),
                stage.index().checked_sub(1),
            ) {
                let z_previous = self
                    .base_at(Stage::ALL[previous], group, stages[previous].year)
                    .z;
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
                lever.reach_in_year(year)
                    * self.catalogue.levers[lever.catalogue_index]
                        .full_reach_cost_gbp_per_year(&self.area)
            })
            .sum()
    }
}
