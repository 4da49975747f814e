//! The model's words in the reader's language: amounts, names, levels,
//! every error and refusal the model gives, the questions it asks, the
//! returns' states. The one place where the model's types meet the
//! interface language ([`crate::i18n`], which knows nothing of the model).

use crate::i18n::{Key, Lang};
use crate::model::plan::{FORMAT, VERSION};
use crate::model::rules::{Collection, End};
use crate::model::{
    format_wan, group_thousands, CommandError, Level, LoadError, Problem, RuleError, Stage, Unit,
};

impl Lang {
    /// An amount as people read it: 万 in Chinese, thousands separators in
    /// English.
    pub fn amount(self, yuan: i128) -> String {
        match self {
            Lang::En => group_thousands(yuan),
            Lang::Zh => format_wan(yuan),
        }
    }

    pub fn unit_name(self, unit: &Unit) -> String {
        match (self, &unit.name_zh) {
            (Lang::Zh, Some(zh)) if !zh.is_empty() => zh.clone(),
            _ => unit.name.clone(),
        }
    }

    pub fn stage_name(self, stage: &Stage) -> String {
        match (self, &stage.name_zh) {
            (Lang::Zh, Some(zh)) if !zh.is_empty() => zh.clone(),
            _ => stage.name.clone(),
        }
    }

