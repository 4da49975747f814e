//! One program's line in the matrix, and the field a cell is edited in.

use super::ctx::Ctx;
use super::rows::RowState;
use crate::i18n::Key;
use crate::model::matrix::shade;
use crate::model::ItemId;
use crate::ui::dom;
use crate::ui::edit::amount::AmountReading;
use leptos::prelude::*;

/// One program's line: its title, a cell per column, its total. The cells
/// read one memo of the row's figures; the cursor and the edited cell are
/// memos of the row too, so moving either repaints two rows at most.
#[component]
pub(super) fn Row(ctx: Ctx, item: ItemId, index: usize) -> impl IntoView {
    let cell = ctx.board.doc.item(&item);
    let own_unit = Memo::new(move |_| cell.map(|c| c.item.with(|i| i.unit.as_str().to_owned())));
    // The row's own signals, set from above only when they change.
    let state = ctx.register_row(&item);
    let RowState {
        figures,
        cursor_at,
        editing_at,
        ..
    } = state;
    let max = ctx.max;
    let title = {
        let item = item.clone();
        move || ctx.item_title(&item)
    };
    let row_item = item.clone();
    let cells = move || {
        let own = own_unit.get();
        ctx.columns.with(|cols| {
            cols.iter()
                .enumerate()
                .map(|(k, unit)| {
                    if own.as_deref() == Some(unit.as_str()) {
                        let here = unit.clone();
                        return view! {
                            <td
                                data-col=unit.to_string()
                                class="cell own"
                                tabindex=move || if cursor_at.with(|c| c.as_deref() == Some(here.as_str())) { "0" } else { "-1" }
                            ></td>
                        }
                        .into_any();
                    }
                    let figure = move || figures.with(|f| f.cells.get(k).copied().unwrap_or_default());
                    let (here, here2) = (unit.clone(), unit.clone());
                    let key = format!("{row_item}|{unit}");
                    let label_key = (row_item.clone(), unit.clone());
                    view! {
                        <td
                            data-col=unit.to_string()
                            data-cell=key
                            data-value=move || figure().amount.to_string()
                            data-links=move || figure().links.to_string()
                            class=move || format!("cell shade-{}", shade(figure().amount, max.get()))
                            tabindex=move || if cursor_at.with(|c| c.as_deref() == Some(here.as_str())) { "0" } else { "-1" }
                        >
                            {move || {
                                if editing_at.with(|e| e.as_deref() == Some(here2.as_str())) {
                                    let (item, unit) = label_key.clone();
                                    let label = Signal::derive(move || {
                                        ctx.lang
                                            .get()
                                            .t(Key::MatrixCell)
                                            .replace("{program}", &ctx.item_title(&item))
                                            .replace("{unit}", &ctx.unit_name(&unit))
                                    });
                                    view! { <CellInput ctx=ctx label=label/> }.into_any()
                                } else {
                                    let s = figure();
                                    (if s.links > 0 { ctx.lang.get().amount(s.amount) } else { String::new() }).into_any()
                                }
                            }}
                        </td>
                    }
                    .into_any()
                })
                .collect_view()
        })
    };
    let total_item = item.clone();
    view! {
        <tr data-row=item.into_string() data-line=index aria-rowindex=index + 2>
            <th scope="row" class="row-head">{title}</th>
            {cells}
            <td class="row-total" data-row-total=total_item.into_string() data-value=move || figures.with(|f| f.total.to_string())>
                {move || ctx.lang.get().amount(figures.with(|f| f.total))}
            </td>
        </tr>
    }
}

/// The field a cell is edited in: Enter puts the amount in, Esc cancels
/// (neither while an input method is composing).
#[component]
pub(super) fn CellInput(ctx: Ctx, label: Signal<String>) -> impl IntoView {
    let input: NodeRef<leptos::html::Input> = NodeRef::new();
    Effect::new(move || {
        if let Some(el) = input.get() {
            let _ = el.focus();
            let len = el.value().len() as u32;
            let _ = el.set_selection_range(len, len);
        }
    });
    let on_key = move |e: web_sys::KeyboardEvent| {
        if dom::composing(&e) {
            return;
        }
        match e.key().as_str() {
            "Enter" => {
                e.prevent_default();
                e.stop_propagation();
                ctx.commit_text();
            }
            "Escape" => {
                e.prevent_default();
                e.stop_propagation();
                ctx.cancel();
            }
            // Arrows move the caret here, not between cells.
            "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" => e.stop_propagation(),
            _ => {}
        }
    };
    view! {
        <input
            type="text"
            inputmode="decimal"
            class="cell-input"
            data-testid="matrix-input"
            aria-label=label
            node_ref=input
            prop:value=move || ctx.draft.get()
            on:input=move |e| ctx.draft.set(event_target_value(&e))
            on:keydown=on_key
            on:blur=move |e: web_sys::FocusEvent| {
                // Leaving the field (Tab, a click elsewhere) puts the
                // amount in, as a spreadsheet does; not when the focus goes
                // back to the cell on Enter or Esc, or to a question.
                let to = dom::target_element(e.related_target());
                let ours = to.as_ref().is_some_and(|el| {
                    dom::within(el, ".dialog") || ctx.is_edited_cell(el)
                });
                if ctx.question.with_untracked(Option::is_none) && !ours {
                    ctx.leave();
                }
            }
        />
        <AmountReading text=ctx.draft testid="matrix-amount-reading"/>
    }
}
