//! The linkage matrix a meeting reads: the giving items (programs of the
//! municipal association and the affiliates) down the side, the units that
//! receive (districts, then affiliates) across, and in each cell what the
//! program gives that unit. Also what editing one cell does to the plan.

use super::amount::Amount;
use super::ask::{questions, Question};
use super::command::Command;
use super::linking::new_link_id;
use super::plan::{Level, Link, Plan};
use super::tally::Tallies;
use std::collections::{HashMap, HashSet};
type HashSetOf<'a> = HashSet<&'a str>;

/// The rows (giving items grouped by their unit) and the columns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    /// Each giving unit with its items, in board and plan order.
    pub groups: Vec<(String, Vec<String>)>,
    /// Receiving unit ids: districts, then affiliates, in board order.
    pub columns: Vec<String>,
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
        let mut columns: Vec<&str> = Vec::with_capacity(units.len());
        for level in [Level::District, Level::Affiliate, Level::Municipal] {
            columns.extend(
                units
                    .iter()
                    .filter(|u| u.level == level)
                    .filter(|u| level != Level::Municipal || receiving.contains(u.id.as_str()))
                    .map(|u| u.id.as_str()),
            );
        }
        Layout {
            groups,
            columns: columns.into_iter().map(str::to_string).collect(),
        }
    }

    /// Every giving item, top to bottom.
    pub fn rows(&self) -> impl Iterator<Item = &String> {
        self.groups.iter().flat_map(|(_, items)| items)
    }
}

/// Whether a unit of this level always has rows in the matrix (a unit of
/// another level has rows once it gives through a link).
pub fn gives(level: Level) -> bool {
    matches!(level, Level::Municipal | Level::Affiliate)
}

/// One cell's figure: the sum of the amounts of the links from the item to
/// the unit's items, and how many links that is (a link of 0 counts).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sum {
    pub amount: i128,
    pub links: usize,
}

type IdMap<V> = HashMap<String, V>;

/// Every non-empty cell, by giving item then receiving unit, with the
/// largest amount (for shading). Read without allocating, so a row of the
/// matrix reads its cells cheaply.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sums {
    pub cells: IdMap<IdMap<Sum>>,
    pub max: i128,
}

