//! Sentence scoring and summary selection for khulasa.
//!
//! A [`Document`] is a list of sentences reduced to what scoring needs: term ids (local to the document), a word
//! count and a [`Role`]. A [`Scorer`] gives every sentence a score; [`select`] picks the summary within a
//! [`Budget`], in rank order, optionally trading score for novelty (MMR). [`DfTable`] holds document frequencies
//! for IDF, and can be saved, loaded and merged.
//!
//! It does not read text, split or stem: callers bring terms (see `khulasa-stem`).

mod df;
mod document;
mod scorers;
mod select;

pub use df::{DfError, DfTable};
pub use document::{Document, Role, SentenceFeatures};
pub use scorers::{scorer, Scorer, SCORER_NAMES};
pub use select::{select, Budget, Pick};