    pub fn refusal(self, why: &crate::model::linking::LinkRefusal) -> &'static str {
        use crate::model::linking::LinkRefusal as R;
        self.t(match why {
            R::SameItem => Key::RefuseSameItem,
            R::SameUnit => Key::RefuseSameUnit,
            R::AlreadyLinked { .. } => Key::RefuseAlreadyLinked,
            R::UnknownItem { .. } => Key::RefuseUnknown,
        })
    }

    pub fn level(self, level: Level) -> &'static str {
        match level {
            Level::Municipal => self.t(Key::Municipal),
            Level::District => self.t(Key::District),
            Level::Affiliate => self.t(Key::Affiliate),
        }
    }

    pub fn amount_error(self, e: &crate::model::AmountError) -> &'static str {
        use crate::model::AmountError as E;
        self.t(match e {
            E::Empty => Key::ErrAmountEmpty,
            E::Negative => Key::ErrAmountNegative,
            E::Fraction => Key::ErrAmountFraction,
            E::TooLarge => Key::ErrAmountTooLarge,
            E::NotANumber | E::UnknownPart { .. } => Key::ErrAmountNotANumber,
            E::BadSeparator { .. } => Key::ErrAmountSeparator,
        })
    }

    /// Why a typed amount was refused, naming the part that is wrong: the
    /// place of a misplaced separator, the letters that are not an amount.
    pub fn amount_error_text(self, e: &crate::model::AmountError) -> String {
        use crate::model::AmountError as E;
        match e {
            E::BadSeparator { at } => self
                .t(Key::ErrAmountSeparatorAt)
                .replace("{at}", &(at + 1).to_string()),
            E::UnknownPart { text } => self.t(Key::ErrAmountUnknownPart).replace("{text}", text),
            _ => self.amount_error(e).to_string(),
        }
    }

    /// An amount with its unit: "125,000 yuan"; "30 元", "12.5万元",
    /// "1.5亿元" (亿 when that is exact to four places).
    pub fn amount_in_yuan(self, yuan: i128) -> String {
        let n = match self {
            Lang::Zh if yuan.unsigned_abs() >= 100_000_000 && yuan % 10_000 == 0 => {
                return format!("{}元", crate::model::format_yi(yuan))
            }
            Lang::Zh if yuan.unsigned_abs() >= 10_000 => return format!("{}元", format_wan(yuan)),
            _ => group_thousands(yuan),
        };
        self.t(Key::AmountYuan).replace("{n}", &n)
    }

    /// What a typed amount is read as, shown beside the field: "= 12.5万元",
    /// "= 125,000 yuan".
    pub fn amount_reading(self, amount: crate::model::Amount) -> String {
        format!("= {}", self.amount_in_yuan(i128::from(amount.yuan())))
    }

    pub fn field_error(self, e: &crate::model::draft::FieldError) -> &'static str {
        use crate::model::draft::FieldError as E;
        match e {
            E::Amount(a) => self.amount_error(a),
            E::Empty => self.t(Key::ErrEmpty),
            E::TooLong { .. } => self.t(Key::ErrTooLong),
            E::Quarter => self.t(Key::ErrQuarter),
        }
    }

    /// A field's refusal, naming the part of an amount that is wrong.
    pub fn field_error_text(self, e: &crate::model::draft::FieldError) -> String {
        match e {
            crate::model::draft::FieldError::Amount(a) => self.amount_error_text(a),
            crate::model::draft::FieldError::TooLong { max } => format!(
                "{} ({})",
                self.field_error(e),
                self.t(Key::AtMostChars)
                    .replace("{n}", &crate::model::group_thousands(*max as i128))
            ),
            _ => self.field_error(e).to_string(),
        }
    }

    /// Why a file was refused, in this language: the line and column of
    /// broken JSON, the field's path and the record's id, the rule broken.
    pub fn load_error(self, e: &LoadError) -> String {
        if self == Lang::En {
            return load_error_en(e);
        }
        match e {
            LoadError::Unreadable { why } => {
                format!("无法读取该文件：它可能已被移动或删除，或浏览器无权读取（{why}）。")
            }
            LoadError::Empty => "文件是空的，其中没有计划。".to_string(),
            LoadError::NotUtf8 { byte } => {
                format!("文件不是 UTF-8 编码的文本（偏移量 {byte} 处有无效字节）。")
            }
            LoadError::Syntax {
                line,
                column,
                message,
            } => {
                let what = json_syntax_zh(message);
                format!("文件不是有效的 JSON：第 {line} 行第 {column} 列{what}。")
            }
            LoadError::NotAPlan => format!(
                "这不是联动看板的计划文件（其中没有 \"format\": \"{FORMAT}\"）。"
            ),
            LoadError::WrongFormat { found } => format!(
                "这不是联动看板的计划文件：其格式为“{found}”，而不是“{FORMAT}”。"
            ),
            LoadError::NewerVersion { found } => format!(
                "此计划由更新版本的联动看板制作（格式版本 {found}，本应用只能读取版本 {VERSION}）。请用更新的版本打开。"
            ),
            LoadError::Field { path, id, problem } => {
                let problem = self.problem(problem);
                match id {
                    Some(id) => format!("字段 {path}（编号“{id}”）{problem}。"),
                    None => format!("字段 {path} {problem}。"),
                }
            }
            LoadError::Rule(rule) => self.rule_error(rule),
        }
    }

    /// What is wrong with a field's value, as the end of a sentence whose
    /// subject is the field ("is missing", "缺失").
    pub fn problem(self, p: &Problem) -> String {
        if self == Lang::En {
            return problem_en(p);
        }
        match p {
            Problem::Missing => "缺失".to_string(),
            Problem::WrongType { expected } => match *expected {
                "text" => "应为文本".to_string(),
                "a whole number" => "应为整数".to_string(),
                "a whole number of yuan" => "应为以元为单位的整数".to_string(),
                "an object" => "应为对象".to_string(),
                "an array" => "应为数组".to_string(),
                "an array of strings" => "应为文本数组".to_string(),
                _ => "类型不正确".to_string(),
            },
            Problem::NegativeAmount => "为负数；金额须为 0 或以上的整元数".to_string(),
            Problem::FractionalAmount => "不是整元数（金额不能有角分）".to_string(),
            Problem::AmountTooLarge => "超过 9,007,199,254,740,991".to_string(),
            Problem::Empty => "为空".to_string(),
            Problem::TooLong { max } => format!("超过 {max} 个字符"),
            Problem::OutOfRange { min, max } => format!("须在 {min} 到 {max} 之间"),
            Problem::NotOneOf { allowed } if allowed.starts_with('"') => format!(
                "须为 {} 之一",
                allowed
                    .replace("\", \"", "\"、\"")
                    .replace("\" or \"", "\" 或 \"")
            ),
            Problem::NotOneOf { .. } => "不是允许的取值".to_string(),
            Problem::Pattern { rule } if rule.contains("ISO 4217") => {
                "须为三个大写字母组成的货币代码，如“CNY”".to_string()
            }
            Problem::Pattern { .. } => "格式不正确".to_string(),
            Problem::TooFew { min } => format!("至少须有 {min} 项"),
        }
    }

    /// A broken rule of the format, naming the rule and the records.
    pub fn rule_error(self, e: &RuleError) -> String {
        if self == Lang::En {
            return rule_error_en(e);
        }
        let n = e.rule();
        match e {
            RuleError::DuplicateId { collection, id } => format!(
                "规则 {n}：有两个{}的编号都是“{id}”；编号必须唯一。",
                collection_zh(*collection)
            ),
            RuleError::UnknownUnit { item, unit } => {
                format!("规则 {n}：事项“{item}”所属的单位“{unit}”不在计划中。")
            }
            RuleError::UnknownStage { item, stage } => {
                format!("规则 {n}：事项“{item}”所在的阶段“{stage}”不在计划中。")
            }
            RuleError::UnknownItem { link, end, item } => format!(
                "规则 {n}：联动“{link}”的{}是事项“{item}”，该事项不在计划中。",
                match end {
                    End::Source => "提供方",
                    End::Target => "接收方",
                }
            ),
            RuleError::SelfLink { link, item } => {
                format!("规则 {n}：联动“{link}”把事项“{item}”与其自身相连。")
            }
            RuleError::SameUnitLink { link, unit } => format!(
                "规则 {n}：联动“{link}”连接的两个事项同属单位“{unit}”；联动必须连接两个不同的单位。"
            ),
            RuleError::DuplicatePair { link, other } => format!(
                "规则 {n}：联动“{other}”和“{link}”连接同样的两个事项；两个事项之间只能有一个联动，无论方向。"
            ),
        }
    }

    /// Why a change was refused.
    pub fn command_error(self, e: &CommandError) -> String {
        if self == Lang::En {
            return command_error_en(e);
        }
        match e {
            CommandError::NotFound { collection, id } => {
                format!("计划中没有编号为“{id}”的{}。", collection_zh(*collection))
            }
            CommandError::Field { field, problem } => {
                let field = match *field {
                    "title" => "标题",
                    "id" => "编号",
                    "notes" => "备注",
                    "category" => "类别",
                    "quarter" => "季度",
                    "unit" => "单位",
                    "stage" => "阶段",
                    "budget" => "自有预算",
                    "demand" => "需求",
                    "amount" => "金额",
                    "note" => "说明",
                    "tags" => "标签",
                    _ => "此项",
                };
                format!("{field}{}。", self.problem(problem))
            }
            CommandError::Rule(rule) => self.rule_error(rule),
            CommandError::Setup(setup) => self.setup_error(setup),
            CommandError::Gone => "看板已关闭。".to_string(),
        }
    }

    /// A question asked before a change goes through (see
    /// [`crate::model::ask`]); `name` gives a record's name (an item's
    /// title, a unit's name) from its id.
    pub fn question(
        self,
        q: &crate::model::ask::Question,
        name: &dyn Fn(&str) -> String,
    ) -> String {
        use crate::model::ask::{Figure, Question};
        match q {
            Question::ThousandTimes {
                record,
                figure,
                old,
                new,
            } => {
                let figure = self.t(match figure {
                    Figure::Budget => Key::Budget,
                    Figure::Demand => Key::Demand,
                    Figure::Amount => Key::LinkAmount,
                    Figure::Pool => Key::QuestionPool,
                });
                self.t(Key::QuestionThousandTimes)
                    .replace("{record}", &name(record))
                    .replace("{figure}", figure)
                    .replace("{old}", &self.amount_in_yuan(i128::from(old.yuan())))
                    .replace("{new}", &self.amount_in_yuan(i128::from(new.yuan())))
            }
            Question::OverPool { unit, left, asked } => self
                .t(Key::OverRemainingCell)
                .replace("{unit}", &name(unit.as_str()))
                .replace("{left}", &self.amount_in_yuan(*left))
                .replace("{typed}", &self.amount_in_yuan(i128::from(asked.yuan()))),
            Question::PoolBeyondScale { unit, pool, scale } => self
                .t(Key::QuestionPoolScale)
                .replace("{unit}", &name(unit.as_str()))
                .replace("{pool}", &self.amount_in_yuan(i128::from(pool.yuan())))
                .replace("{scale}", &self.amount_in_yuan(*scale)),
        }
    }

    /// What a change did, in a few words (for what undo and redo say).
    pub fn change(self, touched: &crate::model::Touched) -> &'static str {
        use crate::model::command::PlanField;
        self.t(if touched.whole_plan() {
            Key::AnnouncePlanReplaced
        } else if touched.changed(PlanField::Title) {
            Key::AnnounceTitleChanged
        } else if !touched.units.is_empty()
            || touched.changed(PlanField::Stages)
            || touched.changed(PlanField::Year)
        {
            Key::AnnounceSetupChanged
        } else if !touched.links.is_empty() {
            Key::AnnounceLinksChanged
        } else {
            Key::AnnounceItemChanged
        })
    }

    /// A link's amount was changed, for screen readers.
    pub fn link_amount_changed(self, yuan: i128) -> String {
        format!("{} {}", self.t(Key::AnnounceLinkAmount), self.amount(yuan))
    }

    pub fn setup_field(self, field: crate::model::SetupField) -> &'static str {
        use crate::model::SetupField as F;
        self.t(match field {
            F::Id => Key::SetupFieldId,
            F::Name => Key::SetupFieldName,
            F::NameZh => Key::SetupFieldNameZh,
            F::Pool => Key::SetupFieldPool,
            F::Year => Key::SetupFieldYear,
            F::Target => Key::SetupFieldTarget,
            F::Title => Key::SetupFieldTitle,
        })
    }

    /// A refused set-up change, as a sentence.
    pub fn setup_error(self, e: &crate::model::SetupError) -> String {
        use crate::model::SetupError as E;
        let field = |f| self.setup_field(f);
        match e {
            E::Empty(f) => self.t(Key::ErrSetupEmpty).replace("{field}", field(*f)),
            E::TooLong { field: f, max } => self
                .t(Key::ErrSetupTooLong)
                .replace("{field}", field(*f))
                .replace("{max}", &max.to_string()),
            E::Pool(a) => self.amount_error_text(a),
            E::YearNotANumber => self.t(Key::ErrYearNotANumber).to_string(),
            E::Year { .. } => {
                let range = crate::model::fields::PLAN_YEAR;
                self.t(Key::ErrYearRange)
                    .replace("{min}", &range.min.to_string())
                    .replace("{max}", &range.max.to_string())
            }
            E::LastStage => self.t(Key::ErrLastStage).to_string(),
            E::StageHasItems { items, .. } => self
                .t(Key::ErrStageHasItems)
                .replace("{n}", &items.to_string()),
            E::TargetIsSame { .. } => self.t(Key::ErrTargetIsSame).to_string(),
            E::TargetUnknown { .. } => self.t(Key::ErrTargetUnknown).to_string(),
            E::ItemOfOtherUnit { .. } => self.t(Key::ErrItemOfOtherUnit).to_string(),
            E::ItemsInSeveralStages => self.t(Key::ErrItemsInSeveralStages).to_string(),
        }
    }

    pub fn unit_warning(self, w: &crate::model::UnitWarning) -> &'static str {
        use crate::model::UnitWarning as W;
        match w {
            W::SameName { .. } => self.t(Key::WarnSameUnitName),
        }
    }

    /// Why returned files could not be merged.
    pub fn return_error(self, e: &crate::model::ReturnError) -> String {
        use crate::model::ReturnError as E;
        match (self, e) {
            (_, E::Rule(rule)) => self.rule_error(rule),
            (Lang::En, e) => return_error_en(e),
            (Lang::Zh, E::Unsettled { collection, id }) => format!(
                "{}“{id}”在本计划和收回的文件中都被修改了：请先选择保留我方的或采用对方的，再合并。",
                collection_zh(*collection)
            ),
            (Lang::Zh, E::Clash { collection, id }) => format!(
                "两份收回的文件对{}“{id}”的修改不同：只能采用其中一份。",
                collection_zh(*collection)
            ),
        }
    }

    /// Why a returned file's record of what was sent is not used.
    pub fn sent_problem(self, p: &crate::model::SentProblem) -> String {
        use crate::model::SentProblem as P;
        match (self, p) {
            (Lang::En, p) => sent_problem_en(p),
            (Lang::Zh, P::Malformed) => "文件中的发出记录已损坏，将按普通计划合并。".to_string(),
            (Lang::Zh, P::UnknownFunction { name }) => {
                format!("文件中的发出记录使用了本版本不认识的指纹“{name}”，将按普通计划合并。")
            }
        }
    }

    /// What a returned file does to a record, as a label.
    pub fn change_kind(self, kind: crate::model::ChangeKind) -> &'static str {
        use crate::model::ChangeKind as K;
        let (en, zh) = match kind {
            K::Added => ("Added", "新增"),
            K::Changed => ("Changed", "修改"),
            K::Removed => ("Removed", "删除"),
            K::Outside => ("Outside the sender's part", "超出对方负责的范围"),
            K::Conflict => ("Changed on both sides", "双方都有修改"),
            K::Kept => (
                "Changed here since sent; kept",
                "发出后本处已修改，予以保留",
            ),
        };
        self.pick(en, zh)
    }

    /// What to do with a change, as a label.
    pub fn choice(self, choice: crate::model::Choice) -> &'static str {
        use crate::model::Choice as C;
        let (en, zh) = match choice {
            C::TakeTheirs => ("Take theirs", "采用对方的"),
            C::KeepOurs => ("Keep ours", "保留我方的"),
            C::Unsettled => ("Not settled", "尚未决定"),
        };
        self.pick(en, zh)
    }

    /// A record's field by its name in the file; a field this version does
    /// not know, as written.
    pub fn record_field(self, field: &str) -> String {
        let (en, zh) = match field {
            "title" => ("Title", "标题"),
            "stage" => ("Stage", "阶段"),
            "budget" => ("Budget", "自有预算"),
            "demand" => ("Demand", "需求"),
            "amount" => ("Amount", "金额"),
            "note" => ("Note", "说明"),
            "notes" => ("Notes", "备注"),
            "pool" => ("Pool", "可分配资源"),
            "name" => ("Name", "名称"),
            "name_zh" => ("Chinese name", "中文名称"),
            "level" => ("Level", "级别"),
            "unit" => ("Unit", "单位"),
            "source" => ("Giving item", "提供方事项"),
            "target" => ("Receiving item", "接收方事项"),
            "category" => ("Category", "类别"),
            "quarter" => ("Quarter", "季度"),
            "tags" => ("Tags", "标签"),
            "tile" => ("Map tile", "地图位置"),
            other => return other.to_string(),
        };
        self.pick(en, zh).to_string()
    }

    /// Where a unit stands in collecting the returns.
    pub fn return_state(self, state: &crate::model::ReturnState) -> String {
        use crate::model::ReturnState as S;
        match (self, state) {
            (Lang::En, S::NotSent) => "Not sent".to_string(),
            (Lang::Zh, S::NotSent) => "未发出".to_string(),
            (Lang::En, S::Sent { at, revision }) => format!("Sent {at} (revision {revision})"),
            (Lang::Zh, S::Sent { at, revision }) => format!("已于 {at} 发出（第 {revision} 版）"),
            (Lang::En, S::Returned { at, changes, .. }) => {
                format!("Returned {at}: {changes} changes taken")
            }
            (Lang::Zh, S::Returned { at, changes, .. }) => {
                format!("已于 {at} 收回：采用 {changes} 处修改")
            }
        }
    }
}

