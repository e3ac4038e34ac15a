use crate::{is_stopword, Algorithm, Stemmer};

/// Turns text into index terms: words, folded, stop words dropped (optionally), stemmed.
///
/// ```
/// let analyzer = khulasa_stem::Analyzer::new(khulasa_stem::Algorithm::None, false);
/// let mut terms = Vec::new();
/// analyzer.terms("قالَ الوزيرُ", &mut String::new(), |t| terms.push(t.to_owned()));
/// assert_eq!(terms, ["قال", "الوزير"]);
/// ```
pub struct Analyzer {
    stemmer: Box<dyn Stemmer>,
    stopwords: bool,
}

impl Analyzer {
    /// An analyzer with the given stemming algorithm, dropping stop words when `stopwords` is true.
    ///
    /// ```
    /// let analyzer = khulasa_stem::Analyzer::new(khulasa_stem::Algorithm::Light, true);
    /// let mut terms = Vec::new();
    /// analyzer.terms("في المدارس الحكومية", &mut String::new(), |t| terms.push(t.to_owned()));
    /// assert_eq!(terms, ["مدارس", "حكوم"]);
    /// ```
    pub fn new(algorithm: Algorithm, stopwords: bool) -> Self {
        Analyzer {
            stemmer: algorithm.stemmer(),
            stopwords,
        }
    }

    /// Calls `emit` with each term of `text`; `scratch` is reused between words so no word allocates.
    ///
    /// ```
    /// let a = khulasa_stem::Analyzer::new(khulasa_stem::Algorithm::Light, true);
    /// let mut terms = Vec::new();
    /// a.terms("قال إن الإرهاب والارهاب", &mut String::new(), |t| terms.push(t.to_owned()));
    /// assert_eq!(terms, ["ارهاب", "ارهاب"]);
    /// ```
    pub fn terms(&self, text: &str, scratch: &mut String, mut emit: impl FnMut(&str)) {
        for (_, word) in khulasa_normalize::words(text) {
            if let Some(term) = self.term(word, scratch) {
                emit(&term);
            }
        }
    }

    /// The term of one word (as [`khulasa_normalize::words`] gives them), or `None` for a stop word or a word
    /// that folds to nothing. Callers that meet the same word many times can keep its term and skip the work.
    ///
    /// ```
    /// let a = khulasa_stem::Analyzer::new(khulasa_stem::Algorithm::Light, true);
    /// let mut scratch = String::new();
    /// assert_eq!(a.term("والإرهاب", &mut scratch).as_deref(), Some("ارهاب"));
    /// assert_eq!(a.term("إن", &mut scratch), None);
    /// ```
    pub fn term<'a>(&self, word: &'a str, scratch: &'a mut String) -> Option<std::borrow::Cow<'a, str>> {
        // Most words fold to themselves: those are not copied.
        let folded = khulasa_normalize::fold_borrowed(word, scratch);
        if folded.is_empty() || (self.stopwords && is_stopword(folded)) {
            return None;
        }
        let stem = self.stemmer.stem(folded);
        (!stem.is_empty()).then_some(stem)
    }
}
