//! Reading a file the user picked or dropped.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The file's bytes, as they are on disk.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|e| {
        e.as_string()
            .unwrap_or_else(|| "the file could not be read".into())
    })?;
    let buffer: js_sys::ArrayBuffer = buffer.unchecked_into();
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
