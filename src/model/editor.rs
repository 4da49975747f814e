//! The one path every change takes: [`apply`] checks the rules and gives
//! the command that undoes the change; [`Editor`] holds the open plan with
//! its undo and redo history, bumps the revision and stamps the time. Also
//! the plan-level operations rename and copy, which take the same path.

use super::command::{check_item, check_link, Command, CommandError, Extent, PlanField, Touched};
use super::fields::{self, Problem};
use super::id::{ItemId, UnitId};
use super::load::check_plan_title;
use super::plan::Plan;
use super::rules::{check_item_fields, check_link_fields, check_rules, Collection, RuleError};
use super::setup;
use std::collections::VecDeque;

/// How many steps undo keeps.
pub const HISTORY_LIMIT: usize = 500;

/// Applies `cmd` to `plan` and returns the command that undoes it. On error
/// the plan is exactly as it was.
pub fn apply(plan: &mut Plan, cmd: Command) -> Result<(Command, Touched), CommandError> {
    let (inverse, mut touched) = apply_only(plan, cmd)?;
    if !touched.whole_plan() {
        touched.units_before = units_before(plan, &inverse, &touched.items);
    }
    Ok((inverse, touched))
}

/// The units `items` were in before a change, read from the plan after it
/// and the command that undoes it: only the item a command replaced or
/// removed can have been somewhere else; the inverse holds it as it was.
fn units_before(after: &Plan, inverse: &Command, items: &[ItemId]) -> Vec<UnitId> {
    let mut units: Vec<UnitId> = Vec::new();
    for id in items {
        let unit = match inverse {
            Command::PutItem(old) if old.id == *id => Some(&old.unit),
            Command::InsertItem { item, .. } if item.id == *id => Some(&item.unit),
            // The item was added: it was in no unit before.
            Command::RemoveItem { id: added } if added == id => None,
            _ => after.item(id).map(|i| &i.unit),
        };
        if let Some(unit) = unit {
            if !units.contains(unit) {
                units.push(unit.clone());
            }
        }
    }
    units
}

