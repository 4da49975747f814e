//! What every part of the matrix shares: the sums, the lines, the cursor,
//! the edited cell and the question, and what an edit does.

use super::question::Question;
use super::rows::{RowState, Rows};
use super::scroller::Scroller;
use crate::i18n::Key;
use crate::io::perf;
use crate::model::matrix::{self, CellEdit, CellOutcome, Line, Sums};
use crate::model::{Amount, Command};
use crate::model::{ItemId, UnitId};
use crate::ui::dom;
use crate::ui::state::Board;
use crate::ui::state::Language;
use leptos::prelude::*;

/// The cell being edited.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Editing {
    pub(super) item: ItemId,
    pub(super) unit: UnitId,
}

#[derive(Clone, Copy)]
pub(super) struct Ctx {
    pub(super) board: Board,
    pub(super) lang: Language,
    /// The sums, with the change they are up to date with.
    pub(super) sums: Memo<(u64, Sums)>,
    pub(super) columns: Memo<Vec<UnitId>>,
    pub(super) lines: Memo<Vec<Line>>,
    pub(super) scroller: Scroller,
    pub(super) cursor: RwSignal<Option<(ItemId, UnitId)>>,
    pub(super) editing: RwSignal<Option<Editing>>,
    /// The drawn rows' signals, and the largest cell (for shading).
    pub(super) rows: Rows,
    pub(super) max: RwSignal<i128>,
    pub(super) draft: RwSignal<String>,
    pub(super) question: RwSignal<Option<Question>>,
    pub(super) problem: RwSignal<Option<String>>,
    /// Whether an edit puts the focus back on its cell (not when the field
    /// was left for somewhere else).
    pub(super) refocus: StoredValue<bool>,
}

fn cell_selector(item: &ItemId, unit: &UnitId) -> String {
    format!(
        "{} {}",
        dom::attr_selector("data-row", item.as_str()),
        dom::attr_selector("data-col", unit.as_str())
    )
}

impl Ctx {
    pub(super) fn run(&self, cmd: Command) {
        match self.board.dispatch(cmd) {
            Ok(touched) => {
                self.problem.set(None);
                let lang = self.lang.get_untracked();
                self.board
                    .notices
                    .announce(lang.change(&touched).to_string());
            }
            Err(e) => self
                .problem
                .set(Some(self.lang.get_untracked().command_error(&e))),
        }
    }

    /// The signals of a line being drawn, set to what the matrix shows now.
    pub(super) fn register_row(&self, item: &ItemId) -> RowState {
        let figures = self
            .columns
            .with_untracked(|cols| self.sums.with_untracked(|(_, s)| s.row(item, cols)));
        let cursor_at = self.cursor.with_untracked(|c| {
            c.as_ref()
                .filter(|(i, _)| i == item)
                .map(|(_, u)| u.as_str().to_owned())
        });
        let editing_at = self.editing.with_untracked(|e| {
            e.as_ref()
                .filter(|e| &e.item == item)
                .map(|e| e.unit.as_str().to_owned())
        });
        self.rows.register(item, figures, cursor_at, editing_at)
    }

    /// The line of item `item`.
    pub(super) fn line_of(&self, item: &ItemId) -> Option<usize> {
        self.lines.with_untracked(|l| {
            l.iter()
                .position(|x| matches!(x, Line::Item(i) if i == item))
        })
    }

    /// Puts the focus back on the cell being edited before its field goes
    /// (a focused field taken out of the page costs the browser a full
    /// style pass), and the cursor with it.
    pub(super) fn back_to_cell(&self, item: &ItemId, unit: &UnitId) {
        if let Some(el) = dom::find_html(&cell_selector(item, unit)) {
            dom::focus(&el, dom::Scroll::Keep);
        }
        let here = Some((item.clone(), unit.clone()));
        if self.cursor.with_untracked(|c| c != &here) {
            self.cursor.set(here);
        }
    }

