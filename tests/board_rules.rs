//! Rules the board used to work out for itself, now in the model: the
//! links touching an item, the districts no link reaches, the blank card
//! for a new item.

use linkage_board::model::{
    blank_item, demo_plan, new_plan, unreached_districts, Amount, Command, Direction, Editor,
    ItemId, Level, Link, Tallies, UnitId,
};

#[test]
fn links_of_an_item_are_the_links_at_either_end_in_plan_order() {
    let plan = demo_plan();
    for item in &plan.items {
        let want: Vec<&str> = plan
            .links
            .iter()
            .filter(|l| l.source == item.id || l.target == item.id)
            .map(|l| l.id.as_str())
            .collect();
        let got: Vec<&str> = plan.links_of(&item.id).map(|l| l.id.as_str()).collect();
        assert_eq!(got, want, "{}", item.id);
    }
    assert_eq!(plan.links_of(&"no-such-item".into()).count(), 0);
    assert!(
        plan.items.iter().any(|i| plan.links_of(&i.id).count() > 1),
        "the demo has an item with several links"
    );
}

#[test]
fn the_other_end_of_a_link_says_which_way_it_runs() {
    let link = Link {
        id: "l".into(),
        source: "a".into(),
        target: "b".into(),
        amount: Amount::ZERO,
        note: None,
        extra: Default::default(),
    };
    let (a, b, c): (ItemId, ItemId, ItemId) = ("a".into(), "b".into(), "c".into());
    assert_eq!(link.other_end(&a), Some((&b, Direction::Out)));
    assert_eq!(link.other_end(&b), Some((&a, Direction::In)));
    assert_eq!(link.other_end(&c), None);
    assert!(link.touches(&a) && link.touches(&b) && !link.touches(&c));
}

#[test]
fn unreached_districts_are_the_districts_without_a_received_link() {
    let plan = demo_plan();
    let tallies = Tallies::of(&plan);
    let got = unreached_districts(&plan, &tallies);
    let want: Vec<UnitId> = plan
        .units
        .iter()
        .filter(|u| u.level == Level::District)
        .filter(|u| {
            !plan
                .links
                .iter()
                .any(|l| plan.item(&l.target).is_some_and(|t| t.unit == u.id))
        })
        .map(|u| u.id.clone())
        .collect();
    assert_eq!(got, want);
    assert_eq!(
        got.len(),
        tallies.plan.districts - tallies.plan.covered,
        "agrees with the coverage figure"
    );

    // An empty plan: every district is unreached, in plan order.
    let empty = new_plan("p".into(), "Empty".into(), 2026, "2026-01-01T00:00:00Z");
    let all: Vec<UnitId> = empty
        .units
        .iter()
        .filter(|u| u.level == Level::District)
        .map(|u| u.id.clone())
        .collect();
    assert!(!all.is_empty());
    assert_eq!(unreached_districts(&empty, &Tallies::of(&empty)), all);
}

#[test]
fn a_link_of_amount_zero_still_reaches_a_district() {
    let plan = new_plan("p".into(), "Plan".into(), 2026, "2026-01-01T00:00:00Z");
    let district = plan
        .units
        .iter()
        .find(|u| u.level == Level::District)
        .unwrap()
        .id
        .clone();
    let municipal = plan
        .units
        .iter()
        .find(|u| u.level == Level::Municipal)
        .unwrap()
        .id
        .clone();
    let mut editor = Editor::new(plan);
    for unit in [&municipal, &district] {
        let mut item = blank_item(editor.plan(), unit);
        item.title = format!("Work of {unit}");
        editor
            .apply(Command::add_item(item), "2026-01-02T00:00:00Z")
            .unwrap();
    }
    let (source, target) = (
        editor.plan().items[0].id.clone(),
        editor.plan().items[1].id.clone(),
    );
    editor
        .apply(
            Command::add_link(Link {
                id: "link-1".into(),
                source,
                target,
                amount: Amount::ZERO,
                note: None,
                extra: Default::default(),
            }),
            "2026-01-02T00:00:00Z",
        )
        .unwrap();
    let tallies = Tallies::of(editor.plan());
    assert!(!unreached_districts(editor.plan(), &tallies).contains(&district));
}

