//! What a new plan starts from: a blank board of some districts, Beijing's
//! associations, or next year's plan made from the open one. The plan made
//! replaces the open one, which stays in "Plans & files" and as an
//! earlier version; undo brings it back.

use super::focus_later;
use crate::i18n::Key;
use crate::io::clock;
use crate::model::templates::{self, Carry};
use crate::model::{Command, CommandError, SetupError};
use crate::ui::dialog::Modal;
use crate::ui::state::Language;
use crate::ui::state::{Board, Message, NoticeKind};
use leptos::prelude::*;

/// The toolbar button that opens the choice (focus returns to it).
pub const BUTTON: &str = "[data-testid=\"new-plan\"]";

/// The most districts a blank board is made with.
const MAX_DISTRICTS: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Template {
    Blank,
    Beijing,
    NextYear,
}

impl Template {
    const ALL: [Template; 3] = [Template::Blank, Template::Beijing, Template::NextYear];

    fn as_str(self) -> &'static str {
        match self {
            Template::Blank => "blank",
            Template::Beijing => "beijing",
            Template::NextYear => "next-year",
        }
    }

    fn label(self) -> Key {
        match self {
            Template::Blank => Key::TemplateBlank,
            Template::Beijing => Key::TemplateBeijing,
            Template::NextYear => Key::TemplateNextYear,
        }
    }
}

/// Why no plan was made.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Refusal {
    Districts,
    Command(CommandError),
}

impl From<SetupError> for Refusal {
    fn from(e: SetupError) -> Self {
        Refusal::Command(e.into())
    }
}

/// `open` is the toolbar's: its button opens the dialog, the dialog closes itself;
/// both sides write it, so it is the two-way prop they share.
#[component]
pub fn NewPlanDialog(open: RwSignal<bool>) -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    let template = RwSignal::new(Template::Blank);
    let districts = RwSignal::new("16".to_string());
    let carry = RwSignal::new(false);
    let refusal = RwSignal::new(None::<Refusal>);
    // Back to the toolbar button, also where a click did not focus it.
    let close = move || {
        open.set(false);
        focus_later(BUTTON.to_string());
    };

    let create = move || {
        let lang = lang.get_untracked();
        let now = clock::now_rfc3339();
        let id = clock::new_uuid();
        let year = clock::this_year() + 1;
        let made: Result<_, Refusal> = match template.get_untracked() {
            Template::Blank => districts
                .get_untracked()
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| *n <= MAX_DISTRICTS)
                .ok_or(Refusal::Districts)
                .and_then(|n| {
                    templates::blank(id, "", year, n, &|y| lang.plan_title(y), &now)
                        .map_err(Refusal::from)
                }),
            Template::Beijing => templates::beijing(id, "", year, &|y| lang.plan_title(y), &now)
                .map_err(Refusal::from),
            Template::NextYear => {
                let carry = if carry.get_untracked() {
                    Carry::OpenItems
                } else {
                    Carry::Nothing
                };
                board
                    .with_plan(|p| {
                        templates::next_year(p, id, "", carry, &|y| lang.plan_title(y), &now)
                    })
                    .map_err(Refusal::from)
            }
        };
        let result = made.and_then(|plan| {
            board
                .dispatch(Command::ReplacePlan(Box::new(plan)))
                .map_err(Refusal::Command)
        });
        match result {
            Ok(_) => {
                refusal.set(None);
                board
                    .notices
                    .notify(NoticeKind::Info, Message::NewPlanStarted);
                close();
            }
            Err(e) => refusal.set(Some(e)),
        }
    };
    let refusal_text = move || {
        refusal.with(|r| {
            r.as_ref().map(|r| match r {
                Refusal::Districts => {
                    t(Key::ErrDistricts).replace("{max}", &MAX_DISTRICTS.to_string())
                }
                Refusal::Command(e) => lang.get().command_error(e),
            })
        })
    };

    view! {
        <Modal
            on_close=Callback::new(move |_| close())
            labelledby="new-plan-heading"
            class="new-plan-dialog"
            testid="new-plan-dialog"
        >
            <h2 id="new-plan-heading">{move || t(Key::NewPlan)}</h2>
            <form on:submit=move |e| {
                e.prevent_default();
                create();
            }>
                <fieldset>
                    <legend>{move || t(Key::NewPlanFrom)}</legend>
                    {Template::ALL
                        .into_iter()
                        .map(|choice| {
                            view! {
                                <label class="template-choice">
                                    <input
                                        type="radio"
                                        name="template"
                                        value=choice.as_str()
                                        data-template=choice.as_str()
                                        // The focus starts on the choice made.
                                        data-autofocus=(template.get_untracked() == choice).then_some("")
                                        prop:checked=move || template.get() == choice
                                        on:change=move |_| {
                                            template.set(choice);
                                            refusal.set(None);
                                        }
                                    />
                                    {move || t(choice.label())}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <Show when=move || template.get() == Template::Blank>
                    <div class="setup-field">
                        <label for="new-plan-districts">{move || t(Key::DistrictCount)}</label>
                        <input
                            type="number"
                            id="new-plan-districts"
                            name="districts"
                            min="0"
                            max=MAX_DISTRICTS.to_string()
                            size="4"
                            aria-describedby="new-plan-error"
                            prop:value=move || districts.get()
                            on:input=move |e| districts.set(event_target_value(&e))
                        />
                    </div>
                </Show>
                <Show when=move || template.get() == Template::NextYear>
                    <label class="template-option">
                        <input
                            type="checkbox"
                            name="carry"
                            prop:checked=move || carry.get()
                            on:change=move |e| carry.set(event_target_checked(&e))
                        />
                        {move || t(Key::CarryOpenItems)}
                    </label>
                </Show>
                <Show when=move || refusal.with(|r| r.is_some())>
                    <p class="field-error" role="alert" id="new-plan-error">{refusal_text}</p>
                </Show>
                <div class="dialog-actions">
                    <button type="submit" data-testid="new-plan-create">{move || t(Key::CreatePlan)}</button>
                    <button type="button" on:click=move |_| close()>{move || t(Key::Cancel)}</button>
                </div>
            </form>
        </Modal>
    }
}
