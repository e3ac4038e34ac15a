use crate::wordset::WordSet;
use std::sync::OnceLock;

const STOPWORDS: &str = include_str!("../../../corpora/stopwords-ar.lst");

// Looked up once for every word of every text: a set of short words compared as numbers (see `WordSet`).
fn set() -> &'static WordSet {
    static SET: OnceLock<WordSet> = OnceLock::new();
    SET.get_or_init(|| {
        let words: Vec<String> = STOPWORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(khulasa_normalize::fold)
            .collect();
        WordSet::new(words.iter().map(String::as_str))
    })
}

/// True when a folded word is a stop word (function word, pronoun, reporting verb).
///
/// ```
/// assert!(khulasa_stem::is_stopword("الي"));
/// assert!(!khulasa_stem::is_stopword("الارهاب"));
/// ```
pub fn is_stopword(folded: &str) -> bool {
    set().contains(folded)
}
