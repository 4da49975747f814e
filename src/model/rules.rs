//! The rule book: the rules of format v1 that the schema cannot express,
//! and the field rules every record keeps. The loader, every command (and
//! so undo and redo), every form and the import preview use these and no
//! others, so what opens can be edited and every edit can be taken back.
//!
//! Decided for format v1:
//! - A link runs from the giving item (`source`) to the receiving one
//!   (`target`); two items are joined by at most one link, whichever way
//!   it runs (rule 3).
//! - Any unit may give to any other unit: the municipal association to
//!   districts and affiliates, an affiliate to a district, a district to a
//!   district (resource sharing). A unit without a pool may give; only a
//!   pool sets a limit, and going past it is asked about, not refused.
//! - An item's title that shows nothing (spaces of any kind, zero-width
//!   characters) is no title ([`super::fields::ITEM_TITLE`]).

use super::fields::{self, Problem};
use super::id::{ItemId, LinkId, StageId, UnitId};
use super::plan::{Item, Link, Plan};
use std::collections::{HashMap, HashSet};

/// Which list an id belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Collection {
    Units,
    Stages,
    Items,
    Links,
}

impl Collection {
    pub fn singular(self) -> &'static str {
        match self {
            Collection::Units => "unit",
            Collection::Stages => "stage",
            Collection::Items => "item",
            Collection::Links => "link",
        }
    }
}

/// Which end of a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    Source,
    Target,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleError {
    /// Rule 1: two records of one list share an id.
    DuplicateId { collection: Collection, id: String },
    /// Rule 2: an item's unit names no unit.
    UnknownUnit { item: ItemId, unit: UnitId },
    /// Rule 2: an item's stage names no stage.
    UnknownStage { item: ItemId, stage: StageId },
    /// Rule 2: a link's end names no item.
    UnknownItem {
        link: LinkId,
        end: End,
        item: ItemId,
    },
    /// Rule 3: a link joins an item to itself.
    SelfLink { link: LinkId, item: ItemId },
    /// Rule 3: a link joins two items of one unit.
    SameUnitLink { link: LinkId, unit: UnitId },
    /// Rule 3: a second link between the same two items, either way.
    DuplicatePair { link: LinkId, other: LinkId },
}

impl RuleError {
    pub fn kind(&self) -> &'static str {
        match self {
            RuleError::DuplicateId { .. } => "duplicate-id",
            RuleError::UnknownUnit { .. } => "unknown-unit",
            RuleError::UnknownStage { .. } => "unknown-stage",
            RuleError::UnknownItem { .. } => "unknown-item",
            RuleError::SelfLink { .. } => "self-link",
            RuleError::SameUnitLink { .. } => "same-unit-link",
            RuleError::DuplicatePair { .. } => "duplicate-link-pair",
        }
    }

    /// The number of the format rule broken (1, 2 or 3).
    pub fn rule(&self) -> u8 {
        match self {
            RuleError::DuplicateId { .. } => 1,
            RuleError::UnknownUnit { .. }
            | RuleError::UnknownStage { .. }
            | RuleError::UnknownItem { .. } => 2,
            _ => 3,
        }
    }
}

