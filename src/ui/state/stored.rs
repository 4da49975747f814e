//! The plans stored in this browser: as the plan list shows them, and
//! the changes made to them from there (rename, duplicate, open).

use super::Board;
use crate::io::clock;
use crate::io::storage::{self, StorageError};
use crate::model::{copy_as, load_str, rename, Command, CommandError, Plan};

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Stored {
    pub id: String,
    pub title: String,
    pub revision: u64,
    /// When it was last changed (ms since 1970), if it says.
    pub updated: Option<u64>,
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
                updated: plan
                    .updated_at
                    .as_deref()
                    .and_then(clock::parse_ms)
                    .map(|ms| ms as u64),
            })
        })
        .collect()
}

/// Why a change to a stored plan did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoredError {
    /// The plan is no longer in storage, or no longer opens.
    Gone,
    /// The change breaks a rule of the format.
    Refused(CommandError),
    /// Storage refused to take the changed plan.
    Storage(StorageError),
}

impl From<CommandError> for StoredError {
    fn from(e: CommandError) -> Self {
        StoredError::Refused(e)
    }
}

impl From<StorageError> for StoredError {
    fn from(e: StorageError) -> Self {
        StoredError::Storage(e)
    }
}

fn read(id: &str) -> Result<Plan, StoredError> {
    storage::plan_text(id)
        .and_then(|t| load_str(&t).ok())
        .ok_or(StoredError::Gone)
}

/// The plans in this browser, open or not, change only here and only
/// through the model: the open one through `dispatch`, the others through
/// the model's plan operations, which keep the rules and stamp the
/// revision once.
impl Board {
    /// Renames plan `id`.
    pub fn rename_plan(&self, id: &str, title: &str) -> Result<(), StoredError> {
        if self.with_plan(|p| p.id == id) {
            self.dispatch(Command::rename(title)?)?;
            return Ok(());
        }
        let renamed = rename(&read(id)?, title, &clock::now_rfc3339())?;
        storage::store_plan(&renamed)?;
        Ok(())
    }

    /// Stores a copy of plan `id` under a new id, its title followed by
    /// `suffix` (and still within the title rule).
    pub fn duplicate_plan(&self, id: &str, suffix: &str) -> Result<(), StoredError> {
        self.save_now();
        let plan = if self.with_plan(|p| p.id == id) {
            self.with_plan(Plan::clone)
        } else {
            read(id)?
        };
        let copy = copy_as(&plan, clock::new_uuid(), suffix, &clock::now_rfc3339());
        storage::store_plan(&copy)?;
        Ok(())
    }

    /// Opens plan `id` in place of the open one (which stays restorable).
    pub fn open_plan(&self, id: &str) -> Result<(), StoredError> {
        self.save_now();
        let plan = read(id)?;
        self.dispatch(Command::ReplacePlan(Box::new(plan)))?;
        Ok(())
    }

    /// Keeps this window's plan as a separate copy (new id) after a
    /// conflict, leaving the other window's newer revision stored as it is.
    pub fn keep_mine_as_copy(&self, suffix: &str) {
        let copy = self.with_plan(|p| copy_as(p, clock::new_uuid(), suffix, &clock::now_rfc3339()));
        self.adopt(copy);
        self.save_now();
    }
}
