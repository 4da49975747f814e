//! The district map: one tile per district, placed where the unit's
//! optional `tile` {col, row} puts it (roughly the city's geography);
//! districts without one, or whose place another took first, follow on
//! the rows below in board order.

use super::matrix::{band, coverage};
use super::plan::{Level, Plan, Unit};
use super::tally::Tallies;
use crate::i18n::{Key, Lang};
use std::collections::HashSet;

/// The largest column or row a tile may name (a wider grid is a mistake).
pub const MAX_GRID: u32 = 40;

/// Where one district sits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub unit: String,
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
    placed.sort_by_key(|p| order.iter().position(|o| *o == p.unit));
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

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The map as a standalone SVG file: the tiles with names, received and
/// demand, unreached districts hatched and labelled, and a legend.
pub fn map_svg(plan: &Plan, tallies: &Tallies, lang: Lang) -> String {
    const W: u32 = 180;
    const H: u32 = 96;
    const GAP: u32 = 8;
    let places = layout(plan);
    let cols = places.iter().map(|p| p.col + 1).max().unwrap_or(1);
    let rows = places.iter().map(|p| p.row + 1).max().unwrap_or(1);
    let width = cols * (W + GAP) + GAP;
    let legend_y = rows * (H + GAP) + GAP;
    let height = legend_y + 40;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"14\">\n\
         <title>{}</title>\n\
         <defs><pattern id=\"unreached\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" \
         patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#ffffff\"/>\
         <line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#b00020\" stroke-width=\"3\"/></pattern></defs>\n\
         <rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n",
        escape(lang.t(Key::MapTitle))
    );
    for p in &places {
        let Some(unit) = plan.unit(&p.unit) else {
            continue;
        };
        let f = tallies.unit(&p.unit).figures;
        let cov = coverage(f.received, f.demand);
        let b = band(cov);
        let x = GAP + p.col * (W + GAP);
        let y = GAP + p.row * (H + GAP);
        let unreached = b == Some(0);
        let fill = match b {
            Some(0) => "url(#unreached)".to_string(),
            Some(b) => BAND_FILL[usize::from(b)].to_string(),
            None => "#f2f2f2".to_string(),
        };
        let ink = if b.is_some_and(light_text) {
            "#ffffff"
        } else {
            "#111111"
        };
        let status = if unreached {
            lang.t(Key::NotReached).to_string()
        } else {
            cov.map(|c| format!("{}%", c / 10)).unwrap_or_default()
        };
        out.push_str(&format!(
            "<g data-tile=\"{id}\"><rect x=\"{x}\" y=\"{y}\" width=\"{W}\" height=\"{H}\" rx=\"6\" \
             fill=\"{fill}\" stroke=\"#333333\"/>\n\
             <text x=\"{tx}\" y=\"{y1}\" fill=\"{ink}\" font-weight=\"bold\">{name}</text>\n\
             <text x=\"{tx}\" y=\"{y2}\" fill=\"{ink}\">{received} / {demand}</text>\n\
             <text x=\"{tx}\" y=\"{y3}\" fill=\"{ink}\">{status}</text></g>\n",
            id = escape(&p.unit),
            tx = x + 10,
            y1 = y + 24,
            y2 = y + 50,
            y3 = y + 76,
            name = escape(&lang.unit_name(unit)),
            received = lang.amount(f.received),
            demand = lang.amount(f.demand),
            status = escape(&status),
        ));
    }
    let mut x = GAP;
    for (b, label) in legend(lang) {
        let fill = if b == 0 {
            "url(#unreached)"
        } else {
            BAND_FILL[usize::from(b)]
        };
        out.push_str(&format!(
            "<rect x=\"{x}\" y=\"{legend_y}\" width=\"20\" height=\"20\" fill=\"{fill}\" stroke=\"#333333\"/>\
             <text x=\"{}\" y=\"{}\">{}</text>\n",
            x + 26,
            legend_y + 15,
            escape(&label)
        ));
        x += 150;
    }
    out.push_str("</svg>\n");
    out
}

/// The legend: each band and what it means.
pub fn legend(lang: Lang) -> Vec<(u8, String)> {
    vec![
        (0, lang.t(Key::NotReached).to_string()),
        (1, "< 25%".to_string()),
        (2, "25–49%".to_string()),
        (3, "50–74%".to_string()),
        (4, "75–99%".to_string()),
        (5, lang.t(Key::DemandMet).to_string()),
    ]
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

    #[test]
    fn the_svg_names_every_district_and_marks_the_unreached() {
        let plan = demo_plan();
        let tallies = Tallies::of(&plan);
        let svg = map_svg(&plan, &tallies, Lang::Zh);
        assert!(svg.starts_with("<svg"));
        assert_eq!(svg.matches("data-tile=").count(), 16);
        assert!(svg.contains("延庆"));
        assert!(svg.contains("url(#unreached)"));
    }
}
