//! Files that travel: export then import gives the same plan, unknown fields
//! included; merging is idempotent and never yields a plan that breaks a rule.

use linkage_board::model::merge::{merge, slice};
use linkage_board::model::{check_rules, demo_plan, load, Amount, ItemId, Plan};
use proptest::prelude::*;
use serde_json::{json, Value};

/// A plan like one a district sends back: some records kept, some changed,
/// some new, some moved to another unit (which may break rule 3), and
/// unknown fields sprinkled in.
#[derive(Clone, Debug)]
struct Edits {
    keep: Vec<bool>,
    amounts: Vec<(usize, u64)>,
    moves: Vec<(usize, usize)>,
    new_items: Vec<(usize, u64)>,
    new_links: Vec<(usize, usize, u64)>,
    extras: Vec<(usize, String, i64)>,
}

fn edits() -> impl Strategy<Value = Edits> {
    (
        proptest::collection::vec(any::<bool>(), 0..60),
        proptest::collection::vec((0..60usize, 0..9_007_199_254_740_991u64), 0..10),
        proptest::collection::vec((0..60usize, 0..30usize), 0..3),
        proptest::collection::vec((0..30usize, 0..5_000_000u64), 0..6),
        proptest::collection::vec((0..60usize, 0..60usize, 0..1_000_000u64), 0..6),
        proptest::collection::vec((0..60usize, "x_[a-z]{1,6}", any::<i64>()), 0..5),
    )
        .prop_map(
            |(keep, amounts, moves, new_items, new_links, extras)| Edits {
                keep,
                amounts,
                moves,
                new_items,
                new_links,
                extras,
            },
        )
}

fn incoming(base: &Plan, e: &Edits) -> Plan {
    let mut p = base.clone();
    let n = p.items.len();
    for (i, m) in &e.amounts {
        p.items[i % n].demand = Amount::new(*m).unwrap();
    }
    for (i, u) in &e.moves {
        let unit = p.units[u % p.units.len()].id.clone();
        p.items[i % n].unit = unit;
    }
    for (k, (u, m)) in e.new_items.iter().enumerate() {
        let mut item = p.items[k % n].clone();
        item.id = format!("sent-{k}").into();
        item.unit = p.units[u % p.units.len()].id.clone();
        item.budget = Amount::new(*m).unwrap();
        p.items.push(item);
    }
    for (k, (s, t, m)) in e.new_links.iter().enumerate() {
        let mut link = p.links[k % p.links.len()].clone();
        link.id = format!("sent-link-{k}").into();
        link.source = p.items[s % p.items.len()].id.clone();
        link.target = p.items[t % p.items.len()].id.clone();
        link.amount = Amount::new(*m).unwrap();
        p.links.push(link);
    }
    for (i, key, v) in &e.extras {
        p.items[i % n]
            .extra
            .insert(key.clone(), json!({ "v": v, "list": [1, "二"] }));
    }
    // Drop some items (and the links that would dangle) so the file is partial.
    let keep = |i: usize| e.keep.get(i).copied().unwrap_or(true);
    let kept: Vec<ItemId> = p
        .items
        .iter()
        .enumerate()
        .filter(|(i, _)| keep(*i))
        .map(|(_, it)| it.id.clone())
        .collect();
    p.items.retain(|it| kept.contains(&it.id));
    p.links
        .retain(|l| kept.contains(&l.source) && kept.contains(&l.target));
    p
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    #[test]
    fn merge_keeps_the_rules_and_twice_is_once(e in edits()) {
        let open = demo_plan();
        let file = incoming(&open, &e);
        match merge(&open, &file) {
            Ok(merged) => {
                prop_assert!(check_rules(&merged).is_ok());
                prop_assert_eq!(merge(&merged, &file).unwrap(), merged.clone());
                // Nothing is removed by a merge.
                for item in &open.items {
                    prop_assert!(merged.item(&item.id).is_some());
                }
            }
            Err(why) => prop_assert!(why.rule() >= 1),
        }
    }

    #[test]
    fn export_then_import_gives_the_same_plan(e in edits()) {
        let open = demo_plan();
        let Ok(plan) = merge(&open, &incoming(&open, &e)) else { return Ok(()); };
        let mut plan = plan;
        plan.extra.insert("x_top".into(), Value::from("kept"));
        prop_assert_eq!(load(plan.to_json_pretty().as_bytes()).unwrap(), plan.clone());
        prop_assert_eq!(load(plan.to_json().as_bytes()).unwrap(), plan.clone());
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend(plan.to_json().as_bytes());
        prop_assert_eq!(load(&with_bom).unwrap(), plan);
    }

    #[test]
    fn a_slice_round_trips_and_merges_back(unit in 0..21usize) {
        let plan = demo_plan();
        let id = plan.units[unit].id.clone();
        let s = slice(&plan, &id).unwrap();
        prop_assert!(check_rules(&s).is_ok());
        let back = load(s.to_json_pretty().as_bytes()).unwrap();
        prop_assert_eq!(merge(&plan, &back).unwrap(), plan);
    }
}
