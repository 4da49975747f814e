use crate::i18n::Key;
use crate::ui::state::Language;
use leptos::prelude::*;

/// One tally figure: its label, the amount as people read it, and the
/// exact yuan in `data-value` for whoever checks the board.
#[component]
pub fn Figure(
    /// `plan`, `unit:<id>` or `item:<id>`.
    scope: String,
    /// `budget`, `demand`, `received`, ...
    field: &'static str,
    label: Key,
    #[prop(into)] value: Signal<i128>,
    /// Marks the figure as a warning when true.
    #[prop(optional, into)]
    warn: Option<Signal<bool>>,
) -> impl IntoView {
    let lang = expect_context::<Language>();
    let tally = format!("{scope}:{field}");
    view! {
        <div
            class="figure"
            class:warn=move || warn.is_some_and(|w| w.get())
            data-field=field
        >
            <dt>{move || lang.get().t(label)}</dt>
            <dd data-tally=tally data-value=move || crate::model::plain(value.get())>
                {move || lang.get().amount(value.get())}
            </dd>
        </div>
    }
}
