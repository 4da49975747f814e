//! The open plan and its projection onto the board: one signal per card,
//! unit and column, brought up to date from what each command touched, so
//! one edit re-renders one card and the figures that moved, never the
//! board. Only `apply`, `undo`, `redo`, `replace` and `relayout` change it;
//! everything else reads it through read-only signals.

use crate::io::{clock, perf};
use crate::model::command::PlanField;
use crate::model::view::{column_items, columns, ColumnKey, Filter, Grouping};
use crate::model::{
    unreached_districts, Command, CommandError, Editor, Item, ItemId, ItemTally, Plan, PlanTally,
    Stage, Tallies, Touched, Unit, UnitId, UnitTally,
};
use leptos::prelude::*;
use std::collections::HashMap;
use std::time::Duration;

/// One card's data and figures.
#[derive(Clone, Copy)]
pub struct ItemCell {
    pub item: ReadSignal<Item>,
    pub tally: ReadSignal<ItemTally>,
    write: WriteCell<Item, ItemTally>,
}

/// A unit and its figures.
#[derive(Clone, Copy)]
pub struct UnitCell {
    pub unit: ReadSignal<Unit>,
    pub tally: ReadSignal<UnitTally>,
    write: WriteCell<Unit, UnitTally>,
}

struct WriteCell<T: 'static, F: 'static> {
    data: RwSignal<T>,
    tally: RwSignal<F>,
}

impl<T, F> Clone for WriteCell<T, F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, F> Copy for WriteCell<T, F> {}

impl<T: Send + Sync + 'static, F: Send + Sync + 'static> WriteCell<T, F> {
    fn dispose(self) {
        self.data.dispose();
        self.tally.dispose();
    }
}

impl ItemCell {
    fn new(item: Item, tally: ItemTally) -> ItemCell {
        let write = WriteCell {
            data: RwSignal::new(item),
            tally: RwSignal::new(tally),
        };
        ItemCell {
            item: write.data.read_only(),
            tally: write.tally.read_only(),
            write,
        }
    }
}

impl UnitCell {
    fn new(unit: Unit, tally: UnitTally) -> UnitCell {
        let write = WriteCell {
            data: RwSignal::new(unit),
            tally: RwSignal::new(tally),
        };
        UnitCell {
            unit: write.data.read_only(),
            tally: write.tally.read_only(),
            write,
        }
    }
}

/// A column of the board and the ids of the cards it shows, in order.
///
/// The lists the board renders from (a column's cards, the units in board
/// order, the districts not reached) hold the ids' text: each signal of a
/// type of its own brings its own copy of the reactive code into the first
/// load. `ItemId::from` / `UnitId::from` take the text back without a copy.
#[derive(Clone)]
pub struct ColumnCell {
    pub key: ColumnKey,
    items: RwSignal<Vec<String>>,
}

