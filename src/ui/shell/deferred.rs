//! The views the board does not need in order to show: set-up and New plan,
//! the preview of files opened, the matrix, the map, the summary, Plans
//! & files, and the comparison of versions. Each is built by a function that the build moves into a wasm
//! chunk of its own (`wasm_split_helpers`; `scripts/build-split.mjs`), so
//! the first load is the board alone. A chunk arrives the first time its
//! view is shown, or before: once the board shows, every chunk is fetched
//! when the browser is idle ([`prefetch_when_idle`]), so a laptop that loses
//! its network later still opens every view.
//!
//! A chunk that cannot be had leaves a message with Retry where its view
//! would be; nothing else changes. The single-file build (the `single` feature)
//! has no chunks: the same functions build their views at once.

use crate::i18n::Key;
use crate::ui::files::import::Importer;
use crate::ui::files::plans::PlansPanel;
use crate::ui::files::preview::ImportDialog;
use crate::ui::keeping::meeting::Comparing;
use crate::ui::meeting::balance::BalanceView;
use crate::ui::meeting::compare::CompareView;
use crate::ui::meeting::map::DistrictMap;
use crate::ui::meeting::matrix::MatrixView;
use crate::ui::setup::new_plan::NewPlanDialog;
use crate::ui::setup::panel::SetupPanel;
use crate::ui::state::Language;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// A view whose chunk could not be loaded.
pub struct Missing;

#[cfg(not(feature = "single"))]
impl From<wasm_split_helpers::SplitLoaderError> for Missing {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        Missing
    }
}

/// `split!(chunk, fn name(args) { view })`: `name` builds the view from the
/// chunk `chunk` (loading it first). Without chunks it builds it at once.
macro_rules! split {
    ($chunk:ident, fn $name:ident($($arg:ident: $ty:ty),*) $body:block) => {
        #[cfg(not(feature = "single"))]
        #[wasm_split_helpers::wasm_split($chunk, fallible)]
        fn $name($($arg: $ty),*) -> Result<AnyView, Missing> {
            Ok($body)
        }

        #[cfg(feature = "single")]
        async fn $name($($arg: $ty),*) -> Result<AnyView, Missing> {
            Ok($body)
        }
    };
}

split!(
    matrix,
    fn matrix_view() {
        view! { <MatrixView/> }.into_any()
    }
);

split!(
    map,
    fn map_view() {
        view! { <DistrictMap/> }.into_any()
    }
);

split!(
    summary,
    fn summary_view() {
        view! { <BalanceView/> }.into_any()
    }
);

split!(
    setup,
    fn setup_view(open: RwSignal<bool>) {
        view! { <SetupPanel open/> }.into_any()
    }
);

split!(
    new_plan,
    fn new_plan_view(open: RwSignal<bool>) {
        view! { <NewPlanDialog open/> }.into_any()
    }
);

split!(
    preview,
    fn preview_view() {
        view! { <ImportDialog/> }.into_any()
    }
);

split!(
    plans,
    fn plans_view(open: RwSignal<bool>) {
        view! { <PlansPanel open/> }.into_any()
    }
);

split!(
    compare,
    fn compare_view() {
        view! { <CompareView/> }.into_any()
    }
);

/// What builds a deferred view: one type for every view, so the code that
/// waits for a chunk exists once in the first load, not once per view.
type Build = Arc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<AnyView, Missing>>>> + Send + Sync>;

fn build<Fut>(load: impl Fn() -> Fut + Send + Sync + 'static) -> Build
where
    Fut: Future<Output = Result<AnyView, Missing>> + 'static,
{
    Arc::new(move || Box::pin(load()))
}

/// Shows what `load` builds once its chunk is here; when the chunk cannot
/// be had, says so with Retry, which tries again.
fn deferred(load: Build) -> impl IntoView {
    let lang = expect_context::<Language>();
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                attempt.track();
                let built = send_wrapper::SendWrapper::new(load());
                Suspend::new(async move {
                    match built.await {
                        Ok(view) => view,
                        Err(Missing) => view! {
                            <p class="view-failed" role="alert" data-testid="view-failed">
                                {move || lang.get().t(Key::ViewNotLoaded)}
                                " "
                                <button
                                    type="button"
                                    data-testid="view-retry"
                                    on:click=move |_| attempt.update(|n| *n += 1)
                                >
                                    {move || lang.get().t(Key::Retry)}
                                </button>
                            </p>
                        }
                        .into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn Matrix() -> impl IntoView {
    deferred(build(matrix_view))
}

#[component]
pub fn Map() -> impl IntoView {
    deferred(build(map_view))
}

#[component]
pub fn Summary() -> impl IntoView {
    deferred(build(summary_view))
}

/// The views below take the toolbar's `open` as it is: the panel closes
/// itself through it.
#[component]
pub fn Setup(open: RwSignal<bool>) -> impl IntoView {
    deferred(build(move || setup_view(open)))
}

#[component]
pub fn NewPlan(open: RwSignal<bool>) -> impl IntoView {
    deferred(build(move || new_plan_view(open)))
}

/// The preview of files opened and the paste dialog, there only while one
/// of them is.
#[component]
pub fn Preview() -> impl IntoView {
    let importer = expect_context::<Importer>();
    view! {
        <Show when=move || importer.with_incoming(Option::is_some) || importer.pasting()>
            {deferred(build(preview_view))}
        </Show>
    }
}

/// Plans & files, there while it is open.
#[component]
pub fn Plans(open: RwSignal<bool>) -> impl IntoView {
    view! {
        <Show when=move || open.get()>
            {deferred(build(move || plans_view(open)))}
        </Show>
    }
}

/// The comparison of two versions and the decisions record, there while
/// it is open.
#[component]
pub fn Compare() -> impl IntoView {
    let comparing = expect_context::<Comparing>();
    view! {
        <Show when=move || comparing.shown()>
            {deferred(build(compare_view))}
        </Show>
    }
}

/// Fetches every chunk's bytes, all at once, as soon as the browser is idle
/// after the board shows (or half a second after, if it never is), then
/// marks the page: `<html data-chunks="ready">`, or `"missing"` when one
/// could not be had (its view fetches it again when opened). Nothing is
/// compiled here: a chunk is compiled when its view is first opened, so the
/// fetch takes no time from the board. (Fetching two seconds later instead
/// left a dialog opened before its chunk arrived without the focus.)
pub fn prefetch_when_idle() {
    when_idle(|| {
        leptos::task::spawn_local(async {
            #[cfg(not(feature = "single"))]
            let ready = crate::io::chunks::fetch_all().await;
            #[cfg(feature = "single")]
            let ready = true;
            if let Some(html) = document().document_element() {
                let said = if ready { "ready" } else { "missing" };
                let _ = html.set_attribute("data-chunks", said);
            }
        });
    });
}

/// Runs `f` when the browser has nothing else to do (at most half a second
/// later; after a moment where it cannot say).
fn when_idle(f: impl FnOnce() + 'static) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let w = window();
    let callback = Closure::once_into_js(f);
    let idle = js_sys::Reflect::get(&w, &"requestIdleCallback".into())
        .ok()
        .and_then(|v| v.dyn_into::<js_sys::Function>().ok());
    match idle {
        Some(idle) => {
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &"timeout".into(), &500.into());
            let _ = idle.call2(&w, &callback, &options);
        }
        None => {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.unchecked_ref(),
                100,
            );
        }
    }
}
