/// Iterator over the words of a text: maximal runs of letters, marks and digits (Arabic or other), with their
/// byte offsets. Tatweel and diacritics stay inside the word they decorate.
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
}

/// The words of `text`, as `(byte offset, word)`.
///
/// ```
/// let w: Vec<_> = khulasa_normalize::words("قال، إن 3.5 مليون").map(|(_, w)| w).collect();
/// assert_eq!(w, ["قال", "إن", "3", "5", "مليون"]);
/// ```
pub fn words(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

fn is_word_char(c: char) -> bool {
    // ASCII and the Arabic block are decided by hand: the general Unicode tables cost a binary search a character.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match u32::from(c) {
        0x0600..=0x06FF => is_arabic_word_char(u32::from(c)),
        _ => c.is_alphanumeric(),
    }
}

/// Whether the character starting at byte `i` of `text` (a character boundary) belongs to a word, its length in
/// bytes, and whether folding changes it; `None` at the end. ASCII and the Arabic block (two-byte sequences led by
/// 0xD8–0xDB, the only characters folding changes) are decided on the bytes, without decoding: they are nearly all of
/// a news story.
#[inline(always)]
fn class_at(text: &str, i: usize) -> Option<(bool, usize, bool)> {
    let bytes = text.as_bytes();
    let lead = *bytes.get(i)?;
    if lead < 0x80 {
        return Some((lead.is_ascii_alphanumeric(), 1, false));
    }
    if let Some(&next) = bytes.get(i + 1) {
        if let Some(class) = arabic_class(lead, next) {
            return Some((class & IN_WORD != 0, 2, class & FOLDS != 0));
        }
    }
    let c = text.get(i..)?.chars().next()?;
    Some((is_word_char(c), c.len_utf8(), false))
}

/// The [`ARABIC_CLASS`] of the character whose UTF-8 bytes start `lead`, `next`, when it is in the Arabic block
/// (`lead` 0xD8–0xDB); `None` otherwise.
#[inline(always)]
fn arabic_class(lead: u8, next: u8) -> Option<u8> {
    let row = lead.wrapping_sub(0xD8);
    (row < 4).then(|| {
        ARABIC_CLASS
            .get((usize::from(row) << 6) | usize::from(next & 0x3F))
            .copied()
            .unwrap_or(0)
    })
}

/// For U+0600..U+06FF, indexed by the scalar's low 8 bits: [`IN_WORD`] when [`is_arabic_word_char`], [`FOLDS`] when
/// folding changes the character. One load a character tells both.
static ARABIC_CLASS: [u8; 256] = {
    let fold = crate::fold::arabic_fold_table();
    let mut table = [0u8; 256];
    let mut low = 0;
    while low < 256 {
        // A constant loop over the tables' own length: `low` is always in bounds.
        #[allow(clippy::indexing_slicing)]
        {
            if is_arabic_word_char(0x0600 + low as u32) {
                table[low] |= IN_WORD;
            }
            if fold[low] != crate::fold::KEEP {
                table[low] |= FOLDS;
            }
        }
        low += 1;
    }
    table
};
const IN_WORD: u8 = 1;
const FOLDS: u8 = 2;

const fn is_arabic_word_char(scalar: u32) -> bool {
    matches!(
        scalar,
        0x0610..=0x061A | 0x0620..=0x065F | 0x0660..=0x0669 | 0x066E..=0x06D3 | 0x06D5..=0x06FC | 0x06FF
    )
}

impl<'a> Words<'a> {
    /// The next word, with its byte offset and whether folding changes it (whether [`crate::fold_borrowed`] would
    /// copy it): found in the same pass over the bytes, so a caller that folds every word need not look at each
    /// word twice.
    ///
    /// ```
    /// let mut words = khulasa_normalize::words("قال الإرهاب");
    /// assert_eq!(words.next_noting_folds(), Some((0, "قال", false)));
    /// assert_eq!(words.next_noting_folds(), Some((7, "الإرهاب", true)));
    /// assert_eq!(words.next_noting_folds(), None);
    /// ```
    pub fn next_noting_folds(&mut self) -> Option<(usize, &'a str, bool)> {
        let mut start = self.pos;
        let mut folds = loop {
            let (is_word, len, folds) = class_at(self.text, start)?;
            if is_word {
                break folds;
            }
            start += len;
        };
        let bytes = self.text.as_bytes();
        let mut end = start;
        loop {
            // Two-byte Arabic characters, most of a word, decided from the pair with one load each (what `class_at`
            // does for them, without its other cases).
            if let Some(&[lead, next]) = bytes.get(end..end + 2) {
                if let Some(class) = arabic_class(lead, next) {
                    if class & IN_WORD == 0 {
                        break;
                    }
                    folds |= class & FOLDS != 0;
                    end += 2;
                    continue;
                }
            }
            match class_at(self.text, end) {
                Some((true, len, changes)) => {
                    folds |= changes;
                    end += len;
                }
                _ => break,
            }
        }
        self.pos = end;
        Some((start, self.text.get(start..end)?, folds))
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        self.next_noting_folds().map(|(start, word, _)| (start, word))
    }
}

#[cfg(test)]
mod tests {
    use super::is_word_char;
    use proptest::prelude::*;

    /// The definition, character by character: what the byte-level iterator must give.
    fn reference(text: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            match (start, i < text.len() && is_word_char(c)) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    out.push((s, &text[s..i]));
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    proptest! {
        #[test]
        fn a_word_is_noted_as_folding_when_folding_changes_it(text in "[\\u{0600}-\\u{06FF} a-z0-9.,\\u{00C0}-\\u{024F}\\u{FB50}-\\u{FDFF}]{0,40}|\\PC{0,40}") {
            let mut words = super::words(&text);
            while let Some((_, word, folds)) = words.next_noting_folds() {
                prop_assert_eq!(folds, crate::fold(word) != word, "{:?}", word);
            }
        }

        #[test]
        fn bytes_and_characters_agree(text in "[\\u{0600}-\\u{06FF} a-z0-9.,\\u{00C0}-\\u{024F}\\u{0750}-\\u{077F}\\u{FB50}-\\u{FDFF}]{0,40}|\\PC{0,40}") {
            let got: Vec<(usize, &str)> = super::words(&text).collect();
            prop_assert_eq!(got, reference(&text));
        }
    }

    #[test]
    fn the_arabic_block_agrees_with_unicode_letters_digits_and_marks() {
        for c in ('\u{0600}'..='\u{06FF}').filter(|c| c.is_alphanumeric()) {
            assert!(is_word_char(c), "{c:?} is a letter or digit");
        }
        for c in ['،', '؛', '؟', '٪', '٫', '٬', '٭', '۔', '\u{0600}', '؎'] {
            assert!(!is_word_char(c), "{c:?} is punctuation or a symbol");
        }
        for c in ['\u{064E}', '\u{0651}', '\u{0670}', 'ـ', '\u{06E1}'] {
            assert!(is_word_char(c), "{c:?} decorates a word");
        }
    }
}
