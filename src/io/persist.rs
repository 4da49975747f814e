//! The browser's promise to keep (or not) this site's storage, and how much
//! room it has: `navigator.storage`.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn manager() -> Option<JsValue> {
    let nav = web_sys::window()?.navigator();
    let storage = js_sys::Reflect::get(&nav, &JsValue::from_str("storage")).ok()?;
    (!storage.is_undefined()).then_some(storage)
}

/// Whether this browser can be asked to keep this site's storage at all
/// (some, WebKit's MiniBrowser among them, have no `navigator.storage`).
pub fn supported() -> bool {
    manager()
        .and_then(|storage| js_sys::Reflect::get(&storage, &JsValue::from_str("persist")).ok())
        .is_some_and(|f| f.is_function())
}

async fn call(name: &str) -> Option<JsValue> {
    let storage = manager()?;
    let f: js_sys::Function = js_sys::Reflect::get(&storage, &JsValue::from_str(name))
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: js_sys::Promise = f.call0(&storage).ok()?.dyn_into().ok()?;
    JsFuture::from(promise).await.ok()
}

/// Asks the browser to keep this site's storage; whether it will.
pub async fn persist() -> Option<bool> {
    call("persist").await?.as_bool()
}

/// Whether the browser already promised to keep this site's storage.
pub async fn persisted() -> Option<bool> {
    call("persisted").await?.as_bool()
}

/// (bytes used, bytes available) as the browser estimates them.
pub async fn estimate() -> Option<(f64, f64)> {
    let e = call("estimate").await?;
    let get = |k: &str| {
        js_sys::Reflect::get(&e, &JsValue::from_str(k))
            .ok()
            .and_then(|v| v.as_f64())
    };
    Some((get("usage")?, get("quota")?))
}