#[test]
fn a_blank_item_has_a_fresh_id_the_first_stage_and_nothing_else() {
    let plan = demo_plan();
    let item = blank_item(&plan, &"haidian".into());
    assert!(plan.item(&item.id).is_none(), "the id is unused");
    assert!(!item.id.as_str().is_empty());
    assert_eq!(item.unit, "haidian");
    assert_eq!(item.stage, plan.stages[0].id);
    assert!(item.title.is_empty());
    assert_eq!((item.budget, item.demand), (Amount::ZERO, Amount::ZERO));
    assert_eq!(
        (&item.notes, &item.category, item.quarter, &item.tags),
        (&None, &None, None, &None)
    );
    // Blank, it is refused; with a title it is added.
    let mut editor = Editor::new(plan.clone());
    assert!(editor
        .apply(Command::add_item(item.clone()), "2026-01-01T00:00:00Z")
        .is_err());
    let mut titled = item;
    titled.title = "New work".into();
    editor
        .apply(Command::add_item(titled.clone()), "2026-01-01T00:00:00Z")
        .unwrap();
    assert_ne!(blank_item(editor.plan(), &"haidian".into()).id, titled.id);
}

#[test]
fn a_change_says_which_units_its_items_were_in_before() {
    let plan = demo_plan();
    let link = plan.links[0].clone();
    let source_unit = plan.item(&link.source).unwrap().unit.clone();
    let target_unit = plan.item(&link.target).unwrap().unit.clone();
    let mut editor = Editor::new(plan.clone());
    let now = "2026-01-01T00:00:00Z";

    // Removing an item: its unit, and the units at the far ends of its links.
    let touched = editor
        .apply(
            Command::RemoveItem {
                id: link.target.clone(),
            },
            now,
        )
        .unwrap();
    assert!(touched.units_before.contains(&target_unit));
    assert!(touched.units_before.contains(&source_unit));
    let mut seen = touched.units_before.clone();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), touched.units_before.len(), "each unit once");

    // Undo puts it back: it was in no unit before that.
    let touched = editor.undo(now).unwrap().unwrap();
    assert!(!touched.units_before.contains(&target_unit) || source_unit == target_unit);

    // Moving an unlinked item: the unit it left.
    let lonely = plan
        .items
        .iter()
        .find(|i| plan.links_of(&i.id).next().is_none())
        .unwrap()
        .clone();
    let mut moved = lonely.clone();
    moved.unit = plan
        .units
        .iter()
        .find(|u| u.id != lonely.unit)
        .unwrap()
        .id
        .clone();
    let touched = editor.apply(Command::PutItem(moved.clone()), now).unwrap();
    assert_eq!(touched.units_before, vec![lonely.unit.clone()]);
    // And undoing the move: the unit it had moved to.
    let touched = editor.undo(now).unwrap().unwrap();
    assert_eq!(touched.units_before, vec![moved.unit.clone()]);

    // A whole new plan says "all" and lists nothing.
    let touched = editor
        .apply(Command::ReplacePlan(Box::new(plan.clone())), now)
        .unwrap();
    assert!(touched.whole_plan() && touched.units_before.is_empty());
}

#[test]
fn a_title_of_invisible_characters_is_refused_by_the_form_and_the_command() {
    use linkage_board::model::draft::{Field, FieldError, ItemDraft};
    let plan = demo_plan();
    let mut item = blank_item(&plan, &plan.units[0].id);
    let mut draft = ItemDraft::of(&item);
    draft.title = "\u{200b}\u{200b} \u{feff}".into();
    let errors = draft.apply(&item).unwrap_err();
    assert!(
        errors.contains(&(Field::Title, FieldError::Empty)),
        "{errors:?}"
    );
    item.title = "\u{200b}\u{200b}".into();
    let mut editor = Editor::new(plan);
    assert!(editor
        .apply(Command::add_item(item), "2026-11-26T00:00:00Z")
        .is_err());
}

#[test]
fn a_draft_moved_onto_a_card_changed_elsewhere_keeps_both_changes() {
    use linkage_board::model::draft::ItemDraft;
    let plan = demo_plan();
    let item = plan.items[0].clone();
    let start = ItemDraft::of(&item);
    let mut mine = start.clone();
    mine.budget = "12345".into();
    let mut elsewhere = item.clone();
    elsewhere.title = "Renamed in another window".into();
    let merged = mine
        .rebase(&start, &ItemDraft::of(&elsewhere))
        .apply(&elsewhere)
        .unwrap();
    assert_eq!(merged.title, "Renamed in another window");
    assert_eq!(merged.budget.yuan(), 12345);
}
