//! The importer takes anything calmly: at least 10,000 mutated files (random
//! bytes, truncated and spliced fixtures, byte flips, deep nesting, odd
//! numbers, wrong types, damaged `sent` blocks of returned files) with no
//! panic and no hang; a file that opens is previewed and merged as a return
//! calmly too. Set FUZZ_CASES for a longer run.

use linkage_board::model::returns::SENT_FIELD;
use linkage_board::model::{
    apply_returns, check_rules, cut_slice, demo_plan, for_comments, load, plan_return, Choice,
};
use serde_json::{json, Value};
use std::path::Path;
use std::time::{Duration, Instant};

/// A small deterministic generator (xorshift64*), so every run is the same.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn fixtures() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/plan-format/fixtures");
    let mut out = Vec::new();
    for dir in ["valid", "invalid"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                out.push(std::fs::read(path).unwrap());
            }
        }
    }
    let demo = demo_plan();
    out.push(demo.to_json_pretty().into_bytes());
    out.extend(sent_seeds());
    out
}

/// Files cut to be returned: two slices and the whole plan for comments.
fn sent_seeds() -> Vec<Vec<u8>> {
    let demo = demo_plan();
    let at = "2027-03-01T09:00:00Z";
    vec![
        cut_slice(&demo, &"dongcheng".into(), at).unwrap(),
        cut_slice(&demo, &"bast".into(), at).unwrap(),
        for_comments(&demo, at),
    ]
    .into_iter()
    .map(|p| p.to_json_pretty().into_bytes())
    .collect()
}

/// A returned file with its `sent` block damaged: a field taken out, given
/// an odd value, a record's fingerprint changed or dropped, a bogus key, an
/// unknown function, or the whole block replaced.
fn damage_sent(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let seed = &seeds[rng.below(seeds.len())];
    let mut plan: Value = serde_json::from_slice(seed).unwrap();
    let odd = || -> Vec<Value> {
        vec![
            json!(null),
            json!(-1),
            json!(1.5),
            json!("x"),
            json!(""),
            json!([]),
            json!({}),
            json!(18_446_744_073_709_551_615u64),
            json!({ "items/w-016": 7 }),
        ]
    };
    for _ in 0..=rng.below(3) {
        let Some(Value::Object(sent)) = plan.get_mut(SENT_FIELD) else {
            break;
        };
        let fields = ["unit", "revision", "at", "fingerprint", "records", "x_more"];
        let field = fields[rng.below(fields.len())];
        match rng.below(6) {
            0 => {
                sent.remove(field);
            }
            1 => {
                let values = odd();
                sent.insert(field.into(), values[rng.below(values.len())].clone());
            }
            2 | 3 => {
                if let Some(Value::Object(records)) = sent.get_mut("records") {
                    let keys: Vec<String> = records.keys().cloned().collect();
                    if !keys.is_empty() {
                        let key = &keys[rng.below(keys.len())];
                        match rng.below(4) {
                            0 => {
                                records.remove(key);
                            }
                            1 => {
                                records.insert(key.clone(), json!(format!("{:016x}", rng.next())));
                            }
                            2 => {
                                records.insert(key.clone(), json!("DEADBEEF"));
                            }
                            _ => {
                                records.insert(format!("plans/{}", rng.below(9)), json!("00"));
                            }
                        }
                    }
                }
            }
            4 => {
                sent.insert("fingerprint".into(), json!("sha256"));
            }
            _ => {
                let values = odd();
                plan[SENT_FIELD] = values[rng.below(values.len())].clone();
            }
        }
    }
    // Some records edited too, so a preview has something to say.
    if let Some(Value::Array(items)) = plan.get_mut("items") {
        for _ in 0..rng.below(3) {
            if !items.is_empty() {
                let i = rng.below(items.len());
                items[i]["demand"] = json!(rng.below(1_000_000));
            }
        }
    }
    serde_json::to_vec(&plan).unwrap()
}

