//! Collecting the districts' returns safely.
//!
//! A file that leaves the board to be filled in (a unit's slice, or the
//! whole plan sent out for comments) says what it held: a top-level `sent`
//! block with a fingerprint of every record (format README, "Optional fields
//! added within version 1"). When it comes back, only what its sender
//! changed is applied: a three-way merge of the open plan, the returned file
//! and the fingerprints. [`plan_return`] says what a returned file would do,
//! record by record; the user picks ([`Choice`]); [`apply_returns`] applies
//! the picks of one or many files at once, or refuses naming why.
//!
//! Who has sent theirs back is kept with the plan in a top-level `returns`
//! field (see [`ReturnState`]).

use super::command::Command;
use super::fingerprint::{parse_record_key, record_key, FINGERPRINT_FN};
use super::merge::slice;
use super::plan::{Extra, Item, Link, Plan, Stage, Unit};
use super::rules::{check_rules, Collection, RuleError};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

/// The top-level field of a file cut to be returned.
pub const SENT_FIELD: &str = "sent";
/// The top-level field of the returns ledger.
pub const RETURNS_FIELD: &str = "returns";

/// What a file held when it left the board: the `sent` block.
#[derive(Clone, Debug, PartialEq)]
pub struct Sent {
    /// Whose slice this is; `None` for a whole plan sent for comments.
    pub unit: Option<String>,
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
    pub fn of_file(file: &Plan, unit: Option<&str>, revision: u64, at: &str) -> Sent {
        Sent {
            unit: unit.map(str::to_string),
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
                    Some(u) if !u.is_empty() => unit = Some(u.to_string()),
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
fn stamp_sent(file: &mut Plan, unit: Option<&str>, revision: u64, now: &str) {
    file.extra.remove(RETURNS_FIELD);
    let sent = Sent::of_file(file, unit, revision, now);
    file.extra.insert(SENT_FIELD.to_string(), sent.to_value());
}

/// One unit's slice (see [`slice`]) to be filled in and returned, saying
/// what it held: a `sent` block with the unit, the plan's revision, `now`
/// (RFC 3339) and a fingerprint of every record. `None` for an unknown unit.
/// Record the sending with [`mark_sent`].
pub fn cut_slice(plan: &Plan, unit: &str, now: &str) -> Option<Plan> {
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

/// One record of a plan, of any collection.
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    Unit(Unit),
    Stage(Stage),
    Item(Item),
    Link(Link),
}

impl Record {
    pub fn collection(&self) -> Collection {
        match self {
            Record::Unit(_) => Collection::Units,
            Record::Stage(_) => Collection::Stages,
            Record::Item(_) => Collection::Items,
            Record::Link(_) => Collection::Links,
        }
    }

    pub fn id(&self) -> &str {
        match self {
            Record::Unit(u) => &u.id,
            Record::Stage(s) => &s.id,
            Record::Item(i) => &i.id,
            Record::Link(l) => &l.id,
        }
    }

    /// The record as the file writes it.
    pub fn to_value(&self) -> Value {
        match self {
            Record::Unit(u) => u.to_value(),
            Record::Stage(s) => s.to_value(),
            Record::Item(i) => i.to_value(),
            Record::Link(l) => l.to_value(),
        }
    }

    /// See [`super::fingerprint::fingerprint`].
    pub fn fingerprint(&self) -> String {
        super::fingerprint::fingerprint(&self.to_value())
    }

    /// Its `sent.records` key, `"<collection>/<id>"`.
    pub fn key(&self) -> String {
        record_key(self.collection(), self.id())
    }

    /// Whether the record is part of `unit`'s slice of `plan` as far as a
    /// return may change it: the unit's items and the links that touch
    /// them. Unit records (pools) and stages are the sender's only in a
    /// whole plan sent for comments.
    fn belongs_to(&self, plan: &Plan, unit: &str) -> bool {
        match self {
            Record::Unit(_) | Record::Stage(_) => false,
            Record::Item(i) => i.unit == unit,
            Record::Link(l) => [&l.source, &l.target]
                .into_iter()
                .any(|end| plan.item(end).is_some_and(|i| i.unit == unit)),
        }
    }
}

/// Every record of a plan: units, stages, items, links, each in file order.
fn records(plan: &Plan) -> Vec<Record> {
    let mut out = Vec::with_capacity(
        plan.units.len() + plan.stages.len() + plan.items.len() + plan.links.len(),
    );
    out.extend(plan.units.iter().cloned().map(Record::Unit));
    out.extend(plan.stages.iter().cloned().map(Record::Stage));
    out.extend(plan.items.iter().cloned().map(Record::Item));
    out.extend(plan.links.iter().cloned().map(Record::Link));
    out
}

fn index(records: &[Record]) -> HashMap<String, &Record> {
    records.iter().map(|r| (r.key(), r)).collect()
}

/// What a change does to the open plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    /// A record new in the returned file.
    Added,
    /// The sender changed the record and the open plan did not.
    Changed,
    /// The sender deleted a record it was sent (an item with its links).
    Removed,
    /// A change outside the sender's slice: another unit's item, a unit
    /// record, a stage. Not applied unless chosen.
    Outside,
    /// The sender and the open plan both changed the record, differently.
    /// Settled record by record: keep ours or take theirs.
    Conflict,
    /// The open plan changed (or removed) the record since it was sent and
    /// the sender left it as it was: the open plan's version is kept. Listed
    /// so the user sees it; taking it would put back the version sent.
    Kept,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 6] = [
        ChangeKind::Added,
        ChangeKind::Changed,
        ChangeKind::Removed,
        ChangeKind::Outside,
        ChangeKind::Conflict,
        ChangeKind::Kept,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Changed => "changed",
            ChangeKind::Removed => "removed",
            ChangeKind::Outside => "outside",
            ChangeKind::Conflict => "conflict",
            ChangeKind::Kept => "kept",
        }
    }
}

