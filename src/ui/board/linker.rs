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
use crate::ui::state::Language;
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

/// A pointer pressed on a card, not yet a drag.
#[derive(Clone, Debug)]
struct Press {
    id: ItemId,
    pointer: i32,
    x: f64,
    y: f64,
    /// A press that can only be a tap: a finger on the card outside its
    /// grip (moving it scrolls), or any press while a target is tapped.
    tap_only: bool,
}

/// Where the user is in making a link, start to end. One state at a time:
/// a drag cannot also wait for a tap, nor a proposal for its target.
enum Gesture {
    /// Nothing under way.
    Idle,
    /// A pointer pressed on a card: it becomes a drag, a tap that selects
    /// the card, or a scroll.
    Pressed(Press),
    /// A card dragged by `pointer`, over `over`; on a phone, held at the
    /// board's `edge` (which side, and when the next unit is due).
    Dragging {
        source: ItemId,
        candidates: Candidates,
        pointer: i32,
        over: Option<DropTarget>,
        edge: Option<(i32, f64)>,
    },
    /// Started with L; the arrows move `over` among the cards that can
    /// take the link.
    Keyboard {
        source: ItemId,
        candidates: Candidates,
        over: Option<ItemId>,
    },
    /// Started with "Link from here"; the next tap on a card links, and
    /// `press` is that tap under way.
    Tapping {
        source: ItemId,
        candidates: Candidates,
        press: Option<Press>,
    },
    /// A link waiting for its amount.
    Proposed(Proposal),
}

impl Gesture {
    /// The card a link is being made from.
    fn source(&self) -> Option<&ItemId> {
        match self {
            Gesture::Dragging { source, .. }
            | Gesture::Keyboard { source, .. }
            | Gesture::Tapping { source, .. } => Some(source),
            _ => None,
        }
    }

    fn candidates(&self) -> Option<&Candidates> {
        match self {
            Gesture::Dragging { candidates, .. }
            | Gesture::Keyboard { candidates, .. }
            | Gesture::Tapping { candidates, .. } => Some(candidates),
            _ => None,
        }
    }

    fn via(&self) -> Via {
        match self {
            Gesture::Keyboard { .. } => Via::Keyboard,
            Gesture::Tapping { .. } => Via::Tap,
            _ => Via::Drag,
        }
    }

    /// What the link would be dropped on now.
    fn over(&self) -> Option<DropTarget> {
        match self {
            Gesture::Dragging { over, .. } => over.clone(),
            Gesture::Keyboard { over, .. } => over.clone().map(DropTarget::Card),
            _ => None,
        }
    }

    fn proposal(&self) -> Option<&Proposal> {
        match self {
            Gesture::Proposed(p) => Some(p),
            _ => None,
        }
    }
}

/// Movement, in CSS pixels, before a press becomes a drag.
const DRAG_THRESHOLD: f64 = 6.0;
/// How near the board's edge, in CSS pixels, a drag on a phone must come
/// to bring the next unit, and how long it must stay there (ms), and then
/// between units.
const EDGE_ZONE: f64 = 36.0;
const EDGE_DWELL: f64 = 350.0;
const EDGE_REPEAT: f64 = 1100.0;

/// Linking cards: what the board shows of the gesture under way. The
/// gesture (`GESTURE`) is the one truth; the signals here are what the
/// views read of it, set from it on every change (`change`) and only when
/// their value moved, so that a card redraws only when what it shows
/// changes.
#[derive(Clone, Copy)]
pub struct Linker {
    source: RwSignal<Option<ItemId>>,
    via: RwSignal<Via>,
    over: RwSignal<Option<DropTarget>>,
    proposal: RwSignal<Option<Proposal>>,
    /// Where the pointer was last seen while dragging, and whether a frame
    /// is asked to follow it.
    last_point: StoredValue<(f64, f64)>,
    frame_pending: StoredValue<bool>,
    ghost: NodeRef<html::Div>,
}

thread_local! {
    /// The gesture under way (one board, one linker, one gesture).
    static GESTURE: std::cell::RefCell<Gesture> = const { std::cell::RefCell::new(Gesture::Idle) };
}

/// Reads the gesture under way.
fn with_gesture<R>(f: impl FnOnce(&Gesture) -> R) -> R {
    GESTURE.with(|g| f(&g.borrow()))
}

impl Linker {
    pub fn new() -> Linker {
        GESTURE.with(|g| *g.borrow_mut() = Gesture::Idle);
        Linker {
            source: RwSignal::new(None),
            via: RwSignal::new(Via::Drag),
            over: RwSignal::new(None),
            proposal: RwSignal::new(None),
            last_point: StoredValue::new((0.0, 0.0)),
            frame_pending: StoredValue::new(false),
            ghost: NodeRef::new(),
        }
    }

