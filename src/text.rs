//! Number text shared by the model's messages, the scenario reports, the area builder and
//! the app's formats, so each number is written one way everywhere.

/// A number rounded to a whole one (halves away from zero) with thousands separators:
/// `5663.4` → `5,663`, `-1234567.0` → `-1,234,567`, `-0.4` → `0`.
pub fn thousands(value: f64) -> String {
    let whole = value.round();
    let digits = format!("{:.0}", whole.abs());
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if whole < 0.0 {
        grouped.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped_in_threes() {
        assert_eq!(thousands(0.0), "0");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(1000.0), "1,000");
        assert_eq!(thousands(5663.4), "5,663");
        assert_eq!(thousands(500_000.0), "500,000");
        assert_eq!(thousands(-1_234_567.0), "-1,234,567");
        assert_eq!(thousands(-0.4), "0");
        assert_eq!(thousands(2.5), "3");
    }
}
