//! The demo in the reader's words.

use crate::i18n::Lang;
use crate::model::{demo_plan, Plan};
use serde_json::Value;

/// The demo's words in Chinese: the plan title, every title and note (by
/// their English text) and every tag. Ids, units, stages, links and amounts
/// are the English demo's, so both have the same tallies.
const DEMO_PLAN_ZH: &str = include_str!("../model/demo_plan_zh.json");

/// The demo in the reader's language.
pub fn demo_plan_for(lang: Lang) -> Plan {
    let mut plan = demo_plan();
    if lang == Lang::En {
        return plan;
    }
    // The embedded words are JSON (a test reads them); a word not found
    // stays English.
    let zh: Value = serde_json::from_str(DEMO_PLAN_ZH).unwrap_or(Value::Null);
    let word =
        |table: &str, en: &str| -> String { zh[table][en].as_str().unwrap_or(en).to_string() };
    if let Some(title) = zh["title"].as_str() {
        plan.title = title.to_string();
    }
    for item in &mut plan.items {
        item.title = word("text", &item.title);
        if let Some(notes) = &mut item.notes {
            *notes = word("text", notes);
        }
        for tag in item.tags.iter_mut().flatten() {
            *tag = word("tags", tag);
        }
    }
    for link in &mut plan.links {
        if let Some(note) = &mut link.note {
            *note = word("text", note);
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{check_rules, Tallies};

    #[test]
    fn the_chinese_words_are_json() {
        assert!(serde_json::from_str::<Value>(DEMO_PLAN_ZH).is_ok());
    }

    #[test]
    fn the_chinese_demo_is_the_same_plan_in_chinese_words() {
        let en = demo_plan_for(Lang::En);
        let zh = demo_plan_for(Lang::Zh);
        assert_eq!(en, demo_plan());
        check_rules(&zh).unwrap();
        assert_eq!(crate::model::load_str(&zh.to_json()).unwrap(), zh);
        assert_eq!(Tallies::of(&en), Tallies::of(&zh));
        assert_eq!(
            (&en.id, &en.units, &en.stages),
            (&zh.id, &zh.units, &zh.stages)
        );
        let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        assert!(cjk(&zh.title));
        for (a, b) in en.items.iter().zip(&zh.items) {
            assert_eq!(
                (&a.id, a.budget, a.demand, &a.category),
                (&b.id, b.budget, b.demand, &b.category)
            );
            assert!(cjk(&b.title), "{} is translated", a.title);
            assert!(b.notes.as_deref().is_none_or(cjk), "{:?}", b.notes);
            for tag in b.tags.iter().flatten() {
                assert!(cjk(tag), "tag {tag}");
            }
        }
        for (a, b) in en.links.iter().zip(&zh.links) {
            assert_eq!(
                (&a.id, &a.source, &a.target, a.amount),
                (&b.id, &b.source, &b.target, b.amount)
            );
            assert!(b.note.as_deref().is_none_or(cjk));
        }
    }
}
