//! Plans as files and the plans in this browser: where files come from
//! (picker, drop, paste; `import`), what they would do (`preview`), the
//! exports and the slices sent to the districts (`exports`), who has
//! returned theirs (`returns`), and the plan list (`plans`). It may use
//! `keeping`, `state` and `dom`.

pub mod exports;
pub mod import;
pub mod plans;
pub mod preview;
pub mod returns;
