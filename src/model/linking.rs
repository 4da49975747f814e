//! Drag-to-link: which way a link between two cards runs, why a card cannot
//! take a link, what amount to propose, and fresh ids.

use super::amount::Amount;
use super::id::{ItemId, LinkId, UnitId};
use super::plan::{Item, Plan};
use super::tally::Tallies;
use std::collections::HashMap;

/// Why a card cannot take a link from the card being dragged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkRefusal {
    SameItem,
    SameUnit,
    AlreadyLinked { link: LinkId },
    UnknownItem { id: ItemId },
}

impl LinkRefusal {
    pub fn kind(&self) -> &'static str {
        match self {
            LinkRefusal::SameItem => "same-item",
            LinkRefusal::SameUnit => "same-unit",
            LinkRefusal::AlreadyLinked { .. } => "already-linked",
            LinkRefusal::UnknownItem { .. } => "unknown-item",
        }
    }
}

/// The `(source, target)` of a link made by dropping `dragged` onto
/// `dropped_on`: the higher-level unit's item gives (municipal, then
/// affiliate, then district); between equals the card dropped on gives.
pub fn link_direction(
    plan: &Plan,
    dragged: &ItemId,
    dropped_on: &ItemId,
) -> Result<(ItemId, ItemId), LinkRefusal> {
    let find = |id: &ItemId| {
        plan.item(id)
            .ok_or_else(|| LinkRefusal::UnknownItem { id: id.clone() })
    };
    let a = find(dragged)?;
    let b = find(dropped_on)?;
    if a.id == b.id {
        return Err(LinkRefusal::SameItem);
    }
    if a.unit == b.unit {
        return Err(LinkRefusal::SameUnit);
    }
    if let Some(link) = plan
        .links
        .iter()
        .find(|l| (l.source == a.id && l.target == b.id) || (l.source == b.id && l.target == a.id))
    {
        return Err(LinkRefusal::AlreadyLinked {
            link: link.id.clone(),
        });
    }
    let rank = |unit: &UnitId| plan.unit(unit).map(|u| u.level.rank()).unwrap_or(u8::MAX);
    if rank(&a.unit) < rank(&b.unit) {
        Ok((a.id.clone(), b.id.clone()))
    } else {
        Ok((b.id.clone(), a.id.clone()))
    }
}

/// What a drag from one card can be dropped on, worked out once when the
/// drag starts so that each card is checked in constant time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidates {
    pub source: ItemId,
    unit: UnitId,
    /// Items already linked with the source, either way, and by which link.
    linked: HashMap<ItemId, LinkId>,
}

impl Candidates {
    pub fn new(plan: &Plan, source: &ItemId) -> Option<Candidates> {
        let item = plan.item(source)?;
        let mut linked = HashMap::new();
        for l in &plan.links {
            if &l.source == source {
                linked.insert(l.target.clone(), l.id.clone());
            } else if &l.target == source {
                linked.insert(l.source.clone(), l.id.clone());
            }
        }
        Some(Candidates {
            source: source.clone(),
            unit: item.unit.clone(),
            linked,
        })
    }

    /// Whether `item` can take a link from the source, and if not, why.
    /// Agrees with [`link_direction`].
    pub fn check(&self, item: &Item) -> Result<(), LinkRefusal> {
        if item.id == self.source {
            Err(LinkRefusal::SameItem)
        } else if item.unit == self.unit {
            Err(LinkRefusal::SameUnit)
        } else if let Some(link) = self.linked.get(&item.id) {
            Err(LinkRefusal::AlreadyLinked { link: link.clone() })
        } else {
            Ok(())
        }
    }
}

/// What a new link proposes to carry: the target's unmet demand, but no
/// more than the source unit has left in its pool (when it has one).
pub fn proposed_amount(plan: &Plan, tallies: &Tallies, source: &ItemId, target: &ItemId) -> Amount {
    let unmet = tallies.item(target).figures.gap.max(0);
    let left = plan
        .item(source)
        .and_then(|s| tallies.unit(&s.unit).remaining)
        .map(|r| r.max(0));
    let amount = match left {
        Some(left) => unmet.min(left),
        None => unmet,
    };
    Amount::new(
        u64::try_from(amount)
            .unwrap_or(Amount::MAX)
            .min(Amount::MAX),
    )
    .unwrap_or(Amount::ZERO)
}

