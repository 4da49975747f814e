//! The decisions record (会议纪要) of a comparison, in the reader's
//! language: title, year, the time span, what was decided in one sentence,
//! the districts still not reached, then each receiving unit with its
//! lines. As text for the page and a download, and as CSV.

use crate::i18n::{Key, Lang};
use crate::model::compare::{Comparison, LinkChange};
use crate::model::csv::{optional, row, Cell};
use crate::model::merge::Kind;
use crate::model::{ItemId, Plan, UnitId};

/// A receiving unit and what was decided for it.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitLines {
    pub id: UnitId,
    pub name: String,
    /// "Received 0 → 50,000 (+50,000)".
    pub received: String,
    pub lines: Vec<String>,
}

/// The record, line by line.
#[derive(Clone, Debug, PartialEq)]
pub struct Decisions {
    pub title: String,
    /// (label, value): plan, year, date and time, compared with.
    pub meta: Vec<(String, String)>,
    pub summary: String,
    pub change: String,
    pub not_reached: (String, String),
    pub units: Vec<UnitLines>,
}

/// A change of an amount with its sign: "+50,000", "−12.5万".
pub fn signed(lang: Lang, yuan: i128) -> String {
    match yuan {
        0 => lang.amount(0),
        y if y > 0 => format!("+{}", lang.amount(y)),
        y => format!("−{}", lang.amount(-y)),
    }
}

fn kind_word(lang: Lang, kind: Kind) -> &'static str {
    lang.t(match kind {
        Kind::Added => Key::KindAdded,
        Kind::Changed => Key::KindChanged,
        Kind::Removed => Key::KindRemoved,
    })
}

fn item_title(before: &Plan, after: &Plan, id: &ItemId) -> String {
    after
        .item(id)
        .or_else(|| before.item(id))
        .map(|i| i.title.clone())
        .unwrap_or_else(|| id.to_string())
}

pub fn unit_name(before: &Plan, after: &Plan, lang: Lang, id: &UnitId) -> String {
    after
        .unit(id)
        .or_else(|| before.unit(id))
        .map(|u| lang.unit_name(u))
        .unwrap_or_else(|| id.to_string())
}

/// The unit at one end of a changed link; nothing where neither plan knows
/// the item.
fn end_unit_name(before: &Plan, after: &Plan, lang: Lang, id: Option<&UnitId>) -> String {
    id.map(|id| unit_name(before, after, lang, id))
        .unwrap_or_default()
}

/// One link's line: "Source (unit) → target: made, — → 50,000".
pub fn link_line(before: &Plan, after: &Plan, lang: Lang, l: &LinkChange) -> String {
    let amount = |a: Option<i128>| a.map_or("—".to_string(), |y| lang.amount_in_yuan(y));
    format!(
        "{} ({}) → {}: {}, {} → {}",
        item_title(before, after, &l.source),
        end_unit_name(before, after, lang, l.source_unit.as_ref()),
        item_title(before, after, &l.target),
        kind_word(lang, l.kind),
        amount(l.before),
        amount(l.after),
    )
}

/// The record of `c`, the comparison of `before` with `after`; `span` is
/// the date and time span as the caller writes it, `against` what the plan
/// was compared with.
pub fn decisions(
    before: &Plan,
    after: &Plan,
    c: &Comparison,
    lang: Lang,
    span: &str,
    against: &str,
) -> Decisions {
    let (made, changed, removed) = c.link_counts();
    let passed = c.after.figures.received;
    let summary = lang
        .t(Key::DecisionsSummary)
        .replace("{made}", &made.to_string())
        .replace("{changed}", &changed.to_string())
        .replace("{removed}", &removed.to_string())
        .replace("{amount}", &lang.amount_in_yuan(passed))
        .replace("{districts}", &c.after.covered.to_string());
    let change = lang.t(Key::DecisionsChange).replace(
        "{change}",
        &signed(lang, passed - c.before.figures.received),
    );
    let not_reached: Vec<String> = c
        .unreached_after
        .iter()
        .map(|id| unit_name(before, after, lang, id))
        .collect();
    let not_reached = if not_reached.is_empty() {
        lang.t(Key::PrintAllReached).to_string()
    } else {
        not_reached.join(lang.t(Key::ListSeparator))
    };
    let units = c
        .per_unit
        .iter()
        .filter(|u| !u.links.is_empty())
        .map(|u| UnitLines {
            id: u.id.clone(),
            name: unit_name(before, after, lang, &u.id),
            received: lang
                .t(Key::ReceivedChange)
                .replace("{before}", &lang.amount_in_yuan(u.received_before))
                .replace("{after}", &lang.amount_in_yuan(u.received_after))
                .replace("{change}", &signed(lang, u.received_change())),
            lines: u
                .links
                .iter()
                .filter_map(|&n| c.links.get(n))
                .map(|l| link_line(before, after, lang, l))
                .collect(),
        })
        .collect();
    Decisions {
        title: format!("{} · {}", lang.t(Key::DecisionsRecord), after.title),
        meta: vec![
            (lang.t(Key::Title).to_string(), after.title.clone()),
            (lang.t(Key::PrintYear).to_string(), after.year.to_string()),
            (lang.t(Key::TimeSpan).to_string(), span.to_string()),
            (lang.t(Key::ComparedWith).to_string(), against.to_string()),
        ],
        summary,
        change,
        not_reached: (lang.t(Key::NotReached).to_string(), not_reached),
        units,
    }
}

