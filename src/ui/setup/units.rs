//! The units of the set-up panel: add one, and for each its names, level
//! and pool (committed on leaving the field or on Enter), its place among
//! the units of its level, and removing it (asking first when it takes
//! items and links with it).

use super::rows::{commit_edit, removed, Confirm, Kind, NameFields, NewRow, RowButtons, RowList};
use super::{enter_commits, focus_later, send, FieldError};
use crate::i18n::Key;
use crate::model::{
    removal_of_unit, unit_warnings, Command, CommandError, Level, Plan, SetupField, UnitDraft,
    UnitId, UnitWarning,
};
use crate::ui::dom;
use crate::ui::edit::ask::{AskOnce, Questions};
use crate::ui::state::Language;
use crate::ui::state::{Board, UnitCell};
use leptos::prelude::*;

const LEVELS: [Level; 3] = [Level::Municipal, Level::District, Level::Affiliate];
const KIND: Kind = Kind::Unit;

/// The plan index of the unit next to `id` on the board (`step` -1 before
/// it, +1 after it) within the same level, if any.
fn neighbour(plan: &Plan, id: &UnitId, step: isize) -> Option<usize> {
    let order = plan.units_in_board_order();
    let at = order.iter().position(|u| &u.id == id)?;
    let other = order.get(at.checked_add_signed(step)?)?;
    if other.level != order[at].level {
        return None;
    }
    plan.units.iter().position(|u| u.id == other.id)
}

/// A new unit of the districts, and the command that adds it.
fn new_unit(plan: &Plan, name: String, name_zh: String) -> NewRow {
    let draft = UnitDraft {
        name,
        name_zh,
        level: Level::District,
        pool: String::new(),
    };
    let unit = draft.new_unit(plan)?;
    Ok((unit.id.to_string(), Command::add_unit(unit)))
}

#[component]
pub(super) fn UnitList() -> impl IntoView {
    let board = expect_context::<Board>();
    view! {
        <RowList kind=KIND new_row=new_unit>
            <For
                each=move || board.doc.unit_order().get()
                key=|entry| entry.clone()
                children=move |(_, id)| {
                    let id = UnitId::from(id);
                    board.doc.unit(&id).map(|cell| view! { <UnitRow cell=cell id=id/> })
                }
            />
        </RowList>
    }
}

