//! Linkage Board: a planning board that links district work items to
//! municipal programs and tallies the resources that flow along the links.
//!
//! `model` and `i18n` are plain Rust and tested natively; `io` and `ui` run
//! in the browser.

pub mod i18n;
pub mod model;
pub mod report;
pub mod words;

#[cfg(target_arch = "wasm32")]
pub mod io;
#[cfg(target_arch = "wasm32")]
pub mod ui;
