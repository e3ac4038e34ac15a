use crate::{is_stopword, Algorithm, LightStemmer, Stemmer};

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
    /// The light stemmer when it is the one: called directly, so that it is compiled into the loop over a text's
    /// words (through the trait object it is a call a word that the compiler cannot see into).
    light: Option<LightStemmer>,
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
            light: (algorithm == Algorithm::Light).then(LightStemmer::new),
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
        let mut words = khulasa_normalize::words(text);
        // The pass that finds a word also tells whether folding changes it: most words are not looked at again.
        while let Some((_, word, folds)) = words.next_noting_folds() {
            let folded = if folds {
                scratch.clear();
                khulasa_normalize::fold_into(word, scratch);
                scratch.as_str()
            } else {
                word
            };
            if let Some(term) = self.term_of_folded(folded) {
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
        self.term_of_folded(khulasa_normalize::fold_borrowed(word, scratch))
    }

    /// The term of a word already folded.
    fn term_of_folded<'a>(&self, folded: &'a str) -> Option<std::borrow::Cow<'a, str>> {
        if folded.is_empty() || (self.stopwords && is_stopword(folded)) {
            return None;
        }
        let stem = match &self.light {
            Some(light) => std::borrow::Cow::Borrowed(light.stem_str(folded)),
            None => self.stemmer.stem(folded),
        };
        (!stem.is_empty()).then_some(stem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// `terms` finds and folds words in one pass; it gives what `term` gives word by word.
        #[test]
        fn terms_are_the_terms_of_the_words(
            text in "[\\u{0600}-\\u{06FF} a-z0-9.,]{0,80}|\\PC{0,40}",
            stopwords: bool,
        ) {
            for algorithm in [Algorithm::None, Algorithm::Light, Algorithm::Snowball] {
                let analyzer = Analyzer::new(algorithm, stopwords);
                let mut together = Vec::new();
                analyzer.terms(&text, &mut String::new(), |t| together.push(t.to_owned()));
                let mut scratch = String::new();
                let one_by_one: Vec<String> = khulasa_normalize::words(&text)
                    .filter_map(|(_, word)| analyzer.term(word, &mut scratch).map(|t| t.into_owned()))
                    .collect();
                prop_assert_eq!(together, one_by_one);
            }
        }
    }
}
