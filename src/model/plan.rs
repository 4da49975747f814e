//! The plan of format v1: what a plan file holds, field for field.
//!
//! Every record keeps the fields this version does not know in `extra`, so a
//! newer app's data survives a load and save through this one.

use super::amount::Amount;
use super::id::{ItemId, LinkId, StageId, UnitId};
use serde_json::{Map, Value};

pub const FORMAT: &str = "linkage-plan";
pub const VERSION: u64 = 1;

/// Fields this version does not know, kept in file order.
pub type Extra = Map<String, Value>;

#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub format: String,
    pub version: u64,
    pub id: String,
    pub title: String,
    pub year: u16,
    pub currency: String,
    pub revision: Option<u64>,
    pub updated_at: Option<String>,
    pub units: Vec<Unit>,
    pub stages: Vec<Stage>,
    pub items: Vec<Item>,
    pub links: Vec<Link>,
    pub extra: Extra,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Municipal,
    District,
    Affiliate,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Municipal => "municipal",
            Level::District => "district",
            Level::Affiliate => "affiliate",
        }
    }

    /// Board order and link direction: municipal gives to affiliates and
    /// districts, affiliates give to districts.
    pub fn rank(self) -> u8 {
        match self {
            Level::Municipal => 0,
            Level::Affiliate => 1,
            Level::District => 2,
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "municipal" => Some(Level::Municipal),
            "district" => Some(Level::District),
            "affiliate" => Some(Level::Affiliate),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Unit {
    pub id: UnitId,
    pub name: String,
    pub name_zh: Option<String>,
    pub level: Level,
    pub pool: Option<Amount>,
    pub extra: Extra,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stage {
    pub id: StageId,
    pub name: String,
    pub name_zh: Option<String>,
    pub extra: Extra,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub id: ItemId,
    pub unit: UnitId,
    pub stage: StageId,
    pub title: String,
    pub notes: Option<String>,
    pub category: Option<String>,
    pub quarter: Option<u8>,
    pub budget: Amount,
    pub demand: Amount,
    pub tags: Option<Vec<String>>,
    pub extra: Extra,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub id: LinkId,
    pub source: ItemId,
    pub target: ItemId,
    pub amount: Amount,
    pub note: Option<String>,
    pub extra: Extra,
}

/// Lookups take a record's id of its own kind, or the id's text (what a
/// test or a page attribute holds); an id of another kind does not compile.
impl Plan {
    pub fn unit<Q: ?Sized>(&self, id: &Q) -> Option<&Unit>
    where
        UnitId: PartialEq<Q>,
    {
        self.units.iter().find(|u| u.id == *id)
    }

    pub fn stage<Q: ?Sized>(&self, id: &Q) -> Option<&Stage>
    where
        StageId: PartialEq<Q>,
    {
        self.stages.iter().find(|s| s.id == *id)
    }

    pub fn item<Q: ?Sized>(&self, id: &Q) -> Option<&Item>
    where
        ItemId: PartialEq<Q>,
    {
        self.items.iter().find(|i| i.id == *id)
    }

    pub fn link<Q: ?Sized>(&self, id: &Q) -> Option<&Link>
    where
        LinkId: PartialEq<Q>,
    {
        self.links.iter().find(|l| l.id == *id)
    }

    /// The links touching an item, at either end, in plan order.
    pub fn links_of<'a>(&'a self, item_id: &'a ItemId) -> impl Iterator<Item = &'a Link> + 'a {
        self.links.iter().filter(move |l| l.touches(item_id))
    }

    /// Units in board order: municipal first, then districts, then
    /// affiliates, each group in file order.
    pub fn units_in_board_order(&self) -> Vec<&Unit> {
        let mut units: Vec<&Unit> = self.units.iter().collect();
        super::order::sort_by_key(&mut units, |u| match u.level {
            Level::Municipal => 0,
            Level::District => 1,
            Level::Affiliate => 2,
        });
        units
    }

    /// The plan as a pretty-printed v1 file.
    pub fn to_json_pretty(&self) -> String {
        // A JSON value with string keys always serialises.
        serde_json::to_string_pretty(&self.to_value()).unwrap_or_default()
    }

    /// The plan as a compact v1 file (what storage holds).
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.to_value()).unwrap_or_default()
    }

    /// The plan as a JSON value: known fields in the order of the format's
    /// README, then the fields this version does not know.
    pub fn to_value(&self) -> Value {
        let mut out = Record::new();
        out.put("format", self.format.as_str());
        out.put("version", self.version);
        out.put("id", self.id.as_str());
        out.put("title", self.title.as_str());
        out.put("year", self.year);
        out.put("currency", self.currency.as_str());
        out.maybe("revision", self.revision);
        out.maybe("updated_at", self.updated_at.as_deref());
        out.put(
            "units",
            Value::Array(self.units.iter().map(Unit::to_value).collect()),
        );
        out.put(
            "stages",
            Value::Array(self.stages.iter().map(Stage::to_value).collect()),
        );
        out.put(
            "items",
            Value::Array(self.items.iter().map(Item::to_value).collect()),
        );
        out.put(
            "links",
            Value::Array(self.links.iter().map(Link::to_value).collect()),
        );
        out.finish(&self.extra)
    }

    /// The same plan apart from its revision and time stamp.
    pub fn same_content(&self, other: &Plan) -> bool {
        let strip = |p: &Plan| {
            let mut p = p.clone();
            p.revision = None;
            p.updated_at = None;
            p
        };
        strip(self) == strip(other)
    }
}

