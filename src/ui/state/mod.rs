//! The board's state, in pieces with one owner each: the open plan and its
//! projection onto cards and columns (`document`), how it is looked at
//! (`view`), saving it (`saving`, `kept`), what the user is told
//! (`notices`) and the plans stored in this browser (`stored`). `Board`
//! ties them into the one path a change takes: event → `Command` →
//! `Editor::apply` → `Touched` → the signals that changed → save.
//! Nothing here renders; it may use `io` and `model`, never another part
//! of `ui`.

mod document;
mod drafts;
pub mod kept;
mod language;
mod notices;
mod saving;
mod start;
pub mod stored;
mod view;

pub use document::{ColumnCell, Document, ItemCell, Layout, PlanHeader, UnitCell};
pub use drafts::{keep_fields, kept_fields, Drafts, KeptFields};
pub use language::{Language, LanguageSwitch};
pub use notices::{Message, Notice, NoticeKind, Notices, Step};
pub use saving::{SaveState, Saving};
pub use start::KeepCopy;
pub use view::{Shown, ViewState, ALL_COLUMNS};

use crate::io::storage;
use crate::model::rules::Collection;
use crate::model::view::{Filter, Grouping};
use crate::model::windows::{merge_windows, settle_windows, WindowMerge};
use crate::model::{
    load_str, Choice, Command, CommandError, Plan, ReturnError, ReturnPreview, Touched,
};
use leptos::prelude::*;

/// The open plan and everything the board shows of it.
#[derive(Clone, Copy)]
pub struct Board {
    pub doc: Document,
    pub view: ViewState,
    pub saving: Saving,
    pub notices: Notices,
    /// A standalone file's plan that is older than this browser's copy of
    /// the same plan: shown until the user chooses which to keep.
    embedded_question: RwSignal<Option<Plan>>,
    /// Records both this window and another changed: asked record by
    /// record before anything is saved.
    window_question: RwSignal<Option<WindowQuestion>>,
}

/// Why the other window's revision could not be merged yet.
#[derive(Clone, Debug, PartialEq)]
pub enum WindowMergeError {
    /// A record is not settled yet, or the merge would break a rule.
    Merge(ReturnError),
    Refused(CommandError),
}

/// What merging another window's newer revision asks.
#[derive(Clone, Debug, PartialEq)]
pub struct WindowQuestion {
    /// Every record the other window changed, the conflicts to settle.
    pub preview: ReturnPreview,
    base: Box<Plan>,
    theirs: Box<Plan>,
    text: String,
}

impl Board {
    pub fn new(plan: Plan) -> Board {
        let view = ViewState::new();
        let doc = view.filter().with_untracked(|filter| {
            Document::new(
                plan,
                &Layout {
                    grouping: view.grouping().get_untracked(),
                    filter,
                },
            )
        });
        let board = Board {
            doc,
            view,
            saving: Saving::new(),
            notices: Notices::new(Vec::new()),
            embedded_question: RwSignal::new(None),
            window_question: RwSignal::new(None),
        };
        board.saving.mark_seen(&doc);
        board
            .saving
            .on_newer(Callback::new(move |revision| board.take_in_newer(revision)));
        board
    }

    pub fn embedded_question(&self) -> ReadSignal<Option<Plan>> {
        self.embedded_question.read_only()
    }

    pub fn window_question(&self) -> ReadSignal<Option<WindowQuestion>> {
        self.window_question.read_only()
    }

    /// Reads the plan without tracking.
    pub fn with_plan<R>(&self, f: impl FnOnce(&Plan) -> R) -> R {
        self.doc.with_plan(f)
    }

    /// Runs `f` with the layout the view state asks for.
    fn with_layout<R>(&self, f: impl FnOnce(&Layout) -> R) -> R {
        let grouping = self.view.grouping().get_untracked();
        self.view
            .filter()
            .with_untracked(|filter| f(&Layout { grouping, filter }))
    }

    /// What to ask before `cmd` goes through (the model's answer, on the
    /// plan and tallies as they are).
    pub fn questions(&self, cmd: &Command) -> Vec<crate::model::ask::Question> {
        self.with_plan(|p| {
            self.doc
                .with_tallies(|t| crate::model::ask::questions(p, t, cmd))
        })
    }

    /// The one way the board changes the plan.
    pub fn dispatch(&self, cmd: Command) -> Result<Touched, CommandError> {
        // Switching to another plan: what is pending for this one is saved
        // first, under its own id.
        if let Command::ReplacePlan(next) = &cmd {
            if self.with_plan(|p| p.id != next.id) && self.saving.has_pending() {
                self.save_now();
            }
            // What is open now stays restorable.
            self.with_plan(kept::before_replace);
        }
        let touched = self.with_layout(|layout| self.doc.apply(cmd, layout))?;
        self.changed();
        Ok(touched)
    }

    /// Takes the last change back: `Ok(None)` when there is nothing to
    /// undo; a step that no longer applies is refused with why, the plan
    /// as it was and the rest of the history kept.
    pub fn undo(&self) -> Result<Option<Touched>, CommandError> {
        let touched = self.with_layout(|layout| self.doc.undo(layout))?;
        if touched.is_some() {
            self.changed();
        }
        Ok(touched)
    }

    pub fn redo(&self) -> Result<Option<Touched>, CommandError> {
        let touched = self.with_layout(|layout| self.doc.redo(layout))?;
        if touched.is_some() {
            self.changed();
        }
        Ok(touched)
    }

    /// After any change: the view forgets a card that is gone, and the
    /// plan is saved a moment later.
    fn changed(&self) {
        self.view.forget_missing(|id| self.doc.item(id).is_some());
        self.saving.schedule(self.doc);
    }

