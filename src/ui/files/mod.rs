//! Plans as files and the plans in this browser: opening files (picker,
//! drop, paste) with a preview, exports, and the plan list. It may use
//! `keeping`, `state` and `dom`.

pub mod import;
pub mod plans;
