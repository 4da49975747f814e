use crate::i18n::Key;
use crate::model::balance::{category_rows, district_rows, gini, program_rows, SortKey};
use crate::model::decimal;
use crate::model::{Tallies, UnitId};
use crate::ui::state::Board;
use crate::ui::state::Language;
use leptos::prelude::*;

/// Demand against received per district as a bar chart, sortable, with one
/// balance figure; and what each category of work gets.
#[component]
pub fn BalanceView() -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    let sort = RwSignal::new(SortKey::Board);
    // Recomputed on every saved change (the revision moves), only while shown.
    let data = Memo::new(move |_| {
        board.doc.header().track();
        let key = sort.get();
        board.with_plan(|p| {
            let tallies = Tallies::of(p);
            let rows = district_rows(p, &tallies, key);
            let g = gini(&district_rows(p, &tallies, SortKey::Board));
            (
                rows,
                g,
                category_rows(p, &tallies),
                program_rows(p, &tallies),
            )
        })
    });
    let name = move |id: &UnitId| {
        board
            .doc
            .unit(id)
            .map(|c| c.unit.with(|u| lang.get().unit_name(u)))
            .unwrap_or_else(|| id.to_string())
    };
    let sort_label = |k: SortKey| match k {
        SortKey::Board => Key::SortBoard,
        SortKey::Demand => Key::Demand,
        SortKey::Received => Key::Received,
        SortKey::Gap => Key::Gap,
        SortKey::Coverage => Key::Coverage2,
    };
    const ROW: f64 = 34.0;
    const LABEL: f64 = 200.0;
    const WIDTH: f64 = 900.0;
    let chart = move || {
        let (rows, _, _, _) = data.get();
        let max = rows
            .iter()
            .map(|r| r.demand.max(r.received))
            .max()
            .unwrap_or(0)
            .max(1) as f64;
        let scale = move |v: i128| (v as f64 / max) * (WIDTH - LABEL - 210.0);
        let height = rows.len() as f64 * ROW + 10.0;
        let lang = lang.get();
        view! {
            <svg
                class="balance-chart"
                role="img"
                data-testid="balance-chart"
                viewBox=format!("0 0 {} {}", px(WIDTH), px(height))
                aria-label=lang.t(Key::BalanceTitle)
            >
                {rows
                    .into_iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let y = i as f64 * ROW + 4.0;
                        let label = format!(
                            "{} / {}",
                            lang.amount(r.received),
                            lang.amount(r.demand)
                        );
                        let unit = r.unit.clone();
                        view! {
                            <g
                                class="district-bar"
                                data-district=r.unit.to_string()
                                data-demand=r.demand.to_string()
                                data-received=r.received.to_string()
                            >
                                <text x=px(LABEL - 8.0) y=px(y + 20.0) text-anchor="end">{move || name(&unit)}</text>
                                <rect class="demand" x=px(LABEL) y=px(y + 2.0) width=px(scale(r.demand)) height=px(ROW - 8.0)></rect>
                                <rect class="received" x=px(LABEL) y=px(y + 8.0) width=px(scale(r.received)) height=px(ROW - 20.0)></rect>
                                <text class="figures-label" x=px(LABEL + scale(r.demand.max(r.received)) + 8.0) y=px(y + 20.0)>
                                    {label}
                                </text>
                            </g>
                        }
                    })
                    .collect_view()}
            </svg>
        }
    };
    view! {
        <section class="balance" data-testid="balance" aria-label=move || t(Key::Balance)>
            <header class="balance-head">
                <h2>{move || t(Key::BalanceTitle)}</h2>
                <p class="gini">
                    <span>{move || t(Key::GiniLabel)} ": "</span>
                    <strong
                        data-testid="gini"
                        data-value=move || data.with(|(_, g, _, _)| g.map(|g| decimal(g, 4)).unwrap_or_default())
                    >
                        {move || data.with(|(_, g, _, _)| match g {
                            Some(g) => decimal(*g, 2),
                            None => t(Key::GiniNone).to_string(),
                        })}
                    </strong>
                </p>
                <div class="sort" role="group" aria-label=move || t(Key::SortBy)>
                    <span>{move || t(Key::SortBy)}</span>
                    {SortKey::ALL
                        .into_iter()
                        .map(|k| view! {
                            <button
                                type="button"
                                data-sort=k.as_str()
                                aria-pressed=move || (sort.get() == k).to_string()
                                on:click=move |_| sort.set(k)
                            >
                                {move || t(sort_label(k))}
                            </button>
                        })
                        .collect_view()}
                </div>
                <p class="legend">
                    <span class="swatch demand"></span>{move || t(Key::Demand)}
                    <span class="swatch received"></span>{move || t(Key::Received)}
                </p>
            </header>
            {chart}
            <h3>{move || t(Key::ByCategoryTitle)}</h3>
            <table class="categories" data-testid="categories">
                <thead>
                    <tr>
                        <th scope="col">{move || t(Key::Category)}</th>
                        <th scope="col">{move || t(Key::ItemsCount)}</th>
                        <th scope="col">{move || t(Key::Budget)}</th>
                        <th scope="col">{move || t(Key::Demand)}</th>
                        <th scope="col">{move || t(Key::Received)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let lang = lang.get();
                        data.with(|(_, _, cats, _)| {
                            cats.iter()
                                .map(|c| view! {
                                    <tr data-category=c.category.clone()>
                                        <th scope="row">{lang.category(&c.category)}</th>
                                        <td>{c.items}</td>
                                        <td data-field="budget" data-value=c.budget.to_string()>{lang.amount(c.budget)}</td>
                                        <td data-field="demand" data-value=c.demand.to_string()>{lang.amount(c.demand)}</td>
                                        <td data-field="received" data-value=c.received.to_string()>{lang.amount(c.received)}</td>
                                    </tr>
                                })
                                .collect_view()
                        })
                    }}
                </tbody>
            </table>
            <h3>{move || t(Key::ProgramsTitle)}</h3>
            <table class="categories programs" data-testid="programs">
                <thead>
                    <tr>
                        <th scope="col">{move || t(Key::Program)}</th>
                        <th scope="col">{move || t(Key::Unit)}</th>
                        <th scope="col">{move || t(Key::Given)}</th>
                        <th scope="col">{move || t(Key::Left)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let lang = lang.get();
                        data.with(|(_, _, _, programs)| {
                            programs
                                .iter()
                                .map(|p| {
                                    let unit = name(&p.unit);
                                    view! {
                                        <tr data-program=p.item.to_string()>
                                            <th scope="row">{p.title.clone()}</th>
                                            <td>{unit}</td>
                                            <td data-field="given" data-value=p.given.to_string()>{lang.amount(p.given)}</td>
                                            <td
                                                data-field="remaining"
                                                data-value=p.remaining.map(|r| r.to_string()).unwrap_or_default()
                                                class:warn=p.remaining.is_some_and(|r| r < 0)
                                            >
                                                {p.remaining.map(|r| lang.amount(r)).unwrap_or_default()}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        })
                    }}
                </tbody>
            </table>
        </section>
    }
}

/// A drawing coordinate, to a tenth of a unit.
fn px(v: f64) -> String {
    decimal(v, 1)
}
