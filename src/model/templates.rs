//! What "New plan" starts from: a blank board of N districts, Beijing's
//! associations, or next year's plan made from this year's. Each result
//! keeps every rule of the format and opens again from its own file.

use super::demo::{demo_plan, new_plan};
use super::fields;
use super::plan::{Level, Plan, Unit, FORMAT, VERSION};
use super::setup::{check_year, SetupError, SetupField};

/// What next year's plan takes from this year's items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Carry {
    /// Units, pools and stages only: an empty board.
    Nothing,
    /// Also the items not yet at the last stage (without their links), at
    /// the stage they reached, with their budget and demand; their quarter
    /// is cleared, as it was a quarter of the old year.
    OpenItems,
}

/// What a plan is called when it is given no title: "2028 Work Plan" in
/// the reader's language, which the caller knows.
pub type Untitled<'a> = &'a dyn Fn(u16) -> String;

/// The title as given, or what `untitled` calls a plan of `year`.
fn title_for(title: &str, year: u16, untitled: Untitled) -> Result<String, SetupError> {
    let title = title.trim();
    if title.is_empty() {
        return Ok(untitled(year));
    }
    fields::PLAN_TITLE
        .check(title)
        .map_err(|p| SetupError::text(SetupField::Title, p))?;
    Ok(title.to_string())
}

fn start(plan: &mut Plan, id: String, title: String, year: u16, now: &str) {
    plan.format = FORMAT.to_string();
    plan.version = VERSION;
    plan.id = id;
    plan.title = title;
    plan.year = year;
    plan.revision = Some(0);
    plan.updated_at = Some(now.to_string());
}

/// One municipal association and `districts` districts named "District 1"
/// (第1区) onwards, the demo's stages, no items. An empty `title` gives
/// "2028 Work Plan" in the reader's language (`untitled`).
pub fn blank(
    id: String,
    title: &str,
    year: u16,
    districts: usize,
    untitled: Untitled,
    now: &str,
) -> Result<Plan, SetupError> {
    check_year(i64::from(year))?;
    let title = title_for(title, year, untitled)?;
    let unit = |id: super::id::UnitId, name: String, name_zh: String, level| Unit {
        id,
        name,
        name_zh: Some(name_zh),
        level,
        pool: None,
        extra: Default::default(),
    };
    let mut units = vec![unit(
        "municipal".into(),
        "Municipal Association".into(),
        "市级协会".into(),
        Level::Municipal,
    )];
    units.extend((1..=districts).map(|n| {
        unit(
            format!("district-{n}").into(),
            format!("District {n}"),
            format!("第{n}区"),
            Level::District,
        )
    }));
    let mut plan = demo_plan();
    plan.units = units;
    plan.items.clear();
    plan.links.clear();
    plan.extra.clear();
    start(&mut plan, id, title, year, now);
    Ok(plan)
}

/// The municipal association, Beijing's 16 districts and the 4 affiliated
/// units, named in both languages; the demo's stages; no items, no pools.
pub fn beijing(
    id: String,
    title: &str,
    year: u16,
    untitled: Untitled,
    now: &str,
) -> Result<Plan, SetupError> {
    check_year(i64::from(year))?;
    let title = title_for(title, year, untitled)?;
    let mut plan = new_plan(id.clone(), title.clone(), year, now);
    plan.extra.clear();
    start(&mut plan, id, title, year, now);
    Ok(plan)
}

