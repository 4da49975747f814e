use crate::ui::state::Board;
use leptos::prelude::*;
use std::collections::HashSet;

/// The selected card and the cards linked to it.
#[derive(Clone, Copy)]
pub struct Selection {
    /// As the ids' text (see `ColumnCell`).
    pub linked: Memo<HashSet<String>>,
}

impl Selection {
    pub fn new(board: Board) -> Selection {
        let linked = Memo::new(move |_| {
            board.doc.links_changed().track();
            let Some(id) = board.view.selected() else {
                return HashSet::new();
            };
            board.with_plan(|p| {
                p.links_of(&id)
                    .filter_map(|l| l.other_end(&id))
                    .map(|(other, _)| other.as_str().to_owned())
                    .collect()
            })
        });
        Selection { linked }
    }
}
