//! A modal dialog as keyboard and screen-reader users expect one: focus
//! moves into it when it opens, Tab stays inside it, Esc (never while an
//! input method is composing) and a click outside ask it to close, and
//! focus goes back to what opened it unless its owner put focus somewhere
//! on purpose. The owner decides whether a close request closes (a draft
//! may ask first). Keys meant for the board do nothing while one is open
//! ([`dialog_open`]).

use crate::ui::dom;
use leptos::html;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), \
                         select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex=\"-1\"])";

/// Whether a modal dialog is open on the page.
pub fn dialog_open() -> bool {
    dom::find("[aria-modal=\"true\"]").is_some()
}

/// The elements inside `root` that take focus, in order (those drawn).
pub fn focusables(root: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = root.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|e| e.offset_parent().is_some())
        .collect()
}

/// The element to focus first: one marked `data-autofocus`, else the first
/// field, else the first thing that takes focus.
fn first_focus(root: &web_sys::Element) -> Option<web_sys::HtmlElement> {
    root.query_selector("[data-autofocus]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
        .or_else(|| {
            root.query_selector("input:not([type=hidden]), select, textarea")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into().ok())
        })
        .or_else(|| focusables(root).into_iter().next())
}

/// Keeps Tab and Shift+Tab inside `root`.
fn trap_tab(root: &web_sys::Element, ev: &web_sys::KeyboardEvent) {
    let items = focusables(root);
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        ev.prevent_default();
        return;
    };
    let active = document().active_element();
    let inside = active.as_ref().is_some_and(|a| root.contains(Some(a)));
    let at = |e: &web_sys::HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a == e.unchecked_ref::<web_sys::Element>())
    };
    if ev.shift_key() && (!inside || at(first)) {
        ev.prevent_default();
        let _ = last.focus();
    } else if !ev.shift_key() && (!inside || at(last)) {
        ev.prevent_default();
        let _ = first.focus();
    }
}

/// Whether the dialog is a plain one or asks something before going on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Role {
    #[default]
    Dialog,
    AlertDialog,
}

/// How many frames a dialog may take to be put in the page (a view whose
/// code is still arriving is drawn once it has) before it stops waiting to
/// take the focus.
const FRAMES_TO_SHOW: u8 = 120;

/// Puts the focus in the dialog once it is in the page: at once for a
/// dialog drawn with the board, a frame at a time for one drawn late.
fn focus_once_shown(el: web_sys::HtmlDivElement, frames: u8) {
    if el.is_connected() {
        if let Some(target) = first_focus(&el) {
            dom::focus(&target, dom::Scroll::Keep);
        }
    } else if frames > 0 {
        request_animation_frame(move || focus_once_shown(el, frames - 1));
    }
}

#[component]
pub fn Modal(
    /// Esc or a click outside: the owner closes it, or asks first.
    on_close: Callback<()>,
    /// The id of the element that names the dialog (its heading).
    labelledby: &'static str,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] testid: &'static str,
    #[prop(optional)] role: Role,
    children: Children,
) -> impl IntoView {
    let root: NodeRef<html::Div> = NodeRef::new();
    // What had focus when the dialog opened gets it back when it closes.
    let opener = SendWrapper::new(document().active_element());
    Effect::new(move || {
        if let Some(el) = root.get() {
            focus_once_shown(el, FRAMES_TO_SHOW);
        }
    });
    on_cleanup(move || {
        request_animation_frame(move || {
            let opener = opener.take();
            let lost = dom::focus_lost();
            if let Some(el) = opener.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                if lost && el.is_connected() {
                    dom::focus(&el, dom::Scroll::Keep);
                }
            }
        });
    });
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if dom::composing(&ev) {
            return;
        }
        match ev.key().as_str() {
            "Escape" => {
                ev.prevent_default();
                ev.stop_propagation();
                on_close.run(());
            }
            "Tab" => {
                // A dialog inside another keeps Tab to itself.
                ev.stop_propagation();
                if let Some(el) = root.get_untracked() {
                    trap_tab(&el, &ev);
                }
            }
            _ => {}
        }
    };
    let role = match role {
        Role::Dialog => "dialog",
        Role::AlertDialog => "alertdialog",
    };
    view! {
        <div class="dialog-backdrop" on:click=move |_| on_close.run(())></div>
        <div
            class=format!("dialog {class}")
            role=role
            aria-modal="true"
            aria-labelledby=labelledby
            data-testid=(!testid.is_empty()).then_some(testid)
            node_ref=root
            on:keydown=on_key
        >
            {children()}
        </div>
    }
}
