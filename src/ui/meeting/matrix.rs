//! The linkage matrix: programs down the side, districts and affiliates
//! across, what each program gives each unit in the cells. A cell is edited
//! in place; every edit is a command, so undo, the tallies and the board
//! follow.
//!
//! A plan of thousands of programs would be tens of thousands of cells, so
//! only the lines in view (and a few either side) are drawn, each the same
//! height, with spacers for the rest; the table says how many rows it has
//! and where each drawn one is (`aria-rowcount`, `aria-rowindex`). A row's
//! cells are plain elements read from one memo per row: one edit repaints
//! the rows whose figures moved, never the table.

use crate::i18n::{Key, Lang};
use crate::io::{clock, download, perf};
use crate::model::matrix::{
    self, band, coverage, shade, CellEdit, CellOutcome, Layout, Line, RowFigures, Sums,
};
use crate::model::{Amount, Command, Link, Tallies};
use crate::ui::dialog::{Modal, Role};
use crate::ui::dom;
use crate::ui::edit::amount::AmountReading;
use crate::ui::state::{Board, NoticeKind};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Lines drawn beyond each edge of the view.
const OVERSCAN: usize = 6;
/// A line's height in pixels until measured.
const GUESSED_PITCH: f64 = 26.0;

/// What the matrix asks before an edit goes through.
#[derive(Clone, Debug, PartialEq)]
enum Question {
    /// Several of the unit's items could take the amount.
    Which {
        item: String,
        unit: String,
        amount: Amount,
        candidates: Vec<matrix::Candidate>,
    },
    /// Clearing the cell removes these links.
    Remove {
        item: String,
        unit: String,
        links: Vec<Link>,
    },
    /// More than the giving unit has left in its pool.
    Over {
        item: String,
        unit: String,
        command: Box<Command>,
        typed: Amount,
        left: i128,
    },
}

impl Question {
    fn cell(&self) -> (String, String) {
        match self {
            Question::Which { item, unit, .. }
            | Question::Remove { item, unit, .. }
            | Question::Over { item, unit, .. } => (item.clone(), unit.clone()),
        }
    }
}

/// The cell being edited.
#[derive(Clone, Debug, PartialEq)]
struct Editing {
    item: String,
    unit: String,
}

/// Where the body is scrolled and how tall its lines are.
#[derive(Clone, Copy)]
struct Scroller {
    wrap: NodeRef<leptos::html::Div>,
    top: RwSignal<f64>,
    height: RwSignal<f64>,
    pitch: RwSignal<f64>,
    pending: StoredValue<bool>,
}

impl Scroller {
    fn new() -> Scroller {
        let guess = window()
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(900.0);
        Scroller {
            wrap: NodeRef::new(),
            top: RwSignal::new(0.0),
            height: RwSignal::new(guess),
            pitch: RwSignal::new(GUESSED_PITCH),
            pending: StoredValue::new(false),
        }
    }

    /// Reads where the body is scrolled to and the lines' real height, at
    /// most once a frame.
    fn measure(self) {
        if self.pending.get_value() {
            return;
        }
        self.pending.set_value(true);
        request_animation_frame(move || {
            self.pending.set_value(false);
            self.read();
        });
    }

    fn read(self) {
        let Some(el) = self.wrap.get_untracked() else {
            return;
        };
        set_changed(self.top, f64::from(el.scroll_top()));
        set_changed(self.height, f64::from(el.client_height()));
        if let Ok(lines) = el.query_selector_all("tr[data-line]") {
            let n = lines.length();
            let top_of = |i: u32| {
                lines
                    .item(i)
                    .and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok())
                    .map(|c| f64::from(c.offset_top()))
            };
            if let (true, Some(first), Some(last)) = (n > 1, top_of(0), top_of(n - 1)) {
                set_changed(self.pitch, ((last - first) / f64::from(n - 1)).max(8.0));
            }
        }
    }

    /// Scrolls line `line` into the part of the body between the sticky
    /// head and foot, and draws it at once.
    fn show_line(self, line: usize) {
        let Some(el) = self.wrap.get_untracked() else {
            return;
        };
        let height_of = |sel: &str| {
            el.query_selector(sel)
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                .map(|e| f64::from(e.offset_height()))
                .unwrap_or(0.0)
        };
        let (head, foot) = (height_of("thead"), height_of("tfoot"));
        let pitch = self.pitch.get_untracked();
        let y = line as f64 * pitch;
        let now = f64::from(el.scroll_top());
        let room = (f64::from(el.client_height()) - head - foot).max(pitch);
        let to = if y < now {
            y
        } else if y + pitch > now + room {
            y + pitch - room
        } else {
            return;
        };
        el.set_scroll_top(to.round() as i32);
        set_changed(self.top, f64::from(el.scroll_top()));
    }
}

