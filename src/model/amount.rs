//! Amounts of money: whole yuan, never negative, never above 2^53 − 1 so that
//! every amount survives a trip through a JavaScript number.

use std::fmt;

/// A non-negative whole number of yuan, at most [`Amount::MAX`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(u64);

/// Why a typed amount was refused, naming the part that is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AmountError {
    Empty,
    Negative,
    /// Has a part smaller than one yuan.
    Fraction,
    TooLarge,
    /// No digits at all: the text is not an amount.
    NotANumber,
    /// A digit-group separator (`,` `，` space `_` or a second decimal
    /// point) where it does not belong; `at` counts characters of the text
    /// as typed, from 0.
    BadSeparator {
        at: usize,
    },
    /// Letters or symbols among the digits that are not part of an amount,
    /// as typed (at most ten characters).
    UnknownPart {
        text: String,
    },
}

/// A typed character as the parser reads it: full-width forms as their
/// ASCII twins, the ideographic space and no-break space as a space.
fn narrow(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' | '\u{a0}' | '\u{202f}' | '\u{2009}' => ' ',
        '\u{2212}' => '-',
        '\u{ffe5}' => '¥',
        _ => c,
    }
}

/// How many places a unit shifts the figure: 亿, 万, 千.
fn unit_places(c: char) -> Option<usize> {
    match c {
        '亿' => Some(8),
        '万' => Some(4),
        '千' => Some(3),
        _ => None,
    }
}

impl Amount {
    /// The largest amount a plan file may hold (2^53 − 1).
    pub const MAX: u64 = 9_007_199_254_740_991;
    pub const ZERO: Amount = Amount(0);

    pub fn new(yuan: u64) -> Option<Amount> {
        (yuan <= Self::MAX).then_some(Amount(yuan))
    }

    pub fn yuan(self) -> u64 {
        self.0
    }

    /// Reads an amount as people type it: `125000`, `125,000`,
    /// `1 250 000`, `12.5万`, `12.5万元`, `1.5亿`, `5千`, `30元`, `¥300,000`,
    /// full-width `１２．５万` and `12。5万`. Digit groups are threes from
    /// the right (the first one to three digits); anything else is refused
    /// with the part that is wrong.
    pub fn parse(text: &str) -> Result<Amount, AmountError> {
        // (position as typed, character as typed, character as read)
        let mut cs: Vec<(usize, char, char)> = text
            .chars()
            .enumerate()
            .map(|(i, c)| (i, c, narrow(c)))
            .collect();
        let blank = |cs: &[(usize, char, char)], i: usize| cs[i].2.is_whitespace();
        while !cs.is_empty() && blank(&cs, cs.len() - 1) {
            cs.pop();
        }
        let mut from = 0;
        while from < cs.len() && blank(&cs, from) {
            from += 1;
        }
        if from == cs.len() {
            return Err(AmountError::Empty);
        }
        if cs[from].2 == '¥' {
            from += 1;
            while from < cs.len() && blank(&cs, from) {
                from += 1;
            }
        }
        match cs.get(from).map(|c| c.2) {
            Some('-') => return Err(AmountError::Negative),
            Some('+') => from += 1,
            _ => {}
        }
        if !cs[from..].iter().any(|c| c.2.is_ascii_digit()) {
            return Err(AmountError::NotANumber);
        }
        let mut to = cs.len();
        let trim_end = |to: &mut usize| {
            while *to > from && blank(&cs, *to - 1) {
                *to -= 1;
            }
        };
        if cs[to - 1].2 == '元' {
            to -= 1;
            trim_end(&mut to);
        }
        let mut places = 0;
        if let Some(p) = unit_places(cs[to - 1].2) {
            places = p;
            to -= 1;
            trim_end(&mut to);
        }
        let body = &cs[from..to];

        // Digits of the whole part and of the fraction; separators with
        // their kind, position and how many digits came before them.
        let (mut whole, mut frac) = (String::new(), String::new());
        let mut point = false;
        let mut seps: Vec<(char, usize, usize)> = Vec::new();
        for (k, &(at, typed, c)) in body.iter().enumerate() {
            let digit_at = |j: usize| body.get(j).is_some_and(|d| d.2.is_ascii_digit());
            let c = if typed == '。' && k > 0 && digit_at(k - 1) && digit_at(k + 1) {
                '.'
            } else {
                c
            };
            match c {
                '0'..='9' if point => frac.push(c),
                '0'..='9' => whole.push(c),
                '.' if !point => point = true,
                '.' => return Err(AmountError::BadSeparator { at }),
                ',' | ' ' | '_' if point => return Err(AmountError::BadSeparator { at }),
                ',' | ' ' | '_' => seps.push((c, at, whole.len())),
                _ => {
                    let text = body[k..]
                        .iter()
                        .take_while(|d| !d.2.is_ascii_digit() && !matches!(d.2, ',' | ' ' | '.'))
                        .take(10)
                        .map(|d| d.1)
                        .collect();
                    return Err(AmountError::UnknownPart { text });
                }
            }
        }
        // Groups of three from the right, the first of one to three digits,
        // one kind of separator throughout, the last group ending the whole
        // part.
        for (n, &(kind, at, digits)) in seps.iter().enumerate() {
            let next = seps.get(n + 1).map_or(whole.len(), |s| s.2);
            let first_ok = n > 0 || (1..=3).contains(&digits);
            if !first_ok || kind != seps[0].0 || next - digits != 3 {
                return Err(AmountError::BadSeparator { at });
            }
        }

        // The fraction must come out as whole yuan once scaled.
        let frac = frac.trim_end_matches('0');
        if frac.len() > places {
            return Err(AmountError::Fraction);
        }
        let whole = whole.trim_start_matches('0');
        if whole.len() > 20 {
            return Err(AmountError::TooLarge);
        }
        let mut digits = String::from(whole);
        digits.push_str(frac);
        digits.extend(std::iter::repeat_n('0', places - frac.len()));
        let total: u128 = digits.parse().unwrap_or(0);
        if total > u128::from(Self::MAX) {
            return Err(AmountError::TooLarge);
        }
        Ok(Amount(total as u64))
    }
}

