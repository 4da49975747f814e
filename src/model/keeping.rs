//! Keeping a plan safe outside the browser's memory: which earlier versions
//! (snapshots) to keep, and whether the open plan has changes that exist in
//! no file yet. Plain rules on numbers and names; storage is elsewhere.

use std::collections::HashMap;

/// How many snapshots a plan keeps at most.
pub const SNAPSHOTS_PER_PLAN: usize = 20;
/// How much text all snapshots together may hold (characters), so that they
/// never crowd the plans themselves out of the browser's storage.
pub const SNAPSHOT_BUDGET: usize = 1_500_000;
/// A new snapshot is taken on save when the newest is at least this old.
pub const SNAPSHOT_EVERY_MS: f64 = 10.0 * 60.0 * 1000.0;
/// Changes that exist only in this browser for longer than this bring a
/// reminder to export or keep the plan in a file.
pub const REMIND_AFTER_MS: f64 = 24.0 * 60.0 * 60.0 * 1000.0;
/// "Later" on the reminder puts it off for this long.
pub const SNOOZE_MS: f64 = 4.0 * 60.0 * 60.0 * 1000.0;

/// One stored snapshot, as its storage name describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub plan_id: String,
    /// When it was taken, in milliseconds since 1970.
    pub at_ms: f64,
    pub revision: u64,
    /// Length of its text, in characters.
    pub chars: usize,
}

impl Snapshot {
    /// The storage name (after the app's prefix):
    /// `snap:<ms>:<revision>:<chars>:<plan id>`. Milliseconds are
    /// zero-padded so that names sort by time; the list of snapshots can be
    /// read from the names alone.
    pub fn name(&self) -> String {
        format!(
            "snap:{:015}:{}:{}:{}",
            self.at_ms.max(0.0) as u64,
            self.revision,
            self.chars,
            self.plan_id
        )
    }

    /// Reads a storage name written by [`Snapshot::name`].
    pub fn from_name(name: &str) -> Option<Snapshot> {
        let rest = name.strip_prefix("snap:")?;
        let mut parts = rest.splitn(4, ':');
        let at: u64 = parts.next()?.parse().ok()?;
        let revision: u64 = parts.next()?.parse().ok()?;
        let chars: usize = parts.next()?.parse().ok()?;
        let plan_id = parts.next()?;
        if plan_id.is_empty() {
            return None;
        }
        Some(Snapshot {
            plan_id: plan_id.to_string(),
            at_ms: at as f64,
            revision,
            chars,
        })
    }
}

/// Whether a save of `revision` at `now_ms` should also be kept as a
/// snapshot, given the snapshots of the same plan.
pub fn snapshot_due(existing: &[Snapshot], plan_id: &str, revision: u64, now_ms: f64) -> bool {
    let newest = existing
        .iter()
        .filter(|s| s.plan_id == plan_id)
        .max_by(|a, b| a.at_ms.total_cmp(&b.at_ms));
    match newest {
        None => true,
        Some(s) => s.revision != revision && now_ms - s.at_ms >= SNAPSHOT_EVERY_MS,
    }
}

/// The snapshots to delete so that each plan keeps at most `per_plan` and
/// all together fit in `budget` characters: the oldest go first, and each
/// plan's newest snapshot only after all the older ones.
pub fn to_prune(existing: &[Snapshot], per_plan: usize, budget: usize) -> Vec<Snapshot> {
    let mut sorted: Vec<&Snapshot> = existing.iter().collect();
    // Newest first; equal times keep a stable, deterministic order.
    super::order::sort_by(&mut sorted, |a, b| {
        b.at_ms
            .total_cmp(&a.at_ms)
            .then(b.revision.cmp(&a.revision))
            .then(a.plan_id.cmp(&b.plan_id))
    });
    let mut count: HashMap<&str, usize> = HashMap::new();
    let mut kept: Vec<&Snapshot> = Vec::new();
    let mut dropped: Vec<Snapshot> = Vec::new();
    for s in sorted {
        let n = count.entry(s.plan_id.as_str()).or_default();
        if *n >= per_plan {
            dropped.push(s.clone());
        } else {
            *n += 1;
            kept.push(s);
        }
    }
    // Over budget: drop the oldest snapshots, but a plan's newest last.
    let mut total: usize = kept.iter().map(|s| s.chars).sum();
    if total > budget {
        let newest_of: HashMap<&str, f64> = kept.iter().fold(HashMap::new(), |mut m, s| {
            let e = m.entry(s.plan_id.as_str()).or_insert(s.at_ms);
            if s.at_ms > *e {
                *e = s.at_ms;
            }
            m
        });
        let is_newest = |s: &Snapshot| newest_of.get(s.plan_id.as_str()) == Some(&s.at_ms);
        // Oldest first among the ones that are not a plan's newest, then
        // the newest ones, oldest first.
        let mut order: Vec<&Snapshot> = kept.iter().rev().copied().collect();
        super::order::sort_by_key(&mut order, |s| is_newest(s));
        for s in order {
            if total <= budget {
                break;
            }
            total -= s.chars;
            dropped.push(s.clone());
        }
    }
    dropped
}

