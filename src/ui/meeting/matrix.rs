//! The linkage matrix: programs down the side, districts and affiliates
//! across, what each program gives each unit in the cells. A cell is edited
//! in place; every edit is a command, so undo, the tallies and the board
//! follow. Each cell reads its own memo: one edit repaints the cells it
//! changed, never the table.

use crate::i18n::{Key, Lang};
use crate::io::{clock, download};
use crate::model::matrix::{self, band, coverage, shade, CellEdit, CellOutcome, Layout, Sums};
use crate::model::{Amount, Command, Link, Tallies};
use crate::ui::dialog::{Modal, Role};
use crate::ui::dom;
use crate::ui::edit::amount::AmountReading;
use crate::ui::state::{Board, NoticeKind};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

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
}

/// The cell being edited and its text.
#[derive(Clone, Debug, PartialEq)]
struct Editing {
    item: String,
    unit: String,
}

#[derive(Clone, Copy)]
struct Ctx {
    board: Board,
    lang: RwSignal<Lang>,
    sums: Memo<Sums>,
    columns: Memo<Vec<String>>,
    cursor: RwSignal<Option<(String, String)>>,
    editing: RwSignal<Option<Editing>>,
    draft: RwSignal<String>,
    question: RwSignal<Option<Question>>,
    problem: RwSignal<Option<String>>,
}

fn cell_selector(item: &str, unit: &str) -> String {
    dom::attr_selector("data-cell", &format!("{item}|{unit}"))
}

