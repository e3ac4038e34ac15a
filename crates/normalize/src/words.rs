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
        0x0600..=0x06FF => matches!(
            u32::from(c),
            0x0610..=0x061A | 0x0620..=0x065F | 0x0660..=0x0669 | 0x066E..=0x06D3 | 0x06D5..=0x06FC | 0x06FF
        ),
        _ => c.is_alphanumeric(),
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.text.get(self.pos..)?;
        let start = self.pos + rest.char_indices().find(|&(_, c)| is_word_char(c))?.0;
        let tail = self.text.get(start..)?;
        let len = tail
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(tail.len(), |(i, _)| i);
        self.pos = start + len;
        Some((start, tail.get(..len)?))
    }
}

#[cfg(test)]
mod tests {
    use super::is_word_char;

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
