//! What khulasa does with bad input (issue 10): every case gets a clear message naming the file, and the other
//! documents are processed.

mod util;

use std::path::Path;
use util::khulasa;

const GOOD: &str = "قال الوزير إن الاجتماع كان ناجحا. وأضاف أن الوفود ستعود غدا إلى بلادها.";

/// Runs `split` on a folder holding `good.txt` and one bad file, and checks: exit 2, the good document's output,
/// and one error line naming the bad file.
fn one_bad_file(name: &str, bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    let run = khulasa(&["split", dir.path().to_str().unwrap()], "");
    run.assert_code(2);
    assert!(
        run.stdout.contains("قال الوزير إن الاجتماع كان ناجحا."),
        "good output missing: {}",
        run.stdout
    );
    let errors: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("khulasa: ")).collect();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(errors[0].contains(name), "error does not name {name}: {}", errors[0]);
}

#[test]
fn empty_and_blank_files() {
    one_bad_file("empty.txt", b"");
    one_bad_file("blank.txt", b"  \n\t\n   \n");
}

#[test]
fn binary_and_invalid_bytes() {
    one_bad_file("nul.txt", "نص فيه\0صفر".as_bytes());
    one_bad_file("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0");
    let mut invalid = "نص عربي سليم ثم ".as_bytes().to_vec();
    invalid.extend_from_slice(b"\xff\xfe\xfd\x80\x80 \xc3\x28 abc");
    one_bad_file("invalid.txt", &invalid);
}

#[test]
fn encodings_are_decoded_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in GOOD.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(dir.path().join("utf16.txt"), &utf16).unwrap();
    let utf16be: Vec<u8> = GOOD.encode_utf16().flat_map(u16::to_be_bytes).collect();
    std::fs::write(dir.path().join("utf16be-no-bom.txt"), &utf16be).unwrap();
    let (cp1256, _, _) = encoding_rs_like_cp1256(GOOD);
    std::fs::write(dir.path().join("cp1256.txt"), cp1256).unwrap();
    let run = khulasa(&["split", "--format", "jsonl", dir.path().to_str().unwrap()], "");
    run.assert_code(0);
    let encodings = run.jsonl_field("encoding");
    assert!(encodings.contains(&"windows-1256".to_owned()), "{encodings:?}");
    assert!(encodings.contains(&"utf-16le".to_owned()), "{encodings:?}");
    assert!(encodings.contains(&"utf-16be".to_owned()), "{encodings:?}");
}

/// Windows-1256 bytes of Arabic text, by the code page's table for the letters used in the tests.
fn encoding_rs_like_cp1256(text: &str) -> (Vec<u8>, (), ()) {
    let mut out = Vec::new();
    for c in text.chars() {
        let b = match c {
            ' ' | '.' => c as u8,
            'ء'..='ض' => (c as u32 - 'ء' as u32 + 0xC1) as u8,
            'ط' => 0xD8,
            'ظ' => 0xD9,
            'ع' => 0xDA,
            'غ' => 0xDB,
            'ف' => 0xDD,
            'ق' => 0xDE,
            'ك' => 0xDF,
            'ل' => 0xE1,
            'م' => 0xE3,
            'ن' => 0xE4,
            'ه' => 0xE5,
            'و' => 0xE6,
            'ى' => 0xEC,
            'ي' => 0xED,
            other => panic!("no Windows-1256 byte in this test table for {other}"),
        };
        out.push(b);
    }
    (out, (), ())
}

#[test]
fn bad_jsonl_lines_are_reported_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    let good = serde_json::json!({"id": "a", "text": GOOD}).to_string();
    let lines = [
        good.clone(),
        "{not json".to_owned(),
        serde_json::json!({"text": GOOD}).to_string(),
        serde_json::json!({"id": "b"}).to_string(),
        serde_json::json!({"id": "c", "text": 42}).to_string(),
        good,
        serde_json::json!({"id": "d", "text": GOOD}).to_string(),
    ];
    std::fs::write(&feed, lines.join("\n")).unwrap();
    let run = khulasa(&["summarize", "--format", "jsonl", feed.to_str().unwrap()], "");
    run.assert_code(2);
    let ids = run.jsonl_field("id");
    assert_eq!(ids, ["a", "d"]);
    let errors: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(errors.len(), 5, "{}", run.stderr);
    for (error, line) in errors.iter().zip([2, 3, 4, 5, 6]) {
        assert!(error.contains(&format!("feed.jsonl:{line}:")), "{error}");
    }
    assert!(errors[4].contains("duplicate id"), "{}", errors[4]);
}

