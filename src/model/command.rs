//! Every change to a plan is a [`Command`]: what it may be, why it may be
//! refused ([`CommandError`]), what it touched ([`Touched`]), and the rules
//! an item and a link keep in a plan. `editor.rs` applies commands.

use super::amount::AmountError;
use super::fields::Problem;
use super::id::{ItemId, LinkId, StageId, UnitId};
use super::load::check_plan_title;
use super::plan::{Item, Link, Plan, Stage, Unit};
use super::rules::{
    check_item_fields, check_link_ends, check_link_fields, pair, Collection, End, FieldProblem,
    RuleError,
};

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Put `item` at `index` (clamped to the end) and its `links` at their
    /// indices, in ascending order; the inverse of removing it.
    InsertItem {
        index: usize,
        item: Item,
        links: Vec<(usize, Link)>,
    },
    /// Remove an item and every link that touches it.
    RemoveItem {
        id: ItemId,
    },
    /// Replace the item with the same id.
    PutItem(Item),
    InsertLink {
        index: usize,
        link: Link,
    },
    RemoveLink {
        id: LinkId,
    },
    /// Replace the link with the same id.
    PutLink(Link),
    /// Remove several links in one step (one undo brings them all back).
    /// Every id must name a link, once.
    RemoveLinks {
        ids: Vec<LinkId>,
    },
    /// Put `links` at their indices (each clamped), in ascending order; the
    /// inverse of [`Command::RemoveLinks`].
    InsertLinks {
        links: Vec<(usize, Link)>,
    },
    SetTitle(String),
    /// Replace the whole plan (open a file, start a new plan).
    ReplacePlan(Box<Plan>),
    // Set-up commands, applied in `setup.rs`.
    /// The plan's year, 2000–2100.
    SetYear(u16),
    /// Put `unit` at `index` (clamped), then its `items` and `links` at
    /// their indices in ascending order; the inverse of removing it.
    InsertUnit {
        index: usize,
        unit: Unit,
        items: Vec<(usize, Item)>,
        links: Vec<(usize, Link)>,
    },
    /// Remove a unit, its items and every link that touches them.
    RemoveUnit {
        id: UnitId,
    },
    /// Replace the unit with the same id (name, level, pool).
    PutUnit(Unit),
    /// Move a unit so that it ends at index `to` (clamped).
    MoveUnit {
        id: UnitId,
        to: usize,
    },
    /// Put `stage` at `index` (clamped) and move the `items` (all from one
    /// stage) into it; the inverse of removing it.
    InsertStage {
        index: usize,
        stage: Stage,
        items: Vec<ItemId>,
    },
    /// Remove a stage; its items move to `target`, which is required when
    /// it holds any. The last stage cannot be removed.
    RemoveStage {
        id: StageId,
        target: Option<StageId>,
    },
    /// Replace the stage with the same id (its names).
    PutStage(Stage),
    /// Move a stage so that it ends at index `to` (clamped).
    MoveStage {
        id: StageId,
        to: usize,
    },
}

impl Command {
    pub fn add_item(item: Item) -> Command {
        Command::InsertItem {
            index: usize::MAX,
            item,
            links: Vec::new(),
        }
    }

    pub fn add_link(link: Link) -> Command {
        Command::InsertLink {
            index: usize::MAX,
            link,
        }
    }

    /// Renaming the plan: the title trimmed, refused when that leaves
    /// nothing or breaks the format's title rule. The same rule for the
    /// open plan (apply the command) and a stored one ([`rename`]).
    pub fn rename(title: &str) -> Result<Command, CommandError> {
        let title = title.trim();
        if title.is_empty() {
            return Err(CommandError::Field {
                field: "title",
                problem: Problem::Empty,
            });
        }
        check_plan_title(title).map_err(|problem| CommandError::Field {
            field: "title",
            problem,
        })?;
        Ok(Command::SetTitle(title.to_string()))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommandError {
    NotFound {
        collection: Collection,
        id: String,
    },
    Field {
        field: &'static str,
        problem: Problem,
    },
    Rule(RuleError),
    /// A set-up change refused.
    Setup(SetupError),
    /// The board holding the plan was closed.
    Gone,
}

impl From<RuleError> for CommandError {
    fn from(e: RuleError) -> Self {
        CommandError::Rule(e)
    }
}

impl From<FieldProblem> for CommandError {
    fn from(e: FieldProblem) -> Self {
        CommandError::Field {
            field: e.field,
            problem: e.problem,
        }
    }
}

/// What a change touched, so the board updates only that.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Touched {
    /// Only what the lists name changed, or the whole plan was replaced.
    pub extent: Extent,
    /// Items added, removed or changed (ids).
    pub items: Vec<ItemId>,
    /// Links added, removed or changed (ids).
    pub links: Vec<LinkId>,
    /// The units the touched items were in before the change, each once:
    /// an item that moved or went away leaves figures there. (Items that
    /// did not exist before add nothing; empty for a whole plan.) Pass it
    /// with `items` to [`crate::model::Tallies::update`].
    pub units_before: Vec<UnitId>,
    /// Units added, removed, edited or moved (ids): recompute their
    /// tallies and the plan's (see `setup.rs`).
    pub units: Vec<UnitId>,
    /// The plan's own fields that changed, each once.
    pub plan_fields: Vec<PlanField>,
}

/// How much of the plan a change touched.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Extent {
    /// The records the lists of [`Touched`] name.
    #[default]
    Records,
    /// The whole plan was replaced (open a file, start a new plan).
    WholePlan,
}

