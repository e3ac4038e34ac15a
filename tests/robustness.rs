//! What khulasa does with bad input: every case gets a clear message naming the file, and the other
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
fn a_hundred_thousand_tiny_files() {
    const FILES: usize = 100_000;
    let dir = tempfile::tempdir().unwrap();
    // In subfolders of 1,000, as feeds are archived; the walk must still give one sorted order.
    for i in 0..FILES {
        let sub = dir.path().join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir(&sub).unwrap();
        }
        std::fs::write(sub.join(format!("{i:06}.txt")), format!("خبر رقم {i}.")).unwrap();
    }
    let run = khulasa(&["split", dir.path().to_str().unwrap()], "");
    run.assert_code(0);
    let docs: Vec<&str> = run.stdout.split("\n\n").collect();
    assert_eq!(docs.len(), FILES);
    for (i, doc) in docs.iter().enumerate() {
        assert_eq!(
            doc.trim(),
            format!("خبر رقم {i}."),
            "document {i} out of order or changed"
        );
    }
}

/// Runs `khulasa` through bash with a limit on the size of any file it writes (`ulimit -f`, in KiB): writes
/// past it fail with EFBIG, as on a full disk, and the signal that would kill the process is ignored (as a
/// full disk sends none).
#[cfg(unix)]
fn khulasa_with_file_limit(kib: u32, args: &[&str]) -> util::Run {
    let script = format!("trap '' XFSZ; ulimit -f {kib}; exec \"$0\" \"$@\"");
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_khulasa"))
        .args(args)
        .output()
        .unwrap();
    util::Run::from(output)
}

/// Every file of a folder with its bytes.
fn folder(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[cfg(unix)]
#[test]
fn a_full_disk_is_a_clear_error_and_leaves_the_old_output() {
    // Standard output on a full device.
    if Path::new("/dev/full").exists() {
        for command in ["split", "normalize", "summarize"] {
            let output = std::process::Command::new(env!("CARGO_BIN_EXE_khulasa"))
                .args([command, "corpora/coalition-marrakech.txt"])
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .stdout(std::fs::File::create("/dev/full").unwrap())
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(2), "{command}: {stderr}");
            assert_eq!(
                stderr.trim(),
                "khulasa: writing standard output: No space left on device (os error 28)",
                "{command}"
            );
        }
    }
    // Files: a complete earlier run of prep, then runs that fail at several points of the writing.
    let dir = tempfile::tempdir().unwrap();
    let stories = dir.path().join("stories");
    std::fs::create_dir(&stories).unwrap();
    for i in 0..60 {
        let text: String = (0..12)
            .map(|k| format!("قال المتحدث في الخبر {i} إن الجملة {k} تامة. "))
            .collect();
        std::fs::write(stories.join(format!("{i:04}.txt")), text).unwrap();
    }
    let out = dir.path().join("out");
    let (stories, out_str) = (stories.to_str().unwrap(), out.to_str().unwrap());
    khulasa(&["prep", stories, "--out", out_str, "--quiet"], "").assert_code(0);
    let before = folder(&out);
    let sizes: Vec<usize> = before.iter().map(|(_, bytes)| bytes.len()).collect();
    assert!(
        sizes.iter().any(|&n| n > 100 * 1024),
        "a file large enough to fail at 100 KiB: {sizes:?}"
    );
    for (kib, format) in [(0, "csv"), (1, "xliff"), (8, "csv"), (100, "jsonl"), (100, "lines")] {
        let run = khulasa_with_file_limit(
            kib,
            &[
                "prep",
                stories,
                "--out",
                out_str,
                "--quiet",
                "--format",
                format,
                "--max-units",
                "200",
            ],
        );
        assert_eq!(run.code, Some(2), "limit {kib} KiB, {format}: {}", run.stderr);
        let errors: Vec<&str> = run.stderr.lines().collect();
        assert_eq!(errors.len(), 1, "one error line: {}", run.stderr);
        assert!(
            errors[0].starts_with(&format!("khulasa: cannot write {out_str}/"))
                && errors[0].ends_with("File too large (os error 27)"),
            "the error names the file: {}",
            errors[0]
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert_eq!(
            folder(&out),
            before,
            "limit {kib} KiB, {format}: the earlier output changed or a file was left"
        );
    }
    // A table of document frequencies on a full disk.
    let df = dir.path().join("df.tsv");
    let run = khulasa_with_file_limit(0, &["summarize", stories, "--save-df", df.to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("df.tsv"), "{}", run.stderr);
    assert!(!df.exists() && !dir.path().join(".df.tsv.tmp").exists());
}

#[test]
fn an_unwritable_output_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("story.txt");
    std::fs::write(&story, GOOD).unwrap();
    // --out below a regular file cannot be created whoever runs the test.
    let out = story.join("out");
    let run = khulasa(&["prep", story.to_str().unwrap(), "--out", out.to_str().unwrap()], "");
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains(out.to_str().unwrap()), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&story).unwrap(), GOOD, "input unchanged");
}