/// A list's records, in Chinese.
fn collection_zh(c: Collection) -> &'static str {
    match c {
        Collection::Units => "单位",
        Collection::Stages => "阶段",
        Collection::Items => "工作事项",
        Collection::Links => "联动",
    }
}

/// What serde_json found wrong, in Chinese, to follow "第 L 行第 C 列". Its
/// messages are English and stable; one not known here gets a general
/// phrase, so no English is left in a Chinese message.
fn json_syntax_zh(message: &str) -> &'static str {
    match message {
        "trailing comma" => "有多余的逗号",
        "trailing characters" => "之后还有多余的内容",
        "EOF while parsing a list" => "处文件意外结束，数组没有闭合",
        "EOF while parsing an object" => "处文件意外结束，对象没有闭合",
        "EOF while parsing a string" => "处文件意外结束，字符串没有闭合",
        "EOF while parsing a value" => "处文件意外结束，缺少值",
        "expected value" => "处应为一个值",
        "expected ident" => "处有无法识别的内容",
        "expected `:`" => "处应为冒号",
        "expected `,` or `]`" => "处应为逗号或右方括号",
        "expected `,` or `}`" => "处应为逗号或右花括号",
        "expected `\"`" => "处应为双引号",
        "invalid escape" | "lone leading surrogate in hex escape" => "有无效的转义字符",
        "unexpected end of hex escape" => "有不完整的转义字符",
        "invalid number" => "有无效的数字",
        "number out of range" => "的数字超出范围",
        "invalid unicode code point" => "有无效的字符编码",
        "key must be a string" => "处的键必须是字符串",
        "recursion limit exceeded" => "处嵌套层数过多",
        m if m.starts_with("control character") => "的字符串中有控制字符",
        m if m.starts_with("EOF") => "处文件意外结束",
        _ => "有语法错误",
    }
}

