//! Setting up a board through commands: each change is refused with a typed
//! error or applied and undone exactly.

use linkage_board::model::command::PlanField;
use linkage_board::model::{
    check_rules, demo_plan, new_stage_id, new_unit_id, parse_pool, parse_year, removal_of_stage,
    removal_of_unit, unit_warnings, Amount, AmountError, Command, CommandError, Editor, Level,
    SetupError, SetupField, Stage, StageId, Tallies, Unit, UnitDraft, UnitId, UnitWarning,
};

const NOW: &str = "2026-11-24T00:00:00Z";

fn unit(id: &str, name: &str, level: Level) -> Unit {
    Unit {
        id: id.into(),
        name: name.into(),
        name_zh: None,
        level,
        pool: None,
        extra: Default::default(),
    }
}

fn stage(id: &str, name: &str) -> Stage {
    Stage {
        id: id.into(),
        name: name.into(),
        name_zh: None,
        extra: Default::default(),
    }
}

fn setup_err(e: Result<impl std::fmt::Debug, CommandError>) -> SetupError {
    match e {
        Err(CommandError::Setup(s)) => s,
        other => panic!("expected a set-up refusal, got {other:?}"),
    }
}

#[test]
fn year_within_2000_to_2100_only() {
    let mut ed = Editor::new(demo_plan());
    let before = ed.plan().clone();
    for bad in [1999u16, 2101, 0] {
        assert_eq!(
            setup_err(ed.apply(Command::SetYear(bad), NOW)),
            SetupError::Year { year: bad.into() }
        );
        assert_eq!(ed.plan(), &before);
    }
    let t = ed.apply(Command::SetYear(2030), NOW).unwrap();
    assert!(t.changed(PlanField::Year));
    assert_eq!(ed.plan().year, 2030);
    ed.undo(NOW).unwrap().unwrap();
    assert_eq!(ed.plan().year, 2027);
    assert_eq!(parse_year(" 2028 "), Ok(2028));
    assert_eq!(parse_year("20x8"), Err(SetupError::YearNotANumber));
    assert_eq!(parse_year("1900"), Err(SetupError::Year { year: 1900 }));
}

#[test]
fn a_year_from_a_file_outside_the_range_comes_back_on_undo() {
    let mut plan = demo_plan();
    plan.year = 1950;
    let mut ed = Editor::new(plan.clone());
    ed.apply(Command::SetYear(2028), NOW).unwrap();
    ed.undo(NOW).unwrap().unwrap();
    assert!(ed.plan().same_content(&plan));
    ed.redo(NOW).unwrap().unwrap();
    assert_eq!(ed.plan().year, 2028);
}

#[test]
fn pools_are_read_by_the_amount_parser() {
    assert_eq!(
        parse_pool("abc"),
        Err(SetupError::Pool(AmountError::NotANumber))
    );
    assert_eq!(
        parse_pool("-5"),
        Err(SetupError::Pool(AmountError::Negative))
    );
    assert_eq!(
        parse_pool("9007199254740992"),
        Err(SetupError::Pool(AmountError::TooLarge))
    );
    assert_eq!(
        parse_pool("9,007,199,254,740,991"),
        Ok(Amount::new(Amount::MAX))
    );
    for ok in ["1500000", "1,500,000", "150万", "150万元"] {
        assert_eq!(parse_pool(ok), Ok(Amount::new(1_500_000)), "{ok}");
    }
    assert_eq!(parse_pool("  "), Ok(None));
}

#[test]
fn a_unit_draft_names_every_bad_field() {
    let plan = demo_plan();
    let mut d = UnitDraft::blank(Level::District);
    d.name = "   ".into();
    d.name_zh = "区".repeat(201);
    d.pool = "-5".into();
    assert_eq!(
        d.new_unit(&plan).unwrap_err(),
        vec![
            (SetupField::Name, SetupError::Empty(SetupField::Name)),
            (
                SetupField::NameZh,
                SetupError::TooLong {
                    field: SetupField::NameZh,
                    max: 200
                }
            ),
            (SetupField::Pool, SetupError::Pool(AmountError::Negative)),
        ]
    );
    d.name = " District 17 ".into();
    d.name_zh = "第17区".into();
    d.pool = "150万元".into();
    let u = d.new_unit(&plan).unwrap();
    assert_eq!(u.id, "district-17");
    assert_eq!(u.name, "District 17");
    assert_eq!(u.pool, Amount::new(1_500_000));
    for u in &plan.units {
        assert_eq!(UnitDraft::of(u).apply(u).as_ref(), Ok(u));
    }
}

