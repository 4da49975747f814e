//! What editing one cell does to the plan: which item takes a typed
//! amount, what the model asks first, which links a cleared cell removes.

use crate::model::amount::Amount;
use crate::model::ask::{questions, Question};
use crate::model::command::Command;
use crate::model::id::{ItemId, LinkId, UnitId};
use crate::model::linking::new_link_id;
use crate::model::plan::{Direction, Link, Plan};
use crate::model::tally::Tallies;
use std::collections::{HashMap, HashSet};

/// An item of the receiving unit that could take a typed amount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub item: ItemId,
    pub title: String,
    /// Demand not yet met (never below 0).
    pub unmet: i128,
    /// The link from the giving item that it already has.
    pub link: Option<LinkId>,
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
pub fn candidates(plan: &Plan, tallies: &Tallies, item: &ItemId, unit: &UnitId) -> Vec<Candidate> {
    // One pass over the links: the other end of each of the item's links,
    // and which way it runs from the item.
    let mut linked: HashMap<&str, (&LinkId, Direction)> = HashMap::default();
    for l in &plan.links {
        if let Some((other, direction)) = l.other_end(item) {
            linked.insert(other.as_str(), (&l.id, direction));
        }
    }
    let mut out: Vec<Candidate> = plan
        .items
        .iter()
        .filter(|i| &i.unit == unit && &i.id != item)
        .filter_map(|i| {
            let link = linked.get(i.id.as_str()).copied();
            // A link the other way round is not this cell's to change.
            if matches!(link, Some((_, Direction::In))) {
                return None;
            }
            Some(Candidate {
                item: i.id.clone(),
                title: i.title.clone(),
                unmet: tallies.item(&i.id).figures.gap.max(0),
                link: link.map(|(id, _)| id.clone()),
            })
        })
        .collect();
    crate::model::order::sort_by_key(&mut out, |c| std::cmp::Reverse(c.unmet));
    out
}

/// What editing the cell (`item`, `unit`) does.
pub fn edit(
    plan: &Plan,
    tallies: &Tallies,
    item: &ItemId,
    unit: &UnitId,
    edit: CellEdit,
) -> CellOutcome {
    // The cell's links, found without ranking every item of the unit (that
    // is only needed when there is a choice to make).
    let cell: Vec<&Link> = plan
        .links
        .iter()
        .filter(|l| &l.source == item)
        .filter(|l| plan.item(&l.target).is_some_and(|t| &t.unit == unit))
        .collect();
    match edit {
        CellEdit::Clear if cell.is_empty() => CellOutcome::Nothing,
        CellEdit::Clear => CellOutcome::Remove(cell.into_iter().cloned().collect()),
        CellEdit::Set(amount) => match cell.as_slice() {
            [one] => set_on(plan, tallies, item, &one.target, amount),
            [] => {
                // Items of the unit that could take it: not linked the
                // other way round.
                let giving_back: HashSet<&str> = plan
                    .links
                    .iter()
                    .filter(|l| &l.target == item)
                    .map(|l| l.source.as_str())
                    .collect();
                let mut takers = plan.items.iter().filter(|i| {
                    &i.unit == unit && &i.id != item && !giving_back.contains(i.id.as_str())
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
    item: &ItemId,
    target: &ItemId,
    amount: Amount,
) -> CellOutcome {
    let existing = plan
        .links
        .iter()
        .find(|l| &l.source == item && &l.target == target);
    let command = match existing {
        Some(l) if l.amount == amount => return CellOutcome::Nothing,
        Some(l) => {
            let mut link = l.clone();
            link.amount = amount;
            Command::PutLink(link)
        }
        None => Command::add_link(Link {
            id: new_link_id(plan),
            source: item.clone(),
            target: target.clone(),
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
