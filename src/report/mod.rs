//! The plan turned into text for people to read outside the board, in
//! their language: CSV for Excel, the district map's SVG, the printed
//! plan's header, the demo in the reader's words. Above both the model
//! (which knows no language) and [`crate::i18n`] (which knows no model).

pub mod csv;
pub mod decisions;
pub mod demo;
pub mod map;
pub mod matrix;
pub mod print;

pub use demo::demo_plan_for;
pub use print::print_header;
