//! Saved scenarios in the browser's localStorage: read once at start, written whenever
//! they change. Storage can be blocked, full or hold anything at all, so every step can
//! fail, and each failure becomes a message in the page instead of a panic or lost work.
//! (web-sys is used directly: gloo-storage's `raw()` panics when storage is blocked.)

use web_sys::Storage;
use yew::prelude::*;

use crate::app::state::{
    Action, BoardAction, LibraryAction, LibraryStorage, Notice, PageAction, State,
};
use crate::app::view_model::Shared;
use crate::scenario::echo;
use crate::scenario::library::{
    backup_slot, parse_library, serialize_library, BACKUP_KEY, BACKUP_SLOTS, STORAGE_KEY,
};
use crate::scenario::target::{
    parse_actuals, serialize_actuals, ACTUALS_BACKUP_KEY, ACTUALS_STORAGE_KEY,
};

pub(crate) fn local_storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn error(text: impl Into<String>) -> Action {
    Action::Page(PageAction::Notify(Notice {
        error: true,
        text: text.into(),
    }))
}

/// Copies `text` to a backup slot of its own under `base` (`library::backup_slot`) and
/// returns the slot's key; `None` when no slot is free or the copy could not be written.
fn back_up(storage: &Storage, base: &str, text: &str) -> Option<String> {
    backup_slot(base, text, |key| storage.get_item(key).ok().flatten())
        .filter(|key| storage.set_item(key, text).is_ok())
}

/// Reads the saved library once, at start, and hands the store what it may show and
/// whether it may write: every problem named, anything lossy backed up first. Returns the
/// stored entries past the listed ones, to be written back after them.
fn load_library(state: &UseReducerHandle<State>) -> Vec<serde_json::Value> {
    let Some(storage) = local_storage() else {
        state.dispatch(error("This browser blocks local storage, so scenarios cannot be saved here. Everything else works; use Export to keep scenarios as files."));
        state.dispatch(Action::Library(LibraryAction::Blocked));
        return Vec::new();
    };
    let text = match storage.get_item(STORAGE_KEY) {
        Ok(Some(text)) => text,
        Ok(None) => {
            state.dispatch(Action::Library(LibraryAction::Loaded(Vec::new())));
            return Vec::new();
        }
        Err(_) => {
            state.dispatch(error(
                "Saved scenarios could not be read from this browser's storage, so nothing can be saved here. Use Export to keep scenarios as files.",
            ));
            state.dispatch(Action::Library(LibraryAction::Blocked));
            return Vec::new();
        }
    };
    let loaded = parse_library(&text, &state.model);
    // Anything dropped, shortened or unreadable is copied, as it was stored, to a
    // backup slot of its own before the cleaned list can be written over it.
    let lossy = loaded.unreadable || !loaded.problems.is_empty();
    let backed_up = lossy.then(|| back_up(&storage, BACKUP_KEY, &text));
    for problem in &loaded.problems {
        state.dispatch(error(problem.clone()));
    }
    if let Some(note) = loaded.migrated {
        state.dispatch(Action::Page(PageAction::Notify(Notice {
            error: false,
            text: format!("Your saved scenarios have been upgraded to this version. {note}"),
        })));
    }
    match backed_up {
        Some(Some(key)) => state.dispatch(Action::Page(PageAction::Notify(Notice {
            error: false,
            text: format!("The saved scenarios as they were stored are kept in this browser's storage under “{key}”: download it from “Backups kept in this browser”, under Scenarios."),
        }))),
        Some(None) => {
            // Without a backup, writing would destroy the only copy: list what
            // could be read, and write nothing.
            state.dispatch(error(format!("Pathways had to leave out or shorten some of the saved scenarios above to read them, and could not first keep a copy of them as stored (storage is full, or all {BACKUP_SLOTS} backup copies are in use: see “Backups kept in this browser” under Scenarios to download or delete them). So it will not save over them: what it read is listed, and nothing in this browser's storage changes. Use Export to keep new scenarios as files.")));
            state.dispatch(Action::Library(LibraryAction::LoadedReadOnly(loaded.scenarios)));
            return Vec::new();
        }
        None => {}
    }
    if let Some(note) = loaded.overflow_note() {
        state.dispatch(Action::Page(PageAction::Notify(Notice {
            error: false,
            text: note,
        })));
    }
    state.dispatch(Action::Library(LibraryAction::Loaded(loaded.scenarios)));
    loaded.overflow
}

