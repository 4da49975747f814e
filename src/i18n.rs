//! Every string of the interface, in English and Chinese. A key without
//! both translations does not compile. A leaf: it knows nothing of the
//! model (the model's words are in `words`, above both).

/// A moment in the reader's time zone, field by field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalTime {
    pub year: u32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.to_ascii_lowercase();
        if code.starts_with("zh") {
            Some(Lang::Zh)
        } else if code.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    pub fn quarter(self, q: u8) -> String {
        match self {
            Lang::En => format!("Q{q}"),
            Lang::Zh => format!("第{q}季度"),
        }
    }

    /// A category as the meeting names it; unknown ones as written.
    pub fn category(self, category: &str) -> String {
        let key = match category {
            "key-work" => Key::CategoryKeyWork,
            "work-brand" => Key::CategoryWorkBrand,
            "activity-brand" => Key::CategoryActivityBrand,
            "resource-sharing" => Key::CategoryResourceSharing,
            "other" => Key::CategoryOther,
            other => return other.to_string(),
        };
        self.t(key).to_string()
    }

    /// What undo did, for screen readers: "Undone: Link removed".
    pub fn undone(self, what: &str) -> String {
        self.announce(Key::AnnounceUndone, what)
    }

    /// What redo did, for screen readers.
    pub fn redone(self, what: &str) -> String {
        self.announce(Key::AnnounceRedone, what)
    }

    fn announce(self, key: Key, what: &str) -> String {
        match (self, what.trim()) {
            (_, "") => self.t(key).to_string(),
            (Lang::En, what) => format!("{}: {what}", self.t(key)),
            (Lang::Zh, what) => format!("{}：{what}", self.t(key)),
        }
    }

    /// A moment as the reader writes one: `2026-11-26 16:05` in English,
    /// `2026年11月26日 16:05` in Chinese.
    pub fn date_time(self, t: LocalTime) -> String {
        match self {
            Lang::En => format!(
                "{:04}-{:02}-{:02} {:02}:{:02}",
                t.year, t.month, t.day, t.hour, t.minute
            ),
            Lang::Zh => format!(
                "{}年{}月{}日 {:02}:{:02}",
                t.year, t.month, t.day, t.hour, t.minute
            ),
        }
    }

    /// A record's field value as the reader reads it: amounts in this
    /// language's way, text as written, "—" for none.
    pub fn field_value(self, field: &str, value: Option<&serde_json::Value>) -> String {
        use serde_json::Value;
        match value {
            None | Some(Value::Null) => "—".to_string(),
            Some(Value::Number(n)) if matches!(field, "budget" | "demand" | "amount" | "pool") => n
                .as_u64()
                .map(|y| self.amount(i128::from(y)))
                .unwrap_or_else(|| n.to_string()),
            Some(Value::String(s)) => s.clone(),
            Some(Value::Array(list)) => list
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join(self.t(Key::ListSeparator)),
            Some(other) => other.to_string(),
        }
    }

    /// The time of day alone: `16:05`.
    pub fn time_of_day(self, t: LocalTime) -> String {
        format!("{:02}:{:02}", t.hour, t.minute)
    }

    pub fn t(self, key: Key) -> &'static str {
        let (en, zh) = key.texts();
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

macro_rules! keys {
    ($($key:ident => $en:literal, $zh:literal;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Key { $($key),* }

        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$key),*];

            fn texts(self) -> (&'static str, &'static str) {
                match self { $(Key::$key => ($en, $zh)),* }
            }
        }
    };
}

