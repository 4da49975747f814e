//! Two versions of a plan side by side: what the meeting decided. Every
//! record that differs (from [`super::merge::differing`], the same diff a
//! file's preview counts with), each unit's received and given before and
//! after (from the two plans' [`Tallies`]), the districts reached, the
//! totals. Plain data; the view and the decisions record read it.

use super::id::{ItemId, LinkId, StageId, UnitId};
use super::merge::{differing, Kind};
use super::plan::{Item, Level, Link, Plan, Stage, Unit};
use super::tally::{unreached_districts, PlanTally, Tallies};
use std::collections::HashMap;

/// A link made, changed or removed.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkChange {
    pub id: LinkId,
    pub kind: Kind,
    /// Its ends (as they are after, or before for a removed one).
    pub source: ItemId,
    pub target: ItemId,
    /// The unit of each end, where the item is known in either plan.
    pub source_unit: Option<UnitId>,
    pub target_unit: Option<UnitId>,
    /// The amount before and after, in yuan; `None` where it did not exist.
    pub before: Option<i128>,
    pub after: Option<i128>,
}

/// An item added, removed or changed (moved stage, new figures, …).
#[derive(Clone, Debug, PartialEq)]
pub struct ItemChange {
    pub id: ItemId,
    pub kind: Kind,
    pub unit: UnitId,
    pub title: String,
    pub stage_before: Option<StageId>,
    pub stage_after: Option<StageId>,
}

impl ItemChange {
    /// Whether it is the same item in another stage.
    pub fn moved_stage(&self) -> bool {
        self.kind == Kind::Changed && self.stage_before != self.stage_after
    }
}

/// A unit added, removed or changed (its pool, name, level).
#[derive(Clone, Debug, PartialEq)]
pub struct UnitChange {
    pub id: UnitId,
    pub kind: Kind,
    pub pool_before: Option<i128>,
    pub pool_after: Option<i128>,
}

impl UnitChange {
    pub fn pool_changed(&self) -> bool {
        self.pool_before != self.pool_after
    }
}

/// A stage added, removed or renamed.
#[derive(Clone, Debug, PartialEq)]
pub struct StageChange {
    pub id: StageId,
    pub kind: Kind,
}

/// One unit's figures in both plans and what changed in it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UnitDelta {
    pub id: UnitId,
    /// Whether the unit is a district (in the plan after, else before).
    pub district: bool,
    pub received_before: i128,
    pub received_after: i128,
    pub given_before: i128,
    pub given_after: i128,
    /// Whether any link reaches it, before and after.
    pub reached_before: bool,
    pub reached_after: bool,
    /// Its changes: places in [`Comparison::links`] (links it receives
    /// through), [`Comparison::items`] (its items).
    pub links: Vec<usize>,
    pub items: Vec<usize>,
    /// Links it gives through that changed (places in `links`).
    pub gives: Vec<usize>,
}

impl UnitDelta {
    pub fn received_change(&self) -> i128 {
        self.received_after - self.received_before
    }

    pub fn given_change(&self) -> i128 {
        self.given_after - self.given_before
    }

    /// Whether anything about the unit differs.
    pub fn differs(&self) -> bool {
        self.received_change() != 0
            || self.given_change() != 0
            || !self.links.is_empty()
            || !self.gives.is_empty()
            || !self.items.is_empty()
            || self.reached_before != self.reached_after
    }
}

/// Everything that differs between two plans.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Comparison {
    pub links: Vec<LinkChange>,
    pub items: Vec<ItemChange>,
    pub units: Vec<UnitChange>,
    pub stages: Vec<StageChange>,
    /// Every unit of either plan, in the plan's unit order (board order of
    /// the plan after; units only the plan before had come last).
    pub per_unit: Vec<UnitDelta>,
    pub before: PlanTally,
    pub after: PlanTally,
    /// District units no link reaches, after, in plan order.
    pub unreached_after: Vec<UnitId>,
}

impl Comparison {
    /// How many links were made, changed and removed.
    pub fn link_counts(&self) -> (usize, usize, usize) {
        let count = |k| self.links.iter().filter(|l| l.kind == k).count();
        (
            count(Kind::Added),
            count(Kind::Changed),
            count(Kind::Removed),
        )
    }

    /// Whether the two plans hold the same records.
    pub fn is_empty(&self) -> bool {
        self.links.is_empty()
            && self.items.is_empty()
            && self.units.is_empty()
            && self.stages.is_empty()
    }

    pub fn unit(&self, id: &UnitId) -> Option<&UnitDelta> {
        self.per_unit.iter().find(|u| &u.id == id)
    }
}

fn yuan(a: super::Amount) -> i128 {
    i128::from(a.yuan())
}

/// Compares `before` with `after`.
pub fn compare(before: &Plan, after: &Plan) -> Comparison {
    let tb = Tallies::of(before);
    let ta = Tallies::of(after);
    compare_with(before, &tb, after, &ta)
}