/// An item id not used in the plan (see [`super::ids`]).
pub fn new_item_id(plan: &Plan) -> ItemId {
    super::ids::new_item_id_in(&[plan])
}

/// A link id not used in the plan.
pub fn new_link_id(plan: &Plan) -> LinkId {
    super::ids::new_link_id_in(&[plan])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::demo_plan;

    #[test]
    fn the_higher_level_gives() {
        let plan = demo_plan();
        let municipal = ItemId::from("w-008");
        let district = plan
            .items
            .iter()
            .find(|i| i.unit == "yanqing")
            .unwrap()
            .id
            .clone();
        assert_eq!(plan.item(&municipal).unwrap().unit, "bast");
        let want = (municipal.clone(), district.clone());
        assert_eq!(
            link_direction(&plan, &district, &municipal),
            Ok(want.clone())
        );
        assert_eq!(link_direction(&plan, &municipal, &district), Ok(want));
    }

    #[test]
    fn between_equals_the_card_dropped_on_gives() {
        let plan = demo_plan();
        let a = plan
            .items
            .iter()
            .find(|i| i.unit == "fengtai")
            .unwrap()
            .id
            .clone();
        let b = plan
            .items
            .iter()
            .find(|i| i.unit == "daxing")
            .unwrap()
            .id
            .clone();
        assert_eq!(link_direction(&plan, &a, &b), Ok((b.clone(), a.clone())));
    }

    #[test]
    fn refusals_say_why() {
        let plan = demo_plan();
        let link = &plan.links[0];
        let same_unit: Vec<_> = plan.items.iter().filter(|i| i.unit == "bast").collect();
        assert_eq!(
            link_direction(&plan, &link.source, &link.source),
            Err(LinkRefusal::SameItem)
        );
        assert_eq!(
            link_direction(&plan, &same_unit[0].id, &same_unit[1].id),
            Err(LinkRefusal::SameUnit)
        );
        assert_eq!(
            link_direction(&plan, &link.target, &link.source),
            Err(LinkRefusal::AlreadyLinked {
                link: link.id.clone()
            })
        );
        assert_eq!(
            link_direction(&plan, &"nope".into(), &link.source)
                .unwrap_err()
                .kind(),
            "unknown-item"
        );
    }

    #[test]
    fn the_proposal_is_unmet_demand_capped_by_the_pool() {
        let mut plan = demo_plan();
        let tallies = Tallies::of(&plan);
        let target = plan
            .items
            .iter()
            .find(|i| tallies.item(&i.id).figures.gap > 0)
            .unwrap()
            .id
            .clone();
        let gap = tallies.item(&target).figures.gap as u64;
        assert_eq!(
            proposed_amount(&plan, &tallies, &"w-001".into(), &target).yuan(),
            gap
        );
        plan.units.iter_mut().find(|u| u.id == "bast").unwrap().pool =
            Some(Amount::new(0).unwrap());
        let tallies = Tallies::of(&plan);
        assert_eq!(
            proposed_amount(&plan, &tallies, &"w-001".into(), &target).yuan(),
            0
        );
    }

    #[test]
    fn candidates_agree_with_link_direction() {
        let plan = demo_plan();
        for source in plan.items.iter().step_by(7) {
            let c = Candidates::new(&plan, &source.id).unwrap();
            for item in &plan.items {
                assert_eq!(
                    c.check(item).err(),
                    link_direction(&plan, &source.id, &item.id).err(),
                    "{} onto {}",
                    source.id,
                    item.id
                );
            }
        }
    }

    #[test]
    fn fresh_ids_are_unused() {
        let plan = demo_plan();
        let id = new_link_id(&plan);
        assert!(plan.link(&id).is_none());
        assert!(plan.item(&new_item_id(&plan)).is_none());
    }
}
