//! End-to-end tests of what `merge` refuses, reports and checks in translations as teams send them back: drafts
//! and untranslated targets, a wrong target language, quality checks, files in another encoding, files of another
//! run, a batch file missing, folders of translations, and spreadsheets' variants of CSV and TSV.

mod util;

use std::path::{Path, PathBuf};
use util::{khulasa, Run};

/// Two stories, numbers in some sentences (the quality checks look for them in targets).
const STORIES: [(&str, &str); 3] = [
    (
        "ministers.txt",
        "اجتماع الوزراء في الرباط\n\nقال الوزير إن \"الاجتماع\" انتهى اليوم. وأضاف أن 25 وفدا شاركوا فيه منذ 2019.\n",
    ),
    (
        "oil.txt",
        "ارتفاع أسعار النفط\n\nارتفعت أسعار النفط بعد قرار خفض الإنتاج. وقال محللون إن الارتفاع سيستمر طويلا.\n",
    ),
    (
        "match.txt",
        "فوز المنتخب الوطني\n\nفاز المنتخب الوطني في مباراته الودية مساء أمس. وسجل المهاجم هدفين في الشوط الثاني.\n",
    ),
];

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The stories in a folder under a fresh temporary folder.
fn corpus() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    for (name, text) in STORIES {
        std::fs::write(input.join(name), text).unwrap();
    }
    (tmp, input)
}

/// `khulasa prep` of `input` into `dir/name` with `extra` options; the folder.
fn prep(dir: &Path, input: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let mut args = vec!["prep", s(input), "--out", s(&out)];
    args.extend(extra);
    khulasa(&args, "").assert_code(0);
    out
}

/// A translation a team would accept: English words and every number of the source, no Arabic.
fn english(source: &str) -> String {
    let numbers: Vec<String> = source
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect();
    format!("Translated sentence {}", numbers.join(" ")).trim().to_owned()
}

