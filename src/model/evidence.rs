//! The one place where EEF "months of additional progress" become effect sizes.
//!
//! Source: Education Endowment Foundation, Teaching and Learning Toolkit, "About the
//! toolkits: impact (months' progress)" conversion table. Each month maps to a band of
//! effect sizes in standard deviations; we take the band's midpoint as the central
//! estimate. Negative months mirror the positive bands.

use serde::{Deserialize, Serialize};

use super::error::{check_range, InputError};
use super::provenance::{check_provenance, Sourced};

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
/// of the distribution the Monte Carlo draws from (before the common scale-up factor).
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
        (self.p90_sd - self.p10_sd) / (2.0 * super::monte_carlo::Z90)
    }
}

/// The model-wide assumptions that turn Toolkit evidence into the expected effect of an
/// area-wide programme, and the uncertainty shared by every lever (docs/MODEL.md §4, §6).
/// Each carries its source or an assumption label in `static/data/levers.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AtScale {
    /// Mean effect of large-scale education RCTs (SD): the value a programme's effect at
    /// scale is shrunk toward.
    pub large_trial_mean_sd: Sourced<f64>,
    /// Typical standard error of one large trial's effect (SD): the least spread any
    /// lever's effect at scale is given.
    pub large_trial_se_sd: Sourced<f64>,
    /// Weight on a Toolkit estimate per padlock of evidence (0.05: five padlocks give a
    /// quarter, the large-trial mean the rest).
    pub evidence_weight_per_padlock: Sourced<f64>,
    /// Ceiling (SD) on a pupil's total shift from every lever, carried and new, at any stage.
    pub shift_ceiling_sd: Sourced<f64>,
    /// Spread (SD of its logarithm) of the scale-up factor shared by every lever in a draw.
    pub common_factor_log_sd: Sourced<f64>,
    /// Spread (SD of the logarithm of a multiplier) of each link's effect persistence.
    pub persistence_log_sd: Sourced<f64>,
}

impl AtScale {
    /// Weight on the Toolkit estimate for a strand with `padlocks` (0 to 5).
    pub fn evidence_weight(&self, padlocks: u8) -> f64 {
        (self.evidence_weight_per_padlock.value * f64::from(padlocks.min(5))).clamp(0.0, 1.0)
    }

    /// Every assumption with its field name, for validation and the data panel.
    pub fn named(&self) -> [(&'static str, &Sourced<f64>); 6] {
        [
            ("large_trial_mean_sd", &self.large_trial_mean_sd),
            ("large_trial_se_sd", &self.large_trial_se_sd),
            (
                "evidence_weight_per_padlock",
                &self.evidence_weight_per_padlock,
            ),
            ("shift_ceiling_sd", &self.shift_ceiling_sd),
            ("common_factor_log_sd", &self.common_factor_log_sd),
            ("persistence_log_sd", &self.persistence_log_sd),
        ]
    }

    /// Checks each value's range and provenance.
    pub fn validate(&self) -> Result<(), InputError> {
        let limits = [
            (-0.5, 0.5),
            (0.0, 0.5),
            (0.0, 0.2),
            (0.01, 2.0),
            (0.0, 2.0),
            (0.0, 2.0),
        ];
        for ((name, value), (low, high)) in self.named().into_iter().zip(limits) {
            let field = format!("at_scale.{name}");
            check_range(&field, value.value, low, high)?;
            check_provenance(&field, &value.provenance)?;
        }
        Ok(())
    }
}

/// How one lever's evidence becomes the effect the model uses, step by step, so that the
/// evidence popover and docs/MODEL.md can show the same path.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EffectPath {
    /// EEF months of progress, when the lever has an EEF strand with an estimate.
    pub months: Option<i32>,
    /// The Toolkit effect (SD): the midpoint of EEF's band for `months`.
    pub toolkit_sd: Option<f64>,
    /// Weight on the Toolkit effect (the rest goes to the large-trial mean).
    pub evidence_weight: Option<f64>,
    /// The shrunk effect on the programme's own outcome (SD).
    pub shrunk_sd: Option<f64>,
    /// Share of the shrunk effect that reaches the stage's combined threshold measure.
    pub outcome_breadth: f64,
    /// The expected effect at scale (SD) on the stage's threshold measure, with its range.
    pub at_scale: EffectSize,
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
