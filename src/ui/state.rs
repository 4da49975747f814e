//! The board's reactive state: one signal per card and per column, updated
//! from what each command touched, so one edit re-renders one card and the
//! figures that changed, never the board.

use crate::io::{clock, perf, storage};
use crate::model::view::{column_items, columns, ColumnKey, Filter, Grouping};
use crate::model::{
    load_str, Command, CommandError, Editor, Item, ItemTally, Plan, PlanTally, Stage, Tallies,
    Touched, Unit, UnitTally,
};
use leptos::prelude::*;
use std::collections::HashMap;
use std::time::Duration;

/// One card's data and figures.
#[derive(Clone, Copy)]
pub struct ItemCell {
    pub item: RwSignal<Item>,
    pub tally: RwSignal<ItemTally>,
}

/// A unit and its figures.
#[derive(Clone, Copy)]
pub struct UnitCell {
    pub unit: RwSignal<Unit>,
    pub tally: RwSignal<UnitTally>,
}

/// A column of the board and the ids of the cards it shows, in order.
#[derive(Clone)]
pub struct ColumnCell {
    pub key: ColumnKey,
    pub items: RwSignal<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanHeader {
    pub id: String,
    pub title: String,
    pub year: u16,
    pub revision: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Pending,
    Failed,
}

impl SaveState {
    pub fn as_str(self) -> &'static str {
        match self {
            SaveState::Saved => "saved",
            SaveState::Pending => "pending",
            SaveState::Failed => "failed",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Warning,
}

/// What a notice says; the words come from the language in use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    /// The stored plan did not open: why, and the key its text is kept under.
    StoredPlanUnreadable {
        error: String,
        kept_under: String,
    },
    NewPlanStarted,
    ExportFailed,
    UpdatedElsewhere,
    /// The plan inside a standalone file did not open.
    EmbeddedUnreadable {
        error: String,
    },
    StandaloneFailed {
        error: String,
    },
    /// What the browser answered when asked to keep this site's storage.
    Persistence {
        granted: bool,
    },
    /// The file to keep the plan in could not be picked.
    KeepFileFailed {
        why: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub id: u32,
    pub kind: NoticeKind,
    pub message: Message,
}

/// The open plan and everything the board shows of it.
#[derive(Clone, Copy)]
pub struct Board {
    editor: StoredValue<Editor>,
    /// The open plan's tallies, kept up to date change by change.
    tallies: StoredValue<Tallies>,
    items: StoredValue<HashMap<String, ItemCell>>,
    units: StoredValue<HashMap<String, UnitCell>>,
    column_cells: StoredValue<HashMap<String, ColumnCell>>,
    save_timer: StoredValue<Option<TimeoutHandle>>,
    /// The board's own owner: cells made during an event belong to the
    /// board, not to whatever dialog or button sent the command.
    owner: StoredValue<Owner>,
    /// Column ids in board order (for units: municipal, districts,
    /// affiliates).
    /// Each id comes with the generation of the plan it was laid out for,
    /// so that opening another plan renders its columns anew.
    pub columns: RwSignal<Vec<(u64, String)>>,
    generation: StoredValue<u64>,
    pub grouping: RwSignal<Grouping>,
    pub filter: RwSignal<Filter>,
    /// Presentation mode: large type, high contrast, stepping unit by unit.
    pub present: RwSignal<bool>,
    /// The column presentation mode is showing (its id).
    pub current_column: RwSignal<Option<String>>,
    /// Whether the balance view is shown instead of the board.
    pub show_balance: RwSignal<bool>,
    /// The card whose links are shown.
    pub selected: RwSignal<Option<String>>,
    /// A card to bring into view in its column (a long column renders
    /// only what is in view).
    pub reveal: RwSignal<Option<String>>,
    /// Bumped whenever a link is added, changed or removed.
    pub links_changed: RwSignal<u64>,
    /// What the screen reader hears after a change.
    pub announcement: RwSignal<String>,
    pub stages: RwSignal<Vec<Stage>>,
    /// Every tag the plan's items carry, sorted (for the filter).
    pub tags: RwSignal<Vec<String>>,
    pub header: RwSignal<PlanHeader>,
    pub plan_tally: RwSignal<PlanTally>,
    /// District unit ids that no link reaches yet.
    pub unreached: RwSignal<Vec<String>>,
    pub can_undo: RwSignal<bool>,
    pub can_redo: RwSignal<bool>,
    pub notices: RwSignal<Vec<Notice>>,
    pub save_state: RwSignal<SaveState>,
    /// Bumped after every save that reached storage.
    pub saved: RwSignal<u64>,
    /// Why the last save failed, until one succeeds.
    pub save_error: RwSignal<Option<storage::StorageError>>,
    /// Another window saved a newer revision of the open plan while this
    /// one has changes of its own: (their revision). Nothing is written
    /// until the user chooses.
    pub conflict: RwSignal<Option<u64>>,
    /// A standalone file's plan that is older than this browser's copy of
    /// the same plan: shown until the user chooses which to keep.
    pub embedded_question: RwSignal<Option<Plan>>,
    /// The revision of each plan this window last read or wrote.
    seen: StoredValue<HashMap<String, u64>>,
}

const SAVE_DELAY: Duration = Duration::from_millis(300);

impl Board {
    /// Opens the plan stored in this browser, or the demo plan on a first
    /// visit. A stored plan that no longer opens is kept, never overwritten.
    pub fn start() -> Board {
        let mut notices = Vec::new();
        super::safekeeping::adopt_old_backups();
        let stored = Self::stored_plan(&mut notices);
        // A standalone file opens the plan it carries, unless this browser
        // already holds a newer revision of it: then it asks, and opens the
        // browser's copy meanwhile, overwriting nothing.
        let mut question = None;
        let mut from_file = false;
        let plan = match crate::io::standalone::embedded_plan_text().map(|t| load_str(&t)) {
            Some(Ok(embedded)) => {
                let browser = storage::plan_text(&embedded.id).and_then(|t| load_str(&t).ok());
                let asked = storage::preference(&embedded_key(&embedded)).is_some();
                match browser {
                    Some(b) if b.revision.unwrap_or(0) > embedded.revision.unwrap_or(0) => {
                        if !asked {
                            question = Some(embedded);
                        }
                        Some(b)
                    }
                    _ => {
                        from_file = true;
                        Some(embedded)
                    }
                }
            }
            Some(Err(e)) => {
                notices.push(Notice {
                    id: 2,
                    kind: NoticeKind::Warning,
                    message: Message::EmbeddedUnreadable {
                        error: e.to_string(),
                    },
                });
                stored
            }
            None => stored,
        };
        let fresh = plan.is_none();
        let board = Board::new(plan.unwrap_or_else(crate::model::demo_plan));
        board.notices.set(notices);
        board.embedded_question.set(question);
        if fresh || from_file {
            board.save_now();
        }
        board
    }