impl Sums {
    /// One pass over the links.
    pub fn of(plan: &Plan) -> Sums {
        let mut unit_of: HashMap<&str, &str> = HashMap::with_capacity(plan.items.len());
        unit_of.extend(plan.items.iter().map(|i| (i.id.as_str(), i.unit.as_str())));
        let mut cells: IdMap<IdMap<Sum>> = IdMap::default();
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
                None => row.entry((*unit).to_string()).or_default(),
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
    pub fn update(&mut self, plan: &Plan, items: &[String]) {
        if items.is_empty() {
            return;
        }
        // A change touches a handful of items: lists compared directly
        // cost less than hashing every link's ids.
        let mut touched: Vec<&str> = Vec::with_capacity(items.len());
        for id in items {
            if !touched.contains(&id.as_str()) {
                touched.push(id);
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
        let targets: HashSetOf = links.iter().map(|l| l.target.as_str()).collect();
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
                .entry((*unit).to_string())
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

    pub fn get(&self, item: &str, unit: &str) -> Sum {
        self.cells
            .get(item)
            .and_then(|r| r.get(unit))
            .copied()
            .unwrap_or_default()
    }

    /// A row's total over the matrix's columns.
    pub fn row_total(&self, item: &str, columns: &[String]) -> i128 {
        let Some(row) = self.cells.get(item) else {
            return 0;
        };
        columns
            .iter()
            .filter_map(|u| row.get(u))
            .map(|s| s.amount)
            .sum()
    }

    /// One row's cells across `columns` and its total: what the matrix
    /// draws for the row.
    pub fn row(&self, item: &str, columns: &[String]) -> RowFigures {
        let row = self.cells.get(item);
        let cells: Vec<Sum> = columns
            .iter()
            .map(|u| row.and_then(|r| r.get(u)).copied().unwrap_or_default())
            .collect();
        let total = cells.iter().map(|s| s.amount).sum();
        RowFigures { cells, total }
    }

    /// Everything the rows give the columns (the matrix's corner total).
    pub fn total(&self, layout: &Layout) -> i128 {
        let columns: std::collections::HashSet<&str> =
            layout.columns.iter().map(String::as_str).collect();
        layout
            .rows()
            .filter_map(|r| self.cells.get(r))
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

/// A line of the matrix's body: a giving unit's head, or one of its items.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Line {
    Group(String),
    Item(String),
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

/// An item of the receiving unit that could take a typed amount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub item: String,
    pub title: String,
    /// Demand not yet met (never below 0).
    pub unmet: i128,
    /// The link from the giving item that it already has.
    pub link: Option<String>,
}

/// What a cell edit asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellEdit {
    /// An amount typed (0 keeps a link without money).
    Set(Amount),
    /// The field emptied: the cell's links go.
    Clear,
}

/// What a cell edit does.
#[derive(Clone, Debug, PartialEq)]
pub enum CellOutcome {
    /// One command does it.
    Apply(Box<Command>),
    /// The model asks first ([`questions`]: more than the giving unit has
    /// left, a thousand times the old amount): say so, then apply the
    /// command if confirmed.
    Ask {
        command: Box<Command>,
        questions: Vec<Question>,
    },
    /// Several items could take the amount: ask which (largest unmet
    /// demand first), then [`set_on`].
    Choose(Vec<Candidate>),
    /// Clearing: these links would go (say which, then [`remove`] them).
    Remove(Vec<Link>),
    /// Nothing to do (clearing an empty cell, or the same amount again).
    Nothing,
    /// The unit has no item that could take a link from this one.
    NoItem,
}

/// The receiving unit's items that could take a link from `item`, with
/// the link they have from it, largest unmet demand first.
pub fn candidates(plan: &Plan, tallies: &Tallies, item: &str, unit: &str) -> Vec<Candidate> {
    // One pass over the links: the other end of each of the item's links,
    // and whether the item gives it.
    let mut linked: HashMap<&str, (&str, bool)> = HashMap::default();
    for l in &plan.links {
        if l.source == item {
            linked.insert(l.target.as_str(), (l.id.as_str(), true));
        } else if l.target == item {
            linked.insert(l.source.as_str(), (l.id.as_str(), false));
        }
    }
    let mut out: Vec<Candidate> = plan
        .items
        .iter()
        .filter(|i| i.unit == unit && i.id != item)
        .filter_map(|i| {
            let link = linked.get(i.id.as_str()).copied();
            // A link the other way round is not this cell's to change.
            if matches!(link, Some((_, false))) {
                return None;
            }
            Some(Candidate {
                item: i.id.clone(),
                title: i.title.clone(),
                unmet: tallies.item(&i.id).figures.gap.max(0),
                link: link.map(|(id, _)| id.to_string()),
            })
        })
        .collect();
    super::order::sort_by_key(&mut out, |c| std::cmp::Reverse(c.unmet));
    out
}

/// What editing the cell (`item`, `unit`) does.
pub fn edit(plan: &Plan, tallies: &Tallies, item: &str, unit: &str, edit: CellEdit) -> CellOutcome {
    // The cell's links, found without ranking every item of the unit (that
    // is only needed when there is a choice to make).
    let cell: Vec<&Link> = plan
        .links
        .iter()
        .filter(|l| l.source == item)
        .filter(|l| plan.item(&l.target).is_some_and(|t| t.unit == unit))
        .collect();
    match edit {
        CellEdit::Clear if cell.is_empty() => CellOutcome::Nothing,
        CellEdit::Clear => CellOutcome::Remove(cell.into_iter().cloned().collect()),
        CellEdit::Set(amount) => match cell.as_slice() {
            [one] => set_on(plan, tallies, item, &one.target, amount),
            [] => {
                // Items of the unit that could take it: not linked the
                // other way round.
                let giving_back: HashSetOf = plan
                    .links
                    .iter()
                    .filter(|l| l.target == item)
                    .map(|l| l.source.as_str())
                    .collect();
                let mut takers = plan.items.iter().filter(|i| {
                    i.unit == unit && i.id != item && !giving_back.contains(i.id.as_str())
                });
                match (takers.next(), takers.next()) {
                    (None, _) => CellOutcome::NoItem,
                    (Some(one), None) => set_on(plan, tallies, item, &one.id, amount),
                    _ => CellOutcome::Choose(candidates(plan, tallies, item, unit)),
                }
            }
            _ => CellOutcome::Choose(
                candidates(plan, tallies, item, unit)
                    .into_iter()
                    .filter(|c| c.link.is_some())
                    .collect(),
            ),
        },
    }
}

/// Puts `amount` on the link from `item` to `target`: changes it, or makes
/// it when there is none; what the model asks about ([`questions`], the
/// same for the link dialog and every other amount) is asked first.
pub fn set_on(
    plan: &Plan,
    tallies: &Tallies,
    item: &str,
    target: &str,
    amount: Amount,
) -> CellOutcome {
    let existing = plan
        .links
        .iter()
        .find(|l| l.source == item && l.target == target);
    let command = match existing {
        Some(l) if l.amount == amount => return CellOutcome::Nothing,
        Some(l) => {
            let mut link = l.clone();
            link.amount = amount;
            Command::PutLink(link)
        }
        None => Command::add_link(Link {
            id: new_link_id(plan),
            source: item.to_string(),
            target: target.to_string(),
            amount,
            note: None,
            extra: Default::default(),
        }),
    };
    let asked = questions(plan, tallies, &command);
    if asked.is_empty() {
        CellOutcome::Apply(Box::new(command))
    } else {
        CellOutcome::Ask {
            command: Box::new(command),
            questions: asked,
        }
    }
}

/// Removes the cell's links (as [`CellOutcome::Remove`] named them) in one
/// command, so one undo brings them all back.
pub fn remove(links: &[Link]) -> Command {
    Command::RemoveLinks {
        ids: links.iter().map(|l| l.id.clone()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{demo_plan, Editor};

    fn amount(n: u64) -> Amount {
        Amount::new(n).unwrap()
    }

    #[test]
    fn rows_are_the_giving_items_and_columns_districts_then_affiliates() {
        let plan = demo_plan();
        let layout = Layout::of(&plan);
        assert_eq!(layout.groups[0].0, "bast");
        assert_eq!(layout.groups.len(), 5);
        assert_eq!(layout.columns.len(), 20);
        assert_eq!(layout.columns[0], "dongcheng");
        assert_eq!(layout.columns[16], "science-center");
        let rows = layout.rows().count();
        let giving = plan
            .items
            .iter()
            .filter(|i| plan.unit(&i.unit).is_some_and(|u| gives(u.level)))
            .count();
        assert_eq!(rows, giving);
    }

    #[test]
    fn cells_add_up_to_what_each_unit_received_from_the_programs() {
        let plan = demo_plan();
        let tallies = Tallies::of(&plan);
        let layout = Layout::of(&plan);
        let sums = Sums::of(&plan);
        let total: i128 = layout
            .rows()
            .map(|r| sums.row_total(r, &layout.columns))
            .sum();
        let given: i128 = layout.rows().map(|r| tallies.item(r).figures.given).sum();
        assert_eq!(total, given);
        for col in &layout.columns {
            let down: i128 = layout.rows().map(|r| sums.get(r, col).amount).sum();
            assert!(down <= tallies.unit(col).figures.received);
        }
        assert!(sums.max > 0);
        assert_eq!(shade(sums.max, sums.max), 4);
        assert_eq!(shade(0, sums.max), 0);
        assert_eq!(shade(1, 1_000_000), 1);
    }

    #[test]
    fn coverage_is_per_mille_capped_and_none_without_demand() {
        assert_eq!(coverage(0, 0), None);
        assert_eq!(coverage(5, 0), None);
        assert_eq!(coverage(1, 3), Some(333));
        assert_eq!(coverage(9, 3), Some(1000));
        assert_eq!(band(Some(0)), Some(0));
        assert_eq!(band(Some(1000)), Some(5));
        assert_eq!(band(None), None);
    }

    /// A plan where the program `p` gives nothing to the unit `u`.
    fn empty_cell(plan: &Plan) -> (String, String) {
        let sums = Sums::of(plan);
        let layout = Layout::of(plan);
        let program = layout.groups[0].1[0].clone();
        let unit = layout
            .columns
            .iter()
            .find(|c| {
                sums.get(&program, c).links == 0
                    && plan.items.iter().filter(|i| &i.unit == *c).count() == 2
            })
            .unwrap()
            .clone();
        (program, unit)
    }

    #[test]
    fn a_typed_amount_asks_which_item_when_several_could_take_it() {
        let plan = demo_plan();
        let tallies = Tallies::of(&plan);
        let (p, u) = empty_cell(&plan);
        match edit(&plan, &tallies, &p, &u, CellEdit::Set(amount(5))) {
            CellOutcome::Choose(c) => {
                assert_eq!(c.len(), 2);
                assert!(c[0].unmet >= c[1].unmet);
                let CellOutcome::Apply(cmd) = set_on(&plan, &tallies, &p, &c[1].item, amount(5))
                else {
                    panic!("a link is made");
                };
                let mut editor = Editor::new(plan.clone());
                editor.apply(*cmd, "2027-01-01T00:00:00Z").unwrap();
                let sums = Sums::of(editor.plan());
                assert_eq!(
                    sums.get(&p, &u),
                    Sum {
                        amount: 5,
                        links: 1
                    }
                );
                // Now one link: the next amount changes it, 0 keeps it.
                let t = Tallies::of(editor.plan());
                let out = edit(editor.plan(), &t, &p, &u, CellEdit::Set(Amount::ZERO));
                let CellOutcome::Apply(cmd) = out else {
                    panic!("the link changes");
                };
                let Command::PutLink(l) = *cmd else {
                    panic!("the link amount changes");
                };
                assert_eq!(l.amount, Amount::ZERO);
                let out = edit(editor.plan(), &t, &p, &u, CellEdit::Clear);
                let CellOutcome::Remove(links) = out else {
                    panic!("clearing names the link");
                };
                assert_eq!(links.len(), 1);
                assert_eq!(links[0].target, c[1].item);
            }
            other => panic!("asks which: {other:?}"),
        }
        assert_eq!(
            edit(&plan, &tallies, &p, &u, CellEdit::Clear),
            CellOutcome::Nothing
        );
    }

    #[test]
    fn a_unit_with_one_item_takes_the_amount_at_once() {
        let mut plan = demo_plan();
        let (p, u) = empty_cell(&plan);
        let second = plan.items.iter().rposition(|i| i.unit == u).unwrap();
        plan.items.remove(second);
        plan.links
            .retain(|l| plan.items.iter().any(|i| i.id == l.target));
        let tallies = Tallies::of(&plan);
        let out = edit(&plan, &tallies, &p, &u, CellEdit::Set(amount(7)));
        let CellOutcome::Apply(cmd) = out else {
            panic!("a link is made at once");
        };
        assert!(matches!(*cmd, Command::InsertLink { .. }));
        let items: Vec<String> = plan
            .items
            .iter()
            .filter(|i| i.unit == u)
            .map(|i| i.id.clone())
            .collect();
        plan.items.retain(|i| !items.contains(&i.id));
        plan.links.retain(|l| !items.contains(&l.target));
        let tallies = Tallies::of(&plan);
        assert_eq!(
            edit(&plan, &tallies, &p, &u, CellEdit::Set(amount(7))),
            CellOutcome::NoItem
        );
    }

    /// The demo with `p` giving to both items of `u`.
    fn two_links_in_one_cell() -> (Editor, String, String) {
        let plan = demo_plan();
        let (p, u) = empty_cell(&plan);
        let mut editor = Editor::new(plan);
        let targets: Vec<String> = editor
            .plan()
            .items
            .iter()
            .filter(|i| i.unit == u)
            .map(|i| i.id.clone())
            .collect();
        for (n, target) in targets.iter().enumerate() {
            let t = Tallies::of(editor.plan());
            let CellOutcome::Apply(cmd) =
                set_on(editor.plan(), &t, &p, target, amount(100 + n as u64))
            else {
                panic!("a link is made");
            };
            editor.apply(*cmd, "2027-01-01T00:00:00Z").unwrap();
        }
        (editor, p, u)
    }

    #[test]
    fn clearing_a_cell_of_several_links_is_one_command_that_one_undo_takes_back() {
        let (mut editor, p, u) = two_links_in_one_cell();
        let before = editor.plan().clone();
        let depth = editor.undo_depth();
        assert_eq!(
            Sums::of(&before).get(&p, &u),
            Sum {
                amount: 201,
                links: 2
            }
        );
        let t = Tallies::of(&before);
        let CellOutcome::Remove(links) = edit(&before, &t, &p, &u, CellEdit::Clear) else {
            panic!("clearing names the links");
        };
        assert_eq!(links.len(), 2);
        editor
            .apply(remove(&links), "2027-01-01T00:00:01Z")
            .unwrap();
        assert_eq!(editor.undo_depth(), depth + 1, "one step");
        assert_eq!(Sums::of(editor.plan()).get(&p, &u), Sum::default());
        editor.undo("2027-01-01T00:00:02Z").unwrap().unwrap();
        assert_eq!(editor.plan().links, before.links, "both back, in place");
    }

    #[test]
    fn more_than_the_pool_has_left_asks_with_what_is_left() {
        let mut plan = demo_plan();
        let (p, u) = empty_cell(&plan);
        let giver = plan.item(&p).unwrap().unit.clone();
        let given = Tallies::of(&plan).unit(&giver).figures.given as u64;
        plan.units.iter_mut().find(|x| x.id == giver).unwrap().pool = Some(amount(given + 50));
        let t = Tallies::of(&plan);
        let target = candidates(&plan, &t, &p, &u)[0].item.clone();
        assert!(matches!(
            set_on(&plan, &t, &p, &target, amount(50)),
            CellOutcome::Apply(_)
        ));
        match set_on(&plan, &t, &p, &target, amount(51)) {
            CellOutcome::Ask { command, questions } => {
                assert_eq!(
                    questions,
                    vec![Question::OverPool {
                        unit: giver.clone(),
                        left: 50,
                        asked: amount(51)
                    }]
                );
                assert!(matches!(*command, Command::InsertLink { .. }));
            }
            other => panic!("asks first: {other:?}"),
        }
    }

    #[test]
    fn rows_read_the_same_sums_and_the_window_covers_the_view() {
        let plan = demo_plan();
        let layout = Layout::of(&plan);
        let sums = Sums::of(&plan);
        let mut total = 0;
        for r in layout.rows() {
            let row = sums.row(r, &layout.columns);
            assert_eq!(row.total, sums.row_total(r, &layout.columns));
            for (c, cell) in layout.columns.iter().zip(&row.cells) {
                assert_eq!(*cell, sums.get(r, c));
            }
            total += row.total;
        }
        assert_eq!(sums.total(&layout), total);
        let lines = layout.lines();
        assert_eq!(lines.len(), layout.groups.len() + layout.rows().count());
        assert_eq!(lines[0], Line::Group(layout.groups[0].0.clone()));
        // 1,000 lines of 20 px, 200 px shown from 4,010 px: lines 200 to
        // 210 are in view, 3 more either side are drawn.
        assert_eq!(window(1000, 20.0, 4010.0, 200.0, 3), (197, 214));
        assert_eq!(window(1000, 20.0, 0.0, 200.0, 3), (0, 13));
        assert_eq!(window(10, 20.0, 0.0, 900.0, 3), (0, 10));
        assert_eq!(window(1000, 20.0, 19_990.0, 200.0, 3), (996, 1000));
        // Arrows pass over group heads and stop at the ends.
        let first = 1;
        assert_eq!(step_item(&lines, first, -1), Some(first));
        let second_group_first = layout.groups[0].1.len() + 2;
        assert_eq!(
            step_item(&lines, second_group_first - 2, 1),
            Some(second_group_first)
        );
        assert_eq!(
            step_item(&lines, second_group_first, -1),
            Some(second_group_first - 2)
        );
        let last = lines.len() - 1;
        assert_eq!(step_item(&lines, last, 5), Some(last));
    }

    #[test]
    fn sums_brought_up_to_date_change_by_change_equal_sums_from_scratch() {
        let plan = demo_plan();
        let mut editor = Editor::new(plan.clone());
        let mut sums = Sums::of(&plan);
        let giver = plan.links[0].source.clone();
        let target = plan.links[0].target.clone();
        let other = plan
            .items
            .iter()
            .find(|i| {
                i.unit != plan.item(&giver).unwrap().unit
                    && i.unit != plan.item(&target).unwrap().unit
                    && !plan
                        .links
                        .iter()
                        .any(|l| l.source == giver && l.target == i.id)
            })
            .unwrap()
            .clone();
        let mut moved_link = plan.links[0].clone();
        moved_link.target = other.id.clone();
        moved_link.amount = amount(42);
        // The target moves to another unit: links to it count there now.
        let mut moved_item = plan.item(&plan.links[3].target).unwrap().clone();
        moved_item.unit = plan
            .units
            .iter()
            .find(|u| {
                u.level == Level::District
                    && u.id != moved_item.unit
                    && !plan.links.iter().any(|l| {
                        (l.target == moved_item.id || l.source == moved_item.id)
                            && plan
                                .item(if l.target == moved_item.id {
                                    &l.source
                                } else {
                                    &l.target
                                })
                                .is_some_and(|o| o.unit == u.id)
                    })
            })
            .unwrap()
            .id
            .clone();
        let commands = vec![
            Command::PutLink(moved_link),
            Command::PutItem(moved_item),
            Command::RemoveLinks {
                ids: vec![plan.links[1].id.clone(), plan.links[2].id.clone()],
            },
            Command::RemoveItem {
                id: plan.links[4].target.clone(),
            },
        ];
        for cmd in commands {
            let touched = editor.apply(cmd, "2027-01-01T00:00:00Z").unwrap();
            sums.update(editor.plan(), &touched.items);
            assert_eq!(sums, Sums::of(editor.plan()));
        }
        while let Ok(Some(touched)) = editor.undo("2027-01-01T00:00:01Z") {
            sums.update(editor.plan(), &touched.items);
            assert_eq!(sums, Sums::of(editor.plan()));
        }
        assert_eq!(sums, Sums::of(&plan));
    }
}
