//! The question before typed text is thrown away: a dialog with unsaved
//! changes closes only after "Discard changes?" is answered.

use crate::i18n::Key;
use crate::ui::dialog::{Modal, Role};
use crate::ui::state::Language;
use leptos::prelude::*;

/// Shown while `asking`; `explain` says what would be lost; `on_discard`
/// closes the dialog it guards.
#[component]
pub fn DiscardQuestion(
    asking: RwSignal<bool>,
    explain: Key,
    on_discard: Callback<()>,
) -> impl IntoView {
    let lang = expect_context::<Language>();
    let t = move |k| lang.get().t(k);
    view! {
        <Show when=move || asking.get()>
            <Modal on_close=Callback::new(move |_| asking.set(false)) labelledby="discard-title" role=Role::AlertDialog class="confirm-dialog">
                <h2 id="discard-title">{move || t(Key::DiscardQuestion)}</h2>
                <p>{move || t(explain)}</p>
                <div class="dialog-actions">
                    <button type="button" class="danger" data-testid="discard-confirm" on:click=move |_| {
                        asking.set(false);
                        on_discard.run(());
                    }>{move || t(Key::Discard)}</button>
                    <button type="button" class="primary" data-testid="keep-editing" data-autofocus="" on:click=move |_| asking.set(false)>
                        {move || t(Key::KeepEditing)}
                    </button>
                </div>
            </Modal>
        </Show>
    }
}
