//! Downloads a view of the open plan (the matrix's CSV, the map's SVG),
//! named after the plan and today, or says it could not.

use crate::i18n::Lang;
use crate::io::{clock, download};
use crate::model::{Plan, Tallies};
use crate::ui::state::{Board, Message, NoticeKind};

/// What a view's file is: its name's middle part, its type and how it is
/// written from the plan and its tallies.
pub struct ViewFile {
    pub kind: &'static str,
    pub extension: &'static str,
    pub mime: &'static str,
    pub write: fn(&Plan, &Tallies, Lang) -> String,
}

/// Writes `file` from the open plan and hands it to the browser.
pub fn download_view(board: &Board, lang: Lang, file: &ViewFile) {
    // The board's tallies are kept up to date with every change: no recount.
    let (name, text) = board.with_plan(|p| {
        (
            format!(
                "{}-{}-{}.{}",
                download::file_stem(&p.title),
                file.kind,
                clock::today(),
                file.extension
            ),
            board.doc.with_tallies(|t| (file.write)(p, t, lang)),
        )
    });
    if download::download(&name, file.mime, &text).is_err() {
        board
            .notices
            .notify(NoticeKind::Warning, Message::ExportFailed);
    }
}
