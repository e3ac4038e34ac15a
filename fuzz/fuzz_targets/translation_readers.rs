//! The readers of translations that come back from outside, on arbitrary bytes: CSV and TSV (both profiles),
//! JSONL, XLIFF, PO, XLSX and the lines format never panic; what they accept has no record with an empty id, no
//! TSV or lines target holding a tab, line break or NUL, and an XLIFF nested deeper than `MAX_XML_DEPTH` is
//! refused.
#![no_main]

use khulasa_export::{read_csv, read_jsonl, read_lines, read_po, read_tsv, read_xliff, Profile, MAX_XML_DEPTH};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    for profile in [Profile::Plain, Profile::Excel] {
        let _ = read_csv(bytes, profile);
        if let Ok(records) = read_tsv(bytes, profile) {
            for r in &records {
                assert!(!r.target.contains(['\t', '\n', '\0']), "TSV target kept {:?}", r.target);
            }
        }
    }
    let _ = read_jsonl(bytes);
    let _ = read_po(bytes);
    let _ = khulasa_export::read_xlsx(bytes);
    let _ = read_xliff(bytes);
    // Split in two at the first 0xFF byte (never in UTF-8): the targets and their ids.
    let (targets, ids) = match bytes.iter().position(|&b| b == 0xFF) {
        Some(at) => (&bytes[..at], &bytes[at + 1..]),
        None => (bytes, &b""[..]),
    };
    if let Ok(records) = read_lines(targets, ids) {
        for r in &records {
            assert!(!r.target.contains(['\t', '\n', '\0']), "lines target kept {:?}", r.target);
        }
    }
    // The same bytes inside elements nested past the limit: always refused, whatever they hold.
    let mut deep = b"<xliff>".to_vec();
    deep.extend(std::iter::repeat_n(&b"<g>"[..], MAX_XML_DEPTH + 1).flatten());
    deep.extend_from_slice(bytes);
    assert!(read_xliff(&deep).is_err(), "nesting past {MAX_XML_DEPTH} accepted");
});
