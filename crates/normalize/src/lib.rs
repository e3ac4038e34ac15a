//! Arabic text normalisation for khulasa: decoding, repair and folding.
//!
//! Three layers, kept apart on purpose:
//! - [`decode`] turns bytes into text (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1256) and says which
//!   encoding it used;
//! - [`Repairer`] fixes only what extraction broke (what a translator sees), keeping an [`OffsetMap`] back to the
//!   text as received;
//! - [`fold_into`] erases differences that matching must ignore (diacritics, hamza seats, ta marbuta, ...); its
//!   output is never shown to anyone.
//!
//! It does not split sentences, stem, or score: those are later stages.

mod decode;
mod fold;
mod offsets;
mod repair;
mod words;

pub use decode::{decode, DecodeError, Decoded, Encoding};
pub use fold::{fold, fold_char, fold_into};
pub use offsets::OffsetMap;
pub use repair::{Repaired, Repairer};
pub use words::{words, Words};