    /// Changes the gesture, and what the views read of it.
    fn change(&self, f: impl FnOnce(&mut Gesture)) {
        GESTURE.with(|g| f(&mut g.borrow_mut()));
        self.show();
    }

    /// Sets what the views read of the gesture (once, not per change).
    #[inline(never)]
    fn show(&self) {
        with_gesture(|g| {
            set_changed(self.source, g.source().cloned());
            set_changed(self.via, g.via());
            set_changed(self.over, g.over());
        });
    }

    /// Puts the gesture in the state `to`. Only this enters or leaves
    /// `Proposed` (a press, a drag or a tap leave it alone), so the
    /// proposal the dialog reads is set here.
    fn set(&self, to: Gesture) {
        let proposal = to.proposal().cloned();
        self.change(|g| *g = to);
        if proposal.is_some() || self.proposal.with_untracked(Option::is_some) {
            self.proposal.set(proposal);
        }
    }

    /// Whether a link is being made (from a drag, a tap or the keyboard).
    pub fn linking(&self) -> bool {
        self.source.with(Option::is_some)
    }

    /// Whether a link is being made, read without tracking.
    pub fn linking_untracked(&self) -> bool {
        self.source.with_untracked(Option::is_some)
    }

    /// Whether the link being made starts from the card `id`.
    pub fn is_source(&self, id: &ItemId) -> bool {
        self.source.with(|s| s.as_ref() == Some(id))
    }

    /// Whether the link being made would land on the card `id` now.
    pub fn is_over(&self, id: &ItemId) -> bool {
        self.over
            .with(|o| matches!(o, Some(DropTarget::Card(c)) if c == id))
    }

    /// The link waiting for its amount.
    pub fn proposal(&self) -> Option<Proposal> {
        self.proposal.get()
    }

    /// The card the link waiting for its amount was started from.
    pub fn proposal_origin(&self) -> Option<ItemId> {
        self.proposal
            .with_untracked(|p| p.as_ref().map(|p| p.origin.clone()))
    }

    /// Whether a card can take the link being made; `None` when no link is
    /// being made.
    pub fn status(&self, board: &Board, id: &ItemId) -> Option<Result<(), LinkRefusal>> {
        self.source.track();
        self.status_untracked(board, id)
    }

    fn status_untracked(&self, board: &Board, id: &ItemId) -> Option<Result<(), LinkRefusal>> {
        let item = board.doc.item(id)?;
        with_gesture(|g| {
            g.candidates()
                .map(|c| item.item.with_untracked(|i| c.check(i)))
        })
    }

    /// The cards that can take a link from `id`; `None` when the card is
    /// no longer in the plan (no link starts then).
    fn candidates(board: &Board, id: &ItemId) -> Option<Candidates> {
        board.with_plan(|p| Candidates::new(p, id))
    }

    /// Ends a drag, tap or keyboard link with no change.
    pub fn cancel(&self, board: &Board, lang: Lang) {
        if self.linking_untracked() {
            board
                .notices
                .announce(lang.t(Key::LinkCancelled).to_string());
        }
        self.end();
    }

    /// Back to nothing under way, the ghost hidden.
    fn end(&self) {
        self.set(Gesture::Idle);
        self.hide_ghost();
    }

    fn hide_ghost(&self) {
        if let Some(g) = self.ghost.get_untracked() {
            let _ = web_sys::HtmlElement::style(&g).set_property("display", "none");
        }
    }

    pub fn pointer_down(&self, id: &ItemId, ev: &web_sys::PointerEvent) {
        if ev.button() != 0 {
            return;
        }
        let (pointer, x, y) = (
            ev.pointer_id(),
            f64::from(ev.client_x()),
            f64::from(ev.client_y()),
        );
        // A keyboard link, or a link waiting for its amount, keeps the
        // board; a drag whose release was lost gives way to the new press.
        let (busy, tapping) = with_gesture(|g| {
            (
                matches!(g, Gesture::Keyboard { .. } | Gesture::Proposed(_)),
                matches!(g, Gesture::Tapping { .. }),
            )
        });
        if busy {
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
        let tap_only = tapping || (ev.pointer_type() == "touch" && !on_grip);
        if !tapping {
            self.hide_ghost();
        }
        if !tap_only {
            if let Some(el) = ev
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                let _ = el.set_pointer_capture(pointer);
            }
        }
        let pressed = Press {
            id: id.clone(),
            pointer,
            x,
            y,
            tap_only,
        };
        self.change(|g| match g {
            Gesture::Tapping { press, .. } => *press = Some(pressed),
            _ => *g = Gesture::Pressed(pressed),
        });
    }

