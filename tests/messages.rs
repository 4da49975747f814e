//! Every message the model can give a person reads in English and in
//! Chinese, from the error's kind and fields: the Chinese one has no English
//! left in it but the values it names (ids, field paths, quoted values) and
//! keeps the line and column, the path, the rule and the id.

use linkage_board::i18n::Lang;
use linkage_board::model::amount::AmountError;
use linkage_board::model::draft::FieldError;
use linkage_board::model::linking::LinkRefusal;
use linkage_board::model::rules::{Collection, End};
use linkage_board::model::{load, load_str, CommandError, LoadError, Problem, RuleError};
use linkage_board::model::{SetupError, SetupField};
use std::path::Path;

/// Words of the Latin alphabet a Chinese message may hold: names of formats.
const ALLOWED: &[&str] = &["JSON", "UTF"];

/// The runs of two or more ASCII letters left in `message` once the values
/// it was given (`inserted`) and anything in quotes are taken out.
fn stray_english(message: &str, inserted: &[&str]) -> Vec<String> {
    let mut text = message.to_string();
    let mut inserted: Vec<&str> = inserted.iter().copied().filter(|v| !v.is_empty()).collect();
    inserted.sort_by_key(|v| std::cmp::Reverse(v.len()));
    for value in inserted {
        text = text.replace(value, " ");
    }
    for (open, close) in [('“', '”'), ('"', '"')] {
        let mut out = String::new();
        let mut inside = false;
        for c in text.chars() {
            if !inside && c == open {
                inside = true;
            } else if inside && c == close {
                inside = false;
                out.push(' ');
            } else if !inside {
                out.push(c);
            }
        }
        text = out;
    }
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphabetic() {
            word.push(c);
        } else {
            if word.len() >= 2 && !ALLOWED.contains(&word.as_str()) {
                words.push(word.clone());
            }
            word.clear();
        }
    }
    words
}

fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Both languages say something, English as the error displays itself,
/// and the Chinese has no stray English.
fn check(en: String, zh: String, display: String, inserted: &[&str]) {
    assert!(!en.trim().is_empty(), "English for {display}");
    assert_ne!(en, zh, "English and Chinese differ for {display}");
    assert!(!zh.trim().is_empty(), "Chinese for {display}");
    assert!(has_chinese(&zh), "Chinese for {display}: {zh}");
    let stray = stray_english(&zh, inserted);
    assert!(stray.is_empty(), "English {stray:?} left in {zh}");
    for value in inserted {
        assert!(zh.contains(value), "{zh} keeps {value}");
    }
}

// A variant added without a message here stops these from compiling.
fn listed_problem(p: &Problem) {
    match p {
        Problem::Missing
        | Problem::WrongType { .. }
        | Problem::NegativeAmount
        | Problem::FractionalAmount
        | Problem::AmountTooLarge
        | Problem::Empty
        | Problem::TooLong { .. }
        | Problem::OutOfRange { .. }
        | Problem::NotOneOf { .. }
        | Problem::Pattern { .. }
        | Problem::TooFew { .. } => {}
    }
}

fn listed_amount_error(e: &AmountError) {
    match e {
        AmountError::Empty
        | AmountError::Negative
        | AmountError::Fraction
        | AmountError::TooLarge
        | AmountError::NotANumber
        | AmountError::BadSeparator { .. }
        | AmountError::UnknownPart { .. } => {}
    }
}

fn listed_load_error(e: &LoadError) {
    match e {
        LoadError::Unreadable { .. }
        | LoadError::Empty
        | LoadError::NotUtf8 { .. }
        | LoadError::Syntax { .. }
        | LoadError::NotAPlan
        | LoadError::WrongFormat { .. }
        | LoadError::NewerVersion { .. }
        | LoadError::Field { .. }
        | LoadError::Rule(_) => {}
    }
}

