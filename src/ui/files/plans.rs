//! The plans kept in this browser (open, rename, duplicate, delete), the
//! exports, and (in `keeping_panel`) how the plan is kept safe.

use super::exports::Exports;
use super::returns::ReturnsList;
use crate::i18n::{Key, Lang};
use crate::io::storage::StorageError;
use crate::io::{clock, storage};
use crate::model::{load_str, Command};
use crate::ui::dom;
use crate::ui::keeping::meeting::{meeting_started, start_meeting, Comparing, Request};
use crate::ui::keeping::panel::KeepingSection;
use crate::ui::state::stored::{stored_plans, Stored, StoredError};
use crate::ui::state::Board;
use crate::ui::state::Language;
use leptos::prelude::*;

/// `open` is the toolbar's: its button opens the panel, the panel closes itself;
/// both sides write it, so it is the two-way prop they share.
#[component]
pub fn PlansPanel(open: RwSignal<bool>) -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    // Re-read storage whenever the panel opens, the plan is saved or the
    // list itself changed a stored plan.
    let relist = Trigger::new();
    let plans = Memo::new(move |_| {
        relist.track();
        board.saving.state().track();
        board.doc.header().track();
        if open.get() {
            stored_plans()
        } else {
            Vec::new()
        }
    });
    let confirming: RwSignal<Option<String>> = RwSignal::new(None);
    let renaming: RwSignal<Option<(String, String)>> = RwSignal::new(None);
    // Why the last change from the list did not happen (which plan, why).
    let refusal: RwSignal<Option<(String, StoredError)>> = RwSignal::new(None);
    let outcome = move |id: String, result: Result<(), StoredError>| match result {
        Ok(()) => {
            refusal.set(None);
            relist.notify();
        }
        Err(e) => refusal.set(Some((id, e))),
    };
    let open_plan = move |id: String| {
        let result = board.open_plan(&id);
        outcome(id, result);
    };
    let duplicate = move |id: String| {
        let result = board.duplicate_plan(&id, lang.get_untracked().t(Key::CopySuffix));
        outcome(id, result);
    };
    let delete = move |id: String| {
        confirming.set(None);
        let is_open = board.with_plan(|p| p.id == id);
        if is_open {
            // Open another stored plan, or a new empty one, first.
            let next = storage::plan_ids().into_iter().find(|other| other != &id);
            let plan = next
                .and_then(|n| storage::plan_text(&n))
                .and_then(|t| load_str(&t).ok())
                .unwrap_or_else(|| {
                    crate::model::new_plan(
                        clock::new_uuid(),
                        lang.get_untracked().t(Key::NewPlanTitle).to_string(),
                        clock::this_year(),
                        &clock::now_rfc3339(),
                    )
                });
            if let Err(e) = board.dispatch(Command::ReplacePlan(Box::new(plan))) {
                refusal.set(Some((id, StoredError::Refused(e))));
                return;
            }
            board.save_now();
        }
        storage::delete_plan(&id);
        relist.notify();
    };
    let rename = move || {
        let Some((id, title)) = renaming.get_untracked() else {
            return;
        };
        match board.rename_plan(&id, &title) {
            Ok(()) => {
                renaming.set(None);
                outcome(id, Ok(()));
            }
            // The field stays open with what was typed, and says why.
            Err(e) => outcome(id, Err(e)),
        }
    };
    view! {
        <Show when=move || open.get()>
            <aside class="plans-panel" data-testid="plans" aria-label=move || t(Key::Plans)>
                <header class="details-head">
                    <h2>{move || t(Key::PlansTitle)}</h2>
                    <button type="button" class="dismiss" aria-label=move || t(Key::Close) on:click=move |_| open.set(false)>"×"</button>
                </header>
                <Meeting/>
                <ul class="plan-list">
                    <For each=move || plans.get() key=|p| p.clone() let:p>
                        <PlanEntry
                            p
                            confirming
                            renaming
                            on_open=Callback::new(open_plan)
                            on_duplicate=Callback::new(duplicate)
                            on_delete=Callback::new(delete)
                            on_rename=Callback::new(move |_: ()| rename())
                            refusal
                        />
                    </For>
                </ul>
                <CompareFile/>
                <h3>{move || t(Key::Exports)}</h3>
                <Exports/>
                <ReturnsList/>
                <KeepingSection plans=Signal::derive(move || plans.get())/>
            </aside>
        </Show>
    }
}

