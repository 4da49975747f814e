//! Linking cards by dragging one onto another (pointer events, so mouse,
//! touch and pen all work), by tapping "Link from here" then the target, or
//! from the keyboard, and moving cards between stage, quarter or category
//! columns by dropping them there. On a phone, where the board shows one
//! unit at a time, a drag held at the board's edge brings the next unit.

use crate::i18n::{Key, Lang};
use crate::model::linking::{link_direction, proposed_amount, Candidates, LinkRefusal};
use crate::model::{Amount, Command, ItemId};
use crate::ui::board::paging;
use crate::ui::dialog::dialog_open;
use crate::ui::dom;
use crate::ui::state::Board;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What is under the pointer while dragging.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DropTarget {
    Card(ItemId),
    Column(String),
}

/// A link waiting for its amount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    pub source: ItemId,
    pub target: ItemId,
    pub amount: Amount,
    /// The card the user started the link from (focus returns to it).
    pub origin: ItemId,
}

/// How a link is being made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// Dragged from the card (or its grip) onto the target.
    Drag,
    /// Started with L; the arrows pick the target, Enter links.
    Keyboard,
    /// Started with "Link from here"; a tap (or click) on a card links.
    Tap,
}

#[derive(Clone, Debug)]
struct Press {
    id: ItemId,
    pointer: i32,
    x: f64,
    y: f64,
    dragging: bool,
    /// A press that can only be a tap: a finger on the card outside its
    /// grip (moving it scrolls), or any press while tapping a target.
    tap_only: bool,
}

/// Movement, in CSS pixels, before a press becomes a drag.
const DRAG_THRESHOLD: f64 = 6.0;
/// How near the board's edge, in CSS pixels, a drag on a phone must come
/// to bring the next unit, and how long it must stay there (ms), and then
/// between units.
const EDGE_ZONE: f64 = 36.0;
const EDGE_DWELL: f64 = 350.0;
const EDGE_REPEAT: f64 = 1100.0;

#[derive(Clone, Copy)]
pub struct Linker {
    /// The card a link starts from, while dragging or linking by keyboard.
    pub source: RwSignal<Option<ItemId>>,
    /// Which cards can take the link (worked out when it starts).
    candidates: StoredValue<Option<Candidates>>,
    pub via: RwSignal<Via>,
    pub over: RwSignal<Option<DropTarget>>,
    pub proposal: RwSignal<Option<Proposal>>,
    press: StoredValue<Option<Press>>,
    last_point: StoredValue<(f64, f64)>,
    frame_pending: StoredValue<bool>,
    /// Which edge a drag is held at on a phone, and when it may bring the
    /// next unit.
    edge: StoredValue<Option<(i32, f64)>>,
    pub ghost: NodeRef<html::Div>,
}

impl Linker {
    pub fn new() -> Linker {
        Linker {
            source: RwSignal::new(None),
            candidates: StoredValue::new(None),
            via: RwSignal::new(Via::Drag),
            over: RwSignal::new(None),
            proposal: RwSignal::new(None),
            press: StoredValue::new(None),
            last_point: StoredValue::new((0.0, 0.0)),
            frame_pending: StoredValue::new(false),
            edge: StoredValue::new(None),
            ghost: NodeRef::new(),
        }
    }

    /// Whether a card can take the link being made; `None` when no link is
    /// being made.
    pub fn status(&self, board: &Board, id: &ItemId) -> Option<Result<(), LinkRefusal>> {
        self.source.track();
        let item = board.doc.item(id)?;
        self.candidates
            .with_value(|c| c.as_ref().map(|c| item.item.with_untracked(|i| c.check(i))))
    }

    fn begin(&self, board: &Board, id: &ItemId, via: Via) {
        let candidates = board.with_plan(|p| Candidates::new(p, id));
        self.candidates.set_value(candidates);
        self.via.set(via);
        self.over.set(None);
        self.source.set(Some(id.clone()));
    }