    /// The plan stored as the open one, if it opens; one that does not is
    /// kept under its own key and reported.
    fn stored_plan(notices: &mut Vec<Notice>) -> Option<Plan> {
        let id = storage::current_plan_id()?;
        let text = storage::plan_text(&id)?;
        match perf::measure("lb:load", || load_str(&text)) {
            Ok(plan) => Some(plan),
            Err(e) => {
                let kept = storage::keep_unreadable(&id, &text, &clock::now_rfc3339())
                    .unwrap_or_else(|e| format!("({e})"));
                notices.push(Notice {
                    id: 1,
                    kind: NoticeKind::Warning,
                    message: Message::StoredPlanUnreadable {
                        error: e.to_string(),
                        kept_under: kept,
                    },
                });
                None
            }
        }
    }

    /// Answers the standalone file's question: open the file's copy (the
    /// browser's copy is kept as a backup) or keep the browser's.
    pub fn answer_embedded(&self, open_file_copy: bool) {
        let Some(embedded) = self.embedded_question.get_untracked() else {
            return;
        };
        storage::set_preference(&embedded_key(&embedded), "answered");
        self.embedded_question.set(None);
        if open_file_copy {
            // The browser's copy is kept as a snapshot (see `dispatch`).
            let _ = self.dispatch(Command::ReplacePlan(Box::new(embedded)));
        }
    }

