//! Drawing helpers: which lines are in view, moving between item lines,
//! a cell's shade and a column's coverage band.

use super::*;

/// Which of `lines` lines of equal height (`pitch` px) to draw when the
/// body is scrolled to `top` px and `height` px of it show: those in view
/// and `overscan` more either side, as `start..end`.
pub fn window(lines: usize, pitch: f64, top: f64, height: f64, overscan: usize) -> (usize, usize) {
    let pitch = pitch.max(1.0);
    let first = (top.max(0.0) / pitch).floor() as usize;
    let last = ((top.max(0.0) + height.max(0.0)) / pitch).ceil() as usize;
    let end = last.saturating_add(overscan).min(lines);
    let start = first.saturating_sub(overscan).min(end);
    (start, end)
}

/// The item line `by` item lines away from line `from` (group heads are
/// passed over), stopping at the first and last item.
pub fn step_item(lines: &[Line], from: usize, by: i32) -> Option<usize> {
    let items: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| matches!(l, Line::Item(_)))
        .map(|(i, _)| i)
        .collect();
    let here = items.iter().position(|&i| i == from)? as i64;
    let to = (here + i64::from(by)).clamp(0, items.len() as i64 - 1);
    items.get(to as usize).copied()
}

/// How dark a cell is drawn: 0 (nothing) to 4 (the largest amount).
pub fn shade(amount: i128, max: i128) -> u8 {
    if amount <= 0 || max <= 0 {
        return 0;
    }
    let step = (amount * 4 + max - 1) / max;
    step.clamp(1, 4) as u8
}

/// Received ÷ demand in per mille, capped at 1000; `None` without demand.
pub fn coverage(received: i128, demand: i128) -> Option<u32> {
    if demand <= 0 {
        return None;
    }
    let per_mille = (received.max(0) * 1000 / demand).min(1000);
    Some(per_mille as u32)
}

/// The colour band of a coverage: 0 nothing received, 1 under a quarter,
/// 2 under half, 3 under three quarters, 4 under all, 5 met; `None` when
/// nothing is asked.
pub fn band(coverage: Option<u32>) -> Option<u8> {
    let c = coverage?;
    Some(match c {
        0 => 0,
        1..=249 => 1,
        250..=499 => 2,
        500..=749 => 3,
        750..=999 => 4,
        _ => 5,
    })
}
