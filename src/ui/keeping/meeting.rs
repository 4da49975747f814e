//! Which version the open plan is compared with: the version kept when the
//! facilitator pressed "Start the meeting" (a snapshot, marked per plan),
//! else the version first kept today, or one picked in Plans & files (an
//! earlier version, another stored plan, a file). The comparison itself is
//! `model::compare`; its view is `ui::meeting::compare`.

use crate::i18n::{Key, Lang};
use crate::io::{clock, storage};
use crate::model::keeping::Snapshot;
use crate::model::{load, load_str, LoadError, Plan};
use crate::ui::state::kept;
use crate::ui::state::Board;
use leptos::prelude::*;
use std::cell::RefCell;

/// What the open plan is compared with.
#[derive(Clone, Debug, PartialEq)]
pub enum Against {
    MeetingStart,
    Today,
    /// The plan as it is (nothing kept earlier).
    Now,
    /// An earlier version, a stored plan or a file, by its name.
    Named(String),
}

impl Against {
    pub fn words(&self, lang: Lang) -> String {
        match self {
            Against::MeetingStart => lang.t(Key::CompareMeetingStart).to_string(),
            Against::Today => lang.t(Key::CompareToday).to_string(),
            Against::Now => lang.t(Key::CompareNow).to_string(),
            Against::Named(name) => name.clone(),
        }
    }
}

/// The plan compared with, and when it was (ms since 1970, where known).
#[derive(Clone, Debug, PartialEq)]
pub struct Baseline {
    pub plan: Plan,
    pub against: Against,
    pub at_ms: Option<f64>,
}

/// What the user asked to compare the open plan with.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// The version the meeting began with (else the first kept today).
    SinceStart,
    /// An earlier version, with the name it is listed under.
    Snapshot(Snapshot, String),
    /// Another plan stored in this browser: its id and title.
    Stored(String, String),
    /// A file: its name and bytes (read, never imported).
    File(String, Vec<u8>),
}

thread_local! {
    /// What was last asked for, until the comparison's view takes it.
    static ASKED: RefCell<Option<Request>> = const { RefCell::new(None) };
    /// What could not be compared: its name and why (`None`: it is gone).
    static REFUSED: RefCell<Option<(String, Option<LoadError>)>> = const { RefCell::new(None) };
}

/// The comparison asked for, shared through context: whether it is shown,
/// and a count that moves when a refusal is said. What was asked for and
/// why it was refused are plain values beside them, so that the first load
/// carries no signal of their types; reading what is compared happens in
/// the comparison's own chunk ([`baseline`]).
#[derive(Clone, Copy)]
pub struct Comparing {
    shown: RwSignal<bool>,
    refusals: RwSignal<u32>,
}

impl Comparing {
    pub fn new() -> Comparing {
        Comparing {
            shown: RwSignal::new(false),
            refusals: RwSignal::new(0),
        }
    }

    /// Whether the comparison is shown.
    pub fn shown(&self) -> bool {
        self.shown.get()
    }

    /// Shows the comparison with what `request` names.
    pub fn ask(&self, request: Request) {
        ASKED.with(|a| *a.borrow_mut() = Some(request));
        self.refuse(None);
        self.shown.set(true);
    }

    /// What was asked for, taken (once).
    pub fn take_request(&self) -> Option<Request> {
        ASKED.with(|a| a.borrow_mut().take())
    }

    /// Says why a comparison could not be made (or nothing, `None`).
    pub fn refuse(&self, why: Option<(String, Option<LoadError>)>) {
        REFUSED.with(|r| *r.borrow_mut() = why);
        self.refusals.update(|n| *n = n.wrapping_add(1));
    }

    /// Why the last comparison asked for could not be made (tracked).
    pub fn refused(&self) -> Option<(String, Option<LoadError>)> {
        self.refusals.track();
        REFUSED.with(|r| r.borrow().clone())
    }

    pub fn close(&self) {
        self.shown.set(false);
    }
}

impl Default for Comparing {
    fn default() -> Self {
        Comparing::new()
    }
}

