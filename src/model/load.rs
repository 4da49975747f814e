//! One way in: every plan the app opens — from storage, a file, a paste or
//! an embedded page — goes through [`load`], which either gives a plan that
//! keeps every rule of format v1 or says, in words a person can act on, what
//! is wrong and where.

use super::amount::Amount;
pub use super::fields::Problem;
use super::fields::{self, IntRule, TextRule};
use super::plan::{Item, Level, Link, Plan, Stage, Unit, FORMAT, VERSION};
use super::rules::{check_rules, RuleError};
use serde_json::{Map, Value};

/// The format's rule for a plan's title (see [`fields::PLAN_TITLE`]).
pub fn check_plan_title(title: &str) -> Result<(), Problem> {
    fields::PLAN_TITLE.check(title)
}

/// Why a file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The browser could not read the file at all (moved, deleted, no
    /// permission); `why` is what it said.
    Unreadable {
        why: String,
    },
    Empty,
    NotUtf8 {
        byte: usize,
    },
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    NotAPlan,
    WrongFormat {
        found: String,
    },
    NewerVersion {
        found: u64,
    },
    Field {
        path: String,
        id: Option<String>,
        problem: Problem,
    },
    Rule(RuleError),
}

impl LoadError {
    /// A stable name for the kind of refusal, for tests and telemetry-free
    /// diagnostics.
    pub fn kind(&self) -> &'static str {
        match self {
            LoadError::Unreadable { .. } => "unreadable",
            LoadError::Empty => "empty",
            LoadError::NotUtf8 { .. } => "not-utf8",
            LoadError::Syntax { .. } => "syntax",
            LoadError::NotAPlan => "not-a-plan",
            LoadError::WrongFormat { .. } => "wrong-format",
            LoadError::NewerVersion { .. } => "newer-version",
            LoadError::Field { problem, .. } => match problem {
                Problem::Missing => "missing-field",
                Problem::WrongType { .. } => "wrong-type",
                Problem::NegativeAmount => "negative-amount",
                Problem::FractionalAmount => "fractional-amount",
                Problem::AmountTooLarge => "amount-too-large",
                Problem::Empty => "empty-text",
                Problem::TooLong { .. } => "too-long",
                Problem::OutOfRange { .. } => "out-of-range",
                Problem::NotOneOf { .. } => "not-one-of",
                Problem::Pattern { .. } => "pattern",
                Problem::TooFew { .. } => "too-few",
            },
            LoadError::Rule(rule) => rule.kind(),
        }
    }
}

impl From<RuleError> for LoadError {
    fn from(e: RuleError) -> Self {
        LoadError::Rule(e)
    }
}

/// Reads a plan file (bytes as they came from disk, storage or a paste).
pub fn load(bytes: &[u8]) -> Result<Plan, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| LoadError::NotUtf8 {
        byte: e.valid_up_to(),
    })?;
    load_str(text)
}

/// Reads a plan from text; a leading byte-order mark is allowed.
pub fn load_str(text: &str) -> Result<Plan, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| LoadError::Syntax {
        line: e.line(),
        column: e.column(),
        message: syntax_message(&e),
    })?;
    let plan = decode_plan(value)?;
    check_rules(&plan)?;
    Ok(plan)
}

fn syntax_message(e: &serde_json::Error) -> String {
    // serde_json appends " at line L column C"; we say where ourselves.
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    }
}

