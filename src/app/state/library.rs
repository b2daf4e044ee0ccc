//! The scenario library: the presets, the scenarios saved in this browser, and those
//! drawn beside the current one.

use std::rc::Rc;

use crate::model::Model;
use crate::scenario::library::{unique_name, Presets, MAX_SAVED};
use crate::scenario::{echo, without_hidden, Scenario, MAX_NAME_CHARS};

use super::page::Notices;

/// Most scenarios shown together in compare mode (besides the current one).
pub const MAX_COMPARED: usize = 3;

/// A listed scenario's identity on this page: it survives renames and is never reused,
/// so actions and the compare list never confuse two scenarios that shared a name.
/// Presets take the first ids, in their order; saved scenarios the ones after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScenarioId(pub u64);

impl ScenarioId {
    /// The id of the preset at `index` in the presets' order.
    pub fn preset(index: usize) -> ScenarioId {
        ScenarioId(index as u64)
    }
}

/// A scenario in the library (a preset or a saved one) or the compare list, with its id.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub id: ScenarioId,
    pub scenario: Scenario,
}

/// Whether saved scenarios can be written to this browser's storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LibraryStorage {
    /// Not read yet: nothing may be written over it.
    Loading,
    Writable,
    /// Storage is blocked or cannot be read: nothing can be saved in this browser.
    Blocked,
    /// Read, but part of it could not be kept nor backed up: what was read is listed,
    /// and nothing is written over the stored copy.
    ReadOnly,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LibraryState {
    pub presets: Rc<Presets>,
    /// Saved scenarios; `None` until storage has been read, so nothing overwrites it first.
    /// Shared, so that copying the state for an action copies a pointer, and views can
    /// tell by the pointer whether the list changed.
    pub saved: Option<Rc<Vec<Listed>>>,
    /// Other scenarios drawn on the charts beside the current one (as they were when
    /// ticked, checked against the area), by the id of their library entry.
    pub compare: Rc<Vec<Listed>>,
    /// The id the next saved scenario gets.
    pub next_id: u64,
    /// Counts Save presses, so the storage hook can confirm each save once it is written.
    pub save_count: u64,
    /// Whether the saved list may be written to this browser's storage.
    pub storage: LibraryStorage,
}

pub enum LibraryAction {
    Rename {
        id: ScenarioId,
        to: String,
    },
    Duplicate(ScenarioId),
    Delete(ScenarioId),
    /// Saved scenarios read from storage, which may be written from now on.
    Loaded(Vec<Scenario>),
    /// Saved scenarios read from storage that must not be written over.
    LoadedReadOnly(Vec<Scenario>),
    /// This browser's storage cannot be used.
    Blocked,
    /// Draw a preset or saved scenario beside the current one, or stop drawing it.
    ToggleCompare(ScenarioId),
}

impl Default for LibraryState {
    fn default() -> Self {
        let presets = Presets::standard();
        LibraryState {
            next_id: presets.presets.len() as u64,
            presets: Rc::new(presets),
            saved: None,
            compare: Rc::new(Vec::new()),
            save_count: 0,
            storage: LibraryStorage::Loading,
        }
    }
}

impl LibraryState {
    /// `model`: the figures compared scenarios are checked against.
    pub fn apply(&mut self, action: LibraryAction, model: &Model, notices: &mut Notices) {
        match action {
            // The saved list's lock is said by `unless_locked`; nothing else comes back.
            LibraryAction::Rename { id, to } => {
                let _ = self.unless_locked(notices, |l, notices| l.rename(id, &to, model, notices));
            }
            LibraryAction::Duplicate(id) => {
                let _ = self.unless_locked(notices, |l, notices| l.duplicate(id, model, notices));
            }
            LibraryAction::Delete(id) => {
                let _ = self.unless_locked(notices, |l, _| l.delete(id, model));
            }
            LibraryAction::Loaded(scenarios) => self.read(scenarios, LibraryStorage::Writable),
            LibraryAction::LoadedReadOnly(scenarios) => {
                self.read(scenarios, LibraryStorage::ReadOnly)
            }
            LibraryAction::Blocked => self.read(Vec::new(), LibraryStorage::Blocked),
            LibraryAction::ToggleCompare(id) => self.toggle_compare(id, model, notices),
        }
    }

    /// The presets, with their ids (the first ids, in order).
    pub fn presets_listed(&self) -> impl Iterator<Item = (ScenarioId, &Scenario)> {
        (0..)
            .map(ScenarioId::preset)
            .zip(self.presets.presets.iter().map(|p| &p.scenario))
    }

    /// The saved scenarios (none before storage has been read).
    pub fn saved_listed(&self) -> impl Iterator<Item = &Listed> {
        self.saved.iter().flat_map(|saved| saved.iter())
    }

