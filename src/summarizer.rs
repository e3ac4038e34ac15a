//! The library's front door: a text in, the sentences of its summary out, as `khulasa summarize` gives them.

use crate::input::Document;
use crate::pipeline::{self, SummaryOptions};
use khulasa_normalize::Repairer;
use khulasa_score::{Budget, DfTable, Scorer};
use khulasa_stem::{Algorithm, Analyzer};
use rayon::prelude::*;
use std::ops::Range;
use std::sync::Arc;

/// A sentence of a summary.
///
/// ```
/// let text = "قال الوزير إن الحكومة ستدرس الخطة الجديدة. وأضاف أن الخطة جاهزة للتنفيذ.";
/// let picks = khulasa::Summarizer::default().summarize(text);
/// let first = &picks[0];
/// assert_eq!(&text[first.range.clone()], first.text);
/// assert_eq!((first.index, first.rank), (0, 1));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Pick {
    /// The sentence as a reader is shown it: repaired, on one line, an agency dateline cut and hashtags made
    /// words.
    pub text: String,
    /// Where the sentence lies in the text given, in bytes of its UTF-8.
    pub range: Range<usize>,
    /// The sentence's index among the text's sentences (headlines and furniture counted), as `khulasa split`
    /// numbers them.
    pub index: usize,
    /// Its rank in the summary: 1 for the sentence chosen first.
    pub rank: usize,
    /// Its score under the scorer.
    pub score: f64,
}

/// What a [`Summarizer`] refuses.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A scorer name that is not one of [`khulasa_score::SCORER_NAMES`].
    #[error("unknown scorer {0} (known: {known})", known = khulasa_score::SCORER_NAMES.join(", "))]
    UnknownScorer(String),
    /// A stemmer name other than `light`, `snowball` and `none`.
    #[error("unknown stemmer {0} (known: light, snowball, none)")]
    UnknownStemmer(String),
    /// A budget of no sentences or no words, or a ratio outside 0 to 1.
    #[error("a budget must allow at least one sentence or word, or a ratio between 0 and 1, not {0}")]
    Budget(String),
    /// A diversity outside 0 to 1.
    #[error("diversity must be a number between 0 and 1, not {0}")]
    Diversity(f64),
}

/// Where the inverse document frequencies of a summary's terms come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Idf {
    /// In a batch of at least [`crate::pipeline::MIN_BATCH_DOCUMENTS`] documents, the batch's own counts; else the
    /// background table of Arabic news (when the terms are light stems without stop words, the terms it holds),
    /// else the document's own sentences.
    #[default]
    Auto,
    /// Always the batch's own counts (a lone text is a batch of one).
    Batch,
    /// The background table of Arabic news (the document's own sentences when the terms are not those it holds).
    Background,
    /// The document's own sentences, each counted as a document.
    Document,
}

/// Summarises Arabic news as `khulasa summarize` does, with the same options and the same picks.
///
/// Built once and used for any number of texts (it is cheap to clone and can be shared across threads). The
/// defaults are the command's: the `default` scorer, three sentences, light stems without stop words,
/// [`khulasa_score::DEFAULT_DIVERSITY`], and IDF from the background table for a lone text or from the batch
/// for a batch of 100 or more.
///
/// ```
/// use khulasa::{Budget, Summarizer};
/// let summarizer = Summarizer::new().scorer("lexrank")?.budget(Budget::Sentences(1))?;
/// let text = "الحكومة تقر الموازنة\n\nأقرت الحكومة الموازنة العامة أمس. وقال الوزير إن الموازنة تدعم التعليم.";
/// let picks = summarizer.summarize(text);
/// assert_eq!(picks.len(), 1);
/// assert!(picks[0].text.contains("الموازنة"));
/// # Ok::<(), khulasa::Error>(())
/// ```
#[derive(Clone)]
pub struct Summarizer {
    repairer: Repairer,
    analyzer: Arc<Analyzer>,
    algorithm: Algorithm,
    keep_stopwords: bool,
    scorer: Arc<dyn Scorer>,
    budget: Budget,
    diversity: f64,
    idf: Idf,
    df: Option<Arc<DfTable>>,
}

impl Default for Summarizer {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Summarizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Summarizer")
            .field("scorer", &self.scorer.name())
            .field("budget", &self.budget)
            .field("stemmer", &self.algorithm)
            .field("keep_stopwords", &self.keep_stopwords)
            .field("diversity", &self.diversity)
            .field("idf", &self.idf)
            .field("df_documents", &self.df.as_ref().map(|t| t.documents))
            .finish()
    }
}

impl Summarizer {
    /// The command's defaults.
    pub fn new() -> Self {
        Summarizer {
            repairer: Repairer::new(),
            analyzer: Arc::new(Analyzer::new(Algorithm::Light, true)),
            algorithm: Algorithm::Light,
            keep_stopwords: false,
            scorer: Arc::new(khulasa_score::LeadAnchored),
            budget: Budget::Sentences(3),
            diversity: khulasa_score::DEFAULT_DIVERSITY,
            idf: Idf::Auto,
            df: None,
        }
    }

