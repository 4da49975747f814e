//! The units of the set-up panel: add one, and for each its names, level
//! and pool (committed on leaving the field or on Enter), its place among
//! the units of its level, and removing it (asking first when it takes
//! items and links with it).

use super::{enter_commits, focus_later, send, FieldError};
use crate::i18n::{Key, Lang};
use crate::model::{
    removal_of_unit, unit_warnings, Command, CommandError, Level, Plan, SetupError, SetupField,
    UnitDraft, UnitWarning,
};
use crate::ui::dom::attr_selector;
use crate::ui::state::{Board, UnitCell};
use leptos::prelude::*;

const LEVELS: [Level; 3] = [Level::Municipal, Level::District, Level::Affiliate];

/// The refusal to show for a form that did not read: the one about
/// `field` if there is one, else the first.
pub(super) fn refusal_for(
    field: SetupField,
    errors: Vec<(SetupField, SetupError)>,
) -> CommandError {
    let mut first = None;
    for (f, e) in errors {
        if f == field {
            return e.into();
        }
        first.get_or_insert(e);
    }
    first.unwrap_or(SetupError::Empty(field)).into()
}

/// A string usable in an element id, made from a plan id.
pub(super) fn html_id(prefix: &str, id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{prefix}-{safe}")
}

/// The plan index of the unit next to `id` on the board (`step` -1 before
/// it, +1 after it) within the same level, if any.
fn neighbour(plan: &Plan, id: &str, step: isize) -> Option<usize> {
    let order = plan.units_in_board_order();
    let at = order.iter().position(|u| u.id == id)?;
    let other = order.get(at.checked_add_signed(step)?)?;
    if other.level != order[at].level {
        return None;
    }
    plan.units.iter().position(|u| u.id == other.id)
}

#[component]
pub(super) fn UnitList() -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<RwSignal<Lang>>();
    let t = move |k| lang.get().t(k);
    let add_error = RwSignal::new(None::<CommandError>);
    let add = move |_| {
        let n = board.with_plan(|p| p.units.len()) + 1;
        let name = |l: Lang| l.t(Key::NewUnitName).replace("{n}", &n.to_string());
        let draft = UnitDraft {
            name: name(Lang::En),
            name_zh: name(Lang::Zh),
            level: Level::District,
            pool: String::new(),
        };
        let result = board
            .with_plan(|p| draft.new_unit(p))
            .map_err(|errors| refusal_for(SetupField::Name, errors))
            .and_then(|unit| {
                let id = unit.id.clone();
                send(board, lang.get_untracked(), Command::add_unit(unit)).map(|_| id)
            });
        match result {
            Ok(id) => {
                add_error.set(None);
                focus_later(
                    format!(
                        "{} input[name=\"name\"]",
                        attr_selector("data-setup-unit", &id)
                    ),
                    true,
                );
            }
            Err(e) => add_error.set(Some(e)),
        }
    };
    view! {
        <section class="setup-section" aria-labelledby="setup-units">
            <h3 id="setup-units">{move || t(Key::UnitsWord)}</h3>
            <ul class="setup-list">
                <For
                    each=move || board.doc.unit_order().get()
                    key=|entry| entry.clone()
                    children=move |(_, id)| {
                        board.doc.unit(&id).map(|cell| view! { <UnitRow cell=cell id=id/> })
                    }
                />
            </ul>
            <button type="button" data-testid="unit-add" aria-describedby="setup-unit-add-error" on:click=add>
                {move || t(Key::AddUnit)}
            </button>
            <FieldError id="setup-unit-add-error".into() error=add_error/>
        </section>
    }
}

