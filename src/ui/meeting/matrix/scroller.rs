//! Where the matrix's body is scrolled and how tall its lines are: what
//! decides which lines are drawn.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A line's height in pixels until measured.
const GUESSED_PITCH: f64 = 26.0;

/// Where the body is scrolled and how tall its lines are.
#[derive(Clone, Copy)]
pub(super) struct Scroller {
    pub(super) wrap: NodeRef<leptos::html::Div>,
    pub(super) top: RwSignal<f64>,
    pub(super) height: RwSignal<f64>,
    pub(super) pitch: RwSignal<f64>,
    pub(super) pending: StoredValue<bool>,
}

impl Scroller {
    pub(super) fn new() -> Scroller {
        let guess = window()
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(900.0);
        Scroller {
            wrap: NodeRef::new(),
            top: RwSignal::new(0.0),
            height: RwSignal::new(guess),
            pitch: RwSignal::new(GUESSED_PITCH),
            pending: StoredValue::new(false),
        }
    }

    /// Reads where the body is scrolled to and the lines' real height, at
    /// most once a frame.
    pub(super) fn measure(self) {
        if self.pending.get_value() {
            return;
        }
        self.pending.set_value(true);
        request_animation_frame(move || {
            self.pending.set_value(false);
            self.read();
        });
    }

    fn read(self) {
        let Some(el) = self.wrap.get_untracked() else {
            return;
        };
        set_changed(self.top, f64::from(el.scroll_top()));
        set_changed(self.height, f64::from(el.client_height()));
        if let Ok(lines) = el.query_selector_all("tr[data-line]") {
            let n = lines.length();
            let top_of = |i: u32| {
                lines
                    .item(i)
                    .and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok())
                    .map(|c| f64::from(c.offset_top()))
            };
            if let (true, Some(first), Some(last)) = (n > 1, top_of(0), top_of(n - 1)) {
                set_changed(self.pitch, ((last - first) / f64::from(n - 1)).max(8.0));
            }
        }
    }

    /// Scrolls line `line` into the part of the body between the sticky
    /// head and foot, and draws it at once.
    pub(super) fn show_line(self, line: usize) {
        let Some(el) = self.wrap.get_untracked() else {
            return;
        };
        let height_of = |sel: &str| {
            el.query_selector(sel)
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                .map(|e| f64::from(e.offset_height()))
                .unwrap_or(0.0)
        };
        let (head, foot) = (height_of("thead"), height_of("tfoot"));
        let pitch = self.pitch.get_untracked();
        let y = line as f64 * pitch;
        let now = f64::from(el.scroll_top());
        let room = (f64::from(el.client_height()) - head - foot).max(pitch);
        let to = if y < now {
            y
        } else if y + pitch > now + room {
            y + pitch - room
        } else {
            return;
        };
        el.set_scroll_top(to.round() as i32);
        set_changed(self.top, f64::from(el.scroll_top()));
    }
}

fn set_changed(signal: RwSignal<f64>, value: f64) {
    if signal.get_untracked() != value {
        signal.set(value);
    }
}
