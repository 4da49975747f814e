//! Renaming and copying a plan keep the format's title rule and stamp the
//! revision once, like every other change.

use linkage_board::model::{
    copy_as, copy_title, demo_plan, load_str, rename, Command, CommandError, Editor, Problem,
};

const NOW: &str = "2026-11-24T10:00:00Z";

fn too_long() -> CommandError {
    CommandError::Field {
        field: "title",
        problem: Problem::TooLong { max: 200 },
    }
}

fn empty() -> CommandError {
    CommandError::Field {
        field: "title",
        problem: Problem::Empty,
    }
}

#[test]
fn renaming_a_stored_plan_bumps_the_revision_once_and_keeps_the_rest() {
    let plan = demo_plan();
    let renamed = rename(&plan, "  2027 Work Plan  ", NOW).unwrap();
    assert_eq!(renamed.title, "2027 Work Plan", "the title is trimmed");
    assert_eq!(renamed.revision, Some(plan.revision.unwrap_or(0) + 1));
    assert_eq!(renamed.updated_at.as_deref(), Some(NOW));
    let mut back = renamed.clone();
    back.title = plan.title.clone();
    assert!(back.same_content(&plan), "only the title changed");
    assert!(load_str(&renamed.to_json()).is_ok(), "the file still opens");

    // A plan without a revision starts at 1.
    let mut fresh = plan.clone();
    fresh.revision = None;
    assert_eq!(rename(&fresh, "x", NOW).unwrap().revision, Some(1));
}

#[test]
fn renaming_refuses_a_title_the_format_refuses() {
    let plan = demo_plan();
    let exactly: String = "二".repeat(200);
    assert_eq!(rename(&plan, &exactly, NOW).unwrap().title, exactly);
    assert_eq!(rename(&plan, &"二".repeat(201), NOW), Err(too_long()));
    assert_eq!(rename(&plan, &"a".repeat(201), NOW), Err(too_long()));
    assert_eq!(rename(&plan, "", NOW), Err(empty()));
    assert_eq!(rename(&plan, " \t ", NOW), Err(empty()));
    // Spaces around a 200-character title do not count.
    assert!(rename(&plan, &format!("  {exactly}  "), NOW).is_ok());

    // The open plan is renamed by the same rule.
    assert_eq!(Command::rename(&"a".repeat(201)), Err(too_long()));
    assert_eq!(
        Command::rename(" New "),
        Ok(Command::SetTitle("New".into()))
    );
}

#[test]
fn set_title_refuses_201_characters_and_changes_nothing() {
    let plan = demo_plan();
    let mut editor = Editor::new(plan.clone());
    let refused = editor.apply(Command::SetTitle("x".repeat(201)), NOW);
    assert_eq!(refused, Err(too_long()));
    assert_eq!(editor.plan(), &plan, "a refused title changes nothing");
    assert!(!editor.can_undo());
    let touched = editor
        .apply(Command::SetTitle("年".repeat(200)), NOW)
        .unwrap();
    assert!(touched.changed(linkage_board::model::command::PlanField::Title));
    assert_eq!(editor.plan().revision, Some(plan.revision.unwrap_or(0) + 1));
}

#[test]
fn a_copy_has_a_new_id_a_suffixed_title_and_one_more_revision() {
    let plan = demo_plan();
    let copy = copy_as(&plan, "copy-1".into(), "(copy)", NOW);
    assert_eq!(copy.id, "copy-1");
    assert_eq!(copy.title, format!("{} (copy)", plan.title));
    assert_eq!(copy.revision, Some(plan.revision.unwrap_or(0) + 1));
    assert_eq!(copy.updated_at.as_deref(), Some(NOW));
    assert_eq!(
        (&copy.units, &copy.stages, &copy.items, &copy.links),
        (&plan.units, &plan.stages, &plan.items, &plan.links)
    );
    assert!(load_str(&copy.to_json()).is_ok());

    // No suffix: the title as it was (a file opened beside its plan).
    let same = copy_as(&plan, "copy-2".into(), "", NOW);
    assert_eq!(same.title, plan.title);
}

#[test]
fn a_copy_of_a_200_character_title_stays_within_200_characters() {
    for (base, suffix) in [
        ("a".repeat(200), "(copy)"),
        ("二".repeat(200), "（副本）"),
        ("二".repeat(199) + "a", "（本窗口）"),
        ("a".repeat(190) + &"👍".repeat(10), "(this window)"),
        ("x".repeat(196), "(copy)"),
    ] {
        let mut plan = demo_plan();
        plan.title = base.clone();
        assert!(load_str(&plan.to_json()).is_ok(), "the original is valid");
        let copy = copy_as(&plan, "c".into(), suffix, NOW);
        assert_eq!(copy.title.chars().count(), 200, "{}", copy.title);
        assert!(copy.title.ends_with(&format!(" {suffix}")));
        let kept = copy.title.strip_suffix(&format!(" {suffix}")).unwrap();
        assert!(base.starts_with(kept), "the title is cut, not changed");
        let reopened = load_str(&copy.to_json()).expect("the copy opens");
        assert_eq!(reopened.title, copy.title);
        // A copy of the copy still fits.
        let again = copy_as(&copy, "d".into(), suffix, NOW);
        assert!(again.title.chars().count() <= 200);
        assert!(load_str(&again.to_json()).is_ok());
    }
}

#[test]
fn copy_titles_at_the_edges() {
    assert_eq!(copy_title("Plan", "(copy)"), "Plan (copy)");
    assert_eq!(copy_title("", "(copy)"), "(copy)");
    assert_eq!(copy_title("Plan", "  "), "Plan");
    // A cut that ends in a space does not leave two spaces.
    let base = format!("{} b", "a".repeat(192));
    assert_eq!(
        copy_title(&base, "(copy)"),
        format!("{} (copy)", "a".repeat(192))
    );
    // A suffix too long by itself is cut to the rule.
    assert_eq!(copy_title("Plan", &"s".repeat(300)).chars().count(), 200);
}