/// Next year's plan from `plan` (left untouched): the same units with their
/// pools, the same stages, year + 1, a new id, revision 0, and the items
/// `carry` says. An empty `title` gives this plan's title with the year
/// moved on when it names the year, else what `untitled` says.
/// Refused when the year after is outside 2000–2100.
pub fn next_year(
    plan: &Plan,
    new_id: String,
    title: &str,
    carry: Carry,
    untitled: Untitled,
    now: &str,
) -> Result<Plan, SetupError> {
    let year = plan.year.saturating_add(1);
    check_year(i64::from(year))?;
    let old_year = plan.year.to_string();
    let title = if title.trim().is_empty() && plan.title.contains(&old_year) {
        title_for(
            &plan.title.replace(&old_year, &year.to_string()),
            year,
            untitled,
        )?
    } else {
        title_for(title, year, untitled)?
    };
    let mut next = plan.clone();
    start(&mut next, new_id, title, year, now);
    // A plan of its own, not a copy sent out to be returned.
    next.extra.shift_remove("sent");
    next.links.clear();
    match carry {
        Carry::Nothing => next.items.clear(),
        Carry::OpenItems => {
            let last = plan.stages.last().map(|s| s.id.as_str());
            next.items.retain(|i| Some(i.stage.as_str()) != last);
            for item in &mut next.items {
                item.quarter = None;
            }
        }
    }
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the interface calls an untitled plan, in each language.
    fn english(year: u16) -> String {
        format!("{year} Work Plan")
    }
    fn chinese(year: u16) -> String {
        format!("{year}年工作计划")
    }
    use crate::model::{check_rules, load_str, Tallies};

    const NOW: &str = "2026-12-01T00:00:00Z";

    fn round_trips(plan: &Plan) {
        check_rules(plan).unwrap();
        let back = load_str(&plan.to_json()).unwrap();
        assert_eq!(&back, plan);
    }

    #[test]
    fn a_blank_board_of_n_districts() {
        let plan = blank("p1".into(), "", 2028, 5, &chinese, NOW).unwrap();
        round_trips(&plan);
        assert_eq!(plan.title, "2028年工作计划");
        assert_eq!(plan.units.len(), 6);
        assert_eq!(plan.units[0].level, Level::Municipal);
        assert_eq!(plan.units[3].name, "District 3");
        assert_eq!(plan.units[3].name_zh.as_deref(), Some("第3区"));
        assert_eq!(plan.stages, demo_plan().stages);
        assert!(plan.items.is_empty() && plan.links.is_empty());
        assert_eq!(Tallies::of(&plan).plan.districts, 5);
        assert_eq!(plan.revision, Some(0));
        let en = blank("p1".into(), " My board ", 2028, 0, &english, NOW).unwrap();
        assert_eq!(en.title, "My board");
        round_trips(&en);
        assert_eq!(
            blank("p".into(), "", 1999, 3, &english, NOW),
            Err(SetupError::Year { year: 1999 })
        );
    }

    #[test]
    fn beijing_has_its_sixteen_districts_and_four_affiliates() {
        let plan = beijing("p2".into(), "", 2028, &english, NOW).unwrap();
        round_trips(&plan);
        assert_eq!(plan.title, "2028 Work Plan");
        let count = |level| plan.units.iter().filter(|u| u.level == level).count();
        assert_eq!(
            (
                count(Level::Municipal),
                count(Level::District),
                count(Level::Affiliate)
            ),
            (1, 16, 4)
        );
        assert!(plan
            .units
            .iter()
            .all(|u| u.name_zh.is_some() && u.pool.is_none()));
        assert!(plan.items.is_empty());
    }

    #[test]
    fn next_year_keeps_units_pools_and_stages_and_may_carry_open_items() {
        let demo = demo_plan();
        let copy = demo.clone();
        let next = next_year(&demo, "p3".into(), "", Carry::Nothing, &english, NOW).unwrap();
        assert_eq!(demo, copy, "the source plan is untouched");
        round_trips(&next);
        assert_eq!(next.year, 2028);
        assert_eq!(next.title, demo.title.replace("2027", "2028"));
        assert_eq!(next.units, demo.units);
        assert_eq!(next.stages, demo.stages);
        assert!(next.items.is_empty() && next.links.is_empty());
        assert_eq!(Tallies::of(&next).plan.pool, Tallies::of(&demo).plan.pool);

        let carried =
            next_year(&demo, "p4".into(), "明年", Carry::OpenItems, &chinese, NOW).unwrap();
        round_trips(&carried);
        assert_eq!(carried.title, "明年");
        let last = &demo.stages.last().unwrap().id;
        let open: Vec<_> = demo.items.iter().filter(|i| &i.stage != last).collect();
        assert!(!open.is_empty() && open.len() < demo.items.len());
        assert_eq!(carried.items.len(), open.len());
        for (a, b) in carried.items.iter().zip(open) {
            assert_eq!(
                (&a.id, a.budget, a.demand, &a.stage),
                (&b.id, b.budget, b.demand, &b.stage)
            );
            assert_eq!(a.quarter, None);
        }
        assert!(carried.links.is_empty());
    }

    #[test]
    fn next_year_sheds_the_sent_block_and_stops_at_2100() {
        let mut plan = demo_plan();
        plan.extra
            .insert("sent".into(), serde_json::json!({"revision": 1}));
        plan.extra.insert("x-future".into(), serde_json::json!(1));
        let next = next_year(&plan, "p".into(), "", Carry::Nothing, &english, NOW).unwrap();
        assert!(!next.extra.contains_key("sent"));
        assert!(next.extra.contains_key("x-future"));
        plan.year = 2100;
        assert_eq!(
            next_year(&plan, "p".into(), "", Carry::Nothing, &english, NOW),
            Err(SetupError::Year { year: 2101 })
        );
    }
}