/// What to do with one change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Choice {
    /// Apply it: the record as the returned file has it (or its removal).
    TakeTheirs,
    /// Leave the open plan's record as it is.
    KeepOurs,
    /// A conflict not yet settled: applying is refused.
    Unsettled,
}

/// One field of a record that differs: `before` is the open plan's value
/// now, `after` the value if the change is taken (the returned file's), as
/// JSON; `None`: the field is absent on that side.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldChange {
    /// The field's name in the file: `title`, `stage`, `budget`, `demand`,
    /// `amount`, `note`, `pool`, `name`, … or an unknown field's name.
    pub field: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// One record a returned file would change.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub collection: Collection,
    pub id: String,
    pub kind: ChangeKind,
    /// The fields that differ, open plan → returned file (for a conflict:
    /// ours → theirs). Every field for an added or removed record.
    pub fields: Vec<FieldChange>,
    /// The record in the open plan now; `None` when it is not there.
    pub ours: Option<Record>,
    /// The record as returned; `None` when the return removes it.
    pub theirs: Option<Record>,
    /// For an item taken out: the links of the open plan that go with it.
    pub links: Vec<String>,
    /// The open plan changed the record since it was sent (always so for a
    /// conflict; an outside change may be one too).
    pub changed_here: bool,
    /// What to do with it; starts at [`Change::default_choice`].
    pub choice: Choice,
}

impl Change {
    /// Added, changed and removed records are taken, outside changes are
    /// not, conflicts wait to be settled.
    pub fn default_choice(&self) -> Choice {
        match self.kind {
            ChangeKind::Added | ChangeKind::Changed | ChangeKind::Removed => Choice::TakeTheirs,
            ChangeKind::Outside | ChangeKind::Kept => Choice::KeepOurs,
            ChangeKind::Conflict => Choice::Unsettled,
        }
    }

    /// Its `"<collection>/<id>"` key.
    pub fn key(&self) -> String {
        record_key(self.collection, &self.id)
    }

    /// Whether applying it takes the returned version.
    pub fn taken(&self) -> bool {
        self.choice == Choice::TakeTheirs
    }
}

/// What a returned file would do to the open plan, record by record.
#[derive(Clone, Debug, PartialEq)]
pub struct ReturnPreview {
    /// The file's `sent` block, when it has a usable one. Without it the
    /// file is merged as a plain plan: by id, nothing removed.
    pub sent: Option<Sent>,
    /// The file has a `sent` block that was not used, and why.
    pub ignored_sent: Option<SentProblem>,
    /// The file has the open plan's id. A file of another plan should be
    /// questioned before it is merged.
    pub same_plan: bool,
    /// Every record the file would change, and those the open plan changed
    /// since they were sent ([`ChangeKind::Kept`]); records that are the same
    /// on both sides are not listed.
    pub changes: Vec<Change>,
}

impl ReturnPreview {
    /// Whose slice the file is, from its `sent` block.
    pub fn unit(&self) -> Option<&str> {
        self.sent.as_ref().and_then(|s| s.unit.as_deref())
    }

    /// The file offers nothing to take: every record is as the open plan
    /// has it or was left as sent ([`ChangeKind::Kept`]).
    pub fn offers_nothing(&self) -> bool {
        self.changes.iter().all(|c| c.kind == ChangeKind::Kept)
    }

