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

mod ctx;
mod heads;
pub mod kept;
mod keys;
mod legend;
mod question;
mod question_dialog;
mod row;
mod rows;
mod scroller;

pub use legend::Legend;

use crate::i18n::Key;
use crate::io::perf;
use crate::model::matrix::{self, Layout, Line, Sums};
use crate::ui::meeting::download::{download_view, ViewFile};
use crate::ui::state::Board;
use crate::ui::state::Language;
use ctx::Ctx;
use heads::{ColumnHead, ColumnTotal, GroupHead};
use keys::{cell_of, event_cell};
use leptos::prelude::*;
use question_dialog::QuestionDialog;
use row::Row;
use rows::Rows;
use scroller::Scroller;

/// Lines drawn beyond each edge of the view.
const OVERSCAN: usize = 6;

#[component]
pub fn MatrixView() -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let layout = layout_of(board);
    let sums = sums_of(board);
    let columns = Memo::new(move |_| layout.with(|l| l.columns.clone()));
    let lines = Memo::new(move |_| layout.with(Layout::lines));
    let ctx = Ctx {
        board,
        lang,
        sums,
        columns,
        lines,
        scroller: Scroller::new(),
        cursor: RwSignal::new(None),
        editing: RwSignal::new(None),
        rows: Rows::default(),
        max: RwSignal::new(sums.with_untracked(|(_, s)| s.max)),
        draft: RwSignal::new(String::new()),
        question: RwSignal::new(None),
        problem: RwSignal::new(None),
        refocus: StoredValue::new(true),
    };
    kept::keep_and_restore(ctx);
    push_to_rows(ctx);
    let range = drawn_range(ctx);
    keep_cursor_drawn(ctx, range);
    measure_when_needed(ctx);
    view! {
        <section class="matrix-view" data-testid="matrix-section" aria-labelledby="matrix-title">
            {head(ctx)}
            {table(ctx, layout, range)}
            <QuestionDialog ctx=ctx/>
        </section>
    }
}

/// The matrix's layout: recomputed when the plan changes; the memos kept
/// from it keep their value when it is equal, so only the rows whose
/// figures moved are drawn again.
fn layout_of(board: Board) -> Memo<Layout> {
    Memo::new(move |_| {
        board.doc.header().track();
        board.doc.unit_order().track();
        perf::measure("lb:matrix-layout", || board.with_plan(Layout::of))
    })
}

/// The sums, brought up to date change by change: only the rows a change
/// touched are summed again (all of them after a rebuild). Taken as
/// changed whenever recomputed: comparing thousands of cells costs as much
/// as summing them, and each row compares its own.
fn sums_of(board: Board) -> Memo<(u64, Sums)> {
    Memo::new_owning(move |prev: Option<(u64, Sums)>| {
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
    })
}

/// One effect each pushes the figures, the cursor and the edited cell to
/// the drawn rows whose values moved: a change wakes those rows' cells,
/// not every cell on the screen.
fn push_to_rows(ctx: Ctx) {
    Effect::new(move || {
        ctx.sums.with(|(_, s)| {
            ctx.columns.with(|cols| {
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
                    .map(|(_, u)| u.as_str().to_owned());
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
                    .map(|e| e.unit.as_str().to_owned());
                if row.editing_at.with_untracked(|old| old != &at) {
                    row.editing_at.set(at);
                }
            });
        });
    });
}

/// The lines drawn: those in view and a few either side.
fn drawn_range(ctx: Ctx) -> Memo<(usize, usize)> {
    let scroller = ctx.scroller;
    Memo::new(move |_| {
        matrix::window(
            ctx.lines.with(Vec::len),
            scroller.pitch.get(),
            scroller.top.get(),
            scroller.height.get(),
            OVERSCAN,
        )
    })
}

/// The cursor is a drawn cell, so Tab always finds the matrix: the first
/// until another is chosen, the first drawn once it scrolls away.
fn keep_cursor_drawn(ctx: Ctx, range: Memo<(usize, usize)>) {
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
        let first = ctx.lines.with(|l| {
            l[start.min(l.len())..end.min(l.len())]
                .iter()
                .find_map(|x| match x {
                    Line::Item(i) => Some(i.clone()),
                    Line::Group(_) => None,
                })
        });
        let col = ctx.columns.with(|c| c.first().cloned());
        if let (Some(item), Some(unit)) = (first, col) {
            ctx.cursor.set(Some((item, unit)));
        }
    });
}

