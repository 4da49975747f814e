//! Collecting the districts' returns: a file that leaves the board says what
//! it held, and a returned file applies only what its sender changed. A
//! return left as sent changes nothing, merging a return twice is merging it
//! once, and no merge breaks a rule of the format.

use linkage_board::i18n::Lang;
use linkage_board::model::fingerprint::{canonical_json, FINGERPRINT_FN};
use linkage_board::model::merge::merge;
use linkage_board::model::returns::{RETURNS_FIELD, SENT_FIELD};
use linkage_board::model::rules::Collection;
use linkage_board::model::{
    apply_returns, check_rules, cut_slice, demo_plan, for_comments, load, mark_sent, merge_returns,
    plan_return, return_command, return_state, returns_ledger, Amount, Change, ChangeKind, Choice,
    Command, Editor, LinkId, Plan, ReturnError, ReturnPreview, ReturnState, Sent, SentProblem,
};
use proptest::prelude::*;
use serde_json::{json, Value};

const CUT: &str = "2027-03-01T09:00:00Z";
const BACK: &str = "2027-03-10T17:30:00Z";

/// A file as it arrives after a trip by email: written out and read back.
fn travel(p: &Plan) -> Plan {
    load(p.to_json_pretty().as_bytes()).expect("a file the board wrote opens")
}

fn yuan(n: u64) -> Amount {
    Amount::new(n).unwrap()
}

fn item_mut<'a>(p: &'a mut Plan, id: &str) -> &'a mut linkage_board::model::Item {
    p.items.iter_mut().find(|i| i.id == id).unwrap()
}

fn change<'a>(p: &'a ReturnPreview, collection: Collection, id: &str) -> &'a Change {
    p.changes
        .iter()
        .find(|c| c.collection == collection && c.id == id)
        .unwrap_or_else(|| panic!("{id} is in the preview: {:#?}", p.changes))
}

fn field<'a>(c: &'a Change, name: &str) -> (&'a Option<Value>, &'a Option<Value>) {
    let f = c
        .fields
        .iter()
        .find(|f| f.field == name)
        .unwrap_or_else(|| panic!("{name} in {:?}", c.fields));
    (&f.before, &f.after)
}

#[test]
fn a_slice_says_what_it_held_and_the_block_round_trips() {
    let plan = demo_plan();
    let file = cut_slice(&plan, &"dongcheng".into(), CUT).unwrap();
    check_rules(&file).unwrap();
    assert!(file.extra.get(RETURNS_FIELD).is_none());
    let sent = Sent::read(&file).unwrap();
    assert_eq!(sent.unit, Some("dongcheng".into()));
    assert_eq!(sent.revision, plan.revision.unwrap());
    assert_eq!(sent.at, CUT);
    assert_eq!(sent.fingerprint, FINGERPRINT_FN);
    let total = file.units.len() + file.stages.len() + file.items.len() + file.links.len();
    assert_eq!(sent.records.len(), total);
    for key in [
        "items/w-016",
        "items/w-017",
        "items/w-001",
        "links/k-001",
        "units/bast",
    ] {
        let fp = &sent.records[key];
        assert!(fp.len() == 16 && fp.bytes().all(|b| b.is_ascii_hexdigit()));
    }
    // Unknown fields inside the block come back as they were.
    let mut file = file;
    let mut block = file.extra[SENT_FIELD].clone();
    block["x_future"] = json!({ "b": [1, "二"], "a": null });
    file.extra.insert(SENT_FIELD.into(), block.clone());
    let back = travel(&file);
    assert_eq!(back.extra[SENT_FIELD], block);
    assert_eq!(back, file);
    let parsed = Sent::read(&back).unwrap();
    assert_eq!(parsed.extra["x_future"], block["x_future"]);
    assert_eq!(canonical_json(&parsed.to_value()), canonical_json(&block));
    // Untouched, it offers nothing.
    let p = plan_return(&plan, &back);
    assert!(p.changes.is_empty() && p.same_plan, "{:?}", p.changes);
    assert_eq!(cut_slice(&plan, &"atlantis".into(), CUT), None);
}

