//! The board's state, in pieces with one owner each: the open plan and its
//! projection onto cards and columns (`document`), how it is looked at
//! (`view`), saving it (`saving`, `kept`), what the user is told
//! (`notices`) and the plans stored in this browser (`stored`). `Board`
//! ties them into the one path a change takes: event → `Command` →
//! `Editor::apply` → `Touched` → the signals that changed → save.
//! Nothing here renders; it may use `io` and `model`, never another part
//! of `ui`.

mod document;
pub mod kept;
mod notices;
mod saving;
mod start;
pub mod stored;
mod view;

pub use document::{ColumnCell, Document, ItemCell, Layout, PlanHeader, UnitCell};
pub use notices::{Message, Notice, NoticeKind, Notices};
pub use saving::{SaveState, Saving};
pub use start::KeepCopy;
pub use view::ViewState;

use crate::io::storage;
use crate::model::view::{Filter, Grouping};
use crate::model::{load_str, Command, CommandError, Plan, Touched};
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
        };
        board.saving.mark_seen(&doc);
        board
    }

    pub fn embedded_question(&self) -> ReadSignal<Option<Plan>> {
        self.embedded_question.read_only()
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

    pub fn undo(&self) -> Option<Touched> {
        let touched = self.with_layout(|layout| self.doc.undo(layout))?;
        self.changed();
        Some(touched)
    }

    pub fn redo(&self) -> Option<Touched> {
        let touched = self.with_layout(|layout| self.doc.redo(layout))?;
        self.changed();
        Some(touched)
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
    pub fn stored_elsewhere(&self, id: &str, revision: u64) {
        let open = self.with_plan(|p| p.id == id);
        let known = self.saving.seen(id).unwrap_or(0);
        if !open || revision <= known {
            return;
        }
        if self.saving.has_pending() || self.saving.failed() {
            self.saving.ask(revision);
            return;
        }
        if let Some(plan) = storage::plan_text(id).and_then(|t| load_str(&t).ok()) {
            self.adopt(plan);
            self.notices
                .notify(NoticeKind::Info, Message::UpdatedElsewhere);
        }
    }

    /// Opens the newer revision another window saved, leaving this
    /// window's copy as an earlier version.
    pub fn load_newer(&self) {
        let id = self.with_plan(|p| p.id.clone());
        if let Some(plan) = storage::plan_text(&id).and_then(|t| load_str(&t).ok()) {
            self.adopt(plan);
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
