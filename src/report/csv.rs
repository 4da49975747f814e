//! Items and tallies as CSV in the reader's language: headers, unit and
//! stage names, categories and quarters (the model writes the cells).

use crate::i18n::{Key, Lang};
use crate::model::csv::{figure_cells, optional, row, Cell};
use crate::model::{Plan, Tallies};

/// Header cells in the reader's language.
fn header(out: &mut String, lang: Lang, keys: &[Key]) {
    let cells: Vec<Cell> = keys.iter().map(|&k| Cell::Text(lang.t(k))).collect();
    row(out, &cells);
}

/// One row per item, in the reader's language: headers, unit and stage
/// names, categories and quarters; the unit, item and stage ids in their
/// own columns, figures as plain numbers.
pub fn items_csv_in(plan: &Plan, tallies: &Tallies, lang: Lang) -> String {
    use Key as K;
    let mut out = String::from("\u{feff}");
    header(
        &mut out,
        lang,
        &[
            K::CsvUnitId,
            K::Unit,
            K::CsvItemId,
            K::Title,
            K::CsvStageId,
            K::Stage,
            K::Category,
            K::Quarter,
            K::Budget,
            K::Demand,
            K::Received,
            K::Given,
            K::Gap,
            K::LinksCol,
            K::CsvTags,
        ],
    );
    for item in &plan.items {
        let t = tallies.item(&item.id);
        let unit = plan.unit(&item.unit).map(|u| lang.unit_name(u));
        let stage = plan.stage(&item.stage).map(|s| lang.stage_name(s));
        let category = item.category.as_deref().map(|c| lang.category(c));
        let quarter = item.quarter.map(|q| lang.quarter(q));
        let tags = item.tags.as_ref().map(|t| t.join("; ")).unwrap_or_default();
        let mut cells = vec![
            Cell::Text(item.unit.as_str()),
            Cell::Text(unit.as_deref().unwrap_or("")),
            Cell::Text(item.id.as_str()),
            Cell::Text(&item.title),
            Cell::Text(item.stage.as_str()),
            Cell::Text(stage.as_deref().unwrap_or("")),
            Cell::Text(category.as_deref().unwrap_or("")),
            Cell::Text(quarter.as_deref().unwrap_or("")),
        ];
        cells.extend(figure_cells(t.figures));
        cells.extend([Cell::Number(t.links as i128), Cell::Text(&tags)]);
        row(&mut out, &cells);
    }
    out
}

/// One row per unit, then the plan's totals, in the reader's language:
/// headers, unit names and levels; the unit id in its own column.
pub fn tallies_csv_in(plan: &Plan, tallies: &Tallies, lang: Lang) -> String {
    use Key as K;
    let mut out = String::from("\u{feff}");
    header(
        &mut out,
        lang,
        &[
            K::CsvUnitId,
            K::Unit,
            K::CsvLevel,
            K::Budget,
            K::Demand,
            K::Received,
            K::Given,
            K::Gap,
            K::Pool,
            K::Remaining,
        ],
    );
    for unit in plan.units_in_board_order() {
        let t = tallies.unit(&unit.id);
        let name = lang.unit_name(unit);
        let mut cells = vec![
            Cell::Text(unit.id.as_str()),
            Cell::Text(&name),
            Cell::Text(lang.level(unit.level)),
        ];
        cells.extend(figure_cells(t.figures));
        cells.extend([optional(t.pool), optional(t.remaining)]);
        row(&mut out, &cells);
    }
    let p = tallies.plan;
    let mut cells = vec![Cell::Text(""), Cell::Text(lang.t(K::Total)), Cell::Text("")];
    cells.extend(figure_cells(p.figures));
    cells.extend([Cell::Number(p.pool), Cell::Number(p.remaining)]);
    row(&mut out, &cells);
    out
}
