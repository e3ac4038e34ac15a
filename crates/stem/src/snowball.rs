use crate::Stemmer;
use std::borrow::Cow;

/// The Snowball Arabic stemmer (from `rust-stemmers`).
///
/// Snowball normalises and stems on its own; given folded words (hamza seats already erased) it conflates less
/// than on raw text (see the crate README).
///
/// ```
/// use khulasa_stem::Stemmer;
/// assert_eq!(khulasa_stem::SnowballStemmer::new().name(), "snowball");
/// ```
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
    /// assert_eq!(s.stem("المدارس"), "مدارس");
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
