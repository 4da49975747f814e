//! What the meeting looks at: presentation mode, one unit in focus with
//! its timer, the summary (balance), the linkage matrix, the district map
//! and the printed plan. It may use `board`, `edit`, `state`, `dialog` and
//! `dom`.

pub mod balance;
pub mod compare;
pub mod download;
pub mod focus;
pub mod map;
pub mod matrix;
pub mod present;
pub mod print;
