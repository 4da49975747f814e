use crate::i18n::{Key, Lang};
use crate::model::view::ColumnKey;
use crate::model::{ItemId, Level, UnitId};
use crate::ui::board::card::Card;
use crate::ui::board::figure::Figure;
use crate::ui::dom;
use crate::ui::state::Board;
use crate::ui::state::Language;
use leptos::prelude::*;

/// One column of the board: a header for its unit, stage, quarter or
/// category, then its cards.
#[component]
pub fn Column(id: String) -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let Some(cell) = board.doc.column(&id) else {
        return ().into_any();
    };
    let items = cell.items();
    let key = cell.key;
    let head = match &key {
        ColumnKey::Unit(unit) => view! { <UnitHead id=unit.clone()/> }.into_any(),
        other => {
            let other = other.clone();
            let label = move || group_label(&board, lang.get(), &other);
            view! {
                <header class="column-head">
                    <h2 class="unit-name">{label}</h2>
                    <p class="count">{move || format!("{} {}", items.with(Vec::len), lang.get().t(Key::Items))}</p>
                </header>
            }
            .into_any()
        }
    };
    let unit_id = match &key {
        ColumnKey::Unit(unit) => Some(unit.clone()),
        _ => None,
    };
    let level = unit_id
        .as_ref()
        .and_then(|u| board.doc.unit(u))
        .map(|c| c.unit.with_untracked(|u| u.level));
    view! {
        <section
            class="column"
            class:municipal=level == Some(Level::Municipal)
            class:district=level == Some(Level::District)
            class:affiliate=level == Some(Level::Affiliate)
            class:group=level.is_none()
            data-unit-id=unit_id.map(UnitId::into_string)
            data-level=level.map(Level::as_str)
            data-column=id.clone()
            data-current={
                let id = id.clone();
                move || board.view.is_current_column(&id).then_some("true")
            }
        >
            {head}
            <CardList items/>
        </section>
    }
    .into_any()
}

/// Columns longer than this render only the cards in view and a few more
/// either side; spacers stand in for the rest, so the scroll bar stays true.
const WINDOW_FROM: usize = 24;
/// Cards rendered beyond each edge of the view (keyboard moves and quick
/// scrolls find them already there).
const OVERSCAN: usize = 3;
/// Height of a card and the gap after it, in pixels, until measured.
const GUESSED_PITCH: f64 = 125.0;

