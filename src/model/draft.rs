//! A card as its edit form holds it: text as typed, turned into an item
//! only when every field reads correctly.

use super::amount::{Amount, AmountError};
use super::fields;
use super::id::UnitId;
use super::linking::new_item_id;
use super::plan::{Item, Plan};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Notes,
    Category,
    Quarter,
    Stage,
    Budget,
    Demand,
    Tags,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldError {
    Amount(AmountError),
    Empty,
    TooLong { max: usize },
    Quarter,
}

/// The blank card a new item for `unit_id` starts from: an unused id, the
/// plan's first stage, no title yet and amounts of 0. Its empty title keeps
/// it from being added until the form gives it one.
pub fn blank_item(plan: &Plan, unit_id: &UnitId) -> Item {
    Item {
        id: new_item_id(plan),
        unit: unit_id.clone(),
        stage: plan
            .stages
            .first()
            .map(|s| s.id.clone())
            .unwrap_or_default(),
        title: String::new(),
        notes: None,
        category: None,
        quarter: None,
        budget: Amount::ZERO,
        demand: Amount::ZERO,
        tags: None,
        extra: Default::default(),
    }
}

/// The form's text, field by field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ItemDraft {
    pub title: String,
    pub notes: String,
    pub category: String,
    /// "", "1" … "4".
    pub quarter: String,
    pub stage: String,
    pub budget: String,
    pub demand: String,
    /// Separated by commas (`,` or `，`) or semicolons.
    pub tags: String,
}

