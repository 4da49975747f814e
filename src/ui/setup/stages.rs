//! The stages of the set-up panel: add one, and for each its names (on
//! leaving the field or on Enter), its place on the board, and removing it
//! (asking which stage takes its items when it holds any).

use super::units::{html_id, refusal_for};
use super::{enter_commits, focus_later, send, FieldError};
use crate::i18n::{Key, Lang};
use crate::model::{removal_of_stage, Command, CommandError, SetupField, Stage, StageDraft};
use crate::ui::dom::attr_selector;
use crate::ui::state::Board;
use leptos::prelude::*;

#[component]
pub(super) fn StageList() -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<RwSignal<Lang>>();
    let t = move |k| lang.get().t(k);
    let add_error = RwSignal::new(None::<CommandError>);
    let add = move |_| {
        let n = board.with_plan(|p| p.stages.len()) + 1;
        let name = |l: Lang| l.t(Key::NewStageName).replace("{n}", &n.to_string());
        let draft = StageDraft {
            name: name(Lang::En),
            name_zh: name(Lang::Zh),
        };
        let result = board
            .with_plan(|p| draft.new_stage(p))
            .map_err(|errors| refusal_for(SetupField::Name, errors))
            .and_then(|stage| {
                let id = stage.id.clone();
                send(board, lang.get_untracked(), Command::add_stage(stage)).map(|_| id)
            });
        match result {
            Ok(id) => {
                add_error.set(None);
                focus_later(
                    format!(
                        "{} input[name=\"name\"]",
                        attr_selector("data-setup-stage", &id)
                    ),
                    true,
                );
            }
            Err(e) => add_error.set(Some(e)),
        }
    };
    view! {
        <section class="setup-section" aria-labelledby="setup-stages">
            <h3 id="setup-stages">{move || t(Key::StagesWord)}</h3>
            <ul class="setup-list">
                <For
                    each=move || board.doc.stages().with(|s| s.iter().map(|s| s.id.clone()).collect::<Vec<_>>())
                    key=|id| id.clone()
                    children=move |id| view! { <StageRow id=id/> }
                />
            </ul>
            <button type="button" data-testid="stage-add" aria-describedby="setup-stage-add-error" on:click=add>
                {move || t(Key::AddStage)}
            </button>
            <FieldError id="setup-stage-add-error".into() error=add_error/>
        </section>
    }
}

