use crate::Stemmer;
use std::borrow::Cow;

/// The Snowball Arabic stemmer (from `rust-stemmers`).
pub struct SnowballStemmer {
    inner: rust_stemmers::Stemmer,
}

impl Default for SnowballStemmer {
    fn default() -> Self {
        Self::new()
    }
}

impl SnowballStemmer {
    /// The Snowball Arabic stemmer.
    ///
    /// ```
    /// use khulasa_stem::Stemmer;
    /// let s = khulasa_stem::SnowballStemmer::new();
    /// assert!(!s.stem("المدارس").is_empty());
    /// ```
    pub fn new() -> Self {
        SnowballStemmer {
            inner: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Arabic),
        }
    }
}

impl Stemmer for SnowballStemmer {
    fn stem<'a>(&self, folded: &'a str) -> Cow<'a, str> {
        self.inner.stem(folded)
    }
    fn name(&self) -> &'static str {
        "snowball"
    }
}