impl ColumnCell {
    pub fn items(&self) -> ReadSignal<Vec<String>> {
        self.items.read_only()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanHeader {
    pub id: String,
    pub title: String,
    pub year: u16,
    pub revision: u64,
}

/// How the board lays the cards out (from the view state).
pub struct Layout<'a> {
    pub grouping: Grouping,
    pub filter: &'a Filter,
}

#[derive(Clone, Copy)]
pub struct Document {
    editor: StoredValue<Editor>,
    /// The open plan's tallies, kept up to date change by change.
    tallies: StoredValue<Tallies>,
    items: StoredValue<HashMap<ItemId, ItemCell>>,
    units: StoredValue<HashMap<UnitId, UnitCell>>,
    column_cells: StoredValue<HashMap<String, ColumnCell>>,
    /// The board's own owner: cells made during an event belong to the
    /// board, not to whatever dialog or button sent the command.
    owner: StoredValue<Owner>,
    /// Column ids in board order (for units: municipal, districts,
    /// affiliates), each with the generation of the plan it was laid out
    /// for, so that opening another plan renders its columns anew.
    columns: RwSignal<Vec<(u64, String)>>,
    generation: StoredValue<u64>,
    /// Bumped whenever a link is added, changed or removed.
    links_changed: RwSignal<u64>,
    stages: RwSignal<Vec<Stage>>,
    /// Unit ids in board order, each with the generation of its plan (as
    /// `columns`), whatever the grouping: the set-up panel lists them.
    unit_order: RwSignal<Vec<(u64, String)>>,
    /// Every tag the plan's items carry, sorted (for the filter).
    tags: RwSignal<Vec<String>>,
    header: RwSignal<PlanHeader>,
    plan_tally: RwSignal<PlanTally>,
    /// District unit ids that no link reaches yet.
    unreached: RwSignal<Vec<String>>,
    can_undo: RwSignal<bool>,
    can_redo: RwSignal<bool>,
    /// Counts changes (a rebuild too), for views that follow them one by
    /// one (see [`Document::touched_since`]).
    changes: RwSignal<u64>,
    touched_log: StoredValue<TouchedLog>,
}

/// The items the last changes touched, numbered as `changes` counts them.
#[derive(Default)]
struct TouchedLog {
    /// The change that rebuilt everything last.
    rebuilt: u64,
    entries: std::collections::VecDeque<(u64, Vec<ItemId>)>,
}

/// How many changes the log keeps (a view further behind starts over).
const TOUCHED_LOG: usize = 64;

impl Document {
    pub fn new(plan: Plan, layout: &Layout) -> Document {
        let doc = Document {
            editor: StoredValue::new(Editor::new(plan)),
            tallies: StoredValue::new(Tallies::default()),
            items: StoredValue::new(HashMap::new()),
            units: StoredValue::new(HashMap::new()),
            column_cells: StoredValue::new(HashMap::new()),
            owner: StoredValue::new(Owner::current().unwrap_or_default()),
            columns: RwSignal::new(Vec::new()),
            generation: StoredValue::new(0),
            links_changed: RwSignal::new(0),
            stages: RwSignal::new(Vec::new()),
            unit_order: RwSignal::new(Vec::new()),
            tags: RwSignal::new(Vec::new()),
            header: RwSignal::new(PlanHeader {
                id: String::new(),
                title: String::new(),
                year: 0,
                revision: 0,
            }),
            plan_tally: RwSignal::new(PlanTally::default()),
            unreached: RwSignal::new(Vec::new()),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            changes: RwSignal::new(0),
            touched_log: StoredValue::new(TouchedLog::default()),
        };
        doc.rebuild(layout);
        doc
    }

    pub fn columns(&self) -> ReadSignal<Vec<(u64, String)>> {
        self.columns.read_only()
    }
    pub fn links_changed(&self) -> ReadSignal<u64> {
        self.links_changed.read_only()
    }
    pub fn stages(&self) -> ReadSignal<Vec<Stage>> {
        self.stages.read_only()
    }
    pub fn unit_order(&self) -> ReadSignal<Vec<(u64, String)>> {
        self.unit_order.read_only()
    }
    pub fn tags(&self) -> ReadSignal<Vec<String>> {
        self.tags.read_only()
    }
    pub fn header(&self) -> ReadSignal<PlanHeader> {
        self.header.read_only()
    }
    pub fn plan_tally(&self) -> ReadSignal<PlanTally> {
        self.plan_tally.read_only()
    }
    pub fn unreached(&self) -> ReadSignal<Vec<String>> {
        self.unreached.read_only()
    }
    pub fn can_undo(&self) -> ReadSignal<bool> {
        self.can_undo.read_only()
    }
    pub fn can_redo(&self) -> ReadSignal<bool> {
        self.can_redo.read_only()
    }
    /// Bumped by every change and every rebuild.
    pub fn changes(&self) -> ReadSignal<u64> {
        self.changes.read_only()
    }

    /// The items touched by the changes after change `since` (each change's
    /// `Touched::items`, in order), or `None` when everything was rebuilt
    /// since or the log no longer reaches back that far.
    pub fn touched_since(&self, since: u64) -> Option<Vec<ItemId>> {
        self.touched_log.with_value(|log| {
            if log.rebuilt > since {
                return None;
            }
            let reaches = log
                .entries
                .front()
                .is_none_or(|(first, _)| *first <= since + 1);
            if !reaches {
                return None;
            }
            Some(
                log.entries
                    .iter()
                    .filter(|(n, _)| *n > since)
                    .flat_map(|(_, items)| items.iter().cloned())
                    .collect(),
            )
        })
    }

    /// Records a change's touched items (`None`: everything was rebuilt).
    fn log_change(&self, items: Option<&[ItemId]>) {
        let n = self.changes.get_untracked() + 1;
        self.touched_log.update_value(|log| match items {
            Some(items) => {
                log.entries.push_back((n, items.to_vec()));
                while log.entries.len() > TOUCHED_LOG {
                    log.entries.pop_front();
                }
            }
            None => {
                log.rebuilt = n;
                log.entries.clear();
            }
        });
        self.changes.set(n);
    }

