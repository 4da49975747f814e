//! Any sequence of commands keeps every rule, and undoing them all gives back
//! the plan we started from; redoing them gives back where we ended. The
//! tallies brought up to date after each step equal the tallies computed
//! from scratch.

use linkage_board::model::{
    check_rules, demo_plan, new_plan, Amount, Command, Editor, Item, Link, LinkId, Plan, Tallies,
    Touched, UnitId,
};
use proptest::prelude::*;

/// A command described by numbers, turned into a real one against the plan
/// as it is when it runs (so ids often, but not always, exist).
#[derive(Clone, Debug)]
enum Op {
    AddItem {
        unit: usize,
        stage: usize,
        money: u64,
        fresh: bool,
    },
    RemoveItem(usize),
    EditItem {
        item: usize,
        unit: Option<usize>,
        stage: usize,
        money: u64,
        blank_title: bool,
    },
    AddLink {
        source: usize,
        target: usize,
        money: u64,
    },
    RemoveLink(usize),
    /// Several links removed in one command (an index twice is refused).
    RemoveLinks(Vec<usize>),
    /// Several links put in at once, each at its own index.
    InsertLinks(Vec<(usize, usize, usize, u64)>),
    EditLink {
        link: usize,
        target: Option<usize>,
        money: u64,
    },
    SetTitle(String),
    Replace {
        empty: bool,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..30usize, 0..6usize, 0..2_000_000u64, any::<bool>()).prop_map(
            |(unit, stage, money, fresh)| Op::AddItem {
                unit,
                stage,
                money,
                fresh
            }
        ),
        (0..80usize).prop_map(Op::RemoveItem),
        (
            0..80usize,
            proptest::option::of(0..30usize),
            0..6usize,
            0..2_000_000u64,
            proptest::bool::weighted(0.1)
        )
            .prop_map(|(item, unit, stage, money, blank_title)| Op::EditItem {
                item,
                unit,
                stage,
                money,
                blank_title
            }),
        (0..80usize, 0..80usize, 0..2_000_000u64).prop_map(|(source, target, money)| Op::AddLink {
            source,
            target,
            money
        }),
        (0..40usize).prop_map(Op::RemoveLink),
        proptest::collection::vec(0..40usize, 0..5).prop_map(Op::RemoveLinks),
        proptest::collection::vec((0..60usize, 0..80usize, 0..80usize, 0..2_000_000u64), 0..4)
            .prop_map(Op::InsertLinks),
        (
            0..40usize,
            proptest::option::of(0..80usize),
            0..2_000_000u64
        )
            .prop_map(|(link, target, money)| Op::EditLink {
                link,
                target,
                money
            }),
        "[a-z 二〇]{0,20}".prop_map(Op::SetTitle),
        any::<bool>().prop_map(|empty| Op::Replace { empty }),
    ]
}

fn pick<T: Clone>(list: &[T], i: usize) -> Option<T> {
    (!list.is_empty()).then(|| list[i % list.len()].clone())
}

