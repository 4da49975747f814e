//! Set-up commands (year, units, stages) mixed with item and link commands
//! keep the format's rules; undoing them all gives back the start and
//! redoing them the end; tallies brought up to date after each step equal
//! the tallies computed from scratch.

use linkage_board::model::{
    check_rules, demo_plan, new_stage_id, new_unit_id, Amount, Command, Editor, Item, Level, Link,
    Plan, Stage, Tallies, Touched, Unit, UnitId,
};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
    SetYear(u16),
    AddUnit {
        at: usize,
        name: usize,
        level: u8,
        pool: Option<u64>,
    },
    EditUnit {
        unit: usize,
        level: u8,
        pool: Option<u64>,
        blank_name: bool,
    },
    MoveUnit {
        unit: usize,
        to: usize,
    },
    RemoveUnit(usize),
    AddStage {
        at: usize,
        name: usize,
    },
    RenameStage {
        stage: usize,
        name: usize,
    },
    MoveStage {
        stage: usize,
        to: usize,
    },
    RemoveStage {
        stage: usize,
        target: Option<usize>,
    },
    AddItem {
        unit: usize,
        stage: usize,
        money: u64,
    },
    RemoveItem(usize),
    MoveItem {
        item: usize,
        stage: usize,
    },
    AddLink {
        source: usize,
        target: usize,
        money: u64,
    },
    RemoveLink(usize),
}

const NAMES: &[&str] = &[
    "District 1",
    "Haidian District",
    "新区",
    "Done",
    "Proposed",
    "  ",
];

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (1990u16..2110).prop_map(Op::SetYear),
        (
            0..30usize,
            0..NAMES.len(),
            0..3u8,
            proptest::option::of(0..5_000_000u64)
        )
            .prop_map(|(at, name, level, pool)| Op::AddUnit {
                at,
                name,
                level,
                pool
            }),
        (
            0..30usize,
            0..3u8,
            proptest::option::of(0..5_000_000u64),
            proptest::bool::weighted(0.1)
        )
            .prop_map(|(unit, level, pool, blank_name)| Op::EditUnit {
                unit,
                level,
                pool,
                blank_name
            }),
        (0..30usize, 0..30usize).prop_map(|(unit, to)| Op::MoveUnit { unit, to }),
        (0..30usize).prop_map(Op::RemoveUnit),
        (0..8usize, 0..NAMES.len()).prop_map(|(at, name)| Op::AddStage { at, name }),
        (0..8usize, 0..NAMES.len()).prop_map(|(stage, name)| Op::RenameStage { stage, name }),
        (0..8usize, 0..8usize).prop_map(|(stage, to)| Op::MoveStage { stage, to }),
        (0..8usize, proptest::option::of(0..8usize))
            .prop_map(|(stage, target)| Op::RemoveStage { stage, target }),
        (0..30usize, 0..8usize, 0..2_000_000u64).prop_map(|(unit, stage, money)| Op::AddItem {
            unit,
            stage,
            money
        }),
        (0..80usize).prop_map(Op::RemoveItem),
        (0..80usize, 0..8usize).prop_map(|(item, stage)| Op::MoveItem { item, stage }),
        (0..80usize, 0..80usize, 0..2_000_000u64).prop_map(|(source, target, money)| Op::AddLink {
            source,
            target,
            money
        }),
        (0..40usize).prop_map(Op::RemoveLink),
    ]
}

fn pick<T: Clone>(list: &[T], i: usize) -> Option<T> {
    (!list.is_empty()).then(|| list[i % list.len()].clone())
}

fn level(n: u8) -> Level {
    [Level::Municipal, Level::District, Level::Affiliate][usize::from(n % 3)]
}