/// Checks rules 1 to 3, in that order, and names the first record that
/// breaks one.
pub fn check_rules(plan: &Plan) -> Result<(), RuleError> {
    unique(Collection::Units, plan.units.iter().map(|u| u.id.as_str()))?;
    unique(
        Collection::Stages,
        plan.stages.iter().map(|s| s.id.as_str()),
    )?;
    unique(Collection::Items, plan.items.iter().map(|i| i.id.as_str()))?;
    unique(Collection::Links, plan.links.iter().map(|l| l.id.as_str()))?;

    // Keyed by the ids' text: one copy of the hash table's code serves
    // every such lookup in the model.
    let units: HashSet<&str> = plan.units.iter().map(|u| u.id.as_str()).collect();
    let stages: HashSet<&str> = plan.stages.iter().map(|s| s.id.as_str()).collect();
    let mut items: HashMap<&str, &Item> = HashMap::with_capacity(plan.items.len());
    for item in &plan.items {
        if !units.contains(item.unit.as_str()) {
            return Err(RuleError::UnknownUnit {
                item: item.id.clone(),
                unit: item.unit.clone(),
            });
        }
        if !stages.contains(item.stage.as_str()) {
            return Err(RuleError::UnknownStage {
                item: item.id.clone(),
                stage: item.stage.clone(),
            });
        }
        items.insert(item.id.as_str(), item);
    }

    let mut pairs: HashMap<(&str, &str), &Link> = HashMap::with_capacity(plan.links.len());
    for link in &plan.links {
        let unit_of = |end: End, id: &ItemId| {
            items
                .get(id.as_str())
                .map(|i| &i.unit)
                .ok_or_else(|| RuleError::UnknownItem {
                    link: link.id.clone(),
                    end,
                    item: id.clone(),
                })
        };
        let source_unit = unit_of(End::Source, &link.source)?;
        let target_unit = unit_of(End::Target, &link.target)?;
        let (a, b) = pair(link);
        let other = pairs.insert((a.as_str(), b.as_str()), link);
        check_link_ends(link, source_unit, target_unit, other.map(|l| &l.id))?;
    }
    Ok(())
}

/// The two items a link joins, in an order that does not depend on its
/// direction: rule 3 allows one link per pair, whichever way it runs.
pub fn pair(link: &Link) -> (&ItemId, &ItemId) {
    let (a, b) = (&link.source, &link.target);
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

/// Rule 3 for one link whose ends are known (rule 2 passed):
/// `source_unit` and `target_unit` are the units of its items, `other`
/// the id of another link joining the same two items, either way.
pub fn check_link_ends(
    link: &Link,
    source_unit: &UnitId,
    target_unit: &UnitId,
    other: Option<&LinkId>,
) -> Result<(), RuleError> {
    if link.source == link.target {
        return Err(RuleError::SelfLink {
            link: link.id.clone(),
            item: link.source.clone(),
        });
    }
    if source_unit == target_unit {
        return Err(RuleError::SameUnitLink {
            link: link.id.clone(),
            unit: source_unit.clone(),
        });
    }
    if let Some(other) = other {
        return Err(RuleError::DuplicatePair {
            link: link.id.clone(),
            other: other.clone(),
        });
    }
    Ok(())
}

/// A field of one record that breaks its rule in [`fields`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: &'static str,
    pub problem: Problem,
}

fn text(field: &'static str, rule: fields::TextRule, value: &str) -> Result<(), FieldProblem> {
    rule.check(value)
        .map_err(|problem| FieldProblem { field, problem })
}

/// The field rules an item keeps by itself, as the loader reads them.
pub fn check_item_fields(item: &Item) -> Result<(), FieldProblem> {
    text("id", fields::ID, item.id.as_str())?;
    text("unit", fields::ID, item.unit.as_str())?;
    text("stage", fields::ID, item.stage.as_str())?;
    text("title", fields::ITEM_TITLE, &item.title)?;
    if let Some(notes) = &item.notes {
        text("notes", fields::ITEM_NOTES, notes)?;
    }
    if let Some(category) = &item.category {
        text("category", fields::ITEM_CATEGORY, category)?;
    }
    if let Some(q) = item.quarter {
        fields::QUARTER
            .check(i64::from(q))
            .map_err(|problem| FieldProblem {
                field: "quarter",
                problem,
            })?;
    }
    for tag in item.tags.iter().flatten() {
        text("tags", fields::ITEM_TAG, tag)?;
    }
    Ok(())
}

/// The field rules a link keeps by itself, as the loader reads them.
pub fn check_link_fields(link: &Link) -> Result<(), FieldProblem> {
    text("id", fields::ID, link.id.as_str())?;
    text("source", fields::ID, link.source.as_str())?;
    text("target", fields::ID, link.target.as_str())?;
    if let Some(note) = &link.note {
        text("note", fields::LINK_NOTE, note)?;
    }
    Ok(())
}

fn unique<'a>(collection: Collection, ids: impl Iterator<Item = &'a str>) -> Result<(), RuleError> {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(RuleError::DuplicateId {
                collection,
                id: id.to_string(),
            });
        }
    }
    Ok(())
}