fn decode_plan(value: Value) -> Result<Plan, LoadError> {
    let Value::Object(mut obj) = value else {
        return Err(LoadError::NotAPlan);
    };
    match obj.get("format") {
        None => return Err(LoadError::NotAPlan),
        Some(Value::String(s)) if s == FORMAT => {}
        Some(Value::String(s)) => return Err(LoadError::WrongFormat { found: s.clone() }),
        Some(other) => {
            return Err(LoadError::WrongFormat {
                found: other.to_string(),
            })
        }
    }
    let top = Ctx::top();
    let version = match obj.get("version") {
        None => return Err(top.field("version").err(Problem::Missing)),
        Some(v) => v.as_u64().ok_or_else(|| {
            top.field("version").err(Problem::WrongType {
                expected: "a whole number",
            })
        })?,
    };
    if version > VERSION {
        return Err(LoadError::NewerVersion { found: version });
    }
    if version < 1 {
        return Err(top.field("version").err(Problem::OutOfRange {
            min: 1,
            max: VERSION as i64,
        }));
    }
    obj.remove("format");
    obj.remove("version");
    let id = take_id(&mut obj, &top, "id")?;
    let title = take_string(&mut obj, &top, "title", fields::PLAN_TITLE)?;
    let year =
        take_int(&mut obj, &top, "year", fields::FILE_YEAR)?.expect_present(&top, "year")? as u16;
    let currency = take_string(&mut obj, &top, "currency", fields::CURRENCY)?;
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(top.field("currency").err(Problem::Pattern {
            rule: "a three-letter ISO 4217 code such as CNY",
        }));
    }
    let revision = match take_opt(&mut obj, "revision") {
        None => None,
        Some(v) => Some(as_int(
            &v,
            &|| top.field("revision"),
            IntRule {
                min: 0,
                max: i64::MAX,
            },
        )? as u64),
    };
    let updated_at = take_opt_string(&mut obj, &top, "updated_at", fields::ANY_TEXT)?;
    let units = take_array(&mut obj, &top, "units")?;
    let stages = take_array(&mut obj, &top, "stages")?;
    let items = take_array(&mut obj, &top, "items")?;
    let links = take_array(&mut obj, &top, "links")?;
    if stages.is_empty() {
        return Err(top.field("stages").err(Problem::TooFew { min: 1 }));
    }
    let units = decode_each(units, "units", decode_unit)?;
    let stages = decode_each(stages, "stages", decode_stage)?;
    let items = decode_each(items, "items", decode_item)?;
    let links = decode_each(links, "links", decode_link)?;
    Ok(Plan {
        format: FORMAT.to_string(),
        version: VERSION,
        id,
        title,
        year,
        currency,
        revision,
        updated_at,
        units,
        stages,
        items,
        links,
        extra: obj,
    })
}

fn decode_each<T>(
    values: Vec<Value>,
    name: &str,
    decode: fn(Map<String, Value>, &Ctx) -> Result<T, LoadError>,
) -> Result<Vec<T>, LoadError> {
    values
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            let mut ctx = Ctx {
                path: format!("{name}[{i}]"),
                id: None,
            };
            match v {
                Value::Object(obj) => {
                    ctx.id = obj.get("id").and_then(Value::as_str).map(str::to_string);
                    decode(obj, &ctx)
                }
                _ => Err(ctx.err(Problem::WrongType {
                    expected: "an object",
                })),
            }
        })
        .collect()
}

fn decode_unit(mut obj: Map<String, Value>, ctx: &Ctx) -> Result<Unit, LoadError> {
    let id = take_id(&mut obj, ctx, "id")?;
    let name = take_string(&mut obj, ctx, "name", fields::UNIT_NAME)?;
    let name_zh = take_opt_string(&mut obj, ctx, "name_zh", fields::UNIT_NAME_ZH)?;
    let level_value =
        take_opt(&mut obj, "level").ok_or(ctx.field("level").err(Problem::Missing))?;
    let level = level_value.as_str().and_then(Level::parse).ok_or_else(|| {
        ctx.field("level").err(Problem::NotOneOf {
            allowed: "\"municipal\", \"district\" or \"affiliate\"",
        })
    })?;
    let pool = take_opt_amount(&mut obj, ctx, "pool")?;
    Ok(Unit {
        id: id.into(),
        name,
        name_zh,
        level,
        pool,
        extra: obj,
    })
}

fn decode_stage(mut obj: Map<String, Value>, ctx: &Ctx) -> Result<Stage, LoadError> {
    Ok(Stage {
        id: take_id(&mut obj, ctx, "id")?.into(),
        name: take_string(&mut obj, ctx, "name", fields::STAGE_NAME)?,
        name_zh: take_opt_string(&mut obj, ctx, "name_zh", fields::STAGE_NAME_ZH)?,
        extra: obj,
    })
}

