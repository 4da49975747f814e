//! A panic never leaves a blank page: the hook logs it and puts a banner on
//! the page, in the page's language, with a link that exports the last
//! saved copy of the plan.

use crate::i18n::{Key, Lang};
use wasm_bindgen::JsCast;

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.as_str().into());
        show_banner(&message);
    }));
}

fn show_banner(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(banner) = document.create_element("div") else {
        return;
    };
    // The board keeps `<html lang>` in the reader's language.
    let lang = document
        .document_element()
        .and_then(|html| Lang::from_code(&html.get_attribute("lang").unwrap_or_default()))
        .unwrap_or(Lang::En);
    banner.set_class_name("crash-banner");
    let _ = banner.set_attribute("role", "alert");
    let _ = banner.set_attribute("data-testid", "crash");
    let text = document.create_element("p").ok();
    if let Some(p) = &text {
        p.set_text_content(Some(&lang.t(Key::Crashed).replace("{message}", message)));
        let _ = banner.append_child(p);
    }
    if let Some(saved) =
        super::storage::current_plan_id().and_then(|id| super::storage::plan_text(&id))
    {
        if let Ok(a) = document.create_element("a") {
            let href = format!(
                "data:application/json;charset=utf-8,{}",
                String::from(js_sys::encode_uri_component(&saved))
            );
            let _ = a.set_attribute("href", &href);
            let _ = a.set_attribute("download", "linkage-plan-recovered.json");
            a.set_text_content(Some(lang.t(Key::CrashExport)));
            let _ = banner.append_child(&a);
        }
    }
    if let Some(body) = document.body() {
        let _ = body.append_child(banner.unchecked_ref());
    }
}
