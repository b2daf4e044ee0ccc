//! The copies Pathways kept of saved scenarios or results it could not read as stored
//! (`scenario::library::backup_slot`): each can be downloaded as a file, or deleted once
//! the user has what they need. Without this list a backup could be reached only through
//! the browser's developer tools, and ten of them would leave the library read-only for good.

use web_sys::Storage;
use yew::prelude::*;

use crate::app::export::download_text;
use crate::app::state::{Action, Notice, PageAction};
use crate::scenario::library::{backup_key, BACKUP_KEY, BACKUP_SLOTS};
use crate::scenario::target::ACTUALS_BACKUP_KEY;

/// One backup as stored: its key, what it holds, and its length in characters.
#[derive(Debug, Clone, PartialEq)]
struct Backup {
    key: String,
    holds: &'static str,
    chars: usize,
}

fn local_storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Every backup slot that holds something, saved scenarios first. `None` when storage
/// cannot be read at all.
fn read_backups() -> Option<Vec<Backup>> {
    let storage = local_storage()?;
    let stores = [
        (BACKUP_KEY, "Saved scenarios"),
        (ACTUALS_BACKUP_KEY, "Results entered"),
    ];
    Some(
        stores
            .into_iter()
            .flat_map(|(base, holds)| (1..=BACKUP_SLOTS).map(move |n| (backup_key(base, n), holds)))
            .filter_map(|(key, holds)| {
                let text = storage.get_item(&key).ok().flatten()?;
                Some(Backup {
                    key,
                    holds,
                    chars: text.chars().count(),
                })
            })
            .collect(),
    )
}

/// A backup's file name: its key with dots as dashes, so `….unreadable-backup.2` becomes
/// `pathways-scenarios-unreadable-backup-2.json`.
fn file_name(key: &str) -> String {
    format!("{}.json", key.replace('.', "-"))
}

#[derive(Properties, PartialEq)]
pub struct BackupsPanelProps {
    pub on_action: Callback<Action>,
}

#[component]
pub fn BackupsPanel(props: &BackupsPanelProps) -> Html {
    // Read when the list is opened (and again after a delete): backups are written while
    // the page starts, so a list read at mount could miss the one just made.
    let backups = use_state(|| None::<Option<Vec<Backup>>>);
    let on_toggle = {
        let backups = backups.clone();
        Callback::from(move |e: Event| {
            let open = e
                .target_dyn_into::<web_sys::Element>()
                .is_some_and(|d| d.has_attribute("open"));
            if open {
                backups.set(Some(read_backups()));
            }
        })
    };
    let notify = |on_action: &Callback<Action>, error: bool, text: String| {
        on_action.emit(Action::Page(PageAction::Notify(Notice { error, text })))
    };

    let row = |backup: &Backup| {
        let download = {
            let (key, on_action) = (backup.key.clone(), props.on_action.clone());
            Callback::from(move |_: MouseEvent| {
                let text = local_storage().and_then(|s| s.get_item(&key).ok().flatten());
                let result = match text {
                    Some(text) => download_text(&file_name(&key), "application/json", &text),
                    None => Err("it is no longer in this browser's storage".to_owned()),
                };
                if let Err(why) = result {
                    notify(
                        &on_action,
                        true,
                        format!("The backup “{key}” could not be downloaded: {why}."),
                    );
                }
            })
        };
        let delete = {
            let (key, on_action, backups) =
                (backup.key.clone(), props.on_action.clone(), backups.clone());
            Callback::from(move |_: MouseEvent| {
                let removed = local_storage().is_some_and(|s| s.remove_item(&key).is_ok());
                if removed {
                    notify(
                        &on_action,
                        false,
                        format!("Deleted the backup “{key}” from this browser."),
                    );
                } else {
                    notify(&on_action, true, format!("The backup “{key}” could not be deleted: this browser's storage is blocked."));
                }
                backups.set(Some(read_backups()));
            })
        };
        let key = backup.key.clone();
        html! {
            <tr data-backup={key.clone()}>
                <th scope="row"><code>{ key.clone() }</code></th>
                <td>{ backup.holds }</td>
                <td class="number">{ format!("{:.1} KB", backup.chars as f64 / 1024.0) }</td>
                <td class="actions">
                    <button class="link" data-role="download-backup" onclick={download} aria-label={format!("Download the backup {key}")}>{ "Download" }</button>
                    <button class="link" data-role="delete-backup" onclick={delete} aria-label={format!("Delete the backup {key}")}>{ "Delete" }</button>
                </td>
            </tr>
        }
    };

    html! {
        <details class="backups" id="backups" ontoggle={on_toggle}>
            <summary>{ "Backups kept in this browser" }</summary>
            <p class="hint">{ format!("When Pathways cannot read saved scenarios or results as they were stored, it keeps a copy as they were (up to {BACKUP_SLOTS} of each) before writing anything. Download a copy to keep it as a file; delete one to make room.") }</p>
            {
                match &*backups {
                    None => html! {},
                    Some(None) => html! { <p class="hint" data-role="no-backups">{ "This browser's storage cannot be read, so no backups can be listed." }</p> },
                    Some(Some(list)) if list.is_empty() => html! { <p class="hint" data-role="no-backups">{ "No backups are kept in this browser." }</p> },
                    Some(Some(list)) => html! {
                        <div class="table-wrap" tabindex="0" role="region" aria-label="Backed-up scenarios">
                            <table class="backup-list">
                                <caption class="visually-hidden">{ "Backups kept in this browser" }</caption>
                                <thead><tr><th scope="col">{ "Storage key" }</th><th scope="col">{ "Holds" }</th><th scope="col">{ "Size" }</th><th scope="col">{ "Actions" }</th></tr></thead>
                                <tbody>{ for list.iter().map(row) }</tbody>
                            </table>
                        </div>
                    },
                }
            }
        </details>
    }
}
