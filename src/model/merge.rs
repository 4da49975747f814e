//! Plans that travel by email: what a file would change against the open
//! plan, merging it in, and one unit's slice to send out.

use super::id::UnitId;
use super::plan::Plan;
use super::rules::{check_rules, RuleError};
use std::collections::{HashMap, HashSet};

/// Added, changed and removed records of one kind, by id.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
}

/// How a record differs between two plans.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Added,
    Changed,
    Removed,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Added => "added",
            Kind::Changed => "changed",
            Kind::Removed => "removed",
        }
    }
}

/// One record that differs between two plans: its version in each (none
/// where it does not exist).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Differs<'a, T> {
    pub kind: Kind,
    pub before: Option<&'a T>,
    pub after: Option<&'a T>,
}

/// The records of one kind that differ between `before` and `after`, by
/// id: added and changed ones in `after`'s order, then the removed ones in
/// `before`'s. The one record-by-record diff of two plans: the counts a
/// file's preview shows and the comparison of two versions both come from
/// it. Time linear in the records.
pub fn differing<'a, T: PartialEq>(
    before: &'a [T],
    after: &'a [T],
    id: fn(&T) -> &str,
) -> Vec<Differs<'a, T>> {
    let old: Vec<&str> = before.iter().map(id).collect();
    let new: Vec<&str> = after.iter().map(id).collect();
    pairs(&old, &new, &|b, a| before[b] == after[a])
        .into_iter()
        .map(|(kind, b, a)| Differs {
            kind,
            before: b.and_then(|b| before.get(b)),
            after: a.and_then(|a| after.get(a)),
        })
        .collect()
}

/// [`differing`] by places, for records of any kind (one copy of the code).
fn pairs(
    before: &[&str],
    after: &[&str],
    same: &dyn Fn(usize, usize) -> bool,
) -> Vec<(Kind, Option<usize>, Option<usize>)> {
    let old: HashMap<&str, usize> = before.iter().enumerate().map(|(n, id)| (*id, n)).collect();
    let mut out = Vec::new();
    for (a, id) in after.iter().enumerate() {
        match old.get(id) {
            None => out.push((Kind::Added, None, Some(a))),
            Some(&b) if !same(b, a) => out.push((Kind::Changed, Some(b), Some(a))),
            Some(_) => {}
        }
    }
    let now: HashSet<&str> = after.iter().copied().collect();
    out.extend(
        before
            .iter()
            .enumerate()
            .filter(|(_, id)| !now.contains(*id))
            .map(|(b, _)| (Kind::Removed, Some(b), None)),
    );
    out
}

impl Counts {
    fn of<T: PartialEq>(open: &[T], incoming: &[T], id: fn(&T) -> &str) -> Counts {
        let mut c = Counts::default();
        let old: Vec<&str> = open.iter().map(id).collect();
        let new: Vec<&str> = incoming.iter().map(id).collect();
        for (kind, _, _) in pairs(&old, &new, &|b, a| open[b] == incoming[a]) {
            match kind {
                Kind::Added => c.added += 1,
                Kind::Changed => c.changed += 1,
                Kind::Removed => c.removed += 1,
            }
        }
        c
    }

    pub fn is_empty(&self) -> bool {
        self.added == 0 && self.changed == 0 && self.removed == 0
    }
}

/// What opening a file would do to the open plan.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanDiff {
    pub units: Counts,
    pub stages: Counts,
    pub items: Counts,
    pub links: Counts,
    /// The file is the same plan (same id).
    pub same_plan: bool,
    /// Same plan, but an older revision than the open one.
    pub older_revision: bool,
    /// Same plan and same content: nothing would change.
    pub identical: bool,
}

pub fn diff(open: &Plan, incoming: &Plan) -> PlanDiff {
    let same_plan = open.id == incoming.id;
    let units = Counts::of(&open.units, &incoming.units, |u| u.id.as_str());
    let stages = Counts::of(&open.stages, &incoming.stages, |s| s.id.as_str());
    let items = Counts::of(&open.items, &incoming.items, |i| i.id.as_str());
    let links = Counts::of(&open.links, &incoming.links, |l| l.id.as_str());
    // Records that differ already say the content does: a big file is not
    // compared (and copied) whole a second time.
    let same_records = [units, stages, items, links].iter().all(Counts::is_empty);
    PlanDiff {
        units,
        stages,
        items,
        links,
        same_plan,
        older_revision: same_plan && incoming.revision.unwrap_or(0) < open.revision.unwrap_or(0),
        identical: same_plan && same_records && open.same_content(incoming),
    }
}

