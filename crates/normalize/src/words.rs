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
    c.is_alphanumeric()
        || matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
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
