//! The cohort-flow engine: latent attainment, thresholds, lever shifts and fade-out.
//!
//! For one cohort and one group, every pupil has a latent attainment at each stage,
//! standard normal without levers, and reaches the standard when it exceeds a threshold
//! set so that the rate equals the area's base-year rate. A lever shifts the latent
//! attainment of the pupils it reaches by its effect size; the shift carries into the next
//! stage multiplied by the link's effect persistence. Pupils reached by different levers
//! form a mixture: each "atom" below is a set of pupils with a common total shift.
//! See docs/MODEL.md for the equations.

use super::area::Area;
use super::lever::LeverCatalogue;
use super::normal;
use super::plan::Plan;
use super::projection::{
    CohortFlow, GroupOutcome, Projection, StageOutcome, StageShare, Transition, YearProjection,
};
use super::stage::{Group, Stage};

/// The most shift-classes kept per cohort; beyond it, neighbours are merged (docs/MODEL.md).
pub const MAX_ATOMS: usize = 64;

/// Pupils sharing one total latent shift: `weight` is their share of the group.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Atom {
    shift_sd: f64,
    /// The class's shift at the previous stage, for the joint (flow) view.
    previous_shift_sd: f64,
    weight: f64,
}

impl Atom {
    const UNSHIFTED: Atom = Atom {
        shift_sd: 0.0,
        previous_shift_sd: 0.0,
        weight: 1.0,
    };
}

/// An area and a lever catalogue, with the thresholds precomputed.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    area: Area,
    catalogue: LeverCatalogue,
    /// Base-year rate p, by [stage][group].
    base_rate: [[f64; 2]; Stage::COUNT],
    /// Φ⁻¹(p): the latent distance of the mean pupil above the threshold.
    base_z: [[f64; 2]; Stage::COUNT],
    /// Effect persistence into each stage (unused for early years).
    persistence_into: [f64; Stage::COUNT],
}