/// When the meeting on plan `id` began (ms since 1970), if it was marked.
pub fn meeting_started(plan_id: &str) -> Option<f64> {
    storage::preference(&mark_key(plan_id))
        .and_then(|name| Snapshot::from_name(&name))
        .map(|s| s.at_ms)
}

/// "Start the meeting": keeps the open plan as it is now as an earlier
/// version and marks it as the meeting's start; gives when.
pub fn start_meeting(board: &Board) -> Option<f64> {
    board.save_now();
    let snap = board.with_plan(kept::keep_now)?;
    storage::set_preference(&mark_key(&snap.plan_id), &snap.name());
    Some(snap.at_ms)
}

fn mark_key(plan_id: &str) -> String {
    format!("meeting-start:{plan_id}")
}

/// The snapshot marked as the meeting's start for plan `id`, if it is kept.
fn marked(plan_id: &str) -> Option<Snapshot> {
    storage::preference(&mark_key(plan_id))
        .and_then(|name| Snapshot::from_name(&name))
        .filter(|s| s.plan_id == plan_id && storage::snapshot_text(s).is_some())
}

/// Midnight today in the reader's time zone (ms since 1970).
fn start_of_today() -> f64 {
    let d = js_sys::Date::new_0();
    d.set_hours(0);
    d.set_minutes(0);
    d.set_seconds(0);
    d.set_milliseconds(0);
    d.get_time()
}

fn read(s: &Snapshot) -> Option<Plan> {
    storage::snapshot_text(s).and_then(|t| load_str(&t).ok())
}

/// The plan `request` names, read from storage or the file; what cannot be
/// read is refused with its name and the loader's words.
pub fn baseline(board: &Board, request: &Request) -> Result<Baseline, (String, Option<LoadError>)> {
    let named = |plan: Plan, name: &str, at_ms: Option<f64>| Baseline {
        plan,
        against: Against::Named(name.to_string()),
        at_ms,
    };
    match request {
        Request::SinceStart => Ok(since_start(board)),
        Request::Snapshot(s, name) => {
            let text = storage::snapshot_text(s).ok_or_else(|| (name.clone(), None))?;
            let plan = load_str(&text).map_err(|e| (name.clone(), Some(e)))?;
            Ok(named(plan, name, Some(s.at_ms)))
        }
        Request::Stored(id, name) => {
            let text = storage::plan_text(id).ok_or_else(|| (name.clone(), None))?;
            let plan = load_str(&text).map_err(|e| (name.clone(), Some(e)))?;
            let at = plan.updated_at.as_deref().and_then(clock::parse_ms);
            Ok(named(plan, name, at))
        }
        Request::File(name, bytes) => {
            let plan = load(bytes).map_err(|e| (name.clone(), Some(e)))?;
            let at = plan.updated_at.as_deref().and_then(clock::parse_ms);
            Ok(named(plan, name, at))
        }
    }
}

/// The version the meeting began with; unmarked, the version first kept
/// today (else the newest kept before today, else the plan as it is).
fn since_start(board: &Board) -> Baseline {
    let id = board.with_plan(|p| p.id.clone());
    let found = marked(&id)
        .and_then(|s| read(&s).map(|p| (p, Against::MeetingStart, s.at_ms)))
        .or_else(|| {
            let today = start_of_today();
            let mine: Vec<Snapshot> = storage::snapshots()
                .into_iter()
                .filter(|s| s.plan_id == id)
                .collect();
            let first_today = mine.iter().find(|s| s.at_ms >= today);
            let before_today = mine.iter().rev().find(|s| s.at_ms < today);
            first_today
                .or(before_today)
                .and_then(|s| read(s).map(|p| (p, Against::Today, s.at_ms)))
        });
    match found {
        Some((plan, against, at)) => Baseline {
            plan,
            against,
            at_ms: Some(at),
        },
        None => Baseline {
            plan: board.with_plan(Plan::clone),
            against: Against::Now,
            at_ms: Some(clock::now_ms()),
        },
    }
}