    /// The scorer, by the name `--scorer` takes ([`khulasa_score::SCORER_NAMES`]).
    ///
    /// ```
    /// assert!(khulasa::Summarizer::new().scorer("textrank").is_ok());
    /// assert!(khulasa::Summarizer::new().scorer("best").is_err());
    /// ```
    pub fn scorer(mut self, name: &str) -> Result<Self, Error> {
        let scorer = khulasa_score::scorer(name).ok_or_else(|| Error::UnknownScorer(name.to_owned()))?;
        self.scorer = Arc::from(scorer);
        Ok(self)
    }

    /// Any scorer, such as the weighted one with weights of your own.
    ///
    /// ```
    /// use khulasa_score::{DefaultScorer, DefaultWeights};
    /// let summarizer = khulasa::Summarizer::new().with_scorer(DefaultScorer::new(DefaultWeights::FITTED));
    /// assert!(!summarizer.summarize("أقرت الحكومة الموازنة.").is_empty());
    /// ```
    pub fn with_scorer(mut self, scorer: impl Scorer + 'static) -> Self {
        self.scorer = Arc::new(scorer);
        self
    }

    /// How much a summary may take (three sentences unless set).
    ///
    /// ```
    /// use khulasa::{Budget, Summarizer};
    /// assert!(Summarizer::new().budget(Budget::Words(40)).is_ok());
    /// assert!(Summarizer::new().budget(Budget::Ratio(1.5)).is_err());
    /// ```
    pub fn budget(mut self, budget: Budget) -> Result<Self, Error> {
        let valid = match budget {
            Budget::Sentences(n) | Budget::Words(n) => n > 0,
            Budget::Ratio(r) => (0.0..=1.0).contains(&r),
        };
        if !valid {
            return Err(Error::Budget(format!("{budget:?}")));
        }
        self.budget = budget;
        Ok(self)
    }

    /// The stemmer behind the terms: `light` (the default), `snowball` or `none`.
    ///
    /// ```
    /// assert!(khulasa::Summarizer::new().stemmer("snowball").is_ok());
    /// assert!(khulasa::Summarizer::new().stemmer("porter").is_err());
    /// ```
    pub fn stemmer(mut self, name: &str) -> Result<Self, Error> {
        self.algorithm = Algorithm::parse(name).ok_or_else(|| Error::UnknownStemmer(name.to_owned()))?;
        self.analyzer = Arc::new(Analyzer::new(self.algorithm, !self.keep_stopwords));
        Ok(self)
    }

    /// Keeps stop words among the terms (they are left out unless set).
    pub fn keep_stopwords(mut self, keep: bool) -> Self {
        self.keep_stopwords = keep;
        self.analyzer = Arc::new(Analyzer::new(self.algorithm, !keep));
        self
    }

    /// Redundancy control (MMR λ from 0 to 1): 1 is plain rank order, lower values say less twice.
    ///
    /// ```
    /// assert!(khulasa::Summarizer::new().diversity(0.7).is_ok());
    /// assert!(khulasa::Summarizer::new().diversity(2.0).is_err());
    /// ```
    pub fn diversity(mut self, lambda: f64) -> Result<Self, Error> {
        if !(0.0..=1.0).contains(&lambda) {
            return Err(Error::Diversity(lambda));
        }
        self.diversity = lambda;
        Ok(self)
    }

    /// Where IDF comes from when no table is given ([`Summarizer::df`]). Only a scorer that reads it
    /// ([`Scorer::reads_idf`]) or a diversity below 1 does; otherwise a batch is not counted.
    pub fn idf(mut self, idf: Idf) -> Self {
        self.idf = idf;
        self
    }

    /// Document frequencies to take IDF from, as `--df` takes them: a table counted over a larger collection
    /// ([`Summarizer::count`]), or several shards' tables merged ([`DfTable::merge`]). It overrides [`Idf`]. An
    /// `Arc<DfTable>` is shared, not copied, by the summarizers given it.
    ///
    /// ```
    /// use khulasa::{input::Document, Summarizer};
    /// let docs = [Document::new("a", "أقرت الحكومة الموازنة."), Document::new("b", "رفض البرلمان الموازنة.")];
    /// let summarizer = Summarizer::new();
    /// let table = summarizer.count(&docs);
    /// assert_eq!(table.documents, 2);
    /// let with_table = summarizer.clone().df(table);
    /// assert_eq!(with_table.summarize_batch(&docs), summarizer.idf(khulasa::Idf::Batch).summarize_batch(&docs));
    /// ```
    pub fn df(mut self, table: impl Into<Arc<DfTable>>) -> Self {
        self.df = Some(table.into());
        self
    }

    /// The summary of one text: its sentences in document order.
    ///
    /// ```
    /// let text = "قال الوزير إن الحكومة ستدرس الخطة. وأضاف أن الخطة جاهزة. وتابع أن التنفيذ يبدأ غدا. وختم بالشكر.";
    /// let picks = khulasa::Summarizer::default().summarize(text);
    /// assert_eq!(picks.len(), 3);
    /// assert!(picks.windows(2).all(|w| w[0].range.end <= w[1].range.start));
    /// ```
    pub fn summarize(&self, text: &str) -> Vec<Pick> {
        self.summarize_document(&Document::new("text", text))
    }

