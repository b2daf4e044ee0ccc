//! What can go wrong building the area files, by kind, with what is needed to say it.

use std::fmt;

/// One figure of the extract, as a rule asks for it or as it was read: an area's (or
/// England's) measure for a group in a year, e.g. `Blackpool eyfs_gld_pct fsm 2016/17`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureKey {
    /// The `oa` column: an Opportunity Area, or `England`.
    pub area: String,
    pub measure: String,
    pub group: String,
    /// The year label as written, e.g. `2016/17`, `2021` or `end 2015`.
    pub year: String,
}

impl FigureKey {
    pub fn new(area: &str, measure: &str, group: &str, year: &str) -> FigureKey {
        FigureKey {
            area: area.to_owned(),
            measure: measure.to_owned(),
            group: group.to_owned(),
            year: year.to_owned(),
        }
    }
}

impl fmt::Display for FigureKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {} {}",
            self.area, self.measure, self.group, self.year
        )
    }
}

/// (A figure's key is boxed to keep the error, and every `Result` of the builder, small.)
#[derive(Debug, Clone, PartialEq)]
pub enum BuildError {
    /// A CSV file with no header.
    EmptyFile { file: &'static str },
    /// A CSV file without a column the builder reads.
    MissingColumn {
        file: &'static str,
        column: &'static str,
    },
    /// A record with more or fewer fields than the header has. `line` is the line the
    /// record starts on (a quoted field may hold line breaks).
    FieldCount {
        file: &'static str,
        line: usize,
        found: usize,
        expected: usize,
    },
    /// A quoted field that is never closed, in the record starting on `line`.
    UnterminatedQuote { file: &'static str, line: usize },
    /// A field that must be a (finite) number and is not.
    NotANumber {
        file: &'static str,
        line: usize,
        column: &'static str,
        value: String,
    },
    /// geography.csv's `oa_is_whole_la` is neither `yes` nor `no`.
    BadWholeLa { line: usize, value: String },
    /// geography.csv has no row for an Opportunity Area the generator builds.
    MissingGeography { oa: String },
    /// geography.csv and the generator disagree on whether an OA is a whole LA.
    WholeLaMismatch { oa: String, whole_in_csv: bool },
    /// No figure in the extract for what a rule needs; `hint` is the text the source's
    /// repository and path must contain ("" for any).
    MissingFigure {
        figure: Box<FigureKey>,
        hint: String,
    },
    /// More than one figure for what a rule needs: the extract must name its source.
    DuplicateFigure {
        figure: Box<FigureKey>,
        hint: String,
        rows: usize,
    },
    /// No row at all for an observed series.
    MissingSeries {
        area: String,
        measure: String,
        group: String,
    },
    /// Two rows of one observed series for the same calendar year.
    DuplicateYear {
        area: String,
        measure: String,
        group: String,
        year: i32,
    },
    /// A figure without a value where a rule needs one.
    NoValue { figure: Box<FigureKey> },
    /// A figure that is not a percentage from 0 to 100 where a rule needs a share.
    NotAShare {
        figure: Box<FigureKey>,
        value: String,
        unit: String,
    },
    /// A year label that names no year (`figure.year` is the label).
    BadYear { figure: Box<FigureKey> },
    /// Counts by FSM that do not add up to the count of all.
    CountsDoNotAddUp {
        area: String,
        measure: String,
        year: String,
        fsm: f64,
        non_fsm: f64,
        all: f64,
    },
    /// An ITL2 code outside England's regions.
    UnknownRegion { oa: String, code: String },
    /// None of an area's years of a measure could be used.
    NoUsableYears { oa: String, measure: String },
    /// A built area fails the checks every area file must pass.
    InvalidArea { id: String, problem: String },
    /// The LAIT extract lacks what a rule needs for an area.
    LaitMissing { area: String, what: String },
}

/// " (source matching \"smapey\")", or nothing when any source will do.
fn hint_words(hint: &str) -> String {
    if hint.is_empty() {
        String::new()
    } else {
        format!(" (source matching {hint:?})")
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::EmptyFile { file } => write!(f, "{file} is empty"),
            BuildError::MissingColumn { file, column } => {
                write!(f, "{file} has no column {column}")
            }
            BuildError::FieldCount {
                file,
                line,
                found,
                expected,
            } => write!(f, "{file} line {line} has {found} fields, not {expected}"),
            BuildError::UnterminatedQuote { file, line } => {
                write!(f, "{file} line {line} has an unterminated quoted field")
            }
            BuildError::NotANumber {
                file,
                line,
                column,
                value,
            } => write!(f, "{file} line {line}: {column} {value:?} is not a number"),
            BuildError::BadWholeLa { line, value } => write!(
                f,
                "geography.csv line {line} has oa_is_whole_la {value:?}, not yes or no"
            ),
            BuildError::MissingGeography { oa } => write!(f, "geography.csv has no row for {oa}"),
            BuildError::WholeLaMismatch { oa, whole_in_csv } => write!(
                f,
                "{oa}: geography.csv and the generator disagree on whether it is a whole LA (geography.csv says {})",
                if *whole_in_csv { "yes" } else { "no" }
            ),
            BuildError::MissingFigure { figure, hint } => write!(
                f,
                "{}: figures.csv has no row for {} {} {}{}",
                figure.area,
                figure.measure,
                figure.group,
                figure.year,
                hint_words(hint)
            ),
            BuildError::DuplicateFigure { figure, hint, rows } => write!(
                f,
                "{}: figures.csv has {rows} rows for {} {} {}{}: name the source",
                figure.area,
                figure.measure,
                figure.group,
                figure.year,
                hint_words(hint)
            ),
            BuildError::MissingSeries {
                area,
                measure,
                group,
            } => write!(f, "{area}: figures.csv has no row for {measure} {group}"),
            BuildError::DuplicateYear {
                area,
                measure,
                group,
                year,
            } => write!(
                f,
                "{area}: {measure} {group} has two rows for {year}: name the source"
            ),
            BuildError::NoValue { figure } => write!(f, "{figure}: no value in figures.csv"),
            BuildError::NotAShare {
                figure,
                value,
                unit,
            } => write!(
                f,
                "{figure}: {value} ({unit}) is not a percentage from 0 to 100"
            ),
            BuildError::BadYear { figure } => write!(
                f,
                "{} {} {}: cannot read the year {:?}",
                figure.area, figure.measure, figure.group, figure.year
            ),
            BuildError::CountsDoNotAddUp {
                area,
                measure,
                year,
                fsm,
                non_fsm,
                all,
            } => write!(
                f,
                "{area} {measure} {year}: the counts by FSM do not add up: {fsm} FSM + {non_fsm} non-FSM = {}, not {all}",
                fsm + non_fsm
            ),
            BuildError::UnknownRegion { oa, code } => {
                write!(f, "{oa}: no English region for ITL2 code {code:?}")
            }
            BuildError::NoUsableYears { oa, measure } => {
                write!(f, "{oa}: no usable years of {measure}")
            }
            BuildError::LaitMissing { area, what } => write!(f, "{area}: {what}"),
            BuildError::InvalidArea { id, problem } => {
                write!(f, "{id}: the built file is invalid: {problem}")
            }
        }
    }
}

impl std::error::Error for BuildError {}
