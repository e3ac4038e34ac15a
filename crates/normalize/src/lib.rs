//! Arabic text normalisation for khulasa: decoding, repair and folding.
//!
//! Three layers, kept apart on purpose:
//! - [`decode`] turns bytes into text (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1256) and says which
//!   encoding it used;
//! - [`Repairer`] fixes only what extraction broke (what a translator sees): presentation forms, controls,
//!   spaces, mirrored brackets and reversed lam-alef ligatures, weighing a word-frequency lexicon and the
//!   [`Evidence`] of the story; it keeps an [`OffsetMap`] back to the text as received;
//! - [`fold_into`] erases differences that matching must ignore (diacritics, hamza seats, ta marbuta, ...); its
//!   output is never shown to anyone.
//!
//! It does not split sentences, stem, or score: those are later stages. It does not correct the writer's own
//! spelling (typos, words run together) either.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

mod decode;
mod evidence;
mod fold;
mod lexicon;
mod lexicon_tables;
mod offsets;
mod repair;
mod scan;
mod words;

pub use decode::{decode, DecodeError, Decoded, Encoding};
pub use evidence::Evidence;
pub use fold::{fold, fold_borrowed, fold_char, fold_into};
pub use lexicon::LexiconError;
pub use offsets::OffsetMap;
pub use repair::{Repaired, Repairer};
pub use words::{words, Words};
