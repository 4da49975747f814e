//! The plans stored in this browser, as the plan list shows them.

use crate::io::storage;
use crate::model::load_str;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Stored {
    pub id: String,
    pub title: String,
    pub revision: u64,
    pub updated: String,
}

pub fn stored_plans() -> Vec<Stored> {
    storage::plan_ids()
        .into_iter()
        .filter_map(|id| {
            let plan = load_str(&storage::plan_text(&id)?).ok()?;
            Some(Stored {
                id,
                title: plan.title,
                revision: plan.revision.unwrap_or(0),
                updated: plan.updated_at.unwrap_or_default(),
            })
        })
        .collect()
}
