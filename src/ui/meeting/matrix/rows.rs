//! The drawn program lines' own signals (figures, cursor, edited cell),
//! kept by item id while the line is drawn.

use crate::model::matrix::RowFigures;
use crate::model::ItemId;
use leptos::prelude::*;

/// A drawn row's signals.
#[derive(Clone, Copy)]
pub(super) struct RowState {
    /// Which drawing of the row this is (a row drawn anew under another
    /// key briefly has two).
    pub(super) id: u64,
    pub(super) figures: RwSignal<RowFigures>,
    /// The column of the cursor and of the edited cell when they are in
    /// this row, as the unit's id text (one copy of the reactive code for
    /// both, shared with the matrix's other text signals).
    pub(super) cursor_at: RwSignal<Option<String>>,
    pub(super) editing_at: RwSignal<Option<String>>,
}

/// The drawn rows by item id.
#[derive(Clone, Copy, Default)]
pub(super) struct Rows {
    pub(super) map: StoredValue<std::collections::HashMap<ItemId, RowState>>,
    pub(super) next: StoredValue<u64>,
}

impl Rows {
    /// Signals for a row being drawn, set to the values given; forgotten
    /// when the row goes.
    pub(super) fn register(
        self,
        item: &ItemId,
        figures: RowFigures,
        cursor_at: Option<String>,
        editing_at: Option<String>,
    ) -> RowState {
        let id = self.next.get_value() + 1;
        self.next.set_value(id);
        let state = RowState {
            id,
            figures: RwSignal::new(figures),
            cursor_at: RwSignal::new(cursor_at),
            editing_at: RwSignal::new(editing_at),
        };
        self.map.update_value(|m| {
            m.insert(item.clone(), state);
        });
        let item = item.clone();
        on_cleanup(move || {
            // (The table may be going as a whole, its store with it.)
            let _ = self.map.try_update_value(|m| {
                if m.get(&item).is_some_and(|r| r.id == id) {
                    m.remove(&item);
                }
            });
        });
        state
    }

    pub(super) fn each(self, mut f: impl FnMut(&ItemId, &RowState)) {
        self.map.with_value(|m| m.iter().for_each(|(k, v)| f(k, v)));
    }
}
