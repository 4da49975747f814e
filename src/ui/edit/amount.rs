//! What an amount field means, said next to it: the unit it is typed in,
//! and, live, what the text typed so far will be read as ("= 30 元",
//! "= 12.5万元") or which part of it does not read.

use crate::i18n::{Key, Lang};
use crate::model::{Amount, AmountError};
use crate::ui::state::Language;
use leptos::prelude::*;

/// The line under an amount field.
#[component]
pub fn AmountReading(#[prop(into)] text: Signal<String>, testid: &'static str) -> impl IntoView {
    let lang = expect_context::<Language>();
    let reading = move || {
        let lang = lang.get();
        text.with(|t| {
            if t.trim().is_empty() {
                return (false, String::new());
            }
            match Amount::parse(t) {
                Ok(a) => (false, lang.amount_reading(a)),
                Err(e) => (true, lang.amount_error_text(&e)),
            }
        })
    };
    view! {
        <span class="amount-reading" class:refused=move || reading().0 data-testid=testid aria-live="polite">
            {move || reading().1}
        </span>
    }
}

/// "Budget (yuan)": an amount field's label with the unit it is typed in.
pub fn label_with_unit(lang: Lang, label: Key) -> String {
    format!("{} ({})", lang.t(label), lang.t(Key::TypedInYuan))
}

/// An amount field: its label with the unit, the input (`children`), the
/// live reading, an optional hint, and the refusal when a value did not read.
#[component]
pub fn AmountField(
    label: Key,
    text: RwSignal<String>,
    error: RwSignal<Option<AmountError>>,
    reading_testid: &'static str,
    #[prop(optional)] hint: Option<Key>,
    #[prop(optional)] error_testid: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let lang = expect_context::<Language>();
    view! {
        <label class="field" class:invalid=move || error.with(Option::is_some)>
            <span>{move || label_with_unit(lang.get(), label)}</span>
            {children()}
            <AmountReading text=text testid=reading_testid/>
            {hint.map(|k| view! { <span class="hint">{move || lang.get().t(k)}</span> })}
            <Show when=move || error.with(Option::is_some)>
                <span class="field-error" role="alert" data-testid=error_testid>
                    {move || error.get().map(|e| lang.get().amount_error_text(&e))}
                </span>
            </Show>
        </label>
    }
}
