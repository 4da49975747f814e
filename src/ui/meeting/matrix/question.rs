//! What the matrix asks before an edit goes through.

use crate::model::{ask, matrix};
use crate::model::{Amount, Command, Link};

/// What the matrix asks before an edit goes through.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Question {
    /// Several of the unit's items could take the amount.
    Which {
        item: String,
        unit: String,
        amount: Amount,
        candidates: Vec<matrix::Candidate>,
    },
    /// Clearing the cell removes these links.
    Remove {
        item: String,
        unit: String,
        links: Vec<Link>,
    },
    /// What the model asks before the edit (more than the giving unit
    /// has left, a thousand times the old amount).
    Ask {
        item: String,
        unit: String,
        command: Box<Command>,
        questions: Vec<ask::Question>,
    },
}

impl Question {
    pub(super) fn cell(&self) -> (String, String) {
        match self {
            Question::Which { item, unit, .. }
            | Question::Remove { item, unit, .. }
            | Question::Ask { item, unit, .. } => (item.clone(), unit.clone()),
        }
    }
}