/// Puts the keyboard focus back on a cell once it is drawn again.
fn focus_cell(item: String, unit: String) {
    request_animation_frame(move || {
        if let Some(el) = dom::find_html(&cell_selector(&item, &unit)) {
            dom::focus(&el, dom::Scroll::Keep);
        }
    });
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

    fn start(&self, item: String, unit: String, text: String) {
        self.problem.set(None);
        self.draft.set(text);
        self.editing.set(Some(Editing { item, unit }));
    }

    fn cancel(&self) {
        if let Some(e) = self.editing.get_untracked() {
            self.editing.set(None);
            focus_cell(e.item, e.unit);
        }
    }

    /// The typed text goes in: a link made, changed or (after saying
    /// which) removed; or a question first.
    fn commit(&self, edit: CellEdit, item: String, unit: String) {
        let outcome = self.board.with_plan(|p| {
            self.board
                .doc
                .with_tallies(|t| matrix::edit(p, t, &item, &unit, edit.clone()))
        });
        self.editing.set(None);
        match outcome {
            CellOutcome::Apply(cmd) => self.run(*cmd),
            CellOutcome::Choose(candidates) => {
                let CellEdit::Set(amount) = edit else { return };
                self.question.set(Some(Question::Which {
                    item: item.clone(),
                    unit: unit.clone(),
                    amount,
                    candidates,
                }));
                return;
            }
            CellOutcome::Remove(links) => {
                self.question.set(Some(Question::Remove {
                    item: item.clone(),
                    unit: unit.clone(),
                    links,
                }));
                return;
            }
            CellOutcome::Nothing => {}
            CellOutcome::NoItem => self
                .problem
                .set(Some(self.lang.get_untracked().t(Key::NoItemToTake).into())),
        }
        focus_cell(item, unit);
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

/// Moves the focus from `cell` by rows and columns, skipping nothing: the
/// cells of a program's own unit take the focus too (they cannot be edited).
fn move_from(cell: &web_sys::Element, by_row: i32, by_col: i32) -> bool {
    let Some(table) = cell.closest("table").ok().flatten() else {
        return false;
    };
    let Some(row) = cell.closest("tr").ok().flatten() else {
        return false;
    };
    let list = |root: &web_sys::Element, sel: &str| -> Vec<web_sys::Element> {
        root.query_selector_all(sel)
            .map(|l| {
                (0..l.length())
                    .filter_map(|i| l.item(i))
                    .filter_map(|n| n.dyn_into().ok())
                    .collect()
            })
            .unwrap_or_default()
    };
    let rows = list(&table, "tr[data-row]");
    let cells = list(&row, "td[data-col]");
    let (Some(r), Some(c)) = (
        rows.iter().position(|x| x == &row),
        cells.iter().position(|x| x == cell),
    ) else {
        return false;
    };
    let r = (r as i32 + by_row).clamp(0, rows.len() as i32 - 1) as usize;
    let target_row = &rows[r];
    let target_cells = list(target_row, "td[data-col]");
    if target_cells.is_empty() {
        return false;
    }
    let c = (c as i32 + by_col).clamp(0, target_cells.len() as i32 - 1) as usize;
    if let Ok(el) = target_cells[c].clone().dyn_into::<web_sys::HtmlElement>() {
        el.scroll_into_view_with_bool(false);
        dom::focus(&el, dom::Scroll::Keep);
    }
    true
}

/// Whether a key typed on a cell starts an amount.
fn starts_amount(key: &str) -> bool {
    let mut chars = key.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_ascii_digit() || c == '.')
}

#[component]
pub fn MatrixView() -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<RwSignal<Lang>>();
    let t = move |k| lang.get().t(k);
    // Recomputed when the plan changes; the memos keep their value when it
    // is equal, so only the cells whose figures moved are drawn again.
    let layout = Memo::new(move |_| {
        board.doc.header().track();
        board.doc.unit_order().track();
        board.with_plan(Layout::of)
    });
    let sums = Memo::new(move |_| {
        board.doc.header().track();
        board.doc.links_changed().track();
        board.with_plan(Sums::of)
    });
    let columns = Memo::new(move |_| layout.with(|l| l.columns.clone()));
    let groups = Memo::new(move |_| {
        layout.with(|l| l.groups.iter().map(|(u, _)| u.clone()).collect::<Vec<_>>())
    });
    let ctx = Ctx {
        board,
        lang,
        sums,
        columns,
        cursor: RwSignal::new(None),
        editing: RwSignal::new(None),
        draft: RwSignal::new(String::new()),
        question: RwSignal::new(None),
        problem: RwSignal::new(None),
    };
    // The first cell takes Tab until another is chosen.
    Effect::new(move || {
        if ctx.cursor.with(Option::is_none) {
            let first =
                layout.with(|l| Some((l.rows().next()?.clone(), l.columns.first()?.clone())));
            if first.is_some() {
                ctx.cursor.set(first);
            }
        }
    });
    let on_key = move |e: web_sys::KeyboardEvent| {
        if dom::composing(&e) || e.ctrl_key() || e.meta_key() || e.alt_key() {
            return;
        }
        let Some(cell) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .filter(|el| el.tag_name() == "TD" && el.has_attribute("data-col"))
        else {
            return;
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
            move_from(&cell, r, c);
            return;
        }
        let Some((item, unit)) = cell.get_attribute("data-cell").and_then(|v| {
            v.split_once('|')
                .map(|(a, b)| (a.to_string(), b.to_string()))
        }) else {
            return;
        };
        match key.as_str() {
            "Enter" | "F2" => {
                e.prevent_default();
                e.stop_propagation();
                let current = ctx.sums.with_untracked(|s| s.get(&item, &unit));
                let text = if current.links > 0 {
                    current.amount.to_string()
                } else {
                    String::new()
                };
                ctx.start(item, unit, text);
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
    let all_given = Memo::new(move |_| {
        let cols = columns.get();
        layout.with(|l| sums.with(|s| l.rows().map(|r| s.row_total(r, &cols)).sum::<i128>()))
    });
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
            <div class="matrix-wrap">
                <table class="matrix" data-testid="matrix" on:keydown=on_key>
                    <thead>
                        <tr>
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
                    <For each=move || groups.get() key=|g| g.clone() let:unit>
                        <Group ctx=ctx layout=layout unit=unit/>
                    </For>
                    <tfoot>
                        <tr>
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

/// A giving unit's rows, under a head with its pool and what is left.
#[component]
fn Group(ctx: Ctx, layout: Memo<Layout>, unit: String) -> impl IntoView {
    let items = {
        let unit = unit.clone();
        Memo::new(move |_| {
            layout.with(|l| {
                l.groups
                    .iter()
                    .find(|(u, _)| *u == unit)
                    .map(|(_, items)| items.clone())
                    .unwrap_or_default()
            })
        })
    };
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
        <tbody data-group=unit.clone()>
            <tr class="group-head">
                <th scope="colgroup" colspan=span class:warn=over>
                    <span class="group-name">{name}</span>
                    <span class="group-pool">{pool}</span>
                </th>
            </tr>
            <For each=move || items.get() key=|i| i.clone() let:item>
                <Row ctx=ctx item=item/>
            </For>
        </tbody>
    }
}

/// One program's row: its title, a cell per column, its total.
#[component]
fn Row(ctx: Ctx, item: String) -> impl IntoView {
    let cell = ctx.board.doc.item(&item);
    let own_unit = Memo::new(move |_| cell.map(|c| c.item.with(|i| i.unit.clone())));
    let total = {
        let item = item.clone();
        Memo::new(move |_| {
            let cols = ctx.columns.get();
            ctx.sums.with(|s| s.row_total(&item, &cols))
        })
    };
    let title = {
        let item = item.clone();
        move || ctx.item_title(&item)
    };
    let row_item = item.clone();
    let total_item = item.clone();
    view! {
        <tr data-row=item>
            <th scope="row" class="row-head">{title}</th>
            <For each=move || ctx.columns.get() key=|c| c.clone() let:unit>
                <MatrixCell ctx=ctx item=row_item.clone() unit=unit own_unit=own_unit/>
            </For>
            <td class="row-total" data-row-total=total_item data-value=move || total.get().to_string()>
                {move || ctx.lang.get().amount(total.get())}
            </td>
        </tr>
    }
}

#[component]
fn MatrixCell(
    ctx: Ctx,
    item: String,
    unit: String,
    own_unit: Memo<Option<String>>,
) -> impl IntoView {
    let own = {
        let unit = unit.clone();
        move || own_unit.with(|u| u.as_deref() == Some(unit.as_str()))
    };
    let sum = {
        let (item, unit) = (item.clone(), unit.clone());
        Memo::new(move |_| ctx.sums.with(|s| (s.get(&item, &unit), s.max)))
    };
    let here = (item.clone(), unit.clone());
    let is_cursor = {
        let here = here.clone();
        move || ctx.cursor.with(|c| c.as_ref() == Some(&here))
    };
    let is_editing = {
        let here = here.clone();
        move || {
            ctx.editing.with(|e| {
                e.as_ref()
                    .is_some_and(|e| e.item == here.0 && e.unit == here.1)
            })
        }
    };
    let focus_here = {
        let here = here.clone();
        move |_| {
            if ctx.cursor.with_untracked(|c| c.as_ref() != Some(&here)) {
                ctx.cursor.set(Some(here.clone()));
            }
        }
    };
    let edit_here = {
        let here = here.clone();
        let own = own.clone();
        move |_| {
            if !own() {
                let s = ctx.sums.with_untracked(|s| s.get(&here.0, &here.1));
                let text = if s.links > 0 {
                    s.amount.to_string()
                } else {
                    String::new()
                };
                ctx.start(here.0.clone(), here.1.clone(), text);
            }
        }
    };
    let own2 = own.clone();
    let own3 = own.clone();
    let key = format!("{item}|{unit}");
    let label = {
        let (item, unit) = (item.clone(), unit.clone());
        move || {
            ctx.lang
                .get()
                .t(Key::MatrixCell)
                .replace("{program}", &ctx.item_title(&item))
                .replace("{unit}", &ctx.unit_name(&unit))
        }
    };
    let label2 = label.clone();
    view! {
        <td
            data-col=unit.clone()
            data-cell=move || (!own()).then(|| key.clone())
            data-value=move || (!own2()).then(|| sum.with(|(s, _)| s.amount.to_string()))
            data-links=move || sum.with(|(s, _)| s.links.to_string())
            class=move || {
                if own3() {
                    "cell own".to_string()
                } else {
                    sum.with(|(s, max)| format!("cell shade-{}", shade(s.amount, *max)))
                }
            }
            tabindex=move || if is_cursor() { "0" } else { "-1" }
            aria-label=label
            on:focus=focus_here
            on:dblclick=edit_here
        >
            <Show
                when=is_editing.clone()
                fallback=move || {
                    sum.with(|(s, _)| if s.links > 0 { ctx.lang.get().amount(s.amount) } else { String::new() })
                }
            >
                <CellInput ctx=ctx label=Signal::derive(label2.clone())/>
            </Show>
        </td>
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
            let (item, unit) = match q {
                Question::Which { item, unit, .. } | Question::Remove { item, unit, .. } => {
                    (item, unit)
                }
            };
            focus_cell(item, unit);
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
                                let (item, target) = (item.clone(), c.item.clone());
                                let choose = move |_| {
                                    let outcome = ctx.board.with_plan(|p| matrix::set_on(p, &item, &target, amount));
                                    close();
                                    if let CellOutcome::Apply(cmd) = outcome {
                                        ctx.run(*cmd);
                                    }
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
                let ids: Vec<String> = links.iter().map(|l| l.id.clone()).collect();
                let remove = move |_| {
                    close();
                    for id in &ids {
                        ctx.run(Command::RemoveLink { id: id.clone() });
                    }
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
