use crate::i18n::{Key, Lang};
use crate::io::standalone::StandaloneError;
use crate::io::storage::StorageError;
use crate::model::returns::Record;
use crate::model::windows::conflicts;
use crate::model::{Change, Choice, ItemId};
use crate::ui::keeping::keeper::{file_error_words, FileStatus, Keeper};
use crate::ui::state::Language;
use crate::ui::state::{Board, KeepCopy, Message, NoticeKind, Step, WindowMergeError};
use leptos::prelude::*;

/// The records this window and another both changed, each with both
/// values and a choice, then one button to merge.
#[component]
fn WindowConflicts() -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let refused: RwSignal<Option<WindowMergeError>> = RwSignal::new(None);
    let name_of = move |lang: Lang, change: &Change| {
        let record = change.ours.as_ref().or(change.theirs.as_ref());
        match record {
            Some(Record::Item(i)) => i.title.clone(),
            Some(Record::Unit(u)) => lang.unit_name(u),
            Some(Record::Stage(s)) => lang.stage_name(s),
            Some(Record::Link(l)) => board.with_plan(|p| {
                let title = |id: &ItemId| p.item(id).map(|i| i.title.clone()).unwrap_or_default();
                format!("{} → {}", title(&l.source), title(&l.target))
            }),
            None => change.id.clone(),
        }
    };
    move || {
        let lang = lang.get();
        board.window_question().with(|q| {
            let q = q.as_ref()?;
            let rows = conflicts(&q.preview)
                .map(|c| {
                    let key = c.key();
                    let (collection, id) = (c.collection, c.id.clone());
                    let id2 = id.clone();
                    let chosen = c.choice;
                    let fields = c
                        .fields
                        .iter()
                        .map(|f| {
                            view! {
                                <li>
                                    {lang.record_field(&f.field)} ": "
                                    <span class="mine">{lang.t(Key::Mine)} " " {lang.field_value(&f.field, f.before.as_ref())}</span>
                                    " · "
                                    <span class="theirs">{lang.t(Key::Theirs)} " " {lang.field_value(&f.field, f.after.as_ref())}</span>
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <li data-conflict=key>
                            <strong>{name_of(lang, c)}</strong>
                            <ul>{fields}</ul>
                            <button type="button" data-keep="ours" aria-pressed=(chosen == Choice::KeepOurs).to_string()
                                on:click=move |_| board.choose_in_window_merge(collection, &id, Choice::KeepOurs)>
                                {lang.t(Key::KeepThisWindow)}
                            </button>
                            <button type="button" data-keep="theirs" aria-pressed=(chosen == Choice::TakeTheirs).to_string()
                                on:click=move |_| board.choose_in_window_merge(collection, &id2, Choice::TakeTheirs)>
                                {lang.t(Key::TakeOtherWindow)}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            let settled = q.preview.unsettled().next().is_none();
            Some(view! {
                <div class="window-conflicts">
                    <p>{lang.t(Key::BothChanged)}</p>
                    <ul>{rows}</ul>
                    <button type="button" class="primary" data-testid="window-merge" prop:disabled=!settled
                        on:click=move |_| refused.set(board.finish_window_merge().err())>
                        {lang.t(Key::MergeWindows)}
                    </button>
                    {move || refused.get().map(|e| view! {
                        <span class="field-error">{match &e {
                            WindowMergeError::Merge(e) => lang.return_error(e),
                            WindowMergeError::Refused(e) => lang.command_error(e),
                        }}</span>
                    })}
                </div>
            })
        })
    }
}

fn words(lang: Lang, message: &Message) -> String {
    match message {
        Message::StoredPlanUnreadable { error, kept_under } => format!(
            "{}: {} {} \"{kept_under}\". {}",
            lang.t(Key::StoredPlanUnreadable),
            lang.load_error(error),
            lang.t(Key::StoredTextKept),
            lang.t(Key::DemoOpened)
        ),
        Message::NewPlanStarted => lang.t(Key::NewPlanStarted).to_string(),
        Message::ExportFailed => lang.t(Key::ExportFailed).to_string(),
        Message::UpdatedElsewhere => lang.t(Key::UpdatedElsewhere).to_string(),
        Message::MergedElsewhere => lang.t(Key::MergedElsewhere).to_string(),
        Message::EmbeddedUnreadable { error } => {
            format!(
                "{}: {}",
                lang.t(Key::EmbeddedUnreadable),
                lang.load_error(error)
            )
        }
        Message::StandaloneFailed { error } => {
            format!(
                "{}: {}",
                lang.t(Key::StandaloneFailed),
                standalone_words(lang, error)
            )
        }
        Message::Persistence { granted: true } => lang.t(Key::PersistGranted).to_string(),
        Message::Persistence { granted: false } => lang.t(Key::PersistRefused).to_string(),
        Message::PersistenceUnsupported => lang.t(Key::PersistNoPromise).to_string(),
        Message::KeepFileFailed { why } => {
            format!(
                "{}: {}",
                lang.t(Key::KeepFileFailed),
                file_error_words(lang, why)
            )
        }
        Message::Refused { error } => lang.command_error(error),
        Message::NotOpened { error } => match error {
            None => lang.t(Key::NotOpenedGone).to_string(),
            Some(error) => format!("{} {}", lang.t(Key::NotOpened), lang.load_error(error)),
        },
        Message::StepRefused { step, error } => format!(
            "{}: {}",
            lang.t(match step {
                Step::Undo => Key::UndoRefused,
                Step::Redo => Key::RedoRefused,
            }),
            lang.command_error(error)
        ),
    }
}

/// Warnings and news for the user, each with a way to dismiss it; a failed
/// save stays on screen until a save succeeds.
#[component]
pub fn Notices() -> impl IntoView {
    let board = expect_context::<Board>();
    let keeper = expect_context::<Keeper>();
    let lang = expect_context::<Language>();
    let save_problem = move || {
        let lang = lang.get();
        board.saving.error().get().map(|e| match e {
            StorageError::Full => lang.t(Key::StorageFull).to_string(),
            StorageError::Failed(why) => format!("{}: {why}", lang.t(Key::StorageFailed)),
        })
    };
    view! {
        <div class="notices">
            <Show when=move || board.saving.error().with(Option::is_some)>
                <p class="notice warning" role="alert" data-testid="save-failed">
                    <span>{save_problem}</span>
                    <button type="button" data-testid="export-now" on:click=move |_| {
                        keeper.export();
                    }>
                        {move || lang.get().t(Key::Export)}
                    </button>
                </p>
            </Show>
            <Show when=move || keeper.with_file(|f| matches!(f, FileStatus::Failed { .. }))>
                <p class="notice warning" role="alert" data-testid="file-write-failed">
                    <span>{move || {
                        let lang = lang.get();
                        keeper.with_file(|f| match f {
                            FileStatus::Failed { name, why } => {
                                format!("{} {name}: {}", lang.t(Key::FileWriteFailed), file_error_words(lang, why))
                            }
                            _ => String::new(),
                        })
                    }}</span>
                    <button type="button" data-testid="notice-pick-again" on:click=move |_| keeper.pick_file()>
                        {move || lang.get().t(Key::PickAgain)}
                    </button>
                    <button type="button" on:click=move |_| keeper.stop()>
                        {move || lang.get().t(Key::StopKeeping)}
                    </button>
                </p>
            </Show>
            <Show when=move || keeper.reminder_due()>
                <p class="notice reminder" role="status" data-testid="reminder">
                    <span>{move || lang.get().t(Key::Reminder)}</span>
                    <button type="button" data-testid="reminder-export" on:click=move |_| {
                        keeper.export();
                    }>
                        {move || lang.get().t(Key::Export)}
                    </button>
                    <Show when=move || keeper.file_supported>
                        <button type="button" data-testid="reminder-keep" on:click=move |_| keeper.pick_file()>
                            {move || lang.get().t(Key::KeepInFile)}
                        </button>
                    </Show>
                    <button type="button" data-testid="reminder-later" on:click=move |_| keeper.snooze()>
                        {move || lang.get().t(Key::Later)}
                    </button>
                </p>
            </Show>
            <Show when=move || board.saving.conflict().with(Option::is_some)>
                <p class="notice warning" role="alert" data-testid="conflict">
                    <span>{move || lang.get().t(Key::Conflict)}</span>
                    <WindowConflicts/>
                    <button type="button" data-testid="load-newer" on:click=move |_| board.load_newer()>
                        {move || lang.get().t(Key::LoadNewer)}
                    </button>
                    <button type="button" data-testid="keep-mine" on:click=move |_| {
                        board.keep_mine_as_copy(lang.get_untracked().t(Key::MineSuffix));
                    }>
                        {move || lang.get().t(Key::KeepMine)}
                    </button>
                </p>
            </Show>
            <Show when=move || board.embedded_question().with(Option::is_some)>
                <p class="notice warning" role="alert" data-testid="embedded-question">
                    <span>{move || lang.get().t(Key::EmbeddedOlder)}</span>
                    <button type="button" data-testid="keep-browser" on:click=move |_| board.answer_embedded(KeepCopy::Browser)>
                        {move || lang.get().t(Key::KeepBrowser)}
                    </button>
                    <button type="button" data-testid="open-file-copy" on:click=move |_| board.answer_embedded(KeepCopy::File)>
                        {move || lang.get().t(Key::OpenFileCopy)}
                    </button>
                </p>
            </Show>
            <For each=move || board.notices.list().get() key=|n| n.id let:notice>
                <p
                    class="notice"
                    class:warning=notice.kind == NoticeKind::Warning
                    role=if notice.kind == NoticeKind::Warning { "alert" } else { "status" }
                >
                    <span>{
                        let message = notice.message.clone();
                        move || words(lang.get(), &message)
                    }</span>
                    <button
                        type="button"
                        class="dismiss"
                        aria-label=move || lang.get().t(Key::Dismiss)
                        on:click=move |_| board.notices.dismiss(notice.id)
                    >
                        "×"
                    </button>
                </p>
            </For>
        </div>
    }
}

/// Why the standalone file could not be made, in `lang`.
fn standalone_words(lang: Lang, e: &StandaloneError) -> String {
    match e {
        StandaloneError::NotFetched => lang.t(Key::StandaloneNotFetched).to_string(),
        StandaloneError::Missing { status } => lang
            .t(Key::StandaloneMissing)
            .replace("{status}", &status.to_string()),
        StandaloneError::NotText | StandaloneError::NoPlace => {
            lang.t(Key::StandaloneNotAPage).to_string()
        }
        StandaloneError::NoDownload => lang.t(Key::ExportFailed).to_string(),
    }
}
