//! The district map: a tile per district where the city has it, coloured
//! by how much of its demand is met, an unreached one hatched and said in
//! words. A tile's figures follow its unit's tally; only a change of the
//! units lays the map out again.

use crate::i18n::Key;
use crate::model::map::{self, Place};
use crate::model::matrix::{band, coverage};
use crate::model::view::{ColumnKey, Grouping};
use crate::model::UnitId;
use crate::ui::meeting::download::{download_view, ViewFile};
use crate::ui::meeting::matrix::Legend;
use crate::ui::meeting::present::scroll_to_column;
use crate::ui::state::Language;
use crate::ui::state::{Board, Shown};
use leptos::prelude::*;

/// Shows the board with the unit's column marked and brought into view.
pub fn focus_unit(board: &Board, unit: &UnitId) {
    board.view.show(Shown::Board);
    if board.view.grouping().get_untracked() != Grouping::Unit {
        board.set_grouping(Grouping::Unit);
    }
    let column = ColumnKey::unit_column(unit);
    board.view.show_column(column.clone());
    request_animation_frame(move || {
        scroll_to_column(&column);
        let selector = crate::ui::dom::attr_selector("data-column", &column);
        if let Some(el) = crate::ui::dom::find_html(&selector) {
            if !el.has_attribute("tabindex") {
                let _ = el.set_attribute("tabindex", "-1");
            }
            crate::ui::dom::focus(&el, crate::ui::dom::Scroll::Keep);
        }
    });
}

#[component]
pub fn DistrictMap() -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    let places = Memo::new(move |_| {
        board.doc.unit_order().track();
        board.doc.header().track();
        board.with_plan(map::layout)
    });
    let cols = move || places.with(|p| p.iter().map(|p| p.col + 1).max().unwrap_or(1));
    let download_svg = move |_| {
        download_view(
            &board,
            lang.get_untracked(),
            &ViewFile {
                kind: "map",
                extension: "svg",
                mime: "image/svg+xml;charset=utf-8",
                write: crate::report::map::map_svg,
            },
        );
    };
    view! {
        <section class="map-view" data-testid="map-section" aria-labelledby="map-title">
            <header class="balance-head matrix-head">
                <h2 id="map-title">{move || t(Key::MapTitle)}</h2>
                <p class="hint">{move || t(Key::MapHint)}</p>
                <Legend/>
                <button type="button" data-testid="map-svg" on:click=download_svg>
                    {move || t(Key::MapSvg)}
                </button>
            </header>
            <div
                class="district-map"
                data-testid="district-map"
                style=move || format!("grid-template-columns: repeat({}, minmax(0, 1fr))", cols())
            >
                <For each=move || places.get() key=|p| (p.unit.as_str().to_owned(), p.col, p.row) let:place>
                    <Tile place=place/>
                </For>
            </div>
        </section>
    }
}

#[component]
fn Tile(place: Place) -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let cell = board.doc.unit(&place.unit);
    let figures = Memo::new(move |_| {
        cell.map(|c| c.tally.with(|t| (t.figures.received, t.figures.demand)))
            .unwrap_or((0, 0))
    });
    let cov = Memo::new(move |_| figures.with(|(r, d)| coverage(*r, *d)));
    let name = move || {
        cell.map(|c| c.unit.with(|u| lang.get().unit_name(u)))
            .unwrap_or_default()
    };
    let status = move || {
        let lang = lang.get();
        match cov.get() {
            None => lang.t(Key::NoDemand).to_string(),
            Some(0) => lang.t(Key::NotReached).to_string(),
            Some(1000) => lang.t(Key::DemandMet).to_string(),
            Some(c) => format!("{}%", c / 10),
        }
    };
    let unit = place.unit.clone();
    view! {
        <button
            type="button"
            class=move || match band(cov.get()) {
                Some(b) => format!("tile band-{b}"),
                None => "tile band-none".to_string(),
            }
            style=format!("grid-column: {}; grid-row: {}", place.col + 1, place.row + 1)
            data-tile=place.unit.to_string()
            data-received=move || figures.get().0.to_string()
            data-demand=move || figures.get().1.to_string()
            data-coverage=move || cov.get().map(|c| c.to_string()).unwrap_or_else(|| "none".into())
            on:click=move |_| focus_unit(&board, &unit)
        >
            <span class="tile-name">{name}</span>
            <span class="tile-figures">
                {move || {
                    let lang = lang.get();
                    let (r, d) = figures.get();
                    format!("{} / {}", lang.amount(r), lang.amount(d))
                }}
            </span>
            <span class="tile-status">{status}</span>
        </button>
    }
}
