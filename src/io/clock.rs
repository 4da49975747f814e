//! Time, as the browser tells it.

pub use crate::i18n::LocalTime;

/// Now, as an RFC 3339 time stamp (UTC).
pub fn now_rfc3339() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Today as `yyyy-mm-dd`, local time, for file names.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// The current year, for a new plan.
pub fn this_year() -> u16 {
    js_sys::Date::new_0().get_full_year() as u16
}

/// A random version-4 UUID, for a new plan's id.
pub fn new_uuid() -> String {
    let mut bytes = [0u8; 16];
    for b in &mut bytes {
        *b = (js_sys::Math::random() * 256.0) as u8;
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Now, in milliseconds since 1970.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A moment in this browser's time zone (shown through `Lang::date_time`).
pub fn local(ms: f64) -> LocalTime {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    LocalTime {
        year: d.get_full_year(),
        month: d.get_month() + 1,
        day: d.get_date(),
        hour: d.get_hours(),
        minute: d.get_minutes(),
    }
}

/// The milliseconds of an RFC 3339 time stamp, if it is one.
pub fn parse_ms(stamp: &str) -> Option<f64> {
    let ms = js_sys::Date::parse(stamp);
    (!ms.is_nan()).then_some(ms)
}

/// An RFC 3339 time stamp as `lang` writes a moment, in local time (the
/// stamp as it is when it is not one).
pub fn local_stamp(stamp: &str, lang: crate::i18n::Lang) -> String {
    parse_ms(stamp).map_or_else(|| stamp.to_string(), |ms| lang.date_time(local(ms)))
}