/// The batch files the manifest lists (the first file of each).
fn batch_files(out: &Path) -> Vec<PathBuf> {
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    manifest["batches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| out.join(b["files"][0].as_str().unwrap()))
        .collect()
}

fn read_rows(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_path(path).unwrap();
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// A prepared CSV batch translated by `english`, each row then edited by `edit(n, row)`, as CSV text.
fn translated_csv(batch: &Path, edit: impl Fn(usize, &mut Vec<String>)) -> String {
    let mut rows = read_rows(batch);
    for (n, row) in rows.iter_mut().enumerate().skip(1) {
        row[2] = english(&row[1]);
        edit(n, row);
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in &rows {
        writer.write_record(row).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

/// A prepared XLIFF batch (1.2 or 2.0, written with a target language) with every empty target filled by
/// `english`, its start tag made by `open(n)` for the n-th unit (from 0).
fn translated_xliff(batch: &Path, open: impl Fn(usize) -> String) -> String {
    let text = std::fs::read_to_string(batch).unwrap();
    let mut out = String::new();
    let mut rest = text.as_str();
    let mut n = 0;
    while let Some(at) = rest.find("<target></target>") {
        let before = &rest[..at];
        let source_at = before.rfind("<source>").unwrap() + "<source>".len();
        let source = &before[source_at..before.rfind("</source>").unwrap()];
        out.push_str(before);
        out.push_str(&format!("{}{}</target>", open(n), english(source)));
        rest = &rest[at + "<target></target>".len()..];
        n += 1;
    }
    out.push_str(rest);
    out
}

/// `khulasa merge` of `translations` against `source` into `out`, with `extra` options.
fn merge(source: &Path, translations: &[&Path], out: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["merge", "--source", s(source), "--out", s(out)];
    args.extend(extra);
    args.push("--translations");
    args.extend(translations.iter().map(|p| s(p)));
    khulasa(&args, "")
}

/// The `khulasa: ` lines of standard error.
fn lines(run: &Run) -> Vec<&str> {
    run.stderr.lines().filter(|l| l.starts_with("khulasa: ")).collect()
}

/// The targets of the bilingual file, by id.
fn bilingual(merged: &Path) -> Vec<(String, String)> {
    read_rows(&merged.join("bilingual.csv"))
        .into_iter()
        .skip(1)
        .map(|r| (r[0].clone(), r[2].clone()))
        .collect()
}

#[test]
fn a_clean_translation_merges_silently_and_stats_count_it() {
    let (tmp, input) = corpus();
    let out = prep(tmp.path(), &input, "prep", &["--target-lang", "en"]);
    let file = tmp.path().join("en.csv");
    std::fs::write(&file, translated_csv(&util::batch_file(&out, 1, "csv"), |_, _| {})).unwrap();
    let merged = tmp.path().join("merged");
    let run = merge(&out, &[&file], &merged, &[]);
    run.assert_code(0);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let units = read_rows(&util::batch_file(&out, 1, "csv")).len() - 1;
    assert!(bilingual(&merged).iter().all(|(_, t)| t.starts_with("Translated")));
    let report = std::fs::read_to_string(merged.join("report.tsv")).unwrap();
    assert_eq!(report, "severity\tcheck\tmessage\n", "an empty report says so");

    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    let tmx = std::fs::read_to_string(merged.join("memory.tmx")).unwrap();
    let prop = format!(
        "<prop type=\"x-khulasa-prep-id\">{}</prop>",
        manifest["prep_id"].as_str().unwrap()
    );
    assert!(tmx.contains(&prop), "the memory names the run it answers: {tmx}");
    let run = merge(&out, &[&file], &tmp.path().join("again"), &["--stats"]);
    run.assert_code(0);
    assert_eq!(
        lines(&run),
        [format!(
            "khulasa: merge: 1 file(s) read, 0 refused; {units} record(s); {units} of {units} units translated; 0 \
             draft(s), 0 untranslated, 0 empty, 0 missing, 0 unknown, 0 duplicated, 0 changed; 0 quality warning(s)"
        )
        .as_str()]
    );
}

#[test]
fn a_target_left_as_its_arabic_source_is_reported_and_not_merged() {
    let (tmp, input) = corpus();
    let out = prep(tmp.path(), &input, "prep", &[]);
    let file = tmp.path().join("en.csv");
    let csv = translated_csv(&util::batch_file(&out, 1, "csv"), |n, row| {
        if n == 2 {
            row[2] = row[1].clone();
        }
    });
    std::fs::write(&file, csv).unwrap();
    let untranslated = read_rows(&util::batch_file(&out, 1, "csv"))[2][0].clone();
    let merged = tmp.path().join("merged");
    let run = merge(&out, &[&file], &merged, &[]);
    run.assert_code(2);
    assert!(!merged.exists(), "nothing written");
    assert_eq!(
        lines(&run)[0],
        format!(
            "khulasa: {}:3: the target of `{untranslated}` is its Arabic source unchanged: untranslated, not merged",
            file.display()
        )
    );
    let run = merge(&out, &[&file], &merged, &["--allow-partial"]);
    run.assert_code(2);
    let rows = bilingual(&merged);
    let gap: Vec<_> = rows.iter().filter(|(_, t)| t.is_empty()).collect();
    assert_eq!(gap.len(), 1);
    assert_eq!(gap[0].0, untranslated);
    let report = std::fs::read_to_string(merged.join("report.tsv")).unwrap();
    assert!(report.contains("error\tuntranslated\t"), "{report}");
}

#[test]
fn xliff_drafts_are_reported_unless_accepted() {
    let (tmp, input) = corpus();
    let out = prep(
        tmp.path(),
        &input,
        "prep",
        &["--format", "xliff12", "--target-lang", "en"],
    );
    let text = translated_xliff(&util::batch_file(&out, 1, "xliff"), |n| {
        match n {
            0 => r#"<target state="needs-translation">"#,
            1 => r#"<target state="new">"#,
            3 => r#"<target state="needs-review-translation">"#,
            _ => r#"<target state="translated">"#,
        }
        .to_owned()
    })
    // A unit not approved, whatever its target's state says.
    .replacen("<trans-unit id=", "<trans-unit approved=\"no\" id=", 3)
    .replacen("<trans-unit approved=\"no\" id=", "<trans-unit id=", 2);
    let file = tmp.path().join("en.xliff");
    std::fs::write(&file, text).unwrap();
    let merged = tmp.path().join("merged");
    let run = merge(&out, &[&file], &merged, &[]);
    run.assert_code(2);
    let drafts: Vec<&str> = lines(&run)
        .into_iter()
        .filter(|l| l.contains("a draft, not merged (--accept-drafts merges drafts)"))
        .collect();
    assert_eq!(drafts.len(), 4, "{}", run.stderr);
    for mark in [
        "marked state=\"needs-translation\"",
        "marked state=\"new\"",
        "marked approved=\"no\"",
        "marked state=\"needs-review-translation\"",
    ] {
        assert!(drafts.iter().any(|l| l.contains(mark)), "{mark}: {}", run.stderr);
    }
    assert!(!merged.exists());
    let run = merge(&out, &[&file], &merged, &["--accept-drafts"]);
    run.assert_code(0);
    assert!(bilingual(&merged).iter().all(|(_, t)| t.starts_with("Translated")));
}

#[test]
fn xliff2_initial_segments_are_drafts() {
    let (tmp, input) = corpus();
    let out = prep(
        tmp.path(),
        &input,
        "prep",
        &["--format", "xliff", "--target-lang", "en"],
    );
    let text = translated_xliff(&util::batch_file(&out, 1, "xlf"), |_| "<target>".to_owned()).replacen(
        "<segment>",
        "<segment state=\"initial\">",
        1,
    );
    let file = tmp.path().join("en.xlf");
    std::fs::write(&file, text).unwrap();
    let run = merge(&out, &[&file], &tmp.path().join("merged"), &[]);
    run.assert_code(2);
    assert_eq!(lines(&run).len(), 2, "{}", run.stderr);
    assert!(
        lines(&run)[0].contains("is marked state=\"initial\": a draft"),
        "{}",
        run.stderr
    );
    merge(&out, &[&file], &tmp.path().join("merged"), &["--accept-drafts"]).assert_code(0);
}

#[test]
fn a_file_in_another_target_language_is_refused_whole_in_one_line() {
    let (tmp, input) = corpus();
    let out = prep(
        tmp.path(),
        &input,
        "prep",
        &["--format", "xliff12", "--target-lang", "en"],
    );
    let text = translated_xliff(&util::batch_file(&out, 1, "xliff"), |_| "<target>".to_owned())
        .replace("target-language=\"en\"", "target-language=\"fr\"");
    let file = tmp.path().join("fr.xliff");
    std::fs::write(&file, text).unwrap();
    let run = merge(&out, &[&file], &tmp.path().join("merged"), &[]);
    run.assert_code(2);
    let got = lines(&run);
    assert_eq!(got.len(), 2, "{}", run.stderr);
    assert!(
        got[0].ends_with("fr.xliff: its targets are in `fr`, not `en`: none of its 9 units merged"),
        "{}",
        run.stderr
    );
    assert!(got[1].contains("nothing written"));
    // A language the target names on its own element is checked too; a region of the right language is fine.
    let text = translated_xliff(&util::batch_file(&out, 1, "xliff"), |n| match n {
        2 => "<target xml:lang=\"de\">".to_owned(),
        _ => "<target xml:lang=\"en-GB\">".to_owned(),
    });
    std::fs::write(&file, text).unwrap();
    let run = merge(&out, &[&file], &tmp.path().join("merged"), &[]);
    assert!(
        lines(&run)[0].contains("its targets are in `de`, not `en`"),
        "{}",
        run.stderr
    );
    let text = translated_xliff(&util::batch_file(&out, 1, "xliff"), |_| {
        "<target xml:lang=\"en-GB\">".to_owned()
    });
    std::fs::write(&file, text).unwrap();
    merge(&out, &[&file], &tmp.path().join("merged"), &[]).assert_code(0);
}

#[test]
fn quality_checks_warn_in_the_report_and_fail_under_strict() {
    let (tmp, input) = corpus();
    let out = prep(
        tmp.path(),
        &input,
        "prep",
        &["--target-lang", "en", "--max-length-ratio", "3"],
    );
    let rows = read_rows(&util::batch_file(&out, 1, "csv"));
    let with_numbers = rows.iter().position(|r| r[1].contains("25")).unwrap();
    let file = tmp.path().join("en.csv");
    let csv = translated_csv(&util::batch_file(&out, 1, "csv"), |n, row| match n {
        1 => row[2] = format!("The ministers met in الرباط {}", english(&row[1])),
        n if n == with_numbers => row[2] = "He added that delegations took part.".into(),
        3 => row[2] = "word ".repeat(row[1].chars().count()),
        _ => {}
    });
    std::fs::write(&file, csv).unwrap();
    let merged = tmp.path().join("merged");
    let run = merge(&out, &[&file], &merged, &[]);
    run.assert_code(0);
    let report_path = merged.join("report.tsv");
    assert_eq!(
        lines(&run),
        [format!(
            "khulasa: quality: 4 warning(s) (arabic-script 1, too-long 1, missing-number 2), listed in {}",
            report_path.display()
        )
        .as_str()]
    );
    let report = std::fs::read_to_string(&report_path).unwrap();
    let checks: Vec<&str> = report.lines().skip(1).map(|l| l.split('\t').nth(1).unwrap()).collect();
    assert_eq!(
        checks,
        ["arabic-script", "too-long", "missing-number", "missing-number"],
        "{report}"
    );
    assert!(report.contains("lacks the number 25 of its source") && report.contains("lacks the number 2019"));
    assert!(report.contains("over the"), "{report}");

    let strict = tmp.path().join("strict");
    let run = merge(&out, &[&file], &strict, &["--strict"]);
    run.assert_code(2);
    assert!(!strict.exists());
    assert_eq!(
        lines(&run).iter().filter(|l| l.ends_with("(--strict)")).count(),
        4,
        "{}",
        run.stderr
    );
    // The ratio given to merge replaces the one of prep.
    let run = merge(
        &out,
        &[&file],
        &tmp.path().join("loose"),
        &["--max-length-ratio", "100"],
    );
    assert!(lines(&run)[0].contains("3 warning(s)"), "{}", run.stderr);
}

/// Arabic letters and ASCII in Windows-1256, as a spreadsheet on Arabic Windows saves them.
fn windows_1256(text: &str) -> Vec<u8> {
    const LETTERS: [(char, u8); 36] = [
        ('ء', 0xC1),
        ('آ', 0xC2),
        ('أ', 0xC3),
        ('ؤ', 0xC4),
        ('إ', 0xC5),
        ('ئ', 0xC6),
        ('ا', 0xC7),
        ('ب', 0xC8),
        ('ة', 0xC9),
        ('ت', 0xCA),
        ('ث', 0xCB),
        ('ج', 0xCC),
        ('ح', 0xCD),
        ('خ', 0xCE),
        ('د', 0xCF),
        ('ذ', 0xD0),
        ('ر', 0xD1),
        ('ز', 0xD2),
        ('س', 0xD3),
        ('ش', 0xD4),
        ('ص', 0xD5),
        ('ض', 0xD6),
        ('ط', 0xD8),
        ('ظ', 0xD9),
        ('ع', 0xDA),
        ('غ', 0xDB),
        ('ف', 0xDD),
        ('ق', 0xDE),
        ('ك', 0xDF),
        ('ل', 0xE1),
        ('م', 0xE3),
        ('ن', 0xE4),
        ('ه', 0xE5),
        ('و', 0xE6),
        ('ى', 0xEC),
        ('ي', 0xED),
    ];
    text.chars()
        .map(|c| match LETTERS.iter().find(|(l, _)| *l == c) {
            Some((_, b)) => *b,
            None if c.is_ascii() => c as u8,
            None => b'?',
        })
        .collect()
}

fn utf16le(text: &str, bom: bool) -> Vec<u8> {
    let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

#[test]
fn a_file_in_another_encoding_is_named_in_one_line_before_anything_else() {
    let (tmp, input) = corpus();
    let out = prep(tmp.path(), &input, "prep", &[]);
    let csv = translated_csv(&util::batch_file(&out, 1, "csv"), |_, _| {});
    let units = read_rows(&util::batch_file(&out, 1, "csv")).len() - 1;
    let merged = tmp.path().join("merged");
    for (bytes, found) in [
        (
            utf16le(&csv, false),
            "the file is UTF-16 LE without a byte order mark; save it as UTF-8",
        ),
        (
            windows_1256(&csv),
            "the file is not UTF-8: it looks like Windows-1256 (Arabic Windows) or ISO 8859-6; save it as UTF-8",
        ),
    ] {
        let file = tmp.path().join("en.csv");
        std::fs::write(&file, bytes).unwrap();
        let run = merge(&out, &[&file], &merged, &[]);
        run.assert_code(2);
        let got = lines(&run);
        assert_eq!(got.len(), 3, "{}", run.stderr);
        assert!(
            got[0].contains("en.csv: line ") && got[0].ends_with(found),
            "{}",
            run.stderr
        );
        assert_eq!(
            got[1],
            format!(
                "khulasa: {}: no translation came back for any of its {units} units (its file was not \
                 given, or was refused above)",
                util::batch_file(&out, 1, "csv").file_name().unwrap().to_str().unwrap()
            )
        );
        assert!(got[2].contains("nothing written"));
    }
    // UTF-16 with its byte order mark is read as it is.
    let file = tmp.path().join("en.csv");
    std::fs::write(&file, utf16le(&csv, true)).unwrap();
    merge(&out, &[&file], &merged, &[]).assert_code(0);
}

#[test]
fn a_file_from_another_run_and_a_missing_batch_are_each_one_line() {
    let (tmp, input) = corpus();
    let out = prep(tmp.path(), &input, "prep", &["--max-units", "3"]);
    let batches = batch_files(&out);
    assert!(batches.len() >= 3, "{batches:?}");
    let translated = tmp.path().join("translated");
    std::fs::create_dir_all(&translated).unwrap();
    let mut files = Vec::new();
    for batch in &batches {
        let file = translated.join(batch.file_name().unwrap());
        std::fs::write(&file, translated_csv(batch, |_, _| {})).unwrap();
        files.push(file);
    }
    let merged = tmp.path().join("merged");
    // The second batch file left out.
    let given: Vec<&Path> = files
        .iter()
        .enumerate()
        .filter(|(n, _)| *n != 1)
        .map(|(_, f)| f.as_path())
        .collect();
    let run = merge(&out, &given, &merged, &[]);
    run.assert_code(2);
    let second = batches[1].file_name().unwrap().to_str().unwrap();
    let units = read_rows(&batches[1]).len() - 1;
    assert_eq!(
        lines(&run)[0],
        format!(
            "khulasa: {second}: no translation came back for any of its {units} units (its file was not given, or \
             was refused above)"
        )
    );
    assert_eq!(lines(&run).len(), 2, "{}", run.stderr);

    // A file of another run stands for the batch it was taken for: one line for it, one for the batch.
    let other_input = tmp.path().join("other");
    std::fs::create_dir_all(&other_input).unwrap();
    std::fs::write(
        other_input.join("x.txt"),
        "خبر آخر\n\nقال المتحدث إن اللقاء كان مثمرا. وأكد أن الحوار سيستمر.\n",
    )
    .unwrap();
    let other = prep(tmp.path(), &other_input, "other-prep", &[]);
    let stale = translated.join("stale.csv");
    std::fs::write(&stale, translated_csv(&util::batch_file(&other, 1, "csv"), |_, _| {})).unwrap();
    let mut given = given.clone();
    given.push(&stale);
    let run = merge(&out, &given, &merged, &[]);
    run.assert_code(2);
    let got = lines(&run);
    assert_eq!(got.len(), 3, "{}", run.stderr);
    assert!(
        got[0].ends_with("stale.csv: 0 of 3 ids known: a file from another `khulasa prep` run (or not a translation of this one), not merged"),
        "{}",
        run.stderr
    );
    assert!(got[1].contains(&format!("{second}: no translation came back")));
    assert!(!run.stderr.contains("unknown id") && !run.stderr.contains("missing id"));
}

#[test]
fn a_file_of_another_run_is_known_by_its_name_and_header() {
    let (tmp, input) = corpus();
    let out = prep(
        tmp.path(),
        &input,
        "prep",
        &["--format", "xliff12", "--target-lang", "en"],
    );
    let prep_id = |dir: &Path| -> String {
        let manifest: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
        manifest["prep_id"].as_str().unwrap().to_owned()
    };
    let this_run = prep_id(&out);
    let translated = tmp.path().join("translated");
    std::fs::create_dir_all(&translated).unwrap();

    // Another day's stories: none of its ids was sent. Its file keeps the name prep gave it (CSV: only the name
    // tells the run), or is renamed (XLIFF: the header still tells it).
    let other_input = tmp.path().join("other");
    std::fs::create_dir_all(&other_input).unwrap();
    std::fs::write(
        other_input.join("x.txt"),
        "خبر آخر\n\nقال المتحدث إن اللقاء كان مثمرا. وأكد أن الحوار سيستمر.\n",
    )
    .unwrap();
    let other_csv = prep(tmp.path(), &other_input, "other-csv", &[]);
    let other_xliff = prep(
        tmp.path(),
        &other_input,
        "other-xliff",
        &["--format", "xliff12", "--target-lang", "en"],
    );
    let by_name = util::batch_file(&other_csv, 1, "csv");
    let kept_name = translated.join(by_name.file_name().unwrap());
    std::fs::write(&kept_name, translated_csv(&by_name, |_, _| {})).unwrap();
    let renamed = translated.join("answers.xliff");
    std::fs::write(
        &renamed,
        translated_xliff(&util::batch_file(&other_xliff, 1, "xliff"), |_| "<target>".to_owned()),
    )
    .unwrap();
    let ours = translated.join("ours.xliff");
    std::fs::write(
        &ours,
        translated_xliff(&util::batch_file(&out, 1, "xliff"), |_| "<target>".to_owned()),
    )
    .unwrap();
    let merged = tmp.path().join("merged");
    let run = merge(&out, &[&ours, &kept_name, &renamed], &merged, &[]);
    run.assert_code(2);
    let got = lines(&run);
    assert_eq!(
        got[..2],
        [
            format!(
                "khulasa: {}: 0 of 3 ids known: a file from prep run {}, not from this folder's {this_run}; not merged",
                kept_name.display(),
                prep_id(&other_csv)
            ),
            format!(
                "khulasa: {}: 0 of 3 ids known: a file from prep run {}, not from this folder's {this_run}; not merged",
                renamed.display(),
                prep_id(&other_xliff)
            )
        ],
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("unknown id"), "{}", run.stderr);

    // The same stories prepared again: the ids are the same sentences', so the file is taken, with one line
    // saying whose it is (and --strict refuses it).
    let again = prep(
        tmp.path(),
        &input,
        "again",
        &["--format", "xliff12", "--target-lang", "en"],
    );
    let stale = translated.join(util::batch_file(&again, 1, "xliff").file_name().unwrap());
    std::fs::write(
        &stale,
        translated_xliff(&util::batch_file(&again, 1, "xliff"), |_| "<target>".to_owned()),
    )
    .unwrap();
    let run = merge(&out, &[&stale], &merged, &[]);
    run.assert_code(0);
    assert_eq!(
        lines(&run),
        [format!(
            "khulasa: {}: a file from prep run {}, not from this folder's {this_run}: its units are the same \
             sentences by id and were taken",
            stale.display(),
            prep_id(&again)
        )
        .as_str()]
    );
    let report = std::fs::read_to_string(merged.join("report.tsv")).unwrap();
    assert!(report.contains("warning\tother-run\t"), "{report}");
    let run = merge(&out, &[&stale], &tmp.path().join("strict"), &["--strict"]);
    run.assert_code(2);
    assert!(lines(&run)[0].ends_with("were taken (--strict)"), "{}", run.stderr);
}

#[test]
fn translations_may_be_a_folder() {
    let (tmp, input) = corpus();
    let out = prep(tmp.path(), &input, "prep", &["--max-units", "3", "--format", "lines"]);
    let translated = tmp.path().join("translated");
    std::fs::create_dir_all(&translated).unwrap();
    for batch in batch_files(&out) {
        let text = std::fs::read_to_string(&batch).unwrap();
        let en: String = text.lines().map(|l| english(l) + "\n").collect();
        std::fs::write(translated.join(batch.with_extension("en").file_name().unwrap()), en).unwrap();
        let ids = batch.with_extension("ids");
        std::fs::copy(&ids, translated.join(ids.file_name().unwrap())).unwrap();
    }
    std::fs::write(translated.join(".DS_Store"), b"\0\0").unwrap();
    let merged = tmp.path().join("merged");
    let run = merge(&out, &[&translated], &merged, &["--stats"]);
    run.assert_code(0);
    assert!(lines(&run)[0].contains("file(s) read, 0 refused"), "{}", run.stderr);
    assert!(bilingual(&merged).iter().all(|(_, t)| t.starts_with("Translated")));
    let empty = tmp.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let run = merge(&out, &[&empty], &merged, &[]);
    run.assert_code(1);
    assert!(run.stderr.contains("a folder with no file in it"), "{}", run.stderr);
}

#[test]
fn spreadsheet_variants_of_csv_and_tsv_are_read() {
    let (tmp, input) = corpus();
    let out = prep(tmp.path(), &input, "prep", &[]);
    let csv = translated_csv(&util::batch_file(&out, 1, "csv"), |_, _| {});
    let rows = read_rows(&util::batch_file(&out, 1, "csv"));
    let merged = tmp.path().join("merged");
    // Semicolons, as spreadsheets write where the comma is the decimal sign, and headers as people write them.
    let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(csv.as_bytes());
    for (n, record) in reader.records().enumerate() {
        let mut row: Vec<String> = record.unwrap().iter().take(3).map(str::to_owned).collect();
        if n == 0 {
            row = vec!["ID".into(), "Source".into(), "Target".into()];
        }
        writer.write_record(&row).unwrap();
    }
    let file = tmp.path().join("en.csv");
    std::fs::write(&file, writer.into_inner().unwrap()).unwrap();
    merge(&out, &[&file], &merged, &[]).assert_code(0);
    // Excel's "Unicode text": TSV in UTF-16 LE with a byte order mark, under `.txt`.
    let tsv: String = rows
        .iter()
        .enumerate()
        .map(|(n, r)| {
            let target = if n == 0 { "target".to_owned() } else { english(&r[1]) };
            format!("{}\t{}\t{}\r\n", r[0], r[1], target)
        })
        .collect();
    let file = tmp.path().join("en.txt");
    std::fs::write(&file, utf16le(&tsv, true)).unwrap();
    let run = merge(&out, &[&file], &merged, &[]);
    run.assert_code(0);
    assert!(bilingual(&merged).iter().all(|(_, t)| t.starts_with("Translated")));
}

#[test]
fn tsv_saved_by_a_quote_aware_writer_merges() {
    let (tmp, input) = corpus();
    let out = prep(tmp.path(), &input, "prep", &["--format", "tsv"]);
    let text = std::fs::read_to_string(util::batch_file(&out, 1, "tsv")).unwrap();
    assert!(text.contains("\"الاجتماع\""), "a source with quotes: {text}");
    // What a spreadsheet or Python's csv module saves: a field with a quote in it quoted, the quote doubled.
    let mut writer = csv::WriterBuilder::new().delimiter(b'\t').from_writer(Vec::new());
    for (n, line) in text.lines().enumerate() {
        let mut row: Vec<String> = line.split('\t').map(str::to_owned).collect();
        if n > 0 {
            row[2] = format!("He said \"{}\"", english(&row[1]));
        }
        writer.write_record(&row).unwrap();
    }
    let saved = writer.into_inner().unwrap();
    assert!(String::from_utf8_lossy(&saved).contains("\"\"الاجتماع\"\""));
    let file = tmp.path().join("en.tsv");
    std::fs::write(&file, saved).unwrap();
    let merged = tmp.path().join("merged");
    let run = merge(&out, &[&file], &merged, &[]);
    run.assert_code(0);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert!(bilingual(&merged)
        .iter()
        .all(|(_, t)| t.starts_with("He said \"Translated")));
}

#[test]
fn prep_of_a_day_without_stories_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let feed = tmp.path().join("feed.jsonl");
    let line = serde_json::json!({"id": "a", "date": "2024-01-02", "text": STORIES[0].1}).to_string();
    std::fs::write(&feed, format!("{line}\n")).unwrap();
    let run = khulasa(
        &[
            "prep",
            s(&feed),
            "--date",
            "2024-02-02",
            "--out",
            s(&tmp.path().join("out")),
        ],
        "",
    );
    run.assert_code(2);
    assert_eq!(
        lines(&run),
        [format!("khulasa: {}: no story dated 2024-02-02", feed.display()).as_str()]
    );
}

#[test]
fn the_manifest_counts_units_words_and_characters_and_names_the_run_in_every_file() {
    let (tmp, input) = corpus();
    // A sentence repeated in two stories, for --dedupe.
    let repeated = "وكالة الأنباء تحتفظ بجميع الحقوق ولا يجوز النشر دون إذن.";
    std::fs::write(
        input.join("copy1.txt"),
        format!("خبر أول\n\nقال المتحدث إن اللقاء كان مثمرا. {repeated}\n"),
    )
    .unwrap();
    std::fs::write(
        input.join("copy2.txt"),
        format!("خبر ثان\n\nأكد الوزير أن الحوار سيستمر. {repeated}\n"),
    )
    .unwrap();
    for format in ["xliff", "xliff12", "po", "xlsx", "jsonl", "csv"] {
        let out = prep(
            tmp.path(),
            &input,
            format,
            &["--format", format, "--max-units", "4", "--dedupe"],
        );
        let manifest: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
        let register: Vec<serde_json::Value> = std::fs::read_to_string(out.join("register.jsonl"))
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let sent: Vec<&serde_json::Value> = register.iter().filter(|e| e["sent"] == e["id"]).collect();
        let words = |text: &str| {
            text.split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count()
        };
        let total_words: usize = sent.iter().map(|e| words(e["source"].as_str().unwrap())).sum();
        let total_chars: usize = sent.iter().map(|e| e["source"].as_str().unwrap().chars().count()).sum();
        assert_eq!(manifest["units"], sent.len(), "{format}");
        assert_eq!(manifest["words"], total_words, "{format}");
        assert_eq!(manifest["characters"], total_chars, "{format}");
        let batches = manifest["batches"].as_array().unwrap();
        assert!(batches.len() > 1);
        for key in ["units", "words", "characters"] {
            let sum: u64 = batches.iter().map(|b| b[key].as_u64().unwrap()).sum();
            assert_eq!(manifest[key].as_u64().unwrap(), sum, "{format} {key}");
        }
        assert_eq!(manifest["counts"]["repeated_units"], 1, "{format}");
        assert_eq!(manifest["counts"]["repeated_words"], words(repeated), "{format}");
        let prep_id = manifest["prep_id"].as_str().unwrap();
        assert!(prep_id.len() > 16, "{prep_id}");
        for batch in batch_files(&out) {
            let bytes = std::fs::read(&batch).unwrap();
            // The file is named after its batch, and says which it is inside where the format has a place.
            let batch_id = batch.file_stem().unwrap().to_str().unwrap().to_owned();
            assert!(batch_id.starts_with(&format!("{prep_id}-0")), "{batch_id}");
            let stated = khulasa_export::stated_batch(&bytes);
            let inside = match format {
                "xliff" => format!("<file id=\"{batch_id}\""),
                "xliff12" => format!("<note from=\"khulasa\">batch: {batch_id}</note>"),
                "po" => format!("\"X-Khulasa-Batch: {batch_id}\\n\""),
                "jsonl" => format!("\"batch\":\"{batch_id}\","),
                "xlsx" => {
                    let mut zip = zip_text(&bytes, "docProps/core.xml");
                    zip.retain(|c| c != '\n');
                    assert!(zip.contains(&format!("khulasa batch: {batch_id}")), "{zip}");
                    assert_eq!(stated.as_deref(), Some(batch_id.as_str()), "{format}");
                    continue;
                }
                _ => {
                    assert_eq!(stated, None, "{format}");
                    continue;
                }
            };
            assert_eq!(stated.as_deref(), Some(batch_id.as_str()), "{format}");
            assert!(
                String::from_utf8(bytes).unwrap().contains(&inside),
                "{format}: {inside}"
            );
        }
    }
}

/// One member of a zip file (a workbook), as text.
fn zip_text(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_name(name).unwrap(), &mut text).unwrap();
    text
}

#[test]
fn prep_stats_say_what_the_manifest_says() {
    let (tmp, input) = corpus();
    let repeated = "وكالة الأنباء تحتفظ بجميع الحقوق ولا يجوز النشر دون إذن.";
    for (name, lead) in [("copy1.txt", "خبر أول"), ("copy2.txt", "خبر ثان")] {
        std::fs::write(
            input.join(name),
            format!("{lead}\n\nقال المتحدث إن اللقاء كان مثمرا. {repeated}\n"),
        )
        .unwrap();
    }
    let out = tmp.path().join("prep");
    let run = khulasa(
        &[
            "--stats",
            "prep",
            s(&input),
            "--out",
            s(&out),
            "--max-units",
            "4",
            "--dedupe",
        ],
        "",
    );
    run.assert_code(0);
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    let got = lines(&run);
    let prep_line = got
        .iter()
        .find(|l| l.starts_with("khulasa: prep: "))
        .expect(&run.stderr);
    let numbers: Vec<u64> = prep_line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .map(|n| n.parse().unwrap())
        .collect();
    let counts = &manifest["counts"];
    // units, words, characters, batch files, sentences exported, split, titles, not sent, repeats, their words.
    assert_eq!(numbers.len(), 10, "{prep_line}");
    assert_eq!(numbers[0], manifest["units"].as_u64().unwrap(), "{prep_line}");
    assert_eq!(numbers[1], manifest["words"].as_u64().unwrap(), "{prep_line}");
    assert_eq!(numbers[2], manifest["characters"].as_u64().unwrap(), "{prep_line}");
    assert_eq!(numbers[3], manifest["batches"].as_array().unwrap().len() as u64);
    assert_eq!(numbers[4], counts["sentences"].as_u64().unwrap());
    assert_eq!(numbers[6], 0, "text files have no titles");
    assert_eq!(numbers[5] + numbers[6] - numbers[7], numbers[4]);
    assert_eq!(numbers[8], counts["repeated_units"].as_u64().unwrap());
    assert_eq!(numbers[9], counts["repeated_words"].as_u64().unwrap());
    assert_eq!(numbers[8], 2, "the two sentences the copies share");
    assert_eq!(
        numbers[4],
        numbers[0] + numbers[8],
        "every occurrence exported, repeats sent once"
    );
    // The passes' own closing line counts the split sentences, each once: the number prep relates to.
    let runner = got.iter().find(|l| l.contains(" stories, ")).expect(&run.stderr);
    assert!(
        runner.contains(&format!(" {} stories, {} sentences,", STORIES.len() + 2, numbers[5])),
        "{runner} / {prep_line}"
    );
}

#[test]
fn a_deduped_unit_says_how_often_it_stands_and_whether_in_any_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let repeated = "وكالة الأنباء تحتفظ بجميع الحقوق ولا يجوز النشر دون إذن.";
    // First in a long story, last of six body sentences (out of its three-sentence summary); then the only
    // body sentence of a short story and one of two of another, in their summaries.
    std::fs::write(
        input.join("a.txt"),
        format!(
            "خبر طويل\n\nقال الوزير إن الحكومة ستعلن خطة جديدة للنقل العام. وأضاف أن الخطة تشمل خطوط حافلات جديدة \
             في العاصمة. وأوضح أن التمويل سيأتي من الميزانية العامة للدولة. وأشار إلى أن العمل سيبدأ في الربيع \
             المقبل. وقال مسؤولون إن المشروع سيوفر آلاف الوظائف. {repeated}\n"
        ),
    )
    .unwrap();
    std::fs::write(input.join("b.txt"), format!("خبر قصير\n\n{repeated}\n")).unwrap();
    std::fs::write(
        input.join("c.txt"),
        format!("خبر ثالث\n\nأعلن النادي عن مدرب جديد للفريق الأول. {repeated}\n"),
    )
    .unwrap();
    let note = "summary=yes; occurrences=3";
    for (format, ext) in [
        ("csv", "csv"),
        ("jsonl", "jsonl"),
        ("xliff", "xlf"),
        ("xliff12", "xliff"),
        ("po", "po"),
    ] {
        let out = prep(tmp.path(), &input, format, &["--format", format, "--dedupe"]);
        let register: Vec<serde_json::Value> = std::fs::read_to_string(out.join("register.jsonl"))
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let places: Vec<&serde_json::Value> = register.iter().filter(|e| e["source"] == repeated).collect();
        assert_eq!(places.len(), 3);
        assert_eq!(
            places[0]["summary"], false,
            "the first occurrence is out of its summary"
        );
        assert!(places[1..].iter().all(|e| e["summary"] == true));
        let text = std::fs::read_to_string(util::batch_file(&out, 1, ext)).unwrap();
        assert_eq!(text.matches(note).count(), 1, "{format}: {text}");
        assert_eq!(text.matches("occurrences=").count(), 1, "{format}");
    }
}

/// The register of a prep folder.
fn register_of(out: &Path) -> Vec<serde_json::Value> {
    util::json_lines(&out.join("register.jsonl"))
}

#[test]
fn a_feed_title_goes_out_as_the_headline_unit_unless_the_text_starts_with_it() {
    let tmp = tempfile::tempdir().unwrap();
    let feed = tmp.path().join("feed.jsonl");
    let lines = [
        serde_json::json!({"id": "t1", "title": "الحكومة تعلن خطة للنقل",
            "text": "قال الوزير إن الحكومة ستعلن خطة جديدة للنقل العام. وأضاف أن العمل سيبدأ في الربيع."}),
        serde_json::json!({"id": "t2", "title": "فوز المنتخب الوطني",
            "text": "فوز المنتخب الوطني\n\nفاز المنتخب الوطني في مباراته الودية مساء أمس. وسجل المهاجم هدفين."}),
        serde_json::json!({"id": "t3",
            "text": "أعلن النادي عن مدرب جديد للفريق الأول. وقال الرئيس إن العقد لثلاثة أعوام."}),
    ];
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(&feed, text).unwrap();
    let out = prep(tmp.path(), &feed, "prep", &[]);
    let register = register_of(&out);
    let headlines: Vec<(&str, &str, &str)> = register
        .iter()
        .filter(|e| e["kind"] == "headline")
        .map(|e| {
            (
                e["story"].as_str().unwrap(),
                e["source"].as_str().unwrap(),
                e["location"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        headlines,
        [
            ("t1", "الحكومة تعلن خطة للنقل", "t1:title"),
            ("t2", "فوز المنتخب الوطني", "t2:0-34")
        ],
        "t1's title sent first; t2's text starts with its own; t3 has none"
    );
    assert_eq!(
        (&register[0]["story"], &register[0]["kind"]),
        (&serde_json::json!("t1"), &serde_json::json!("headline")),
        "the title comes first in its story"
    );
    let rows = read_rows(&util::batch_file(&out, 1, "csv"));
    assert_eq!(rows[1][1], "الحكومة تعلن خطة للنقل");
    assert_eq!(rows[1][4], "kind=headline; summary=no");
    assert_eq!(
        rows[2][3], "t1 | الحكومة تعلن خطة للنقل",
        "the next sentence's context is the title"
    );
    // It comes back like any unit.
    let translated = tmp.path().join("en.csv");
    std::fs::write(
        &translated,
        translated_csv(&util::batch_file(&out, 1, "csv"), |_, _| {}),
    )
    .unwrap();
    merge(&out, &[&translated], &tmp.path().join("merged"), &[]).assert_code(0);
}

#[test]
fn every_title_of_a_day_of_the_archive_goes_out_as_a_headline_unit() {
    let Some(feed) = util::shared_data("ant/ant_v2.1.jsonl.gz") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = prep(
        tmp.path(),
        &feed,
        "day",
        &["--id-field", "docno", "--date", "2018-05-09", "--quiet"],
    );
    let register = register_of(&out);
    let stories: std::collections::BTreeSet<&str> = register.iter().map(|e| e["story"].as_str().unwrap()).collect();
    let titles = register
        .iter()
        .filter(|e| e["kind"] == "headline" && e["location"].as_str().unwrap().ends_with(":title"))
        .count();
    assert_eq!(stories.len(), 250);
    // Every story of the day has a title, and none's text starts with it.
    assert_eq!(titles, 250);
}
