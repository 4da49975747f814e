use crate::i18n::Key;
use crate::model::view::{Filter, Grouping, CATEGORIES};
use crate::model::{Level, StageId};
use crate::ui::state::Language;
use crate::ui::state::{Board, Shown};
use leptos::prelude::*;

/// How the board is arranged (columns by unit, stage, quarter or category)
/// and which cards it shows. Tallies always cover the whole plan. On a
/// phone the filters fold behind a toggle that says how many are on, so
/// that the board shows on the first screen.
#[component]
pub fn BoardControls() -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    let set = move |f: fn(&mut Filter, String)| {
        move |ev: web_sys::Event| {
            let mut filter = board.view.filter().get_untracked();
            f(&mut filter, event_target_value(&ev));
            board.set_filter(filter);
        }
    };
    let tags = board.doc.tags();
    let filters_open = RwSignal::new(false);
    let active = move || board.view.filter().with(Filter::active_count);
    view! {
        <nav class="controls" aria-label=move || t(Key::GroupBy)>
            <div class="grouping" role="group" data-testid="grouping" aria-label=move || t(Key::GroupBy)>
                {Grouping::ALL
                    .into_iter()
                    .map(|g| {
                        let label = match g {
                            Grouping::Unit => Key::ByUnit,
                            Grouping::Stage => Key::ByStage,
                            Grouping::Quarter => Key::ByQuarter,
                            Grouping::Category => Key::ByCategory,
                        };
                        view! {
                            <button
                                type="button"
                                data-group=g.as_str()
                                aria-pressed=move || (board.view.grouping().get() == g).to_string()
                                on:click=move |_| board.set_grouping(g)
                            >
                                {move || t(label)}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <div class="views">
            <button
                type="button"
                class="balance-toggle"
                data-testid="balance-toggle"
                aria-pressed=move || board.view.showing(Shown::Balance).to_string()
                on:click=move |_| board.view.toggle(Shown::Balance)
            >
                {move || t(if board.view.showing(Shown::Balance) { Key::ShowBoard } else { Key::Balance })}
            </button>
            <button
                type="button"
                class="balance-toggle"
                data-testid="matrix-view"
                aria-pressed=move || board.view.showing(Shown::Matrix).to_string()
                on:click=move |_| board.view.toggle(Shown::Matrix)
            >
                {move || t(Key::MatrixToggle)}
            </button>
            <button
                type="button"
                class="balance-toggle"
                data-testid="map-view"
                aria-pressed=move || board.view.showing(Shown::Map).to_string()
                on:click=move |_| board.view.toggle(Shown::Map)
            >
                {move || t(Key::MapToggle)}
            </button>
            <button
                type="button"
                class="filters-toggle"
                data-testid="filters-toggle"
                aria-expanded=move || filters_open.get().to_string()
                aria-controls="board-filters"
                on:click=move |_| filters_open.update(|o| *o = !*o)
            >
                {move || lang.get().filters_toggle(active())}
            </button>
            </div>
            <div
                class="filters"
                class:open=move || filters_open.get()
                id="board-filters"
                role="search"
                data-testid="filters"
            >
                <input
                    type="search"
                    data-testid="filter-text"
                    placeholder=move || t(Key::Search)
                    aria-label=move || t(Key::Search)
                    prop:value=move || board.view.filter().with(|f| f.text.clone())
                    on:input=set(|f, v| f.text = v)
                />
                <select data-testid="filter-level" aria-label=move || t(Key::AllLevels) on:change=set(|f, v| f.level = Level::parse(&v))>
                    <option value="" selected=move || board.view.filter().with(|f| f.level.is_none())>{move || t(Key::AllLevels)}</option>
                    {[Level::Municipal, Level::District, Level::Affiliate]
                        .into_iter()
                        .map(|l| view! {
                            <option value=l.as_str() selected=move || board.view.filter().with(|f| f.level == Some(l))>
                                {move || lang.get().level(l)}
                            </option>
                        })
                        .collect_view()}
                </select>
                <select data-testid="filter-category" aria-label=move || t(Key::AllCategories) on:change=set(|f, v| f.category = some(v))>
                    <option value="" selected=move || board.view.filter().with(|f| f.category.is_none())>{move || t(Key::AllCategories)}</option>
                    {CATEGORIES
                        .into_iter()
                        .map(|c| view! {
                            <option value=c selected=move || board.view.filter().with(|f| f.category.as_deref() == Some(c))>
                                {move || lang.get().category(c)}
                            </option>
                        })
                        .collect_view()}
                </select>
                <select data-testid="filter-stage" aria-label=move || t(Key::AllStages) on:change=set(|f, v| f.stage = some(v).map(StageId::from))>
                    <option value="" selected=move || board.view.filter().with(|f| f.stage.is_none())>{move || t(Key::AllStages)}</option>
                    <For each=move || board.doc.stages().get() key=|s| s.id.as_str().to_owned() let:stage>
                        <option
                            value=stage.id.to_string()
                            selected={let id = stage.id.clone(); move || board.view.filter().with(|f| f.stage.as_ref() == Some(&id))}
                        >
                            {let s = stage.clone(); move || lang.get().stage_name(&s)}
                        </option>
                    </For>
                </select>
                <select data-testid="filter-tag" aria-label=move || t(Key::AllTags) on:change=set(|f, v| f.tag = some(v))>
                    <option value="" selected=move || board.view.filter().with(|f| f.tag.is_none())>{move || t(Key::AllTags)}</option>
                    <For each=move || tags.get() key=|t| t.clone() let:tag>
                        <option value=tag.clone() selected={let id = tag.clone(); move || board.view.filter().with(|f| f.tag.as_ref() == Some(&id))}>
                            {tag.clone()}
                        </option>
                    </For>
                </select>
                <Show when=move || board.view.filter().with(|f| !f.is_empty())>
                    <button type="button" data-testid="filter-clear" on:click=move |_| board.set_filter(Filter::default())>
                        {move || t(Key::ClearFilter)}
                    </button>
                    <span class="hint">{move || t(Key::FilterNote)}</span>
                </Show>
            </div>
        </nav>
    }
}

/// An empty choice means "any".
fn some(v: String) -> Option<String> {
    (!v.is_empty()).then_some(v)
}
