use crate::Stemmer;
use std::borrow::Cow;

/// A light stemmer of the Light10 family (Larkey, Ballesteros & Connell 2007) for folded words.
#[derive(Debug, Clone, Default)]
pub struct LightStemmer {}

const PREFIXES: [&str; 7] = ["وال", "بال", "كال", "فال", "لل", "ال", "و"];
const SUFFIXES: [&str; 8] = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

impl LightStemmer {
    /// A light stemmer.
    pub fn new() -> Self {
        LightStemmer {}
    }

    /// The stem, as a slice of the input.
    ///
    /// ```
    /// let s = khulasa_stem::LightStemmer::new();
    /// assert_eq!(s.stem_str("بالمدارس"), "مدارس");
    /// ```
    pub fn stem_str<'a>(&self, word: &'a str) -> &'a str {
        let mut w = word;
        for p in PREFIXES {
            let min = if p == "و" { 3 } else { 2 };
            if let Some(rest) = w.strip_prefix(p) {
                if rest.chars().count() >= min {
                    w = rest;
                    break;
                }
            }
        }
        for s in SUFFIXES {
            if let Some(rest) = w.strip_suffix(s) {
                if rest.chars().count() >= 2 {
                    w = rest;
                }
            }
        }
        w
    }
}

impl Stemmer for LightStemmer {
    fn stem<'a>(&self, folded: &'a str) -> Cow<'a, str> {
        Cow::Borrowed(self.stem_str(folded))
    }
    fn name(&self) -> &'static str {
        "light"
    }
}
