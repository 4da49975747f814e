//! Comparing two versions of a plan: each unit's change in what it
//! received and gave is the difference of the two plans' tallies, and the
//! links listed are exactly those that differ.

use linkage_board::model::compare::compare;
use linkage_board::model::merge::Kind;
use linkage_board::model::{demo_plan, Amount, LinkId, Plan, Tallies};
use proptest::prelude::*;

#[derive(Clone, Debug)]
struct Edits {
    drop_links: Vec<usize>,
    amounts: Vec<(usize, u64)>,
    new_links: Vec<(usize, usize, u64)>,
    drop_items: Vec<usize>,
    moves: Vec<(usize, usize)>,
}

fn edits() -> impl Strategy<Value = Edits> {
    (
        proptest::collection::vec(0..60usize, 0..5),
        proptest::collection::vec((0..60usize, 0..9_000_000_000u64), 0..6),
        proptest::collection::vec((0..60usize, 0..60usize, 0..1_000_000u64), 0..6),
        proptest::collection::vec(0..60usize, 0..3),
        proptest::collection::vec((0..60usize, 0..30usize), 0..3),
    )
        .prop_map(
            |(drop_links, amounts, new_links, drop_items, moves)| Edits {
                drop_links,
                amounts,
                new_links,
                drop_items,
                moves,
            },
        )
}

fn edited(base: &Plan, e: &Edits) -> Plan {
    let mut p = base.clone();
    for (i, m) in &e.amounts {
        if !p.links.is_empty() {
            let n = p.links.len();
            p.links[i % n].amount = Amount::new(*m).unwrap();
        }
    }
    for (k, (s, t, m)) in e.new_links.iter().enumerate() {
        let n = p.items.len();
        let mut link = p.links[0].clone();
        link.id = format!("new-{k}").into();
        link.source = p.items[s % n].id.clone();
        link.target = p.items[t % n].id.clone();
        link.amount = Amount::new(*m).unwrap();
        p.links.push(link);
    }
    for i in &e.drop_links {
        if !p.links.is_empty() {
            let n = p.links.len();
            p.links.remove(i % n);
        }
    }
    for (i, u) in &e.moves {
        let n = p.items.len();
        let unit = p.units[u % p.units.len()].id.clone();
        p.items[i % n].unit = unit;
    }
    for i in &e.drop_items {
        let n = p.items.len();
        if n > 1 {
            let gone = p.items.remove(i % n).id;
            p.links.retain(|l| l.source != gone && l.target != gone);
        }
    }
    p
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn per_unit_deltas_are_the_difference_of_the_tallies(a in edits(), b in edits()) {
        let base = demo_plan();
        let before = edited(&base, &a);
        let after = edited(&base, &b);
        let c = compare(&before, &after);
        let (tb, ta) = (Tallies::of(&before), Tallies::of(&after));
        for unit in before.units.iter().chain(after.units.iter()) {
            let d = c.unit(&unit.id).expect("every unit is listed");
            prop_assert_eq!(d.received_before, tb.unit(&unit.id).figures.received);
            prop_assert_eq!(d.received_after, ta.unit(&unit.id).figures.received);
            prop_assert_eq!(
                d.received_change(),
                ta.unit(&unit.id).figures.received - tb.unit(&unit.id).figures.received
            );
            prop_assert_eq!(
                d.given_change(),
                ta.unit(&unit.id).figures.given - tb.unit(&unit.id).figures.given
            );
        }
        prop_assert_eq!(c.before, tb.plan);
        prop_assert_eq!(c.after, ta.plan);
        // The links listed are exactly those that differ, with their amounts.
        for l in &c.links {
            let was = before.link(&l.id).map(|l| i128::from(l.amount.yuan()));
            let now = after.link(&l.id).map(|l| i128::from(l.amount.yuan()));
            prop_assert_eq!(l.before, was);
            prop_assert_eq!(l.after, now);
            match l.kind {
                Kind::Added => prop_assert!(was.is_none()),
                Kind::Removed => prop_assert!(now.is_none()),
                Kind::Changed => prop_assert!(before.link(&l.id) != after.link(&l.id)),
            }
        }
        let listed = |id: &LinkId| c.links.iter().any(|l| &l.id == id);
        for l in before.links.iter().chain(after.links.iter()) {
            prop_assert_eq!(listed(&l.id), before.link(&l.id) != after.link(&l.id));
        }
        // Swapped, every change turns round.
        let back = compare(&after, &before);
        prop_assert_eq!(back.links.len(), c.links.len());
        let (made, changed, removed) = c.link_counts();
        prop_assert_eq!(back.link_counts(), (removed, changed, made));
    }
}