    /// The preset or saved scenario with this id.
    pub fn listed(&self, id: ScenarioId) -> Option<&Scenario> {
        self.presets_listed()
            .find(|(i, _)| *i == id)
            .map(|(_, s)| s)
            .or_else(|| {
                self.saved_listed()
                    .find(|l| l.id == id)
                    .map(|l| &l.scenario)
            })
    }

    /// Whether a listed scenario is drawn beside the current one.
    pub fn is_compared(&self, id: ScenarioId) -> bool {
        self.compare.iter().any(|l| l.id == id)
    }

    /// Save `scenario`, replacing a saved one of its name; its name becomes free of the
    /// presets' first. The name it was saved under, or `None` (and said) when the list
    /// cannot change or has no room.
    pub fn save(
        &mut self,
        scenario: Scenario,
        model: &Model,
        notices: &mut Notices,
    ) -> Option<String> {
        self.unless_locked(notices, |l, notices| {
            l.save_unlocked(scenario, model, notices)
        })
        .flatten()
    }

    fn save_unlocked(
        &mut self,
        mut scenario: Scenario,
        model: &Model,
        notices: &mut Notices,
    ) -> Option<String> {
        // Saved names never repeat a preset's, so the list never shows two
        // scenarios under one name; a preset saved after edits becomes "Name (2)".
        if self.presets.get_by_name(&scenario.name).is_some() {
            scenario.name = free_name(&scenario.name, &self.reserved_names(None));
        }
        let replaces = self
            .saved_listed()
            .any(|l| l.scenario.name == scenario.name);
        if !replaces {
            if let Some(full) = self.full(&scenario.name, "saved") {
                notices.push(true, full);
                return None;
            }
        }
        let saved_name = scenario.name.clone();
        self.change_saved(model, |saved, next_id| {
            match saved.iter_mut().find(|l| l.scenario.name == scenario.name) {
                Some(existing) => existing.scenario = scenario,
                None => saved.push(Listed {
                    id: take_id(next_id),
                    scenario,
                }),
            }
        });
        // The storage hook confirms the save once it is really written.
        self.save_count += 1;
        Some(saved_name)
    }

    /// Compared scenarios checked again against new figures, as they were against the
    /// old; each problem is said.
    pub fn recheck_compared(&mut self, model: &Model, notices: &mut Notices) {
        let mut compare = Vec::with_capacity(self.compare.len());
        for listed in self.compare.iter() {
            let (clean, problems) = listed.scenario.sanitized(model);
            for problem in problems {
                notices.push(
                    true,
                    format!(
                        "Compared scenario “{}”: with the new area data, {problem}",
                        clean.name
                    ),
                );
            }
            compare.push(Listed {
                id: listed.id,
                scenario: clean,
            });
        }
        self.compare = Rc::new(compare);
    }

