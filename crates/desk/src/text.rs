//! Characters, folded words and word lists, as every rule sees them.

use std::sync::OnceLock;

/// Marks with no width that web text leaves in and around words: direction marks and isolates, joiners, the
/// byte-order mark. They are never what a rule is looking for, so matching skips them.
pub(crate) const fn is_invisible(c: char) -> bool {
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
    // The letters and digits of the Arabic block are answered first: `is_alphanumeric` looks every non-ASCII
    // character up in Unicode's tables, and on Arabic text that lookup was a third of the whole pipeline.
    matches!(c, 'a'..='z' | 'A'..='Z' | '0'..='9' | '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0660}'..='\u{0669}')
        || (!c.is_ascii() && (c.is_alphanumeric() || is_arabic_mark(c)))
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
    // Most characters fold to themselves: they are copied a run at a time, not pushed one by one, and the
    // Arabic letters and ASCII that do are told apart by a byte test before any character is decoded.
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        let unchanged = match b {
            b'A'..=b'Z' => false,
            0..=0x7F => true,
            0xD8..=0xDB => bytes.get(at + 1).is_some_and(|&next| {
                let offset = usize::from(b & 0x03) << 6 | usize::from(next & 0x3F);
                ARABIC_UNCHANGED.get(offset).copied().unwrap_or(false)
            }),
            _ => false,
        };
        if unchanged {
            at += if b < 0x80 { 1 } else { 2 };
            continue;
        }
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let folded = if c == 'ى' {
            Some(c)
        } else if is_invisible(c) {
            None
        } else {
            khulasa_normalize::fold_char(c).map(|f| f.to_ascii_lowercase())
        };
        if folded != Some(c) {
            out.push_str(text.get(run..at).unwrap_or(""));
            out.extend(folded);
            run = at + c.len_utf8();
        }
        at += c.len_utf8();
    }
    out.push_str(text.get(run..).unwrap_or(""));
}

/// For each character of the Arabic block (U+0600..06FF, by code point minus U+0600), whether [`fold_into`] keeps
/// it as it is.
// Evaluated when compiling: an index out of bounds would fail the build, not a run.
#[allow(clippy::indexing_slicing)]
static ARABIC_UNCHANGED: [bool; 256] = {
    let mut table = [false; 256];
    let mut offset = 0;
    while offset < 256 {
        let c = match char::from_u32(0x0600 + offset as u32) {
            Some(c) => c,
            None => '\0',
        };
        let kept = match khulasa_normalize::fold_char(c) {
            Some(f) => f == c,
            None => false,
        };
        table[offset] = c == 'ى' || (kept && !is_invisible(c));
        offset += 1;
    }
    table
};

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
/// Looked up for many words of every unit: hashed with rustc-hash's fast hash (the words are the crate's own).
pub(crate) struct Lexicon(rustc_hash::FxHashSet<String>);

impl Lexicon {
    pub(crate) fn contains(&self, key: &str) -> bool {
        self.0.contains(key)
    }
}

/// The lexicon in `cell`, folded from `words` on first use.
pub(crate) fn lexicon(cell: &'static OnceLock<Lexicon>, words: &[&str]) -> &'static Lexicon {
    cell.get_or_init(|| Lexicon(words.iter().map(|w| fold(w)).collect()))
}

/// Phrases of several words, written as spelt and kept folded, each as its list of words, found by their first
/// word (every unit is matched against every list: a scan of all the phrases was a tenth of the pipeline).
pub(crate) struct Phrases {
    by_first: rustc_hash::FxHashMap<String, Vec<Vec<String>>>,
    longest: usize,
}

impl Phrases {
    fn new(phrases: impl Iterator<Item = Vec<String>>) -> Self {
        let mut by_first: rustc_hash::FxHashMap<String, Vec<Vec<String>>> = Default::default();
        let mut longest = 0;
        for phrase in phrases {
            longest = longest.max(phrase.len());
            if let Some(first) = phrase.first() {
                by_first.entry(first.clone()).or_default().push(phrase);
            }
        }
        Phrases { by_first, longest }
    }

    /// The number of tokens of the longest phrase.
    pub(crate) fn longest(&self) -> usize {
        self.longest
    }

    /// The number of tokens of the longest phrase that `tokens` opens with, if any.
    pub(crate) fn longest_prefix(&self, tokens: &[Token<'_>]) -> Option<usize> {
        self.by_first
            .get(tokens.first()?.key)?
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
    cell.get_or_init(|| Phrases::new(phrases.iter().map(|p| fold(p).split(' ').map(str::to_owned).collect())))
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

    /// The fold one character at a time: what [`fold_into`]'s byte test and runs must give.
    fn fold_by_char(text: &str) -> String {
        text.chars()
            .filter_map(|c| match c {
                'ى' => Some(c),
                c if is_invisible(c) => None,
                c => khulasa_normalize::fold_char(c).map(|f| f.to_ascii_lowercase()),
            })
            .collect()
    }

    #[test]
    fn folding_a_run_at_a_time_is_folding_each_character() {
        let block: String = (0x20..0x7F)
            .chain(0x600..0x700)
            .chain([0x200F, 0xFEFF, 0x2014, 0x1F600])
            .filter_map(char::from_u32)
            .collect();
        assert_eq!(fold(&block), fold_by_char(&block));
        for text in ["أعلنت الوزارةُ ـ يوم الخميس ـ CNN", "\u{200f}إلى ٢٠١٨ ؤ ئ ى", ""]
        {
            assert_eq!(fold(text), fold_by_char(text), "{text}");
        }
    }
}
