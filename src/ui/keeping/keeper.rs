//! Keeping the plan when the browser forgets it: rolling snapshots in
//! storage, a plan file on disk kept in step, the browser's promise to keep
//! storage, and a reminder when changes exist only here. The rules (which
//! snapshots, when to remind) are in `model::keeping`.

use crate::i18n::{Key, Lang};
use crate::io::keep_file::{self, Access, FileError, KeptFile, Prompt};
use crate::io::{clock, download, persist, storage};
use crate::model::keeping::{Snapshot, SNOOZE_MS};
use crate::ui::state::kept::mark_filed;
use crate::ui::state::{Board, Message, NoticeKind};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// A snapshot as the plan list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct SnapshotEntry {
    pub snapshot: Snapshot,
    pub title: String,
    /// When it was taken (ms since 1970).
    pub at_ms: f64,
}

/// Every snapshot, newest first, with the title of its plan.
pub fn snapshot_entries(titles: &dyn Fn(&str) -> Option<String>) -> Vec<SnapshotEntry> {
    let mut list = storage::snapshots();
    list.reverse();
    list.into_iter()
        .map(|s| SnapshotEntry {
            title: titles(&s.plan_id).unwrap_or_else(|| s.plan_id.clone()),
            at_ms: s.at_ms,
            snapshot: s,
        })
        .collect()
}

/// Offers a snapshot as a download.
pub fn export_snapshot(s: &Snapshot, title: &str) -> bool {
    let Some(text) = storage::snapshot_text(s) else {
        return false;
    };
    let name = format!(
        "{}-r{}-{}.json",
        download::file_stem(title),
        s.revision,
        clock::today()
    );
    download::download(&name, "application/json", &text).is_ok()
}

/// Offers the open plan as a download.
fn export_plan(board: &Board) -> bool {
    let (name, text) = board.with_plan(|p| {
        (
            format!("{}-{}.json", download::file_stem(&p.title), clock::today()),
            p.to_json_pretty(),
        )
    });
    download::download(&name, "application/json", &text).is_ok()
}

/// What the board shows of the file kept in step with the plan.
#[derive(Clone, Debug, PartialEq)]
pub enum FileStatus {
    /// No file is kept for this plan.
    None,
    /// Writing to `name`; `written` is when it was last written, if yet.
    Kept { name: String, written: Option<f64> },
    /// The browser needs the user's leave again (after a reload).
    NeedsLeave { name: String },
    /// The last write failed.
    Failed { name: String, why: FileError },
}

/// Storage as the browser reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct StorageReport {
    /// Whether the browser promised to keep this site's storage; `None`
    /// when it cannot say.
    pub persisted: Option<bool>,
    /// Bytes used and available, from `navigator.storage.estimate()`.
    pub estimate: Option<(f64, f64)>,
    /// Bytes this app holds in localStorage.
    pub local_bytes: usize,
}

/// The safekeeping of the open plan: its kept file, the browser's promise
/// to keep storage, and the reminder.
#[derive(Clone, Copy)]
pub struct Keeper {
    board: Board,
    /// Whether this browser can keep a file in step (File System Access).
    pub file_supported: bool,
    /// Whether this browser can be asked to keep this site's storage.
    pub persist_supported: bool,
    file: RwSignal<FileStatus>,
    file_handle: StoredValue<Option<KeptFile>, LocalStorage>,
    /// A write is under way / another is wanted when it ends.
    writing: StoredValue<Writing>,
    write_timer: StoredValue<Option<TimeoutHandle>>,
    /// Whether the browser was asked to persist this session.
    asked: StoredValue<bool>,
    report: RwSignal<StorageReport>,
    /// Changes exist only in this browser for too long.
    reminder: RwSignal<bool>,
}

/// Pause between a save and the write to the kept file.
const WRITE_DELAY: Duration = Duration::from_millis(700);

impl Keeper {
    /// Reads the kept file's state: none, in step, writing, failed.
    pub fn with_file<R>(&self, f: impl FnOnce(&FileStatus) -> R) -> R {
        self.file.with(f)
    }

    /// Reads what the browser says of this site's storage.
    pub fn with_report<R>(&self, f: impl FnOnce(&StorageReport) -> R) -> R {
        self.report.with(f)
    }

    /// Whether changes have stayed only in this browser for too long.
    pub fn reminder_due(&self) -> bool {
        self.reminder.get()
    }