    /// Reads the plan without tracking.
    pub fn with_plan<R>(&self, f: impl FnOnce(&Plan) -> R) -> R {
        self.editor.with_value(|e| f(e.plan()))
    }

    /// Reads the open plan's tallies (up to date after every change).
    pub fn with_tallies<R>(&self, f: impl FnOnce(&Tallies) -> R) -> R {
        self.tallies.with_value(f)
    }

    pub fn item(&self, id: &ItemId) -> Option<ItemCell> {
        self.items.with_value(|m| m.get(id).copied())
    }

    pub fn unit(&self, id: &UnitId) -> Option<UnitCell> {
        self.units.with_value(|m| m.get(id).copied())
    }

    pub fn column(&self, id: &str) -> Option<ColumnCell> {
        self.column_cells.with_value(|m| m.get(id).cloned())
    }

    /// An item's title and its unit's name in `lang` (tracked), for labels.
    pub fn item_label(&self, id: &ItemId, lang: crate::i18n::Lang) -> Option<(String, String)> {
        let cell = self.item(id)?;
        Some(cell.item.with(|i| {
            let unit = self
                .unit(&i.unit)
                .map(|u| u.unit.with(|u| lang.unit_name(u)))
                .unwrap_or_default();
            (i.title.clone(), unit)
        }))
    }

    /// Applies `cmd` through the editor and updates what it touched.
    pub fn apply(&self, cmd: Command, layout: &Layout) -> Result<Touched, CommandError> {
        perf::measure("lb:apply", || {
            let now = clock::now_rfc3339();
            // The editor lives as long as the board; a board already gone
            // has nothing to change.
            let touched = self
                .editor
                .try_update_value(|e| e.apply(cmd, &now))
                .unwrap_or(Err(CommandError::Gone))?;
            self.refresh(&touched, layout);
            Ok(touched)
        })
    }

    /// Takes the last change back; `Ok(None)` when there is none. A step
    /// that no longer applies leaves the plan as it was (see
    /// [`Editor::undo`]).
    pub fn undo(&self, layout: &Layout) -> Result<Option<Touched>, CommandError> {
        let now = clock::now_rfc3339();
        self.step(layout, |e| e.undo(&now))
    }

    pub fn redo(&self, layout: &Layout) -> Result<Option<Touched>, CommandError> {
        let now = clock::now_rfc3339();
        self.step(layout, |e| e.redo(&now))
    }

    fn step(
        &self,
        layout: &Layout,
        f: impl FnOnce(&mut Editor) -> Result<Option<Touched>, CommandError>,
    ) -> Result<Option<Touched>, CommandError> {
        let touched = self
            .editor
            .try_update_value(f)
            .unwrap_or(Err(CommandError::Gone))?;
        if let Some(touched) = &touched {
            self.refresh(touched, layout);
        }
        // The history changed either way (a refused step leaves it).
        self.sync_history();
        Ok(touched)
    }

    /// Opens `plan` in place of the open one, with a fresh history.
    pub fn replace(&self, plan: Plan, layout: &Layout) {
        self.editor.set_value(Editor::new(plan));
        self.rebuild(layout);
    }

    /// Lays out the columns anew (the grouping or the filter changed).
    pub fn relayout(&self, layout: &Layout) {
        self.owned(|| self.rebuild_columns(layout))
    }

    /// Runs `f` under the board's owner.
    fn owned<T>(&self, f: impl FnOnce() -> T) -> T {
        self.owner.with_value(|o| o.clone()).with(f)
    }

    fn rebuild_columns(&self, layout: &Layout) {
        let lists: Vec<(String, ColumnKey, Vec<String>)> = self.with_plan(|plan| {
            columns(plan, layout.grouping)
                .into_iter()
                .map(|key| {
                    (
                        key.id(),
                        texts(column_items(plan, &key, layout.filter)),
                        key,
                    )
                })
                .map(|(id, items, key)| (id, key, items))
                .collect()
        });
        let generation = self.generation.get_value();
        let order: Vec<(u64, String)> = lists
            .iter()
            .map(|(id, _, _)| (generation, id.clone()))
            .collect();
        let mut stale = Vec::new();
        self.column_cells.update_value(|cells| {
            let mut next = HashMap::with_capacity(lists.len());
            for (id, key, items) in lists {
                match cells.remove(&id) {
                    Some(cell) => {
                        if cell.items.with_untracked(|old| old != &items) {
                            cell.items.set(items);
                        }
                        next.insert(id, cell);
                    }
                    None => {
                        let cell = ColumnCell {
                            key,
                            items: RwSignal::new(items),
                        };
                        next.insert(id, cell);
                    }
                }
            }
            stale.extend(cells.drain().map(|(_, c)| c.items));
            *cells = next;
        });
        set_if_changed(self.columns, order);
        // Freed once the columns that read them are gone (see `rebuild`).
        set_timeout(
            move || {
                for signal in stale {
                    signal.dispose();
                }
            },
            Duration::ZERO,
        );
    }

