//! Two windows on one plan: when another window saved a newer revision
//! while this one has changes of its own, the two are merged record by
//! record against the revision both started from — the same three-way rule
//! as a district's returned file. Changes to different records merge
//! without a question; only a record both windows changed asks, naming the
//! record and both values.

use super::ids::make_room;
use super::plan::Plan;
use super::returns::{apply_returns, plan_return, ChangeKind, ReturnError, ReturnPreview, Sent};

/// What merging another window's revision into this one gives.
#[derive(Clone, Debug, PartialEq)]
pub enum WindowMerge {
    /// Both windows' changes, with no question to ask; its revision is the
    /// other window's (the next change stamps past it).
    Merged(Box<Plan>),
    /// Records both windows changed: every change, with the conflicts left
    /// to settle (`ReturnPreview::choose`), then [`settle_windows`].
    Ask(Box<ReturnPreview>),
}

/// The other window's plan as a file "returned" against `base`.
fn as_return(base: &Plan, theirs: &Plan) -> Plan {
    let sent = Sent::of_file(base, None, base.revision.unwrap_or(0), "");
    let mut marked = theirs.clone();
    marked.extra.insert("sent".to_string(), sent.to_value());
    marked
}

/// Merges `theirs` (saved by another window) into `ours` (open here, with
/// changes not yet saved), both grown from `base`.
/// An item or link both windows added under one id is no conflict: this
/// window's newcomer takes a fresh id, its links following
/// ([`make_room`]), and both are kept.
pub fn merge_windows(base: &Plan, ours: &Plan, theirs: &Plan) -> WindowMerge {
    let (ours, _) = make_room(base, ours, theirs);
    let ours = &ours;
    let preview = plan_return(ours, &as_return(base, theirs));
    if preview.unsettled().next().is_some() {
        return WindowMerge::Ask(Box::new(preview));
    }
    match settle_windows(ours, theirs, base, &preview) {
        Ok(plan) => WindowMerge::Merged(Box::new(plan)),
        // A merge that would break a rule is asked about record by record.
        Err(_) => WindowMerge::Ask(Box::new(preview)),
    }
}

/// The merged plan once every conflict of `preview` is settled.
pub fn settle_windows(
    ours: &Plan,
    theirs: &Plan,
    base: &Plan,
    preview: &ReturnPreview,
) -> Result<Plan, ReturnError> {
    // The same fresh ids as when the preview was made.
    let (ours, _) = make_room(base, ours, theirs);
    let ours = &ours;
    let mut merged = apply_returns(ours, std::slice::from_ref(preview))?;
    // The plan's own fields: the other window's change is taken where this
    // one left the field as it was.
    if ours.title == base.title {
        merged.title = theirs.title.clone();
    }
    if ours.year == base.year {
        merged.year = theirs.year;
    }
    merged.extra.remove("sent");
    merged.revision = merged.revision.max(theirs.revision);
    Ok(merged)
}