fn apply_only(plan: &mut Plan, cmd: Command) -> Result<(Command, Touched), CommandError> {
    let mut touched = Touched::default();
    let inverse = match cmd {
        Command::InsertItem { index, item, links } => {
            check_item(plan, &item)?;
            if plan.item(&item.id).is_some() {
                return Err(RuleError::DuplicateId {
                    collection: Collection::Items,
                    id: item.id.into_string(),
                }
                .into());
            }
            // Check the links against the plan as it will be.
            let mut next = plan.clone();
            let at = index.min(next.items.len());
            next.items.insert(at, item.clone());
            for (i, link) in &links {
                check_link(&next, link, None)?;
                let at = (*i).min(next.links.len());
                next.links.insert(at, link.clone());
            }
            touched.items.push(item.id.clone());
            for (_, link) in &links {
                touched.link(link);
            }
            *plan = next;
            Command::RemoveItem { id: item.id }
        }
        Command::RemoveItem { id } => {
            let index = position(&plan.items, |i| i.id == id, Collection::Items, id.as_str())?;
            let mut links = Vec::new();
            let mut kept = Vec::with_capacity(plan.links.len());
            for (i, link) in std::mem::take(&mut plan.links).into_iter().enumerate() {
                if link.source == id || link.target == id {
                    touched.link(&link);
                    links.push((i, link));
                } else {
                    kept.push(link);
                }
            }
            plan.links = kept;
            let item = plan.items.remove(index);
            touched.items.push(id);
            Command::InsertItem { index, item, links }
        }
        Command::PutItem(item) => {
            let index = position(
                &plan.items,
                |i| i.id == item.id,
                Collection::Items,
                item.id.as_str(),
            )?;
            check_item(plan, &item)?;
            if plan.items[index].unit != item.unit {
                // Moving an item to another unit must not put both ends of a
                // link in one unit.
                for link in plan
                    .links
                    .iter()
                    .filter(|l| l.source == item.id || l.target == item.id)
                {
                    let other = if link.source == item.id {
                        &link.target
                    } else {
                        &link.source
                    };
                    if plan.item(other).is_some_and(|o| o.unit == item.unit) {
                        return Err(RuleError::SameUnitLink {
                            link: link.id.clone(),
                            unit: item.unit.clone(),
                        }
                        .into());
                    }
                }
            }
            touched.items.push(item.id.clone());
            Command::PutItem(std::mem::replace(&mut plan.items[index], item))
        }
        Command::InsertLink { index, link } => {
            check_link(plan, &link, None)?;
            let at = index.min(plan.links.len());
            touched.link(&link);
            let id = link.id.clone();
            plan.links.insert(at, link);
            Command::RemoveLink { id }
        }
        Command::RemoveLink { id } => {
            let index = position(&plan.links, |l| l.id == id, Collection::Links, id.as_str())?;
            let link = plan.links.remove(index);
            touched.link(&link);
            Command::InsertLink { index, link }
        }
        Command::PutLink(link) => {
            let index = position(
                &plan.links,
                |l| l.id == link.id,
                Collection::Links,
                link.id.as_str(),
            )?;
            check_link(plan, &link, Some(index))?;
            touched.link(&plan.links[index]);
            touched.link(&link);
            Command::PutLink(std::mem::replace(&mut plan.links[index], link))
        }
        Command::RemoveLinks { ids } => {
            if ids.is_empty() {
                return Err(CommandError::Field {
                    field: "links",
                    problem: Problem::Empty,
                });
            }
            // Every id is found (once) before anything is removed.
            let mut at = Vec::with_capacity(ids.len());
            for id in &ids {
                let index = position(&plan.links, |l| l.id == *id, Collection::Links, id.as_str())?;
                if at.contains(&index) {
                    return Err(RuleError::DuplicateId {
                        collection: Collection::Links,
                        id: id.to_string(),
                    }
                    .into());
                }
                at.push(index);
            }
            at.sort_unstable();
            let mut removed = Vec::with_capacity(at.len());
            for (n, index) in at.into_iter().enumerate() {
                // Earlier removals moved this link `n` places up.
                let link = plan.links.remove(index - n);
                touched.link(&link);
                removed.push((index, link));
            }
            Command::InsertLinks { links: removed }
        }
        Command::InsertLinks { links } => {
            if links.is_empty() {
                return Err(CommandError::Field {
                    field: "links",
                    problem: Problem::Empty,
                });
            }
            // Each checked against the plan as it is by then; on a refusal
            // the ones put in so far come out again, last first.
            let mut put: Vec<usize> = Vec::with_capacity(links.len());
            let mut ids = Vec::with_capacity(links.len());
            for (index, link) in links {
                if let Err(e) = check_link(plan, &link, None) {
                    for at in put.into_iter().rev() {
                        plan.links.remove(at);
                    }
                    return Err(e);
                }
                let at = index.min(plan.links.len());
                ids.push(link.id.clone());
                touched.link(&link);
                plan.links.insert(at, link);
                put.push(at);
            }
            Command::RemoveLinks { ids }
        }
        Command::SetTitle(title) => {
            check_plan_title(&title).map_err(|problem| CommandError::Field {
                field: "title",
                problem,
            })?;
            touched.mark(PlanField::Title);
            Command::SetTitle(std::mem::replace(&mut plan.title, title))
        }
        Command::ReplacePlan(next) => {
            check_plan(&next)?;
            touched.extent = Extent::WholePlan;
            Command::ReplacePlan(Box::new(std::mem::replace(plan, *next)))
        }
        Command::SetYear(year) => setup::set_year(plan, year, &mut touched)?,
        Command::InsertUnit {
            index,
            unit,
            items,
            links,
        } => setup::insert_unit(plan, index, unit, items, links, &mut touched)?,
        Command::RemoveUnit { id } => setup::remove_unit(plan, id, &mut touched)?,
        Command::PutUnit(unit) => setup::put_unit(plan, unit, &mut touched)?,
        Command::MoveUnit { id, to } => setup::move_unit(plan, id, to, &mut touched)?,
        Command::InsertStage {
            index,
            stage,
            items,
        } => setup::insert_stage(plan, index, stage, items, &mut touched)?,
        Command::RemoveStage { id, target } => setup::remove_stage(plan, id, target, &mut touched)?,
        Command::PutStage(stage) => setup::put_stage(plan, stage, &mut touched)?,
        Command::MoveStage { id, to } => setup::move_stage(plan, id, to, &mut touched)?,
    };
    Ok((inverse, touched))
}

