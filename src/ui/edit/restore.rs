//! A card's draft left unsaved when the page reloaded or crashed, offered
//! back in the reader's language. Nothing of it reaches the plan unless it
//! is restored and then saved in the card editor.

use crate::i18n::{Key, Lang};
use crate::ui::edit::card_editor::{CardEditor, Editing, KeptCard};
use crate::ui::state::Board;
use leptos::prelude::*;

#[component]
pub fn RestoreOffer() -> impl IntoView {
    let board = expect_context::<Board>();
    let editor = expect_context::<CardEditor>();
    let lang = expect_context::<RwSignal<Lang>>();
    let t = move |k| lang.get().t(k);
    // Only a draft of the plan that is open is offered.
    let open = board.with_plan(|p| p.id.clone());
    let offer = RwSignal::new(KeptCard::read().filter(|k| k.plan == open));
    let question = move || {
        offer.with(|o| {
            o.as_ref().map(|k| {
                let title = k.draft.title.trim();
                if title.is_empty() {
                    t(Key::RestoreNewCardQuestion).to_string()
                } else {
                    t(Key::RestoreCardQuestion).replace("{title}", title)
                }
            })
        })
    };
    let restore = move |_| {
        let Some(kept) = offer.get_untracked() else {
            return;
        };
        offer.set(None);
        // A card removed meanwhile comes back as a new card of its unit.
        let editing = match kept.item {
            Some(id) if board.with_plan(|p| p.item(&id).is_some()) => Editing::Item(id),
            _ => Editing::New { unit: kept.unit },
        };
        editor.open_restored(editing, kept.draft);
    };
    let discard = move |_| {
        KeptCard::forget();
        offer.set(None);
    };
    view! {
        <Show when=move || offer.with(Option::is_some)>
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
