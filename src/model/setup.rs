//! Setting up a board: the plan's year, its units and their pools, its
//! stages. Every change is a [`Command`] that goes through the one apply
//! path of [`super::command`] (undo, revision, tallies); the work of the
//! set-up commands is done here.
//!
//! What a set-up command reports in [`Touched`]:
//! - `year`: the plan's year changed.
//! - `units`: ids of units added, removed, edited (name, level, pool) or
//!   moved. Their tallies must be recomputed (pass them, with the units of
//!   the touched items before the change, to [`super::Tallies::update`]),
//!   and the plan totals with them: a level change moves coverage.
//! - `stages`: the list of stages changed (added, renamed, moved,
//!   removed); the stage columns and pickers are rebuilt.
//! - `items` / `links`: as for item commands (a removed unit takes its
//!   items and their links; a removed stage moves its items).

use super::amount::Amount;
use super::command::{check_item, Command, CommandError, PlanField, Touched};
pub use super::command::{SetupError, SetupField};
use super::fields::{self, TextRule};
use super::id::{ItemId, StageId, UnitId};
use super::plan::{Item, Level, Link, Plan, Stage, Unit};
use super::rules::{check_link_fields, check_rules, Collection, RuleError};

/// Something to point out that is not wrong enough to refuse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnitWarning {
    /// Another unit of the same level has the same name (`other` is its id).
    SameName { other: UnitId },
}

impl Command {
    /// A new unit at the end of the list.
    pub fn add_unit(unit: Unit) -> Command {
        Command::InsertUnit {
            index: usize::MAX,
            unit,
            items: Vec::new(),
            links: Vec::new(),
        }
    }

    /// A new stage at the end of the board.
    pub fn add_stage(stage: Stage) -> Command {
        Command::InsertStage {
            index: usize::MAX,
            stage,
            items: Vec::new(),
        }
    }
}

/// What removing a unit takes with it: its items, and the links that touch
/// them. An unknown unit takes nothing.
pub fn removal_of_unit(plan: &Plan, id: &UnitId) -> (usize, usize) {
    let owned = |item_id: &ItemId| plan.item(item_id).is_some_and(|i| &i.unit == id);
    let items = plan.items.iter().filter(|i| &i.unit == id).count();
    let links = plan
        .links
        .iter()
        .filter(|l| owned(&l.source) || owned(&l.target))
        .count();
    (items, links)
}

/// How many items removing a stage moves (and so whether it needs a stage
/// to move them to).
pub fn removal_of_stage(plan: &Plan, id: &StageId) -> usize {
    plan.items.iter().filter(|i| &i.stage == id).count()
}

/// Warnings about `unit` as it would stand in `plan` (itself excluded by
/// id): another unit of the same level with the same name, English or
/// Chinese (case and surrounding spaces ignored).
pub fn unit_warnings(plan: &Plan, unit: &Unit) -> Vec<UnitWarning> {
    let same = |a: &str, b: &str| {
        let (a, b) = (a.trim(), b.trim());
        !a.is_empty() && a.to_lowercase() == b.to_lowercase()
    };
    plan.units
        .iter()
        .filter(|o| o.id != unit.id && o.level == unit.level)
        .filter(|o| {
            same(&o.name, &unit.name)
                || matches!((&o.name_zh, &unit.name_zh), (Some(a), Some(b)) if same(a, b))
        })
        .map(|o| UnitWarning::SameName {
            other: o.id.clone(),
        })
        .collect()
}

/// A fresh id for a unit named `name`: its ASCII words as a slug
/// ("District 1" → "district-1"), "unit-1", "unit-2"… for a name without
/// any, with "-2", "-3"… added when the id is taken.
pub fn new_unit_id(plan: &Plan, name: &str) -> UnitId {
    UnitId::from(new_id(name, "unit", |id| {
        plan.units.iter().any(|u| u.id == id)
    }))
}

/// A fresh id for a stage, made as [`new_unit_id`] makes one.
pub fn new_stage_id(plan: &Plan, name: &str) -> StageId {
    StageId::from(new_id(name, "stage", |id| {
        plan.stages.iter().any(|s| s.id == id)
    }))
}

