//! The district map as an SVG file, and its legend, in the reader's
//! language (the model lays out the tiles).

use crate::i18n::{Key, Lang};
use crate::model::map::{layout, light_text, BAND_FILL};
use crate::model::matrix::{band, coverage};
use crate::model::{Plan, Tallies};

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
            id = escape(p.unit.as_str()),
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
