//! How the board arranges a plan: which columns, which cards in each, and
//! which cards a filter shows. Tallies never depend on this.

use super::id::{ItemId, StageId, UnitId};
use super::plan::{Item, Level, Plan};

/// What the columns are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Grouping {
    #[default]
    Unit,
    Stage,
    Quarter,
    Category,
}

impl Grouping {
    pub const ALL: [Grouping; 4] = [
        Grouping::Unit,
        Grouping::Stage,
        Grouping::Quarter,
        Grouping::Category,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Grouping::Unit => "unit",
            Grouping::Stage => "stage",
            Grouping::Quarter => "quarter",
            Grouping::Category => "category",
        }
    }

    pub fn parse(s: &str) -> Option<Grouping> {
        Grouping::ALL.into_iter().find(|g| g.as_str() == s)
    }
}

/// The categories the format suggests, in board order.
pub const CATEGORIES: [&str; 5] = [
    "key-work",
    "work-brand",
    "activity-brand",
    "resource-sharing",
    "other",
];

/// A column of the board.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ColumnKey {
    Unit(UnitId),
    Stage(StageId),
    /// `None`: items without a quarter.
    Quarter(Option<u8>),
    /// Items without a category fall under `other`.
    Category(String),
}

impl ColumnKey {
    /// A stable string for `data-column` and keyed lists.
    pub fn id(&self) -> String {
        match self {
            ColumnKey::Unit(id) => ColumnKey::unit_column(id),
            ColumnKey::Stage(id) => format!("stage:{id}"),
            ColumnKey::Quarter(Some(q)) => format!("quarter:{q}"),
            ColumnKey::Quarter(None) => "quarter:none".to_string(),
            ColumnKey::Category(c) => format!("category:{c}"),
        }
    }

    /// The `data-column` of a unit's column ([`ColumnKey::id`] of
    /// `ColumnKey::Unit`), and the scope of its figures, without building
    /// the key.
    pub fn unit_column(id: &UnitId) -> String {
        format!("unit:{id}")
    }

    /// Whether an item belongs in this column.
    pub fn holds(&self, item: &Item) -> bool {
        match self {
            ColumnKey::Unit(id) => &item.unit == id,
            ColumnKey::Stage(id) => &item.stage == id,
            ColumnKey::Quarter(q) => &item.quarter == q,
            ColumnKey::Category(c) => category_of(item) == c,
        }
    }

    /// The item as it would be if dropped into this column, or `None` when
    /// a drop here does not change a field (units are not changed by a
    /// drop; a drop into the column an item is already in changes nothing).
    pub fn moved(&self, item: &Item) -> Option<Item> {
        if self.holds(item) {
            return None;
        }
        let mut next = item.clone();
        match self {
            ColumnKey::Unit(_) => return None,
            ColumnKey::Stage(id) => next.stage = id.clone(),
            ColumnKey::Quarter(q) => next.quarter = *q,
            ColumnKey::Category(c) => {
                next.category = if c == "other" && item.category.is_none() {
                    None
                } else {
                    Some(c.clone())
                }
            }
        }
        Some(next)
    }
}

pub fn category_of(item: &Item) -> &str {
    item.category.as_deref().unwrap_or("other")
}

/// The columns of a grouping, in board order.
pub fn columns(plan: &Plan, grouping: Grouping) -> Vec<ColumnKey> {
    match grouping {
        Grouping::Unit => plan
            .units_in_board_order()
            .into_iter()
            .map(|u| ColumnKey::Unit(u.id.clone()))
            .collect(),
        Grouping::Stage => plan
            .stages
            .iter()
            .map(|s| ColumnKey::Stage(s.id.clone()))
            .collect(),
        Grouping::Quarter => {
            let mut cols: Vec<ColumnKey> = (1..=4).map(|q| ColumnKey::Quarter(Some(q))).collect();
            if plan.items.iter().any(|i| i.quarter.is_none()) {
                cols.push(ColumnKey::Quarter(None));
            }
            cols
        }
        Grouping::Category => {
            let mut cats: Vec<String> = CATEGORIES.iter().map(|c| c.to_string()).collect();
            for item in &plan.items {
                let c = category_of(item);
                if !cats.iter().any(|k| k == c) {
                    cats.insert(cats.len() - 1, c.to_string());
                }
            }
            cats.into_iter().map(ColumnKey::Category).collect()
        }
    }
}