    /// Forgets the press under way: it was a scroll, or is done with.
    fn forget_press(&self) {
        self.change(|g| match g {
            Gesture::Tapping { press, .. } => *press = None,
            Gesture::Pressed(_) => *g = Gesture::Idle,
            _ => {}
        });
    }

    pub fn pointer_move(&self, board: &Board, ev: &web_sys::PointerEvent) {
        let pointer = ev.pointer_id();
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        let far = |px: f64, py: f64| (x - px).hypot(y - py) >= DRAG_THRESHOLD;
        enum Next {
            Stay,
            Forget,
            Drag(ItemId),
            Follow,
        }
        let next = with_gesture(|g| match g {
            Gesture::Pressed(p) if p.pointer == pointer && far(p.x, p.y) => {
                if p.tap_only {
                    Next::Forget
                } else {
                    Next::Drag(p.id.clone())
                }
            }
            Gesture::Tapping { press: Some(p), .. } if p.pointer == pointer && far(p.x, p.y) => {
                Next::Forget
            }
            Gesture::Dragging { pointer: p, .. } if *p == pointer => Next::Follow,
            _ => Next::Stay,
        });
        match next {
            Next::Stay => return,
            // Scrolling, not tapping.
            Next::Forget => {
                self.forget_press();
                return;
            }
            Next::Drag(id) => self.start_drag(board, id, pointer),
            Next::Follow => {}
        }
        ev.prevent_default();
        self.last_point.set_value((x, y));
        // Move the ghost and look under the pointer once per frame.
        if !self.frame_pending.get_value() {
            self.frame_pending.set_value(true);
            let linker = *self;
            request_animation_frame(move || {
                linker.frame_pending.set_value(false);
                if linker.dragging() {
                    let (x, y) = linker.last_point.get_value();
                    linker.track_point(x, y);
                }
            });
        }
    }

    /// Whether a card is being dragged (the one link made by moving it).
    fn dragging(&self) -> bool {
        self.via.get_untracked() == Via::Drag && self.source.with_untracked(Option::is_some)
    }

    /// A press has moved far enough: the card `id` is dragged.
    fn start_drag(&self, board: &Board, id: ItemId, pointer: i32) {
        let Some(candidates) = Linker::candidates(board, &id) else {
            self.set(Gesture::Idle);
            return;
        };
        if let Some(g) = self.ghost.get_untracked() {
            let title = board
                .doc
                .item(&id)
                .map(|c| c.item.with_untracked(|i| i.title.clone()))
                .unwrap_or_default();
            g.set_text_content(Some(&title));
            let _ = web_sys::HtmlElement::style(&g).set_property("display", "block");
        }
        self.set(Gesture::Dragging {
            source: id,
            candidates,
            pointer,
            over: None,
            edge: None,
        });
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
        self.drag_over(target_at(x, y));
        self.watch_edge(x);
    }

    /// Notes what a drag is over, when that changed.
    fn drag_over(&self, target: Option<DropTarget>) {
        if self.over.with_untracked(|o| o != &target) {
            self.change(|g| {
                if let Gesture::Dragging { over, .. } = g {
                    *over = target;
                }
            });
        }
    }

    /// Which edge a drag is held at, and when it may bring the next unit.
    fn edge(&self) -> Option<(i32, f64)> {
        with_gesture(|g| match g {
            Gesture::Dragging { edge, .. } => *edge,
            _ => None,
        })
    }

    fn set_edge(&self, to: Option<(i32, f64)>) {
        self.change(|g| {
            if let Gesture::Dragging { edge, .. } = g {
                *edge = to;
            }
        });
    }

    /// On a phone, a drag held near the board's left or right edge brings
    /// the unit that way into view (the target may be in any unit), after
    /// a moment and again while it stays there.
    fn watch_edge(&self, x: f64) {
        if !self.dragging() || !paging::phone() {
            return;
        }
        let side = paging::edge_at(x, EDGE_ZONE);
        let now = js_sys::Date::now();
        match (side, self.edge()) {
            (0, None) => {}
            (0, _) => self.set_edge(None),
            (side, Some((held, _))) if held == side => {}
            (side, _) => {
                self.set_edge(Some((side, now + EDGE_DWELL)));
                self.edge_frame();
            }
        }
    }

