//! One unit at a time on a phone: which column is in view, and bringing a
//! column into view. There the columns are as wide as the board and snap
//! into place (the stylesheet), so a swipe moves by one unit; the unit
//! picker, its previous and next buttons, and a drag held at the board's
//! edge move the same way.

use crate::ui::dom;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::ScrollBehavior;

/// A narrow screen (a phone), as the stylesheet's media query says it.
pub const PHONE: &str = "(max-width: 600px)";

/// Whether the screen is narrow now.
pub fn phone() -> bool {
    window()
        .match_media(PHONE)
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// The board's scrolling element.
pub fn board_element() -> Option<web_sys::Element> {
    dom::find("[data-testid=\"board\"]")
}

/// The board's columns, in order.
fn columns(board: &web_sys::Element) -> Vec<web_sys::Element> {
    let Ok(list) = board.query_selector_all(":scope > [data-column]") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .collect()
}

/// The place of the column nearest the middle of the board, among them.
fn index_in_view(board: &web_sys::Element, columns: &[web_sys::Element]) -> Option<usize> {
    let rect = board.get_bounding_client_rect();
    let middle = rect.left() + rect.width() / 2.0;
    columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let r = c.get_bounding_client_rect();
            (i, (r.left() + r.width() / 2.0 - middle).abs())
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// The id (`data-column`) of the column in view.
pub fn column_in_view() -> Option<String> {
    let board = board_element()?;
    let columns = columns(&board);
    let i = index_in_view(&board, &columns)?;
    columns[i].get_attribute("data-column")
}

/// Scrolls the board so that `column` sits in its middle.
fn bring(board: &web_sys::Element, column: &web_sys::Element, motion: ScrollBehavior) {
    let b = board.get_bounding_client_rect();
    let c = column.get_bounding_client_rect();
    let shift = c.left() - b.left() - (b.width() - c.width()) / 2.0;
    let options = web_sys::ScrollToOptions::new();
    options.set_left(f64::from(board.scroll_left()) + shift);
    options.set_behavior(motion);
    board.scroll_to_with_scroll_to_options(&options);
}

/// Brings the column `id` into view.
pub fn show_column(id: &str, motion: ScrollBehavior) {
    let Some(board) = board_element() else {
        return;
    };
    if let Some(column) = columns(&board)
        .into_iter()
        .find(|c| c.get_attribute("data-column").as_deref() == Some(id))
    {
        bring(&board, &column, motion);
    }
}

/// Brings the column `by` places from the one in view into view; false
/// when there is none that way.
pub fn step(by: i32, motion: ScrollBehavior) -> bool {
    let Some(board) = board_element() else {
        return false;
    };
    let columns = columns(&board);
    let Some(at) = index_in_view(&board, &columns) else {
        return false;
    };
    let to = (at as i64 + i64::from(by)).clamp(0, columns.len() as i64 - 1) as usize;
    if to == at {
        return false;
    }
    bring(&board, &columns[to], motion);
    true
}

/// Which way a point near the board's left or right edge points (-1 or
/// 1), within `zone` pixels of it; 0 elsewhere.
pub fn edge_at(x: f64, zone: f64) -> i32 {
    let Some(board) = board_element() else {
        return 0;
    };
    let r = board.get_bounding_client_rect();
    if x < r.left() + zone {
        -1
    } else if x > r.right() - zone {
        1
    } else {
        0
    }
}
