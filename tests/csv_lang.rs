//! CSV files in the reader's language: headers, unit and stage names,
//! levels, categories and quarters in English or Chinese, the ids kept in
//! their own columns, figures as plain numbers, and the Excel-friendly
//! UTF-8 BOM and CRLF line ends of the English files.

use linkage_board::i18n::Lang;
use linkage_board::model::csv::{items_csv, tallies_csv};
use linkage_board::model::Tallies;
use linkage_board::report::csv::{items_csv_in, tallies_csv_in};
use linkage_board::report::demo_plan_for;

/// Splits a CSV without quoted cells into rows of cells.
fn rows(csv: &str) -> Vec<Vec<String>> {
    assert!(csv.starts_with('\u{feff}'), "starts with a BOM");
    assert!(csv.ends_with("\r\n"), "rows end with CRLF");
    let body = csv.trim_start_matches('\u{feff}');
    assert_eq!(body.matches('\n').count(), body.matches("\r\n").count());
    body.split_terminator("\r\n")
        .map(|r| r.split(',').map(str::to_string).collect())
        .collect()
}

#[test]
fn items_read_in_both_languages() {
    for (lang, header, first) in [
        (
            Lang::En,
            "Unit ID,Unit,Item ID,Title,Stage ID,Stage,Category,Quarter,Budget,Demand,Received,Given,Gap,Links,Tags",
            "bast,Municipal Association for Science and Technology,w-001,\"Community science stations, phase 3\",agreed,Agreed,Key work,Q2,4200000,0,",
        ),
        (
            Lang::Zh,
            "单位编号,单位,事项编号,标题,阶段编号,阶段,类别,季度,自有预算,需求,获得,下沉,缺口,联动,标签",
            "bast,北京市科学技术协会,w-001,社区科普站建设（三期）,agreed,已商定,重点工作,第2季度,4200000,0,",
        ),
    ] {
        let plan = demo_plan_for(lang);
        let t = Tallies::of(&plan);
        let csv = items_csv_in(&plan, &t, lang);
        assert!(csv.starts_with('\u{feff}') && csv.ends_with("\r\n"));
        let lines: Vec<&str> = csv
            .trim_start_matches('\u{feff}')
            .split_terminator("\r\n")
            .collect();
        assert_eq!(lines.len(), plan.items.len() + 1, "{lang:?}");
        assert_eq!(lines[0], header);
        assert!(lines[1].starts_with(first), "{lang:?}: {}", lines[1]);
        let given = t.item("w-001").figures.given.to_string();
        assert!(lines[1].contains(&format!(",{given},")), "{}", lines[1]);
    }
}

#[test]
fn tallies_read_in_both_languages() {
    for (lang, header, bast, total) in [
        (
            Lang::En,
            "Unit ID,Unit,Level,Budget,Demand,Received,Given,Gap,Pool,Remaining",
            "bast,Municipal Association for Science and Technology,Municipal,",
            ",Total,,",
        ),
        (
            Lang::Zh,
            "单位编号,单位,级别,自有预算,需求,获得,下沉,缺口,可下沉资源,剩余",
            "bast,北京市科学技术协会,市级,",
            ",总计,,",
        ),
    ] {
        let plan = demo_plan_for(lang);
        let t = Tallies::of(&plan);
        let table = rows(&tallies_csv_in(&plan, &t, lang));
        assert_eq!(table.len(), plan.units.len() + 2);
        assert_eq!(table[0].join(","), header);
        assert!(table.iter().all(|r| r.len() == 10), "{lang:?}");
        assert!(table[1].join(",").starts_with(bast), "{:?}", table[1]);
        let last = table.last().unwrap();
        assert!(last.join(",").starts_with(total), "{last:?}");
        assert_eq!(last[8], t.plan.pool.to_string());
        assert_eq!(last[9], t.plan.remaining.to_string());
        // A unit without a pool leaves pool and remaining empty.
        let dongcheng = table.iter().find(|r| r[0] == "dongcheng").unwrap();
        assert_eq!((dongcheng[8].as_str(), dongcheng[9].as_str()), ("", ""));
        assert_eq!(
            dongcheng[2],
            lang.level(linkage_board::model::Level::District)
        );
    }
}

#[test]
fn cells_a_spreadsheet_would_run_stay_text_in_both_languages() {
    for lang in [Lang::En, Lang::Zh] {
        let mut plan = demo_plan_for(lang);
        plan.items[0].title = "=HYPERLINK(\"x\"), \"quoted\"\nnext".into();
        plan.stages[2].name_zh = Some("+已商定".into());
        plan.stages[2].name = "+Agreed".into();
        let csv = items_csv_in(&plan, &Tallies::of(&plan), lang);
        assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\"), \"\"quoted\"\"\nnext\""));
        assert!(csv.contains("\"'+"));
        assert_eq!(csv.matches("\r\n").count(), plan.items.len() + 1);
    }
}

#[test]
fn the_english_files_of_before_are_unchanged() {
    let plan = demo_plan_for(Lang::En);
    let t = Tallies::of(&plan);
    assert!(items_csv(&plan, &t).starts_with(
        "\u{feff}unit,unit name,unit name (zh),item,title,stage,category,quarter,budget,demand,received,given,gap,links,tags\r\n"
    ));
    let tallies = tallies_csv(&plan, &t);
    assert!(tallies.starts_with(
        "\u{feff}unit,name,name (zh),level,budget,demand,received,given,gap,pool,remaining\r\n"
    ));
    assert!(tallies.contains("北京市科学技术协会"));
}
