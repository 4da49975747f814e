//! How evenly the resources reach the districts, and how much goes to each
//! category of work.

use super::id::{ItemId, UnitId};
use super::order::{sort_by, sort_by_key};
use super::plan::{Level, Plan};
use super::tally::Tallies;
use super::view::{category_of, CATEGORIES};

/// One district's demand against what it receives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DistrictRow {
    pub unit: UnitId,
    pub demand: i128,
    pub received: i128,
    pub gap: i128,
}

impl DistrictRow {
    /// Received ÷ demand, capped at 1 (over-serving is not inequality);
    /// `None` for a district that asks for nothing.
    pub fn coverage(&self) -> Option<f64> {
        (self.demand > 0).then(|| (self.received as f64 / self.demand as f64).min(1.0))
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortKey {
    /// Board order.
    #[default]
    Board,
    Demand,
    Received,
    Gap,
    Coverage,
}

impl SortKey {
    pub const ALL: [SortKey; 5] = [
        SortKey::Board,
        SortKey::Demand,
        SortKey::Received,
        SortKey::Gap,
        SortKey::Coverage,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Board => "board",
            SortKey::Demand => "demand",
            SortKey::Received => "received",
            SortKey::Gap => "gap",
            SortKey::Coverage => "coverage",
        }
    }
}

/// The districts, in board order or sorted by `key` (largest first; for
/// coverage, the least covered first, so those left behind lead).
pub fn district_rows(plan: &Plan, tallies: &Tallies, key: SortKey) -> Vec<DistrictRow> {
    let mut rows: Vec<DistrictRow> = plan
        .units
        .iter()
        .filter(|u| u.level == Level::District)
        .map(|u| {
            let f = tallies.unit(&u.id).figures;
            DistrictRow {
                unit: u.id.clone(),
                demand: f.demand,
                received: f.received,
                gap: f.gap,
            }
        })
        .collect();
    match key {
        SortKey::Board => {}
        SortKey::Demand => sort_by_key(&mut rows, |r| std::cmp::Reverse(r.demand)),
        SortKey::Received => sort_by_key(&mut rows, |r| std::cmp::Reverse(r.received)),
        SortKey::Gap => sort_by_key(&mut rows, |r| std::cmp::Reverse(r.gap)),
        SortKey::Coverage => sort_by(&mut rows, |a, b| {
            let c = |r: &DistrictRow| r.coverage().unwrap_or(f64::INFINITY);
            c(a).total_cmp(&c(b))
        }),
    }
    rows
}

/// The Gini coefficient of the districts' coverage (received ÷ demand,
/// capped at 1): 0 when every district is covered alike, towards 1 when a
/// few get everything. Districts that ask for nothing are left out; `None`
/// when fewer than two districts ask for anything.
pub fn gini(rows: &[DistrictRow]) -> Option<f64> {
    let mut values: Vec<f64> = rows.iter().filter_map(DistrictRow::coverage).collect();
    if values.len() < 2 {
        return None;
    }
    sort_by(&mut values, f64::total_cmp);
    let n = values.len() as f64;
    let sum: f64 = values.iter().sum();
    if sum == 0.0 {
        // Nobody covered at all: equal, if equally bad.
        return Some(0.0);
    }
    // G = Σ (2i − n − 1) x_i / (n Σ x), i from 1, x ascending.
    let weighted: f64 = values
        .iter()
        .enumerate()
        .map(|(i, x)| (2.0 * (i as f64 + 1.0) - n - 1.0) * x)
        .sum();
    Some(weighted / (n * sum))
}

/// Sums for one category of work.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CategoryRow {
    pub category: String,
    pub items: usize,
    pub budget: i128,
    pub demand: i128,
    pub received: i128,
}

/// Budget, demand and received per category: the suggested categories in
/// their order, then any others the plan uses. Items without a category
/// count as `other`.
pub fn category_rows(plan: &Plan, tallies: &Tallies) -> Vec<CategoryRow> {
    let mut rows: Vec<CategoryRow> = CATEGORIES
        .iter()
        .map(|c| CategoryRow {
            category: c.to_string(),
            ..CategoryRow::default()
        })
        .collect();
    for item in &plan.items {
        let c = category_of(item);
        let i = match rows.iter().position(|r| r.category == c) {
            Some(i) => i,
            None => {
                rows.push(CategoryRow {
                    category: c.to_string(),
                    ..CategoryRow::default()
                });
                rows.len() - 1
            }
        };
        let f = tallies.item(&item.id).figures;
        let row = &mut rows[i];
        row.items += 1;
        row.budget += f.budget;
        row.demand += f.demand;
        row.received += f.received;
    }
    rows
}