/// The records both windows changed (for the question).
pub fn conflicts(preview: &ReturnPreview) -> impl Iterator<Item = &super::returns::Change> {
    preview
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Conflict)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::returns::Choice;
    use crate::model::{check_rules, demo_plan, Amount};

    fn with_budget(plan: &Plan, id: &crate::model::ItemId, yuan: u64) -> Plan {
        let mut p = plan.clone();
        p.items.iter_mut().find(|i| &i.id == id).unwrap().budget = Amount::new(yuan).unwrap();
        p
    }

    #[test]
    fn edits_to_different_records_merge_without_a_question() {
        let base = demo_plan();
        let (x, y) = (base.items[0].id.clone(), base.items[1].id.clone());
        let mut theirs = with_budget(&base, &x, 111);
        theirs.revision = Some(base.revision.unwrap_or(0) + 3);
        theirs.title = "Renamed there".into();
        let ours = with_budget(&base, &y, 222);
        let WindowMerge::Merged(merged) = merge_windows(&base, &ours, &theirs) else {
            panic!("no question for different records");
        };
        assert_eq!(merged.item(&x).unwrap().budget.yuan(), 111);
        assert_eq!(merged.item(&y).unwrap().budget.yuan(), 222);
        assert_eq!(merged.title, "Renamed there");
        assert_eq!(merged.revision, theirs.revision);
        assert!(!merged.extra.contains_key("sent"));
        check_rules(&merged).unwrap();
    }

    #[test]
    fn the_same_record_changed_in_both_asks_and_is_settled_either_way() {
        let base = demo_plan();
        let x = base.items[0].id.clone();
        let theirs = with_budget(&base, &x, 111);
        let ours = with_budget(&base, &x, 222);
        let WindowMerge::Ask(mut preview) = merge_windows(&base, &ours, &theirs) else {
            panic!("the same field changed in both asks");
        };
        let asked: Vec<_> = conflicts(&preview).map(|c| c.id.clone()).collect();
        assert_eq!(asked, vec![x.to_string()]);
        for (choice, want) in [(Choice::KeepOurs, 222), (Choice::TakeTheirs, 111)] {
            let c = conflicts(&preview).next().unwrap().collection;
            preview.choose(c, x.as_str(), choice);
            let merged = settle_windows(&ours, &theirs, &base, &preview).unwrap();
            assert_eq!(merged.item(&x).unwrap().budget.yuan(), want);
        }
    }

    #[test]
    fn a_card_both_windows_added_under_one_id_is_kept_twice_without_a_question() {
        let base = demo_plan();
        let giver = base
            .items
            .iter()
            .find(|i| i.unit == "bast")
            .unwrap()
            .clone();
        let new_card = |title: &str| {
            let mut item = crate::model::blank_item(&base, &"xicheng".into());
            item.title = title.into();
            item
        };
        let (mine, other) = (new_card("Mine"), new_card("Theirs"));
        assert_eq!(mine.id, other.id, "both windows picked one id");
        let mut theirs = base.clone();
        theirs.items.push(other.clone());
        theirs.revision = Some(base.revision.unwrap_or(0) + 1);
        let mut ours = base.clone();
        ours.items.push(mine.clone());
        ours.links.push(crate::model::Link {
            id: crate::model::linking::new_link_id(&ours),
            source: giver.id.clone(),
            target: mine.id.clone(),
            amount: Amount::new(5_000).unwrap(),
            note: None,
            extra: Default::default(),
        });
        let WindowMerge::Merged(merged) = merge_windows(&base, &ours, &theirs) else {
            panic!("no question: the newcomer takes a fresh id");
        };
        check_rules(&merged).unwrap();
        let titles: Vec<_> = merged
            .items
            .iter()
            .filter(|i| i.title == "Mine" || i.title == "Theirs")
            .map(|i| (i.title.as_str(), i.id.as_str()))
            .collect();
        assert_eq!(titles.len(), 2, "{titles:?}");
        let renamed = merged.items.iter().find(|i| i.title == "Mine").unwrap();
        assert_ne!(renamed.id, other.id);
        assert_eq!(merged.item(&other.id).unwrap().title, "Theirs");
        let link = merged
            .links
            .iter()
            .find(|l| l.source == giver.id && l.amount.yuan() == 5_000);
        assert_eq!(
            link.unwrap().target,
            renamed.id,
            "the link follows its card"
        );
    }

    #[test]
    fn a_record_removed_there_and_untouched_here_goes() {
        let base = demo_plan();
        let link = base.links[0].id.clone();
        let mut theirs = base.clone();
        theirs.links.retain(|l| l.id != link);
        let x = base.items[3].id.clone();
        let ours = with_budget(&base, &x, 5);
        let WindowMerge::Merged(merged) = merge_windows(&base, &ours, &theirs) else {
            panic!("no question");
        };
        assert!(merged.links.iter().all(|l| l.id != link));
        assert_eq!(merged.item(&x).unwrap().budget.yuan(), 5);
    }
}