    pub fn new(board: Board) -> Keeper {
        let keeper = Keeper {
            board,
            file_supported: keep_file::supported(),
            persist_supported: persist::supported(),
            file: RwSignal::new(FileStatus::None),
            file_handle: StoredValue::new_local(None),
            writing: StoredValue::new(Writing::Idle),
            write_timer: StoredValue::new(None),
            asked: StoredValue::new(false),
            report: RwSignal::new(StorageReport {
                persisted: None,
                estimate: None,
                local_bytes: 0,
            }),
            reminder: RwSignal::new(false),
        };
        // Follow the open plan: its file, its saves, its reminder.
        let plan_id = Memo::new(move |_| board.doc.header().with(|h| h.id.clone()));
        Effect::new(move |_| {
            let id = plan_id.get();
            keeper.follow_file(id);
            keeper.check_reminder();
        });
        Effect::new(move |first: Option<()>| {
            board.saving.saved().track();
            if first.is_some() {
                keeper.on_saved();
            }
        });
        // The reminder also comes while nobody touches the board.
        let tick =
            set_interval_with_handle(move || keeper.check_reminder(), Duration::from_secs(60)).ok();
        on_cleanup(move || {
            if let Some(t) = tick {
                t.clear();
            }
        });
        spawn_local(async move {
            let persisted = persist::persisted().await;
            keeper.report.update(|r| r.persisted = persisted);
        });
        keeper
    }

    fn open_plan(&self) -> (String, u64) {
        self.board
            .with_plan(|p| (p.id.clone(), p.revision.unwrap_or(0)))
    }

    /// After every save in the browser.
    fn on_saved(&self) {
        self.check_reminder();
        self.ask_to_persist();
        if self
            .file
            .with_untracked(|f| matches!(f, FileStatus::Kept { .. }))
        {
            self.schedule_write();
        }
    }

    /// On the first change of the session, asks the browser to keep this
    /// site's storage, and tells the user what it said (the first time, and
    /// whenever the answer changes; the plan list always shows it). A
    /// browser that cannot be asked is a warning of its own.
    fn ask_to_persist(&self) {
        if self.asked.get_value() {
            return;
        }
        self.asked.set_value(true);
        let keeper = *self;
        spawn_local(async move {
            let (answer, kind, message) = if keeper.persist_supported {
                if persist::persisted().await == Some(true) {
                    keeper.report.update(|r| r.persisted = Some(true));
                    return;
                }
                let granted = persist::persist().await;
                keeper.report.update(|r| r.persisted = granted);
                match granted {
                    Some(true) => (
                        "granted",
                        NoticeKind::Info,
                        Message::Persistence { granted: true },
                    ),
                    Some(false) => (
                        "refused",
                        NoticeKind::Warning,
                        Message::Persistence { granted: false },
                    ),
                    None => return,
                }
            } else {
                (
                    "unsupported",
                    NoticeKind::Warning,
                    Message::PersistenceUnsupported,
                )
            };
            // Said once, and again only when the browser's answer changes:
            // not a banner at every meeting.
            if storage::preference("persist-answer").as_deref() == Some(answer) {
                return;
            }
            storage::set_preference("persist-answer", answer);
            keeper.board.notices.notify(kind, message);
        });
    }

    /// Reads what the browser says of storage (for the plan list).
    pub fn refresh_report(&self) {
        let keeper = *self;
        keeper
            .report
            .update(|r| r.local_bytes = storage::bytes_used());
        spawn_local(async move {
            let estimate = persist::estimate().await;
            let persisted = persist::persisted().await;
            keeper.report.update(|r| {
                r.estimate = estimate;
                r.persisted = persisted.or(r.persisted);
            });
        });
    }

    /// Shows or hides the reminder for the open plan.
    pub fn check_reminder(&self) {
        let (id, _) = self.open_plan();
        let snoozed = storage::preference(&snooze_key(&id))
            .and_then(|v| v.parse::<u64>().ok())
            .map(|ms| ms as f64);
        let due =
            storage::file_state(&id).is_some_and(|s| s.reminder_due(clock::now_ms(), snoozed));
        if self.reminder.get_untracked() != due {
            self.reminder.set(due);
        }
    }

    /// "Later": the reminder comes back after a while.
    pub fn snooze(&self) {
        let (id, _) = self.open_plan();
        storage::set_preference(
            &snooze_key(&id),
            &((clock::now_ms() + SNOOZE_MS) as u64).to_string(),
        );
        self.check_reminder();
    }

    /// Offers the open plan as a download, and counts it as filed.
    pub fn export(&self) -> bool {
        let (_, revision) = self.open_plan();
        let ok = export_plan(&self.board);
        if ok {
            self.filed(revision);
        }
        ok
    }

    /// The open plan went into a file (export, standalone file).
    pub fn filed(&self, revision: u64) {
        let (id, current) = self.open_plan();
        mark_filed(&id, revision, current);
        self.check_reminder();
    }

