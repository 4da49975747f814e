//! What the files being opened would do, before anything does: one section
//! per file saying whose slice it is, from which revision, and every change
//! it would make, field by field, each to take or leave; conflicts settled
//! one by one. Merge applies every accepted file in one undoable step; a
//! single file may also replace the open plan or open as a plan of its own.
//! Changes are listed by unit, then kind; a group's changes are drawn when
//! it is opened (all at once only when the changes are few), so a file of
//! thousands of changes shows its counts, Replace and Merge at once.

use super::import::{Importer, MergeRefusal, Offered, PasteDialog};
use crate::i18n::{Key, Lang};
use crate::io::{clock, storage};
use crate::model::merge::Counts;
use crate::model::plan::{Item, Link};
use crate::model::returns::{change_groups, ChangeGroup};
use crate::model::rules::Collection;
use crate::model::{
    copy_as, return_command, Change, ChangeKind, Choice, Command, Plan, Record, ReturnPreview,
    UnitId,
};
use crate::ui::dialog::Modal;
use crate::ui::edit::ask::{AskOnce, Questions};
use crate::ui::keeping::keeper::Keeper;
use crate::ui::state::Board;
use crate::ui::state::Language;
use leptos::prelude::*;
use serde_json::Value;
use std::cell::OnceCell;
use std::collections::HashMap;

/// Changes up to this many (all files together) are shown open; more are
/// opened group by group.
const OPEN_UP_TO: usize = 200;

/// The groups' own style, which comes with the preview's chunk.
const STYLE: &str = r#"
.change-unit { margin: 0.5rem 0 0; }
.change-unit h4 { margin: 0; font-size: 0.95rem; }
.change-group { margin: 0.2rem 0 0 0.6rem; }
.change-open { padding: 0.15rem 0.5rem; font-size: 0.9rem; }
"#;

/// The preview of the files offered, and the paste dialog.
#[component]
pub fn ImportDialog() -> impl IntoView {
    let importer = expect_context::<Importer>();
    view! {
        <style>{STYLE}</style>
        <Show when=move || importer.with_incoming(Option::is_some)>
            <Preview/>
        </Show>
        <PasteDialog/>
    }
}

/// How many files are offered, and how many of them opened.
fn shape(importer: Importer) -> (usize, usize) {
    importer.with_incoming(|i| {
        let subs = i.as_deref().unwrap_or(&[]);
        (
            subs.len(),
            subs.iter().filter(|s| s.outcome.is_ok()).count(),
        )
    })
}

/// Every offered file's preview with the choices made.
fn chosen_previews(importer: Importer) -> Vec<ReturnPreview> {
    let choices = importer.choices_untracked();
    importer.with_incoming_untracked(|i| {
        i.iter()
            .flatten()
            .enumerate()
            .filter_map(|(n, s)| {
                let mut preview = s.outcome.as_ref().ok()?.preview.clone();
                for c in &mut preview.changes {
                    if let Some(choice) = choices.get(&(n, c.key())) {
                        c.choice = *choice;
                    }
                }
                Some(preview)
            })
            .collect()
    })
}