    /// Moves the cursor to a cell, drawing its line first when it is
    /// scrolled away, and puts the focus on it: at once when it is drawn;
    /// otherwise the scroller holds the focus (keys pressed meanwhile go on
    /// from the cursor) until the line is drawn.
    pub(super) fn go_to(&self, item: ItemId, unit: UnitId) {
        if let Some(line) = self.line_of(&item) {
            self.scroller.show_line(line);
        }
        let selector = cell_selector(&item, &unit);
        self.cursor.set(Some((item, unit)));
        if let Some(el) = dom::find_html(&selector) {
            // Sideways into view (the line is already in view).
            dom::focus(&el, dom::Scroll::IntoView);
            return;
        }
        if let Some(wrap) = self.scroller.wrap.get_untracked() {
            dom::focus(&wrap, dom::Scroll::Keep);
        }
        let ctx = *self;
        request_animation_frame(move || ctx.focus_cursor());
    }

    /// Focuses the cursor's cell, if the scroller (or nothing) holds the
    /// focus in its place.
    pub(super) fn focus_cursor(&self) {
        let Some((item, unit)) = self.cursor.get_untracked() else {
            return;
        };
        let on_scroller = document()
            .active_element()
            .is_some_and(|a| self.scroller.wrap.get_untracked().is_some_and(|w| a == **w));
        let waiting = dom::focus_lost() || on_scroller;
        if !waiting {
            return;
        }
        if let Some(el) = dom::find_html(&cell_selector(&item, &unit)) {
            dom::focus(&el, dom::Scroll::IntoView);
            self.scroller.measure();
        } else {
            // Not drawn yet: the next frame.
            let ctx = *self;
            request_animation_frame(move || ctx.focus_cursor());
        }
    }

    /// Moves the cursor from a cell by lines and columns; group heads are
    /// passed over, and the cells of a program's own unit take the focus
    /// too (they cannot be edited).
    pub(super) fn step(&self, item: &ItemId, unit: &UnitId, by_line: i32, by_col: i32) {
        let Some(col) = self
            .columns
            .with_untracked(|c| c.iter().position(|u| u == unit))
        else {
            return;
        };
        let Some(line) = self.line_of(item) else {
            return;
        };
        let to_line = self
            .lines
            .with_untracked(|l| matrix::step_item(l, line, by_line));
        let to_item = to_line.and_then(|n| {
            self.lines.with_untracked(|l| match l.get(n) {
                Some(Line::Item(i)) => Some(i.clone()),
                _ => None,
            })
        });
        let to_unit = self.columns.with_untracked(|c| {
            let last = c.len().saturating_sub(1) as i64;
            c.get((col as i64 + i64::from(by_col)).clamp(0, last) as usize)
                .cloned()
        });
        if let (Some(item), Some(unit)) = (to_item, to_unit) {
            self.go_to(item, unit);
        }
    }

    pub(super) fn start(&self, item: ItemId, unit: UnitId, text: String) {
        self.problem.set(None);
        self.draft.set(text);
        self.editing.set(Some(Editing { item, unit }));
    }

    pub(super) fn cancel(&self) {
        if let Some(e) = self.editing.get_untracked() {
            self.back_to_cell(&e.item, &e.unit);
            self.editing.set(None);
        }
    }

    pub(super) fn ask(&self, q: Question) {
        self.question.set(Some(q));
    }

    /// What an outcome asks or does; the cursor goes back to the cell
    /// unless a question is open.
    pub(super) fn outcome(
        &self,
        outcome: CellOutcome,
        edit: &CellEdit,
        item: ItemId,
        unit: UnitId,
    ) {
        match outcome {
            CellOutcome::Apply(cmd) => self.run(*cmd),
            CellOutcome::Ask { command, questions } => {
                return self.ask(Question::Ask {
                    item,
                    unit,
                    command,
                    questions,
                })
            }
            CellOutcome::Choose(candidates) => {
                if let CellEdit::Set(amount) = edit {
                    return self.ask(Question::Which {
                        item,
                        unit,
                        amount: *amount,
                        candidates,
                    });
                }
            }
            CellOutcome::Remove(links) => return self.ask(Question::Remove { item, unit, links }),
            CellOutcome::Nothing => {}
            CellOutcome::NoItem => self
                .problem
                .set(Some(self.lang.get_untracked().t(Key::NoItemToTake).into())),
        }
        if self.refocus.get_value() {
            self.back_to_cell(&item, &unit);
        }
    }