    /// Looks up the file kept for plan `id` (after a start or a switch).
    fn follow_file(&self, id: String) {
        self.file_handle.set_value(None);
        self.file.set(FileStatus::None);
        if !self.file_supported {
            return;
        }
        let keeper = *self;
        spawn_local(async move {
            let Some(file) = KeptFile::remembered(&id).await else {
                return;
            };
            if keeper.open_plan().0 != id {
                return;
            }
            let name = file.name();
            let access = file.access(Prompt::No).await;
            keeper.file_handle.set_value(Some(file));
            match access {
                Access::Granted => {
                    keeper.file.set(FileStatus::Kept {
                        name,
                        written: None,
                    });
                    keeper.write_now();
                }
                Access::Ask | Access::Denied => keeper.file.set(FileStatus::NeedsLeave { name }),
            }
        });
    }

    /// Lets the user pick the file to keep the plan in, then writes it.
    pub fn pick_file(&self) {
        let keeper = *self;
        let (id, name) = self.board.with_plan(|p| {
            (
                p.id.clone(),
                format!("{}.json", download::file_stem(&p.title)),
            )
        });
        spawn_local(async move {
            match KeptFile::pick(&id, &name).await {
                Ok(Some(file)) => {
                    keeper.file.set(FileStatus::Kept {
                        name: file.name(),
                        written: None,
                    });
                    keeper.file_handle.set_value(Some(file));
                    keeper.write_now();
                }
                Ok(None) => {}
                Err(why) => keeper
                    .board
                    .notices
                    .notify(NoticeKind::Warning, Message::KeepFileFailed { why }),
            }
        });
    }

    /// After a reload the browser asks the user again before writing.
    pub fn resume(&self) {
        let keeper = *self;
        spawn_local(async move {
            let Some(file) = keeper.file_handle.get_value() else {
                return;
            };
            let name = file.name();
            match file.access(Prompt::Yes).await {
                Access::Granted => {
                    keeper.file.set(FileStatus::Kept {
                        name,
                        written: None,
                    });
                    keeper.write_now();
                }
                _ => keeper.file.set(FileStatus::Failed {
                    name,
                    why: FileError::NotAllowed,
                }),
            }
        });
    }

    /// Stops keeping the open plan in its file (the file stays as it is).
    pub fn stop(&self) {
        let (id, _) = self.open_plan();
        self.file_handle.set_value(None);
        self.file.set(FileStatus::None);
        spawn_local(async move { KeptFile::forget(&id).await });
    }

    fn schedule_write(&self) {
        if let Some(Some(t)) = self.write_timer.try_update_value(|t| t.take()) {
            t.clear();
        }
        let keeper = *self;
        let handle = set_timeout_with_handle(move || keeper.write_now(), WRITE_DELAY).ok();
        self.write_timer.set_value(handle);
    }

    /// Writes the whole plan to the kept file; one write at a time, and
    /// one more after it if the plan changed meanwhile.
    fn write_now(&self) {
        if self.writing.get_value() != Writing::Idle {
            self.writing.set_value(Writing::AgainAfter);
            return;
        }
        let Some(file) = self.file_handle.get_value() else {
            return;
        };
        self.writing.set_value(Writing::Once);
        let (id, revision, text) = self
            .board
            .with_plan(|p| (p.id.clone(), p.revision.unwrap_or(0), p.to_json_pretty()));
        let keeper = *self;
        spawn_local(async move {
            let result = file.write(&text).await;
            let again = keeper.writing.get_value() == Writing::AgainAfter;
            keeper.writing.set_value(Writing::Idle);
            // The plan may have been switched while writing.
            if keeper.open_plan().0 != id {
                return;
            }
            let name = file.name();
            match result {
                Ok(()) => {
                    let (_, current) = keeper.open_plan();
                    mark_filed(&id, revision, current);
                    keeper.file.set(FileStatus::Kept {
                        name,
                        written: Some(clock::now_ms()),
                    });
                    keeper.check_reminder();
                    if again {
                        keeper.write_now();
                    }
                }
                Err(why) => keeper.file.set(FileStatus::Failed { name, why }),
            }
        });
    }
}

fn snooze_key(plan_id: &str) -> String {
    format!("remind-later:{plan_id}")
}

/// Why the file could not be picked or written, in `lang`: the browser's
/// name for it, then what it means.
pub fn file_error_words(lang: Lang, e: &FileError) -> String {
    let words = match e {
        FileError::Gone => lang.t(Key::FileGone).to_string(),
        FileError::NotAllowed => lang.t(Key::FileNotAllowed).to_string(),
        FileError::Full => lang.t(Key::FileDiskFull).to_string(),
        FileError::Other { message, .. } => message.clone(),
    };
    if words.is_empty() {
        e.code().to_string()
    } else {
        format!("{} ({words})", e.code())
    }
}

/// Where the kept file's writing stands: one write at a time, and one
/// more after it when the plan changed meanwhile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Writing {
    Idle,
    Once,
    AgainAfter,
}
