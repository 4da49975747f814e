//! Tallies exactly as format v1 defines them, from the plan alone.
//!
//! Sums are kept in `i128`: a plan would need more than 10^19 amounts of
//! 2^53 each to overflow, so every figure is exact.

use super::id::{ItemId, UnitId};
use super::plan::{Level, Plan};
use std::collections::HashMap;

/// The five figures every item, unit and the plan have.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Figures {
    pub budget: i128,
    pub demand: i128,
    pub received: i128,
    pub given: i128,
    /// `demand − received`; negative means over-served.
    pub gap: i128,
}

impl Figures {
    fn add(&mut self, other: &Figures) {
        self.budget += other.budget;
        self.demand += other.demand;
        self.received += other.received;
        self.given += other.given;
        self.gap += other.gap;
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ItemTally {
    pub figures: Figures,
    /// Links that touch the item, either end.
    pub links: usize,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UnitTally {
    pub figures: Figures,
    pub pool: Option<i128>,
    /// `pool − given` where the unit has a pool; negative is over-allocated.
    pub remaining: Option<i128>,
    pub items: usize,
    /// Links that reach the unit's items (amount 0 included).
    pub received_links: usize,
}

impl UnitTally {
    pub fn over_allocated(&self) -> bool {
        self.remaining.is_some_and(|r| r < 0)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlanTally {
    pub figures: Figures,
    /// Sum of the pools of the units that have one.
    pub pool: i128,
    /// Sum of the units' `remaining`.
    pub remaining: i128,
    /// Districts with at least one received link.
    pub covered: usize,
    pub districts: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tallies {
    pub items: HashMap<ItemId, ItemTally>,
    pub units: HashMap<UnitId, UnitTally>,
    pub plan: PlanTally,
}

impl Tallies {
    pub fn of(plan: &Plan) -> Tallies {
        let mut items: HashMap<ItemId, ItemTally> = plan
            .items
            .iter()
            .map(|i| {
                let t = ItemTally {
                    figures: Figures {
                        budget: i128::from(i.budget.yuan()),
                        demand: i128::from(i.demand.yuan()),
                        ..Figures::default()
                    },
                    links: 0,
                };
                (i.id.clone(), t)
            })
            .collect();
        // Districts that receive through at least one link.
        // Keyed by the ids' text: one copy of the hash table's code serves
        // every such lookup in the model.
        let mut item_unit: HashMap<&str, &str> = HashMap::with_capacity(plan.items.len());
        for i in &plan.items {
            item_unit.insert(i.id.as_str(), i.unit.as_str());
        }
        let mut receiving_units: HashMap<&str, usize> = HashMap::new();
        for link in &plan.links {
            let amount = i128::from(link.amount.yuan());
            if let Some(t) = items.get_mut(&link.target) {
                t.figures.received += amount;
                t.links += 1;
            }
            if let Some(s) = items.get_mut(&link.source) {
                s.figures.given += amount;
                s.links += 1;
            }
            if let Some(unit) = item_unit.get(link.target.as_str()) {
                *receiving_units.entry(unit).or_default() += 1;
            }
        }
        for t in items.values_mut() {
            t.figures.gap = t.figures.demand - t.figures.received;
        }

        let mut units: HashMap<UnitId, UnitTally> = plan
            .units
            .iter()
            .map(|u| {
                let pool = u.pool.map(|p| i128::from(p.yuan()));
                (
                    u.id.clone(),
                    UnitTally {
                        pool,
                        ..UnitTally::default()
                    },
                )
            })
            .collect();
        for i in &plan.items {
            if let (Some(u), Some(t)) = (units.get_mut(&i.unit), items.get(&i.id)) {
                u.figures.add(&t.figures);
                u.items += 1;
            }
        }
        let mut total = PlanTally::default();
        for unit in &plan.units {
            let Some(u) = units.get_mut(&unit.id) else {
                continue;
            };
            u.remaining = u.pool.map(|p| p - u.figures.given);
            u.received_links = receiving_units.get(unit.id.as_str()).copied().unwrap_or(0);
            total.figures.add(&u.figures);
            total.pool += u.pool.unwrap_or(0);
            total.remaining += u.remaining.unwrap_or(0);
            if unit.level == Level::District {
                total.districts += 1;
                if receiving_units.contains_key(unit.id.as_str()) {
                    total.covered += 1;
                }
            }
        }
        Tallies {
            items,
            units,
            plan: total,
        }
    }

    /// Brings the tallies up to date after a change to the given items
    /// (added, removed or edited; a changed link touches the items at both
    /// of its ends), in time proportional to the plan's links and items
    /// once, not to their product. Equal to [`Tallies::of`] afterwards
    /// (a property test checks this over random commands).
    ///
    /// `units` are the units the touched items belonged to before the
    /// change (an item that moved or went away leaves figures there, as
    /// [`crate::model::Touched::units_before`] gives them), and the units a
    /// set-up change touched (`Touched::units`: added, removed, a pool or
    /// level changed). The plan's totals, coverage included, are always
    /// summed afresh over the units as they now are.
    pub fn update(&mut self, plan: &Plan, items: &[ItemId], units: &[UnitId]) {
        let mut affected: Vec<&str> = units.iter().map(UnitId::as_str).collect();
        for id in items {
            match plan.item(id) {
                Some(item) => {
                    let mut t = ItemTally {
                        figures: Figures {
                            budget: i128::from(item.budget.yuan()),
                            demand: i128::from(item.demand.yuan()),
                            ..Figures::default()
                        },
                        links: 0,
                    };
                    for link in &plan.links {
                        let amount = i128::from(link.amount.yuan());
                        if link.target == *id {
                            t.figures.received += amount;
                            t.links += 1;
                        }
                        if link.source == *id {
                            t.figures.given += amount;
                            t.links += 1;
                        }
                    }
                    t.figures.gap = t.figures.demand - t.figures.received;
                    self.items.insert(id.clone(), t);
                    affected.push(item.unit.as_str());
                }
                None => {
                    self.items.remove(id);
                }
            }
        }
        super::order::sort_by(&mut affected, |a, b| a.cmp(b));
        affected.dedup();
        for unit_id in affected {
            let Some(unit) = plan.units.iter().find(|u| u.id == unit_id) else {
                // A unit that went away leaves no tally behind.
                self.units.remove(unit_id);
                continue;
            };
            let pool = unit.pool.map(|p| i128::from(p.yuan()));
            let mut t = UnitTally {
                pool,
                ..UnitTally::default()
            };
            let mut members: std::collections::HashSet<&str> = std::collections::HashSet::new();
            for item in plan.items.iter().filter(|i| i.unit == unit_id) {
                if let Some(it) = self.items.get(&item.id) {
                    t.figures.add(&it.figures);
                    t.items += 1;
                }
                members.insert(item.id.as_str());
            }
            t.remaining = pool.map(|p| p - t.figures.given);
            t.received_links = plan
                .links
                .iter()
                .filter(|l| members.contains(l.target.as_str()))
                .count();
            self.units.insert(unit.id.clone(), t);
        }
        let mut total = PlanTally::default();
        for unit in &plan.units {
            let Some(u) = self.units.get(&unit.id) else {
                continue;
            };
            total.figures.add(&u.figures);
            total.pool += u.pool.unwrap_or(0);
            total.remaining += u.remaining.unwrap_or(0);
            if unit.level == Level::District {
                total.districts += 1;
                if u.received_links > 0 {
                    total.covered += 1;
                }
            }
        }
        self.plan = total;
    }

    /// An item's tally, by its id or the id's text (zero for none).
    pub fn item<Q: ?Sized + std::hash::Hash + Eq>(&self, id: &Q) -> ItemTally
    where
        ItemId: std::borrow::Borrow<Q>,
    {
        self.items.get(id).copied().unwrap_or_default()
    }

    /// A unit's tally, by its id or the id's text (zero for none).
    pub fn unit<Q: ?Sized + std::hash::Hash + Eq>(&self, id: &Q) -> UnitTally
    where
        UnitId: std::borrow::Borrow<Q>,
    {
        self.units.get(id).copied().unwrap_or_default()
    }
}

/// The district units no link reaches yet (no received link, amount 0
/// included), as ids in plan order.
pub fn unreached_districts(plan: &Plan, tallies: &Tallies) -> Vec<UnitId> {
    plan.units
        .iter()
        .filter(|u| u.level == Level::District && tallies.unit(&u.id).received_links == 0)
        .map(|u| u.id.clone())
        .collect()
}
