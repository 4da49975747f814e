//! The interface language: every view reads it, only the language switch
//! sets it.

use crate::i18n::Lang;
use leptos::prelude::*;

/// The language in use, read-only; shared through context.
#[derive(Clone, Copy)]
pub struct Language(RwSignal<Lang>);

/// The one way the language changes; the toolbar's switch holds it.
#[derive(Clone, Copy)]
pub struct LanguageSwitch(RwSignal<Lang>);

impl Language {
    /// The language, starting at `lang`, and the switch that changes it.
    pub fn new(lang: Lang) -> (Language, LanguageSwitch) {
        let signal = RwSignal::new(lang);
        (Language(signal), LanguageSwitch(signal))
    }

    /// The language in use (tracked).
    pub fn get(&self) -> Lang {
        self.0.get()
    }

    /// The language in use, read without tracking.
    pub fn get_untracked(&self) -> Lang {
        self.0.get_untracked()
    }
}

impl LanguageSwitch {
    /// Switches the interface to `lang`.
    pub fn choose(&self, lang: Lang) {
        self.0.set(lang);
    }
}
