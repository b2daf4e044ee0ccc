//! Which assumption moves a result most: each drawn assumption (and the two structural
//! ones the draws hold fixed) set to its 10th and then its 90th percentile, all others
//! central. The app draws it as a tornado; the CLI prints it with `--sensitivity`.

use serde::{Deserialize, Serialize};

use super::engine::{Assumptions, Model};
use super::monte_carlo::Z90;
use super::plan::Plan;
use super::projection::Projection;
use super::stage::{Group, Stage};

/// One bar of the tornado: a result with one assumption at its low and its high setting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SensitivityBar {
    pub assumption: String,
    /// The assumption's value at each end, in words ("0.47 × effects").
    pub low_setting: String,
    pub high_setting: String,
    pub at_low: f64,
    pub at_high: f64,
    /// False for the structural assumptions that the Monte Carlo bands hold fixed.
    pub drawn: bool,
}

impl SensitivityBar {
    /// How far the result moves between the two ends.
    pub fn swing(&self) -> f64 {
        (self.at_high - self.at_low).abs()
    }
}

/// The result at central assumptions, and the bars, widest swing first. Assumptions that
/// do not move the result at all are left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sensitivity {
    pub central: f64,
    pub bars: Vec<SensitivityBar>,
}

/// The two parts of the record a tornado bar can move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RecordPart {
    Drift,
    CohortNoise,
}

/// Half and double the central value: the range tried for a structural assumption.
const STRUCTURAL_RANGE: (f64, f64) = (0.5, 2.0);

impl Model {
    /// `projection` with every rate moved `z` standard deviations of one part of the
    /// record on the latent scale: the drift to that year (√(t(σ_N² + σ_A²) + 2τ²), t
    /// years after the base year, none in it), or that year's cohort noise.
    fn record_moved(&self, projection: &Projection, part: RecordPart, z: f64) -> Projection {
        let mut moved = projection.clone();
        let base_year = self.area().base_year;
        for year in &mut moved.years {
            let t = f64::from(year.year - base_year);
            for stage in Stage::ALL {
                for group in Group::ALL {
                    let d = self.catalogue().drift.get(stage, group);
                    let outcome = match group {
                        Group::Fsm => &mut year.stages[stage.index()].fsm,
                        Group::NonFsm => &mut year.stages[stage.index()].non_fsm,
                    };
                    let rate = outcome.rate.clamp(1e-9, 1.0 - 1e-9);
                    let latent = super::normal::inverse_cdf(rate);
                    let sd = match part {
                        RecordPart::Drift if t > 0.0 => (t
                            * (d.national_walk_sd.value.powi(2) + d.area_walk_sd.value.powi(2))
                            + 2.0 * d.national_year_sd.value.powi(2))
                        .sqrt(),
                        RecordPart::Drift => 0.0,
                        RecordPart::CohortNoise => {
                            (d.cohort_noise_factor.value * rate * (1.0 - rate)
                                / outcome.pupils.max(1.0))
                            .sqrt()
                                / super::normal::density(latent)
                        }
                    };
                    outcome.rate = super::normal::cdf(latent + z * sd);
                }
            }
        }
        moved
    }

