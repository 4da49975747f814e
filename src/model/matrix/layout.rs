//! The matrix's rows (the giving items, grouped by unit) and columns
//! (the receiving units), and its body's lines.

use crate::model::id::{ItemId, UnitId};
use crate::model::plan::{Level, Plan};
use std::collections::{HashMap, HashSet};
type HashSetOf<'a> = HashSet<&'a str>;

/// The rows (giving items grouped by their unit) and the columns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    /// Each giving unit with its items, in board and plan order.
    pub groups: Vec<(UnitId, Vec<ItemId>)>,
    /// Receiving unit ids: districts, then affiliates, in board order.
    pub columns: Vec<UnitId>,
}

impl Layout {
    /// The rows: the municipal association's and the affiliates' items,
    /// and the items of any other unit that gives through a link (a
    /// district sharing with a district). The columns: districts, then
    /// affiliates, then any other unit that receives through a link. So
    /// every link of the plan is in a cell, and the cells add up to the
    /// board's tallies.
    pub fn of(plan: &Plan) -> Layout {
        let unit_of: HashMap<&str, &str> = plan
            .items
            .iter()
            .map(|i| (i.id.as_str(), i.unit.as_str()))
            .collect();
        let mut giving: HashSetOf = HashSet::new();
        let mut receiving: HashSetOf = HashSet::new();
        for l in &plan.links {
            if let Some(u) = unit_of.get(l.source.as_str()) {
                giving.insert(u);
            }
            if let Some(u) = unit_of.get(l.target.as_str()) {
                receiving.insert(u);
            }
        }
        let units = plan.units_in_board_order();
        let groups = units
            .iter()
            .filter(|u| gives(u.level) || giving.contains(u.id.as_str()))
            .map(|u| {
                let items = plan
                    .items
                    .iter()
                    .filter(|i| i.unit == u.id)
                    .map(|i| i.id.clone())
                    .collect();
                (u.id.clone(), items)
            })
            .collect();
        let mut columns: Vec<UnitId> = Vec::with_capacity(units.len());
        for level in [Level::District, Level::Affiliate, Level::Municipal] {
            columns.extend(
                units
                    .iter()
                    .filter(|u| u.level == level)
                    .filter(|u| level != Level::Municipal || receiving.contains(u.id.as_str()))
                    .map(|u| u.id.clone()),
            );
        }
        Layout { groups, columns }
    }

    /// Every giving item, top to bottom.
    pub fn rows(&self) -> impl Iterator<Item = &ItemId> {
        self.groups.iter().flat_map(|(_, items)| items)
    }
}

/// Whether a unit of this level always has rows in the matrix (a unit of
/// another level has rows once it gives through a link).
pub fn gives(level: Level) -> bool {
    matches!(level, Level::Municipal | Level::Affiliate)
}

/// A line of the matrix's body: a giving unit's head, or one of its items.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Line {
    Group(UnitId),
    Item(ItemId),
}

impl Layout {
    /// The body's lines, top to bottom: each giving unit's head, then its
    /// items.
    pub fn lines(&self) -> Vec<Line> {
        let mut out = Vec::with_capacity(self.groups.len() + self.rows().count());
        for (unit, items) in &self.groups {
            out.push(Line::Group(unit.clone()));
            out.extend(items.iter().cloned().map(Line::Item));
        }
        out
    }
}
