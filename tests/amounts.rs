//! Amount fields say what they mean: every form a person may type is read
//! as the yuan it means, every other text is refused with the part that is
//! wrong, and what is read is shown back in the reader's language.

use linkage_board::i18n::Lang;
use linkage_board::model::{magnitude_jump, reading, Amount, AmountError};

fn yuan(v: u64) -> Amount {
    Amount::new(v).unwrap()
}

/// Every accepted form, with the yuan it means.
const ACCEPTED: &[(&str, u64)] = &[
    // Plain digits, surrounding blanks, a plus sign, leading zeros.
    ("0", 0),
    ("125000", 125_000),
    ("  125000\t", 125_000),
    ("+125000", 125_000),
    ("007", 7),
    ("9007199254740991", Amount::MAX),
    // Separators in groups of three from the right.
    ("1,250,000", 1_250_000),
    ("1 250 000", 1_250_000),
    ("1\u{a0}250\u{a0}000", 1_250_000),
    ("1\u{3000}250\u{3000}000", 1_250_000),
    ("1_250_000", 1_250_000),
    ("1，250，000", 1_250_000),
    ("1,250，000", 1_250_000),
    ("125,000", 125_000),
    ("999", 999),
    ("9,007,199,254,740,991", Amount::MAX),
    // Decimals that come to whole yuan.
    ("3.00", 3),
    ("3.", 3),
    ("12.5万", 125_000),
    (".5万", 5_000),
    ("0.0001万", 1),
    ("1,250.5万", 12_505_000),
    ("900,719,925,474.0991万", Amount::MAX),
    // Units, with or without 元 and blanks between.
    ("12万", 120_000),
    ("12.5万元", 125_000),
    ("12.5 万", 125_000),
    ("12.5 万 元", 125_000),
    ("1.5亿", 150_000_000),
    ("1.5亿元", 150_000_000),
    ("0.00000001亿", 1),
    ("5千", 5_000),
    ("5千元", 5_000),
    ("2.5千", 2_500),
    ("30元", 30),
    ("30 元", 30),
    ("125000元", 125_000),
    // Currency signs.
    ("¥300,000", 300_000),
    ("￥300,000", 300_000),
    ("¥ 300000", 300_000),
    ("¥12.5万", 125_000),
    // Full-width digits and punctuation.
    ("１２３４５", 12_345),
    ("１２．５万", 125_000),
    ("１２．５万元", 125_000),
    ("12。5万", 125_000),
    ("１２。５万", 125_000),
    ("＋５", 5),
    ("￥１，２５０，０００", 1_250_000),
];

fn bad_separator(at: usize) -> AmountError {
    AmountError::BadSeparator { at }
}

fn unknown(text: &str) -> AmountError {
    AmountError::UnknownPart { text: text.into() }
}

/// Every refusal, with why.
fn refused() -> Vec<(&'static str, AmountError)> {
    vec![
        ("", AmountError::Empty),
        ("   ", AmountError::Empty),
        ("\u{3000}", AmountError::Empty),
        ("-5", AmountError::Negative),
        ("−5", AmountError::Negative),
        ("－５", AmountError::Negative),
        ("¥-5", AmountError::Negative),
        ("-", AmountError::Negative),
        ("12.5", AmountError::Fraction),
        ("0.5元", AmountError::Fraction),
        ("0.00001万", AmountError::Fraction),
        ("1.2345千", AmountError::Fraction),
        ("0.000000001亿", AmountError::Fraction),
        ("9007199254740992", AmountError::TooLarge),
        ("900719925474.0992万", AmountError::TooLarge),
        (
            "99999999999999999999999999999999999999",
            AmountError::TooLarge,
        ),
        ("1000000000亿", AmountError::TooLarge),
        ("abc", AmountError::NotANumber),
        (".", AmountError::NotANumber),
        ("万", AmountError::NotANumber),
        ("元", AmountError::NotANumber),
        ("¥", AmountError::NotANumber),
        ("+", AmountError::NotANumber),
        // Separators where they do not belong, at the character named.
        ("12,5万", bad_separator(2)),
        ("1,2,3", bad_separator(1)),
        ("12,50", bad_separator(2)),
        ("1234,567", bad_separator(4)),
        ("1,234,56", bad_separator(5)),
        (",123", bad_separator(0)),
        ("123,", bad_separator(3)),
        ("1,,000", bad_separator(1)),
        ("1,250 000", bad_separator(5)),
        ("1 250,000", bad_separator(5)),
        ("12，5万", bad_separator(2)),
        ("0.000,1万", bad_separator(5)),
        ("1.250.000", bad_separator(5)),
        ("12 5万", bad_separator(2)),
        ("  12,5万", bad_separator(4)),
        // Letters or symbols among the digits.
        ("12a", unknown("a")),
        ("1e5", unknown("e")),
        ("12。", unknown("。")),
        ("。5万", unknown("。")),
        ("12万5", unknown("万")),
        ("5美元", unknown("美")),
        ("USD 5", unknown("USD")),
        ("12ｋ", unknown("ｋ")),
        ("1/2", unknown("/")),
        ("5 yuan", unknown("yuan")),
        ("1abcdefghijklmnop", unknown("abcdefghij")),
    ]
}