#[test]
fn gzip_that_is_not_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let bogus = dir.path().join("feed.jsonl.gz");
    std::fs::write(&bogus, b"this is not gzip at all").unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, GOOD).unwrap();
    let run = khulasa(&["split", bogus.to_str().unwrap(), good.to_str().unwrap()], "");
    run.assert_code(2);
    assert!(run.stdout.contains("ناجحا."));
    assert!(run.stderr.contains("feed.jsonl.gz"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn symbolic_link_loop_terminates() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("a.txt"), GOOD).unwrap();
    std::os::unix::fs::symlink(dir.path(), sub.join("loop")).unwrap();
    let run = khulasa(&["split", dir.path().to_str().unwrap()], "");
    run.assert_code(0);
    assert_eq!(run.stdout.matches("ناجحا.").count(), 1, "{}", run.stdout);
}

#[test]
fn many_tiny_files() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..2000 {
        std::fs::write(dir.path().join(format!("{i:05}.txt")), format!("خبر رقم {i}.")).unwrap();
    }
    let run = khulasa(&["split", dir.path().to_str().unwrap()], "");
    run.assert_code(0);
    let docs: Vec<&str> = run.stdout.split("\n\n").collect();
    assert_eq!(docs.len(), 2000);
    assert_eq!(docs[1999].trim(), "خبر رقم 1999.", "sorted order kept");
}

#[test]
fn closed_pipe_exits_quietly() {
    let text: String = (0..20000).map(|i| format!("هذه الجملة رقم {i} في الخبر.\n")).collect();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_khulasa"))
        .args(["split"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let _ = stdin.write_all(text.as_bytes());
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    use std::io::Read;
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        output.status.code().is_some(),
        "killed by a signal instead of exiting: {:?}",
        output.status
    );
}

#[test]
fn mixed_script_and_hostile_text() {
    let text = "قال \"We will not stop\" ثم أضاف: \u{202E}نص معكوس\u{202C}.\n=SUM(A1) +1 @x\nكلـــــــمة مُشَكَّلَةٌ تَمَامًا.";
    let run = khulasa(&["split", "--format", "jsonl"], text);
    run.assert_code(0);
    for line in run.stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let t = v["text"].as_str().unwrap();
        assert!(
            !t.contains('\u{202E}') && !t.contains('\u{202C}'),
            "bidi control kept: {t:?}"
        );
    }
    assert!(Path::new(env!("CARGO_BIN_EXE_khulasa")).exists());
}

#[test]
fn a_story_without_prose_is_reported_not_summarised_as_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    std::fs::write(dir.path().join("counters.txt"), "0\n360\n").unwrap();
    std::fs::write(dir.path().join("word.txt"), "ب".repeat(200_000)).unwrap();
    let run = khulasa(&["summarize", dir.path().to_str().unwrap()], "");
    run.assert_code(2);
    assert!(run.stdout.contains("# good\n"), "{}", run.stdout);
    assert!(
        !run.stdout.contains("# counters") && !run.stdout.contains("# word"),
        "{}",
        run.stdout
    );
    let errors: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(errors.len(), 2, "{}", run.stderr);
    assert!(errors.iter().any(|e| e.contains("counters.txt")) && errors.iter().any(|e| e.contains("word.txt")));
}

#[test]
fn long_sentences_and_long_stories_finish() {
    let sentence: String = (0..5000).map(|i| format!("كلمة{} ", i % 97)).collect::<String>() + ".";
    let run = khulasa(&["summarize", "--format", "jsonl"], &format!("{sentence}\n\n{GOOD}"));
    run.assert_code(0);
    let story: String = (0..2000)
        .map(|i| format!("هذه الجملة رقم {i} من الخبر الطويل عن الاجتماع {}. ", i % 13))
        .collect();
    let run = khulasa(&["summarize", "--words", "100", "--format", "jsonl"], &story);
    run.assert_code(0);
    let v: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert!(!v["sentences"].as_array().unwrap().is_empty());
}

#[test]
fn a_killed_prep_leaves_the_old_file_or_the_complete_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let stories = dir.path().join("stories");
    std::fs::create_dir(&stories).unwrap();
    for i in 0..400 {
        let text: String = (0..12)
            .map(|k| format!("قال المتحدث في الخبر {i} إن الجملة {k} تامة. "))
            .collect();
        std::fs::write(stories.join(format!("{i:04}.txt")), text).unwrap();
    }
    let out = dir.path().join("out");
    let args = [
        "prep",
        stories.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ];
    khulasa(&args, "").assert_code(0);
    let complete = std::fs::read(out.join("units.csv")).unwrap();
    for delay_ms in [5u64, 20, 60, 150, 300] {
        std::fs::write(out.join("units.csv"), b"old\r\n").unwrap();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_khulasa"))
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read(out.join("units.csv")).unwrap();
        assert!(
            now == b"old\r\n" || now == complete,
            "killed after {delay_ms} ms: units.csv is neither the old file nor the complete new one ({} bytes)",
            now.len()
        );
    }
}
