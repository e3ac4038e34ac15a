//! End-to-end tests of translation export and merge: they run the built `khulasa` binary, translate
//! its files with a fake translator that writes every source reversed, and merge them back.
//!
//! The fake translators parse the files by hand (strict RFC 4180 with every field quoted and CRLF, TSV split on
//! tabs, XML entities of the five predefined kinds), not with the readers under test.

mod util;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use util::khulasa;

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/corpora/coalition-marrakech.txt");

/// A story written to be hard on every format: quotes, commas, a line break inside a sentence, `=` and `-` at the
/// start of sentences, embedded `"`, markup characters, and a vertical tab XML forbids.
const HARD: &str = "عنوان: \"الوزير\" يرد، بحزم\n\n\
=قال الوزير في بيان، صدر اليوم، إن \"الاتفاق\" لن يُلغى.\n\
-وأضاف أن الحكومة\nستواصل الحوار مع <الشركاء> & الحلفاء.\n\
وأكد المتحدث باسم الوزارة أن الاجتماع المقبل سيعقد في الرباط\u{b} الأسبوع القادم.\n\
وقالت مصادر مطلعة إن المفاوضات ستستأنف بعد عيد الفطر مباشرة.\n\
وتابع: '=هذا ليس رقما' كما كتب في تغريدة.\n";

/// A second story repeating the agency's boilerplate sentence of a third one, for `--dedupe`.
const BOILERPLATE: &str = "وكالة الأنباء تحتفظ بجميع الحقوق ولا يجوز النشر دون إذن مسبق منها.";

/// The fake translation: the text reversed, marked when that leaves it as it was (a target equal to its Arabic
/// source is refused as untranslated).
fn reversed(text: &str) -> String {
    let turned: String = text.chars().rev().collect();
    if turned == text {
        format!("{turned}~")
    } else {
        turned
    }
}

/// A folder of stories under a fresh temporary folder.
fn corpus() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(input.join("wire")).unwrap();
    std::fs::copy(SEED, input.join("seed.txt")).unwrap();
    std::fs::write(input.join("wire/hard.txt"), HARD).unwrap();
    let economy = format!(
        "ارتفاع أسعار النفط\n\nارتفعت أسعار النفط اليوم بعد قرار خفض الإنتاج. وقال محللون إن الارتفاع سيستمر. {BOILERPLATE}\n"
    );
    let sport = format!(
        "فوز المنتخب\n\nفاز المنتخب الوطني في مباراته الودية مساء أمس. وسجل المهاجم هدفين في الشوط الثاني. {BOILERPLATE}\n"
    );
    std::fs::write(input.join("wire/economy.txt"), economy).unwrap();
    std::fs::write(input.join("wire/sport.txt"), sport).unwrap();
    (tmp, input)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Parses CSV as `prep` must write it: every field quoted, `""` for a quote, CRLF after every record.
fn parse_strict_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut chars = text.chars().peekable();
    while chars.peek().is_some() {
        let mut row = Vec::new();
        loop {
            assert_eq!(chars.next(), Some('"'), "every field quoted: {row:?}");
            let mut field = String::new();
            loop {
                match chars.next() {
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    Some('"') => break,
                    Some(c) => field.push(c),
                    None => panic!("unterminated field"),
                }
            }
            row.push(field);
            match chars.next() {
                Some(',') => continue,
                Some('\r') => {
                    assert_eq!(chars.next(), Some('\n'), "CRLF");
                    break;
                }
                other => panic!("after a field: {other:?}"),
            }
        }
        rows.push(row);
    }
    rows
}

fn write_strict_csv(rows: &[Vec<String>]) -> String {
    rows.iter()
        .map(|row| {
            let fields: Vec<String> = row.iter().map(|f| format!("\"{}\"", f.replace('"', "\"\""))).collect();
            fields.join(",") + "\r\n"
        })
        .collect()
}