/// Why a change to a stored plan did not happen, in the reader's words.
fn refusal_words(lang: Lang, e: &StoredError) -> String {
    match e {
        StoredError::Gone => lang.t(Key::PlanGone).to_string(),
        StoredError::Refused(e) => lang.command_error(e),
        StoredError::Storage(StorageError::Full) => lang.t(Key::StorageFull).to_string(),
        StoredError::Storage(StorageError::Failed(why)) => {
            format!("{}: {why}", lang.t(Key::StorageFailed))
        }
    }
}

#[component]
fn PlanEntry(
    p: Stored,
    confirming: RwSignal<Option<String>>,
    renaming: RwSignal<Option<(String, String)>>,
    on_open: Callback<String>,
    on_duplicate: Callback<String>,
    on_delete: Callback<String>,
    on_rename: Callback<()>,
    refusal: RwSignal<Option<(String, StoredError)>>,
) -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    let id = StoredValue::new(p.id.clone());
    let is_open = Memo::new(move |_| board.doc.header().with(|h| id.with_value(|id| h.id == *id)));
    let is_renaming =
        move || renaming.with(|r| r.as_ref().is_some_and(|(r, _)| id.with_value(|id| r == id)));
    let is_confirming = move || confirming.with(|c| id.with_value(|id| c.as_ref() == Some(id)));
    // The field takes the focus when renaming starts (its text selected, as
    // a file name is); Esc or a rename done gives it back to the button.
    let field: NodeRef<leptos::html::Input> = NodeRef::new();
    let rename_button: NodeRef<leptos::html::Button> = NodeRef::new();
    Effect::new(move || {
        if let Some(el) = field.get() {
            dom::focus(&el, dom::Scroll::Keep);
            el.select();
        }
    });
    let stored_title = StoredValue::new(p.title.clone());
    let back_to_button = move || {
        if let Some(button) = rename_button.get_untracked() {
            dom::focus(&button, dom::Scroll::Keep);
        }
    };
    let title = p.title.clone();
    let summary = move || {
        view! {
            <p class="plan-entry-title">
                <strong>{title.clone()}</strong>
                " · r" {p.revision}
                {p.updated.map(|ms| view! { " · " {move || lang.get().date_time(clock::local(ms as f64))} })}
                <Show when=move || is_open.get()>
                    <span class="badge">{move || t(Key::OpenNow)}</span>
                </Show>
            </p>
        }
    };
    view! {
        <li class="plan-entry" data-plan=id.get_value() class:current=move || is_open.get()>
            <Show when=is_renaming fallback=summary>
                <input
                    type="text"
                    data-testid="rename-input"
                    aria-label=move || t(Key::RenameField)
                    node_ref=field
                    prop:value=move || renaming.with(|r| r.as_ref().map(|(_, t)| t.clone()).unwrap_or_default())
                    on:input=move |e| renaming.update(|r| {
                        if let Some((_, t)) = r {
                            *t = event_target_value(&e);
                        }
                    })
                    // Leaving the field with a changed name puts it in, as
                    // Enter does; left as it was, it stays open (closing it
                    // would move the list under the pointer mid-click).
                    on:blur=move |e| {
                        if is_renaming() && event_target_value(&e) != stored_title.get_value() {
                            on_rename.run(());
                        }
                    }
                    on:keydown=move |e| {
                        if dom::composing(&e) {
                            return;
                        }
                        match e.key().as_str() {
                            "Enter" => {
                                // The key must not go on to click the
                                // rename button the focus returns to,
                                // which would open the field again.
                                e.prevent_default();
                                on_rename.run(());
                                if renaming.with_untracked(Option::is_none) {
                                    back_to_button();
                                }
                            }
                            // Esc puts the stored title back and stays; a
                            // second Esc closes the field.
                            "Escape" => {
                                e.prevent_default();
                                if dom::esc_restores(&e, &stored_title.get_value()) {
                                    return;
                                }
                                renaming.set(None);
                                back_to_button();
                            }
                            _ => {}
                        }
                    }
                />
            </Show>
            <div class="plan-actions">
                <button type="button" data-action="open" on:click=move |_| on_open.run(id.get_value())>{move || t(Key::OpenPlan)}</button>
                <button type="button" data-action="rename" node_ref=rename_button on:click={
                    let title = p.title.clone();
                    move |_| renaming.set(Some((id.get_value(), title.clone())))
                }>{move || t(Key::Rename)}</button>
                <button type="button" data-action="compare" aria-haspopup="dialog" on:click={
                    let title = p.title.clone();
                    move |_| {
                        expect_context::<Comparing>().ask(Request::Stored(id.get_value(), title.clone()));
                    }
                }>{move || t(Key::CompareWithNow)}</button>
                <button type="button" data-action="duplicate" on:click=move |_| on_duplicate.run(id.get_value())>{move || t(Key::Duplicate)}</button>
                <button type="button" class="danger" data-action="delete" on:click=move |_| confirming.set(Some(id.get_value()))>{move || t(Key::Delete)}</button>
            </div>
            {move || {
                refusal.with(|r| {
                    r.as_ref()
                        .filter(|(of, _)| id.with_value(|id| of == id))
                        .map(|(_, e)| view! {
                            <p class="field-error" role="alert" data-testid="plan-refused">{refusal_words(lang.get(), e)}</p>
                        })
                })
            }}
            <Show when=is_confirming>
                <p class="confirm" role="alert">
                    {move || t(Key::ConfirmDelete)}
                    <button type="button" class="danger" data-testid="confirm-delete" on:click=move |_| on_delete.run(id.get_value())>{move || t(Key::Yes)}</button>
                    <button type="button" on:click=move |_| confirming.set(None)>{move || t(Key::No)}</button>
                </p>
            </Show>
        </li>
    }
}