fn decode_item(mut obj: Map<String, Value>, ctx: &Ctx) -> Result<Item, LoadError> {
    let id = take_id(&mut obj, ctx, "id")?;
    let unit = take_id(&mut obj, ctx, "unit")?;
    let stage = take_id(&mut obj, ctx, "stage")?;
    let title = take_string(&mut obj, ctx, "title", fields::ITEM_TITLE)?;
    let notes = take_opt_string(&mut obj, ctx, "notes", fields::ITEM_NOTES)?;
    let category = take_opt_string(&mut obj, ctx, "category", fields::ITEM_CATEGORY)?;
    let quarter = take_int(&mut obj, ctx, "quarter", fields::QUARTER)?
        .0
        .map(|q| q as u8);
    let budget = take_amount(&mut obj, ctx, "budget")?;
    let demand = take_amount(&mut obj, ctx, "demand")?;
    let tags = match take_opt(&mut obj, "tags") {
        None => None,
        Some(Value::Array(values)) => {
            let mut tags = Vec::with_capacity(values.len());
            for (i, v) in values.into_iter().enumerate() {
                tags.push(as_string(
                    v,
                    &|| ctx.field(&format!("tags[{i}]")),
                    fields::ITEM_TAG,
                )?);
            }
            Some(tags)
        }
        Some(_) => {
            return Err(ctx.field("tags").err(Problem::WrongType {
                expected: "an array of strings",
            }))
        }
    };
    Ok(Item {
        id: id.into(),
        unit: unit.into(),
        stage: stage.into(),
        title,
        notes,
        category,
        quarter,
        budget,
        demand,
        tags,
        extra: obj,
    })
}

fn decode_link(mut obj: Map<String, Value>, ctx: &Ctx) -> Result<Link, LoadError> {
    Ok(Link {
        id: take_id(&mut obj, ctx, "id")?.into(),
        source: take_id(&mut obj, ctx, "source")?.into(),
        target: take_id(&mut obj, ctx, "target")?.into(),
        amount: take_amount(&mut obj, ctx, "amount")?,
        note: take_opt_string(&mut obj, ctx, "note", fields::LINK_NOTE)?,
        extra: obj,
    })
}

/// Where in the file a value sits: a path such as `items[3].budget` and the
/// id of the record it belongs to. Values are checked with a way to make
/// their `Ctx` (`at`), called only when one is wrong: a plan of thousands
/// of items opens without building a path for every field.
struct Ctx {
    path: String,
    id: Option<String>,
}

impl Ctx {
    fn top() -> Ctx {
        Ctx {
            path: String::new(),
            id: None,
        }
    }

    fn field(&self, name: &str) -> Ctx {
        let path = if self.path.is_empty() {
            name.to_string()
        } else if name.starts_with('[') {
            format!("{}{name}", self.path)
        } else {
            format!("{}.{name}", self.path)
        };
        Ctx {
            path,
            id: self.id.clone(),
        }
    }

    fn err(&self, problem: Problem) -> LoadError {
        LoadError::Field {
            path: self.path.clone(),
            id: self.id.clone(),
            problem,
        }
    }
}

/// An optional integer, with a way to insist that it is there.
struct MaybeInt(Option<i64>);

impl MaybeInt {
    fn expect_present(self, ctx: &Ctx, name: &str) -> Result<i64, LoadError> {
        self.0.ok_or_else(|| ctx.field(name).err(Problem::Missing))
    }
}

fn take_opt(obj: &mut Map<String, Value>, name: &str) -> Option<Value> {
    // `shift_remove` keeps the order of the fields left in `extra`.
    obj.shift_remove(name)
}

fn take_required(obj: &mut Map<String, Value>, ctx: &Ctx, name: &str) -> Result<Value, LoadError> {
    take_opt(obj, name).ok_or_else(|| ctx.field(name).err(Problem::Missing))
}

fn take_id(obj: &mut Map<String, Value>, ctx: &Ctx, name: &str) -> Result<String, LoadError> {
    take_string(obj, ctx, name, fields::ID)
}

