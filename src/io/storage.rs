//! Plans in localStorage, one key a plan, stored as the plan file itself.

use crate::model::Plan;
use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsValue;

const PREFIX: &str = "linkage-board:v1:";

fn plan_key(id: &str) -> String {
    format!("{PREFIX}plan:{id}")
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

/// The id of the plan that was open last.
pub fn current_plan_id() -> Option<String> {
    get(&current_key())
}

/// The stored text of a plan, as saved.
pub fn plan_text(id: &str) -> Option<String> {
    get(&plan_key(id))
}

/// Saves the plan under its id and marks it as the open one.
pub fn save_plan(plan: &Plan) -> Result<(), StorageError> {
    set(&plan_key(&plan.id), &plan.to_json())?;
    set(&current_key(), &plan.id)
}

/// Keeps the raw text of a stored plan that no longer opens, under a key of
/// its own that nothing else writes; returns that key.
pub fn keep_unreadable(id: &str, raw: &str, now: &str) -> Result<String, StorageError> {
    let key = format!("{PREFIX}unreadable:{id}:{now}");
    set(&key, raw)?;
    Ok(key)
}

/// A small preference (language, theme), kept apart from plans.
pub fn preference(name: &str) -> Option<String> {
    get(&format!("{PREFIX}pref:{name}"))
}

pub fn set_preference(name: &str, value: &str) {
    // A preference that cannot be saved is simply not remembered.
    let _ = set(&format!("{PREFIX}pref:{name}"), value);
}