    pub fn new(plan: Plan) -> Board {
        let board = Board {
            editor: StoredValue::new(Editor::new(plan)),
            tallies: StoredValue::new(Tallies::default()),
            items: StoredValue::new(HashMap::new()),
            units: StoredValue::new(HashMap::new()),
            column_cells: StoredValue::new(HashMap::new()),
            save_timer: StoredValue::new(None),
            owner: StoredValue::new(Owner::current().unwrap_or_default()),
            columns: RwSignal::new(Vec::new()),
            generation: StoredValue::new(0),
            grouping: RwSignal::new(Grouping::Unit),
            filter: RwSignal::new(Filter::default()),
            show_balance: RwSignal::new(false),
            present: RwSignal::new(false),
            current_column: RwSignal::new(None),
            selected: RwSignal::new(None),
            reveal: RwSignal::new(None),
            links_changed: RwSignal::new(0),
            announcement: RwSignal::new(String::new()),
            stages: RwSignal::new(Vec::new()),
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
            notices: RwSignal::new(Vec::new()),
            save_state: RwSignal::new(SaveState::Saved),
            saved: RwSignal::new(0),
            save_error: RwSignal::new(None),
            conflict: RwSignal::new(None),
            embedded_question: RwSignal::new(None),
            seen: StoredValue::new(HashMap::new()),
        };
        board.rebuild();
        board.mark_seen();
        board
    }

    /// Notes the open plan's revision as the one this window knows.
    fn mark_seen(&self) {
        let (id, rev) = self.with_plan(|p| (p.id.clone(), p.revision.unwrap_or(0)));
        self.seen.update_value(|m| {
            m.insert(id, rev);
        });
    }

    /// Opens `plan` in place of the open one, with a fresh history (a newer
    /// copy saved by another window).
    pub fn adopt(&self, plan: Plan) {
        self.editor.set_value(Editor::new(plan));
        self.conflict.set(None);
        self.rebuild();
        self.mark_seen();
        set_if_changed(self.save_state, SaveState::Saved);
    }

    /// Another window saved `revision` of plan `id`. Takes it in when this
    /// window has nothing unsaved; otherwise asks.
    pub fn stored_elsewhere(&self, id: &str, revision: u64) {
        let open = self.with_plan(|p| p.id == id);
        let known = self.seen.with_value(|m| m.get(id).copied().unwrap_or(0));
        if !open || revision <= known {
            return;
        }
        if self.has_pending_save() || self.save_state.get_untracked() == SaveState::Failed {
            self.conflict.set(Some(revision));
            return;
        }
        if let Some(plan) = storage::plan_text(id).and_then(|t| load_str(&t).ok()) {
            self.adopt(plan);
            self.notify(NoticeKind::Info, Message::UpdatedElsewhere);
        }
    }

    /// Keeps this window's plan as a separate copy (new id) after a
    /// conflict, leaving the other window's newer revision stored as it is.
    pub fn keep_mine_as_copy(&self, new_id: String, suffix: &str) {
        let mut plan = self.with_plan(Plan::clone);
        plan.id = new_id;
        plan.title = format!("{} {suffix}", plan.title);
        self.adopt(plan);
        self.save_now();
    }

    pub fn item(&self, id: &str) -> Option<ItemCell> {
        self.items.with_value(|m| m.get(id).copied())
    }

    pub fn unit(&self, id: &str) -> Option<UnitCell> {
        self.units.with_value(|m| m.get(id).copied())
    }

    /// An item's title and its unit's name in `lang` (tracked), for labels.
    pub fn item_label(&self, id: &str, lang: crate::i18n::Lang) -> Option<(String, String)> {
        let cell = self.item(id)?;
        Some(cell.item.with(|i| {
            let unit = self
                .unit(&i.unit)
                .map(|u| u.unit.with(|u| lang.unit_name(u)))
                .unwrap_or_default();
            (i.title.clone(), unit)
        }))
    }

