//! What a file held when it left the board (its `sent` block), and the
//! files cut to be returned: a unit's slice, a whole plan for comments.

use super::*;
use crate::model::fingerprint::{parse_record_key, FINGERPRINT_FN};
use crate::model::id::UnitId;
use crate::model::merge::slice;
use crate::model::plan::{Extra, Plan};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The top-level field of a file cut to be returned.
pub const SENT_FIELD: &str = "sent";
/// The top-level field of the returns ledger.
pub const RETURNS_FIELD: &str = "returns";

/// What a file held when it left the board: the `sent` block.
#[derive(Clone, Debug, PartialEq)]
pub struct Sent {
    /// Whose slice this is; `None` for a whole plan sent for comments.
    pub unit: Option<UnitId>,
    /// The revision of the plan the file was cut from.
    pub revision: u64,
    /// When the file was cut (RFC 3339).
    pub at: String,
    /// The fingerprint function's name; always [`FINGERPRINT_FN`] once parsed.
    pub fingerprint: String,
    /// `"<collection>/<id>"` → lower-case hex fingerprint of the record as sent.
    pub records: BTreeMap<String, String>,
    /// Fields of the block this version does not know, written back as read.
    pub extra: Extra,
}

/// Why a file's `sent` block is not used: the file is then read as a plain
/// plan and the block stays in the plan's unknown fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SentProblem {
    /// The block does not have the shape the format gives it.
    Malformed,
    /// The block names a fingerprint function this version does not know.
    UnknownFunction { name: String },
}

impl Sent {
    /// The `sent` block for `file` as it is now: a fingerprint of every
    /// unit, stage, item and link it holds.
    pub fn of_file(file: &Plan, unit: Option<&UnitId>, revision: u64, at: &str) -> Sent {
        Sent {
            unit: unit.cloned(),
            revision,
            at: at.to_string(),
            fingerprint: FINGERPRINT_FN.to_string(),
            records: records(file)
                .into_iter()
                .map(|r| (r.key(), r.fingerprint()))
                .collect(),
            extra: Extra::new(),
        }
    }

    /// The plan's `sent` block: `None` when it has none, otherwise the block
    /// or why it cannot be used.
    pub fn of(plan: &Plan) -> Option<Result<Sent, SentProblem>> {
        plan.extra.get(SENT_FIELD).map(Sent::parse)
    }

    /// The plan's `sent` block when it has a usable one.
    pub fn read(plan: &Plan) -> Option<Sent> {
        Sent::of(plan).and_then(Result::ok)
    }

    /// A `sent` block from its JSON.
    pub fn parse(value: &Value) -> Result<Sent, SentProblem> {
        let Value::Object(obj) = value else {
            return Err(SentProblem::Malformed);
        };
        let bad = SentProblem::Malformed;
        let (mut unit, mut revision, mut at, mut function, mut recs) =
            (None, None, None, None, None);
        let mut extra = Extra::new();
        for (key, v) in obj {
            match key.as_str() {
                "unit" => match v.as_str() {
                    Some(u) if !u.is_empty() => unit = Some(UnitId::from(u)),
                    _ => return Err(bad),
                },
                "revision" => revision = Some(v.as_u64().ok_or(bad.clone())?),
                "at" => at = Some(v.as_str().ok_or(bad.clone())?.to_string()),
                "fingerprint" => match v.as_str() {
                    Some(name) if !name.is_empty() => function = Some(name.to_string()),
                    _ => return Err(bad),
                },
                "records" => {
                    let Value::Object(map) = v else {
                        return Err(bad);
                    };
                    let mut out = BTreeMap::new();
                    for (k, fp) in map {
                        let fp = fp.as_str().ok_or(bad.clone())?;
                        let hex = !fp.is_empty()
                            && fp
                                .bytes()
                                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
                        if parse_record_key(k).is_none() || !hex {
                            return Err(bad);
                        }
                        out.insert(k.clone(), fp.to_string());
                    }
                    recs = Some(out);
                }
                _ => {
                    extra.insert(key.clone(), v.clone());
                }
            }
        }
        let (Some(revision), Some(at), Some(function), Some(records)) =
            (revision, at, function, recs)
        else {
            return Err(bad);
        };
        if function != FINGERPRINT_FN {
            return Err(SentProblem::UnknownFunction { name: function });
        }
        Ok(Sent {
            unit,
            revision,
            at,
            fingerprint: function,
            records,
            extra,
        })
    }

    /// The block as JSON: known fields, then the unknown ones.
    pub fn to_value(&self) -> Value {
        let mut out = Map::new();
        if let Some(unit) = &self.unit {
            out.insert("unit".into(), Value::from(unit.as_str()));
        }
        out.insert("revision".into(), Value::from(self.revision));
        out.insert("at".into(), Value::from(self.at.as_str()));
        out.insert("fingerprint".into(), Value::from(self.fingerprint.as_str()));
        out.insert(
            "records".into(),
            Value::Object(
                self.records
                    .iter()
                    .map(|(k, v)| (k.clone(), Value::from(v.as_str())))
                    .collect(),
            ),
        );
        for (k, v) in &self.extra {
            if !out.contains_key(k) {
                out.insert(k.clone(), v.clone());
            }
        }
        Value::Object(out)
    }
}

/// `file` made ready to leave: the ledger of returns taken out (it is the
/// sender's business only) and a `sent` block put in.
pub(super) fn stamp_sent(file: &mut Plan, unit: Option<&UnitId>, revision: u64, now: &str) {
    file.extra.remove(RETURNS_FIELD);
    let sent = Sent::of_file(file, unit, revision, now);
    file.extra.insert(SENT_FIELD.to_string(), sent.to_value());
}

/// One unit's slice (see [`slice`]) to be filled in and returned, saying
/// what it held: a `sent` block with the unit, the plan's revision, `now`
/// (RFC 3339) and a fingerprint of every record. `None` for an unknown unit.
/// Record the sending with [`mark_sent`].
pub fn cut_slice(plan: &Plan, unit: &UnitId, now: &str) -> Option<Plan> {
    let mut file = slice(plan, unit)?;
    stamp_sent(&mut file, Some(unit), plan.revision.unwrap_or(0), now);
    Some(file)
}

/// The whole plan exported for comments, saying what it held (a `sent`
/// block without a unit).
pub fn for_comments(plan: &Plan, now: &str) -> Plan {
    let mut file = plan.clone();
    stamp_sent(&mut file, None, plan.revision.unwrap_or(0), now);
    file
}
