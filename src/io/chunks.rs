//! The wasm chunks' bytes, fetched ahead of need. The chunks' loader
//! (`__wasm_split.js`, as `scripts/build-split.mjs` patches it) offers
//! `globalThis.__linkageBoardChunks.fetchAll()`: it fetches every chunk and
//! keeps its bytes as they came, unpacking and compiling none, so nothing
//! blocks the page now and a view opens later without the network.

use wasm_bindgen::JsCast;

/// Fetches every chunk's bytes; true once all are here. False when one
/// could not be had (its view fetches it again when opened) or when the page
/// has no chunks' loader.
pub async fn fetch_all() -> bool {
    let global = js_sys::global();
    let Some(fetch_all) = js_sys::Reflect::get(&global, &"__linkageBoardChunks".into())
        .ok()
        .and_then(|chunks| js_sys::Reflect::get(&chunks, &"fetchAll".into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return false;
    };
    let Ok(promise) = fetch_all
        .call0(&global)
        .and_then(|p| p.dyn_into::<js_sys::Promise>())
    else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}