/// Longest slug taken from a name, leaving room for a "-NNN" suffix well
/// within the id limit.
const SLUG_MAX: usize = 60;

fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if out.len() >= SLUG_MAX {
                break;
            }
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn new_id(name: &str, prefix: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = slug(name);
    let (stem, mut n) = if base.is_empty() {
        (prefix.to_string(), 1u64)
    } else if !taken(&base) {
        return base;
    } else {
        (base, 2)
    };
    loop {
        let id = format!("{stem}-{n}");
        if !taken(&id) {
            return id;
        }
        n += 1;
    }
}

/// A pool as typed: empty means no pool; otherwise an amount read as
/// [`Amount::parse`] reads one (`1500000`, `1,500,000`, `150万`, `150万元`).
pub fn parse_pool(text: &str) -> Result<Option<Amount>, SetupError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    Amount::parse(text).map(Some).map_err(SetupError::Pool)
}

/// A year as typed, within [`fields::PLAN_YEAR`].
pub fn parse_year(text: &str) -> Result<u16, SetupError> {
    let year: i64 = text
        .trim()
        .parse()
        .map_err(|_| SetupError::YearNotANumber)?;
    check_year(year)?;
    Ok(year as u16)
}

pub(super) fn check_year(year: i64) -> Result<(), SetupError> {
    fields::PLAN_YEAR
        .check(year)
        .map_err(|_| SetupError::Year { year })
}

/// A unit's form as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitDraft {
    pub name: String,
    pub name_zh: String,
    pub level: Level,
    /// Empty for no pool.
    pub pool: String,
}

impl UnitDraft {
    pub fn of(unit: &Unit) -> UnitDraft {
        UnitDraft {
            name: unit.name.clone(),
            name_zh: unit.name_zh.clone().unwrap_or_default(),
            level: unit.level,
            pool: unit.pool.map(|p| p.yuan().to_string()).unwrap_or_default(),
        }
    }

    pub fn blank(level: Level) -> UnitDraft {
        UnitDraft {
            name: String::new(),
            name_zh: String::new(),
            level,
            pool: String::new(),
        }
    }

    /// `base` with the draft's fields (names trimmed), or every field that
    /// does not read.
    pub fn apply(&self, base: &Unit) -> Result<Unit, Vec<(SetupField, SetupError)>> {
        let mut errors = Vec::new();
        let mut unit = base.clone();
        unit.level = self.level;
        let mut text = |field, rule: TextRule, value: &str| {
            let value = value.trim();
            match rule.check_entered(value) {
                Ok(()) => Some(value.to_string()),
                Err(p) => {
                    errors.push((field, SetupError::text(field, p)));
                    None
                }
            }
        };
        if let Some(name) = text(SetupField::Name, fields::UNIT_NAME, &self.name) {
            unit.name = name;
        }
        if let Some(zh) = text(SetupField::NameZh, fields::UNIT_NAME_ZH, &self.name_zh) {
            unit.name_zh = (!zh.is_empty()).then_some(zh);
        }
        match parse_pool(&self.pool) {
            Ok(pool) => unit.pool = pool,
            Err(e) => errors.push((SetupField::Pool, e)),
        }
        if errors.is_empty() {
            Ok(unit)
        } else {
            Err(errors)
        }
    }

    /// A new unit for `plan` from the draft, with a fresh id from its name.
    pub fn new_unit(&self, plan: &Plan) -> Result<Unit, Vec<(SetupField, SetupError)>> {
        let base = Unit {
            id: UnitId::default(),
            name: String::new(),
            name_zh: None,
            level: self.level,
            pool: None,
            extra: Default::default(),
        };
        let mut unit = self.apply(&base)?;
        unit.id = new_unit_id(plan, &unit.name);
        Ok(unit)
    }
}

/// A stage's form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StageDraft {
    pub name: String,
    pub name_zh: String,
}