#[test]
fn empty_names_are_refused_by_the_commands_too() {
    let mut ed = Editor::new(demo_plan());
    let before = ed.plan().clone();
    let e = setup_err(ed.apply(Command::add_unit(unit("x", "", Level::District)), NOW));
    assert_eq!(e, SetupError::Empty(SetupField::Name));
    let e = setup_err(ed.apply(Command::PutStage(stage("proposed", "")), NOW));
    assert_eq!(e, SetupError::Empty(SetupField::Name));
    let e = setup_err(ed.apply(Command::add_stage(stage("", "Done")), NOW));
    assert_eq!(e, SetupError::Empty(SetupField::Id));
    assert_eq!(ed.plan(), &before);
}

/// A name of spaces is text to the format (a file may hold one and opens),
/// so the commands keep it, and removing and bringing back such a unit
/// works; only the set-up form refuses to type one.
#[test]
fn a_blank_name_from_a_file_is_kept_and_can_be_taken_back() {
    let mut ed = Editor::new(demo_plan());
    ed.apply(Command::add_unit(unit("x", " ", Level::District)), NOW)
        .unwrap();
    ed.apply(Command::RemoveUnit { id: "x".into() }, NOW)
        .unwrap();
    ed.undo(NOW).unwrap().unwrap();
    assert_eq!(ed.plan().unit("x").map(|u| u.name.as_str()), Some(" "));
    let draft = UnitDraft {
        name: "\u{3000}".into(),
        ..UnitDraft::of(ed.plan().unit("x").unwrap())
    };
    assert!(draft.apply(ed.plan().unit("x").unwrap()).is_err());
}

#[test]
fn same_name_at_the_same_level_is_a_warning_not_a_refusal() {
    let plan = demo_plan();
    let twin = unit("twin", " haidian district ", Level::District);
    assert_eq!(
        unit_warnings(&plan, &twin),
        vec![UnitWarning::SameName {
            other: "haidian".into()
        }]
    );
    let elsewhere = unit("twin", "Haidian District", Level::Affiliate);
    assert!(unit_warnings(&plan, &elsewhere).is_empty());
    let itself = plan.unit("haidian").unwrap().clone();
    assert!(unit_warnings(&plan, &itself).is_empty());
    let mut ed = Editor::new(plan);
    ed.apply(Command::add_unit(twin), NOW).unwrap();
}

#[test]
fn ids_are_slugs_made_unique() {
    let mut plan = demo_plan();
    assert_eq!(new_unit_id(&plan, "District 1"), "district-1");
    assert_eq!(new_unit_id(&plan, "  Haidian!! "), "haidian-2");
    assert_eq!(new_unit_id(&plan, "海淀区"), "unit-1");
    assert_eq!(new_unit_id(&plan, "Science & Tech 科协"), "science-tech");
    plan.units.push(unit("unit-1", "x", Level::District));
    assert_eq!(new_unit_id(&plan, "第二"), "unit-2");
    assert_eq!(new_stage_id(&plan, "Docking"), "docking-2");
    assert_eq!(new_stage_id(&plan, "完成"), "stage-1");
    let long = new_unit_id(&plan, &"a".repeat(500));
    assert!(!long.as_str().is_empty() && long.as_str().len() <= 100);
}

#[test]
fn removing_a_unit_takes_its_items_and_links_and_undo_brings_them_back() {
    let plan = demo_plan();
    let (items, links) = removal_of_unit(&plan, &"bast".into());
    assert_eq!(
        items,
        plan.items.iter().filter(|i| i.unit == "bast").count()
    );
    assert!(links > 0);
    assert_eq!(removal_of_unit(&plan, &"nobody".into()), (0, 0));
    let mut ed = Editor::new(plan.clone());
    let t = ed
        .apply(Command::RemoveUnit { id: "bast".into() }, NOW)
        .unwrap();
    assert_eq!(t.units, vec![UnitId::from("bast")]);
    assert_eq!(t.links.len(), links);
    check_rules(ed.plan()).unwrap();
    assert_eq!(ed.plan().items.len(), plan.items.len() - items);
    assert_eq!(ed.plan().links.len(), plan.links.len() - links);
    ed.undo(NOW).unwrap().unwrap();
    assert!(ed.plan().same_content(&plan));
    ed.redo(NOW).unwrap().unwrap();
    assert!(ed.plan().unit("bast").is_none());
}

#[test]
fn a_level_or_pool_change_moves_the_tallies() {
    let plan = demo_plan();
    let mut ed = Editor::new(plan.clone());
    let mut tallies = Tallies::of(&plan);
    let mut u = plan.unit("yanqing").unwrap().clone();
    u.level = Level::Affiliate;
    u.pool = Amount::new(5);
    let t = ed.apply(Command::PutUnit(u), NOW).unwrap();
    tallies.update(ed.plan(), &t.items, &t.units);
    assert_eq!(tallies, Tallies::of(ed.plan()));
    assert_eq!(tallies.plan.districts, 15);
}

