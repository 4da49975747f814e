//! The importer takes anything calmly: at least 10,000 mutated files (random
//! bytes, truncated and spliced fixtures, byte flips, deep nesting, odd
//! numbers, wrong types) with no panic and no hang. Set FUZZ_CASES for a
//! longer run.

use linkage_board::model::{check_rules, load};
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
    out.push(
        linkage_board::model::demo_plan()
            .to_json_pretty()
            .into_bytes(),
    );
    out
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

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let seed = &seeds[rng.below(seeds.len())];
    match rng.below(9) {
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
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut opened, mut refused) = (0usize, 0usize);
    let started = Instant::now();
    for n in 0..cases {
        let input = mutate(&mut rng, &seeds);
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
            }
            Err(e) => {
                refused += 1;
                assert!(!e.to_string().is_empty());
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
    eprintln!(
        "{cases} files: {opened} opened, {refused} refused, in {:?}",
        started.elapsed()
    );
}
