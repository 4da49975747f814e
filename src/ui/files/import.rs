//! Where plan files come from: the file picker (one file or several), files
//! dropped anywhere on the page, or pasted text. Each file is read and
//! compared with the open plan; the preview (`preview.rs`) shows what
//! opening or merging them would do before anything does.

use crate::i18n::{Key, Lang};
use crate::io::files;
use crate::model::merge::{diff, PlanDiff};
use crate::model::{
    load, plan_return, Choice, CommandError, LoadError, Plan, ReturnError, ReturnPreview,
};
use crate::ui::dialog::Modal;
use crate::ui::state::Board;
use crate::ui::state::Language;
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;
use wasm_bindgen::JsCast;

/// A file read and compared with the open plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Offered {
    pub plan: Plan,
    /// What replacing the open plan with it would change.
    pub diff: PlanDiff,
    /// What merging it would do, record by record.
    pub preview: ReturnPreview,
}

/// One file of those being opened: its name and what it holds, or why it
/// cannot be opened.
#[derive(Clone, Debug, PartialEq)]
pub struct Submission {
    pub source: String,
    pub outcome: Result<Box<Offered>, LoadError>,
}

impl Submission {
    fn read(open: &Plan, source: String, bytes: &[u8]) -> Submission {
        let outcome = crate::io::perf::measure("lb:import", || load(bytes)).map(|plan| {
            Box::new(Offered {
                diff: diff(open, &plan),
                preview: plan_return(open, &plan),
                plan,
            })
        });
        Submission { source, outcome }
    }
}

/// Why a merge did not happen.
#[derive(Clone, Debug, PartialEq)]
pub enum MergeRefusal {
    Return(ReturnError),
    Command(CommandError),
}

impl MergeRefusal {
    pub fn words(&self, lang: Lang) -> String {
        match self {
            MergeRefusal::Return(e) => lang.return_error(e),
            MergeRefusal::Command(e) => lang.command_error(e),
        }
    }
}

/// The files being opened, shared through context.
#[derive(Clone, Copy)]
pub struct Importer {
    incoming: RwSignal<Option<Vec<Submission>>>,
    /// What to do with each change, by file (its place in `incoming`) and
    /// record (`"<collection>/<id>"`).
    choices: RwSignal<HashMap<(usize, String), Choice>>,
    merge_error: RwSignal<Option<MergeRefusal>>,
    pasting: RwSignal<bool>,
}

impl Importer {
    pub fn new() -> Importer {
        Importer {
            incoming: RwSignal::new(None),
            choices: RwSignal::new(HashMap::new()),
            merge_error: RwSignal::new(None),
            pasting: RwSignal::new(false),
        }
    }

    /// Reads the files being opened, each with what opening it would do.
    pub fn with_incoming<R>(&self, f: impl FnOnce(&Option<Vec<Submission>>) -> R) -> R {
        self.incoming.with(f)
    }

    /// Reads the files being opened, without tracking.
    pub fn with_incoming_untracked<R>(&self, f: impl FnOnce(&Option<Vec<Submission>>) -> R) -> R {
        self.incoming.with_untracked(f)
    }

    /// Reads what to do with each change, by file and record.
    pub fn with_choices<R>(&self, f: impl FnOnce(&HashMap<(usize, String), Choice>) -> R) -> R {
        self.choices.with(f)
    }

    /// What to do with each change, read without tracking.
    pub fn choices_untracked(&self) -> HashMap<(usize, String), Choice> {
        self.choices.get_untracked()
    }

    /// Reads why the last merge was refused, until a choice changes.
    pub fn with_merge_error<R>(&self, f: impl FnOnce(&Option<MergeRefusal>) -> R) -> R {
        self.merge_error.with(f)
    }

    /// Whether the paste box is open.
    pub fn pasting(&self) -> bool {
        self.pasting.get()
    }

    /// Opens the box to paste a plan's JSON into.
    pub fn open_paste(&self) {
        self.pasting.set(true);
    }

