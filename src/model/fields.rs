//! The limits of every field of format v1, in one place: the file loader,
//! every command and every form check against these, so a plan the board
//! makes always opens, and a file that opens can always be edited (and
//! every change to it undone).

/// What is wrong with a field's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Missing,
    WrongType { expected: &'static str },
    NegativeAmount,
    FractionalAmount,
    AmountTooLarge,
    Empty,
    TooLong { max: usize },
    OutOfRange { min: i64, max: i64 },
    NotOneOf { allowed: &'static str },
    Pattern { rule: &'static str },
    TooFew { min: usize },
}

/// What counts as empty for a piece of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blank {
    /// Only "" is empty: a name of spaces is still a name (the schema's
    /// `minLength`).
    IsText,
    /// Text that shows nothing (spaces of any kind, zero-width
    /// characters) is empty: the format's rule for an item's title.
    IsEmpty,
}

/// How long a piece of text may be, in characters (not bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextRule {
    /// 0: may be empty; 1: must not be.
    pub min: usize,
    /// `usize::MAX`: no limit.
    pub max: usize,
    pub blank: Blank,
}

impl TextRule {
    const fn new(min: usize, max: usize) -> TextRule {
        TextRule {
            min,
            max,
            blank: Blank::IsText,
        }
    }

    const fn visible(min: usize, max: usize) -> TextRule {
        TextRule {
            min,
            max,
            blank: Blank::IsEmpty,
        }
    }

    /// The format's rule, the same for a file, a command and undo.
    pub fn check(self, text: &str) -> Result<(), Problem> {
        let empty = match self.blank {
            Blank::IsText => text.is_empty(),
            Blank::IsEmpty => is_blank(text),
        };
        if self.min > 0 && empty {
            return Err(Problem::Empty);
        }
        if self.max != usize::MAX && text.chars().count() > self.max {
            return Err(Problem::TooLong { max: self.max });
        }
        Ok(())
    }

    /// The rule for text a person types into a form: blank counts as
    /// empty too (a new name of spaces is a slip). Stricter than
    /// [`TextRule::check`] only for names, which a file may hold blank.
    pub fn check_entered(self, text: &str) -> Result<(), Problem> {
        if self.min > 0 && is_blank(text) {
            return Err(Problem::Empty);
        }
        self.check(text)
    }
}

/// Characters that take no room on screen: zero-width spaces and joiners,
/// the word joiner, the byte-order mark, the soft hyphen.
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{00ad}' | '\u{180e}'
        )
}

/// Whether text shows nothing at all: empty, spaces, or only characters
/// that take no room (a title of zero-width spaces would be a blank card).
pub fn is_blank(text: &str) -> bool {
    text.chars().all(invisible)
}

/// A whole number within bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IntRule {
    pub min: i64,
    pub max: i64,
}

impl IntRule {
    pub fn check(self, n: i64) -> Result<(), Problem> {
        if n < self.min || n > self.max {
            Err(Problem::OutOfRange {
                min: self.min,
                max: self.max,
            })
        } else {
            Ok(())
        }
    }
}

/// Ids of every record and of the plan.
pub const ID: TextRule = TextRule::new(1, 100);
pub const PLAN_TITLE: TextRule = TextRule::new(0, 200);
pub const UNIT_NAME: TextRule = TextRule::new(1, 200);
pub const UNIT_NAME_ZH: TextRule = TextRule::new(0, 200);
pub const STAGE_NAME: TextRule = TextRule::new(1, 100);
pub const STAGE_NAME_ZH: TextRule = TextRule::new(0, 100);
/// The format: 1–200 characters, not only white space.
pub const ITEM_TITLE: TextRule = TextRule::visible(1, 200);
pub const ITEM_NOTES: TextRule = TextRule::new(0, 10_000);
pub const ITEM_CATEGORY: TextRule = TextRule::new(0, 100);
pub const ITEM_TAG: TextRule = TextRule::new(0, 100);
pub const LINK_NOTE: TextRule = TextRule::new(0, 2000);
/// A currency code (its pattern is checked by the loader).
pub const CURRENCY: TextRule = TextRule::new(0, 3);
/// Text of any length (a time stamp).
pub const ANY_TEXT: TextRule = TextRule::new(0, usize::MAX);
pub const QUARTER: IntRule = IntRule { min: 1, max: 4 };

/// The years a plan file may hold.
pub const FILE_YEAR: IntRule = IntRule {
    min: 1900,
    max: 2999,
};

/// The years the board lets a person set: a plan file may hold older or
/// later years (and still opens), but a year typed outside these is almost
/// certainly a slip.
pub const PLAN_YEAR: IntRule = IntRule {
    min: 2000,
    max: 2100,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_rules_count_characters_and_blank_only_when_entered() {
        assert_eq!(UNIT_NAME.check(""), Err(Problem::Empty));
        assert_eq!(UNIT_NAME.check(" "), Ok(()));
        assert_eq!(UNIT_NAME.check_entered(" "), Err(Problem::Empty));
        assert_eq!(STAGE_NAME.check(&"阶".repeat(100)), Ok(()));
        assert_eq!(
            STAGE_NAME.check(&"阶".repeat(101)),
            Err(Problem::TooLong { max: 100 })
        );
        assert_eq!(PLAN_TITLE.check(""), Ok(()));
    }

    #[test]
    fn years() {
        assert!(PLAN_YEAR.check(2000).is_ok() && PLAN_YEAR.check(2100).is_ok());
        assert!(PLAN_YEAR.check(1999).is_err() && PLAN_YEAR.check(2101).is_err());
        assert!(FILE_YEAR.check(1900).is_ok());
    }
}

#[cfg(test)]
mod blank_tests {
    use super::*;

    #[test]
    fn text_of_invisible_characters_is_blank() {
        for text in [
            "",
            "   ",
            "\u{200b}\u{200b}",
            "\u{feff}",
            " \u{2060}\u{00ad} ",
            "\u{3000}",
        ] {
            assert!(is_blank(text), "{text:?}");
        }
        for text in ["a", "\u{200b}年", "0"] {
            assert!(!is_blank(text), "{text:?}");
        }
    }
}
