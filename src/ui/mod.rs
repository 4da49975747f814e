//! Leptos components, one concern a file. Components read signals and send
//! commands through [`state::Board`]; no tally or rule is computed here.

mod app;
mod balance;
mod board;
mod card;
mod card_editor;
mod column;
mod connectors;
mod controls;
mod details;
mod figure;
mod focus;
mod import;
mod keeping_panel;
mod link_dialog;
mod linker;
mod notices;
mod plan_bar;
mod plans;
mod present;
mod print;
mod safekeeping;
mod selection;
pub mod state;
mod toolbar;

pub use app::App;
