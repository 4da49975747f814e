use super::state::{Board, Message, NoticeKind, SaveState};
use crate::i18n::{Key, Lang};
use crate::io::storage::StorageError;
use leptos::prelude::*;

fn words(lang: Lang, message: &Message) -> String {
    match message {
        Message::StoredPlanUnreadable { error, kept_under } => format!(
            "{}: {error} {} \"{kept_under}\". {}",
            lang.t(Key::StoredPlanUnreadable),
            lang.t(Key::StoredTextKept),
            lang.t(Key::DemoOpened)
        ),
        Message::NewPlanStarted => lang.t(Key::NewPlanStarted).to_string(),
        Message::ExportFailed => lang.t(Key::ExportFailed).to_string(),
    }
}

/// Warnings and news for the user, each with a way to dismiss it; a failed
/// save stays on screen until a save succeeds.
#[component]
pub fn Notices() -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<RwSignal<Lang>>();
    let save_problem = move || {
        let lang = lang.get();
        board.save_error.get().map(|e| match e {
            StorageError::Full => lang.t(Key::StorageFull).to_string(),
            StorageError::Failed(why) => format!("{}: {why}", lang.t(Key::StorageFailed)),
        })
    };
    view! {
        <div class="notices">
            <Show when=move || board.save_state.get() == SaveState::Failed>
                <p class="notice warning" role="alert" data-testid="save-failed">
                    {save_problem}
                </p>
            </Show>
            <For each=move || board.notices.get() key=|n| n.id let:notice>
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
                        on:click=move |_| board.dismiss(notice.id)
                    >
                        "×"
                    </button>
                </p>
            </For>
        </div>
    }
}
