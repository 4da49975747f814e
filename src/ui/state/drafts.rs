//! Text typed and not yet in the plan: which editors hold some, so that
//! leaving the page asks first (`beforeunload`). Each editor says whether
//! it holds a draft under a name of its own and lets go when it closes;
//! a field being typed in counts too, from the value it had when it took
//! the focus.

use crate::io::storage;
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::collections::BTreeSet;

/// A draft kept for this tab under `name`, as named text fields (one JSON
/// object, so every kind of draft shares the code that writes and reads it).
pub fn keep_fields(name: &str, fields: &[(&str, &str)]) {
    let map: Map<String, Value> = fields
        .iter()
        .map(|(k, v)| (k.to_string(), Value::String(v.to_string())))
        .collect();
    storage::keep_draft(name, &Value::Object(map).to_string());
}

/// The fields of the draft kept for this tab under `name`, if any reads.
pub fn kept_fields(name: &str) -> Option<KeptFields> {
    match serde_json::from_str(&storage::draft_text(name)?).ok()? {
        Value::Object(map) => Some(KeptFields(map)),
        _ => None,
    }
}

/// A kept draft's fields by name.
pub struct KeptFields(Map<String, Value>);

impl KeptFields {
    /// The text of field `key`; empty when it is not there.
    pub fn get(&self, key: &str) -> String {
        self.0
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    }
}

thread_local! {
    static HELD: RefCell<BTreeSet<&'static str>> = const { RefCell::new(BTreeSet::new()) };
    /// The focused text field's value when it took the focus.
    static FOCUSED_FROM: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The page's drafts (one per page; a handle shared through context).
#[derive(Clone, Copy)]
pub struct Drafts;

impl Drafts {
    pub fn new() -> Drafts {
        Drafts
    }

    /// The editor `who` holds unsaved text.
    pub fn hold(&self, who: &'static str) {
        HELD.with(|h| h.borrow_mut().insert(who));
    }

    /// The editor `who` holds nothing unsaved (any more).
    pub fn release(&self, who: &'static str) {
        HELD.with(|h| h.borrow_mut().remove(who));
    }

    /// A text field took the focus holding `value` (`None`: not a text field).
    pub fn focused(&self, value: Option<String>) {
        FOCUSED_FROM.with(|f| *f.borrow_mut() = value);
    }

    /// Whether anything typed would be lost if the page went now; `now` is
    /// the focused text field's value, if one has the focus.
    pub fn unsaved(&self, now: Option<String>) -> bool {
        let typing = FOCUSED_FROM.with(|from| match (now, from.borrow().as_ref()) {
            (Some(now), Some(from)) => &now != from,
            _ => false,
        });
        typing || HELD.with(|h| !h.borrow().is_empty())
    }
}

impl Default for Drafts {
    fn default() -> Self {
        Drafts::new()
    }
}