const ODD_VALUES: &[&str] = &[
    "1e400",
    "-1e400",
    "9007199254740992",
    "9007199254740991",
    "-0",
    "1.0",
    "0.5",
    "-1",
    "18446744073709551616",
    "null",
    "true",
    "\"12\"",
    "[]",
    "{}",
    "\"\"",
    "1e-400",
];

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>], sent: &[Vec<u8>]) -> Vec<u8> {
    let seed = &seeds[rng.below(seeds.len())];
    match rng.below(10) {
        // A returned file's sent block damaged.
        9 => damage_sent(rng, sent),
        // Random bytes.
        0 => (0..rng.below(300)).map(|_| rng.next() as u8).collect(),
        // Truncated.
        1 => seed[..rng.below(seed.len() + 1)].to_vec(),
        // Two fixtures spliced.
        2 => {
            let other = &seeds[rng.below(seeds.len())];
            let mut v = seed[..rng.below(seed.len() + 1)].to_vec();
            v.extend_from_slice(&other[rng.below(other.len() + 1)..]);
            v
        }
        // Byte flips.
        3 => {
            let mut v = seed.clone();
            for _ in 0..=rng.below(8) {
                if !v.is_empty() {
                    let i = rng.below(v.len());
                    v[i] ^= 1 << rng.below(8);
                }
            }
            v
        }
        // Deep nesting.
        4 => {
            let depth = 1 + rng.below(100_000);
            let (open, close) = if rng.below(2) == 0 {
                (b'[', b']')
            } else {
                (b'{', b'}')
            };
            let mut v = vec![open; depth];
            if open == b'[' && rng.below(2) == 0 {
                v.extend(std::iter::repeat_n(close, depth));
            }
            v
        }
        // A number replaced by an odd value.
        5 | 6 => {
            let text = String::from_utf8_lossy(seed).into_owned();
            let digits: Vec<usize> = text
                .char_indices()
                .filter(|(i, c)| {
                    c.is_ascii_digit() && !text[..*i].ends_with(|p: char| p.is_ascii_digit())
                })
                .map(|(i, _)| i)
                .collect();
            if digits.is_empty() {
                return seed.clone();
            }
            let start = digits[rng.below(digits.len())];
            let end = text[start..]
                .find(|c: char| !c.is_ascii_digit())
                .map_or(text.len(), |n| start + n);
            format!(
                "{}{}{}",
                &text[..start],
                ODD_VALUES[rng.below(ODD_VALUES.len())],
                &text[end..]
            )
            .into_bytes()
        }
        // A string replaced by a non-string.
        7 => {
            let text = String::from_utf8_lossy(seed).into_owned();
            let quotes: Vec<usize> = text.match_indices(": \"").map(|(i, _)| i + 2).collect();
            if quotes.is_empty() {
                return seed.clone();
            }
            let start = quotes[rng.below(quotes.len())];
            let end = text[start + 1..]
                .find('"')
                .map_or(text.len(), |n| start + n + 2);
            format!(
                "{}{}{}",
                &text[..start],
                ODD_VALUES[rng.below(ODD_VALUES.len())],
                &text[end.min(text.len())..]
            )
            .into_bytes()
        }
        // A line deleted.
        _ => {
            let text = String::from_utf8_lossy(seed).into_owned();
            let lines: Vec<&str> = text.lines().collect();
            let skip = rng.below(lines.len().max(1));
            lines
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, l)| *l)
                .collect::<Vec<_>>()
                .join("\n")
                .into_bytes()
        }
    }
}

#[test]
fn ten_thousand_mutated_files_are_refused_or_opened_calmly() {
    let cases: usize = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let seeds = fixtures();
    let sent = sent_seeds();
    let demo = demo_plan();
    let mut previewed = 0usize;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut opened, mut refused) = (0usize, 0usize);
    let started = Instant::now();
    for n in 0..cases {
        let input = mutate(&mut rng, &seeds, &sent);
        let t = Instant::now();
        match load(&input) {
            Ok(plan) => {
                opened += 1;
                assert!(
                    check_rules(&plan).is_ok(),
                    "case {n}: an opened plan keeps the rules"
                );
                assert_eq!(
                    load(plan.to_json().as_bytes()).unwrap(),
                    plan,
                    "case {n}: round trip"
                );
                // Opened as a return of the demo: previewed and merged
                // calmly, never into a plan that breaks a rule.
                if plan.extra.contains_key(SENT_FIELD) {
                    previewed += 1;
                    let mut preview = plan_return(&demo, &plan);
                    for c in &mut preview.changes {
                        if c.choice == Choice::Unsettled {
                            c.choice = Choice::TakeTheirs;
                        }
                    }
                    if let Ok(merged) = apply_returns(&demo, &[preview]) {
                        assert!(
                            check_rules(&merged).is_ok(),
                            "case {n}: a merge keeps the rules"
                        );
                    }
                }
            }
            Err(e) => {
                refused += 1;
                assert!(!linkage_board::i18n::Lang::En.load_error(&e).is_empty());
            }
        }
        assert!(
            t.elapsed() < Duration::from_secs(2),
            "case {n} took {:?}",
            t.elapsed()
        );
    }
    assert_eq!(opened + refused, cases);
    assert!(cases >= 10_000, "at least 10,000 cases");
    assert!(
        opened > 0 && refused > 0,
        "both outcomes are exercised ({opened} opened, {refused} refused)"
    );
    assert!(previewed > 0, "returned files are exercised");
    eprintln!(
        "{cases} files: {opened} opened ({previewed} with a sent block, previewed as returns), {refused} refused, in {:?}",
        started.elapsed()
    );
}
