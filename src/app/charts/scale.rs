//! Linear scales, "nice" tick values and SVG path strings for line and band charts.

/// Maps a data interval onto a pixel interval (either may be reversed, as a y axis is).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearScale {
    pub domain: (f64, f64),
    pub range: (f64, f64),
}

impl LinearScale {
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Self {
        LinearScale { domain, range }
    }

    /// The pixel position of `value`; a zero-width domain maps to the middle of the range.
    pub fn map(&self, value: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        if (d1 - d0).abs() < f64::EPSILON {
            return 0.5 * (r0 + r1);
        }
        r0 + (value - d0) / (d1 - d0) * (r1 - r0)
    }
}

/// Tick values at 1, 2 or 5 × 10ᵏ steps covering `[low, high]`, about `target` of them.
pub fn nice_ticks(low: f64, high: f64, target: usize) -> Vec<f64> {
    if !(low.is_finite() && high.is_finite()) || high <= low || target == 0 {
        return vec![low];
    }
    let rough = (high - low) / target as f64;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|&s| s >= rough)
        .unwrap_or(10.0 * magnitude);
    let first = (low / step).ceil() as i64;
    let last = (high / step).floor() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}

/// A y domain for shares that shows every value with some headroom, snapped to
/// multiples of 5 percentage points and kept within [0, 1].
pub fn share_domain(values: impl IntoIterator<Item = f64>) -> (f64, f64) {
    let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.into_iter().filter(|v| v.is_finite()) {
        low = low.min(v);
        high = high.max(v);
    }
    if low > high {
        return (0.0, 1.0);
    }
    let step = 0.05;
    let low = ((low - 0.02) / step).floor() * step;
    let high = ((high + 0.02) / step).ceil() * step;
    (low.max(0.0), high.min(1.0).max(low + step))
}

/// Appends `value` with `decimals` places, exactly as `format!("{value:.decimals$}")` would.
/// Every slider step writes thousands of chart coordinates, and the standard formatter's
/// exact decimal expansion was a tenth of the page's time per step; scaling to an integer
/// is exact except within a hair of a rounding tie, which goes to the standard formatter.
pub fn push_fixed(out: &mut String, value: f64, decimals: u32) {
    use std::fmt::Write;
    let scale = 10_f64.powi(decimals as i32);
    let scaled = value.abs() * scale;
    let fraction = scaled - scaled.floor();
    if !scaled.is_finite() || scaled >= 1e15 || (fraction - 0.5).abs() < 1e-6 {
        let _ = write!(out, "{value:.*}", decimals as usize);
        return;
    }
    let units = scaled.round() as u64;
    if value.is_sign_negative() {
        out.push('-');
    }
    let divisor = 10_u64.pow(decimals);
    let _ = write!(out, "{}", units / divisor);
    if decimals > 0 {
        let _ = write!(
            out,
            ".{:0width$}",
            units % divisor,
            width = decimals as usize
        );
    }
}

/// `M x,y L x,y …` through the points, to one decimal place (crisp at any zoom, short).
pub fn line_path(points: &[(f64, f64)]) -> String {
    let mut path = String::with_capacity(points.len() * 14);
    for (i, &(x, y)) in points.iter().enumerate() {
        path.push_str(if i == 0 { "M" } else { " L" });
        push_fixed(&mut path, x, 1);
        path.push(',');
        push_fixed(&mut path, y, 1);
    }
    path
}

/// A closed area between an upper and a lower line over the same x positions.
pub fn band_path(upper: &[(f64, f64)], lower: &[(f64, f64)]) -> String {
    if upper.is_empty() {
        return String::new();
    }
    let mut outline: Vec<(f64, f64)> = upper.to_vec();
    outline.extend(lower.iter().rev());
    let mut path = line_path(&outline);
    path.push_str(" Z");
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_decimals_match_the_standard_formatter() {
        // Ties (0.25, 2.5), negatives and negative zero, large and tiny values, and a
        // deterministic spread of chart-like coordinates and shares.
        let mut values = vec![
            0.0,
            -0.0,
            0.05,
            0.25,
            2.5,
            -2.5,
            0.15,
            1.45,
            -0.04,
            99.95,
            639.96,
            1e14,
            3e15,
            1e-12,
            f64::NAN,
            f64::INFINITY,
            -f64::INFINITY,
        ];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let unit = (x >> 11) as f64 / (1u64 << 53) as f64;
            values.push(unit * 1300.0 - 300.0);
            values.push(unit);
        }
        for value in values {
            for decimals in [0, 1, 2, 4] {
                let mut fast = String::new();
                push_fixed(&mut fast, value, decimals);
                assert_eq!(
                    fast,
                    format!("{value:.*}", decimals as usize),
                    "{value} to {decimals} places"
                );
            }
        }
    }

    #[test]
    fn scale_maps_ends_and_reverses() {
        let y = LinearScale::new((0.0, 1.0), (200.0, 0.0));
        assert_eq!(y.map(0.0), 200.0);
        assert_eq!(y.map(1.0), 0.0);
        assert_eq!(y.map(0.25), 150.0);
        assert_eq!(LinearScale::new((3.0, 3.0), (0.0, 10.0)).map(3.0), 5.0);
    }

    #[test]
    fn ticks_are_round_and_inside_the_interval() {
        assert_eq!(
            nice_ticks(2017.0, 2035.0, 5),
            vec![2020.0, 2025.0, 2030.0, 2035.0]
        );
        let shares = nice_ticks(0.2, 0.45, 5);
        assert_eq!(shares.len(), 6);
        assert!((shares[0] - 0.2).abs() < 1e-12 && (shares[5] - 0.45).abs() < 1e-12);
        assert_eq!(nice_ticks(1.0, 1.0, 5), vec![1.0]);
    }

    #[test]
    fn share_domain_pads_and_clamps() {
        assert_eq!(share_domain([0.25, 0.31]), (0.2, 0.35000000000000003));
        assert_eq!(share_domain([0.0, 0.99]), (0.0, 1.0));
        assert_eq!(share_domain([]), (0.0, 1.0));
    }

    #[test]
    fn paths_list_every_point() {
        assert_eq!(line_path(&[(0.0, 1.0), (2.5, 3.25)]), "M0.0,1.0 L2.5,3.2");
        assert_eq!(
            band_path(&[(0.0, 1.0), (1.0, 1.0)], &[(0.0, 2.0), (1.0, 2.0)]),
            "M0.0,1.0 L1.0,1.0 L1.0,2.0 L0.0,2.0 Z"
        );
    }
}
