//! Keeping the plan when the browser forgets it: the file kept in step,
//! the browser's promise to keep storage, the reminder and the earlier
//! versions. It may use `state` and `dom` only.

pub mod keeper;
pub mod meeting;
pub mod panel;
