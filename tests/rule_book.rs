//! The rule book held to itself: any plan the loader accepts (the shared
//! fixtures and the demo, mutated in the ways a file may be odd), any
//! sequence of commands on it, then undo all and redo all: nothing panics,
//! every step applies, and undo and redo give back the same plans. The
//! loader and the commands agree on what a valid plan is, and the linkage
//! matrix adds up to the board's tallies for every plan on the way.

use linkage_board::model::matrix::{Layout, Sums};
use linkage_board::model::{
    check_plan, demo_plan, load, load_str, Amount, Command, Editor, Item, Level, Link, Plan, Stage,
    Tallies, Unit,
};
use proptest::prelude::*;
use std::path::Path;

fn fixture(name: &str) -> Plan {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/plan-format/fixtures/valid")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    load(&bytes).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

fn starts() -> Vec<Plan> {
    vec![
        demo_plan(),
        fixture("beijing-2020.json"),
        fixture("unicode-and-markup.json"),
        fixture("unknown-fields.json"),
        fixture("minimal.json"),
    ]
}

/// One way a file may be odd, some within the rules and some not.
#[derive(Clone, Debug)]
enum Odd {
    /// A unit's name of spaces (text to the format).
    BlankUnitName(usize),
    BlankStageName(usize),
    /// An item's title that shows nothing (not a title).
    BlankTitle(usize, &'static str),
    /// A link between any two items, whichever their units' levels.
    LinkAny(usize, usize, u64),
    /// A link turned round (a district giving to the city).
    Reverse(usize),
    /// The same two items linked the other way too (refused).
    BothWays(usize),
    NoPool(usize),
    /// An id of spaces, which the format allows.
    SpaceId(usize),
    LongNote(usize),
}

fn odd() -> impl Strategy<Value = Odd> {
    prop_oneof![
        (0..40usize).prop_map(Odd::BlankUnitName),
        (0..8usize).prop_map(Odd::BlankStageName),
        (
            0..90usize,
            prop_oneof![Just(" "), Just("\u{3000}"), Just("\u{200b}\u{200b}")]
        )
            .prop_map(|(i, t)| Odd::BlankTitle(i, t)),
        (0..90usize, 0..90usize, 0..5_000_000u64).prop_map(|(a, b, m)| Odd::LinkAny(a, b, m)),
        (0..60usize).prop_map(Odd::Reverse),
        (0..60usize).prop_map(Odd::BothWays),
        (0..40usize).prop_map(Odd::NoPool),
        (0..40usize).prop_map(Odd::SpaceId),
        (0..60usize).prop_map(Odd::LongNote),
    ]
}

fn at<T>(list: &mut [T], i: usize) -> Option<&mut T> {
    let n = list.len();
    (n > 0).then(move || &mut list[i % n])
}

fn make_odd(plan: &mut Plan, odd: &Odd, n: usize) {
    match odd {
        Odd::BlankUnitName(i) => {
            if let Some(u) = at(&mut plan.units, *i) {
                u.name = "  ".into();
            }
        }
        Odd::BlankStageName(i) => {
            if let Some(s) = at(&mut plan.stages, *i) {
                s.name = "\u{3000}".into();
            }
        }
        Odd::BlankTitle(i, t) => {
            if let Some(item) = at(&mut plan.items, *i) {
                item.title = (*t).into();
            }
        }
        Odd::LinkAny(a, b, m) => {
            if plan.items.is_empty() {
                return;
            }
            let source = plan.items[a % plan.items.len()].id.clone();
            let target = plan.items[b % plan.items.len()].id.clone();
            plan.links.push(Link {
                id: format!("odd-{n}").into(),
                source,
                target,
                amount: Amount::new(*m).unwrap(),
                note: None,
                extra: Default::default(),
            });
        }
        Odd::Reverse(i) => {
            if let Some(l) = at(&mut plan.links, *i) {
                std::mem::swap(&mut l.source, &mut l.target);
            }
        }
        Odd::BothWays(i) => {
            if let Some(l) = at(&mut plan.links, *i).cloned() {
                plan.links.push(Link {
                    id: format!("back-{n}").into(),
                    source: l.target,
                    target: l.source,
                    ..l
                });
            }
        }
        Odd::NoPool(i) => {
            if let Some(u) = at(&mut plan.units, *i) {
                u.pool = None;
            }
        }
        Odd::SpaceId(i) => {
            if plan.units.iter().any(|u| u.id == " ") {
                return;
            }
            if let Some(u) = at(&mut plan.units, *i) {
                let old = std::mem::replace(&mut u.id, " ".into());
                for item in plan.items.iter_mut().filter(|x| x.unit == old) {
                    item.unit = " ".into();
                }
            }
        }
        Odd::LongNote(i) => {
            if let Some(l) = at(&mut plan.links, *i) {
                l.note = Some("注".repeat(2000));
            }
        }
    }
}

/// A change described by numbers, made real against the plan as it is.
#[derive(Clone, Debug)]
enum Op {
    RemoveItem(usize),
    RemoveLink(usize),
    RemoveUnit(usize),
    RemoveStage(usize, usize),
    MoveItem(usize, usize),
    Retitle(usize),
    Amount(usize, u64),
    Link(usize, usize, u64),
    Pool(usize, Option<u64>),
    Level(usize, usize),
    MoveUnit(usize, usize),
    AddStage,
    ReplaceWithStart,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..90usize).prop_map(Op::RemoveItem),
        (0..60usize).prop_map(Op::RemoveLink),
        (0..40usize).prop_map(Op::RemoveUnit),
        (0..8usize, 0..8usize).prop_map(|(a, b)| Op::RemoveStage(a, b)),
        (0..90usize, 0..40usize).prop_map(|(a, b)| Op::MoveItem(a, b)),
        (0..90usize).prop_map(Op::Retitle),
        (0..60usize, 0..9_000_000u64).prop_map(|(a, m)| Op::Amount(a, m)),
        (0..90usize, 0..90usize, 0..9_000_000u64).prop_map(|(a, b, m)| Op::Link(a, b, m)),
        (0..40usize, proptest::option::of(0..90_000_000u64)).prop_map(|(a, p)| Op::Pool(a, p)),
        (0..40usize, 0..3usize).prop_map(|(a, l)| Op::Level(a, l)),
        (0..40usize, 0..40usize).prop_map(|(a, b)| Op::MoveUnit(a, b)),
        Just(Op::AddStage),
        Just(Op::ReplaceWithStart),
    ]
}

