//! The one place where EEF "months of additional progress" become effect sizes.
//!
//! Source: Education Endowment Foundation, Teaching and Learning Toolkit, "About the
//! toolkits: impact (months' progress)" conversion table. Each month maps to a band of
//! effect sizes in standard deviations; we take the band's midpoint as the central
//! estimate. Negative months mirror the positive bands.

use serde::{Deserialize, Serialize};

/// EEF's bands, indexed by months 0 to 10: (lowest, highest) effect size in SD.
const MONTH_BANDS_SD: [(f64, f64); 11] = [
    (-0.01, 0.01),
    (0.02, 0.09),
    (0.10, 0.18),
    (0.19, 0.26),
    (0.27, 0.35),
    (0.36, 0.44),
    (0.45, 0.52),
    (0.53, 0.61),
    (0.62, 0.69),
    (0.70, 0.78),
    (0.79, 0.87),
];

/// The most months the EEF table covers; larger claims are clamped to it.
pub const MAX_MONTHS: i32 = 10;

/// The band of effect sizes (SD) that EEF equates with `months` of progress.
pub fn months_band_sd(months: i32) -> (f64, f64) {
    let (low, high) = MONTH_BANDS_SD[months.unsigned_abs().min(MAX_MONTHS as u32) as usize];
    if months < 0 {
        (-high, -low)
    } else {
        (low, high)
    }
}

/// Central effect size (SD) for `months` of progress: the band's midpoint.
pub fn months_to_sd(months: i32) -> f64 {
    let (low, high) = months_band_sd(months);
    0.5 * (low + high)
}

/// Half-width, in months, of the plausible range around an EEF estimate.
///
/// *Assumption*: the weaker the evidence, the wider the range: 5 − padlocks months,
/// at least 1 (so 4-5 padlocks: ±1 month; 3: ±2; 1: ±4; 0: ±5).
pub fn uncertainty_months(padlocks: u8) -> i32 {
    (5 - i32::from(padlocks.min(5))).max(1)
}

/// An effect size with its uncertainty: central value, and the 10th and 90th percentiles
/// of the distribution the Monte Carlo draws from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EffectSize {
    pub central_sd: f64,
    pub p10_sd: f64,
    pub p90_sd: f64,
}

impl EffectSize {
    /// From EEF months and padlocks: P10 is the bottom of the band `uncertainty` months
    /// lower, P90 the top of the band that many months higher.
    pub fn from_eef(months: i32, padlocks: u8) -> EffectSize {
        let spread = uncertainty_months(padlocks);
        EffectSize {
            central_sd: months_to_sd(months),
            p10_sd: months_band_sd(months - spread).0,
            p90_sd: months_band_sd(months + spread).1,
        }
    }

    /// Standard deviation of a normal distribution whose 10th and 90th percentiles
    /// are `p10_sd` and `p90_sd` (they sit 1.2816 SD either side of the mean).
    pub fn spread_sd(&self) -> f64 {
        const Z90: f64 = 1.281_551_565_544_600_5;
        (self.p90_sd - self.p10_sd) / (2.0 * Z90)
    }
}

/// EEF cost bands, per pupil per year (EEF, "About the toolkits: cost").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CostBand {
    VeryLow,
    Low,
    Moderate,
    High,
    VeryHigh,
}

impl CostBand {
    pub fn label(self) -> &'static str {
        match self {
            CostBand::VeryLow => "Very low cost (up to £80 per pupil a year)",
            CostBand::Low => "Low cost (up to £200)",
            CostBand::Moderate => "Moderate cost (up to £720)",
            CostBand::High => "High cost (up to £1,200)",
            CostBand::VeryHigh => "Very high cost (over £1,200)",
        }
    }

    /// Short label for badges.
    pub fn short(self) -> &'static str {
        match self {
            CostBand::VeryLow => "£",
            CostBand::Low => "££",
            CostBand::Moderate => "£££",
            CostBand::High => "££££",
            CostBand::VeryHigh => "£££££",
        }
    }

    /// The band's range in £ per pupil per year; the top of "very high" is open.
    pub fn range_gbp(self) -> (f64, f64) {
        match self {
            CostBand::VeryLow => (0.0, 80.0),
            CostBand::Low => (80.0, 200.0),
            CostBand::Moderate => (200.0, 720.0),
            CostBand::High => (720.0, 1200.0),
            CostBand::VeryHigh => (1200.0, f64::INFINITY),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_convert_to_band_midpoints() {
        assert!((months_to_sd(7) - 0.57).abs() < 1e-12);
        assert!((months_to_sd(0)).abs() < 1e-12);
        assert!((months_to_sd(-4) + 0.31).abs() < 1e-12);
        assert_eq!(months_band_sd(25), months_band_sd(10));
    }

    #[test]
    fn eef_range_widens_as_padlocks_fall() {
        let strong = EffectSize::from_eef(5, 4);
        let weak = EffectSize::from_eef(5, 1);
        assert!(strong.p10_sd > weak.p10_sd && strong.p90_sd < weak.p90_sd);
        assert!(strong.p10_sd < strong.central_sd && strong.central_sd < strong.p90_sd);
    }
}
