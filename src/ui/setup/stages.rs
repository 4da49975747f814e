//! The stages of the set-up panel: add one, and for each its names (on
//! leaving the field or on Enter), its place on the board, and removing it
//! (asking which stage takes its items when it holds any).

use super::rows::{commit_edit, removed, Confirm, Kind, NameFields, NewRow, RowButtons, RowList};
use super::{focus_later, send};
use crate::i18n::Key;
use crate::model::{
    removal_of_stage, Command, CommandError, Plan, SetupField, Stage, StageDraft, StageId,
};
use crate::ui::edit::ask::AskOnce;
use crate::ui::state::Board;
use crate::ui::state::Language;
use leptos::prelude::*;

const KIND: Kind = Kind::Stage;

/// A new stage, and the command that adds it.
fn new_stage(plan: &Plan, name: String, name_zh: String) -> NewRow {
    let stage = StageDraft { name, name_zh }.new_stage(plan)?;
    Ok((stage.id.to_string(), Command::add_stage(stage)))
}

#[component]
pub(super) fn StageList() -> impl IntoView {
    let board = expect_context::<Board>();
    view! {
        <RowList kind=KIND new_row=new_stage>
            <For
                each=move || board.doc.stages().with(|s| s.iter().map(|s| s.id.clone()).collect::<Vec<_>>())
                key=|id| id.as_str().to_owned()
                children=move |id| view! { <StageRow id=id/> }
            />
        </RowList>
    }
}

#[component]
fn StageRow(id: StageId) -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    let hid = KIND.html_id(id.as_str());
    // Kept as its text: a stored value of the id type would bring its own
    // copy of the reactive code.
    let id = StoredValue::new(id.into_string());
    let stage = Memo::new(move |_| {
        board.doc.stages().with(|stages| {
            stages
                .iter()
                .find(|s| id.with_value(|id| s.id == id.as_str()))
                .cloned()
        })
    });
    let index = Memo::new(move |_| {
        board.doc.stages().with(|stages| {
            (
                stages
                    .iter()
                    .position(|s| id.with_value(|id| s.id == id.as_str())),
                stages.len(),
            )
        })
    });
    let row_error = RwSignal::new(None::<CommandError>);
    // The items a removal moves, while asking where to.
    let confirming = RwSignal::new(None::<usize>);
    let target = RwSignal::new(String::new());

    let ask = AskOnce::new();
    let commit = move |(field, text): (SetupField, String)| {
        let Some(current) = stage.get_untracked() else {
            return Ok(());
        };
        let mut draft = StageDraft::of(&current);
        match field {
            SetupField::Name => draft.name = text,
            _ => draft.name_zh = text,
        }
        let edited = draft.apply(&current);
        commit_edit(
            board,
            lang.get_untracked(),
            field,
            &current,
            edited,
            Command::PutStage,
            ask,
        )
    };
    // Where the row would be after a step, if it can go there.
    let step_to = move |(at, len): (Option<usize>, usize), step: isize| {
        at?.checked_add_signed(step).filter(|to| *to < len)
    };
    let can_move = move |step: isize| index.with(|now| step_to(*now, step).is_some());
    let move_by = move |step: isize| {
        let Some(to) = step_to(index.get_untracked(), step) else {
            return;
        };
        let result = send(
            board,
            lang.get_untracked(),
            Command::MoveStage {
                id: id.get_value().into(),
                to,
            },
        );
        row_error.set(result.err());
    };
    let remove_with = move |to: Option<StageId>| {
        let result = send(
            board,
            lang.get_untracked(),
            Command::RemoveStage {
                id: id.get_value().into(),
                target: to,
            },
        );
        removed(KIND, result, confirming, row_error);
    };
    let remove = move |()| {
        let items = board.with_plan(|p| removal_of_stage(p, &id.get_value().into()));
        if items == 0 {
            remove_with(None);
            return;
        }
        // The next stage by default (the previous one for the last).
        let others: Vec<Stage> = others(board, &id.get_value().into());
        let at = index.get_untracked().0.unwrap_or(0);
        let default = board.with_plan(|p| {
            p.stages
                .get(at + 1)
                .or_else(|| at.checked_sub(1).and_then(|i| p.stages.get(i)))
                .map(|s| s.id.clone())
        });
        match default.or_else(|| others.first().map(|s| s.id.clone())) {
            Some(to) => {
                target.set(to.into_string());
                confirming.set(Some(items));
                focus_later(KIND.in_row(&id.get_value(), "select[name=\"target\"]"));
            }
            // The only stage: the model says why it stays.
            None => remove_with(None),
        }
    };
    let target_id = format!("{hid}-target");
    let count = move |key| t(key).replace("{n}", &confirming.get().unwrap_or(0).to_string());

    view! {
        <li class="setup-row" data-setup-stage=id.get_value()>
            <fieldset>
                <legend class="visually-hidden">
                    {move || stage.with(|s| s.as_ref().map(|s| lang.get().stage_name(s)))}
                </legend>
                <NameFields
                    hid=hid
                    name_value=Signal::derive(move || stage.with(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_default()))
                    zh_value=Signal::derive(move || stage.with(|s| s.as_ref().and_then(|s| s.name_zh.clone()).unwrap_or_default()))
                    commit=commit
                />
                <RowButtons kind=KIND id=id.get_value() can_move=can_move move_by=move_by remove=remove error=row_error/>
                <Confirm kind=KIND id=id.get_value() asking=confirming>
                    <label for=target_id.clone()>{move || count(Key::StageItemsMoveTo)}</label>
                    <select
                        id=target_id.clone()
                        name="target"
                        on:change=move |e| target.set(event_target_value(&e))
                    >
                        {move || {
                            others(board, &id.get_value().into())
                                .into_iter()
                                .map(|s| {
                                    let value = s.id.to_string();
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
                        on:click=move |_| remove_with(Some(StageId::from(target.get_untracked())))
                    >
                        {move || count(Key::ConfirmRemoveStage)}
                    </button>
                </Confirm>
            </fieldset>
        </li>
    }
}

/// The stages other than `id`, in board order.
fn others(board: Board, id: &StageId) -> Vec<Stage> {
    board
        .doc
        .stages()
        .with(|stages| stages.iter().filter(|s| &s.id != id).cloned().collect())
}
