//! What the files being opened would do, before anything does: one section
//! per file saying whose slice it is, from which revision, and every change
//! it would make, field by field, each to take or leave; conflicts settled
//! one by one. Merge applies every accepted file in one undoable step; a
//! single file may also replace the open plan or open as a plan of its own.

use super::import::{Importer, MergeRefusal, Offered, PasteDialog};
use crate::i18n::{Key, Lang};
use crate::io::{clock, storage};
use crate::model::merge::Counts;
use crate::model::rules::Collection;
use crate::model::{
    copy_as, return_command, Change, ChangeKind, Choice, Command, Plan, Record, ReturnPreview,
};
use crate::ui::dialog::Modal;
use crate::ui::edit::ask::{AskOnce, Questions};
use crate::ui::keeping::keeper::Keeper;
use crate::ui::state::Board;
use crate::ui::state::Language;
use leptos::prelude::*;
use serde_json::Value;

/// The preview of the files offered, and the paste dialog.
#[component]
pub fn ImportDialog() -> impl IntoView {
    let importer = expect_context::<Importer>();
    view! {
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
                        Ok(offered) => offered_section(lang, importer, open, n, &s.source, offered),
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

/// One opened file: whose it is, what Merge takes from it, every change.
fn offered_section(
    lang: Lang,
    importer: Importer,
    open: &Plan,
    n: usize,
    source: &str,
    offered: &Offered,
) -> AnyView {
    let preview = &offered.preview;
    let diff = &offered.diff;
    let names = Names {
        lang,
        open,
        theirs: &offered.plan,
    };
    let who = match &preview.sent {
        Some(sent) => {
            let whose = match &sent.unit {
                Some(unit) => lang.t(Key::SliceOf).replace("{unit}", &names.unit(unit)),
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
    let effects: Vec<(String, Collection, Effect)> = preview
        .changes
        .iter()
        .map(|c| (c.key(), c.collection, effect(c)))
        .collect();
    let effects = StoredValue::new(effects);
    let counts = move |collection: Collection| {
        importer.with_choices(|choices| {
            let mut counts = Counts::default();
            effects.with_value(|effects| {
                for (key, _, add) in effects.iter().filter(|e| e.1 == collection) {
                    if choices.get(&(n, key.clone())) == Some(&Choice::TakeTheirs) {
                        add(&mut counts);
                    }
                }
            });
            counts
        })
    };
    let row = move |label: Key, collection: Collection, kind: &'static str| {
        view! {
            <tr
                data-kind=kind
                data-added=move || counts(collection).added
                data-changed=move || counts(collection).changed
                data-removed=move || counts(collection).removed
            >
                <th scope="row">{lang.t(label)}</th>
                <td>{move || counts(collection).added}</td>
                <td>{move || counts(collection).changed}</td>
                <td>{move || counts(collection).removed}</td>
            </tr>
        }
    };
    let plain = preview.sent.is_none();
    let changes = preview
        .changes
        .iter()
        .map(|c| change_row(&names, importer, n, c, plain))
        .collect_view();
    view! {
        <section class="submission" data-submission=source.to_string() data-state="ok">
            <h3 class="file-name">{source.to_string()} " — " <strong>{offered.plan.title.clone()}</strong></h3>
            <p class="submission-who" data-unit=preview.unit().map(str::to_string)>{who}</p>
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
            <ul class="changes">{changes}</ul>
        </section>
    }
    .into_any()
}

/// Names and values as people read them, from the open plan or the file.
struct Names<'a> {
    lang: Lang,
    open: &'a Plan,
    theirs: &'a Plan,
}

impl Names<'_> {
    fn unit(&self, id: &str) -> String {
        self.open
            .unit(id)
            .or_else(|| self.theirs.unit(id))
            .map_or_else(|| id.to_string(), |u| self.lang.unit_name(u))
    }

    fn item(&self, id: &str) -> String {
        self.open
            .item(id)
            .or_else(|| self.theirs.item(id))
            .map_or_else(|| id.to_string(), |i| i.title.clone())
    }

    fn stage(&self, id: &str) -> String {
        self.open
            .stage(id)
            .or_else(|| self.theirs.stage(id))
            .map_or_else(|| id.to_string(), |s| self.lang.stage_name(s))
    }

    /// The record as a reader knows it: a title, a unit's or stage's name,
    /// or a link's two ends.
    fn record(&self, change: &Change) -> String {
        match change.theirs.as_ref().or(change.ours.as_ref()) {
            Some(Record::Unit(u)) => self.lang.unit_name(u),
            Some(Record::Stage(s)) => self.lang.stage_name(s),
            Some(Record::Item(i)) => i.title.clone(),
            Some(Record::Link(l)) => format!("{} → {}", self.item(&l.source), self.item(&l.target)),
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
                names.open.links.iter().find(|l| &l.id == id).map_or_else(
                    || id.clone(),
                    |l| format!("{} → {}", names.item(&l.source), names.item(&l.target)),
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