impl StageDraft {
    pub fn of(stage: &Stage) -> StageDraft {
        StageDraft {
            name: stage.name.clone(),
            name_zh: stage.name_zh.clone().unwrap_or_default(),
        }
    }

    pub fn apply(&self, base: &Stage) -> Result<Stage, Vec<(SetupField, SetupError)>> {
        let mut errors = Vec::new();
        let mut stage = base.clone();
        let name = self.name.trim();
        match fields::STAGE_NAME.check_entered(name) {
            Ok(()) => stage.name = name.to_string(),
            Err(p) => errors.push((SetupField::Name, SetupError::text(SetupField::Name, p))),
        }
        let zh = self.name_zh.trim();
        match fields::STAGE_NAME_ZH.check(zh) {
            Ok(()) => stage.name_zh = (!zh.is_empty()).then(|| zh.to_string()),
            Err(p) => errors.push((SetupField::NameZh, SetupError::text(SetupField::NameZh, p))),
        }
        if errors.is_empty() {
            Ok(stage)
        } else {
            Err(errors)
        }
    }

    pub fn new_stage(&self, plan: &Plan) -> Result<Stage, Vec<(SetupField, SetupError)>> {
        let base = Stage {
            id: StageId::default(),
            name: String::new(),
            name_zh: None,
            extra: Default::default(),
        };
        let mut stage = self.apply(&base)?;
        stage.id = new_stage_id(plan, &stage.name);
        Ok(stage)
    }
}

fn check_text(field: SetupField, rule: TextRule, text: &str) -> Result<(), SetupError> {
    rule.check(text).map_err(|p| SetupError::text(field, p))
}

/// The field rules a unit keeps by itself, as the loader reads them (a
/// name of spaces from a file is kept; a form refuses to type one).
pub fn check_unit(unit: &Unit) -> Result<(), SetupError> {
    check_text(SetupField::Id, fields::ID, unit.id.as_str())?;
    check_text(SetupField::Name, fields::UNIT_NAME, &unit.name)?;
    if let Some(zh) = &unit.name_zh {
        check_text(SetupField::NameZh, fields::UNIT_NAME_ZH, zh)?;
    }
    Ok(())
}

/// The field rules a stage keeps by itself.
pub fn check_stage(stage: &Stage) -> Result<(), SetupError> {
    check_text(SetupField::Id, fields::ID, stage.id.as_str())?;
    check_text(SetupField::Name, fields::STAGE_NAME, &stage.name)?;
    if let Some(zh) = &stage.name_zh {
        check_text(SetupField::NameZh, fields::STAGE_NAME_ZH, zh)?;
    }
    Ok(())
}

fn touch_link(touched: &mut Touched, link: &Link) {
    if !touched.links.contains(&link.id) {
        touched.links.push(link.id.clone());
    }
    for end in [&link.source, &link.target] {
        touch_item(touched, end);
    }
}

fn touch_item(touched: &mut Touched, id: &ItemId) {
    if !touched.items.contains(id) {
        touched.items.push(id.clone());
    }
}

fn not_found(collection: Collection, id: &str) -> CommandError {
    CommandError::NotFound {
        collection,
        id: id.to_string(),
    }
}

/// Moves the element at `from` so that it ends at `to` (clamped).
fn move_within<T>(list: &mut Vec<T>, from: usize, to: usize) -> usize {
    let x = list.remove(from);
    let to = to.min(list.len());
    list.insert(to, x);
    to
}

/// The plan's year, 2000–2100.
pub(super) fn set_year(
    plan: &mut Plan,
    year: u16,
    touched: &mut Touched,
) -> Result<Command, CommandError> {
    check_year(i64::from(year))?;
    touched.mark(PlanField::Year);
    let before = plan.year;
    if check_year(i64::from(before)).is_ok() {
        plan.year = year;
        Ok(Command::SetYear(before))
    } else {
        // A file may hold a year the board does not set; undo puts
        // it back by giving back the plan as it was.
        let old = plan.clone();
        plan.year = year;
        Ok(Command::ReplacePlan(Box::new(old)))
    }
}

