//! Presentation mode for the projector: large type, high contrast, the
//! secondary chrome hidden, and the board stepped unit by unit with Page
//! Up/Down (what a clicker sends) or the arrows. Linking, amounts, edits and
//! undo stay live.

use crate::i18n::Key;
use crate::ui::dialog::dialog_open;
use crate::ui::dom;
use crate::ui::state::Board;
use crate::ui::state::Language;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn set_present(board: &Board, on: bool) {
    if board.view.presenting_untracked() == on {
        return;
    }
    if on {
        board.view.present();
    } else {
        board.view.leave_presentation();
    }
    let doc = document();
    if on {
        if let Some(root) = doc.document_element() {
            request_fullscreen(&root);
        }
        if board.view.current_column_untracked().is_none() {
            step(board, 0);
        }
    } else if doc.fullscreen_element().is_some() {
        doc.exit_fullscreen();
    }
}

/// Asks for fullscreen; a browser or kiosk that refuses is fine, the mode
/// works in a window too (the refusal is caught, not logged as an error).
fn request_fullscreen(el: &web_sys::Element) {
    let Ok(f) = js_sys::Reflect::get(el, &"requestFullscreen".into()) else {
        return;
    };
    let Ok(f) = f.dyn_into::<js_sys::Function>() else {
        return;
    };
    if let Ok(p) = f.call0(el) {
        if let Ok(p) = p.dyn_into::<js_sys::Promise>() {
            let ignore =
                wasm_bindgen::closure::Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(|_| {});
            let _ = p.catch(&ignore);
            ignore.forget();
        }
    }
}

/// Moves presentation to the column `by` places on, and brings it to the
/// left edge of the board.
pub fn step(board: &Board, by: i32) {
    let columns = board.doc.columns().get_untracked();
    if columns.is_empty() {
        return;
    }
    let current = board
        .view
        .current_column_untracked()
        .and_then(|c| columns.iter().position(|(_, id)| *id == c));
    let next = match current {
        Some(i) => (i as i32 + by).clamp(0, columns.len() as i32 - 1) as usize,
        None => 0,
    };
    let id = columns[next].1.clone();
    board.view.show_column(id.clone());
    scroll_to_column(&id);
}

/// Brings the column `id` to the left edge of the board.
pub fn scroll_to_column(id: &str) {
    let doc = document();
    let selector = dom::attr_selector("data-column", id);
    if let (Some(col), Some(board_el)) = (
        doc.query_selector(&selector).ok().flatten(),
        doc.query_selector("[data-testid=board]").ok().flatten(),
    ) {
        let shift =
            col.get_bounding_client_rect().left() - board_el.get_bounding_client_rect().left();
        board_el.set_scroll_left(board_el.scroll_left() + shift as i32 - 12);
    }
}

/// The toggle, and the keys: P toggles; in the mode Page Up/Down and the
/// arrows (when no card has the focus) step; Esc leaves.
#[component]
pub fn PresentToggle() -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    let focus = RwSignal::new(false);
    let keys = window_event_listener(ev::keydown, move |e| {
        if e.ctrl_key() || e.meta_key() || e.alt_key() {
            return;
        }
        let target = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let typing = dom::in_text_field(e.target()) || dom::composing(&e);
        let in_dialog = dialog_open();
        let on_card = target
            .as_ref()
            .and_then(|el| el.closest("[data-item-id]").ok().flatten())
            .is_some();
        if typing || in_dialog {
            return;
        }
        let present = board.view.presenting_untracked();
        match e.key().as_str() {
            "p" | "P" if !on_card || present => {
                e.prevent_default();
                set_present(&board, !present);
            }
            "PageDown" if present => {
                e.prevent_default();
                step(&board, 1);
            }
            "PageUp" if present => {
                e.prevent_default();
                step(&board, -1);
            }
            "ArrowRight" if present && !on_card => {
                e.prevent_default();
                step(&board, 1);
            }
            "ArrowLeft" if present && !on_card => {
                e.prevent_default();
                step(&board, -1);
            }
            "Escape" if present => set_present(&board, false),
            _ => {}
        }
    });
    Effect::new(move || {
        let on = board.view.presenting();
        if let Some(root) = document().document_element() {
            let _ = root.class_list().toggle_with_force("presenting", on);
        }
    });
    // Fullscreen follows the mode. In fullscreen, Esc belongs to the browser
    // (Firefox and WebKit do not pass it on to the page): leaving fullscreen
    // leaves the mode too. And a fullscreen granted only after the mode was
    // left again (the browser answers later) is given back.
    let left_fullscreen = window_event_listener_untyped("fullscreenchange", move |_| {
        let doc = document();
        let present = board.view.presenting_untracked();
        match doc.fullscreen_element() {
            None if present => set_present(&board, false),
            Some(_) if !present => doc.exit_fullscreen(),
            _ => {}
        }
    });
    on_cleanup(move || {
        keys.remove();
        left_fullscreen.remove();
    });
    view! {
        <button
            type="button"
            data-testid="present"
            aria-pressed=move || board.view.presenting().to_string()
            aria-keyshortcuts="P"
            on:click=move |_| set_present(&board, !board.view.presenting_untracked())
        >
            {move || t(if board.view.presenting() { Key::ExitPresent } else { Key::Present })}
        </button>
        <Show when=move || board.view.presenting()>
            <p class="present-hint" role="status">{move || t(Key::PresentHint)}</p>
        </Show>
        <crate::ui::meeting::focus::FocusView on=focus/>
    }
}

/// Light, dark, high contrast, or as the system says; remembered.
#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    let theme = RwSignal::new(crate::io::storage::preference("theme").unwrap_or_default());
    Effect::new(move || {
        let value = theme.get();
        if let Some(root) = document().document_element() {
            if value.is_empty() {
                let _ = root.remove_attribute("data-theme");
            } else {
                let _ = root.set_attribute("data-theme", &value);
            }
        }
    });
    view! {
        <select
            data-testid="theme"
            aria-label=move || t(Key::Theme)
            on:change=move |e| {
                let v = event_target_value(&e);
                crate::io::storage::set_preference("theme", &v);
                theme.set(v);
            }
        >
            {[("", Key::ThemeAuto), ("light", Key::ThemeLight), ("dark", Key::ThemeDark), ("contrast", Key::ThemeContrast)]
                .into_iter()
                .map(|(v, k)| view! {
                    <option value=v selected=move || theme.with(|t| t == v)>{move || t(k)}</option>
                })
                .collect_view()}
        </select>
    }
}