/// [`compare`] with both plans' tallies at hand.
pub fn compare_with(before: &Plan, tb: &Tallies, after: &Plan, ta: &Tallies) -> Comparison {
    let unit_of: HashMap<&str, &str> = before
        .items
        .iter()
        .chain(after.items.iter())
        .map(|i| (i.id.as_str(), i.unit.as_str()))
        .collect();
    let end_unit = |id: &ItemId| unit_of.get(id.as_str()).map(|u| UnitId::from(*u));

    let links: Vec<LinkChange> = differing(&before.links, &after.links, |l: &Link| l.id.as_str())
        .into_iter()
        .filter_map(|d| {
            let l = d.after.or(d.before)?;
            Some(LinkChange {
                id: l.id.clone(),
                kind: d.kind,
                source: l.source.clone(),
                target: l.target.clone(),
                source_unit: end_unit(&l.source),
                target_unit: end_unit(&l.target),
                before: d.before.map(|l| yuan(l.amount)),
                after: d.after.map(|l| yuan(l.amount)),
            })
        })
        .collect();
    let items: Vec<ItemChange> = differing(&before.items, &after.items, |i: &Item| i.id.as_str())
        .into_iter()
        .filter_map(|d| {
            let i = d.after.or(d.before)?;
            Some(ItemChange {
                id: i.id.clone(),
                kind: d.kind,
                unit: i.unit.clone(),
                title: i.title.clone(),
                stage_before: d.before.map(|i| i.stage.clone()),
                stage_after: d.after.map(|i| i.stage.clone()),
            })
        })
        .collect();
    let units: Vec<UnitChange> = differing(&before.units, &after.units, |u: &Unit| u.id.as_str())
        .into_iter()
        .filter_map(|d| {
            let u = d.after.or(d.before)?;
            Some(UnitChange {
                id: u.id.clone(),
                kind: d.kind,
                pool_before: d.before.and_then(|u| u.pool).map(yuan),
                pool_after: d.after.and_then(|u| u.pool).map(yuan),
            })
        })
        .collect();
    let stages: Vec<StageChange> =
        differing(&before.stages, &after.stages, |s: &Stage| s.id.as_str())
            .into_iter()
            .filter_map(|d| {
                let s = d.after.or(d.before)?;
                Some(StageChange {
                    id: s.id.clone(),
                    kind: d.kind,
                })
            })
            .collect();

    // Units in the plan's order: the plan after's, then those it lost.
    let mut order: Vec<&Unit> = after.units_in_board_order();
    let mut gone: Vec<&Unit> = before
        .units_in_board_order()
        .into_iter()
        .filter(|u| after.unit(&u.id).is_none())
        .collect();
    order.append(&mut gone);
    let mut per_unit: Vec<UnitDelta> = order
        .iter()
        .map(|u| {
            let b = tb.unit(&u.id);
            let a = ta.unit(&u.id);
            UnitDelta {
                id: u.id.clone(),
                district: u.level == Level::District,
                received_before: b.figures.received,
                received_after: a.figures.received,
                given_before: b.figures.given,
                given_after: a.figures.given,
                reached_before: b.received_links > 0,
                reached_after: a.received_links > 0,
                ..UnitDelta::default()
            }
        })
        .collect();
    let place: HashMap<String, usize> = per_unit
        .iter()
        .enumerate()
        .map(|(n, u)| (u.id.as_str().to_owned(), n))
        .collect();
    for (n, l) in links.iter().enumerate() {
        if let Some(&p) = l.target_unit.as_ref().and_then(|u| place.get(u.as_str())) {
            per_unit[p].links.push(n);
        }
        if let Some(&p) = l.source_unit.as_ref().and_then(|u| place.get(u.as_str())) {
            per_unit[p].gives.push(n);
        }
    }
    for (n, i) in items.iter().enumerate() {
        if let Some(&p) = place.get(i.unit.as_str()) {
            per_unit[p].items.push(n);
        }
    }
    Comparison {
        links,
        items,
        units,
        stages,
        per_unit,
        before: tb.plan,
        after: ta.plan,
        unreached_after: unreached_districts(after, ta),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{demo_plan, Amount};

    #[test]
    fn the_same_plan_differs_in_nothing() {
        let plan = demo_plan();
        let c = compare(&plan, &plan);
        assert!(c.is_empty());
        assert!(c.per_unit.iter().all(|u| !u.differs()));
        assert_eq!(c.before, c.after);
    }

    #[test]
    fn a_link_made_changed_and_removed_shows_with_its_amounts() {
        let before = demo_plan();
        let mut after = before.clone();
        let removed = after.links.remove(0);
        after.links[0].amount = Amount::new(after.links[0].amount.yuan() + 5000).unwrap();
        let changed = after.links[0].clone();
        let mut made = removed.clone();
        made.id = "made-here".into();
        made.amount = Amount::new(7).unwrap();
        after.links.push(made);
        let c = compare(&before, &after);
        assert_eq!(c.link_counts(), (1, 1, 1));
        let by = |id: &LinkId| c.links.iter().find(|l| &l.id == id).unwrap();
        assert_eq!(by(&"made-here".into()).before, None);
        assert_eq!(by(&"made-here".into()).after, Some(7));
        assert_eq!(by(&removed.id).after, None);
        assert_eq!(
            by(&changed.id).after.unwrap() - by(&changed.id).before.unwrap(),
            5000
        );
        let ta = Tallies::of(&after);
        assert_eq!(c.after, ta.plan);
        for u in &c.per_unit {
            assert_eq!(u.received_after, ta.unit(&u.id).figures.received);
        }
    }

    #[test]
    fn an_item_moved_to_another_stage_is_told() {
        let before = demo_plan();
        let mut after = before.clone();
        let other = after
            .stages
            .iter()
            .find(|s| s.id != after.items[0].stage)
            .unwrap()
            .id
            .clone();
        after.items[0].stage = other;
        let c = compare(&before, &after);
        assert_eq!(c.items.len(), 1);
        assert!(c.items[0].moved_stage());
    }
}