fn listed_rule_error(e: &RuleError) {
    match e {
        RuleError::DuplicateId { .. }
        | RuleError::UnknownUnit { .. }
        | RuleError::UnknownStage { .. }
        | RuleError::UnknownItem { .. }
        | RuleError::SelfLink { .. }
        | RuleError::SameUnitLink { .. }
        | RuleError::DuplicatePair { .. } => {}
    }
}

fn listed_command_error(e: &CommandError) {
    match e {
        CommandError::NotFound { .. }
        | CommandError::Field { .. }
        | CommandError::Rule(_)
        | CommandError::Setup(_)
        | CommandError::Gone => {}
    }
}

fn listed_collection(c: Collection) {
    match c {
        Collection::Units | Collection::Stages | Collection::Items | Collection::Links => {}
    }
}

fn listed_end(e: End) {
    match e {
        End::Source | End::Target => {}
    }
}

fn problems() -> Vec<Problem> {
    let mut all = vec![
        Problem::Missing,
        Problem::NegativeAmount,
        Problem::FractionalAmount,
        Problem::AmountTooLarge,
        Problem::Empty,
        Problem::TooLong { max: 200 },
        Problem::OutOfRange { min: 1, max: 4 },
        Problem::NotOneOf {
            allowed: "\"municipal\", \"district\" or \"affiliate\"",
        },
        Problem::NotOneOf {
            allowed: "something else entirely",
        },
        Problem::Pattern {
            rule: "a three-letter ISO 4217 code such as CNY",
        },
        Problem::Pattern {
            rule: "some rule not known yet",
        },
        Problem::TooFew { min: 1 },
    ];
    for expected in [
        "text",
        "a whole number",
        "a whole number of yuan",
        "an object",
        "an array",
        "an array of strings",
        "a kind not known yet",
    ] {
        all.push(Problem::WrongType { expected });
    }
    all.iter().for_each(listed_problem);
    all
}

const COLLECTIONS: [Collection; 4] = [
    Collection::Units,
    Collection::Stages,
    Collection::Items,
    Collection::Links,
];

fn rule_errors() -> Vec<RuleError> {
    let mut all: Vec<RuleError> = COLLECTIONS
        .iter()
        .map(|&collection| RuleError::DuplicateId {
            collection,
            id: "i-0005".into(),
        })
        .collect();
    for end in [End::Source, End::Target] {
        all.push(RuleError::UnknownItem {
            link: "l-0001".into(),
            end,
            item: "i-9999".into(),
        });
    }
    all.extend([
        RuleError::UnknownUnit {
            item: "i-0001".into(),
            unit: "atlantis".into(),
        },
        RuleError::UnknownStage {
            item: "i-0001".into(),
            stage: "archived".into(),
        },
        RuleError::SelfLink {
            link: "l-self".into(),
            item: "i-0001".into(),
        },
        RuleError::SameUnitLink {
            link: "l-same".into(),
            unit: "bast".into(),
        },
        RuleError::DuplicatePair {
            link: "l-dup".into(),
            other: "l-0001".into(),
        },
    ]);
    all.iter().for_each(listed_rule_error);
    COLLECTIONS.into_iter().for_each(listed_collection);
    [End::Source, End::Target].into_iter().for_each(listed_end);
    all
}

/// The ids a rule error names.
fn rule_values(e: &RuleError) -> Vec<String> {
    match e {
        RuleError::DuplicateId { id, .. } => vec![id.clone()],
        RuleError::UnknownUnit { item, unit } => vec![item.to_string(), unit.to_string()],
        RuleError::UnknownStage { item, stage } => vec![item.to_string(), stage.to_string()],
        RuleError::UnknownItem { link, item, .. } => vec![link.to_string(), item.to_string()],
        RuleError::SelfLink { link, item } => vec![link.to_string(), item.to_string()],
        RuleError::SameUnitLink { link, unit } => vec![link.to_string(), unit.to_string()],
        RuleError::DuplicatePair { link, other } => vec![link.to_string(), other.to_string()],
    }
}