/// What this browser knows of a plan's copies in files: the newest
/// revision written to a file (or that came from one), and since when the
/// plan has had changes that are in no file.
#[derive(Clone, Debug, PartialEq)]
pub struct FileState {
    pub filed_revision: u64,
    pub unfiled_since_ms: Option<f64>,
}

impl FileState {
    /// `"<revision>"` or `"<revision>:<since ms>"`.
    pub fn encode(&self) -> String {
        match self.unfiled_since_ms {
            Some(ms) => format!("{}:{}", self.filed_revision, ms.max(0.0) as u64),
            None => self.filed_revision.to_string(),
        }
    }

    pub fn decode(text: &str) -> Option<FileState> {
        let mut parts = text.splitn(2, ':');
        let filed_revision = parts.next()?.parse().ok()?;
        let unfiled_since_ms = match parts.next() {
            Some(ms) => Some(ms.parse::<u64>().ok()? as f64),
            None => None,
        };
        Some(FileState {
            filed_revision,
            unfiled_since_ms,
        })
    }

    /// After `revision` was saved in the browser at `now_ms`. The first
    /// revision this browser sees of a plan counts as filed: it came from
    /// a file, the demo or an empty start, so nothing in it exists only
    /// here.
    pub fn saved(state: Option<FileState>, revision: u64, now_ms: f64) -> FileState {
        match state {
            None => FileState {
                filed_revision: revision,
                unfiled_since_ms: None,
            },
            Some(s) if revision <= s.filed_revision => FileState {
                unfiled_since_ms: None,
                ..s
            },
            Some(s) => FileState {
                unfiled_since_ms: Some(s.unfiled_since_ms.unwrap_or(now_ms)),
                ..s
            },
        }
    }

    /// After `written` was written to a file (export, standalone file, the
    /// kept file) while the browser holds `current`: changes made since the
    /// write started are still only here.
    pub fn filed(state: Option<FileState>, written: u64, current: u64, now_ms: f64) -> FileState {
        let previous = state.as_ref().map_or(0, |s| s.filed_revision);
        let filed_revision = previous.max(written);
        let unfiled_since_ms = if current > filed_revision {
            Some(state.and_then(|s| s.unfiled_since_ms).unwrap_or(now_ms))
        } else {
            None
        };
        FileState {
            filed_revision,
            unfiled_since_ms,
        }
    }

