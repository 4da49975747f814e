use crate::i18n::Key;
use crate::model::{Amount, Command, CommandError, ItemId, Link};
use crate::ui::dom;
use crate::ui::edit::amount::AmountField;
use crate::ui::edit::ask::{AskOnce, Questions};
use crate::ui::edit::card_editor::CardEditor;
use crate::ui::state::Board;
use crate::ui::state::Language;
use leptos::prelude::*;

/// The selected card's links, each with its amount and note to edit and a
/// way to remove it.
#[component]
pub fn DetailsPanel() -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let editor = expect_context::<CardEditor>();
    let t = move |k| lang.get().t(k);
    let links = Memo::new(move |_| {
        board.doc.links_changed().track();
        let Some(id) = board.view.selected() else {
            return Vec::new();
        };
        board.with_plan(|p| p.links_of(&id).cloned().collect::<Vec<Link>>())
    });
    let title = move || {
        board
            .view
            .selected()
            .and_then(|id| board.doc.item(&id))
            .map(|c| c.item.with(|i| i.title.clone()))
            .unwrap_or_default()
    };
    view! {
        <Show when=move || board.view.has_selection()>
            <aside class="details" data-testid="details" aria-label=move || t(Key::LinksOfCard)>
                <header class="details-head">
                    <h2>{title}</h2>
                    <button
                        type="button"
                        data-testid="edit-selected"
                        on:click=move |_| {
                            if let Some(id) = board.view.selected_untracked() {
                                editor.open(id);
                            }
                        }
                    >
                        {move || t(Key::Edit)}
                    </button>
                    <button
                        type="button"
                        data-testid="link-from"
                        on:click=move |_| {
                            if let Some(id) = board.view.selected_untracked() {
                                board.view.link_from(id);
                            }
                        }
                    >
                        {move || t(Key::LinkFromHere)}
                    </button>
                    <button
                        type="button"
                        class="dismiss"
                        aria-label=move || t(Key::Close)
                        on:click=move |_| board.view.clear_selection()
                    >
                        "×"
                    </button>
                </header>
                <h3>{move || t(Key::LinksOfCard)}</h3>
                <Show
                    when=move || links.with(|l| !l.is_empty())
                    fallback=move || view! { <p class="empty">{move || t(Key::NoLinks)}</p> }
                >
                    <ul class="link-list">
                        // Keyed by id: a row stays (and keeps the focus) while
                        // its amount or note is edited.
                        <For each=move || links.get() key=|l| l.id.as_str().to_owned() let:link>
                            <LinkRow link links/>
                        </For>
                    </ul>
                </Show>
            </aside>
        </Show>
    }
}

#[component]
fn LinkRow(link: Link, links: Memo<Vec<Link>>) -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    let name = move |id: &ItemId| {
        board
            .doc
            .item_label(id, lang.get())
            .map(|(title, unit)| format!("{unit}: {title}"))
            .unwrap_or_default()
    };
    let text = RwSignal::new(link.amount.yuan().to_string());
    let error: RwSignal<Option<crate::model::AmountError>> = RwSignal::new(None);
    let id = StoredValue::new(link.id.clone());
    // The link as it is now (an edit from here or elsewhere changes it).
    let current =
        move || links.with(|all| id.with_value(|id| all.iter().find(|l| &l.id == id).cloned()));
    let first = StoredValue::new(link.clone());
    let base = move || current().unwrap_or_else(|| first.get_value());
    // A change the plan's rules refused, shown on the row.
    let refused: RwSignal<Option<CommandError>> = RwSignal::new(None);
    let send = move |cmd: Command, said: String| match board.dispatch(cmd) {
        Ok(_) => {
            refused.set(None);
            board.notices.announce(said);
        }
        Err(e) => {
            board
                .notices
                .announce(lang.get_untracked().command_error(&e));
            refused.set(Some(e));
        }
    };
    // What the model asks about (a thousand times the old amount, more
    // than the giver has left) is asked once, on the row.
    let ask = AskOnce::new();
    let save_amount = move || match Amount::parse(&text.get_untracked()) {
        Ok(amount) => {
            error.set(None);
            let mut next = base();
            if next.amount == amount {
                ask.clear();
                return;
            }
            next.amount = amount;
            let said = lang
                .get_untracked()
                .link_amount_changed(i128::from(amount.yuan()));
            if let Some(cmd) = ask.check(&board, Command::PutLink(next)) {
                send(cmd, said);
            }
        }
        Err(e) => error.set(Some(e)),
    };
    let save_note = move |value: String| {
        let mut next = base();
        let note = (!value.trim().is_empty()).then(|| value.trim().to_string());
        if next.note != note {
            next.note = note;
            let said = lang.get_untracked().t(Key::AnnounceLinkNote).to_string();
            send(Command::PutLink(next), said);
        }
    };
    let remove = move |_| {
        let said = lang.get_untracked().t(Key::AnnounceLinkRemoved).to_string();
        send(Command::RemoveLink { id: id.get_value() }, said);
    };
    // Esc on a field that holds what is stored closes the panel, focus
    // going back to the card.
    let second_esc = move |ev: &web_sys::KeyboardEvent| {
        if ev.key() != "Escape" || dom::composing(ev) {
            return;
        }
        ev.prevent_default();
        let card = board.view.selected_untracked();
        board.view.clear_selection();
        if let Some(id) = card {
            request_animation_frame(move || dom::focus_card(&id, dom::Scroll::Keep));
        }
    };
    let (source, target) = (link.source.clone(), link.target.clone());
    view! {
        <li
            class="link-row"
            data-link-id=link.id.to_string()
            data-source=link.source.to_string()
            data-target=link.target.to_string()
            data-amount=move || base().amount.yuan().to_string()
        >
            <p class="link-ends">
                <span>{move || name(&source)}</span>
                " → "
                <span>{move || name(&target)}</span>
            </p>
            <AmountField label=Key::LinkAmount text error reading_testid="reading-link-row">
                <input
                    type="text"
                    inputmode="decimal"
                    data-testid="link-row-amount"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                    on:change=move |_| save_amount()
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" && !dom::composing(&ev) {
                            save_amount();
                        } else if dom::esc_restores(&ev, &untrack(base).amount.yuan().to_string()) {
                            error.set(None);
                        } else {
                            second_esc(&ev);
                        }
                    }
                />
            </AmountField>
            <label class="field">
                <span>{move || t(Key::LinkNote)}</span>
                <input
                    type="text"
                    data-testid="link-row-note"
                    prop:value=link.note.clone().unwrap_or_default()
                    on:change=move |ev| save_note(event_target_value(&ev))
                    on:keydown=move |ev| {
                        let stored = untrack(base).note.unwrap_or_default();
                        if !dom::esc_restores(&ev, &stored) {
                            second_esc(&ev);
                        }
                    }
                />
            </label>
            <Questions ask on_confirm=Callback::new(move |_| save_amount()) confirm=Key::AmountYesSave/>
            {move || refused.with(|e| e.as_ref().map(|e| view! {
                <p class="field-error" role="alert">{lang.get().command_error(e)}</p>
            }))}
            <button type="button" class="danger" data-testid="remove-link" on:click=remove>
                {move || t(Key::RemoveLink)}
            </button>
        </li>
    }
}
