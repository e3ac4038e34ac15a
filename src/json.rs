//! JSON output written straight into a line: strings escaped as `serde_json` escapes them (the same bytes), found
//! eight bytes at a time, numbers as `serde_json` writes them.
//!
//! A summary line is a few sentences of text: `serde_json::to_string` looks at each byte through a table, then the
//! line is copied once more to end it; here runs of bytes that need no escape are found by testing eight at a time
//! and copied whole.

use std::fmt::Write;

/// Appends `text` as a JSON string (quotes included), escaped exactly as `serde_json` escapes it: `"` and `\`,
/// the control characters below U+0020 (`\b \t \n \f \r` by name, the others as `\u00XX`), nothing else.
///
/// ```
/// let mut line = String::new();
/// khulasa::json::push_string(&mut line, "قال \"الوزير\"\n");
/// assert_eq!(line, serde_json::to_string("قال \"الوزير\"\n").unwrap());
/// ```
pub fn push_string(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        // Eight bytes at a time while none needs escaping.
        if let Some(word) = bytes.get(at..at + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
            if !any_to_escape(u64::from_le_bytes(word)) {
                at += 8;
                continue;
            }
        }
        let Some(&byte) = bytes.get(at) else { break };
        let escape: Option<&str> = match byte {
            b'"' => Some("\\\""),
            b'\\' => Some("\\\\"),
            b'\x08' => Some("\\b"),
            b'\t' => Some("\\t"),
            b'\n' => Some("\\n"),
            b'\x0c' => Some("\\f"),
            b'\r' => Some("\\r"),
            0x00..=0x1f => None,
            _ => {
                at += 1;
                continue;
            }
        };
        // Escaped bytes are ASCII: the runs between them are whole characters.
        out.push_str(text.get(copied..at).unwrap_or_default());
        match escape {
            Some(escape) => out.push_str(escape),
            None => {
                let _ = write!(out, "\\u{byte:04x}");
            }
        }
        at += 1;
        copied = at;
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out.push('"');
}

/// Whether any of the eight bytes of `word` is `"`, `\` or below U+0020.
fn any_to_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A byte below n sets its high bit in `word - n` where it had none (bytes of 0x80 and above never do).
    let below = |n: u64| word.wrapping_sub(ONES * n) & !word & HIGHS;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    (below(0x20) | zero(word ^ (ONES * u64::from(b'"'))) | zero(word ^ (ONES * u64::from(b'\\')))) != 0
}

/// Appends `value` as `serde_json` writes an `f64`: the shortest digits that read back as the same number, and
/// `null` for NaN and the infinities.
///
/// ```
/// let mut line = String::new();
/// khulasa::json::push_f64(&mut line, 0.1);
/// assert_eq!(line, "0.1");
/// ```
pub fn push_f64(out: &mut String, value: f64) {
    match serde_json::Number::from_f64(value) {
        Some(number) => {
            let _ = write!(out, "{number}");
        }
        None => out.push_str("null"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn strings_are_escaped_as_serde_json_escapes_them(text in "\\PC{0,40}|[\\x00-\\x7f]{0,40}|[\"\\\\\\x00-\\x20a]{0,24}") {
            let mut ours = String::from("x");
            push_string(&mut ours, &text);
            prop_assert_eq!(ours, format!("x{}", serde_json::to_string(&text).unwrap()));
        }

        #[test]
        fn numbers_are_written_as_serde_json_writes_them(bits: u64, small in -1e3..1e3f64) {
            for value in [f64::from_bits(bits), small, f64::NAN, f64::INFINITY, -0.0, 1e300, 5e-324] {
                let mut ours = String::new();
                push_f64(&mut ours, value);
                prop_assert_eq!(ours, serde_json::to_string(&value).unwrap());
            }
        }

        /// Of eight bytes, one to escape anywhere among others that need none is found.
        #[test]
        fn a_byte_to_escape_is_found_among_eight(others in proptest::collection::vec(0x20u8..=0xff, 8), at in 0usize..8, byte in prop_oneof![0u8..0x20, Just(b'"'), Just(b'\\')]) {
            let clean: Vec<u8> = others.iter().map(|&b| if b == b'"' || b == b'\\' { b'a' } else { b }).collect();
            let word = |bytes: &[u8]| u64::from_le_bytes(<[u8; 8]>::try_from(bytes).unwrap());
            prop_assert!(!any_to_escape(word(&clean)));
            let mut dirty = clean.clone();
            dirty[at] = byte;
            prop_assert!(any_to_escape(word(&dirty)));
        }
    }
}