/// Which cards the board shows. An empty filter shows every card.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub level: Option<Level>,
    pub category: Option<String>,
    pub stage: Option<StageId>,
    pub tag: Option<String>,
    /// Matched, case-insensitively, against title, notes, tags and the
    /// unit's names.
    pub text: String,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self == &Filter::default()
    }

    /// How many of the filters narrow the board (text of spaces alone
    /// narrows nothing): what a collapsed filter bar says it holds.
    pub fn active_count(&self) -> usize {
        [
            self.level.is_some(),
            self.category.is_some(),
            self.stage.is_some(),
            self.tag.is_some(),
            !self.text.trim().is_empty(),
        ]
        .into_iter()
        .filter(|on| *on)
        .count()
    }

    pub fn matches(&self, plan: &Plan, item: &Item) -> bool {
        let unit = plan.unit(&item.unit);
        if let Some(level) = self.level {
            if unit.map(|u| u.level) != Some(level) {
                return false;
            }
        }
        if let Some(c) = &self.category {
            if category_of(item) != c {
                return false;
            }
        }
        if let Some(s) = &self.stage {
            if &item.stage != s {
                return false;
            }
        }
        if let Some(t) = &self.tag {
            if !item.tags.iter().flatten().any(|x| x == t) {
                return false;
            }
        }
        let needle = fold_case(self.text.trim());
        if needle.is_empty() {
            return true;
        }
        let hay = [
            Some(item.title.as_str()),
            item.notes.as_deref(),
            unit.map(|u| u.name.as_str()),
            unit.and_then(|u| u.name_zh.as_deref()),
        ];
        hay.into_iter()
            .flatten()
            .chain(item.tags.iter().flatten().map(String::as_str))
            .any(|h| fold_case(h).contains(&needle))
    }

    /// Every tag used in the plan, sorted, for the tag filter.
    pub fn tags_in(plan: &Plan) -> Vec<String> {
        let mut tags: Vec<String> = plan
            .items
            .iter()
            .flat_map(|i| i.tags.iter().flatten().cloned())
            .collect();
        super::order::sort_by(&mut tags, |a, b| a.cmp(b));
        tags.dedup();
        tags
    }
}