impl ItemDraft {
    /// The form's text by field name (kept while a page reloads).
    pub fn fields(&self) -> [(&'static str, &str); 8] {
        [
            ("title", &self.title),
            ("notes", &self.notes),
            ("category", &self.category),
            ("quarter", &self.quarter),
            ("stage", &self.stage),
            ("budget", &self.budget),
            ("demand", &self.demand),
            ("tags", &self.tags),
        ]
    }

    /// The form from its text by field name ([`ItemDraft::fields`]).
    pub fn from_fields(get: impl Fn(&str) -> String) -> ItemDraft {
        ItemDraft {
            title: get("title"),
            notes: get("notes"),
            category: get("category"),
            quarter: get("quarter"),
            stage: get("stage"),
            budget: get("budget"),
            demand: get("demand"),
            tags: get("tags"),
        }
    }

    pub fn of(item: &Item) -> ItemDraft {
        ItemDraft {
            title: item.title.clone(),
            notes: item.notes.clone().unwrap_or_default(),
            category: item.category.clone().unwrap_or_default(),
            quarter: item.quarter.map(|q| q.to_string()).unwrap_or_default(),
            stage: item.stage.to_string(),
            budget: item.budget.yuan().to_string(),
            demand: item.demand.yuan().to_string(),
            tags: item.tags.as_ref().map(|t| t.join(", ")).unwrap_or_default(),
        }
    }

    /// The draft moved onto `now`: the fields typed since the form opened
    /// at `start` are kept, every other field takes its value in `now`. So
    /// a card another window changed meanwhile keeps that change in every
    /// field this form did not touch.
    pub fn rebase(&self, start: &ItemDraft, now: &ItemDraft) -> ItemDraft {
        let pick = |mine: &String, was: &String, theirs: &String| {
            if mine == was { theirs } else { mine }.clone()
        };
        ItemDraft {
            title: pick(&self.title, &start.title, &now.title),
            notes: pick(&self.notes, &start.notes, &now.notes),
            category: pick(&self.category, &start.category, &now.category),
            quarter: pick(&self.quarter, &start.quarter, &now.quarter),
            stage: pick(&self.stage, &start.stage, &now.stage),
            budget: pick(&self.budget, &start.budget, &now.budget),
            demand: pick(&self.demand, &start.demand, &now.demand),
            tags: pick(&self.tags, &start.tags, &now.tags),
        }
    }

    /// `base` with the draft's fields, or every field that does not read.
    /// Fields left empty that were absent stay absent, so a save that
    /// changes nothing gives back `base` exactly.
    pub fn apply(&self, base: &Item) -> Result<Item, Vec<(Field, FieldError)>> {
        let mut errors = Vec::new();
        let mut item = base.clone();
        let title = self.title.trim();
        if fields::is_blank(title) {
            errors.push((Field::Title, FieldError::Empty));
        } else if title.chars().count() > fields::ITEM_TITLE.max {
            errors.push((
                Field::Title,
                FieldError::TooLong {
                    max: fields::ITEM_TITLE.max,
                },
            ));
        } else if title != base.title {
            item.title = title.to_string();
        }
        if self.notes.chars().count() > fields::ITEM_NOTES.max {
            errors.push((
                Field::Notes,
                FieldError::TooLong {
                    max: fields::ITEM_NOTES.max,
                },
            ));
        } else {
            item.notes = optional(&self.notes, base.notes.as_deref());
        }
        if self.category.trim().chars().count() > fields::ITEM_CATEGORY.max {
            errors.push((
                Field::Category,
                FieldError::TooLong {
                    max: fields::ITEM_CATEGORY.max,
                },
            ));
        } else {
            item.category = optional(self.category.trim(), base.category.as_deref());
        }
        match self.quarter.trim() {
            "" => item.quarter = None,
            q => match q.parse::<u8>() {
                Ok(n @ 1..=4) => item.quarter = Some(n),
                _ => errors.push((Field::Quarter, FieldError::Quarter)),
            },
        }
        if self.stage.is_empty() {
            errors.push((Field::Stage, FieldError::Empty));
        } else {
            item.stage = self.stage.as_str().into();
        }
        for (field, text, slot) in [
            (Field::Budget, &self.budget, &mut item.budget),
            (Field::Demand, &self.demand, &mut item.demand),
        ] {
            match Amount::parse(text) {
                Ok(a) => *slot = a,
                Err(e) => errors.push((field, FieldError::Amount(e))),
            }
        }
        let tags: Vec<String> = self
            .tags
            .split([',', '，', ';', '；'])
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect();
        if tags
            .iter()
            .any(|t| t.chars().count() > fields::ITEM_TAG.max)
        {
            errors.push((
                Field::Tags,
                FieldError::TooLong {
                    max: fields::ITEM_TAG.max,
                },
            ));
        } else if tags.is_empty() {
            item.tags = base.tags.as_ref().filter(|t| t.is_empty()).cloned();
        } else {
            item.tags = Some(tags);
        }
        if errors.is_empty() {
            Ok(item)
        } else {
            Err(errors)
        }
    }
}

/// An optional text field: empty means absent, unless it was present and
/// empty before.
fn optional(text: &str, before: Option<&str>) -> Option<String> {
    if text.is_empty() {
        before.filter(|b| b.is_empty()).map(str::to_string)
    } else {
        Some(text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::demo_plan;

    #[test]
    fn an_unchanged_draft_gives_back_the_item() {
        for item in &demo_plan().items {
            assert_eq!(ItemDraft::of(item).apply(item).as_ref(), Ok(item));
        }
    }

    #[test]
    fn amounts_are_read_as_people_type_them() {
        let item = demo_plan().items[10].clone();
        let mut d = ItemDraft::of(&item);
        d.budget = "12.5万元".into();
        d.demand = "125,000".into();
        let next = d.apply(&item).unwrap();
        assert_eq!(next.budget.yuan(), 125_000);
        assert_eq!(next.demand.yuan(), 125_000);
    }

    #[test]
    fn every_bad_field_is_named() {
        let item = demo_plan().items[0].clone();
        let mut d = ItemDraft::of(&item);
        d.title = "  ".into();
        d.budget = "-5".into();
        d.demand = "12.5".into();
        d.quarter = "5".into();
        let errors = d.apply(&item).unwrap_err();
        assert_eq!(
            errors,
            vec![
                (Field::Title, FieldError::Empty),
                (Field::Quarter, FieldError::Quarter),
                (Field::Budget, FieldError::Amount(AmountError::Negative)),
                (Field::Demand, FieldError::Amount(AmountError::Fraction)),
            ]
        );
    }

    #[test]
    fn tags_split_on_either_comma() {
        let item = demo_plan().items[0].clone();
        let mut d = ItemDraft::of(&item);
        d.tags = "youth， science; 科普 ,".into();
        assert_eq!(
            d.apply(&item).unwrap().tags,
            Some(vec!["youth".into(), "science".into(), "科普".into()])
        );
    }
}