/// Which way a link runs, seen from one of its items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// The item gives: it is the link's source.
    Out,
    /// The item receives: it is the link's target.
    In,
}

impl Link {
    /// Whether the link has `item_id` at either end.
    pub fn touches(&self, item_id: &ItemId) -> bool {
        &self.source == item_id || &self.target == item_id
    }

    /// The item at the other end from `item_id`, and which way the link runs
    /// seen from `item_id`; `None` when the link does not touch it.
    pub fn other_end(&self, item_id: &ItemId) -> Option<(&ItemId, Direction)> {
        if &self.source == item_id {
            Some((&self.target, Direction::Out))
        } else if &self.target == item_id {
            Some((&self.source, Direction::In))
        } else {
            None
        }
    }
}

impl Unit {
    pub fn to_value(&self) -> Value {
        let mut out = Record::new();
        out.put("id", self.id.as_str());
        out.put("name", self.name.as_str());
        out.maybe("name_zh", self.name_zh.as_deref());
        out.put("level", self.level.as_str());
        out.maybe("pool", self.pool.map(Amount::yuan));
        out.finish(&self.extra)
    }
}

impl Stage {
    pub fn to_value(&self) -> Value {
        let mut out = Record::new();
        out.put("id", self.id.as_str());
        out.put("name", self.name.as_str());
        out.maybe("name_zh", self.name_zh.as_deref());
        out.finish(&self.extra)
    }
}

impl Item {
    pub fn to_value(&self) -> Value {
        let mut out = Record::new();
        out.put("id", self.id.as_str());
        out.put("unit", self.unit.as_str());
        out.put("stage", self.stage.as_str());
        out.put("title", self.title.as_str());
        out.maybe("notes", self.notes.as_deref());
        out.maybe("category", self.category.as_deref());
        out.maybe("quarter", self.quarter);
        out.put("budget", self.budget.yuan());
        out.put("demand", self.demand.yuan());
        if let Some(tags) = &self.tags {
            out.put(
                "tags",
                tags.iter()
                    .map(|t| Value::from(t.as_str()))
                    .collect::<Vec<_>>(),
            );
        }
        out.finish(&self.extra)
    }
}

impl Link {
    pub fn to_value(&self) -> Value {
        let mut out = Record::new();
        out.put("id", self.id.as_str());
        out.put("source", self.source.as_str());
        out.put("target", self.target.as_str());
        out.put("amount", self.amount.yuan());
        out.maybe("note", self.note.as_deref());
        out.finish(&self.extra)
    }
}

/// A JSON object under construction, known fields first.
struct Record(Map<String, Value>);

impl Record {
    fn new() -> Record {
        Record(Map::new())
    }

    fn put(&mut self, key: &str, value: impl Into<Value>) {
        self.0.insert(key.to_string(), value.into());
    }

    fn maybe<T: Into<Value>>(&mut self, key: &str, value: Option<T>) {
        if let Some(v) = value {
            self.put(key, v);
        }
    }

    /// Adds the unknown fields, never letting one shadow a known field.
    fn finish(mut self, extra: &Extra) -> Value {
        for (k, v) in extra {
            if !self.0.contains_key(k) {
                self.0.insert(k.clone(), v.clone());
            }
        }
        Value::Object(self.0)
    }
}