impl Decisions {
    /// The record as plain text.
    pub fn text(&self) -> String {
        let mut out = format!("{}\n\n", self.title);
        for (label, value) in &self.meta {
            out.push_str(&format!("{label}: {value}\n"));
        }
        out.push_str(&format!("\n{}\n{}\n", self.summary, self.change));
        out.push_str(&format!("{}: {}\n", self.not_reached.0, self.not_reached.1));
        for u in &self.units {
            out.push_str(&format!("\n{} — {}\n", u.name, u.received));
            for line in &u.lines {
                out.push_str(&format!("  • {line}\n"));
            }
        }
        out
    }
}

/// The links that changed, one row each, by receiving unit in plan order,
/// then each unit's received and given before and after, then the plan's
/// totals: amounts as whole yuan.
pub fn decisions_csv(before: &Plan, after: &Plan, c: &Comparison, lang: Lang) -> String {
    use Key as K;
    let mut out = String::from("\u{feff}");
    let head = |out: &mut String, keys: &[Key]| {
        let cells: Vec<Cell> = keys.iter().map(|&k| Cell::Text(lang.t(k))).collect();
        row(out, &cells);
    };
    head(
        &mut out,
        &[
            K::CsvUnitId,
            K::Unit,
            K::ChangeCol,
            K::CsvLinkId,
            K::CsvFromItem,
            K::From,
            K::CsvToItem,
            K::Before,
            K::After,
            K::CsvDifference,
        ],
    );
    for u in &c.per_unit {
        let name = unit_name(before, after, lang, &u.id);
        for l in u.links.iter().filter_map(|&n| c.links.get(n)) {
            let from_unit = end_unit_name(before, after, lang, l.source_unit.as_ref());
            let from = item_title(before, after, &l.source);
            let to = item_title(before, after, &l.target);
            let diff = l.after.unwrap_or(0) - l.before.unwrap_or(0);
            row(
                &mut out,
                &[
                    Cell::Text(u.id.as_str()),
                    Cell::Text(&name),
                    Cell::Text(l.kind.as_str()),
                    Cell::Text(l.id.as_str()),
                    Cell::Text(&from),
                    Cell::Text(&from_unit),
                    Cell::Text(&to),
                    optional(l.before),
                    optional(l.after),
                    Cell::Number(diff),
                ],
            );
        }
    }
    out.push_str("\r\n");
    head(
        &mut out,
        &[
            K::CsvUnitId,
            K::Unit,
            K::Received,
            K::Received,
            K::Given,
            K::Given,
        ],
    );
    let before_after = format!("{} / {}", lang.t(K::Before), lang.t(K::After));
    row(
        &mut out,
        &[
            Cell::Text(""),
            Cell::Text(&before_after),
            Cell::Text(lang.t(K::Before)),
            Cell::Text(lang.t(K::After)),
            Cell::Text(lang.t(K::Before)),
            Cell::Text(lang.t(K::After)),
        ],
    );
    for u in c.per_unit.iter().filter(|u| u.differs()) {
        let name = unit_name(before, after, lang, &u.id);
        row(
            &mut out,
            &[
                Cell::Text(u.id.as_str()),
                Cell::Text(&name),
                Cell::Number(u.received_before),
                Cell::Number(u.received_after),
                Cell::Number(u.given_before),
                Cell::Number(u.given_after),
            ],
        );
    }
    row(
        &mut out,
        &[
            Cell::Text(""),
            Cell::Text(lang.t(K::Total)),
            Cell::Number(c.before.figures.received),
            Cell::Number(c.after.figures.received),
            Cell::Number(c.before.figures.given),
            Cell::Number(c.after.figures.given),
        ],
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::compare::compare;
    use crate::model::{demo_plan, Amount};

    #[test]
    fn the_record_counts_and_sums_as_the_tallies_do_in_both_languages() {
        let before = demo_plan();
        let mut after = before.clone();
        after.links.remove(0);
        after.links[0].amount = Amount::new(123_456).unwrap();
        let c = compare(&before, &after);
        for lang in [Lang::En, Lang::Zh] {
            let d = decisions(&before, &after, &c, lang, "span", "against");
            assert!(d
                .summary
                .contains(&lang.amount_in_yuan(c.after.figures.received)));
            let text = d.text();
            assert!(text.contains(&d.summary));
            let csv = decisions_csv(&before, &after, &c, lang);
            assert!(csv.contains("123456"));
            assert!(csv.contains(&c.after.figures.received.to_string()));
        }
        let zh = decisions(&before, &after, &c, Lang::Zh, "", "");
        assert!(zh.summary.contains("万元"));
    }
}
