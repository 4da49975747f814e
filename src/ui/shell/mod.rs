//! The frame of the app: the toolbar, the plan bar, the notices and the
//! app itself, which provides the contexts and places every view. It may
//! use every other part of `ui`; nothing imports it.

pub mod app;
pub mod deferred;
pub mod history;
pub mod menu;
pub mod notices;
pub mod plan_bar;
pub mod restore;
pub mod toolbar;