    pub fn column(&self, id: &str) -> Option<ColumnCell> {
        self.column_cells.with_value(|m| m.get(id).cloned())
    }

    pub fn set_grouping(&self, grouping: Grouping) {
        if self.grouping.get_untracked() != grouping {
            self.grouping.set(grouping);
            self.rebuild_columns();
        }
    }

    pub fn set_filter(&self, filter: Filter) {
        if self.filter.with_untracked(|f| f != &filter) {
            self.filter.set(filter);
            self.rebuild_columns();
        }
    }

    pub fn announce(&self, text: String) {
        self.announcement.set(text);
    }

    /// Runs `f` under the board's owner.
    fn owned<T>(&self, f: impl FnOnce() -> T) -> T {
        self.owner.with_value(|o| o.clone()).with(f)
    }

    /// Lays out the columns of the current grouping and filter anew.
    fn rebuild_columns(&self) {
        self.owned(|| self.rebuild_columns_owned())
    }

    fn rebuild_columns_owned(&self) {
        let grouping = self.grouping.get_untracked();
        let filter = self.filter.get_untracked();
        let lists: Vec<(String, ColumnKey, Vec<String>)> = self.with_plan(|plan| {
            columns(plan, grouping)
                .into_iter()
                .map(|key| (key.id(), column_items(plan, &key, &filter), key))
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
    fn refresh_columns(&self, before: &[Item], after: &[Item]) {
        let filter = self.filter.get_untracked();
        let affected: Vec<ColumnCell> = self.column_cells.with_value(|cells| {
            cells
                .values()
                .filter(|c| before.iter().chain(after).any(|i| c.key.holds(i)))
                .cloned()
                .collect()
        });
        for cell in affected {
            let ids = self.with_plan(|p| column_items(p, &cell.key, &filter));
            if cell.items.with_untracked(|old| old != &ids) {
                cell.items.set(ids);
            }
        }
    }

    /// Reads the plan without tracking.
    pub fn with_plan<R>(&self, f: impl FnOnce(&Plan) -> R) -> R {
        self.editor.with_value(|e| f(e.plan()))
    }

    /// The one way the board changes the plan.
    pub fn dispatch(&self, cmd: Command) -> Result<(), CommandError> {
        // Switching to another plan: what is pending for this one is saved
        // first, under its own id.
        if let Command::ReplacePlan(next) = &cmd {
            if self.with_plan(|p| p.id != next.id) && self.has_pending_save() {
                self.save_now();
            }
            // What is open now stays restorable.
            self.with_plan(super::safekeeping::before_replace);
        }
        perf::measure("lb:apply", || {
            let now = clock::now_rfc3339();
            let touched = self
                .editor
                .try_update_value(|e| e.apply(cmd, &now))
                .expect("the editor lives as long as the board")?;
            self.refresh(&touched);
            Ok(())
        })
    }

    pub fn undo(&self) {
        let now = clock::now_rfc3339();
        if let Some(Some(touched)) = self.editor.try_update_value(|e| e.undo(&now)) {
            self.refresh(&touched);
        }
    }

    pub fn redo(&self) {
        let now = clock::now_rfc3339();
        if let Some(Some(touched)) = self.editor.try_update_value(|e| e.redo(&now)) {
            self.refresh(&touched);
        }
    }

    pub fn notify(&self, kind: NoticeKind, message: Message) {
        self.notices.update(|list| {
            let id = list.iter().map(|n| n.id).max().unwrap_or(0) + 1;
            list.retain(|n| n.message != message);
            list.push(Notice { id, kind, message });
        });
    }

    pub fn dismiss(&self, id: u32) {
        self.notices.update(|list| list.retain(|n| n.id != id));
    }

    /// Builds every cell anew (first open, or the whole plan replaced).
    fn rebuild(&self) {
        self.owned(|| self.rebuild_owned())
    }

    fn rebuild_owned(&self) {
        let old_items = self
            .items
            .with_value(|m| m.values().copied().collect::<Vec<_>>());
        let old_units = self
            .units
            .with_value(|m| m.values().copied().collect::<Vec<_>>());
        // A new plan: new columns, new cards.
        self.generation.update_value(|g| *g += 1);
        let old_columns: Vec<RwSignal<Vec<String>>> = self
            .column_cells
            .try_update_value(|cells| cells.drain().map(|(_, c)| c.items).collect())
            .unwrap_or_default();
        let (items, units, stages, tallies) = self.with_plan(|plan| {
            let tallies = Tallies::of(plan);
            let items: HashMap<String, ItemCell> = plan
                .items
                .iter()
                .map(|i| {
                    let cell = ItemCell {
                        item: RwSignal::new(i.clone()),
                        tally: RwSignal::new(tallies.item(&i.id)),
                    };
                    (i.id.clone(), cell)
                })
                .collect();
            let units: HashMap<String, UnitCell> = plan
                .units
                .iter()
                .map(|u| {
                    let cell = UnitCell {
                        unit: RwSignal::new(u.clone()),
                        tally: RwSignal::new(tallies.unit(&u.id)),
                    };
                    (u.id.clone(), cell)
                })
                .collect();
            (items, units, plan.stages.clone(), tallies)
        });
        self.items.set_value(items);
        self.units.set_value(units);
        self.stages.set(stages);
        set_if_changed(self.tags, self.with_plan(Filter::tags_in));
        if let Some(id) = self.selected.get_untracked() {
            if self.item(&id).is_none() {
                self.selected.set(None);
            }
        }
        self.rebuild_columns();
        self.links_changed.update(|n| *n += 1);
        // The cells were made with these tallies: only the plan's figures
        // are left to set.
        self.tallies.set_value(tallies);
        self.refresh_figures(&[], &[]);
        // The old cards and columns still read their cells until the board
        // has re-rendered (effects run after this event); free the cells
        // once that is done.
        set_timeout(
            move || {
                for cell in old_items {
                    cell.item.dispose();
                    cell.tally.dispose();
                }
                for cell in old_units {
                    cell.unit.dispose();
                    cell.tally.dispose();
                }
                for signal in old_columns {
                    signal.dispose();
                }
            },
            Duration::ZERO,
        );
    }

    /// Updates the cells a change touched, then the figures that moved.
    fn refresh(&self, touched: &Touched) {
        if touched.all {
            self.rebuild();
            self.schedule_save();
            return;
        }
        // The units the touched items were in before the change.
        let old_units: Vec<String> = touched
            .items
            .iter()
            .filter_map(|id| self.item(id))
            .map(|cell| cell.item.with_untracked(|i| i.unit.clone()))
            .collect();
        let mut before = Vec::new();
        let mut after = Vec::new();
        let mut tags_moved = false;
        let filtering = self.filter.with_untracked(|f| !f.is_empty());
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
                        cell.item.set(item);
                    }
                }
                (None, Some(item)) => {
                    tags_moved |= item.tags.is_some();
                    after.push(item.clone());
                    let cell = self.owned(|| ItemCell {
                        item: RwSignal::new(item),
                        tally: RwSignal::new(ItemTally::default()),
                    });
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
                    if self.selected.get_untracked().as_ref() == Some(id) {
                        self.selected.set(None);
                    }
                }
                (None, None) => {}
            }
        }
        if !before.is_empty() || !after.is_empty() {
            self.refresh_columns(&before, &after);
        }
        if tags_moved {
            set_if_changed(self.tags, self.with_plan(Filter::tags_in));
        }
        if !touched.links.is_empty() {
            self.links_changed.update(|n| *n += 1);
        }
        self.refresh_figures(&touched.items, &old_units);
        self.schedule_save();
    }

