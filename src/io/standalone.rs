//! The single-file board: the plan a standalone HTML file carries, and the
//! page itself, to save again with the current plan inside.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const PLAN_ELEMENT: &str = "lb-embedded-plan";

/// The text of the plan embedded in this page, if it carries one.
pub fn embedded_plan_text() -> Option<String> {
    let el = web_sys::window()?
        .document()?
        .get_element_by_id(PLAN_ELEMENT)?;
    el.text_content().filter(|t| !t.trim().is_empty())
}

/// The standalone page as it was before the board started, when this is one.
fn own_source() -> Option<String> {
    let w = web_sys::window()?;
    js_sys::Reflect::get(&w, &JsValue::from_str("__lbSource"))
        .ok()?
        .as_string()
}

/// The standalone page to save: this page's own source when it is one,
/// otherwise `linkage-board.html` from beside the board.
pub async fn template() -> Result<String, StandaloneError> {
    if let Some(source) = own_source() {
        return Ok(source);
    }
    let w = web_sys::window().ok_or(StandaloneError::NotFetched)?;
    let response = JsFuture::from(w.fetch_with_str("linkage-board.html"))
        .await
        .map_err(|_| StandaloneError::NotFetched)?;
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Err(StandaloneError::Missing {
            status: response.status(),
        });
    }
    let text = JsFuture::from(response.text().map_err(|_| StandaloneError::NotText)?)
        .await
        .map_err(|_| StandaloneError::NotText)?;
    text.as_string().ok_or(StandaloneError::NotText)
}

/// Why the standalone file could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StandaloneError {
    /// `linkage-board.html` could not be fetched (offline, blocked).
    NotFetched,
    /// It is not beside the board (the HTTP status).
    Missing { status: u16 },
    /// It came back but not as text.
    NotText,
    /// The page has no place for a plan (not a standalone page).
    NoPlace,
    /// The browser would not start the download.
    NoDownload,
}

/// `page` with `plan_json` as its embedded plan. `</` is written as `<\/`
/// (the same JSON string) so the plan cannot end the script element.
pub fn with_plan(page: &str, plan_json: &str) -> Option<String> {
    let open = format!("<script type=\"application/json\" id=\"{PLAN_ELEMENT}\">");
    let start = page.find(&open)? + open.len();
    let end = start + page[start..].find("</script>")?;
    let safe = plan_json.replace("</", "<\\/");
    Some(format!("{}{}{}", &page[..start], safe, &page[end..]))
}