fn xml_unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Translates one batch file written by `prep` into `into`, returning the translated files to merge.
fn translate(format: &str, file: &Path, into: &Path, excel: bool) -> Vec<PathBuf> {
    let name = file.file_name().unwrap().to_str().unwrap();
    let bytes = std::fs::read(file).unwrap();
    let out = into.join(name);
    match format {
        "csv" => {
            let bom = bytes.starts_with(b"\xEF\xBB\xBF");
            assert_eq!(bom, excel, "a BOM exactly with the Excel profile");
            let text = std::str::from_utf8(&bytes[if bom { 3 } else { 0 }..]).unwrap();
            let mut rows = parse_strict_csv(text);
            assert_eq!(
                rows[0][..6],
                ["id", "source", "target", "context", "developer_comments", "location"]
            );
            for row in rows.iter_mut().skip(1) {
                row[2] = if excel {
                    // The spreadsheet shows the source without its guard; the translator's target gets one again.
                    let shown = row[1]
                        .strip_prefix('\'')
                        .filter(|r| r.starts_with(['=', '+', '-', '@', '\'']));
                    let target = reversed(shown.unwrap_or(&row[1]));
                    if target.starts_with(['=', '+', '-', '@', '\'']) {
                        format!("'{target}")
                    } else {
                        target
                    }
                } else {
                    reversed(&row[1])
                };
            }
            let mut written = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
            written.extend(write_strict_csv(&rows).into_bytes());
            std::fs::write(&out, written).unwrap();
        }
        "tsv" => {
            let text = String::from_utf8(bytes).unwrap();
            let mut lines = Vec::new();
            for (n, line) in text.lines().enumerate() {
                let mut fields: Vec<String> = line.split('\t').map(str::to_owned).collect();
                assert_eq!(fields.len(), 6, "{line}");
                if n > 0 {
                    fields[2] = reversed(&fields[1]);
                }
                lines.push(fields.join("\t") + "\n");
            }
            std::fs::write(&out, lines.concat()).unwrap();
        }
        "jsonl" => {
            let text = String::from_utf8(bytes).unwrap();
            let mut lines = String::new();
            for line in text.lines() {
                let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
                v["target"] = reversed(v["source"].as_str().unwrap()).into();
                lines.push_str(&format!("{v}\n"));
            }
            std::fs::write(&out, lines).unwrap();
        }
        "lines" => {
            // An MT engine's output: same name, target language as extension, ids left in the prep folder.
            let text = String::from_utf8(bytes).unwrap();
            let translated: String = text.lines().map(|l| reversed(l) + "\n").collect();
            let out = into.join(Path::new(name).with_extension("en"));
            std::fs::write(&out, translated).unwrap();
            return vec![out];
        }
        "po" => {
            // A PO editor: every msgstr after a unit's msgid filled, escapes as gettext writes them.
            let text = String::from_utf8(bytes).unwrap();
            let unescape = |s: &str| s.replace("\\\"", "\"").replace("\\\\", "\\");
            let escape = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
            let mut written = String::new();
            let mut source = None;
            for line in text.lines() {
                if let Some(id) = line.strip_prefix("msgid \"").and_then(|l| l.strip_suffix('"')) {
                    source = Some(unescape(id)).filter(|s| !s.is_empty());
                }
                match (&source, line) {
                    (Some(s), "msgstr \"\"") => written.push_str(&format!("msgstr \"{}\"\n", escape(&reversed(s)))),
                    _ => written.push_str(&format!("{line}\n")),
                }
            }
            std::fs::write(&out, written).unwrap();
        }
        _ => {
            let text = String::from_utf8(bytes).unwrap().replace("<target></target>", "");
            let mut written = String::new();
            let mut rest = text.as_str();
            while let Some(open) = rest.find("<source>") {
                let close = rest.find("</source>").unwrap();
                let source = xml_unescape(&rest[open + 8..close]);
                written.push_str(&rest[..close + 9]);
                written.push_str(&format!("<target>{}</target>", xml_escape(&reversed(&source))));
                rest = &rest[close + 9..];
            }
            written.push_str(rest);
            std::fs::write(&out, written).unwrap();
        }
    }
    vec![out]
}

/// The batch files `prep` listed in its manifest (for `lines`, the sentences; the ids stay where they are).
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

fn register(out: &Path) -> Vec<serde_json::Value> {
    util::json_lines(&out.join("register.jsonl"))
}

