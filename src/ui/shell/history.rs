//! Undo and redo, from the toolbar or the keyboard, told to the screen
//! reader like every other change. A step that no longer applies is said
//! in a notice, and the plan stays as it was.

use crate::i18n::{Key, Lang};
use crate::ui::state::Board;
use crate::ui::state::{Message, NoticeKind, Step};

pub fn undo(board: Board, lang: Lang) {
    let said = match board.undo() {
        Ok(Some(touched)) => lang.undone(lang.change(&touched)),
        Ok(None) => lang.t(Key::AnnounceNothingToUndo).to_string(),
        Err(error) => return refused(board, Step::Undo, error),
    };
    board.notices.announce(said);
}

pub fn redo(board: Board, lang: Lang) {
    let said = match board.redo() {
        Ok(Some(touched)) => lang.redone(lang.change(&touched)),
        Ok(None) => lang.t(Key::AnnounceNothingToRedo).to_string(),
        Err(error) => return refused(board, Step::Redo, error),
    };
    board.notices.announce(said);
}

fn refused(board: Board, step: Step, error: crate::model::CommandError) {
    board
        .notices
        .notify(NoticeKind::Warning, Message::StepRefused { step, error });
}
