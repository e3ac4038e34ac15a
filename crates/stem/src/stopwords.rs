// Looked up once per word of every text: FxHash, not SipHash (the keys are our own list, not hostile input).
use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

const STOPWORDS: &str = include_str!("../../../corpora/stopwords-ar.lst");

fn set() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        STOPWORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(khulasa_normalize::fold)
            .collect()
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