fn command(plan: &Plan, op: &Op, n: usize) -> Command {
    let amount = |m: u64| Amount::new(m).unwrap();
    let unit_id = |i: usize| {
        pick(&plan.units, i)
            .map(|u| u.id)
            .unwrap_or_else(|| "nowhere".into())
    };
    let stage_id = |i: usize| {
        pick(&plan.stages, i)
            .map(|s| s.id)
            .unwrap_or_else(|| "never".into())
    };
    let item_id = |i: usize| {
        pick(&plan.items, i)
            .map(|x| x.id)
            .unwrap_or_else(|| format!("ghost-{i}").into())
    };
    match op {
        Op::AddItem {
            unit,
            stage,
            money,
            fresh,
        } => Command::add_item(Item {
            id: if *fresh {
                format!("new-{n}").into()
            } else {
                item_id(*unit)
            },
            unit: unit_id(*unit),
            stage: stage_id(*stage),
            title: format!("Item {n}"),
            notes: None,
            category: None,
            quarter: Some((n % 4 + 1) as u8),
            budget: amount(*money),
            demand: amount(money / 2),
            tags: None,
            extra: Default::default(),
        }),
        Op::RemoveItem(i) => Command::RemoveItem { id: item_id(*i) },
        Op::EditItem {
            item,
            unit,
            stage,
            money,
            blank_title,
        } => match pick(&plan.items, *item) {
            Some(mut it) => {
                if let Some(u) = unit {
                    it.unit = unit_id(*u);
                }
                it.stage = stage_id(*stage);
                it.budget = amount(*money);
                if *blank_title {
                    it.title = " ".into();
                }
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
            id: pick(&plan.links, *i)
                .map(|l| l.id)
                .unwrap_or_else(|| "ghost".into()),
        },
        Op::RemoveLinks(picks) => Command::RemoveLinks {
            ids: picks
                .iter()
                .map(|i| {
                    pick(&plan.links, *i)
                        .map(|l| l.id)
                        .unwrap_or_else(|| "ghost".into())
                })
                .collect(),
        },
        Op::InsertLinks(links) => Command::InsertLinks {
            links: links
                .iter()
                .enumerate()
                .map(|(k, (index, source, target, money))| {
                    (
                        *index,
                        Link {
                            id: format!("new-links-{n}-{k}").into(),
                            source: item_id(*source),
                            target: item_id(*target),
                            amount: amount(*money),
                            note: None,
                            extra: Default::default(),
                        },
                    )
                })
                .collect(),
        },
        Op::EditLink {
            link,
            target,
            money,
        } => match pick(&plan.links, *link) {
            Some(mut l) => {
                if let Some(t) = target {
                    l.target = item_id(*t);
                }
                l.amount = amount(*money);
                Command::PutLink(l)
            }
            None => Command::RemoveLink { id: "ghost".into() },
        },
        Op::SetTitle(t) => Command::SetTitle(t.clone()),
        Op::Replace { empty } => Command::ReplacePlan(Box::new(if *empty {
            new_plan(
                format!("p-{n}"),
                "Empty".into(),
                2028,
                "2026-01-01T00:00:00Z",
            )
        } else {
            demo_plan()
        })),
    }
}

/// Updates `tallies` the way the board does after a change: from what the
/// change says it touched, and the units those items were in before it.
fn follow(tallies: &mut Tallies, before: &Plan, after: &Plan, touched: &Touched) {
    if touched.whole_plan() {
        *tallies = Tallies::of(after);
        return;
    }
    // The units the change reports are the ones the touched items were in
    // before it, each once.
    let mut expected: Vec<UnitId> = Vec::new();
    for unit in touched
        .items
        .iter()
        .filter_map(|id| before.item(id).map(|i| i.unit.clone()))
    {
        if !expected.contains(&unit) {
            expected.push(unit);
        }
    }
    assert_eq!(touched.units_before, expected, "units before the change");
    tallies.update(after, &touched.items, &touched.units_before);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn commands_keep_the_rules_and_undo_gives_back_the_start(ops in proptest::collection::vec(op(), 1..40)) {
        let start = demo_plan();
        let mut editor = Editor::new(start.clone());
        let mut applied = 0usize;
        let mut revision = editor.plan().revision.unwrap_or(0);
        let mut tallies = Tallies::of(&start);
        for (n, op) in ops.iter().enumerate() {
            let cmd = command(editor.plan(), op, n);
            let before = editor.plan().clone();
            match editor.apply(cmd, "2026-11-24T00:00:00Z") {
                Ok(touched) => {
                    follow(&mut tallies, &before, editor.plan(), &touched);
                    prop_assert_eq!(&tallies, &Tallies::of(editor.plan()), "tallies after {:?}", op);
                    applied += 1;
                    prop_assert!(check_rules(editor.plan()).is_ok(), "a command broke a rule: {:?}", op);
                    let r = editor.plan().revision.unwrap();
                    prop_assert!(r > revision, "revision moves on");
                    revision = r;
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
            follow(&mut tallies, &before, editor.plan(), &touched.unwrap());
            prop_assert_eq!(&tallies, &Tallies::of(editor.plan()), "tallies after an undo");
            prop_assert!(check_rules(editor.plan()).is_ok());
            let r = editor.plan().revision.unwrap();
            prop_assert!(r > revision);
            revision = r;
        }
        prop_assert_eq!(editor.undo("t"), Ok(None), "nothing more to undo");
        prop_assert!(editor.plan().same_content(&start), "undo gives back the start");
        for _ in 0..applied {
            prop_assert!(matches!(editor.redo("2026-11-24T00:00:02Z"), Ok(Some(_))));
        }
        prop_assert!(editor.plan().same_content(&end), "redo gives back the end");
    }
}

#[test]
fn history_holds_at_least_200_steps() {
    let mut editor = Editor::new(demo_plan());
    let start = editor.plan().clone();
    for n in 0..250 {
        editor
            .apply(Command::SetTitle(format!("t{n}")), "2026-11-24T00:00:00Z")
            .unwrap();
    }
    let mut undone = 0;
    while matches!(editor.undo("t"), Ok(Some(_))) {
        undone += 1;
    }
    assert!(undone >= 200, "{undone} steps");
    assert!(undone == 250 || !editor.plan().same_content(&start));
    if undone == 250 {
        assert!(editor.plan().same_content(&start));
    }
}

#[test]
fn removing_several_links_is_one_step_and_undo_puts_each_back_where_it_was() {
    let start = demo_plan();
    let mut editor = Editor::new(start.clone());
    let ids: Vec<LinkId> = [5, 0, 11]
        .iter()
        .map(|&i| start.links[i].id.clone())
        .collect();
    let touched = editor
        .apply(
            Command::RemoveLinks { ids: ids.clone() },
            "2026-11-24T00:00:00Z",
        )
        .unwrap();
    assert_eq!(editor.undo_depth(), 1, "one step");
    assert_eq!(editor.plan().links.len(), start.links.len() - 3);
    assert!(ids.iter().all(|id| editor.plan().link(id).is_none()));
    let mut said = touched.links.clone();
    said.sort();
    let mut want = ids.clone();
    want.sort();
    assert_eq!(said, want, "touched names every removed link");
    editor.undo("2026-11-24T00:00:01Z").unwrap().unwrap();
    assert_eq!(
        editor.plan().links,
        start.links,
        "every link back, in its place"
    );
    editor.redo("2026-11-24T00:00:02Z").unwrap().unwrap();
    assert_eq!(editor.plan().links.len(), start.links.len() - 3);

    // One unknown or repeated id refuses the whole command.
    let before = editor.plan().clone();
    for ids in [
        vec![start.links[1].id.clone(), "ghost".into()],
        vec![start.links[1].id.clone(), start.links[1].id.clone()],
        vec![],
    ] {
        assert!(editor
            .apply(Command::RemoveLinks { ids }, "2026-11-24T00:00:03Z")
            .is_err());
        assert_eq!(editor.plan(), &before);
    }
}
