use super::card::Card;
use super::figure::Figure;
use super::state::Board;
use crate::i18n::{Key, Lang};
use crate::model::Level;
use leptos::prelude::*;

/// A unit's column: its name and tallies, then its cards.
#[component]
pub fn UnitColumn(id: String) -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<RwSignal<Lang>>();
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
    view! {
        <section
            class="column"
            class:municipal=move || level() == Level::Municipal
            class:district=move || level() == Level::District
            class:affiliate=move || level() == Level::Affiliate
            class:unreached=unreached
            data-unit-id=id.clone()
            data-level=move || level().as_str()
            aria-label=move || cell.unit.with(|u| lang.get().unit_name(u))
        >
            <header class="column-head">
                <p class="level">{move || lang.get().level(level())}</p>
                <h2 class="unit-name">{move || cell.unit.with(|u| lang.get().unit_name(u))}</h2>
                <Show when=move || unreached.get()>
                    <p class="flag" role="note">{move || lang.get().t(Key::NotReached)}</p>
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
            </header>
            <div class="cards">
                <For each=move || cell.items.get() key=|id| id.clone() let:id>
                    <Card id/>
                </For>
                <Show when=move || cell.items.with(Vec::is_empty)>
                    <p class="empty">{move || lang.get().t(Key::NoItems)}</p>
                </Show>
            </div>
        </section>
    }
    .into_any()
}
