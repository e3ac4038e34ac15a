//! Sentence splitting for Arabic wire text, with byte offsets and a kind for every unit.
//!
//! Input is the repaired text of one document (see `khulasa-normalize`); output is a list of [`Sentence`]s in
//! document order, each a byte range into that text and a [`Kind`]: headline, sub-headline, body prose, or page
//! furniture (share counters, lone numbers, share-button labels) that is not prose at all. Ranges never overlap,
//! and every character that is not white space lies in exactly one of them.
//!
//! How it decides: an empty line always ends a paragraph; [`layout`] judges each document to be one paragraph a line
//! (every line break ends a unit), hard-wrapped at a fixed width (a line break inside prose is a soft wrap), or too
//! short to judge (a line break is soft only after prose cut off mid-sentence); short unpunctuated lines are
//! headings, lines without letters or made of share-button words are furniture; inside a paragraph, terminal
//! punctuation ends a sentence unless it belongs to a number, an abbreviation or initial, a URL, or a mid-sentence
//! ellipsis, or stands inside a quotation or a bracket (`"…"` `“…”` `«…»` `(…)` `[…]` `﴿…﴾`) that closes later in the
//! same paragraph. Quotations and brackets are paired in one pass over the paragraph; one left open, or longer than
//! 2,000 bytes, holds nothing together.
//!
//! It does not repair, fold or score text, and it never fails: any string splits.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

mod lexicon;
mod quotes;
mod scan;
mod sentence;
mod splitter;

pub use sentence::{Kind, Sentence};
pub use splitter::{layout, split, split_into, Layout};
