//! Leptos components, one concern a file. Components read signals and send
//! commands through [`state::Board`]; no tally or rule is computed here.

mod app;
mod board;
mod card;
mod column;
mod figure;
mod notices;
mod plan_bar;
pub mod state;
mod toolbar;

pub use app::App;
