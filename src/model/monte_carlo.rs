//! Uncertainty bands: many runs of the engine, each with effect sizes drawn from their
//! ranges and each year's outcomes drawn as whole pupils from a binomial distribution.
//!
//! Every draw has its own ChaCha8 streams (effects: stream 2i, pupils: stream 2i+1), so the
//! same seed gives the same bands natively, in the CLI and in the browser, and draw i
//! does not depend on how many draws run or in what batches.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Binomial, Distribution, StandardNormal};
use serde::{Deserialize, Serialize};

use super::engine::Model;
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

/// Bands for one stage in one year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct StageBands {
    pub fsm_rate: Percentiles,
    pub non_fsm_rate: Percentiles,
    /// Non-FSM minus FSM rate.
    pub gap: Percentiles,
    pub all_rate: Percentiles,
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

/// Outputs tracked per stage and year, in this order.
const METRICS: usize = 4;

impl Model {
    /// Runs `draws` Monte Carlo draws of `plan` (at least one; at most [`MAX_DRAWS`]).
    pub fn monte_carlo(&self, plan: &Plan, draws: u32, seed: u64) -> Bands {
        let draws = draws.clamp(1, MAX_DRAWS);
        let n = draws as usize;
        let years: Vec<i32> = self.area().years().collect();
        let series = years.len() * Stage::COUNT * METRICS;
        // samples[series * n + draw]: one contiguous run per output for the percentiles.
        let mut samples = vec![0.0; series * n];
        let whole_pupils = Group::ALL.map(|g| self.area().group_size(g).round().max(0.0) as u64);

        for draw in 0..n {
            let projection = self.one_draw(plan, seed, draw as u64, whole_pupils);
            for (y, year) in projection.years.iter().enumerate() {
                for (s, stage) in year.stages.iter().enumerate() {
                    let base = ((y * Stage::COUNT + s) * METRICS) * n + draw;
                    samples[base] = stage.fsm.rate;
                    samples[base + n] = stage.non_fsm.rate;
                    samples[base + 2 * n] = stage.gap();
                    samples[base + 3 * n] = stage.all_rate();
                }
            }
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
                }),
            })
            .collect();
        Bands { draws, seed, years }
    }

    /// One draw: effect sizes from their ranges, then whole-pupil outcomes.
    fn one_draw(&self, plan: &Plan, seed: u64, draw: u64, whole_pupils: [u64; 2]) -> Projection {
        let mut effect_rng = ChaCha8Rng::seed_from_u64(seed);
        effect_rng.set_stream(2 * draw);
        // One normal per catalogue lever, used or not, so a lever's draw never depends
        // on which other levers are on.
        let catalogue_draws: Vec<f64> = (0..self.catalogue().levers.len())
            .map(|_| StandardNormal.sample(&mut effect_rng))
            .collect();
        let effects: Vec<f64> = plan
            .levers
            .iter()
            .map(|lever| {
                let z = catalogue_draws[lever.catalogue_index];
                lever.effect.central_sd + z * lever.effect.spread_sd()
            })
            .collect();
        let mut projection = self.project_with_effects(plan, &effects);

        let mut pupil_rng = ChaCha8Rng::seed_from_u64(seed);
        pupil_rng.set_stream(2 * draw + 1);
        for year in &mut projection.years {
            for stage in &mut year.stages {
                for (outcome, &pupils) in [&mut stage.fsm, &mut stage.non_fsm]
                    .into_iter()
                    .zip(&whole_pupils)
                {
                    if pupils == 0 {
                        continue;
                    }
                    // Rates are in [0, 1] by construction; the clamp guards rounding only.
                    let rate = outcome.rate.clamp(0.0, 1.0);
                    if let Ok(binomial) = Binomial::new(pupils, rate) {
                        outcome.rate = binomial.sample(&mut pupil_rng) as f64 / pupils as f64;
                    }
                }
            }
        }
        projection
    }
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
