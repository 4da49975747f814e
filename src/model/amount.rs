//! Amounts of money: whole yuan, never negative, never above 2^53 − 1 so that
//! every amount survives a trip through a JavaScript number.

use std::fmt;

/// A non-negative whole number of yuan, at most [`Amount::MAX`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(u64);

/// Why a typed amount was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AmountError {
    Empty,
    Negative,
    /// Has a part smaller than one yuan.
    Fraction,
    TooLarge,
    /// Letters or symbols that are not part of an amount.
    NotANumber,
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AmountError::Empty => "enter an amount",
            AmountError::Negative => "an amount cannot be negative",
            AmountError::Fraction => "an amount is a whole number of yuan",
            AmountError::TooLarge => "an amount is at most 9,007,199,254,740,991 yuan",
            AmountError::NotANumber => "write an amount as 125000, 125,000 or 12.5万",
        })
    }
}

impl std::error::Error for AmountError {}

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

    /// Reads an amount as people type it: `125000`, `125,000`, `125 000`,
    /// `12.5万`, `12.5万元`, `125000元`. Anything else is refused.
    pub fn parse(text: &str) -> Result<Amount, AmountError> {
        let mut s: String = text
            .trim()
            .chars()
            .filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{a0}' | '_'))
            .collect();
        if s.is_empty() {
            return Err(AmountError::Empty);
        }
        if let Some(rest) = s.strip_prefix('¥').or_else(|| s.strip_prefix('￥')) {
            s = rest.to_string();
        }
        if s.starts_with('-') || s.starts_with('−') {
            return Err(AmountError::Negative);
        }
        if let Some(rest) = s.strip_suffix('元') {
            s = rest.to_string();
        }
        let (number, scale) = match s.strip_suffix('万') {
            Some(rest) => (rest, 10_000u64),
            None => (s.as_str(), 1u64),
        };
        let number = number.strip_prefix('+').unwrap_or(number);
        let (whole, frac) = match number.split_once('.') {
            Some((w, f)) => (w, f),
            None => (number, ""),
        };
        if whole.is_empty() && frac.is_empty() {
            return Err(AmountError::NotANumber);
        }
        if !whole.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return Err(AmountError::NotANumber);
        }
        let whole_value: u128 = if whole.is_empty() {
            0
        } else {
            // More than 30 digits is far beyond MAX anyway.
            if whole.trim_start_matches('0').len() > 30 {
                return Err(AmountError::TooLarge);
            }
            whole.parse().map_err(|_| AmountError::NotANumber)?
        };
        // The fraction must come out as whole yuan once scaled.
        let frac = frac.trim_end_matches('0');
        let scale_digits = if scale == 1 { 0 } else { 4 };
        if frac.len() > scale_digits {
            return Err(AmountError::Fraction);
        }
        let mut frac_value: u128 = 0;
        for (i, b) in frac.bytes().enumerate() {
            frac_value += u128::from(b - b'0') * 10u128.pow((scale_digits - 1 - i) as u32);
        }
        let total = whole_value
            .checked_mul(u128::from(scale))
            .and_then(|v| v.checked_add(frac_value))
            .ok_or(AmountError::TooLarge)?;
        if total > u128::from(Self::MAX) {
            return Err(AmountError::TooLarge);
        }
        Ok(Amount(total as u64))
    }
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
    let abs = value.unsigned_abs();
    let whole = abs / 10_000;
    let frac = abs % 10_000;
    let mut out = String::new();
    if value < 0 {
        out.push('-');
    }
    out.push_str(&group_thousands(whole as i128));
    if frac != 0 {
        let f = format!("{frac:04}");
        out.push('.');
        out.push_str(f.trim_end_matches('0'));
    }
    out.push('万');
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
            ("12a", AmountError::NotANumber),
            ("1e5", AmountError::NotANumber),
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
