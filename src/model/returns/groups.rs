//! A file's changes by unit, then kind: how the preview lists thousands of
//! them without drawing each one until its group is opened.

use super::preview::{Change, ChangeKind, Record};
use crate::model::plan::Plan;
use std::collections::HashMap;

/// Kinds in the order a group lists them: conflicts first, as they are
/// settled before anything merges.
pub const GROUP_ORDER: [ChangeKind; 6] = [
    ChangeKind::Conflict,
    ChangeKind::Added,
    ChangeKind::Changed,
    ChangeKind::Removed,
    ChangeKind::Outside,
    ChangeKind::Kept,
];

/// The changes of one kind to one unit's records.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeGroup {
    /// The unit whose records they are: an item's unit, a link's receiving
    /// item's unit, a unit record itself; `None` for stages and for records
    /// whose unit neither plan has.
    pub unit: Option<String>,
    pub kind: ChangeKind,
    /// Places in the preview's list of changes, in its order.
    pub changes: Vec<usize>,
}

/// `changes` (what `returned` would do to `open`) grouped by unit, in the
/// open plan's board order and then the units only the file has, each
/// unit's groups in [`GROUP_ORDER`]; what belongs to no unit (stages, and
/// records naming a unit neither plan has) comes last.
/// Every change is in exactly one group. Time linear in the records.
pub fn change_groups(open: &Plan, returned: &Plan, changes: &[Change]) -> Vec<ChangeGroup> {
    // Units by their place in the list; one map type throughout.
    let mut units: Vec<&str> = Vec::new();
    let mut place: HashMap<&str, usize> = HashMap::new();
    for u in open
        .units_in_board_order()
        .into_iter()
        .chain(returned.units_in_board_order())
    {
        if !place.contains_key(u.id.as_str()) {
            place.insert(u.id.as_str(), units.len());
            units.push(u.id.as_str());
        }
    }
    // Items by the place of their unit, the open plan's first.
    let mut item_place: HashMap<&str, usize> = HashMap::new();
    for item in open.items.iter().chain(&returned.items) {
        if !item_place.contains_key(item.id.as_str()) {
            if let Some(&at) = place.get(item.unit.as_str()) {
                item_place.insert(item.id.as_str(), at);
            }
        }
    }
    let none = units.len();
    let place_of = |change: &Change| -> usize {
        let at = match change.theirs.as_ref().or(change.ours.as_ref()) {
            Some(Record::Unit(u)) => place.get(u.id.as_str()),
            Some(Record::Item(i)) => place.get(i.unit.as_str()),
            Some(Record::Link(l)) => item_place
                .get(l.target.as_str())
                .or_else(|| item_place.get(l.source.as_str())),
            Some(Record::Stage(_)) | None => None,
        };
        at.copied().unwrap_or(none)
    };
    // By place, then by kind.
    let mut table: Vec<[Vec<usize>; 6]> = vec![Default::default(); none + 1];
    for (n, change) in changes.iter().enumerate() {
        let rank = GROUP_ORDER
            .iter()
            .position(|k| *k == change.kind)
            .unwrap_or(0);
        if let Some(kinds) = table.get_mut(place_of(change)) {
            if let Some(list) = kinds.get_mut(rank) {
                list.push(n);
            }
        }
    }
    let mut out = Vec::new();
    for (at, kinds) in table.into_iter().enumerate() {
        for (kind, list) in GROUP_ORDER.into_iter().zip(kinds) {
            if !list.is_empty() {
                out.push(ChangeGroup {
                    unit: units.get(at).map(|u| u.to_string()),
                    kind,
                    changes: list,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{demo_plan, plan_return, Amount};

    #[test]
    fn every_change_is_in_one_group_by_unit_then_kind() {
        let open = demo_plan();
        let mut file = open.clone();
        file.items[0].demand = Amount::new(123_000).unwrap();
        file.items[5].title = "Renamed".into();
        file.links[0].amount = Amount::new(7_000).unwrap();
        let mut extra = file.items[1].clone();
        extra.id = "new-one".into();
        file.items.push(extra);
        file.stages[0].name = "Renamed stage".into();
        let preview = plan_return(&open, &file);
        let groups = change_groups(&open, &file, &preview.changes);
        let mut seen: Vec<usize> = groups.iter().flat_map(|g| g.changes.clone()).collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..preview.changes.len()).collect::<Vec<_>>());
        for g in &groups {
            for &n in &g.changes {
                let c = &preview.changes[n];
                assert_eq!(c.kind, g.kind);
                match c.theirs.as_ref() {
                    Some(Record::Item(i)) => assert_eq!(g.unit.as_deref(), Some(i.unit.as_str())),
                    Some(Record::Link(l)) => {
                        let target = open.item(&l.target).unwrap();
                        assert_eq!(g.unit.as_deref(), Some(target.unit.as_str()));
                    }
                    Some(Record::Stage(_)) => assert_eq!(g.unit, None),
                    _ => {}
                }
            }
        }
        // Units in board order, stages last; one group per unit and kind.
        let board: Vec<Option<String>> = open
            .units_in_board_order()
            .iter()
            .map(|u| Some(u.id.to_string()))
            .chain([None])
            .collect();
        let places: Vec<usize> = groups
            .iter()
            .map(|g| board.iter().position(|u| *u == g.unit).unwrap())
            .collect();
        assert!(places.windows(2).all(|w| w[0] <= w[1]), "{places:?}");
        let mut keys: Vec<_> = groups
            .iter()
            .map(|g| (g.unit.clone(), g.kind.as_str()))
            .collect();
        let all = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), all);
        assert_eq!(groups.last().unwrap().unit, None);
    }
}
