//! What the matrix asks before an edit goes through.

use crate::model::{ask, matrix};
use crate::model::{Amount, Command, Link};
use crate::model::{ItemId, UnitId};

/// What the matrix asks before an edit goes through.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Question {
    /// Several of the unit's items could take the amount.
    Which {
        item: ItemId,
        unit: UnitId,
        amount: Amount,
        candidates: Vec<matrix::Candidate>,
    },
    /// Clearing the cell removes these links.
    Remove {
        item: ItemId,
        unit: UnitId,
        links: Vec<Link>,
    },
    /// What the model asks before the edit (more than the giving unit
    /// has left, a thousand times the old amount).
    Ask {
        item: ItemId,
        unit: UnitId,
        command: Box<Command>,
        questions: Vec<ask::Question>,
    },
}

impl Question {
    pub(super) fn cell(&self) -> (ItemId, UnitId) {
        match self {
            Question::Which { item, unit, .. }
            | Question::Remove { item, unit, .. }
            | Question::Ask { item, unit, .. } => (item.clone(), unit.clone()),
        }
    }
}