fn set_changed(signal: RwSignal<f64>, value: f64) {
    if signal.get_untracked() != value {
        signal.set(value);
    }
}

/// A drawn row's signals.
#[derive(Clone, Copy)]
struct RowState {
    /// Which drawing of the row this is (a row drawn anew under another
    /// key briefly has two).
    id: u64,
    figures: RwSignal<RowFigures>,
    cursor_at: RwSignal<Option<String>>,
    editing_at: RwSignal<Option<String>>,
}

/// The drawn rows by item id.
#[derive(Clone, Copy, Default)]
struct Rows {
    map: StoredValue<std::collections::HashMap<String, RowState>>,
    next: StoredValue<u64>,
}

impl Rows {
    /// Signals for a row being drawn, with the values of now; forgotten
    /// when the row goes.
    fn register(self, item: &str, ctx: Ctx) -> RowState {
        let id = self.next.get_value() + 1;
        self.next.set_value(id);
        let figures = ctx
            .columns
            .with_untracked(|cols| ctx.sums.with_untracked(|(_, s)| s.row(item, cols)));
        let cursor_at = ctx.cursor.with_untracked(|c| {
            c.as_ref()
                .filter(|(i, _)| i == item)
                .map(|(_, u)| u.clone())
        });
        let editing_at = ctx.editing.with_untracked(|e| {
            e.as_ref()
                .filter(|e| e.item == item)
                .map(|e| e.unit.clone())
        });
        let state = RowState {
            id,
            figures: RwSignal::new(figures),
            cursor_at: RwSignal::new(cursor_at),
            editing_at: RwSignal::new(editing_at),
        };
        self.map.update_value(|m| {
            m.insert(item.to_string(), state);
        });
        let item = item.to_string();
        on_cleanup(move || {
            // (The table may be going as a whole, its store with it.)
            let _ = self.map.try_update_value(|m| {
                if m.get(&item).is_some_and(|r| r.id == id) {
                    m.remove(&item);
                }
            });
        });
        state
    }

    fn each(self, mut f: impl FnMut(&String, &RowState)) {
        self.map.with_value(|m| m.iter().for_each(|(k, v)| f(k, v)));
    }
}

#[derive(Clone, Copy)]
struct Ctx {
    board: Board,
    lang: RwSignal<Lang>,
    /// The sums, with the change they are up to date with.
    sums: Memo<(u64, Sums)>,
    columns: Memo<Vec<String>>,
    lines: Memo<Vec<Line>>,
    scroller: Scroller,
    cursor: RwSignal<Option<(String, String)>>,
    editing: RwSignal<Option<Editing>>,
    /// The drawn rows' signals, and the largest cell (for shading).
    rows: Rows,
    max: RwSignal<i128>,
    draft: RwSignal<String>,
    question: RwSignal<Option<Question>>,
    problem: RwSignal<Option<String>>,
}

fn cell_selector(item: &str, unit: &str) -> String {
    format!(
        "{} {}",
        dom::attr_selector("data-row", item),
        dom::attr_selector("data-col", unit)
    )
}

/// The (item, unit) of a cell element.
fn cell_of(el: &web_sys::Element) -> Option<(String, String)> {
    let unit = el.get_attribute("data-col")?;
    let item = el
        .closest("tr[data-row]")
        .ok()??
        .get_attribute("data-row")?;
    Some((item, unit))
}

