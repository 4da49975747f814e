//! What each cell holds: the sums of the links from a giving item to a
//! receiving unit, brought up to date change by change.

use super::*;
use crate::model::id::{ItemId, UnitId};
use crate::model::plan::{Link, Plan};
use std::collections::{HashMap, HashSet};

/// One cell's figure: the sum of the amounts of the links from the item to
/// the unit's items, and how many links that is (a link of 0 counts).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sum {
    pub amount: i128,
    pub links: usize,
}

/// Every non-empty cell, by giving item then receiving unit, with the
/// largest amount (for shading). Read without allocating, so a row of the
/// matrix reads its cells cheaply.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sums {
    pub cells: HashMap<ItemId, HashMap<UnitId, Sum>>,
    pub max: i128,
}

impl Sums {
    /// One pass over the links.
    pub fn of(plan: &Plan) -> Sums {
        // Keyed by the ids' text: one copy of the hash table's code serves
        // every such lookup in the model.
        let mut unit_of: HashMap<&str, &str> = HashMap::with_capacity(plan.items.len());
        unit_of.extend(plan.items.iter().map(|i| (i.id.as_str(), i.unit.as_str())));
        let mut cells: HashMap<ItemId, HashMap<UnitId, Sum>> = HashMap::default();
        for l in &plan.links {
            let Some(unit) = unit_of.get(l.target.as_str()) else {
                continue;
            };
            let row = match cells.get_mut(l.source.as_str()) {
                Some(row) => row,
                None => cells.entry(l.source.clone()).or_default(),
            };
            let sum = match row.get_mut(*unit) {
                Some(sum) => sum,
                None => row.entry(UnitId::from(*unit)).or_default(),
            };
            sum.amount += i128::from(l.amount.yuan());
            sum.links += 1;
        }
        let max = cells
            .values()
            .flat_map(|r| r.values())
            .map(|s| s.amount)
            .max()
            .unwrap_or(0);
        Sums { cells, max }
    }

    /// Brings the sums up to date after a change that touched `items`
    /// (as [`crate::model::Touched::items`] names them): only the rows of
    /// those items and of the items giving to them are summed again.
    pub fn update(&mut self, plan: &Plan, items: &[ItemId]) {
        if items.is_empty() {
            return;
        }
        // A change touches a handful of items: lists compared directly
        // cost less than hashing every link's ids.
        let mut touched: Vec<&str> = Vec::with_capacity(items.len());
        for id in items {
            if !touched.contains(&id.as_str()) {
                touched.push(id.as_str());
            }
        }
        // A link to a touched item counts under the unit that item is in now.
        let mut rows: Vec<&str> = touched.clone();
        for l in &plan.links {
            if touched.contains(&l.target.as_str()) && !rows.contains(&l.source.as_str()) {
                rows.push(l.source.as_str());
            }
        }
        let links: Vec<&Link> = plan
            .links
            .iter()
            .filter(|l| rows.contains(&l.source.as_str()))
            .collect();
        let targets: HashSet<&str> = links.iter().map(|l| l.target.as_str()).collect();
        let unit_of: HashMap<&str, &str> = plan
            .items
            .iter()
            .filter(|i| targets.contains(i.id.as_str()))
            .map(|i| (i.id.as_str(), i.unit.as_str()))
            .collect();
        // The largest cell is found again only when it was in a row that
        // is summed again.
        let mut lost_max = false;
        for row in &rows {
            if let Some(cells) = self.cells.remove(*row) {
                lost_max |= cells.values().any(|c| c.amount >= self.max);
            }
        }
        for l in links {
            let Some(unit) = unit_of.get(l.target.as_str()) else {
                continue;
            };
            let sum = self
                .cells
                .entry(l.source.clone())
                .or_default()
                .entry(UnitId::from(*unit))
                .or_default();
            sum.amount += i128::from(l.amount.yuan());
            sum.links += 1;
        }
        let summed = rows
            .iter()
            .filter_map(|r| self.cells.get(*r))
            .flat_map(|r| r.values())
            .map(|s| s.amount)
            .max()
            .unwrap_or(0);
        self.max = if lost_max {
            self.cells
                .values()
                .flat_map(|r| r.values())
                .map(|s| s.amount)
                .max()
                .unwrap_or(0)
        } else {
            self.max.max(summed)
        };
    }

    pub fn get(&self, item: &ItemId, unit: &UnitId) -> Sum {
        self.cells
            .get(item.as_str())
            .and_then(|r| r.get(unit.as_str()))
            .copied()
            .unwrap_or_default()
    }

    /// A row's total over the matrix's columns.
    pub fn row_total(&self, item: &ItemId, columns: &[UnitId]) -> i128 {
        let Some(row) = self.cells.get(item.as_str()) else {
            return 0;
        };
        columns
            .iter()
            .filter_map(|u| row.get(u.as_str()))
            .map(|s| s.amount)
            .sum()
    }

    /// One row's cells across `columns` and its total: what the matrix
    /// draws for the row.
    pub fn row(&self, item: &ItemId, columns: &[UnitId]) -> RowFigures {
        let row = self.cells.get(item.as_str());
        let cells: Vec<Sum> = columns
            .iter()
            .map(|u| {
                row.and_then(|r| r.get(u.as_str()))
                    .copied()
                    .unwrap_or_default()
            })
            .collect();
        let total = cells.iter().map(|s| s.amount).sum();
        RowFigures { cells, total }
    }

    /// Everything the rows give the columns (the matrix's corner total).
    pub fn total(&self, layout: &Layout) -> i128 {
        let columns: HashSet<&str> = layout.columns.iter().map(UnitId::as_str).collect();
        layout
            .rows()
            .filter_map(|r| self.cells.get(r.as_str()))
            .flat_map(|row| row.iter())
            .filter(|(u, _)| columns.contains(u.as_str()))
            .map(|(_, s)| s.amount)
            .sum()
    }
}

/// One row as drawn: a sum per column, and the row's total.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowFigures {
    pub cells: Vec<Sum>,
    pub total: i128,
}
