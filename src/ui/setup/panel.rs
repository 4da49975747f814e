//! The set-up panel: the plan's title, year and currency, then its units
//! and its stages. Opened from the toolbar; Esc or the same button closes
//! it, and focus goes back to that button.

use super::stages::StageList;
use super::units::UnitList;
use super::{enter_commits, focus_later, send, FieldError};
use crate::i18n::Key;
use crate::model::{parse_year, Command, CommandError};
use crate::ui::dom;
use crate::ui::state::Board;
use crate::ui::state::Language;
use leptos::prelude::*;

/// The toolbar button that opens the panel (focus returns to it).
pub const BUTTON: &str = "[data-testid=\"plan-setup\"]";

/// `open` is the toolbar's: its button opens the panel, the panel closes itself;
/// both sides write it, so it is the two-way prop they share.
#[component]
pub fn SetupPanel(open: RwSignal<bool>) -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    let close = move || {
        open.set(false);
        focus_later(BUTTON.to_string());
    };
    focus_later("[data-testid=\"setup-panel\"] input[name=\"title\"]".into());
    // Esc closes the panel from anywhere but a dialog or a text field
    // outside it (focus may be on the toolbar, or nowhere after a row it
    // was on went away).
    dom::on_window(leptos::ev::keydown, move |e| {
        if e.key() != "Escape" || dom::composing(&e) || e.default_prevented() {
            return;
        }
        let ours = dom::target_element(e.target()).is_none_or(|el| {
            dom::within(&el, "#setup-panel")
                || !(dom::within(&el, "[role=dialog]") || dom::in_text_field(e.target()))
        });
        if ours {
            e.prevent_default();
            close();
        }
    });

    let title_error = RwSignal::new(None::<CommandError>);
    let year_error = RwSignal::new(None::<CommandError>);
    let commit_title = move |text: String| {
        let current = board.doc.header().with_untracked(|h| h.title.clone());
        if text.trim() == current {
            title_error.set(None);
            return;
        }
        let result = Command::rename(&text).and_then(|cmd| send(board, lang.get_untracked(), cmd));
        title_error.set(result.err());
    };
    let commit_year = move |text: String| {
        let result = parse_year(&text)
            .map_err(CommandError::from)
            .and_then(|year| {
                if board.doc.header().with_untracked(|h| h.year) == year {
                    return Ok(());
                }
                send(board, lang.get_untracked(), Command::SetYear(year)).map(|_| ())
            });
        year_error.set(result.err());
    };
    let currency = move || {
        board.doc.header().track();
        board.with_plan(|p| p.currency.clone())
    };

    view! {
        <section
            class="setup-panel"
            data-testid="setup-panel"
            id="setup-panel"
            aria-labelledby="setup-heading"
        >
            <div class="setup-head">
                <h2 id="setup-heading">{move || t(Key::SetupTitle)}</h2>
                <button type="button" class="setup-close" on:click=move |_| close()>
                    {move || t(Key::Close)}
                </button>
            </div>
            <p class="setup-hint">{move || t(Key::SetupHint)}</p>
            <div class="setup-plan">
                <div class="setup-field wide">
                    <label for="setup-title">{move || t(Key::Title)}</label>
                    <input
                        type="text"
                        id="setup-title"
                        name="title"
                        aria-describedby="setup-title-error"
                        prop:value=move || board.doc.header().with(|h| h.title.clone())
                        on:change=move |e| commit_title(event_target_value(&e))
                        on:keydown=move |e| {
                            let stored = board.doc.header().with_untracked(|h| h.title.clone());
                            if dom::esc_restores(&e, &stored) {
                                title_error.set(None);
                            }
                            enter_commits(&e, commit_title)
                        }
                    />
                    <FieldError id="setup-title-error".into() error=title_error/>
                </div>
                <div class="setup-field">
                    <label for="setup-year">{move || t(Key::PlanYear)}</label>
                    <input
                        type="text"
                        id="setup-year"
                        name="year"
                        inputmode="numeric"
                        size="6"
                        aria-describedby="setup-year-error"
                        prop:value=move || board.doc.header().with(|h| h.year.to_string())
                        on:change=move |e| commit_year(event_target_value(&e))
                        on:keydown=move |e| {
                            let stored = board.doc.header().with_untracked(|h| h.year.to_string());
                            if dom::esc_restores(&e, &stored) {
                                year_error.set(None);
                            }
                            enter_commits(&e, commit_year)
                        }
                    />
                    <FieldError id="setup-year-error".into() error=year_error/>
                </div>
                <div class="setup-field">
                    <label for="setup-currency">{move || t(Key::Currency)}</label>
                    <input type="text" id="setup-currency" name="currency" size="5" readonly prop:value=currency/>
                </div>
            </div>
            <UnitList/>
            <StageList/>
        </section>
    }
}