// English, for the refusals whose Chinese is written field by field above.

fn load_error_en(e: &LoadError) -> String {
    match e {
        LoadError::Unreadable { why } => format!(
            "The file could not be read; it may have been moved or deleted, or the browser may not be allowed to read it ({why})."
        ),
        LoadError::Empty => "The file is empty: it holds no plan.".to_string(),
        LoadError::NotUtf8 { byte } => {
            format!("The file is not UTF-8 text (bad byte at offset {byte}).")
        }
        LoadError::Syntax {
            line,
            column,
            message,
        } => format!("The file is not valid JSON: {message} at line {line}, column {column}."),
        LoadError::NotAPlan => format!(
            "This is not a Linkage Board plan file (it has no \"format\": \"{FORMAT}\")."
        ),
        LoadError::WrongFormat { found } => format!(
            "This is not a Linkage Board plan file: its format is \"{found}\", not \"{FORMAT}\"."
        ),
        LoadError::NewerVersion { found } => format!(
            "This plan was made by a newer version of Linkage Board (format version {found}; this app reads version {VERSION}). Open it with a newer version."
        ),
        LoadError::Field { path, id, problem } => {
            let problem = problem_en(problem);
            match id {
                Some(id) => format!("Field {path} (id \"{id}\") {problem}."),
                None => format!("Field {path} {problem}."),
            }
        }
        LoadError::Rule(rule) => rule_error_en(rule),
    }
}