/// Measured again when the lines or their type size (presentation)
/// change, and when the window is resized.
fn measure_when_needed(ctx: Ctx) {
    let scroller = ctx.scroller;
    Effect::new(move || {
        ctx.lines.track();
        ctx.board.view.presenting();
        scroller.measure();
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| scroller.measure());
    on_cleanup(move || resize.remove());
}

/// The title, the hint, the legend, the CSV download and what went wrong.
fn head(ctx: Ctx) -> impl IntoView {
    let t = move |k| ctx.lang.get().t(k);
    let download_csv = move |_| {
        download_view(
            &ctx.board,
            ctx.lang.get_untracked(),
            &ViewFile {
                kind: "matrix",
                extension: "csv",
                mime: "text/csv;charset=utf-8",
                write: crate::report::matrix::matrix_csv,
            },
        );
    };
    view! {
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
    }
}

/// The head's row, the body's lines, the foot's row.
fn row_count(ctx: Ctx) -> impl Fn() -> String + Copy {
    move || (ctx.lines.with(Vec::len) + 2).to_string()
}

/// The table, in its scrolling frame. Focus and double clicks are read
/// once for the table, not per cell.
fn table(ctx: Ctx, layout: Memo<Layout>, range: Memo<(usize, usize)>) -> impl IntoView {
    let scroller = ctx.scroller;
    let on_key = move |e: web_sys::KeyboardEvent| keys::on_key(ctx, e);
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
    view! {
        <div class="matrix-wrap" tabindex="-1" node_ref=scroller.wrap on:scroll=move |_| scroller.measure() on:keydown=on_key>
            <table
                class="matrix"
                data-testid="matrix"
                aria-labelledby="matrix-title"
                aria-rowcount=row_count(ctx)
                on:focusin=on_focus
                on:dblclick=on_dblclick
            >
                {head_row(ctx)}
                {body(ctx, range)}
                {foot_row(ctx, layout)}
            </table>
        </div>
    }
}

/// The corner with the plan's figures, a head per unit, the row totals'.
fn head_row(ctx: Ctx) -> impl IntoView {
    let (lang, columns) = (ctx.lang, ctx.columns);
    let t = move |k| lang.get().t(k);
    let plan = ctx.board.doc.plan_tally();
    view! {
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
                <For each=move || columns.get() key=|c| c.as_str().to_owned() let:unit>
                    <ColumnHead ctx=ctx unit=unit/>
                </For>
                <th scope="col" class="row-total-head">{move || t(Key::RowTotal)}</th>
            </tr>
        </thead>
    }
}

/// The lines drawn, with spacers standing for those above and below.
fn body(ctx: Ctx, range: Memo<(usize, usize)>) -> impl IntoView {
    let (lines, scroller) = (ctx.lines, ctx.scroller);
    let span = move || (ctx.columns.with(Vec::len) + 2).to_string();
    let spacer =
        move |lines: usize| format!("{}px", (lines as f64 * scroller.pitch.get()).round() as i64);
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
    view! {
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
    }
}

/// What each unit received against its demand, and all that was given.
fn foot_row(ctx: Ctx, layout: Memo<Layout>) -> impl IntoView {
    let (lang, sums) = (ctx.lang, ctx.sums);
    let t = move |k| lang.get().t(k);
    let all_given = Memo::new(move |_| layout.with(|l| sums.with(|(_, s)| s.total(l))));
    view! {
        <tfoot>
            <tr aria-rowindex=row_count(ctx)>
                <th scope="row">{move || t(Key::Received)} " / " {move || t(Key::Demand)}</th>
                <For each=move || ctx.columns.get() key=|c| c.as_str().to_owned() let:unit>
                    <ColumnTotal ctx=ctx unit=unit/>
                </For>
                <td class="total" data-testid="matrix-total" data-value=move || all_given.get().to_string()>
                    {move || lang.get().amount(all_given.get())}
                </td>
            </tr>
        </tfoot>
    }
}
