//! Checks shared by the integration tests, written apart from the crate's own code so that they test it.

#![allow(dead_code)]

/// Marks with no width (direction marks, joiners, isolates, BOM).
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

fn is_arabic_letter(c: char) -> bool {
    c.is_alphabetic()
        && matches!(u32::from(c), 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// True when `text` holds hashtag markup: a `#` followed (past more `#` and invisible marks) by an Arabic letter,
/// or a `#` at the start of a word followed by any letter or digit.
pub fn has_hashtag_markup(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        if c != '#' {
            return false;
        }
        let next = chars[i + 1..].iter().copied().find(|&n| n != '#' && !is_invisible(n));
        let before = i.checked_sub(1).map(|j| chars[j]);
        let word_start = before.is_none_or(|b| {
            b.is_whitespace() || matches!(b, '(' | '[' | '«' | '"' | '“' | '”' | '،' | ',' | ':' | '.' | '#' | '-')
        });
        next.is_some_and(is_arabic_letter) || (word_start && next.is_some_and(char::is_alphanumeric))
    })
}

/// `text` without what the hashtag rule may delete or turn into spaces: `#`, `_`, white space, invisible marks.
pub fn skeleton(text: &str) -> String {
    text.chars()
        .filter(|&c| c != '#' && c != '_' && !c.is_whitespace() && !is_invisible(c))
        .collect()
}