#[test]
fn the_city_keeps_its_raise_and_takes_dongchengs_demand() {
    // The city sends Dongcheng its slice and marks it sent.
    let mut city = demo_plan();
    let file = cut_slice(&city, &"dongcheng".into(), CUT).unwrap();
    let revision = city.revision.unwrap();
    mark_sent(&mut city, &"dongcheng".into(), revision, CUT);
    assert_eq!(
        return_state(&city, &"dongcheng".into()),
        ReturnState::Sent {
            at: CUT.into(),
            revision: 1
        }
    );
    assert_eq!(return_state(&city, &"xicheng".into()), ReturnState::NotSent);

    // Meanwhile the city raises w-001 (its program linked to Dongcheng).
    item_mut(&mut city, "w-001").budget = yuan(5_000_000);

    // Dongcheng raises only its own item's demand.
    let mut dongcheng = travel(&file);
    item_mut(&mut dongcheng, "w-016").demand = yuan(400_000);
    let returned = travel(&dongcheng);

    let preview = plan_return(&city, &returned);
    assert_eq!(preview.unit(), Some(&"dongcheng".into()));
    assert!(preview.ignored_sent.is_none());
    assert_eq!(preview.changes.len(), 2, "{:#?}", preview.changes);

    let theirs = change(&preview, Collection::Items, "w-016");
    assert_eq!(theirs.kind, ChangeKind::Changed);
    assert_eq!(theirs.choice, Choice::TakeTheirs);
    assert_eq!(theirs.fields.len(), 1);
    assert_eq!(
        field(theirs, "demand"),
        (&Some(json!(300_000)), &Some(json!(400_000)))
    );

    // w-001 is named, with the city's raise, and not applied: the sender
    // left it as sent.
    let ours = change(&preview, Collection::Items, "w-001");
    assert_eq!(ours.kind, ChangeKind::Kept);
    assert_eq!(ours.choice, Choice::KeepOurs);
    assert_eq!(
        field(ours, "budget"),
        (&Some(json!(5_000_000)), &Some(json!(4_200_000)))
    );

    let merged = merge_returns(&city, std::slice::from_ref(&preview), BACK).unwrap();
    assert_eq!(merged.item("w-001").unwrap().budget, yuan(5_000_000));
    assert_eq!(merged.item("w-016").unwrap().demand, yuan(400_000));
    assert_eq!(
        return_state(&merged, &"dongcheng".into()),
        ReturnState::Returned {
            sent_at: CUT.into(),
            revision: 1,
            at: BACK.into(),
            changes: 1
        }
    );
    let ledger = returns_ledger(&merged);
    assert_eq!(ledger.len(), merged.units.len());
    assert!(ledger
        .iter()
        .any(|(u, s)| u.id == "dongcheng" && matches!(s, ReturnState::Returned { .. })));
    // The ledger travels with the plan.
    assert_eq!(travel(&merged), merged);

    // Twice is once; apply_returns alone leaves the ledger as it was.
    let once = apply_returns(&city, &[preview]).unwrap();
    let again = plan_return(&once, &returned);
    assert!(again.offers_nothing(), "{:#?}", again.changes);
    assert_eq!(apply_returns(&once, &[again]).unwrap(), once);
    assert_eq!(once.extra, city.extra);

    // As one step in the editor, undone in one.
    let mut editor = Editor::new(city.clone());
    let cmd = return_command(&city, &[plan_return(&city, &returned)], BACK).unwrap();
    assert!(matches!(cmd, Command::ReplacePlan(_)));
    editor.apply(cmd, BACK).unwrap();
    assert_eq!(editor.plan().item("w-016").unwrap().demand, yuan(400_000));
    editor.undo(BACK).unwrap().unwrap();
    assert!(editor.plan().same_content(&city));
}