/// A column's cards. A long column is windowed: scrolling it (or a card
/// revealed elsewhere, e.g. by keyboard linking) brings cards in and out.
#[component]
fn CardList(items: ReadSignal<Vec<String>>) -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let scroller = NodeRef::<leptos::html::Div>::new();
    let top = RwSignal::new(0.0f64);
    // Until measured: most of the window's height goes to the cards.
    let guess = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(900.0);
    let height = RwSignal::new(guess * 0.6);
    let pitch = RwSignal::new(GUESSED_PITCH);
    // Scrolled to the very end: the last cards are shown whatever the
    // estimated pitch says (real cards may be shorter than the estimate).
    let at_end = RwSignal::new(false);
    let windowed = move || items.with(Vec::len) > WINDOW_FROM;
    let range = Memo::new(move |_| {
        let n = items.with(Vec::len);
        if n <= WINDOW_FROM {
            return (0, n);
        }
        let p = pitch.get().max(1.0);
        let first = (top.get() / p).floor().max(0.0) as usize;
        let last = ((top.get() + height.get()) / p).ceil().max(0.0) as usize;
        let end = if at_end.get() {
            n
        } else {
            (last + OVERSCAN).min(n)
        };
        let start = first.saturating_sub(OVERSCAN).min(end);
        (start, end)
    });
    let shown = move || {
        let (start, end) = range.get();
        items.with(|v| {
            let end = end.min(v.len());
            v[start.min(end)..end].to_vec()
        })
    };
    // Reads where the column is scrolled to, at most once a frame.
    let pending = StoredValue::new(false);
    let measure = move || {
        if pending.get_value() {
            return;
        }
        pending.set_value(true);
        request_animation_frame(move || {
            pending.set_value(false);
            let Some(el) = scroller.get_untracked() else {
                return;
            };
            set_changed(top, f64::from(el.scroll_top()));
            set_changed(height, f64::from(el.client_height()));
            let end = el.scroll_top() + el.client_height() >= el.scroll_height() - 2;
            if at_end.get_untracked() != end {
                at_end.set(end);
            }
            // The real pitch, from the cards rendered now.
            if let Ok(cards) = el.query_selector_all(".card") {
                use wasm_bindgen::JsCast;
                let n = cards.length();
                let top_of = |i: u32| {
                    cards
                        .item(i)
                        .and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok())
                        .map(|c| f64::from(c.offset_top()))
                };
                if let (true, Some(first), Some(last)) = (n > 1, top_of(0), top_of(n - 1)) {
                    set_changed(pitch, ((last - first) / f64::from(n - 1)).round().max(40.0));
                }
            }
        });
    };
    Effect::new(move |_| {
        if windowed() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    // A card revealed elsewhere (keyboard linking, arrow keys) is brought
    // into the window at once, then scrolled to by its real position.
    Effect::new(move |_| {
        let Some(id) = board.view.revealed() else {
            return;
        };
        let Some(index) = items.with_untracked(|v| v.iter().position(|i| id == i.as_str())) else {
            return;
        };
        let (start, end) = range.get_untracked();
        if index < start || index >= end {
            let y = (index as f64 * pitch.get_untracked() - height.get_untracked() / 3.0).max(0.0);
            set_changed(top, y);
            if let Some(el) = scroller.get_untracked() {
                el.set_scroll_top(y as i32);
            }
        }
        request_animation_frame(move || {
            let Some(el) = scroller.get_untracked() else {
                return;
            };
            let selector = dom::attr_selector("data-item-id", id.as_str());
            if let Some(card) = el.query_selector(&selector).ok().flatten() {
                card.scroll_into_view_with_bool(false);
            }
        });
    });
    let spacer = move |rows: usize| format!("{}px", (rows as f64 * pitch.get()).round() as i64);
    view! {
        <div class="cards" node_ref=scroller on:scroll=move |_| if windowed() { measure() }>
            <Show when=windowed>
                <div class="spacer" aria-hidden="true" style:height=move || spacer(range.get().0)></div>
            </Show>
            <For each=shown key=|id| id.clone() let:id>
                <Card id=ItemId::from(id)/>
            </For>
            <Show when=windowed>
                <div
                    class="spacer"
                    aria-hidden="true"
                    style:height=move || spacer(items.with(Vec::len) - range.get().1)
                ></div>
            </Show>
            <Show when=move || items.with(Vec::is_empty)>
                <p class="empty">{move || lang.get().t(Key::NoItems)}</p>
            </Show>
        </div>
    }
}

fn set_changed(signal: RwSignal<f64>, value: f64) {
    if signal.get_untracked() != value {
        signal.set(value);
    }
}

/// What a column of a stage, quarter or category (or a unit) is called.
pub fn group_label(board: &Board, lang: Lang, key: &ColumnKey) -> String {
    match key {
        ColumnKey::Unit(id) => board
            .doc
            .unit(id)
            .map(|c| c.unit.with(|u| lang.unit_name(u)))
            .unwrap_or_else(|| id.to_string()),
        ColumnKey::Stage(id) => board.doc.stages().with(|stages| {
            stages
                .iter()
                .find(|s| &s.id == id)
                .map(|s| lang.stage_name(s))
                .unwrap_or_else(|| id.to_string())
        }),
        ColumnKey::Quarter(Some(q)) => lang.quarter(*q),
        ColumnKey::Quarter(None) => lang.t(Key::NoQuarter).to_string(),
        ColumnKey::Category(c) => lang.category(c),
    }
}

/// A unit column's header: name, level, tallies, and the flags a meeting
/// must see (not reached yet, over-allocated).
#[component]
fn UnitHead(id: UnitId) -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let editor = expect_context::<crate::ui::edit::card_editor::CardEditor>();
    let Some(cell) = board.doc.unit(&id) else {
        return ().into_any();
    };
    let scope = ColumnKey::unit_column(&id);
    let level = move || cell.unit.with(|u| u.level);
    let figure = move |f: fn(&crate::model::Figures) -> i128| {
        Signal::derive(move || cell.tally.with(|t| f(&t.figures)))
    };
    let has_pool = move || cell.tally.with(|t| t.pool.is_some());
    let unreached = Signal::derive({
        let id = id.clone();
        move || {
            board
                .doc
                .unreached()
                .with(|u| u.iter().any(|x| id == x.as_str()))
        }
    });
    let pool_scope = scope.clone();
    let add_id = id.clone();
    view! {
        <header class="column-head" class:unreached=unreached>
            <p class="level">{move || lang.get().level(level())}</p>
            <h2 class="unit-name">{move || cell.unit.with(|u| lang.get().unit_name(u))}</h2>
            <Show when=move || unreached.get()>
                <p class="flag">{move || lang.get().t(Key::NotReached)}</p>
            </Show>
            <Show when=move || cell.tally.with(|t| t.over_allocated())>
                <p class="flag" role="alert">{move || lang.get().t(Key::OverAllocated)}</p>
            </Show>
            <dl class="figures">
                <Figure scope=scope.clone() field="budget" label=Key::Budget value=figure(|f| f.budget)/>
                <Figure scope=scope.clone() field="demand" label=Key::Demand value=figure(|f| f.demand)/>
                <Figure scope=scope.clone() field="received" label=Key::Received value=figure(|f| f.received)/>
                <Figure scope=scope.clone() field="given" label=Key::Given value=figure(|f| f.given)/>
                <Figure
                    scope=scope.clone()
                    field="gap"
                    label=Key::Gap
                    value=figure(|f| f.gap)
                    warn=Signal::derive(move || cell.tally.with(|t| t.figures.gap > 0))
                />
                <Show when=has_pool>
                    <Figure
                        scope=pool_scope.clone()
                        field="pool"
                        label=Key::Pool
                        value=Signal::derive(move || cell.tally.with(|t| t.pool.unwrap_or(0)))
                    />
                    <Figure
                        scope=pool_scope.clone()
                        field="remaining"
                        label=Key::Remaining
                        value=Signal::derive(move || cell.tally.with(|t| t.remaining.unwrap_or(0)))
                        warn=Signal::derive(move || cell.tally.with(|t| t.over_allocated()))
                    />
                </Show>
            </dl>
            <button
                type="button"
                class="add-item"
                data-testid="add-item"
                on:click=move |_| editor.open_new(add_id.clone())
            >
                {move || lang.get().t(Key::AddItem)}
            </button>
        </header>
    }
    .into_any()
}
