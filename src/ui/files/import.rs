//! Opening plan files: by the file picker, by dropping a file anywhere, or
//! by pasting its text. A refused file says why and leaves the board as it
//! was; an accepted one shows what it would change before anything does.

use crate::i18n::{Key, Lang};
use crate::io::{clock, files, storage};
use crate::model::merge::{diff, merge, Counts, PlanDiff};
use crate::model::{copy_as, load, Command, CommandError, LoadError, Plan};
use crate::ui::dialog::Modal;
use crate::ui::keeping::keeper::Keeper;
use crate::ui::state::Board;
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

#[derive(Clone, Debug, PartialEq)]
pub enum Incoming {
    Refused {
        source: String,
        error: LoadError,
    },
    Ready {
        source: String,
        plan: Box<Plan>,
        diff: PlanDiff,
    },
}

/// The file being opened, shared through context.
#[derive(Clone, Copy)]
pub struct Importer {
    pub incoming: RwSignal<Option<Incoming>>,
    pub merge_error: RwSignal<Option<CommandError>>,
    pub pasting: RwSignal<bool>,
}

impl Importer {
    pub fn new() -> Importer {
        Importer {
            incoming: RwSignal::new(None),
            merge_error: RwSignal::new(None),
            pasting: RwSignal::new(false),
        }
    }

    /// Reads a file's bytes and shows what opening it would do.
    pub fn offer(&self, board: &Board, source: String, bytes: &[u8]) {
        self.merge_error.set(None);
        let incoming = match crate::io::perf::measure("lb:import", || load(bytes)) {
            Err(error) => Incoming::Refused { source, error },
            Ok(plan) => {
                let diff = board.with_plan(|open| diff(open, &plan));
                Incoming::Ready {
                    source,
                    plan: Box::new(plan),
                    diff,
                }
            }
        };
        self.incoming.set(Some(incoming));
    }

    pub fn offer_file(&self, board: Board, file: web_sys::File) {
        let importer = *self;
        spawn_local(async move {
            let name = file.name();
            match files::read_bytes(&file).await {
                Ok(bytes) => importer.offer(&board, name, &bytes),
                Err(why) => importer.incoming.set(Some(Incoming::Refused {
                    source: name,
                    error: LoadError::Syntax {
                        line: 0,
                        column: 0,
                        message: why,
                    },
                })),
            }
        });
    }

    fn close(&self) {
        self.incoming.set(None);
        self.merge_error.set(None);
    }
}

impl Default for Importer {
    fn default() -> Self {
        Importer::new()
    }
}

/// The hidden file input, the drop target (the whole page) and the paste
/// listener.
#[component]
pub fn ImportSources() -> impl IntoView {
    let board = expect_context::<Board>();
    let importer = expect_context::<Importer>();
    let lang = expect_context::<RwSignal<Lang>>();
    let dragging_file = RwSignal::new(false);
    let has_files = |e: &web_sys::DragEvent| {
        e.data_transfer()
            .map(|dt| {
                dt.types()
                    .iter()
                    .any(|t| t.as_string().as_deref() == Some("Files"))
            })
            .unwrap_or(false)
    };
    let over = window_event_listener(ev::dragover, move |e| {
        if has_files(&e) {
            e.prevent_default();
            dragging_file.set(true);
        }
    });
    let leave = window_event_listener(ev::dragleave, move |e| {
        if e.related_target().is_none() {
            dragging_file.set(false);
        }
    });
    let drop = window_event_listener(ev::drop, move |e| {
        dragging_file.set(false);
        let file = e
            .data_transfer()
            .and_then(|dt| dt.files())
            .and_then(|f| f.get(0));
        if let Some(file) = file {
            e.prevent_default();
            importer.offer_file(board, file);
        }
    });
    let paste = window_event_listener(ev::paste, move |e| {
        let in_field = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA"));
        if in_field {
            return;
        }
        let text = e
            .clipboard_data()
            .and_then(|d| d.get_data("text").ok())
            .unwrap_or_default();
        if text.trim_start().starts_with('{') {
            e.prevent_default();
            importer.offer(
                &board,
                lang.get_untracked().t(Key::PasteJson).into(),
                text.as_bytes(),
            );
        }
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
        paste.remove();
    });
    view! {
        <input
            type="file"
            class="visually-hidden"
            id="import-input"
            data-testid="import-input"
            accept=".json,application/json"
            on:change=move |e| {
                let input: web_sys::HtmlInputElement = event_target(&e);
                if let Some(file) = input.files().and_then(|f| f.get(0)) {
                    importer.offer_file(board, file);
                }
                input.set_value("");
            }
        />
        <Show when=move || dragging_file.get()>
            <div class="drop-hint" aria-hidden="true">{move || lang.get().t(Key::DropHint)}</div>
        </Show>
    }
}

