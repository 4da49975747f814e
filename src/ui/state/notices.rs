//! What the board tells the user: notices (banners) and the line the
//! screen reader hears after a change. Only these methods write them.

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Warning,
}

/// What a notice says; the words come from the language in use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    /// The stored plan did not open: why, and the key its text is kept under.
    StoredPlanUnreadable {
        error: crate::model::LoadError,
        kept_under: String,
    },
    NewPlanStarted,
    ExportFailed,
    UpdatedElsewhere,
    /// Another window's changes were merged with this window's.
    MergedElsewhere,
    /// The plan inside a standalone file did not open.
    EmbeddedUnreadable {
        error: crate::model::LoadError,
    },
    StandaloneFailed {
        error: crate::io::standalone::StandaloneError,
    },
    /// What the browser answered when asked to keep this site's storage.
    Persistence {
        granted: bool,
    },
    /// The browser cannot be asked to keep this site's storage.
    PersistenceUnsupported,
    /// A change the plan's rules refused.
    Refused {
        error: crate::model::CommandError,
    },
    /// An undo or redo step that no longer applies: the plan stayed as it
    /// was and the step left the history.
    StepRefused {
        step: Step,
        error: crate::model::CommandError,
    },
    /// A stored plan or earlier version to open is gone (`None`) or no
    /// longer opens; nothing was changed.
    NotOpened {
        error: Option<crate::model::LoadError>,
    },
    /// The file to keep the plan in could not be picked.
    KeepFileFailed {
        why: crate::io::keep_file::FileError,
    },
}

/// Which way through the history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Undo,
    Redo,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub id: u32,
    pub kind: NoticeKind,
    pub message: Message,
}

#[derive(Clone, Copy)]
pub struct Notices {
    list: RwSignal<Vec<Notice>>,
    announcement: RwSignal<String>,
}

impl Notices {
    pub fn new(initial: Vec<Notice>) -> Notices {
        Notices {
            list: RwSignal::new(initial),
            announcement: RwSignal::new(String::new()),
        }
    }

    /// The notices shown, oldest first.
    pub fn list(&self) -> ReadSignal<Vec<Notice>> {
        self.list.read_only()
    }

    /// What the screen reader heard last.
    pub fn announcement(&self) -> ReadSignal<String> {
        self.announcement.read_only()
    }

    /// Shows `message` (once: the same message replaces an earlier one).
    pub fn notify(&self, kind: NoticeKind, message: Message) {
        self.list.update(|list| {
            let id = list.iter().map(|n| n.id).max().unwrap_or(0) + 1;
            list.retain(|n| n.message != message);
            list.push(Notice { id, kind, message });
        });
    }

    pub fn dismiss(&self, id: u32) {
        self.list.update(|list| list.retain(|n| n.id != id));
    }

    /// Tells the screen reader what just changed.
    pub fn announce(&self, text: String) {
        self.announcement.set(text);
    }
}
