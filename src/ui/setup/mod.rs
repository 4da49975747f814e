//! Setting up a board: the set-up panel (the plan's title and year, its
//! units and their pools, its stages) and the choice a new plan starts
//! from. Every change is a set-up `Command` sent through `state::Board`;
//! a refused one is said next to its field. It may use `state` and `dom`;
//! nothing here imports `shell`.

pub mod new_plan;
pub mod panel;
mod rows;
mod stages;
mod units;

use crate::i18n::Lang;
use crate::model::{Command, CommandError, Touched};
use crate::ui::dom;
use crate::ui::state::Board;
use crate::ui::state::Language;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Sends a set-up change and tells the screen reader what changed; a
/// refusal comes back for the caller to show next to its field.
fn send(board: Board, lang: Lang, cmd: Command) -> Result<Touched, CommandError> {
    let touched = board.dispatch(cmd)?;
    board.notices.announce(lang.change(&touched).to_string());
    Ok(touched)
}

/// Enter commits a text field, as leaving it does; never while an input
/// method is still composing.
fn enter_commits(e: &web_sys::KeyboardEvent, commit: impl Fn(String)) {
    if e.key() != "Enter" || dom::composing(e) {
        return;
    }
    e.prevent_default();
    if let Some(input) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        commit(input.value());
    }
}

/// Focuses the first element matching `selector` once the view has caught
/// up.
fn focus_later(selector: String) {
    when_drawn(selector, |_| ());
}

/// Focuses the text field matching `selector` once the view has caught up,
/// its text selected to be typed over.
fn focus_and_select_later(selector: String) {
    when_drawn(selector, |el| {
        if let Ok(input) = el.dyn_into::<web_sys::HtmlInputElement>() {
            input.select();
        }
    });
}

/// Focuses the first element matching `selector` on the next frame, then
/// does `then` with it.
fn when_drawn(selector: String, then: impl FnOnce(web_sys::HtmlElement) + 'static) {
    when_drawn_within(selector, FRAMES_TO_DRAW, then);
}

/// How many frames a field may take to be drawn (a panel whose code is
/// still arriving is drawn once it has) before focusing it is given up.
const FRAMES_TO_DRAW: u8 = 120;

fn when_drawn_within(
    selector: String,
    frames: u8,
    then: impl FnOnce(web_sys::HtmlElement) + 'static,
) {
    request_animation_frame(move || match dom::find_html(&selector) {
        Some(el) => {
            dom::focus(&el, dom::Scroll::IntoView);
            then(el);
        }
        None if frames > 0 => when_drawn_within(selector, frames - 1, then),
        None => {}
    });
}

/// A refusal next to its field, in the interface language.
#[component]
fn FieldError(id: String, error: RwSignal<Option<CommandError>>) -> impl IntoView {
    let lang = expect_context::<Language>();
    view! {
        <Show when=move || error.with(|e| e.is_some())>
            <span class="field-error" role="alert" id=id.clone()>
                {move || error.with(|e| e.as_ref().map(|e| lang.get().command_error(e)))}
            </span>
        </Show>
    }
}
