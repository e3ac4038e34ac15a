//! Decoding and repair on arbitrary bytes.
//!
//! Laws: `decode` never panics; valid UTF-8 without a byte order mark or NUL decodes to itself; decoded text
//! holds no NUL. The repair (of the decoded text, and of the bytes read as lossy UTF-8) keeps an offset map
//! that is consistent, within both texts' bounds, monotonic, and maps every range between character boundaries
//! of the repaired text to a range between character boundaries of the original; repairing twice changes
//! nothing more (with the text's own evidence: with the damaged text's evidence it is no law, as a repaired
//! word can be the damaged form of another, `خلال` of `خللا`); and the slice law: a piece of the
//! repaired text (between sentence-ending punctuation and line breaks), found in the original through the map
//! and repaired alone with the story's evidence, is the same piece (up to white space).
#![no_main]

use khulasa_normalize::{decode, Encoding, Repairer};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn repairer() -> &'static Repairer {
    static REPAIRER: OnceLock<Repairer> = OnceLock::new();
    REPAIRER.get_or_init(Repairer::new)
}

fn check_map(original: &str) {
    let repaired = repairer().repair(original);
    let map = &repaired.map;
    assert_eq!(map.original_len(), original.len(), "original length");
    assert_eq!(map.repaired_len(), repaired.text.len(), "repaired length");
    assert!(map.is_consistent(), "inconsistent map");
    let mut last = 0;
    for r in 0..=repaired.text.len() {
        let o = map.to_original(r);
        assert!(o <= original.len(), "to_original({r}) = {o} past the end");
        assert!(o >= last, "to_original is not monotonic at {r}");
        last = o;
        assert!(
            map.to_original_end(r) <= original.len(),
            "to_original_end({r}) past the end"
        );
    }
    // Every range between boundaries would be quadratic: all ranges from each start to a few ends, and every
    // range of consecutive boundaries.
    let boundaries: Vec<usize> = repaired
        .text
        .char_indices()
        .map(|(i, _)| i)
        .chain([repaired.text.len()])
        .collect();
    for (k, &start) in boundaries.iter().enumerate() {
        for &end in boundaries.iter().skip(k).step_by(7).chain(boundaries.get(k + 1)) {
            let range = map.original_range(start..end);
            assert!(
                range.start <= range.end && range.end <= original.len(),
                "{start}..{end} -> {range:?}"
            );
            assert!(
                original.is_char_boundary(range.start) && original.is_char_boundary(range.end),
                "{start}..{end} -> {range:?} not on character boundaries"
            );
        }
    }

    let once = &repaired.text;
    assert_eq!(&repairer().repair(once).text, once, "repairing twice changes the text");

    check_pieces_are_local(original, &repaired.text, map);
}

/// Byte ranges of the pieces between sentence-ending punctuation and line breaks, as the repair's own law test
/// cuts them.
fn pieces(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '؟' | '\n') {
            let end = i + c.len_utf8();
            if !text.get(start..end).unwrap_or_default().trim().is_empty() {
                out.push(start..end);
            }
            start = end;
        }
    }
    if !text.get(start..).unwrap_or_default().trim().is_empty() {
        out.push(start..text.len());
    }
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn check_pieces_are_local(original: &str, repaired: &str, map: &khulasa_normalize::OffsetMap) {
    let evidence = repairer().evidence(original);
    for range in pieces(repaired) {
        let piece = one_line(&repaired[range.clone()]);
        let source = &original[map.original_range(range)];
        let alone = one_line(&repairer().repair_with(source, &evidence).text);
        assert_eq!(alone, piece, "a piece repaired alone differs (source {source:?})");
    }
}

fuzz_target!(|data: &[u8]| {
    match decode(data) {
        Ok(decoded) => {
            assert!(!decoded.text.contains('\0'), "decoded text holds a NUL");
            if let Ok(text) = std::str::from_utf8(data) {
                if !data.starts_with(b"\xEF\xBB\xBF") && !data.contains(&0) {
                    assert_eq!((decoded.text.as_str(), decoded.encoding), (text, Encoding::Utf8));
                }
            }
            check_map(&decoded.text);
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if decode(data).map(|d| d.text != text).unwrap_or(true) {
            check_map(text);
        }
    } else {
        check_map(&String::from_utf8_lossy(data));
    }
});
