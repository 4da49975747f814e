//! What an amount field means, said next to it: the unit it is typed in,
//! and, live, what the text typed so far will be read as ("= 30 元",
//! "= 12.5万元") or which part of it does not read.

use crate::i18n::{Key, Lang};
use crate::model::Amount;
use leptos::prelude::*;

/// The line under an amount field.
#[component]
pub fn AmountReading(#[prop(into)] text: Signal<String>, testid: &'static str) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
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
