//! Uncertainty bands: many runs of the engine, each with effect sizes drawn from their
//! ranges and each year's outcomes drawn as whole pupils from a binomial distribution.
//!
//! Every draw has its own ChaCha8 streams (effects: stream 2i, pupils: stream 2i+1), so the
//! same seed gives the same bands natively, in the CLI and in the browser, and draw i
//! does not depend on how many draws run or in what batches.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};
use serde::{Deserialize, Serialize};

use super::engine::{Assumptions, Model};
use super::plan::Plan;
use super::projection::Projection;
use super::stage::{Group, Stage};

/// The largest number of draws a caller may ask for. Samples are kept in memory
/// (years × 20 outputs × draws × 8 bytes: 300 MB at the longest horizon, 2000-2100).
pub const MAX_DRAWS: u32 = 20_000;

/// The 10th, 50th and 90th percentiles of one output.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Percentiles {
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

impl Percentiles {
    /// The percentiles of 1 − X (e.g. NEET from EET): the ends swap.
    pub fn complement(self) -> Percentiles {
        Percentiles {
            p10: 1.0 - self.p90,
            p50: 1.0 - self.p50,
            p90: 1.0 - self.p10,
        }
    }

    /// The percentiles of −X: the ends swap and change sign.
    pub fn negated(self) -> Percentiles {
        Percentiles {
            p10: -self.p90,
            p50: -self.p50,
            p90: -self.p10,
        }
    }

    /// The percentiles of `factor` × X, for `factor` ≥ 0 (e.g. 100 for points).
    pub fn scaled(self, factor: f64) -> Percentiles {
        Percentiles {
            p10: self.p10 * factor,
            p50: self.p50 * factor,
            p90: self.p90 * factor,
        }
    }

    pub fn to_array(self) -> [f64; 3] {
        [self.p10, self.p50, self.p90]
    }
}

/// Bands for one stage in one year: the level of each output, and the change the plan
/// makes against the baseline in the same draw (common random numbers).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct StageBands {
    pub fsm_rate: Percentiles,
    pub non_fsm_rate: Percentiles,
    /// Non-FSM minus FSM rate.
    pub gap: Percentiles,
    pub all_rate: Percentiles,
    /// Scenario minus baseline FSM rate, paired draw by draw.
    pub fsm_change: Percentiles,
    /// Scenario minus baseline gap, paired draw by draw.
    pub gap_change: Percentiles,
    /// Scenario minus baseline all-pupil rate, paired draw by draw.
    pub all_change: Percentiles,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearBands {
    pub year: i32,
    pub stages: [StageBands; Stage::COUNT],
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bands {
    pub draws: u32,
    pub seed: u64,
    pub years: Vec<YearBands>,
}

impl Bands {
    pub fn year(&self, year: i32) -> Option<&YearBands> {
        let first = self.years.first()?.year;
        self.years.get(usize::try_from(year - first).ok()?)
    }
}

/// One Monte Carlo draw, as [`Model::monte_carlo_each`] hands it out: the plan's expected
/// projection under the draw's assumptions and the same draw's baseline (no levers, same
/// sampling error), both without drift or cohort noise, as the change bands are; and the
/// figures the DfE would publish for each, with the draw's drift and cohort noise, as the
/// level bands are. The baselines' costs are zero.
#[derive(Debug, Clone, Copy)]
pub struct PairedDraw<'a> {
    /// The draw's index, 0-based.
    pub draw: u32,
    pub scenario: &'a Projection,
    pub baseline: &'a Projection,
    pub published: &'a Projection,
    pub published_baseline: &'a Projection,
}

/// One group's spreads of the record at one stage (latent scale), from the catalogue.
#[derive(Debug, Clone, Copy, Default)]
struct RecordSpread {
    national_walk: f64,
    national_year: f64,
    area_walk: f64,
    noise_factor: f64,
}

/// Per-run constants of the draws: each base rate's sampling error (SD, latent scale),
/// which takes a Φ⁻¹ to work out, and the record's spreads by [stage][group].
struct Spreads {
    baseline_error_sd: [[f64; 2]; Stage::COUNT],
    drift: [[RecordSpread; 2]; Stage::COUNT],
}

/// Outputs tracked per stage and year, in [`StageBands`] order.
const METRICS: usize = 7;
/// The 90th percentile of the standard normal.
pub const Z90: f64 = 1.281_551_565_544_600_5;