fn command(plan: &Plan, op: &Op, n: usize) -> Command {
    let amount = |m: u64| Amount::new(m).unwrap();
    let unit_id = |i: usize| pick(&plan.units, i).map_or_else(|| "nowhere".into(), |u| u.id);
    let stage_id = |i: usize| pick(&plan.stages, i).map_or_else(|| "never".into(), |s| s.id);
    let item_id =
        |i: usize| pick(&plan.items, i).map_or_else(|| format!("ghost-{i}").into(), |x| x.id);
    match op {
        Op::SetYear(y) => Command::SetYear(*y),
        Op::AddUnit {
            at,
            name,
            level: l,
            pool,
        } => Command::InsertUnit {
            index: *at,
            unit: Unit {
                id: new_unit_id(plan, NAMES[*name]),
                name: NAMES[*name].into(),
                name_zh: None,
                level: level(*l),
                pool: pool.map(amount),
                extra: Default::default(),
            },
            items: Vec::new(),
            links: Vec::new(),
        },
        Op::EditUnit {
            unit,
            level: l,
            pool,
            blank_name,
        } => match pick(&plan.units, *unit) {
            Some(mut u) => {
                u.level = level(*l);
                u.pool = pool.map(amount);
                if *blank_name {
                    u.name = " ".into();
                }
                Command::PutUnit(u)
            }
            None => Command::RemoveUnit { id: "ghost".into() },
        },
        Op::MoveUnit { unit, to } => Command::MoveUnit {
            id: unit_id(*unit),
            to: *to,
        },
        Op::RemoveUnit(u) => Command::RemoveUnit { id: unit_id(*u) },
        Op::AddStage { at, name } => Command::InsertStage {
            index: *at,
            stage: Stage {
                id: new_stage_id(plan, NAMES[*name]),
                name: NAMES[*name].into(),
                name_zh: Some("阶段".into()),
                extra: Default::default(),
            },
            items: Vec::new(),
        },
        Op::RenameStage { stage, name } => match pick(&plan.stages, *stage) {
            Some(mut s) => {
                s.name = NAMES[*name].into();
                Command::PutStage(s)
            }
            None => Command::RemoveStage {
                id: "ghost".into(),
                target: None,
            },
        },
        Op::MoveStage { stage, to } => Command::MoveStage {
            id: stage_id(*stage),
            to: *to,
        },
        Op::RemoveStage { stage, target } => Command::RemoveStage {
            id: stage_id(*stage),
            target: target.map(stage_id),
        },
        Op::AddItem { unit, stage, money } => Command::add_item(Item {
            id: format!("new-{n}").into(),
            unit: unit_id(*unit),
            stage: stage_id(*stage),
            title: format!("Item {n}"),
            notes: None,
            category: None,
            quarter: None,
            budget: amount(*money),
            demand: amount(money / 2),
            tags: None,
            extra: Default::default(),
        }),
        Op::RemoveItem(i) => Command::RemoveItem { id: item_id(*i) },
        Op::MoveItem { item, stage } => match pick(&plan.items, *item) {
            Some(mut it) => {
                it.stage = stage_id(*stage);
                Command::PutItem(it)
            }
            None => Command::RemoveItem { id: "ghost".into() },
        },
        Op::AddLink {
            source,
            target,
            money,
        } => Command::add_link(Link {
            id: format!("new-link-{n}").into(),
            source: item_id(*source),
            target: item_id(*target),
            amount: amount(*money),
            note: None,
            extra: Default::default(),
        }),
        Op::RemoveLink(i) => Command::RemoveLink {
            id: pick(&plan.links, *i).map_or_else(|| "ghost".into(), |l| l.id),
        },
    }
}

/// Updates `tallies` the way the board does after a change: the units the
/// touched items were in before, and the units the change touched.
fn follow(tallies: &mut Tallies, before: &Plan, after: &Plan, touched: &Touched) {
    if touched.whole_plan() {
        *tallies = Tallies::of(after);
        return;
    }
    let mut units: Vec<UnitId> = touched
        .items
        .iter()
        .filter_map(|id| before.item(id).map(|i| i.unit.clone()))
        .collect();
    units.extend(touched.units.iter().cloned());
    let mut given = touched.tally_units();
    let mut recomputed = units.clone();
    given.sort();
    given.dedup();
    recomputed.sort();
    recomputed.dedup();
    assert_eq!(given, recomputed, "the units a change touched");
    tallies.update(after, &touched.items, &touched.tally_units());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn setup_commands_keep_the_rules_and_undo_gives_back_the_start(
        ops in proptest::collection::vec(op(), 1..50)
    ) {
        let start = demo_plan();
        let mut editor = Editor::new(start.clone());
        let mut tallies = Tallies::of(&start);
        let mut applied = 0usize;
        for (n, op) in ops.iter().enumerate() {
            let cmd = command(editor.plan(), op, n);
            let before = editor.plan().clone();
            match editor.apply(cmd, "2026-11-24T00:00:00Z") {
                Ok(touched) => {
                    applied += 1;
                    prop_assert!(check_rules(editor.plan()).is_ok(), "a command broke a rule: {:?}", op);
                    prop_assert!(!editor.plan().stages.is_empty());
                    follow(&mut tallies, &before, editor.plan(), &touched);
                    prop_assert_eq!(&tallies, &Tallies::of(editor.plan()), "tallies after {:?}", op);
                    prop_assert_eq!(before.items.len() + usize::from(matches!(op, Op::AddItem { .. })),
                        editor.plan().items.len() + removed_items(&before, editor.plan(), op),
                        "only unit and item removals drop items: {:?}", op);
                }
                Err(_) => prop_assert_eq!(editor.plan(), &before, "a refused command changes nothing"),
            }
        }
        let end = editor.plan().clone();
        for _ in 0..applied {
            let before = editor.plan().clone();
            let touched = editor.undo("2026-11-24T00:00:01Z");
            prop_assert!(matches!(touched, Ok(Some(_))), "{:?}", touched);
            let touched = touched.ok().flatten();
            prop_assert!(check_rules(editor.plan()).is_ok());
            follow(&mut tallies, &before, editor.plan(), &touched.unwrap());
            prop_assert_eq!(&tallies, &Tallies::of(editor.plan()), "tallies after an undo");
        }
        prop_assert!(editor.plan().same_content(&start), "undo gives back the start");
        for _ in 0..applied {
            let before = editor.plan().clone();
            let touched = editor.redo("2026-11-24T00:00:02Z");
            prop_assert!(matches!(touched, Ok(Some(_))), "{:?}", touched);
            let touched = touched.ok().flatten();
            follow(&mut tallies, &before, editor.plan(), &touched.unwrap());
            prop_assert_eq!(&tallies, &Tallies::of(editor.plan()), "tallies after a redo");
        }
        prop_assert!(editor.plan().same_content(&end), "redo gives back the end");
    }
}

/// How many items an applied op removed (0 unless it removed a unit or an
/// item).
fn removed_items(before: &Plan, after: &Plan, op: &Op) -> usize {
    match op {
        Op::RemoveUnit(_) | Op::RemoveItem(_) => before.items.len() - after.items.len(),
        _ => 0,
    }
}
