//! Undo and redo, from the toolbar or the keyboard, told to the screen
//! reader like every other change.

use crate::i18n::{Key, Lang};
use crate::ui::state::Board;

pub fn undo(board: Board, lang: Lang) {
    let said = match board.undo() {
        Some(touched) => lang.undone(lang.change(&touched)),
        None => lang.t(Key::AnnounceNothingToUndo).to_string(),
    };
    board.notices.announce(said);
}

pub fn redo(board: Board, lang: Lang) {
    let said = match board.redo() {
        Some(touched) => lang.redone(lang.change(&touched)),
        None => lang.t(Key::AnnounceNothingToRedo).to_string(),
    };
    board.notices.announce(said);
}
