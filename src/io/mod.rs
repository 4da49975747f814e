//! Thin adapters between the app and the browser: storage, clock, ids,
//! downloads, the kept file, persistence, the panic banner and the wasm
//! chunks fetched ahead. No plan rules live here.

#[cfg(not(feature = "single"))]
pub mod chunks;
pub mod clock;
pub mod download;
pub mod files;
pub mod keep_file;
pub mod panic;
pub mod perf;
pub mod persist;
pub mod standalone;
pub mod storage;
