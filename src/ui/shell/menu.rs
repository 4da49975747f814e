//! The toolbar's actions behind one "Menu" button on a phone. The button
//! shows and hides them (`aria-expanded`, `aria-controls`); Enter or Space
//! opens the list, the arrow keys (and Tab) move through it, Esc closes it
//! and gives the focus back to the button, and a click outside or choosing
//! an action closes it. On a wide screen the button is hidden and the
//! actions sit on the toolbar as they always have: the stylesheet decides,
//! the markup is the same.
//!
//! The panels the actions open (Plans & files, set-up, the new-plan
//! choice, the presentation's focus view) stay where they were among the
//! actions, so that Tab still goes from an action into its panel; they are
//! fixed on the screen and stay shown when the list is closed, and they are
//! not entries of the list.

use crate::i18n::Key;
use crate::ui::dialog::focusables;
use crate::ui::dom::{self, Scroll};
use crate::ui::state::Language;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The id of the list (what the button's `aria-controls` names).
const LIST_ID: &str = "toolbar-menu";
/// The button's hook.
const BUTTON: &str = "[data-testid=\"menu\"]";
/// Panels that open from an action: inside the list in the markup, not
/// entries of it.
const PANELS: &str = ".plans-panel, .setup-panel, .dialog, .dialog-backdrop, .focus";

/// Whether `el` is an entry of the list (not inside a panel it opened).
fn entry(el: &web_sys::Element) -> bool {
    dom::within(el, &format!("#{LIST_ID}")) && !dom::within(el, PANELS)
}

/// The entries that take focus, in order.
fn entries(list: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    focusables(list)
        .into_iter()
        .filter(|e| entry(e) && dom::shown(e))
        .collect()
}

#[component]
pub fn ActionsMenu(children: Children) -> impl IntoView {
    let lang = expect_context::<Language>();
    let open = RwSignal::new(false);
    let button: NodeRef<html::Button> = NodeRef::new();
    let list: NodeRef<html::Div> = NodeRef::new();
    let focus_button = move || {
        if let Some(b) = button.get_untracked() {
            dom::focus(&b, Scroll::Keep);
        }
    };
    // Moves the focus to the entry `pick` chooses among them, once the
    // list is drawn.
    let focus_entry = move |pick: fn(usize, Option<usize>) -> usize| {
        request_animation_frame(move || {
            let Some(list) = list.get_untracked() else {
                return;
            };
            let items = entries(&list);
            if items.is_empty() {
                return;
            }
            let active = document().active_element();
            let at = items.iter().position(|e| {
                active
                    .as_ref()
                    .is_some_and(|a| a == e.unchecked_ref::<web_sys::Element>())
            });
            let i = pick(items.len(), at).min(items.len() - 1);
            dom::focus(&items[i], Scroll::IntoView);
        });
    };
    let first = |_: usize, _: Option<usize>| 0;
    let last = |n: usize, _: Option<usize>| n - 1;
    let next = |n: usize, at: Option<usize>| at.map_or(0, |i| (i + 1) % n);
    let previous = |n: usize, at: Option<usize>| at.map_or(n - 1, |i| (i + n - 1) % n);

    // A click or touch anywhere but the button and the list closes it.
    dom::on_window(leptos::ev::pointerdown, move |e| {
        if !open.get_untracked() {
            return;
        }
        let inside = dom::target_element(e.target())
            .is_some_and(|el| entry(&el) || dom::within(&el, BUTTON));
        if !inside {
            open.set(false);
        }
    });

    let on_button_key = move |e: web_sys::KeyboardEvent| match e.key().as_str() {
        "ArrowDown" | "ArrowUp" => {
            e.prevent_default();
            open.set(true);
            focus_entry(if e.key() == "ArrowDown" { first } else { last });
        }
        "Escape" if open.get_untracked() => {
            e.prevent_default();
            e.stop_propagation();
            open.set(false);
        }
        _ => {}
    };
    let on_list_key = move |e: web_sys::KeyboardEvent| {
        if !open.get_untracked() || dom::composing(&e) {
            return;
        }
        let Some(target) = dom::target_element(e.target()) else {
            return;
        };
        if !entry(&target) {
            return;
        }
        // A select keeps its own arrow keys.
        let arrows_free = target.tag_name() != "SELECT";
        match e.key().as_str() {
            "Escape" => {
                e.prevent_default();
                e.stop_propagation();
                open.set(false);
                focus_button();
            }
            "ArrowDown" if arrows_free => {
                e.prevent_default();
                focus_entry(next);
            }
            "ArrowUp" if arrows_free => {
                e.prevent_default();
                focus_entry(previous);
            }
            "Home" => {
                e.prevent_default();
                focus_entry(first);
            }
            "End" => {
                e.prevent_default();
                focus_entry(last);
            }
            _ => {}
        }
    };
    // Choosing an action closes the list; the focus goes back to the button
    // unless the action took it somewhere (a panel, a dialog).
    let on_list_click = move |e: web_sys::MouseEvent| {
        if !open.get_untracked() {
            return;
        }
        let chose = dom::target_element(e.target())
            .is_some_and(|el| entry(&el) && dom::within(&el, "button"));
        if chose {
            open.set(false);
            request_animation_frame(move || {
                let lost = dom::focus_lost()
                    || document()
                        .active_element()
                        .is_some_and(|a| entry(&a) && !dom::shown(&a));
                if lost {
                    focus_button();
                }
            });
        }
    };
    // Tab out of the list, past its last entry, closes it.
    let on_focus_out = move |e: web_sys::FocusEvent| {
        if !open.get_untracked() {
            return;
        }
        let to = e
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if let Some(to) = to {
            if !(entry(&to) || dom::within(&to, BUTTON)) {
                open.set(false);
            }
        }
    };

    view! {
        <button
            type="button"
            class="menu-button"
            data-testid="menu"
            node_ref=button
            aria-expanded=move || open.get().to_string()
            aria-controls=LIST_ID
            on:click=move |_| open.update(|o| *o = !*o)
            on:keydown=on_button_key
            on:focusout=on_focus_out
        >
            <span class="menu-icon" aria-hidden="true">"☰"</span>
            {move || lang.get().t(Key::Menu)}
        </button>
        <div
            id=LIST_ID
            class="menu-list"
            class:open=move || open.get()
            node_ref=list
            on:keydown=on_list_key
            on:click=on_list_click
            on:focusout=on_focus_out
        >
            {children()}
        </div>
    }
}
