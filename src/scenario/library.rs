//! Scenario collections: the presets shipped with the app (and the presentation story
//! told with them), and the user's saved scenarios as kept in browser storage.
//!
//! Reading saved scenarios is lenient: whatever is valid is kept and every dropped piece
//! is reported, so a corrupt or old entry never costs the user the rest of their work.

use serde::{Deserialize, Serialize};

use super::{Scenario, MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS, SCENARIO_VERSION};
use crate::model::error::parse_json;
use crate::model::{InputError, LeverSettings, Model, Plan};

/// The browser-storage key for saved scenarios.
pub const STORAGE_KEY: &str = "pathways.scenarios.v1";
/// Where an unreadable library is copied before anything new is written.
pub const BACKUP_KEY: &str = "pathways.scenarios.unreadable-backup";
/// Most scenarios kept; bounds what a hostile or runaway storage entry can cost.
pub const MAX_SAVED: usize = 200;
const LIBRARY_LIMIT_BYTES: usize = 2 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preset {
    pub id: String,
    pub scenario: Scenario,
}

/// One step of the presentation story: a preset with a title and one sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryStep {
    pub preset: String,
    pub title: String,
    pub sentence: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Presets {
    pub format_version: u32,
    pub presets: Vec<Preset>,
    pub story: Vec<StoryStep>,
}

impl Presets {
    /// The presets shipped with the app (checked by a test).
    pub fn standard() -> Presets {
        parse_json(
            "Presets",
            include_str!("../../static/data/presets.json"),
            256 * 1024,
        )
        .unwrap_or_else(|e: InputError| panic!("shipped presets are invalid: {e}"))
    }

    pub fn get(&self, id: &str) -> Option<&Preset> {
        self.presets.iter().find(|p| p.id == id)
    }

    pub fn get_by_name(&self, name: &str) -> Option<&Preset> {
        self.presets.iter().find(|p| p.scenario.name == name)
    }
}

/// Saved scenarios as stored: `{"version": 1, "scenarios": [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct StoredLibrary {
    version: u32,
    scenarios: Vec<serde_json::Value>,
}

/// What was read from storage.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LoadedLibrary {
    pub scenarios: Vec<Scenario>,
    /// Plain-language notes on anything dropped.
    pub problems: Vec<String>,
    /// True when the stored text could not be read at all (it should be backed up).
    pub unreadable: bool,
    /// Set when any scenario was made for an older model and has been upgraded.
    pub migrated: Option<&'static str>,
}

/// Reads the stored library, keeping every valid scenario and valid lever setting.
pub fn parse_library(text: &str, model: &Model) -> LoadedLibrary {
    let stored: StoredLibrary = match parse_json("Saved scenarios", text, LIBRARY_LIMIT_BYTES) {
        Ok(stored) => stored,
        Err(e) => {
            return LoadedLibrary {
                scenarios: Vec::new(),
                problems: vec![format!("Your saved scenarios could not be read ({e}). A copy was kept in this browser's storage under “{BACKUP_KEY}”.")],
                unreadable: true,
                migrated: None,
            }
        }
    };
    let mut loaded = LoadedLibrary::default();
    for (i, value) in stored.scenarios.into_iter().take(MAX_SAVED).enumerate() {
        let scenario = serde_json::to_string(&value)
            .map_err(|e| InputError::Malformed {
                what: "Saved scenario",
                message: e.to_string(),
            })
            .and_then(|text| Scenario::from_json(&text));
        match scenario {
            Ok(scenario) => {
                loaded.migrated = loaded.migrated.or(scenario.migration_note());
                let (clean, problems) = scenario.sanitized(model);
                loaded.problems.extend(
                    problems
                        .into_iter()
                        .map(|p| format!("Saved scenario “{}”: {p}", clean.name)),
                );
                loaded.scenarios.push(clean);
            }
            Err(e) => loaded
                .problems
                .push(format!("Saved scenario {} was dropped: {e}", i + 1)),
        }
    }
    loaded
}

/// The text to store for `scenarios`.
pub fn serialize_library(scenarios: &[Scenario]) -> String {
    let stored = serde_json::json!({ "version": SCENARIO_VERSION, "scenarios": scenarios });
    stored.to_string()
}

impl Scenario {
    /// This scenario with every lever setting the model rejects removed, and a note for
    /// each removal. Names are trimmed to [`MAX_NAME_CHARS`] characters.
    pub fn sanitized(&self, model: &Model) -> (Scenario, Vec<String>) {
        let mut problems = Vec::new();
        let mut levers = LeverSettings::new();
        for (id, setting) in &self.levers {
            let single: LeverSettings = [(id.clone(), *setting)].into_iter().collect();
            match Plan::resolve(&single, model.catalogue(), model.area()) {
                Ok(_) => {
                    levers.insert(id.clone(), *setting);
                }
                Err(e) => problems.push(format!("dropped {e}")),
            }
        }
        let mut name: String = self.name.trim().chars().take(MAX_NAME_CHARS).collect();
        if name.is_empty() {
            name = "Untitled scenario".to_owned();
        }
        let clean = Scenario {
            version: SCENARIO_VERSION,
            name,
            description: self
                .description
                .chars()
                .take(MAX_DESCRIPTION_CHARS)
                .collect(),
            levers,
            area: self.area.clone(),
            targets: self.targets.clone(),
            actuals: self.actuals.clone(),
        };
        (clean, problems)
    }
}