keys! {
    AppName => "Linkage Board", "联动看板";
    Budget => "Budget", "自有预算";
    Demand => "Demand", "需求";
    Received => "Received", "获得";
    Given => "Given", "下沉";
    Gap => "Gap", "缺口";
    Pool => "Pool", "可下沉资源";
    Remaining => "Remaining", "剩余";
    Coverage => "Districts reached", "已覆盖区";
    NotReached => "Not reached yet", "尚未覆盖";
    OverAllocated => "Over-allocated", "超额分配";
    Municipal => "Municipal", "市级";
    District => "District", "区级";
    Affiliate => "Affiliated unit", "直属单位";
    Items => "items", "项";
    Links => "links", "个联动";
    OneLink => "link", "个联动";
    NewPlan => "New plan", "新建计划";
    Undo => "Undo", "撤销";
    Redo => "Redo", "重做";
    Export => "Export plan", "导出计划";
    Language => "Language", "语言";
    AmountsIn => "Amounts in yuan", "金额单位：万元";
    PlanTotals => "Plan totals", "计划合计";
    Board => "Planning board", "计划看板";
    NoItems => "No work items yet", "暂无工作事项";
    Dismiss => "Dismiss", "关闭";
    NewPlanTitle => "New plan", "新计划";
    NewPlanStarted => "A new empty plan is open. Undo brings back the plan you had.", "已新建空白计划。撤销可恢复原计划。";
    StoredPlanUnreadable => "The plan stored in this browser could not be opened", "浏览器中保存的计划无法打开";
    StoredTextKept => "Its text is kept unchanged under the storage key", "其原始内容已原样保存在存储键";
    DemoOpened => "The demo plan is open instead.", "现已打开演示计划。";
    StorageFull => "Browser storage is full: your changes are kept in this page but not saved. Export the plan to keep it.", "浏览器存储已满：修改只保存在当前页面中，尚未保存。请导出计划以免丢失。";
    StorageFailed => "Saving in the browser failed", "在浏览器中保存失败";
    TypedInYuan => "yuan", "元";
    AmountJumpQuestion => "Is this amount right?", "金额是否正确？";
    AmountJumpExplain => "It is a thousand times smaller or larger than before:", "与原来相比相差上千倍：";
    QuestionThousandTimes => "{record}: {figure} {old} → {new} is a thousand times smaller or larger than before.", "{record}：{figure} {old} → {new}，与原来相差上千倍。";
    QuestionPool => "Pool", "资金池";
    QuestionPoolScale => "{unit}: a pool of {pool} is more than 100 times the plan's scale ({scale}).", "{unit}：资金池 {pool} 超过本计划规模（{scale}）的 100 倍。";
    QuestionsMerge => "Before merging, check these amounts:", "合并前请核对以下金额：";
    MergeAnyway => "Merge all the same", "仍然合并";
    AmountOverRemaining => "This is more than the giving unit has left:", "超出给出单位的剩余额度：";
    AmountYesSave => "Yes, save it", "确认保存";
    AmountYesLink => "Yes, link it", "确认联动";
    AmountChange => "Change it", "返回修改";
    MergedElsewhere => "Changes saved in another window were merged with yours.", "另一窗口保存的修改已与本窗口的修改合并。";
    BothChanged => "Changed here and in another window — choose which to keep:", "本窗口与另一窗口都修改了以下内容，请选择保留哪一方：";
    Mine => "This window", "本窗口";
    Theirs => "The other window", "另一窗口";
    KeepThisWindow => "Keep this window's", "保留本窗口的";
    TakeOtherWindow => "Take the other window's", "采用另一窗口的";
    MergeWindows => "Merge", "合并";
    ChangedElsewhere => "This card was changed in another window since you opened it; saving keeps those changes in the fields you did not edit.", "打开此卡片后，它已在另一窗口中被修改；保存时，您未改动的字段将保留那些修改。";
    AtMostChars => "at most {n} characters", "最多 {n} 个字符";
    RemovedElsewhere => "This card was deleted in another window. Your text is still here: save it as a new card, or discard it.", "此卡片已在另一窗口中被删除。您填写的内容仍在：可将其另存为新卡片，或放弃。";
    UnitRemovedElsewhere => "This card's unit was removed in another window. Your text is still here: save it as a new card in another unit, or discard it.", "此卡片所属的单位已在另一窗口中被删除。您填写的内容仍在：可将其另存为其他单位的新卡片，或放弃。";
    SaveAsNewCard => "Save as a new card", "另存为新卡片";
    SaveInUnit => "In unit", "所属单位";
    DiscardDraft => "Discard", "放弃";
    RestoreCardQuestion => "Restore the unsaved card “{title}”?", "恢复未保存的卡片“{title}”？";
    RestoreNewCardQuestion => "Restore the unsaved new card?", "恢复未保存的新卡片？";
    RestoreCellQuestion => "Restore the unsaved amount “{text}” of “{program}” for {unit} in the linkage matrix?", "恢复联动矩阵中“{program}”给{unit}的未保存金额“{text}”？";
    RestoreLinkQuestion => "Restore the unsaved link “{from}” → “{to}”?", "恢复未保存的联动“{from}”→“{to}”？";
    RestoreExplain => "It was being edited when the page closed or reloaded. Nothing of it is in the plan until you save it.", "页面关闭或重新加载时它正在编辑中。保存之前，其中的内容不会写入计划。";
    PoolEmptiedQuestion => "The pool field is empty. Does this unit have no pool, or a pool of 0?", "资金池一栏已清空。该单位是没有资金池，还是资金池为 0？";
    PoolNoPool => "No pool", "没有资金池";
    PoolZero => "A pool of 0", "资金池为 0";
    DeletedHereStays => "Deleted here after it was sent; stays deleted", "发出后本处已删除，保持删除";
    DiscardLinkExplain => "The amount or note you typed for this link has not been saved.", "为此联动填写的金额或说明尚未保存。";
    DiscardQuestion => "Discard your changes?", "放弃所做的修改？";
    DiscardExplain => "What you typed in this card has not been saved.", "此卡片中填写的内容尚未保存。";
    Discard => "Discard changes", "放弃修改";
    KeepEditing => "Keep editing", "继续编辑";
    PlanGone => "This plan is no longer in this browser, or no longer opens.", "此计划已不在本浏览器中，或已无法打开。";
    Saved => "Saved in this browser", "已保存在本浏览器";
    Unsaved => "Saving…", "正在保存…";
    NotSaved => "Not saved", "未保存";
    Revision => "Revision", "版本";
    ListSeparator => ", ", "、";
    NoQuarter => "No quarter", "未定季度";
    CategoryKeyWork => "Key work", "重点工作";
    CategoryWorkBrand => "Work brand", "工作品牌";
    CategoryActivityBrand => "Activity brand", "活动品牌";
    CategoryResourceSharing => "Resource sharing", "资源共享";
    CategoryOther => "Other", "其他";
    AddItem => "+ Work item", "+ 工作事项";
    GroupBy => "Columns", "分栏";
    ByUnit => "By unit", "按单位";
    ByStage => "By stage", "按阶段";
    ByQuarter => "By quarter", "按季度";
    ByCategory => "By category", "按类别";
    Filter => "Filter", "筛选";
    Search => "Search", "搜索";
    AllLevels => "All levels", "全部级别";
    AllCategories => "All categories", "全部类别";
    AllStages => "All stages", "全部阶段";
    AllTags => "All tags", "全部标签";
    ClearFilter => "Clear filter", "清除筛选";
    FilterNote => "Tallies always cover the whole plan.", "合计始终按整个计划计算。";
    EditItem => "Edit work item", "编辑工作事项";
    NewItem => "New work item", "新建工作事项";
    Title => "Title", "标题";
    Notes => "Notes", "备注";
    Category => "Category", "类别";
    Quarter => "Quarter", "季度";
    Stage => "Stage", "阶段";
    Tags => "Tags (comma separated)", "标签（逗号分隔）";
    Save => "Save", "保存";
    Cancel => "Cancel", "取消";
    Delete => "Delete", "删除";
    NoneChosen => "None", "无";
    AmountHint => "e.g. 125000, 125,000 or 12.5万", "如 125000、125,000 或 12.5万";
    ErrEmpty => "Fill this in.", "此项不能为空。";
    ErrTooLong => "This is too long.", "内容过长。";
    ErrQuarter => "Choose a quarter from 1 to 4.", "请选择 1 至 4 季度。";
    ErrAmountEmpty => "Enter an amount.", "请输入金额。";
    ErrAmountNegative => "An amount cannot be negative.", "金额不能为负数。";
    ErrAmountFraction => "Amounts are whole yuan: no fractions of a yuan.", "金额须为整元，不能有角分。";
    ErrAmountTooLarge => "This amount is too large.", "金额过大。";
    ErrAmountNotANumber => "Write an amount as 125000, 125,000 or 12.5万.", "请按 125000、125,000 或 12.5万 的格式填写金额。";
    // Amount fields say what they mean; CSV files and printed plans in the reader's language.
    ErrAmountSeparator => "A separator is out of place: group digits in threes, as in 1,250,000.", "分隔符位置不对：数字须从右起每三位一组，如 1,250,000。";
    ErrAmountSeparatorAt => "The separator at character {at} is out of place: group digits in threes, as in 1,250,000.", "第 {at} 个字符处的分隔符位置不对：数字须从右起每三位一组，如 1,250,000。";
    ErrAmountUnknownPart => "“{text}” is not part of an amount: write 125000, 1,250,000, 12.5万 or 1.5亿.", "“{text}”不是金额的一部分：请按 125000、1,250,000、12.5万 或 1.5亿 的格式填写。";
    AmountYuan => "{n} yuan", "{n} 元";
    CsvUnitId => "Unit ID", "单位编号";
    CsvItemId => "Item ID", "事项编号";
    CsvStageId => "Stage ID", "阶段编号";
    CsvLevel => "Level", "级别";
    CsvTags => "Tags", "标签";
    PrintYear => "Year", "年度";
    PrintPoolOf => "Pool of {unit}", "{unit}可下沉资源";
    PrintPoolLeft => "{pool} ({left} left)", "{pool}（剩余 {left}）";
    PrintAllReached => "Every district reached", "各区均已覆盖";
    // Setting up a board (units, stages, year, templates).
    SetupFieldId => "id", "编号";
    SetupFieldName => "name", "名称";
    SetupFieldNameZh => "Chinese name", "中文名称";
    SetupFieldPool => "pool", "可下沉资源";
    SetupFieldYear => "year", "年度";
    SetupFieldTarget => "stage to move the items to", "事项移入的阶段";
    SetupFieldTitle => "title", "标题";
    ErrSetupEmpty => "The {field} cannot be empty.", "{field}不能为空。";
    ErrSetupTooLong => "The {field} is longer than {max} characters.", "{field}超过 {max} 个字符。";
    ErrYearNotANumber => "Write the year as a whole number such as 2028.", "请以整数填写年度，如 2028。";
    ErrYearRange => "The year must be between {min} and {max}.", "年度须在 {min} 至 {max} 之间。";
    ErrLastStage => "A plan keeps at least one stage.", "计划至少保留一个阶段。";
    ErrStageHasItems => "This stage holds {n} items: choose the stage they move to.", "此阶段有 {n} 项事项，请选择要移入的阶段。";
    ErrTargetIsSame => "The items must move to another stage.", "事项须移入另一个阶段。";
    ErrTargetUnknown => "The stage to move the items to is not in the plan.", "要移入的阶段不在计划中。";
    ErrItemOfOtherUnit => "A work item does not belong to this unit.", "有工作事项不属于此单位。";
    ErrItemsInSeveralStages => "The items to bring back were not all in one stage.", "要恢复的事项不在同一阶段。";
    WarnSameUnitName => "Another unit of this level has the same name.", "同级已有同名单位。";
    PlanTitleOfYear => "{year} Work Plan", "{year}年工作计划";
    SetUp => "Set up", "看板设置";
    SetupTitle => "Set up the board", "设置看板";
    SetupHint => "The plan's title and year, its units and their pools, and the stages cards move through.", "设置计划的标题与年度、各单位及其可下沉资源，以及事项经过的阶段。";
    PlanYear => "Year", "年度";
    Currency => "Currency", "币种";
    UnitName => "Name", "名称";
    UnitNameZh => "Chinese name", "中文名称";
    UnitLevel => "Level", "级别";
    PoolNone => "none", "无";
    AddUnit => "Add a unit", "添加单位";
    AddStage => "Add a stage", "添加阶段";
    NewUnitName => "New unit {n}", "新单位 {n}";
    NewStageName => "New stage {n}", "新阶段 {n}";
    MoveUp => "Move up", "上移";
    MoveDown => "Move down", "下移";
    RemoveThis => "Remove", "删除";
    ConfirmRemoveUnit => "Remove it with its {items} items and {links} links", "删除该单位及其 {items} 项事项和 {links} 个联动";
    StageItemsMoveTo => "Its {n} items move to", "其 {n} 项事项移至";
    ConfirmRemoveStage => "Remove it and move its {n} items", "删除该阶段并移动其 {n} 项事项";
    NewPlanFrom => "Start the new plan from", "新计划的起点";
    TemplateBlank => "A blank board", "空白看板";
    TemplateBeijing => "Beijing's associations and affiliated units", "北京市级协会、各区协会及直属单位";
    TemplateNextYear => "Next year's plan from this one", "以本计划为基础的下一年度计划";
    DistrictCount => "Number of districts", "区的数量";
    CarryOpenItems => "Carry over the items not yet at the last stage", "带入尚未到达最后阶段的事项";
    CreatePlan => "Create", "创建";
    ErrDistricts => "Enter a number of districts from 0 to {max}.", "请输入 0 至 {max} 之间的区数。";
    ItemSaved => "Saved", "已保存";
    ItemDeleted => "Deleted", "已删除";
    Edit => "Edit", "编辑";
    LinkCancelled => "Linking cancelled; nothing changed.", "已取消联动，未作更改。";
    CannotLink => "Cannot link", "无法联动";
    Moved => "Moved", "已移动";
    LinkingFrom => "Linking from", "正在建立联动，起点";
    LinkTarget => "Link to", "联动到";
    NoTargets => "No card can take a link from this one.", "没有可与此卡片联动的卡片。";
    Linked => "Linked", "已联动";
    DragLinkHint => "Drop on a card of another unit to link them. Esc cancels.", "拖到其他单位的卡片上即可联动。按 Esc 取消。";
    KeyboardLinkHint => "Arrows pick the card to link to, Enter links, Esc cancels.", "方向键选择联动对象，回车确认，Esc 取消。";
    RefuseSameItem => "a card cannot link to itself", "卡片不能与自身联动";
    RefuseSameUnit => "both cards belong to the same unit", "两张卡片属于同一单位";
    RefuseAlreadyLinked => "these cards are already linked", "这两张卡片已经联动";
    RefuseUnknown => "that card no longer exists", "该卡片已不存在";
    NewLink => "New link", "新建联动";
    LinkAmount => "Amount along the link", "联动金额";
    LinkAmountHint => "Enter accepts the proposed amount: the target's unmet demand, within the giver's remaining pool.", "回车即接受建议金额：对方未满足的需求，且不超过提供方剩余资源。";
    LinkAmountHintNoPool => "Enter accepts the proposed amount: the target's unmet demand. The giver has no pool, so nothing limits it.", "回车即接受建议金额：对方未满足的需求。提供方没有资金池，金额不受限制。";
    LinkNote => "Note", "说明";
    LinkIt => "Link", "建立联动";
    From => "From", "提供方";
    To => "To", "接收方";
    LinksOfCard => "Links", "联动";
    NoLinks => "No links yet. Drag this card onto a card of another unit, or press L.", "尚无联动。把卡片拖到其他单位的卡片上，或按 L 键。";
    RemoveLink => "Remove link", "删除联动";
    Close => "Close", "关闭";
    ViewNotLoaded => "This view could not be loaded:", "此视图未能加载：";
    Retry => "Retry", "重试";
    Balance => "Summary", "汇总";
    ProgramsTitle => "Programs and what they have left", "各项目资源下沉及剩余";
    Program => "Program", "项目";
    Left => "Unit has left", "单位剩余";
    Print => "Print", "打印";
    Focus => "Focus on this unit", "聚焦本单位";
    LeaveFocus => "Back to the board", "返回看板";
    Timer => "Report timer", "汇报计时";
    Minutes => "Minutes", "分钟";
    Start => "Start", "开始";
    Pause => "Pause", "暂停";
    Resume => "Resume", "继续";
    Reset => "Reset", "重置";
    TimeUp => "Time is up", "时间到";
    SaveStandalone => "Save as standalone HTML", "另存为独立 HTML 文件";
    StandaloneFailed => "The standalone file could not be made", "无法生成独立文件";
    Crashed => "Linkage Board stopped because of an error: {message}. Your plan was saved up to the last change; export it, then reload the page.", "联动看板因错误而停止：{message}。计划已保存到最后一次修改；请先导出，再重新加载页面。";
    CrashExport => "Export the plan", "导出计划";
    NotOpenedGone => "That copy is no longer in this browser's storage; nothing was changed.", "该副本已不在此浏览器的存储中；未做任何更改。";
    NotOpened => "That copy could not be opened, and nothing was changed:", "无法打开该副本，未做任何更改：";
    StandaloneNotFetched => "linkage-board.html could not be fetched from beside the board (the network or the host refused it)", "无法从看板所在位置获取 linkage-board.html（网络或主机拒绝了请求）";
    StandaloneMissing => "linkage-board.html is not beside the board (the host answered {status})", "看板所在位置没有 linkage-board.html（主机返回 {status}）";
    StandaloneNotAPage => "linkage-board.html beside the board is not the standalone board", "看板所在位置的 linkage-board.html 不是独立版看板";
    FileGone => "the file was moved or deleted", "文件已被移动或删除";
    FileNotAllowed => "the browser is not allowed to write it; pick it again to allow it", "浏览器无权写入该文件；请重新选择文件以授权";
    FileDiskFull => "the disk is full", "磁盘已满";
    EmbeddedUnreadable => "The plan inside this file could not be opened", "无法打开此文件中包含的计划";
    EmbeddedOlder => "This file holds an older revision of this plan than this browser does. Which do you want to keep?", "此文件中的计划版本比本浏览器中的旧。要保留哪一个？";
    KeepBrowser => "Keep this browser's newer copy", "保留本浏览器中较新的版本";
    OpenFileCopy => "Open the file's copy (the browser's copy is kept as an earlier version)", "打开文件中的版本（浏览器中的版本将保存为历史版本）";
    PrintedOn => "Printed", "打印日期";
    LinksCol => "Links", "联动";
    TotalsTitle => "Totals", "合计";
    Total => "Total", "总计";
    BalanceTitle => "How evenly resources reach the districts", "资源在各区之间的分布";
    GiniLabel => "Balance index (Gini of coverage, 0 = even)", "均衡指数（覆盖率基尼系数，0 为完全均衡）";
    GiniNone => "Too few districts ask for resources to measure.", "提出需求的区太少，无法计算。";
    Coverage2 => "Covered", "满足率";
    SortBy => "Sort by", "排序";
    SortBoard => "Board order", "看板顺序";
    ByCategoryTitle => "Resources by category", "按类别统计";
    ShowBoard => "Board", "看板";
    ItemsCount => "Items", "事项数";
    OpenFile => "Open file…", "打开文件…";
    PasteJson => "Paste plan…", "粘贴计划…";
    PasteHint => "Paste the text of a plan file here.", "在此粘贴计划文件的内容。";
    ReadPasted => "Read", "读取";
    DropHint => "Drop a plan file to open it", "拖放计划文件即可打开";
    FileRefused => "This file cannot be opened", "无法打开此文件";
    BoardUnchanged => "The open board has not changed.", "当前看板未作任何更改。";
    OpenIncoming => "Open a plan file", "打开计划文件";
    SamePlan => "This is the plan that is open, from a file.", "这是当前打开计划的另一份文件。";
    OlderRevision => "Careful: the file is an older revision than the open plan.", "注意：文件中的版本比当前打开的计划更旧。";
    Identical => "The file holds exactly the open plan: nothing would change.", "文件内容与当前计划完全相同，不会有任何变化。";
    OtherPlan => "This is another plan.", "这是另一个计划。";
    Added => "added", "新增";
    Changed => "changed", "修改";
    Removed => "removed", "删除";
    UnitsWord => "Units", "单位";
    ItemsWord => "Work items", "工作事项";
    LinksWord => "Links", "联动";
    StagesWord => "Stages", "阶段";
    Replace => "Replace the open plan", "替换当前计划";
    ReplaceNote => "The plan as it is now is kept among the earlier versions.", "当前计划将保存在历史版本中。";
    Merge => "Merge into the open plan", "合并到当前计划";
    MergeNote => "Takes the ticked changes; removes only what a returned slice removed.", "采用勾选的修改；只删除收回的部分中删除的内容。";
    OpenSeparate => "Open as a separate plan", "作为单独计划打开";
    MergeRefused => "The merge was refused", "合并被拒绝";
    Imported => "Opened", "已打开";
    Merged => "Merged", "已合并";
    Plans => "Plans & files", "计划与文件";
    PlansTitle => "Plans in this browser", "本浏览器中的计划";
    OpenPlan => "Open", "打开";
    Rename => "Rename", "重命名";
    RenameField => "New title of the plan", "计划的新标题";
    Duplicate => "Duplicate", "复制";
    ConfirmDelete => "Delete this plan for good?", "确定永久删除此计划？";
    Yes => "Yes, delete", "确定删除";
    No => "Keep it", "保留";
    OpenNow => "open", "当前";
    Versions => "Earlier versions", "历史版本";
    VersionsHint => "Kept in this browser as you work: the last 20 of each plan, as room allows.", "工作时自动保存在本浏览器中：每个计划最近 20 个版本（视空间而定）。";
    Safekeeping => "Keeping it safe", "安全保存";
    BrowserStorage => "Browser storage", "浏览器存储";
    Persistent => "kept: the browser has promised not to clear it", "持久：浏览器承诺不会清除";
    NotPersistent => "may be cleared by the browser", "可能被浏览器清除";
    PersistUnknown => "the browser does not say whether it keeps it", "浏览器未说明是否保留";
    PersistGranted => "This browser has promised to keep the board's storage.", "浏览器已承诺保留本看板的存储。";
    PersistUnsupported => "this browser cannot promise to keep it: export the plan now and then", "此浏览器无法承诺保留：请不时导出计划";
    PersistNoPromise => "This browser cannot be asked to keep the board's storage and may clear it: export the plan now and then to keep a copy.", "无法请求此浏览器保留本看板的存储，它可能会被清除：请不时导出计划，留一份副本。";
    PersistRefused => "This browser may clear the board's storage (when space runs low or browsing data is cleared): keep the plan in a file too.", "浏览器可能清除本看板的存储（空间不足或清除浏览数据时）：请同时将计划保存到文件。";
    Used => "Used", "已用";
    Available => "Available", "可用";
    PlansStored => "Plans and versions here", "此处的计划与版本";
    KeepInFile => "Keep in a file", "保存到文件";
    KeepFileHint => "Every saved change is also written to the file you pick.", "每次保存的更改也会写入你选择的文件。";
    KeepFileUnsupported => "This browser cannot keep a file in step with the board (Chrome and Edge can). Export the plan instead.", "此浏览器无法让文件与看板同步（Chrome 和 Edge 可以）。请改用导出。";
    KeepFileFailed => "The file could not be chosen", "无法选择文件";
    KeptIn => "Kept in", "保存于";
    LastWritten => "last written", "最近写入";
    NotWrittenYet => "not written yet", "尚未写入";
    FileWriteFailed => "The plan could not be written to", "无法写入计划文件";
    PickAgain => "Pick the file again", "重新选择文件";
    ResumeFile => "Allow writing to", "允许写入";
    StopKeeping => "Stop keeping in this file", "停止保存到此文件";
    Reminder => "These changes are not in any file yet: export the plan or keep it in a file.", "这些更改尚未保存到任何文件：请导出计划或保存到文件。";
    Later => "Later", "稍后";
    Restore => "Restore", "恢复";
    Exports => "Export", "导出";
    ExportSlice => "Export one unit's slice", "导出单个单位的部分";
    ExportItemsCsv => "Items as CSV (Excel)", "事项 CSV（Excel）";
    ExportTalliesCsv => "Tallies as CSV (Excel)", "合计 CSV（Excel）";
    CopySuffix => "(copy)", "（副本）";
    MineSuffix => "(this window)", "（本窗口）";
    Conflict => "Another window saved a newer revision of this plan. Nothing here has been saved over it.", "另一个窗口保存了此计划的更新版本。本窗口未覆盖它。";
    LoadNewer => "Load the newer revision", "加载更新的版本";
    KeepMine => "Keep mine as a copy", "将本窗口的计划另存为副本";
    UpdatedElsewhere => "Updated from another window.", "已从另一个窗口更新。";
    Present => "Present", "演示模式";
    ExitPresent => "Leave presentation", "退出演示";
    PresentHint => "Page Down / Page Up: next or previous unit. P or Esc leaves.", "Page Down / Page Up：下一个或上一个单位。按 P 或 Esc 退出。";
    Theme => "Theme", "主题";
    ThemeAuto => "Theme: system", "主题：跟随系统";
    ThemeLight => "Theme: light", "主题：浅色";
    ThemeDark => "Theme: dark", "主题：深色";
    ThemeContrast => "Theme: high contrast", "主题：高对比度";
    Unit => "Unit", "单位";
    ExportFailed => "The download could not start", "无法开始下载";
    English => "English", "英文";
    AnnounceUndone => "Undone", "已撤销";
    AnnounceRedone => "Redone", "已重做";
    AnnounceNothingToUndo => "Nothing to undo", "没有可撤销的操作";
    UndoRefused => "This change could not be undone. The plan stays as it is, and the rest of the history is kept. Why", "无法撤销这一步。计划保持原样，其余撤销记录仍保留。原因";
    RedoRefused => "This change could not be redone. The plan stays as it is, and the rest of the history is kept. Why", "无法重做这一步。计划保持原样，其余记录仍保留。原因";
    AnnounceNothingToRedo => "Nothing to redo", "没有可重做的操作";
    AnnounceLinkAmount => "Link amount changed to", "联动金额已改为";
    AnnounceLinkNote => "Link note changed", "联动说明已修改";
    AnnounceLinkRemoved => "Link removed", "已删除联动";
    AnnounceLinkAdded => "Link added", "已建立联动";
    AnnounceItemAdded => "Work item added", "已新增工作事项";
    AnnounceItemChanged => "Work item changed", "已修改工作事项";
    AnnounceItemRemoved => "Work item removed", "已删除工作事项";
    AnnounceTitleChanged => "Plan renamed", "计划已重命名";
    AnnouncePlanReplaced => "Plan replaced", "计划已替换";
    AnnounceSetupChanged => "Board set-up changed", "看板设置已修改";
    AnnounceLinksChanged => "Links changed", "联动已修改";
    // Returns from the districts: exporting every slice, the preview of many files, the list.
    ExportAllSlices => "Export every district's slice", "导出所有区的部分";
    SlicesSent => "Slices exported and marked sent", "各区部分已导出并标记为已发出";
    ReturnsTitle => "Returns from the districts", "各区回收情况";
    SliceOf => "Slice of {unit}", "{unit}的部分";
    SentFrom => "sent from revision {revision} on {at}", "发出自第 {revision} 版，{at}";
    WholePlanSent => "The whole plan, sent for comments", "整份计划（征求意见稿）";
    NoSentRecord => "No record of what was sent: every difference is taken by id, nothing is removed.", "没有发出记录：按编号采用所有差异，不删除任何内容。";
    TakeChange => "Take this change", "采用此修改";
    OursHere => "Here", "本处";
    TheirsReturned => "Returned", "收回的";
    WithLinks => "with its links", "连同其联动";
    SettleFirst => "Settle every conflict (keep ours or take theirs) before merging.", "请先处理每一处冲突（保留我方的或采用对方的），再合并。";
    MergeTakes => "Changes to take: {n}, from {files} file(s). Merge is one step that Undo takes back.", "将采用的修改：{n} 处，来自 {files} 个文件。合并可一次撤销。";
    FilesRefused => "File(s) that cannot be opened: {n}; the others merge without them.", "无法打开的文件：{n} 个；其余文件照常合并。";
    NothingNew => "Nothing new to merge", "没有需要合并的新内容";
    NoValue => "(none)", "（无）";
    Chinese => "中文", "中文（简体）";
    // Meeting views: the linkage matrix and the district map.
    MatrixToggle => "Matrix", "矩阵";
    MapToggle => "Map", "地图";
    MatrixTitle => "Linkage matrix: programs × districts", "联动矩阵：项目 × 区";
    MapTitle => "District map", "各区地图";
    MatrixCsv => "Download CSV", "下载 CSV";
    MapSvg => "Download SVG", "下载 SVG";
    MatrixHint => "Arrows move between cells; Enter or a number edits; Esc cancels. An empty cell removes its link, 0 keeps it without money.", "方向键在格间移动；回车或直接输入数字即可编辑；Esc 取消。清空即删除联动，输入 0 保留联动但不下沉资金。";
    MatrixCell => "{program} to {unit}", "{program} → {unit}";
    RowTotal => "Row total", "行合计";
    OfDemand => "of", "/";
    DemandMet => "Demand met", "需求已满足";
    Unmet => "unmet", "未满足";
    NoDemand => "no demand", "无需求";
    PlanGiven => "Given", "已下沉";
    WhichItem => "Which of {unit}'s items takes {amount}?", "{unit}的哪项工作接收 {amount}？";
    UnmetDemand => "unmet {amount}", "未满足 {amount}";
    RemoveCellLinks => "Remove these links from {program} to {unit}?", "删除 {program} 到 {unit} 的这些联动？";
    OverRemainingCell => "{typed} is more than the giving unit has left: {unit} has {left} left in its pool.", "{typed} 超出给出单位的剩余额度：{unit}资金池剩余 {left}。";
    NoItemToTake => "This unit has no item that can take a link from this program.", "该单位没有可以接收此项目联动的工作事项。";
    MapHint => "Click a district, or press Enter on it, to show it on the board.", "点击某区（或按回车）即可在看板上查看该区。";
    CoverageLegend => "Coverage", "满足率";
    Menu => "Menu", "菜单";
    Filters => "Filters", "筛选";
    FiltersCount => "Filters ({n})", "筛选（{n}）";
    UnitShown => "Unit shown", "当前单位";
    PreviousUnit => "Previous unit", "上一个单位";
    NextUnit => "Next unit", "下一个单位";
    LinkFromHere => "Link from here", "从这里联动";
    TapLinkHint => "Tap or click the card to link to; scroll or swipe to its unit first if it is not in view.", "点按要联动的卡片；若它不在眼前，先滚动或滑动到它所在的单位。";
    StartMeeting => "Start the meeting", "开始会议";
    MeetingStartedAt => "Meeting began {time}", "会议开始于 {time}";
    CompareSinceStart => "What the meeting decided", "会议决定";
    CompareWithNow => "Compare with now", "与当前对比";
    CompareWithFile => "Compare with a file…", "与文件对比…";
    CompareTitle => "What changed", "版本对比";
    ComparedWith => "Compared with", "对比版本";
    CompareMeetingStart => "the version when the meeting began", "会议开始时的版本";
    CompareToday => "the version first kept today", "今天最早保存的版本";
    CompareNow => "the plan as it is now", "当前计划";
    CompareSame => "The two versions are the same.", "两个版本完全相同。";
    AllUnits => "All units", "全部单位";
    CompareUnitFilter => "Show unit", "显示单位";
    KindAdded => "added", "新增";
    KindChanged => "changed", "修改";
    KindRemoved => "removed", "删除";
    MovedStage => "moved from {from} to {to}", "由“{from}”移至“{to}”";
    Before => "Before", "之前";
    After => "After", "之后";
    ChangeCol => "Change", "变化";
    ReceivedChange => "Received {before} → {after} ({change})", "获得 {before} → {after}（{change}）";
    GivenChange => "Given {before} → {after} ({change})", "下沉 {before} → {after}（{change}）";
    ReachedBeforeAfter => "Districts reached: {before} → {after} of {all}", "已覆盖区：{before} → {after}（共 {all} 个）";
    ShowChanges => "Changes", "修改";
    DecisionsRecord => "Decisions record", "会议纪要";
    DecisionsSummary => "{made} links made, {changed} changed, {removed} removed; {amount} passed down to {districts} districts.", "新增联动 {made} 个，修改 {changed} 个，删除 {removed} 个；共下沉 {amount}，覆盖 {districts} 个区。";
    DecisionsChange => "Change in what was passed down: {change}", "下沉资源变化：{change}";
    TimeSpan => "Date and time", "日期与时间";
    PrintRecord => "Print the record", "打印纪要";
    DownloadText => "Download text", "下载文本";
    CsvLinkId => "Link ID", "联动编号";
    CsvFromItem => "From item", "提供事项";
    CsvToItem => "To item", "接收事项";
    CsvDifference => "Difference (yuan)", "差额（元）";
}

