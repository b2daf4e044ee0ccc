//! Where a number comes from. Every default in an area or lever file is a [`Sourced`]
//! value: either it cites a published source or it says, in words, that it is an assumption.

use serde::{Deserialize, Serialize};

/// A value with its provenance. In JSON: `{"value": 0.25, "source": "…"}` or
/// `{"value": 850, "assumption": "…"}` (or `"user_entered"`). Exactly one of the three is
/// allowed: a number that carries both a source and an assumption, or any other key, is
/// refused when read, so a file can never say two things about where a number comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    try_from = "SourcedRepr<T>",
    bound(deserialize = "T: Deserialize<'de>")
)]
pub struct Sourced<T> {
    pub value: T,
    #[serde(flatten)]
    pub provenance: Provenance,
}

/// A citation, an openly labelled assumption, or a figure the user typed in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    Source(String),
    Assumption(String),
    UserEntered(String),
}

impl Provenance {
    /// A short label for the UI: "Source", "Assumption" or "User-entered".
    pub fn label(&self) -> &'static str {
        match self {
            Provenance::Source(_) => "Source",
            Provenance::Assumption(_) => "Assumption",
            Provenance::UserEntered(_) => "User-entered",
        }
    }

    pub fn text(&self) -> &str {
        match self {
            Provenance::Source(t) | Provenance::Assumption(t) | Provenance::UserEntered(t) => t,
        }
    }
}

/// How a [`Sourced`] value is read: every provenance key optional, unknown keys refused,
/// then checked by `TryFrom` that exactly one provenance is given.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcedRepr<T> {
    value: T,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    assumption: Option<String>,
    #[serde(default)]
    user_entered: Option<String>,
}

impl<T> TryFrom<SourcedRepr<T>> for Sourced<T> {
    type Error = String;

    fn try_from(repr: SourcedRepr<T>) -> Result<Self, Self::Error> {
        let provenance = match (repr.source, repr.assumption, repr.user_entered) {
            (Some(text), None, None) => Provenance::Source(text),
            (None, Some(text), None) => Provenance::Assumption(text),
            (None, None, Some(text)) => Provenance::UserEntered(text),
            (None, None, None) => {
                return Err(
                    "needs a source or an assumption label (`source` or `assumption`)".to_owned(),
                )
            }
            (Some(_), Some(_), _) => {
                return Err("has both a source and an assumption: a number has exactly one (keep `source` if it is published, `assumption` if it is derived or assumed)".to_owned())
            }
            _ => {
                return Err(
                    "has more than one of `source`, `assumption` and `user_entered`: a number has exactly one"
                        .to_owned(),
                )
            }
        };
        Ok(Sourced {
            value: repr.value,
            provenance,
        })
    }
}

impl<T> Sourced<T> {
    pub fn source(value: T, text: &str) -> Self {
        Sourced {
            value,
            provenance: Provenance::Source(text.to_owned()),
        }
    }

    pub fn assumption(value: T, text: &str) -> Self {
        Sourced {
            value,
            provenance: Provenance::Assumption(text.to_owned()),
        }
    }
}

/// Checks that a provenance text is not empty: a blank citation is no citation.
pub(crate) fn check_provenance(
    field: &str,
    provenance: &Provenance,
) -> Result<(), super::InputError> {
    if provenance.text().trim().is_empty() {
        Err(super::InputError::field(
            field,
            "needs a source or an assumption label",
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Sourced<f64>, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    #[test]
    fn a_number_has_exactly_one_provenance() {
        assert_eq!(
            read(r#"{"value":1,"source":"a"}"#).unwrap(),
            Sourced::source(1.0, "a")
        );
        assert_eq!(
            read(r#"{"value":1,"assumption":"b"}"#).unwrap(),
            Sourced::assumption(1.0, "b")
        );
        for both in [
            r#"{"value":1,"source":"a","assumption":"b"}"#,
            r#"{"value":1,"assumption":"b","source":"a"}"#,
        ] {
            let message = read(both).unwrap_err();
            assert!(
                message.contains("both a source and an assumption"),
                "{message}"
            );
        }
        assert!(read(r#"{"value":1,"source":"a","user_entered":"c"}"#)
            .unwrap_err()
            .contains("more than one"));
        assert!(read(r#"{"value":1}"#)
            .unwrap_err()
            .contains("needs a source"));
        assert!(read(r#"{"value":1,"source":"a","note":"b"}"#)
            .unwrap_err()
            .contains("unknown field `note`"));
    }

    #[test]
    fn the_json_shape_is_unchanged() {
        let value = Sourced::assumption(850.0, "about 850");
        let text = serde_json::to_string(&value).unwrap();
        assert_eq!(text, r#"{"value":850.0,"assumption":"about 850"}"#);
        assert_eq!(read(&text).unwrap(), value);
    }
}
