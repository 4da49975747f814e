//! What the meeting looks at: presentation mode, one unit in focus with
//! its timer, the summary (balance) and the printed plan. It may use
//! `board`, `state` and `dom`.

pub mod balance;
pub mod focus;
pub mod present;
pub mod print;
