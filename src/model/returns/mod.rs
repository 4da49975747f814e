//! Collecting the districts' returns safely.
//!
//! A file that leaves the board to be filled in (a unit's slice, or the
//! whole plan sent out for comments) says what it held: a top-level `sent`
//! block with a fingerprint of every record (format README, "Optional fields
//! added within version 1"). When it comes back, only what its sender
//! changed is applied: a three-way merge of the open plan, the returned file
//! and the fingerprints. [`plan_return`] says what a returned file would do,
//! record by record; the user picks ([`Choice`]); [`apply_returns`] applies
//! the picks of one or many files at once, or refuses naming why.
//!
//! Who has sent theirs back is kept with the plan in a top-level `returns`
//! field (see [`ReturnState`]).

mod apply;
mod groups;
mod ledger;
mod preview;
mod sent;

pub use apply::*;
pub use groups::*;
pub use ledger::*;
pub use preview::*;
pub use sent::*;