fn take_string(
    obj: &mut Map<String, Value>,
    ctx: &Ctx,
    name: &str,
    rule: TextRule,
) -> Result<String, LoadError> {
    let v = take_required(obj, ctx, name)?;
    as_string(v, &|| ctx.field(name), rule)
}

fn take_opt_string(
    obj: &mut Map<String, Value>,
    ctx: &Ctx,
    name: &str,
    rule: TextRule,
) -> Result<Option<String>, LoadError> {
    take_opt(obj, name)
        .map(|v| as_string(v, &|| ctx.field(name), rule))
        .transpose()
}

fn as_string(v: Value, at: &dyn Fn() -> Ctx, rule: TextRule) -> Result<String, LoadError> {
    let Value::String(s) = v else {
        return Err(at().err(Problem::WrongType { expected: "text" }));
    };
    rule.check(&s).map_err(|problem| at().err(problem))?;
    Ok(s)
}

fn take_int(
    obj: &mut Map<String, Value>,
    ctx: &Ctx,
    name: &str,
    rule: IntRule,
) -> Result<MaybeInt, LoadError> {
    match take_opt(obj, name) {
        None => Ok(MaybeInt(None)),
        Some(v) => as_int(&v, &|| ctx.field(name), rule).map(|n| MaybeInt(Some(n))),
    }
}

fn as_int(v: &Value, at: &dyn Fn() -> Ctx, rule: IntRule) -> Result<i64, LoadError> {
    let out_of_range = || {
        at().err(Problem::OutOfRange {
            min: rule.min,
            max: rule.max,
        })
    };
    match v {
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                rule.check(i).map_err(|problem| at().err(problem))?;
                Ok(i)
            } else if n.is_u64() {
                Err(out_of_range())
            } else {
                Err(at().err(Problem::WrongType {
                    expected: "a whole number",
                }))
            }
        }
        _ => Err(at().err(Problem::WrongType {
            expected: "a whole number",
        })),
    }
}

fn take_amount(obj: &mut Map<String, Value>, ctx: &Ctx, name: &str) -> Result<Amount, LoadError> {
    let v = take_required(obj, ctx, name)?;
    as_amount(&v, &|| ctx.field(name))
}

fn take_opt_amount(
    obj: &mut Map<String, Value>,
    ctx: &Ctx,
    name: &str,
) -> Result<Option<Amount>, LoadError> {
    take_opt(obj, name)
        .map(|v| as_amount(&v, &|| ctx.field(name)))
        .transpose()
}

fn as_amount(v: &Value, at: &dyn Fn() -> Ctx) -> Result<Amount, LoadError> {
    let Value::Number(n) = v else {
        return Err(at().err(Problem::WrongType {
            expected: "a whole number of yuan",
        }));
    };
    if let Some(u) = n.as_u64() {
        return Amount::new(u).ok_or_else(|| at().err(Problem::AmountTooLarge));
    }
    if n.as_i64().is_some() {
        return Err(at().err(Problem::NegativeAmount));
    }
    // A float: 12.5, -3.0, 1e20 ...
    let f = n.as_f64().unwrap_or(f64::NAN);
    if f < 0.0 {
        Err(at().err(Problem::NegativeAmount))
    } else if f.fract() != 0.0 || !f.is_finite() {
        Err(at().err(Problem::FractionalAmount))
    } else if f > Amount::MAX as f64 {
        Err(at().err(Problem::AmountTooLarge))
    } else {
        // 125000.0 is a whole number written with a point: accept it.
        Amount::new(f as u64).ok_or_else(|| at().err(Problem::AmountTooLarge))
    }
}

fn take_array(
    obj: &mut Map<String, Value>,
    ctx: &Ctx,
    name: &str,
) -> Result<Vec<Value>, LoadError> {
    match take_required(obj, ctx, name)? {
        Value::Array(values) => Ok(values),
        _ => Err(ctx.field(name).err(Problem::WrongType {
            expected: "an array",
        })),
    }
}
