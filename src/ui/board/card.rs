use crate::i18n::Key;
use crate::model::view::Grouping;
use crate::model::ItemId;
use crate::ui::board::figure::Figure;
use crate::ui::board::linker::Linker;
use crate::ui::board::selection::Selection;
use crate::ui::dialog::dialog_open;
use crate::ui::dom::{self, Scroll};
use crate::ui::edit::card_editor::CardEditor;
use crate::ui::state::Board;
use crate::ui::state::Language;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A work item: title, stage, budget, demand and what it receives. Drag it
/// onto a card of another unit to link them; click to see its links;
/// double-click or Enter to edit; L to link from the keyboard.
#[component]
pub fn Card(id: ItemId) -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let linker = expect_context::<Linker>();
    let editor = expect_context::<CardEditor>();
    let selection = expect_context::<Selection>();
    let Some(cell) = board.doc.item(&id) else {
        return ().into_any();
    };
    let scope = format!("item:{id}");
    let stage = move || {
        let stage_id = cell.item.with(|i| i.stage.clone());
        board.doc.stages().with(|stages| {
            stages
                .iter()
                .find(|s| s.id == stage_id)
                .map(|s| lang.get().stage_name(s))
                .unwrap_or_else(|| stage_id.into_string())
        })
    };
    let unit_label = move || {
        (board.view.grouping().get() != Grouping::Unit).then(|| {
            let unit = cell.item.with(|i| i.unit.clone());
            board
                .doc
                .unit(&unit)
                .map(|u| u.unit.with(|u| lang.get().unit_name(u)))
                .unwrap_or_else(|| unit.into_string())
        })
    };
    let figure = move |f: fn(&crate::model::Figures) -> i128| {
        Signal::derive(move || cell.tally.with(|t| f(&t.figures)))
    };
    let links = move || cell.tally.with(|t| t.links);

    let status = {
        let id = id.clone();
        Memo::new(move |_| linker.status(&board, &id))
    };
    let is_source = {
        let id = id.clone();
        move || linker.is_source(&id)
    };
    let is_over = {
        let id = id.clone();
        move || linker.is_over(&id)
    };
    let refusal = move || match status.get() {
        Some(Err(why)) => Some(lang.get().refusal(&why).to_string()),
        _ => None,
    };
    let is_selected = {
        let id = id.clone();
        Memo::new(move |_| board.view.is_selected(&id))
    };
    let is_linked = {
        let id = id.clone();
        move || selection.linked.with(|l| l.contains(id.as_str()))
    };

    // One binding for every state a card shows (cheaper than one each, on
    // a board of thousands of cards).
    let classes = move || {
        let mut class = String::from("card");
        for (on, name) in [
            (matches!(status.get(), Some(Ok(()))), " drop-ok"),
            (matches!(status.get(), Some(Err(_))), " drop-no"),
            (is_source(), " dragging"),
            (is_over(), " over"),
            (is_selected.get(), " selected"),
            (is_linked(), " linked"),
        ] {
            if on {
                class.push_str(name);
            }
        }
        class
    };
    let (down_id, key_id, dbl_id) = (id.clone(), id.clone(), id.clone());
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if linker.linking_untracked() || dialog_open() || dom::composing(&ev) {
            return;
        }
        match ev.key().as_str() {
            "Enter" => {
                ev.prevent_default();
                editor.open(key_id.clone());
            }
            "l" | "L" => {
                ev.prevent_default();
                linker.start_keyboard(&board, lang.get_untracked(), &key_id);
            }
            " " => {
                ev.prevent_default();
                board.view.toggle_selection(key_id.clone());
            }
            key @ ("ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight") => {
                if let Some(el) = ev
                    .current_target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                {
                    if let Some(next) = neighbour(&el, key) {
                        ev.prevent_default();
                        let _ = next.focus();
                    } else if let Some(next) = next_in_column(&board, &key_id, key == "ArrowDown") {
                        // A long column has not rendered that card yet:
                        // bring it in, then focus it once it is there.
                        ev.prevent_default();
                        board.view.reveal(next.clone());
                        request_animation_frame(move || dom::focus_card(&next, Scroll::IntoView));
                    }
                }
            }
            _ => {}
        }
    };

    view! {
        <article
            class=classes
            data-item-id=id.to_string()
            data-refusal=move || status.get().and_then(|s| s.err()).map(|r| r.kind())
            tabindex="0"
            aria-current=move || is_selected.get().then_some("true")
            aria-keyshortcuts="Enter L"
            on:pointerdown=move |ev| linker.pointer_down(&down_id, &ev)
            on:pointermove=move |ev| linker.pointer_move(&board, &ev)
            on:pointerup=move |ev| linker.pointer_up(&board, lang.get_untracked(), &ev)
            on:pointercancel=move |_| linker.pointer_cancel(&board, lang.get_untracked())
            on:dblclick=move |_| editor.open(dbl_id.clone())
            on:keydown=on_key
        >
            <span class="grip" aria-hidden="true">"⠿"</span>
            <p class="card-unit">{unit_label}</p>
            <h3 class="card-title">{move || cell.item.with(|i| i.title.clone())}</h3>
            <p class="card-meta">
                <span class="stage" data-stage=move || cell.item.with(|i| i.stage.to_string())>
                    {stage}
                </span>
                <Show when=move || { links() > 0 }>
                    <span class="link-count" data-links=move || links().to_string()>
                        {move || {
                            let n = links();
                            format!("{n} {}", lang.get().t(if n == 1 { Key::OneLink } else { Key::Links }))
                        }}
                    </span>
                </Show>
            </p>
            <dl class="figures card-figures">
                <Figure scope=scope.clone() field="budget" label=Key::Budget value=figure(|f| f.budget)/>
                <Figure scope=scope.clone() field="demand" label=Key::Demand value=figure(|f| f.demand)/>
                <Figure scope=scope.clone() field="received" label=Key::Received value=figure(|f| f.received)/>
            </dl>
            <Show when=move || refusal().is_some()>
                <p class="refusal" data-testid="refusal">{refusal}</p>
            </Show>
        </article>
    }
    .into_any()
}

