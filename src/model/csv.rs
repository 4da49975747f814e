//! Tallies and items as CSV that Excel opens with Chinese text intact:
//! UTF-8 with a byte-order mark, CRLF line ends, RFC 4180 quoting.

use super::plan::Plan;
use super::tally::Tallies;

/// Writes one CSV cell. A text cell that a spreadsheet would run as a
/// formula (`=`, `+`, `-`, `@`, tab, CR) gets a leading apostrophe.
fn cell(out: &mut String, text: &str) {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let needs_quotes = risky || text.contains([',', '"', '\n', '\r']);
    if needs_quotes {
        out.push('"');
        if risky {
            out.push('\'');
        }
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

/// A number cell: plain digits, a minus kept (never taken for a formula).
fn number(out: &mut String, n: i128) {
    out.push_str(&n.to_string());
}

pub(crate) enum Cell<'a> {
    Text(&'a str),
    Number(i128),
}

/// Budget, demand, received, given and gap: the five figures every row has.
pub(crate) fn figure_cells(f: super::tally::Figures) -> [Cell<'static>; 5] {
    [f.budget, f.demand, f.received, f.given, f.gap].map(Cell::Number)
}

/// A figure some units have (pool, remaining): empty where they have none.
pub(crate) fn optional(v: Option<i128>) -> Cell<'static> {
    v.map(Cell::Number).unwrap_or(Cell::Text(""))
}

pub(crate) fn row(out: &mut String, cells: &[Cell]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match c {
            Cell::Text(t) => cell(out, t),
            Cell::Number(n) => number(out, *n),
        }
    }
    out.push_str("\r\n");
}

/// One row per item with its unit and figures.
pub fn items_csv(plan: &Plan, tallies: &Tallies) -> String {
    let mut out = String::from("\u{feff}");
    let header = [
        "unit",
        "unit name",
        "unit name (zh)",
        "item",
        "title",
        "stage",
        "category",
        "quarter",
        "budget",
        "demand",
        "received",
        "given",
        "gap",
        "links",
        "tags",
    ];
    row(&mut out, &header.map(Cell::Text));
    for item in &plan.items {
        let unit = plan.unit(&item.unit);
        let t = tallies.item(&item.id);
        let quarter = item.quarter.map(|q| q.to_string()).unwrap_or_default();
        let tags = item.tags.as_ref().map(|t| t.join("; ")).unwrap_or_default();
        let mut cells = vec![
            Cell::Text(item.unit.as_str()),
            Cell::Text(unit.map(|u| u.name.as_str()).unwrap_or("")),
            Cell::Text(unit.and_then(|u| u.name_zh.as_deref()).unwrap_or("")),
            Cell::Text(item.id.as_str()),
            Cell::Text(&item.title),
            Cell::Text(item.stage.as_str()),
            Cell::Text(item.category.as_deref().unwrap_or("")),
            Cell::Text(&quarter),
        ];
        cells.extend(figure_cells(t.figures));
        cells.extend([Cell::Number(t.links as i128), Cell::Text(&tags)]);
        row(&mut out, &cells);
    }
    out
}

/// One row per unit, then the plan's totals.
pub fn tallies_csv(plan: &Plan, tallies: &Tallies) -> String {
    let mut out = String::from("\u{feff}");
    let header = [
        "unit",
        "name",
        "name (zh)",
        "level",
        "budget",
        "demand",
        "received",
        "given",
        "gap",
        "pool",
        "remaining",
    ];
    row(&mut out, &header.map(Cell::Text));
    for unit in plan.units_in_board_order() {
        let t = tallies.unit(&unit.id);
        let mut cells = vec![
            Cell::Text(unit.id.as_str()),
            Cell::Text(&unit.name),
            Cell::Text(unit.name_zh.as_deref().unwrap_or("")),
            Cell::Text(unit.level.as_str()),
        ];
        cells.extend(figure_cells(t.figures));
        cells.extend([optional(t.pool), optional(t.remaining)]);
        row(&mut out, &cells);
    }
    let p = tallies.plan;
    let f = p.figures;
    row(
        &mut out,
        &[
            Cell::Text("total"),
            Cell::Text(""),
            Cell::Text(""),
            Cell::Text(""),
            Cell::Number(f.budget),
            Cell::Number(f.demand),
            Cell::Number(f.received),
            Cell::Number(f.given),
            Cell::Number(f.gap),
            Cell::Number(p.pool),
            Cell::Number(p.remaining),
        ],
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{demo_plan, load_str};

    #[test]
    fn excel_friendly_and_safe() {
        let mut plan = demo_plan();
        plan.items[0].title = "=HYPERLINK(\"x\"), \"quoted\"\nnext".into();
        let t = Tallies::of(&plan);
        let csv = items_csv(&plan, &t);
        assert!(csv.starts_with('\u{feff}'));
        assert!(csv.contains("\r\n"));
        assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\"), \"\"quoted\"\"\nnext\""));
        assert_eq!(csv.matches("\r\n").count(), plan.items.len() + 1);
        let tallies = tallies_csv(&plan, &t);
        assert!(tallies.contains("北京市科学技术协会"));
        assert_eq!(tallies.matches("\r\n").count(), plan.units.len() + 2);
        assert!(tallies.trim_end().ends_with(&t.plan.remaining.to_string()));
    }

    #[test]
    fn markup_fixture_stays_text() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/plan-format/fixtures/valid/unicode-and-markup.json"
        );
        let plan = load_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let csv = items_csv(&plan, &Tallies::of(&plan));
        assert!(csv.contains("社区科普e站 🧪"));
    }
}