/// A name not yet used in `existing`: `name`, else `name (2)`, `name (3)`, …
pub fn unique_name(name: &str, existing: &[Scenario]) -> String {
    let taken = |candidate: &str| existing.iter().any(|s| s.name == candidate);
    if !taken(name) {
        return name.to_owned();
    }
    (2..)
        .map(|n| format!("{name} ({n})"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_and_story_are_valid_for_hastings() {
        let model = Model::hastings();
        let presets = Presets::standard();
        assert!(presets.presets.len() >= 4);
        for preset in &presets.presets {
            let (clean, problems) = preset.scenario.sanitized(&model);
            assert!(problems.is_empty(), "{}: {problems:?}", preset.id);
            assert_eq!(clean.levers, preset.scenario.levers);
            assert!(!preset.scenario.description.is_empty());
        }
        for step in &presets.story {
            assert!(presets.get(&step.preset).is_some(), "{}", step.preset);
        }
    }

    #[test]
    fn the_balanced_preset_fits_the_default_budget() {
        let model = Model::hastings();
        let preset = Presets::standard();
        let plan = preset
            .get("balanced_within_budget")
            .unwrap()
            .scenario
            .plan(&model)
            .unwrap();
        let peak = model
            .project(&plan)
            .years
            .iter()
            .map(|y| y.cost_gbp)
            .fold(0.0, f64::max);
        assert!(peak > 0.0 && peak < 2_000_000.0, "peak {peak}");
    }

    #[test]
    fn a_library_keeps_what_is_valid() {
        let model = Model::hastings();
        let text = r#"{"version":1,"scenarios":[
            {"version":1,"name":"Good","levers":{"ey_language":{"reach_share":0.5,"start_year":2018,"ramp_years":1}}},
            {"version":1,"name":"Half good","levers":{
                "ey_language":{"reach_share":0.5,"start_year":2018,"ramp_years":1},
                "ey_language_typo":{"reach_share":0.5,"start_year":2018,"ramp_years":1}}},
            {"nonsense":true},
            {"version":99,"name":"Future"}
        ]}"#;
        let loaded = parse_library(text, &model);
        assert!(!loaded.unreadable);
        let names: Vec<&str> = loaded.scenarios.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Good", "Half good"]);
        assert_eq!(loaded.scenarios[1].levers.len(), 1);
        assert_eq!(loaded.problems.len(), 3, "{:?}", loaded.problems);
        assert!(loaded.problems[0].contains("ey_language_typo"));
    }

    #[test]
    fn an_unreadable_library_is_flagged_not_lost() {
        let loaded = parse_library("{not json", &Model::hastings());
        assert!(loaded.unreadable && loaded.scenarios.is_empty());
        assert!(loaded.problems[0].contains(BACKUP_KEY));
    }

    #[test]
    fn saved_libraries_round_trip() {
        let model = Model::hastings();
        let scenarios: Vec<Scenario> = Presets::standard()
            .presets
            .into_iter()
            .map(|p| p.scenario)
            .collect();
        let loaded = parse_library(&serialize_library(&scenarios), &model);
        assert_eq!(loaded.scenarios, scenarios);
        assert!(loaded.problems.is_empty());
        assert!(loaded.migrated.is_none());
    }

    #[test]
    fn version_one_libraries_are_kept_and_flagged_as_migrated() {
        let text = r#"{"version":1,"scenarios":[
            {"version":1,"name":"Old plan","levers":{"ey_language":{"reach_share":0.5,"start_year":2018,"ramp_years":1}}}]}"#;
        let loaded = parse_library(text, &Model::hastings());
        assert_eq!(loaded.scenarios.len(), 1);
        assert_eq!(loaded.scenarios[0].version, SCENARIO_VERSION);
        assert_eq!(loaded.scenarios[0].levers["ey_language"].reach_share, 0.5);
        assert_eq!(loaded.migrated, Some(crate::scenario::MODEL_REVISION_NOTE));
    }

    #[test]
    fn unique_names_count_up() {
        let existing = vec![
            Scenario {
                name: "Plan".into(),
                ..Scenario::baseline()
            },
            Scenario {
                name: "Plan (2)".into(),
                ..Scenario::baseline()
            },
        ];
        assert_eq!(unique_name("Plan", &existing), "Plan (3)");
        assert_eq!(unique_name("Other", &existing), "Other");
    }
}