fn check_rule(e: &RuleError) {
    let values = rule_values(e);
    let values: Vec<&str> = values.iter().map(String::as_str).collect();
    let zh = Lang::Zh.rule_error(e);
    check(
        Lang::En.rule_error(e),
        zh.clone(),
        format!("{e:?}"),
        &values,
    );
    assert!(
        zh.contains(&format!("规则 {}", e.rule())),
        "{zh} names the rule"
    );
}

#[test]
fn every_rule_error_reads_in_both_languages() {
    for e in rule_errors() {
        check_rule(&e);
    }
    // The four lists and the two ends read differently.
    let zh: Vec<String> = rule_errors()[..6]
        .iter()
        .map(|e| Lang::Zh.rule_error(e))
        .collect();
    for (i, a) in zh.iter().enumerate() {
        for b in &zh[i + 1..] {
            assert_ne!(a, b);
        }
    }
}

#[test]
fn the_stray_english_check_finds_english() {
    assert_eq!(
        stray_english("Field items[0].x (id \"i-1\") is bad JSON", &["items[0].x"]),
        vec!["Field", "id", "is", "bad"]
    );
    assert!(stray_english("字段 items[0].x（编号“w-001”）为空。", &["items[0].x"]).is_empty());
}

#[test]
fn every_problem_reads_in_both_languages() {
    for p in problems() {
        check(
            Lang::En.problem(&p),
            Lang::Zh.problem(&p),
            format!("{p:?}"),
            &[],
        );
    }
    let zh = Lang::Zh.problem(&Problem::TooLong { max: 200 });
    assert!(zh.contains("200"), "{zh}");
    let zh = Lang::Zh.problem(&Problem::OutOfRange { min: 1, max: 4 });
    assert!(zh.contains('1') && zh.contains('4'), "{zh}");
}

/// Broken JSON of every kind serde_json tells apart.
const BROKEN_JSON: &[&str] = &[
    "[1,]",
    "{\"a\": 1,}",
    "1 2",
    "[1, 2",
    "{\"a\": 1",
    "\"abc",
    "{\"a\":",
    "[x]",
    "tru",
    "{\"a\" 1}",
    "[1 2]",
    "{\"a\": 1 \"b\": 2}",
    "{1: 2}",
    "\"\\q\"",
    "-",
    "1e999",
    "\"\\ud800\"",
    "\"\\u12\"",
    "\"a\u{1}b\"",
];

#[test]
fn every_load_error_reads_in_both_languages() {
    let mut errors = vec![
        (
            LoadError::Unreadable {
                why: "NotFoundError".into(),
            },
            vec!["NotFoundError"],
        ),
        (LoadError::Empty, vec![]),
        (LoadError::NotUtf8 { byte: 17 }, vec!["17"]),
        (LoadError::NotAPlan, vec![]),
        (
            LoadError::WrongFormat {
                found: "trello-board".into(),
            },
            vec!["trello-board"],
        ),
        (LoadError::NewerVersion { found: 99 }, vec!["99"]),
        (
            LoadError::Syntax {
                line: 3,
                column: 14,
                message: "a message serde_json may give one day".into(),
            },
            vec!["3", "14"],
        ),
        (
            LoadError::Syntax {
                line: 0,
                column: 0,
                message: "the file could not be read".into(),
            },
            vec![],
        ),
    ];
    for text in BROKEN_JSON {
        let e = load_str(text).expect_err(text);
        let LoadError::Syntax { line, column, .. } = &e else {
            panic!("{text}: {e:?}");
        };
        let zh = Lang::Zh.load_error(&e);
        assert!(
            zh.contains(&format!("第 {line} 行第 {column} 列")),
            "{text}: {zh}"
        );
        assert!(
            !zh.contains("有语法错误"),
            "{text}: serde_json's \"{e:?}\" has its own Chinese: {zh}"
        );
        errors.push((e, vec![]));
    }
    for p in problems() {
        for id in [Some("i-0001"), None] {
            let e = LoadError::Field {
                path: "items[3].budget".into(),
                id: id.map(str::to_string),
                problem: p.clone(),
            };
            let mut values = vec!["items[3].budget"];
            values.extend(id);
            errors.push((e, values));
        }
    }
    for r in rule_errors() {
        errors.push((LoadError::Rule(r), vec![]));
    }
    for (e, values) in &errors {
        listed_load_error(e);
        check(
            Lang::En.load_error(e),
            Lang::Zh.load_error(e),
            format!("{e:?}"),
            values,
        );
        if let LoadError::Rule(r) = e {
            check_rule(r);
        }
    }
    assert_eq!(
        Lang::Zh.load_error(&load_str("[1,]").unwrap_err()),
        "文件不是有效的 JSON：第 1 行第 4 列有多余的逗号。"
    );
}

