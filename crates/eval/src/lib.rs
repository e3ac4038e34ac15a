//! Evaluation for khulasa: ROUGE of summaries, stemmer conflation, sentence boundaries, event groupings.
//!
//! Measures only: it never summarises, stems or splits by itself. Callers bring the system's output (summary
//! text, a stem function, sentence end offsets, story groups) and this crate scores it against gold data:
//! - [`rouge`]: ROUGE-1/2/L precision, recall and F1 over [`rouge_tokens`], averaged over references;
//! - [`stats`]: bootstrap confidence intervals over articles and a paired randomisation test, from a
//!   deterministic, seeded random number generator;
//! - [`oracle`]: the greedy extractive oracle at a word budget (the ceiling of extraction);
//! - [`corpus`]: reading a corpus in the EASC layout (`articles/NAME.txt`, `summaries/NAME/*.txt`);
//! - [`report`] and [`chart`]: tables (terminal, Markdown, CSV, JSON) and an SVG bar chart;
//! - [`conflation`]: a stemmer's conflation of word types against CoNLL-U gold lemmas;
//! - [`boundaries`]: a splitter's sentence boundaries against joined CoNLL-U sentences;
//! - [`events`]: a grouping of stories into events against gold events, by B-cubed ([`bcubed`]), and the
//!   reading of event gold files ([`events::parse`]).
//!
//! ## Definitions
//!
//! - **Tokens** follow one published rule so that figures compare with other tools ([`rouge_tokens`]): folding
//!   by [`khulasa_normalize::fold_char`], then maximal runs of Arabic letters, ASCII digits and ASCII letters. No
//!   stemming, so a stemmer under test cannot flatter itself.
//! - **ROUGE** is computed as Google's `rouge-score` computes it: clipped n-gram matches; ROUGE-L is the longest
//!   common subsequence of the whole token sequences (not the summary-level union LCS). P, R and F1 are averaged
//!   over an article's references, then over articles. On the same summaries and tokens, `rouge-score` 0.1.2
//!   gives the same figures (`scripts/rouge-agreement` checks it, to 0.05 points).
//! - **Intervals**: percentile bootstrap over articles (10,000 resamples by default, SplitMix64 with a fixed
//!   seed, so a rerun prints the same intervals).
//! - **Paired test**: approximate randomisation over articles (sign flips of the per-article differences,
//!   two-sided, p = (hits + 1) / (resamples + 1)).
//! - **Oracle**: greedy extraction of body sentences (those selection may pick) maximising ROUGE-1 F1 +
//!   ROUGE-2 F1 against the references within the same budget; its figures are then computed like any summary's.
//! - **Conflation**: word types of NOUN, ADJ, VERB and ADV, words and lemmas folded, each type's lemma its most
//!   frequent gold lemma; over all pairs of distinct types, precision = pairs sharing a stem and a lemma / pairs
//!   sharing a stem, recall = the same / pairs sharing a lemma.
//! - **Boundaries**: gold sentences joined into paragraphs (with a space, with no space after final punctuation,
//!   or hard-wrapped); a boundary is the position, in non-white-space bytes, where a sentence ends; only
//!   boundaries inside a paragraph count, as its end is free for every splitter.
//! - **B-cubed** (Bagga and Baldwin 1998): per story, precision = |its group ∩ its event| / |its group| and
//!   recall = |its group ∩ its event| / |its event|, averaged over stories; F1 is the harmonic mean of the two
//!   averages. Both lists must hold the same stories, each once.
//!
//! ```
//! use khulasa_eval::rouge::{rouge_multi, Metric};
//! let candidate = khulasa_eval::rouge_tokens("أعلن الوزير خطة الحكومة.");
//! let references = [khulasa_eval::rouge_tokens("اعلن الوزير خطة الحكومة الجديدة")];
//! let score = rouge_multi(&candidate, &references);
//! assert!(score.f(Metric::Rouge2) > 0.8);
//! ```
#![deny(missing_docs)]
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

/// ROUGE tokens of `text`, by the rule khulasa's evaluation follows, so figures compare with other tools.
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

/// The README's example, compiled and run as a doc-test so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;