    /// Why the saved list cannot change now, if it cannot: it is still being read, or this
    /// browser's storage cannot be written.
    fn locked(&self) -> Option<&'static str> {
        match self.storage {
            LibraryStorage::Writable => None,
            LibraryStorage::Loading => {
                Some("Saved scenarios are still loading; try again in a moment.")
            }
            LibraryStorage::Blocked => Some("Nothing can be saved in this browser: its storage is blocked or cannot be read. Use Export to keep this scenario as a file."),
            LibraryStorage::ReadOnly => Some("The saved scenarios in this browser are not changed: some of them could not be read nor backed up, and writing would destroy them. Use Export to keep this scenario as a file; the saved ones can still be opened."),
        }
    }

    /// `change` applied to the saved list, or, while the list cannot change, the reason
    /// said and `None`.
    fn unless_locked<R>(
        &mut self,
        notices: &mut Notices,
        change: impl FnOnce(&mut LibraryState, &mut Notices) -> R,
    ) -> Option<R> {
        match self.locked() {
            Some(why) => {
                notices.push(true, why);
                None
            }
            None => Some(change(self, notices)),
        }
    }

    /// The message when the saved list has no room for one more scenario.
    fn full(&self, name: &str, verb: &str) -> Option<String> {
        let count = self.saved.as_ref().map_or(0, |saved| saved.len());
        (count >= MAX_SAVED).then(|| format!(
            "“{}” was not {verb}: the list already holds {MAX_SAVED} saved scenarios, the most Pathways keeps in it. Delete one you no longer need (export it first to keep a copy), then try again.",
            echo(name)
        ))
    }

    fn rename(&mut self, id: ScenarioId, to: &str, model: &Model, notices: &mut Notices) {
        let (to, _) = without_hidden(to, false);
        let to: String = to.trim().chars().take(MAX_NAME_CHARS).collect();
        if to.is_empty() {
            notices.push(true, "A scenario needs a name; the name is unchanged.");
            return;
        }
        let unique = free_name(&to, &self.reserved_names(Some(id)));
        self.change_saved(model, |saved, _| {
            if let Some(l) = saved.iter_mut().find(|l| l.id == id) {
                l.scenario.name = unique;
            }
        });
    }

    /// A copy of a saved scenario under a free name, when the list has room.
    fn duplicate(&mut self, id: ScenarioId, model: &Model, notices: &mut Notices) {
        let Some(original) = self
            .saved_listed()
            .find(|l| l.id == id)
            .map(|l| l.scenario.clone())
        else {
            return;
        };
        if let Some(full) = self.full(&original.name, "duplicated") {
            notices.push(true, full);
            return;
        }
        let name = free_name(
            &format!("{} copy", original.name),
            &self.reserved_names(None),
        );
        self.change_saved(model, |saved, next_id| {
            saved.push(Listed {
                id: take_id(next_id),
                scenario: Scenario { name, ..original },
            });
        });
    }

    fn delete(&mut self, id: ScenarioId, model: &Model) {
        self.change_saved(model, |saved, _| saved.retain(|l| l.id != id));
    }

    /// The library read from storage (names made unique), and what may be done with it.
    fn read(&mut self, scenarios: Vec<Scenario>, storage: LibraryStorage) {
        // Names tell saved scenarios apart in the list: one stored twice (or under a
        // preset's name, e.g. by another version) is read under a free name.
        let mut taken: Vec<Scenario> = self
            .presets
            .presets
            .iter()
            .map(|p| p.scenario.clone())
            .collect();
        // The storage hook reads at most MAX_SAVED and keeps the rest stored as they are.
        let mut saved = Vec::with_capacity(scenarios.len().min(MAX_SAVED));
        for mut scenario in scenarios.into_iter().take(MAX_SAVED) {
            scenario.name = free_name(&scenario.name, &taken);
            taken.push(scenario.clone());
            saved.push(Listed {
                id: take_id(&mut self.next_id),
                scenario,
            });
        }
        self.saved = Some(Rc::new(saved));
        self.storage = storage;
    }

    fn toggle_compare(&mut self, id: ScenarioId, model: &Model, notices: &mut Notices) {
        if self.is_compared(id) {
            Rc::make_mut(&mut self.compare).retain(|l| l.id != id);
            return;
        }
        let Some(scenario) = self.listed(id) else {
            return;
        };
        if self.compare.len() >= MAX_COMPARED {
            notices.push(true, format!("At most {MAX_COMPARED} scenarios can be compared with the current one; untick one first."));
            return;
        }
        let scenario = scenario.sanitized(model).0;
        Rc::make_mut(&mut self.compare).push(Listed { id, scenario });
    }

    /// Every scenario name in use, presets and saved, except `except`'s, for picking
    /// unique names.
    fn reserved_names(&self, except: Option<ScenarioId>) -> Vec<Scenario> {
        self.presets
            .presets
            .iter()
            .map(|p| p.scenario.clone())
            .chain(
                self.saved_listed()
                    .filter(|l| Some(l.id) != except)
                    .map(|l| l.scenario.clone()),
            )
            .collect()
    }

    /// The saved list changed (a no-op before storage has been read). A compared saved
    /// scenario follows its entry: renamed or replaced with it, dropped with it.
    fn change_saved(&mut self, model: &Model, change: impl FnOnce(&mut Vec<Listed>, &mut u64)) {
        let Some(saved) = self.saved.as_mut() else {
            return;
        };
        let list = Rc::make_mut(saved);
        change(list, &mut self.next_id);
        let presets = self.presets.presets.len() as u64;
        let compare: Vec<Listed> = self
            .compare
            .iter()
            .filter_map(|c| {
                if c.id.0 < presets {
                    return Some(c.clone());
                }
                let entry = list.iter().find(|l| l.id == c.id)?;
                Some(Listed {
                    id: c.id,
                    scenario: entry.scenario.sanitized(model).0,
                })
            })
            .collect();
        if compare != *self.compare {
            self.compare = Rc::new(compare);
        }
    }
}

/// A fresh id for a saved scenario.
fn take_id(next_id: &mut u64) -> ScenarioId {
    let id = ScenarioId(*next_id);
    *next_id += 1;
    id
}

/// `name`, or the first free `name (2)`, `name (3)`, … among `taken`, shortened so the
/// result still fits [`MAX_NAME_CHARS`] (a longer one would be cut on reading back and
/// could then repeat another's name).
fn free_name(name: &str, taken: &[Scenario]) -> String {
    let chars: Vec<char> = name.chars().collect();
    (0..=chars.len().min(MAX_NAME_CHARS))
        .rev()
        .map(|keep| unique_name(&chars[..keep].iter().collect::<String>(), taken))
        .find(|candidate| candidate.chars().count() <= MAX_NAME_CHARS)
        .unwrap_or_default()
}
