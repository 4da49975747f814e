use crate::i18n::Key;
use crate::io::storage;
use crate::model::{Amount, ItemId};
use crate::ui::board::linker::{Linker, Proposal};
use crate::ui::dialog::Modal;
use crate::ui::dom;
use crate::ui::edit::amount::AmountField;
use crate::ui::edit::ask::{AskOnce, Questions};
use crate::ui::edit::discard::DiscardQuestion;
use crate::ui::state::Language;
use crate::ui::state::{keep_fields, kept_fields, Board, Drafts};
use leptos::html;
use leptos::prelude::*;

/// The name the amount dialog's draft is kept under for this tab.
pub const KEPT: &str = "link";

/// The amount dialog's draft as kept for this tab while it holds typed
/// text, offered back after a reload or a crash.
#[derive(Clone, Debug, PartialEq)]
pub struct KeptLink {
    pub plan: String,
    pub source: ItemId,
    pub target: ItemId,
    /// The card the link was started from.
    pub origin: ItemId,
    /// The amount proposed, in yuan.
    pub proposed: u64,
    pub amount: String,
    pub note: String,
}

thread_local! {
    /// The amount and note the next amount dialog starts from instead of
    /// the proposal (a draft offered back after a reload).
    static RESTORED: std::cell::RefCell<Option<(String, String)>> = const { std::cell::RefCell::new(None) };
}

/// Opens the amount dialog on `proposal` holding the typed `amount` and
/// `note` of a draft offered back.
pub fn open_restored(linker: &Linker, proposal: Proposal, amount: String, note: String) {
    RESTORED.with(|r| *r.borrow_mut() = Some((amount, note)));
    linker.propose(proposal);
}

impl KeptLink {
    /// The draft kept for this tab, if any reads.
    pub fn read() -> Option<KeptLink> {
        let f = kept_fields(KEPT)?;
        Some(KeptLink {
            plan: f.get("plan"),
            source: ItemId::from(f.get("source")),
            target: ItemId::from(f.get("target")),
            origin: ItemId::from(f.get("origin")),
            proposed: f.get("proposed").parse().ok()?,
            amount: f.get("amount"),
            note: f.get("note"),
        })
    }

    fn keep(&self) {
        keep_fields(
            KEPT,
            &[
                ("plan", &self.plan),
                ("source", self.source.as_str()),
                ("target", self.target.as_str()),
                ("origin", self.origin.as_str()),
                ("proposed", &self.proposed.to_string()),
                ("amount", &self.amount),
                ("note", &self.note),
            ],
        );
    }

    pub fn forget() {
        storage::drop_draft(KEPT);
    }
}

/// Asks a new link's amount, proposing one; Enter accepts it.
#[component]
pub fn LinkAmountDialog() -> impl IntoView {
    let linker = expect_context::<Linker>();
    view! {
        {move || linker.proposal().map(|p| view! { <LinkForm proposed=p.amount source=p.source target=p.target/> })}
    }
}

