use rustc_hash::FxHashSet;

/// A fixed set of words (the stop list, the no-stem list), looked up once for nearly every word of every text: a
/// hash set with the Fx hash, which is quick on the few bytes of a word.
pub(crate) struct WordSet {
    words: FxHashSet<String>,
}

impl std::fmt::Debug for WordSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "WordSet({} words)", self.words.len())
    }
}

/// The words of a list file (`data/*.lst`: a word a line, `#` comments and blank lines skipped), folded.
pub(crate) fn list_words(list: &str) -> impl Iterator<Item = String> + '_ {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(khulasa_normalize::fold)
}

impl WordSet {
    /// The set of the words of a list file, folded (see [`list_words`]).
    pub(crate) fn from_list(list: &str) -> WordSet {
        WordSet {
            words: list_words(list).filter(|w| !w.is_empty()).collect(),
        }
    }

    /// Whether `word` is in the set.
    #[inline]
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }
}