#[test]
fn a_conflict_waits_to_be_settled_and_can_go_either_way() {
    let city0 = demo_plan();
    let file = cut_slice(&city0, &"dongcheng".into(), CUT).unwrap();
    let mut city = city0.clone();
    item_mut(&mut city, "w-016").title = "Hutong science corners (city)".into();
    let mut back = travel(&file);
    item_mut(&mut back, "w-016").demand = yuan(350_000);
    let back = travel(&back);

    let mut preview = plan_return(&city, &back);
    let c = change(&preview, Collection::Items, "w-016");
    assert_eq!(c.kind, ChangeKind::Conflict);
    assert_eq!(c.choice, Choice::Unsettled);
    assert!(c.changed_here);
    assert_eq!(
        field(c, "title"),
        (
            &Some(json!("Hutong science corners (city)")),
            &Some(json!("Hutong science corners"))
        )
    );
    assert_eq!(
        field(c, "demand"),
        (&Some(json!(300_000)), &Some(json!(350_000)))
    );
    let err = apply_returns(&city, &[preview.clone()]).unwrap_err();
    assert_eq!(
        err,
        ReturnError::Unsettled {
            collection: Collection::Items,
            id: "w-016".into()
        }
    );
    assert_eq!(err.kind(), "unsettled-conflict");

    assert!(preview.choose(Collection::Items, "w-016", Choice::KeepOurs));
    let kept = apply_returns(&city, &[preview.clone()]).unwrap();
    assert_eq!(kept.item("w-016"), city.item("w-016"));

    preview.choose(Collection::Items, "w-016", Choice::TakeTheirs);
    let taken = apply_returns(&city, &[preview]).unwrap();
    assert_eq!(taken.item("w-016"), back.item("w-016"));
    assert!(!preview_choose_unknown());
}

fn preview_choose_unknown() -> bool {
    let plan = demo_plan();
    let mut p = plan_return(&plan, &plan);
    p.choose(Collection::Items, "nope", Choice::KeepOurs)
}

#[test]
fn an_item_the_sender_deleted_goes_with_its_links() {
    let city = demo_plan();
    let file = cut_slice(&city, &"dongcheng".into(), CUT).unwrap();
    let mut back = travel(&file);
    back.items.retain(|i| i.id != "w-017");
    back.links.retain(|l| !l.touches(&"w-017".into()));
    let back = travel(&back);
    let preview = plan_return(&city, &back);
    let item = change(&preview, Collection::Items, "w-017");
    assert_eq!(item.kind, ChangeKind::Removed);
    assert_eq!(item.choice, Choice::TakeTheirs);
    assert_eq!(item.links, vec![LinkId::from("k-005")]);
    assert!(item.theirs.is_none() && item.ours.is_some());
    assert_eq!(
        field(item, "title"),
        (&Some(json!("Palace Museum science night")), &None)
    );
    assert_eq!(
        change(&preview, Collection::Links, "k-005").kind,
        ChangeKind::Removed
    );
    let merged = apply_returns(&city, &[preview]).unwrap();
    assert!(merged.item("w-017").is_none() && merged.link("k-005").is_none());
    assert_eq!(merged.items.len(), city.items.len() - 1);
    // Twice is once.
    assert_eq!(
        apply_returns(&merged, &[plan_return(&merged, &back)]).unwrap(),
        merged
    );
}

#[test]
fn changes_outside_the_senders_part_wait_to_be_chosen() {
    let city = demo_plan();
    let file = cut_slice(&city, &"dongcheng".into(), CUT).unwrap();
    let mut back = travel(&file);
    item_mut(&mut back, "w-001").budget = yuan(1); // the city's program
    back.units.iter_mut().find(|u| u.id == "bast").unwrap().pool = Some(yuan(99));
    back.stages[0].name = "Ideas".into();
    // Its own new item, linked from the city's program: added.
    let mut new = back.item("w-016").unwrap().clone();
    new.id = "dc-new".into();
    new.title = "Lane science walks".into();
    back.items.push(new);
    let mut link = back.link("k-001").unwrap().clone();
    link.id = "dc-new-link".into();
    link.target = "dc-new".into();
    back.links.push(link);
    let back = travel(&back);

    let mut preview = plan_return(&city, &back);
    for (collection, id) in [
        (Collection::Items, "w-001"),
        (Collection::Units, "bast"),
        (Collection::Stages, city.stages[0].id.as_str()),
    ] {
        let c = change(&preview, collection, id);
        assert_eq!(c.kind, ChangeKind::Outside, "{id}");
        assert_eq!(c.choice, Choice::KeepOurs);
    }
    assert_eq!(
        field(change(&preview, Collection::Units, "bast"), "pool"),
        (&Some(json!(15_000_000)), &Some(json!(99)))
    );
    for (collection, id) in [
        (Collection::Items, "dc-new"),
        (Collection::Links, "dc-new-link"),
    ] {
        let c = change(&preview, collection, id);
        assert_eq!((c.kind, c.choice), (ChangeKind::Added, Choice::TakeTheirs));
    }
    let merged = apply_returns(&city, &[preview.clone()]).unwrap();
    assert_eq!(merged.item("w-001"), city.item("w-001"));
    assert_eq!(merged.unit("bast"), city.unit("bast"));
    assert_eq!(merged.stages, city.stages);
    assert!(merged.item("dc-new").is_some() && merged.link("dc-new-link").is_some());

    preview.choose_kind(ChangeKind::Outside, Choice::TakeTheirs);
    let all = apply_returns(&city, &[preview]).unwrap();
    assert_eq!(all.item("w-001").unwrap().budget, yuan(1));
    assert_eq!(all.unit("bast").unwrap().pool, Some(yuan(99)));
    assert_eq!(all.stages[0].name, "Ideas");
}

