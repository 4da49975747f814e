//! The exports of Plans & files: the plan as JSON or as one HTML file, CSV
//! for Excel, and the slices sent to the districts to fill in. A slice
//! that leaves says what it held (its `sent` block) and is marked sent in
//! the plan, so that what comes back applies only what its district changed.

use crate::i18n::{Key, Lang};
use crate::io::standalone::StandaloneError;
use crate::io::{clock, download};
use crate::model::{cut_slice, mark_sent, Command, Level, Plan, Tallies, UnitId};
use crate::ui::keeping::keeper::Keeper;
use crate::ui::state::Language;
use crate::ui::state::{Board, Message, NoticeKind};
use leptos::prelude::*;
use std::collections::HashMap;
use std::time::Duration;

/// Between two slices downloaded in a row.
const DOWNLOAD_GAP_MS: u64 = 250;

/// Offers the board as one HTML file with the open plan inside.
pub fn save_standalone(board: Board, keeper: Keeper) {
    leptos::task::spawn_local(async move {
        let result = crate::io::standalone::template().await.and_then(|page| {
            let (json, name, revision) = board.with_plan(|p| {
                (
                    p.to_json(),
                    format!("{}-{}.html", download::file_stem(&p.title), clock::today()),
                    p.revision.unwrap_or(0),
                )
            });
            let html =
                crate::io::standalone::with_plan(&page, &json).ok_or(StandaloneError::NoPlace)?;
            download::download(&name, "text/html;charset=utf-8", &html)
                .map_err(|_| StandaloneError::NoDownload)?;
            keeper.filed(revision);
            Ok(())
        });
        if let Err(error) = result {
            board
                .notices
                .notify(NoticeKind::Warning, Message::StandaloneFailed { error });
        }
    });
}

/// Which CSV file.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Csv {
    Items,
    Tallies,
}

/// A CSV file for Excel, headers and names in the reader's language.
fn export_csv(board: Board, which: Csv, lang: Lang) {
    let (name, text) = board.with_plan(|p| {
        let tallies = Tallies::of(p);
        let stem = download::file_stem(&p.title);
        match which {
            Csv::Items => (
                format!("{stem}-items-{}.csv", clock::today()),
                crate::report::csv::items_csv_in(p, &tallies, lang),
            ),
            Csv::Tallies => (
                format!("{stem}-tallies-{}.csv", clock::today()),
                crate::report::csv::tallies_csv_in(p, &tallies, lang),
            ),
        }
    });
    if download::download(&name, "text/csv;charset=utf-8", &text).is_err() {
        board
            .notices
            .notify(NoticeKind::Warning, Message::ExportFailed);
    }
}

/// The slices of `units` cut from the open plan, each with its file name
/// `<plan title>-<unit name>-<date>.json` (the unit's id added when two
/// units share a name), and the plan with every one of them marked sent.
fn cut_slices(plan: &Plan, units: &[UnitId], lang: Lang) -> (Vec<(String, String)>, Plan) {
    let now = clock::now_rfc3339();
    let revision = plan.revision.unwrap_or(0);
    let stem = download::file_stem(&plan.title);
    let mut names: HashMap<String, usize> = HashMap::new();
    for u in &plan.units {
        *names
            .entry(download::file_stem(&lang.unit_name(u)))
            .or_default() += 1;
    }
    let mut marked = plan.clone();
    let mut files = Vec::new();
    for id in units {
        let (Some(unit), Some(file)) = (plan.unit(id), cut_slice(plan, id, &now)) else {
            continue;
        };
        let mut name = download::file_stem(&lang.unit_name(unit));
        if names.get(&name).copied().unwrap_or(0) > 1 {
            name = format!("{name}-{}", download::file_stem(id.as_str()));
        }
        files.push((
            format!("{stem}-{name}-{}.json", clock::today()),
            file.to_json_pretty(),
        ));
        mark_sent(&mut marked, id, revision, &now);
    }
    (files, marked)
}

/// Sends out the slices of `units`: the plan marks them sent (one change,
/// undone in one step), then each file is downloaded.
fn send_slices(board: Board, units: Vec<UnitId>, lang: Lang) {
    let (files, marked) = board.with_plan(|p| cut_slices(p, &units, lang));
    if files.is_empty() {
        return;
    }
    if let Err(error) = board.dispatch(Command::ReplacePlan(Box::new(marked))) {
        board
            .notices
            .notify(NoticeKind::Warning, Message::Refused { error });
        return;
    }
    if files.len() > 1 {
        board.notices.announce(lang.t(Key::SlicesSent).to_string());
    }
    // A browser takes only so many downloads at once from a page: one
    // after the other, a moment apart.
    for (n, (name, text)) in files.into_iter().enumerate() {
        let start = move || {
            if download::download(&name, "application/json", &text).is_err() {
                board
                    .notices
                    .notify(NoticeKind::Warning, Message::ExportFailed);
            }
        };
        if n == 0 {
            start();
        } else {
            set_timeout(start, Duration::from_millis(DOWNLOAD_GAP_MS * n as u64));
        }
    }
}

/// The export buttons of Plans & files.
#[component]
pub fn Exports() -> impl IntoView {
    let board = expect_context::<Board>();
    let keeper = expect_context::<Keeper>();
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    let slice_unit = RwSignal::new(String::new());
    // Only when the units themselves change: marking slices sent leaves
    // the chosen unit chosen.
    let units = Memo::new(move |_| {
        board.doc.header().track();
        board.with_plan(|p| {
            p.units_in_board_order()
                .into_iter()
                .map(|u| (u.id.as_str().to_owned(), lang.get().unit_name(u)))
                .collect::<Vec<_>>()
        })
    });
    let export_slice = move |_| {
        let unit = slice_unit.get_untracked();
        send_slices(board, vec![UnitId::from(unit)], lang.get_untracked());
    };
    let export_all = move |_| {
        let districts = board.with_plan(|p| {
            p.units_in_board_order()
                .into_iter()
                .filter(|u| u.level == Level::District)
                .map(|u| u.id.clone())
                .collect()
        });
        send_slices(board, districts, lang.get_untracked());
    };
    view! {
        <div class="exports">
            <button type="button" data-testid="export-panel" on:click=move |_| { keeper.export(); }>{move || t(Key::Export)}</button>
            <button type="button" data-testid="save-standalone" on:click=move |_| save_standalone(board, keeper)>{move || t(Key::SaveStandalone)}</button>
            <button type="button" data-testid="export-csv-items" on:click=move |_| export_csv(board, Csv::Items, lang.get_untracked())>{move || t(Key::ExportItemsCsv)}</button>
            <button type="button" data-testid="export-csv-tallies" on:click=move |_| export_csv(board, Csv::Tallies, lang.get_untracked())>{move || t(Key::ExportTalliesCsv)}</button>
            <div class="slice">
                <select data-testid="slice-unit" aria-label=move || t(Key::Unit) on:change=move |e| slice_unit.set(event_target_value(&e))>
                    <option value="">{move || t(Key::Unit)}</option>
                    {move || units.get().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                </select>
                <button type="button" data-testid="export-slice" prop:disabled=move || slice_unit.with(String::is_empty) on:click=export_slice>
                    {move || t(Key::ExportSlice)}
                </button>
                <button type="button" data-testid="export-all-slices" on:click=export_all>
                    {move || t(Key::ExportAllSlices)}
                </button>
            </div>
        </div>
    }
}
