//! Whether a change asks the user first: the one answer every form, cell
//! and merge uses before it hands a [`Command`] to `apply`. Nothing here
//! refuses anything (that is the rule book's); a question only makes sure
//! a likely slip was meant.

use super::amount::{magnitude_jump, Amount};
use super::command::Command;
use super::id::UnitId;
use super::plan::{Item, Link, Plan, Unit};
use super::tally::Tallies;
use std::collections::HashMap;

/// A pool more than this many times the plan's scale asks first.
pub const POOL_SCALE_FACTOR: u128 = 100;

/// Which figure a question is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    Budget,
    Demand,
    /// A link's amount.
    Amount,
    /// A unit's pool.
    Pool,
}

/// What to ask before a change goes through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Question {
    /// A figure a thousand times smaller or larger than it was (`12.5`
    /// typed for `12.5万`). `record` is the item, link or unit id.
    ThousandTimes {
        record: String,
        figure: Figure,
        old: Amount,
        new: Amount,
    },
    /// More on links than the giving unit has left in its pool: `left` is
    /// what it had for this change (below 0 when already overspent),
    /// `asked` what the change puts on.
    OverPool {
        unit: UnitId,
        left: i128,
        asked: Amount,
    },
    /// A pool more than [`POOL_SCALE_FACTOR`] times the plan's scale (its
    /// largest total of budgets, demands or other pools).
    PoolBeyondScale {
        unit: UnitId,
        pool: Amount,
        scale: i128,
    },
}

/// What to ask before `cmd` is applied to `plan` (whose tallies are
/// `tallies`): empty when it can go at once.
pub fn questions(plan: &Plan, tallies: &Tallies, cmd: &Command) -> Vec<Question> {
    let mut out = Vec::new();
    match cmd {
        Command::PutItem(item) => {
            if let Some(old) = plan.item(&item.id) {
                item_jumps(&mut out, old, item);
            }
        }
        Command::InsertLink { link, .. } => over_pool(&mut out, plan, tallies, link, None),
        Command::PutLink(link) => {
            let old = plan.link(&link.id);
            if let Some(old) = old {
                link_jump(&mut out, old, link);
            }
            over_pool(&mut out, plan, tallies, link, old.map(|l| l.amount));
        }
        Command::PutUnit(unit) => {
            if let Some(old) = plan.unit(&unit.id) {
                if let (Some(o), Some(n)) = (old.pool, unit.pool) {
                    jump(&mut out, unit.id.as_str(), Figure::Pool, o, n);
                }
            }
            beyond_scale(&mut out, plan, tallies, unit);
        }
        Command::InsertUnit { unit, .. } => beyond_scale(&mut out, plan, tallies, unit),
        Command::ReplacePlan(next) => out = compare(plan, tallies, next),
        _ => {}
    }
    out
}

/// A budget or demand that moved a thousand times or more from `old` to `new`.
fn item_jumps(out: &mut Vec<Question>, old: &Item, new: &Item) {
    let id = new.id.as_str();
    jump(out, id, Figure::Budget, old.budget, new.budget);
    jump(out, id, Figure::Demand, old.demand, new.demand);
}

/// A link's amount that moved a thousand times or more.
fn link_jump(out: &mut Vec<Question>, old: &Link, new: &Link) {
    jump(out, new.id.as_str(), Figure::Amount, old.amount, new.amount);
}

fn jump(out: &mut Vec<Question>, record: &str, figure: Figure, old: Amount, new: Amount) {
    if magnitude_jump(old, new) {
        out.push(Question::ThousandTimes {
            record: record.to_string(),
            figure,
            old,
            new,
        });
    }
}

/// More than the source's unit has left; `replacing` is what the link
/// carries now (it goes back to the pool), so lowering never asks.
fn over_pool(
    out: &mut Vec<Question>,
    plan: &Plan,
    tallies: &Tallies,
    link: &Link,
    replacing: Option<Amount>,
) {
    let Some(unit) = plan.item(&link.source).map(|i| &i.unit) else {
        return;
    };
    let Some(remaining) = tallies.unit(unit).remaining else {
        return;
    };
    let before = replacing.map_or(0, |a| i128::from(a.yuan()));
    let left = remaining + before;
    let asked = i128::from(link.amount.yuan());
    if asked > before && asked > left.max(0) {
        out.push(Question::OverPool {
            unit: unit.clone(),
            left,
            asked: link.amount,
        });
    }
}

/// The plan's scale: its largest total of budgets, demands, or the pools
/// of units other than `except`.
fn scale(plan: &Plan, tallies: &Tallies, except: &UnitId) -> i128 {
    let figures = tallies.plan.figures;
    let pools: i128 = plan
        .units
        .iter()
        .filter(|u| &u.id != except)
        .filter_map(|u| u.pool)
        .map(|p| i128::from(p.yuan()))
        .sum();
    figures.budget.max(figures.demand).max(pools)
}

fn beyond_scale(out: &mut Vec<Question>, plan: &Plan, tallies: &Tallies, unit: &Unit) {
    let Some(pool) = unit.pool else {
        return;
    };
    let scale = scale(plan, tallies, &unit.id);
    let unchanged = plan.unit(&unit.id).and_then(|u| u.pool) == Some(pool);
    if scale > 0 && !unchanged && u128::from(pool.yuan()) > POOL_SCALE_FACTOR * scale as u128 {
        out.push(Question::PoolBeyondScale {
            unit: unit.id.clone(),
            pool,
            scale,
        });
    }
}