/// A program (an item of a unit that gives: municipal or affiliate) with
/// what it has given and what its unit has left in its pool.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgramRow {
    pub item: ItemId,
    pub title: String,
    pub unit: UnitId,
    pub given: i128,
    pub remaining: Option<i128>,
}

/// The programs of the units that are not districts, in board order.
pub fn program_rows(plan: &Plan, tallies: &Tallies) -> Vec<ProgramRow> {
    plan.units_in_board_order()
        .into_iter()
        .filter(|u| u.level != Level::District)
        .flat_map(|u| {
            let remaining = tallies.unit(&u.id).remaining;
            plan.items
                .iter()
                .filter(move |i| i.unit == u.id)
                .map(move |i| ProgramRow {
                    item: i.id.clone(),
                    title: i.title.clone(),
                    unit: u.id.clone(),
                    given: tallies.item(&i.id).figures.given,
                    remaining,
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::demo_plan;

    fn row(demand: i128, received: i128) -> DistrictRow {
        DistrictRow {
            unit: UnitId::default(),
            demand,
            received,
            gap: demand - received,
        }
    }

    #[test]
    fn gini_is_zero_when_even_and_grows_with_inequality() {
        assert_eq!(gini(&[row(100, 50), row(200, 100), row(10, 5)]), Some(0.0));
        let g = gini(&[row(100, 100), row(100, 0)]).unwrap();
        assert!((g - 0.5).abs() < 1e-12, "{g}");
        let g4 = gini(&[row(1, 1), row(1, 0), row(1, 0), row(1, 0)]).unwrap();
        assert!((g4 - 0.75).abs() < 1e-12, "{g4}");
        assert_eq!(gini(&[row(100, 10)]), None);
        assert_eq!(gini(&[row(0, 10), row(0, 0), row(5, 1)]), None);
        // Over-serving counts as fully covered, not as more equal or less.
        assert_eq!(gini(&[row(100, 300), row(100, 100)]), Some(0.0));
    }

    #[test]
    fn rows_cover_every_district_and_sort() {
        let plan = demo_plan();
        let t = Tallies::of(&plan);
        let rows = district_rows(&plan, &t, SortKey::Board);
        assert_eq!(rows.len(), 16);
        assert_eq!(rows.iter().map(|r| r.received).sum::<i128>(), {
            plan.units
                .iter()
                .filter(|u| u.level == Level::District)
                .map(|u| t.unit(&u.id).figures.received)
                .sum::<i128>()
        });
        let by_gap = district_rows(&plan, &t, SortKey::Gap);
        assert!(by_gap.windows(2).all(|w| w[0].gap >= w[1].gap));
        let by_cov = district_rows(&plan, &t, SortKey::Coverage);
        assert_eq!(
            by_cov[0].unit, "yanqing",
            "the district nothing reaches leads"
        );
        let g = gini(&rows).unwrap();
        assert!(g > 0.0 && g < 1.0);
    }

    #[test]
    fn programs_are_the_givers_items() {
        let plan = demo_plan();
        let t = Tallies::of(&plan);
        let rows = program_rows(&plan, &t);
        assert!(rows
            .iter()
            .all(|r| plan.unit(&r.unit).unwrap().level != Level::District));
        assert_eq!(
            rows.iter().map(|r| r.given).sum::<i128>(),
            t.plan.figures.given
        );
        assert_eq!(rows[0].remaining, t.unit("bast").remaining);
    }

    #[test]
    fn categories_add_up_to_the_plan() {
        let plan = demo_plan();
        let t = Tallies::of(&plan);
        let rows = category_rows(&plan, &t);
        assert_eq!(rows[0].category, "key-work");
        assert_eq!(
            rows.iter().map(|r| r.items).sum::<usize>(),
            plan.items.len()
        );
        assert_eq!(
            rows.iter().map(|r| r.budget).sum::<i128>(),
            t.plan.figures.budget
        );
        assert_eq!(
            rows.iter().map(|r| r.received).sum::<i128>(),
            t.plan.figures.received
        );
    }
}
