//! Evaluation for khulasa: ROUGE of summaries, stemmer conflation, sentence boundaries.
//!
//! Measures only: it never produces summaries itself. Tokens for ROUGE follow one published rule so figures
//! compare with other tools (see [`rouge_tokens`]).

pub mod boundaries;
pub mod conflation;

/// ROUGE tokens of `text`: diacritics and tatweel removed, alef/ya/ta-marbuta/hamza seats and digits folded,
/// then maximal runs of Arabic letters, digits and ASCII letters.
///
/// ```
/// assert_eq!(khulasa_eval::rouge_tokens("قالَ: إنّ ٣ مدارس."), ["قال", "ان", "3", "مدارس"]);
/// ```
pub fn rouge_tokens(text: &str) -> Vec<String> {
    let folded = khulasa_normalize::fold(text);
    let mut tokens = Vec::new();
    let mut current = String::new();
    for c in folded.chars() {
        let keep = matches!(c, '\u{0621}'..='\u{064A}' | '\u{0671}'..='\u{06D3}') || c.is_ascii_alphanumeric();
        if keep {
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