#[test]
fn a_whole_plan_sent_for_comments_has_no_outside() {
    let city = demo_plan();
    let file = for_comments(&city, CUT);
    let sent = Sent::read(&file).unwrap();
    assert_eq!(sent.unit, None);
    let mut back = travel(&file);
    back.stages[0].name = "Ideas".into();
    item_mut(&mut back, "w-001").budget = yuan(7);
    let preview = plan_return(&city, &travel(&back));
    assert_eq!(preview.changes.len(), 2);
    assert!(preview
        .changes
        .iter()
        .all(|c| c.kind == ChangeKind::Changed && c.taken()));
    let merged = merge_returns(&city, &[preview], BACK).unwrap();
    assert_eq!(merged.stages[0].name, "Ideas");
    // No unit: nothing to mark in the ledger.
    assert!(merged.extra.get(RETURNS_FIELD).is_none());
}

#[test]
fn many_returns_apply_at_once_and_a_clash_is_refused() {
    let city = demo_plan();
    let mut d = travel(&cut_slice(&city, &"dongcheng".into(), CUT).unwrap());
    let mut x = travel(&cut_slice(&city, &"xicheng".into(), CUT).unwrap());
    item_mut(&mut d, "w-016").demand = yuan(1_000);
    item_mut(&mut x, "w-018").demand = yuan(2_000);
    let (d, x) = (travel(&d), travel(&x));
    let previews = [plan_return(&city, &d), plan_return(&city, &x)];
    let merged = merge_returns(&city, &previews, BACK).unwrap();
    assert_eq!(merged.item("w-016").unwrap().demand, yuan(1_000));
    assert_eq!(merged.item("w-018").unwrap().demand, yuan(2_000));
    for unit in ["dongcheng", "xicheng"] {
        assert!(matches!(
            return_state(&merged, &unit.into()),
            ReturnState::Returned { changes: 1, .. }
        ));
    }

    // Both rename the first stage, differently, and both are taken.
    let (mut d2, mut x2) = (d.clone(), x.clone());
    d2.stages[0].name = "Ideas".into();
    x2.stages[0].name = "Proposals".into();
    let mut previews = [plan_return(&city, &d2), plan_return(&city, &x2)];
    for p in &mut previews {
        p.choose_kind(ChangeKind::Outside, Choice::TakeTheirs);
    }
    let err = apply_returns(&city, &previews).unwrap_err();
    assert_eq!(
        err,
        ReturnError::Clash {
            collection: Collection::Stages,
            id: city.stages[0].id.to_string()
        }
    );
    previews[1].choose_kind(ChangeKind::Outside, Choice::KeepOurs);
    assert_eq!(
        apply_returns(&city, &previews).unwrap().stages[0].name,
        "Ideas"
    );
}