/// What a file would do, and the choices: replace, merge, open separately,
/// cancel. Or why it was refused.
#[component]
pub fn ImportDialog() -> impl IntoView {
    let importer = expect_context::<Importer>();
    view! {
        {move || importer.incoming.get().map(|incoming| match incoming {
            Incoming::Refused { source, error } => view! { <Refused source error/> }.into_any(),
            Incoming::Ready { source, plan, diff } => view! { <Preview source plan=*plan diff/> }.into_any(),
        })}
        <PasteDialog/>
    }
}

#[component]
fn Refused(source: String, error: LoadError) -> impl IntoView {
    let importer = expect_context::<Importer>();
    let lang = expect_context::<RwSignal<Lang>>();
    let t = move |k| lang.get().t(k);
    let kind = error.kind();
    let message = move || lang.get().load_error(&error);
    view! {
        <Modal on_close=Callback::new(move |_| importer.close()) labelledby="import-title">
            <h2 id="import-title">{move || t(Key::FileRefused)}</h2>
            <p class="file-name">{source}</p>
            <p class="import-error" role="alert" data-testid="import-error" data-kind=kind>
                {message}
            </p>
            <p>{move || t(Key::BoardUnchanged)}</p>
            <div class="dialog-actions">
                <button type="button" class="primary" data-testid="import-cancel" on:click=move |_| importer.close()>
                    {move || t(Key::Close)}
                </button>
            </div>
        </Modal>
    }
}

