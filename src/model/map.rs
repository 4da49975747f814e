//! The district map: one tile per district, placed where the unit's
//! optional `tile` {col, row} puts it (roughly the city's geography);
//! districts without one, or whose place another took first, follow on
//! the rows below in board order.

use super::id::UnitId;
use super::plan::{Level, Plan, Unit};

use std::collections::HashSet;

/// The largest column or row a tile may name (a wider grid is a mistake).
pub const MAX_GRID: u32 = 40;

/// Where one district sits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub unit: UnitId,
    pub col: u32,
    pub row: u32,
}

/// A unit's own tile, when it names a sensible one.
pub fn tile_of(unit: &Unit) -> Option<(u32, u32)> {
    let tile = unit.extra.get("tile")?.as_object()?;
    let n = |k: &str| {
        tile.get(k)?
            .as_u64()
            .and_then(|v| u32::try_from(v).ok())
            .filter(|v| *v <= MAX_GRID)
    };
    Some((n("col")?, n("row")?))
}

/// Every district's place, in board order.
pub fn layout(plan: &Plan) -> Vec<Place> {
    let districts: Vec<&Unit> = plan
        .units_in_board_order()
        .into_iter()
        .filter(|u| u.level == Level::District)
        .collect();
    let mut taken = HashSet::new();
    let mut placed = Vec::with_capacity(districts.len());
    let mut rest = Vec::new();
    for u in &districts {
        match tile_of(u) {
            Some(t) if taken.insert(t) => placed.push(Place {
                unit: u.id.clone(),
                col: t.0,
                row: t.1,
            }),
            _ => rest.push(u.id.clone()),
        }
    }
    let width = placed.iter().map(|p| p.col + 1).max().unwrap_or(0).max(4);
    let first_free = placed.iter().map(|p| p.row + 1).max().unwrap_or(0);
    for (n, unit) in rest.into_iter().enumerate() {
        let n = n as u32;
        placed.push(Place {
            unit,
            col: n % width,
            row: first_free + n / width,
        });
    }
    // Back to board order, so that reading order does not depend on tiles.
    let order: Vec<&str> = districts.iter().map(|u| u.id.as_str()).collect();
    placed.sort_by_key(|p| order.iter().position(|o| p.unit == *o));
    placed
}

/// Beijing's districts on a grid true to the city: the north, the inner
/// ring, the south and the far east.
pub const BEIJING_TILES: [(&str, u32, u32); 16] = [
    ("yanqing", 1, 0),
    ("huairou", 2, 0),
    ("miyun", 3, 0),
    ("changping", 1, 1),
    ("shunyi", 2, 1),
    ("pinggu", 3, 1),
    ("mentougou", 0, 2),
    ("haidian", 1, 2),
    ("xicheng", 2, 2),
    ("dongcheng", 3, 2),
    ("chaoyang", 4, 2),
    ("shijingshan", 1, 3),
    ("fengtai", 2, 3),
    ("tongzhou", 4, 3),
    ("fangshan", 1, 4),
    ("daxing", 3, 4),
];

/// Colours of the coverage bands 0 (nothing) to 5 (met): a single-hue
/// scale from pale to dark blue, readable without telling hues apart.
pub const BAND_FILL: [&str; 6] = [
    "#ffffff", "#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c",
];

/// Whether text on a band's fill should be light.
pub fn light_text(band: u8) -> bool {
    band >= 4
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::demo_plan;

    #[test]
    fn the_demo_districts_sit_where_beijing_has_them() {
        let plan = demo_plan();
        let places = layout(&plan);
        assert_eq!(places.len(), 16);
        for (id, col, row) in BEIJING_TILES {
            let p = places.iter().find(|p| p.unit == id).unwrap();
            assert_eq!((p.col, p.row), (col, row), "{id}");
        }
        let distinct: HashSet<(u32, u32)> = places.iter().map(|p| (p.col, p.row)).collect();
        assert_eq!(distinct.len(), 16);
    }

    #[test]
    fn districts_without_a_tile_or_with_a_taken_one_follow_below() {
        let mut plan = demo_plan();
        for u in &mut plan.units {
            if u.id == "xicheng" {
                u.extra.remove("tile");
            }
            if u.id == "fengtai" {
                u.extra
                    .insert("tile".into(), serde_json::json!({"col": 3, "row": 2}));
            }
            if u.id == "daxing" {
                u.extra
                    .insert("tile".into(), serde_json::json!({"col": -1, "row": 0}));
            }
        }
        let places = layout(&plan);
        let rest: Vec<&Place> = places.iter().filter(|p| p.row >= 5).collect();
        let ids: Vec<&str> = rest.iter().map(|p| p.unit.as_str()).collect();
        assert_eq!(ids, ["xicheng", "fengtai", "daxing"]);
        assert_eq!((rest[0].col, rest[1].col, rest[2].col), (0, 1, 2));
    }
}