#[component]
fn UnitRow(cell: UnitCell, id: UnitId) -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    let hid = KIND.html_id(id.as_str());
    // Kept as its text: a stored value of the id type would bring its own
    // copy of the reactive code.
    let id = StoredValue::new(id.into_string());
    let pool_error = RwSignal::new(None::<CommandError>);
    let row_error = RwSignal::new(None::<CommandError>);
    let warnings_now = move || board.with_plan(|p| unit_warnings(p, &cell.unit.get_untracked()));
    let warnings: RwSignal<Vec<UnitWarning>> = RwSignal::new(warnings_now());
    // Items and links a removal takes, while asking.
    let confirming = RwSignal::new(None::<(usize, usize)>);

    // A pool a thousand times off, or far beyond the plan's scale, asks.
    let ask = AskOnce::new();
    // The pool as last typed, sent again when the question is answered.
    let pool_typed = StoredValue::new(String::new());
    let commit = move |field: SetupField, text: String| {
        let current = cell.unit.get_untracked();
        let mut draft = UnitDraft::of(&current);
        match field {
            SetupField::Name => draft.name = text,
            SetupField::NameZh => draft.name_zh = text,
            _ => draft.pool = text,
        }
        let edited = draft.apply(&current);
        let lang = lang.get_untracked();
        let result = commit_edit(board, lang, field, &current, edited, Command::PutUnit, ask);
        warnings.set(warnings_now());
        result
    };
    // An emptied pool field asks what it means (no pool, or a pool of 0)
    // instead of guessing; the question holds until it is answered or the
    // field is typed in again.
    let pool_question = RwSignal::new(false);
    let commit_pool = move |text: String| {
        // A blur as the panel closes comes after the row is gone.
        if pool_typed.try_update_value(|t| *t = text.clone()).is_none() {
            return;
        }
        let had_pool = cell.unit.with_untracked(|u| u.pool.is_some());
        if text.trim().is_empty() && had_pool {
            pool_error.set(None);
            pool_question.set(true);
            return;
        }
        pool_question.set(false);
        pool_error.set(commit(SetupField::Pool, text).err());
    };
    let answer_pool = move |text: &str| {
        pool_question.set(false);
        pool_error.set(commit(SetupField::Pool, text.to_string()).err());
        focus_later(KIND.in_row(&id.get_value(), "input[name=\"pool\"]"));
    };
    let stored_pool = move || cell.unit.with_untracked(|u| UnitDraft::of(u).pool);
    let set_level = move |text: String| {
        let Some(level) = Level::parse(&text) else {
            return;
        };
        let mut unit = cell.unit.get_untracked();
        if unit.level == level {
            return;
        }
        unit.level = level;
        let result = send(board, lang.get_untracked(), Command::PutUnit(unit));
        row_error.set(result.err());
        warnings.set(warnings_now());
        // The row moves with its level: keep the focus on the select.
        focus_later(KIND.in_row(&id.get_value(), "select[name=\"level\"]"));
    };
    let can_move = move |step: isize| {
        board.doc.unit_order().track();
        cell.unit.track();
        board.with_plan(|p| neighbour(p, &id.get_value().into(), step).is_some())
    };
    let move_by = move |step: isize| {
        let id = UnitId::from(id.get_value());
        let Some(to) = board.with_plan(|p| neighbour(p, &id, step)) else {
            return;
        };
        let result = send(board, lang.get_untracked(), Command::MoveUnit { id, to });
        row_error.set(result.err());
    };
    let remove_now = move || {
        let result = send(
            board,
            lang.get_untracked(),
            Command::RemoveUnit {
                id: id.get_value().into(),
            },
        );
        removed(KIND, result, confirming, row_error);
    };
    let remove = move |()| {
        let (items, links) = board.with_plan(|p| removal_of_unit(p, &id.get_value().into()));
        if items == 0 {
            remove_now();
        } else {
            confirming.set(Some((items, links)));
            focus_later(KIND.in_row(&id.get_value(), "[data-testid=\"confirm-remove\"]"));
        }
    };
    let confirm_text = move || {
        confirming.get().map(|(items, links)| {
            t(Key::ConfirmRemoveUnit)
                .replace("{items}", &items.to_string())
                .replace("{links}", &links.to_string())
        })
    };
    let (level_id, pool_id, pool_err_id) = (
        format!("{hid}-level"),
        format!("{hid}-pool"),
        format!("{hid}-pool-error"),
    );

    view! {
        <li class="setup-row" data-setup-unit=id.get_value()>
            <fieldset>
                <legend class="visually-hidden">{move || cell.unit.with(|u| lang.get().unit_name(u))}</legend>
                <NameFields
                    hid=hid.clone()
                    name_value=Signal::derive(move || cell.unit.with(|u| u.name.clone()))
                    zh_value=Signal::derive(move || cell.unit.with(|u| u.name_zh.clone().unwrap_or_default()))
                    commit=move |(field, text)| commit(field, text)
                >
                    <Show when=move || warnings.with(|w| !w.is_empty())>
                        <span class="field-warning" role="status" id=format!("{hid}-warning") data-testid="unit-warning">
                            {move || warnings.with(|w| w.first().map(|w| lang.get().unit_warning(w)))}
                        </span>
                    </Show>
                </NameFields>
                <div class="setup-field">
                    <label for=level_id.clone()>{move || t(Key::UnitLevel)}</label>
                    <select
                        id=level_id
                        name="level"
                        on:change=move |e| set_level(event_target_value(&e))
                    >
                        {LEVELS
                            .into_iter()
                            .map(|level| {
                                view! {
                                    <option
                                        value=level.as_str()
                                        prop:selected=move || cell.unit.with(|u| u.level == level)
                                    >
                                        {move || lang.get().level(level)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="setup-field">
                    <label for=pool_id.clone()>{move || t(Key::Pool)}</label>
                    <input
                        type="text"
                        id=pool_id
                        name="pool"
                        size="12"
                        inputmode="decimal"
                        placeholder=move || t(Key::PoolNone)
                        title=move || t(Key::AmountHint)
                        aria-describedby=pool_err_id.clone()
                        prop:value=move || cell.unit.with(|u| UnitDraft::of(u).pool)
                        on:change=move |e| commit_pool(event_target_value(&e))
                        on:input=move |_| pool_question.set(false)
                        on:keydown=move |e| {
                            if dom::esc_restores(&e, &stored_pool()) {
                                pool_error.set(None);
                                pool_question.set(false);
                            }
                            enter_commits(&e, commit_pool)
                        }
                    />
                    <FieldError id=pool_err_id error=pool_error/>
                    <Questions ask on_confirm=Callback::new(move |_| commit_pool(pool_typed.get_value())) confirm=Key::AmountYesSave/>
                    <Show when=move || pool_question.get()>
                        <div class="setup-confirm" role="group" data-testid="pool-question">
                            <p role="alert">{move || t(Key::PoolEmptiedQuestion)}</p>
                            <button type="button" data-testid="pool-none" on:click=move |_| answer_pool("")>
                                {move || t(Key::PoolNoPool)}
                            </button>
                            <button type="button" data-testid="pool-zero" on:click=move |_| answer_pool("0")>
                                {move || t(Key::PoolZero)}
                            </button>
                        </div>
                    </Show>
                </div>
                <RowButtons kind=KIND id=id.get_value() can_move=can_move move_by=move_by remove=remove error=row_error/>
                <Confirm kind=KIND id=id.get_value() asking=confirming>
                    <button type="button" class="danger" data-testid="confirm-remove" on:click=move |_| remove_now()>
                        {confirm_text}
                    </button>
                </Confirm>
            </fieldset>
        </li>
    }
}
