//! Text typed and not yet in the plan: which editors hold some, so that
//! leaving the page asks first (`beforeunload`). Each editor says whether
//! it holds a draft under a name of its own and lets go when it closes;
//! a field being typed in counts too, from the value it had when it took
//! the focus.

use leptos::prelude::*;
use std::collections::BTreeSet;

#[derive(Clone, Copy)]
pub struct Drafts {
    held: StoredValue<BTreeSet<&'static str>>,
    /// The focused text field's value when it took the focus.
    focused_from: StoredValue<Option<String>>,
}

impl Drafts {
    pub fn new() -> Drafts {
        Drafts {
            held: StoredValue::new(BTreeSet::new()),
            focused_from: StoredValue::new(None),
        }
    }

    /// Whether the editor `who` holds unsaved text.
    pub fn hold(&self, who: &'static str, unsaved: bool) {
        self.held.update_value(|h| {
            if unsaved {
                h.insert(who);
            } else {
                h.remove(who);
            }
        });
    }

    /// A text field took the focus holding `value` (`None`: not a text field).
    pub fn focused(&self, value: Option<String>) {
        self.focused_from.set_value(value);
    }

    /// Whether anything typed would be lost if the page went now; `now` is
    /// the focused text field's value, if one has the focus.
    pub fn unsaved(&self, now: Option<String>) -> bool {
        let typing = match (now, self.focused_from.get_value()) {
            (Some(now), Some(from)) => now != from,
            _ => false,
        };
        typing || self.held.with_value(|h| !h.is_empty())
    }
}

impl Default for Drafts {
    fn default() -> Self {
        Drafts::new()
    }
}
