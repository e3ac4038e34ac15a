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
pub fn fold_char(c: char) -> Option<char> {
    Some(match c {
        '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}' => {
            return None
        }
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        'ئ' => 'ي',
        '٠'..='٩' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        _ => c,
    })
}

/// Bit `n` set: the character with lead byte D8 (U+0600..063F) and second byte `0x80 | n` may fold to something
/// else (marks U+0610..061A, alefs with hamza and madda, hamza seats, ta marbuta).
const CHANGES_D8: u64 = bits(&[
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x22, 0x23, 0x24, 0x25, 0x26, 0x29,
]);
/// Lead byte D9 (U+0640..067F): tatweel, alef maqsura, marks U+064B..065F, Arabic-Indic digits, U+0670, U+0671.
const CHANGES_D9: u64 = bits(&[
    0x00, 0x09, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B,
    0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x30, 0x31,
]);
/// Lead byte DB (U+06C0..06FF): marks U+06D6..06ED, Persian digits.
const CHANGES_DB: u64 = bits(&[
    0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28,
    0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39,
]);

const fn bits(mut low_bits: &[u8]) -> u64 {
    let mut mask = 0;
    while let [first, rest @ ..] = low_bits {
        mask |= 1 << *first;
        low_bits = rest;
    }
    mask
}

/// Appends the folded form of `text` to `out` (no allocation when `out` has room).
///
/// ```
/// let mut out = String::new();
/// khulasa_normalize::fold_into("الإرهابيّة", &mut out);
/// assert_eq!(out, "الارهابيه");
/// ```
pub fn fold_into(text: &str, out: &mut String) {
    // Runs of characters that fold to themselves are copied as slices; only the others are decoded and pushed.
    let bytes = text.as_bytes();
    let mut run_start = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            i += 1;
            continue;
        }
        let len = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        let c = match (b, bytes.get(i + 1)) {
            // The Arabic block, two bytes: decoded by hand, the common case.
            (0xD8..=0xDB, Some(&b2)) => char::from_u32((u32::from(b & 0x1F) << 6) | u32::from(b2 & 0x3F)),
            _ => text.get(i..).and_then(|rest| rest.chars().next()),
        };
        // Most Arabic letters fold to themselves: a bit per second byte says which may not.
        let identity = match (b, bytes.get(i + 1)) {
            (0xD8, Some(&b2)) => CHANGES_D8 & (1 << (b2 & 0x3F)) == 0,
            (0xD9, Some(&b2)) => CHANGES_D9 & (1 << (b2 & 0x3F)) == 0,
            (0xDA, Some(_)) => true,
            (0xDB, Some(&b2)) => CHANGES_DB & (1 << (b2 & 0x3F)) == 0,
            _ => false,
        };
        if identity {
            i += len;
            continue;
        }
        let Some(c) = c else {
            i += 1;
            continue;
        };
        let folded = fold_char(c);
        if folded != Some(c) {
            out.push_str(text.get(run_start..i).unwrap_or(""));
            if let Some(f) = folded {
                out.push(f);
            }
            run_start = i + len;
        }
        i += len;
    }
    out.push_str(text.get(run_start..).unwrap_or(""));
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

    proptest! {
        #[test]
        fn fast_fold_is_char_by_char_fold(text in any::<String>()) {
            let mut fast = String::new();
            fold_into(&text, &mut fast);
            let slow: String = text.chars().filter_map(fold_char).collect();
            prop_assert_eq!(fast, slow);
        }

        #[test]
        fn fold_of_arabic_is_char_by_char_fold(text in "[\u{0600}-\u{06FF} a٠-٩]{0,40}") {
            let slow: String = text.chars().filter_map(fold_char).collect();
            prop_assert_eq!(fold(&text), slow);
        }
    }
}
