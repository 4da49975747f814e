//! The ids a plan's records carry, one type for each kind of record, so an
//! item's id cannot be passed where a unit's is meant. Each is the text of
//! the file's `id` (or `unit`, `stage`, `source`, `target`) field, written
//! back as it was read: a plan file does not change by a byte.
//!
//! Not to be confused with `ids.rs`, which makes fresh ids for new records.

use std::borrow::Borrow;
use std::fmt;

macro_rules! record_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                $name(id)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                $name(id.to_string())
            }
        }

        impl From<&String> for $name {
            fn from(id: &String) -> Self {
                $name(id.clone())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        /// Lets maps keyed by this id be looked up with the text of one.
        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

record_id! {
    /// An item's id: `Item.id`, and a link's `source` and `target`.
    ItemId
}

record_id! {
    /// A unit's id: `Unit.id`, and the unit an item is in.
    UnitId
}

record_id! {
    /// A stage's id: `Stage.id`, and the stage an item is at.
    StageId
}

record_id! {
    /// A link's id: `Link.id`.
    LinkId
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn an_id_reads_and_prints_as_its_text() {
        let id = ItemId::from("item-k3x9-1");
        assert_eq!(id.as_str(), "item-k3x9-1");
        assert_eq!(id.to_string(), "item-k3x9-1");
        assert_eq!(id, "item-k3x9-1");
        assert_eq!(String::from(id), "item-k3x9-1");
    }

    #[test]
    fn a_map_of_ids_is_looked_up_by_text() {
        let mut m = HashMap::new();
        m.insert(UnitId::from("haidian"), 1);
        assert_eq!(m.get("haidian"), Some(&1));
    }
}
