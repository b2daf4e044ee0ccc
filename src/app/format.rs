//! How numbers are shown: one place, so every view uses the same units and rounding.

/// A share as a percentage with one decimal: `0.2531` → `25.3%`.
use crate::scenario::outcome::Outcome;

/// The reach slider's step, in percentage points.
pub const REACH_STEP_PERCENT: f64 = 5.0;

/// A lever's reach as its slider label shows it: whole percentages as such, others to one
/// decimal ("12.5%", "0.4%"); a reach too small for that reads "<0.1%" and one just short of
/// full ">99.9%", so a label never claims 0% or 100% for a reach that is not.
pub fn reach(share: f64) -> String {
    let percent = share * 100.0;
    let tenths = (percent * 10.0).round() / 10.0;
    if percent > 0.0 && tenths == 0.0 {
        return "<0.1%".to_owned();
    }
    if percent < 100.0 && tenths == 100.0 {
        return ">99.9%".to_owned();
    }
    if tenths.fract() == 0.0 {
        format!("{tenths:.0}%")
    } else {
        format!("{tenths:.1}%")
    }
}

/// Whether a reach (in percent) sits on the slider's steps, where the slider can show it
/// with its usual step; off them it needs `step="any"` to put the thumb where the value is.
pub fn reach_on_slider_step(percent: f64) -> bool {
    let steps = percent / REACH_STEP_PERCENT;
    (steps - steps.round()).abs() < 1e-9
}

/// The reach a slider move lands on: a value the slider offers as it is; one between steps
/// (the first move from a reach a link or file set off the steps) goes on to the next step
/// in the direction moved, so keys and drags behave as on any other slider.
pub fn reach_after_move(previous_percent: f64, moved_to_percent: f64) -> f64 {
    if reach_on_slider_step(moved_to_percent) {
        return moved_to_percent;
    }
    let steps = moved_to_percent / REACH_STEP_PERCENT;
    let step = if moved_to_percent > previous_percent {
        steps.ceil()
    } else {
        steps.floor()
    };
    (step * REACH_STEP_PERCENT).clamp(0.0, 100.0)
}

/// The years a series covers, as "2017-2035", "2030" for one year, or "no years" for none.
pub fn year_span(years: &[i32]) -> String {
    match (years.first(), years.last()) {
        (Some(first), Some(last)) if first == last => first.to_string(),
        (Some(first), Some(last)) => format!("{first}-{last}"),
        _ => "no years".to_owned(),
    }
}

pub fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// A change in a share as signed percentage points: `0.031` → `+3.1 points`.
pub fn points_change(delta_share: f64) -> String {
    let points = delta_share * 100.0;
    // Avoid "-0.0 points" for changes that round to nothing.
    if points.abs() < 0.05 {
        "no change".to_owned()
    } else {
        format!("{points:+.1} points")
    }
}

/// Percentage points (already ×100), signed, one decimal: `3.14` → `+3.1`, `-0.04` → `0.0`.
pub fn signed_points(points: f64) -> String {
    if points.abs() < 0.05 {
        "0.0".to_owned()
    } else {
        format!("{points:+.1}")
    }
}

/// The 80% range of a change in a share, in signed points: `80% range +1.2 to +5.6`.
pub fn change_range(p10_share: f64, p90_share: f64) -> String {
    format!(
        "80% range {} to {}",
        signed_points(p10_share * 100.0),
        signed_points(p90_share * 100.0)
    )
}

/// An effect size in standard deviations to three decimals, without trailing zeros
/// beyond the second: `0.1432` → `0.143 SD`, `0.570` → `0.57 SD`, `0.06` → `0.06 SD`.
pub fn sd(effect_sd: f64) -> String {
    let mut text = format!("{effect_sd:.3}");
    if text.ends_with('0') {
        text.pop();
    }
    if text == "-0.00" {
        text = "0.00".to_owned();
    }
    format!("{text} SD")
}

/// A share as a whole percentage, or with one decimal when it is not whole:
/// `0.2` → `20%`, `0.025` → `2.5%`.
pub fn percent_short(share: f64) -> String {
    let percent = share * 100.0;
    if (percent - percent.round()).abs() < 1e-9 {
        format!("{percent:.0}%")
    } else {
        format!("{percent:.1}%")
    }
}

/// A gap (share) in percentage points: `0.27` → `27.0 pts`.
pub fn points(share: f64) -> String {
    format!("{:.1} pts", share * 100.0)
}

/// An outcome's value (a share) as tables and cards write it: a rate as a percentage, a
/// gap as a bare number of points (the column or title gives the unit).
pub fn outcome_number(outcome: Outcome, share: f64) -> String {
    if outcome.is_gap() {
        format!("{:.1}", share * 100.0)
    } else {
        percent(share)
    }
}

/// An outcome's value (a share) with its unit: `25.0%`, or `37.0 pts` for a gap.
pub fn outcome_value(outcome: Outcome, share: f64) -> String {
    if outcome.is_gap() {
        points(share)
    } else {
        percent(share)
    }
}

