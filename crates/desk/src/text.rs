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
    // Most characters fold to themselves: they are copied a run at a time, not pushed one by one. ASCII and the
    // Arabic block are folded from a byte test and a table, without decoding a character.
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        let (len, folded) = match b {
            b'A'..=b'Z' => (1, Some(char::from(b.to_ascii_lowercase()))),
            0..=0x7F => {
                at += 1;
                continue;
            }
            0xD8..=0xDB => {
                let Some(&next) = bytes.get(at + 1) else { break };
                let offset = usize::from(b & 0x03) << 6 | usize::from(next & 0x3F);
                match ARABIC_FOLD.get(offset).copied().unwrap_or(KEEP) {
                    KEEP => {
                        at += 2;
                        continue;
                    }
                    code => (2, char::from_u32(u32::from(code)).filter(|_| code != DROP)),
                }
            }
            _ => {
                let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                let folded = fold_other(c);
                if folded == Some(c) {
                    at += c.len_utf8();
                    continue;
                }
                (c.len_utf8(), folded)
            }
        };
        out.push_str(text.get(run..at).unwrap_or(""));
        out.extend(folded);
        at += len;
        run = at;
    }
    out.push_str(text.get(run..).unwrap_or(""));
}

/// What a character folds to (see [`fold_into`]), `None` when it is dropped.
const fn fold_other(c: char) -> Option<char> {
    if c == 'ى' {
        Some(c)
    } else if is_invisible(c) {
        None
    } else {
        match khulasa_normalize::fold_char(c) {
            Some(f) => Some(f.to_ascii_lowercase()),
            None => None,
        }
    }
}

/// For each character of the Arabic block (U+0600..06FF, by code point minus U+0600), what [`fold_into`] makes of
/// it: [`KEEP`] for itself, [`DROP`] for nothing, else the code point it folds to.
// Evaluated when compiling: an index out of bounds would fail the build, not a run.
#[allow(clippy::indexing_slicing)]
static ARABIC_FOLD: [u16; 256] = {
    let mut table = [KEEP; 256];
    let mut offset = 0;
    while offset < 256 {
        if let Some(c) = char::from_u32(0x0600 + offset as u32) {
            table[offset] = match fold_other(c) {
                None => DROP,
                Some(f) if f as u32 == c as u32 => KEEP,
                Some(f) => f as u32 as u16,
            };
        }
        offset += 1;
    }
    table
};
const KEEP: u16 = u16::MAX;
const DROP: u16 = 0;

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

/// The tokens at the front of folded text, up to (not including) the token with a word that would be the
/// `most_words + 1`-th: what the rules read of a unit, cut once and shared by all of them.
pub(crate) fn leading_tokens(folded: &str, most_words: usize) -> Vec<Token<'_>> {
    let mut seen_words = 0;
    let mut front = Vec::with_capacity(most_words + 2);
    front.extend(tokens(folded).take_while(|t| {
        seen_words += usize::from(!t.key.is_empty());
        seen_words <= most_words
    }));
    front
}

/// The pieces of `text` between white space, empty ones left out. Only ASCII bytes up to the space and the lead
/// bytes of the other white space characters are looked at closely: Arabic letters are stepped over a byte at a
/// time, without decoding a character.
fn pieces(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || loop {
        if rest.is_empty() {
            return None;
        }
        let (piece, after) = cut_at_white_space(rest);
        rest = after;
        if !piece.is_empty() {
            return Some(piece);
        }
    })
}

/// `text` cut at its first white space: what comes before, and what comes after (empty when there is none).
fn cut_at_white_space(text: &str) -> (&str, &str) {
    let bytes = text.as_bytes();
    let mut from = 0;
    // U+0085 and U+00A0 are led by C2; U+1680, U+2000.., U+3000 by E1 to E3.
    let may_open_space = |b: &u8| *b <= b' ' || matches!(*b, 0xC2 | 0xE1..=0xE3);
    while let Some(at) = bytes.get(from..).and_then(|rest| rest.iter().position(may_open_space)) {
        let at = from + at;
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let after = at + c.len_utf8();
        if c.is_whitespace() {
            return (text.get(..at).unwrap_or(""), text.get(after..).unwrap_or(""));
        }
        from = after;
    }
    (text, "")
}

/// The tokens of folded text, in order (folded text has no invisible marks: its blanks are white space).
pub(crate) fn tokens(folded: &str) -> impl Iterator<Item = Token<'_>> {
    pieces(folded).map(|raw| {
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
    /// The lexicon of `words`, folded.
    pub(crate) fn folded<W: AsRef<str>>(words: impl Iterator<Item = W>) -> Self {
        Lexicon(words.map(|w| fold(w.as_ref())).collect())
    }

    pub(crate) fn contains(&self, key: &str) -> bool {
        self.0.contains(key)
    }
}

/// The lexicon in `cell`, folded from `words` on first use.
pub(crate) fn lexicon(cell: &'static OnceLock<Lexicon>, words: &[&str]) -> &'static Lexicon {
    cell.get_or_init(|| Lexicon::folded(words.iter()))
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

    /// True when some phrase opens with the word `key`.
    pub(crate) fn opens_with(&self, key: &str) -> bool {
        self.by_first.contains_key(key)
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
