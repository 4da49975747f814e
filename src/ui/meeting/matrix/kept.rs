//! A cell's typed text kept for this tab while it is not in the plan yet,
//! offered back after a reload or a crash; restored, the matrix opens with
//! that cell being edited, holding the text.

use super::ctx::{Ctx, Editing};
use crate::io::storage;
use leptos::prelude::*;

/// The name a cell's draft is kept under for this tab.
pub const KEPT: &str = "cell";

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct KeptCell {
    pub plan: String,
    /// The giving item (the row) and the receiving unit (the column).
    pub item: String,
    pub unit: String,
    pub text: String,
}

impl KeptCell {
    /// The draft kept for this tab, if any reads.
    pub fn read() -> Option<KeptCell> {
        serde_json::from_str(&storage::draft_text(KEPT)?).ok()
    }

    pub fn forget() {
        storage::drop_draft(KEPT);
    }
}

/// A cell draft to open when the matrix is next shown; shared through
/// context.
#[derive(Clone, Copy)]
pub struct PendingCell(StoredValue<Option<KeptCell>>);

impl PendingCell {
    pub fn new() -> PendingCell {
        PendingCell(StoredValue::new(None))
    }

    pub fn set(&self, cell: KeptCell) {
        self.0.set_value(Some(cell));
    }

    fn take(&self) -> Option<KeptCell> {
        self.0.try_update_value(Option::take).flatten()
    }
}

impl Default for PendingCell {
    fn default() -> Self {
        PendingCell::new()
    }
}

/// Keeps the edited cell's text while it differs from what the cell holds,
/// and opens a restored draft once the matrix is drawn.
pub(super) fn keep_and_restore(ctx: Ctx) {
    let plan = ctx.board.with_plan(|p| p.id.clone());
    Effect::new(move || {
        let typed = ctx.editing.with(|e| {
            e.clone().and_then(|Editing { item, unit }| {
                let text = ctx.draft.get();
                (text.trim() != ctx.stored_text(&item, &unit)).then_some((item, unit, text))
            })
        });
        match typed {
            Some((item, unit, text)) => {
                let kept = KeptCell {
                    plan: plan.clone(),
                    item,
                    unit,
                    text,
                };
                if let Ok(json) = serde_json::to_string(&kept) {
                    storage::keep_draft(KEPT, &json);
                }
            }
            None => KeptCell::forget(),
        }
    });
    if let Some(cell) = use_context::<PendingCell>().and_then(|p| p.take()) {
        request_animation_frame(move || {
            ctx.go_to(cell.item.clone(), cell.unit.clone());
            ctx.start(cell.item, cell.unit, cell.text);
        });
    }
}
