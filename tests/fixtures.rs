//! The shared plan-format fixtures: every valid file opens with exactly the
//! tallies listed beside it, every invalid file is refused for its reason.

use linkage_board::model::{load, Tallies};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A refusal as the interface says it in English.
fn en(e: &linkage_board::model::LoadError) -> String {
    linkage_board::i18n::Lang::En.load_error(e)
}

/// The `.json` files in `dir`, by name, sorted.
fn json_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    names
}

fn sorted(names: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    names.sort();
    names
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/plan-format/fixtures")
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn valid_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures().join("valid"))
        .expect("the shared fixtures sit beside the repository")
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".json") && !name.ends_with(".tallies.json")
        })
        .collect();
    files.sort();
    assert!(
        files.len() >= 5,
        "expected the valid fixtures, found {files:?}"
    );
    files
}

fn figure(v: &Value, field: &str) -> i128 {
    v.get(field)
        .and_then(Value::as_i64)
        .unwrap_or_else(|| panic!("{field} missing in {v}")) as i128
}

#[test]
fn valid_fixtures_open_with_their_tallies() {
    for path in valid_files() {
        let name = path.display().to_string();
        let plan = load(&read(&path)).unwrap_or_else(|e| panic!("{name}: refused: {}", en(&e)));
        let expected: Value =
            serde_json::from_slice(&read(&path.with_extension("tallies.json"))).unwrap();
        let tallies = Tallies::of(&plan);

        let items = expected["items"].as_object().unwrap();
        assert_eq!(items.len(), plan.items.len(), "{name}: item count");
        for (id, want) in items {
            let got = tallies
                .items
                .get(id.as_str())
                .unwrap_or_else(|| panic!("{name}: no item {id}"));
            let f = got.figures;
            for (field, value) in [
                ("budget", f.budget),
                ("demand", f.demand),
                ("received", f.received),
                ("given", f.given),
                ("gap", f.gap),
            ] {
                assert_eq!(value, figure(want, field), "{name}: item {id} {field}");
            }
        }

        let units = expected["units"].as_object().unwrap();
        assert_eq!(units.len(), plan.units.len(), "{name}: unit count");
        for (id, want) in units {
            let got = tallies
                .units
                .get(id.as_str())
                .unwrap_or_else(|| panic!("{name}: no unit {id}"));
            let f = got.figures;
            for (field, value) in [
                ("budget", f.budget),
                ("demand", f.demand),
                ("received", f.received),
                ("given", f.given),
                ("gap", f.gap),
            ] {
                assert_eq!(value, figure(want, field), "{name}: unit {id} {field}");
            }
            match want.get("remaining") {
                Some(r) => assert_eq!(
                    got.remaining,
                    Some(r.as_i64().unwrap() as i128),
                    "{name}: unit {id} remaining"
                ),
                None => assert_eq!(got.remaining, None, "{name}: unit {id} has no pool"),
            }
        }

        let want = &expected["plan"];
        let p = tallies.plan;
        for (field, value) in [
            ("budget", p.figures.budget),
            ("demand", p.figures.demand),
            ("received", p.figures.received),
            ("given", p.figures.given),
            ("gap", p.figures.gap),
            ("pool", p.pool),
        ] {
            assert_eq!(value, figure(want, field), "{name}: plan {field}");
        }
        assert_eq!(
            p.covered as i128,
            figure(&want["coverage"], "covered"),
            "{name}: covered"
        );
        assert_eq!(
            p.districts as i128,
            figure(&want["coverage"], "districts"),
            "{name}: districts"
        );
    }
}

#[test]
fn valid_fixtures_round_trip_with_unknown_fields() {
    for path in valid_files() {
        let bytes = read(&path);
        let plan = load(&bytes).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let original: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
        let written: Value = serde_json::from_str(&plan.to_json_pretty()).unwrap();
        assert_eq!(
            written,
            original,
            "{}: a load and save changes nothing",
            path.display()
        );
        assert_eq!(load(plan.to_json().as_bytes()).unwrap(), plan);
    }
    let plan = load(&read(&fixtures().join("valid/unknown-fields.json"))).unwrap();
    let out = plan.to_json();
    for kept in ["x_future", "x_color", "x_wip_limit", "x_votes"] {
        assert!(out.contains(kept), "{kept} survives");
    }
}

/// `fixtures/invalid/EXPECTED.md`, as the kind of refusal each file must get.
const EXPECTED: &[(&str, &str)] = &[
    ("truncated.json", "syntax"),
    ("empty-file.json", "empty"),
    ("not-a-plan.json", "not-a-plan"),
    ("wrong-format.json", "wrong-format"),
    ("future-version.json", "newer-version"),
    ("duplicate-item-id.json", "duplicate-id"),
    ("dangling-link.json", "unknown-item"),
    ("unknown-unit.json", "unknown-unit"),
    ("unknown-stage.json", "unknown-stage"),
    ("self-link.json", "self-link"),
    ("same-unit-link.json", "same-unit-link"),
    ("duplicate-link-pair.json", "duplicate-link-pair"),
    ("negative-amount.json", "negative-amount"),
    ("fractional-amount.json", "fractional-amount"),
    ("empty-title.json", "empty-text"),
    ("items-not-array.json", "wrong-type"),
];

