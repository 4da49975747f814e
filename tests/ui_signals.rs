//! Outside its owner every signal is read-only: no struct under `src/ui/`
//! hands out a writable signal in a public field, and no context is a
//! writable signal. Owners write through methods named for what the user
//! does (`select`, `reveal`, `present`…); readers get `ReadSignal`,
//! `Memo` or `Signal`. Read from the source, so the check needs no browser.

use std::fs;
use std::path::{Path, PathBuf};

/// Public fields that must stay writable, as `file: field`, each with why.
/// Empty: nothing needs one.
const ALLOWED: &[&str] = &[];

/// Types a reader could write through.
const WRITABLE: &[&str] = &[
    "RwSignal<",
    "ArcRwSignal<",
    "WriteSignal<",
    "ArcWriteSignal<",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text without comments (line comments, doc comments and block
/// comments), so a comment naming a type is not taken for code.
fn code_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.find('\n').map_or("", |n| &after[n..]);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.find("*/").map_or("", |n| &after[n + 2..]);
        } else if let Some(after) = rest.strip_prefix("r#\"") {
            out.push_str("\"\"");
            rest = after.find("\"#").map_or("", |n| &after[n + 2..]);
        } else if rest.starts_with("'\"'") || rest.starts_with("'\\\"'") {
            // The quote as a character, not a string's start.
            let len = if rest.starts_with("'\"'") { 3 } else { 4 };
            out.push_str("' '");
            rest = &rest[len..];
        } else if rest.starts_with('"') {
            // A string literal: kept out, so that "//" inside one stays.
            let body = &rest[1..];
            let mut end = body.len();
            let mut escaped = false;
            for (i, c) in body.char_indices() {
                match c {
                    '\\' if !escaped => escaped = true,
                    '"' if !escaped => {
                        end = i + 1;
                        break;
                    }
                    _ => escaped = false,
                }
            }
            out.push_str("\"\"");
            rest = &body[end.min(body.len())..];
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The bodies of the structs in `code`: their name and the text between
/// the braces (named fields) or the parentheses (a tuple struct).
fn structs(code: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("struct ") {
        let before = &rest[..at];
        let after = &rest[at + "struct ".len()..];
        rest = after;
        // Only the keyword, not the end of a longer word.
        if before
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            continue;
        }
        let name: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let Some(open) = after.find(['{', '(', ';']) else {
            continue;
        };
        let (opener, closer) = match after.as_bytes()[open] {
            b'{' => ('{', '}'),
            b'(' => ('(', ')'),
            _ => continue,
        };
        let mut depth = 0usize;
        let mut end = after.len();
        for (i, c) in after[open..].char_indices() {
            if c == opener {
                depth += 1;
            } else if c == closer {
                depth -= 1;
                if depth == 0 {
                    end = open + i;
                    break;
                }
            }
        }
        found.push((name, after[open + 1..end].to_string()));
    }
    found
}

/// The fields of a struct body that are public to the crate or beyond
/// (`pub`, `pub(crate)`), as `(field, type)`. A tuple struct's fields are
/// named by their place.
fn public_fields(body: &str) -> Vec<(String, String)> {
    // Split at the commas between fields (not those inside `<…>` or `(…)`).
    let mut fields = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in body.char_indices() {
        match c {
            '<' | '(' | '[' | '{' => depth += 1,
            '>' | ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                fields.push(&body[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    fields.push(&body[start..]);
    let mut out = Vec::new();
    for (place, field) in fields.iter().enumerate() {
        // Attributes (`#[…]`) go before the visibility.
        let mut field = field.trim();
        while field.starts_with("#[") {
            let end = field.find(']').map_or(field.len(), |n| n + 1);
            field = field[end..].trim_start();
        }
        let rest = if let Some(r) = field.strip_prefix("pub(crate)") {
            r
        } else if let Some(r) = field.strip_prefix("pub ") {
            r
        } else {
            continue;
        };
        match rest.split_once(':') {
            Some((name, ty)) if !name.contains('<') => {
                out.push((name.trim().to_string(), ty.trim().to_string()))
            }
            _ => out.push((place.to_string(), rest.trim().to_string())),
        }
    }
    out
}

fn ui_files() -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join("ui");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    files
}

fn shown(file: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    file.strip_prefix(root)
        .unwrap_or(file)
        .to_string_lossy()
        .replace('\\', "/")
}

#[test]
fn no_public_field_under_ui_is_a_writable_signal() {
    let mut wide = Vec::new();
    for file in ui_files() {
        let code = code_of(&fs::read_to_string(&file).unwrap());
        for (name, body) in structs(&code) {
            for (field, ty) in public_fields(&body) {
                let key = format!("{}: {name}.{field}", shown(&file));
                if WRITABLE.iter().any(|w| ty.contains(w)) && !ALLOWED.contains(&key.as_str()) {
                    wide.push(format!("{key}: {ty}"));
                }
            }
        }
    }
    assert!(
        wide.is_empty(),
        "writable signals open to every reader (make them private, with \
         methods named for what they do):\n{}",
        wide.join("\n")
    );
}

#[test]
fn no_context_is_a_writable_signal() {
    let mut wide = Vec::new();
    for file in ui_files() {
        let code = code_of(&fs::read_to_string(&file).unwrap());
        for (n, line) in code.lines().enumerate() {
            let asks = line.contains("context::<");
            if asks
                && WRITABLE
                    .iter()
                    .any(|w| line.contains(&format!("context::<{w}")))
            {
                wide.push(format!("{}:{}: {}", shown(&file), n + 1, line.trim()));
            }
        }
    }
    assert!(
        wide.is_empty(),
        "a writable signal shared through context (share a Signal or \
         a type with named setters):\n{}",
        wide.join("\n")
    );
}

/// The checks above find what they look for.
#[test]
fn the_checks_see_a_wide_field() {
    let code = code_of(
        "/// A `pub x: RwSignal<u8>` in a comment is not code.\n\
         #[derive(Clone)]\n\
         pub struct Wide {\n    \
             inner: RwSignal<u8>,\n    \
             #[allow(dead_code)]\n    \
             pub open: RwSignal<Option<Vec<(u8, String)>>>,\n    \
             pub(crate) count: ReadSignal<u8>,\n\
         }\n\
         pub struct Request(pub RwSignal<bool>);\n\
         struct Quiet(RwSignal<bool>);\n",
    );
    let found: Vec<(String, Vec<(String, String)>)> = structs(&code)
        .into_iter()
        .map(|(name, body)| (name, public_fields(&body)))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "Wide".to_string(),
                vec![
                    (
                        "open".to_string(),
                        "RwSignal<Option<Vec<(u8, String)>>>".to_string()
                    ),
                    ("count".to_string(), "ReadSignal<u8>".to_string()),
                ]
            ),
            (
                "Request".to_string(),
                vec![("0".to_string(), "RwSignal<bool>".to_string())]
            ),
            ("Quiet".to_string(), vec![]),
        ]
    );
}