fn nth<T: Clone>(list: &[T], i: usize) -> Option<T> {
    (!list.is_empty()).then(|| list[i % list.len()].clone())
}

fn command(plan: &Plan, start: &Plan, op: &Op, n: usize) -> Option<Command> {
    Some(match op {
        Op::RemoveItem(i) => Command::RemoveItem {
            id: nth(&plan.items, *i)?.id,
        },
        Op::RemoveLink(i) => Command::RemoveLink {
            id: nth(&plan.links, *i)?.id,
        },
        Op::RemoveUnit(i) => Command::RemoveUnit {
            id: nth(&plan.units, *i)?.id,
        },
        Op::RemoveStage(a, b) => {
            let id = nth(&plan.stages, *a)?.id;
            let target = nth(&plan.stages, *b).map(|s| s.id).filter(|t| *t != id);
            Command::RemoveStage { id, target }
        }
        Op::MoveItem(i, u) => {
            let mut item: Item = nth(&plan.items, *i)?;
            item.unit = nth(&plan.units, *u)?.id;
            Command::PutItem(item)
        }
        Op::Retitle(i) => {
            let mut item: Item = nth(&plan.items, *i)?;
            item.title = format!("{} {n}", item.title.trim());
            Command::PutItem(item)
        }
        Op::Amount(i, m) => {
            let mut link: Link = nth(&plan.links, *i)?;
            link.amount = Amount::new(*m).unwrap();
            Command::PutLink(link)
        }
        Op::Link(a, b, m) => Command::add_link(Link {
            id: format!("new-{n}").into(),
            source: nth(&plan.items, *a)?.id,
            target: nth(&plan.items, *b)?.id,
            amount: Amount::new(*m).unwrap(),
            note: None,
            extra: Default::default(),
        }),
        Op::Pool(i, p) => {
            let mut unit: Unit = nth(&plan.units, *i)?;
            unit.pool = p.map(|p| Amount::new(p).unwrap());
            Command::PutUnit(unit)
        }
        Op::Level(i, l) => {
            let mut unit: Unit = nth(&plan.units, *i)?;
            unit.level = [Level::Municipal, Level::District, Level::Affiliate][*l];
            Command::PutUnit(unit)
        }
        Op::MoveUnit(i, to) => Command::MoveUnit {
            id: nth(&plan.units, *i)?.id,
            to: *to,
        },
        Op::AddStage => Command::InsertStage {
            index: usize::MAX,
            stage: Stage {
                id: format!("stage-{n}").into(),
                name: format!("Stage {n}"),
                name_zh: None,
                extra: Default::default(),
            },
            items: Vec::new(),
        },
        Op::ReplaceWithStart => Command::ReplacePlan(Box::new(start.clone())),
    })
}

