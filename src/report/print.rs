//! What a printed plan says at its top, in the reader's language.

use crate::i18n::{Key, Lang};
use crate::model::{unreached_districts, Plan, Tallies};

/// The metadata lines of a printed plan as (label, value): title, year,
/// revision, the date it was printed (`printed_on`, as the caller writes
/// it), the districts not reached yet, then each unit with a pool, in board
/// order, with what it has left.
pub fn print_header(
    plan: &Plan,
    tallies: &Tallies,
    lang: Lang,
    printed_on: &str,
) -> Vec<(String, String)> {
    let line = |key: Key, value: String| (lang.t(key).to_string(), value);
    let unreached: Vec<String> = unreached_districts(plan, tallies)
        .iter()
        .filter_map(|id| plan.unit(id))
        .map(|u| lang.unit_name(u))
        .collect();
    let unreached = if unreached.is_empty() {
        lang.t(Key::PrintAllReached).to_string()
    } else {
        unreached.join(lang.t(Key::ListSeparator))
    };
    let mut lines = vec![
        line(Key::Title, plan.title.clone()),
        line(Key::PrintYear, plan.year.to_string()),
        line(
            Key::Revision,
            plan.revision.map_or("—".to_string(), |r| r.to_string()),
        ),
        line(Key::PrintedOn, printed_on.to_string()),
        line(Key::NotReached, unreached),
    ];
    for unit in plan.units_in_board_order() {
        let t = tallies.unit(&unit.id);
        let (Some(pool), Some(left)) = (t.pool, t.remaining) else {
            continue;
        };
        lines.push((
            lang.t(Key::PrintPoolOf)
                .replace("{unit}", &lang.unit_name(unit)),
            lang.t(Key::PrintPoolLeft)
                .replace("{pool}", &lang.amount_in_yuan(pool))
                .replace("{left}", &lang.amount_in_yuan(left)),
        ));
    }
    lines
}