/// A whole plan put in place of `plan` (a merge of returned files): every
/// figure a thousand times off, every pool that goes (further) past what
/// its unit gives, every pool beyond the plan's scale.
fn compare(plan: &Plan, tallies: &Tallies, next: &Plan) -> Vec<Question> {
    let mut out = Vec::new();
    let items: HashMap<&str, _> = plan.items.iter().map(|i| (i.id.as_str(), i)).collect();
    for item in &next.items {
        if let Some(old) = items.get(item.id.as_str()) {
            item_jumps(&mut out, old, item);
        }
    }
    let links: HashMap<&str, _> = plan.links.iter().map(|l| (l.id.as_str(), l)).collect();
    for link in &next.links {
        if let Some(old) = links.get(link.id.as_str()) {
            link_jump(&mut out, old, link);
        }
    }
    let after = Tallies::of(next);
    for unit in &next.units {
        let old = plan.unit(&unit.id);
        if let (Some(o), Some(n)) = (old.and_then(|u| u.pool), unit.pool) {
            jump(&mut out, unit.id.as_str(), Figure::Pool, o, n);
        }
        beyond_scale(&mut out, plan, tallies, unit);
        let (Some(now), Some(pool)) = (after.unit(&unit.id).remaining, unit.pool) else {
            continue;
        };
        let was = tallies.unit(&unit.id).remaining;
        if now < 0 && was.is_none_or(|was| now < was) {
            let given = after.unit(&unit.id).figures.given;
            out.push(Question::OverPool {
                unit: unit.id.clone(),
                left: i128::from(pool.yuan()),
                asked: Amount::new(u64::try_from(given).unwrap_or(Amount::MAX).min(Amount::MAX))
                    .unwrap_or(Amount::ZERO),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::demo_plan;

    fn a(n: u64) -> Amount {
        Amount::new(n).unwrap()
    }

    #[test]
    fn an_item_a_thousand_times_off_asks_and_a_small_change_does_not() {
        let plan = demo_plan();
        let t = Tallies::of(&plan);
        let mut item = plan
            .items
            .iter()
            .find(|i| i.demand.yuan() > 0)
            .unwrap()
            .clone();
        let old = item.demand;
        item.demand = a(old.yuan() * 1000);
        let q = questions(&plan, &t, &Command::PutItem(item.clone()));
        assert_eq!(
            q,
            vec![Question::ThousandTimes {
                record: item.id.to_string(),
                figure: Figure::Demand,
                old,
                new: item.demand
            }]
        );
        item.demand = a(old.yuan() + 1);
        assert!(questions(&plan, &t, &Command::PutItem(item)).is_empty());
    }

    #[test]
    fn a_pool_a_hundred_times_the_plan_asks() {
        let plan = demo_plan();
        let t = Tallies::of(&plan);
        let mut unit = plan.unit("bast").unwrap().clone();
        let scale = scale(&plan, &t, &"bast".into());
        unit.pool = Some(a((scale as u64) * 101));
        let q = questions(&plan, &t, &Command::PutUnit(unit.clone()));
        assert!(q
            .iter()
            .any(|q| matches!(q, Question::PoolBeyondScale { unit, .. } if unit == "bast")));
        unit.pool = Some(a((scale as u64) * 2));
        let q = questions(&plan, &t, &Command::PutUnit(unit));
        assert!(!q
            .iter()
            .any(|q| matches!(q, Question::PoolBeyondScale { .. })));
    }

    #[test]
    fn a_link_over_the_pool_asks_and_a_unit_without_a_pool_never_does() {
        let mut plan = demo_plan();
        let t = Tallies::of(&plan);
        let mut link = plan.links[0].clone();
        let unit = plan.item(&link.source).unwrap().unit.clone();
        let left = t.unit(&unit).remaining.unwrap();
        link.amount = a((left + i128::from(link.amount.yuan()) + 1) as u64);
        let q = questions(&plan, &t, &Command::PutLink(link.clone()));
        assert!(q
            .iter()
            .any(|q| matches!(q, Question::OverPool { unit: u, .. } if *u == unit)));
        plan.units.iter_mut().find(|u| u.id == unit).unwrap().pool = None;
        let t = Tallies::of(&plan);
        let q = questions(&plan, &t, &Command::PutLink(link));
        assert!(!q.iter().any(|q| matches!(q, Question::OverPool { .. })));
    }

    #[test]
    fn a_merged_plan_asks_about_each_figure_a_thousand_times_off_and_each_pool_it_overspends() {
        let plan = demo_plan();
        let t = Tallies::of(&plan);
        let mut next = plan.clone();
        assert!(questions(&plan, &t, &Command::ReplacePlan(Box::new(next.clone()))).is_empty());
        let link = next.links[0].clone();
        let giver = plan.item(&link.source).unwrap().unit.clone();
        let left = t.unit(&giver).remaining.unwrap();
        next.links[0].amount = a(link.amount.yuan() * 1000 + left.max(0) as u64);
        let q = questions(&plan, &t, &Command::ReplacePlan(Box::new(next)));
        assert!(q.iter().any(|q| matches!(q, Question::ThousandTimes { record, figure: Figure::Amount, .. } if link.id == record.as_str())));
        assert!(q
            .iter()
            .any(|q| matches!(q, Question::OverPool { unit, .. } if *unit == giver)));
    }
}
