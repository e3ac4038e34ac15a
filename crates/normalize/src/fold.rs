use crate::scan;

/// Folds one character for matching, or drops it (`None`).
///
/// Drops diacritics (U+0610–061A, U+064B–065F, U+0670, U+06D6–06ED) and tatweel; folds alef variants to bare
/// alef, alef maqsura to ya, ta marbuta to ha, hamza on waw/ya to waw/ya, and Arabic-Indic and Persian digits to
/// ASCII.
///
/// ```
/// assert_eq!(khulasa_normalize::fold_char('أ'), Some('ا'));
/// assert_eq!(khulasa_normalize::fold_char('\u{064E}'), None);
/// ```
pub const fn fold_char(c: char) -> Option<char> {
    Some(match c {
        '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}' => {
            return None
        }
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        'ئ' => 'ي',
        '٠'..='٩' => (b'0' + (c as u32 - 0x0660) as u8) as char,
        '۰'..='۹' => (b'0' + (c as u32 - 0x06F0) as u8) as char,
        _ => c,
    })
}

/// What each character of the Arabic block (U+0600..06FF, two bytes in UTF-8: lead D8..DB) folds to, indexed by
/// its code point minus U+0600: [`KEEP`] for itself, [`DROP`] for nothing, else the code point it folds to.
static ARABIC_FOLD: [u16; 256] = arabic_fold_table();
pub(crate) const KEEP: u16 = u16::MAX;
const DROP: u16 = 0;

// Evaluated when compiling: an index out of bounds would fail the build, not a run.
#[allow(clippy::indexing_slicing)]
pub(crate) const fn arabic_fold_table() -> [u16; 256] {
    let mut table = [KEEP; 256];
    let mut i = 0;
    while i < 256 {
        // `fold_char` is the one definition; the table only caches it for the block.
        if let Some(c) = char::from_u32(0x0600 + i as u32) {
            table[i] = match fold_char(c) {
                None => DROP,
                Some(f) if f as u32 == c as u32 => KEEP,
                Some(f) => f as u32 as u16,
            };
        }
        i += 1;
    }
    table
}

/// Appends the folded form of `text` to `out` (no allocation when `out` has room).
///
/// ```
/// let mut out = String::new();
/// khulasa_normalize::fold_into("الإرهابيّة", &mut out);
/// assert_eq!(out, "الارهابيه");
/// ```
pub fn fold_into(text: &str, out: &mut String) {
    if text.len() <= SHORT {
        // A word: most of its letters fold to themselves, so it goes out in runs of unchanged bytes (often one
        // run, the whole word) rather than character by character. Only a two-byte character led by D8..DB
        // may change, and those lead bytes are never continuation bytes.
        let bytes = text.as_bytes();
        let mut run_start = 0;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if !(0xD8..=0xDB).contains(&b) {
                i += 1;
                continue;
            }
            let Some(&second) = bytes.get(i + 1) else { break };
            let folded = arabic_fold(b, second);
            if folded != KEEP {
                out.push_str(text.get(run_start..i).unwrap_or(""));
                if let Some(f) = char::from_u32(u32::from(folded)).filter(|_| folded != DROP) {
                    out.push(f);
                }
                run_start = i + 2;
            }
            i += 2;
        }
        out.push_str(text.get(run_start..).unwrap_or(""));
        return;
    }
    fold_long(text, out);
}

/// The folded form of `text`: `text` itself when folding changes nothing in it (most words of news), else its
/// folded form written into `scratch`.
///
/// ```
/// let mut scratch = String::new();
/// assert_eq!(khulasa_normalize::fold_borrowed("الوزير", &mut scratch), "الوزير");
/// assert_eq!(khulasa_normalize::fold_borrowed("الإرهابيّة", &mut scratch), "الارهابيه");
/// ```
pub fn fold_borrowed<'a>(text: &'a str, scratch: &'a mut String) -> &'a str {
    let bytes = text.as_bytes();
    let mut i = 0;
    let unchanged = loop {
        match bytes.get(i) {
            None => break true,
            Some(&b) if (0xD8..=0xDB).contains(&b) => {
                if arabic_fold(b, bytes.get(i + 1).copied().unwrap_or(0)) != KEEP {
                    break false;
                }
                i += 2;
            }
            Some(_) => i += 1,
        }
    };
    if unchanged {
        return text;
    }
    scratch.clear();
    fold_into(text, scratch);
    scratch
}