#[hook]
pub fn use_scenario_storage(state: &UseReducerHandle<State>) {
    // Stored entries past the ones listed (LoadedLibrary::overflow), written back after
    // them so a library over the limit is never cut.
    let overflow = use_mut_ref(Vec::<serde_json::Value>::new);
    {
        let (state, overflow) = (state.clone(), overflow.clone());
        use_effect_with((), move |_| {
            *overflow.borrow_mut() = load_library(&state);
        });
    }

    let confirmed_saves = use_mut_ref(|| 0u64);
    let dispatcher = state.dispatcher();
    let name = state.plan.name.clone();
    use_effect_with(
        // By pointer: the list is replaced whenever it changes.
        (
            state.library.saved.clone().map(Shared::from_rc),
            state.library.save_count,
            state.library.storage,
        ),
        move |(saved, save_count, storage)| {
            let Some(saved) = saved else { return };
            if *storage != LibraryStorage::Writable {
                return;
            }
            let scenarios: Vec<_> = saved.iter().map(|l| l.scenario.clone()).collect();
            let text = serialize_library(&scenarios, &overflow.borrow());
            let written = text.is_some_and(|text| {
                local_storage().is_some_and(|s| s.set_item(STORAGE_KEY, &text).is_ok())
            });
            if !written {
                dispatcher.dispatch(error("Could not save to this browser's storage: it is full or blocked. Your scenarios are still open in this page; use Export to keep them as files."));
            } else if *save_count > *confirmed_saves.borrow() {
                // Confirm a Save only once it is really written.
                dispatcher.dispatch(Action::Page(PageAction::Notify(Notice {
                    error: false,
                    text: format!("Saved “{}” in this browser.", echo(&name)),
                })));
            }
            *confirmed_saves.borrow_mut() = *save_count;
        },
    );
}

/// The results a board entered, kept in this browser between visits: read once at start,
/// written whenever they change (never before they have been read). Unreadable stored
/// results are copied aside before anything is written over them.
#[hook]
pub fn use_actuals_storage(state: &UseReducerHandle<State>) {
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let Some(storage) = local_storage() else {
                // Said once, by the scenario store; results then live in saved files only.
                state.dispatch(Action::Board(BoardAction::ActualsLoaded(Vec::new())));
                return;
            };
            let stored = match storage.get_item(ACTUALS_STORAGE_KEY) {
                Ok(Some(text)) => match parse_actuals(&text) {
                    Ok(actuals) => actuals,
                    Err(e) => {
                        // Each unreadable store gets a slot of its own, as saved scenarios do.
                        let Some(slot) = back_up(&storage, ACTUALS_BACKUP_KEY, &text) else {
                            state.dispatch(error(format!("The results stored in this browser could not be read ({e}) nor copied aside, so Pathways will not store results here this time. Save or export the scenario to keep new ones.")));
                            return;
                        };
                        state.dispatch(error(format!("The results stored in this browser could not be read ({e}); a copy was kept under “{slot}” and the list starts empty.")));
                        Vec::new()
                    }
                },
                _ => Vec::new(),
            };
            state.dispatch(Action::Board(BoardAction::ActualsLoaded(stored)));
        });
    }
    let dispatcher = state.dispatcher();
    use_effect_with(
        (state.board.actuals.clone(), state.board.actuals_loaded),
        move |(actuals, loaded)| {
            if !*loaded {
                return;
            }
            let written = local_storage().is_some_and(|s| {
                s.set_item(ACTUALS_STORAGE_KEY, &serialize_actuals(actuals))
                    .is_ok()
            });
            if !written && !actuals.is_empty() {
                dispatcher.dispatch(error("Your results could not be stored in this browser: it is full or blocked. They are still on this page; Save or Export the scenario to keep them."));
            }
        },
    );
}
