use crate::i18n::Key;
use crate::io::clock;
use crate::ui::board::figure::Figure;
use crate::ui::keeping::keeper::{FileStatus, Keeper};
use crate::ui::state::Board;
use crate::ui::state::Language;
use leptos::prelude::*;

/// The plan's title and totals, coverage, and the districts not reached.
#[component]
pub fn PlanBar() -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let total = move |f: fn(&crate::model::PlanTally) -> i128| {
        Signal::derive(move || board.doc.plan_tally().with(f))
    };
    let scope = || "plan".to_string();
    let covered = move || board.doc.plan_tally().with(|t| t.covered);
    let districts = move || board.doc.plan_tally().with(|t| t.districts);
    let unreached_names = move || {
        let lang = lang.get();
        board
            .doc
            .unreached()
            .get()
            .into_iter()
            .filter_map(|id| board.doc.unit(&id.into()))
            .map(|cell| cell.unit.with(|u| lang.unit_name(u)))
            .collect::<Vec<_>>()
            .join(lang.t(Key::ListSeparator))
    };
    view! {
        <section class="plan-bar" aria-label=move || lang.get().t(Key::PlanTotals)>
            <div class="plan-title">
                <h1>{move || board.doc.header().with(|h| h.title.clone())}</h1>
                <p class="plan-meta">
                    {move || board.doc.header().with(|h| h.year)}
                    " · "
                    {move || lang.get().t(Key::AmountsIn)}
                    <FileIndicator/>
                </p>
            </div>
            <dl class="figures plan-figures">
                <Figure scope=scope() field="budget" label=Key::Budget value=total(|t| t.figures.budget)/>
                <Figure scope=scope() field="demand" label=Key::Demand value=total(|t| t.figures.demand)/>
                <Figure scope=scope() field="received" label=Key::Received value=total(|t| t.figures.received)/>
                <Figure scope=scope() field="given" label=Key::Given value=total(|t| t.figures.given)/>
                <Figure scope=scope() field="gap" label=Key::Gap value=total(|t| t.figures.gap)/>
                <Figure scope=scope() field="pool" label=Key::Pool value=total(|t| t.pool)/>
                <Figure
                    scope=scope()
                    field="remaining"
                    label=Key::Remaining
                    value=total(|t| t.remaining)
                    warn=Signal::derive(move || board.doc.plan_tally().with(|t| t.remaining < 0))
                />
                <div class="figure coverage">
                    <dt>{move || lang.get().t(Key::Coverage)}</dt>
                    <dd
                        data-tally="plan:coverage"
                        data-covered=move || covered().to_string()
                        data-districts=move || districts().to_string()
                    >
                        {move || format!("{} / {}", covered(), districts())}
                    </dd>
                </div>
            </dl>
            <Show when=move || board.doc.unreached().with(|u| !u.is_empty())>
                <p class="unreached-list">
                    <strong>{move || lang.get().t(Key::NotReached)} ": "</strong>
                    {unreached_names}
                </p>
            </Show>
        </section>
    }
}

/// Where the plan is kept on disk and when it was last written, beside the
/// save state; a failed write shows at once.
#[component]
fn FileIndicator() -> impl IntoView {
    let keeper = expect_context::<Keeper>();
    let lang = expect_context::<Language>();
    move || {
        let lang = lang.get();
        keeper.with_file(|f| match f {
            FileStatus::None => None,
            FileStatus::Kept { name, written } => Some(view! {
                <span class="file-state" data-testid="file-indicator" data-state="kept" title=name.clone()>
                    " · " {lang.t(Key::KeptIn)} " " {name.clone()}
                    {written.map(|w| format!(" {}", lang.time_of_day(clock::local(w))))}
                </span>
            }),
            FileStatus::NeedsLeave { name } => Some(view! {
                <span class="file-state" data-testid="file-indicator" data-state="needs-leave" title=name.clone()>
                    " · " {lang.t(Key::ResumeFile)} " " {name.clone()}
                </span>
            }),
            FileStatus::Failed { name, .. } => Some(view! {
                <span class="file-state warning" data-testid="file-indicator" data-state="failed" title=name.clone()>
                    " · " {lang.t(Key::FileWriteFailed)}
                </span>
            }),
        })
    }
}
