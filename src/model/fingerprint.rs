//! What a record looked like when it left the board, in sixteen hex digits.
//!
//! A file cut to be filled in and returned carries a fingerprint of every
//! record it holds (the format README, "Optional fields added within
//! version 1", `sent`). The function is named in the file, and it must give
//! the same result in every later version: FNV-1a (64 bit) over the record's
//! canonical JSON.

use super::plan::{Item, Link, Stage, Unit};
use super::rules::Collection;
use serde_json::{Map, Value};

/// The name of the one fingerprint function this version knows, as written
/// in a file's `sent.fingerprint`.
pub const FINGERPRINT_FN: &str = "fnv1a64-canonical-json";

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a, 64 bit: small, fast and stable; not for secrets.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(FNV_PRIME)
    })
}

/// A value as canonical JSON: object keys sorted by Unicode code point at
/// every depth, no white space, integers as plain digits, other numbers in
/// their shortest round-trip form, strings as JSON writes them with
/// non-ASCII characters kept as UTF-8.
pub fn canonical_json(value: &Value) -> String {
    // A JSON value with string keys always serialises.
    serde_json::to_string(&sorted(value)).unwrap_or_default()
}

fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let mut out = Map::with_capacity(map.len());
            for k in keys {
                out.insert(k.clone(), sorted(&map[k]));
            }
            Value::Object(out)
        }
        Value::Array(values) => Value::Array(values.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// The fingerprint of a record's JSON (unknown fields included), in
/// lower-case hex, sixteen digits.
pub fn fingerprint(value: &Value) -> String {
    format!("{:016x}", fnv1a64(canonical_json(value).as_bytes()))
}

/// The name a collection has in a file and in `sent.records` keys.
pub fn collection_name(collection: Collection) -> &'static str {
    match collection {
        Collection::Units => "units",
        Collection::Stages => "stages",
        Collection::Items => "items",
        Collection::Links => "links",
    }
}

/// The collection a file calls `name`.
pub fn collection_named(name: &str) -> Option<Collection> {
    match name {
        "units" => Some(Collection::Units),
        "stages" => Some(Collection::Stages),
        "items" => Some(Collection::Items),
        "links" => Some(Collection::Links),
        _ => None,
    }
}

/// A `sent.records` key: `"<collection>/<id>"`.
pub fn record_key(collection: Collection, id: &str) -> String {
    format!("{}/{id}", collection_name(collection))
}

/// The collection and id a `sent.records` key names; `None` for a key that
/// is not `"<collection>/<id>"` with a known collection and a non-empty id.
pub fn parse_record_key(key: &str) -> Option<(Collection, &str)> {
    let (collection, id) = key.split_once('/')?;
    if id.is_empty() {
        return None;
    }
    Some((collection_named(collection)?, id))
}

impl Unit {
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.to_value())
    }
}

impl Stage {
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.to_value())
    }
}

impl Item {
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.to_value())
    }
}

impl Link {
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.to_value())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fnv1a64_matches_the_published_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn canonical_json_sorts_keys_and_keeps_unicode() {
        let v: Value =
            serde_json::from_str(r#"{ "b": [ {"z": 1, "a": 2.5} ], "a": "东城\n", "c": 0 }"#)
                .unwrap();
        assert_eq!(
            canonical_json(&v),
            r#"{"a":"东城\n","b":[{"a":2.5,"z":1}],"c":0}"#
        );
        let reordered = json!({ "c": 0, "a": "东城\n", "b": [ {"a": 2.5, "z": 1} ] });
        assert_eq!(fingerprint(&v), fingerprint(&reordered));
        assert_eq!(fingerprint(&v).len(), 16);
        assert_ne!(fingerprint(&v), fingerprint(&json!({ "a": "东城" })));
    }

    #[test]
    fn record_keys_round_trip() {
        assert_eq!(record_key(Collection::Items, "w-001"), "items/w-001");
        assert_eq!(
            parse_record_key("links/a/b"),
            Some((Collection::Links, "a/b"))
        );
        assert_eq!(parse_record_key("plans/x"), None);
        assert_eq!(parse_record_key("items/"), None);
        assert_eq!(parse_record_key("items"), None);
    }
}
