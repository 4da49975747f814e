//! Saving the open plan to this browser's storage: a moment after the last
//! change, never over a newer revision another window saved, and what the
//! board shows of it (saved, pending, failed and why, a conflict).

use super::document::{set_if_changed, Document};
use super::kept;
use crate::io::{perf, storage};
use crate::model::Plan;
use leptos::prelude::*;
use std::collections::HashMap;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Pending,
    Failed,
}

impl SaveState {
    pub fn as_str(self) -> &'static str {
        match self {
            SaveState::Saved => "saved",
            SaveState::Pending => "pending",
            SaveState::Failed => "failed",
        }
    }
}

const SAVE_DELAY: Duration = Duration::from_millis(300);

#[derive(Clone, Copy)]
pub struct Saving {
    state: RwSignal<SaveState>,
    /// Bumped after every save that reached storage.
    saved: RwSignal<u64>,
    /// Why the last save failed, until one succeeds.
    error: RwSignal<Option<storage::StorageError>>,
    /// Another window saved a newer revision of the open plan while this
    /// one has changes of its own (their revision). Nothing is written
    /// until the user chooses.
    conflict: RwSignal<Option<u64>>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// The open plan's text as this window last read or wrote it: what a
    /// newer revision from another window is merged against.
    base: StoredValue<Option<String>>,
    /// Told when a save finds a newer revision another window saved.
    on_newer: StoredValue<Option<Callback<u64>>>,
    /// The revision of each plan this window last read or wrote.
    seen: StoredValue<HashMap<String, u64>>,
}

impl Saving {
    pub fn new() -> Saving {
        Saving {
            state: RwSignal::new(SaveState::Saved),
            saved: RwSignal::new(0),
            error: RwSignal::new(None),
            conflict: RwSignal::new(None),
            timer: StoredValue::new(None),
            base: StoredValue::new(None),
            on_newer: StoredValue::new(None),
            seen: StoredValue::new(HashMap::new()),
        }
    }

    pub fn state(&self) -> ReadSignal<SaveState> {
        self.state.read_only()
    }
    pub fn saved(&self) -> ReadSignal<u64> {
        self.saved.read_only()
    }
    pub fn error(&self) -> ReadSignal<Option<storage::StorageError>> {
        self.error.read_only()
    }
    pub fn conflict(&self) -> ReadSignal<Option<u64>> {
        self.conflict.read_only()
    }

    pub fn has_pending(&self) -> bool {
        self.state.get_untracked() == SaveState::Pending
    }

    pub fn failed(&self) -> bool {
        self.state.get_untracked() == SaveState::Failed
    }

    /// The revision of plan `id` this window last read or wrote.
    pub fn seen(&self, id: &str) -> Option<u64> {
        self.seen.with_value(|m| m.get(id).copied())
    }

    /// Notes the open plan's revision as the one this window knows.
    pub fn mark_seen(&self, doc: &Document) {
        let (id, rev) = doc.with_plan(|p| (p.id.clone(), p.revision.unwrap_or(0)));
        self.seen.update_value(|m| {
            m.insert(id, rev);
        });
    }

    /// The open plan was replaced by a newer copy from storage: nothing of
    /// this window's is waiting to be saved any more.
    pub fn settled(&self, doc: &Document) {
        self.cancel_timer();
        self.conflict.set(None);
        self.mark_seen(doc);
        set_if_changed(self.state, SaveState::Saved);
    }

    pub fn ask(&self, theirs: u64) {
        self.conflict.set(Some(theirs));
    }

    /// The text the open plan was last read from or written as.
    pub fn base(&self) -> Option<String> {
        self.base.get_value()
    }

    pub fn set_base(&self, text: String) {
        self.base.set_value(Some(text));
    }

    /// Who merges a newer revision found at save time.
    pub fn on_newer(&self, handler: Callback<u64>) {
        self.on_newer.set_value(Some(handler));
    }

    /// Another window's revision `revision` of plan `id` (stored as `text`)
    /// is now part of the open plan.
    pub fn took_in(&self, id: &str, revision: u64, text: String) {
        self.seen.update_value(|m| {
            m.insert(id.to_string(), revision);
        });
        self.base.set_value(Some(text));
        self.conflict.set(None);
    }

    fn cancel_timer(&self) {
        if let Some(Some(handle)) = self.timer.try_update_value(|t| t.take()) {
            handle.clear();
        }
    }

    /// Saves a moment after the last change, so typing does not save on
    /// every key. A timer that outlives the change it was set for (saved
    /// at once since, or taken over by a newer copy) writes nothing: an
    /// unneeded write could land after another window's newer one.
    pub fn schedule(&self, doc: Document) {
        set_if_changed(self.state, SaveState::Pending);
        self.cancel_timer();
        let saving = *self;
        let handle = set_timeout_with_handle(
            move || {
                if saving.has_pending() {
                    saving.save_now(&doc);
                }
            },
            SAVE_DELAY,
        )
        .ok();
        self.timer.set_value(handle);
    }

    /// Saves at once (also when the page is hidden or closed).
    pub fn save_now(&self, doc: &Document) {
        self.cancel_timer();
        // Never write over a newer revision another window saved.
        let (id, rev) = doc.with_plan(|p| (p.id.clone(), p.revision.unwrap_or(0)));
        let known = self.seen(&id);
        if let Some(theirs) = storage::stored_revision(&id) {
            let newer_than_known = known.is_some_and(|k| theirs > k);
            let newer_than_ours = known.is_none() && theirs > rev;
            if newer_than_known || newer_than_ours {
                set_if_changed(self.state, SaveState::Failed);
                match self.on_newer.get_value() {
                    Some(merge) => merge.run(theirs),
                    None => self.conflict.set(Some(theirs)),
                }
                return;
            }
        }
        let (result, text) = perf::measure("lb:save", || {
            let text = doc.with_plan(Plan::to_json);
            let save = || doc.with_plan(|p| storage::save_plan(p, &text));
            let mut result = save();
            // Snapshots give way to the plan itself.
            while result == Err(storage::StorageError::Full) && kept::give_way() {
                result = save();
            }
            (result, text)
        });
        match result {
            Ok(()) => {
                set_if_changed(self.state, SaveState::Saved);
                set_if_changed(self.error, None);
                self.seen.update_value(|m| {
                    m.insert(id, rev);
                });
                doc.with_plan(|p| kept::after_save(p, &text));
                self.base.set_value(Some(text));
                self.saved.update(|n| *n += 1);
            }
            Err(e) => {
                set_if_changed(self.state, SaveState::Failed);
                set_if_changed(self.error, Some(e));
            }
        }
    }
}

impl Default for Saving {
    fn default() -> Self {
        Saving::new()
    }
}