#[component]
fn Preview(source: String, plan: Plan, diff: PlanDiff) -> impl IntoView {
    let board = expect_context::<Board>();
    let importer = expect_context::<Importer>();
    let lang = expect_context::<RwSignal<Lang>>();
    let t = move |k| lang.get().t(k);
    let plan = StoredValue::new(plan);
    let title = plan.with_value(|p| p.title.clone());
    let row = move |label: Key, c: Counts, kind: &'static str| {
        view! {
            <tr data-kind=kind data-added=c.added data-changed=c.changed data-removed=c.removed>
                <th scope="row">{move || t(label)}</th>
                <td>{c.added}</td>
                <td>{c.changed}</td>
                <td>{c.removed}</td>
            </tr>
        }
    };
    let note = if diff.identical {
        Key::Identical
    } else if diff.older_revision {
        Key::OlderRevision
    } else if diff.same_plan {
        Key::SamePlan
    } else {
        Key::OtherPlan
    };
    let done = move |key: Key| {
        board.notices.announce(format!(
            "{}: {}",
            lang.get_untracked().t(key),
            plan.with_value(|p| p.title.clone())
        ));
        importer.close();
    };
    let keeper = use_context::<Keeper>();
    let replace = move |_| match board.dispatch(Command::ReplacePlan(Box::new(plan.get_value()))) {
        Ok(_) => {
            // What is open now came from a file: nothing in it is only here.
            board.save_now();
            if let Some(keeper) = keeper {
                keeper.filed(board.doc.header().with_untracked(|h| h.revision));
            }
            done(Key::Imported);
        }
        Err(e) => importer.merge_error.set(Some(e)),
    };
    let merge_in = move |_| {
        let merged = board.with_plan(|open| plan.with_value(|p| merge(open, p)));
        let result = merged
            .map_err(CommandError::from)
            .and_then(|m| board.dispatch(Command::ReplacePlan(Box::new(m))));
        match result {
            Ok(_) => done(Key::Merged),
            Err(e) => importer.merge_error.set(Some(e)),
        }
    };
    let separate = move |_| {
        let p = plan.get_value();
        let taken = board.with_plan(|open| open.id == p.id) || storage::plan_text(&p.id).is_some();
        // A plan of its own: under a new id when this one is taken here.
        let p = if taken {
            copy_as(&p, clock::new_uuid(), "", &clock::now_rfc3339())
        } else {
            p
        };
        match board.dispatch(Command::ReplacePlan(Box::new(p))) {
            Ok(_) => done(Key::Imported),
            Err(e) => importer.merge_error.set(Some(e)),
        }
    };
    view! {
        <Modal on_close=Callback::new(move |_| importer.close()) labelledby="import-title" class="import-preview" testid="import-preview">
            <h2 id="import-title">{move || t(Key::OpenIncoming)}</h2>
            <p class="file-name">{source} " — " <strong>{title}</strong></p>
            <p
                class="import-note"
                class:warning=diff.older_revision
                data-same-plan=diff.same_plan.to_string()
                data-older=diff.older_revision.to_string()
                role=if diff.older_revision { "alert" } else { "status" }
            >
                {move || t(note)}
            </p>
            <table class="diff">
                <thead>
                    <tr>
                        <th></th>
                        <th scope="col">{move || t(Key::Added)}</th>
                        <th scope="col">{move || t(Key::Changed)}</th>
                        <th scope="col">{move || t(Key::Removed)}</th>
                    </tr>
                </thead>
                <tbody>
                    {row(Key::UnitsWord, diff.units, "units")}
                    {row(Key::StagesWord, diff.stages, "stages")}
                    {row(Key::ItemsWord, diff.items, "items")}
                    {row(Key::LinksWord, diff.links, "links")}
                </tbody>
            </table>
            <Show when=move || importer.merge_error.with(Option::is_some)>
                <p class="import-error" role="alert" data-testid="merge-error">
                    {move || importer.merge_error.with(|e| e.as_ref().map(|e| format!("{}: {}", t(Key::MergeRefused), lang.get().command_error(e))))}
                </p>
            </Show>
            <div class="import-choices">
                <button type="button" class="primary" data-testid="import-replace" on:click=replace>
                    {move || t(Key::Replace)}
                    <small>{move || t(Key::ReplaceNote)}</small>
                </button>
                <button type="button" data-testid="import-merge" on:click=merge_in>
                    {move || t(Key::Merge)}
                    <small>{move || t(Key::MergeNote)}</small>
                </button>
                <button type="button" data-testid="import-new" on:click=separate>
                    {move || t(Key::OpenSeparate)}
                </button>
                <button type="button" data-testid="import-cancel" on:click=move |_| importer.close()>
                    {move || t(Key::Cancel)}
                </button>
            </div>
        </Modal>
    }
}

#[component]
fn PasteDialog() -> impl IntoView {
    let board = expect_context::<Board>();
    let importer = expect_context::<Importer>();
    let lang = expect_context::<RwSignal<Lang>>();
    let t = move |k| lang.get().t(k);
    let text = RwSignal::new(String::new());
    view! {
        <Show when=move || importer.pasting.get()>
            <Modal on_close=Callback::new(move |_| importer.pasting.set(false)) labelledby="paste-title">
                <h2 id="paste-title">{move || t(Key::PasteJson)}</h2>
                <label class="field">
                    <span>{move || t(Key::PasteHint)}</span>
                    <textarea
                        rows="10"
                        data-testid="paste-input"
                        prop:value=move || text.get()
                        on:input=move |e| text.set(event_target_value(&e))
                    ></textarea>
                </label>
                <div class="dialog-actions">
                    <button type="button" on:click=move |_| importer.pasting.set(false)>{move || t(Key::Cancel)}</button>
                    <button
                        type="button"
                        class="primary"
                        data-testid="paste-read"
                        on:click=move |_| {
                            importer.pasting.set(false);
                            let source = lang.get_untracked().t(Key::PasteJson).to_string();
                            importer.offer(&board, source, text.get_untracked().as_bytes());
                        }
                    >
                        {move || t(Key::ReadPasted)}
                    </button>
                </div>
            </Modal>
        </Show>
    }
}