/// The card after (or before) `id` in its column, by the board's lists
/// rather than the DOM.
fn next_in_column(board: &Board, id: &ItemId, down: bool) -> Option<ItemId> {
    let columns = board.doc.columns().get_untracked();
    columns.iter().find_map(|(_, column)| {
        let cell = board.doc.column(column)?;
        cell.items().with_untracked(|items| {
            let i = items.iter().position(|x| id == x.as_str())?;
            let j = if down { i + 1 } else { i.checked_sub(1)? };
            items.get(j).map(ItemId::from)
        })
    })
}

/// The card an arrow key moves focus to: up and down within the column,
/// left and right to the card at the same height in the next column.
fn neighbour(card: &web_sys::Element, key: &str) -> Option<web_sys::HtmlElement> {
    let column = card.closest("[data-column]").ok()??;
    let cards = column.query_selector_all("[data-item-id]").ok()?;
    let card_node: &web_sys::Node = card;
    let index = (0..cards.length()).find(|i| cards.item(*i).is_some_and(|n| &n == card_node))?;
    let target = match key {
        "ArrowUp" => cards.item(index.checked_sub(1)?),
        "ArrowDown" => cards.item(index + 1),
        _ => {
            let mut col = Some(column);
            loop {
                col = match key {
                    "ArrowLeft" => col?.previous_element_sibling(),
                    _ => col?.next_element_sibling(),
                };
                let list = col.as_ref()?.query_selector_all("[data-item-id]").ok()?;
                if list.length() > 0 {
                    break list.item(index.min(list.length() - 1));
                }
            }
        }
    };
    target?.dyn_into::<web_sys::HtmlElement>().ok()
}
