//! What khulasa does with hostile input and careless operators: endless lines, huge ids, FIFOs and devices among
//! the inputs, links planted in the output folder, two runs into one folder, and a folder of mixed runs. Each case
//! is reported in one line naming the file, and the rest of the batch goes on.

mod util;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use util::{khulasa, Run};

const GOOD: &str = "قال الوزير إن الاجتماع كان ناجحا. وأضاف أن الوفود ستعود غدا إلى بلادها.";

/// The limit of a JSONL line, as `khulasa::input::MAX_LINE_BYTES` sets it.
const MAX_LINE_BYTES: usize = 64 << 20;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Runs `khulasa ARGS` with no standard input, killed and failed after `limit`: a hang is the failure being
/// tested for, and must not hang the test suite.
fn khulasa_within(args: &[&str], limit: Duration) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_khulasa"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the khulasa binary runs");
    let start = Instant::now();
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut text);
        text
    });
    let err = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stderr, &mut text);
        text
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("khulasa {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        code: status.code(),
        stdout: String::from_utf8_lossy(&out.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&err.join().unwrap()).into_owned(),
    }
}

fn line(id: &str, text: &str) -> String {
    serde_json::json!({"id": id, "text": text}).to_string() + "\n"
}

fn errors(run: &Run) -> Vec<&str> {
    run.stderr.lines().filter(|l| l.starts_with("khulasa: ")).collect()
}