    /// Ends a drag or keyboard link with no change.
    pub fn cancel(&self, board: &Board, lang: Lang) {
        if self.source.get_untracked().is_some() {
            board
                .notices
                .announce(lang.t(Key::LinkCancelled).to_string());
        }
        self.end();
    }

    fn end(&self) {
        self.press.set_value(None);
        self.source.set(None);
        self.over.set(None);
        self.via.set(Via::Drag);
        self.edge.set_value(None);
        self.candidates.set_value(None);
        if let Some(g) = self.ghost.get_untracked() {
            let _ = web_sys::HtmlElement::style(&g).set_property("display", "none");
        }
    }

    pub fn pointer_down(&self, id: &ItemId, ev: &web_sys::PointerEvent) {
        if ev.button() != 0 || self.proposal.with_untracked(Option::is_some) {
            return;
        }
        // On a touch screen only the grip starts a drag; the rest of the
        // card scrolls the column (or swipes the board) as usual, and a tap
        // on it selects the card. While a target is being tapped, every
        // press is a tap.
        let on_grip = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest(".grip").ok().flatten())
            .is_some();
        let tapping = self.tapping();
        let tap_only = tapping || (ev.pointer_type() == "touch" && !on_grip);
        if !tap_only {
            if let Some(el) = ev
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                let _ = el.set_pointer_capture(ev.pointer_id());
            }
        }
        self.press.set_value(Some(Press {
            id: id.clone(),
            pointer: ev.pointer_id(),
            x: f64::from(ev.client_x()),
            y: f64::from(ev.client_y()),
            dragging: false,
            tap_only,
        }));
    }

    /// Whether a link waits for its target to be tapped.
    fn tapping(&self) -> bool {
        self.source.with_untracked(Option::is_some) && self.via.get_untracked() == Via::Tap
    }

    pub fn pointer_move(&self, board: &Board, ev: &web_sys::PointerEvent) {
        let Some(press) = self.press.get_value() else {
            return;
        };
        if press.pointer != ev.pointer_id() {
            return;
        }
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        if !press.dragging {
            if (x - press.x).hypot(y - press.y) < DRAG_THRESHOLD {
                return;
            }
            if press.tap_only {
                // Scrolling, not tapping.
                self.press.set_value(None);
                return;
            }
            self.press.update_value(|p| {
                if let Some(p) = p {
                    p.dragging = true;
                }
            });
            self.begin(board, &press.id, Via::Drag);
            if let Some(g) = self.ghost.get_untracked() {
                let title = board
                    .doc
                    .item(&press.id)
                    .map(|c| c.item.with_untracked(|i| i.title.clone()))
                    .unwrap_or_default();
                g.set_text_content(Some(&title));
                let _ = web_sys::HtmlElement::style(&g).set_property("display", "block");
            }
        }
        ev.prevent_default();
        self.last_point.set_value((x, y));
        // Move the ghost and look under the pointer once per frame.
        if !self.frame_pending.get_value() {
            self.frame_pending.set_value(true);
            let linker = *self;
            request_animation_frame(move || {
                linker.frame_pending.set_value(false);
                if linker.source.get_untracked().is_some() {
                    let (x, y) = linker.last_point.get_value();
                    linker.track_point(x, y);
                }
            });
        }
    }

    fn track_point(&self, x: f64, y: f64) {
        if let Some(g) = self.ghost.get_untracked() {
            let _ = web_sys::HtmlElement::style(&g).set_property(
                "transform",
                &format!(
                    "translate({}px, {}px)",
                    crate::model::decimal(x + 12.0, 1),
                    crate::model::decimal(y + 12.0, 1)
                ),
            );
        }
        let target = target_at(x, y);
        if self.over.with_untracked(|o| o != &target) {
            self.over.set(target);
        }
        self.watch_edge(x);
    }

    /// On a phone, a drag held near the board's left or right edge brings
    /// the unit that way into view (the target may be in any unit), after
    /// a moment and again while it stays there.
    fn watch_edge(&self, x: f64) {
        if self.via.get_untracked() != Via::Drag || !paging::phone() {
            return;
        }
        let side = paging::edge_at(x, EDGE_ZONE);
        let now = js_sys::Date::now();
        match (side, self.edge.get_value()) {
            (0, _) => self.edge.set_value(None),
            (side, Some((held, _))) if held == side => {}
            (side, _) => {
                self.edge.set_value(Some((side, now + EDGE_DWELL)));
                self.edge_frame();
            }
        }
    }

    /// Looks once a frame, while a drag is held at an edge, whether the
    /// next unit is due (no pointer moves come while the finger rests).
    fn edge_frame(&self) {
        let linker = *self;
        request_animation_frame(move || {
            if linker.source.with_untracked(Option::is_none) {
                return;
            }
            let Some((side, due)) = linker.edge.get_value() else {
                return;
            };
            let now = js_sys::Date::now();
            if now >= due {
                paging::step(side, web_sys::ScrollBehavior::Smooth);
                linker.edge.set_value(Some((side, now + EDGE_REPEAT)));
            }
            // What is under the finger changes as the board moves.
            let (x, y) = linker.last_point.get_value();
            let target = target_at(x, y);
            if linker.over.with_untracked(|o| o != &target) {
                linker.over.set(target);
            }
            linker.edge_frame();
        });
    }

    pub fn pointer_up(&self, board: &Board, lang: Lang, ev: &web_sys::PointerEvent) {
        let Some(press) = self.press.get_value() else {
            return;
        };
        if press.pointer != ev.pointer_id() {
            return;
        }
        if press.dragging {
            self.track_point(f64::from(ev.client_x()), f64::from(ev.client_y()));
            self.drop(board, lang);
        } else if self.tapping() {
            self.press.set_value(None);
            self.tap(board, lang, &press.id);
        } else {
            self.press.set_value(None);
            if board
                .view
                .selected
                .with_untracked(|s| s.as_ref() != Some(&press.id))
            {
                board.view.selected.set(Some(press.id));
            }
        }
    }

    pub fn pointer_cancel(&self, board: &Board, lang: Lang) {
        if self
            .press
            .with_value(|p| p.as_ref().is_some_and(|p| p.dragging))
        {
            self.cancel(board, lang);
        } else {
            self.press.set_value(None);
        }
    }

    /// Finishes a drag or keyboard link on whatever is under it.
    pub fn drop(&self, board: &Board, lang: Lang) {
        let Some(source) = self.source.get_untracked() else {
            return;
        };
        match self.over.get_untracked() {
            Some(DropTarget::Card(target)) => {
                let outcome = board.with_plan(|p| {
                    link_direction(p, &source, &target).map(|(s, t)| {
                        let amount = board
                            .doc
                            .with_tallies(|tallies| proposed_amount(p, tallies, &s, &t));
                        Proposal {
                            source: s,
                            target: t,
                            amount,
                            origin: source.clone(),
                        }
                    })
                });
                match outcome {
                    Ok(proposal) => self.proposal.set(Some(proposal)),
                    Err(why) => board.notices.announce(format!(
                        "{}: {}",
                        lang.t(Key::CannotLink),
                        lang.refusal(&why)
                    )),
                }
            }
            Some(DropTarget::Column(column)) => {
                let moved = board.doc.column(&column).and_then(|cell| {
                    board.with_plan(|p| p.item(&source).and_then(|i| cell.key.moved(i)))
                });
                match moved {
                    Some(item) => {
                        let title = item.title.clone();
                        let said = match board.dispatch(Command::PutItem(item)) {
                            Ok(_) => format!("{}: {title}", lang.t(Key::Moved)),
                            Err(e) => lang.command_error(&e),
                        };
                        board.notices.announce(said);
                    }
                    None => board
                        .notices
                        .announce(lang.t(Key::LinkCancelled).to_string()),
                }
            }
            None => board
                .notices
                .announce(lang.t(Key::LinkCancelled).to_string()),
        }
        self.end();
    }

    /// Starts linking from a card by tap: the next tap on a card that can
    /// take the link makes it. The card's panel closes, so that the board
    /// is in view to find the target.
    pub fn start_tap(&self, board: &Board, lang: Lang, id: &ItemId) {
        self.begin(board, id, Via::Tap);
        board.view.selected.set(None);
        announce_linking_from(board, lang, id);
    }

    /// A tap on card `id` while linking by tap: the card the link started
    /// from cancels it, a card that cannot take it says why (and the link
    /// waits for another), any other links.
    fn tap(&self, board: &Board, lang: Lang, id: &ItemId) {
        if self.source.with_untracked(|s| s.as_ref() == Some(id)) {
            self.cancel(board, lang);
            return;
        }
        if let Some(Err(why)) = self.status_untracked(board, id) {
            board.notices.announce(format!(
                "{}: {}",
                lang.t(Key::CannotLink),
                lang.refusal(&why)
            ));
            return;
        }
        self.over.set(Some(DropTarget::Card(id.clone())));
        self.drop(board, lang);
    }

    /// Starts linking from a card with the keyboard; arrows then pick the
    /// target among the cards that can take the link.
    pub fn start_keyboard(&self, board: &Board, lang: Lang, id: &ItemId) {
        self.begin(board, id, Via::Keyboard);
        announce_linking_from(board, lang, id);
        self.step(board, lang, 1);
    }

    /// Moves the keyboard target to the next (or previous) card that can
    /// take the link, in board order.
    pub fn step(&self, board: &Board, lang: Lang, by: i32) {
        let candidates: Vec<ItemId> = board
            .doc
            .columns()
            .get_untracked()
            .iter()
            .filter_map(|(_, c)| board.doc.column(c))
            .flat_map(|c| c.items().get_untracked())
            .map(ItemId::from)
            .filter(|id| matches!(self.status_untracked(board, id), Some(Ok(()))))
            .collect();
        if candidates.is_empty() {
            board.notices.announce(lang.t(Key::NoTargets).to_string());
            return;
        }
        let current = self.over.with_untracked(|o| match o {
            Some(DropTarget::Card(id)) => candidates.iter().position(|c| c == id),
            _ => None,
        });
        let n = candidates.len() as i32;
        let next = match current {
            Some(i) => (i as i32 + by).rem_euclid(n),
            None if by >= 0 => 0,
            None => n - 1,
        } as usize;
        let id = candidates[next].clone();
        // A long column renders the card once it is revealed.
        board.view.reveal.set(Some(id.clone()));
        if let Some(el) = dom::find(&dom::attr_selector("data-item-id", id.as_str())) {
            el.scroll_into_view_with_bool(false);
        }
        let title = board
            .doc
            .item(&id)
            .map(|c| c.item.with_untracked(|i| i.title.clone()))
            .unwrap_or_default();
        board
            .notices
            .announce(format!("{}: {title}", lang.t(Key::LinkTarget)));
        self.over.set(Some(DropTarget::Card(id)));
    }

    fn status_untracked(&self, board: &Board, id: &ItemId) -> Option<Result<(), LinkRefusal>> {
        let item = board.doc.item(id)?;
        self.candidates
            .with_value(|c| c.as_ref().map(|c| item.item.with_untracked(|i| c.check(i))))
    }

    /// Accepts the pending link with `amount`.
    /// The command that makes the proposed link with `amount` and `note`.
    pub fn command(&self, board: &Board, amount: Amount, note: Option<String>) -> Option<Command> {
        let p = self.proposal.get_untracked()?;
        Some(Command::add_link(board.with_plan(|plan| {
            crate::model::Link {
                id: crate::model::linking::new_link_id(plan),
                source: p.source.clone(),
                target: p.target.clone(),
                amount,
                note,
                extra: Default::default(),
            }
        })))
    }

    /// Makes the proposed link through `cmd` (from [`Linker::command`]).
    pub fn accept(&self, board: &Board, lang: Lang, cmd: Command) -> bool {
        let Some(p) = self.proposal.get_untracked() else {
            return false;
        };
        let amount = match &cmd {
            Command::InsertLink { link, .. } => link.amount,
            _ => Amount::ZERO,
        };
        match board.dispatch(cmd) {
            Ok(_) => {
                let name = |id: &ItemId| {
                    board
                        .doc
                        .item(id)
                        .map(|c| c.item.with_untracked(|i| i.title.clone()))
                        .unwrap_or_default()
                };
                board.notices.announce(format!(
                    "{} {} → {}, {}",
                    lang.t(Key::Linked),
                    name(&p.source),
                    name(&p.target),
                    lang.amount(i128::from(amount.yuan()))
                ));
                self.proposal.set(None);
                // Focus stays with the card the link started from, unless
                // the user has put it somewhere meanwhile.
                let origin = p.origin.clone();
                request_animation_frame(move || {
                    if dom::focus_lost() {
                        dom::focus_card(&origin, dom::Scroll::Keep);
                    }
                });
                true
            }
            Err(e) => {
                board.notices.announce(lang.command_error(&e));
                false
            }
        }
    }
}

