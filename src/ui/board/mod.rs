//! The board: columns, cards, linking by drag or keyboard (and the amount
//! it asks), the lines between linked cards, selection and the grouping and
//! filter controls. It may use `edit`, `state` and `dom`, not the views
//! above it.

pub mod card;
pub mod column;
pub mod connectors;
pub mod controls;
pub mod figure;
pub mod link_dialog;
pub mod linker;
pub mod selection;
pub mod view;