fn listed_setup_error(e: &SetupError) {
    match e {
        SetupError::Empty(_)
        | SetupError::TooLong { .. }
        | SetupError::Pool(_)
        | SetupError::YearNotANumber
        | SetupError::Year { .. }
        | SetupError::LastStage
        | SetupError::StageHasItems { .. }
        | SetupError::TargetIsSame { .. }
        | SetupError::TargetUnknown { .. }
        | SetupError::ItemOfOtherUnit { .. }
        | SetupError::ItemsInSeveralStages => {}
    }
}

fn setup_errors() -> Vec<SetupError> {
    use linkage_board::model::AmountError;
    let fields = [
        SetupField::Id,
        SetupField::Name,
        SetupField::NameZh,
        SetupField::Pool,
        SetupField::Year,
        SetupField::Target,
        SetupField::Title,
    ];
    let mut all = Vec::new();
    for field in fields {
        all.push(SetupError::Empty(field));
        all.push(SetupError::TooLong { field, max: 200 });
    }
    for amount in [
        AmountError::Empty,
        AmountError::Negative,
        AmountError::Fraction,
        AmountError::TooLarge,
        AmountError::NotANumber,
        AmountError::BadSeparator { at: 2 },
        AmountError::UnknownPart { text: "abc".into() },
    ] {
        all.push(SetupError::Pool(amount));
    }
    all.extend([
        SetupError::YearNotANumber,
        SetupError::Year { year: 1999 },
        SetupError::LastStage,
        SetupError::StageHasItems {
            stage: "agreed".into(),
            items: 3,
        },
        SetupError::TargetIsSame {
            stage: "agreed".into(),
        },
        SetupError::TargetUnknown {
            stage: "agreed".into(),
        },
        SetupError::ItemOfOtherUnit {
            item: "w-001".into(),
            unit: "dongcheng".into(),
        },
        SetupError::ItemsInSeveralStages,
    ]);
    all.iter().for_each(listed_setup_error);
    all
}

#[test]
fn every_command_error_reads_in_both_languages() {
    let mut errors: Vec<(CommandError, Vec<&str>)> = COLLECTIONS
        .iter()
        .map(|&collection| {
            (
                CommandError::NotFound {
                    collection,
                    id: "w-404".into(),
                },
                vec!["w-404"],
            )
        })
        .collect();
    for field in ["title", "id", "notes", "category", "quarter", "someday"] {
        for problem in problems() {
            errors.push((CommandError::Field { field, problem }, vec![]));
        }
    }
    for r in rule_errors() {
        errors.push((CommandError::Rule(r), vec![]));
    }
    for e in setup_errors() {
        errors.push((CommandError::Setup(e), vec![]));
    }
    errors.push((CommandError::Gone, vec![]));
    for (e, values) in &errors {
        listed_command_error(e);
        check(
            Lang::En.command_error(e),
            Lang::Zh.command_error(e),
            format!("{e:?}"),
            values,
        );
    }
    assert_eq!(
        Lang::Zh.command_error(&CommandError::Field {
            field: "title",
            problem: Problem::TooLong { max: 200 },
        }),
        "标题超过 200 个字符。"
    );
}

