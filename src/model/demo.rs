//! The plan a first visit shows, and the empty plan "New plan" starts.

use super::load::load_str;
use super::plan::Plan;

const DEMO_PLAN: &str = include_str!("demo_plan.json");

/// The demo board: the municipal association, Beijing's 16 districts and
/// four affiliated units, with work items and links as a meeting would have
/// them.
pub fn demo_plan() -> Plan {
    // The embedded demo keeps every rule (a test says so); were it ever to
    // break, the board still opens, with one stage and nothing else.
    load_str(DEMO_PLAN).unwrap_or_else(|_| bare_plan())
}

/// The least a plan holds: one stage.
fn bare_plan() -> Plan {
    Plan {
        format: super::plan::FORMAT.to_string(),
        version: super::plan::VERSION,
        id: "demo".to_string(),
        title: String::new(),
        year: 2026,
        currency: "CNY".to_string(),
        revision: None,
        updated_at: None,
        units: Vec::new(),
        stages: vec![super::plan::Stage {
            id: "proposed".into(),
            name: "Proposed".to_string(),
            name_zh: Some("提出".to_string()),
            extra: Default::default(),
        }],
        items: Vec::new(),
        links: Vec::new(),
        extra: Default::default(),
    }
}

/// A plan with the demo's units and stages and nothing else.
pub fn new_plan(id: String, title: String, year: u16, now: &str) -> Plan {
    let mut plan = demo_plan();
    plan.id = id;
    plan.title = title;
    plan.year = year;
    plan.revision = Some(0);
    plan.updated_at = Some(now.to_string());
    plan.items.clear();
    plan.links.clear();
    for unit in &mut plan.units {
        unit.pool = None;
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_demo_and_its_words_load_and_the_bare_plan_keeps_the_rules() {
        assert!(load_str(DEMO_PLAN).is_ok());
        assert!(crate::model::check_plan(&bare_plan()).is_ok());
    }
    use crate::model::plan::Level;
    use crate::model::rules::check_rules;
    use crate::model::tally::Tallies;

    #[test]
    fn demo_has_the_city_its_sixteen_districts_and_four_affiliates() {
        let plan = demo_plan();
        let count = |level| plan.units.iter().filter(|u| u.level == level).count();
        assert_eq!(count(Level::Municipal), 1);
        assert_eq!(count(Level::District), 16);
        assert_eq!(count(Level::Affiliate), 4);
        assert!(plan.units.iter().all(|u| u.name_zh.is_some()));
        let t = Tallies::of(&plan);
        assert_eq!(t.plan.districts, 16);
        assert!(
            t.plan.covered >= 12 && t.plan.covered < 16,
            "some districts unreached"
        );
        assert!(t.plan.figures.received > 0);
    }

    #[test]
    fn new_plan_keeps_units_and_stages_only() {
        let demo = demo_plan();
        let plan = new_plan("p2".into(), "2028".into(), 2028, "2026-01-01T00:00:00Z");
        check_rules(&plan).unwrap();
        assert_eq!(plan.units.len(), demo.units.len());
        assert_eq!(plan.stages, demo.stages);
        assert!(plan.items.is_empty() && plan.links.is_empty());
        assert_eq!(Tallies::of(&plan).plan.figures.budget, 0);
    }
}
