use crate::i18n::Key;
use crate::ui::board::column::Column;
use crate::ui::board::paging;
use crate::ui::state::Board;
use crate::ui::state::Language;
use crate::ui::state::ALL_COLUMNS;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// Columns a phone draws in each step the first time the board shows, a
/// step a task, starting in the task after the page's: on a phone (slow,
/// and showing one column at a time) twenty columns are drawn in short
/// tasks that a tap can come between, not in one long one. A wider screen
/// shows many columns at once and draws them all at once: there the steps
/// only made the whole board arrive later. Shown again later (a new plan,
/// another grouping), the board draws all at once everywhere.
const PHONE_COLUMNS_PER_STEP: usize = 2;

/// Starts the board's first drawing.
fn start_drawing(board: Board) {
    if paging::phone() {
        draw_more(board);
    } else {
        board.view.draw_columns(ALL_COLUMNS);
    }
}

/// Draws the next step of columns in a task of its own, and the rest after.
fn draw_more(board: Board) {
    set_timeout(
        move || {
            let next = board
                .view
                .columns_drawn_untracked()
                .saturating_add(PHONE_COLUMNS_PER_STEP);
            if next >= board.doc.columns().with_untracked(Vec::len) {
                board.view.draw_columns(ALL_COLUMNS);
            } else {
                board.view.draw_columns(next);
                draw_more(board);
            }
        },
        Duration::ZERO,
    );
}

/// How far a key press moves the board sideways.
fn scroll_target(key: &str, left: i32, width: i32, column: i32) -> Option<i32> {
    match key {
        "ArrowRight" => Some(left + column),
        "ArrowLeft" => Some(left - column),
        "PageDown" => Some(left + width),
        "PageUp" => Some(left - width),
        "Home" => Some(0),
        "End" => Some(i32::MAX / 2),
        _ => None,
    }
}

/// The columns, one per unit, side by side. The board scrolls sideways with
/// a mouse wheel or scrollbar, a swipe, and the keyboard once focused
/// (arrows by a column, Page Up/Down by a screen, Home/End). It is
/// `aria-busy` until its first drawing is done.
#[component]
pub fn BoardView() -> impl IntoView {
    let board = expect_context::<Board>();
    if board.view.columns_drawn_untracked() == 0 {
        start_drawing(board);
    }
    let columns = move || {
        let n = board.view.columns_drawn();
        board
            .doc
            .columns()
            .with(|c| c.iter().take(n).cloned().collect::<Vec<_>>())
    };
    let lang = expect_context::<Language>();
    let linker = expect_context::<crate::ui::board::linker::Linker>();
    let on_key = move |e: web_sys::KeyboardEvent| {
        let (Some(target), Some(current)) = (e.target(), e.current_target()) else {
            return;
        };
        if target != current {
            return;
        }
        let el: web_sys::Element = current.unchecked_into();
        let column = el
            .query_selector("[data-unit-id]")
            .ok()
            .flatten()
            .map(|c| c.get_bounding_client_rect().width() as i32 + 12)
            .unwrap_or(300);
        if let Some(left) = scroll_target(&e.key(), el.scroll_left(), el.client_width(), column) {
            e.prevent_default();
            el.set_scroll_left(left.max(0));
        }
    };
    view! {
        <main
            class="board"
            data-testid="board"
            data-plan-id=move || board.doc.header().with(|h| h.id.clone())
            data-revision=move || board.doc.header().with(|h| h.revision.to_string())
            data-grouping=move || board.view.grouping().get().as_str()
            data-mode=move || if board.view.presenting() { "present" } else { "board" }
            class:linking=move || linker.linking()
            tabindex="0"
            aria-label=move || lang.get().t(Key::Board)
            aria-busy=move || (board.view.columns_drawn() != ALL_COLUMNS).then_some("true")
            on:keydown=on_key
        >
            <For each=columns key=|c| c.clone() let:c>
                <Column id=c.1/>
            </For>
        </main>
    }
}