    /// The conflicts still to settle.
    pub fn unsettled(&self) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(|c| c.choice == Choice::Unsettled)
    }

    /// How many changes applying would take.
    /// Whether merging this preview again would do nothing: it takes no
    /// change and this sending of the slice was merged already (or the
    /// file was no slice), so the ledger stays as it is.
    pub fn merged_already(&self, open: &Plan) -> bool {
        if self.taken() > 0 {
            return false;
        }
        let Some(sent) = &self.sent else {
            return true;
        };
        match &sent.unit {
            Some(unit) => matches!(
                return_state(open, unit),
                ReturnState::Returned { sent_at, .. } if sent_at == sent.at
            ),
            None => true,
        }
    }

    pub fn taken(&self) -> usize {
        self.changes.iter().filter(|c| c.taken()).count()
    }

    /// Sets the choice for one record; false when the file changes no such
    /// record.
    pub fn choose(&mut self, collection: Collection, id: &str, choice: Choice) -> bool {
        match self
            .changes
            .iter_mut()
            .find(|c| c.collection == collection && c.id == id)
        {
            Some(c) => {
                c.choice = choice;
                true
            }
            None => false,
        }
    }

    /// Sets the choice for every change of one kind.
    pub fn choose_kind(&mut self, kind: ChangeKind, choice: Choice) {
        for c in self.changes.iter_mut().filter(|c| c.kind == kind) {
            c.choice = choice;
        }
    }
}

/// What `returned` would do to `open`, record by record. With a usable
/// `sent` block, a three-way merge against its fingerprints:
///
/// - a record whose fingerprint equals the sent one was not touched by its
///   sender and is not applied, whatever the open plan did since (listed as
///   [`ChangeKind::Kept`] when the open plan changed it);
/// - changed by the sender only → [`ChangeKind::Changed`];
/// - changed on both sides, differently (or changed on one side, removed on
///   the other) → [`ChangeKind::Conflict`];
/// - a sent record missing from the file → [`ChangeKind::Removed`] (an item
///   with its links);
/// - a record new in the file → [`ChangeKind::Added`];
/// - any of these on a record outside the sender's slice (another unit's
///   item or its links, a unit record, a stage) → [`ChangeKind::Outside`].
///
/// Without one (or with one that is damaged or names an unknown
/// fingerprint), as [`super::merge::merge`] would: every record that differs
/// is added or changed, nothing removed.
pub fn plan_return(open: &Plan, returned: &Plan) -> ReturnPreview {
    let (sent, ignored_sent) = match Sent::of(returned) {
        None => (None, None),
        Some(Ok(sent)) => (Some(sent), None),
        Some(Err(problem)) => (None, Some(problem)),
    };
    let ours_all = records(open);
    let theirs_all = records(returned);
    let ours_by_key = index(&ours_all);
    let theirs_by_key = index(&theirs_all);
    let mut changes = Vec::new();
    for collection in [
        Collection::Units,
        Collection::Stages,
        Collection::Items,
        Collection::Links,
    ] {
        // The file's records in its order, then what it dropped in the open
        // plan's order.
        let mut keys: Vec<String> = theirs_all
            .iter()
            .filter(|r| r.collection() == collection)
            .map(Record::key)
            .collect();
        if let Some(sent) = &sent {
            keys.extend(
                ours_all
                    .iter()
                    .filter(|r| r.collection() == collection)
                    .map(Record::key)
                    .filter(|k| sent.records.contains_key(k) && !theirs_by_key.contains_key(k)),
            );
        }
        for key in keys {
            let ours = ours_by_key.get(&key).copied();
            let theirs = theirs_by_key.get(&key).copied();
            if let Some(change) = classify(open, returned, sent.as_ref(), ours, theirs) {
                changes.push(change);
            }
        }
    }
    ReturnPreview {
        sent,
        ignored_sent,
        same_plan: open.id == returned.id,
        changes,
    }
}