#[component]
fn Preview() -> impl IntoView {
    let board = expect_context::<Board>();
    let importer = expect_context::<Importer>();
    let lang = expect_context::<Language>();
    let keeper = use_context::<Keeper>();
    let t = move |k| lang.get().t(k);
    let shape = Memo::new(move |_| shape(importer));
    let single = move || shape.get() == (1, 1);
    // A file that was sent out to be returned is merged, not opened over
    // the plan.
    let returned = Memo::new(move |_| {
        importer.with_incoming(|i| {
            i.iter()
                .flatten()
                .any(|s| s.outcome.as_ref().is_ok_and(|o| o.preview.sent.is_some()))
        })
    });
    let merge_first = move || !single() || returned.get();
    let any_ok = move || shape.get().1 > 0;
    let refused = move || shape.get().0 - shape.get().1;
    let unsettled =
        move || importer.with_choices(|c| c.values().filter(|c| **c == Choice::Unsettled).count());
    let taken =
        move || importer.with_choices(|c| c.values().filter(|c| **c == Choice::TakeTheirs).count());
    let first_plan = move || {
        importer.with_incoming_untracked(|i| {
            i.iter()
                .flatten()
                .find_map(|s| s.outcome.as_ref().ok().map(|o| o.plan.clone()))
        })
    };
    let done = move |key: Key| {
        let names = importer.with_incoming_untracked(|i| {
            i.iter()
                .flatten()
                .filter_map(|s| s.outcome.as_ref().ok().map(|o| o.plan.title.clone()))
                .collect::<Vec<_>>()
                .join(", ")
        });
        board
            .notices
            .announce(format!("{}: {names}", lang.get_untracked().t(key)));
        importer.close();
    };
    let replace = move |_: leptos::ev::MouseEvent| {
        let Some(plan) = first_plan() else {
            return;
        };
        match board.dispatch(Command::ReplacePlan(Box::new(plan))) {
            Ok(_) => {
                // What is open now came from a file: nothing in it is only here.
                board.save_now();
                if let Some(keeper) = keeper {
                    keeper.filed(board.doc.header().with_untracked(|h| h.revision));
                }
                done(Key::Imported);
            }
            Err(e) => importer.refuse_merge(MergeRefusal::Command(e)),
        }
    };
    let ask = AskOnce::new();
    let merge_in = move || {
        let previews = chosen_previews(importer);
        let result = board.with_plan(|open| {
            let fresh: Vec<ReturnPreview> = previews
                .into_iter()
                .filter(|p| !p.merged_already(open))
                .collect();
            return_command(open, &fresh, &clock::now_rfc3339()).map(|cmd| {
                let same = matches!(&cmd, Command::ReplacePlan(next) if **next == *open);
                (cmd, same)
            })
        });
        match result {
            Err(e) => importer.refuse_merge(MergeRefusal::Return(e)),
            Ok((_, true)) => done(Key::NothingNew),
            Ok((cmd, false)) => {
                // Amounts a thousand times off, pools overspent: asked.
                let Some(cmd) = ask.check(&board, cmd) else {
                    return;
                };
                match board.dispatch(cmd) {
                    Ok(_) => done(Key::Merged),
                    Err(e) => importer.refuse_merge(MergeRefusal::Command(e)),
                }
            }
        }
    };
    let separate = move |_: leptos::ev::MouseEvent| {
        let Some(p) = first_plan() else {
            return;
        };
        let taken = board.with_plan(|open| open.id == p.id) || storage::plan_text(&p.id).is_some();
        // A plan of its own: under a new id when this one is taken here.
        let p = if taken {
            copy_as(&p, clock::new_uuid(), "", &clock::now_rfc3339())
        } else {
            p
        };
        match board.dispatch(Command::ReplacePlan(Box::new(p))) {
            Ok(_) => done(Key::Imported),
            Err(e) => importer.refuse_merge(MergeRefusal::Command(e)),
        }
    };
    let sections = move || {
        let lang = lang.get();
        board.with_plan(|open| {
            importer.with_incoming(|i| {
                let all: usize = i
                    .iter()
                    .flatten()
                    .filter_map(|s| s.outcome.as_ref().ok())
                    .map(|o| o.preview.changes.len())
                    .sum();
                let few = all <= OPEN_UP_TO;
                i.iter()
                    .flatten()
                    .enumerate()
                    .map(|(n, s)| match &s.outcome {
                        Err(error) => view! {
                            <section class="submission" data-submission=s.source.clone() data-state="refused">
                                <h3 class="file-name">{s.source.clone()}</h3>
                                <p class="import-error" role="alert" data-testid="import-error" data-kind=error.kind()>
                                    {lang.load_error(error)}
                                </p>
                            </section>
                        }
                        .into_any(),
                        Ok(offered) => {
                            let at = Place { board, importer, n, few };
                            offered_section(lang, at, open, &s.source, offered)
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <Modal on_close=Callback::new(move |_| importer.close()) labelledby="import-title" class="import-preview" testid="import-preview">
            <h2 id="import-title">{move || t(if any_ok() { Key::OpenIncoming } else { Key::FileRefused })}</h2>
            <div class="submissions">{sections}</div>
            <Show when=move || !any_ok()>
                <p>{move || t(Key::BoardUnchanged)}</p>
            </Show>
            <Show when=any_ok>
                <p class="merge-summary" data-testid="merge-summary" data-taken=taken role="status">
                    {move || t(Key::MergeTakes).replace("{n}", &taken().to_string()).replace("{files}", &shape.get().1.to_string())}
                    <Show when=move || { refused() > 0 }>
                        " " {move || t(Key::FilesRefused).replace("{n}", &refused().to_string())}
                    </Show>
                </p>
            </Show>
            <Show when=move || { unsettled() > 0 }>
                <p class="import-error" data-testid="settle-first" data-unsettled=unsettled>{move || t(Key::SettleFirst)}</p>
            </Show>
            <Show when=move || importer.with_merge_error(Option::is_some)>
                <p class="import-error" role="alert" data-testid="merge-error">
                    {move || importer.with_merge_error(|e| e.as_ref().map(|e| format!("{}: {}", t(Key::MergeRefused), e.words(lang.get()))))}
                </p>
            </Show>
            <Questions ask on_confirm=Callback::new(move |_| merge_in()) confirm=Key::MergeAnyway/>
            <div class="import-choices">
                <Show when=single>
                    <button
                        type="button"
                        class:primary=move || !merge_first()
                        data-testid="import-replace"
                        data-autofocus=move || (!merge_first()).then_some("")
                        on:click=replace
                    >
                        {move || t(Key::Replace)}
                        <small>{move || t(Key::ReplaceNote)}</small>
                    </button>
                </Show>
                <Show when=any_ok>
                    <button
                        type="button"
                        class:primary=merge_first
                        data-testid="import-merge"
                        data-autofocus=move || merge_first().then_some("")
                        prop:disabled=move || { unsettled() > 0 }
                        on:click=move |_| merge_in()
                    >
                        {move || t(Key::Merge)}
                        <small>{move || t(Key::MergeNote)}</small>
                    </button>
                </Show>
                <Show when=single>
                    <button type="button" data-testid="import-new" on:click=separate>
                        {move || t(Key::OpenSeparate)}
                    </button>
                </Show>
                <button type="button" class:primary=move || !any_ok() data-testid="import-cancel" on:click=move |_| importer.close()>
                    {move || t(if any_ok() { Key::Cancel } else { Key::Close })}
                </button>
            </div>
        </Modal>
    }
}

/// What a taken change does to the counts: adds, changes or removes a record.
type Effect = fn(&mut Counts);

/// Whether a taken change adds, changes or removes its record.
fn effect(change: &Change) -> Effect {
    match (&change.ours, &change.theirs) {
        (None, _) => |c| c.added += 1,
        (_, None) => |c| c.removed += 1,
        _ => |c| c.changed += 1,
    }
}

/// Where a file's section is: the board, the importer, the file's place
/// among those offered, and whether every group starts open.
#[derive(Clone, Copy)]
struct Place {
    board: Board,
    importer: Importer,
    n: usize,
    few: bool,
}

/// One opened file: whose it is, what Merge takes from it, every change.
fn offered_section(lang: Lang, at: Place, open: &Plan, source: &str, offered: &Offered) -> AnyView {
    let Place { importer, n, .. } = at;
    let preview = &offered.preview;
    let diff = &offered.diff;
    let names = Names::new(lang, open, &offered.plan);
    let who = match &preview.sent {
        Some(sent) => {
            let whose = match &sent.unit {
                Some(unit) => lang
                    .t(Key::SliceOf)
                    .replace("{unit}", &names.unit(unit.as_str())),
                None => lang.t(Key::WholePlanSent).to_string(),
            };
            let from = lang
                .t(Key::SentFrom)
                .replace("{revision}", &sent.revision.to_string())
                .replace("{at}", &clock::local_stamp(&sent.at, lang));
            format!("{whose}, {from}")
        }
        None => lang.t(Key::NoSentRecord).to_string(),
    };
    let ignored = preview.ignored_sent.as_ref().map(|p| lang.sent_problem(p));
    // A returned file is older than the plan it went out from, as it should be.
    let older = diff.older_revision && preview.sent.is_none();
    let note = if diff.identical {
        Key::Identical
    } else if older {
        Key::OlderRevision
    } else if diff.same_plan {
        Key::SamePlan
    } else {
        Key::OtherPlan
    };
    // What Merge takes, by collection, as the choices change.
    let effects: Vec<((usize, String), usize, Effect)> = preview
        .changes
        .iter()
        .map(|c| ((n, c.key()), row_of(c.collection), effect(c)))
        .collect();
    let effects = StoredValue::new(effects);
    let counts = move |row: usize| {
        importer.with_choices(|choices| {
            let mut counts = Counts::default();
            effects.with_value(|effects| {
                for (slot, _, add) in effects.iter().filter(|e| e.1 == row) {
                    if choices.get(slot) == Some(&Choice::TakeTheirs) {
                        add(&mut counts);
                    }
                }
            });
            counts
        })
    };
    // One pass over the changes per row as the choices change: the row is
    // drawn anew with its three figures.
    let row = move |label: Key, collection: Collection, kind: &'static str| {
        move || {
            let c = counts(row_of(collection));
            view! {
                <tr data-kind=kind data-added=c.added data-changed=c.changed data-removed=c.removed>
                    <th scope="row">{lang.t(label)}</th>
                    <td>{c.added}</td>
                    <td>{c.changed}</td>
                    <td>{c.removed}</td>
                </tr>
            }
        }
    };
    let plain = preview.sent.is_none();
    let groups = change_groups(open, &offered.plan, &preview.changes);
    let changes = by_unit(groups)
        .into_iter()
        .enumerate()
        .map(|(u, (unit, groups))| unit_groups(&names, at, plain, (u, unit), groups))
        .collect_view();
    view! {
        <section class="submission" data-submission=source.to_string() data-state="ok">
            <h3 class="file-name">{source.to_string()} " — " <strong>{offered.plan.title.clone()}</strong></h3>
            <p class="submission-who" data-unit=preview.unit().map(UnitId::to_string)>{who}</p>
            {ignored.map(|why| view! { <p class="warning">{why}</p> })}
            <p
                class="import-note"
                class:warning=older
                data-same-plan=diff.same_plan.to_string()
                data-older=older.to_string()
                role=if older { "alert" } else { "status" }
            >
                {lang.t(note)}
            </p>
            <table class="diff">
                <thead>
                    <tr>
                        <th></th>
                        <th scope="col">{lang.t(Key::Added)}</th>
                        <th scope="col">{lang.t(Key::Changed)}</th>
                        <th scope="col">{lang.t(Key::Removed)}</th>
                    </tr>
                </thead>
                <tbody>
                    {row(Key::UnitsWord, Collection::Units, "units")}
                    {row(Key::StagesWord, Collection::Stages, "stages")}
                    {row(Key::ItemsWord, Collection::Items, "items")}
                    {row(Key::LinksWord, Collection::Links, "links")}
                </tbody>
            </table>
            <div class="change-groups">{changes}</div>
        </section>
    }
    .into_any()
}

/// The counts table's row for a collection.
fn row_of(collection: Collection) -> usize {
    match collection {
        Collection::Units => 0,
        Collection::Stages => 1,
        Collection::Items => 2,
        Collection::Links => 3,
    }
}

/// Consecutive groups of the same unit together (the groups come unit by
/// unit).
fn by_unit(groups: Vec<ChangeGroup>) -> Vec<(Option<String>, Vec<ChangeGroup>)> {
    let mut out: Vec<(Option<String>, Vec<ChangeGroup>)> = Vec::new();
    for g in groups {
        match out.last_mut() {
            Some((unit, list)) if *unit == g.unit => list.push(g),
            _ => out.push((g.unit.clone(), vec![g])),
        }
    }
    out
}

/// One unit's changes: its name, then a button per kind that opens that
/// kind's changes.
fn unit_groups(
    names: &Names,
    at: Place,
    plain: bool,
    (u, unit): (usize, Option<String>),
    groups: Vec<ChangeGroup>,
) -> impl IntoView {
    let lang = names.lang;
    let name = unit
        .as_deref()
        .map_or_else(|| lang.t(Key::StagesWord).to_string(), |id| names.unit(id));
    let heading = format!("change-unit-{}-{u}", at.n);
    let kinds = groups
        .into_iter()
        .enumerate()
        .map(|(k, g)| {
            let count = g.changes.len();
            let list = format!("change-list-{}-{u}-{k}", at.n);
            let shown = RwSignal::new(at.few);
            let indices = g.changes;
            let rows = {
                let list = list.clone();
                move || shown.get().then(|| group_rows(lang, at, plain, &indices, list.clone()))
            };
            let label = format!("{name} — {} ({count})", lang.change_kind(g.kind));
            view! {
                <div
                    class="change-group"
                    data-change-group=format!("{}/{}", unit.as_deref().unwrap_or(""), g.kind.as_str())
                    data-group-kind=g.kind.as_str()
                    data-count=count
                >
                    <button
                        type="button"
                        class="change-open"
                        data-testid="change-group-open"
                        aria-expanded=move || shown.get().to_string()
                        aria-controls=list
                        aria-label=label
                        on:click=move |_| shown.update(|s| *s = !*s)
                    >
                        {format!("{} ({count})", lang.change_kind(g.kind))}
                    </button>
                    {rows}
                </div>
            }
        })
        .collect_view();
    let labelled = heading.clone();
    view! {
        <section class="change-unit" data-change-unit=unit.unwrap_or_default() aria-labelledby=labelled>
            <h4 id=heading>{name}</h4>
            {kinds}
        </section>
    }
}

/// The rows of one opened group, drawn from the file as it is offered.
fn group_rows(
    lang: Lang,
    at: Place,
    plain: bool,
    indices: &[usize],
    list: String,
) -> Option<AnyView> {
    let Place {
        board, importer, n, ..
    } = at;
    board.with_plan(|open| {
        importer.with_incoming_untracked(|i| {
            let offered = i.as_ref()?.get(n)?.outcome.as_ref().ok()?;
            let names = Names::new(lang, open, &offered.plan);
            let rows = indices
                .iter()
                .filter_map(|&c| offered.preview.changes.get(c))
                .map(|c| change_row(&names, importer, n, c, plain))
                .collect_view();
            Some(view! { <ul class="changes" id=list>{rows}</ul> }.into_any())
        })
    })
}

/// Names and values as people read them, from the open plan or the file.
struct Names<'a> {
    lang: Lang,
    open: &'a Plan,
    theirs: &'a Plan,
    /// Items by id, the open plan's first, and the open plan's links:
    /// made when first asked, so that a group of thousands of changes
    /// names each link's two ends without a search through every item.
    index: OnceCell<Index<'a>>,
}

/// Places by id: an item's in the open plan's items followed by the
/// file's, a link's in the open plan's links.
struct Index<'a> {
    items: HashMap<&'a str, usize>,
    links: HashMap<&'a str, usize>,
}

impl<'a> Names<'a> {
    fn new(lang: Lang, open: &'a Plan, theirs: &'a Plan) -> Names<'a> {
        Names {
            lang,
            open,
            theirs,
            index: OnceCell::new(),
        }
    }

    fn index(&self) -> &Index<'a> {
        self.index.get_or_init(|| {
            let mut items = HashMap::with_capacity(self.open.items.len());
            for (n, i) in self.open.items.iter().chain(&self.theirs.items).enumerate() {
                items.entry(i.id.as_str()).or_insert(n);
            }
            let links = self
                .open
                .links
                .iter()
                .enumerate()
                .map(|(n, l)| (l.id.as_str(), n))
                .collect();
            Index { items, links }
        })
    }

    fn find_item(&self, id: &str) -> Option<&'a Item> {
        let n = *self.index().items.get(id)?;
        let (open, theirs) = (self.open, self.theirs);
        open.items
            .get(n)
            .or_else(|| theirs.items.get(n.checked_sub(open.items.len())?))
    }

    fn link(&self, id: &str) -> Option<&'a Link> {
        let open = self.open;
        open.links.get(*self.index().links.get(id)?)
    }

    fn unit(&self, id: &str) -> String {
        self.open
            .units
            .iter()
            .chain(&self.theirs.units)
            .find(|u| u.id == id)
            .map_or_else(|| id.to_string(), |u| self.lang.unit_name(u))
    }

    fn item(&self, id: &str) -> String {
        self.find_item(id)
            .map_or_else(|| id.to_string(), |i| i.title.clone())
    }

    fn stage(&self, id: &str) -> String {
        self.open
            .stages
            .iter()
            .chain(&self.theirs.stages)
            .find(|s| s.id == id)
            .map_or_else(|| id.to_string(), |s| self.lang.stage_name(s))
    }

    /// The record as a reader knows it: a title, a unit's or stage's name,
    /// or a link's two ends.
    fn record(&self, change: &Change) -> String {
        match change.theirs.as_ref().or(change.ours.as_ref()) {
            Some(Record::Unit(u)) => self.lang.unit_name(u),
            Some(Record::Stage(s)) => self.lang.stage_name(s),
            Some(Record::Item(i)) => i.title.clone(),
            Some(Record::Link(l)) => format!(
                "{} → {}",
                self.item(l.source.as_str()),
                self.item(l.target.as_str())
            ),
            None => change.id.clone(),
        }
    }

    /// A field's value: amounts as people write them, units, stages and
    /// items by name.
    fn value(&self, field: &str, value: Option<&Value>) -> String {
        let none = || self.lang.t(Key::NoValue).to_string();
        let Some(value) = value else {
            return none();
        };
        match (field, value) {
            ("budget" | "demand" | "amount" | "pool", Value::Number(n)) => n
                .as_i64()
                .map(i128::from)
                .or_else(|| n.as_u64().map(i128::from))
                .map_or_else(|| n.to_string(), |y| self.lang.amount(y)),
            ("unit", Value::String(id)) => self.unit(id),
            ("stage", Value::String(id)) => self.stage(id),
            ("source" | "target", Value::String(id)) => self.item(id),
            (_, Value::String(s)) => s.clone(),
            (_, Value::Null) => none(),
            (_, Value::Array(values)) => values
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join(", "),
            (_, other) => other.to_string(),
        }
    }
}

