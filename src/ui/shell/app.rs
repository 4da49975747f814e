use crate::i18n::Lang;
use crate::io::storage;
use crate::ui::board::connectors::Connectors;
use crate::ui::board::controls::BoardControls;
use crate::ui::board::link_dialog::LinkAmountDialog;
use crate::ui::board::linker::{LinkLayer, Linker};
use crate::ui::board::selection::Selection;
use crate::ui::board::unit_picker::UnitPicker;
use crate::ui::board::view::BoardView;
use crate::ui::dialog::dialog_open;
use crate::ui::dom;
use crate::ui::edit::card_editor::{CardEditor, CardEditorDialog};
use crate::ui::edit::details::DetailsPanel;
use crate::ui::files::import::{ImportSources, Importer};
use crate::ui::meeting::print::PrintDocument;
use crate::ui::shell::deferred;
use crate::ui::shell::history;
use crate::ui::shell::notices::Notices;
use crate::ui::shell::plan_bar::PlanBar;
use crate::ui::shell::restore::RestoreOffer;
use crate::ui::shell::toolbar::Toolbar;
use crate::ui::state::{Board, Drafts, Language, Shown, ALL_COLUMNS};
use leptos::ev;
use leptos::prelude::*;

/// The language in use: remembered, else the browser's, else English.
fn initial_lang() -> Lang {
    storage::preference("lang")
        .and_then(|code| Lang::from_code(&code))
        .or_else(|| {
            let nav = window().navigator();
            let mut codes: Vec<String> = nav
                .languages()
                .iter()
                .filter_map(|v| v.as_string())
                .collect();
            codes.extend(nav.language());
            codes.iter().find_map(|c| Lang::from_code(c))
        })
        .unwrap_or(Lang::En)
}

#[component]
pub fn App() -> impl IntoView {
    // Every view reads the language; only the toolbar's switch sets it.
    let (lang, switch) = Language::new(initial_lang());
    provide_context(lang);
    Effect::new(move || {
        let code = lang.get().code();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", code);
        }
    });

    // A first visit opens the demo in the reader's language.
    let first_lang = lang.get_untracked();
    let board = Board::start(move || crate::report::demo_plan_for(first_lang));
    provide_context(board);
    provide_context(crate::ui::keeping::keeper::Keeper::new(board));
    provide_context(CardEditor::new());
    let drafts = Drafts::new();
    provide_context(drafts);
    // This window's tag for the ids of the items and links it adds.
    let seed = (js_sys::Math::random() * 1_679_616.0) as u64;
    crate::model::ids::set_window_tag(&crate::model::ids::tag_of(seed));
    provide_context(Importer::new());
    provide_context(crate::ui::keeping::meeting::Comparing::new());
    provide_context(Linker::new());
    provide_context(Selection::new(board));

    // Undo and redo from anywhere but a text field.
    let keys = window_event_listener(ev::keydown, move |e| {
        let typing = dom::in_text_field(e.target());
        if typing || dialog_open() || dom::composing(&e) || !(e.ctrl_key() || e.meta_key()) {
            return;
        }
        match e.key().to_ascii_lowercase().as_str() {
            "z" if e.shift_key() => {
                e.prevent_default();
                history::redo(board, lang.get_untracked());
            }
            "z" => {
                e.prevent_default();
                history::undo(board, lang.get_untracked());
            }
            "y" => {
                e.prevent_default();
                history::redo(board, lang.get_untracked());
            }
            _ => {}
        }
    });
    // Nothing waits in a timer when the page goes away.
    let hide = window_event_listener(ev::pagehide, move |_| {
        if board.saving.has_pending() {
            board.save_now();
        }
    });
    // Text typed and not yet in the plan: leaving the page asks first.
    let focus_in = window_event_listener(ev::focusin, move |e| {
        drafts.focused(dom::text_value(e.target()));
    });
    let leaving = window_event_listener(ev::beforeunload, move |e| {
        let now = document()
            .active_element()
            .and_then(|el| dom::text_value(Some(el.into())));
        if drafts.unsaved(now) {
            e.prevent_default();
            e.set_return_value("unsaved");
        }
    });
    // Another window saved: take its newer revision in, or ask.
    let other_window = window_event_listener(ev::storage, move |e| {
        let Some(key) = e.key() else { return };
        if !key.contains(":rev:") {
            return;
        }
        let (Some(id), Some(rev)) = (
            crate::io::storage::plan_id_of_key(&key),
            e.new_value().and_then(|v| v.parse::<u64>().ok()),
        ) else {
            return;
        };
        board.stored_elsewhere(id, rev);
    });
    // The views kept out of the first load arrive once the board is drawn.
    Effect::new(move |fetched: Option<bool>| {
        if fetched == Some(true) {
            return true;
        }
        let drawn = board.view.columns_drawn() == ALL_COLUMNS;
        if drawn {
            deferred::prefetch_when_idle();
        }
        drawn
    });
    on_cleanup(move || {
        keys.remove();
        hide.remove();
        focus_in.remove();
        leaving.remove();
        other_window.remove();
    });

    // The plan is open. The page is drawn in the next task, and on a phone
    // the board's columns a few a task after that (`BoardView`): a slow
    // phone answers a tap between them, where one task for all of it held
    // the page for a quarter of a second.
    let drawing = RwSignal::new(false);
    set_timeout(move || drawing.set(true), std::time::Duration::ZERO);

    view! {
        <Show when=move || drawing.get()>
        <div class="app">
            <Toolbar switch/>
            <Notices/>
            <RestoreOffer/>
            <PlanBar/>
            <BoardControls/>
            <div class="workspace" class:hidden=move || !board.view.showing(Shown::Board)>
                <UnitPicker/>
                <BoardView/>
                <DetailsPanel/>
            </div>
            <Show when=move || board.view.showing(Shown::Balance)>
                <deferred::Summary/>
            </Show>
            <Show when=move || board.view.showing(Shown::Matrix)>
                <deferred::Matrix/>
            </Show>
            <Show when=move || board.view.showing(Shown::Map)>
                <deferred::Map/>
            </Show>
            <Connectors/>
            <LinkLayer/>
            <LinkAmountDialog/>
            <ImportSources/>
            <deferred::Preview/>
            <PrintDocument/>
            <deferred::Compare/>
            <CardEditorDialog/>
            <p class="visually-hidden" aria-live="polite" data-testid="announcer">
                {move || board.notices.announcement().get()}
            </p>
        </div>
        </Show>
    }
}