#[test]
fn the_other_refusals_read_in_both_languages() {
    let refusals = [
        LinkRefusal::SameItem,
        LinkRefusal::SameUnit,
        LinkRefusal::AlreadyLinked { link: "l-1".into() },
        LinkRefusal::UnknownItem { id: "x".into() },
    ];
    for r in &refusals {
        let (en, zh) = (Lang::En.refusal(r), Lang::Zh.refusal(r));
        assert!(!en.is_empty() && has_chinese(zh) && stray_english(zh, &[]).is_empty());
    }
    let amounts = [
        AmountError::Empty,
        AmountError::Negative,
        AmountError::Fraction,
        AmountError::TooLarge,
        AmountError::NotANumber,
        AmountError::BadSeparator { at: 2 },
        AmountError::UnknownPart { text: "abc".into() },
    ];
    for a in &amounts {
        listed_amount_error(a);
        let zh = Lang::Zh.amount_error_text(a);
        assert!(
            has_chinese(&zh) && stray_english(&zh, &[]).is_empty(),
            "{zh}"
        );
        assert!(!Lang::En.amount_error_text(a).is_empty());
    }
    let fields = [
        FieldError::Empty,
        FieldError::TooLong { max: 200 },
        FieldError::Quarter,
    ];
    for zh in amounts
        .iter()
        .map(|a| Lang::Zh.amount_error(a))
        .chain(fields.iter().map(|f| Lang::Zh.field_error(f)))
    {
        assert!(has_chinese(zh) && stray_english(zh, &[]).is_empty(), "{zh}");
    }
}

#[test]
fn the_invalid_fixtures_are_refused_in_both_languages() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/plan-format/fixtures/invalid");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the shared fixtures sit beside the repository")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 16, "{files:?}");
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let e = load(&std::fs::read(&path).unwrap()).expect_err(&name);
        let (en, zh) = (Lang::En.load_error(&e), Lang::Zh.load_error(&e));
        assert!(!en.is_empty() && !has_chinese(&en), "{name}: {en}");
        assert!(has_chinese(&zh), "{name}: {zh}");
        let mut values: Vec<String> = Vec::new();
        match &e {
            LoadError::Syntax { line, column, .. } => {
                assert!(
                    zh.contains(&format!("第 {line} 行第 {column} 列")),
                    "{name}: {zh}"
                );
            }
            LoadError::Field { path, id, .. } => {
                values.push(path.clone());
                values.extend(id.clone());
            }
            LoadError::Rule(r) => {
                values = rule_values(r);
                assert!(zh.contains(&format!("规则 {}", r.rule())), "{name}: {zh}");
            }
            LoadError::NewerVersion { found } => values.push(found.to_string()),
            LoadError::WrongFormat { found } => values.push(found.clone()),
            _ => {}
        }
        let values: Vec<&str> = values.iter().map(String::as_str).collect();
        for v in &values {
            assert!(zh.contains(v), "{name}: {zh} keeps {v}");
        }
        let stray = stray_english(&zh, &values);
        assert!(stray.is_empty(), "{name}: English {stray:?} left in {zh}");
    }
}

#[test]
fn undo_redo_and_link_edits_are_announced_in_both_languages() {
    assert_eq!(Lang::En.undone("Link removed"), "Undone: Link removed");
    assert_eq!(Lang::Zh.undone("已删除联动"), "已撤销：已删除联动");
    assert_eq!(Lang::En.redone(""), "Redone");
    assert_eq!(Lang::Zh.redone(" "), "已重做");
    assert_eq!(
        Lang::En.link_amount_changed(125_000),
        "Link amount changed to 125,000"
    );
    assert_eq!(
        Lang::Zh.link_amount_changed(125_000),
        "联动金额已改为 12.5万"
    );
}
