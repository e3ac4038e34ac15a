//! Sentence scoring and summary selection for khulasa.
//!
//! A [`Document`] is a list of sentences reduced to what scoring needs: term ids (local to the document), a word
//! count and a [`Role`], with an IDF per term. A [`Scorer`] gives every sentence a score; [`select`] picks the
//! summary within a [`Budget`] in rank order, [`select_mmr`] trades score for novelty, and [`select_with`] holds the
//! picks to a news desk's conditions ([`Desk`]). [`DfTable`] holds document frequencies for IDF
//! ([`smoothed_idf`]: `ln((1 + N) / (1 + df)) + 1`), and can be saved, loaded and merged.
//!
//! It does not read text, split or stem: callers bring terms (see `khulasa-stem`). Headlines, sub-headlines and
//! furniture are never selected, though a headline may inform the scores.
//!
//! ```
//! use khulasa_score::{scorer, select, Budget, Document, Role, SentenceFeatures};
//! let s = |terms: &[u32], role| SentenceFeatures { terms: terms.to_vec(), words: terms.len(), role };
//! let doc = Document {
//!     sentences: vec![s(&[0, 1], Role::Headline), s(&[0, 1, 2], Role::Body), s(&[3, 4], Role::Body)],
//!     idf: vec![1.0; 5],
//! };
//! let scores = scorer("textrank").unwrap().score(&doc);
//! let picks = select(&doc, &scores, Budget::Sentences(1));
//! assert_eq!(picks[0].index, 1);
//! ```
//!
//! # Scorers ([`scorer`], [`SCORER_NAMES`])
//!
//! - `default` ([`LeadAnchored`]): the story's own order, `1/k` for the k-th body sentence, held to the desk's
//!   conditions when selected. News puts the gist first, and on unseen articles no combination of signals beats the
//!   opening sentences; what improves on them is what selection leaves out.
//! - `lead`: the same order as a baseline, not held to the desk's conditions.
//! - `weighted` ([`DefaultScorer`]): a weighted sum of six signals, each scaled to 0..1 over the body sentences:
//!   LexRank centrality, the position prior `1/sqrt(k)`, the relative position `1 - (k-1)/n`, cosine with the
//!   headline, cosine with the TF-IDF centroid, and the length `ln(1+words)/ln(1+most words)` ([`DefaultWeights`]).
//! - `tfidf`: the mean TF-IDF of a sentence's terms, TF counted over the whole story.
//! - `textrank` (Mihalcea & Tarau 2004): PageRank on edges weighted by
//!   `shared distinct terms / (ln|Si| + ln|Sj|)`.
//! - `lexrank` (Erkan & Radev 2004, continuous): the same walk on edges weighted by TF-IDF cosine (what is
//!   sometimes called TextRank with cosine edges); `lexrank-threshold`: an edge of weight 1 where the cosine
//!   exceeds [`LEXRANK_THRESHOLD`].
//! - `centroid` (Radev et al. 2004): cosine with the story's TF-IDF centroid.
//!
//! [`DefaultWeights::FITTED`] are fitted by `scripts/fit-default.py`, which writes `src/fitted.rs`: a seeded random
//! search over a grid of non-negative weights, then coordinate search, maximising ROUGE-2 under each article's
//! reference word budget. The position weight is held at 1 (only ratios matter) and the headline weight at 0.5 as a
//! prior, since the fitting articles have no headline. No weight may be negative: every signal is evidence for a
//! sentence, never against it. The MMR λ leaves 1 only for a gain of at least 0.1 ROUGE-2 points.
//!
//! # Graphs
//!
//! Graph scorers put every sentence of the story in the graph, headlines too, so that what they say lends weight to
//! the body sentences like them; a sentence without edges jumps uniformly, and the walk is damped by [`DAMPING`].
//! Up to [`DENSE_LIMIT`] sentences the similarity matrix is dense (ndarray, `n × n`, filled from an inverted index
//! so that pairs sharing no term are never visited) and its stationary distribution is solved for directly
//! ([`stationary`], Gaussian elimination), rounded to a grid of 2^-40 so that sentences alike in the graph tie
//! exactly and the earlier one wins. Beyond, each sentence keeps its [`NEIGHBOURS`] strongest edges, candidates
//! through a term held by many sentences are bounded by [`TERM_REACH`], and a power iteration from the uniform
//! vector ([`pagerank`] is the same on a dense matrix) stops at an L1 change below [`TOLERANCE`] or after
//! [`MAX_ITERATIONS`] steps: time and memory then grow about linearly with the story.
//!
//! # Selection
//!
//! - [`Budget::Sentences`]; [`Budget::Words`] takes whole sentences in rank order while they fit, skips one that
//!   does not fit and goes on, and always takes at least one; [`Budget::Ratio`] is a word budget of that fraction
//!   of the story's words.
//! - Ties are broken by position, so the same input always gives the same output; picks come back in document
//!   order with their rank.
//! - Redundancy (maximal marginal relevance, Carbonell & Goldstein 1998): each next sentence maximises
//!   `λ · score / best score − (1 − λ) · highest cosine with the sentences already chosen`; λ = 1
//!   ([`DEFAULT_DIVERSITY`]) is plain rank order.
//! - The desk's conditions ([`Desk`], [`Standing`]): a lead-in ending in a colon is never taken, a sentence that
//!   refers back (`وأضاف أن …`) only after the body sentence before it, and one whose distinct terms overlap a
//!   sentence already chosen or a headline by more than [`MAX_OVERLAP`] (Jaccard) not at all.
#![deny(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

mod df;
mod document;
mod error;
mod fitted;
mod graph;
mod scorers;
mod select;

pub use df::{background, smoothed_idf, DfError, DfTable, BACKGROUND_DF};
pub use document::{Document, Role, SentenceFeatures};
pub use error::ScoreError;
pub use graph::{
    pagerank, stationary, Stationary, DAMPING, DENSE_LIMIT, MAX_ITERATIONS, NEIGHBOURS, TERM_REACH, TOLERANCE,
};
pub use scorers::{scorer, DefaultScorer, DefaultWeights, LeadAnchored, Scorer, LEXRANK_THRESHOLD, SCORER_NAMES};
pub use select::{
    select, select_held, select_mmr, select_with, Budget, Desk, Pick, Standing, DEFAULT_DIVERSITY, MAX_OVERLAP,
};

/// The README's example, compiled and run as a doc-test so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;