#[test]
fn invalid_fixtures_are_refused_for_their_reason() {
    let dir = fixtures().join("invalid");
    let listed: Vec<&str> = EXPECTED.iter().map(|(f, _)| *f).collect();
    assert_eq!(
        json_files(&dir),
        sorted(&listed),
        "every invalid fixture has an expected reason"
    );

    for (file, kind) in EXPECTED {
        let err = load(&read(&dir.join(file))).expect_err(file);
        assert_eq!(err.kind(), *kind, "{file}: {}", en(&err));
        let message = en(&err);
        assert!(message.len() > 20, "{file}: message says what: {message}");
    }
}

#[test]
fn refusals_say_where() {
    let dir = fixtures().join("invalid");
    let msg = |file: &str| en(&load(&read(&dir.join(file))).unwrap_err());
    assert!(
        msg("truncated.json").contains("line 1, column"),
        "{}",
        msg("truncated.json")
    );
    assert!(msg("future-version.json").contains("newer version"));
    assert!(msg("duplicate-item-id.json").contains("\"i-0005\""));
    assert!(
        msg("dangling-link.json").contains("\"l-0001\"")
            && msg("dangling-link.json").contains("i-9999")
    );
    assert!(msg("unknown-unit.json").contains("atlantis"));
    assert!(msg("unknown-stage.json").contains("archived"));
    assert!(
        msg("negative-amount.json").contains("items[0].budget")
            && msg("negative-amount.json").contains("i-0001")
    );
    assert!(msg("fractional-amount.json").contains("items[0].budget"));
    assert!(msg("empty-title.json").contains("items[0].title"));
    assert!(
        msg("items-not-array.json").contains("items")
            && msg("items-not-array.json").contains("array")
    );
    assert!(msg("duplicate-link-pair.json").contains("l-dup"));
    assert!(msg("same-unit-link.json").contains("bast"));
}

/// The rule book's own fixtures (`tests/fixtures/invalid/EXPECTED.md`): the
/// rules decided after the shared fixtures were cut.
const RULE_BOOK: &[(&str, &str, &str)] = &[
    ("link-both-ways.json", "duplicate-link-pair", "back-link"),
    ("title-of-spaces.json", "empty-text", "items[3].title"),
    (
        "title-of-ideographic-space.json",
        "empty-text",
        "items[3].title",
    ),
    (
        "title-of-zero-width-spaces.json",
        "empty-text",
        "items[3].title",
    ),
];

#[test]
fn the_rule_books_fixtures_are_refused_naming_the_rule_and_the_record() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    let listed: Vec<&str> = RULE_BOOK.iter().map(|(f, _, _)| *f).collect();
    assert_eq!(
        json_files(&dir),
        sorted(&listed),
        "every fixture has an expected reason"
    );
    for (file, kind, names) in RULE_BOOK {
        let err = load(&read(&dir.join(file))).expect_err(file);
        assert_eq!(err.kind(), *kind, "{file}: {}", en(&err));
        let message = en(&err);
        assert!(message.contains(names), "{file}: {message}");
        let zh = linkage_board::i18n::Lang::Zh.load_error(&err);
        assert!(zh.contains(names), "{file}: {zh}");
    }
}

/// Every kind of id (a unit's, a stage's, an item's and its unit and stage,
/// a link's and its source and target) is written back as it was read: a
/// valid file saved holds the file's own values, and what was saved, loaded
/// and saved again comes out byte for byte the same, pretty and compact.
#[test]
fn valid_fixtures_save_the_same_bytes_every_time() {
    let mut every_kind = false;
    for path in valid_files() {
        let plan = load(&read(&path)).unwrap();
        every_kind |= !plan.units.is_empty()
            && !plan.stages.is_empty()
            && !plan.items.is_empty()
            && !plan.links.is_empty();
        let text = String::from_utf8(read(&path)).unwrap();
        let original: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
        let pretty = plan.to_json_pretty();
        let compact = plan.to_json();
        for (what, saved) in [("pretty", &pretty), ("compact", &compact)] {
            let value: Value = serde_json::from_str(saved).unwrap();
            assert_eq!(value, original, "{}: {what}", path.display());
        }
        let again = load(pretty.as_bytes()).unwrap();
        assert_eq!(again, plan, "{}", path.display());
        assert_eq!(again.to_json_pretty(), pretty, "{}: pretty", path.display());
        let again = load(compact.as_bytes()).unwrap();
        assert_eq!(again.to_json(), compact, "{}: compact", path.display());
    }
    assert!(every_kind, "a fixture has units, stages, items and links");
}
