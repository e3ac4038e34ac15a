//! End-to-end tests of PO out and in, and of what Translate Toolkit's converters give back from khulasa's
//! files: `csv2po` then `po2csv` (the id column dropped, the location kept), `xliff2po` then `po2xliff` (units
//! renumbered, a developer note kept), and `po2xliff` on khulasa's PO (the reference kept as a context). The
//! files here have the shapes those tools write (Translate Toolkit 3.20); `scripts/check-clients.sh` runs the
//! tools themselves.

mod util;

use std::path::{Path, PathBuf};
use util::{khulasa, Run};

const STORY: &str = "اجتماع الوزراء في الرباط\n\nقال الوزير إن \"الاجتماع\" انتهى اليوم. وأضاف أن الوفود شاركت فيه.\n";

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn prep(dir: &Path, format: &str, extra: &[&str]) -> PathBuf {
    let input = dir.join("story.txt");
    std::fs::write(&input, STORY).unwrap();
    let out = dir.join(format!("prep-{format}"));
    let mut args = vec![
        "prep",
        s(&input),
        "--out",
        s(&out),
        "--format",
        format,
        "--target-lang",
        "en",
    ];
    args.extend(extra);
    khulasa(&args, "").assert_code(0);
    out
}

fn register(out: &Path) -> Vec<serde_json::Value> {
    util::json_lines(&out.join("register.jsonl"))
}

fn english(n: usize) -> String {
    format!("Sentence {n} translated")
}

fn merge(source: &Path, file: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        "merge",
        "--source",
        s(source),
        "--translations",
        s(file),
        "--out",
        s(out),
    ];
    args.extend(extra);
    khulasa(&args, "")
}

/// The bilingual file's targets, in register order.
fn targets(merged: &Path) -> Vec<String> {
    let mut reader = csv::Reader::from_path(merged.join("bilingual.csv")).unwrap();
    reader.records().map(|r| r.unwrap()[2].to_owned()).collect()
}

