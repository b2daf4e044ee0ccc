//! Errors for anything that comes from outside the model: data files, scenarios, links.
//! Every message names the field at fault and is written for the person who can fix it.

use std::fmt;

/// What was wrong with a piece of input, and where.
#[derive(Debug, Clone, PartialEq)]
pub enum InputError {
    /// The text is not valid JSON of the expected shape (serde's message names the field
    /// and the line and column).
    Malformed { what: &'static str, message: String },
    /// The text parsed, but a field's value is impossible or out of range.
    Field { field: String, problem: String },
    /// The input is larger than any real file of this kind.
    TooLarge {
        what: &'static str,
        bytes: usize,
        limit: usize,
    },
}

impl InputError {
    pub fn field(field: impl Into<String>, problem: impl Into<String>) -> Self {
        InputError::Field {
            field: field.into(),
            problem: problem.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Malformed { what, message } => write!(f, "{what} is not valid: {message}"),
            InputError::Field { field, problem } => write!(f, "{field}: {problem}"),
            InputError::TooLarge { what, bytes, limit } => write!(
                f,
                "{what} is {bytes} bytes, more than the {limit} bytes such a file can be"
            ),
        }
    }
}

impl std::error::Error for InputError {}

/// Parses JSON of at most `limit` bytes, turning every failure into an [`InputError`].
pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(
    what: &'static str,
    text: &str,
    limit: usize,
) -> Result<T, InputError> {
    if text.len() > limit {
        return Err(InputError::TooLarge {
            what,
            bytes: text.len(),
            limit,
        });
    }
    // A UTF-8 byte-order mark, as some Windows editors write, is not part of the JSON;
    // the browser's file reader drops it too, so the CLI and the page read the same files.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        // "." is the root: the problem is the document as a whole, not one field.
        let inner = e.into_inner().to_string();
        let inner = match suggestion(&inner) {
            Some(name) => format!("{inner} (did you mean `{name}`?)"),
            None => inner,
        };
        let message = if path == "." {
            inner
        } else {
            format!("{path}: {inner}")
        };
        InputError::Malformed { what, message }
    })?;
    // Trailing text after the JSON value is an error too, as serde_json::from_str makes it.
    deserializer.end().map_err(|e| InputError::Malformed {
        what,
        message: e.to_string(),
    })?;
    Ok(value)
}

/// For serde's "unknown field `x`, expected one of `a`, `b`" (or "expected `a` or `b`"),
/// the expected name nearest to `x`, when it is close enough to be a likely misspelling.
fn suggestion(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (unknown, expected) = rest.split_once('`')?;
    nearest_name(unknown, expected.split('`').skip(1).step_by(2))
}

/// The name in `names` nearest to `unknown`, when it is close enough to be a likely
/// misspelling (within a third of the longer name's length, at least one edit):
/// "levrs" → "levers", "fsm_ks5" → "fsm_ks4", but "ponies" → nothing.
pub fn nearest_name<'a>(unknown: &str, names: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let (distance, name) = names
        .into_iter()
        .map(|name| (edit_distance(unknown, name), name))
        .min_by_key(|(distance, _)| *distance)?;
    let limit = (unknown.chars().count().max(name.chars().count()) / 3).max(1);
    (distance <= limit).then(|| name.to_owned())
}

/// Levenshtein distance between two short names.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

/// Checks that `value` is a finite number in `[low, high]`.
pub(crate) fn check_range(field: &str, value: f64, low: f64, high: f64) -> Result<(), InputError> {
    if value.is_finite() && (low..=high).contains(&value) {
        Ok(())
    } else {
        Err(InputError::field(
            field,
            format!(
                "{} is outside the allowed range {low} to {high}",
                short_number(value)
            ),
        ))
    }
}

/// A number for a message: as written when it is short, else in scientific form with four
/// significant figures, so `1e308` is echoed as `1e308`, never as 309 digits (and
/// `0.1 + 0.2` as `0.3`).
pub fn short_number(value: f64) -> String {
    let plain = value.to_string();
    if plain.len() <= 12 {
        return plain;
    }
    if (1e-4..1e9).contains(&value.abs()) {
        let fixed = format!("{value:.6}");
        return fixed.trim_end_matches('0').trim_end_matches('.').to_owned();
    }
    let scientific = format!("{value:.3e}");
    match scientific.split_once('e') {
        Some((mantissa, exponent)) if mantissa.contains('.') => {
            let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
            format!("{mantissa}e{exponent}")
        }
        _ => scientific,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_numbers_are_echoed_in_short_form() {
        assert_eq!(short_number(1e308), "1e308");
        assert_eq!(short_number(-123456789012345.0), "-1.235e14");
        assert_eq!(short_number(1.5), "1.5");
        assert_eq!(short_number(0.1 + 0.2), "0.3");
        assert_eq!(short_number(1.23456e-9), "1.235e-9");
        assert_eq!(short_number(f64::NAN), "NaN");
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_json() {
        let parsed: Result<serde_json::Value, _> = parse_json("File", "\u{feff}{\"a\":1}", 100);
        assert_eq!(parsed.unwrap()["a"], 1);
    }

    #[test]
    fn a_misspelt_field_gets_the_nearest_known_name() {
        let message =
            "unknown field `levrs`, expected one of `version`, `name`, `description`, `levers`";
        assert_eq!(suggestion(message).as_deref(), Some("levers"));
        let two = "unknown field `sorce`, expected `source` or `assumption`";
        assert_eq!(suggestion(two).as_deref(), Some("source"));
        let far = "unknown field `ponies`, expected one of `version`, `name`";
        assert_eq!(suggestion(far), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