/// The meeting: mark its start, and see what it decided so far.
#[component]
fn Meeting() -> impl IntoView {
    let board = expect_context::<Board>();
    let comparing = expect_context::<Comparing>();
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    let started = RwSignal::new(None::<f64>);
    Effect::new(move |_| {
        let id = board.doc.header().with(|h| h.id.clone());
        started.set(meeting_started(&id));
    });
    let since = move || {
        started.get().map(|ms| {
            let lang = lang.get();
            lang.t(Key::MeetingStartedAt)
                .replace("{time}", &lang.date_time(clock::local(ms)))
        })
    };
    view! {
        <div class="plan-actions meeting-actions">
            <button type="button" data-testid="start-meeting" on:click=move |_| {
                if let Some(at) = start_meeting(&board) {
                    started.set(Some(at));
                }
            }>
                {move || t(Key::StartMeeting)}
            </button>
            <button type="button" data-testid="compare-since-start" aria-haspopup="dialog"
                on:click=move |_| comparing.ask(Request::SinceStart)
            >
                {move || t(Key::CompareSinceStart)}
            </button>
        </div>
        <p class="hint" role="status" data-testid="meeting-started"
            data-started=move || started.get().map(|ms| (ms as u64).to_string()).unwrap_or_default()
        >
            {since}
        </p>
    }
}

/// Compare the open plan with a plan file (read, never imported); a file
/// that is not a plan is refused with the loader's words.
#[component]
fn CompareFile() -> impl IntoView {
    let comparing = expect_context::<Comparing>();
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    let chosen = move |e: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        let Some(file) = input.files().and_then(|l| l.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let name = file.name();
            match crate::io::files::read_bytes(&file).await {
                Ok(bytes) => comparing.ask(Request::File(name, bytes)),
                Err(why) => comparing.refuse(Some((
                    name,
                    Some(crate::model::LoadError::Unreadable { why }),
                ))),
            }
        });
    };
    view! {
        <label class="field compare-file">
            <span>{move || t(Key::CompareWithFile)}</span>
            <input type="file" accept=".json,application/json" data-testid="compare-file" on:change=chosen/>
        </label>
        {move || comparing.refused().map(|(name, e)| view! {
            <p class="field-error" role="alert" data-testid="compare-refused">
                {name} ": "
                {e.as_ref().map_or_else(|| lang.get().t(Key::PlanGone).to_string(), |e| lang.get().load_error(e))}
            </p>
        })}
    }
}
