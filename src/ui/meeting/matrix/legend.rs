//! The coverage bands' legend, shared with the district map.

use crate::i18n::Key;
use crate::ui::state::Language;
use leptos::prelude::*;

/// The coverage bands and what they mean.
#[component]
pub fn Legend() -> impl IntoView {
    let lang = expect_context::<Language>();
    view! {
        <p class="legend coverage-legend" data-testid="coverage-legend">
            <span>{move || lang.get().t(Key::CoverageLegend)} ":"</span>
            {move || {
                crate::report::map::legend(lang.get())
                    .into_iter()
                    .map(|(b, label)| view! {
                        <span class="legend-item">
                            <span class=format!("swatch band-{b}")></span>
                            {label}
                        </span>
                    })
                    .collect_view()
            }}
        </p>
    }
}
