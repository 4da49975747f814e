//! The DOM helpers every view shares: finding elements by their hooks,
//! moving focus, and listeners that remove themselves when their view goes.
//! Nothing here knows about plans.

use leptos::ev::EventDescriptor;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A value made safe inside a double-quoted CSS attribute selector.
pub fn css_escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"")
}

/// `[name="value"]`, with the value escaped.
pub fn attr_selector(name: &str, value: &str) -> String {
    format!("[{name}=\"{}\"]", css_escape(value))
}

/// The first element of the page that matches `selector`.
pub fn find(selector: &str) -> Option<web_sys::Element> {
    document().query_selector(selector).ok().flatten()
}

/// The first HTML element of the page that matches `selector`.
pub fn find_html(selector: &str) -> Option<web_sys::HtmlElement> {
    find(selector).and_then(|e| e.dyn_into().ok())
}

/// Whether focusing an element may scroll it into view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scroll {
    IntoView,
    Keep,
}

/// Focuses `element`, scrolling it into view or not.
pub fn focus(element: &web_sys::HtmlElement, scroll: Scroll) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(scroll == Scroll::Keep);
    let _ = element.focus_with_options(&options);
}

/// Focuses the card of item `id`, if it is on the board.
pub fn focus_card(id: &str, scroll: Scroll) {
    if let Some(card) = find_html(&attr_selector("data-item-id", id)) {
        focus(&card, scroll);
    }
}

/// Takes focus off whatever has it.
pub fn blur_active() {
    if let Some(active) = document()
        .active_element()
        .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = active.blur();
    }
}

/// Whether a key press belongs to an input method still composing text
/// (Chinese pinyin, say): Enter picks a candidate and Esc drops one, so no
/// handler may act on them.
pub fn composing(e: &web_sys::KeyboardEvent) -> bool {
    e.is_composing() || e.key_code() == 229
}

/// The element an event went to, if it went to one.
pub fn target_element(target: Option<web_sys::EventTarget>) -> Option<web_sys::Element> {
    target.and_then(|t| t.dyn_into().ok())
}

/// Whether `element` is, or is inside, one that matches `selector`.
pub fn within(element: &web_sys::Element, selector: &str) -> bool {
    element.closest(selector).ok().flatten().is_some()
}

/// Whether the event's target is a text field (input, textarea, select).
pub fn in_text_field(target: Option<web_sys::EventTarget>) -> bool {
    target_element(target)
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// Listens to `event` on the window for as long as the calling view lives.
pub fn on_window<E>(event: E, handler: impl Fn(E::EventType) + 'static)
where
    E: EventDescriptor + 'static,
    E::EventType: JsCast,
{
    let handle = window_event_listener(event, handler);
    on_cleanup(move || handle.remove());
}

/// Listens to `name` on the document in the capture phase (passive), for
/// as long as the calling view lives: events that do not bubble, such as
/// scrolling inside an element, reach it too.
pub fn on_document_capture(name: &'static str, handler: impl Fn() + 'static) {
    let callback = Closure::<dyn Fn()>::new(handler);
    let options = web_sys::AddEventListenerOptions::new();
    options.set_capture(true);
    options.set_passive(true);
    let doc = document();
    let _ = doc.add_event_listener_with_callback_and_add_event_listener_options(
        name,
        callback.as_ref().unchecked_ref(),
        &options,
    );
    let callback = send_wrapper::SendWrapper::new(callback);
    on_cleanup(move || {
        let _ = document().remove_event_listener_with_callback_and_bool(
            name,
            callback.as_ref().unchecked_ref(),
            true,
        );
        drop(callback);
    });
}