    /// Opens `plan` in place of the open one, with a fresh history (a newer
    /// copy saved by another window, or this window's copy kept under a new
    /// id). What was open stays restorable, as before any replace.
    pub fn adopt(&self, plan: Plan) {
        self.with_plan(kept::before_replace);
        self.with_layout(|layout| self.doc.replace(plan, layout));
        self.view.forget_missing(|id| self.doc.item(id).is_some());
        self.saving.settled(&self.doc);
    }

    /// Another window saved `revision` of plan `id`. Takes it in when this
    /// window has nothing unsaved; otherwise asks.
    ///
    /// Windows write the same storage without a lock, so two saves can
    /// cross: an older copy can land after this window's newer one. This
    /// window then writes its own again, and the other takes it in.
    pub fn stored_elsewhere(&self, id: &str, revision: u64) {
        let open = self.with_plan(|p| p.id == id);
        let known = self.saving.seen(id).unwrap_or(0);
        if !open {
            return;
        }
        if revision < known {
            if !self.saving.has_pending() {
                self.save_now();
            }
            return;
        }
        if revision == known {
            return;
        }
        if self.saving.has_pending() || self.saving.failed() {
            self.take_in_newer(revision);
            return;
        }
        if let Some(text) = storage::plan_text(id) {
            let Ok(plan) = load_str(&text) else { return };
            // The plan's text can trail its revision in this window's view
            // of storage (a write of this window's own still on its way):
            // the newer text comes with a storage event of its own.
            if plan.revision.unwrap_or(0) > known {
                self.adopt(plan);
                self.saving.set_base(text);
                self.notices
                    .notify(NoticeKind::Info, Message::UpdatedElsewhere);
            }
        }
    }

    /// Another window saved `revision` while this one has changes of its
    /// own: the two are merged record by record against the revision both
    /// started from. Only records both changed are asked about; nothing
    /// is written until then.
    fn take_in_newer(&self, revision: u64) {
        let id = self.with_plan(|p| p.id.clone());
        let read = |text: Option<String>| {
            let text = text?;
            let plan = load_str(&text).ok()?;
            Some((plan, text))
        };
        let (Some((base, _)), Some((theirs, text))) =
            (read(self.saving.base()), read(storage::plan_text(&id)))
        else {
            self.saving.ask(revision);
            return;
        };
        // Their text trails the revision they announced (see
        // `stored_elsewhere`): it comes with a storage event of its own.
        if theirs.revision.unwrap_or(0) < revision {
            return;
        }
        let ours = self.with_plan(Plan::clone);
        match merge_windows(&base, &ours, &theirs) {
            WindowMerge::Merged(merged) => {
                self.saving.took_in(&id, revision, text);
                self.window_question.set(None);
                match self.dispatch(Command::ReplacePlan(merged)) {
                    Ok(_) => self
                        .notices
                        .notify(NoticeKind::Info, Message::MergedElsewhere),
                    Err(error) => self
                        .notices
                        .notify(NoticeKind::Warning, Message::Refused { error }),
                }
            }
            WindowMerge::Ask(preview) => {
                self.window_question.set(Some(WindowQuestion {
                    preview: *preview,
                    base: Box::new(base),
                    theirs: Box::new(theirs),
                    text,
                }));
                self.saving.ask(revision);
            }
        }
    }

    /// Settles one record both windows changed.
    pub fn choose_in_window_merge(&self, collection: Collection, id: &str, choice: Choice) {
        self.window_question.update(|q| {
            if let Some(q) = q {
                q.preview.choose(collection, id, choice);
            }
        });
    }

    /// Merges the other window's revision once every record is settled.
    pub fn finish_window_merge(&self) -> Result<(), WindowMergeError> {
        let Some(q) = self.window_question.get_untracked() else {
            return Ok(());
        };
        let ours = self.with_plan(Plan::clone);
        let merged = settle_windows(&ours, &q.theirs, &q.base, &q.preview)
            .map_err(WindowMergeError::Merge)?;
        let revision = q.theirs.revision.unwrap_or(0);
        self.saving.took_in(&ours.id, revision, q.text);
        self.window_question.set(None);
        self.dispatch(Command::ReplacePlan(Box::new(merged)))
            .map_err(WindowMergeError::Refused)?;
        Ok(())
    }

    /// Opens the newer revision another window saved, leaving this
    /// window's copy as an earlier version.
    pub fn load_newer(&self) {
        let id = self.with_plan(|p| p.id.clone());
        let Some(text) = storage::plan_text(&id) else {
            // Deleted meanwhile: this window's copy is all there is.
            self.notices
                .notify(NoticeKind::Warning, Message::NotOpened { error: None });
            return;
        };
        match load_str(&text) {
            Ok(plan) => {
                self.adopt(plan);
                self.saving.set_base(text);
                self.window_question.set(None);
            }
            Err(error) => self.notices.notify(
                NoticeKind::Warning,
                Message::NotOpened { error: Some(error) },
            ),
        }
    }

    /// Saves at once (also when the page is hidden or closed).
    pub fn save_now(&self) {
        self.saving.save_now(&self.doc);
    }

    pub fn set_grouping(&self, grouping: Grouping) {
        if self.view.set_grouping(grouping) {
            self.with_layout(|layout| self.doc.relayout(layout));
        }
    }

    pub fn set_filter(&self, filter: Filter) {
        if self.view.set_filter(filter) {
            self.with_layout(|layout| self.doc.relayout(layout));
        }
    }
}