fn problem_en(p: &Problem) -> String {
    match p {
        Problem::Missing => "is missing".to_string(),
        Problem::WrongType { expected } => format!("must be {expected}"),
        Problem::NegativeAmount => "is negative; amounts are 0 or more yuan".to_string(),
        Problem::FractionalAmount => {
            "is not a whole number of yuan (amounts have no fractions)".to_string()
        }
        Problem::AmountTooLarge => "is larger than 9,007,199,254,740,991".to_string(),
        Problem::Empty => "is empty".to_string(),
        Problem::TooLong { max } => format!("is longer than {max} characters"),
        Problem::OutOfRange { min, max } => format!("must be between {min} and {max}"),
        Problem::NotOneOf { allowed } => format!("must be one of {allowed}"),
        Problem::Pattern { rule } => format!("must be {rule}"),
        Problem::TooFew { min } => format!("must have at least {min} entry"),
    }
}

fn rule_error_en(e: &RuleError) -> String {
    let n = e.rule();
    match e {
        RuleError::DuplicateId { collection, id } => format!(
            "Rule {n}: two {}s have the id \"{id}\"; ids must be unique.",
            collection.singular()
        ),
        RuleError::UnknownUnit { item, unit } => format!(
            "Rule {n}: item \"{item}\" belongs to unit \"{unit}\", which is not in the plan."
        ),
        RuleError::UnknownStage { item, stage } => format!(
            "Rule {n}: item \"{item}\" is in stage \"{stage}\", which is not in the plan."
        ),
        RuleError::UnknownItem { link, end, item } => format!(
            "Rule {n}: the {} of link \"{link}\" is item \"{item}\", which is not in the plan.",
            match end {
                End::Source => "source",
                End::Target => "target",
            }
        ),
        RuleError::SelfLink { link, item } => {
            format!("Rule {n}: link \"{link}\" joins item \"{item}\" to itself.")
        }
        RuleError::SameUnitLink { link, unit } => format!(
            "Rule {n}: link \"{link}\" joins two items of the same unit \"{unit}\"; a link joins two different units."
        ),
        RuleError::DuplicatePair { link, other } => format!(
            "Rule {n}: links \"{other}\" and \"{link}\" join the same two items; two items share at most one link, whichever way it runs."
        ),
    }
}