/// Pounds, compact: `£850`, `£3,852`, `£12.3k`, `£1.25m`.
pub fn gbp(pounds: f64) -> String {
    let sign = if pounds < 0.0 { "-" } else { "" };
    let p = pounds.abs();
    if p >= 1e6 {
        format!("{sign}£{:.2}m", p / 1e6)
    } else if p >= 1e4 {
        format!("{sign}£{:.1}k", p / 1e3)
    } else {
        format!("{sign}£{}", pupils(p))
    }
}

/// A count of pupils, rounded to whole pupils with thousands separators.
pub fn pupils(count: f64) -> String {
    crate::text::thousands(count)
}

/// A count with its noun, singular or plural: "1 lever", "3 levers", "0 years".
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// A safe piece of a file name: lower-case ASCII letters and digits, runs of anything
/// else as one hyphen, at most 40 characters: "My plan (2)" → "my-plan-2".
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.truncate(40);
    out.trim_end_matches('-').to_owned()
}

/// A download's file name: "pathways", then each non-empty slug of `parts`, then `what`,
/// joined by hyphens: `pathways-hastings-my-plan-projections.csv`.
pub fn file_name(parts: &[&str], what: &str, extension: &str) -> String {
    let mut pieces = vec!["pathways".to_owned()];
    pieces.extend(parts.iter().map(|p| slug(p)).filter(|p| !p.is_empty()));
    pieces.push(what.to_owned());
    format!("{}.{extension}", pieces.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_spans_need_no_years() {
        assert_eq!(year_span(&[2017, 2018, 2035]), "2017-2035");
        assert_eq!(year_span(&[2030]), "2030");
        assert_eq!(year_span(&[]), "no years");
    }

    #[test]
    fn reach_labels_show_the_value_used() {
        // The values a hand-edited link gave (issue 18): each label names the reach costed.
        assert_eq!(reach(0.125), "12.5%");
        assert_eq!(reach(0.02), "2%");
        assert_eq!(reach(0.004), "0.4%");
        assert_eq!(reach(0.67), "67%");
        assert_eq!(reach(0.0000001), "<0.1%");
        assert_eq!(reach(0.0), "0%");
        assert_eq!(reach(1.0), "100%");
        assert_eq!(reach(0.9996), ">99.9%");
    }

    #[test]
    fn a_move_from_between_steps_lands_on_the_next_step_in_its_direction() {
        assert!(reach_on_slider_step(15.0) && reach_on_slider_step(0.0));
        assert!(!reach_on_slider_step(12.5) && !reach_on_slider_step(0.4));
        // With step="any", Chromium moves a range by 1 per arrow key.
        assert_eq!(reach_after_move(12.5, 13.5), 15.0);
        assert_eq!(reach_after_move(12.5, 11.5), 10.0);
        assert_eq!(reach_after_move(0.4, 1.4), 5.0);
        assert_eq!(reach_after_move(0.4, 0.0), 0.0);
        assert_eq!(reach_after_move(97.5, 98.5), 100.0);
        // On the steps, a move is taken as it is.
        assert_eq!(reach_after_move(15.0, 20.0), 20.0);
    }

    #[test]
    fn formats_are_stable() {
        assert_eq!(percent(0.2531), "25.3%");
        assert_eq!(points_change(0.031), "+3.1 points");
        assert_eq!(signed_points(-0.04), "0.0");
        assert_eq!(signed_points(-1.26), "-1.3");
        assert_eq!(change_range(0.012, 0.056), "80% range +1.2 to +5.6");
        assert_eq!(sd(0.1432), "0.143 SD");
        assert_eq!(sd(0.57), "0.57 SD");
        assert_eq!(sd(0.06), "0.06 SD");
        assert_eq!(sd(0.655), "0.655 SD");
        assert_eq!(sd(-0.0001), "0.00 SD");
        assert_eq!(percent_short(0.2), "20%");
        assert_eq!(percent_short(0.025), "2.5%");
        assert_eq!(points_change(-0.0004), "no change");
        assert_eq!(points(0.27), "27.0 pts");
        assert_eq!(gbp(850.0), "£850");
        assert_eq!(gbp(3852.4), "£3,852");
        assert_eq!(gbp(12_345.0), "£12.3k");
        assert_eq!(gbp(1_250_000.0), "£1.25m");
        assert_eq!(pupils(1234567.4), "1,234,567");
        assert_eq!(pupils(-1200.0), "-1,200");
        assert_eq!(count(1, "lever", "levers"), "1 lever");
        assert_eq!(count(0, "lever", "levers"), "0 levers");
        assert_eq!(count(2, "year", "years"), "2 years");
    }

    #[test]
    fn file_names_are_safe_slugs() {
        assert_eq!(slug("My plan (2)"), "my-plan-2");
        assert_eq!(slug("west_somerset"), "west-somerset");
        assert_eq!(slug("“Été” ../../etc"), "t-etc");
        assert_eq!(slug("---"), "");
        assert_eq!(slug(&"a".repeat(60)).len(), 40);
        assert_eq!(
            file_name(&["hastings", "My scenario"], "projections", "csv"),
            "pathways-hastings-my-scenario-projections.csv"
        );
        assert_eq!(
            file_name(&["hastings", "!!"], "projections", "csv"),
            "pathways-hastings-projections.csv"
        );
    }
}
