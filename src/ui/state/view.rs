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

#[derive(Clone, Copy)]
pub struct ViewState {
    grouping: RwSignal<Grouping>,
    filter: RwSignal<Filter>,
    /// Presentation mode: large type, high contrast, stepping unit by unit.
    present: RwSignal<bool>,
    /// The column presentation mode is showing (its id).
    current_column: RwSignal<Option<String>>,
    /// What is shown in place of the board, if anything: the balance,
    /// the linkage matrix or the district map.
    shown: RwSignal<Shown>,
    /// The card whose links are shown.
    selected: RwSignal<Option<ItemId>>,
    /// A card to bring into view in its column (a long column renders
    /// only what is in view).
    reveal: RwSignal<Option<ItemId>>,
    /// A card the user asked to start a link from, to tap its target next
    /// (the selected card's panel asks; the board's linker takes it up).
    link_from: RwSignal<Option<ItemId>>,
    /// How many of the board's columns are drawn: none before the board
    /// first shows, then a few more each step of its first drawing, then
    /// all ([`ALL_COLUMNS`]), however often the board is shown again.
    columns_drawn: RwSignal<usize>,
}

/// Every column drawn: the board's first drawing is done.
pub const ALL_COLUMNS: usize = usize::MAX;

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
            columns_drawn: RwSignal::new(0),
        }
    }

    /// How many of the board's columns are drawn.
    pub fn columns_drawn(&self) -> usize {
        self.columns_drawn.get()
    }

    pub fn columns_drawn_untracked(&self) -> usize {
        self.columns_drawn.get_untracked()
    }

    pub fn draw_columns(&self, n: usize) {
        self.columns_drawn.set(n);
    }

    pub fn grouping(&self) -> ReadSignal<Grouping> {
        self.grouping.read_only()
    }

    pub fn filter(&self) -> ReadSignal<Filter> {
        self.filter.read_only()
    }

    /// Whether presentation mode is on.
    pub fn presenting(&self) -> bool {
        self.present.get()
    }

    /// Whether presentation mode is on, read without tracking.
    pub fn presenting_untracked(&self) -> bool {
        self.present.get_untracked()
    }

    /// Turns presentation mode on.
    pub fn present(&self) {
        self.present.set(true);
    }

    /// Turns presentation mode off.
    pub fn leave_presentation(&self) {
        self.present.set(false);
    }

    /// The column presentation mode (or the map) marks, by its id.
    pub fn current_column(&self) -> Option<String> {
        self.current_column.get()
    }

    /// The marked column, read without tracking.
    pub fn current_column_untracked(&self) -> Option<String> {
        self.current_column.get_untracked()
    }

    /// Whether the column `id` is the one presentation mode marks.
    pub fn is_current_column(&self, id: &str) -> bool {
        self.current_column.with(|c| c.as_deref() == Some(id))
    }

    /// Marks the column `id` as the one being talked about.
    pub fn show_column(&self, id: String) {
        self.current_column.set(Some(id));
    }

    /// Whether `view` fills the workspace.
    pub fn showing(&self, view: Shown) -> bool {
        self.shown.get() == view
    }

    /// Shows `view` in the workspace.
    pub fn show(&self, view: Shown) {
        self.shown.set(view);
    }

    /// Shows `view`, or the board again when it is already shown.
    pub fn toggle(&self, view: Shown) {
        self.shown
            .update(|s| *s = if *s == view { Shown::Board } else { view });
    }

    /// The card whose links are shown.
    pub fn selected(&self) -> Option<ItemId> {
        self.selected.get()
    }

    /// The selected card, read without tracking.
    pub fn selected_untracked(&self) -> Option<ItemId> {
        self.selected.get_untracked()
    }

    /// Whether the card `id` is the selected one.
    pub fn is_selected(&self, id: &ItemId) -> bool {
        self.selected.with(|s| s.as_ref() == Some(id))
    }

    /// Whether a card is selected.
    pub fn has_selection(&self) -> bool {
        self.selected.with(Option::is_some)
    }

    /// Selects the card `id` (its links show).
    pub fn select(&self, id: ItemId) {
        if self.selected.with_untracked(|s| s.as_ref() != Some(&id)) {
            self.selected.set(Some(id));
        }
    }

    /// Selects the card `id`, or nothing when it is the one selected.
    pub fn toggle_selection(&self, id: ItemId) {
        self.selected.update(|s| {
            *s = if s.as_ref() == Some(&id) {
                None
            } else {
                Some(id)
            }
        });
    }

    /// Closes the selected card's links.
    pub fn clear_selection(&self) {
        self.selected.set(None);
    }

    /// The card last asked to be brought into view in its column.
    pub fn revealed(&self) -> Option<ItemId> {
        self.reveal.get()
    }

    /// Brings the card `id` into view in its column, rendering it if its
    /// column is long.
    pub fn reveal(&self, id: ItemId) {
        self.reveal.set(Some(id));
    }

    /// Asks to start a link from the card `id`, its target tapped next.
    pub fn link_from(&self, id: ItemId) {
        self.link_from.set(Some(id));
    }

    /// Takes up the request to start a link (the linker does, and wakes
    /// when one comes).
    pub fn take_link_ask(&self) -> Option<ItemId> {
        let asked = self.link_from.get();
        if asked.is_some() {
            self.link_from.set(None);
        }
        asked
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