/// A gzip member holding `data`.
fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn an_endless_gzip_line_is_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl.gz");
    // Gzip members follow one another into one stream: one mebibyte compressed once, repeated, makes a line of
    // 65 MiB out of some 70 KB.
    let mebibyte = gzip(&vec![b'a'; 1 << 20]);
    let mut bytes = gzip(b"{\"id\": \"huge\", \"text\": \"");
    for _ in 0..(MAX_LINE_BYTES >> 20) + 1 {
        bytes.extend_from_slice(&mebibyte);
    }
    bytes.extend_from_slice(&gzip(format!("\"}}\n{}", line("after", GOOD)).as_bytes()));
    std::fs::write(&feed, bytes).unwrap();
    let other = dir.path().join("other.jsonl");
    std::fs::write(&other, line("other", GOOD)).unwrap();
    let run = khulasa_within(
        &["summarize", "--format", "jsonl", s(&feed), s(&other)],
        Duration::from_secs(60),
    );
    run.assert_code(2);
    assert_eq!(run.jsonl_field("id"), ["after", "other"]);
    let errors = errors(&run);
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(
        errors[0].contains("feed.jsonl.gz:1: line longer than 67108864 bytes"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_feed_linked_to_dev_zero_is_skipped_and_the_others_read() {
    if !Path::new("/dev/zero").exists() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (a, b, zero) = (
        dir.path().join("a.jsonl"),
        dir.path().join("b.jsonl"),
        dir.path().join("x.jsonl"),
    );
    std::fs::write(&a, line("a1", GOOD) + &line("a2", GOOD)).unwrap();
    std::fs::write(&b, line("b1", GOOD)).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let run = khulasa_within(
        &["summarize", "--format", "jsonl", s(&a), s(&zero), s(&b)],
        Duration::from_secs(30),
    );
    run.assert_code(2);
    assert_eq!(run.jsonl_field("id"), ["a1", "a2", "b1"]);
    let errors = errors(&run);
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(
        errors[0].contains("x.jsonl") && errors[0].contains("not a regular file"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_fifo_among_the_inputs_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("wire");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("good.txt"), GOOD).unwrap();
    let made = Command::new("mkfifo")
        .arg(folder.join("pipe.txt"))
        .arg(dir.path().join("named.jsonl"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        return;
    }
    let named = dir.path().join("named.jsonl");
    let run = khulasa_within(&["split", s(&folder), s(&named)], Duration::from_secs(30));
    run.assert_code(2);
    assert!(
        run.stdout.contains("قال الوزير إن الاجتماع كان ناجحا."),
        "{}",
        run.stdout
    );
    let errors = errors(&run);
    assert_eq!(errors.len(), 2, "{}", run.stderr);
    assert!(
        errors[0].contains("pipe.txt: not a regular file (a FIFO)"),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].contains("named.jsonl: not a regular file (a FIFO)"),
        "{}",
        errors[1]
    );
}

#[test]
fn huge_ids_are_refused_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    let huge = "x".repeat(100_000);
    let bigger = "y".repeat(300_000);
    std::fs::write(
        &feed,
        line(&huge, GOOD) + &line("fine", GOOD) + &line(&bigger, GOOD) + &line(&"z".repeat(1024), GOOD),
    )
    .unwrap();
    let out = dir.path().join("prep");
    let run = khulasa(&["prep", s(&feed), "--out", s(&out)], "");
    run.assert_code(2);
    let errors = errors(&run);
    assert_eq!(errors.len(), 2, "{}", run.stderr);
    assert!(
        errors[0].contains("feed.jsonl:1: `id`: id of 100000 bytes; ids are limited to 1024 bytes"),
        "{}",
        errors[0]
    );
    assert!(errors[1].contains("feed.jsonl:3:"), "{}", errors[1]);
    let register = std::fs::read_to_string(out.join("register.jsonl")).unwrap();
    assert!(register.contains("\"fine\"") && register.contains(&"z".repeat(1024)));
    let written: u64 = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    assert!(written < 200_000, "{written} bytes written");
}

/// Writes `precious` and links each of `names` in `folder` to it.
fn plant_links(folder: &Path, names: &[&str], precious: &Path) {
    std::fs::create_dir_all(folder).unwrap();
    for name in names {
        std::os::unix::fs::symlink(precious, folder.join(name)).unwrap();
    }
}

/// Prepares `stories` (as lines) into `out`, with a story a file.
fn prep_lines(dir: &Path, out: &Path, stories: &[&str]) -> Run {
    let input = dir.join(format!("in-{}", out.file_name().unwrap().to_string_lossy()));
    std::fs::create_dir_all(&input).unwrap();
    for (n, story) in stories.iter().enumerate() {
        std::fs::write(input.join(format!("s{n}.txt")), story).unwrap();
    }
    khulasa_within(
        &["prep", s(&input), "--format", "lines", "--out", s(out)],
        Duration::from_secs(30),
    )
}

/// Merges `source` with its own sentences, marked as translated, as the translation (a target that is its
/// source unchanged is refused as untranslated).
fn merge_identity(dir: &Path, source: &Path, out: &Path) -> Run {
    let translated = dir.join("translated");
    std::fs::create_dir_all(&translated).unwrap();
    let batch = util::batch_file(source, 1, "ar");
    let sentences = std::fs::read_to_string(&batch).unwrap();
    let marked: String = sentences.lines().map(|l| format!("EN {l}\n")).collect();
    let answer = translated.join(batch.file_name().unwrap());
    std::fs::write(&answer, marked).unwrap();
    khulasa_within(
        &[
            "merge",
            "--source",
            s(source),
            "--translations",
            s(&answer),
            "--out",
            s(out),
        ],
        Duration::from_secs(30),
    )
}

#[test]
fn links_at_temporary_names_are_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let precious = dir.path().join("precious");
    std::fs::write(&precious, "keep me").unwrap();
    let out = dir.path().join("prep");
    plant_links(
        &out,
        &[
            ".register.jsonl.tmp",
            ".manifest.json.tmp",
            ".units.ar.tmp",
            ".units.ids.tmp",
        ],
        &precious,
    );
    prep_lines(dir.path(), &out, &[GOOD]).assert_code(0);
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep me");
    let merged = dir.path().join("merged");
    plant_links(
        &merged,
        &[".summaries.txt.tmp", ".bilingual.csv.tmp", ".memory.tmx.tmp"],
        &precious,
    );
    merge_identity(dir.path(), &out, &merged).assert_code(0);
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep me");
    assert!(std::fs::read_to_string(merged.join("summaries.txt"))
        .unwrap()
        .contains("قال الوزير"));
}

#[test]
#[allow(clippy::incompatible_msrv)] // `File::try_lock` is Rust 1.89
fn a_second_run_into_a_locked_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("prep");
    std::fs::create_dir_all(&out).unwrap();
    // The test plays the first run: it holds the lock a running `prep` holds.
    let lock = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(out.join(".khulasa.lock"))
        .unwrap();
    lock.try_lock().unwrap();
    let run = prep_lines(dir.path(), &out, &[GOOD]);
    run.assert_code(2);
    let errors = errors(&run);
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(
        errors[0].contains(s(&out)) && errors[0].contains("another khulasa run is writing into this folder"),
        "{}",
        errors[0]
    );
    assert!(!out.join("manifest.json").exists());
    let merged = dir.path().join("merged");
    std::fs::create_dir_all(&merged).unwrap();
    drop(lock);
    prep_lines(dir.path(), &out, &[GOOD]).assert_code(0);
    let lock = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(merged.join(".khulasa.lock"))
        .unwrap();
    lock.try_lock().unwrap();
    let run = merge_identity(dir.path(), &out, &merged);
    run.assert_code(2);
    assert!(run.stderr.contains("another khulasa run"), "{}", run.stderr);
    drop(lock);
    merge_identity(dir.path(), &out, &merged).assert_code(0);
}

