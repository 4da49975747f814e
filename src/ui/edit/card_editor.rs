use crate::i18n::Key;
use crate::io::storage;
use crate::model::draft::{Field, FieldError, ItemDraft};
use crate::model::linking::new_item_id;
use crate::model::view::CATEGORIES;
use crate::model::{blank_item, Command, CommandError, Item, ItemId, UnitId};
use crate::ui::dialog::Modal;
use crate::ui::dom::{self, Scroll};
use crate::ui::edit::amount::{label_with_unit, AmountReading};
use crate::ui::edit::ask::{AskOnce, Questions};
use crate::ui::edit::discard::DiscardQuestion;
use crate::ui::state::Language;
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
    pub item: Option<ItemId>,
    /// The card's unit.
    pub unit: UnitId,
    pub draft: ItemDraft,
}

impl KeptCard {
    /// The draft kept for this tab, if any reads.
    pub fn read() -> Option<KeptCard> {
        let f = kept_fields(KEPT)?;
        Some(KeptCard {
            plan: f.get("plan"),
            item: Some(f.get("item"))
                .filter(|id| !id.is_empty())
                .map(ItemId::from),
            unit: UnitId::from(f.get("unit")),
            draft: ItemDraft::from_fields(|k| f.get(k)),
        })
    }

    fn keep(&self) {
        let mut fields = vec![
            ("plan", self.plan.as_str()),
            ("item", self.item.as_ref().map_or("", ItemId::as_str)),
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
    Item(ItemId),
    /// A new card for this unit.
    New {
        unit: UnitId,
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

    pub fn open(&self, id: ItemId) {
        self.editing.set(Some(Editing::Item(id)));
    }

    pub fn open_new(&self, unit: UnitId) {
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
    fn close_on(&self, card: Option<ItemId>) {
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

/// What the form's parts share: the card it started from, the draft being
/// typed, and what went wrong with the last save.
#[derive(Clone, Copy)]
struct Form {
    board: Board,
    editor: CardEditor,
    lang: Language,
    is_new: bool,
    /// The card as the form opened on it (a blank one for a new card).
    base: StoredValue<Item>,
    /// The draft as the form opened, to see what was typed since.
    start: StoredValue<ItemDraft>,
    draft: RwSignal<ItemDraft>,
    errors: RwSignal<Vec<(Field, FieldError)>>,
    rule_error: RwSignal<Option<CommandError>>,
    /// What the model asks about (an amount a thousand times off): once.
    ask: AskOnce,
    /// The unit a card removed with its unit is saved into instead.
    new_unit: RwSignal<String>,
    /// Whether closing asks first about what was typed.
    asking: RwSignal<bool>,
}

impl Form {
    fn t(&self, key: Key) -> &'static str {
        self.lang.get().t(key)
    }

    fn unsaved(&self) -> bool {
        self.draft
            .with_untracked(|d| self.start.with_value(|s| d != s))
    }

    /// Closing with unsaved changes asks first; nothing typed goes silently.
    fn request_close(&self) {
        if self.unsaved() {
            self.asking.set(true);
        } else {
            self.editor.close();
        }
    }

    /// The card as the plan holds it now: another window may have changed
    /// it since the form opened (its revision was merged in).
    fn now(&self) -> Option<Item> {
        let id = self.base.with_value(|b| b.id.clone());
        self.board.with_plan(|p| p.item(&id).cloned())
    }

    /// Whether another window changed the card since the form opened.
    fn changed_elsewhere(&self) -> bool {
        self.board.doc.header().track();
        !self.is_new
            && self
                .now()
                .is_some_and(|n| self.base.with_value(|b| &n != b))
    }

    /// The card (or its unit) removed in another window: the draft can go
    /// in as a new card, in another unit if its own is gone (`Some(true)`).
    fn gone(&self) -> Option<bool> {
        self.board.doc.header().track();
        let unit = self.base.with_value(|b| b.unit.clone());
        let unit_gone = self.board.with_plan(|p| p.unit(&unit).is_none());
        let item_gone = !self.is_new && self.now().is_none();
        (item_gone || unit_gone).then_some(unit_gone)
    }

    /// The plan's units, by id and name, in board order.
    fn other_units(&self) -> Vec<(UnitId, String)> {
        self.board.doc.header().track();
        self.board.with_plan(|p| {
            p.units_in_board_order()
                .iter()
                .map(|u| (u.id.clone(), self.lang.get().unit_name(u)))
                .collect()
        })
    }

    /// The unit a draft saved as a new card goes into: its own, or the
    /// one chosen (the first) when its own is gone.
    fn unit_for_new(&self) -> Option<UnitId> {
        if untrack(|| self.gone()) != Some(true) {
            return Some(self.base.with_value(|b| b.unit.clone()));
        }
        let chosen = self.new_unit.get_untracked();
        if chosen.is_empty() {
            untrack(|| self.other_units())
                .first()
                .map(|(id, _)| id.clone())
        } else {
            Some(UnitId::from(chosen))
        }
    }

    /// Saves the draft as a new card (the one it edited is gone).
    fn save_as_new(&self) {
        let Some(unit) = self.unit_for_new() else {
            return;
        };
        let fresh = self.board.with_plan(|p| blank_item(p, &unit));
        let mut typed = self.draft.get_untracked();
        if self
            .board
            .with_plan(|p| p.stage(typed.stage.as_str()).is_none())
        {
            typed.stage = fresh.stage.to_string();
        }
        match typed.apply(&fresh) {
            Err(list) => self.errors.set(list),
            Ok(item) => {
                self.errors.set(Vec::new());
                let (title, id) = (item.title.clone(), item.id.clone());
                match self.board.dispatch(Command::add_item(item)) {
                    Ok(_) => self.saved(&title, id, true),
                    Err(e) => self.rule_error.set(Some(e)),
                }
            }
        }
    }

    /// Saves the draft: the card changed, or the new card added.
    fn save(&self) {
        if untrack(|| self.gone()).is_some() {
            self.save_as_new();
            return;
        }
        let current = if self.is_new { None } else { self.now() };
        let base = current.unwrap_or_else(|| self.base.get_value());
        // Fields this form did not touch keep what another window saved.
        let draft_now = self.draft.with_untracked(|d| {
            self.start
                .with_value(|s| d.rebase(s, &ItemDraft::of(&base)))
        });
        let item = match draft_now.apply(&base) {
            Err(list) => return self.errors.set(list),
            Ok(item) => item,
        };
        self.errors.set(Vec::new());
        let title = item.title.clone();
        let Some((cmd, id)) = self.command(item, &base) else {
            self.editor.close();
            return;
        };
        let Some(cmd) = self.ask.check(&self.board, cmd) else {
            return;
        };
        match self.board.dispatch(cmd) {
            // A new card in a long column shows once revealed (an edited
            // one is already in view).
            Ok(_) => self.saved(&title, id, self.is_new),
            Err(e) => self.rule_error.set(Some(e)),
        }
    }

    /// The command that puts `item` in the plan, and the card's id; `None`
    /// when nothing changed.
    fn command(&self, mut item: Item, base: &Item) -> Option<(Command, ItemId)> {
        if self.is_new {
            if self.board.with_plan(|p| p.item(&item.id).is_some()) {
                item.id = self.board.with_plan(new_item_id);
            }
            let id = item.id.clone();
            Some((Command::add_item(item), id))
        } else if item == *base {
            None
        } else {
            let id = item.id.clone();
            Some((Command::PutItem(item), id))
        }
    }

    /// Says the card `title` is saved, and closes on it.
    fn saved(&self, title: &str, id: ItemId, reveal: bool) {
        self.board.notices.announce(format!(
            "{}: {title}",
            self.lang.get_untracked().t(Key::ItemSaved)
        ));
        if reveal {
            self.board.view.reveal(id.clone());
        }
        self.editor.close_on(Some(id));
    }

    fn delete(&self) {
        let base = self.base.get_value();
        match self.board.dispatch(Command::RemoveItem {
            id: base.id.clone(),
        }) {
            Ok(_) => {
                self.board.notices.announce(format!(
                    "{}: {}",
                    self.lang.get_untracked().t(Key::ItemDeleted),
                    base.title
                ));
                self.editor.close_on(None);
            }
            Err(e) => self.rule_error.set(Some(e)),
        }
    }

    /// The error of `field` from the last save, in the reader's language.
    fn error_of(self, field: Field) -> impl Fn() -> Option<String> + Copy {
        move || {
            self.errors.with(|list| {
                list.iter()
                    .find(|(f, _)| *f == field)
                    .map(|(_, e)| self.lang.get().field_error_text(e))
            })
        }
    }
}

#[component]
fn EditorForm(editing: Editing) -> impl IntoView {
    let board = expect_context::<Board>();
    let editor = expect_context::<CardEditor>();
    // The item the form starts from: the card, or a blank one for the unit.
    let base: Option<Item> = board.with_plan(|plan| match &editing {
        Editing::Item(id) => plan.item(id).cloned(),
        Editing::New { unit } => Some(blank_item(plan, unit)),
    });
    let Some(base) = base else {
        editor.close();
        return ().into_any();
    };
    let restored = RESTORED.with(|r| r.borrow_mut().take());
    let form = Form {
        board,
        editor,
        lang: expect_context::<Language>(),
        is_new: matches!(editing, Editing::New { .. }),
        start: StoredValue::new(ItemDraft::of(&base)),
        draft: RwSignal::new(restored.unwrap_or_else(|| ItemDraft::of(&base))),
        base: StoredValue::new(base),
        errors: RwSignal::new(Vec::new()),
        rule_error: RwSignal::new(None),
        ask: AskOnce::new(),
        new_unit: RwSignal::new(String::new()),
        asking: RwSignal::new(false),
    };
    keep_draft(form);
    let is_new = form.is_new;
    view! {
        <Modal on_close=Callback::new(move |_| form.request_close()) labelledby="card-editor-title" class="card-editor" testid="card-editor">
        <form
            on:submit=move |ev| {
                ev.prevent_default();
                form.save();
            }
        >
            <h2 id="card-editor-title">{move || form.t(if is_new { Key::NewItem } else { Key::EditItem })}</h2>
            {text_field(form, Field::Title, Key::Title, "field-title", |d| d.title.clone(), |d, v| d.title = v, None)}
            <div class="field-row">
                {stage_field(form)}
                {quarter_field(form)}
                {category_field(form)}
            </div>
            <div class="field-row">
                {text_field(form, Field::Budget, Key::Budget, "field-budget", |d| d.budget.clone(), |d, v| d.budget = v, Some("reading-budget"))}
                {text_field(form, Field::Demand, Key::Demand, "field-demand", |d| d.demand.clone(), |d, v| d.demand = v, Some("reading-demand"))}
            </div>
            {text_field(form, Field::Tags, Key::Tags, "field-tags", |d| d.tags.clone(), |d, v| d.tags = v, None)}
            {notes_field(form)}
            {move || form.gone().map(|unit_gone| removed_elsewhere(form, unit_gone))}
            {changed_elsewhere(form)}
            <Questions ask=form.ask on_confirm=Callback::new(move |_| form.save()) confirm=Key::AmountYesSave/>
            <Show when=move || form.rule_error.with(Option::is_some)>
                <p class="field-error" role="alert">{move || form.rule_error.with(|e| e.as_ref().map(|e| form.lang.get().command_error(e)))}</p>
            </Show>
            {form_actions(form)}
        </form>
        </Modal>
        <DiscardQuestion asking=form.asking explain=Key::DiscardExplain on_discard=Callback::new(move |_| form.editor.close())/>
    }
    .into_any()
}

/// While the form holds unsaved text, leaving the page asks, and the
/// draft is kept for this tab to be offered back after a reload.
fn keep_draft(form: Form) {
    let drafts = expect_context::<Drafts>();
    let (plan_id, item_id, unit_id) = form.base.with_value(|base| {
        (
            form.board.with_plan(|p| p.id.clone()),
            (!form.is_new).then(|| base.id.clone()),
            base.unit.clone(),
        )
    });
    let (draft, start) = (form.draft, form.start);
    Effect::new(move || {
        let unsaved = draft.with(|d| start.with_value(|s| d != s));
        if unsaved {
            drafts.hold(KEPT);
            let kept = KeptCard {
                plan: plan_id.clone(),
                item: item_id.clone(),
                unit: unit_id.clone(),
                draft: draft.get(),
            };
            kept.keep();
        } else {
            drafts.release(KEPT);
            KeptCard::forget();
        }
    });
    on_cleanup(move || {
        drafts.release(KEPT);
        KeptCard::forget();
    });
}

/// A text input for one field of the draft, its error shown beside it.
/// An amount field (`reading`: where the amount as read shows) says the
/// unit in its label and opens the numeric keyboard on touch screens.
fn text_field(
    form: Form,
    field: Field,
    label: Key,
    testid: &'static str,
    get: fn(&ItemDraft) -> String,
    set: fn(&mut ItemDraft, String),
    reading: Option<&'static str>,
) -> impl IntoView {
    let (draft, start) = (form.draft, form.start);
    let error = form.error_of(field);
    let has_error = move || error().is_some();
    let amount = reading.is_some();
    let reading = reading.map(|testid| {
        view! { <AmountReading text=Signal::derive(move || draft.with(get)) testid/> }
    });
    view! {
        <label class="field" class:invalid=has_error>
            <span>{move || if amount { label_with_unit(form.lang.get(), label) } else { form.t(label).to_string() }}</span>
            <input
                type="text"
                inputmode=if amount { "decimal" } else { "text" }
                placeholder=move || amount.then(|| form.t(Key::AmountHint))
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
}

fn stage_field(form: Form) -> impl IntoView {
    let (draft, lang) = (form.draft, form.lang);
    view! {
        <label class="field">
            <span>{move || form.t(Key::Stage)}</span>
            <select
                data-testid="field-stage"
                on:change=move |ev| draft.update(|d| d.stage = event_target_value(&ev))
            >
                <For each=move || form.board.doc.stages().get() key=|s| s.id.as_str().to_owned() let:stage>
                    <option
                        value=stage.id.to_string()
                        selected=draft.with_untracked(|d| d.stage == stage.id.as_str())
                    >
                        {let s = stage.clone(); move || lang.get().stage_name(&s)}
                    </option>
                </For>
            </select>
        </label>
    }
}

fn quarter_field(form: Form) -> impl IntoView {
    let (draft, lang) = (form.draft, form.lang);
    let quarters = (1u8..=4)
        .map(|q| {
            let v = q.to_string();
            let selected = draft.with_untracked(|d| d.quarter == v);
            view! {
                <option value=v selected=selected>{move || lang.get().quarter(q)}</option>
            }
        })
        .collect_view();
    view! {
        <label class="field">
            <span>{move || form.t(Key::Quarter)}</span>
            <select
                data-testid="field-quarter"
                on:change=move |ev| draft.update(|d| d.quarter = event_target_value(&ev))
            >
                <option value="" selected=draft.with_untracked(|d| d.quarter.is_empty())>
                    {move || form.t(Key::NoneChosen)}
                </option>
                {quarters}
            </select>
        </label>
    }
}

/// The categories offered, and the card's own if it is none of them.
fn category_field(form: Form) -> impl IntoView {
    let (draft, lang) = (form.draft, form.lang);
    let current = draft.with_untracked(|d| d.category.clone());
    let mut options: Vec<String> = CATEGORIES.iter().map(|c| c.to_string()).collect();
    if !current.is_empty() && !options.contains(&current) {
        options.push(current.clone());
    }
    let options = options
        .into_iter()
        .map(|c| {
            let selected = c == current;
            let label = c.clone();
            view! {
                <option value=c selected=selected>{move || lang.get().category(&label)}</option>
            }
        })
        .collect_view();
    view! {
        <label class="field">
            <span>{move || form.t(Key::Category)}</span>
            <select
                data-testid="field-category"
                on:change=move |ev| draft.update(|d| d.category = event_target_value(&ev))
            >
                <option value="" selected=draft.with_untracked(|d| d.category.is_empty())>
                    {move || form.t(Key::NoneChosen)}
                </option>
                {options}
            </select>
        </label>
    }
}

fn notes_field(form: Form) -> impl IntoView {
    let (draft, start) = (form.draft, form.start);
    let notes_error = form.error_of(Field::Notes);
    view! {
        <label class="field" class:invalid=move || notes_error().is_some()>
            <span>{move || form.t(Key::Notes)}</span>
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
    }
}

/// The card (or its unit) removed in another window: discard the draft,
/// or save it as a new card (in a unit chosen when its own is gone).
fn removed_elsewhere(form: Form, unit_gone: bool) -> impl IntoView {
    let t = move |k| form.t(k);
    view! {
        <div class="notice warning" role="alert" data-testid="removed-elsewhere">
            <p>{move || t(if unit_gone { Key::UnitRemovedElsewhere } else { Key::RemovedElsewhere })}</p>
            {unit_gone.then(|| view! {
                <label class="field">
                    <span>{move || t(Key::SaveInUnit)}</span>
                    <select data-testid="save-as-unit" on:change=move |ev| form.new_unit.set(event_target_value(&ev))>
                        {form.other_units()
                            .into_iter()
                            .map(|(id, name)| view! { <option value=id.into_string()>{name}</option> })
                            .collect_view()}
                    </select>
                </label>
            })}
            <div class="dialog-actions">
                <button type="button" data-testid="discard-draft" on:click=move |_| form.editor.close()>
                    {move || t(Key::DiscardDraft)}
                </button>
                <button type="button" class="primary" data-testid="save-as-new" on:click=move |_| form.save_as_new()>
                    {move || t(Key::SaveAsNewCard)}
                </button>
            </div>
        </div>
    }
}

/// Another window changed the card since the form opened.
fn changed_elsewhere(form: Form) -> impl IntoView {
    let changed = Memo::new(move |_| form.changed_elsewhere());
    view! {
        <Show when=move || changed.get()>
            <p class="notice warning" role="alert" data-testid="changed-elsewhere">{move || form.t(Key::ChangedElsewhere)}</p>
        </Show>
    }
}

fn form_actions(form: Form) -> impl IntoView {
    let t = move |k| form.t(k);
    view! {
        <div class="dialog-actions">
            <Show when=move || !form.is_new>
                <button type="button" class="danger" data-testid="delete-item" on:click=move |_| form.delete()>
                    {move || t(Key::Delete)}
                </button>
            </Show>
            <button type="button" data-testid="cancel-edit" on:click=move |_| form.request_close()>
                {move || t(Key::Cancel)}
            </button>
            // Saved on the button's click (Enter in a field clicks it
            // too), with the browser's own form submission cancelled:
            // on a board of thousands of cards that alone costs ~10 ms.
            <button type="submit" class="primary" data-testid="save-item" on:click=move |ev| {
                ev.prevent_default();
                form.save();
            }>
                {move || t(Key::Save)}
            </button>
        </div>
    }
}