#[test]
fn a_return_that_breaks_a_rule_is_refused_naming_it() {
    let city0 = demo_plan();
    let file = cut_slice(&city0, &"dongcheng".into(), CUT).unwrap();
    // The city removes the program Dongcheng's new link comes from.
    let mut city = city0.clone();
    city.items.retain(|i| i.id != "w-001");
    city.links.retain(|l| !l.touches(&"w-001".into()));
    let mut back = travel(&file);
    let mut link = back.link("k-001").unwrap().clone();
    link.id = "k-new".into();
    link.target = "w-017".into();
    back.links.push(link);
    let preview = plan_return(&city, &travel(&back));
    assert_eq!(
        change(&preview, Collection::Links, "k-new").kind,
        ChangeKind::Added
    );
    // w-001 removed here, left as sent there: kept removed.
    assert_eq!(
        change(&preview, Collection::Items, "w-001").kind,
        ChangeKind::Kept
    );
    let err = apply_returns(&city, &[preview]).unwrap_err();
    assert_eq!(err.kind(), "unknown-item");
    assert!(matches!(err, ReturnError::Rule(_)));
}

#[test]
fn a_file_without_sent_merges_as_today_with_every_change_listed() {
    let city = demo_plan();
    let mut file = city.clone();
    item_mut(&mut file, "w-016").demand = yuan(1);
    item_mut(&mut file, "w-017").title = "Renamed".into();
    file.items.retain(|i| i.id != "w-018");
    file.links.retain(|l| !l.touches(&"w-018".into()));
    let mut new = file.items[0].clone();
    new.id = "fresh".into();
    file.items.push(new);
    let file = travel(&file);
    let mut preview = plan_return(&city, &file);
    assert!(preview.sent.is_none() && preview.ignored_sent.is_none());
    let kinds: Vec<(&str, ChangeKind)> = preview
        .changes
        .iter()
        .map(|c| (c.id.as_str(), c.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("w-016", ChangeKind::Changed),
            ("w-017", ChangeKind::Changed),
            ("fresh", ChangeKind::Added)
        ]
    );
    assert!(preview.changes.iter().all(Change::taken));
    assert_eq!(
        apply_returns(&city, &[preview.clone()]).unwrap(),
        merge(&city, &file).unwrap()
    );
    // Untick one.
    preview.choose(Collection::Items, "w-017", Choice::KeepOurs);
    let merged = apply_returns(&city, &[preview]).unwrap();
    assert_eq!(merged.item("w-017"), city.item("w-017"));
    assert!(merged.item("w-018").is_some(), "nothing is removed");
}

#[test]
fn a_sent_block_that_cannot_be_used_makes_a_plain_plan() {
    let city = demo_plan();
    let file = cut_slice(&city, &"dongcheng".into(), CUT).unwrap();
    let mut block = file.extra[SENT_FIELD].clone();
    block["fingerprint"] = json!("sha256");
    let cases = [
        (
            block,
            Some(SentProblem::UnknownFunction {
                name: "sha256".into(),
            }),
        ),
        (json!("yesterday"), Some(SentProblem::Malformed)),
        (
            json!({ "revision": -1, "at": CUT, "fingerprint": FINGERPRINT_FN, "records": {} }),
            Some(SentProblem::Malformed),
        ),
        (
            json!({ "revision": 1, "at": CUT, "fingerprint": FINGERPRINT_FN, "records": { "plans/x": "00" } }),
            Some(SentProblem::Malformed),
        ),
        (
            json!({ "revision": 1, "at": CUT, "fingerprint": FINGERPRINT_FN, "records": { "items/x": "ABC" } }),
            Some(SentProblem::Malformed),
        ),
        (
            json!({ "revision": 1, "fingerprint": FINGERPRINT_FN, "records": {} }),
            Some(SentProblem::Malformed),
        ),
        (
            json!({ "unit": 3, "revision": 1, "at": CUT, "fingerprint": FINGERPRINT_FN, "records": {} }),
            Some(SentProblem::Malformed),
        ),
    ];
    for (block, problem) in cases {
        let mut f = file.clone();
        item_mut(&mut f, "w-016").demand = yuan(1);
        f.extra.insert(SENT_FIELD.into(), block.clone());
        let f = load(f.to_json().as_bytes()).expect("the loader accepts any sent block");
        assert_eq!(f.extra[SENT_FIELD], block, "kept as it was");
        let preview = plan_return(&city, &f);
        assert_eq!(preview.sent, None);
        assert_eq!(preview.ignored_sent, problem);
        // As a plain plan: by id, nothing removed.
        assert!(preview
            .changes
            .iter()
            .all(|c| matches!(c.kind, ChangeKind::Changed | ChangeKind::Added)));
        assert_eq!(
            apply_returns(&city, &[preview]).unwrap(),
            merge(&city, &f).unwrap()
        );
    }
}