#[component]
fn StageRow(id: String) -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<RwSignal<Lang>>();
    let t = move |k| lang.get().t(k);
    let hid = html_id("setup-stage", &id);
    let id = StoredValue::new(id);
    let stage = Memo::new(move |_| {
        board
            .doc
            .stages()
            .with(|stages| stages.iter().find(|s| s.id == id.get_value()).cloned())
    });
    let index = Memo::new(move |_| {
        board.doc.stages().with(|stages| {
            (
                stages.iter().position(|s| s.id == id.get_value()),
                stages.len(),
            )
        })
    });
    let name_error = RwSignal::new(None::<CommandError>);
    let zh_error = RwSignal::new(None::<CommandError>);
    let row_error = RwSignal::new(None::<CommandError>);
    // The items a removal moves, while asking where to.
    let confirming = RwSignal::new(None::<usize>);
    let target = RwSignal::new(String::new());
    let row = move || attr_selector("data-setup-stage", &id.get_value());

    let commit = move |field: SetupField, text: String| {
        let Some(current) = stage.get_untracked() else {
            return;
        };
        let mut draft = StageDraft::of(&current);
        match field {
            SetupField::Name => draft.name = text,
            _ => draft.name_zh = text,
        }
        let result = draft
            .apply(&current)
            .map_err(|errors| refusal_for(field, errors))
            .and_then(|next| {
                if next == current {
                    return Ok(());
                }
                send(board, lang.get_untracked(), Command::PutStage(next)).map(|_| ())
            });
        match field {
            SetupField::Name => name_error.set(result.err()),
            _ => zh_error.set(result.err()),
        }
    };
    let move_by = move |step: isize| {
        let (Some(at), len) = index.get_untracked() else {
            return;
        };
        let Some(to) = at.checked_add_signed(step).filter(|to| *to < len) else {
            return;
        };
        let result = send(
            board,
            lang.get_untracked(),
            Command::MoveStage {
                id: id.get_value(),
                to,
            },
        );
        row_error.set(result.err());
        let still = to.checked_add_signed(step).is_some_and(|n| n < len);
        let (this, other) = if step < 0 {
            ("stage-up", "stage-down")
        } else {
            ("stage-down", "stage-up")
        };
        focus_later(
            format!(
                "{} [data-testid=\"{}\"]",
                row(),
                if still { this } else { other }
            ),
            false,
        );
    };
    let remove_with = move |to: Option<String>| {
        let result = send(
            board,
            lang.get_untracked(),
            Command::RemoveStage {
                id: id.get_value(),
                target: to,
            },
        );
        match result {
            Ok(_) => focus_later("[data-testid=\"stage-add\"]".into(), false),
            Err(e) => {
                confirming.set(None);
                row_error.set(Some(e));
            }
        }
    };
    let remove = move |_| {
        let items = board.with_plan(|p| removal_of_stage(p, &id.get_value()));
        if items == 0 {
            remove_with(None);
            return;
        }
        // The next stage by default (the previous one for the last).
        let others: Vec<Stage> = others(board, &id.get_value());
        let at = index.get_untracked().0.unwrap_or(0);
        let default = board.with_plan(|p| {
            p.stages
                .get(at + 1)
                .or_else(|| at.checked_sub(1).and_then(|i| p.stages.get(i)))
                .map(|s| s.id.clone())
        });
        match default.or_else(|| others.first().map(|s| s.id.clone())) {
            Some(to) => {
                target.set(to);
                confirming.set(Some(items));
                focus_later(format!("{} select[name=\"target\"]", row()), false);
            }
            // The only stage: the model says why it stays.
            None => remove_with(None),
        }
    };
    let field = |suffix: &str| format!("{hid}-{suffix}");
    let (name_id, zh_id, target_id) = (field("name"), field("zh"), field("target"));
    let (name_err_id, zh_err_id, row_err_id) =
        (field("name-error"), field("zh-error"), field("error"));

    view! {
        <li class="setup-row" data-setup-stage=id.get_value()>
            <fieldset>
                <legend class="visually-hidden">
                    {move || stage.with(|s| s.as_ref().map(|s| lang.get().stage_name(s)))}
                </legend>
                <div class="setup-field">
                    <label for=name_id.clone()>{move || t(Key::UnitName)}</label>
                    <input
                        type="text"
                        id=name_id
                        name="name"
                        aria-describedby=name_err_id.clone()
                        prop:value=move || stage.with(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_default())
                        on:change=move |e| commit(SetupField::Name, event_target_value(&e))
                        on:keydown=move |e| enter_commits(&e, |v| commit(SetupField::Name, v))
                    />
                    <FieldError id=name_err_id error=name_error/>
                </div>
                <div class="setup-field">
                    <label for=zh_id.clone()>{move || t(Key::UnitNameZh)}</label>
                    <input
                        type="text"
                        id=zh_id
                        name="name_zh"
                        lang="zh-CN"
                        aria-describedby=zh_err_id.clone()
                        prop:value=move || stage.with(|s| s.as_ref().and_then(|s| s.name_zh.clone()).unwrap_or_default())
                        on:change=move |e| commit(SetupField::NameZh, event_target_value(&e))
                        on:keydown=move |e| enter_commits(&e, |v| commit(SetupField::NameZh, v))
                    />
                    <FieldError id=zh_err_id error=zh_error/>
                </div>
                <div class="setup-buttons">
                    <button
                        type="button"
                        data-testid="stage-up"
                        aria-label=move || t(Key::MoveUp)
                        title=move || t(Key::MoveUp)
                        prop:disabled=move || index.with(|(at, _)| *at == Some(0) || at.is_none())
                        on:click=move |_| move_by(-1)
                    >
                        "↑"
                    </button>
                    <button
                        type="button"
                        data-testid="stage-down"
                        aria-label=move || t(Key::MoveDown)
                        title=move || t(Key::MoveDown)
                        prop:disabled=move || index.with(|(at, len)| at.is_none_or(|at| at + 1 >= *len))
                        on:click=move |_| move_by(1)
                    >
                        "↓"
                    </button>
                    <button
                        type="button"
                        class="danger"
                        data-testid="stage-remove"
                        aria-describedby=row_err_id.clone()
                        on:click=remove
                    >
                        {move || t(Key::RemoveThis)}
                    </button>
                </div>
                <FieldError id=row_err_id error=row_error/>
                <Show when=move || confirming.with(|c| c.is_some())>
                    <div class="setup-confirm" role="group">
                        <label for=target_id.clone()>
                            {move || t(Key::StageItemsMoveTo).replace("{n}", &confirming.get().unwrap_or(0).to_string())}
                        </label>
                        <select
                            id=target_id.clone()
                            name="target"
                            on:change=move |e| target.set(event_target_value(&e))
                        >
                            {move || {
                                others(board, &id.get_value())
                                    .into_iter()
                                    .map(|s| {
                                        let value = s.id.clone();
                                        let chosen = target.get_untracked() == value;
                                        view! {
                                            <option value=value selected=chosen>
                                                {lang.get().stage_name(&s)}
                                            </option>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </select>
                        <button
                            type="button"
                            class="danger"
                            data-testid="confirm-remove"
                            on:click=move |_| remove_with(Some(target.get_untracked()))
                        >
                            {move || t(Key::ConfirmRemoveStage).replace("{n}", &confirming.get().unwrap_or(0).to_string())}
                        </button>
                        <button type="button" on:click=move |_| {
                            confirming.set(None);
                            focus_later(format!("{} [data-testid=\"stage-remove\"]", row()), false);
                        }>
                            {move || t(Key::Cancel)}
                        </button>
                    </div>
                </Show>
            </fieldset>
        </li>
    }
}

/// The stages other than `id`, in board order.
fn others(board: Board, id: &str) -> Vec<Stage> {
    board
        .doc
        .stages()
        .with(|stages| stages.iter().filter(|s| s.id != id).cloned().collect())
}
