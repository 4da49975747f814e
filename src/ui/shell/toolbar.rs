use crate::i18n::{Key, Lang};
use crate::io::storage;
use crate::ui::files::import::Importer;
use crate::ui::keeping::keeper::Keeper;
use crate::ui::meeting::present::{PresentToggle, ThemeSwitch};
use crate::ui::shell::deferred;
use crate::ui::shell::history;
use crate::ui::shell::menu::ActionsMenu;
use crate::ui::state::{Board, Message, NoticeKind, SaveState};
use crate::ui::state::{Language, LanguageSwitch};
use leptos::prelude::*;

/// The app's actions: new plan, set-up, undo, redo, export, language. On
/// a phone they are behind the menu button. `switch` is the one way
/// the interface language changes.
#[component]
pub fn Toolbar(switch: LanguageSwitch) -> impl IntoView {
    let board = expect_context::<Board>();
    let lang = expect_context::<Language>();
    let t = move |key| lang.get().t(key);

    let new_open = RwSignal::new(false);
    let setup_open = RwSignal::new(false);
    let importer = expect_context::<Importer>();
    let keeper = expect_context::<Keeper>();
    let plans_open = RwSignal::new(false);
    let export = move |_| {
        if !keeper.export() {
            board
                .notices
                .notify(NoticeKind::Warning, Message::ExportFailed);
        }
    };
    let choose = move |l: Lang| {
        switch.choose(l);
        storage::set_preference("lang", l.code());
    };
    let save_label = move || match board.saving.state().get() {
        SaveState::Saved => t(Key::Saved),
        SaveState::Pending => t(Key::Unsaved),
        SaveState::Failed => t(Key::NotSaved),
    };

    view! {
        <header class="toolbar">
            <p class="app-name">{move || t(Key::AppName)}</p>
            <ActionsMenu>
                <div class="actions">
                    <button
                        type="button"
                        data-testid="new-plan"
                        aria-haspopup="dialog"
                        aria-expanded=move || new_open.get().to_string()
                        on:click=move |_| new_open.update(|o| *o = !*o)
                    >
                        {move || t(Key::NewPlan)}
                    </button>
                    <button
                        type="button"
                        data-testid="plan-setup"
                        aria-controls="setup-panel"
                        aria-expanded=move || setup_open.get().to_string()
                        on:click=move |_| setup_open.update(|o| *o = !*o)
                    >
                        {move || t(Key::SetUp)}
                    </button>
                    <button
                        type="button"
                        data-testid="undo"
                        aria-keyshortcuts="Control+Z"
                        prop:disabled=move || !board.doc.can_undo().get()
                        on:click=move |_| { history::undo(board, lang.get_untracked()); }
                    >
                        {move || t(Key::Undo)}
                    </button>
                    <button
                        type="button"
                        data-testid="redo"
                        aria-keyshortcuts="Control+Shift+Z Control+Y"
                        prop:disabled=move || !board.doc.can_redo().get()
                        on:click=move |_| { history::redo(board, lang.get_untracked()); }
                    >
                        {move || t(Key::Redo)}
                    </button>
                    <button type="button" data-testid="export" on:click=export>
                        {move || t(Key::Export)}
                    </button>
                    <button type="button" data-testid="open-file"
                        on:click=move |_| {
                            if let Some(input) = document().get_element_by_id("import-input") {
                                wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&input).click();
                            }
                        }
                    >
                        {move || t(Key::OpenFile)}
                    </button>
                    <button type="button" data-testid="paste" on:click=move |_| importer.open_paste()>
                        {move || t(Key::PasteJson)}
                    </button>
                    <button type="button" data-testid="print" on:click=move |_| {
                        // Render the document first, then ask the browser.
                        if let Some(req) = use_context::<crate::ui::meeting::print::PrintRequest>() {
                            req.print();
                        }
                    }>
                        {move || t(Key::Print)}
                    </button>
                    <button
                        type="button"
                        data-testid="plans-toggle"
                        aria-pressed=move || plans_open.get().to_string()
                        on:click=move |_| plans_open.update(|o| *o = !*o)
                    >
                        {move || t(Key::Plans)}
                    </button>
                </div>
                <deferred::Plans open=plans_open/>
                <Show when=move || setup_open.get()>
                    <deferred::Setup open=setup_open/>
                </Show>
                <Show when=move || new_open.get()>
                    <deferred::NewPlan open=new_open/>
                </Show>
                <PresentToggle/>
                <ThemeSwitch/>
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
            </ActionsMenu>
            // After the actions in the markup (a phone shows it beside the
            // menu button); a wide screen shows it where it always was,
            // before the theme and the language.
            <p class="save-state" data-state=move || board.saving.state().get().as_str()>
                {save_label}
            </p>
        </header>
    }
}