impl Ctx {
    fn run(&self, cmd: Command) {
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

    /// The line of item `item`.
    fn line_of(&self, item: &str) -> Option<usize> {
        self.lines.with_untracked(|l| {
            l.iter()
                .position(|x| matches!(x, Line::Item(i) if i == item))
        })
    }

    /// Puts the focus back on the cell being edited before its field goes
    /// (a focused field taken out of the page costs the browser a full
    /// style pass), and the cursor with it.
    fn back_to_cell(&self, item: &str, unit: &str) {
        if let Some(el) = dom::find_html(&cell_selector(item, unit)) {
            dom::focus(&el, dom::Scroll::Keep);
        }
        let here = Some((item.to_string(), unit.to_string()));
        if self.cursor.with_untracked(|c| c != &here) {
            self.cursor.set(here);
        }
    }

    /// Moves the cursor to a cell, drawing its line first when it is
    /// scrolled away, and puts the focus on it: at once when it is drawn;
    /// otherwise the scroller holds the focus (keys pressed meanwhile go on
    /// from the cursor) until the line is drawn.
    fn go_to(&self, item: String, unit: String) {
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
    fn focus_cursor(&self) {
        let Some((item, unit)) = self.cursor.get_untracked() else {
            return;
        };
        let waiting = document().active_element().is_none_or(|a| {
            a.tag_name() == "BODY" || self.scroller.wrap.get_untracked().is_some_and(|w| a == **w)
        });
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
    fn step(&self, item: &str, unit: &str, by_line: i32, by_col: i32) {
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

    fn start(&self, item: String, unit: String, text: String) {
        self.problem.set(None);
        self.draft.set(text);
        self.editing.set(Some(Editing { item, unit }));
    }

    fn cancel(&self) {
        if let Some(e) = self.editing.get_untracked() {
            self.back_to_cell(&e.item, &e.unit);
            self.editing.set(None);
        }
    }

    fn ask(&self, q: Question) {
        self.question.set(Some(q));
    }

    /// What an outcome asks or does; the cursor goes back to the cell
    /// unless a question is open.
    fn outcome(&self, outcome: CellOutcome, edit: &CellEdit, item: String, unit: String) {
        match outcome {
            CellOutcome::Apply(cmd) => self.run(*cmd),
            CellOutcome::Over {
                command,
                typed,
                left,
            } => {
                return self.ask(Question::Over {
                    item,
                    unit,
                    command,
                    typed,
                    left,
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
        self.back_to_cell(&item, &unit);
    }

    /// The typed text goes in: a link made, changed or (after saying
    /// which) removed; or a question first.
    fn commit(&self, edit: CellEdit, item: String, unit: String) {
        let outcome = perf::measure("lb:matrix-edit", || {
            self.board.with_plan(|p| {
                self.board
                    .doc
                    .with_tallies(|t| matrix::edit(p, t, &item, &unit, edit.clone()))
            })
        });
        if self.editing.with_untracked(Option::is_some) {
            self.back_to_cell(&item, &unit);
            self.editing.set(None);
        }
        self.outcome(outcome, &edit, item, unit);
    }

    fn commit_text(&self) {
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
    fn edit_cell(&self, item: String, unit: String) {
        let current = self.sums.with_untracked(|(_, s)| s.get(&item, &unit));
        let text = if current.links > 0 {
            current.amount.to_string()
        } else {
            String::new()
        };
        self.start(item, unit, text);
    }

    fn unit_name(&self, id: &str) -> String {
        let lang = self.lang.get();
        self.board
            .doc
            .unit(id)
            .map(|c| c.unit.with(|u| lang.unit_name(u)))
            .unwrap_or_else(|| id.to_string())
    }

    fn item_title(&self, id: &str) -> String {
        self.board
            .doc
            .item(id)
            .map(|c| c.item.with(|i| i.title.clone()))
            .unwrap_or_default()
    }
}

/// Whether a key typed on a cell starts an amount.
fn starts_amount(key: &str) -> bool {
    let mut chars = key.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_ascii_digit() || c == '.')
}

/// The editable cell an event happened on (a program's own unit's cells
/// have no `data-cell`).
fn event_cell(target: Option<web_sys::EventTarget>) -> Option<(web_sys::Element, bool)> {
    let el = target?.dyn_into::<web_sys::Element>().ok()?;
    if el.tag_name() != "TD" || !el.has_attribute("data-col") {
        return None;
    }
    let editable = el.has_attribute("data-cell");
    Some((el, editable))
}

#[component]
pub fn MatrixView() -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<RwSignal<Lang>>();
    let t = move |k| lang.get().t(k);
    // Recomputed when the plan changes; the memos keep their value when it
    // is equal, so only the rows whose figures moved are drawn again.
    let layout = Memo::new(move |_| {
        board.doc.header().track();
        board.doc.unit_order().track();
        perf::measure("lb:matrix-layout", || board.with_plan(Layout::of))
    });
    // Brought up to date change by change: only the rows a change touched
    // are summed again (all of them after a rebuild). Taken as changed
    // whenever recomputed: comparing thousands of cells costs as much as
    // summing them, and each row compares its own.
    let sums = Memo::new_owning(move |prev: Option<(u64, Sums)>| {
        let now = board.doc.changes().get();
        let sums = perf::measure("lb:matrix-sums", || match prev {
            Some((since, mut sums)) => match board.doc.touched_since(since) {
                Some(items) => {
                    board.with_plan(|p| sums.update(p, &items));
                    sums
                }
                None => board.with_plan(Sums::of),
            },
            None => board.with_plan(Sums::of),
        });
        ((now, sums), true)
    });
    let columns = Memo::new(move |_| layout.with(|l| l.columns.clone()));
    let lines = Memo::new(move |_| layout.with(Layout::lines));
    let scroller = Scroller::new();
    let ctx = Ctx {
        board,
        lang,
        sums,
        columns,
        lines,
        scroller,
        cursor: RwSignal::new(None),
        editing: RwSignal::new(None),
        rows: Rows::default(),
        max: RwSignal::new(sums.with_untracked(|(_, s)| s.max)),
        draft: RwSignal::new(String::new()),
        question: RwSignal::new(None),
        problem: RwSignal::new(None),
    };
    // One effect each pushes the figures, the cursor and the edited cell
    // to the drawn rows whose values moved: a change wakes those rows'
    // cells, not every cell on the screen.
    Effect::new(move || {
        sums.with(|(_, s)| {
            columns.with(|cols| {
                ctx.rows.each(|item, row| {
                    let f = s.row(item, cols);
                    if row.figures.with_untracked(|old| old != &f) {
                        row.figures.set(f);
                    }
                });
            });
            if ctx.max.get_untracked() != s.max {
                ctx.max.set(s.max);
            }
        });
    });
    Effect::new(move || {
        ctx.cursor.with(|c| {
            ctx.rows.each(|item, row| {
                let at = c
                    .as_ref()
                    .filter(|(i, _)| i == item)
                    .map(|(_, u)| u.clone());
                if row.cursor_at.with_untracked(|old| old != &at) {
                    row.cursor_at.set(at);
                }
            });
        });
    });
    Effect::new(move || {
        ctx.editing.with(|e| {
            ctx.rows.each(|item, row| {
                let at = e
                    .as_ref()
                    .filter(|e| e.item == *item)
                    .map(|e| e.unit.clone());
                if row.editing_at.with_untracked(|old| old != &at) {
                    row.editing_at.set(at);
                }
            });
        });
    });
    let range = Memo::new(move |_| {
        matrix::window(
            lines.with(Vec::len),
            scroller.pitch.get(),
            scroller.top.get(),
            scroller.height.get(),
            OVERSCAN,
        )
    });
    // The cursor is a drawn cell, so Tab always finds the matrix: the first
    // until another is chosen, the first drawn once it scrolls away.
    Effect::new(move || {
        let (start, end) = range.get();
        let in_view = ctx.cursor.with(|c| {
            c.as_ref()
                .and_then(|(item, _)| ctx.line_of(item))
                .is_some_and(|n| n >= start && n < end)
        });
        if in_view {
            return;
        }
        let first = lines.with(|l| {
            l[start.min(l.len())..end.min(l.len())]
                .iter()
                .find_map(|x| match x {
                    Line::Item(i) => Some(i.clone()),
                    Line::Group(_) => None,
                })
        });
        let col = columns.with(|c| c.first().cloned());
        if let (Some(item), Some(unit)) = (first, col) {
            ctx.cursor.set(Some((item, unit)));
        }
    });
    // Measured again when the lines or their type size (presentation)
    // change.
    Effect::new(move || {
        lines.track();
        board.view.present.track();
        scroller.measure();
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| scroller.measure());
    on_cleanup(move || resize.remove());
    let shown = move || {
        let (start, end) = range.get();
        lines.with(|v| {
            let end = end.min(v.len());
            v[start.min(end)..end]
                .iter()
                .cloned()
                .enumerate()
                .map(|(k, l)| (start + k, l))
                .collect::<Vec<_>>()
        })
    };
    let on_key = move |e: web_sys::KeyboardEvent| {
        if dom::composing(&e) || e.ctrl_key() || e.meta_key() || e.alt_key() {
            return;
        }
        // On a cell, that cell; on the scroller (while the cursor's line is
        // being drawn), the cursor.
        let (item, unit, editable) = match event_cell(e.target()) {
            Some((cell, editable)) => match cell_of(&cell) {
                Some((item, unit)) => (item, unit, editable),
                None => return,
            },
            None => {
                let on_wrap = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|t| t.class_list().contains("matrix-wrap"));
                let Some((item, unit)) = ctx.cursor.get_untracked().filter(|_| on_wrap) else {
                    return;
                };
                let editable = ctx
                    .board
                    .doc
                    .item(&item)
                    .is_some_and(|c| c.item.with_untracked(|i| i.unit != unit));
                (item, unit, editable)
            }
        };
        let key = e.key();
        let moved = match key.as_str() {
            "ArrowLeft" => Some((0, -1)),
            "ArrowRight" => Some((0, 1)),
            "ArrowUp" => Some((-1, 0)),
            "ArrowDown" => Some((1, 0)),
            _ => None,
        };
        if let Some((r, c)) = moved {
            e.prevent_default();
            e.stop_propagation();
            ctx.step(&item, &unit, r, c);
            return;
        }
        if !editable {
            return;
        }
        match key.as_str() {
            "Enter" | "F2" => {
                e.prevent_default();
                e.stop_propagation();
                ctx.edit_cell(item, unit);
            }
            "Delete" | "Backspace" => {
                e.prevent_default();
                e.stop_propagation();
                ctx.commit(CellEdit::Clear, item, unit);
            }
            k if starts_amount(k) => {
                e.prevent_default();
                e.stop_propagation();
                ctx.start(item, unit, k.to_string());
            }
            _ => {}
        }
    };
    // Focus and double clicks are read once for the table, not per cell.
    let on_focus = move |e: web_sys::FocusEvent| {
        if let Some((item, unit)) = event_cell(e.target()).and_then(|(el, _)| cell_of(&el)) {
            let here = Some((item, unit));
            if ctx.cursor.with_untracked(|c| c != &here) {
                ctx.cursor.set(here);
            }
        }
    };
    let on_dblclick = move |e: web_sys::MouseEvent| {
        if let Some((el, true)) = event_cell(e.target()) {
            if let Some((item, unit)) = cell_of(&el) {
                ctx.edit_cell(item, unit);
            }
        }
    };
    let download_csv = move |_| {
        let lang = lang.get_untracked();
        let (name, text) = board.with_plan(|p| {
            let tallies = Tallies::of(p);
            (
                format!(
                    "{}-matrix-{}.csv",
                    download::file_stem(&p.title),
                    clock::today()
                ),
                matrix::matrix_csv(p, &tallies, lang),
            )
        });
        if download::download(&name, "text/csv;charset=utf-8", &text).is_err() {
            board
                .notices
                .notify(NoticeKind::Warning, crate::ui::state::Message::ExportFailed);
        }
    };
    let plan = board.doc.plan_tally();
    let all_given = Memo::new(move |_| layout.with(|l| sums.with(|(_, s)| s.total(l))));
    // The head's row, the body's lines, the foot's row.
    let row_count = move || (lines.with(Vec::len) + 2).to_string();
    let span = move || (columns.with(Vec::len) + 2).to_string();
    let spacer =
        move |lines: usize| format!("{}px", (lines as f64 * scroller.pitch.get()).round() as i64);
    view! {
        <section class="matrix-view" data-testid="matrix-section" aria-labelledby="matrix-title">
            <header class="balance-head matrix-head">
                <h2 id="matrix-title">{move || t(Key::MatrixTitle)}</h2>
                <p class="hint">{move || t(Key::MatrixHint)}</p>
                <Legend/>
                <button type="button" data-testid="matrix-csv" on:click=download_csv>
                    {move || t(Key::MatrixCsv)}
                </button>
                <p class="problem" role="alert" data-testid="matrix-problem">
                    {move || ctx.problem.get().unwrap_or_default()}
                </p>
            </header>
            <div class="matrix-wrap" tabindex="-1" node_ref=scroller.wrap on:scroll=move |_| scroller.measure() on:keydown=on_key>
                <table
                    class="matrix"
                    data-testid="matrix"
                    aria-labelledby="matrix-title"
                    aria-rowcount=row_count
                    on:focusin=on_focus
                    on:dblclick=on_dblclick
                >
                    <thead>
                        <tr aria-rowindex="1">
                            <th scope="col" class="corner" data-testid="matrix-corner"
                                data-given=move || plan.with(|p| p.figures.given.to_string())
                                data-demand=move || plan.with(|p| p.figures.demand.to_string())
                                data-covered=move || plan.with(|p| p.covered.to_string())
                                data-districts=move || plan.with(|p| p.districts.to_string())
                            >
                                <span class="corner-line">
                                    {move || t(Key::PlanGiven)} " "
                                    {move || lang.get().amount(plan.with(|p| p.figures.given))}
                                </span>
                                <span class="corner-line">
                                    {move || t(Key::Demand)} " "
                                    {move || lang.get().amount(plan.with(|p| p.figures.demand))}
                                </span>
                                <span class="corner-line">
                                    {move || t(Key::Coverage)} " "
                                    {move || plan.with(|p| format!("{}/{}", p.covered, p.districts))}
                                </span>
                            </th>
                            <For each=move || columns.get() key=|c| c.clone() let:unit>
                                <ColumnHead ctx=ctx unit=unit/>
                            </For>
                            <th scope="col" class="row-total-head">{move || t(Key::RowTotal)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <tr class="spacer" aria-hidden="true">
                            <td colspan=span style:height=move || spacer(range.get().0)></td>
                        </tr>
                        <For each=shown key=|l| l.clone() let:((index, line))>
                            {match line {
                                Line::Group(unit) => view! { <GroupHead ctx=ctx unit=unit index=index/> }.into_any(),
                                Line::Item(item) => view! { <Row ctx=ctx item=item index=index/> }.into_any(),
                            }}
                        </For>
                        <tr class="spacer" aria-hidden="true">
                            <td colspan=span style:height=move || spacer(lines.with(Vec::len) - range.get().1)></td>
                        </tr>
                    </tbody>
                    <tfoot>
                        <tr aria-rowindex=row_count>
                            <th scope="row">{move || t(Key::Received)} " / " {move || t(Key::Demand)}</th>
                            <For each=move || columns.get() key=|c| c.clone() let:unit>
                                <ColumnTotal ctx=ctx unit=unit/>
                            </For>
                            <td class="total" data-testid="matrix-total" data-value=move || all_given.get().to_string()>
                                {move || lang.get().amount(all_given.get())}
                            </td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            <QuestionDialog ctx=ctx/>
        </section>
    }
}

/// The coverage bands and what they mean.
#[component]
pub fn Legend() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    view! {
        <p class="legend coverage-legend" data-testid="coverage-legend">
            <span>{move || lang.get().t(Key::CoverageLegend)} ":"</span>
            {move || {
                crate::model::map::legend(lang.get())
                    .into_iter()
                    .map(|(b, label)| view! {
                        <span class="legend-item">
                            <span class=format!("swatch band-{b}")></span>
                            {label}
                        </span>
                    })
                    .collect_view()
            }}
        </p>
    }
}

/// A unit's column head: its name, and how much of its demand is met, by
/// colour band and in words.
#[component]
fn ColumnHead(ctx: Ctx, unit: String) -> impl IntoView {
    let cell = ctx.board.doc.unit(&unit);
    let cov = Memo::new(move |_| {
        cell.and_then(|c| {
            c.tally
                .with(|t| coverage(t.figures.received, t.figures.demand))
        })
    });
    let name = {
        let unit = unit.clone();
        move || ctx.unit_name(&unit)
    };
    let status = move || {
        let lang = ctx.lang.get();
        match cov.get() {
            None => lang.t(Key::NoDemand).to_string(),
            Some(0) => lang.t(Key::NotReached).to_string(),
            Some(1000) => lang.t(Key::DemandMet).to_string(),
            Some(c) => format!("{}% · {}", c / 10, lang.t(Key::Unmet)),
        }
    };
    view! {
        <th
            scope="col"
            class=move || match band(cov.get()) {
                Some(b) => format!("col-head band-{b}"),
                None => "col-head band-none".to_string(),
            }
            data-col-head=unit.clone()
            data-coverage=move || cov.get().map(|c| c.to_string()).unwrap_or_else(|| "none".into())
        >
            <span class="col-name">{name}</span>
            <span class="col-status">{status}</span>
        </th>
    }
}

/// What a column received against its demand, and the gap.
#[component]
fn ColumnTotal(ctx: Ctx, unit: String) -> impl IntoView {
    let cell = ctx.board.doc.unit(&unit);
    let fig = move |f: fn(&crate::model::Figures) -> i128| {
        cell.map(|c| c.tally.with(|t| f(&t.figures))).unwrap_or(0)
    };
    view! {
        <td class="col-total" data-col-total=unit data-value=move || fig(|f| f.received).to_string()>
            <span class="received">{move || ctx.lang.get().amount(fig(|f| f.received))}</span>
            <span class="of">" / " {move || ctx.lang.get().amount(fig(|f| f.demand))}</span>
            <span class="gap" class:warn=move || { fig(|f| f.gap) > 0 }>
                {move || ctx.lang.get().t(Key::Gap)} " " {move || ctx.lang.get().amount(fig(|f| f.gap))}
            </span>
        </td>
    }
}

/// A giving unit's head line: its name, its pool and what is left.
#[component]
fn GroupHead(ctx: Ctx, unit: String, index: usize) -> impl IntoView {
    let cell = ctx.board.doc.unit(&unit);
    let span = move || (ctx.columns.with(Vec::len) + 2).to_string();
    let pool = move || {
        let lang = ctx.lang.get();
        let tally = cell.map(|c| c.tally.get()).unwrap_or_default();
        match (tally.pool, tally.remaining) {
            (Some(pool), Some(left)) => format!(
                " · {} {} · {} {}",
                lang.t(Key::Pool),
                lang.amount(pool),
                lang.t(Key::Remaining),
                lang.amount(left)
            ),
            _ => String::new(),
        }
    };
    let over = move || cell.is_some_and(|c| c.tally.with(|t| t.over_allocated()));
    let name = {
        let unit = unit.clone();
        move || ctx.unit_name(&unit)
    };
    view! {
        <tr class="group-head" data-line=index data-group=unit aria-rowindex=index + 2>
            <th scope="colgroup" colspan=span class:warn=over>
                <span class="group-name">{name}</span>
                <span class="group-pool">{pool}</span>
            </th>
        </tr>
    }
}

/// One program's line: its title, a cell per column, its total. The cells
/// read one memo of the row's figures; the cursor and the edited cell are
/// memos of the row too, so moving either repaints two rows at most.
#[component]
fn Row(ctx: Ctx, item: String, index: usize) -> impl IntoView {
    let cell = ctx.board.doc.item(&item);
    let own_unit = Memo::new(move |_| cell.map(|c| c.item.with(|i| i.unit.clone())));
    // The row's own signals, set from above only when they change.
    let state = ctx.rows.register(&item, ctx);
    let RowState {
        figures,
        cursor_at,
        editing_at,
        ..
    } = state;
    let max = ctx.max;
    let title = {
        let item = item.clone();
        move || ctx.item_title(&item)
    };
    let row_item = item.clone();
    let cells = move || {
        let own = own_unit.get();
        ctx.columns.with(|cols| {
            cols.iter()
                .enumerate()
                .map(|(k, unit)| {
                    if own.as_deref() == Some(unit.as_str()) {
                        let here = unit.clone();
                        return view! {
                            <td
                                data-col=unit.clone()
                                class="cell own"
                                tabindex=move || if cursor_at.with(|c| c.as_deref() == Some(here.as_str())) { "0" } else { "-1" }
                            ></td>
                        }
                        .into_any();
                    }
                    let figure = move || figures.with(|f| f.cells.get(k).copied().unwrap_or_default());
                    let (here, here2) = (unit.clone(), unit.clone());
                    let key = format!("{row_item}|{unit}");
                    let label_key = (row_item.clone(), unit.clone());
                    view! {
                        <td
                            data-col=unit.clone()
                            data-cell=key
                            data-value=move || figure().amount.to_string()
                            data-links=move || figure().links.to_string()
                            class=move || format!("cell shade-{}", shade(figure().amount, max.get()))
                            tabindex=move || if cursor_at.with(|c| c.as_deref() == Some(here.as_str())) { "0" } else { "-1" }
                        >
                            {move || {
                                if editing_at.with(|e| e.as_deref() == Some(here2.as_str())) {
                                    let (item, unit) = label_key.clone();
                                    let label = Signal::derive(move || {
                                        ctx.lang
                                            .get()
                                            .t(Key::MatrixCell)
                                            .replace("{program}", &ctx.item_title(&item))
                                            .replace("{unit}", &ctx.unit_name(&unit))
                                    });
                                    view! { <CellInput ctx=ctx label=label/> }.into_any()
                                } else {
                                    let s = figure();
                                    (if s.links > 0 { ctx.lang.get().amount(s.amount) } else { String::new() }).into_any()
                                }
                            }}
                        </td>
                    }
                    .into_any()
                })
                .collect_view()
        })
    };
    let total_item = item.clone();
    view! {
        <tr data-row=item data-line=index aria-rowindex=index + 2>
            <th scope="row" class="row-head">{title}</th>
            {cells}
            <td class="row-total" data-row-total=total_item data-value=move || figures.with(|f| f.total.to_string())>
                {move || ctx.lang.get().amount(figures.with(|f| f.total))}
            </td>
        </tr>
    }
}

/// The field a cell is edited in: Enter puts the amount in, Esc cancels
/// (neither while an input method is composing).
#[component]
fn CellInput(ctx: Ctx, label: Signal<String>) -> impl IntoView {
    let input: NodeRef<leptos::html::Input> = NodeRef::new();
    Effect::new(move || {
        if let Some(el) = input.get() {
            let _ = el.focus();
            let len = el.value().len() as u32;
            let _ = el.set_selection_range(len, len);
        }
    });
    let on_key = move |e: web_sys::KeyboardEvent| {
        if dom::composing(&e) {
            return;
        }
        match e.key().as_str() {
            "Enter" => {
                e.prevent_default();
                e.stop_propagation();
                ctx.commit_text();
            }
            "Escape" => {
                e.prevent_default();
                e.stop_propagation();
                ctx.cancel();
            }
            // Arrows move the caret here, not between cells.
            "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" => e.stop_propagation(),
            _ => {}
        }
    };
    view! {
        <input
            type="text"
            inputmode="decimal"
            class="cell-input"
            data-testid="matrix-input"
            aria-label=label
            node_ref=input
            prop:value=move || ctx.draft.get()
            on:input=move |e| ctx.draft.set(event_target_value(&e))
            on:keydown=on_key
            on:blur=move |_| {
                if ctx.question.with_untracked(Option::is_none) {
                    ctx.editing.set(None);
                }
            }
        />
        <AmountReading text=ctx.draft testid="matrix-amount-reading"/>
    }
}

/// Which item takes the amount, or which links clearing removes.
#[component]
fn QuestionDialog(ctx: Ctx) -> impl IntoView {
    let close = move || {
        if let Some(q) = ctx.question.get_untracked() {
            ctx.question.set(None);
            let (item, unit) = q.cell();
            ctx.go_to(item, unit);
        }
    };
    let on_close = Callback::new(move |()| close());
    let content = move || {
        let q = ctx.question.get()?;
        let lang = ctx.lang.get();
        Some(match q {
            Question::Which {
                item,
                unit,
                amount,
                candidates,
            } => {
                let heading = lang
                    .t(Key::WhichItem)
                    .replace("{unit}", &ctx.unit_name(&unit))
                    .replace("{amount}", &lang.amount(i128::from(amount.yuan())));
                view! {
                    <h2 id="matrix-question-title">{heading}</h2>
                    <ul class="candidates">
                        {candidates
                            .into_iter()
                            .map(|c| {
                                let unmet = lang.t(Key::UnmetDemand).replace("{amount}", &lang.amount(c.unmet));
                                let (item, unit, target) = (item.clone(), unit.clone(), c.item.clone());
                                let choose = move |_| {
                                    let outcome = ctx.board.with_plan(|p| {
                                        ctx.board.doc.with_tallies(|t| matrix::set_on(p, t, &item, &target, amount))
                                    });
                                    // Over the pool: that question takes this one's place.
                                    if !matches!(outcome, CellOutcome::Over { .. }) {
                                        close();
                                    }
                                    ctx.outcome(outcome, &CellEdit::Set(amount), item.clone(), unit.clone());
                                };
                                view! {
                                    <li>
                                        <button type="button" data-candidate=c.item.clone() data-unmet=c.unmet.to_string() on:click=choose>
                                            <strong>{c.title.clone()}</strong>
                                            " · "
                                            <span>{unmet}</span>
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <div class="dialog-actions">
                        <button type="button" data-testid="matrix-question-cancel" on:click=move |_| close()>
                            {lang.t(Key::Cancel)}
                        </button>
                    </div>
                }
                .into_any()
            }
            Question::Remove { item, unit, links } => {
                let heading = lang
                    .t(Key::RemoveCellLinks)
                    .replace("{program}", &ctx.item_title(&item))
                    .replace("{unit}", &ctx.unit_name(&unit));
                // One command, so one undo brings every link back.
                let command = matrix::remove(&links);
                let remove = move |_| {
                    close();
                    ctx.run(command.clone());
                };
                view! {
                    <h2 id="matrix-question-title">{heading}</h2>
                    <ul class="removals" data-testid="matrix-removals">
                        {links
                            .iter()
                            .map(|l| view! {
                                <li data-link=l.id.clone()>
                                    {ctx.item_title(&l.target)} " · " {lang.amount(i128::from(l.amount.yuan()))}
                                </li>
                            })
                            .collect_view()}
                    </ul>
                    <div class="dialog-actions">
                        <button type="button" data-testid="matrix-remove-confirm" data-autofocus="" on:click=remove>
                            {lang.t(Key::RemoveLink)}
                        </button>
                        <button type="button" data-testid="matrix-question-cancel" on:click=move |_| close()>
                            {lang.t(Key::Cancel)}
                        </button>
                    </div>
                }
                .into_any()
            }
            Question::Over {
                unit,
                command,
                typed,
                left,
                ..
            } => {
                let giver = match command.as_ref() {
                    Command::PutLink(l) | Command::InsertLink { link: l, .. } => ctx
                        .board
                        .with_plan(|p| p.item(&l.source).map(|i| i.unit.clone()))
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                let text = lang
                    .t(Key::OverRemainingCell)
                    .replace("{unit}", &ctx.unit_name(&giver))
                    .replace("{left}", &lang.amount_in_yuan(left))
                    .replace("{typed}", &lang.amount_in_yuan(i128::from(typed.yuan())));
                let confirm = move |_| {
                    close();
                    ctx.run((*command).clone());
                };
                let _ = unit;
                view! {
                    <h2 id="matrix-question-title">{lang.t(Key::AmountJumpQuestion)}</h2>
                    <p data-testid="matrix-over" data-left=left.to_string() data-typed=typed.yuan().to_string()>{text}</p>
                    <div class="dialog-actions">
                        <button type="button" data-testid="matrix-question-cancel" data-autofocus="" on:click=move |_| close()>
                            {lang.t(Key::AmountChange)}
                        </button>
                        <button type="button" class="primary" data-testid="matrix-over-confirm" on:click=confirm>
                            {lang.t(Key::AmountYesLink)}
                        </button>
                    </div>
                }
                .into_any()
            }
        })
    };
    view! {
        <Show when=move || ctx.question.with(Option::is_some)>
            <Modal on_close=on_close labelledby="matrix-question-title" testid="matrix-question" role=Role::AlertDialog>
                {content}
            </Modal>
        </Show>
    }
}