/// The spread of each drawn assumption, for draws and for the sensitivity view.
impl Model {
    /// The common scale-up factor at standard-normal value `z`: log-normal with mean 1,
    /// shared by every lever in a draw.
    pub fn common_factor(&self, z: f64) -> f64 {
        let sigma = self.catalogue().at_scale.common_factor_log_sd.value;
        (sigma * z - 0.5 * sigma * sigma).exp()
    }

    /// A link's persistence at standard-normal value `z`: the area's value times a
    /// log-normal multiplier with mean 1, kept within 0 and 1.
    pub fn persistence_at(&self, stage: Stage, z: f64) -> f64 {
        let sigma = self.catalogue().at_scale.persistence_log_sd.value;
        let central = self
            .area()
            .links
            .into_stage(stage)
            .map_or(0.0, |link| link.effect_persistence.value);
        (central * (sigma * z - 0.5 * sigma * sigma).exp()).clamp(0.0, 1.0)
    }

    /// Sampling error (SD on the latent scale) of a base-year rate measured on one
    /// cohort's group: √(k p(1 − p)/n) / φ(Φ⁻¹(p)), by the delta method, with *k* the
    /// stage's cohort-noise factor fitted on the record.
    pub fn baseline_error_sd(&self, stage: Stage, group: Group) -> f64 {
        let p = self.area().base_rate(stage, group);
        let n = self.area().group_size(group).max(1.0);
        let k = self
            .catalogue()
            .drift
            .get(stage, group)
            .cohort_noise_factor
            .value;
        let z = super::normal::inverse_cdf(p);
        (k * p * (1.0 - p) / n).sqrt() / super::normal::density(z)
    }

    /// Draw `draw`'s assumptions: one common scale-up factor, one effect per catalogue
    /// lever, one persistence per link and one sampling error per baseline rate, always
    /// in that order from stream 2·draw, so that a draw never depends on which levers are on.
    pub fn draw_assumptions(&self, plan: &Plan, seed: u64, draw: u64) -> Assumptions {
        self.draw_with(plan, &self.spreads(), seed, draw)
    }

    /// What every draw needs and does not change between draws.
    fn spreads(&self) -> Spreads {
        let mut baseline_error_sd = [[0.0; 2]; Stage::COUNT];
        let mut drift = [[RecordSpread::default(); 2]; Stage::COUNT];
        for stage in Stage::ALL {
            for group in Group::ALL {
                let (s, g) = (stage.index(), group.index());
                baseline_error_sd[s][g] = self.baseline_error_sd(stage, group);
                let fitted = self.catalogue().drift.get(stage, group);
                drift[s][g] = RecordSpread {
                    national_walk: fitted.national_walk_sd.value,
                    national_year: fitted.national_year_sd.value,
                    area_walk: fitted.area_walk_sd.value,
                    noise_factor: fitted.cohort_noise_factor.value,
                };
            }
        }
        Spreads {
            baseline_error_sd,
            drift,
        }
    }

    fn draw_with(&self, plan: &Plan, spreads: &Spreads, seed: u64, draw: u64) -> Assumptions {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(2 * draw);
        let mut normal = || -> f64 { StandardNormal.sample(&mut rng) };
        let factor = self.common_factor(normal());
        let lever_z: Vec<f64> = (0..self.catalogue().levers.len())
            .map(|_| normal())
            .collect();
        let mut assumptions = self.central(plan);
        for stage in &Stage::ALL[1..] {
            assumptions.persistence_into[stage.index()] = self.persistence_at(*stage, normal());
        }
        for stage in Stage::ALL {
            for group in Group::ALL {
                assumptions.baseline_shift_sd[stage.index()][group.index()] =
                    normal() * spreads.baseline_error_sd[stage.index()][group.index()];
            }
        }
        assumptions.effects_sd = plan
            .levers
            .iter()
            .map(|lever| {
                let z = lever_z[lever.catalogue_index];
                factor * (lever.effect.central_sd + z * lever.effect.spread_sd())
            })
            .collect();
        assumptions
    }

    /// Runs `draws` Monte Carlo draws of `plan` (at least one; at most [`MAX_DRAWS`]).
    pub fn monte_carlo(&self, plan: &Plan, draws: u32, seed: u64) -> Bands {
        self.monte_carlo_each(plan, draws, seed, |_| {})
    }

