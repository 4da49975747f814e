//! Editing one card: the card editor and the panel with a card's links.
//! It may use `state` and `dom` only.

pub mod amount;
pub mod card_editor;
pub mod details;
pub mod discard;