    /// Recomputes the card lists of the columns that held or now hold the
    /// given items (before and after a change).
    fn refresh_columns(&self, before: &[Item], after: &[Item], filter: &Filter) {
        let affected: Vec<ColumnCell> = self.column_cells.with_value(|cells| {
            cells
                .values()
                .filter(|c| before.iter().chain(after).any(|i| c.key.holds(i)))
                .cloned()
                .collect()
        });
        for cell in affected {
            let ids = self.with_plan(|p| texts(column_items(p, &cell.key, filter)));
            if cell.items.with_untracked(|old| old != &ids) {
                cell.items.set(ids);
            }
        }
    }

    /// Builds every cell anew (first open, or the whole plan replaced).
    fn rebuild(&self, layout: &Layout) {
        self.owned(|| self.rebuild_owned(layout))
    }

    fn rebuild_owned(&self, layout: &Layout) {
        let old_items = self
            .items
            .with_value(|m| m.values().map(|c| c.write).collect::<Vec<_>>());
        let old_units = self
            .units
            .with_value(|m| m.values().map(|c| c.write).collect::<Vec<_>>());
        // A new plan: new columns, new cards.
        self.generation.update_value(|g| *g += 1);
        let old_columns: Vec<RwSignal<Vec<String>>> = self
            .column_cells
            .try_update_value(|cells| cells.drain().map(|(_, c)| c.items).collect())
            .unwrap_or_default();
        let (items, units, stages, tallies) = self.with_plan(|plan| {
            let tallies = Tallies::of(plan);
            let items: HashMap<ItemId, ItemCell> = plan
                .items
                .iter()
                .map(|i| (i.id.clone(), ItemCell::new(i.clone(), tallies.item(&i.id))))
                .collect();
            let units: HashMap<UnitId, UnitCell> = plan
                .units
                .iter()
                .map(|u| (u.id.clone(), UnitCell::new(u.clone(), tallies.unit(&u.id))))
                .collect();
            (items, units, plan.stages.clone(), tallies)
        });
        self.items.set_value(items);
        self.units.set_value(units);
        set_if_changed(self.stages, stages);
        set_if_changed(self.tags, self.with_plan(Filter::tags_in));
        self.refresh_unit_order();
        self.rebuild_columns(layout);
        self.links_changed.update(|n| *n += 1);
        self.log_change(None);
        // The cells were made with these tallies: only the plan's figures
        // are left to set.
        self.tallies.set_value(tallies);
        self.refresh_figures(&[], &[]);
        // The old cards and columns still read their cells until the board
        // has re-rendered (effects run after this event); free the cells
        // once that is done.
        set_timeout(
            move || {
                old_items.into_iter().for_each(WriteCell::dispose);
                old_units.into_iter().for_each(WriteCell::dispose);
                for signal in old_columns {
                    signal.dispose();
                }
            },
            Duration::ZERO,
        );
    }

    /// Updates the cells a change touched, then the figures that moved.
    fn refresh(&self, touched: &Touched, layout: &Layout) {
        if touched.whole_plan() {
            self.rebuild(layout);
            return;
        }
        let mut before = Vec::new();
        let mut after = Vec::new();
        let mut tags_moved = false;
        let filtering = !layout.filter.is_empty();
        for id in &touched.items {
            let now = self.with_plan(|p| p.item(id).cloned());
            match (self.item(id), now) {
                (Some(cell), Some(item)) => {
                    tags_moved |= cell.item.with_untracked(|i| i.tags != item.tags);
                    if cell.item.with_untracked(|i| i != &item) {
                        // Only a change of place (or a filter that may now
                        // match differently) moves cards between columns.
                        let moved = cell.item.with_untracked(|i| {
                            i.unit != item.unit
                                || i.stage != item.stage
                                || i.quarter != item.quarter
                                || i.category != item.category
                        });
                        if moved || filtering {
                            before.push(cell.item.get_untracked());
                            after.push(item.clone());
                        }
                        cell.write.data.set(item);
                    }
                }
                (None, Some(item)) => {
                    tags_moved |= item.tags.is_some();
                    after.push(item.clone());
                    let cell = self.owned(|| ItemCell::new(item, ItemTally::default()));
                    self.items.update_value(|m| {
                        m.insert(id.clone(), cell);
                    });
                }
                (Some(cell), None) => {
                    tags_moved |= cell.item.with_untracked(|i| i.tags.is_some());
                    before.push(cell.item.get_untracked());
                    self.items.update_value(|m| {
                        m.remove(id);
                    });
                }
                (None, None) => {}
            }
        }
        if !before.is_empty() || !after.is_empty() {
            self.refresh_columns(&before, &after, layout.filter);
        }
        if tags_moved {
            set_if_changed(self.tags, self.with_plan(Filter::tags_in));
        }
        if !touched.links.is_empty() {
            self.links_changed.update(|n| *n += 1);
        }
        if !touched.units.is_empty() || touched.changed(PlanField::Stages) {
            self.refresh_setup(touched, layout);
        }
        self.log_change(Some(&touched.items));
        self.refresh_figures(&touched.items, &touched.tally_units());
    }

