//! Opening the board: the plan stored as the open one, the plan a
//! standalone file carries, or the demo on a first visit; and the questions
//! that opening may leave (which copy to keep).

use super::kept;
use super::{Board, Message, Notice, NoticeKind};
use crate::io::{clock, perf, standalone, storage};
use crate::model::{load_str, Command, Plan};
use leptos::prelude::*;

/// What the user answers when a standalone file's plan is older than this
/// browser's copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeepCopy {
    /// Open the file's copy (the browser's is kept as an earlier version).
    File,
    /// Keep the browser's copy.
    Browser,
}

impl Board {
    /// Opens the plan stored in this browser, or the demo plan on a first
    /// visit. A stored plan that no longer opens is kept, never overwritten.
    pub fn start(demo: impl FnOnce() -> Plan) -> Board {
        let mut notices = Vec::new();
        kept::adopt_old_backups();
        let stored = stored_plan(&mut notices);
        // The text of the plan opened from storage, if that is what opens.
        let mut base = None;
        let mut from_storage = |stored: Option<(Plan, String)>| {
            stored.map(|(plan, text)| {
                base = Some(text);
                plan
            })
        };
        // A standalone file opens the plan it carries, unless this browser
        // already holds a newer revision of it: then it asks, and opens the
        // browser's copy meanwhile, overwriting nothing.
        let mut question = None;
        let mut from_file = false;
        let plan = match standalone::embedded_plan_text().map(|t| load_str(&t)) {
            Some(Ok(embedded)) => {
                let browser = storage::plan_text(&embedded.id).and_then(|t| load_str(&t).ok());
                let asked = storage::preference(&embedded_key(&embedded)).is_some();
                match browser {
                    Some(b) if b.revision.unwrap_or(0) > embedded.revision.unwrap_or(0) => {
                        if !asked {
                            question = Some(embedded);
                        }
                        Some(b)
                    }
                    _ => {
                        from_file = true;
                        Some(embedded)
                    }
                }
            }
            Some(Err(error)) => {
                notices.push(Notice {
                    id: 2,
                    kind: NoticeKind::Warning,
                    message: Message::EmbeddedUnreadable { error },
                });
                from_storage(stored)
            }
            None => from_storage(stored),
        };
        let fresh = plan.is_none();
        let board = Board::new(plan.unwrap_or_else(demo));
        // What another window's newer revision is merged against.
        if let Some(text) = base {
            board.saving.set_base(text);
        }
        for notice in notices {
            board.notices.notify(notice.kind, notice.message);
        }
        board.embedded_question.set(question);
        if fresh || from_file {
            board.save_now();
        }
        board
    }

    /// Answers the standalone file's question.
    pub fn answer_embedded(&self, keep: KeepCopy) {
        let Some(embedded) = self.embedded_question.get_untracked() else {
            return;
        };
        storage::set_preference(&embedded_key(&embedded), "answered");
        self.embedded_question.set(None);
        if keep == KeepCopy::File {
            // The browser's copy is kept as a snapshot (see `dispatch`).
            if let Err(error) = self.dispatch(Command::ReplacePlan(Box::new(embedded))) {
                self.notices
                    .notify(NoticeKind::Warning, Message::Refused { error });
            }
        }
    }
}

/// The plan stored as the open one, if it opens; one that does not is kept
/// under its own key and reported.
fn stored_plan(notices: &mut Vec<Notice>) -> Option<(Plan, String)> {
    let id = storage::current_plan_id()?;
    let text = storage::plan_text(&id)?;
    match perf::measure("lb:load", || load_str(&text)) {
        Ok(plan) => Some((plan, text)),
        Err(error) => {
            let kept = storage::keep_unreadable(&id, &text, &clock::now_rfc3339())
                .unwrap_or_else(|e| format!("({e})"));
            notices.push(Notice {
                id: 1,
                kind: NoticeKind::Warning,
                message: Message::StoredPlanUnreadable {
                    error,
                    kept_under: kept,
                },
            });
            None
        }
    }
}

/// The preference that remembers a standalone file's question was answered.
fn embedded_key(plan: &Plan) -> String {
    format!("embedded:{}:{}", plan.id, plan.revision.unwrap_or(0))
}
