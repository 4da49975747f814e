//! Leptos components, grouped by feature. Components read signals and send
//! commands through [`state::Board`]; no tally or rule is computed here.
//!
//! Imports go one way, from the top of this list to the bottom (a test
//! checks that no module imports one that imports it back):
//! `shell` → `files` → `keeping`; `shell` → `meeting` → `board` → `edit`;
//! `shell` → `setup`; every feature → `state` and `dialog` → `dom`.

pub mod board;
pub mod dialog;
pub mod dom;
pub mod edit;
pub mod files;
pub mod keeping;
pub mod meeting;
pub mod setup;
pub mod shell;
pub mod state;

pub use shell::app::App;