impl Model {
    /// Builds a model from validated data (see [`Area::from_json`]).
    pub fn new(area: Area, catalogue: LeverCatalogue) -> Model {
        let mut base_rate = [[0.0; 2]; Stage::COUNT];
        let mut base_z = [[0.0; 2]; Stage::COUNT];
        let mut persistence_into = [0.0; Stage::COUNT];
        for stage in Stage::ALL {
            for group in Group::ALL {
                let p = area.base_rate(stage, group);
                base_rate[stage.index()][group.index()] = p;
                base_z[stage.index()][group.index()] = normal::inverse_cdf(p);
            }
            if let Some(link) = area.links.into_stage(stage) {
                persistence_into[stage.index()] = link.effect_persistence.value;
            }
        }
        Model {
            area,
            catalogue,
            base_rate,
            base_z,
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

    /// The projection with no levers: base-year rates held flat.
    pub fn baseline(&self) -> Projection {
        self.project(&Plan::default())
    }

    /// The projection with each lever at its central effect size.
    pub fn project(&self, plan: &Plan) -> Projection {
        self.project_with_effects(plan, &plan.central_effects())
    }

    /// The projection with the given effect size (SD) for each active lever, in plan order.
    pub fn project_with_effects(&self, plan: &Plan, effects_sd: &[f64]) -> Projection {
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

        let mut atoms: Vec<Atom> = Vec::with_capacity(2 * MAX_ATOMS);
        // The oldest cohort still visible: the one at its post-19 stage in the base year.
        let first_cohort = first_year - Stage::Post19.lag_years();
        for group in Group::ALL {
            for reception_year in first_cohort..=area.horizon_end_year {
                atoms.clear();
                atoms.push(Atom::UNSHIFTED);
                for stage in Stage::ALL {
                    let year = reception_year + stage.lag_years();
                    if year > area.horizon_end_year {
                        break;
                    }
                    self.advance_atoms(&mut atoms, plan, effects_sd, stage, group, year);
                    if year >= first_year {
                        let rate = self.rate_of_mixture(&atoms, stage, group);
                        let outcome =
                            &mut years[(year - first_year) as usize].stages[stage.index()];
                        match group {
                            Group::Fsm => outcome.fsm.rate = rate,
                            Group::NonFsm => outcome.non_fsm.rate = rate,
                        }
                    }
                }
            }
        }
        Projection { years }
    }

    /// Moves a cohort's shift-classes to `stage`: fade the shifts carried from the
    /// previous stage, then split by each lever reaching this stage and group in `year`.
    fn advance_atoms(
        &self,
        atoms: &mut Vec<Atom>,
        plan: &Plan,
        effects_sd: &[f64],
        stage: Stage,
        group: Group,
        year: i32,
    ) {
        if stage != Stage::EarlyYears {
            let persistence = self.persistence_into[stage.index()];
            for atom in atoms.iter_mut() {
                atom.previous_shift_sd = atom.shift_sd;
                atom.shift_sd *= persistence;
            }
        }
        for (lever, &effect_sd) in plan.levers.iter().zip(effects_sd) {
            if !lever.reaches(stage, group) || effect_sd == 0.0 {
                continue;
            }
            let reach = lever.reach_in_year(year);
            if reach <= 0.0 {
                continue;
            }
            if reach >= 1.0 {
                atoms.iter_mut().for_each(|atom| atom.shift_sd += effect_sd);
                continue;
            }
            // Reach is independent of earlier levers: each class splits in proportion.
            for i in 0..atoms.len() {
                let parent = atoms[i];
                atoms[i].weight = parent.weight * (1.0 - reach);
                atoms.push(Atom {
                    shift_sd: parent.shift_sd + effect_sd,
                    weight: parent.weight * reach,
                    ..parent
                });
            }
            if atoms.len() > MAX_ATOMS {
                merge_neighbours(atoms);
            }
        }
    }

    /// Share of the group above the threshold: Σ weight · Φ(Φ⁻¹(p) + shift).
    fn rate_of_mixture(&self, atoms: &[Atom], stage: Stage, group: Group) -> f64 {
        let (s, g) = (stage.index(), group.index());
        if atoms.iter().all(|atom| atom.shift_sd == 0.0) {
            // Exactly the data, not Φ(Φ⁻¹(p)), which may differ in the last bit.
            return self.base_rate[s][g];
        }
        let z = self.base_z[s][g];
        atoms
            .iter()
            .map(|atom| {
                if atom.shift_sd == 0.0 {
                    atom.weight * self.base_rate[s][g]
                } else {
                    atom.weight * normal::cdf(z + atom.shift_sd)
                }
            })
            .sum()
    }

    /// One cohort's path through the stages for one group: the share reaching the
    /// standard at each stage and, between consecutive stages, the shares that reach
    /// both, only one or neither (bivariate normal with the link's latent correlation).
    pub fn cohort_flow(&self, plan: &Plan, reception_year: i32, group: Group) -> CohortFlow {
        let effects_sd = plan.central_effects();
        let mut atoms = vec![Atom::UNSHIFTED];
        let mut stages = [StageShare::default(); Stage::COUNT];
        let mut transitions = [Transition::default(); Stage::COUNT - 1];
        for stage in Stage::ALL {
            let year = reception_year + stage.lag_years();
            self.advance_atoms(&mut atoms, plan, &effects_sd, stage, group, year);
            stages[stage.index()] = StageShare {
                year,
                reached_share: self.rate_of_mixture(&atoms, stage, group),
            };
            if let (Some(link), Some(previous)) = (
                self.area.links.into_stage(stage),
                stage.index().checked_sub(1),
            ) {
                let (z_previous, z_now) = (
                    self.base_z[previous][group.index()],
                    self.base_z[stage.index()][group.index()],
                );
                let rho = link.latent_correlation.value;
                let both: f64 = atoms
                    .iter()
                    .map(|a| {
                        a.weight
                            * normal::upper_orthant(
                                -(z_previous + a.previous_shift_sd),
                                -(z_now + a.shift_sd),
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

    /// Cost in `year`: for each lever, the pupils it reaches at its stage that year times
    /// the cost per pupil.
    pub fn cost_in_year(&self, plan: &Plan, year: i32) -> f64 {
        plan.levers
            .iter()
            .map(|lever| {
                let target = &self.catalogue.levers[lever.catalogue_index];
                lever.reach_in_year(year)
                    * target.target_pupils(&self.area)
                    * lever.cost_gbp_per_pupil
            })
            .sum()
    }
}

/// Halves the number of shift-classes: sort by shift and merge each adjacent pair into
/// one class at their weighted mean shift, keeping total weight and mean shift exact.
fn merge_neighbours(atoms: &mut Vec<Atom>) {
    atoms.sort_by(|a, b| a.shift_sd.total_cmp(&b.shift_sd));
    let merged: Vec<Atom> = atoms
        .chunks(2)
        .map(|pair| {
            let weight: f64 = pair.iter().map(|a| a.weight).sum();
            let mean = |shift: fn(&Atom) -> f64| {
                if weight > 0.0 {
                    pair.iter().map(|a| a.weight * shift(a)).sum::<f64>() / weight
                } else {
                    shift(&pair[0])
                }
            };
            Atom {
                shift_sd: mean(|a| a.shift_sd),
                previous_shift_sd: mean(|a| a.previous_shift_sd),
                weight,
            }
        })
        .collect();
    *atoms = merged;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merging_keeps_weight_and_mean_shift() {
        let mut atoms: Vec<Atom> = (0..10)
            .map(|i| Atom {
                shift_sd: f64::from(i) * 0.1,
                previous_shift_sd: 0.0,
                weight: 0.1,
            })
            .collect();
        let mean_before: f64 = atoms.iter().map(|a| a.weight * a.shift_sd).sum();
        merge_neighbours(&mut atoms);
        assert_eq!(atoms.len(), 5);
        let total: f64 = atoms.iter().map(|a| a.weight).sum();
        let mean_after: f64 = atoms.iter().map(|a| a.weight * a.shift_sd).sum();
        assert!((total - 1.0).abs() < 1e-12);
        assert!((mean_before - mean_after).abs() < 1e-12);
    }
}