#[test]
fn moving_units_and_stages_reorders_and_undoes() {
    let plan = demo_plan();
    let mut ed = Editor::new(plan.clone());
    ed.apply(
        Command::MoveUnit {
            id: "bast".into(),
            to: 99,
        },
        NOW,
    )
    .unwrap();
    assert_eq!(ed.plan().units.last().unwrap().id, "bast");
    let t = ed
        .apply(
            Command::MoveStage {
                id: "scheduled".into(),
                to: 0,
            },
            NOW,
        )
        .unwrap();
    assert!(t.changed(PlanField::Stages));
    assert_eq!(ed.plan().stages[0].id, "scheduled");
    ed.undo(NOW).unwrap().unwrap();
    ed.undo(NOW).unwrap().unwrap();
    assert!(ed.plan().same_content(&plan));
}

#[test]
fn removing_a_stage_moves_its_items_and_undo_puts_each_back() {
    let plan = demo_plan();
    let held = removal_of_stage(&plan, &"docking".into());
    assert!(held > 0);
    let mut ed = Editor::new(plan.clone());
    let refuse = |ed: &mut Editor, target: Option<&str>| {
        setup_err(ed.apply(
            Command::RemoveStage {
                id: "docking".into(),
                target: target.map(StageId::from),
            },
            NOW,
        ))
    };
    assert_eq!(
        refuse(&mut ed, None),
        SetupError::StageHasItems {
            stage: "docking".into(),
            items: held
        }
    );
    assert_eq!(
        refuse(&mut ed, Some("docking")),
        SetupError::TargetIsSame {
            stage: "docking".into()
        }
    );
    assert_eq!(
        refuse(&mut ed, Some("nowhere")),
        SetupError::TargetUnknown {
            stage: "nowhere".into()
        }
    );
    assert_eq!(ed.plan(), &plan);
    let t = ed
        .apply(
            Command::RemoveStage {
                id: "docking".into(),
                target: Some("agreed".into()),
            },
            NOW,
        )
        .unwrap();
    assert!(t.changed(PlanField::Stages));
    assert_eq!(t.items.len(), held);
    assert_eq!(ed.plan().items.len(), plan.items.len(), "no item dropped");
    check_rules(ed.plan()).unwrap();
    ed.undo(NOW).unwrap().unwrap();
    assert!(ed.plan().same_content(&plan));
}

#[test]
fn the_last_stage_stays() {
    let mut plan = demo_plan();
    plan.items.clear();
    plan.links.clear();
    let mut ed = Editor::new(plan);
    for id in ["proposed", "docking", "agreed"] {
        ed.apply(
            Command::RemoveStage {
                id: id.into(),
                target: None,
            },
            NOW,
        )
        .unwrap();
    }
    assert_eq!(
        setup_err(ed.apply(
            Command::RemoveStage {
                id: "scheduled".into(),
                target: None
            },
            NOW
        )),
        SetupError::LastStage
    );
}

#[test]
fn a_new_stage_and_a_renamed_one() {
    let plan = demo_plan();
    let mut ed = Editor::new(plan.clone());
    let mut s = stage(new_stage_id(&plan, "Done").as_str(), "Done");
    s.name_zh = Some("已完成".into());
    ed.apply(Command::add_stage(s), NOW).unwrap();
    assert_eq!(ed.plan().stages.last().unwrap().id, "done");
    let mut renamed = plan.stages[0].clone();
    renamed.name = "Raised".into();
    ed.apply(Command::PutStage(renamed), NOW).unwrap();
    assert_eq!(ed.plan().stages[0].name, "Raised");
    let dup = setup_err_or_rule(ed.apply(Command::add_stage(stage("done", "Again")), NOW));
    assert!(dup.contains("done"));
}

fn setup_err_or_rule(r: Result<impl std::fmt::Debug, CommandError>) -> String {
    linkage_board::i18n::Lang::En.command_error(&r.unwrap_err())
}

#[test]
fn the_loader_and_the_set_up_forms_keep_one_limit() {
    use linkage_board::model::fields;
    use linkage_board::model::{load_str, LoadError, Problem};
    let plan = demo_plan();
    let long = "名".repeat(fields::UNIT_NAME.max + 1);
    let mut bad = plan.clone();
    bad.units[0].name = long.clone();
    match load_str(&bad.to_json()) {
        Err(LoadError::Field { problem, .. }) => assert_eq!(
            problem,
            Problem::TooLong {
                max: fields::UNIT_NAME.max
            }
        ),
        other => panic!("{other:?}"),
    }
    let mut d = UnitDraft::of(&plan.units[0]);
    d.name = long;
    assert_eq!(
        d.apply(&plan.units[0]).unwrap_err(),
        vec![(
            SetupField::Name,
            SetupError::TooLong {
                field: SetupField::Name,
                max: fields::UNIT_NAME.max
            }
        )]
    );
    let mut ok = plan.clone();
    ok.units[0].name = "名".repeat(fields::UNIT_NAME.max);
    load_str(&ok.to_json()).unwrap();
    let mut ed = Editor::new(plan.clone());
    ed.apply(Command::PutUnit(ok.units[0].clone()), NOW)
        .unwrap();
}