    /// The typed text goes in: a link made, changed or (after saying
    /// which) removed; or a question first.
    pub(super) fn commit(&self, edit: CellEdit, item: ItemId, unit: UnitId) {
        let outcome = perf::measure("lb:matrix-edit", || {
            self.board.with_plan(|p| {
                self.board
                    .doc
                    .with_tallies(|t| matrix::edit(p, t, &item, &unit, edit.clone()))
            })
        });
        if self.editing.with_untracked(Option::is_some) {
            if self.refocus.get_value() {
                self.back_to_cell(&item, &unit);
            }
            self.editing.set(None);
        }
        self.outcome(outcome, &edit, item, unit);
    }

    /// Whether `el` is the cell being edited.
    pub(super) fn is_edited_cell(&self, el: &web_sys::Element) -> bool {
        self.editing.with_untracked(|e| {
            e.as_ref().is_some_and(|e| {
                el.matches(&cell_selector(&e.item, &e.unit))
                    .unwrap_or(false)
            })
        })
    }

    /// What the field of a cell starts from: its amount, or nothing when
    /// no link is there.
    pub(super) fn stored_text(&self, item: &ItemId, unit: &UnitId) -> String {
        let current = self.sums.with_untracked(|(_, s)| s.get(item, unit));
        if current.links > 0 {
            current.amount.to_string()
        } else {
            String::new()
        }
    }

    /// The field was left for somewhere else: what was typed goes in (a
    /// question first where the model asks one), the focus staying where
    /// the user put it. Text that does not read keeps the field open with
    /// its refusal.
    pub(super) fn leave(&self) {
        let Some(Editing { item, unit }) = self.editing.get_untracked() else {
            return;
        };
        let stored = self.stored_text(&item, &unit);
        if self.draft.with_untracked(|d| d.trim() == stored) {
            self.editing.set(None);
            return;
        }
        self.refocus.set_value(false);
        self.commit_text();
        self.refocus.set_value(true);
    }

    pub(super) fn commit_text(&self) {
        let Some(Editing { item, unit }) = self.editing.get_untracked() else {
            return;
        };
        let text = self.draft.get_untracked();
        let edit = if text.trim().is_empty() {
            CellEdit::Clear
        } else {
            match Amount::parse(&text) {
                Ok(a) => CellEdit::Set(a),
                Err(e) => {
                    let lang = self.lang.get_untracked();
                    self.problem.set(Some(lang.amount_error_text(&e)));
                    return;
                }
            }
        };
        self.commit(edit, item, unit);
    }

    /// Starts editing a cell with what it holds.
    pub(super) fn edit_cell(&self, item: ItemId, unit: UnitId) {
        let current = self.sums.with_untracked(|(_, s)| s.get(&item, &unit));
        let text = if current.links > 0 {
            current.amount.to_string()
        } else {
            String::new()
        };
        self.start(item, unit, text);
    }

    pub(super) fn unit_name(&self, id: &UnitId) -> String {
        let lang = self.lang.get();
        self.board
            .doc
            .unit(id)
            .map(|c| c.unit.with(|u| lang.unit_name(u)))
            .unwrap_or_else(|| id.to_string())
    }

    pub(super) fn item_title(&self, id: &ItemId) -> String {
        self.board
            .doc
            .item(id)
            .map(|c| c.item.with(|i| i.title.clone()))
            .unwrap_or_default()
    }
}