    /// Closes the paste box.
    pub fn close_paste(&self) {
        self.pasting.set(false);
    }

    /// Does `to` with the change `slot` (a file's place and a record).
    pub fn choose(&self, slot: (usize, String), to: Choice) {
        self.merge_error.set(None);
        self.choices.update(|c| {
            c.insert(slot, to);
        });
    }

    /// Says why the merge did not go through.
    pub fn refuse_merge(&self, why: MergeRefusal) {
        self.merge_error.set(Some(why));
    }

    /// Shows what opening these files would do; every change starts at
    /// its default choice.
    fn show(&self, submissions: Vec<Submission>) {
        let mut choices = HashMap::new();
        for (i, s) in submissions.iter().enumerate() {
            if let Ok(offered) = &s.outcome {
                for c in &offered.preview.changes {
                    choices.insert((i, c.key()), c.choice);
                }
            }
        }
        self.merge_error.set(None);
        self.choices.set(choices);
        self.incoming.set(Some(submissions));
    }

    /// Reads one file's bytes (or pasted text) and shows what opening it
    /// would do.
    pub fn offer(&self, board: &Board, source: String, bytes: &[u8]) {
        let submission = board.with_plan(|open| Submission::read(open, source, bytes));
        self.show(vec![submission]);
    }

    /// Reads the files picked or dropped together and shows them in one
    /// preview.
    pub fn offer_files(&self, board: Board, list: Vec<web_sys::File>) {
        if list.is_empty() {
            return;
        }
        let importer = *self;
        spawn_local(async move {
            let mut submissions = Vec::with_capacity(list.len());
            for file in list {
                let source = file.name();
                let submission = match files::read_bytes(&file).await {
                    Ok(bytes) => board.with_plan(|open| Submission::read(open, source, &bytes)),
                    Err(why) => Submission {
                        source,
                        outcome: Err(LoadError::Unreadable { why }),
                    },
                };
                submissions.push(submission);
            }
            importer.show(submissions);
        });
    }

    pub fn close(&self) {
        self.incoming.set(None);
        self.choices.set(HashMap::new());
        self.merge_error.set(None);
    }
}

impl Default for Importer {
    fn default() -> Self {
        Importer::new()
    }
}

fn file_list(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default()
}

/// The hidden file input, the drop target (the whole page) and the paste
/// listener.
#[component]
pub fn ImportSources() -> impl IntoView {
    let board = expect_context::<Board>();
    let importer = expect_context::<Importer>();
    let lang = expect_context::<Language>();
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
        let dropped = file_list(e.data_transfer().and_then(|dt| dt.files()));
        if !dropped.is_empty() {
            e.prevent_default();
            importer.offer_files(board, dropped);
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
            // The "Open file" button is the way in from the keyboard; the
            // input keeps its own name for when that button is hidden.
            tabindex="-1"
            aria-label=move || lang.get().t(Key::OpenFile)
            accept=".json,application/json"
            multiple
            on:change=move |e| {
                let input: web_sys::HtmlInputElement = event_target(&e);
                importer.offer_files(board, file_list(input.files()));
                input.set_value("");
            }
        />
        <Show when=move || dragging_file.get()>
            <div class="drop-hint" aria-hidden="true">{move || lang.get().t(Key::DropHint)}</div>
        </Show>
    }
}

/// Pasting a plan's text.
#[component]
pub fn PasteDialog() -> impl IntoView {
    let board = expect_context::<Board>();
    let importer = expect_context::<Importer>();
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    let text = RwSignal::new(String::new());
    view! {
        <Show when=move || importer.pasting()>
            <Modal on_close=Callback::new(move |_| importer.close_paste()) labelledby="paste-title">
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
                    <button type="button" on:click=move |_| importer.close_paste()>{move || t(Key::Cancel)}</button>
                    <button
                        type="button"
                        class="primary"
                        data-testid="paste-read"
                        on:click=move |_| {
                            importer.close_paste();
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
