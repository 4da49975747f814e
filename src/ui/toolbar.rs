use super::state::{Board, Message, NoticeKind, SaveState};
use crate::i18n::{Key, Lang};
use crate::io::{clock, download, storage};
use crate::model::{new_plan, Command};
use leptos::prelude::*;

/// The app's actions: new plan, undo, redo, export, language.
#[component]
pub fn Toolbar() -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<RwSignal<Lang>>();
    let t = move |key| lang.get().t(key);

    let start_new = move |_| {
        let now = clock::now_rfc3339();
        let year = clock::this_year() + 1;
        let title = format!("{year} {}", lang.get_untracked().t(Key::NewPlanTitle));
        let plan = new_plan(clock::new_uuid(), title, year, &now);
        if board.dispatch(Command::ReplacePlan(Box::new(plan))).is_ok() {
            board.notify(NoticeKind::Info, Message::NewPlanStarted);
        }
    };
    let export = move |_| {
        let (name, text) = board.with_plan(|p| {
            (
                format!("{}-{}.json", download::file_stem(&p.title), clock::today()),
                p.to_json_pretty(),
            )
        });
        if download::download(&name, "application/json", &text).is_err() {
            board.notify(NoticeKind::Warning, Message::ExportFailed);
        }
    };
    let choose = move |l: Lang| {
        lang.set(l);
        storage::set_preference("lang", l.code());
    };
    let save_label = move || match board.save_state.get() {
        SaveState::Saved => t(Key::Saved),
        SaveState::Pending => t(Key::Unsaved),
        SaveState::Failed => t(Key::NotSaved),
    };

    view! {
        <header class="toolbar">
            <p class="app-name">{move || t(Key::AppName)}</p>
            <div class="actions">
                <button type="button" data-testid="new-plan" on:click=start_new>
                    {move || t(Key::NewPlan)}
                </button>
                <button
                    type="button"
                    data-testid="undo"
                    aria-keyshortcuts="Control+Z"
                    prop:disabled=move || !board.can_undo.get()
                    on:click=move |_| board.undo()
                >
                    {move || t(Key::Undo)}
                </button>
                <button
                    type="button"
                    data-testid="redo"
                    aria-keyshortcuts="Control+Shift+Z Control+Y"
                    prop:disabled=move || !board.can_redo.get()
                    on:click=move |_| board.redo()
                >
                    {move || t(Key::Redo)}
                </button>
                <button type="button" data-testid="export" on:click=export>
                    {move || t(Key::Export)}
                </button>
            </div>
            <p class="save-state" data-state=move || board.save_state.get().as_str()>
                {save_label}
            </p>
            <div class="language" data-testid="language" role="group" aria-label=move || t(Key::Language)>
                <button
                    type="button"
                    data-lang="zh-CN"
                    lang="zh-CN"
                    aria-pressed=move || (lang.get() == Lang::Zh).to_string()
                    on:click=move |_| choose(Lang::Zh)
                >
                    "中文"
                </button>
                <button
                    type="button"
                    data-lang="en"
                    lang="en"
                    aria-pressed=move || (lang.get() == Lang::En).to_string()
                    on:click=move |_| choose(Lang::En)
                >
                    "English"
                </button>
            </div>
        </header>
    }
}
