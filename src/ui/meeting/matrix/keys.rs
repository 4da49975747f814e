//! Keys and pointer events on the matrix's cells.

use super::ctx::Ctx;
use crate::model::matrix::CellEdit;
use crate::model::{ItemId, UnitId};
use crate::ui::dom;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Whether a key typed on a cell starts an amount.
fn starts_amount(key: &str) -> bool {
    let mut chars = key.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_ascii_digit() || c == '.')
}

/// The editable cell an event happened on (a program's own unit's cells
/// have no `data-cell`).
pub(super) fn event_cell(target: Option<web_sys::EventTarget>) -> Option<(web_sys::Element, bool)> {
    let el = target?.dyn_into::<web_sys::Element>().ok()?;
    if el.tag_name() != "TD" || !el.has_attribute("data-col") {
        return None;
    }
    let editable = el.has_attribute("data-cell");
    Some((el, editable))
}

/// The (item, unit) of a cell element.
pub(super) fn cell_of(el: &web_sys::Element) -> Option<(ItemId, UnitId)> {
    let unit = el.get_attribute("data-col")?;
    let item = el
        .closest("tr[data-row]")
        .ok()??
        .get_attribute("data-row")?;
    Some((ItemId::from(item), UnitId::from(unit)))
}

/// A key on a cell (or on the scroller while the cursor's line is being
/// drawn): arrows move the cursor; Enter or F2 edits, Delete clears, a
/// digit starts an amount.
pub(super) fn on_key(ctx: Ctx, e: web_sys::KeyboardEvent) {
    if dom::composing(&e) || e.ctrl_key() || e.meta_key() || e.alt_key() {
        return;
    }
    // On a cell, that cell; on the scroller (while the cursor's line is
    // being drawn), the cursor.
    let (item, unit, editable) = match event_cell(e.target()) {
        Some((cell, editable)) => match cell_of(&cell) {
            Some((item, unit)) => (item, unit, editable),
            None => return,
        },
        None => {
            let on_wrap = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|t| t.class_list().contains("matrix-wrap"));
            let Some((item, unit)) = ctx.cursor.get_untracked().filter(|_| on_wrap) else {
                return;
            };
            let editable = ctx
                .board
                .doc
                .item(&item)
                .is_some_and(|c| c.item.with_untracked(|i| i.unit != unit));
            (item, unit, editable)
        }
    };
    let key = e.key();
    let moved = match key.as_str() {
        "ArrowLeft" => Some((0, -1)),
        "ArrowRight" => Some((0, 1)),
        "ArrowUp" => Some((-1, 0)),
        "ArrowDown" => Some((1, 0)),
        _ => None,
    };
    if let Some((r, c)) = moved {
        e.prevent_default();
        e.stop_propagation();
        ctx.step(&item, &unit, r, c);
        return;
    }
    if !editable {
        return;
    }
    match key.as_str() {
        "Enter" | "F2" => {
            e.prevent_default();
            e.stop_propagation();
            ctx.edit_cell(item, unit);
        }
        "Delete" | "Backspace" => {
            e.prevent_default();
            e.stop_propagation();
            ctx.commit(CellEdit::Clear, item, unit);
        }
        k if starts_amount(k) => {
            e.prevent_default();
            e.stop_propagation();
            ctx.start(item, unit, k.to_string());
        }
        _ => {}
    }
}