    /// Brings the tallies up to date for the touched items and the units
    /// they were in, and sets only the figures that changed.
    fn refresh_figures(&self, items: &[String], units: &[String]) {
        let (header, unreached, can_undo, can_redo) = self.editor.with_value(|e| {
            let plan = e.plan();
            self.tallies.update_value(|t| t.update(plan, items, units));
            let header = PlanHeader {
                id: plan.id.clone(),
                title: plan.title.clone(),
                year: plan.year,
                revision: plan.revision.unwrap_or(0),
            };
            let unreached: Vec<String> = self.tallies.with_value(|tallies| {
                plan.units
                    .iter()
                    .filter(|u| {
                        u.level == crate::model::Level::District
                            && tallies.unit(&u.id).received_links == 0
                    })
                    .map(|u| u.id.clone())
                    .collect()
            });
            (header, unreached, e.can_undo(), e.can_redo())
        });
        self.tallies.with_value(|tallies| {
            let set_item = |id: &String, cell: &ItemCell| {
                let t = tallies.item(id);
                if cell.tally.get_untracked() != t {
                    cell.tally.set(t);
                }
            };
            self.items.with_value(|cells| {
                items
                    .iter()
                    .filter_map(|id| cells.get(id).map(|c| (id, c)))
                    .for_each(|(id, cell)| set_item(id, cell))
            });
            self.units.with_value(|cells| {
                for (id, cell) in cells {
                    let t = tallies.unit(id);
                    if cell.tally.get_untracked() != t {
                        cell.tally.set(t);
                    }
                }
            });
            set_if_changed(self.plan_tally, tallies.plan);
        });
        set_if_changed(self.header, header);
        set_if_changed(self.unreached, unreached);
        set_if_changed(self.can_undo, can_undo);
        set_if_changed(self.can_redo, can_redo);
    }

