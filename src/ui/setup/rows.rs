//! What the unit and stage lists of the set-up panel share: the section
//! with its "add" button, a row's two names (committed on leaving the field
//! or on Enter), its up, down and remove buttons with the focus that
//! follows a moved row, and the question a removal may ask. Each list
//! keeps only what its rows have of their own.

use super::{enter_commits, focus_and_select_later, focus_later, send, FieldError};
use crate::i18n::{Key, Lang};
use crate::model::{Command, CommandError, Plan, SetupError, SetupField, Touched};
use crate::ui::dom::{self, attr_selector};
use crate::ui::edit::ask::AskOnce;
use crate::ui::state::Board;
use crate::ui::state::Language;
use leptos::prelude::*;

/// A refusal from reading a draft: what went wrong, field by field.
pub(super) type Refusals = Vec<(SetupField, SetupError)>;

/// A new row's id and the command that adds it, or why it does not read.
pub(super) type NewRow = Result<(String, Command), Refusals>;

/// Which list a row is in; it names the row's hooks (`unit-add`,
/// `data-setup-unit`, `setup-unit-…`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Unit,
    Stage,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Unit => "unit",
            Kind::Stage => "stage",
        }
    }

    fn count(self, plan: &Plan) -> usize {
        match self {
            Kind::Unit => plan.units.len(),
            Kind::Stage => plan.stages.len(),
        }
    }

    /// The list's heading, its add button, and the name a new row gets.
    fn keys(self) -> (Key, Key, Key) {
        match self {
            Kind::Unit => (Key::UnitsWord, Key::AddUnit, Key::NewUnitName),
            Kind::Stage => (Key::StagesWord, Key::AddStage, Key::NewStageName),
        }
    }

    fn testid(self, what: &str) -> String {
        format!("{}-{what}", self.word())
    }

    /// `[data-testid="unit-remove"]` for `remove`.
    fn button(self, what: &str) -> String {
        format!("[data-testid=\"{}\"]", self.testid(what))
    }

    /// A selector for `inner` in the row of `id`.
    pub(super) fn in_row(self, id: &str, inner: &str) -> String {
        let row = attr_selector(&format!("data-setup-{}", self.word()), id);
        format!("{row} {inner}")
    }

    /// The start of the element ids in the row of `id`, made of the plan
    /// id with what an element id cannot hold replaced.
    pub(super) fn html_id(self, id: &str) -> String {
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
        format!("setup-{}-{safe}", self.word())
    }
}

/// The refusal to show for a form that did not read: the one about
/// `field` if there is one, else the first.
fn refusal_for(field: SetupField, errors: Refusals) -> CommandError {
    let mut first = None;
    for (f, e) in errors {
        if f == field {
            return e.into();
        }
        first.get_or_insert(e);
    }
    first.unwrap_or(SetupError::Empty(field)).into()
}

/// Sends a row's edited version when it reads and differs from `current`;
/// a refusal is the one about `field` if there is one.
pub(super) fn commit_edit<T: PartialEq>(
    board: Board,
    lang: Lang,
    field: SetupField,
    current: &T,
    edited: Result<T, Refusals>,
    put: fn(T) -> Command,
    ask: AskOnce,
) -> Result<(), CommandError> {
    edited
        .map_err(|errors| refusal_for(field, errors))
        .and_then(|next| {
            if next == *current {
                ask.clear();
                return Ok(());
            }
            // What the model asks about (a pool a thousand times off, or
            // far beyond the plan's scale) waits for the answer.
            match ask.check(&board, put(next)) {
                Some(cmd) => send(board, lang, cmd).map(|_| ()),
                None => Ok(()),
            }
        })
}

/// After a removal was sent: focus on the list's add button, or the
/// question dropped and the refusal said in the row.
pub(super) fn removed<T: Send + Sync + 'static>(
    kind: Kind,
    result: Result<Touched, CommandError>,
    asking: RwSignal<Option<T>>,
    error: RwSignal<Option<CommandError>>,
) {
    match result {
        Ok(_) => focus_later(kind.button("add")),
        Err(e) => {
            asking.set(None);
            error.set(Some(e));
        }
    }
}

/// A list's section: its heading, its rows, and the button that adds one
/// (named "Unit 3", say), whose name field then has the focus, selected;
/// a refusal is said under the button.
#[component]
pub(super) fn RowList(
    kind: Kind,
    /// The new row's id and the command that adds it, from the plan and
    /// the row's English and Chinese names.
    new_row: fn(&Plan, String, String) -> NewRow,
    children: Children,
) -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    let (heading, add_label, new_name) = kind.keys();
    let add_error = RwSignal::new(None::<CommandError>);
    let add = move |_| {
        let n = board.with_plan(|p| kind.count(p)) + 1;
        let name = |l: Lang| l.t(new_name).replace("{n}", &n.to_string());
        let (en, zh) = (name(Lang::En), name(Lang::Zh));
        let result = board
            .with_plan(|p| new_row(p, en, zh))
            .map_err(|errors| refusal_for(SetupField::Name, errors))
            .and_then(|(id, cmd)| send(board, lang.get_untracked(), cmd).map(|_| id));
        match result {
            Ok(id) => {
                add_error.set(None);
                focus_and_select_later(kind.in_row(&id, "input[name=\"name\"]"));
            }
            Err(e) => add_error.set(Some(e)),
        }
    };
    let heading_id = format!("setup-{}s", kind.word());
    let error_id = format!("setup-{}-add-error", kind.word());
    view! {
        <section class="setup-section" aria-labelledby=heading_id>
            <h3 id=heading_id.clone()>{move || t(heading)}</h3>
            <ul class="setup-list">{children()}</ul>
            <button type="button" data-testid=kind.testid("add") aria-describedby=error_id.clone() on:click=add>
                {move || t(add_label)}
            </button>
            <FieldError id=error_id error=add_error/>
        </section>
    }
}