#[test]
fn the_ledger_takes_a_missing_or_damaged_field_calmly() {
    let mut plan = demo_plan();
    plan.extra.insert(RETURNS_FIELD.into(), json!(5));
    let mut plan = travel(&plan);
    assert_eq!(
        return_state(&plan, &"dongcheng".into()),
        ReturnState::NotSent
    );
    mark_sent(&mut plan, &"dongcheng".into(), 4, CUT);
    assert_eq!(
        return_state(&plan, &"dongcheng".into()),
        ReturnState::Sent {
            at: CUT.into(),
            revision: 4
        }
    );
    // An entry's unknown fields stay; a damaged entry reads as not sent.
    plan.extra[RETURNS_FIELD]["dongcheng"]["x_by"] = json!("Ms. Li");
    plan.extra[RETURNS_FIELD]["xicheng"] = json!({ "sent_at": 7 });
    let plan = travel(&plan);
    assert_eq!(return_state(&plan, &"xicheng".into()), ReturnState::NotSent);
    let mut again = plan.clone();
    mark_sent(&mut again, &"dongcheng".into(), 5, BACK);
    assert_eq!(again.extra[RETURNS_FIELD]["dongcheng"]["x_by"], "Ms. Li");
    // A slice cut from it does not carry the ledger.
    let file = cut_slice(&again, &"dongcheng".into(), BACK).unwrap();
    assert!(file.extra.get(RETURNS_FIELD).is_none());
}

#[test]
fn returns_read_in_both_languages() {
    fn chinese(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }
    let errors = [
        ReturnError::Unsettled {
            collection: Collection::Items,
            id: "w-016".into(),
        },
        ReturnError::Clash {
            collection: Collection::Stages,
            id: "proposed".into(),
        },
        ReturnError::Rule(linkage_board::model::RuleError::SelfLink {
            link: "k".into(),
            item: "w".into(),
        }),
    ];
    for e in &errors {
        let en = Lang::En.return_error(e);
        assert!(!en.is_empty() && !chinese(&en), "{en}");
        let zh = Lang::Zh.return_error(e);
        assert!(chinese(&zh), "{zh}");
    }
    assert!(Lang::Zh.return_error(&errors[0]).contains("w-016"));
    for p in [
        SentProblem::Malformed,
        SentProblem::UnknownFunction {
            name: "sha256".into(),
        },
    ] {
        let en = Lang::En.sent_problem(&p);
        assert!(!en.is_empty() && !chinese(&en), "{en}");
        assert!(chinese(&Lang::Zh.sent_problem(&p)));
    }
    for kind in ChangeKind::ALL {
        assert_ne!(Lang::En.change_kind(kind), Lang::Zh.change_kind(kind));
        assert!(chinese(Lang::Zh.change_kind(kind)));
    }
    for choice in [Choice::TakeTheirs, Choice::KeepOurs, Choice::Unsettled] {
        assert!(chinese(Lang::Zh.choice(choice)));
        assert!(!Lang::En.choice(choice).is_empty());
    }
    for f in [
        "title", "stage", "budget", "demand", "amount", "note", "notes", "pool", "name", "name_zh",
        "level", "unit", "source", "target", "category", "quarter", "tags", "tile",
    ] {
        assert!(chinese(&Lang::Zh.record_field(f)), "{f}");
        assert_ne!(Lang::En.record_field(f), f);
    }
    assert_eq!(Lang::Zh.record_field("x_custom"), "x_custom");
    for s in [
        ReturnState::NotSent,
        ReturnState::Sent {
            at: CUT.into(),
            revision: 3,
        },
        ReturnState::Returned {
            sent_at: CUT.into(),
            revision: 3,
            at: BACK.into(),
            changes: 2,
        },
    ] {
        assert!(chinese(&Lang::Zh.return_state(&s)));
        assert!(!Lang::En.return_state(&s).is_empty());
    }
}

// ---- Properties: random edits on both sides ----