    /// Whether to remind the user to put the plan in a file.
    pub fn reminder_due(&self, now_ms: f64, snoozed_until_ms: Option<f64>) -> bool {
        let Some(since) = self.unfiled_since_ms else {
            return false;
        };
        now_ms - since >= REMIND_AFTER_MS && snoozed_until_ms.is_none_or(|until| now_ms >= until)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(id: &str, at: f64, rev: u64, chars: usize) -> Snapshot {
        Snapshot {
            plan_id: id.into(),
            at_ms: at,
            revision: rev,
            chars,
        }
    }

    #[test]
    fn names_round_trip_and_sort_by_time() {
        let a = snap("p:with:colons", 1_700_000_000_000.0, 7, 10);
        let b = snap("p", 999.0, 8, 10);
        assert_eq!(Snapshot::from_name(&a.name()), Some(a.clone()));
        assert_eq!(Snapshot::from_name(&b.name()), Some(b.clone()));
        assert!(b.name() < a.name());
        assert_eq!(Snapshot::from_name("snap:x:1:1:p"), None);
        assert_eq!(Snapshot::from_name("snap:1:1:1:"), None);
        assert_eq!(Snapshot::from_name("snap:1:1:p"), None);
        assert_eq!(Snapshot::from_name("plan:p"), None);
    }

    #[test]
    fn a_snapshot_is_due_first_then_every_ten_minutes_of_changes() {
        assert!(snapshot_due(&[], "p", 1, 0.0));
        let existing = [snap("p", 0.0, 1, 5), snap("q", 5e6, 9, 5)];
        assert!(!snapshot_due(&existing, "p", 2, SNAPSHOT_EVERY_MS - 1.0));
        assert!(snapshot_due(&existing, "p", 2, SNAPSHOT_EVERY_MS));
        // Nothing changed: nothing to keep.
        assert!(!snapshot_due(&existing, "p", 1, 1e9));
        assert!(snapshot_due(&existing, "r", 1, 0.0));
    }

    #[test]
    fn pruning_keeps_the_newest_twenty_per_plan() {
        let list: Vec<Snapshot> = (0..25)
            .map(|i| snap("p", f64::from(i), i as u64, 1))
            .chain((0..3).map(|i| snap("q", f64::from(i), 1, 1)))
            .collect();
        let gone = to_prune(&list, 20, usize::MAX);
        assert_eq!(gone.len(), 5);
        assert!(gone.iter().all(|s| s.plan_id == "p" && s.at_ms < 5.0));
    }

    #[test]
    fn pruning_fits_the_budget_oldest_first_keeping_each_plans_newest() {
        let list = vec![
            snap("p", 1.0, 1, 400),
            snap("p", 2.0, 2, 400),
            snap("q", 3.0, 1, 400),
            snap("p", 4.0, 3, 400),
        ];
        let gone = to_prune(&list, 20, 800);
        let at: Vec<f64> = gone.iter().map(|s| s.at_ms).collect();
        assert_eq!(at, vec![1.0, 2.0]);
        // A budget too small for the newest of each: those go last, oldest
        // first.
        let gone = to_prune(&list, 20, 400);
        let at: Vec<f64> = gone.iter().map(|s| s.at_ms).collect();
        assert_eq!(at, vec![1.0, 2.0, 3.0]);
    }

    #[test]
    fn file_state_follows_saves_and_files() {
        let s = FileState::saved(None, 3, 100.0);
        assert_eq!(s.unfiled_since_ms, None);
        let s = FileState::saved(Some(s), 4, 200.0);
        assert_eq!(s.unfiled_since_ms, Some(200.0));
        // Later changes keep the first time.
        let s = FileState::saved(Some(s), 5, 300.0);
        assert_eq!(s.unfiled_since_ms, Some(200.0));
        assert!(!s.reminder_due(200.0 + REMIND_AFTER_MS - 1.0, None));
        assert!(s.reminder_due(200.0 + REMIND_AFTER_MS, None));
        assert!(!s.reminder_due(200.0 + REMIND_AFTER_MS, Some(1e12)));
        assert_eq!(FileState::decode(&s.encode()), Some(s.clone()));
        let s = FileState::filed(Some(s), 5, 5, 350.0);
        assert_eq!(s.unfiled_since_ms, None);
        assert!(!s.reminder_due(1e15, None));
        assert_eq!(FileState::decode(&s.encode()), Some(s.clone()));
        // A file written while newer changes came in does not make those
        // safe; they count from their first save.
        let newer = FileState::saved(Some(s), 6, 400.0);
        let after = FileState::filed(Some(newer), 5, 6, 450.0);
        assert_eq!(after.filed_revision, 5);
        assert_eq!(after.unfiled_since_ms, Some(400.0));
        // An older write arriving late never lowers what is filed.
        let late = FileState::filed(Some(FileState::filed(None, 8, 8, 0.0)), 7, 8, 500.0);
        assert_eq!(late.filed_revision, 8);
        assert_eq!(late.unfiled_since_ms, None);
        assert_eq!(FileState::decode("x"), None);
    }
}
