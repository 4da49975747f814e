//! The plan list's "Keeping it safe" part: what the browser promises about
//! storage and how full it is, the file kept in step with the plan, and the
//! earlier versions, each restorable (undoably) or exportable.

use crate::i18n::Key;
use crate::io::{clock, storage};
use crate::model::keeping::Snapshot;
use crate::model::{load_str, Command};
use crate::ui::keeping::keeper::file_error_words;
use crate::ui::keeping::keeper::{
    export_snapshot, snapshot_entries, FileStatus, Keeper, SnapshotEntry,
};
use crate::ui::keeping::meeting::{Comparing, Request};
use crate::ui::state::stored::Stored;
use crate::ui::state::Language;
use crate::ui::state::{Board, Message, NoticeKind};
use leptos::prelude::*;

/// A size in bytes as people read it.
fn size(bytes: f64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes.max(0.0);
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    let places = if unit == 0 || value >= 100.0 { 0 } else { 1 };
    format!("{} {}", crate::model::decimal(value, places), UNITS[unit])
}

#[component]
pub fn KeepingSection(plans: Signal<Vec<Stored>>) -> impl IntoView {
    let board = expect_context::<Board>();
    let keeper = expect_context::<Keeper>();
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    keeper.refresh_report();
    // Re-read on every save, so a restore or a new version shows at once.
    let versions = Memo::new(move |_| {
        board.saving.saved().track();
        board.doc.header().track();
        let open = board.with_plan(|p| (p.id.clone(), p.title.clone()));
        let stored = plans.get();
        snapshot_entries(&|id: &str| {
            if id == open.0 {
                return Some(open.1.clone());
            }
            stored.iter().find(|s| s.id == id).map(|s| s.title.clone())
        })
    });
    let persisted = move || {
        t(match keeper.with_report(|r| r.persisted) {
            Some(true) => Key::Persistent,
            Some(false) => Key::NotPersistent,
            None if !keeper.persist_supported => Key::PersistUnsupported,
            None => Key::PersistUnknown,
        })
    };
    let usage = move || {
        let lang = lang.get();
        keeper.with_report(|r| {
            let mut parts = Vec::new();
            if let Some((used, quota)) = r.estimate {
                parts.push(format!("{} {}", lang.t(Key::Used), size(used)));
                parts.push(format!("{} {}", lang.t(Key::Available), size(quota - used)));
            }
            parts.push(format!(
                "{} {}",
                lang.t(Key::PlansStored),
                size(r.local_bytes as f64)
            ));
            parts.join(" · ")
        })
    };
    view! {
        <h3>{move || t(Key::Safekeeping)}</h3>
        <dl class="keeping" data-testid="storage-report">
            <dt>{move || t(Key::BrowserStorage)}</dt>
            <dd data-testid="persistence" data-persisted=move || format!("{:?}", keeper.with_report(|r| r.persisted))>
                {persisted}
            </dd>
            <dd data-testid="storage-usage">{usage}</dd>
            <dt>{move || t(Key::KeepInFile)}</dt>
            <dd><KeptFileControls/></dd>
        </dl>
        <Show when=move || versions.with(|v| !v.is_empty())>
            <h3>{move || t(Key::Versions)}</h3>
            <p class="hint">{move || t(Key::VersionsHint)}</p>
            <ul class="plan-list" data-testid="versions">
                <For each=move || versions.get() key=|v| v.snapshot.name() let:v>
                    <Version v/>
                </For>
            </ul>
        </Show>
    }
}

