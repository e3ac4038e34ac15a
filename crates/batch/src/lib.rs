//! A batch of stories, from where it comes to the outputs in order: [`input`] reads text files, folders of them,
//! JSONL feeds (gzip-compressed or not) and standard input as one stream of [`input::Document`]s in a fixed
//! order, each bad input a one-line [`input::Failure`] naming its file (or `file:line`) while the rest of the
//! stream goes on; [`run::run`] runs a job over the stream in parallel (rayon), hands the outputs on in input
//! order and counts what went wrong; [`spool::Spool`] keeps a first pass's records for the second, in memory up to
//! a limit and in a temporary file beyond it.
//!
//! What it does not do: repair, split or score a story (the stage crates do; a job calls them), print anything
//! (failures and progress go to a [`run::Watch`] of the caller's), or hold a batch in memory: the stream reads
//! one file, or one line of a feed, at a time (lines over [`input::MAX_LINE_BYTES`] are refused), and a few
//! chunks of stories are in memory at once.
//!
//! ```
//! use khulasa_batch::input::{documents, Fields};
//!
//! let dir = tempfile::tempdir()?;
//! let feed = dir.path().join("day.jsonl");
//! std::fs::write(&feed, "{\"id\": \"a\", \"text\": \"قال الوزير إن الخطة جاهزة.\"}\nnot json\n")?;
//! let read: Vec<_> = documents(&[feed], &Fields::default()).collect();
//! assert_eq!(read[0].as_ref().ok().map(|doc| doc.id.as_str()), Some("a"));
//! assert!(read[1].as_ref().is_err_and(|failure| failure.origin.ends_with("day.jsonl:2")));
//! # Ok::<(), std::io::Error>(())
//! ```
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]
#![deny(missing_docs)]

pub mod input;
pub mod run;
pub mod spool;

/// The README's example, compiled and run as a doc-test so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;