    /// Reads the open plan's tallies (up to date after every change).
    pub fn with_tallies<R>(&self, f: impl FnOnce(&Tallies) -> R) -> R {
        self.tallies.with_value(f)
    }

    /// Saves a moment after the last change, so typing does not save on
    /// every key.
    fn schedule_save(&self) {
        set_if_changed(self.save_state, SaveState::Pending);
        if let Some(Some(handle)) = self.save_timer.try_update_value(|t| t.take()) {
            handle.clear();
        }
        let board = *self;
        let handle = set_timeout_with_handle(move || board.save_now(), SAVE_DELAY).ok();
        self.save_timer.set_value(handle);
    }

    /// Saves at once (also when the page is hidden or closed).
    pub fn save_now(&self) {
        if let Some(Some(handle)) = self.save_timer.try_update_value(|t| t.take()) {
            handle.clear();
        }
        // Never write over a newer revision another window saved.
        let (id, rev) = self.with_plan(|p| (p.id.clone(), p.revision.unwrap_or(0)));
        let known = self.seen.with_value(|m| m.get(&id).copied());
        if let Some(theirs) = storage::stored_revision(&id) {
            let newer_than_known = known.is_some_and(|k| theirs > k);
            let newer_than_ours = known.is_none() && theirs > rev;
            if newer_than_known || newer_than_ours {
                self.conflict.set(Some(theirs));
                set_if_changed(self.save_state, SaveState::Failed);
                return;
            }
        }
        let (result, text) = perf::measure("lb:save", || {
            let text = self.with_plan(Plan::to_json);
            let save = || self.with_plan(|p| storage::save_plan(p, &text));
            let mut result = save();
            // Snapshots give way to the plan itself.
            while result == Err(storage::StorageError::Full) && super::safekeeping::give_way() {
                result = save();
            }
            (result, text)
        });
        match result {
            Ok(()) => {
                set_if_changed(self.save_state, SaveState::Saved);
                set_if_changed(self.save_error, None);
                self.seen.update_value(|m| {
                    m.insert(id, rev);
                });
                self.with_plan(|p| super::safekeeping::after_save(p, &text));
                self.saved.update(|n| *n += 1);
            }
            Err(e) => {
                set_if_changed(self.save_state, SaveState::Failed);
                set_if_changed(self.save_error, Some(e));
            }
        }
    }

    pub fn has_pending_save(&self) -> bool {
        self.save_state.get_untracked() == SaveState::Pending
    }
}

fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|v| v != &value) {
        signal.set(value);
    }
}

/// The preference that remembers a standalone file's question was answered.
fn embedded_key(plan: &Plan) -> String {
    format!("embedded:{}:{}", plan.id, plan.revision.unwrap_or(0))
}