/// One earlier version: restore it (undoable) or export it.
#[component]
fn Version(v: SnapshotEntry) -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    let snapshot: StoredValue<Snapshot> = StoredValue::new(v.snapshot.clone());
    let title = StoredValue::new(v.title.clone());
    let restore = move |_| {
        let plan = match snapshot
            .with_value(storage::snapshot_text)
            .map(|t| load_str(&t))
        {
            Some(Ok(plan)) => plan,
            Some(Err(error)) => {
                let error = Some(error);
                return board
                    .notices
                    .notify(NoticeKind::Warning, Message::NotOpened { error });
            }
            None => {
                return board
                    .notices
                    .notify(NoticeKind::Warning, Message::NotOpened { error: None })
            }
        };
        board.save_now();
        if let Err(error) = board.dispatch(Command::ReplacePlan(Box::new(plan))) {
            board
                .notices
                .notify(NoticeKind::Warning, Message::Refused { error });
        }
    };
    let export = move |_| {
        snapshot.with_value(|s| title.with_value(|t| export_snapshot(s, t)));
    };
    let comparing = expect_context::<Comparing>();
    let compare = move |_| {
        let lang = lang.get_untracked();
        let request = snapshot.with_value(|s| {
            let name = format!(
                "{} · r{} · {}",
                title.get_value(),
                s.revision,
                lang.date_time(clock::local(s.at_ms))
            );
            Request::Snapshot(s.clone(), name)
        });
        comparing.ask(request);
    };
    view! {
        <li class="plan-entry version" data-version=v.snapshot.name() data-plan=v.snapshot.plan_id.clone() data-revision=v.snapshot.revision>
            <p class="plan-entry-title">
                <strong>{v.title.clone()}</strong>
                " · r" {v.snapshot.revision} " · " {move || lang.get().date_time(clock::local(v.at_ms))}
            </p>
            <div class="plan-actions">
                <button type="button" data-action="restore" on:click=restore>{move || t(Key::Restore)}</button>
                <button type="button" data-action="export-version" on:click=export>{move || t(Key::Export)}</button>
                <button type="button" data-action="compare" aria-haspopup="dialog" on:click=compare>{move || t(Key::CompareWithNow)}</button>
            </div>
        </li>
    }
}

/// Pick, resume, re-pick or stop the file kept in step with the plan.
#[component]
pub fn KeptFileControls() -> impl IntoView {
    let keeper = expect_context::<Keeper>();
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    if !keeper.file_supported {
        return view! {
            <p class="hint" data-testid="keep-file-unsupported">{move || t(Key::KeepFileUnsupported)}</p>
        }
        .into_any();
    }
    let status = move || {
        let lang = lang.get();
        match keeper.with_file(FileStatus::clone) {
            FileStatus::None => view! {
                <p class="hint">{lang.t(Key::KeepFileHint)}</p>
                <button type="button" data-testid="keep-file" on:click=move |_| keeper.pick_file()>
                    {lang.t(Key::KeepInFile)}
                </button>
            }
            .into_any(),
            FileStatus::Kept { name, written } => view! {
                <p data-testid="kept-file" data-file=name.clone()>
                    {lang.t(Key::KeptIn)} " " <strong>{name.clone()}</strong> " · "
                    {written.map_or_else(
                        || lang.t(Key::NotWrittenYet).to_string(),
                        |w| format!("{} {}", lang.t(Key::LastWritten), lang.date_time(clock::local(w))),
                    )}
                </p>
                <button type="button" data-testid="stop-keeping" on:click=move |_| keeper.stop()>
                    {lang.t(Key::StopKeeping)}
                </button>
            }
            .into_any(),
            FileStatus::NeedsLeave { name } => view! {
                <button type="button" data-testid="resume-file" on:click=move |_| keeper.resume()>
                    {lang.t(Key::ResumeFile)} " " {name}
                </button>
            }
            .into_any(),
            FileStatus::Failed { name, why } => view! {
                <p class="warning" role="alert" data-testid="file-failed">
                    {lang.t(Key::FileWriteFailed)} " " <strong>{name}</strong> ": " {file_error_words(lang, &why)}
                </p>
                <button type="button" data-testid="pick-again" on:click=move |_| keeper.pick_file()>
                    {lang.t(Key::PickAgain)}
                </button>
            }
            .into_any(),
        }
    };
    view! { <div class="kept-file">{status}</div> }.into_any()
}
