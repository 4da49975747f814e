//! Drafts left unsaved when the page reloaded or crashed (a card in the
//! card editor, a link in the amount dialog, a matrix cell), offered back one at a time in
//! the reader's language. Nothing of them reaches the plan unless restored
//! and then saved.

use crate::i18n::Key;
use crate::model::{Amount, ItemId};
use crate::ui::board::link_dialog::{self, KeptLink};
use crate::ui::board::linker::{Linker, Proposal};
use crate::ui::edit::card_editor::{CardEditor, Editing, KeptCard};
use crate::ui::meeting::matrix::kept::{self, KeptCell};
use crate::ui::state::Language;
use crate::ui::state::{Board, Shown};
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
enum Offer {
    Card(KeptCard),
    Link(KeptLink),
    Cell(KeptCell),
}

/// The drafts of the open plan kept for this tab, card first.
fn offers(plan: &str) -> Vec<Offer> {
    let card = KeptCard::read().filter(|k| k.plan == plan).map(Offer::Card);
    let link = KeptLink::read().filter(|k| k.plan == plan).map(Offer::Link);
    let cell = KeptCell::read().filter(|k| k.plan == plan).map(Offer::Cell);
    card.into_iter().chain(link).chain(cell).collect()
}

thread_local! {
    static OFFERS: std::cell::RefCell<Vec<Offer>> = const { std::cell::RefCell::new(Vec::new()) };
}

#[component]
pub fn RestoreOffer() -> impl IntoView {
    let board = expect_context::<Board>();
    let editor = expect_context::<CardEditor>();
    let linker = expect_context::<Linker>();
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    let open = board.with_plan(|p| p.id.clone());
    // The offers, read once; `answered` counts those answered.
    OFFERS.with(|o| *o.borrow_mut() = offers(&open));
    let answered = RwSignal::new(0usize);
    let first = move || {
        let n = answered.get();
        OFFERS.with(|o| o.borrow().get(n).cloned())
    };
    let question = move || {
        let lang = lang.get();
        first().map(|offer| match offer {
            Offer::Card(k) => {
                let title = k.draft.title.trim();
                if title.is_empty() {
                    lang.t(Key::RestoreNewCardQuestion).to_string()
                } else {
                    lang.t(Key::RestoreCardQuestion).replace("{title}", title)
                }
            }
            Offer::Link(k) => {
                let name = |id: &ItemId| {
                    board
                        .doc
                        .item_label(id, lang)
                        .map(|(title, _)| title)
                        .unwrap_or_else(|| id.to_string())
                };
                lang.t(Key::RestoreLinkQuestion)
                    .replace("{from}", &name(&k.source))
                    .replace("{to}", &name(&k.target))
            }
            Offer::Cell(k) => {
                let program = board
                    .doc
                    .item_label(&k.item, lang)
                    .map(|(title, _)| title)
                    .unwrap_or_else(|| k.item.to_string());
                let unit = board
                    .doc
                    .unit(&k.unit)
                    .map(|c| c.unit.with(|u| lang.unit_name(u)))
                    .unwrap_or_else(|| k.unit.to_string());
                lang.t(Key::RestoreCellQuestion)
                    .replace("{text}", k.text.trim())
                    .replace("{program}", &program)
                    .replace("{unit}", &unit)
            }
        })
    };
    let next = move || answered.update(|n| *n += 1);
    let restore = move |_| {
        let Some(offer) = untrack(first) else {
            return;
        };
        next();
        match offer {
            Offer::Card(kept) => {
                // A card removed meanwhile comes back as a new card of its unit.
                let editing = match kept.item {
                    Some(id) if board.with_plan(|p| p.item(&id).is_some()) => Editing::Item(id),
                    _ => Editing::New { unit: kept.unit },
                };
                editor.open_restored(editing, kept.draft);
            }
            Offer::Link(kept) => {
                let there = board.with_plan(|p| {
                    p.item(&kept.source).is_some() && p.item(&kept.target).is_some()
                });
                let Some(amount) = Amount::new(kept.proposed).filter(|_| there) else {
                    KeptLink::forget();
                    return;
                };
                let proposal = Proposal {
                    source: kept.source,
                    target: kept.target,
                    amount,
                    origin: kept.origin,
                };
                link_dialog::open_restored(&linker, proposal, kept.amount, kept.note);
            }
            Offer::Cell(kept) => {
                let there = board
                    .with_plan(|p| p.item(&kept.item).is_some() && p.unit(&kept.unit).is_some());
                if !there {
                    KeptCell::forget();
                    return;
                }
                kept::open_when_shown(kept);
                board.view.show(Shown::Matrix);
            }
        }
    };
    let discard = move |_| {
        match untrack(first) {
            Some(Offer::Card(_)) => KeptCard::forget(),
            Some(Offer::Link(_)) => KeptLink::forget(),
            Some(Offer::Cell(_)) => KeptCell::forget(),
            None => {}
        }
        next();
    };
    view! {
        <Show when=move || first().is_some()>
            <section class="restore-offer notice" role="alertdialog" aria-labelledby="restore-question" aria-describedby="restore-explain" data-testid="restore-draft">
                <p><strong id="restore-question">{question}</strong></p>
                <p id="restore-explain">{move || t(Key::RestoreExplain)}</p>
                <div class="dialog-actions">
                    <button type="button" data-testid="restore-discard" on:click=discard>
                        {move || t(Key::DiscardDraft)}
                    </button>
                    <button type="button" class="primary" data-testid="restore-accept" on:click=restore>
                        {move || t(Key::Restore)}
                    </button>
                </div>
            </section>
        </Show>
    }
}