impl Default for Linker {
    fn default() -> Self {
        Linker::new()
    }
}

/// The card or column under a point, looking through the drag ghost.
fn target_at(x: f64, y: f64) -> Option<DropTarget> {
    let el = document().element_from_point(x as f32, y as f32)?;
    if let Some(card) = el.closest("[data-item-id]").ok().flatten() {
        return card
            .get_attribute("data-item-id")
            .map(|id| DropTarget::Card(ItemId::from(id)));
    }
    el.closest("[data-column]")
        .ok()
        .flatten()
        .and_then(|c| c.get_attribute("data-column"))
        .map(DropTarget::Column)
}

/// The ghost that follows the pointer, and the keys that steer a link.
#[component]
pub fn LinkLayer() -> impl IntoView {
    let board = expect_context::<Board>();
    let linker = expect_context::<Linker>();
    let lang = expect_context::<RwSignal<Lang>>();
    let keys = window_event_listener(leptos::ev::keydown, move |e| {
        if dialog_open() || dom::composing(&e) {
            return;
        }
        if linker.source.get_untracked().is_none() {
            return;
        }
        let lang = lang.get_untracked();
        match e.key().as_str() {
            "Escape" => {
                e.prevent_default();
                linker.cancel(&board, lang);
            }
            "ArrowRight" | "ArrowDown" if linker.via.get_untracked() == Via::Keyboard => {
                e.prevent_default();
                linker.step(&board, lang, 1);
            }
            "ArrowLeft" | "ArrowUp" if linker.via.get_untracked() == Via::Keyboard => {
                e.prevent_default();
                linker.step(&board, lang, -1);
            }
            "Enter" if linker.via.get_untracked() == Via::Keyboard => {
                e.prevent_default();
                linker.drop(&board, lang);
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());
    // "Link from here" on the selected card's panel.
    Effect::new(move || {
        if let Some(id) = board.view.link_from.get() {
            board.view.link_from.set(None);
            linker.start_tap(&board, lang.get_untracked(), &id);
        }
    });
    let hint = move || match linker.via.get() {
        Via::Drag => Key::DragLinkHint,
        Via::Keyboard => Key::KeyboardLinkHint,
        Via::Tap => Key::TapLinkHint,
    };
    view! {
        <div class="drag-ghost" node_ref=linker.ghost aria-hidden="true"></div>
        <Show when=move || linker.source.with(Option::is_some)>
            <div class="link-hint" data-testid="link-hint">
                <p role="status">{move || lang.get().t(hint())}</p>
                <Show when=move || linker.via.get() == Via::Tap>
                    <button
                        type="button"
                        data-testid="link-cancel"
                        on:click=move |_| linker.cancel(&board, lang.get_untracked())
                    >
                        {move || lang.get().t(Key::Cancel)}
                    </button>
                </Show>
            </div>
        </Show>
    }
}

/// Says which card a link starts from, by its title.
fn announce_linking_from(board: &Board, lang: Lang, id: &ItemId) {
    let title = board
        .doc
        .item(id)
        .map(|c| c.item.with_untracked(|i| i.title.clone()))
        .unwrap_or_default();
    board
        .notices
        .announce(format!("{}: {title}", lang.t(Key::LinkingFrom)));
}