/// Merges `incoming` into `open`: its units, stages, items and links
/// replace those with the same id and new ones are added after the open
/// plan's own; nothing is removed. Merging the same file twice is the same
/// as once. A result that would break a rule is refused with the reason.
pub fn merge(open: &Plan, incoming: &Plan) -> Result<Plan, RuleError> {
    fn upsert<T: Clone>(into: &mut Vec<T>, from: &[T], id: fn(&T) -> &str) {
        for new in from {
            match into.iter_mut().find(|o| id(o) == id(new)) {
                Some(slot) => *slot = new.clone(),
                None => into.push(new.clone()),
            }
        }
    }
    let mut out = open.clone();
    upsert(&mut out.units, &incoming.units, |u| u.id.as_str());
    upsert(&mut out.stages, &incoming.stages, |s| s.id.as_str());
    upsert(&mut out.items, &incoming.items, |i| i.id.as_str());
    upsert(&mut out.links, &incoming.links, |l| l.id.as_str());
    check_rules(&out)?;
    Ok(out)
}

/// One unit's slice, for it to fill in and send back: its items, the links
/// that touch them, the items at their other ends, the units those belong
/// to, and every stage. The same plan id, so it merges back.
pub fn slice(plan: &Plan, unit: &UnitId) -> Option<Plan> {
    plan.unit(unit)?;
    let own: HashSet<&str> = plan
        .items
        .iter()
        .filter(|i| &i.unit == unit)
        .map(|i| i.id.as_str())
        .collect();
    let links: Vec<_> = plan
        .links
        .iter()
        .filter(|l| own.contains(l.source.as_str()) || own.contains(l.target.as_str()))
        .cloned()
        .collect();
    let mut keep: HashSet<&str> = own.clone();
    for l in &links {
        keep.insert(l.source.as_str());
        keep.insert(l.target.as_str());
    }
    let items: Vec<_> = plan
        .items
        .iter()
        .filter(|i| keep.contains(i.id.as_str()))
        .cloned()
        .collect();
    let units: HashSet<&str> = items
        .iter()
        .map(|i| i.unit.as_str())
        .chain([unit.as_str()])
        .collect();
    let mut out = plan.clone();
    out.units.retain(|u| units.contains(u.id.as_str()));
    out.items = items;
    out.links = links;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{demo_plan, Amount};

    #[test]
    fn a_slice_keeps_the_rules_and_merges_back_to_the_same_plan() {
        let plan = demo_plan();
        for unit in &plan.units {
            let s = slice(&plan, &unit.id).unwrap();
            check_rules(&s).unwrap();
            assert!(
                s.items.iter().any(|i| i.unit == unit.id)
                    || !plan.items.iter().any(|i| i.unit == unit.id)
            );
            assert_eq!(merge(&plan, &s).unwrap(), plan);
        }
        assert_eq!(slice(&plan, &"atlantis".into()), None);
    }

    #[test]
    fn a_filled_in_slice_merges_in_and_twice_is_once() {
        let plan = demo_plan();
        let mut s = slice(&plan, &"yanqing".into()).unwrap();
        s.items[0].demand = Amount::new(999).unwrap();
        let mut extra = s.items[0].clone();
        extra.id = "yanqing-new".into();
        s.items.push(extra);
        let once = merge(&plan, &s).unwrap();
        assert_eq!(once.items.len(), plan.items.len() + 1);
        assert_eq!(merge(&once, &s).unwrap(), once);
        let d = diff(&plan, &s);
        assert_eq!(d.items.added, 1);
        assert_eq!(d.items.changed, 1);
        assert!(d.items.removed > 0, "a slice lacks the other units' items");
        assert!(d.same_plan);
    }

    #[test]
    fn a_merge_that_breaks_a_rule_is_refused() {
        let plan = demo_plan();
        let mut other = plan.clone();
        // Move a linked district item into its program's unit: rule 3.
        let link = other.links[0].clone();
        let source_unit = other.item(&link.source).unwrap().unit.clone();
        let target = other
            .items
            .iter_mut()
            .find(|i| i.id == link.target)
            .unwrap();
        target.unit = source_unit;
        assert_eq!(merge(&plan, &other).unwrap_err().kind(), "same-unit-link");
    }

    #[test]
    fn diff_tells_an_older_copy() {
        let plan = demo_plan();
        let mut newer = plan.clone();
        newer.revision = Some(plan.revision.unwrap() + 3);
        let d = diff(&newer, &plan);
        assert!(d.same_plan && d.older_revision && d.identical);
        assert!(d.items.is_empty());
    }
}
