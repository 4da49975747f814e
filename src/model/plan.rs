//! The plan of format v1: what a plan file holds, field for field.
//!
//! Every record keeps the fields this version does not know in `extra`, so a
//! newer app's data survives a load and save through this one.

use super::amount::Amount;
use serde::Serialize;
use serde_json::{Map, Value};

pub const FORMAT: &str = "linkage-plan";
pub const VERSION: u64 = 1;

/// Fields this version does not know, kept in file order.
pub type Extra = Map<String, Value>;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plan {
    pub format: String,
    pub version: u64,
    pub id: String,
    pub title: String,
    pub year: u16,
    pub currency: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    pub units: Vec<Unit>,
    pub stages: Vec<Stage>,
    pub items: Vec<Item>,
    pub links: Vec<Link>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
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

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Unit {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    pub level: Level,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pool: Option<Amount>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stage {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Item {
    pub id: String,
    pub unit: String,
    pub stage: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quarter: Option<u8>,
    pub budget: Amount,
    pub demand: Amount,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Link {
    pub id: String,
    pub source: String,
    pub target: String,
    pub amount: Amount,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Plan {
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }

    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    pub fn link(&self, id: &str) -> Option<&Link> {
        self.links.iter().find(|l| l.id == id)
    }

    /// Units in board order: municipal first, then districts, then
    /// affiliates, each group in file order.
    pub fn units_in_board_order(&self) -> Vec<&Unit> {
        let mut units: Vec<&Unit> = self.units.iter().collect();
        units.sort_by_key(|u| match u.level {
            Level::Municipal => 0,
            Level::District => 1,
            Level::Affiliate => 2,
        });
        units
    }

    /// The plan as a pretty-printed v1 file.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("a plan always serialises")
    }

    /// The plan as a compact v1 file (what storage holds).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a plan always serialises")
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
