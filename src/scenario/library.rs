//! Scenario collections: the presets shipped with the app (and the presentation story
//! told with them), and the user's saved scenarios as kept in browser storage.
//!
//! Reading saved scenarios is lenient: whatever is valid is kept and every dropped piece
//! is reported, so a corrupt or old entry never costs the user the rest of their work.

use serde::{Deserialize, Serialize};

use super::target::year_outside;
use super::{without_hidden, Scenario, MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS, SCENARIO_VERSION};
use crate::model::error::parse_json;
use crate::model::plan::{ended_before, started_within};
use crate::model::{InputError, LeverSettings, Model, Plan};

/// The browser-storage key for saved scenarios.
pub const STORAGE_KEY: &str = "pathways.scenarios.v1";
/// Where an unreadable library is copied before anything new is written: this key for
/// the first copy, then `…-backup.2`, `…-backup.3`, … so one copy never replaces another.
pub const BACKUP_KEY: &str = "pathways.scenarios.unreadable-backup";
/// Backup copies kept at most; with every slot taken, the library is not written over.
pub const BACKUP_SLOTS: usize = 10;
/// Most scenarios listed; bounds what a hostile or runaway storage entry can cost. A
/// stored library with more keeps the rest as they are (see [`LoadedLibrary::overflow`]).
pub const MAX_SAVED: usize = 200;
/// Larger than any browser lets one site store (about 5 MB), so whatever could be stored
/// can be read back.
const LIBRARY_LIMIT_BYTES: usize = 8 * 1024 * 1024;

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
    /// Stored entries past the first [`MAX_SAVED`], unread and unlisted: written back after
    /// the listed ones, so they are never lost.
    pub overflow: Vec<serde_json::Value>,
}

impl LoadedLibrary {
    /// What to tell the user when some stored scenarios are not listed.
    pub fn overflow_note(&self) -> Option<String> {
        let unlisted = self.overflow.len();
        (unlisted > 0).then(|| format!(
            "This browser holds {} saved scenarios; Pathways lists the first {MAX_SAVED} and keeps the other {unlisted} stored as they are. Delete some you no longer need and reload the page to see the rest.",
            MAX_SAVED + unlisted
        ))
    }
}