/// Runs a copy of the binary as the unprivileged user `nobody` when the tests run as root (root reads every
/// file, whatever its mode), else as the current user.
#[cfg(unix)]
fn khulasa_unprivileged(dir: &Path, args: &[&str]) -> util::Run {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let binary = dir.join("khulasa");
    std::fs::copy(env!("CARGO_BIN_EXE_khulasa"), &binary).unwrap();
    std::fs::set_permissions(&binary, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut command = std::process::Command::new(&binary);
    command.args(args).current_dir(dir);
    let root = std::fs::metadata("/proc/self").map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0);
    if root.unwrap_or(false) {
        command.uid(65534).gid(65534);
    }
    let output = command.output().unwrap();
    util::Run::from(output)
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_folders_are_reported_and_the_rest_processed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let mode = |path: &Path, mode: u32| std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    mode(dir.path(), 0o755);
    let feed = dir.path().join("feed");
    std::fs::create_dir(&feed).unwrap();
    std::fs::write(feed.join("a-good.txt"), GOOD).unwrap();
    std::fs::write(feed.join("b-secret.txt"), GOOD).unwrap();
    std::fs::write(feed.join("d-good.txt"), "خبر آخر تام.").unwrap();
    let locked = feed.join("c-locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("inside.txt"), GOOD).unwrap();
    for path in [dir.path(), feed.as_path()] {
        mode(path, 0o755);
    }
    for file in ["a-good.txt", "d-good.txt"] {
        mode(&feed.join(file), 0o644);
    }
    mode(&feed.join("b-secret.txt"), 0o000);
    mode(&locked, 0o000);
    let run = khulasa_unprivileged(dir.path(), &["split", "feed"]);
    mode(&locked, 0o755);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stdout.contains("ناجحا.") && run.stdout.contains("خبر آخر تام."),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stdout.matches("ناجحا.").count(),
        1,
        "only the readable copy: {}",
        run.stdout
    );
    let errors: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(errors.len(), 2, "{}", run.stderr);
    assert!(
        errors[0].contains("b-secret.txt") && errors[0].contains("Permission denied"),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].contains("c-locked") && errors[1].contains("Permission denied"),
        "{}",
        errors[1]
    );
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
    std::fs::write(dir.path().join("marks.txt"), "... !!! ؟؟ --- 123 456\n٣٤٥ ، ؛ ***\n").unwrap();
    let run = khulasa(&["summarize", dir.path().to_str().unwrap()], "");
    run.assert_code(2);
    assert!(run.stdout.contains("# good\n"), "{}", run.stdout);
    assert_eq!(run.stdout.matches("# ").count(), 1, "{}", run.stdout);
    let errors: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(errors.len(), 3, "{}", run.stderr);
    for name in ["counters.txt", "marks.txt", "word.txt"] {
        assert!(
            errors.iter().any(|e| e.contains(name)),
            "{name} not reported: {}",
            run.stderr
        );
    }
    // prep reports the stories with nothing to translate and exports the good one.
    let out = dir.path().join("out");
    let run = khulasa(
        &[
            "prep",
            dir.path().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--quiet",
        ],
        "",
    );
    run.assert_code(2);
    assert_eq!(run.stderr.lines().count(), 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("counters.txt") && run.stderr.contains("marks.txt"),
        "{}",
        run.stderr
    );
    let register = std::fs::read_to_string(out.join("register.jsonl")).unwrap();
    assert!(register.contains("ناجحا.") && !register.contains("360"), "{register}");
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

/// Runs `khulasa ARGS` and returns its exit code, standard output's length and its peak resident memory in
/// bytes, read from /proc while it runs (the high-water mark only grows, so the last reading is the peak up to a
/// few milliseconds before the end).
#[cfg(target_os = "linux")]
fn peak_memory(args: &[&str]) -> (Option<i32>, usize, u64) {
    use std::io::Read;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_khulasa"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        stdout.read_to_end(&mut out).unwrap();
        out.len()
    });
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0u64;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if let Ok(text) = std::fs::read_to_string(&status_file) {
            let hwm = text.lines().find_map(|l| l.strip_prefix("VmHWM:"));
            if let Some(kib) = hwm.and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok()) {
                peak_kib = peak_kib.max(kib);
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    (status.code(), reader.join().unwrap(), peak_kib * 1024)
}

#[cfg(target_os = "linux")]
#[test]
fn a_50_mb_line_and_a_10_mb_word_stay_within_bounded_memory() {
    const WORDS: [&str; 8] = ["قال", "الوزير", "إن", "الاجتماع", "كان", "ناجحا", "في", "الرباط"];
    let dir = tempfile::tempdir().unwrap();
    let line = dir.path().join("line.txt");
    let mut text = String::with_capacity(50_000_100);
    let mut i = 0usize;
    while text.len() < 50_000_000 {
        text.push_str(WORDS[(i * 7 + i / 8) % WORDS.len()]);
        text.push(' ');
        i += 1;
    }
    std::fs::write(&line, text.trim_end()).unwrap();
    let size = std::fs::metadata(&line).unwrap().len();
    let word = dir.path().join("word.txt");
    std::fs::write(&word, "ب".repeat(5_000_000)).unwrap();
    for (command, input) in [("split", &line), ("summarize", &line), ("split", &word)] {
        let (code, out, peak) = peak_memory(&[command, input.to_str().unwrap()]);
        let input_size = std::fs::metadata(input).unwrap().len();
        assert_eq!(code, Some(0), "{command}");
        assert!(
            out as u64 >= input_size.min(size),
            "{command}: {out} bytes out for {input_size} in"
        );
        // The text as read, repaired, and written: a few copies of the input, never a matrix of its words.
        assert!(
            peak < 5 * input_size + 64 * 1024 * 1024,
            "{command} {}: peak {peak} bytes for {input_size} bytes in",
            input.display()
        );
    }
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
    let complete = std::fs::read(util::batch_file(&out, 1, "csv")).unwrap();
    for delay_ms in [5u64, 20, 60, 150, 300] {
        std::fs::write(util::batch_file(&out, 1, "csv"), b"old\r\n").unwrap();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_khulasa"))
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read(util::batch_file(&out, 1, "csv")).unwrap();
        assert!(
            now == b"old\r\n" || now == complete,
            "killed after {delay_ms} ms: units.csv is neither the old file nor the complete new one ({} bytes)",
            now.len()
        );
    }
}
