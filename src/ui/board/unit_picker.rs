//! On a phone the board shows one unit at a time: this picker names each
//! unit with its figures and brings the chosen one into view; previous and
//! next buttons step one unit for those who cannot swipe. A swipe moves the
//! board, and the picker follows the unit in view.

use crate::i18n::{Key, Lang};
use crate::model::view::ColumnKey;
use crate::model::{Level, UnitId};
use crate::ui::board::column::group_label;
use crate::ui::board::paging::{self, PHONE};
use crate::ui::dom;
use crate::ui::state::Board;
use crate::ui::state::Language;
use leptos::prelude::*;

#[component]
pub fn UnitPicker() -> impl IntoView {
    let phone = dom::media(PHONE);
    view! {
        <Show when=move || phone.get()>
            <Picker/>
        </Show>
    }
}

/// A unit's name and the figures that matter for it: what a program gives
/// (and has left), what a district or affiliate asks for and receives.
fn unit_label(board: &Board, lang: Lang, id: &UnitId) -> String {
    let Some(cell) = board.doc.unit(id) else {
        return id.to_string();
    };
    let (name, level) = cell.unit.with(|u| (lang.unit_name(u), u.level));
    cell.tally.with(|t| {
        let figure = |key, yuan| format!("{} {}", lang.t(key), lang.amount(yuan));
        let mut parts = vec![name];
        if level == Level::Municipal {
            parts.push(figure(Key::Given, t.figures.given));
            if let Some(left) = t.remaining {
                parts.push(figure(Key::Remaining, left));
            }
        } else {
            parts.push(figure(Key::Received, t.figures.received));
            parts.push(figure(Key::Demand, t.figures.demand));
        }
        parts.join(" · ")
    })
}

/// What the picker says for a column: a unit with its figures, a stage,
/// quarter or category with its number of items.
fn column_label(board: &Board, lang: Lang, id: &str) -> String {
    let Some(cell) = board.doc.column(id) else {
        return id.to_string();
    };
    match &cell.key {
        ColumnKey::Unit(unit) => unit_label(board, lang, unit),
        key => format!(
            "{} · {} {}",
            group_label(board, lang, key),
            cell.items().with(Vec::len),
            lang.t(Key::Items)
        ),
    }
}

#[component]
fn Picker() -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    let in_view: RwSignal<Option<String>> = RwSignal::new(None);
    // Reads the unit in view at most once a frame while the board moves.
    let pending = StoredValue::new(false);
    let follow = move || {
        if pending.get_value() {
            return;
        }
        pending.set_value(true);
        request_animation_frame(move || {
            pending.set_value(false);
            let id = paging::column_in_view();
            if in_view.with_untracked(|v| v != &id) {
                in_view.set(id);
            }
        });
    };
    // Once the board is drawn (the picker comes before it).
    Effect::new(move |_| {
        if let Some(el) = paging::board_element() {
            dom::on_target(el.into(), "scroll", follow);
        }
    });
    // The columns change with the grouping, the filter or the plan.
    Effect::new(move || {
        board.doc.columns().track();
        follow();
    });
    let columns = board.doc.columns();
    let place = move || {
        let id = in_view.get();
        columns.with(|c| id.and_then(|id| c.iter().position(|(_, c)| *c == id)))
    };
    let last = move || columns.with(|c| c.len().saturating_sub(1));
    let step = move |by: i32| {
        paging::step(by, web_sys::ScrollBehavior::Smooth);
    };
    view! {
        <div class="unit-pager">
            <button
                type="button"
                class="pager-step"
                data-testid="unit-previous"
                aria-label=move || t(Key::PreviousUnit)
                prop:disabled=move || place().is_none_or(|i| i == 0)
                on:click=move |_| step(-1)
            >
                "‹"
            </button>
            <select
                data-testid="unit-picker"
                aria-label=move || t(Key::UnitShown)
                on:change=move |e| {
                    let id = event_target_value(&e);
                    paging::show_column(&id, web_sys::ScrollBehavior::Instant);
                    in_view.set(Some(id));
                }
            >
                // Drawn anew when the columns change (rarely); each label
                // follows its unit's figures.
                {move || {
                    columns
                        .get()
                        .into_iter()
                        .map(|(_, id)| {
                            let (this, label) = (id.clone(), id.clone());
                            view! {
                                <option
                                    value=id
                                    prop:selected=move || in_view.with(|v| v.as_deref() == Some(this.as_str()))
                                >
                                    {move || column_label(&board, lang.get(), &label)}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            <button
                type="button"
                class="pager-step"
                data-testid="unit-next"
                aria-label=move || t(Key::NextUnit)
                prop:disabled=move || place().is_some_and(|i| i >= last())
                on:click=move |_| step(1)
            >
                "›"
            </button>
        </div>
    }
}