/// Edits one side makes: indices are taken modulo the lists' lengths, and
/// an edit that would break a rule is skipped, as the board would refuse it.
#[derive(Clone, Debug)]
struct Edits {
    demands: Vec<(usize, u64)>,
    titles: Vec<usize>,
    removes: Vec<usize>,
    moves: Vec<(usize, usize)>,
    new_items: Vec<(usize, usize)>,
    new_links: Vec<(usize, usize, u64)>,
    link_amounts: Vec<(usize, u64)>,
    pools: Vec<(usize, u64)>,
    stage_names: Vec<usize>,
    extras: Vec<(usize, i64)>,
}

fn edits() -> impl Strategy<Value = Edits> {
    let v = |n| proptest::collection::vec(any::<(usize, u64)>(), 0..n);
    (
        (v(4), proptest::collection::vec(any::<usize>(), 0..3)),
        proptest::collection::vec(any::<usize>(), 0..3),
        proptest::collection::vec(any::<(usize, usize)>(), 0..2),
        proptest::collection::vec(any::<(usize, usize)>(), 0..3),
        proptest::collection::vec((any::<usize>(), any::<usize>(), 0..1_000_000u64), 0..3),
        v(3),
        v(2),
        proptest::collection::vec(any::<usize>(), 0..2),
        proptest::collection::vec(any::<(usize, i64)>(), 0..2),
    )
        .prop_map(
            |(
                (demands, titles),
                removes,
                moves,
                new_items,
                new_links,
                link_amounts,
                pools,
                stage_names,
                extras,
            )| Edits {
                demands,
                titles,
                removes,
                moves,
                new_items,
                new_links,
                link_amounts,
                pools,
                stage_names,
                extras,
            },
        )
}

/// `e` applied to `p`, edit by edit, each kept only when the plan still
/// keeps the rules. `side` makes the two sides' new ids and words differ.
fn edit(p: &Plan, e: &Edits, side: &str) -> Plan {
    let mut p = p.clone();
    let amount = |n: u64| yuan(n % 10_000_000);
    let try_edit = |p: &mut Plan, f: &dyn Fn(&mut Plan)| {
        let mut next = p.clone();
        f(&mut next);
        if check_rules(&next).is_ok() {
            *p = next;
        }
    };
    for (i, n) in &e.demands {
        try_edit(&mut p, &|p| {
            if !p.items.is_empty() {
                let k = i % p.items.len();
                p.items[k].demand = amount(*n);
            }
        });
    }
    for i in &e.titles {
        try_edit(&mut p, &|p| {
            if !p.items.is_empty() {
                let k = i % p.items.len();
                p.items[k].title = format!("{side} {i}");
            }
        });
    }
    for i in &e.removes {
        try_edit(&mut p, &|p| {
            if !p.items.is_empty() {
                let id = p.items[i % p.items.len()].id.clone();
                p.items.retain(|it| it.id != id);
                p.links.retain(|l| !l.touches(&id));
            }
        });
    }
    for (i, u) in &e.moves {
        try_edit(&mut p, &|p| {
            if !p.items.is_empty() {
                let k = i % p.items.len();
                p.items[k].unit = p.units[u % p.units.len()].id.clone();
            }
        });
    }
    for (k, (i, u)) in e.new_items.iter().enumerate() {
        try_edit(&mut p, &|p| {
            if !p.items.is_empty() {
                let mut item = p.items[i % p.items.len()].clone();
                item.id = format!("{side}-item-{k}").into();
                item.unit = p.units[u % p.units.len()].id.clone();
                p.items.push(item);
            }
        });
    }
    for (k, (s, t, n)) in e.new_links.iter().enumerate() {
        try_edit(&mut p, &|p| {
            if !p.items.is_empty() && !p.links.is_empty() {
                let mut link = p.links[0].clone();
                link.id = format!("{side}-link-{k}").into();
                link.source = p.items[s % p.items.len()].id.clone();
                link.target = p.items[t % p.items.len()].id.clone();
                link.amount = amount(*n);
                p.links.push(link);
            }
        });
    }
    for (i, n) in &e.link_amounts {
        try_edit(&mut p, &|p| {
            if !p.links.is_empty() {
                let k = i % p.links.len();
                p.links[k].amount = amount(*n);
            }
        });
    }
    for (i, n) in &e.pools {
        try_edit(&mut p, &|p| {
            let k = i % p.units.len();
            p.units[k].pool = Some(amount(*n));
        });
    }
    for i in &e.stage_names {
        try_edit(&mut p, &|p| {
            let k = i % p.stages.len();
            p.stages[k].name = format!("{side} stage {i}");
        });
    }
    for (i, v) in &e.extras {
        try_edit(&mut p, &|p| {
            if !p.items.is_empty() {
                let k = i % p.items.len();
                p.items[k]
                    .extra
                    .insert(format!("x_{side}"), json!({ "v": v, "list": [1, "二"] }));
            }
        });
    }
    p
}

