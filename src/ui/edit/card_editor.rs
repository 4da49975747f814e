use crate::i18n::{Key, Lang};
use crate::io::storage;
use crate::model::draft::{Field, FieldError, ItemDraft};
use crate::model::linking::new_item_id;
use crate::model::view::CATEGORIES;
use crate::model::{blank_item, Command, CommandError, Item};
use crate::ui::dialog::Modal;
use crate::ui::dom::{self, Scroll};
use crate::ui::edit::amount::{label_with_unit, AmountReading};
use crate::ui::edit::ask::{AskOnce, Questions};
use crate::ui::edit::discard::DiscardQuestion;
use crate::ui::state::{keep_fields, kept_fields, Board, Drafts};
use leptos::prelude::*;

/// The name the open card's draft is kept under for this tab.
pub const KEPT: &str = "card";

/// A card's draft as kept for this tab while the editor holds unsaved
/// text, offered back after a reload or a crash.
#[derive(Clone, Debug, PartialEq)]
pub struct KeptCard {
    /// The plan it belongs to.
    pub plan: String,
    /// The card it edits; `None` for a new card.
    pub item: Option<String>,
    /// The card's unit.
    pub unit: String,
    pub draft: ItemDraft,
}

impl KeptCard {
    /// The draft kept for this tab, if any reads.
    pub fn read() -> Option<KeptCard> {
        let f = kept_fields(KEPT)?;
        Some(KeptCard {
            plan: f.get("plan"),
            item: Some(f.get("item")).filter(|id| !id.is_empty()),
            unit: f.get("unit"),
            draft: ItemDraft::from_fields(|k| f.get(k)),
        })
    }

    fn keep(&self) {
        let mut fields = vec![
            ("plan", self.plan.as_str()),
            ("item", self.item.as_deref().unwrap_or_default()),
            ("unit", self.unit.as_str()),
        ];
        fields.extend(self.draft.fields());
        keep_fields(KEPT, &fields);
    }

    pub fn forget() {
        storage::drop_draft(KEPT);
    }
}

/// Which card the editor is open on.
#[derive(Clone, Debug, PartialEq)]
pub enum Editing {
    Item(String),
    /// A new card for this unit.
    New {
        unit: String,
    },
}

/// Opens and closes the card editor; shared through context.
#[derive(Clone, Copy)]
pub struct CardEditor {
    editing: RwSignal<Option<Editing>>,
}

thread_local! {
    /// A draft the next form starts from instead of the card (one offered
    /// back after a reload).
    static RESTORED: std::cell::RefCell<Option<ItemDraft>> = const { std::cell::RefCell::new(None) };
}

impl CardEditor {
    pub fn new() -> CardEditor {
        CardEditor {
            editing: RwSignal::new(None),
        }
    }

    /// Opens the editor on `editing` holding `draft`, unsaved.
    pub fn open_restored(&self, editing: Editing, draft: ItemDraft) {
        RESTORED.with(|r| *r.borrow_mut() = Some(draft));
        self.editing.set(Some(editing));
    }

    pub fn open(&self, id: String) {
        self.editing.set(Some(Editing::Item(id)));
    }

    pub fn open_new(&self, unit: String) {
        self.editing.set(Some(Editing::New { unit }));
    }

    /// Closes the editor and gives focus back to the card it was open on
    /// (or, for a new card, to what opened the editor).
    pub fn close(&self) {
        let card = match self.editing.get_untracked() {
            Some(Editing::Item(id)) => Some(id),
            _ => None,
        };
        self.close_on(card);
    }

    /// Closes the editor and puts focus on `card` when there is one.
    /// Focus leaves the dialog before it goes (removing a focused dialog
    /// costs the browser a style pass over a big board) and reaches the card
    /// on the next frame, unless the user has put it somewhere meanwhile
    /// (another dialog opened in that frame keeps it).
    fn close_on(&self, card: Option<String>) {
        dom::blur_active();
        self.editing.set(None);
        if let Some(id) = card {
            request_animation_frame(move || {
                if dom::focus_lost() {
                    dom::focus_card(&id, Scroll::Keep);
                }
            });
        }
    }
}

impl Default for CardEditor {
    fn default() -> Self {
        CardEditor::new()
    }
}

/// The card editor, shown over the board while a card is being edited.
#[component]
pub fn CardEditorDialog() -> impl IntoView {
    let editor = expect_context::<CardEditor>();
    view! {
        {move || editor.editing.get().map(|editing| view! { <EditorForm editing/> })}
    }
}