/// [`Command::InsertUnit`].
pub(super) fn insert_unit(
    plan: &mut Plan,
    index: usize,
    unit: Unit,
    items: Vec<(usize, Item)>,
    links: Vec<(usize, Link)>,
    touched: &mut Touched,
) -> Result<Command, CommandError> {
    check_unit(&unit)?;
    if plan.unit(&unit.id).is_some() {
        return Err(RuleError::DuplicateId {
            collection: Collection::Units,
            id: unit.id.into_string(),
        }
        .into());
    }
    let mut next = plan.clone();
    let at = index.min(next.units.len());
    next.units.insert(at, unit.clone());
    for (i, item) in &items {
        if item.unit != unit.id {
            return Err(SetupError::ItemOfOtherUnit {
                item: item.id.clone(),
                unit: unit.id.clone(),
            }
            .into());
        }
        check_item(&next, item)?;
        let at = (*i).min(next.items.len());
        next.items.insert(at, item.clone());
    }
    for (i, link) in &links {
        check_link_fields(link)?;
        let at = (*i).min(next.links.len());
        next.links.insert(at, link.clone());
    }
    check_rules(&next)?;
    *plan = next;
    touched.units.push(unit.id.clone());
    for (_, item) in &items {
        touch_item(touched, &item.id);
    }
    for (_, link) in &links {
        touch_link(touched, link);
    }
    Ok(Command::RemoveUnit { id: unit.id })
}

/// [`Command::RemoveUnit`].
pub(super) fn remove_unit(
    plan: &mut Plan,
    id: UnitId,
    touched: &mut Touched,
) -> Result<Command, CommandError> {
    let index = plan
        .units
        .iter()
        .position(|u| u.id == id)
        .ok_or_else(|| not_found(Collection::Units, id.as_str()))?;
    let owned: std::collections::HashSet<&str> = plan
        .items
        .iter()
        .filter(|i| i.unit == id)
        .map(|i| i.id.as_str())
        .collect();
    let mut links = Vec::new();
    let mut kept_links = Vec::with_capacity(plan.links.len());
    for (i, link) in std::mem::take(&mut plan.links).into_iter().enumerate() {
        if owned.contains(link.source.as_str()) || owned.contains(link.target.as_str()) {
            touch_link(touched, &link);
            links.push((i, link));
        } else {
            kept_links.push(link);
        }
    }
    plan.links = kept_links;
    let mut items = Vec::new();
    let mut kept_items = Vec::with_capacity(plan.items.len());
    for (i, item) in std::mem::take(&mut plan.items).into_iter().enumerate() {
        if item.unit == id {
            touch_item(touched, &item.id);
            items.push((i, item));
        } else {
            kept_items.push(item);
        }
    }
    plan.items = kept_items;
    let unit = plan.units.remove(index);
    touched.units.push(id);
    Ok(Command::InsertUnit {
        index,
        unit,
        items,
        links,
    })
}

/// [`Command::PutUnit`].
pub(super) fn put_unit(
    plan: &mut Plan,
    unit: Unit,
    touched: &mut Touched,
) -> Result<Command, CommandError> {
    let index = plan
        .units
        .iter()
        .position(|u| u.id == unit.id)
        .ok_or_else(|| not_found(Collection::Units, unit.id.as_str()))?;
    check_unit(&unit)?;
    touched.units.push(unit.id.clone());
    Ok(Command::PutUnit(std::mem::replace(
        &mut plan.units[index],
        unit,
    )))
}

/// [`Command::MoveUnit`].
pub(super) fn move_unit(
    plan: &mut Plan,
    id: UnitId,
    to: usize,
    touched: &mut Touched,
) -> Result<Command, CommandError> {
    let from = plan
        .units
        .iter()
        .position(|u| u.id == id)
        .ok_or_else(|| not_found(Collection::Units, id.as_str()))?;
    move_within(&mut plan.units, from, to);
    touched.units.push(id.clone());
    Ok(Command::MoveUnit { id, to: from })
}