fn xml(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn po_string(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

#[test]
fn khulasa_po_carries_id_notes_and_location() {
    let tmp = tempfile::tempdir().unwrap();
    let out = prep(tmp.path(), "po", &["--max-length-ratio", "2"]);
    let batch = util::batch_file(&out, 1, "po");
    let text = std::fs::read_to_string(&batch).unwrap();
    let entries = register(&out);
    let name = batch.file_name().unwrap().to_str().unwrap();
    assert!(
        text.starts_with(&format!(
            "msgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: {name}\\n\"\n\"Language: en\\n\"\n"
        )),
        "{text}"
    );
    assert!(text.contains("\"Content-Type: text/plain; charset=UTF-8\\n\""));
    let quoted = entries
        .iter()
        .find(|e| e["source"].as_str().unwrap().contains('"'))
        .unwrap();
    let entry = format!(
        "#: {}\nmsgctxt \"{}\"\nmsgid \"{}\"\nmsgstr \"\"\n",
        quoted["location"].as_str().unwrap(),
        quoted["id"].as_str().unwrap(),
        po_string(quoted["source"].as_str().unwrap())
    );
    assert!(text.contains(&entry), "{text}");
    assert!(
        text.contains("#. context: story | اجتماع الوزراء في الرباط\n#. kind=body; rank="),
        "{text}"
    );
    assert!(text.contains("#. max_length: "), "{text}");
    assert_eq!(text.matches("msgctxt").count(), entries.len());
}

#[test]
fn a_fuzzy_po_entry_is_a_draft_and_a_po_in_another_language_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = prep(tmp.path(), "po", &[]);
    let text = std::fs::read_to_string(util::batch_file(&out, 1, "po")).unwrap();
    let parts: Vec<&str> = text.split("msgstr \"\"\n\n").collect();
    let mut filled = String::new();
    for (n, part) in parts.iter().enumerate() {
        if n + 1 == parts.len() {
            filled.push_str(part);
            continue;
        }
        // The second unit's entry marked fuzzy, as an editor marks a guess.
        let flag = if n == 1 { "#, fuzzy\n" } else { "" };
        filled.push_str(&format!("{flag}{part}msgstr \"{}\"\n\n", english(n)));
    }
    let file = tmp.path().join("en.po");
    std::fs::write(&file, &filled).unwrap();
    let run = merge(&out, &file, &tmp.path().join("m"), &[]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("is marked #, fuzzy: a draft, not merged"),
        "{}",
        run.stderr
    );
    let merged = tmp.path().join("m2");
    merge(&out, &file, &merged, &["--accept-drafts"]).assert_code(0);
    assert!(targets(&merged).iter().all(|t| t.starts_with("Sentence")));
    std::fs::write(&file, filled.replace("\"Language: en\\n\"", "\"Language: fr\\n\"")).unwrap();
    let run = merge(&out, &file, &tmp.path().join("m3"), &["--accept-drafts"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("en.po: its targets are in `fr`, not `en`"),
        "{}",
        run.stderr
    );
}

#[test]
fn csv2po_then_po2csv_comes_back_by_location() {
    let tmp = tempfile::tempdir().unwrap();
    let out = prep(tmp.path(), "csv", &[]);
    let entries = register(&out);
    // po2csv's columns: the id is gone, the location stands for it.
    let mut csv = String::from("\"location\",\"source\",\"target\"\n");
    for (n, e) in entries.iter().enumerate() {
        csv.push_str(&format!(
            "\"{}\",\"{}\",\"{}\"\n",
            e["location"].as_str().unwrap(),
            e["source"].as_str().unwrap().replace('"', "\"\""),
            english(n)
        ));
    }
    let file = tmp.path().join("po2csv.csv");
    std::fs::write(&file, csv).unwrap();
    let merged = tmp.path().join("merged");
    let run = merge(&out, &file, &merged, &[]);
    run.assert_code(0);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert_eq!(targets(&merged), (0..entries.len()).map(english).collect::<Vec<_>>());
}

/// An XLIFF 1.1 file as `po2xliff` writes it: the PO header as a unit of its own, units numbered from 3,
/// `approved="yes"` on translated units, extracted comments as a developer note, references as a context group.
fn po2xliff(units: &[(String, String, String, String)]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.1\" \
         version=\"1.1\">\n  <file original=\"x.po\" source-language=\"en-US\" datatype=\"plaintext\">\n    <body>\n\
         <trans-unit xml:space=\"preserve\" id=\"2\" approved=\"no\" restype=\"x-gettext-domain-header\">\n\
         <source>Project-Id-Version: PACKAGE VERSION\n</source>\n<target state=\"translated\">Project-Id-Version: \
         PACKAGE VERSION\n</target>\n</trans-unit>\n",
    );
    for (n, (source, target, note, reference)) in units.iter().enumerate() {
        out.push_str(&format!(
            "<trans-unit xml:space=\"preserve\" id=\"{}\" approved=\"yes\">\n<source>{}</source>\n\
             <target state=\"translated\">{}</target>\n",
            n + 3,
            xml(source),
            xml(target)
        ));
        if !reference.is_empty() {
            out.push_str(&format!(
                "<context-group name=\"po-reference\" purpose=\"location\">\n<context \
                 context-type=\"sourcefile\">{}</context>\n</context-group>\n",
                xml(reference)
            ));
        }
        out.push_str(&format!(
            "<note from=\"developer\">{}</note>\n</trans-unit>\n",
            xml(note)
        ));
    }
    out.push_str("    </body>\n  </file>\n</xliff>\n");
    out
}

#[test]
fn xliff2po_then_po2xliff_comes_back_by_the_id_note() {
    let tmp = tempfile::tempdir().unwrap();
    let out = prep(tmp.path(), "xliff12", &[]);
    let text = std::fs::read_to_string(util::batch_file(&out, 1, "xliff")).unwrap();
    let entries = register(&out);
    for e in &entries {
        let note = format!(
            "<note from=\"developer\">khulasa-id: {}</note>",
            e["id"].as_str().unwrap()
        );
        assert!(text.contains(&note), "{text}");
    }
    // xliff2po keeps the developer notes only, joined by a line break; po2xliff gives them back as one.
    let units: Vec<_> = entries
        .iter()
        .enumerate()
        .map(|(n, e)| {
            (
                e["source"].as_str().unwrap().to_owned(),
                english(n),
                format!(
                    "kind={}\nkhulasa-id: {}",
                    e["kind"].as_str().unwrap(),
                    e["id"].as_str().unwrap()
                ),
                String::new(),
            )
        })
        .collect();
    let file = tmp.path().join("back.xliff");
    std::fs::write(&file, po2xliff(&units)).unwrap();
    let merged = tmp.path().join("merged");
    let run = merge(&out, &file, &merged, &[]);
    run.assert_code(0);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert_eq!(targets(&merged), (0..entries.len()).map(english).collect::<Vec<_>>());
}

#[test]
fn po2xliff_of_khulasa_po_comes_back_by_the_reference() {
    let tmp = tempfile::tempdir().unwrap();
    let out = prep(tmp.path(), "po", &[]);
    let entries = register(&out);
    let units: Vec<_> = entries
        .iter()
        .enumerate()
        .map(|(n, e)| {
            (
                e["source"].as_str().unwrap().to_owned(),
                english(n),
                format!("context: story\nkind={}", e["kind"].as_str().unwrap()),
                e["location"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let file = tmp.path().join("back.xliff");
    std::fs::write(&file, po2xliff(&units)).unwrap();
    let merged = tmp.path().join("merged");
    merge(&out, &file, &merged, &[]).assert_code(0);
    assert_eq!(targets(&merged), (0..entries.len()).map(english).collect::<Vec<_>>());
    // A unit no mark identifies is reported by its number, never matched by guess.
    let mut stray = units.clone();
    stray[0].3 = "elsewhere:0-1".into();
    std::fs::write(&file, po2xliff(&stray)).unwrap();
    let run = merge(&out, &file, &tmp.path().join("m2"), &[]);
    run.assert_code(2);
    assert!(run.stderr.contains("unknown id `3`"), "{}", run.stderr);
}

#[test]
fn a_repeated_source_dropped_by_xliff2po_takes_its_twin_s_translation() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("story.txt");
    let repeated = "قال الوزير إن الاجتماع انتهى.";
    std::fs::write(
        &input,
        format!("عنوان الخبر\n\n{repeated} وأضاف المتحدث شيئا. {repeated}\n"),
    )
    .unwrap();
    let out = tmp.path().join("prep");
    khulasa(&["prep", s(&input), "--out", s(&out), "--format", "xliff12"], "").assert_code(0);
    let entries = register(&out);
    assert_eq!(entries.len(), 4);
    // xliff2po keeps the first of two identical sources: po2xliff gives back three units.
    let units: Vec<_> = entries
        .iter()
        .take(3)
        .enumerate()
        .map(|(n, e)| {
            (
                e["source"].as_str().unwrap().to_owned(),
                english(n),
                format!("khulasa-id: {}", e["id"].as_str().unwrap()),
                String::new(),
            )
        })
        .collect();
    let file = tmp.path().join("back.xliff");
    std::fs::write(&file, po2xliff(&units)).unwrap();
    let merged = tmp.path().join("merged");
    let run = merge(&out, &file, &merged, &[]);
    run.assert_code(0);
    assert!(
        run.stderr
            .contains("1 unit(s) whose source repeats another's took its translation"),
        "{}",
        run.stderr
    );
    assert_eq!(targets(&merged), [english(0), english(1), english(2), english(1)]);
}

#[test]
fn a_formula_guard_added_by_po2csv_is_no_changed_source() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("story.txt");
    std::fs::write(
        &input,
        "عنوان الخبر\n\n=قال الوزير إن الاجتماع انتهى. وأضاف المتحدث شيئا.\n",
    )
    .unwrap();
    let out = tmp.path().join("prep");
    khulasa(&["prep", s(&input), "--out", s(&out)], "").assert_code(0);
    let mut csv = String::from("\"location\",\"source\",\"target\"\n");
    for (n, e) in register(&out).iter().enumerate() {
        let source = e["source"].as_str().unwrap();
        let shown = if source.starts_with('=') {
            format!("'{source}")
        } else {
            source.to_owned()
        };
        csv.push_str(&format!(
            "\"{}\",\"{shown}\",\"{}\"\n",
            e["location"].as_str().unwrap(),
            english(n)
        ));
    }
    assert!(csv.contains("\"'=قال"));
    let file = tmp.path().join("po2csv.csv");
    std::fs::write(&file, csv).unwrap();
    merge(&out, &file, &tmp.path().join("merged"), &[]).assert_code(0);
}

#[test]
fn copy_source_fills_xliff_targets_for_omegat_and_an_untouched_copy_is_untranslated() {
    let tmp = tempfile::tempdir().unwrap();
    let out = prep(tmp.path(), "xliff12", &["--copy-source"]);
    let text = std::fs::read_to_string(util::batch_file(&out, 1, "xliff")).unwrap();
    let entries = register(&out);
    for e in &entries {
        let source = xml(e["source"].as_str().unwrap()).replace('"', "&quot;");
        let pair = format!("<source>{source}</source>\n        <target>{source}</target>");
        assert!(text.contains(&pair), "{pair}\n{text}");
    }
    // OmegaT's output: the first segment translated, the others left as their sources.
    let first = xml(entries[0]["source"].as_str().unwrap()).replace('"', "&quot;");
    let translated = text.replacen(
        &format!("<target>{first}</target>"),
        "<target>Ministers meet in Rabat</target>",
        1,
    );
    let file = tmp.path().join("omegat.xliff");
    std::fs::write(&file, translated).unwrap();
    let run = merge(&out, &file, &tmp.path().join("merged"), &[]);
    run.assert_code(2);
    assert_eq!(
        run.stderr
            .matches("is its Arabic source unchanged: untranslated, not merged")
            .count(),
        entries.len() - 1,
        "{}",
        run.stderr
    );
    let xlf = prep(tmp.path(), "xliff", &["--copy-source"]);
    let text = std::fs::read_to_string(util::batch_file(&xlf, 1, "xlf")).unwrap();
    assert!(!text.contains("<target></target>") && text.matches("<target>").count() == entries.len());
}
