//! Asking before a change goes through. The model says what to ask
//! ([`crate::model::ask::questions`]); [`AskOnce`] holds the question for
//! the change that raised it and lets that same change through when it
//! comes again; [`Questions`] shows it next to what made the change.

use crate::i18n::{Key, Lang};
use crate::model::ask::Question;
use crate::model::{Command, ItemId, LinkId, UnitId};
use crate::ui::state::Board;
use crate::ui::state::Language;
use leptos::prelude::*;

/// A change waiting for its answer.
#[derive(Clone, Debug, PartialEq)]
struct Pending {
    questions: Vec<Question>,
    answer: Answer,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Answer {
    Waiting,
    /// "Yes": this very change may go.
    GoAhead,
}

#[derive(Clone, Copy)]
pub struct AskOnce {
    asked: RwSignal<Option<Pending>>,
}

impl AskOnce {
    pub fn new() -> AskOnce {
        AskOnce {
            asked: RwSignal::new(None),
        }
    }

    /// `Some(cmd)` when it may go now: nothing to ask, or the user
    /// answered "yes" to the question for this very change. Otherwise the
    /// question is shown (or stays) and `None` returned: sending the same
    /// change again (Enter, then leaving the field) does not answer it.
    pub fn check(self, board: &Board, cmd: Command) -> Option<Command> {
        let questions = board.questions(&cmd);
        if questions.is_empty() {
            self.clear();
            return Some(cmd);
        }
        // The same questions (a change stamped anew, such as a merge, is
        // still the same change to the user).
        let open = self.asked.with_untracked(|a| {
            a.as_ref()
                .filter(|p| p.questions == questions)
                .map(|p| p.answer)
        });
        match open {
            Some(Answer::GoAhead) => {
                self.asked.set(None);
                Some(cmd)
            }
            Some(Answer::Waiting) => None,
            None => {
                self.asked.set(Some(Pending {
                    questions,
                    answer: Answer::Waiting,
                }));
                None
            }
        }
    }

    /// "Yes" to the open question: the same change, sent again, goes.
    fn go_ahead(self) {
        self.asked.update(|a| {
            if let Some(p) = a {
                p.answer = Answer::GoAhead;
            }
        });
    }

    /// The question goes away (the value was changed or cancelled).
    pub fn clear(self) {
        if self.asked.try_with_untracked(Option::is_some) == Some(true) {
            self.asked.set(None);
        }
    }

    /// Whether a question is open (tracked).
    pub fn asking(self) -> bool {
        self.asked.with(Option::is_some)
    }

    fn questions(self) -> Vec<Question> {
        self.asked
            .with(|a| a.as_ref().map(|p| p.questions.clone()).unwrap_or_default())
    }
}

impl Default for AskOnce {
    fn default() -> Self {
        AskOnce::new()
    }
}

/// A record's name for a question: an item's title, a unit's name, a
/// link's two ends.
pub fn record_name(board: Board, lang: Lang, id: &str) -> String {
    let item = |id: &ItemId| board.doc.item_label(id, lang).map(|(title, _)| title);
    if let Some(title) = item(&ItemId::from(id)) {
        return title;
    }
    let unit = UnitId::from(id);
    if let Some(name) = board.with_plan(|p| p.unit(&unit).map(|u| lang.unit_name(u))) {
        return name;
    }
    let link = LinkId::from(id);
    board
        .with_plan(|p| p.link(&link).map(|l| (l.source.clone(), l.target.clone())))
        .map(|(s, t)| {
            format!(
                "{} → {}",
                item(&s).unwrap_or_default(),
                item(&t).unwrap_or_default()
            )
        })
        .unwrap_or_else(|| id.to_string())
}

/// The open question, if any: what it is about and two buttons, change
/// it (the question goes, nothing is changed) or go ahead (`on_confirm`,
/// which sends the same change again). `confirm` names the go-ahead.
#[component]
pub fn Questions(ask: AskOnce, on_confirm: Callback<()>, confirm: Key) -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    move || {
        ask.asking().then(|| {
            let lang = lang.get();
            let name = move |id: &str| record_name(board, lang, id);
            let lines = ask
                .questions()
                .iter()
                .map(|q| {
                    let (left, asked) = match q {
                        Question::OverPool { left, asked, .. } => {
                            (Some(left.to_string()), Some(asked.yuan().to_string()))
                        }
                        _ => (None, None),
                    };
                    view! {
                        <p data-question=kind(q) data-left=left data-typed=asked>{lang.question(q, &name)}</p>
                    }
                })
                .collect_view();
            view! {
                <div class="amount-question" role="alert" data-testid="amount-question">
                    <p><strong>{lang.t(Key::AmountJumpQuestion)}</strong></p>
                    {lines}
                    <div class="dialog-actions">
                        <button type="button" data-testid="amount-change" on:click=move |_| ask.clear()>
                            {lang.t(Key::AmountChange)}
                        </button>
                        <button type="button" class="primary" data-testid="confirm-amount" on:click=move |_| {
                            ask.go_ahead();
                            on_confirm.run(());
                        }>
                            {lang.t(confirm)}
                        </button>
                    </div>
                </div>
            }
        })
    }
}

/// A stable name for the kind of question, for tests and styles.
pub fn kind(q: &Question) -> &'static str {
    match q {
        Question::ThousandTimes { .. } => "thousand-times",
        Question::OverPool { .. } => "over-pool",
        Question::PoolBeyondScale { .. } => "pool-scale",
    }
}