#[component]
fn UnitRow(cell: UnitCell, id: String) -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<RwSignal<Lang>>();
    let t = move |k| lang.get().t(k);
    let hid = html_id("setup-unit", &id);
    let id = StoredValue::new(id);
    let name_error = RwSignal::new(None::<CommandError>);
    let zh_error = RwSignal::new(None::<CommandError>);
    let pool_error = RwSignal::new(None::<CommandError>);
    let row_error = RwSignal::new(None::<CommandError>);
    let warnings_now = move || board.with_plan(|p| unit_warnings(p, &cell.unit.get_untracked()));
    let warnings: RwSignal<Vec<UnitWarning>> = RwSignal::new(warnings_now());
    // Items and links a removal takes, while asking.
    let confirming = RwSignal::new(None::<(usize, usize)>);

    let commit = move |field: SetupField, text: String| {
        let current = cell.unit.get_untracked();
        let mut draft = UnitDraft::of(&current);
        match field {
            SetupField::Name => draft.name = text,
            SetupField::NameZh => draft.name_zh = text,
            _ => draft.pool = text,
        }
        let result = draft
            .apply(&current)
            .map_err(|errors| refusal_for(field, errors))
            .and_then(|unit| {
                if unit == current {
                    return Ok(());
                }
                send(board, lang.get_untracked(), Command::PutUnit(unit)).map(|_| ())
            });
        let error = match field {
            SetupField::Name => name_error,
            SetupField::NameZh => zh_error,
            _ => pool_error,
        };
        error.set(result.err());
        warnings.set(warnings_now());
    };
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
        focus_later(
            format!(
                "{} select[name=\"level\"]",
                attr_selector("data-setup-unit", &id.get_value())
            ),
            false,
        );
    };
    let can_move = move |step: isize| {
        board.doc.unit_order().track();
        cell.unit.track();
        board.with_plan(|p| neighbour(p, &id.get_value(), step).is_some())
    };
    let move_by = move |step: isize| {
        let id = id.get_value();
        let Some(to) = board.with_plan(|p| neighbour(p, &id, step)) else {
            return;
        };
        let result = send(
            board,
            lang.get_untracked(),
            Command::MoveUnit { id: id.clone(), to },
        );
        row_error.set(result.err());
        // The row was moved in the list: focus follows it.
        let row = attr_selector("data-setup-unit", &id);
        let (this, other) = if step < 0 {
            ("unit-up", "unit-down")
        } else {
            ("unit-down", "unit-up")
        };
        let still = board.with_plan(|p| neighbour(p, &id, step).is_some());
        let button = if still { this } else { other };
        focus_later(format!("{row} [data-testid=\"{button}\"]"), false);
    };
    let remove_now = move || {
        let result = send(
            board,
            lang.get_untracked(),
            Command::RemoveUnit { id: id.get_value() },
        );
        match result {
            Ok(_) => focus_later("[data-testid=\"unit-add\"]".into(), false),
            Err(e) => {
                confirming.set(None);
                row_error.set(Some(e));
            }
        }
    };
    let remove = move |_| {
        let (items, links) = board.with_plan(|p| removal_of_unit(p, &id.get_value()));
        if items == 0 {
            remove_now();
        } else {
            confirming.set(Some((items, links)));
            focus_later(
                format!(
                    "{} [data-testid=\"confirm-remove\"]",
                    attr_selector("data-setup-unit", &id.get_value())
                ),
                false,
            );
        }
    };
    let confirm_text = move || {
        confirming.get().map(|(items, links)| {
            t(Key::ConfirmRemoveUnit)
                .replace("{items}", &items.to_string())
                .replace("{links}", &links.to_string())
        })
    };
    let field = |suffix: &str| format!("{hid}-{suffix}");
    let (name_id, zh_id, level_id, pool_id) =
        (field("name"), field("zh"), field("level"), field("pool"));
    let (name_err_id, zh_err_id, pool_err_id, row_err_id) = (
        field("name-error"),
        field("zh-error"),
        field("pool-error"),
        field("error"),
    );

    view! {
        <li class="setup-row" data-setup-unit=id.get_value()>
            <fieldset>
                <legend class="visually-hidden">{move || cell.unit.with(|u| lang.get().unit_name(u))}</legend>
                <div class="setup-field">
                    <label for=name_id.clone()>{move || t(Key::UnitName)}</label>
                    <input
                        type="text"
                        id=name_id
                        name="name"
                        aria-describedby=format!("{name_err_id} {hid}-warning")
                        prop:value=move || cell.unit.with(|u| u.name.clone())
                        on:change=move |e| commit(SetupField::Name, event_target_value(&e))
                        on:keydown=move |e| enter_commits(&e, |v| commit(SetupField::Name, v))
                    />
                    <FieldError id=name_err_id error=name_error/>
                    <Show when=move || warnings.with(|w| !w.is_empty())>
                        <span class="field-warning" role="status" id=format!("{hid}-warning") data-testid="unit-warning">
                            {move || warnings.with(|w| w.first().map(|w| lang.get().unit_warning(w)))}
                        </span>
                    </Show>
                </div>
                <div class="setup-field">
                    <label for=zh_id.clone()>{move || t(Key::UnitNameZh)}</label>
                    <input
                        type="text"
                        id=zh_id
                        name="name_zh"
                        lang="zh-CN"
                        aria-describedby=zh_err_id.clone()
                        prop:value=move || cell.unit.with(|u| u.name_zh.clone().unwrap_or_default())
                        on:change=move |e| commit(SetupField::NameZh, event_target_value(&e))
                        on:keydown=move |e| enter_commits(&e, |v| commit(SetupField::NameZh, v))
                    />
                    <FieldError id=zh_err_id error=zh_error/>
                </div>
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
                        on:change=move |e| commit(SetupField::Pool, event_target_value(&e))
                        on:keydown=move |e| enter_commits(&e, |v| commit(SetupField::Pool, v))
                    />
                    <FieldError id=pool_err_id error=pool_error/>
                </div>
                <div class="setup-buttons">
                    <button
                        type="button"
                        data-testid="unit-up"
                        aria-label=move || t(Key::MoveUp)
                        title=move || t(Key::MoveUp)
                        prop:disabled=move || !can_move(-1)
                        on:click=move |_| move_by(-1)
                    >
                        "↑"
                    </button>
                    <button
                        type="button"
                        data-testid="unit-down"
                        aria-label=move || t(Key::MoveDown)
                        title=move || t(Key::MoveDown)
                        prop:disabled=move || !can_move(1)
                        on:click=move |_| move_by(1)
                    >
                        "↓"
                    </button>
                    <button
                        type="button"
                        class="danger"
                        data-testid="unit-remove"
                        aria-describedby=row_err_id.clone()
                        on:click=remove
                    >
                        {move || t(Key::RemoveThis)}
                    </button>
                </div>
                <FieldError id=row_err_id error=row_error/>
                <Show when=move || confirming.with(|c| c.is_some())>
                    <div class="setup-confirm" role="group">
                        <button type="button" class="danger" data-testid="confirm-remove" on:click=move |_| remove_now()>
                            {confirm_text}
                        </button>
                        <button type="button" on:click=move |_| {
                            confirming.set(None);
                            focus_later(
                                format!("{} [data-testid=\"unit-remove\"]", attr_selector("data-setup-unit", &id.get_value())),
                                false,
                            );
                        }>
                            {move || t(Key::Cancel)}
                        </button>
                    </div>
                </Show>
            </fieldset>
        </li>
    }
}
