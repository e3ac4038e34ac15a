use crate::wordset::WordSet;
use std::sync::OnceLock;

const STOPWORDS: &str = include_str!("../data/stopwords-ar.lst");

// Looked up once for every word of every text.
fn set() -> &'static WordSet {
    static SET: OnceLock<WordSet> = OnceLock::new();
    SET.get_or_init(|| WordSet::from_list(STOPWORDS))
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
