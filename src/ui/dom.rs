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

/// Focuses `element`, scrolling it into view or not. An element that is
/// not shown because the part holding it is collapsed (the toolbar's
/// actions behind their menu button on a phone) cannot take focus: the
/// button that shows that part takes it instead, so focus never falls back
/// to the page.
pub fn focus(element: &web_sys::HtmlElement, scroll: Scroll) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(scroll == Scroll::Keep);
    let target = stand_in(element);
    let _ = target
        .as_ref()
        .unwrap_or(element)
        .focus_with_options(&options);
}

/// Whether `element` is drawn: it takes up room and is not made invisible.
pub fn shown(element: &web_sys::Element) -> bool {
    let rect = element.get_bounding_client_rect();
    if rect.width() == 0.0 && rect.height() == 0.0 {
        return false;
    }
    window()
        .get_computed_style(element)
        .ok()
        .flatten()
        .and_then(|style| style.get_property_value("visibility").ok())
        .is_none_or(|v| v != "hidden")
}

/// The button to focus in place of `element` when `element` sits in a part
/// that a button shows and hides (its `aria-controls` names the part's id)
/// and is not shown. Only such a part costs a look at the layout.
fn stand_in(element: &web_sys::Element) -> Option<web_sys::HtmlElement> {
    let mut part = element.parent_element();
    while let Some(el) = part {
        let id = el.id();
        if !id.is_empty() {
            if let Some(button) = find_html(&attr_selector("aria-controls", &id)) {
                return (!shown(element) && shown(&button)).then_some(button);
            }
        }
        part = el.parent_element();
    }
    None
}

/// Focuses the card of item `id`, if it is on the board.
pub fn focus_card(id: &crate::model::ItemId, scroll: Scroll) {
    if let Some(card) = find_html(&attr_selector("data-item-id", id.as_str())) {
        focus(&card, scroll);
    }
}

/// Whether nothing has the focus (it went back to the page's body, as when
/// the focused element was taken out): only then may focus be put back
/// somewhere a frame later without taking it from where the user went.
pub fn focus_lost() -> bool {
    document()
        .active_element()
        .is_none_or(|a| a.tag_name() == "BODY")
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
    listen(document().into(), name, true, handler);
}

/// Listens to `name` on `target` (passive, bubbling phase) for as long as
/// the calling view lives.
pub fn on_target(target: web_sys::EventTarget, name: &'static str, handler: impl Fn() + 'static) {
    listen(target, name, false, handler);
}

fn listen(
    target: web_sys::EventTarget,
    name: &'static str,
    capture: bool,
    handler: impl Fn() + 'static,
) {
    let callback = Closure::<dyn Fn()>::new(handler);
    let options = web_sys::AddEventListenerOptions::new();
    options.set_capture(capture);
    options.set_passive(true);
    let _ = target.add_event_listener_with_callback_and_add_event_listener_options(
        name,
        callback.as_ref().unchecked_ref(),
        &options,
    );
    let held = send_wrapper::SendWrapper::new((target, callback));
    on_cleanup(move || {
        let (target, callback) = held.take();
        let _ = target.remove_event_listener_with_callback_and_bool(
            name,
            callback.as_ref().unchecked_ref(),
            capture,
        );
    });
}

/// Whether the CSS media query `query` matches, kept up to date for as
/// long as the calling view lives.
pub fn media(query: &str) -> ReadSignal<bool> {
    let list = window().match_media(query).ok().flatten();
    let (matches, set) = signal(list.as_ref().is_some_and(|l| l.matches()));
    if let Some(list) = list {
        let source = list.clone();
        on_target(list.into(), "change", move || set.set(source.matches()));
    }
    matches
}

/// The text an input or textarea holds, if the target is one that is
/// typed in (not a checkbox, button or select).
pub fn text_value(target: Option<web_sys::EventTarget>) -> Option<String> {
    let el = target_element(target)?;
    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        let typed = matches!(
            input.type_().as_str(),
            "text" | "search" | "number" | "email" | "url" | "tel" | ""
        );
        return typed.then(|| input.value());
    }
    el.dyn_ref::<web_sys::HtmlTextAreaElement>()
        .map(web_sys::HtmlTextAreaElement::value)
}

/// The one Esc rule of every field: when the field holds something other
/// than `stored`, Esc puts `stored` back and stays there (the dialog or
/// panel around it does not see the key, and whatever follows the field's
/// `input` hears of it); otherwise Esc goes on to close what the field is
/// in. Nothing while an input method composes. Whether Esc put it back.
pub fn esc_restores(e: &web_sys::KeyboardEvent, stored: &str) -> bool {
    if e.key() != "Escape" || composing(e) {
        return false;
    }
    let Some(el) = target_element(e.target()) else {
        return false;
    };
    let put_back = if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        (input.value() != stored).then(|| input.set_value(stored))
    } else if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        (area.value() != stored).then(|| area.set_value(stored))
    } else {
        None
    };
    if put_back.is_none() {
        return false;
    }
    e.prevent_default();
    e.stop_propagation();
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(input) = web_sys::Event::new_with_event_init_dict("input", &init) {
        let _ = el.dispatch_event(&input);
    }
    true
}
