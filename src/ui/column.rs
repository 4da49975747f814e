use super::card::Card;
use super::figure::Figure;
use super::state::{Board, ColumnCell};
use crate::i18n::{Key, Lang};
use crate::model::view::ColumnKey;
use crate::model::Level;
use leptos::prelude::*;

/// One column of the board: a header for its unit, stage, quarter or
/// category, then its cards.
#[component]
pub fn Column(id: String) -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<RwSignal<Lang>>();
    let Some(ColumnCell { key, items }) = board.column(&id) else {
        return ().into_any();
    };
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
        .and_then(|u| board.unit(u))
        .map(|c| c.unit.with_untracked(|u| u.level));
    view! {
        <section
            class="column"
            class:municipal=level == Some(Level::Municipal)
            class:district=level == Some(Level::District)
            class:affiliate=level == Some(Level::Affiliate)
            class:group=level.is_none()
            data-unit-id=unit_id
            data-level=level.map(Level::as_str)
            data-column=id.clone()
            data-current={
                let id = id.clone();
                move || board.current_column.with(|c| c.as_deref() == Some(id.as_str())).then_some("true")
            }
        >
            {head}
            <div class="cards">
                <For each=move || items.get() key=|id| id.clone() let:id>
                    <Card id/>
                </For>
                <Show when=move || items.with(Vec::is_empty)>
                    <p class="empty">{move || lang.get().t(Key::NoItems)}</p>
                </Show>
            </div>
        </section>
    }
    .into_any()
}

fn group_label(board: &Board, lang: Lang, key: &ColumnKey) -> String {
    match key {
        ColumnKey::Unit(id) => board
            .unit(id)
            .map(|c| c.unit.with(|u| lang.unit_name(u)))
            .unwrap_or_else(|| id.clone()),
        ColumnKey::Stage(id) => board.stages.with(|stages| {
            stages
                .iter()
                .find(|s| &s.id == id)
                .map(|s| lang.stage_name(s))
                .unwrap_or_else(|| id.clone())
        }),
        ColumnKey::Quarter(Some(q)) => lang.quarter(*q),
        ColumnKey::Quarter(None) => lang.t(Key::NoQuarter).to_string(),
        ColumnKey::Category(c) => lang.category(c),
    }
}

/// A unit column's header: name, level, tallies, and the flags a meeting
/// must see (not reached yet, over-allocated).
#[component]
fn UnitHead(id: String) -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<RwSignal<Lang>>();
    let editor = expect_context::<super::card_editor::CardEditor>();
    let Some(cell) = board.unit(&id) else {
        return ().into_any();
    };
    let scope = format!("unit:{id}");
    let level = move || cell.unit.with(|u| u.level);
    let figure = move |f: fn(&crate::model::Figures) -> i128| {
        Signal::derive(move || cell.tally.with(|t| f(&t.figures)))
    };
    let has_pool = move || cell.tally.with(|t| t.pool.is_some());
    let unreached = Signal::derive({
        let id = id.clone();
        move || board.unreached.with(|u| u.contains(&id))
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