/// `# ID` blocks of summary text, as `summarize` prints several documents.
fn blocks(text: &str) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    let mut current = None;
    for line in text.lines() {
        if let Some(id) = line.strip_prefix("# ") {
            current = Some(id.to_owned());
            out.insert(id.to_owned(), Vec::new());
        } else if !line.is_empty() {
            out.get_mut(current.as_ref().unwrap()).unwrap().push(line.to_owned());
        }
    }
    out
}

/// prep, translate, merge for one format; returns the merge folder.
fn round_trip(tmp: &Path, input: &Path, format: &str, extra: &[&str]) -> PathBuf {
    let out = tmp.join(format!("prep-{format}"));
    let translated = tmp.join(format!("translated-{format}"));
    let merged = tmp.join(format!("merged-{format}"));
    std::fs::create_dir_all(&translated).unwrap();
    let mut args = vec![
        "prep",
        s(input),
        "--out",
        s(&out),
        "--format",
        format,
        "--target-lang",
        "en",
    ];
    args.extend(extra);
    khulasa(&args, "").assert_code(0);
    let excel = extra.contains(&"excel");
    let files: Vec<PathBuf> = batch_files(&out)
        .iter()
        .flat_map(|f| translate(format, f, &translated, excel))
        .collect();
    let mut args = vec!["merge", "--source", s(&out), "--out", s(&merged), "--translations"];
    args.extend(files.iter().map(|f| s(f)));
    let run = khulasa(&args, "");
    run.assert_code(0);
    // The fake translation keeps Arabic script in an English target: one line of quality warnings, no other.
    assert!(
        run.stderr.lines().all(|l| l.starts_with("khulasa: quality: ")),
        "{}",
        run.stderr
    );

    // The bilingual file holds every exported sentence in order, with exactly the target written for it.
    let entries = register(&out);
    let text = std::fs::read_to_string(merged.join("bilingual.csv")).unwrap();
    // With the Excel profile the bilingual file is guarded as the batch was: a BOM, formula-like cells quoted.
    let text = if excel {
        text.strip_prefix('\u{feff}')
            .expect("a BOM with the Excel profile")
            .to_owned()
    } else {
        text
    };
    let rows = parse_strict_csv(&text);
    assert_eq!(rows[0], ["id", "source", "target", "location"]);
    assert_eq!(rows.len() - 1, entries.len(), "{format}");
    let cell = |f: &str| {
        if excel {
            khulasa_export::restore(f).to_owned()
        } else {
            f.to_owned()
        }
    };
    for (row, entry) in rows.iter().skip(1).zip(&entries) {
        assert_eq!(row[0], entry["id"].as_str().unwrap());
        assert_eq!(cell(&row[1]), entry["source"].as_str().unwrap());
        assert_eq!(cell(&row[2]), reversed(&cell(&row[1])), "{format}: {row:?}");
        if excel {
            assert!(!row.iter().any(|f| f.starts_with(['=', '+', '-', '@'])), "{row:?}");
        }
    }

    // The translated summaries are the summaries `summarize` prints, every sentence reversed, in order.
    let summaries = khulasa(&["summarize", s(input)], "");
    summaries.assert_code(0);
    let expected: BTreeMap<String, Vec<String>> = blocks(&summaries.stdout)
        .into_iter()
        .map(|(id, lines)| (id, lines.iter().map(|l| reversed(l)).collect()))
        .collect();
    let got = blocks(&std::fs::read_to_string(merged.join("summaries.txt")).unwrap());
    assert_eq!(got, expected, "{format}");

    let tmx = std::fs::read_to_string(merged.join("memory.tmx")).unwrap();
    assert!(tmx.contains("<tmx version=\"1.4\">") && tmx.contains("xml:lang=\"en\""));
    out
}