/// Words made of a few keys.
impl Lang {
    /// The filters' toggle: "Filters", or "Filters (2)" while two narrow
    /// the board.
    pub fn filters_toggle(self, active: usize) -> String {
        if active == 0 {
            self.t(Key::Filters).to_string()
        } else {
            self.t(Key::FiltersCount)
                .replace("{n}", &active.to_string())
        }
    }

    /// The title a new plan gets: "2028 Work Plan", "2028年工作计划".
    pub fn plan_title(self, year: u16) -> String {
        self.t(Key::PlanTitleOfYear)
            .replace("{year}", &year.to_string())
    }

    /// The English or the Chinese of two texts given together.
    pub(crate) fn pick(self, en: &'static str, zh: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_two_different_texts() {
        for key in Key::ALL {
            let (en, zh) = key.texts();
            assert!(!en.is_empty() && !zh.is_empty(), "{key:?}");
            assert_ne!(en, zh, "{key:?} is translated");
        }
    }

    #[test]
    fn plan_titles_and_the_filters_toggle() {
        assert_eq!(Lang::En.plan_title(2028), "2028 Work Plan");
        assert_eq!(Lang::Zh.plan_title(2028), "2028年工作计划");
        assert_eq!(Lang::En.filters_toggle(0), "Filters");
        assert_eq!(Lang::En.filters_toggle(2), "Filters (2)");
        assert_eq!(Lang::Zh.filters_toggle(3), "筛选（3）");
    }
}