    /// The sensitivity of `measure(baseline, scenario)`, both projected under the same
    /// assumptions, to each assumption in turn.
    pub fn sensitivity(
        &self,
        plan: &Plan,
        measure: impl Fn(&Projection, &Projection) -> f64,
    ) -> Sensitivity {
        let central = self.central(plan);
        let empty = Plan::default();
        let run = |assumptions: &Assumptions, plan: &Plan| {
            let mut for_baseline = assumptions.clone();
            for_baseline.effects_sd.clear();
            measure(
                &self.project_with(&empty, &for_baseline),
                &self.project_with(plan, assumptions),
            )
        };
        let mut bars = Vec::new();
        let mut bar =
            |assumption: String, settings: (String, String), ends: (f64, f64), drawn: bool| {
                bars.push(SensitivityBar {
                    assumption,
                    low_setting: settings.0,
                    high_setting: settings.1,
                    at_low: ends.0,
                    at_high: ends.1,
                    drawn,
                });
            };

        // The common scale-up factor.
        let scaled = |z: f64| {
            let mut a = central.clone();
            let factor = self.common_factor(z);
            a.effects_sd.iter_mut().for_each(|d| *d *= factor);
            (run(&a, plan), factor)
        };
        let ((low, f_low), (high, f_high)) = (scaled(-Z90), scaled(Z90));
        bar(
            "Share of effects that survives at scale (shared by all levers)".to_owned(),
            (
                format!("{f_low:.2} × effects"),
                format!("{f_high:.2} × effects"),
            ),
            (low, high),
            true,
        );

        // Each active lever's own effect.
        for (i, lever) in plan.levers.iter().enumerate() {
            let name = &self.catalogue().levers[lever.catalogue_index].name;
            let at = |effect: f64| {
                let mut a = central.clone();
                a.effects_sd[i] = effect;
                run(&a, plan)
            };
            let (p10, p90) = (lever.effect.p10_sd, lever.effect.p90_sd);
            bar(
                format!("Effect of {name}"),
                (format!("{p10:.3} SD"), format!("{p90:.3} SD")),
                (at(p10), at(p90)),
                true,
            );
        }

        // Each link's persistence.
        for stage in &Stage::ALL[1..] {
            let at = |z: f64| {
                let mut a = central.clone();
                let value = self.persistence_at(*stage, z);
                a.persistence_into[stage.index()] = value;
                (run(&a, plan), value)
            };
            let ((low, v_low), (high, v_high)) = (at(-Z90), at(Z90));
            let previous = Stage::ALL[stage.index() - 1];
            bar(
                format!(
                    "Persistence of effects from {} to {}",
                    previous.label(),
                    stage.label()
                ),
                (format!("{v_low:.2}"), format!("{v_high:.2}")),
                (low, high),
                true,
            );
        }

        // Sampling error in each base-year rate.
        for stage in Stage::ALL {
            for group in Group::ALL {
                let error = self.baseline_error_sd(stage, group);
                let at = |z: f64| {
                    let mut a = central.clone();
                    a.baseline_shift_sd[stage.index()][group.index()] = z * error;
                    run(&a, plan)
                };
                let rate = |z: f64| {
                    self.baseline_rate_with(stage, group, self.area().base_year, z * error)
                };
                bar(
                    format!(
                        "{} base-year rate at {} (sampling error)",
                        group.label(),
                        stage.label()
                    ),
                    (
                        format!("{:.1}%", 100.0 * rate(-Z90)),
                        format!("{:.1}%", 100.0 * rate(Z90)),
                    ),
                    (at(-Z90), at(Z90)),
                    true,
                );
            }
        }

        // Drift and cohort noise move the published figure, not the plan's change (they
        // cancel in it): each bar is the plan's published figure at the record's 10th and
        // 90th percentile against the central baseline.
        let central_baseline = self.project_with(&empty, &{
            let mut a = central.clone();
            a.effects_sd.clear();
            a
        });
        let central_scenario = self.project_with(plan, &central);
        for (part, assumption) in [
            (
                RecordPart::Drift,
                "Drift: England's change and the area's against it (moves the published figure, not the plan's change)",
            ),
            (
                RecordPart::CohortNoise,
                "Cohort noise: who is in each year's cohort (moves the published figure, not the plan's change)",
            ),
        ] {
            let at = |z: f64| {
                measure(
                    &central_baseline,
                    &self.record_moved(&central_scenario, part, z),
                )
            };
            bar(
                assumption.to_owned(),
                ("10th percentile".to_owned(), "90th percentile".to_owned()),
                (at(-Z90), at(Z90)),
                true,
            );
        }

        // Structural assumptions the draws hold fixed: the ceiling and the evidence weight.
        let ceiling = central.ceiling_sd;
        let at_ceiling = |c: f64| {
            let mut a = central.clone();
            a.ceiling_sd = c;
            run(&a, plan)
        };
        let (c_low, c_high) = (ceiling * STRUCTURAL_RANGE.0, ceiling * STRUCTURAL_RANGE.1);
        bar(
            "Ceiling on a pupil's total shift from all levers".to_owned(),
            (format!("{c_low:.3} SD"), format!("{c_high:.3} SD")),
            (at_ceiling(c_low), at_ceiling(c_high)),
            false,
        );
        let weight = self.catalogue().at_scale.evidence_weight_per_padlock.value;
        let at_weight = |w: f64| {
            let mut catalogue = self.catalogue().clone();
            catalogue.at_scale.evidence_weight_per_padlock.value = w;
            let mut a = central.clone();
            a.effects_sd = plan
                .levers
                .iter()
                .map(|l| {
                    catalogue
                        .effect(&catalogue.levers[l.catalogue_index])
                        .central_sd
                })
                .collect();
            run(&a, plan)
        };
        let (w_low, w_high) = (weight * STRUCTURAL_RANGE.0, weight * STRUCTURAL_RANGE.1);
        bar(
            "Weight on Toolkit evidence against large trials".to_owned(),
            (
                format!("{:.1}% per padlock", 100.0 * w_low),
                format!("{:.1}% per padlock", 100.0 * w_high),
            ),
            (at_weight(w_low), at_weight(w_high)),
            false,
        );

        bars.retain(|b| b.swing() > 1e-9);
        bars.sort_by(|a, b| b.swing().total_cmp(&a.swing()));
        Sensitivity {
            central: run(&central, plan),
            bars,
        }
    }
}
