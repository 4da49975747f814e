//! The linkage matrix as CSV for a spreadsheet, in the reader's language.

use crate::i18n::{Key, Lang};
use crate::model::csv::{row, Cell};
use crate::model::matrix::{Layout, Sums};
use crate::model::{Plan, Tallies};

/// The matrix as CSV for a spreadsheet (UTF-8 with a byte-order mark, CRLF):
/// a row per giving item with its unit and total, then what each column
/// received, its demand and its gap.
pub fn matrix_csv(plan: &Plan, tallies: &Tallies, lang: Lang) -> String {
    let layout = Layout::of(plan);
    let sums = Sums::of(plan);
    let name =
        |id: &crate::model::UnitId| plan.unit(id).map(|u| lang.unit_name(u)).unwrap_or_default();
    let names: Vec<String> = layout.columns.iter().map(&name).collect();
    let mut out = String::from("\u{feff}");
    let mut head = vec![
        Cell::Text(lang.t(Key::Program)),
        Cell::Text(lang.t(Key::Unit)),
    ];
    head.extend(names.iter().map(|n| Cell::Text(n)));
    head.push(Cell::Text(lang.t(Key::Total)));
    row(&mut out, &head);
    for (unit, items) in &layout.groups {
        let unit_name = name(unit);
        for id in items {
            let title = plan.item(id).map(|i| i.title.as_str()).unwrap_or("");
            let mut cells = vec![Cell::Text(title), Cell::Text(&unit_name)];
            for col in &layout.columns {
                cells.push(if col == unit {
                    Cell::Text("")
                } else {
                    Cell::Number(sums.get(id, col).amount)
                });
            }
            cells.push(Cell::Number(sums.row_total(id, &layout.columns)));
            row(&mut out, &cells);
        }
    }
    for (key, f) in [
        (
            Key::Received,
            (|t: &crate::model::tally::Figures| t.received) as fn(&_) -> i128,
        ),
        (Key::Demand, |t| t.demand),
        (Key::Gap, |t| t.gap),
    ] {
        let mut cells = vec![Cell::Text(lang.t(key)), Cell::Text("")];
        cells.extend(
            layout
                .columns
                .iter()
                .map(|c| Cell::Number(f(&tallies.unit(c).figures))),
        );
        row(&mut out, &cells);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::demo_plan;

    #[test]
    fn the_csv_has_a_row_per_program_and_the_column_figures() {
        let plan = demo_plan();
        let tallies = Tallies::of(&plan);
        let csv = matrix_csv(&plan, &tallies, Lang::Zh);
        assert!(csv.starts_with('\u{feff}'));
        let rows = Layout::of(&plan).rows().count();
        assert_eq!(csv.matches("\r\n").count(), rows + 4);
        assert!(csv.contains("延庆"));
    }
}