/// A row's names in English and Chinese, each committed on leaving its
/// field or on Enter, with its refusal under it.
/// A note under the English name (a unit's warnings) has the id
/// `{hid}-warning`, which that field points to.
#[component]
pub(super) fn NameFields(
    /// The start of the row's element ids ([`Kind::html_id`]).
    hid: String,
    name_value: Signal<String>,
    zh_value: Signal<String>,
    /// Sends a field's text; a refusal is said under that field.
    #[prop(into)]
    commit: Callback<(SetupField, String), Result<(), CommandError>>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    let (name_id, zh_id) = (format!("{hid}-name"), format!("{hid}-zh"));
    let (name_err_id, zh_err_id) = (format!("{hid}-name-error"), format!("{hid}-zh-error"));
    let described = match children {
        Some(_) => format!("{name_err_id} {hid}-warning"),
        None => name_err_id.clone(),
    };
    let name_error = RwSignal::new(None::<CommandError>);
    let zh_error = RwSignal::new(None::<CommandError>);
    let send = move |field: SetupField, text: String| {
        let error = match field {
            SetupField::Name => name_error,
            _ => zh_error,
        };
        error.set(commit.run((field, text)).err());
    };
    let (name, zh) = (SetupField::Name, SetupField::NameZh);
    view! {
        <div class="setup-field">
            <label for=name_id.clone()>{move || t(Key::UnitName)}</label>
            <input
                type="text"
                id=name_id
                name="name"
                aria-describedby=described
                prop:value=name_value
                on:change=move |e| send(name, event_target_value(&e))
                on:keydown=move |e| {
                    if dom::esc_restores(&e, &name_value.get_untracked()) {
                        name_error.set(None);
                    }
                    enter_commits(&e, |v| send(name, v))
                }
            />
            <FieldError id=name_err_id error=name_error/>
            {children.map(|note| note())}
        </div>
        <div class="setup-field">
            <label for=zh_id.clone()>{move || t(Key::UnitNameZh)}</label>
            <input
                type="text"
                id=zh_id
                name="name_zh"
                lang="zh-CN"
                aria-describedby=zh_err_id.clone()
                prop:value=zh_value
                on:change=move |e| send(zh, event_target_value(&e))
                on:keydown=move |e| {
                    if dom::esc_restores(&e, &zh_value.get_untracked()) {
                        zh_error.set(None);
                    }
                    enter_commits(&e, |v| send(zh, v))
                }
            />
            <FieldError id=zh_err_id error=zh_error/>
        </div>
    }
}

/// A row's up, down and remove buttons, and the refusal of any of them.
/// Focus follows a moved row: on the same button while it can go on that
/// way, else on the other.
#[component]
pub(super) fn RowButtons(
    kind: Kind,
    id: String,
    /// Whether the row can move by a step (-1 up, +1 down).
    #[prop(into)]
    can_move: Callback<isize, bool>,
    #[prop(into)] move_by: Callback<isize>,
    #[prop(into)] remove: Callback<()>,
    error: RwSignal<Option<CommandError>>,
) -> impl IntoView {
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    let error_id = format!("{}-error", kind.html_id(&id));
    let id = StoredValue::new(id);
    let step = move |step: isize| {
        move_by.run(step);
        let (this, other) = if step < 0 {
            ("up", "down")
        } else {
            ("down", "up")
        };
        let button = if untrack(|| can_move.run(step)) {
            this
        } else {
            other
        };
        focus_later(kind.in_row(&id.get_value(), &kind.button(button)));
    };
    view! {
        <div class="setup-buttons">
            <button
                type="button"
                data-testid=kind.testid("up")
                aria-label=move || t(Key::MoveUp)
                title=move || t(Key::MoveUp)
                prop:disabled=move || !can_move.run(-1)
                on:click=move |_| step(-1)
            >
                "↑"
            </button>
            <button
                type="button"
                data-testid=kind.testid("down")
                aria-label=move || t(Key::MoveDown)
                title=move || t(Key::MoveDown)
                prop:disabled=move || !can_move.run(1)
                on:click=move |_| step(1)
            >
                "↓"
            </button>
            <button
                type="button"
                class="danger"
                data-testid=kind.testid("remove")
                aria-describedby=error_id.clone()
                on:click=move |_| remove.run(())
            >
                {move || t(Key::RemoveThis)}
            </button>
        </div>
        <FieldError id=error_id error=error/>
    }
}

/// The question a removal asks while `asking` holds what it would take
/// with it; Cancel drops it and puts focus back on the remove button.
#[component]
pub(super) fn Confirm<T: Send + Sync + 'static>(
    kind: Kind,
    id: String,
    asking: RwSignal<Option<T>>,
    children: ChildrenFn,
) -> impl IntoView {
    let lang = expect_context::<Language>();
    let cancel = move |_| {
        asking.set(None);
        focus_later(kind.in_row(&id, &kind.button("remove")));
    };
    view! {
        <Show when=move || asking.with(|c| c.is_some())>
            <div class="setup-confirm" role="group">
                {children()}
                <button type="button" on:click=cancel.clone()>
                    {move || lang.get().t(Key::Cancel)}
                </button>
            </div>
        </Show>
    }
}
