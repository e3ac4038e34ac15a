//! Where a batch of stories comes from: text files, folders of them, JSONL feeds (gzip-compressed or not) and
//! standard input, read as one stream of [`input::Document`]s in a fixed order, each bad input a one-line
//! [`input::Failure`] naming its file (or `file:line`) while the rest of the stream goes on.
//!
//! What it does not do: repair, split or score a story (the stage crates do), or hold a batch in memory: the
//! stream reads one file, or one line of a feed, at a time, and refuses lines over
//! [`input::MAX_LINE_BYTES`].
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

/// The README's example, compiled and run as a doc-test so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;
