//! Snapshot pruning: whatever is stored, what stays fits the limits and is
//! always the newest of each plan.

use linkage_board::model::keeping::{to_prune, Snapshot};
use proptest::prelude::*;

fn snapshots() -> impl Strategy<Value = Vec<Snapshot>> {
    prop::collection::vec((0usize..4, 0u32..1000, 0u64..50, 1usize..500), 0..60).prop_map(|v| {
        v.into_iter()
            .map(|(plan, at, revision, chars)| Snapshot {
                plan_id: format!("plan-{plan}"),
                // Distinct times per plan keep "newest" unambiguous.
                at_ms: f64::from(at) * 4.0 + plan as f64,
                revision,
                chars,
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn what_stays_fits_and_is_the_newest(list in snapshots(), per_plan in 1usize..25, budget in 0usize..20_000) {
        let mut list = list;
        list.sort_by(|a, b| a.plan_id.cmp(&b.plan_id).then(a.at_ms.total_cmp(&b.at_ms)));
        list.dedup_by(|a, b| a.plan_id == b.plan_id && a.at_ms == b.at_ms);
        let gone = to_prune(&list, per_plan, budget);
        let kept: Vec<&Snapshot> = list.iter().filter(|s| !gone.contains(s)).collect();
        prop_assert_eq!(kept.len() + gone.len(), list.len());
        prop_assert!(kept.iter().map(|s| s.chars).sum::<usize>() <= budget);
        for s in &kept {
            let same_plan = kept.iter().filter(|k| k.plan_id == s.plan_id).count();
            prop_assert!(same_plan <= per_plan);
            for g in gone.iter().filter(|g| g.plan_id == s.plan_id) {
                prop_assert!(g.at_ms < s.at_ms, "dropped {:?} but kept the older {:?}", g, s);
            }
        }
        // Nothing is dropped that did not have to be.
        if list.iter().map(|s| s.chars).sum::<usize>() <= budget && list.len() <= per_plan {
            prop_assert!(gone.is_empty());
        }
    }
}
