//! Sentence scoring and summary selection for khulasa.
//!
//! A [`Document`] is a list of sentences reduced to what scoring needs: term ids (local to the document), a word
//! count and a [`Role`], with an IDF per term. A [`Scorer`] gives every sentence a score: `lead`, `tfidf`,
//! `textrank` (Mihalcea & Tarau) and `textrank-cosine`, `lexrank` (Erkan & Radev, continuous) and
//! `lexrank-threshold`, `centroid`, and the `default` ([`DefaultScorer`]), a fitted combination of centrality,
//! position, similarity to the headline and to the centroid, and length. [`select`] picks the summary within a
//! [`Budget`] in rank order; [`select_mmr`] trades score for novelty. [`DfTable`] holds document frequencies for
//! IDF, and can be saved, loaded and merged.
//!
//! Graph scorers build a dense `n × n` similarity matrix (ndarray) up to [`DENSE_LIMIT`] sentences and a sparse
//! graph of each sentence's [`NEIGHBOURS`] strongest edges beyond, so a very long document stays cheap (its
//! candidates through a term held by many sentences are bounded by [`TERM_REACH`], its memory is linear). The
//! stationary distribution of the dense graph is solved for directly ([`stationary`]), that of the sparse graph
//! comes from a power iteration ([`pagerank`] is the same on a dense matrix) with a convergence test and a bound.
//!
//! It does not read text, split or stem: callers bring terms (see `khulasa-stem`).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

mod df;
mod document;
mod error;
mod fitted;
mod graph;
mod scorers;
mod select;

pub use df::{smoothed_idf, DfError, DfTable};
pub use document::{Document, Role, SentenceFeatures};
pub use error::ScoreError;
pub use graph::{
    pagerank, stationary, Stationary, DAMPING, DENSE_LIMIT, MAX_ITERATIONS, NEIGHBOURS, TERM_REACH, TOLERANCE,
};
pub use scorers::{scorer, DefaultScorer, DefaultWeights, LeadAnchored, Scorer, LEXRANK_THRESHOLD, SCORER_NAMES};
pub use select::{select, select_mmr, select_with, Budget, Desk, Pick, Standing, DEFAULT_DIVERSITY, MAX_OVERLAP};
