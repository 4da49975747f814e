//! Thin adapters between the app and the browser: storage, clock, ids,
//! downloads, the kept file, persistence and the panic banner. No plan
//! rules live here.

pub mod clock;
pub mod download;
pub mod files;
pub mod keep_file;
pub mod panic;
pub mod perf;
pub mod persist;
pub mod standalone;
pub mod storage;