fn position<T>(
    list: &[T],
    pred: impl Fn(&T) -> bool,
    collection: Collection,
    id: &str,
) -> Result<usize, CommandError> {
    list.iter()
        .position(pred)
        .ok_or_else(|| CommandError::NotFound {
            collection,
            id: id.to_string(),
        })
}

/// Every rule a whole plan keeps, as the loader checks them: the plan's
/// own fields, every record's fields and rules 1 to 3. A plan that passes
/// opens from its file, and a plan that opens passes.
pub fn check_plan(plan: &Plan) -> Result<(), CommandError> {
    check_plan_title(&plan.title).map_err(|problem| CommandError::Field {
        field: "title",
        problem,
    })?;
    fields::FILE_YEAR
        .check(i64::from(plan.year))
        .map_err(|problem| CommandError::Field {
            field: "year",
            problem,
        })?;
    fields::ID
        .check(&plan.id)
        .map_err(|problem| CommandError::Field {
            field: "id",
            problem,
        })?;
    if plan.stages.is_empty() {
        return Err(CommandError::Field {
            field: "stages",
            problem: Problem::TooFew { min: 1 },
        });
    }
    for unit in &plan.units {
        super::setup::check_unit(unit)?;
    }
    for stage in &plan.stages {
        super::setup::check_stage(stage)?;
    }
    for item in &plan.items {
        check_item_fields(item)?;
    }
    for link in &plan.links {
        check_link_fields(link)?;
    }
    check_rules(plan)?;
    Ok(())
}

/// The open plan with its undo and redo history.
#[derive(Clone, Debug)]
pub struct Editor {
    plan: Plan,
    undo: VecDeque<Command>,
    redo: Vec<Command>,
}

impl Editor {
    pub fn new(plan: Plan) -> Editor {
        Editor {
            plan,
            undo: VecDeque::new(),
            redo: Vec::new(),
        }
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    /// Applies a change; `now` (RFC 3339) becomes the plan's `updated_at`.
    pub fn apply(&mut self, cmd: Command, now: &str) -> Result<Touched, CommandError> {
        let before = self.plan.revision;
        let (inverse, touched) = apply(&mut self.plan, cmd)?;
        self.undo.push_back(inverse);
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.pop_front();
        }
        self.redo.clear();
        stamp(&mut self.plan, now, before);
        Ok(touched)
    }

    /// Takes the last change back. `Ok(None)`: nothing to undo. When the
    /// change cannot be taken back (the plan no longer allows it), the plan
    /// stays as it is, that step leaves the history, the rest of it stays,
    /// and the error says why.
    pub fn undo(&mut self, now: &str) -> Result<Option<Touched>, CommandError> {
        let Some(cmd) = self.undo.pop_back() else {
            return Ok(None);
        };
        let before = self.plan.revision;
        let (inverse, touched) = apply(&mut self.plan, cmd)?;
        self.redo.push(inverse);
        stamp(&mut self.plan, now, before);
        Ok(Some(touched))
    }

    /// Makes the last undone change again; as [`Editor::undo`] when it
    /// cannot.
    pub fn redo(&mut self, now: &str) -> Result<Option<Touched>, CommandError> {
        let Some(cmd) = self.redo.pop() else {
            return Ok(None);
        };
        let before = self.plan.revision;
        let (inverse, touched) = apply(&mut self.plan, cmd)?;
        self.undo.push_back(inverse);
        stamp(&mut self.plan, now, before);
        Ok(Some(touched))
    }
}

