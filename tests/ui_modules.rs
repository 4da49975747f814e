//! The modules under `src/` import one another one way only: no module
//! (file) imports one that imports it back, directly or through others, and
//! neither does any folder (`model`, `ui`, `ui::board`…). Read from the
//! source, so the check needs no browser.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

/// `ui::board::card` for `src/ui/board/card.rs`, `ui::board` for its
/// `mod.rs`, `model` for `src/model/mod.rs`.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts.join("::")
}

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

/// The paths a file names: `crate::…`, `super::…` (resolved against the
/// file's module), including those inside `use crate::ui::{a, b::c}`.
fn named_paths(module: &str, text: &str) -> Vec<Vec<String>> {
    // The module that `super` means here (for `ui::board::column` and for
    // `ui::board`'s own mod.rs alike: the module's parent).
    let mut parent: Vec<String> = module.split("::").map(str::to_string).collect();
    parent.pop();
    let mut paths = Vec::new();
    let code: String = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        if !code.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let rest = &code[i..];
        let (start, prefix) = if rest.starts_with("crate::") {
            (Vec::new(), "crate::".len())
        } else if rest.starts_with("super::") {
            (parent.clone(), "super::".len())
        } else {
            i += 1;
            continue;
        };
        // Only at the start of a path, not in the middle of a word.
        if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_') {
            i += 1;
            continue;
        }
        let after = &rest[prefix..];
        for tail in expand(after) {
            let mut path = start.clone();
            path.extend(tail);
            paths.push(path);
        }
        i += prefix;
    }
    paths
}

/// `a::b::C` → [[a, b, C]]; `{a, b::{c, d}}` → [[a], [b, c], [b, d]].
fn expand(text: &str) -> Vec<Vec<String>> {
    let text = text.trim_start();
    if let Some(inner) = text.strip_prefix('{') {
        let body = &inner[..matching_brace(inner)];
        return split_top(body)
            .into_iter()
            .flat_map(|part| expand(part.trim()))
            .collect();
    }
    let ident: String = text
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if ident.is_empty() {
        return vec![Vec::new()];
    }
    let rest = &text[ident.len()..];
    if let Some(next) = rest.strip_prefix("::") {
        expand(next)
            .into_iter()
            .map(|mut tail| {
                tail.insert(0, ident.clone());
                tail
            })
            .collect()
    } else {
        vec![vec![ident]]
    }
}

fn matching_brace(text: &str) -> usize {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return i,
            '}' => depth -= 1,
            _ => {}
        }
    }
    text.len()
}

fn split_top(body: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut from) = (0, 0);
    for (i, c) in body.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&body[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&body[from..]);
    parts
}

/// The module graph of `src/`: who imports whom (the longest known module
/// each named path starts with; a module's own parents do not count, nor
/// does `mod.rs` declaring its children). `lib` and `main` are left out:
/// they name every module to put the crate together.
fn graph_of(src: &Path) -> Graph {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.retain(|f| !f.ends_with("lib.rs") && !f.ends_with("main.rs"));
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(src, f)).collect();
    let mut graph = Graph::new();
    for file in &files {
        let module = module_of(src, file);
        let text = fs::read_to_string(file).unwrap();
        let deps = graph.entry(module.clone()).or_default();
        for path in named_paths(&module, &text) {
            let target = (1..=path.len())
                .rev()
                .map(|n| path[..n].join("::"))
                .find(|candidate| modules.contains(candidate));
            if let Some(target) = target {
                let is_ancestor = module.starts_with(&format!("{target}::"));
                if target != module && !is_ancestor {
                    deps.insert(target);
                }
            }
        }
    }
    graph
}

/// The graph between the folders (and the single files) `depth` levels
/// down: 1 for `model`, `ui`, `io`…, 2 for `ui::board`, `ui::edit`…
fn folder_graph(graph: &Graph, depth: usize) -> Graph {
    let top = |m: &str| m.split("::").take(depth).collect::<Vec<_>>().join("::");
    let mut folders = Graph::new();
    for (from, deps) in graph {
        let entry = folders.entry(top(from)).or_default();
        for to in deps {
            if top(to) != top(from) {
                entry.insert(top(to));
            }
        }
    }
    folders
}

