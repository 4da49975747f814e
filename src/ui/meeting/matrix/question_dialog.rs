//! The dialog that asks the matrix's question: which item takes the
//! amount, which links clearing removes, or whether to give more than the
//! pool has left.

use super::ctx::Ctx;
use super::question::Question;
use crate::i18n::Key;
use crate::model::ask;
use crate::model::matrix::{self, CellEdit, CellOutcome};
use crate::ui::dialog::{Modal, Role};
use crate::ui::edit::ask::{kind, record_name};
use leptos::prelude::*;

/// Which item takes the amount, or which links clearing removes.
#[component]
pub(super) fn QuestionDialog(ctx: Ctx) -> impl IntoView {
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
                                    if !matches!(outcome, CellOutcome::Ask { .. }) {
                                        close();
                                    }
                                    ctx.outcome(outcome, &CellEdit::Set(amount), item.clone(), unit.clone());
                                };
                                view! {
                                    <li>
                                        <button type="button" data-candidate=c.item.to_string() data-unmet=c.unmet.to_string() on:click=choose>
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
                                <li data-link=l.id.to_string()>
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
            Question::Ask {
                command, questions, ..
            } => {
                let name = move |id: &str| record_name(ctx.board, lang, id);
                let lines = questions
                    .iter()
                    .map(|q| {
                        let (left, typed) = match q {
                            ask::Question::OverPool { left, asked, .. } => {
                                (Some(left.to_string()), Some(asked.yuan().to_string()))
                            }
                            _ => (None, None),
                        };
                        let testid = matches!(q, ask::Question::OverPool { .. }).then_some("matrix-over");
                        view! {
                            <p data-testid=testid data-question=kind(q) data-left=left data-typed=typed>{lang.question(q, &name)}</p>
                        }
                    })
                    .collect_view();
                let confirm = move |_| {
                    close();
                    ctx.run((*command).clone());
                };
                view! {
                    <h2 id="matrix-question-title">{lang.t(Key::AmountJumpQuestion)}</h2>
                    {lines}
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
