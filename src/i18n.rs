//! Every string of the interface, in English and Chinese. A key without
//! both translations does not compile.

use crate::model::{format_wan, group_thousands, Level, Stage, Unit};

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

    pub fn level(self, level: Level) -> &'static str {
        match level {
            Level::Municipal => self.t(Key::Municipal),
            Level::District => self.t(Key::District),
            Level::Affiliate => self.t(Key::Affiliate),
        }
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
    Saved => "Saved in this browser", "已保存在本浏览器";
    Unsaved => "Saving…", "正在保存…";
    NotSaved => "Not saved", "未保存";
    Revision => "Revision", "版本";
    ListSeparator => ", ", "、";
    ExportFailed => "The download could not start", "无法开始下载";
    English => "English", "英文";
    Chinese => "中文", "中文（简体）";
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
}
