//! khulasa (خلاصة, "the gist"): extractive summaries of Arabic news, from Rust.
//!
//! What it does: repairs what text extraction broke, splits a story into sentences, cleans it up as a news desk
//! would (agency datelines, hashtags, boilerplate), scores the sentences and picks a summary within a budget:
//! the same picks as the `khulasa summarize` command. What it does not: read files or feeds for you (the
//! command's machinery, [`input`], does that behind the default `cli` feature), translate, or write abstracts
//! (every sentence of a summary is a sentence of the story).
//!
//! ```
//! let story = "أقرت الحكومة الموازنة العامة للعام المقبل أمس. وقال وزير المالية إن الموازنة تزيد الإنفاق \
//!              على التعليم. وأضاف أن العجز سينخفض. ورحب البرلمان بالخطة.";
//! for pick in khulasa::Summarizer::default().summarize(story) {
//!     println!("{} [{}..{}] rank {}", pick.text, pick.range.start, pick.range.end, pick.rank);
//! }
//! ```
//!
//! The stages are crates of their own, usable alone: `khulasa-normalize` (decode, repair), `khulasa-split`,
//! `khulasa-desk`, `khulasa-stem`, `khulasa-score`, `khulasa-export`, `khulasa-digest`, `khulasa-eval`; the
//! batch machinery (reading inputs, running a job over them in order, spooling records) is `khulasa-batch`.
//! [`pipeline`] chains the stages for one document; [`Summarizer`] is the front door.
//!
//! Features: `cli` (default) builds the command and its side of a batch ([`batch`], [`spool`], [`df`]) with
//! clap, indicatif and mimalloc; `serde` derives `Serialize`/`Deserialize` for [`Pick`]. With
//! `default-features = false` the library needs neither.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]
#![deny(missing_docs)]

#[cfg(feature = "cli")]
pub mod batch;
#[cfg(feature = "cli")]
pub mod df;
/// Where documents come from: files, folders, JSONL feeds, standard input (the `khulasa-batch` crate).
pub use khulasa_batch::input;
pub mod jsonl;
pub mod pipeline;
#[cfg(feature = "cli")]
pub mod spool;
mod summarizer;

pub use khulasa_score::{Budget, DfTable};
pub use summarizer::{Error, Idf, Pick, Summarizer};