/// Reads the stored library, keeping every valid scenario and valid lever setting.
pub fn parse_library(text: &str, model: &Model) -> LoadedLibrary {
    let stored: StoredLibrary = match parse_json("Saved scenarios", text, LIBRARY_LIMIT_BYTES) {
        Ok(stored) => stored,
        Err(e) => {
            return LoadedLibrary {
                scenarios: Vec::new(),
                problems: vec![format!("Your saved scenarios could not be read ({e}).")],
                unreadable: true,
                migrated: None,
                overflow: Vec::new(),
            }
        }
    };
    let mut loaded = LoadedLibrary::default();
    let mut entries = stored.scenarios;
    loaded.overflow = entries.split_off(entries.len().min(MAX_SAVED));
    for (i, value) in entries.into_iter().enumerate() {
        let scenario = serde_json::to_string(&value)
            .map_err(|e| InputError::Malformed {
                what: "Saved scenario",
                message: e.to_string(),
            })
            .and_then(|text| Scenario::from_json(&text));
        match scenario {
            Ok(scenario) => {
                loaded.migrated = loaded.migrated.or(scenario.migration_note());
                let (clean, problems) = scenario.kept_in_library(model);
                loaded.problems.extend(
                    problems
                        .into_iter()
                        .map(|p| format!("Saved scenario “{}”: {p}", super::echo(&clean.name))),
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

/// The text to store for `scenarios`, followed by the entries that were stored beyond
/// the listed ones, unchanged. `None` if a scenario cannot be written (it is plain data
/// with string keys, so this does not happen), which the caller treats as a failed write
/// rather than storing a damaged library.
pub fn serialize_library(scenarios: &[Scenario], overflow: &[serde_json::Value]) -> Option<String> {
    let mut entries = scenarios
        .iter()
        .map(serde_json::to_string)
        .collect::<Result<Vec<String>, _>>()
        .ok()?;
    entries.extend(overflow.iter().map(|v| v.to_string()));
    Some(format!(
        r#"{{"version":{SCENARIO_VERSION},"scenarios":[{}]}}"#,
        entries.join(",")
    ))
}

/// The storage key of backup slot `n` (from 1) of the store backed up under `base`.
pub fn backup_key(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_owned()
    } else {
        format!("{base}.{n}")
    }
}

/// Where to keep a copy of `text` before a lossy read is written over, among the slots
/// under `base` ([`BACKUP_KEY`] for saved scenarios): the slot that already holds this very
/// text (a reload of the same library makes no second copy), else the first empty slot.
/// `None` when every slot holds another copy.
pub fn backup_slot(
    base: &str,
    text: &str,
    stored: impl Fn(&str) -> Option<String>,
) -> Option<String> {
    let keys: Vec<String> = (1..=BACKUP_SLOTS).map(|n| backup_key(base, n)).collect();
    let contents: Vec<Option<String>> = keys.iter().map(|key| stored(key)).collect();
    keys.iter()
        .zip(&contents)
        .find(|(_, held)| held.as_deref() == Some(text))
        .or_else(|| keys.iter().zip(&contents).find(|(_, held)| held.is_none()))
        .map(|(key, _)| key.clone())
}

impl Scenario {
    /// This scenario as the page keeps it, with a note for every change: lever settings
    /// the model rejects and targets outside the projection's years are removed; control
    /// and text-direction characters are taken out of the name and description, and both
    /// are cut to [`MAX_NAME_CHARS`] and [`MAX_DESCRIPTION_CHARS`] characters.
    pub fn sanitized(&self, model: &Model) -> (Scenario, Vec<String>) {
        self.kept(model, true)
    }

    /// [`Scenario::sanitized`] as a saved library is read: targets are kept whatever their
    /// year, since a scenario saved for another area's years is checked when it is opened,
    /// and the stored copy must not lose them.
    fn kept_in_library(&self, model: &Model) -> (Scenario, Vec<String>) {
        self.kept(model, false)
    }

    fn kept(&self, model: &Model, check_target_years: bool) -> (Scenario, Vec<String>) {
        let mut problems = Vec::new();
        let mut levers = LeverSettings::new();
        // A lever that starts before this projection's base year starts the year after
        // it when the scenario is opened (and that is said); a library as stored keeps its
        // own years, checked the same way, so that opening it later elsewhere loses nothing.
        let opening = check_target_years;
        let (started, moved) = started_within(&self.levers, model.area());
        if opening {
            for moved in &moved {
                let (id, from, to) = moved;
                problems.push(if ended_before(moved) {
                    let end = self.levers.get(id).and_then(|s| s.end_year).unwrap_or(*from);
                    format!(
                        "{id} ran {from} to {end}, before this projection's base year ({}), whose figures already hold its results, so it is left out",
                        model.area().base_year
                    )
                } else {
                    format!(
                        "{id} started in {from}, before this projection's first year ({}), so it now starts in {to}",
                        model.area().base_year
                    )
                });
            }
        }
        for (id, setting) in &self.levers {
            if opening && !started.contains_key(id) {
                continue;
            }
            let tested = started.get(id).copied().unwrap_or(*setting);
            let single: LeverSettings = [(id.clone(), tested)].into_iter().collect();
            match Plan::resolve(&single, model.catalogue(), model.area()) {
                Ok(_) => {
                    levers.insert(id.clone(), if opening { tested } else { *setting });
                }
                Err(e) => problems.push(format!("dropped {e}")),
            }
        }
        let mut name = kept_text(
            "name",
            self.name.trim(),
            false,
            MAX_NAME_CHARS,
            &mut problems,
        );
        name = name.trim().to_owned();
        if name.is_empty() {
            name = "Untitled scenario".to_owned();
        }
        let description = kept_text(
            "description",
            &self.description,
            true,
            MAX_DESCRIPTION_CHARS,
            &mut problems,
        );
        let years = model.area().years();
        let mut targets = self.targets.clone();
        targets.retain(|target| {
            let inside = !check_target_years || years.contains(&target.year);
            if !inside {
                problems.push(format!(
                    "the target {target} was dropped: {}",
                    year_outside(target.year, &years)
                ));
            }
            inside
        });
        let clean = Scenario {
            version: SCENARIO_VERSION,
            name,
            description,
            levers,
            area: self.area.clone(),
            targets,
            actuals: self.actuals.clone(),
            fsm_break: self.fsm_break,
        };
        (clean, problems)
    }
}

/// `text` as kept for a scenario's `field`: without hidden characters and at most `limit`
/// characters long, with a note in `problems` for each change.
fn kept_text(
    field: &str,
    text: &str,
    keep_lines: bool,
    limit: usize,
    problems: &mut Vec<String>,
) -> String {
    let (mut kept, removed) = without_hidden(text, keep_lines);
    if removed > 0 {
        problems.push(format!(
            "its {field} held {removed} control or text-direction character{}, removed so that it reads as it is",
            if removed == 1 { "" } else { "s" }
        ));
    }
    let length = kept.chars().count();
    if length > limit {
        kept = kept.chars().take(limit).collect();
        problems.push(format!(
            "its {field} had {length} characters, more than the {limit} kept, so it was shortened"
        ));
    }
    kept
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
        assert!(loaded.problems[0].contains("could not be read"));
    }

    fn stored_library(count: usize) -> String {
        let entries: Vec<String> = (1..=count)
            .map(|n| format!(r#"{{"version":2,"name":"Number {n}"}}"#))
            .collect();
        format!(r#"{{"version":2,"scenarios":[{}]}}"#, entries.join(","))
    }

    #[test]
    fn a_library_over_the_limit_is_written_back_whole() {
        // Issue 18, item 2: 250 stored scenarios were cut to 200 when the list was written.
        let model = Model::hastings();
        let loaded = parse_library(&stored_library(250), &model);
        assert_eq!(loaded.scenarios.len(), MAX_SAVED);
        assert_eq!(loaded.overflow.len(), 50);
        assert!(loaded.problems.is_empty());
        let note = loaded.overflow_note().unwrap();
        assert!(
            note.contains("250 saved scenarios") && note.contains("other 50"),
            "{note}"
        );
        let written = serialize_library(&loaded.scenarios, &loaded.overflow).unwrap();
        let again: serde_json::Value = serde_json::from_str(&written).unwrap();
        let names: Vec<&str> = again["scenarios"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap())
            .collect();
        assert_eq!(names.len(), 250);
        assert_eq!(
            (names[0], names[199], names[249]),
            ("Number 1", "Number 200", "Number 250")
        );
        assert!(parse_library(&stored_library(200), &model)
            .overflow_note()
            .is_none());
    }

    #[test]
    fn each_unreadable_library_gets_a_backup_slot_of_its_own() {
        // Issue 18, item 6: a second unreadable library replaced the backup of the first.
        let mut storage = std::collections::HashMap::<String, String>::new();
        let back_up = |text: &str, storage: &mut std::collections::HashMap<String, String>| {
            let key = backup_slot(BACKUP_KEY, text, |k| storage.get(k).cloned());
            if let Some(key) = &key {
                storage.insert(key.clone(), text.to_owned());
            }
            key
        };
        assert_eq!(back_up("{first", &mut storage).as_deref(), Some(BACKUP_KEY));
        let second = format!("{BACKUP_KEY}.2");
        assert_eq!(back_up("{second", &mut storage), Some(second.clone()));
        // The same text again (a reload before anything was fixed) makes no new copy.
        assert_eq!(back_up("{second", &mut storage), Some(second));
        assert_eq!(storage[BACKUP_KEY], "{first");
        for n in 3..=BACKUP_SLOTS {
            assert_eq!(
                back_up(&format!("{{copy {n}"), &mut storage),
                Some(backup_key(BACKUP_KEY, n))
            );
        }
        // Every slot holds another copy: none is written over.
        assert_eq!(back_up("{one too many", &mut storage), None);
        assert_eq!(storage.len(), BACKUP_SLOTS);
    }

    #[test]
    fn shortened_names_and_descriptions_are_said() {
        // Issue 18, item 7: a 300-character name became 80 characters in silence.
        let text = format!(
            r#"{{"version":2,"scenarios":[{{"version":2,"name":"{}","description":"{}"}}]}}"#,
            "n".repeat(300),
            "d".repeat(5000)
        );
        let loaded = parse_library(&text, &Model::hastings());
        assert_eq!(loaded.scenarios[0].name.chars().count(), 80);
        assert_eq!(loaded.scenarios[0].description.chars().count(), 400);
        let problems = loaded.problems.join(" | ");
        assert!(
            problems.contains("its name had 300 characters, more than the 80 kept"),
            "{problems}"
        );
        assert!(
            problems.contains("its description had 5000 characters, more than the 400 kept"),
            "{problems}"
        );
    }

    #[test]
    fn control_and_direction_characters_are_taken_out_of_names() {
        // Issue 18, item 8: "abc\u{202E}evil\u{202C}\u{7}" shows as "abclive" in a list.
        let scenario = Scenario {
            name: "abc\u{202E}evil\u{202C}\u{7}".into(),
            description: "line one\nline\u{0}two".into(),
            ..Scenario::baseline()
        };
        let (clean, problems) = scenario.sanitized(&Model::hastings());
        assert_eq!(clean.name, "abcevil");
        assert_eq!(clean.description, "line one\nlinetwo");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("its name held 3 control or text-direction characters"));
        assert!(problems[1].contains("its description held 1 control or text-direction character,"));
    }

    #[test]
    fn targets_outside_the_projection_are_dropped_by_name() {
        // Issue 18, item 3: a target for 2090 was kept and its chance never came.
        let scenario = Scenario {
            targets: vec![
                "fsm_ks4=35@2090".parse().unwrap(),
                "fsm_ks2=40@2030".parse().unwrap(),
            ],
            ..Scenario::baseline()
        };
        let (clean, problems) = scenario.sanitized(&Model::hastings());
        assert_eq!(clean.targets, vec!["fsm_ks2=40@2030".parse().unwrap()]);
        assert_eq!(
            problems,
            ["the target fsm_ks4=35@2090 was dropped: 2090 is outside the projection's years, 2017 to 2035"]
        );
    }

    #[test]
    fn saved_libraries_round_trip() {
        let model = Model::hastings();
        let scenarios: Vec<Scenario> = Presets::standard()
            .presets
            .into_iter()
            .map(|p| p.scenario)
            .collect();
        let loaded = parse_library(&serialize_library(&scenarios, &[]).unwrap(), &model);
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
