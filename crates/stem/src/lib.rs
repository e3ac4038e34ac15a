//! Arabic stemming for khulasa: words (already folded) to stems, and text to index terms.
//!
//! Two algorithms behind one [`Stemmer`] trait: [`LightStemmer`], a light stemmer of the Light10 family that
//! strips clitics and affixes and returns a slice of its input (no allocation per word), and [`SnowballStemmer`],
//! the Snowball Arabic stemmer of `rust-stemmers`. [`Analyzer`] chains folding, tokenising, stop words and a
//! stemmer into the terms that scoring sees.
//!
//! It does not repair text (see `khulasa-normalize`) or weight terms (see `khulasa-score`).
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