/// Every saved change bumps the revision, so an older copy can be told from
/// a newer one. A replaced plan continues from the higher of the two
/// revisions (`before` is the revision before the change), so the revision
/// never goes back.
fn stamp(plan: &mut Plan, now: &str, before: Option<u64>) {
    let base = before.unwrap_or(0).max(plan.revision.unwrap_or(0));
    plan.revision = Some(base + 1);
    plan.updated_at = Some(now.to_string());
}

/// A stored plan (not the open one) renamed: the same rule as
/// [`Command::rename`], the revision bumped once and `now` (RFC 3339) as
/// its `updated_at`. On error nothing is renamed.
pub fn rename(plan: &Plan, title: &str, now: &str) -> Result<Plan, CommandError> {
    let mut next = plan.clone();
    let before = next.revision;
    apply(&mut next, Command::rename(title)?)?;
    stamp(&mut next, now, before);
    Ok(next)
}

/// A copy of `plan` as a plan of its own: a duplicate, this window's plan
/// kept beside a newer one, a file opened beside the plan it copies. It
/// gets `new_id`, its title followed by `suffix` (none when `suffix` is
/// blank; see [`copy_title`]), and is stamped once like every other change:
/// the revision goes on from the original's and `updated_at` is `now`.
pub fn copy_as(plan: &Plan, new_id: String, suffix: &str, now: &str) -> Plan {
    let mut copy = plan.clone();
    copy.id = new_id;
    copy.title = copy_title(&plan.title, suffix);
    let before = copy.revision;
    stamp(&mut copy, now, before);
    copy
}

/// `title` followed by a space and `suffix`, within the format's title
/// rule: the title is cut, on a character boundary, so that the whole
/// stays within [`fields::PLAN_TITLE`] characters. A blank suffix gives the title
/// alone; a blank title gives the suffix alone.
pub fn copy_title(title: &str, suffix: &str) -> String {
    let suffix: String = suffix.trim().chars().take(fields::PLAN_TITLE.max).collect();
    let title = title.trim();
    if suffix.is_empty() {
        return title.chars().take(fields::PLAN_TITLE.max).collect();
    }
    let room = fields::PLAN_TITLE
        .max
        .saturating_sub(suffix.chars().count() + 1);
    let base: String = title.chars().take(room).collect();
    let base = base.trim_end();
    if base.is_empty() {
        suffix
    } else {
        format!("{base} {suffix}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::demo_plan;

    #[test]
    fn an_undo_that_cannot_apply_leaves_the_plan_and_the_rest_of_the_history() {
        let mut editor = Editor::new(demo_plan());
        let first = editor.plan().items[0].clone();
        let mut renamed = first.clone();
        renamed.title = "Renamed".into();
        editor
            .apply(Command::PutItem(renamed), "2026-01-01T00:00:00Z")
            .unwrap();
        // A step that no longer applies: it names an item that is gone.
        editor.undo.push_back(Command::RemoveItem {
            id: "no-such-item".into(),
        });
        let plan = editor.plan().clone();
        let refused = editor.undo("2026-01-01T00:00:01Z");
        assert!(matches!(refused, Err(CommandError::NotFound { .. })));
        assert_eq!(editor.plan(), &plan, "the plan is as it was");
        assert_eq!(editor.undo_depth(), 1, "the rest of the history stays");
        let touched = editor.undo("2026-01-01T00:00:02Z").unwrap().unwrap();
        assert_eq!(touched.items, vec![first.id.clone()]);
        assert_eq!(editor.plan().items[0].title, first.title);
        assert!(editor.redo("2026-01-01T00:00:03Z").unwrap().is_some());
        assert_eq!(editor.undo("x").map(|t| t.is_some()), Ok(true));
        assert_eq!(editor.undo("x"), Ok(None));
    }
}
