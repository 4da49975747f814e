//! What a returned file would do, record by record: the three-way
//! comparison of the open plan, the file and the fingerprints sent.

use super::*;
use crate::model::fingerprint::record_key;
use crate::model::id::{LinkId, UnitId};
use crate::model::plan::{Item, Link, Plan, Stage, Unit};
use crate::model::rules::Collection;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

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
            Record::Unit(u) => u.id.as_str(),
            Record::Stage(s) => s.id.as_str(),
            Record::Item(i) => i.id.as_str(),
            Record::Link(l) => l.id.as_str(),
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

    /// See [`crate::model::fingerprint::fingerprint`].
    pub fn fingerprint(&self) -> String {
        crate::model::fingerprint::fingerprint(&self.to_value())
    }

    /// Its `sent.records` key, `"<collection>/<id>"`.
    pub fn key(&self) -> String {
        record_key(self.collection(), self.id())
    }

    /// Whether the record is part of `unit`'s slice of `plan` as far as a
    /// return may change it: the unit's items and the links that touch
    /// them. Unit records (pools) and stages are the sender's only in a
    /// whole plan sent for comments.
    fn belongs_to(&self, plan: &Plan, unit: &UnitId) -> bool {
        match self {
            Record::Unit(_) | Record::Stage(_) => false,
            Record::Item(i) => &i.unit == unit,
            Record::Link(l) => [&l.source, &l.target]
                .into_iter()
                .any(|end| plan.item(end).is_some_and(|i| &i.unit == unit)),
        }
    }
}

/// Every record of a plan: units, stages, items, links, each in file order.
pub(super) fn records(plan: &Plan) -> Vec<Record> {
    let mut out = Vec::with_capacity(
        plan.units.len() + plan.stages.len() + plan.items.len() + plan.links.len(),
    );
    out.extend(plan.units.iter().cloned().map(Record::Unit));
    out.extend(plan.stages.iter().cloned().map(Record::Stage));
    out.extend(plan.items.iter().cloned().map(Record::Item));
    out.extend(plan.links.iter().cloned().map(Record::Link));
    out
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
    pub links: Vec<LinkId>,
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
    pub fn unit(&self) -> Option<&UnitId> {
        self.sent.as_ref().and_then(|s| s.unit.as_ref())
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
/// fingerprint), as [`crate::model::merge::merge`] would: every record that differs
/// is added or changed, nothing removed.
pub fn plan_return(open: &Plan, returned: &Plan) -> ReturnPreview {
    let (sent, ignored_sent) = match Sent::of(returned) {
        None => (None, None),
        Some(Ok(sent)) => (Some(sent), None),
        Some(Err(problem)) => (None, Some(problem)),
    };
    let mut changes = Vec::new();
    let mut push = |ours: Option<Record>, theirs: Option<Record>| {
        if let Some(change) = classify(
            open,
            returned,
            sent.as_ref(),
            ours.as_ref(),
            theirs.as_ref(),
        ) {
            changes.push(change);
        }
    };
    let sent_keys = sent.as_ref().map(|s| &s.records);
    let (o, r) = (open, returned);
    let units = (&o.units[..], &r.units[..]);
    differing_records(units, |u| u.id.as_str(), Record::Unit, sent_keys, &mut push);
    let stages = (&o.stages[..], &r.stages[..]);
    differing_records(
        stages,
        |s| s.id.as_str(),
        Record::Stage,
        sent_keys,
        &mut push,
    );
    let items = (&o.items[..], &r.items[..]);
    differing_records(items, |i| i.id.as_str(), Record::Item, sent_keys, &mut push);
    let links = (&o.links[..], &r.links[..]);
    differing_records(links, |l| l.id.as_str(), Record::Link, sent_keys, &mut push);
    ReturnPreview {
        sent,
        ignored_sent,
        same_plan: open.id == returned.id,
        changes,
    }
}

/// The records of one collection that may differ, as `(ours, theirs)`: the
/// file's records in its order, then (with a `sent` block) those it dropped
/// that were sent, in the open plan's order. A record the same on both
/// sides is passed over without being copied, so a file of thousands of
/// records costs what its changes cost.
fn differing_records<T: PartialEq + Clone>(
    (ours, theirs): (&[T], &[T]),
    id: fn(&T) -> &str,
    wrap: fn(T) -> Record,
    sent: Option<&BTreeMap<String, String>>,
    push: &mut dyn FnMut(Option<Record>, Option<Record>),
) {
    let by_id: HashMap<&str, &T> = ours.iter().map(|r| (id(r), r)).collect();
    let theirs_by_id: HashMap<&str, &T> = theirs.iter().map(|r| (id(r), r)).collect();
    for t in theirs {
        let o = by_id.get(id(t)).copied();
        if o == Some(t) {
            continue;
        }
        push(o.cloned().map(wrap), Some(wrap(t.clone())));
    }
    let Some(sent) = sent else {
        return;
    };
    for o in ours {
        if theirs_by_id.contains_key(id(o)) {
            continue;
        }
        let any = wrap(o.clone());
        if sent.contains_key(&any.key()) {
            push(Some(any), None);
        }
    }
}

pub(super) fn classify(
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
            let outside = sent.unit.as_ref().is_some_and(|unit| {
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
pub(super) fn field_changes(before: Option<Value>, after: Option<Value>) -> Vec<FieldChange> {
    let obj = |v: Option<Value>| match v {
        Some(Value::Object(m)) => m,
        _ => Map::new(),
    };
    let (before, after) = (obj(before), obj(after));
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