#[component]
fn LinkForm(proposed: Amount, source: ItemId, target: ItemId) -> impl IntoView {
    let board = expect_context::<Board>();
    let linker = expect_context::<Linker>();
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    let restored = RESTORED.with(|r| r.borrow_mut().take());
    let (first_text, first_note) =
        restored.unwrap_or_else(|| (proposed.yuan().to_string(), String::new()));
    let text = RwSignal::new(first_text);
    let note = RwSignal::new(first_note);
    let error: RwSignal<Option<crate::model::AmountError>> = RwSignal::new(None);
    let input: NodeRef<html::Input> = NodeRef::new();
    // The proposed amount is selected, so typing replaces it: on the next
    // frame, once the dialog has put the focus in (focusing it afterwards
    // would leave the caret at the end in Chromium and WebKit).
    Effect::new(move || {
        if let Some(el) = input.get() {
            request_animation_frame(move || el.select());
        }
    });
    let title_of = move |id: &ItemId| {
        board
            .doc
            .item_label(id, lang.get())
            .map(|(title, unit)| format!("{title} ({unit})"))
            .unwrap_or_default()
    };
    // What the model asks about (more than the giver has left) is asked
    // once.
    let ask = AskOnce::new();
    let accept = move || match Amount::parse(&text.get_untracked()) {
        Ok(amount) => {
            error.set(None);
            let note = note.get_untracked();
            let note = (!note.trim().is_empty()).then(|| note.trim().to_string());
            let Some(cmd) = linker.command(&board, amount, note) else {
                return;
            };
            if let Some(cmd) = ask.check(&board, cmd) {
                linker.accept(&board, lang.get_untracked(), cmd);
            }
        }
        Err(e) => error.set(Some(e)),
    };
    let cancel = move || {
        linker.withdraw();
        board
            .notices
            .announce(lang.get_untracked().t(Key::LinkCancelled).to_string());
    };
    // Typed text is not dropped without a question.
    let asking = RwSignal::new(false);
    let changed = move || {
        text.with(|t| t.trim() != proposed.yuan().to_string())
            || note.with(|n| !n.trim().is_empty())
    };
    // Leaving the page while it holds typed text asks first.
    let drafts = expect_context::<Drafts>();
    let kept = KeptLink {
        plan: board.with_plan(|p| p.id.clone()),
        source: source.clone(),
        target: target.clone(),
        origin: linker.proposal_origin().unwrap_or_else(|| source.clone()),
        proposed: proposed.yuan(),
        amount: String::new(),
        note: String::new(),
    };
    Effect::new(move || {
        if !changed() {
            drafts.release(KEPT);
            KeptLink::forget();
            return;
        }
        drafts.hold(KEPT);
        let mut now = kept.clone();
        now.amount = text.get();
        now.note = note.get();
        now.keep();
    });
    on_cleanup(move || {
        drafts.release(KEPT);
        KeptLink::forget();
    });
    let request_cancel = move || {
        if untrack(changed) {
            asking.set(true);
        } else {
            cancel();
        }
    };
    let (from, to) = (source.clone(), target.clone());
    // What the proposal is: within the giver's pool only where it has one.
    let hint = if board.with_plan(|p| {
        p.item(&source)
            .and_then(|i| p.unit(&i.unit))
            .is_some_and(|u| u.pool.is_some())
    }) {
        Key::LinkAmountHint
    } else {
        Key::LinkAmountHintNoPool
    };
    view! {
        <Modal on_close=Callback::new(move |_| request_cancel()) labelledby="link-dialog-title" class="link-dialog">
        <form
            on:submit=move |ev| {
                ev.prevent_default();
                accept();
            }
        >
            <h2 id="link-dialog-title">{move || t(Key::NewLink)}</h2>
            <p class="link-ends">
                <span class="end-label">{move || t(Key::From)}</span>
                <strong>{move || title_of(&from)}</strong>
                <span class="end-label">{move || t(Key::To)}</span>
                <strong>{move || title_of(&to)}</strong>
            </p>
            <AmountField label=Key::LinkAmount text error reading_testid="reading-link-amount" hint error_testid="link-amount-error">
                <input
                    type="text"
                    inputmode="decimal"
                    data-testid="link-amount"
                    data-autofocus=""
                    node_ref=input
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                    on:keydown=move |ev| {
                        if dom::esc_restores(&ev, &proposed.yuan().to_string()) {
                            error.set(None);
                        }
                    }
                />
            </AmountField>
            <label class="field">
                <span>{move || t(Key::LinkNote)}</span>
                <input
                    type="text"
                    data-testid="link-note"
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                    on:keydown=move |ev| {
                        dom::esc_restores(&ev, "");
                    }
                />
            </label>
            <Questions ask on_confirm=Callback::new(move |_| accept()) confirm=Key::AmountYesLink/>
            <div class="dialog-actions">
                <button type="button" data-testid="link-cancel" on:click=move |_| request_cancel()>
                    {move || t(Key::Cancel)}
                </button>
                // Accepted on the click (Enter in the amount clicks it too);
                // the browser's form submission is slow on a big board.
                <button type="submit" class="primary" data-testid="link-accept" on:click=move |ev| {
                    ev.prevent_default();
                    accept();
                }>
                    {move || t(Key::LinkIt)}
                </button>
            </div>
        </form>
        </Modal>
        <DiscardQuestion asking explain=Key::DiscardLinkExplain on_discard=Callback::new(move |_| cancel())/>
    }
}