    /// Units or stages were added, changed, moved or removed: their cells
    /// follow, and the columns are laid out again (a unit's place or level,
    /// or the stages, decide them).
    fn refresh_setup(&self, touched: &Touched, layout: &Layout) {
        self.owned(|| {
            for id in &touched.units {
                let now = self.with_plan(|p| p.unit(id).cloned());
                match (self.unit(id), now) {
                    (Some(cell), Some(unit)) => set_if_changed(cell.write.data, unit),
                    (None, Some(unit)) => {
                        let cell = UnitCell::new(unit, UnitTally::default());
                        self.units.update_value(|m| {
                            m.insert(id.clone(), cell);
                        });
                    }
                    (Some(cell), None) => {
                        self.units.update_value(|m| {
                            m.remove(id);
                        });
                        // Read until the column that showed it is gone.
                        set_timeout(move || cell.write.dispose(), Duration::ZERO);
                    }
                    (None, None) => {}
                }
            }
            if touched.changed(PlanField::Stages) {
                set_if_changed(self.stages, self.with_plan(|p| p.stages.clone()));
            }
            self.refresh_unit_order();
            self.rebuild_columns(layout);
        });
    }

    fn refresh_unit_order(&self) {
        let generation = self.generation.get_value();
        let order = self.with_plan(|p| {
            p.units_in_board_order()
                .into_iter()
                .map(|u| (generation, u.id.to_string()))
                .collect()
        });
        set_if_changed(self.unit_order, order);
    }

    /// Brings the tallies up to date for the touched items and the units
    /// they were in, and sets only the figures that changed.
    fn refresh_figures(&self, items: &[ItemId], units: &[UnitId]) {
        let (header, unreached, can_undo, can_redo) = self.editor.with_value(|e| {
            let plan = e.plan();
            self.tallies.update_value(|t| t.update(plan, items, units));
            let header = PlanHeader {
                id: plan.id.clone(),
                title: plan.title.clone(),
                year: plan.year,
                revision: plan.revision.unwrap_or(0),
            };
            let unreached = self
                .tallies
                .with_value(|tallies| texts(unreached_districts(plan, tallies)));
            (header, unreached, e.can_undo(), e.can_redo())
        });
        self.tallies.with_value(|tallies| {
            self.items.with_value(|cells| {
                for (id, cell) in items.iter().filter_map(|id| cells.get(id).map(|c| (id, c))) {
                    set_if_changed(cell.write.tally, tallies.item(id));
                }
            });
            self.units.with_value(|cells| {
                for (id, cell) in cells {
                    set_if_changed(cell.write.tally, tallies.unit(id));
                }
            });
            set_if_changed(self.plan_tally, tallies.plan);
        });
        set_if_changed(self.header, header);
        set_if_changed(self.unreached, unreached);
        set_if_changed(self.can_undo, can_undo);
        set_if_changed(self.can_redo, can_redo);
    }

    /// Whether undo and redo have anything left, after a step that changed
    /// the history but not the plan.
    fn sync_history(&self) {
        let (can_undo, can_redo) = self.editor.with_value(|e| (e.can_undo(), e.can_redo()));
        set_if_changed(self.can_undo, can_undo);
        set_if_changed(self.can_redo, can_redo);
    }
}

/// Ids as their text, for the lists the board renders from (see
/// [`ColumnCell`]); the strings are moved, not copied.
fn texts<T: Into<String>>(ids: Vec<T>) -> Vec<String> {
    ids.into_iter().map(Into::into).collect()
}

pub(super) fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|v| v != &value) {
        signal.set(value);
    }
}
