//! What can go wrong building the area files, by kind, with what is needed to say it.

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum BuildError {
    /// A CSV file is empty, lacks a column, or has a record the builder cannot read.
    Csv { file: &'static str, problem: String },
    /// No figure in the extract for what a rule needs.
    MissingFigure { what: String },
    /// More than one figure for what a rule needs: the extract must name its source.
    AmbiguousFigure { what: String, rows: usize },
    /// A figure in a unit, or with a year label, the rule cannot use.
    BadFigure { what: String, problem: String },
    /// The inputs disagree with each other or with the generator.
    Inconsistent(String),
    /// An ITL2 code outside England's regions.
    UnknownRegion(String),
    /// None of an area's years of a measure could be used.
    NoUsableYears { oa: String, measure: String },
    /// A built area fails the checks every area file must pass.
    InvalidArea { id: String, problem: String },
    /// An error met while building one area (or England).
    In {
        place: String,
        error: Box<BuildError>,
    },
}

impl BuildError {
    /// This error, said as met while building `place`.
    pub fn in_place(self, place: &str) -> BuildError {
        BuildError::In {
            place: place.to_owned(),
            error: Box::new(self),
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Csv { file, problem } => write!(f, "{file} {problem}"),
            BuildError::MissingFigure { what } => write!(f, "figures.csv has no row for {what}"),
            BuildError::AmbiguousFigure { what, rows } => {
                write!(f, "figures.csv has {rows} rows for {what}: name the source")
            }
            BuildError::BadFigure { what, problem } => write!(f, "{what}: {problem}"),
            BuildError::Inconsistent(what) => f.write_str(what),
            BuildError::UnknownRegion(code) => {
                write!(f, "no English region for ITL2 code {code:?}")
            }
            BuildError::NoUsableYears { oa, measure } => {
                write!(f, "{oa}: no usable years of {measure}")
            }
            BuildError::InvalidArea { id, problem } => {
                write!(f, "{id}: the built file is invalid: {problem}")
            }
            BuildError::In { place, error } => write!(f, "{place}: {error}"),
        }
    }
}

impl std::error::Error for BuildError {}