/// Text lower-cased for search. Covers the letters that have case in the
/// names a plan holds: ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic
/// (Chinese has none). The standard library's `to_lowercase` would add its
/// full Unicode tables, several kilobytes, to the browser bundle.
pub fn fold_case(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

fn fold_char(c: char) -> char {
    let u = c as u32;
    let lower = match u {
        0x130 => 0x69,
        0x178 => 0xFF,
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3AB | 0x410..=0x42F => {
            u + 32
        }
        0x400..=0x40F => u + 80,
        0x100..=0x137 | 0x14A..=0x177 if u % 2 == 0 => u + 1,
        0x139..=0x148 | 0x179..=0x17E if u % 2 == 1 => u + 1,
        _ => u,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// The ids of the items of one column that pass the filter, in plan order.
pub fn column_items(plan: &Plan, key: &ColumnKey, filter: &Filter) -> Vec<ItemId> {
    plan.items
        .iter()
        .filter(|i| key.holds(i) && (filter.is_empty() || filter.matches(plan, i)))
        .map(|i| i.id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::demo_plan;

    #[test]
    fn fold_case_agrees_with_the_standard_library_where_it_folds() {
        let mut folded = 0;
        for u in 0..0x500u32 {
            let Some(c) = char::from_u32(u) else { continue };
            let ours = fold_char(c);
            let std: String = c.to_lowercase().collect();
            if ours != c {
                folded += 1;
                // İ lower-cases to "i" plus a combining dot; search wants "i".
                if u != 0x130 {
                    assert_eq!(ours.to_string(), std, "U+{u:04X}");
                }
            } else if u < 0x180 || (0x391..=0x3AB).contains(&u) || (0x400..=0x42F).contains(&u) {
                assert!(
                    std == c.to_string() || !c.is_alphabetic(),
                    "U+{u:04X} left as is"
                );
            }
        }
        assert!(folded > 180, "{folded}");
        assert_eq!(
            fold_case("Dongcheng ÉCOLE Ωμέγα 东城区"),
            "dongcheng école ωμέγα 东城区"
        );
    }

    #[test]
    fn every_item_is_in_exactly_one_column_of_each_grouping() {
        let plan = demo_plan();
        for g in Grouping::ALL {
            let cols = columns(&plan, g);
            for item in &plan.items {
                assert_eq!(
                    cols.iter().filter(|c| c.holds(item)).count(),
                    1,
                    "{g:?} {}",
                    item.id
                );
            }
        }
    }

    #[test]
    fn dropping_into_a_stage_column_changes_the_stage_only() {
        let plan = demo_plan();
        let item = &plan.items[0];
        let key = ColumnKey::Stage("proposed".into());
        let moved = key
            .moved(item)
            .expect("the demo's first item is not proposed");
        assert_eq!(moved.stage, "proposed");
        assert_eq!(
            Item {
                stage: item.stage.clone(),
                ..moved.clone()
            },
            *item
        );
        assert_eq!(key.moved(&moved), None, "already there");
        assert_eq!(ColumnKey::Unit("haidian".into()).moved(item), None);
        let q = ColumnKey::Quarter(Some(4)).moved(&moved).unwrap();
        assert_eq!(q.quarter, Some(4));
    }

    #[test]
    fn filters_narrow_the_cards_but_never_by_accident() {
        let plan = demo_plan();
        let all = Filter::default();
        assert!(plan.items.iter().all(|i| all.matches(&plan, i)));
        let districts = Filter {
            level: Some(Level::District),
            ..Filter::default()
        };
        assert!(plan
            .items
            .iter()
            .filter(|i| districts.matches(&plan, i))
            .all(|i| plan.unit(&i.unit).unwrap().level == Level::District));
        let text = Filter {
            text: "海淀".into(),
            ..Filter::default()
        };
        let hits: Vec<_> = plan
            .items
            .iter()
            .filter(|i| text.matches(&plan, i))
            .collect();
        assert!(!hits.is_empty() && hits.iter().all(|i| i.unit == "haidian"));
        let tag = Filter {
            tag: Some("festival".into()),
            ..Filter::default()
        };
        assert!(plan.items.iter().any(|i| tag.matches(&plan, i)));
        assert!(Filter::tags_in(&plan).contains(&"district".to_string()));
    }

    #[test]
    fn active_count_counts_each_filter_that_narrows_the_board() {
        assert_eq!(Filter::default().active_count(), 0);
        let spaces = Filter {
            text: "  ".into(),
            ..Filter::default()
        };
        assert_eq!(spaces.active_count(), 0);
        let plan = demo_plan();
        assert!(
            plan.items.iter().all(|i| spaces.matches(&plan, i)),
            "spaces alone narrow nothing, as counted"
        );
        let two = Filter {
            level: Some(Level::District),
            text: "海淀".into(),
            ..Filter::default()
        };
        assert_eq!(two.active_count(), 2);
        let all = Filter {
            level: Some(Level::Municipal),
            category: Some("science".into()),
            stage: Some("planned".into()),
            tag: Some("festival".into()),
            text: "x".into(),
        };
        assert_eq!(all.active_count(), 5);
    }
}
