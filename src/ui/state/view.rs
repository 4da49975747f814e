//! How the board is looked at, not what the plan holds: grouping and
//! filter (changed through `Board`, since they lay the columns out anew),
//! the selected card, presentation mode and which view is shown.

use crate::model::view::{Filter, Grouping};
use crate::model::ItemId;
use leptos::prelude::*;

/// Which view fills the workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    Board,
    Balance,
    Matrix,
    Map,
}

impl ViewState {
    /// Shows `view`, or the board again when it is already shown.
    pub fn toggle(&self, view: Shown) {
        self.shown
            .update(|s| *s = if *s == view { Shown::Board } else { view });
    }

    pub fn showing(&self, view: Shown) -> bool {
        self.shown.get() == view
    }
}

#[derive(Clone, Copy)]
pub struct ViewState {
    grouping: RwSignal<Grouping>,
    filter: RwSignal<Filter>,
    /// Presentation mode: large type, high contrast, stepping unit by unit.
    pub present: RwSignal<bool>,
    /// The column presentation mode is showing (its id).
    pub current_column: RwSignal<Option<String>>,
    /// What is shown in place of the board, if anything: the balance,
    /// the linkage matrix or the district map.
    pub shown: RwSignal<Shown>,
    /// The card whose links are shown.
    pub selected: RwSignal<Option<ItemId>>,
    /// A card to bring into view in its column (a long column renders
    /// only what is in view).
    pub reveal: RwSignal<Option<ItemId>>,
    /// A card the user asked to start a link from, to tap its target next
    /// (the selected card's panel asks; the board's linker takes it up).
    pub link_from: RwSignal<Option<ItemId>>,
}

impl ViewState {
    pub fn new() -> ViewState {
        ViewState {
            grouping: RwSignal::new(Grouping::Unit),
            filter: RwSignal::new(Filter::default()),
            present: RwSignal::new(false),
            current_column: RwSignal::new(None),
            shown: RwSignal::new(Shown::Board),
            selected: RwSignal::new(None),
            reveal: RwSignal::new(None),
            link_from: RwSignal::new(None),
        }
    }

    pub fn grouping(&self) -> ReadSignal<Grouping> {
        self.grouping.read_only()
    }

    pub fn filter(&self) -> ReadSignal<Filter> {
        self.filter.read_only()
    }

    /// Sets the grouping; true when it changed.
    pub(super) fn set_grouping(&self, grouping: Grouping) -> bool {
        let changed = self.grouping.get_untracked() != grouping;
        if changed {
            self.grouping.set(grouping);
        }
        changed
    }

    /// Sets the filter; true when it changed.
    pub(super) fn set_filter(&self, filter: Filter) -> bool {
        let changed = self.filter.with_untracked(|f| f != &filter);
        if changed {
            self.filter.set(filter);
        }
        changed
    }

    /// Forgets the selected card when it is no longer in the plan.
    pub(super) fn forget_missing(&self, exists: impl Fn(&ItemId) -> bool) {
        if let Some(id) = self.selected.get_untracked() {
            if !exists(&id) {
                self.selected.set(None);
            }
        }
    }
}

impl Default for ViewState {
    fn default() -> Self {
        ViewState::new()
    }
}