#[component]
fn EditorForm(editing: Editing) -> impl IntoView {
    let board = expect_context::<Board>();
    let editor = expect_context::<CardEditor>();
    let lang = expect_context::<Signal<Lang>>();
    let t = move |k| lang.get().t(k);

    // The item the form starts from: the card, or a blank one for the unit.
    let base: Option<Item> = board.with_plan(|plan| match &editing {
        Editing::Item(id) => plan.item(id).cloned(),
        Editing::New { unit } => Some(blank_item(plan, unit)),
    });
    let Some(base) = base else {
        editor.close();
        return ().into_any();
    };
    let is_new = matches!(editing, Editing::New { .. });
    let start = StoredValue::new(ItemDraft::of(&base));
    let restored = RESTORED.with(|r| r.borrow_mut().take());
    let draft = RwSignal::new(restored.unwrap_or_else(|| ItemDraft::of(&base)));
    // While the form holds unsaved text, leaving the page asks, and the
    // draft is kept for this tab to be offered back after a reload.
    let drafts = expect_context::<Drafts>();
    let (plan_id, item_id, unit_id) = (
        board.with_plan(|p| p.id.clone()),
        (!is_new).then(|| base.id.clone()),
        base.unit.clone(),
    );
    Effect::new(move || {
        let unsaved = draft.with(|d| start.with_value(|s| d != s));
        drafts.hold(KEPT, unsaved);
        if unsaved {
            let kept = KeptCard {
                plan: plan_id.clone(),
                item: item_id.clone(),
                unit: unit_id.clone(),
                draft: draft.get(),
            };
            kept.keep();
        } else {
            KeptCard::forget();
        }
    });
    on_cleanup(move || {
        drafts.hold(KEPT, false);
        KeptCard::forget();
    });
    // Closing with unsaved changes asks first; nothing typed goes silently.
    let asking = RwSignal::new(false);
    let request_close = move || {
        if draft.with_untracked(|d| start.with_value(|s| d != s)) {
            asking.set(true);
        } else {
            editor.close();
        }
    };
    let errors: RwSignal<Vec<(Field, FieldError)>> = RwSignal::new(Vec::new());
    let rule_error: RwSignal<Option<CommandError>> = RwSignal::new(None);
    let base = StoredValue::new(base);
    // What the model asks about (an amount a thousand times off): once.
    let ask = AskOnce::new();

    // The card as the plan holds it now: another window may have changed
    // it since the form opened (its revision was merged in).
    let now = move || {
        let id = base.with_value(|b| b.id.clone());
        board.with_plan(|p| p.item(&id).cloned())
    };
    let changed_elsewhere = Memo::new(move |_| {
        board.doc.header().track();
        !is_new && now().is_some_and(|n| base.with_value(|b| &n != b))
    });
    // The card (or its unit) removed in another window: the draft can go
    // in as a new card, in another unit if its own is gone.
    let gone = move || {
        board.doc.header().track();
        let unit = base.with_value(|b| b.unit.clone());
        let unit_gone = board.with_plan(|p| p.unit(&unit).is_none());
        let item_gone = !is_new && now().is_none();
        (item_gone || unit_gone).then_some(unit_gone)
    };
    let other_units = move || {
        board.doc.header().track();
        board.with_plan(|p| {
            p.units_in_board_order()
                .iter()
                .map(|u| (u.id.clone(), lang.get().unit_name(u)))
                .collect::<Vec<_>>()
        })
    };
    let new_unit = RwSignal::new(String::new());
    let save_as_new = move || {
        let unit = if untrack(gone) == Some(true) {
            let chosen = new_unit.get_untracked();
            if chosen.is_empty() {
                untrack(other_units).first().map(|(id, _)| id.clone())
            } else {
                Some(chosen)
            }
        } else {
            Some(base.with_value(|b| b.unit.clone()))
        };
        let Some(unit) = unit else {
            return;
        };
        let fresh = board.with_plan(|p| blank_item(p, &unit));
        let mut typed = draft.get_untracked();
        if board.with_plan(|p| p.stage(&typed.stage).is_none()) {
            typed.stage = fresh.stage.clone();
        }
        match typed.apply(&fresh) {
            Err(list) => errors.set(list),
            Ok(item) => {
                errors.set(Vec::new());
                let (title, id) = (item.title.clone(), item.id.clone());
                match board.dispatch(Command::add_item(item)) {
                    Ok(_) => {
                        board.notices.announce(format!(
                            "{}: {title}",
                            lang.get_untracked().t(Key::ItemSaved)
                        ));
                        board.view.reveal(id.clone());
                        editor.close_on(Some(id));
                    }
                    Err(e) => rule_error.set(Some(e)),
                }
            }
        }
    };
    let save = move || {
        if untrack(gone).is_some() {
            save_as_new();
            return;
        }
        let current = if is_new { None } else { now() };
        let base = current.unwrap_or_else(|| base.get_value());
        // Fields this form did not touch keep what another window saved.
        let draft_now =
            draft.with_untracked(|d| start.with_value(|s| d.rebase(s, &ItemDraft::of(&base))));
        match draft_now.apply(&base) {
            Err(list) => errors.set(list),
            Ok(item) => {
                errors.set(Vec::new());
                let title = item.title.clone();
                let mut id = item.id.clone();
                let cmd = if is_new {
                    let mut item = item;
                    if board.with_plan(|p| p.item(&item.id).is_some()) {
                        item.id = board.with_plan(new_item_id);
                        id = item.id.clone();
                    }
                    Command::add_item(item)
                } else if item == base {
                    editor.close();
                    return;
                } else {
                    Command::PutItem(item)
                };
                let Some(cmd) = ask.check(&board, cmd) else {
                    return;
                };
                match board.dispatch(cmd) {
                    Ok(_) => {
                        board.notices.announce(format!(
                            "{}: {title}",
                            lang.get_untracked().t(Key::ItemSaved)
                        ));
                        // A new card in a long column shows once revealed
                        // (an edited one is already in view).
                        if is_new {
                            board.view.reveal(id.clone());
                        }
                        editor.close_on(Some(id));
                    }
                    Err(e) => rule_error.set(Some(e)),
                }
            }
        }
    };
    let delete = move |_| {
        let base = base.get_value();
        match board.dispatch(Command::RemoveItem {
            id: base.id.clone(),
        }) {
            Ok(_) => {
                board.notices.announce(format!(
                    "{}: {}",
                    lang.get_untracked().t(Key::ItemDeleted),
                    base.title
                ));
                editor.close_on(None);
            }
            Err(e) => rule_error.set(Some(e)),
        }
    };
    let error_of = move |field: Field| {
        move || {
            errors.with(|list| {
                list.iter()
                    .find(|(f, _)| *f == field)
                    .map(|(_, e)| lang.get().field_error_text(e))
            })
        }
    };
    // A text input for one field of the draft, its error shown beside it.
    // Amount fields (with a hint) open the numeric keyboard on touch screens.
    let text_field = move |field: Field,
                           label: Key,
                           testid: &'static str,
                           get: fn(&ItemDraft) -> String,
                           set: fn(&mut ItemDraft, String),
                           hint: Option<(Key, &'static str)>| {
        let error = error_of(field);
        let has_error = move || error().is_some();
        let reading = hint.map(|(_, testid)| {
            view! { <AmountReading text=Signal::derive(move || draft.with(get)) testid/> }
        });
        let hint = hint.map(|(key, _)| key);
        view! {
            <label class="field" class:invalid=has_error>
                <span>{move || if hint.is_some() { label_with_unit(lang.get(), label) } else { t(label).to_string() }}</span>
                <input
                    type="text"
                    inputmode=if hint.is_some() { "decimal" } else { "text" }
                    placeholder=move || hint.map(t)
                    data-testid=testid
                    aria-invalid=move || has_error().to_string()
                    prop:value=move || draft.with(get)
                    on:input=move |ev| draft.update(|d| set(d, event_target_value(&ev)))
                    on:keydown=move |ev| {
                        dom::esc_restores(&ev, &start.with_value(get));
                    }
                />
                {reading}
                <Show when=has_error>
                    <span class="field-error" role="alert">{error}</span>
                </Show>
            </label>
        }
    };

    let notes_error = error_of(Field::Notes);
    view! {
        <Modal on_close=Callback::new(move |_| request_close()) labelledby="card-editor-title" class="card-editor" testid="card-editor">
        <form
            on:submit=move |ev| {
                ev.prevent_default();
                save();
            }
        >
            <h2 id="card-editor-title">{move || t(if is_new { Key::NewItem } else { Key::EditItem })}</h2>
            {text_field(Field::Title, Key::Title, "field-title", |d| d.title.clone(), |d, v| d.title = v, None)}
            <div class="field-row">
                <label class="field">
                    <span>{move || t(Key::Stage)}</span>
                    <select
                        data-testid="field-stage"
                        on:change=move |ev| draft.update(|d| d.stage = event_target_value(&ev))
                    >
                        <For each=move || board.doc.stages().get() key=|s| s.id.clone() let:stage>
                            <option
                                value=stage.id.clone()
                                selected=draft.with_untracked(|d| d.stage == stage.id)
                            >
                                {let s = stage.clone(); move || lang.get().stage_name(&s)}
                            </option>
                        </For>
                    </select>
                </label>
                <label class="field">
                    <span>{move || t(Key::Quarter)}</span>
                    <select
                        data-testid="field-quarter"
                        on:change=move |ev| draft.update(|d| d.quarter = event_target_value(&ev))
                    >
                        <option value="" selected=draft.with_untracked(|d| d.quarter.is_empty())>
                            {move || t(Key::NoneChosen)}
                        </option>
                        {(1u8..=4)
                            .map(|q| {
                                let v = q.to_string();
                                let selected = draft.with_untracked(|d| d.quarter == v);
                                view! {
                                    <option value=v selected=selected>{move || lang.get().quarter(q)}</option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{move || t(Key::Category)}</span>
                    <select
                        data-testid="field-category"
                        on:change=move |ev| draft.update(|d| d.category = event_target_value(&ev))
                    >
                        <option value="" selected=draft.with_untracked(|d| d.category.is_empty())>
                            {move || t(Key::NoneChosen)}
                        </option>
                        {
                            let current = draft.with_untracked(|d| d.category.clone());
                            let mut options: Vec<String> = CATEGORIES.iter().map(|c| c.to_string()).collect();
                            if !current.is_empty() && !options.contains(&current) {
                                options.push(current.clone());
                            }
                            options
                                .into_iter()
                                .map(|c| {
                                    let selected = c == current;
                                    let label = c.clone();
                                    view! {
                                        <option value=c selected=selected>{move || lang.get().category(&label)}</option>
                                    }
                                })
                                .collect_view()
                        }
                    </select>
                </label>
            </div>
            <div class="field-row">
                {text_field(Field::Budget, Key::Budget, "field-budget", |d| d.budget.clone(), |d, v| d.budget = v, Some((Key::AmountHint, "reading-budget")))}
                {text_field(Field::Demand, Key::Demand, "field-demand", |d| d.demand.clone(), |d, v| d.demand = v, Some((Key::AmountHint, "reading-demand")))}
            </div>
            {text_field(Field::Tags, Key::Tags, "field-tags", |d| d.tags.clone(), |d, v| d.tags = v, None)}
            <label class="field" class:invalid=move || notes_error().is_some()>
                <span>{move || t(Key::Notes)}</span>
                <textarea
                    data-testid="field-notes"
                    rows="3"
                    aria-invalid=move || notes_error().is_some().to_string()
                    prop:value=move || draft.with(|d| d.notes.clone())
                    on:input=move |ev| draft.update(|d| d.notes = event_target_value(&ev))
                    on:keydown=move |ev| {
                        dom::esc_restores(&ev, &start.with_value(|s| s.notes.clone()));
                    }
                ></textarea>
                <Show when=move || notes_error().is_some()>
                    <span class="field-error" role="alert">{notes_error}</span>
                </Show>
            </label>
            {move || gone().map(|unit_gone| view! {
                <div class="notice warning" role="alert" data-testid="removed-elsewhere">
                    <p>{move || t(if unit_gone { Key::UnitRemovedElsewhere } else { Key::RemovedElsewhere })}</p>
                    {unit_gone.then(|| view! {
                        <label class="field">
                            <span>{move || t(Key::SaveInUnit)}</span>
                            <select data-testid="save-as-unit" on:change=move |ev| new_unit.set(event_target_value(&ev))>
                                {other_units()
                                    .into_iter()
                                    .map(|(id, name)| view! { <option value=id>{name}</option> })
                                    .collect_view()}
                            </select>
                        </label>
                    })}
                    <div class="dialog-actions">
                        <button type="button" data-testid="discard-draft" on:click=move |_| editor.close()>
                            {move || t(Key::DiscardDraft)}
                        </button>
                        <button type="button" class="primary" data-testid="save-as-new" on:click=move |_| save_as_new()>
                            {move || t(Key::SaveAsNewCard)}
                        </button>
                    </div>
                </div>
            })}
            <Show when=move || changed_elsewhere.get()>
                <p class="notice warning" role="alert" data-testid="changed-elsewhere">{move || t(Key::ChangedElsewhere)}</p>
            </Show>
            <Questions ask on_confirm=Callback::new(move |_| save()) confirm=Key::AmountYesSave/>
            <Show when=move || rule_error.with(Option::is_some)>
                <p class="field-error" role="alert">{move || rule_error.with(|e| e.as_ref().map(|e| lang.get().command_error(e)))}</p>
            </Show>
            <div class="dialog-actions">
                <Show when=move || !is_new>
                    <button type="button" class="danger" data-testid="delete-item" on:click=delete>
                        {move || t(Key::Delete)}
                    </button>
                </Show>
                <button type="button" data-testid="cancel-edit" on:click=move |_| request_close()>
                    {move || t(Key::Cancel)}
                </button>
                // Saved on the button's click (Enter in a field clicks it
                // too), with the browser's own form submission cancelled:
                // on a board of thousands of cards that alone costs ~10 ms.
                <button type="submit" class="primary" data-testid="save-item" on:click=move |ev| {
                    ev.prevent_default();
                    save();
                }>
                    {move || t(Key::Save)}
                </button>
            </div>
        </form>
        </Modal>
        <DiscardQuestion asking explain=Key::DiscardExplain on_discard=Callback::new(move |_| editor.close())/>
    }
    .into_any()
}