/// Texts up to this many bytes are folded character by character.
const SHORT: usize = 32;

/// [`fold_into`] for a text longer than a word.
fn fold_long(text: &str, out: &mut String) {
    // Only the Arabic block folds, and most of its letters fold to themselves: the characters that do not are
    // found sixteen bytes at a time, and the runs between them go out as slices.
    let bytes = text.as_bytes();
    let mut run_start = 0;
    scan::for_each_pair(bytes, folds_away, |i| {
        let (Some(&lead), Some(&second)) = (bytes.get(i), bytes.get(i + 1)) else {
            return;
        };
        if run_start < i {
            out.push_str(text.get(run_start..i).unwrap_or(""));
        }
        match arabic_fold(lead, second) {
            DROP => {}
            KEEP => out.push_str(text.get(i..i + 2).unwrap_or("")),
            folded => {
                if let Some(f) = char::from_u32(u32::from(folded)) {
                    out.push(f);
                }
            }
        }
        run_start = i + 2;
    });
    if run_start < bytes.len() {
        out.push_str(text.get(run_start..).unwrap_or(""));
    }
}

/// Whether the character of lead byte `lead` and second byte `second` folds to something else than itself: the
/// folds of [`fold_char`], written as byte ranges so that a block of bytes is tested without a branch (a unit
/// test checks them against the table). Lead bytes D8..DB are never continuation bytes.
#[inline]
fn folds_away(lead: u8, second: u8) -> bool {
    let within = |lo: u8, hi: u8| second.wrapping_sub(lo) <= hi - lo;
    ((lead == 0xD8) & (within(0x90, 0x9A) | within(0xA2, 0xA6) | (second == 0xA9)))
        | ((lead == 0xD9) & ((second == 0x80) | (second == 0x89) | within(0x8B, 0xA9) | within(0xB0, 0xB1)))
        | ((lead == 0xDB) & (within(0x96, 0xAD) | within(0xB0, 0xB9)))
}

/// What the two-byte character `lead` (D8..DB) `second` folds to: [`KEEP`], [`DROP`] or a code point.
#[inline]
fn arabic_fold(lead: u8, second: u8) -> u16 {
    let index = (usize::from(lead.wrapping_sub(0xD8) & 3) << 6) | usize::from(second & 0x3F);
    ARABIC_FOLD.get(index).copied().unwrap_or(KEEP)
}

/// The folded form of `text`.
///
/// ```
/// assert_eq!(khulasa_normalize::fold("مُستشفى"), "مستشفي");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn byte_ranges_are_the_fold_table() {
        for lead in 0..=0xFF_u8 {
            for second in 0x80..=0xBF_u8 {
                let table = (0xD8..=0xDB).contains(&lead) && arabic_fold(lead, second) != KEEP;
                assert_eq!(folds_away(lead, second), table, "{lead:02X} {second:02X}");
            }
        }
    }

    proptest! {
        #[test]
        fn fast_fold_is_char_by_char_fold(text in any::<String>()) {
            let mut fast = String::new();
            fold_into(&text, &mut fast);
            let slow: String = text.chars().filter_map(fold_char).collect();
            prop_assert_eq!(fast, slow);
        }

        #[test]
        fn borrowed_fold_is_fold(text in "[\u{0600}-\u{06FF} a٠-٩]{0,12}|\\PC{0,12}") {
            let mut scratch = String::new();
            prop_assert_eq!(fold_borrowed(&text, &mut scratch), fold(&text));
        }

        #[test]
        fn fold_of_arabic_is_char_by_char_fold(text in "[\u{0600}-\u{06FF} a٠-٩]{0,40}") {
            let slow: String = text.chars().filter_map(fold_char).collect();
            prop_assert_eq!(fold(&text), slow);
        }
    }
}