    /// The summary of one story, its title scored as the headline when its text has none (as a JSONL feed's
    /// `title` is).
    pub fn summarize_document(&self, doc: &Document) -> Vec<Pick> {
        if doc.text.trim().is_empty() {
            return Vec::new();
        }
        let df = match (&self.df, self.idf) {
            (Some(table), _) => Some(table.as_ref()),
            (None, Idf::Document) => None,
            (None, Idf::Batch) => {
                return self
                    .summarize_batch(std::slice::from_ref(doc))
                    .pop()
                    .unwrap_or_default()
            }
            (None, Idf::Auto | Idf::Background) => self.background(),
        };
        self.summarize_alone(doc, df)
    }

    /// The summary of one story with IDF from `df` (or its own sentences), read as far as the summary needs
    /// ([`pipeline::summarize_as_needed`]).
    fn summarize_alone(&self, doc: &Document, df: Option<&DfTable>) -> Vec<Pick> {
        if doc.text.trim().is_empty() {
            return Vec::new();
        }
        let summary = pipeline::summarize_as_needed(&self.repairer, doc, &self.options(df), self.diversity);
        picks_of(&summary)
    }

    fn options<'a>(&'a self, df: Option<&'a DfTable>) -> SummaryOptions<'a> {
        SummaryOptions {
            analyzer: &self.analyzer,
            scorer: self.scorer.as_ref(),
            budget: self.budget,
            df,
        }
    }

    /// The summaries of a batch of stories, in input order, with the batch's own document frequencies as
    /// [`Idf`] says (`khulasa summarize` over the same stories gives the same picks). Stories are summarised in
    /// parallel on rayon's threads; a story with no text has an empty summary and is not counted.
    pub fn summarize_batch(&self, docs: &[Document]) -> Vec<Vec<Pick>> {
        if self.df.is_none() && !pipeline::reads_idf(self.scorer.as_ref(), self.diversity) {
            // Nothing reads IDF: the batch is not counted, and each story is read as far as its summary needs.
            return docs.par_iter().map(|doc| self.summarize_alone(doc, None)).collect();
        }
        let prepared: Vec<Option<pipeline::Prepared>> = docs
            .par_iter()
            .map(|doc| (!doc.text.trim().is_empty()).then(|| pipeline::prepare(&self.repairer, doc, &self.analyzer)))
            .collect();
        let counted;
        let df = match (&self.df, self.idf) {
            (Some(table), _) => Some(table.as_ref()),
            (None, Idf::Document) => None,
            (None, Idf::Background) => self.background(),
            (None, Idf::Auto | Idf::Batch) => {
                counted = table_of(prepared.iter().flatten());
                let batch = self.idf == Idf::Batch || counted.documents >= crate::pipeline::MIN_BATCH_DOCUMENTS;
                if batch {
                    Some(&counted)
                } else {
                    self.background()
                }
            }
        };
        prepared
            .into_par_iter()
            .map(|p| p.map(|p| self.picks(p, df)).unwrap_or_default())
            .collect()
    }

    /// The document frequencies of a batch's terms (as `--save-df` writes them): to save, to merge with other
    /// shards' and to give to [`Summarizer::df`].
    pub fn count(&self, docs: &[Document]) -> DfTable {
        let prepared: Vec<pipeline::Prepared> = docs
            .par_iter()
            .filter(|doc| !doc.text.trim().is_empty())
            .map(|doc| pipeline::prepare(&self.repairer, doc, &self.analyzer))
            .collect();
        table_of(prepared.iter())
    }

    /// The background table, when the terms are those it holds (light stems without stop words).
    fn background(&self) -> Option<&'static DfTable> {
        pipeline::takes_background(self.algorithm, self.keep_stopwords).then(pipeline::background_df)
    }

    fn picks(&self, prepared: pipeline::Prepared, df: Option<&DfTable>) -> Vec<Pick> {
        picks_of(&pipeline::summarize_prepared(
            prepared,
            &self.options(df),
            self.diversity,
        ))
    }
}

/// A summary's picks with their units' text and place.
fn picks_of(summary: &pipeline::Summary) -> Vec<Pick> {
    summary
        .picks
        .iter()
        .filter_map(|pick| {
            let index = *summary.scored.get(pick.index)?;
            let unit = summary.split.units.get(index)?;
            Some(Pick {
                text: unit.text.clone(),
                range: unit.start..unit.end,
                index,
                rank: pick.rank,
                score: pick.score,
            })
        })
        .collect()
}

/// The number of prepared documents that hold each term.
fn table_of<'a>(prepared: impl Iterator<Item = &'a pipeline::Prepared>) -> DfTable {
    let mut table = DfTable::default();
    for p in prepared {
        table.add_document(p.terms.names.iter());
    }
    table
}
