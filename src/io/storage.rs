//! Plans in localStorage, one key a plan, stored as the plan file itself,
//! with its revision under a key of its own so another tab's newer copy is
//! noticed before it could be overwritten.

use crate::model::keeping::{FileState, Snapshot};
use crate::model::Plan;
use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsValue;

const PREFIX: &str = "linkage-board:v1:";

fn plan_key(id: &str) -> String {
    format!("{PREFIX}plan:{id}")
}

fn revision_key(id: &str) -> String {
    format!("{PREFIX}rev:{id}")
}

fn current_key() -> String {
    format!("{PREFIX}current")
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// The browser refused: storage is full.
    Full,
    /// Anything else the browser said.
    Failed(String),
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StorageError::Full => write!(f, "browser storage is full"),
            StorageError::Failed(why) => write!(f, "browser storage failed: {why}"),
        }
    }
}

fn storage_error(e: JsValue) -> StorageError {
    let name = js_sys::Reflect::get(&e, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        StorageError::Full
    } else {
        let message = js_sys::Reflect::get(&e, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or(name);
        StorageError::Failed(message)
    }
}

fn set(key: &str, value: &str) -> Result<(), StorageError> {
    LocalStorage::raw()
        .set_item(key, value)
        .map_err(storage_error)
}

fn get(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).ok().flatten()
}

fn keys_with(prefix: &str) -> Vec<String> {
    let s = LocalStorage::raw();
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect()
}

/// The id of the plan that was open last.
pub fn current_plan_id() -> Option<String> {
    get(&current_key())
}

pub fn set_current(id: &str) -> Result<(), StorageError> {
    set(&current_key(), id)
}

/// The stored text of a plan, as saved.
pub fn plan_text(id: &str) -> Option<String> {
    get(&plan_key(id))
}

/// The revision last saved for a plan, by any tab.
pub fn stored_revision(id: &str) -> Option<u64> {
    get(&revision_key(id)).and_then(|r| r.parse().ok())
}

/// Saves the plan (`text` is its JSON) under its id and marks it as the
/// open one.
pub fn save_plan(plan: &Plan, text: &str) -> Result<(), StorageError> {
    set(&plan_key(&plan.id), text)?;
    set(
        &revision_key(&plan.id),
        &plan.revision.unwrap_or(0).to_string(),
    )?;
    set_current(&plan.id)
}

/// Saves a plan that is not the open one.
pub fn store_plan(plan: &Plan) -> Result<(), StorageError> {
    set(&plan_key(&plan.id), &plan.to_json())?;
    set(
        &revision_key(&plan.id),
        &plan.revision.unwrap_or(0).to_string(),
    )
}

pub fn delete_plan(id: &str) {
    let s = LocalStorage::raw();
    let _ = s.remove_item(&plan_key(id));
    let _ = s.remove_item(&revision_key(id));
}

/// The ids of every stored plan.
pub fn plan_ids() -> Vec<String> {
    let prefix = format!("{PREFIX}plan:");
    let mut ids: Vec<String> = keys_with(&prefix)
        .into_iter()
        .map(|k| k[prefix.len()..].to_string())
        .collect();
    crate::model::order::sort_by(&mut ids, |a, b| a.cmp(b));
    ids
}

/// Keeps the raw text of a stored plan that no longer opens, under a key of
/// its own that nothing else writes; returns that key.
pub fn keep_unreadable(id: &str, raw: &str, now: &str) -> Result<String, StorageError> {
    let key = format!("{PREFIX}unreadable:{id}:{now}");
    set(&key, raw)?;
    Ok(key)
}

/// Every stored snapshot, oldest first.
pub fn snapshots() -> Vec<Snapshot> {
    let mut list: Vec<Snapshot> = keys_with(&format!("{PREFIX}snap:"))
        .iter()
        .filter_map(|k| Snapshot::from_name(&k[PREFIX.len()..]))
        .collect();
    crate::model::order::sort_by(&mut list, |a, b| a.at_ms.total_cmp(&b.at_ms));
    list
}

pub fn write_snapshot(snapshot: &Snapshot, text: &str) -> Result<(), StorageError> {
    set(&format!("{PREFIX}{}", snapshot.name()), text)
}

pub fn snapshot_text(snapshot: &Snapshot) -> Option<String> {
    get(&format!("{PREFIX}{}", snapshot.name()))
}

pub fn remove_snapshot(snapshot: &Snapshot) {
    let _ = LocalStorage::raw().remove_item(&format!("{PREFIX}{}", snapshot.name()));
}

/// Copies kept by earlier versions of the app before a plan was replaced
/// (`backup:<time>:<id>`), as (key, text); they become snapshots.
pub fn legacy_backups() -> Vec<(String, String)> {
    keys_with(&format!("{PREFIX}backup:"))
        .into_iter()
        .filter_map(|k| get(&k).map(|t| (k, t)))
        .collect()
}

pub fn remove(key: &str) {
    let _ = LocalStorage::raw().remove_item(key);
}

/// What this browser knows of the plan's copies in files.
pub fn file_state(id: &str) -> Option<FileState> {
    get(&format!("{PREFIX}filed:{id}")).and_then(|t| FileState::decode(&t))
}

pub fn set_file_state(id: &str, state: &FileState) {
    // Losing this only means a reminder comes early or late.
    let _ = set(&format!("{PREFIX}filed:{id}"), &state.encode());
}

/// Bytes (UTF-8) held in this app's keys, names and texts: about what
/// counts against the browser's localStorage limit.
pub fn bytes_used() -> usize {
    let s = LocalStorage::raw();
    keys_with(PREFIX)
        .iter()
        .map(|k| k.len() + s.get_item(k).ok().flatten().map_or(0, |v| v.len()))
        .sum()
}

/// The plan id a storage key belongs to, if it is a plan or revision key.
pub fn plan_id_of_key(key: &str) -> Option<&str> {
    key.strip_prefix(PREFIX)
        .and_then(|k| k.strip_prefix("plan:").or_else(|| k.strip_prefix("rev:")))
}

/// A small preference (language, theme), kept apart from plans.
pub fn preference(name: &str) -> Option<String> {
    get(&format!("{PREFIX}pref:{name}"))
}

pub fn set_preference(name: &str, value: &str) {
    // A preference that cannot be saved is simply not remembered.
    let _ = set(&format!("{PREFIX}pref:{name}"), value);
}

/// A draft kept for this tab only (sessionStorage, `linkage-board:v1:draft:<name>`):
/// it outlives a reload or a crash of the page, not the tab.
pub fn draft_text(name: &str) -> Option<String> {
    use gloo_storage::SessionStorage;
    SessionStorage::raw()
        .get_item(&format!("{PREFIX}draft:{name}"))
        .ok()
        .flatten()
}

/// Keeps a draft's text for this tab; a refusal (storage full or off) only
/// means the draft is not offered back after a reload.
pub fn keep_draft(name: &str, text: &str) {
    use gloo_storage::SessionStorage;
    let _ = SessionStorage::raw().set_item(&format!("{PREFIX}draft:{name}"), text);
}

/// Forgets a draft kept for this tab.
pub fn drop_draft(name: &str) {
    use gloo_storage::SessionStorage;
    let _ = SessionStorage::raw().remove_item(&format!("{PREFIX}draft:{name}"));
}