    /// [`Model::monte_carlo`], also handing each draw's expected projection and its paired
    /// baseline to `each_draw` as it is made, so that a caller can tally more than the
    /// bands (e.g. the chance of reaching a target) in the same pass without keeping the
    /// draws. The bands are exactly those of [`Model::monte_carlo`].
    pub fn monte_carlo_each(
        &self,
        plan: &Plan,
        draws: u32,
        seed: u64,
        mut each_draw: impl FnMut(PairedDraw<'_>),
    ) -> Bands {
        let draws = draws.clamp(1, MAX_DRAWS);
        let n = draws as usize;
        let years: Vec<i32> = self.area().years().collect();
        let series = years.len() * Stage::COUNT * METRICS;
        // samples[series * n + draw]: one contiguous run per output for the percentiles.
        let mut samples = vec![0.0; series * n];
        let spreads = self.spreads();
        let exposures = self.exposures(plan);

        for draw in 0..n {
            let assumptions = self.draw_with(plan, &spreads, seed, draw as u64);
            let expected = self.project_exposed(plan, &exposures, &assumptions);
            // The same draw's baseline: same sampling error, no levers.
            let mut paired_baseline = expected.clone();
            for year in &mut paired_baseline.years {
                year.cost_gbp = 0.0;
                for (s, stage) in Stage::ALL.into_iter().enumerate() {
                    for group in Group::ALL {
                        let rate = self.baseline_rate_with(
                            stage,
                            group,
                            year.year,
                            assumptions.baseline_shift_sd[s][group.index()],
                        );
                        match group {
                            Group::Fsm => year.stages[s].fsm.rate = rate,
                            Group::NonFsm => year.stages[s].non_fsm.rate = rate,
                        }
                    }
                }
            }
            // What the DfE would publish: the same drift and the same children in both.
            let record = self.draw_record(&spreads, seed, draw as u64, expected.years.len());
            let (published, published_baseline) =
                self.published(&expected, &paired_baseline, &assumptions, &record, &spreads);
            for (y, (year, seen)) in expected.years.iter().zip(&published.years).enumerate() {
                for s in 0..Stage::COUNT {
                    let base = ((y * Stage::COUNT + s) * METRICS) * n + draw;
                    let outcome = &year.stages[s];
                    let baseline = &paired_baseline.years[y].stages[s];
                    let seen = &seen.stages[s];
                    samples[base] = seen.fsm.rate;
                    samples[base + n] = seen.non_fsm.rate;
                    samples[base + 2 * n] = seen.gap();
                    samples[base + 3 * n] = seen.all_rate();
                    samples[base + 4 * n] = outcome.fsm.rate - baseline.fsm.rate;
                    samples[base + 5 * n] = outcome.gap() - baseline.gap();
                    samples[base + 6 * n] = outcome.all_rate() - baseline.all_rate();
                }
            }
            each_draw(PairedDraw {
                draw: draw as u32,
                scenario: &expected,
                baseline: &paired_baseline,
                published: &published,
                published_baseline: &published_baseline,
            });
        }

        let mut runs = samples.chunks_mut(n).map(percentiles);
        let years = years
            .into_iter()
            .map(|year| YearBands {
                year,
                stages: [(); Stage::COUNT].map(|_| StageBands {
                    fsm_rate: runs.next().unwrap_or_default(),
                    non_fsm_rate: runs.next().unwrap_or_default(),
                    gap: runs.next().unwrap_or_default(),
                    all_rate: runs.next().unwrap_or_default(),
                    fsm_change: runs.next().unwrap_or_default(),
                    gap_change: runs.next().unwrap_or_default(),
                    all_change: runs.next().unwrap_or_default(),
                }),
            })
            .collect();
        Bands { draws, seed, years }
    }

    /// Draw `draw`'s record (stream 2·draw + 1): for each stage, the national walk's and
    /// the national one-year departures' standard normals and each group's walk against
    /// England, year by year; then one cohort-noise normal per year, stage and group. The
    /// drift is zero in the base year, whose figures are known.
    fn draw_record(&self, spreads: &Spreads, seed: u64, draw: u64, years: usize) -> RecordDraw {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(2 * draw + 1);
        let mut normal = || -> f64 { StandardNormal.sample(&mut rng) };
        let mut drift = vec![[[0.0; 2]; Stage::COUNT]; years];
        for s in 0..Stage::COUNT {
            let sd = &spreads.drift[s];
            let departure_at_base = normal();
            let (mut national_walk, mut area_walk) = (0.0, [0.0; 2]);
            for shifts in drift.iter_mut().skip(1) {
                national_walk += normal();
                let departure = normal() - departure_at_base;
                for (g, walk) in area_walk.iter_mut().enumerate() {
                    *walk += normal();
                    shifts[s][g] = sd[g].national_walk * national_walk
                        + sd[g].national_year * departure
                        + sd[g].area_walk * *walk;
                }
            }
        }
        let noise = (0..years)
            .map(|_| [(); Stage::COUNT].map(|_| [normal(), normal()]))
            .collect();
        RecordDraw { drift, noise }
    }

    /// The figures the DfE would publish in one draw, for `projection` and for its paired
    /// `baseline`: each group's rate moved on the latent scale by the draw's drift, and by
    /// the chance of who is in that year's cohort, *u* √(*k* p(1 − p)/n) / φ(Φ⁻¹(p)) for the
    /// group's *n* pupils, with *p* the draw's baseline rate: the same children, so the
    /// same spread for the plan and the baseline, and a plan that raises a rate never
    /// lowers its figure. Both come from one pass, which shares each cell's spread. The
    /// baseline's latent distance is known without a Φ⁻¹, and a rate the plan leaves at
    /// the baseline's takes it too (a Φ⁻¹ per cell would cost a third of the draws' time).
    fn published(
        &self,
        projection: &Projection,
        baseline: &Projection,
        assumptions: &Assumptions,
        record: &RecordDraw,
        spreads: &Spreads,
    ) -> (Projection, Projection) {
        let mut published = projection.clone();
        let mut published_baseline = baseline.clone();
        for (y, (year, at)) in published
            .years
            .iter_mut()
            .zip(published_baseline.years.iter_mut())
            .enumerate()
        {
            let calendar_year = year.year;
            for (s, (stage, at)) in year.stages.iter_mut().zip(at.stages.iter_mut()).enumerate() {
                for (g, (outcome, at)) in [&mut stage.fsm, &mut stage.non_fsm]
                    .into_iter()
                    .zip([&mut at.fsm, &mut at.non_fsm])
                    .enumerate()
                {
                    let pupils = outcome.pupils;
                    if pupils < 1.0 {
                        continue;
                    }
                    let base_latent = self.baseline_latent_with(
                        Stage::ALL[s],
                        Group::ALL[g],
                        calendar_year,
                        assumptions.baseline_shift_sd[s][g],
                    );
                    let p = at.rate.clamp(1e-9, 1.0 - 1e-9);
                    let noise_sd = (spreads.drift[s][g].noise_factor * p * (1.0 - p) / pupils)
                        .sqrt()
                        / super::normal::density(base_latent);
                    let moved = record.drift[y][s][g] + record.noise[y][s][g] * noise_sd;
                    let base_published = super::normal::cdf(base_latent + moved);
                    outcome.rate = if outcome.rate == at.rate {
                        base_published
                    } else {
                        let latent =
                            super::normal::inverse_cdf(outcome.rate.clamp(1e-9, 1.0 - 1e-9));
                        super::normal::cdf(latent + moved)
                    };
                    at.rate = base_published;
                }
            }
        }
        (published, published_baseline)
    }
}

/// One draw of the record: the drift of each group's latent rate by [year][stage][group],
/// and the cohort noise's standard normals in the same order.
struct RecordDraw {
    drift: Vec<[[f64; 2]; Stage::COUNT]>,
    noise: Vec<[[f64; 2]; Stage::COUNT]>,
}

/// Percentiles by linear interpolation between order statistics (Hyndman and Fan type 7,
/// the default of R and NumPy). Reorders `values`; selects rather than sorts, as this runs
/// for every output of every year.
pub fn percentiles(values: &mut [f64]) -> Percentiles {
    if values.is_empty() {
        return Percentiles::default();
    }
    let last = values.len() - 1;
    let mut at = |q: f64| {
        let position = q * last as f64;
        let low = position.floor() as usize;
        let fraction = position - low as f64;
        let (_, &mut low_value, above) = values.select_nth_unstable_by(low, f64::total_cmp);
        // The next order statistic is the smallest value above the selected one.
        let high_value = above
            .iter()
            .copied()
            .min_by(f64::total_cmp)
            .unwrap_or(low_value);
        low_value + (high_value - low_value) * fraction
    };
    Percentiles {
        p10: at(0.1),
        p50: at(0.5),
        p90: at(0.9),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate_like_numpy() {
        // numpy.percentile([1..=10], [10, 50, 90]) = [1.9, 5.5, 9.1]
        let mut values: Vec<f64> = (1..=10).map(f64::from).collect();
        let p = percentiles(&mut values);
        assert!((p.p10 - 1.9).abs() < 1e-12);
        assert!((p.p50 - 5.5).abs() < 1e-12);
        assert!((p.p90 - 9.1).abs() < 1e-12);
    }
}
