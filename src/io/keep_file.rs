//! A plan file on disk kept in step with the board: thin bindings to
//! `keep_file.js` (File System Access API and IndexedDB).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/io/keep_file.js")]
extern "C" {
    /// Whether this browser can keep a file in step.
    pub fn supported() -> bool;
    #[wasm_bindgen(catch)]
    async fn pick(plan_id: &str, suggested_name: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn remembered(plan_id: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn forget(plan_id: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = fileName)]
    fn file_name(handle: &JsValue) -> String;
    #[wasm_bindgen(catch)]
    async fn permission(handle: &JsValue, ask: bool) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn write(handle: &JsValue, text: &str) -> Result<JsValue, JsValue>;
}

/// A file the user picked for a plan.
#[derive(Clone)]
pub struct KeptFile {
    handle: JsValue,
}

/// Whether the app may write to the file now, or must ask first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Granted,
    /// The browser will ask the user (after a click).
    Ask,
    Denied,
}

/// Whether asking for access may show the browser's question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prompt {
    Yes,
    No,
}

/// Why the browser did not let the file be picked or written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    /// The file was moved or deleted (`NotFoundError`).
    Gone,
    /// Permission to write was refused or taken back (`NotAllowedError`,
    /// `SecurityError`).
    NotAllowed,
    /// The disk is full (`QuotaExceededError`).
    Full,
    /// Something else, with the browser's own name and words for it.
    Other { name: String, message: String },
}

impl FileError {
    /// The browser's name for the error, as its console shows it.
    pub fn code(&self) -> &str {
        match self {
            FileError::Gone => "NotFoundError",
            FileError::NotAllowed => "NotAllowedError",
            FileError::Full => "QuotaExceededError",
            FileError::Other { name, .. } => name,
        }
    }
}

/// What went wrong; `None` when the user closed the file picker.
pub fn why(e: &JsValue) -> Option<FileError> {
    let get = |k: &str| {
        js_sys::Reflect::get(e, &JsValue::from_str(k))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    let name = get("name");
    Some(match name.as_str() {
        "AbortError" => return None,
        "NotFoundError" => FileError::Gone,
        "NotAllowedError" | "SecurityError" => FileError::NotAllowed,
        "QuotaExceededError" => FileError::Full,
        _ => FileError::Other {
            message: match get("message") {
                m if m.is_empty() => e.as_string().unwrap_or_default(),
                m => m,
            },
            name,
        },
    })
}

impl KeptFile {
    /// Lets the user pick (or create) a file for the plan; `Ok(None)` when
    /// they cancel.
    pub async fn pick(plan_id: &str, suggested_name: &str) -> Result<Option<KeptFile>, FileError> {
        match pick(plan_id, suggested_name).await {
            Ok(handle) => Ok(Some(KeptFile { handle })),
            Err(e) => match why(&e) {
                None => Ok(None),
                Some(why) => Err(why),
            },
        }
    }

    /// The file picked earlier for the plan, if any.
    pub async fn remembered(plan_id: &str) -> Option<KeptFile> {
        let handle = remembered(plan_id).await.ok()?;
        (!handle.is_null() && !handle.is_undefined()).then_some(KeptFile { handle })
    }

    pub async fn forget(plan_id: &str) {
        let _ = forget(plan_id).await;
    }

    pub fn name(&self) -> String {
        file_name(&self.handle)
    }

    /// Whether the app may write now; `Prompt::Yes` lets the browser ask
    /// the user (only after a click).
    pub async fn access(&self, prompt: Prompt) -> Access {
        match permission(&self.handle, prompt == Prompt::Yes)
            .await
            .ok()
            .and_then(|v| v.as_string())
        {
            Some(s) if s == "granted" => Access::Granted,
            Some(s) if s == "prompt" => Access::Ask,
            _ => Access::Denied,
        }
    }

    /// Writes the whole text in place of the file's contents.
    pub async fn write(&self, text: &str) -> Result<(), FileError> {
        write(&self.handle, text).await.map(|_| ()).map_err(|e| {
            why(&e).unwrap_or(FileError::Other {
                name: "AbortError".into(),
                message: String::new(),
            })
        })
    }
}