/// A field of the plan itself (not of a record).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanField {
    Title,
    Year,
    /// The list of stages (added, renamed, moved or removed).
    Stages,
}

impl Touched {
    /// The whole plan was replaced.
    pub fn whole_plan(&self) -> bool {
        self.extent == Extent::WholePlan
    }

    /// Whether the plan's `field` changed.
    pub fn changed(&self, field: PlanField) -> bool {
        self.plan_fields.contains(&field)
    }

    /// Notes that the plan's `field` changed.
    pub(super) fn mark(&mut self, field: PlanField) {
        if !self.changed(field) {
            self.plan_fields.push(field);
        }
    }

    /// The units whose figures a change may have moved: those the touched
    /// items were in before it, and those a set-up change touched. Pass it
    /// with `items` to [`crate::model::Tallies::update`].
    pub fn tally_units(&self) -> Vec<UnitId> {
        let mut units = self.units_before.clone();
        for unit in &self.units {
            if !units.contains(unit) {
                units.push(unit.clone());
            }
        }
        units
    }

    /// A link changed: so did the tallies of the items at its ends.
    pub(super) fn link(&mut self, link: &Link) {
        if !self.links.contains(&link.id) {
            self.links.push(link.id.clone());
        }
        for end in [&link.source, &link.target] {
            if !self.items.contains(end) {
                self.items.push(end.clone());
            }
        }
    }
}

/// The rules an item keeps: its fields (as the loader reads them), and a
/// unit and a stage that are in the plan.
pub(super) fn check_item(plan: &Plan, item: &Item) -> Result<(), CommandError> {
    check_item_fields(item)?;
    if plan.unit(&item.unit).is_none() {
        return Err(RuleError::UnknownUnit {
            item: item.id.clone(),
            unit: item.unit.clone(),
        }
        .into());
    }
    if plan.stage(&item.stage).is_none() {
        return Err(RuleError::UnknownStage {
            item: item.id.clone(),
            stage: item.stage.clone(),
        }
        .into());
    }
    Ok(())
}

/// The rules a link keeps in `plan`: its fields, rule 1 for its id, rules
/// 2 and 3 ([`check_link_ends`], the loader's own); `replacing` is the
/// index of the link it replaces, which is not counted against it.
pub(super) fn check_link(
    plan: &Plan,
    link: &Link,
    replacing: Option<usize>,
) -> Result<(), CommandError> {
    check_link_fields(link)?;
    let end = |end: End, id: &ItemId| {
        plan.item(id).ok_or_else(|| RuleError::UnknownItem {
            link: link.id.clone(),
            end,
            item: id.clone(),
        })
    };
    let source = end(End::Source, &link.source)?;
    let target = end(End::Target, &link.target)?;
    let mut other = None;
    for (i, l) in plan.links.iter().enumerate() {
        if Some(i) == replacing {
            continue;
        }
        if l.id == link.id {
            return Err(RuleError::DuplicateId {
                collection: Collection::Links,
                id: link.id.to_string(),
            }
            .into());
        }
        if other.is_none() && pair(l) == pair(link) {
            other = Some(&l.id);
        }
    }
    check_link_ends(link, &source.unit, &target.unit, other)?;
    Ok(())
}

/// Which set-up field a refusal is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SetupField {
    Id,
    Name,
    NameZh,
    Pool,
    Year,
    /// The stage that takes the items of a removed stage.
    Target,
    /// A new plan's title.
    Title,
}

impl SetupField {
    pub fn as_str(self) -> &'static str {
        match self {
            SetupField::Id => "id",
            SetupField::Name => "name",
            SetupField::NameZh => "Chinese name",
            SetupField::Pool => "pool",
            SetupField::Year => "year",
            SetupField::Target => "stage to move the items to",
            SetupField::Title => "title",
        }
    }
}

/// Why a set-up change was refused. The plan is left as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetupError {
    /// A name (or id) left empty or blank.
    Empty(SetupField),
    TooLong {
        field: SetupField,
        max: usize,
    },
    /// The pool as typed does not read as an amount.
    Pool(AmountError),
    /// The year as typed is not a whole number.
    YearNotANumber,
    /// A year outside [`fields::PLAN_YEAR`].
    Year {
        year: i64,
    },
    /// A plan keeps at least one stage.
    LastStage,
    /// The stage holds items and no stage was named to take them.
    StageHasItems {
        stage: StageId,
        items: usize,
    },
    /// The items of a removed stage cannot go to that same stage.
    TargetIsSame {
        stage: StageId,
    },
    /// The stage named to take the items is not in the plan.
    TargetUnknown {
        stage: StageId,
    },
    /// A unit brought back carries an item of another unit.
    ItemOfOtherUnit {
        item: ItemId,
        unit: UnitId,
    },
    /// A stage brought back takes items that were not all in one stage.
    ItemsInSeveralStages,
}

impl SetupError {
    pub(super) fn text(field: SetupField, problem: Problem) -> SetupError {
        match problem {
            Problem::TooLong { max } => SetupError::TooLong { field, max },
            _ => SetupError::Empty(field),
        }
    }
}

impl From<SetupError> for CommandError {
    fn from(e: SetupError) -> Self {
        CommandError::Setup(e)
    }
}
