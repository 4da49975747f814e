//! Who has had their slice and sent it back: the `returns` ledger kept
//! in the plan.

use super::*;
use crate::model::id::UnitId;
use crate::model::plan::{Plan, Unit};
use serde_json::{Map, Value};

/// Where a unit stands in collecting the returns.
///
/// Kept in the plan's top-level `returns` field, an object from unit id to
/// `{ "sent_at": "<RFC 3339>", "revision": <integer>, "returned_at":
/// "<RFC 3339>", "changes": <integer> }` (the last two once returned). A unit
/// not listed has not been sent its slice; an entry that does not parse
/// reads as not sent. Unknown fields of an entry are kept when it is
/// rewritten; a `returns` that is not an object is replaced when a unit is
/// marked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReturnState {
    NotSent,
    /// Its slice went out at `at`, cut from `revision`.
    Sent {
        at: String,
        revision: u64,
    },
    /// Its slice, sent at `sent_at` from `revision`, came back and was
    /// merged at `at`, with `changes` changes taken.
    Returned {
        sent_at: String,
        revision: u64,
        at: String,
        changes: u64,
    },
}

/// Where `unit` stands, from the plan's ledger.
pub fn return_state(plan: &Plan, unit: &UnitId) -> ReturnState {
    let Some(Value::Object(entry)) = plan
        .extra
        .get(RETURNS_FIELD)
        .and_then(|r| r.as_object())
        .and_then(|r| r.get(unit.as_str()))
    else {
        return ReturnState::NotSent;
    };
    let text = |k: &str| entry.get(k).and_then(Value::as_str).map(str::to_string);
    let int = |k: &str| entry.get(k).and_then(Value::as_u64);
    match (
        text("sent_at"),
        int("revision"),
        text("returned_at"),
        int("changes"),
    ) {
        (Some(sent_at), Some(revision), Some(at), Some(changes)) => ReturnState::Returned {
            sent_at,
            revision,
            at,
            changes,
        },
        (Some(at), Some(revision), None, None) => ReturnState::Sent { at, revision },
        _ => ReturnState::NotSent,
    }
}

/// Every unit of the plan, in file order, with where it stands.
pub fn returns_ledger(plan: &Plan) -> Vec<(&Unit, ReturnState)> {
    plan.units
        .iter()
        .map(|u| (u, return_state(plan, &u.id)))
        .collect()
}

/// Changes `unit`'s entry of the ledger with `f`, making the ledger and
/// the entry objects where they are missing or not objects; both keep
/// their place among their neighbours.
pub(super) fn with_ledger_entry(
    plan: &mut Plan,
    unit: &UnitId,
    f: impl FnOnce(&mut Map<String, Value>),
) {
    fn object(value: &mut Value) -> Map<String, Value> {
        match std::mem::take(value) {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }
    let slot = plan.extra.entry(RETURNS_FIELD).or_insert(Value::Null);
    let mut ledger = object(slot);
    let place = ledger.entry(unit.as_str()).or_insert(Value::Null);
    let mut entry = object(place);
    f(&mut entry);
    *place = Value::Object(entry);
    *slot = Value::Object(ledger);
}

/// Records in the ledger that `unit`'s slice was sent at `at`, cut from
/// `revision` (what [`cut_slice`] put in the file); an earlier return is
/// forgotten. Put the plan in place as one change with the export.
pub fn mark_sent(plan: &mut Plan, unit: &UnitId, revision: u64, at: &str) {
    with_ledger_entry(plan, unit, |entry| {
        entry.insert("sent_at".into(), Value::from(at));
        entry.insert("revision".into(), Value::from(revision));
        entry.remove("returned_at");
        entry.remove("changes");
    });
}

/// Records in the ledger that the slice `sent` describes came back and was
/// merged at `at` with `changes` changes taken. Nothing for a whole plan
/// sent for comments (no unit).
pub fn mark_returned(plan: &mut Plan, sent: &Sent, at: &str, changes: u64) {
    let Some(unit) = &sent.unit else {
        return;
    };
    with_ledger_entry(plan, unit, |entry| {
        entry.insert("sent_at".into(), Value::from(sent.at.as_str()));
        entry.insert("revision".into(), Value::from(sent.revision));
        entry.insert("returned_at".into(), Value::from(at));
        entry.insert("changes".into(), Value::from(changes));
    });
}