/// What typed text will be read as, for showing beside the field while
/// it is typed: [`Amount::parse`].
pub fn reading(text: &str) -> Result<Amount, AmountError> {
    Amount::parse(text)
}

/// Whether a new amount is a thousand times or more smaller or larger than
/// a non-zero old one: a likely slip of units (`12.5` for `12.5万`) worth
/// asking about once. Clearing to 0, or setting from 0, is no slip.
pub fn magnitude_jump(old: Amount, new: Amount) -> bool {
    let (o, n) = (u128::from(old.0), u128::from(new.0));
    o != 0 && n != 0 && (n * 1000 <= o || n >= o * 1000)
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&group_thousands(i128::from(self.0)))
    }
}

/// A figure as plain digits with its sign, as `data-value` carries it.
pub fn plain(value: i128) -> String {
    value.to_string()
}

/// `1234567` → `1,234,567`; negative numbers keep their sign.
pub fn group_thousands(value: i128) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `125000` → `12.5万`; up to four decimals, trailing zeros dropped, so the
/// figure is exact: `1` → `0.0001万`.
pub fn format_wan(value: i128) -> String {
    scaled(value, 10_000, '万')
}

/// `150000000` → `1.5亿`; up to eight decimals, trailing zeros dropped, so
/// the figure is exact.
pub fn format_yi(value: i128) -> String {
    scaled(value, 100_000_000, '亿')
}

fn scaled(value: i128, unit: u128, name: char) -> String {
    let abs = value.unsigned_abs();
    let (whole, frac) = (abs / unit, abs % unit);
    let mut out = String::new();
    if value < 0 {
        out.push('-');
    }
    out.push_str(&group_thousands(whole as i128));
    if frac != 0 {
        let places = unit.ilog10() as usize;
        let f = format!("{frac:0places$}");
        out.push('.');
        out.push_str(f.trim_end_matches('0'));
    }
    out.push(name);
    out
}

