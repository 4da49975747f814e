//! A printed plan says at its top what it is: title, year, revision, when
//! it was printed, the districts not reached yet and each unit's pool with
//! what it has left, in the reader's language.

use linkage_board::i18n::Lang;
use linkage_board::model::{unreached_districts, ItemId, Plan, Tallies, UnitId};
use linkage_board::report::{demo_plan_for, print_header};

fn header(plan: &Plan, lang: Lang) -> Vec<(String, String)> {
    print_header(plan, &Tallies::of(plan), lang, "2027-03-14")
}

fn pairs(lines: &[(String, String)]) -> Vec<(&str, &str)> {
    lines
        .iter()
        .map(|(l, v)| (l.as_str(), v.as_str()))
        .collect()
}

#[test]
fn the_header_reads_in_english() {
    let plan = demo_plan_for(Lang::En);
    let t = Tallies::of(&plan);
    let lines = header(&plan, Lang::En);
    let p = pairs(&lines);
    assert_eq!(p[0], ("Title", plan.title.as_str()));
    assert_eq!(p[1], ("Year", "2027"));
    assert_eq!(p[2], ("Revision", "1"));
    assert_eq!(p[3], ("Printed", "2027-03-14"));
    assert_eq!(p[4].0, "Not reached yet");
    let unreached = unreached_districts(&plan, &t);
    assert!(
        !unreached.is_empty(),
        "the demo leaves a district unreached"
    );
    let names: Vec<&str> = unreached
        .iter()
        .map(|id| plan.unit(id).unwrap().name.as_str())
        .collect();
    assert_eq!(p[4].1, names.join(", "));
    let pooled: Vec<_> = plan
        .units_in_board_order()
        .into_iter()
        .filter(|u| u.pool.is_some())
        .collect();
    assert_eq!(lines.len(), 5 + pooled.len());
    let bast = &t.unit("bast");
    assert_eq!(
        p[5],
        (
            "Pool of Municipal Association for Science and Technology",
            format!(
                "15,000,000 yuan ({} yuan left)",
                linkage_board::model::group_thousands(bast.remaining.unwrap())
            )
            .as_str()
        )
    );
}

#[test]
fn the_header_reads_in_chinese() {
    let plan = demo_plan_for(Lang::Zh);
    let t = Tallies::of(&plan);
    let lines = header(&plan, Lang::Zh);
    let p = pairs(&lines);
    assert_eq!(p[0], ("标题", plan.title.as_str()));
    assert_eq!(p[1], ("年度", "2027"));
    assert_eq!(p[2], ("版本", "1"));
    assert_eq!(p[3], ("打印日期", "2027-03-14"));
    assert_eq!(p[4].0, "尚未覆盖");
    let names: Vec<String> = unreached_districts(&plan, &t)
        .iter()
        .map(|id| plan.unit(id).unwrap().name_zh.clone().unwrap())
        .collect();
    assert_eq!(p[4].1, names.join("、"));
    assert_eq!(p[5].0, "北京市科学技术协会可下沉资源");
    assert!(p[5].1.starts_with("1,500万元（剩余 "), "{}", p[5].1);
    for (label, value) in &p {
        assert!(!label.is_empty() && !value.is_empty());
        assert!(
            !label.contains('{') && !value.contains('{'),
            "{label}: {value}"
        );
    }
}

#[test]
fn every_district_reached_and_no_revision_yet() {
    for (lang, reached) in [
        (Lang::En, "Every district reached"),
        (Lang::Zh, "各区均已覆盖"),
    ] {
        let mut plan = demo_plan_for(lang);
        plan.revision = None;
        plan.units
            .retain(|u| u.level != linkage_board::model::Level::District);
        let units: Vec<UnitId> = plan.units.iter().map(|u| u.id.clone()).collect();
        plan.items.retain(|i| units.contains(&i.unit));
        let items: Vec<ItemId> = plan.items.iter().map(|i| i.id.clone()).collect();
        plan.links
            .retain(|l| items.contains(&l.source) && items.contains(&l.target));
        for u in &mut plan.units {
            u.pool = None;
        }
        let lines = header(&plan, lang);
        assert_eq!(lines.len(), 5, "no unit has a pool");
        assert_eq!(lines[2].1, "—");
        assert_eq!(lines[4].1, reached);
    }
}
