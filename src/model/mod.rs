//! The plan, its rules, its tallies and the commands that change it.
//! Plain Rust: nothing here knows about the browser.

pub mod amount;
pub mod ask;
pub mod balance;
pub mod command;
pub mod compare;
pub mod csv;
pub mod demo;
pub mod draft;
pub mod editor;
pub mod fields;
pub mod fingerprint;
pub mod id;
pub mod ids;
pub mod keeping;
pub mod linking;
pub mod load;
pub mod map;
pub mod matrix;
pub mod merge;
pub mod order;
pub mod plan;
pub mod returns;
pub mod rules;
pub mod setup;
pub mod tally;
pub mod templates;
pub mod view;
pub mod windows;

pub use amount::{
    decimal, format_wan, format_yi, group_thousands, magnitude_jump, plain, reading, Amount,
    AmountError,
};
pub use command::{Command, CommandError, Touched};
pub use demo::{demo_plan, new_plan};
pub use draft::blank_item;
pub use editor::{check_plan, copy_as, copy_title, rename, Editor};
pub use id::{ItemId, LinkId, StageId, UnitId};
pub use load::{check_plan_title, load, load_str, LoadError, Problem};
pub use plan::{Direction, Item, Level, Link, Plan, Stage, Unit};
pub use returns::{
    apply_returns, cut_slice, for_comments, mark_returned, mark_sent, merge_returns, plan_return,
    return_command, return_state, returns_ledger, Change, ChangeKind, Choice, FieldChange, Record,
    ReturnError, ReturnPreview, ReturnState, Sent, SentProblem,
};
pub use rules::{check_rules, RuleError};
pub use setup::{
    new_stage_id, new_unit_id, parse_pool, parse_year, removal_of_stage, removal_of_unit,
    unit_warnings, SetupError, SetupField, StageDraft, UnitDraft, UnitWarning,
};
pub use tally::{unreached_districts, Figures, ItemTally, PlanTally, Tallies, UnitTally};