#[test]
fn merge_refuses_a_batch_file_of_another_run() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("first"), dir.path().join("second"));
    prep_lines(dir.path(), &first, &[GOOD]).assert_code(0);
    let other = "ارتفعت أسعار النفط اليوم بعد قرار خفض الإنتاج. وقال محللون إن الارتفاع سيستمر.";
    prep_lines(dir.path(), &second, &[other]).assert_code(0);
    let merged = dir.path().join("merged");
    merge_identity(dir.path(), &first, &merged).assert_code(0);
    let first_batch = util::batch_file(&first, 1, "ar");
    std::fs::copy(util::batch_file(&second, 1, "ar"), &first_batch).unwrap();
    let run = merge_identity(dir.path(), &first, &dir.path().join("merged-again"));
    run.assert_code(2);
    let errors = errors(&run);
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(
        errors[0].contains(first_batch.file_name().unwrap().to_str().unwrap())
            && errors[0].contains("refusing a mixed set"),
        "{}",
        errors[0]
    );
    assert!(!dir.path().join("merged-again").join("summaries.txt").exists());
}

#[test]
fn a_story_of_twenty_thousand_sentences_is_summarised_prepared_and_digested() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    let long = "قال الوزير. ".repeat(20_000);
    let text = line("long", &long) + &line("short", "قال الوزير إن الاجتماع ناجح. وأضاف أنه سيعود.");
    std::fs::write(&feed, text).unwrap();
    let limit = Duration::from_secs(120);
    let run = khulasa_within(&["summarize", "--format", "jsonl", s(&feed)], limit);
    run.assert_code(0);
    assert_eq!(run.stdout.lines().count(), 2);
    let out = dir.path().join("prep");
    khulasa_within(&["prep", s(&feed), "--out", s(&out)], limit).assert_code(0);
    let digest = khulasa_within(&["digest", "--format", "jsonl", s(&feed)], limit);
    digest.assert_code(0);
    for scorer in ["lexrank", "textrank", "centroid", "weighted"] {
        khulasa_within(&["summarize", "--scorer", scorer, s(&feed)], limit).assert_code(0);
    }
}

#[test]
fn a_word_of_a_million_letters_in_a_damaged_story_is_repaired_in_time() {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("story.txt");
    // One alef-lam in every three letters, and no space: each would be weighed if the word were.
    let word = "سال".repeat(333_334);
    std::fs::write(
        &story,
        format!("قال االمين العام إن االجتماع لم يكن سهال {word} بعد االنتخابات\n"),
    )
    .unwrap();
    let run = khulasa_within(&["normalize", s(&story)], Duration::from_secs(120));
    run.assert_code(0);
    assert!(run.stdout.starts_with("قال الأمين العام إن الاجتماع لم يكن سهلا "));
    assert!(run.stdout.contains(&format!(" {word} ")));
}

#[test]
fn a_table_whose_counts_overflow_is_refused_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("all.df");
    std::fs::write(&table, "#documents\t18446744073709551615\n#documents\t1\nوزير\t3\n").unwrap();
    let feed = dir.path().join("feed.jsonl");
    std::fs::write(&feed, line("a", "قال الوزير إن الاجتماع ناجح.")).unwrap();
    let run = khulasa(&["summarize", "--df", s(&table), s(&feed)], "");
    run.assert_code(2);
    assert!(
        run.stderr.contains("all.df") && run.stderr.contains("line 2"),
        "{}",
        run.stderr
    );
}

/// `khulasa merge` of `translated` against the batch in `source`, into `out`.
fn merge(source: &Path, translated: &Path, out: &Path) -> Run {
    khulasa(
        &[
            "merge",
            "--source",
            s(source),
            "--translations",
            s(translated),
            "--out",
            s(out),
        ],
        "",
    )
}

/// A prepared batch of the seed story in `format`, and the folder it is in.
fn prepared(dir: &Path, format: &str) -> std::path::PathBuf {
    let out = dir.join(format!("prep-{format}"));
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpora/coalition-marrakech.txt");
    khulasa(&["prep", corpus, "--format", format, "--out", s(&out)], "").assert_code(0);
    out
}