/// [`Command::InsertStage`].
pub(super) fn insert_stage(
    plan: &mut Plan,
    index: usize,
    stage: Stage,
    items: Vec<ItemId>,
    touched: &mut Touched,
) -> Result<Command, CommandError> {
    check_stage(&stage)?;
    if plan.stage(&stage.id).is_some() {
        return Err(RuleError::DuplicateId {
            collection: Collection::Stages,
            id: stage.id.into_string(),
        }
        .into());
    }
    let mut from: Option<StageId> = None;
    let mut positions = Vec::with_capacity(items.len());
    for id in &items {
        let at = plan
            .items
            .iter()
            .position(|i| &i.id == id)
            .ok_or_else(|| not_found(Collection::Items, id.as_str()))?;
        let stage_of = &plan.items[at].stage;
        match &from {
            None => from = Some(stage_of.clone()),
            Some(f) if f != stage_of => {
                return Err(SetupError::ItemsInSeveralStages.into());
            }
            Some(_) => {}
        }
        positions.push(at);
    }
    let at = index.min(plan.stages.len());
    let id = stage.id.clone();
    plan.stages.insert(at, stage);
    for p in positions {
        plan.items[p].stage = id.clone();
        touch_item(touched, &plan.items[p].id);
    }
    touched.mark(PlanField::Stages);
    Ok(Command::RemoveStage { id, target: from })
}

/// [`Command::RemoveStage`].
pub(super) fn remove_stage(
    plan: &mut Plan,
    id: StageId,
    target: Option<StageId>,
    touched: &mut Touched,
) -> Result<Command, CommandError> {
    let index = plan
        .stages
        .iter()
        .position(|s| s.id == id)
        .ok_or_else(|| not_found(Collection::Stages, id.as_str()))?;
    if plan.stages.len() == 1 {
        return Err(SetupError::LastStage.into());
    }
    match &target {
        Some(t) if *t == id => {
            return Err(SetupError::TargetIsSame { stage: id }.into());
        }
        Some(t) if plan.stage(t).is_none() => {
            return Err(SetupError::TargetUnknown { stage: t.clone() }.into());
        }
        _ => {}
    }
    let held: Vec<usize> = plan
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| i.stage == id)
        .map(|(n, _)| n)
        .collect();
    let moved = match (&target, held.is_empty()) {
        (_, true) => Vec::new(),
        (None, false) => {
            return Err(SetupError::StageHasItems {
                stage: id,
                items: held.len(),
            }
            .into());
        }
        (Some(t), false) => {
            let mut moved = Vec::with_capacity(held.len());
            for n in held {
                plan.items[n].stage = t.clone();
                touch_item(touched, &plan.items[n].id);
                moved.push(plan.items[n].id.clone());
            }
            moved
        }
    };
    let stage = plan.stages.remove(index);
    touched.mark(PlanField::Stages);
    Ok(Command::InsertStage {
        index,
        stage,
        items: moved,
    })
}

/// [`Command::PutStage`].
pub(super) fn put_stage(
    plan: &mut Plan,
    stage: Stage,
    touched: &mut Touched,
) -> Result<Command, CommandError> {
    let index = plan
        .stages
        .iter()
        .position(|s| s.id == stage.id)
        .ok_or_else(|| not_found(Collection::Stages, stage.id.as_str()))?;
    check_stage(&stage)?;
    touched.mark(PlanField::Stages);
    Ok(Command::PutStage(std::mem::replace(
        &mut plan.stages[index],
        stage,
    )))
}

/// [`Command::MoveStage`].
pub(super) fn move_stage(
    plan: &mut Plan,
    id: StageId,
    to: usize,
    touched: &mut Touched,
) -> Result<Command, CommandError> {
    let from = plan
        .stages
        .iter()
        .position(|s| s.id == id)
        .ok_or_else(|| not_found(Collection::Stages, id.as_str()))?;
    move_within(&mut plan.stages, from, to);
    touched.mark(PlanField::Stages);
    Ok(Command::MoveStage { id, to: from })
}
