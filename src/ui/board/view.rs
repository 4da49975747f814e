use crate::i18n::Key;
use crate::ui::board::column::Column;
use crate::ui::state::Board;
use crate::ui::state::Language;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

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
/// (arrows by a column, Page Up/Down by a screen, Home/End).
#[component]
pub fn BoardView() -> impl IntoView {
    let board = expect_context::<Board>();
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
            on:keydown=on_key
        >
            <For each=move || board.doc.columns().get() key=|c| c.clone() let:c>
                <Column id=c.1/>
            </For>
        </main>
    }
}