/// One change: taken or left with a tick, or for a conflict, ours or
/// theirs; its fields before → after.
fn change_row(
    names: &Names,
    importer: Importer,
    n: usize,
    change: &Change,
    plain: bool,
) -> AnyView {
    let lang = names.lang;
    let key = change.key();
    let slot = (n, key.clone());
    let choice = {
        let slot = slot.clone();
        move || importer.with_choices(|c| c.get(&slot).copied().unwrap_or(Choice::KeepOurs))
    };
    let set = move |to: Choice| {
        let slot = slot.clone();
        move || {
            importer.choose(slot.clone(), to);
        }
    };
    let record = names.record(change);
    let kind = change.kind;
    if kind == ChangeKind::Conflict {
        let rows = change
            .fields
            .iter()
            .map(|f| {
                view! {
                    <tr data-field=f.field.clone()>
                        <th scope="row">{lang.record_field(&f.field)}</th>
                        <td class="ours">{names.value(&f.field, f.before.as_ref())}</td>
                        <td class="theirs">{names.value(&f.field, f.after.as_ref())}</td>
                    </tr>
                }
            })
            .collect_view();
        let (keep, take) = (set(Choice::KeepOurs), set(Choice::TakeTheirs));
        let (c1, c2, c3) = (choice.clone(), choice.clone(), choice);
        return view! {
            <li class="conflict" data-conflict=key data-choice=move || choice_name(c1())>
                <p>
                    <span class="change-kind">{lang.change_kind(kind)}</span>
                    " " <strong class="record">{record}</strong>
                </p>
                <table class="conflict-fields">
                    <thead>
                        <tr>
                            <th></th>
                            <th scope="col">{lang.t(Key::OursHere)}</th>
                            <th scope="col">{lang.t(Key::TheirsReturned)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                <div class="conflict-choice" role="group">
                    <button type="button" data-keep="ours" aria-pressed=move || (c2() == Choice::KeepOurs).to_string() on:click=move |_| keep()>
                        {lang.choice(Choice::KeepOurs)}
                    </button>
                    <button type="button" data-keep="theirs" aria-pressed=move || (c3() == Choice::TakeTheirs).to_string() on:click=move |_| take()>
                        {lang.choice(Choice::TakeTheirs)}
                    </button>
                </div>
            </li>
        }
        .into_any();
    }
    // Deleted here after it was sent: it stays deleted, with nothing to
    // show of before and after.
    let deleted_here = kind == ChangeKind::Kept && change.ours.is_none();
    let fields = change
        .fields
        .iter()
        .filter(|_| !deleted_here)
        .map(|f| {
            view! {
                <li data-field=f.field.clone()>
                    <span class="field-name">{lang.record_field(&f.field)}</span> ": "
                    <span class="before">{names.value(&f.field, f.before.as_ref())}</span>
                    " → "
                    <span class="after">{names.value(&f.field, f.after.as_ref())}</span>
                </li>
            }
        })
        .collect_view();
    let links = (!change.links.is_empty()).then(|| {
        let list = change
            .links
            .iter()
            .map(|id| {
                names.link(id.as_str()).map_or_else(
                    || id.to_string(),
                    |l| {
                        format!(
                            "{} → {}",
                            names.item(l.source.as_str()),
                            names.item(l.target.as_str())
                        )
                    },
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        view! { <p class="change-links">{lang.t(Key::WithLinks)} ": " {list}</p> }
    });
    let (take, keep) = (set(Choice::TakeTheirs), set(Choice::KeepOurs));
    let (c1, c2) = (choice.clone(), choice);
    view! {
        <li class="change" data-change=key data-kind=kind.as_str() data-deleted-here=deleted_here.then_some("") data-choice=move || choice_name(c1())>
            <label>
                <input
                    type="checkbox"
                    class="take"
                    aria-label=lang.t(Key::TakeChange)
                    prop:checked=move || c2() == Choice::TakeTheirs
                    disabled=plain
                    on:change=move |e| if event_target_checked(&e) { take() } else { keep() }
                />
                <span class="change-kind">{if deleted_here { lang.t(Key::DeletedHereStays) } else { lang.change_kind(kind) }}</span>
                " " <strong class="record">{record}</strong>
            </label>
            <ul class="fields">{fields}</ul>
            {links}
        </li>
    }
    .into_any()
}

fn choice_name(choice: Choice) -> &'static str {
    match choice {
        Choice::TakeTheirs => "theirs",
        Choice::KeepOurs => "ours",
        Choice::Unsettled => "unsettled",
    }
}
