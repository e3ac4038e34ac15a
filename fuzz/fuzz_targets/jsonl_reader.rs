//! Reading documents (`khulasa::input::documents`) from arbitrary bytes, as a `.jsonl` feed, the same feed
//! gzip-compressed, the raw bytes named `.jsonl.gz` (a broken gzip), and a `.txt` file.
//!
//! Laws: nothing panics; a feed gives exactly one result per line that is not blank, in order, each named
//! `path:line` with the right line; a document's text is the JSON `text` string of its line (when the line is
//! JSON: the reader lets broken strings through in the fields it skips) and holds no NUL; ids are never
//! repeated; plain and gzip-compressed feeds give the same results; a failure's message is one line; a `.txt`
//! file gives one result named by its path, its text as `decode` gives it. Dates that parse are
//! calendar-plausible.
#![no_main]

use khulasa::input::{documents, Day, Document, Failure, Fields};
use libfuzzer_sys::fuzz_target;
use std::io::Write;
use std::path::PathBuf;
use std::sync::OnceLock;

struct Paths {
    plain: PathBuf,
    gzipped: PathBuf,
    broken_gz: PathBuf,
    txt: PathBuf,
}

fn paths() -> &'static Paths {
    static PATHS: OnceLock<Paths> = OnceLock::new();
    PATHS.get_or_init(|| {
        let base = if std::path::Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        let dir = base.join(format!("khulasa-fuzz-jsonl-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temporary directory");
        Paths {
            plain: dir.join("feed.jsonl"),
            gzipped: dir.join("feed-gz.jsonl.gz"),
            broken_gz: dir.join("raw.jsonl.gz"),
            txt: dir.join("story.txt"),
        }
    })
}

/// A result with the path taken out of its origin, so results of different files compare.
fn without_path(result: &Result<Document, Failure>, path: &str) -> String {
    let strip = |origin: &str| origin.strip_prefix(path).unwrap_or(origin).to_owned();
    match result {
        Ok(d) => format!(
            "ok {} {:?} {:?} {:?} {:?}",
            strip(&d.origin),
            d.id,
            d.text,
            d.title,
            d.day
        ),
        Err(f) => format!("err {} {}", strip(&f.origin), f.message),
    }
}

fn read_all(path: &PathBuf) -> Vec<Result<Document, Failure>> {
    documents(std::slice::from_ref(path), &Fields::default()).collect()
}

fn check_day(day: Option<Day>) {
    if let Some(day) = day {
        assert!(
            (1..=12).contains(&day.month) && (1..=31).contains(&day.day),
            "implausible {day:?}"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let paths = paths();
    std::fs::write(&paths.plain, data).expect("write feed");
    let plain_name = paths.plain.display().to_string();
    let results = read_all(&paths.plain);

    // The lines that must give a result: what `split(b'\n')` yields, blank ones (ASCII white space) skipped.
    let expected: Vec<(usize, &[u8])> = data
        .split(|&b| b == b'\n')
        .enumerate()
        .filter(|(_, line)| !line.iter().all(u8::is_ascii_whitespace))
        .map(|(n, line)| (n + 1, line))
        .collect();
    // A file ending in a line break has no last line after it.
    assert_eq!(results.len(), expected.len(), "one result a non-blank line");
    let mut ids = std::collections::HashSet::new();
    for (result, &(line_no, line)) in results.iter().zip(&expected) {
        let origin = format!("{plain_name}:{line_no}");
        match result {
            Ok(doc) => {
                assert_eq!(doc.origin, origin);
                // The reader skips the fields it does not read without building or checking them, so invalid
                // UTF-8 or a broken escape inside a skipped string is let through. Where the line (or the line with
                // invalid UTF-8 replaced) is JSON, the document's text must be its `text` string.
                let value = serde_json::from_slice::<serde_json::Value>(line)
                    .or_else(|_| serde_json::from_str(&String::from_utf8_lossy(line)));
                if let Ok(value) = value {
                    assert_eq!(
                        value.get("text").and_then(|t| t.as_str()),
                        Some(doc.text.as_str()),
                        "text"
                    );
                }
                assert!(!doc.text.contains('\0'), "NUL in a document's text");
                assert!(ids.insert(doc.id.clone()), "duplicate id {:?} accepted", doc.id);
                check_day(doc.day);
            }
            Err(failure) => {
                assert_eq!(failure.origin, origin, "failure not named by its line");
                assert!(
                    !failure.message.is_empty() && !failure.message.contains('\n'),
                    "{:?}",
                    failure.message
                );
            }
        }
    }

    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(data).expect("gzip to memory");
    std::fs::write(&paths.gzipped, gz.finish().expect("gzip to memory")).expect("write feed");
    let gzipped = read_all(&paths.gzipped);
    let gz_name = paths.gzipped.display().to_string();
    let plain_view: Vec<String> = results.iter().map(|r| without_path(r, &plain_name)).collect();
    let gz_view: Vec<String> = gzipped.iter().map(|r| without_path(r, &gz_name)).collect();
    assert_eq!(plain_view, gz_view, "gzip-compressed feed reads differently");

    // The bytes themselves under a gzip name: mostly not gzip, a failure that must name the file.
    std::fs::write(&paths.broken_gz, data).expect("write feed");
    let broken_name = paths.broken_gz.display().to_string();
    for result in read_all(&paths.broken_gz) {
        match result {
            Ok(doc) => check_day(doc.day),
            Err(f) => assert!(f.origin.starts_with(&broken_name), "failure not named by its file: {f}"),
        }
    }

    std::fs::write(&paths.txt, data).expect("write story");
    let txt = read_all(&paths.txt);
    assert_eq!(txt.len(), 1, "a .txt file is one document");
    let txt_name = paths.txt.display().to_string();
    match (txt.first(), khulasa_normalize::decode(data)) {
        (Some(Ok(doc)), Ok(decoded)) => {
            assert_eq!((doc.id.as_str(), doc.origin.as_str()), ("story", txt_name.as_str()));
            assert_eq!((&doc.text, doc.encoding), (&decoded.text, decoded.encoding));
        }
        (Some(Err(f)), Err(e)) => {
            assert_eq!(f.origin, txt_name);
            assert_eq!(f.message, e.to_string());
        }
        (doc, decoded) => panic!("reader and decode disagree: {doc:?} vs {decoded:?}"),
    }

    if let Ok(text) = std::str::from_utf8(data) {
        check_day(Day::parse(text));
    }
});
