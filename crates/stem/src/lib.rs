//! Arabic stemming for khulasa: words (already folded) to stems, and text to index terms.
//!
//! Stemmers see words after folding (`khulasa_normalize::fold`: diacritics and tatweel removed, `أ إ آ ٱ → ا`,
//! `ى → ي`, `ة → ه`, `ؤ → و`, `ئ → ي`). Three algorithms sit behind one [`Stemmer`] trait, chosen by [`Algorithm`]
//! (`--algorithm` / `--stemmer` on the command line):
//!
//! - `light` ([`LightStemmer`], the default): a light stemmer of the Light10 family (Larkey, Ballesteros & Connell
//!   2007), extended with the clitics and endings Light10 misses. It returns a slice of its input, so nothing is
//!   allocated per word; its rules are listed on [`LightStemmer`].
//! - `snowball` ([`SnowballStemmer`]): the Snowball Arabic stemmer of `rust-stemmers`, for comparison.
//! - `none`: the folded word is its own term.
//!
//! [`Analyzer`] chains folding, tokenising, stop words and a stemmer into the terms that scoring sees.
//!
//! ```
//! let analyzer = khulasa_stem::Analyzer::new(khulasa_stem::Algorithm::Light, true);
//! let mut terms = Vec::new();
//! analyzer.terms("في المدارس الحكومية", &mut String::new(), |t| terms.push(t.to_owned()));
//! assert_eq!(terms, ["مدارس", "حكوم"]);
//! ```
//!
//! It does not repair text (see `khulasa-normalize`) or weight terms (see `khulasa-score`).
//!
//! # Known costs of the light stemmer
//!
//! Each rule is kept because it is right far more often than not:
//!
//! - `و` before three letters is read as the conjunction (`وزير → زير`, as `وقال → قال`);
//! - stripping the ta marbuta conflates some feminine nouns with their root noun (`دورة` / `دور`);
//! - broken plurals (`أعمال` / `عمل`) are out of reach. Reducing the `أفعال` pattern, as ARLSTem does, is left out:
//!   after folding it also hits the `إفعال` verbal nouns (`إسلام → سلم`, `إنتاج → نتج`), and its stem would not be
//!   a slice of the word.
//!
//! The words of `data/nostem-ar.lst` are returned whole: function words (`بينما`, `عندما`, `الذين`, ...) and
//! frequent proper names written without the article (`لبنان`, `فلسطين`, ...), which the rules would otherwise cut
//! (`لبنان` is not `لـ + بنان`).
//!
//! # Conflation against gold lemmas
//!
//! Stemmers are compared on how they group word types (`tests/conflation.rs`, `scripts/eval-stem.sh`). Over all
//! pairs of distinct word types whose part of speech is NOUN, ADJ, VERB or ADV, precision is the share of pairs
//! sharing a stem that also share a lemma, and recall the share of pairs sharing a lemma that also share a stem. A
//! type's lemma is its most frequent gold lemma, compared after folding. In UD Arabic-PUD a surface word is the run
//! of tokens glued by `SpaceAfter=No` (punctuation apart) holding one content token, whose lemma it takes; in PADT
//! the syntactic words are used, vowels stripped.
#![deny(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

mod analyzer;
mod light;
mod nostem;
mod snowball;
mod stopwords;
mod wordset;

pub use analyzer::Analyzer;
pub use light::LightStemmer;
pub use nostem::is_nostem;
pub use snowball::SnowballStemmer;
pub use stopwords::is_stopword;

use std::borrow::Cow;

/// A stemmer of folded Arabic words.
///
/// ```
/// use khulasa_stem::Stemmer;
/// let stemmer: Box<dyn Stemmer> = khulasa_stem::Algorithm::Light.stemmer();
/// let folded = khulasa_normalize::fold("والحكومات");
/// assert_eq!(stemmer.stem(&folded), "حكوم");
/// assert_eq!(stemmer.name(), "light");
/// ```
pub trait Stemmer: Send + Sync {
    /// The stem of a folded word (see `khulasa_normalize::fold`).
    fn stem<'a>(&self, folded: &'a str) -> Cow<'a, str>;
    /// The algorithm's name, as given to `--algorithm`.
    fn name(&self) -> &'static str;
}

/// The stemming algorithms khulasa offers.
///
/// ```
/// let algorithm: khulasa_stem::Algorithm = "snowball".parse().unwrap();
/// assert_eq!(algorithm, khulasa_stem::Algorithm::Snowball);
/// assert!("porter".parse::<khulasa_stem::Algorithm>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// No stemming: the folded word is its own term.
    None,
    /// [`LightStemmer`].
    Light,
    /// [`SnowballStemmer`].
    Snowball,
}

impl Algorithm {
    /// Parses `none`, `light` or `snowball`.
    ///
    /// ```
    /// assert_eq!(khulasa_stem::Algorithm::parse("light"), Some(khulasa_stem::Algorithm::Light));
    /// ```
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "none" => Some(Algorithm::None),
            "light" => Some(Algorithm::Light),
            "snowball" => Some(Algorithm::Snowball),
            _ => None,
        }
    }

    /// A stemmer for this algorithm.
    ///
    /// ```
    /// let s = khulasa_stem::Algorithm::Light.stemmer();
    /// assert_eq!(s.stem("والارهاب"), "ارهاب");
    /// ```
    pub fn stemmer(self) -> Box<dyn Stemmer> {
        match self {
            Algorithm::None => Box::new(Identity),
            Algorithm::Light => Box::new(LightStemmer::new()),
            Algorithm::Snowball => Box::new(SnowballStemmer::new()),
        }
    }
}

impl std::str::FromStr for Algorithm {
    type Err = StemError;

    fn from_str(name: &str) -> Result<Self, StemError> {
        Algorithm::parse(name).ok_or_else(|| StemError::UnknownAlgorithm(name.to_owned()))
    }
}

/// What can go wrong in this crate.
///
/// ```
/// let err = "porter".parse::<khulasa_stem::Algorithm>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown stemming algorithm `porter` (expected none, light or snowball)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StemError {
    /// A name that is not `none`, `light` or `snowball`.
    #[error("unknown stemming algorithm `{0}` (expected none, light or snowball)")]
    UnknownAlgorithm(String),
}

struct Identity;

impl Stemmer for Identity {
    fn stem<'a>(&self, folded: &'a str) -> Cow<'a, str> {
        Cow::Borrowed(folded)
    }
    fn name(&self) -> &'static str {
        "none"
    }
}

/// The README's example, compiled and run as a doc-test so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;
