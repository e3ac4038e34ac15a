//! Sentence splitting for Arabic wire text, with byte offsets and a kind for every unit.
//!
//! Input is the repaired text of one document (see `khulasa-normalize`); output is a list of [`Sentence`]s in
//! document order, each a byte range into that text and a [`Kind`]: headline, sub-headline, body prose, or page
//! furniture (share counters, lone numbers) that is not prose at all. Ranges never overlap; what lies between them
//! is white space.
//!
//! It does not repair, fold or score text.

mod sentence;
mod splitter;

pub use sentence::{Kind, Sentence};
pub use splitter::split;
