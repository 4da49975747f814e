//! Who has been sent a slice and who has sent theirs back: one row per
//! district and affiliate, from the ledger kept in the plan (so it survives
//! a reload and travels with an export).

use crate::i18n::{Key, Lang};
use crate::io::clock;
use crate::model::{returns_ledger, Level, ReturnState};
use crate::ui::state::Board;
use crate::ui::state::Language;
use leptos::prelude::*;

fn state_name(state: &ReturnState) -> &'static str {
    match state {
        ReturnState::NotSent => "not-sent",
        ReturnState::Sent { .. } => "sent",
        ReturnState::Returned { .. } => "returned",
    }
}

/// The state with its times in local time.
fn in_local_time(state: ReturnState, lang: Lang) -> ReturnState {
    let local = |stamp: &str| clock::local_stamp(stamp, lang);
    match state {
        ReturnState::NotSent => ReturnState::NotSent,
        ReturnState::Sent { at, revision } => ReturnState::Sent {
            at: local(&at),
            revision,
        },
        ReturnState::Returned {
            sent_at,
            revision,
            at,
            changes,
        } => ReturnState::Returned {
            sent_at: local(&sent_at),
            revision,
            at: local(&at),
            changes,
        },
    }
}

/// The returns list of Plans & files.
#[component]
pub fn ReturnsList() -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let rows = Memo::new(move |_| {
        board.doc.header().track();
        let lang = lang.get();
        board.with_plan(|p| {
            returns_ledger(p)
                .into_iter()
                .filter(|(u, _)| u.level != Level::Municipal)
                .map(|(u, state)| (u.id.clone(), lang.unit_name(u), state))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="returns" data-testid="returns">
            <h3>{move || lang.get().t(Key::ReturnsTitle)}</h3>
            <ul>
                {move || {
                    let lang = lang.get();
                    rows.get()
                        .into_iter()
                        .map(|(id, name, state)| {
                            let changes = match &state {
                                ReturnState::Returned { changes, .. } => Some(*changes),
                                _ => None,
                            };
                            let kind = state_name(&state);
                            view! {
                                <li
                                    data-return-status=id.into_string()
                                    data-state=kind
                                    data-changes=changes
                                >
                                    <span class="unit-name">{name}</span>
                                    " "
                                    <span class="return-state">{lang.return_state(&in_local_time(state, lang))}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}
