//! The board: columns, cards, linking by drag, tap or keyboard (and the
//! amount it asks), the lines between linked cards, selection, the grouping
//! and filter controls, and on a phone one unit at a time with a picker. It
//! may use `edit`, `state` and `dom`, not the views above it.

pub mod card;
pub mod column;
pub mod connectors;
pub mod controls;
pub mod figure;
pub mod link_dialog;
pub mod linker;
pub mod paging;
pub mod selection;
pub mod unit_picker;
pub mod view;