fn command_error_en(e: &CommandError) -> String {
    match e {
        CommandError::NotFound { collection, id } => {
            format!(
                "There is no {} \"{id}\" in the plan.",
                collection.singular()
            )
        }
        CommandError::Field { field, problem } => {
            format!("The {field} {}.", problem_en(problem))
        }
        CommandError::Rule(rule) => rule_error_en(rule),
        CommandError::Setup(e) => Lang::En.setup_error(e),
        CommandError::Gone => "The board was closed.".to_string(),
    }
}

fn sent_problem_en(p: &crate::model::SentProblem) -> String {
    use crate::model::SentProblem as P;
    match p {
        P::Malformed => {
            "The file's record of what was sent is damaged, so it is merged as a plain plan."
                .to_string()
        }
        P::UnknownFunction { name } => format!(
            "The file's record of what was sent uses the fingerprint \"{name}\", which this version does not know, so it is merged as a plain plan."
        ),
    }
}

fn return_error_en(e: &crate::model::ReturnError) -> String {
    use crate::model::ReturnError as E;
    match e {
        E::Unsettled { collection, id } => format!(
            "The {} \"{id}\" was changed both here and in the returned file: keep ours or take theirs before merging.",
            collection.singular()
        ),
        E::Clash { collection, id } => format!(
            "Two returned files change the {} \"{id}\" differently: take it from one of them only.",
            collection.singular()
        ),
        E::Rule(rule) => rule_error_en(rule),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setup_errors_read_in_both_languages() {
        use crate::model::{AmountError, SetupError, SetupField};
        let errors = [
            SetupError::Empty(SetupField::Name),
            SetupError::TooLong {
                field: SetupField::NameZh,
                max: 200,
            },
            SetupError::Pool(AmountError::Negative),
            SetupError::YearNotANumber,
            SetupError::Year { year: 1999 },
            SetupError::LastStage,
            SetupError::StageHasItems {
                stage: "s".into(),
                items: 3,
            },
            SetupError::TargetIsSame { stage: "s".into() },
            SetupError::TargetUnknown { stage: "t".into() },
            SetupError::ItemOfOtherUnit {
                item: "i".into(),
                unit: "u".into(),
            },
            SetupError::ItemsInSeveralStages,
        ];
        for e in &errors {
            let (en, zh) = (Lang::En.setup_error(e), Lang::Zh.setup_error(e));
            assert!(!en.contains('{') && !zh.contains('{'), "{en} / {zh}");
            assert_ne!(en, zh);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
        }
        assert_eq!(
            Lang::Zh.setup_error(&SetupError::Empty(SetupField::Name)),
            "名称不能为空。"
        );
    }
}
