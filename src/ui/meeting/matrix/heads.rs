//! The heads and totals around the cells: each column's name and coverage,
//! its received against demand, each giving unit's pool and what is left.

use super::ctx::Ctx;
use crate::i18n::Key;
use crate::model::matrix::{band, coverage};
use crate::model::UnitId;
use leptos::prelude::*;

/// A unit's column head: its name, and how much of its demand is met, by
/// colour band and in words.
#[component]
pub(super) fn ColumnHead(ctx: Ctx, unit: UnitId) -> impl IntoView {
    let cell = ctx.board.doc.unit(&unit);
    let cov = Memo::new(move |_| {
        cell.and_then(|c| {
            c.tally
                .with(|t| coverage(t.figures.received, t.figures.demand))
        })
    });
    let name = {
        let unit = unit.clone();
        move || ctx.unit_name(&unit)
    };
    let status = move || {
        let lang = ctx.lang.get();
        match cov.get() {
            None => lang.t(Key::NoDemand).to_string(),
            Some(0) => lang.t(Key::NotReached).to_string(),
            Some(1000) => lang.t(Key::DemandMet).to_string(),
            Some(c) => format!("{}% · {}", c / 10, lang.t(Key::Unmet)),
        }
    };
    view! {
        <th
            scope="col"
            class=move || match band(cov.get()) {
                Some(b) => format!("col-head band-{b}"),
                None => "col-head band-none".to_string(),
            }
            data-col-head=unit.to_string()
            data-coverage=move || cov.get().map(|c| c.to_string()).unwrap_or_else(|| "none".into())
        >
            <span class="col-name">{name}</span>
            <span class="col-status">{status}</span>
        </th>
    }
}

/// What a column received against its demand, and the gap.
#[component]
pub(super) fn ColumnTotal(ctx: Ctx, unit: UnitId) -> impl IntoView {
    let cell = ctx.board.doc.unit(&unit);
    let fig = move |f: fn(&crate::model::Figures) -> i128| {
        cell.map(|c| c.tally.with(|t| f(&t.figures))).unwrap_or(0)
    };
    view! {
        <td class="col-total" data-col-total=unit.into_string() data-value=move || fig(|f| f.received).to_string()>
            <span class="received">{move || ctx.lang.get().amount(fig(|f| f.received))}</span>
            <span class="of">" / " {move || ctx.lang.get().amount(fig(|f| f.demand))}</span>
            <span class="gap" class:warn=move || { fig(|f| f.gap) > 0 }>
                {move || ctx.lang.get().t(Key::Gap)} " " {move || ctx.lang.get().amount(fig(|f| f.gap))}
            </span>
        </td>
    }
}

/// A giving unit's head line: its name, its pool and what is left.
#[component]
pub(super) fn GroupHead(ctx: Ctx, unit: UnitId, index: usize) -> impl IntoView {
    let cell = ctx.board.doc.unit(&unit);
    let span = move || (ctx.columns.with(Vec::len) + 2).to_string();
    let pool = move || {
        let lang = ctx.lang.get();
        let tally = cell.map(|c| c.tally.get()).unwrap_or_default();
        match (tally.pool, tally.remaining) {
            (Some(pool), Some(left)) => format!(
                " · {} {} · {} {}",
                lang.t(Key::Pool),
                lang.amount(pool),
                lang.t(Key::Remaining),
                lang.amount(left)
            ),
            _ => String::new(),
        }
    };
    let over = move || cell.is_some_and(|c| c.tally.with(|t| t.over_allocated()));
    let name = {
        let unit = unit.clone();
        move || ctx.unit_name(&unit)
    };
    view! {
        <tr class="group-head" data-line=index data-group=unit.into_string() aria-rowindex=index + 2>
            <th scope="colgroup" colspan=span class:warn=over>
                <span class="group-name">{name}</span>
                <span class="group-pool">{pool}</span>
            </th>
        </tr>
    }
}