#[test]
fn every_format_round_trips_through_a_fake_translator() {
    let (tmp, input) = corpus();
    for format in ["csv", "tsv", "jsonl", "lines", "xliff", "xliff12", "po"] {
        let out = round_trip(tmp.path(), &input, format, &[]);
        let entries = register(&out);
        let sources: Vec<&str> = entries.iter().map(|e| e["source"].as_str().unwrap()).collect();
        // The vertical tab went, no sentence holds a line break, the rest survives as written.
        assert!(sources.contains(&"-وأضاف أن الحكومة"), "{sources:#?}");
        assert!(
            sources.contains(&"ستواصل الحوار مع <الشركاء> & الحلفاء."),
            "{sources:#?}"
        );
        assert!(sources
            .iter()
            .any(|s| s.starts_with("=قال الوزير في بيان، صدر اليوم، إن \"الاتفاق\"")));
        assert!(sources.iter().any(|s| s.contains("الرباط الأسبوع")));
        assert!(sources.iter().all(|s| !s.contains('\u{b}') && !s.contains('\n')));
        assert!(
            !sources.contains(&"0") && !sources.contains(&"360"),
            "furniture is never exported"
        );
        let headline = entries.iter().find(|e| e["story"] == "seed").unwrap();
        assert_eq!(headline["kind"], "headline", "headlines are exported and marked");
    }
}