#[test]
fn every_accepted_form_reads_as_the_yuan_it_means() {
    for &(text, want) in ACCEPTED {
        assert_eq!(Amount::parse(text), Ok(yuan(want)), "{text:?}");
        assert_eq!(reading(text), Ok(yuan(want)), "{text:?}");
    }
}

#[test]
fn every_refusal_says_which_part_is_wrong() {
    for (text, want) in refused() {
        assert_eq!(Amount::parse(text), Err(want.clone()), "{text:?}");
        assert_eq!(reading(text), Err(want), "{text:?}");
    }
}

#[test]
fn a_misplaced_separator_is_named_where_it_was_typed() {
    let text = "1,250,00";
    let Err(AmountError::BadSeparator { at }) = Amount::parse(text) else {
        panic!("refused for its separator");
    };
    assert_eq!(text.chars().nth(at), Some(','));
    assert_eq!(at, 5);
}

#[test]
fn every_refusal_reads_in_both_languages() {
    for (text, e) in refused() {
        let (en, zh) = (
            Lang::En.amount_error_text(&e),
            Lang::Zh.amount_error_text(&e),
        );
        assert!(!en.is_empty() && !zh.is_empty(), "{text:?}");
        assert_ne!(en, zh, "{text:?}");
        assert!(!en.contains('{') && !zh.contains('{'), "{en} / {zh}");
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{zh}"
        );
        // The short form stays for fields that show a fixed sentence.
        assert!(!Lang::Zh.amount_error(&e).is_empty());
        assert!(!Lang::En.amount_error(&e).is_empty());
    }
    assert_eq!(
        Lang::En.amount_error_text(&bad_separator(2)),
        "The separator at character 3 is out of place: group digits in threes, as in 1,250,000."
    );
    assert_eq!(
        Lang::Zh.amount_error_text(&bad_separator(2)),
        "第 3 个字符处的分隔符位置不对：数字须从右起每三位一组，如 1,250,000。"
    );
    assert_eq!(
        Lang::En.amount_error_text(&unknown("e")),
        "“e” is not part of an amount: write 125000, 1,250,000, 12.5万 or 1.5亿."
    );
    assert_eq!(
        Lang::Zh.amount_error_text(&unknown("美")),
        "“美”不是金额的一部分：请按 125000、1,250,000、12.5万 或 1.5亿 的格式填写。"
    );
    assert_eq!(
        Lang::Zh.amount_error_text(&AmountError::Negative),
        Lang::Zh.amount_error(&AmountError::Negative)
    );
}

#[test]
fn what_is_read_is_shown_back() {
    let cases: &[(u64, &str, &str)] = &[
        (0, "= 0 yuan", "= 0 元"),
        (30, "= 30 yuan", "= 30 元"),
        (9_999, "= 9,999 yuan", "= 9,999 元"),
        (10_000, "= 10,000 yuan", "= 1万元"),
        (125_000, "= 125,000 yuan", "= 12.5万元"),
        (123_456_789, "= 123,456,789 yuan", "= 12,345.6789万元"),
        (150_000_000, "= 150,000,000 yuan", "= 1.5亿元"),
        (123_450_000, "= 123,450,000 yuan", "= 1.2345亿元"),
    ];
    for &(v, en, zh) in cases {
        assert_eq!(Lang::En.amount_reading(yuan(v)), en);
        assert_eq!(Lang::Zh.amount_reading(yuan(v)), zh);
    }
    for &(text, want) in ACCEPTED {
        let zh = Lang::Zh.amount_reading(yuan(want));
        let shown = zh.trim_start_matches("= ");
        assert_eq!(
            Amount::parse(shown),
            Ok(yuan(want)),
            "{text:?} shown as {zh}"
        );
    }
}

#[test]
fn a_jump_of_a_thousand_times_is_asked_about() {
    let cases: &[(u64, u64, bool)] = &[
        (125_000, 125, true),
        (125_000, 12, true),
        (125_000, 126, false),
        (125, 125_000, true),
        (125, 124_999, false),
        (12, 125_000, true),
        (125_000, 150_000, false),
        (125_000, 125_000, false),
        (0, 125_000, false),
        (125_000, 0, false),
        (0, 0, false),
        (Amount::MAX, 1, true),
        (1, Amount::MAX, true),
    ];
    for &(old, new, want) in cases {
        assert_eq!(magnitude_jump(yuan(old), yuan(new)), want, "{old} → {new}");
    }
}
