//! What users save and share: a named, versioned set of lever settings, and the reports
//! made from a projection. Pure Rust, no web.

pub mod appraisal;
pub mod contributions;
pub mod library;
pub mod link;
pub mod monitoring;
pub mod optimise;
pub mod outcome;
pub mod report;
pub mod target;

use serde::{Deserialize, Serialize};

use crate::model::error::{parse_json, InputError};
use crate::model::{LeverSettings, Model, Plan};
use target::{validate_actuals, validate_targets, Actual, Target};

/// The scenario format this build writes. Older versions are read and upgraded.
///
/// Targets and actuals (optional, absent when empty) did not need a new version: files
/// without them read as before, and a build without them refuses them by name rather than
/// misreading them.
///
/// Version 2 has the same fields as version 1; it marks scenarios made for the revised
/// model (effects at scale, overlap, year groups and their cost). A lever's start year is
/// now the first year the programme runs, which version 1 took as the first year its
/// stage's results were reached: the same number is kept, and [`MODEL_REVISION_NOTE`]
/// tells the user.
pub const SCENARIO_VERSION: u32 = 2;

/// Shown when a version-1 scenario, saved library or link is opened.
pub const MODEL_REVISION_NOTE: &str = "This was made with version 1 of Pathways' model. Its levers are kept as they were, but the figures now come from the revised model (effects expected at scale rather than in trials, overlap between programmes, and the cost of every year group served), so they are smaller than when it was made. A lever's start year now means the first year the programme runs.";
/// The longest scenario name kept, in characters: files, links and the page trim to it.
pub const MAX_NAME_CHARS: usize = 80;
/// The longest scenario description kept, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 400;
/// The most characters of a user's text (a name, a value) echoed back in a message.
pub const MAX_ECHO_CHARS: usize = 40;
/// The largest scenario file read; the CLI stops reading one byte past it.
pub const SCENARIO_FILE_LIMIT_BYTES: usize = 64 * 1024;

/// A named set of lever settings. Levers not listed are off. Unknown fields and a lever
/// named twice are refused, so a misspelling is never silently ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub version: u32,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(
        default,
        deserialize_with = "crate::model::plan::unique_lever_settings"
    )]
    pub levers: LeverSettings,
    /// The area the scenario was made for, by id (`hastings`, `blackpool`, …): saved
    /// scenarios, exports and share links restore it. Absent in older files, which were
    /// all made for the default area. Checked for form only (1-40 of `a-z`, `0-9`, `_`,
    /// `-`, as in a link); the caller decides which area to load.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Success measures: at most one target per headline outcome (`scenario::target`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
    /// Figures the user entered for monitoring: at most one per outcome and year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actuals: Vec<Actual>,
    /// Whether the baseline allows for the FSM definition change from 2027 (MODEL §2a):
    /// the page writes its choice; opening a file with it sets the choice, and a file
    /// without it (older ones, presets) leaves the page's as it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fsm_break: Option<bool>,
}

/// Characters never kept in a name or description: control characters and the
/// bidirectional controls, which can make a name read differently from what it holds
/// (`abc\u{202E}evil` shows as "abclive"). A description keeps its line breaks and tabs.
fn is_hidden(c: char, keep_lines: bool) -> bool {
    (c.is_control() && !(keep_lines && matches!(c, '\n' | '\t')))
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` without control and bidirectional-formatting characters, and how many were
/// removed. `keep_lines` keeps line breaks and tabs (for descriptions).
pub fn without_hidden(text: &str, keep_lines: bool) -> (String, usize) {
    let kept: String = text
        .chars()
        .filter(|c| !is_hidden(*c, keep_lines))
        .collect();
    let removed = text.chars().count() - kept.chars().count();
    (kept, removed)
}

/// A user's text as echoed in a message: hidden characters shown as `\u{FFFD}`, and at most
/// [`MAX_ECHO_CHARS`] characters, then "…".
pub fn echo(text: &str) -> String {
    let mut shown: String = text
        .chars()
        .take(MAX_ECHO_CHARS)
        .map(|c| if is_hidden(c, false) { '\u{FFFD}' } else { c })
        .collect();
    if text.chars().nth(MAX_ECHO_CHARS).is_some() {
        shown.push('…');
    }
    shown
}

/// The longest area id a scenario may name, in characters (as in a share link).
pub const MAX_AREA_ID_CHARS: usize = 40;

/// Whether `id` has the form of an area id: 1-40 of `a-z`, `0-9`, `_` and `-`.
pub fn is_area_id(id: &str) -> bool {
    (1..=MAX_AREA_ID_CHARS).contains(&id.chars().count())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario::baseline()
    }
}

impl Scenario {
    /// No levers: the area's baseline.
    pub fn baseline() -> Scenario {
        Scenario {
            version: SCENARIO_VERSION,
            name: "Baseline".to_owned(),
            description: "No new interventions: base-year rates held flat.".to_owned(),
            levers: LeverSettings::new(),
            area: None,
            targets: Vec::new(),
            actuals: Vec::new(),
            fsm_break: None,
        }
    }

    /// Parses a scenario file. The version is checked here; the lever values are checked
    /// against a model by [`Scenario::plan`].
    pub fn from_json(text: &str) -> Result<Scenario, InputError> {
        let scenario: Scenario = parse_json("Scenario file", text, SCENARIO_FILE_LIMIT_BYTES)?;
        if scenario.version == 0 || scenario.version > SCENARIO_VERSION {
            return Err(InputError::field(
                "version",
                format!(
                    "is {}, but this version of Pathways reads scenarios up to version {}",
                    scenario.version, SCENARIO_VERSION
                ),
            ));
        }
        if let Some(area) = &scenario.area {
            if !is_area_id(area) {
                return Err(InputError::field(
                    "area",
                    format!(
                        "{:?} is not an area id (1-{MAX_AREA_ID_CHARS} of a-z, 0-9, _ and -, like \"blackpool\")",
                        area.chars().take(60).collect::<String>()
                    ),
                ));
            }
        }
        validate_targets(&scenario.targets)?;
        validate_actuals(&scenario.actuals)?;
        Ok(scenario)
    }

    /// The note to show when this scenario was made for an older model, if it was.
    pub fn migration_note(&self) -> Option<&'static str> {
        (self.version < SCENARIO_VERSION).then_some(MODEL_REVISION_NOTE)
    }

    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks the settings against the model's levers and area and resolves them.
    pub fn plan(&self, model: &Model) -> Result<Plan, InputError> {
        Plan::resolve(&self.levers, model.catalogue(), model.area())
    }
}