/// Every link is in a cell, and the cells add up to the tallies.
fn matrix_adds_up(plan: &Plan) -> Result<(), String> {
    let tallies = Tallies::of(plan);
    let layout = Layout::of(plan);
    let sums = Sums::of(plan);
    for column in &layout.columns {
        let cells: i128 = layout.rows().map(|r| sums.get(r, column).amount).sum();
        let received = tallies.unit(column).figures.received;
        if cells != received {
            return Err(format!(
                "column {column}: cells {cells}, received {received}"
            ));
        }
    }
    for row in layout.rows() {
        let total = sums.row_total(row, &layout.columns);
        let given = tallies.item(row).figures.given;
        if total != given {
            return Err(format!("row {row}: total {total}, given {given}"));
        }
    }
    let corner = sums.total(&layout);
    let plan_given = tallies.plan.figures.given;
    let plan_received = tallies.plan.figures.received;
    if corner != plan_given || corner != plan_received {
        return Err(format!(
            "corner {corner}, plan given {plan_given}, received {plan_received}"
        ));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    /// What the loader accepts is what the commands' check accepts.
    #[test]
    fn the_loader_and_the_commands_agree_on_every_odd_plan(
        which in 0..5usize,
        odds in proptest::collection::vec(odd(), 0..6),
    ) {
        let mut plan = starts().swap_remove(which);
        for (n, o) in odds.iter().enumerate() {
            make_odd(&mut plan, o, n);
        }
        let loaded = load_str(&plan.to_json());
        let checked = check_plan(&plan);
        prop_assert_eq!(loaded.is_ok(), checked.is_ok(), "loader {:?}, commands {:?}", loaded.err(), checked.err());
        if loaded.is_ok() {
            prop_assert!(matrix_adds_up(&plan).is_ok(), "{:?}", matrix_adds_up(&plan));
        }
    }

    /// Any accepted plan, any commands, undo all, redo all.
    #[test]
    fn undo_and_redo_never_fail_on_any_accepted_plan(
        which in 0..5usize,
        odds in proptest::collection::vec(odd(), 0..6),
        ops in proptest::collection::vec(op(), 1..30),
    ) {
        let mut start = starts().swap_remove(which);
        for (n, o) in odds.iter().enumerate() {
            make_odd(&mut start, o, n);
        }
        // Only what the loader accepts is a plan the board can have open.
        let Ok(start) = load_str(&start.to_json()) else {
            return Ok(());
        };
        let mut editor = Editor::new(start.clone());
        let mut applied = 0usize;
        for (n, op) in ops.iter().enumerate() {
            let Some(cmd) = command(editor.plan(), &start, op, n) else { continue };
            let before = editor.plan().clone();
            match editor.apply(cmd, "2026-12-01T00:00:00Z") {
                Ok(_) => {
                    applied += 1;
                    let reloaded = load_str(&editor.plan().to_json());
                    prop_assert!(reloaded.is_ok(), "a command made a plan the loader refuses: {:?} after {:?}", reloaded.err(), op);
                    prop_assert!(matrix_adds_up(editor.plan()).is_ok(), "{:?}", matrix_adds_up(editor.plan()));
                }
                Err(_) => prop_assert_eq!(editor.plan(), &before, "a refused command changes nothing"),
            }
        }
        let end = editor.plan().clone();
        for _ in 0..applied {
            let step = editor.undo("2026-12-01T00:00:01Z");
            prop_assert!(matches!(step, Ok(Some(_))), "undo: {:?}", step);
        }
        prop_assert_eq!(editor.undo("2026-12-01T00:00:01Z"), Ok(None));
        prop_assert!(editor.plan().same_content(&start), "undo all gives back the start");
        for _ in 0..applied {
            let step = editor.redo("2026-12-01T00:00:02Z");
            prop_assert!(matches!(step, Ok(Some(_))), "redo: {:?}", step);
        }
        prop_assert!(editor.plan().same_content(&end), "redo all gives back the end");
    }
}

#[test]
fn a_link_both_ways_is_refused_by_the_loader_and_by_the_commands() {
    let plan = demo_plan();
    let link = plan.links[0].clone();
    let back = Link {
        id: "back".into(),
        source: link.target.clone(),
        target: link.source.clone(),
        ..link
    };
    let mut file = plan.clone();
    file.links.push(back.clone());
    let err = load_str(&file.to_json()).unwrap_err();
    assert_eq!(err.kind(), "duplicate-link-pair");
    let mut editor = Editor::new(plan);
    let refused = editor.apply(Command::add_link(back), "2026-12-01T00:00:00Z");
    assert!(refused.is_err());
}

#[test]
fn a_district_giving_to_a_district_is_in_the_matrix() {
    let mut plan = demo_plan();
    let district =
        |id: &str, plan: &Plan| plan.items.iter().find(|i| i.unit == id).unwrap().id.clone();
    let (xicheng, dongcheng) = (district("xicheng", &plan), district("dongcheng", &plan));
    plan.links.push(Link {
        id: "share".into(),
        source: xicheng.clone(),
        target: dongcheng,
        amount: Amount::new(12_345).unwrap(),
        note: None,
        extra: Default::default(),
    });
    let layout = Layout::of(&plan);
    assert!(
        layout.groups.iter().any(|(u, _)| u == "xicheng"),
        "Xicheng gives: it has rows"
    );
    assert!(layout.rows().any(|r| *r == xicheng));
    matrix_adds_up(&plan).unwrap();
}