/// A cycle in `graph`, if there is one (as the list of nodes along it).
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &Graph,
        marks: &mut BTreeMap<String, Mark>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let at = stack.iter().position(|n| n == node).unwrap();
                let mut cycle = stack[at..].to_vec();
                cycle.push(node.to_string());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.to_string(), Mark::Open);
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, marks, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut marks, &mut Vec::new()))
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn ui_root() -> PathBuf {
    src().join("ui")
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = graph_of(&src());
    assert!(
        graph.keys().filter(|m| m.starts_with("ui::")).count() > 20
            && graph.keys().filter(|m| m.starts_with("model::")).count() > 20,
        "the modules were found: {graph:?}"
    );
    if let Some(cycle) = find_cycle(&graph) {
        panic!("import cycle between modules: {}", cycle.join(" → "));
    }
}

#[test]
fn no_folder_imports_one_that_imports_it_back() {
    let graph = graph_of(&src());
    for depth in [1, 2] {
        if let Some(cycle) = find_cycle(&folder_graph(&graph, depth)) {
            panic!("import cycle between folders: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn every_ui_folder_says_what_it_owns() {
    for entry in fs::read_dir(ui_root()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            let text = fs::read_to_string(path.join("mod.rs")).unwrap();
            assert!(
                text.starts_with("//!"),
                "{} has no //! line saying what it owns",
                path.display()
            );
        }
    }
}

#[test]
fn the_graph_sees_imports_of_every_form() {
    let text = "use super::card::Card;\nuse crate::ui::state::{Board, kept::after_save};\n\
                use crate::ui::{dom, edit::card_editor::CardEditor};\n\
                let x = crate::ui::meeting::focus::FocusView; // crate::ui::shell::app\n";
    let paths = named_paths("ui::board::column", text);
    let joined: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    for expected in [
        "ui::board::card::Card",
        "ui::state::Board",
        "ui::state::kept::after_save",
        "ui::dom",
        "ui::edit::card_editor::CardEditor",
        "ui::meeting::focus::FocusView",
    ] {
        assert!(
            joined.contains(&expected.to_string()),
            "{expected} in {joined:?}"
        );
    }
    assert!(
        !joined.iter().any(|p| p.contains("shell")),
        "comments are skipped"
    );
}

#[test]
fn a_cycle_is_found_where_there_is_one() {
    let mut graph = Graph::new();
    let edge = |g: &mut Graph, a: &str, b: &str| {
        g.entry(a.into()).or_default().insert(b.into());
    };
    edge(&mut graph, "ui::state", "ui::dom");
    edge(&mut graph, "ui::board::card", "ui::edit::card_editor");
    assert_eq!(find_cycle(&graph), None);
    edge(&mut graph, "ui::edit::card_editor", "ui::board::card");
    let cycle = find_cycle(&graph).expect("card ⇄ card_editor");
    assert!(cycle.contains(&"ui::board::card".to_string()));
    let folders = folder_graph(&graph, 2);
    assert!(
        find_cycle(&folders).is_some(),
        "board ⇄ edit between folders"
    );
}

/// The model knows nothing of the interface language, the browser or the
/// views: its words come from above it (`i18n`, `words`, `report`).
#[test]
fn the_model_names_no_language_and_no_browser() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/model"),
        &mut files,
    );
    assert!(files.len() > 20, "the model's files were found");
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for name in [
            "crate::i18n",
            "crate::words",
            "crate::report",
            "crate::ui",
            "crate::io",
            "web_sys",
            "leptos",
        ] {
            assert!(!text.contains(name), "{} names {name}", file.display());
        }
    }
}

/// `i18n` is a leaf: it names nothing else of the crate.
#[test]
fn the_interface_language_is_a_leaf() {
    let text =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n.rs")).unwrap();
    assert!(
        !text.contains("crate::"),
        "src/i18n.rs names another module"
    );
}
