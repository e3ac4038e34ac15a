//! Evaluation for khulasa: ROUGE of summaries, stemmer conflation, sentence boundaries, event groupings.
//!
//! Measures only: it never summarises, stems or splits by itself. Callers bring the system's output (summary
//! text, a stem function, sentence end offsets) and this crate scores it against gold data:
//! - [`rouge`]: ROUGE-1/2/L precision, recall and F1 over [`rouge_tokens`], averaged over references;
//! - [`stats`]: bootstrap confidence intervals over articles and a paired randomisation test, from a
//!   deterministic, seeded random number generator;
//! - [`oracle`]: the greedy extractive oracle at a word budget (the ceiling of extraction);
//! - [`corpus`]: reading a corpus in the EASC layout;
//! - [`report`] and [`chart`]: tables (terminal, Markdown, CSV, JSON) and an SVG bar chart;
//! - [`conflation`]: a stemmer's conflation of word types against CoNLL-U gold lemmas;
//! - [`boundaries`]: a splitter's sentence boundaries against joined CoNLL-U sentences;
//! - [`events`]: a grouping of stories into events against gold events, by B-cubed ([`bcubed`]), and the
//!   reading of event gold files ([`events::parse`]).
//!
//! Tokens for ROUGE follow one published rule so that figures compare with other tools (see [`rouge_tokens`]).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

pub mod boundaries;
pub mod chart;
pub mod conflation;
pub mod corpus;
mod error;
pub mod events;
pub mod oracle;
pub mod report;
pub mod rouge;
pub mod stats;

pub use error::EvalError;
pub use events::bcubed;

/// Whether `c` (already folded) belongs to a ROUGE token: Arabic letters U+0621–064A and U+0671–06D3, ASCII
/// digits and ASCII letters.
fn is_token_char(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{064A}' | '\u{0671}'..='\u{06D3}') || c.is_ascii_alphanumeric()
}

/// ROUGE tokens of `text`, by the rule of the evaluation issue, so figures compare with other tools.
///
/// First every character is folded by [`khulasa_normalize::fold_char`]: U+0610–061A, U+064B–065F, U+0670,
/// U+06D6–06ED and tatweel are removed; أ إ آ ٱ become ا, ى becomes ي, ة becomes ه, ؤ becomes و, ئ becomes ي,
/// Arabic-Indic and Persian digits become ASCII. Then a token is a maximal run of U+0621–064A, U+0671–06D3,
/// ASCII digits and ASCII letters; everything else separates tokens. No stemming, no case folding.
///
/// ```
/// assert_eq!(khulasa_eval::rouge_tokens("قالَ: إنّ ٣ مدارس."), ["قال", "ان", "3", "مدارس"]);
/// assert_eq!(khulasa_eval::rouge_tokens("الـمدرسة،UN-2"), ["المدرسه", "UN", "2"]);
/// ```
pub fn rouge_tokens(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    // Removed characters (diacritics, tatweel) vanish without splitting a token: `الـمدرسة` is one word.
    for c in text.chars().filter_map(khulasa_normalize::fold_char) {
        if is_token_char(c) {
            current.push(c);
        } else if !current.is_empty() {
            tokens.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

/// The number of white-space-separated words in `text`: the unit of word budgets.
///
/// ```
/// assert_eq!(khulasa_eval::word_count("  قال  الوزير،\nإن "), 3);
/// ```
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_follow_the_issue_rule() {
        // Diacritics, tatweel, hamza seats, ta marbuta and alef maqsura fold; Persian and Arabic-Indic digits
        // become ASCII; punctuation (، ؟ « ») and Latin punctuation separate tokens.
        assert_eq!(
            rouge_tokens("«مُسْتَشْفَى» الأطـفال، في ۱۹٩٠؟ مسؤول رئيس"),
            ["مستشفي", "الاطفال", "في", "1990", "مسوول", "رييس"]
        );
        assert_eq!(rouge_tokens("U.S. 3.5"), ["U", "S", "3", "5"]);
        // U+0671–06D3 (Persian and Urdu letters) stay inside tokens; U+06D4 (Urdu full stop) separates.
        assert_eq!(rouge_tokens("گل۔پ"), ["گل", "پ"]);
        assert!(rouge_tokens(" ... ،؛ ").is_empty());
    }
}