/// How a run settles what waits for a choice.
#[derive(Clone, Copy, Debug)]
enum Policy {
    Defaults(Choice),
    TakeAll,
}

fn settle(mut p: ReturnPreview, policy: Policy) -> ReturnPreview {
    for c in &mut p.changes {
        c.choice = match (policy, c.choice) {
            (Policy::TakeAll, _) => Choice::TakeTheirs,
            (Policy::Defaults(settled), Choice::Unsettled) => settled,
            (_, choice) => choice,
        };
    }
    p
}

fn policy() -> impl Strategy<Value = Policy> {
    prop_oneof![
        Just(Policy::Defaults(Choice::KeepOurs)),
        Just(Policy::Defaults(Choice::TakeTheirs)),
        Just(Policy::TakeAll),
    ]
}

const UNITS: usize = 21;

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    #[test]
    fn a_return_left_as_sent_changes_nothing(
        unit in 0..UNITS,
        here in edits(),
        whole in any::<bool>(),
    ) {
        let base = demo_plan();
        let id = base.units[unit % base.units.len()].id.clone();
        let file = if whole { for_comments(&base, CUT) } else { cut_slice(&base, &id, CUT).unwrap() };
        let open = edit(&base, &here, "city");
        let preview = plan_return(&open, &travel(&file));
        prop_assert!(preview.offers_nothing(), "{:#?}", preview.changes);
        prop_assert_eq!(apply_returns(&open, &[preview]).unwrap(), open);
    }

    #[test]
    fn merging_a_return_twice_is_merging_it_once_and_keeps_the_rules(
        unit in 0..UNITS,
        here in edits(),
        there in edits(),
        policy in policy(),
        whole in any::<bool>(),
    ) {
        let base = demo_plan();
        let id = base.units[unit % base.units.len()].id.clone();
        let file = if whole { for_comments(&base, CUT) } else { cut_slice(&base, &id, CUT).unwrap() };
        let open = edit(&base, &here, "city");
        let returned = travel(&edit(&travel(&file), &there, "district"));
        prop_assert!(Sent::read(&returned).is_some());

        // Unsettled conflicts are refused, never applied in part.
        let raw = plan_return(&open, &returned);
        if raw.unsettled().next().is_some() {
            let refused = matches!(
                apply_returns(&open, std::slice::from_ref(&raw)),
                Err(ReturnError::Unsettled { .. })
            );
            prop_assert!(refused);
        }

        match apply_returns(&open, &[settle(raw, policy)]) {
            Ok(once) => {
                prop_assert!(check_rules(&once).is_ok());
                prop_assert_eq!(travel(&once), once.clone());
                let again = settle(plan_return(&once, &returned), policy);
                prop_assert_eq!(apply_returns(&once, &[again]).unwrap(), once.clone());
                // Whatever the sender left as sent is as the open plan has it.
                let sent = Sent::read(&returned).unwrap();
                for item in &returned.items {
                    let key = format!("items/{}", item.id);
                    if sent.records.get(&key) == Some(&item.fingerprint()) && policy_keeps_kept(policy) {
                        prop_assert_eq!(once.item(&item.id), open.item(&item.id));
                    }
                }
            }
            Err(ReturnError::Rule(rule)) => prop_assert!(rule.rule() >= 1),
            Err(other) => prop_assert!(false, "unexpected refusal {other:?}"),
        }
    }
}

fn policy_keeps_kept(policy: Policy) -> bool {
    !matches!(policy, Policy::TakeAll)
}