fn classify(
    open: &Plan,
    returned: &Plan,
    sent: Option<&Sent>,
    ours: Option<&Record>,
    theirs: Option<&Record>,
) -> Option<Change> {
    let any = theirs.or(ours)?;
    if ours.is_some() && ours == theirs {
        return None;
    }
    let (kind, changed_here) = match sent {
        None => match (ours, theirs) {
            (None, Some(_)) => (ChangeKind::Added, false),
            (Some(_), Some(_)) => (ChangeKind::Changed, false),
            _ => return None,
        },
        Some(sent) => {
            let as_sent = sent.records.get(&any.key());
            let unchanged_here = |o: &Record| as_sent == Some(&o.fingerprint());
            let kind = match (as_sent, ours, theirs) {
                (Some(s), _, Some(t)) if *s == t.fingerprint() => (ChangeKind::Kept, true),
                (Some(_), Some(o), Some(_)) if unchanged_here(o) => (ChangeKind::Changed, false),
                (Some(_), Some(o), None) if unchanged_here(o) => (ChangeKind::Removed, false),
                (Some(_), None, None) => return None,
                (None, None, Some(_)) => (ChangeKind::Added, false),
                // Changed on both sides, removed on one and changed on the
                // other, or an id both sides have that was not sent.
                _ => (ChangeKind::Conflict, true),
            };
            let outside = sent.unit.as_deref().is_some_and(|unit| {
                !ours.is_none_or(|o| o.belongs_to(open, unit))
                    || !theirs.is_none_or(|t| t.belongs_to(returned, unit))
            });
            if outside && kind.0 != ChangeKind::Kept {
                (ChangeKind::Outside, kind.1)
            } else {
                kind
            }
        }
    };
    let links = match (ours, theirs) {
        (Some(Record::Item(item)), None) => open.links_of(&item.id).map(|l| l.id.clone()).collect(),
        _ => Vec::new(),
    };
    let mut change = Change {
        collection: any.collection(),
        id: any.id().to_string(),
        kind,
        fields: field_changes(ours.map(Record::to_value), theirs.map(Record::to_value)),
        ours: ours.cloned(),
        theirs: theirs.cloned(),
        links,
        changed_here,
        choice: Choice::Unsettled,
    };
    change.choice = change.default_choice();
    Some(change)
}

/// The fields that differ between two versions of a record, the id left
/// out: the first's fields in order, then those only the second has.
fn field_changes(before: Option<Value>, after: Option<Value>) -> Vec<FieldChange> {
    let empty = Map::new();
    let obj = |v: &Option<Value>| match v {
        Some(Value::Object(m)) => m.clone(),
        _ => empty.clone(),
    };
    let (before, after) = (obj(&before), obj(&after));
    let mut out = Vec::new();
    for key in before
        .keys()
        .chain(after.keys().filter(|k| !before.contains_key(*k)))
    {
        if key == "id" {
            continue;
        }
        let (b, a) = (before.get(key), after.get(key));
        if b != a {
            out.push(FieldChange {
                field: key.clone(),
                before: b.cloned(),
                after: a.cloned(),
            });
        }
    }
    out
}

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

fn take(plan: &mut Plan, change: &Change) {
    fn upsert<T: Clone>(list: &mut Vec<T>, new: &T, id: fn(&T) -> &str) {
        match list.iter_mut().find(|o| id(o) == id(new)) {
            Some(slot) => *slot = new.clone(),
            None => list.push(new.clone()),
        }
    }
    let id = change.id.as_str();
    match &change.theirs {
        Some(Record::Unit(u)) => upsert(&mut plan.units, u, |u| &u.id),
        Some(Record::Stage(s)) => upsert(&mut plan.stages, s, |s| &s.id),
        Some(Record::Item(i)) => upsert(&mut plan.items, i, |i| &i.id),
        Some(Record::Link(l)) => upsert(&mut plan.links, l, |l| &l.id),
        None => match change.collection {
            Collection::Units => plan.units.retain(|u| u.id != id),
            Collection::Stages => plan.stages.retain(|s| s.id != id),
            Collection::Items => {
                plan.items.retain(|i| i.id != id);
                plan.links.retain(|l| !l.touches(id));
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
pub fn return_state(plan: &Plan, unit: &str) -> ReturnState {
    let Some(Value::Object(entry)) = plan
        .extra
        .get(RETURNS_FIELD)
        .and_then(|r| r.as_object())
        .and_then(|r| r.get(unit))
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
fn with_ledger_entry(plan: &mut Plan, unit: &str, f: impl FnOnce(&mut Map<String, Value>)) {
    fn object(value: &mut Value) -> Map<String, Value> {
        match std::mem::take(value) {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }
    let slot = plan.extra.entry(RETURNS_FIELD).or_insert(Value::Null);
    let mut ledger = object(slot);
    let place = ledger.entry(unit).or_insert(Value::Null);
    let mut entry = object(place);
    f(&mut entry);
    *place = Value::Object(entry);
    *slot = Value::Object(ledger);
}

/// Records in the ledger that `unit`'s slice was sent at `at`, cut from
/// `revision` (what [`cut_slice`] put in the file); an earlier return is
/// forgotten. Put the plan in place as one change with the export.
pub fn mark_sent(plan: &mut Plan, unit: &str, revision: u64, at: &str) {
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