#[test]
fn excel_profile_guards_formula_cells_and_merge_restores_them() {
    let (tmp, input) = corpus();
    let out = round_trip(tmp.path(), &input, "csv", &["--profile", "excel"]);
    let bytes = std::fs::read(util::batch_file(&out, 1, "csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let rows = parse_strict_csv(std::str::from_utf8(&bytes[3..]).unwrap());
    let guarded: Vec<&str> = rows
        .iter()
        .filter(|r| r[0].starts_with("wire/hard:"))
        .map(|r| r[1].as_str())
        .filter(|s| s.starts_with('\''))
        .collect();
    assert_eq!(guarded.len(), 2, "{guarded:?}");
    assert!(guarded.iter().any(|s| s.starts_with("'=قال")) && guarded.iter().any(|s| s.starts_with("'-وأضاف")));
    assert!(rows
        .iter()
        .all(|r| !r.iter().any(|f| f.starts_with(['=', '+', '-', '@', '\t', '\r']))));
}

#[test]
fn batches_keep_stories_whole_and_dedupe_sends_a_repeat_once() {
    let (tmp, input) = corpus();
    let out = round_trip(tmp.path(), &input, "jsonl", &["--max-units", "6", "--dedupe"]);
    let files = batch_files(&out);
    assert!(files.len() > 1, "{files:?}");
    // Named after the run, numbered from 001, each file its own name.
    for (n, file) in files.iter().enumerate() {
        assert_eq!(file, &util::batch_file(&out, n + 1, "jsonl"));
    }
    let mut story_files: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut story_units: BTreeMap<String, usize> = BTreeMap::new();
    let mut sent = Vec::new();
    for (n, file) in files.iter().enumerate() {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(text.lines().count() <= 6, "{}", file.display());
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let id = v["id"].as_str().unwrap().to_owned();
            let story = id.rsplitn(3, ':').nth(2).unwrap().to_owned();
            *story_units.entry(story.clone()).or_default() += 1;
            let seen = story_files.entry(story).or_default();
            if !seen.contains(&n) {
                seen.push(n);
            }
            sent.push(v["source"].as_str().unwrap().to_owned());
        }
    }
    for (story, in_files) in &story_files {
        assert!(
            in_files.len() == 1 || story_units[story] > 6,
            "{story} cut across {in_files:?}"
        );
    }
    assert_eq!(
        sent.iter().filter(|s| s.as_str() == BOILERPLATE).count(),
        1,
        "sent once"
    );
    let entries = register(&out);
    let places: Vec<_> = entries.iter().filter(|e| e["source"] == BOILERPLATE).collect();
    assert_eq!(places.len(), 2, "both places are in the register");
    assert_eq!(places[0]["sent"], places[1]["sent"]);
    let merged = tmp.path().join("merged-jsonl");
    let bilingual = std::fs::read_to_string(merged.join("bilingual.csv")).unwrap();
    assert_eq!(
        bilingual.matches(&format!("\"{}\"", reversed(BOILERPLATE))).count(),
        2,
        "filled in both places"
    );
}

/// Runs merge on a CSV translation edited by `edit`, returning the run and the merge folder.
fn merge_edited(edit: impl Fn(&mut Vec<Vec<String>>), allow_partial: bool) -> (util::Run, PathBuf, tempfile::TempDir) {
    let (tmp, input) = corpus();
    let out = tmp.path().join("prep");
    khulasa(&["prep", s(&input), "--out", s(&out)], "").assert_code(0);
    let file = tmp.path().join("fr.csv");
    let mut rows = parse_strict_csv(&std::fs::read_to_string(util::batch_file(&out, 1, "csv")).unwrap());
    for row in rows.iter_mut().skip(1) {
        row[2] = reversed(&row[1]);
    }
    edit(&mut rows);
    std::fs::write(&file, write_strict_csv(&rows)).unwrap();
    let merged = tmp.path().join("merged");
    let mut args = vec![
        "merge",
        "--source",
        s(&out),
        "--translations",
        s(&file),
        "--out",
        s(&merged),
    ];
    if allow_partial {
        args.push("--allow-partial");
    }
    (khulasa(&args, ""), merged, tmp)
}

#[test]
fn merge_reports_every_id_problem_and_writes_nothing() {
    let (run, merged, _tmp) = merge_edited(
        |rows| {
            let missing = rows.remove(3);
            rows[1][2].clear();
            rows[2][1].push_str(" (معدل)");
            let dup = rows[4].clone();
            rows.push(dup);
            let mut unknown = rows[5].clone();
            unknown[0] = "nowhere:1:00000000".into();
            rows.push(unknown);
            assert!(!missing[0].is_empty());
        },
        false,
    );
    run.assert_code(2);
    assert!(!merged.exists(), "nothing written on an id error");
    let lines: Vec<&str> = run.stderr.lines().collect();
    let has = |needle: &str| lines.iter().any(|l| l.starts_with("khulasa: ") && l.contains(needle));
    assert!(has("fr.csv:2: empty target for"), "{}", run.stderr);
    assert!(has("fr.csv:3: the source of"), "{}", run.stderr);
    assert!(has("duplicated id"), "{}", run.stderr);
    assert!(
        has("fr.csv:") && has("unknown id `nowhere:1:00000000`"),
        "{}",
        run.stderr
    );
    assert!(has("register.jsonl: missing id"), "{}", run.stderr);
    assert!(has("nothing written"), "{}", run.stderr);
}

#[test]
fn allow_partial_writes_what_matched_and_lists_every_gap() {
    let (run, merged, _tmp) = merge_edited(
        |rows| {
            rows.remove(2);
        },
        true,
    );
    run.assert_code(2);
    assert_eq!(
        run.stderr.lines().filter(|l| l.contains("missing id")).count(),
        1,
        "{}",
        run.stderr
    );
    let bilingual = parse_strict_csv(&std::fs::read_to_string(merged.join("bilingual.csv")).unwrap());
    assert_eq!(
        bilingual.iter().filter(|r| r[2].is_empty()).count(),
        1,
        "the gap stays visible"
    );
    assert!(merged.join("summaries.txt").exists() && merged.join("memory.tmx").exists());
}

#[test]
fn prep_refuses_to_write_over_an_input_and_reports_a_bad_file() {
    let tmp = tempfile::tempdir().unwrap();
    // A feed under a batch file's name, in the folder prep is to write into.
    let feed = tmp.path().join("20261207T122900Z-3fa1-001.jsonl");
    let line = serde_json::json!({"id": "a", "text": "خبر عاجل\n\nقال الوزير إن الاجتماع انتهى."}).to_string();
    std::fs::write(&feed, format!("{line}\n")).unwrap();
    let run = khulasa(&["prep", s(&feed), "--out", s(tmp.path()), "--format", "jsonl"], "");
    run.assert_code(1);
    assert!(run.stderr.contains("would overwrite an input"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&feed).unwrap(), format!("{line}\n"));

    let out = tmp.path().join("out");
    let missing = tmp.path().join("missing.txt");
    let run = khulasa(&["prep", s(&feed), s(&missing), "--out", s(&out)], "");
    run.assert_code(2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("missing.txt"));
    let rows = parse_strict_csv(&std::fs::read_to_string(util::batch_file(&out, 1, "csv")).unwrap());
    assert_eq!(rows.len(), 3, "the good document's headline and sentence: {rows:?}");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["counts"]["failed_documents"], 1);
    assert_eq!(manifest["counts"]["units"], 2);
}

