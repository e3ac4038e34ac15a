//! Characters, folded words and word lists, as every rule sees them.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Marks with no width that web text leaves in and around words: direction marks and isolates, joiners, the
/// byte-order mark. They are never what a rule is looking for, so matching skips them.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
    )
}

/// Arabic diacritics and tatweel: inside a word although they are not letters.
pub(crate) fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
}

/// A character of a word: a letter or digit of any script, or an Arabic mark.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_arabic_mark(c)
}

/// White space or an invisible mark.
pub(crate) fn is_blank(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// A dash that separates a dateline from its sentence (hyphen, en and em dashes, minus, and their kin).
pub(crate) fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// Quotation marks, either way round: writers of web Arabic close with `“` as often as with `”`.
pub(crate) fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '«' | '»' | '“' | '”' | '‘' | '’' | '„' | '‹' | '›')
}

/// Appends `text` folded for matching: the folds of `khulasa_normalize::fold_char` (no diacritics, one alef, ...)
/// except that alef maqsura stays, so that the preposition `على` is not the name `علي`; ASCII is lowercased and
/// invisible marks are dropped.
pub(crate) fn fold_into(text: &str, out: &mut String) {
    for c in text.chars() {
        if c == 'ى' {
            out.push(c);
        } else if !is_invisible(c) {
            if let Some(f) = khulasa_normalize::fold_char(c) {
                out.push(f.to_ascii_lowercase());
            }
        }
    }
}

/// `text` folded for matching (see [`fold_into`]).
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// A white-space separated token of folded text: the word in the middle (`key`, from its first to its last word
/// character, so `بيت.كوم` and `ا.ف.ب` stay whole) and the punctuation before (`lead`) and after (`trail`) it.
/// A token of punctuation only has an empty key and all of it as `lead`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token<'f> {
    pub lead: &'f str,
    pub key: &'f str,
    pub trail: &'f str,
}

impl Token<'_> {
    /// True when the punctuation after the word holds one of `marks`.
    pub(crate) fn trail_has(&self, marks: &[char]) -> bool {
        self.trail.contains(marks)
    }
}

/// The tokens of folded text, in order.
pub(crate) fn tokens(folded: &str) -> impl Iterator<Item = Token<'_>> {
    folded.split(is_blank).filter(|t| !t.is_empty()).map(|raw| {
        let start = raw.find(is_word_char).unwrap_or(raw.len());
        let end = raw
            .char_indices()
            .rev()
            .find(|&(_, c)| is_word_char(c))
            .map_or(start, |(i, c)| i + c.len_utf8());
        Token {
            lead: raw.get(..start).unwrap_or(""),
            key: raw.get(start..end).unwrap_or(""),
            trail: raw.get(end..).unwrap_or(""),
        }
    })
}

/// A set of words, written in the source as they are spelt and kept folded.
pub(crate) struct Lexicon(HashSet<String>);

impl Lexicon {
    pub(crate) fn contains(&self, key: &str) -> bool {
        self.0.contains(key)
    }
}

/// The lexicon in `cell`, folded from `words` on first use.
pub(crate) fn lexicon(cell: &'static OnceLock<Lexicon>, words: &[&str]) -> &'static Lexicon {
    cell.get_or_init(|| Lexicon(words.iter().map(|w| fold(w)).collect()))
}

/// Phrases of several words, written as spelt and kept folded, each as its list of words.
pub(crate) struct Phrases(Vec<Vec<String>>);

impl Phrases {
    /// The number of tokens of the longest phrase that `tokens` opens with, if any.
    pub(crate) fn longest_prefix(&self, tokens: &[Token<'_>]) -> Option<usize> {
        self.0
            .iter()
            .filter(|phrase| {
                phrase.len() <= tokens.len() && phrase.iter().zip(tokens).all(|(word, token)| word == token.key)
            })
            .map(Vec::len)
            .max()
    }
}

/// The phrases in `cell`, folded from `phrases` on first use.
pub(crate) fn phrases(cell: &'static OnceLock<Phrases>, phrases: &[&str]) -> &'static Phrases {
    cell.get_or_init(|| {
        Phrases(
            phrases
                .iter()
                .map(|p| fold(p).split(' ').map(str::to_owned).collect())
                .collect(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_alef_maqsura_apart_from_ya() {
        assert_eq!(fold("على"), "على");
        assert_eq!(fold("عليّ"), "علي");
        assert_eq!(fold("أضافَ"), "اضاف");
        assert_eq!(fold("CNN\u{200F}"), "cnn");
    }

    #[test]
    fn tokens_split_words_from_their_punctuation() {
        let folded = fold("«اقرأ أيضاً: (CNN)-- بيت.كوم - ...");
        let t: Vec<Token<'_>> = tokens(&folded).collect();
        assert_eq!(
            t[0],
            Token {
                lead: "«",
                key: "اقرا",
                trail: ""
            }
        );
        assert_eq!(
            t[1],
            Token {
                lead: "",
                key: "ايضا",
                trail: ":"
            }
        );
        assert_eq!(
            t[2],
            Token {
                lead: "(",
                key: "cnn",
                trail: ")--"
            }
        );
        assert_eq!(t[3].key, "بيت.كوم");
        assert_eq!(
            t[4],
            Token {
                lead: "-",
                key: "",
                trail: ""
            }
        );
        assert_eq!(t.len(), 6);
    }
}
