//! A cell's typed text kept for this tab while it is not in the plan yet,
//! offered back after a reload or a crash; restored, the matrix opens with
//! that cell being edited, holding the text.

use super::ctx::{Ctx, Editing};
use crate::io::storage;
use crate::model::{ItemId, UnitId};
use crate::ui::state::{keep_fields, kept_fields};
use leptos::prelude::*;

/// The name a cell's draft is kept under for this tab.
pub const KEPT: &str = "cell";

#[derive(Clone, Debug, PartialEq)]
pub struct KeptCell {
    pub plan: String,
    /// The giving item (the row) and the receiving unit (the column).
    pub item: ItemId,
    pub unit: UnitId,
    pub text: String,
}

impl KeptCell {
    /// The draft kept for this tab, if any reads.
    pub fn read() -> Option<KeptCell> {
        let f = kept_fields(KEPT)?;
        Some(KeptCell {
            plan: f.get("plan"),
            item: ItemId::from(f.get("item")),
            unit: UnitId::from(f.get("unit")),
            text: f.get("text"),
        })
    }

    fn keep(&self) {
        keep_fields(
            KEPT,
            &[
                ("plan", &self.plan),
                ("item", self.item.as_str()),
                ("unit", self.unit.as_str()),
                ("text", &self.text),
            ],
        );
    }

    pub fn forget() {
        storage::drop_draft(KEPT);
    }
}

thread_local! {
    /// A cell draft to open when the matrix is next shown.
    static PENDING: std::cell::RefCell<Option<KeptCell>> = const { std::cell::RefCell::new(None) };
}

/// Opens `cell`'s draft in its cell when the matrix is next shown.
pub fn open_when_shown(cell: KeptCell) {
    PENDING.with(|p| *p.borrow_mut() = Some(cell));
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
                kept.keep();
            }
            None => KeptCell::forget(),
        }
    });
    if let Some(cell) = PENDING.with(|p| p.borrow_mut().take()) {
        request_animation_frame(move || {
            ctx.go_to(cell.item.clone(), cell.unit.clone());
            ctx.start(cell.item, cell.unit, cell.text);
        });
    }
}
