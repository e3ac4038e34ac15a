//! End-to-end tests of Excel workbooks out and in: `prep --format xlsx`, a translator's spreadsheet saving it
//! back (read with calamine, written with rust_xlsxwriter, as another program would), and `merge`.

mod util;

use calamine::Reader;
use std::path::Path;
use util::khulasa;

const STORY: &str = "اجتماع الوزراء في الرباط\n\n=قال الوزير إن \"الاجتماع\" انتهى اليوم. وأضاف أن الوفود شاركت فيه.\n";

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The first sheet's cells as text.
fn cells(path: &Path) -> Vec<Vec<String>> {
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = workbook.worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .map(|r| r.iter().map(ToString::to_string).collect())
        .collect()
}

#[test]
fn a_workbook_goes_out_and_comes_back_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("story.txt");
    std::fs::write(&input, STORY).unwrap();
    let out = tmp.path().join("prep");
    let args = [
        "prep",
        s(&input),
        "--out",
        s(&out),
        "--format",
        "xlsx",
        "--max-length-ratio",
        "3",
    ];
    khulasa(&args, "").assert_code(0);
    let rows = cells(&util::batch_file(&out, 1, "xlsx"));
    assert_eq!(
        rows[0],
        [
            "id",
            "source",
            "target",
            "context",
            "developer_comments",
            "location",
            "max_length"
        ]
    );
    assert!(
        rows.iter().any(|r| r[1].starts_with("=قال الوزير")),
        "a formula-like source stays text: {rows:?}"
    );

    // The translator fills the target column; one target starts with `=`, one is a number.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let text = match (r, c) {
                (0, _) | (_, 0..=1) | (_, 3..) => cell.clone(),
                (1, _) => "Ministers meet in Rabat".to_owned(),
                (2, _) => "=The minister said the \"meeting\" ended today".to_owned(),
                _ => "He added that delegations took part".to_owned(),
            };
            sheet.write_string(r as u32, c as u16, text).unwrap();
        }
    }
    let translated = tmp.path().join("en.xlsx");
    book.save(&translated).unwrap();
    let merged = tmp.path().join("merged");
    let run = khulasa(
        &[
            "merge",
            "--source",
            s(&out),
            "--translations",
            s(&translated),
            "--out",
            s(&merged),
        ],
        "",
    );
    run.assert_code(0);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let mut reader = csv::Reader::from_path(merged.join("bilingual.csv")).unwrap();
    let targets: Vec<String> = reader.records().map(|r| r.unwrap()[2].to_owned()).collect();
    assert_eq!(
        targets,
        [
            "Ministers meet in Rabat",
            "=The minister said the \"meeting\" ended today",
            "He added that delegations took part"
        ]
    );
}