#[test]
fn deeply_nested_xliff_is_refused_with_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let source = prepared(dir.path(), "xliff");
    let translated = dir.path().join("deep.xlf");
    std::fs::write(&translated, format!("<xliff>{}", "<g>".repeat(100_000))).unwrap();
    let out = dir.path().join("merged");
    let run = merge(&source, &translated, &out);
    run.assert_code(2);
    assert!(run.stderr.contains("nested more than 256 deep"), "{}", run.stderr);
    assert!(!out.join("bilingual.csv").exists());
}

#[test]
fn a_tab_in_a_tsv_target_is_reported_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let source = prepared(dir.path(), "tsv");
    let units = std::fs::read_to_string(util::batch_file(&source, 1, "tsv")).unwrap();
    let mut lines: Vec<String> = units.lines().map(str::to_owned).collect();
    let header: Vec<&str> = lines[0].split('\t').collect();
    let target = header.iter().position(|h| *h == "target").unwrap();
    let mut cells: Vec<String> = lines[1].split('\t').map(str::to_owned).collect();
    cells[target] = "the minister\tsaid".into();
    lines[1] = cells.join("\t");
    let translated = dir.path().join("t.tsv");
    std::fs::write(&translated, lines.join("\n") + "\n").unwrap();
    let out = dir.path().join("merged");
    let run = merge(&source, &translated, &out);
    run.assert_code(2);
    assert!(
        run.stderr.contains("t.tsv: line 2: 7 fields where the header has 6"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_feed_with_another_text_field_gets_one_line_naming_its_fields() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    let lines: String = (0..50)
        .map(|i| format!("{{\"id\":\"s{i}\",\"body\":\"نص\"}}\n"))
        .collect();
    std::fs::write(&feed, lines).unwrap();
    let run = khulasa(&["summarize", s(&feed)], "");
    run.assert_code(2);
    assert_eq!(errors(&run).len(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("its fields: body, id") && run.stderr.contains("--text-field"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_lone_surrogate_escape_is_named_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    std::fs::write(&feed, "{\"id\":\"a\",\"text\":\"\\ud800 x\"}\n").unwrap();
    let run = khulasa(&["summarize", s(&feed)], "");
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("feed.jsonl:1: not JSON: a \\u escape that is half of a UTF-16 surrogate pair"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_out_folder_that_is_a_dangling_link_is_said_to_be_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::os::unix::fs::symlink(dir.path().join("nowhere"), &out).unwrap();
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpora/");
    let run = khulasa(&["prep", corpus, "--out", s(&out)], "");
    run.assert_code(2);
    assert!(run.stderr.contains("which does not exist"), "{}", run.stderr);
}

#[test]
fn merge_goes_on_when_standard_error_is_closed() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    let stories: String = (0..40)
        .map(|i| line(&format!("s{i}"), "قال الوزير إن الاجتماع ناجح. وأضاف أنه سيعود."))
        .collect();
    std::fs::write(&feed, stories).unwrap();
    let source = dir.path().join("prep");
    khulasa(&["prep", s(&feed), "--out", s(&source)], "").assert_code(0);
    // Every target left empty: one report line a unit, more than a closed pipe takes.
    let out = dir.path().join("merged");
    let mut child = Command::new(env!("CARGO_BIN_EXE_khulasa"))
        .args([
            "merge",
            "--source",
            s(&source),
            "--translations",
            s(&util::batch_file(&source, 1, "csv")),
            "--out",
            s(&out),
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(2), "no panic on a closed standard error");
}

#[test]
fn a_line_break_in_a_csv_target_is_said_not_dropped_in_silence() {
    let dir = tempfile::tempdir().unwrap();
    let source = prepared(dir.path(), "csv");
    let units = std::fs::read_to_string(util::batch_file(&source, 1, "csv")).unwrap();
    // Every target filled with its source marked as translated, the first one with a line break inside its
    // quoted cell.
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(units.as_bytes());
    for record in reader.records() {
        rows.push(record.unwrap().iter().map(str::to_owned).collect());
    }
    for (n, row) in rows.iter_mut().enumerate().skip(1) {
        row[2] = if n == 1 {
            format!("EN {}\nsecond line", row[1])
        } else {
            format!("EN {}", row[1])
        };
    }
    let translated = dir.path().join("t.csv");
    let mut writer = csv::Writer::from_path(&translated).unwrap();
    for row in &rows {
        writer.write_record(row).unwrap();
    }
    writer.flush().unwrap();
    let out = dir.path().join("merged");
    let run = merge(&source, &translated, &out);
    run.assert_code(0);
    assert_eq!(errors(&run).len(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("t.csv:2: the target of") && run.stderr.contains("held a line break"),
        "{}",
        run.stderr
    );
}