/// A number with at most `places` decimals (trailing zeros dropped), for
/// drawing coordinates and indices. Integer arithmetic only: the float
/// formatter of the standard library is large for a wasm bundle.
pub fn decimal(value: f64, places: u32) -> String {
    if !value.is_finite() {
        return "0".to_string();
    }
    let scale = 10i128.pow(places);
    let scaled = (value * scale as f64).round() as i128;
    let (sign, magnitude) = if scaled < 0 {
        ("-", -scaled)
    } else {
        ("", scaled)
    };
    let (whole, mut frac) = (magnitude / scale, magnitude % scale);
    let mut digits = places as usize;
    while digits > 0 && frac % 10 == 0 {
        frac /= 10;
        digits -= 1;
    }
    let sign = if magnitude == 0 { "" } else { sign };
    if digits == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{frac:0digits$}")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn decimals_without_the_float_formatter() {
        use super::decimal;
        assert_eq!(decimal(0.0, 2), "0");
        assert_eq!(decimal(12.0, 2), "12");
        assert_eq!(decimal(12.5, 2), "12.5");
        assert_eq!(decimal(0.2345, 2), "0.23");
        assert_eq!(decimal(0.2355, 4), "0.2355");
        assert_eq!(decimal(0.05, 2), "0.05");
        assert_eq!(decimal(-7.06, 1), "-7.1");
        assert_eq!(decimal(-0.001, 2), "0");
        assert_eq!(decimal(1234.999, 2), "1235");
        assert_eq!(decimal(f64::NAN, 2), "0");
        for v in [0.0, 1.5, 99.99, 1e6 + 0.25, 123.456] {
            assert_eq!(
                decimal(v, 2).parse::<f64>().unwrap(),
                (v * 100.0).round() / 100.0
            );
        }
    }

    use super::*;

    #[test]
    fn parses_what_people_type() {
        let ok = [
            ("125000", 125_000),
            ("125,000", 125_000),
            (" 125 000 ", 125_000),
            ("12.5万", 125_000),
            ("12.5万元", 125_000),
            ("125000元", 125_000),
            ("0", 0),
            ("0.0001万", 1),
            ("¥300,000", 300_000),
            ("9007199254740991", Amount::MAX),
            ("3.00", 3),
        ];
        for (text, want) in ok {
            assert_eq!(Amount::parse(text).map(Amount::yuan), Ok(want), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        let bad = [
            ("", AmountError::Empty),
            ("  ", AmountError::Empty),
            ("-5", AmountError::Negative),
            ("12.5", AmountError::Fraction),
            ("0.00001万", AmountError::Fraction),
            ("abc", AmountError::NotANumber),
            ("12a", AmountError::UnknownPart { text: "a".into() }),
            ("1e5", AmountError::UnknownPart { text: "e".into() }),
            (".", AmountError::NotANumber),
            ("万", AmountError::NotANumber),
            ("9007199254740992", AmountError::TooLarge),
            (
                "99999999999999999999999999999999999999",
                AmountError::TooLarge,
            ),
            ("900719925474.0992万", AmountError::TooLarge),
        ];
        for (text, want) in bad {
            assert_eq!(Amount::parse(text), Err(want), "{text}");
        }
    }

    #[test]
    fn formats_for_people() {
        assert_eq!(plain(0), "0");
        assert_eq!(plain(-1_234_567), "-1234567");
        assert_eq!(plain(i128::MAX), i128::MAX.to_string());
        assert_eq!(plain(i128::MIN), i128::MIN.to_string());
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1,000");
        assert_eq!(group_thousands(-1_234_567), "-1,234,567");
        assert_eq!(format_wan(125_000), "12.5万");
        assert_eq!(format_wan(12_000_000), "1,200万");
        assert_eq!(format_wan(1), "0.0001万");
        assert_eq!(format_wan(-450_000), "-45万");
        assert_eq!(format_wan(0), "0万");
    }

    proptest::proptest! {
        #[test]
        fn formatted_amounts_parse_back(v in 0u64..=Amount::MAX) {
            let a = Amount::new(v).unwrap();
            proptest::prop_assert_eq!(Amount::parse(&a.to_string()), Ok(a));
            proptest::prop_assert_eq!(Amount::parse(&format_wan(i128::from(v))), Ok(a));
        }
    }
}