    /// Looks once a frame, while a drag is held at an edge, whether the
    /// next unit is due (no pointer moves come while the finger rests).
    fn edge_frame(&self) {
        let linker = *self;
        request_animation_frame(move || {
            let Some((side, due)) = linker.edge() else {
                return;
            };
            let now = js_sys::Date::now();
            if now >= due {
                paging::step(side, web_sys::ScrollBehavior::Smooth);
                linker.set_edge(Some((side, now + EDGE_REPEAT)));
            }
            // What is under the finger changes as the board moves.
            let (x, y) = linker.last_point.get_value();
            linker.drag_over(target_at(x, y));
            linker.edge_frame();
        });
    }

    pub fn pointer_up(&self, board: &Board, lang: Lang, ev: &web_sys::PointerEvent) {
        let pointer = ev.pointer_id();
        enum Up {
            Nothing,
            Drop,
            Tap(ItemId),
            Select(ItemId),
        }
        let up = with_gesture(|g| match g {
            Gesture::Pressed(p) if p.pointer == pointer => Up::Select(p.id.clone()),
            Gesture::Dragging { pointer: p, .. } if *p == pointer => Up::Drop,
            Gesture::Tapping { press: Some(p), .. } if p.pointer == pointer => {
                Up::Tap(p.id.clone())
            }
            _ => Up::Nothing,
        });
        match up {
            Up::Nothing => {}
            Up::Drop => {
                self.track_point(f64::from(ev.client_x()), f64::from(ev.client_y()));
                self.drop(board, lang);
            }
            Up::Tap(id) => {
                self.forget_press();
                self.tap(board, lang, &id);
            }
            Up::Select(id) => {
                self.forget_press();
                board.view.select(id);
            }
        }
    }

    pub fn pointer_cancel(&self, board: &Board, lang: Lang) {
        if self.dragging() {
            self.cancel(board, lang);
        } else {
            self.forget_press();
        }
    }

    /// Finishes a drag or keyboard link on whatever is under it.
    pub fn drop(&self, board: &Board, lang: Lang) {
        let Some(source) = self.source.get_untracked() else {
            return;
        };
        let over = self.over.get_untracked();
        self.land(board, lang, source, over);
    }

    /// Makes the link from `source` onto `over`, or moves `source` to the
    /// column `over`, or says why not; the gesture ends either way (a link
    /// waits for its amount).
    fn land(&self, board: &Board, lang: Lang, source: ItemId, over: Option<DropTarget>) {
        self.end();
        match over {
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
                    Ok(proposal) => self.propose(proposal),
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
    }

    /// Asks the amount of `proposal` (a draft offered back asks it again).
    pub fn propose(&self, proposal: Proposal) {
        self.set(Gesture::Proposed(proposal));
    }

    /// Drops the link waiting for its amount.
    pub fn withdraw(&self) {
        if self.proposal.with_untracked(Option::is_some) {
            self.set(Gesture::Idle);
        }
    }

    /// Starts linking from a card by tap: the next tap on a card that can
    /// take the link makes it. The card's panel closes, so that the board
    /// is in view to find the target.
    pub fn start_tap(&self, board: &Board, lang: Lang, id: &ItemId) {
        let Some(candidates) = Linker::candidates(board, id) else {
            return;
        };
        self.set(Gesture::Tapping {
            source: id.clone(),
            candidates,
            press: None,
        });
        board.view.clear_selection();
        announce_linking_from(board, lang, id);
    }

    /// A tap on card `id` while linking by tap: the card the link started
    /// from cancels it, a card that cannot take it says why (and the link
    /// waits for another), any other links.
    fn tap(&self, board: &Board, lang: Lang, id: &ItemId) {
        let Some(source) = self.source.get_untracked() else {
            return;
        };
        if source == *id {
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
        self.land(board, lang, source, Some(DropTarget::Card(id.clone())));
    }

    /// Starts linking from a card with the keyboard; arrows then pick the
    /// target among the cards that can take the link.
    pub fn start_keyboard(&self, board: &Board, lang: Lang, id: &ItemId) {
        let Some(candidates) = Linker::candidates(board, id) else {
            return;
        };
        self.set(Gesture::Keyboard {
            source: id.clone(),
            candidates,
            over: None,
        });
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
        board.view.reveal(id.clone());
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
        self.change(|g| {
            if let Gesture::Keyboard { over, .. } = g {
                *over = Some(id);
            }
        });
    }

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
                self.withdraw();
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
    let lang = expect_context::<Language>();
    let keys = window_event_listener(leptos::ev::keydown, move |e| {
        if dialog_open() || dom::composing(&e) {
            return;
        }
        if linker.source.with_untracked(Option::is_none) {
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
        if let Some(id) = board.view.take_link_ask() {
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

/// Sets `signal` to `value` when it differs, so that nothing reading it
/// wakes for nothing.
fn set_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|v| v != &value) {
        signal.set(value);
    }
}