#[test]
fn ids_are_stable_across_runs() {
    let (tmp, input) = corpus();
    let ids = |name: &str| {
        let out = tmp.path().join(name);
        khulasa(&["prep", s(&input), "--out", s(&out), "--format", "lines"], "").assert_code(0);
        std::fs::read_to_string(util::batch_file(&out, 1, "ids")).unwrap()
    };
    let first = ids("a");
    assert_eq!(first, ids("b"));
    assert!(first.lines().all(|id| id.rsplitn(3, ':').count() == 3));
}

#[test]
fn max_length_is_the_source_length_times_the_ratio_rounded_up() {
    let (tmp, input) = corpus();
    let out = tmp.path().join("prep");
    let args = ["prep", s(&input), "--out", s(&out), "--max-length-ratio", "1.5"];
    khulasa(&args, "").assert_code(0);
    let rows = parse_strict_csv(&std::fs::read_to_string(util::batch_file(&out, 1, "csv")).unwrap());
    assert_eq!(rows[0].last().unwrap(), "max_length");
    for row in &rows[1..] {
        let chars = row[1].chars().count();
        assert_eq!(row[6], ((chars * 3).div_ceil(2)).to_string(), "{row:?}");
    }
    let run = khulasa(&["prep", s(&input), "--out", s(&out), "--max-length-ratio", "0"], "");
    run.assert_code(1);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

/// A word of a hostile story: Arabic, any Unicode scalar but NUL (which makes a file binary), or markup and
/// spreadsheet characters.
fn any_word() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        4 => proptest::sample::select(vec!["قال", "الوزير", "إن", "الاجتماع", "لإعلان", "خالل", "«نعم»", "(داعش)", "2019"])
            .prop_map(str::to_owned),
        2 => "[\u{0621}-\u{064A}\u{064B}-\u{0652}\u{0640}]{1,9}",
        2 => proptest::collection::vec(any::<char>().prop_filter("not NUL", |c| *c != '\0'), 1..6)
            .prop_map(|c| c.into_iter().collect::<String>()),
        1 => proptest::sample::select(vec!["=1+1", "+x", "-", "@a", "<b>", "&amp;", "]]>", "\"", "'", ",", "\t", "\r\n", "\u{b}", "\u{202E}"])
            .prop_map(str::to_owned),
    ]
}

