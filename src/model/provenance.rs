//! Where a number comes from. Every default in an area or lever file is a [`Sourced`]
//! value: either it cites a published source or it says, in words, that it is an assumption.

use serde::{Deserialize, Serialize};

/// A value with its provenance. In JSON: `{"value": 0.25, "source": "…"}` or
/// `{"value": 850, "assumption": "…"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
