use super::figure::Figure;
use super::state::Board;
use crate::i18n::{Key, Lang};
use leptos::prelude::*;

/// A work item: title, stage, budget, demand and what it receives.
#[component]
pub fn Card(id: String) -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<RwSignal<Lang>>();
    let Some(cell) = board.item(&id) else {
        return ().into_any();
    };
    let scope = format!("item:{id}");
    let stage = move || {
        let stage_id = cell.item.with(|i| i.stage.clone());
        board.stages.with(|stages| {
            stages
                .iter()
                .find(|s| s.id == stage_id)
                .map(|s| lang.get().stage_name(s))
                .unwrap_or(stage_id)
        })
    };
    let figure = move |f: fn(&crate::model::Figures) -> i128| {
        Signal::derive(move || cell.tally.with(|t| f(&t.figures)))
    };
    let links = move || cell.tally.with(|t| t.links);
    view! {
        <article class="card" data-item-id=id.clone() tabindex="0">
            <h3 class="card-title">{move || cell.item.with(|i| i.title.clone())}</h3>
            <p class="card-meta">
                <span class="stage" data-stage=move || cell.item.with(|i| i.stage.clone())>
                    {stage}
                </span>
                <Show when=move || { links() > 0 }>
                    <span class="link-count">
                        {move || format!("{} {}", links(), lang.get().t(Key::Links))}
                    </span>
                </Show>
            </p>
            <dl class="figures card-figures">
                <Figure scope=scope.clone() field="budget" label=Key::Budget value=figure(|f| f.budget)/>
                <Figure scope=scope.clone() field="demand" label=Key::Demand value=figure(|f| f.demand)/>
                <Figure scope=scope.clone() field="received" label=Key::Received value=figure(|f| f.received)/>
            </dl>
        </article>
    }
    .into_any()
}