/// A story of sentences of such words, ended by any of the marks Arabic text uses (or none), in paragraphs.
fn any_story() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let sentence = (
        proptest::collection::vec(any_word(), 1..10),
        proptest::sample::select(vec![".", "؟", "!", "؛", "", "...", "\n\n"]),
    )
        .prop_map(|(words, end)| words.join(" ") + end);
    proptest::collection::vec(sentence, 1..8).prop_map(|s| s.join(" "))
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
    /// prep, a translator, merge, at the command line on arbitrary text: every sentence `split` finds (but
    /// furniture), as the desk's review shows it, is exported once, cleaned as documented and nothing else, and
    /// comes back from merge with exactly its own translation.
    #[test]
    fn the_translation_round_trip_loses_nothing(
        story in any_story(),
        format in proptest::sample::select(vec!["csv", "tsv", "jsonl", "lines", "xliff", "xliff12", "po"]),
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let input = tmp.path().join("story.txt");
        std::fs::write(&input, &story).unwrap();
        let split = khulasa(&["split", "--format", "jsonl", s(&input)], "");
        // What goes out is each sentence as a reader is shown it: the desk's review of the split (hashtags as
        // words, a dateline cut, boilerplate left out), as the library gives it for the text as read (a byte
        // order mark taken off).
        let text = khulasa_normalize::decode(story.as_bytes()).map(|d| d.text).unwrap_or_default();
        let mut reviewed = khulasa::pipeline::split(
            &khulasa_normalize::Repairer::new(),
            &khulasa::input::Document::new("story", text),
        );
        khulasa::pipeline::review(&mut reviewed);
        let expected: Vec<(String, String)> = reviewed
            .units
            .iter()
            .filter(|u| u.kind != khulasa_split::Kind::Furniture)
            .map(|u| (format!("story:{}-{}", u.start, u.end), khulasa_export::clean(&u.text).into_owned()))
            .filter(|(_, text)| !text.is_empty())
            .collect();
        let out = tmp.path().join("prep");
        let run = khulasa(&["prep", s(&input), "--out", s(&out), "--format", format, "--quiet"], "");
        if split.code != Some(0) || expected.is_empty() {
            // Nothing to translate: one error naming the file, and no files that look like a batch.
            proptest::prop_assert_eq!(run.code, Some(2), "{}", run.stderr);
            proptest::prop_assert!(run.stderr.contains("story.txt"), "{}", run.stderr);
            return Ok(());
        }
        run.assert_code(0);
        let entries = register(&out);
        let exported: Vec<(String, String)> = entries
            .iter()
            .map(|e| (e["location"].as_str().unwrap().to_owned(), e["source"].as_str().unwrap().to_owned()))
            .collect();
        proptest::prop_assert_eq!(&exported, &expected);

        let translated = tmp.path().join("translated");
        std::fs::create_dir_all(&translated).unwrap();
        let files: Vec<PathBuf> = batch_files(&out)
            .iter()
            .flat_map(|f| translate(format, f, &translated, false))
            .collect();
        let merged = tmp.path().join("merged");
        let mut args = vec!["merge", "--source", s(&out), "--out", s(&merged), "--translations"];
        args.extend(files.iter().map(|f| s(f)));
        let run = khulasa(&args, "");
        run.assert_code(0);
        let rows = parse_strict_csv(&std::fs::read_to_string(merged.join("bilingual.csv")).unwrap());
        proptest::prop_assert_eq!(rows.len() - 1, entries.len());
        for (row, (location, source)) in rows.iter().skip(1).zip(&expected) {
            proptest::prop_assert_eq!(&row[1], source);
            proptest::prop_assert_eq!(&row[2], &reversed(source));
            proptest::prop_assert_eq!(&row[3], location);
        }
    }
}

#[test]
fn prep_takes_summarize_s_options_and_the_manifest_records_them() {
    let (tmp, input) = corpus();
    for (n, options) in [
        vec!["--scorer", "textrank", "--sentences", "1"],
        vec![
            "--stemmer",
            "snowball",
            "--keep-stopwords",
            "--words",
            "30",
            "--diversity",
            "0.5",
        ],
        vec!["--scorer", "lead", "--ratio", "0.5"],
    ]
    .into_iter()
    .enumerate()
    {
        let out = tmp.path().join(format!("prep-{n}"));
        let mut args = vec!["prep", s(&input), "--out", s(&out), "--summary-only"];
        args.extend(&options);
        khulasa(&args, "").assert_code(0);
        // The sentences sent are the summaries `summarize` prints with the same options.
        let mut args = vec!["summarize", s(&input)];
        args.extend(&options);
        let summaries = khulasa(&args, "");
        summaries.assert_code(0);
        let mut sent: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for entry in register(&out) {
            assert_eq!(entry["summary"], true);
            sent.entry(entry["story"].as_str().unwrap().to_owned())
                .or_default()
                .push(entry["source"].as_str().unwrap().to_owned());
        }
        assert_eq!(sent, blocks(&summaries.stdout), "{options:?}");
        let manifest: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
        let recorded = &manifest["options"];
        let given = |name: &str| options.iter().position(|o| *o == name).map(|i| options[i + 1]);
        assert_eq!(
            recorded["scorer"],
            given("--scorer").unwrap_or("default"),
            "{options:?}"
        );
        assert_eq!(recorded["stemmer"], given("--stemmer").unwrap_or("light"));
        assert_eq!(recorded["keep_stopwords"], options.contains(&"--keep-stopwords"));
        let budget = match (given("--sentences"), given("--words"), given("--ratio")) {
            (Some(k), _, _) => format!("{k} sentences"),
            (_, Some(k), _) => format!("{k} words"),
            (_, _, Some(r)) => format!("{r} of the words"),
            _ => "3 sentences".into(),
        };
        assert_eq!(recorded["budget"], budget);
        if let Some(d) = given("--diversity") {
            assert_eq!(recorded["diversity"].as_f64().unwrap(), d.parse::<f64>().unwrap());
        }
    }
}
