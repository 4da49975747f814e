//! What storage keeps besides the open plan: rolling snapshots (earlier
//! versions), copies left by older versions of the app, and whether the
//! newest revision is in a file yet. The rules (which snapshots, how many)
//! are in `model::keeping`; this is where saving and replacing call them.

use crate::io::{clock, storage};
use crate::model::keeping::{
    snapshot_due, to_prune, FileState, Snapshot, SNAPSHOTS_PER_PLAN, SNAPSHOT_BUDGET,
};
use crate::model::{load_str, Plan};

/// When a snapshot is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Take {
    /// When one is due (at most one every ten minutes of changes).
    WhenDue,
    /// Now (before the plan is replaced).
    Always,
}

/// Keeps `plan` as a snapshot when `take` says so
/// (before the plan is replaced), unless that revision is kept already.
/// Snapshots give way: one that does not fit is not kept.
fn snapshot(plan: &Plan, text: Option<&str>, now_ms: f64, take: Take) -> Option<Snapshot> {
    let existing = storage::snapshots();
    let revision = plan.revision.unwrap_or(0);
    let kept = existing
        .iter()
        .find(|s| s.plan_id == plan.id && s.revision == revision);
    if let Some(kept) = kept {
        return Some(kept.clone());
    }
    if !(take == Take::Always || snapshot_due(&existing, &plan.id, revision, now_ms)) {
        return None;
    }
    let text = text.map_or_else(|| plan.to_json(), str::to_string);
    let new = Snapshot {
        plan_id: plan.id.clone(),
        at_ms: now_ms,
        revision,
        chars: text.len(),
    };
    let mut all = existing;
    all.push(new.clone());
    let gone = to_prune(&all, SNAPSHOTS_PER_PLAN, SNAPSHOT_BUDGET);
    if gone.contains(&new) {
        return None;
    }
    for s in &gone {
        storage::remove_snapshot(s);
    }
    storage::write_snapshot(&new, &text).ok().map(|_| new)
}

/// After the plan was saved in the browser (as `text`): roll the snapshots
/// and note that the revision is (for now) only here.
pub fn after_save(plan: &Plan, text: &str) {
    let now = clock::now_ms();
    let _ = snapshot(plan, Some(text), now, Take::WhenDue);
    let state = FileState::saved(
        storage::file_state(&plan.id),
        plan.revision.unwrap_or(0),
        now,
    );
    storage::set_file_state(&plan.id, &state);
}

/// Before the open plan is replaced (a file opened, a version restored,
/// another plan opened): keep it as it is.
pub fn before_replace(plan: &Plan) {
    let _ = snapshot(plan, None, clock::now_ms(), Take::Always);
}

/// Keeps `plan` as an earlier version now (or finds it kept already): the
/// version a meeting starts from.
pub fn keep_now(plan: &Plan) -> Option<Snapshot> {
    snapshot(plan, None, clock::now_ms(), Take::Always)
}

/// Frees room for a plan by dropping the oldest snapshot; false when there
/// is none left to drop.
pub fn give_way() -> bool {
    match storage::snapshots().first() {
        Some(oldest) => {
            storage::remove_snapshot(oldest);
            true
        }
        None => false,
    }
}

/// Copies kept by earlier versions of the app before a plan was replaced
/// become snapshots (their text is removed only once the copy is written).
pub fn adopt_old_backups() {
    for (key, text) in storage::legacy_backups() {
        let Ok(plan) = load_str(&text) else { continue };
        // backup:<rfc 3339 time>:<id>; the time has colons of its own.
        let at = key
            .split_once(":backup:")
            .map(|(_, rest)| rest)
            .and_then(|rest| rest.get(..24))
            .and_then(clock::parse_ms)
            .unwrap_or(0.0);
        let snap = Snapshot {
            plan_id: plan.id.clone(),
            at_ms: at,
            revision: plan.revision.unwrap_or(0),
            chars: text.len(),
        };
        if storage::write_snapshot(&snap, &text).is_ok() {
            storage::remove(&key);
        }
    }
}

/// Notes that `written` went into a file while the browser holds `current`.
pub fn mark_filed(plan_id: &str, written: u64, current: u64) {
    let state = FileState::filed(
        storage::file_state(plan_id),
        written,
        current,
        clock::now_ms(),
    );
    storage::set_file_state(plan_id, &state);
}
