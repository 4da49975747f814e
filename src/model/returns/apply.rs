//! Applying the picks of one or many returned files at once, or refusing
//! them naming why.

use super::*;
use crate::model::command::Command;
use crate::model::plan::Plan;
use crate::model::rules::{check_rules, Collection, RuleError};
use std::collections::HashMap;

/// Why returned files could not be applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReturnError {
    /// A conflict not settled (keep ours or take theirs).
    Unsettled { collection: Collection, id: String },
    /// Two returned files, both chosen, give one record different values.
    Clash { collection: Collection, id: String },
    /// The result would break a rule of the format.
    Rule(RuleError),
}

impl ReturnError {
    pub fn kind(&self) -> &'static str {
        match self {
            ReturnError::Unsettled { .. } => "unsettled-conflict",
            ReturnError::Clash { .. } => "returns-clash",
            ReturnError::Rule(rule) => rule.kind(),
        }
    }
}

impl From<RuleError> for ReturnError {
    fn from(e: RuleError) -> Self {
        ReturnError::Rule(e)
    }
}

/// The open plan with the chosen changes of one or many returned files
/// applied (each preview made by [`plan_return`] against `open`): a taken
/// record replaces the one with its id or is added after the others; a
/// taken removal takes the record out (an item with its links). Refused,
/// with nothing applied, when a conflict is unsettled, when two files give
/// one record different values, or when the result would break a rule.
/// Applying the same return twice gives what applying it once did. The
/// ledger of returns is not touched (see [`merge_returns`]).
pub fn apply_returns(open: &Plan, previews: &[ReturnPreview]) -> Result<Plan, ReturnError> {
    let mut taken: HashMap<String, &Option<Record>> = HashMap::new();
    for change in previews.iter().flat_map(|p| &p.changes) {
        match change.choice {
            Choice::Unsettled => {
                return Err(ReturnError::Unsettled {
                    collection: change.collection,
                    id: change.id.clone(),
                })
            }
            Choice::KeepOurs => {}
            Choice::TakeTheirs => {
                if let Some(other) = taken.insert(change.key(), &change.theirs) {
                    if *other != change.theirs {
                        return Err(ReturnError::Clash {
                            collection: change.collection,
                            id: change.id.clone(),
                        });
                    }
                }
            }
        }
    }
    let mut plan = open.clone();
    for change in previews.iter().flat_map(|p| &p.changes) {
        if change.taken() {
            take(&mut plan, change);
        }
    }
    check_rules(&plan)?;
    Ok(plan)
}

pub(super) fn take(plan: &mut Plan, change: &Change) {
    fn upsert<T: Clone>(list: &mut Vec<T>, new: &T, id: fn(&T) -> &str) {
        match list.iter_mut().find(|o| id(o) == id(new)) {
            Some(slot) => *slot = new.clone(),
            None => list.push(new.clone()),
        }
    }
    let id = change.id.as_str();
    match &change.theirs {
        Some(Record::Unit(u)) => upsert(&mut plan.units, u, |u| u.id.as_str()),
        Some(Record::Stage(s)) => upsert(&mut plan.stages, s, |s| s.id.as_str()),
        Some(Record::Item(i)) => upsert(&mut plan.items, i, |i| i.id.as_str()),
        Some(Record::Link(l)) => upsert(&mut plan.links, l, |l| l.id.as_str()),
        None => match change.collection {
            Collection::Units => plan.units.retain(|u| u.id != id),
            Collection::Stages => plan.stages.retain(|s| s.id != id),
            Collection::Items => {
                plan.items.retain(|i| i.id != id);
                plan.links.retain(|l| l.source != id && l.target != id);
            }
            Collection::Links => plan.links.retain(|l| l.id != id),
        },
    }
}

/// [`apply_returns`], and each returned slice marked in the ledger as
/// returned at `now` with the number of changes taken from it: the plan to
/// put in place as one change (see [`return_command`]).
pub fn merge_returns(
    open: &Plan,
    previews: &[ReturnPreview],
    now: &str,
) -> Result<Plan, ReturnError> {
    let mut plan = apply_returns(open, previews)?;
    for preview in previews {
        if let Some(sent) = &preview.sent {
            mark_returned(&mut plan, sent, now, preview.taken() as u64);
        }
    }
    Ok(plan)
}

/// [`merge_returns`] as one command, undone in one step.
pub fn return_command(
    open: &Plan,
    previews: &[ReturnPreview],
    now: &str,
) -> Result<Command, ReturnError> {
    Ok(Command::ReplacePlan(Box::new(merge_returns(
        open, previews, now,
    )?)))
}
