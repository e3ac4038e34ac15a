//! Arabic text normalisation for khulasa: decoding, repair and folding.
//!
//! Three layers, kept apart on purpose:
//! - [`decode`] turns bytes into text (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1256), says which
//!   encoding it used ([`Encoding::name`]) and refuses bytes that are none of them with a typed error;
//! - [`Repairer`] fixes only what extraction broke (what a translator sees) and keeps an [`OffsetMap`] back to the
//!   byte offsets of the text as received;
//! - [`fold_into`] (and [`fold`], [`fold_char`]) erases differences that matching must ignore: diacritics and
//!   tatweel removed; alef variants, alef maqsura, ta marbuta and hamza seats folded; Arabic-Indic and Persian
//!   digits to ASCII. Its output is never shown to anyone.
//!
//! It does not split sentences, stem, or score: those are later stages. It does not correct the writer's own
//! spelling (typos, words run together, `4ر1`) either.
//!
//! # What the repair changes
//!
//! - presentation forms (U+FB50–FDEF, U+FE70–FEFC, e.g. `ﻻ`) become letters (`لا`) by compatibility mapping;
//!   the word ligatures U+FDF0–FDFF (`ﷲ`, `ﷺ`, `﷽`) are symbols the writer chose and are kept;
//! - bidi controls (U+202A–202E, U+2066–2069, U+200E/F), zero-width characters, U+061C, the BOM and `\r` are
//!   removed;
//! - runs of spaces, tabs, no-break and other Unicode spaces become one space, none at the start or end of a line;
//! - brackets mirrored by visual-order extraction (`)داعش(`) are put right (`(داعش)`): a closing bracket opening a
//!   word and an opening one ending it, Arabic between, on one line;
//! - lam-alef ligatures reversed by PDF extraction (`خالل`, `االجتماع`, `العالن`) are restored (`خلال`,
//!   `الاجتماع`, `لإعلان`), as is a ligature written reversed and whole (`االأطلسي` → `الأطلسي`).
//!
//! Everything else is kept: spelling, hamzas, diacritics, tatweel, punctuation, line breaks and blank lines.
//!
//! # Lam-alef: deciding with evidence
//!
//! A reversed ligature cannot be repaired by rule alone: `السيما` is "the cinema" and also the damaged `لاسيما`;
//! `عالقة` "pending" is a word and also the damaged `علاقة`. Each word holding alef-lam is weighed:
//!
//! 1. **The story's evidence** ([`Evidence`], gathered from the whole story or a batch). PDF extraction damages
//!    every ligature of a document alike, so intact ligatures against damage signatures (`اال`, which no Arabic
//!    word holds, and, in a text without intact ligatures, forms the lexicon knows as the damaged form of a common
//!    word and hardly as a word: `خالل`, `الستخدام`, or as a word but not beside these neighbours: `ال يزال`; one
//!    that may be the article and a word, `السيما`, for itself only where its neighbours make the repair three
//!    times likelier) give the probability `p` that the story is damaged; a long story with no intact ligature
//!    at all is likely damaged too (news holds one every 130 bytes or so). Words with an intact ligature elsewhere
//!    in the story support the same repair.
//! 2. **Damage of the story's own** ([`Evidence::shows_damage`]): a word of the language (`وال` "governor",
//!    `صالح`), or one that reads as the article before a word (`السيما` "the cinema"), is changed only in a story
//!    that shows damage (a signature, or no intact ligature where several are expected). A well-formed word in an
//!    otherwise clean story is left alone; a form that is no word (`خالل`) is repaired on the lexicon's word.
//! 3. **A word-frequency lexicon** (`data/lexicon-ar.tsv.gz`): the reading as written against the clean words
//!    whose damaged form it is. A repair wins when `p × count(repair) > margin × count(word) + (1 − p)`, with
//!    margin 3 where a definite article stands (the article is the likelier reading there) and 1 elsewhere.
//! 4. **The sentence's context** (`data/lexicon-ar.context.tsv.gz`): when both readings are words (`ثالث`
//!    "third" / `ثلاث` "three", `وال` / `ولا`), the neighbouring words weigh in (naive Bayes over neighbour
//!    counts, each a share of how often its reading was seen, both folded alike; a neighbour seen with one reading
//!    only never counts against it). Only neighbours separated by a single space count, never across punctuation
//!    or a line break; punctuation on a neighbour's far side (`صالح خاطر.`) is set aside.
//! 5. **The writer's typos**: a form that is no word, whose repair is rare (seen under 20 times), is weighed as a
//!    typo too: of the commonest word that differs from it by one letter of the same shape (dots, hamza seat),
//!    at 0.2% of that word's count. `بهدف القصاء` is the writer's `القضاء`, kept, not the damaged `لإقصاء`.
//! 6. **Affixes and form rules** for words the lexicon does not know: clitics (`و ف ب ك ل`), the future `س`, the
//!    article, enclitic pronouns and a written tanween's alef are stripped to find a known stem, a writer's hamza
//!    on the stem's first alef set aside (`وإختالف` → `وإختلاف`); a prefix whose lam the damage moved past the
//!    alef of a stem is read as joined to it (`النعدام` → `لانعدام`, `االطالل` → `الأطلال`), the preposition's
//!    reading weighed against the article's (`والتحمل` stays) — all only in stories that look damaged;
//!    `اال` → `الا`, `لال` → `للا` at the start of a word, a derived verbal noun after the article read with its
//!    pattern's alef (`الاستدالل` → `الاستدلال`), and in a story that shows damage, tanween fath on a final lam
//!    read as the moved alef (`عمالً` → `عملاً`).
//! 7. **The letters around an alef-lam** (`data/letter-context.tsv.gz`), for a word the lexicon does not know,
//!    nor without a clitic, and no rule reads (a name, a rare word), in a story that looks damaged: each of its
//!    alef-lams is read as the ligature that words of the lexicon's text with the same letters around it (up to
//!    three each side, the word's ends counting) held ten times more often than alef-lam, the widest context
//!    the table holds deciding (`فينزويال` → `فينزويلا`, `صيدالني` → `صيدلاني`); the reading then weighs as a
//!    word seen once, typo check included.
//!
//! Every change is listed in [`Repaired::changes`] with its place, rule and evidence.
//!
//! Repairing a repaired text changes nothing more. Every decision is monotone in the evidence (a likelier damage,
//! a story that shows damage, more words seen intact: never fewer repairs), and a repair never makes the evidence
//! of the repaired text speak more for damage than the original's: it writes no damage signature, touches no
//! ligature counted intact, is followed until it reads as itself (a word the lexicon gives as a repair is read as
//! written), and the words it restores count as seen intact in its own story's decisions, as they will in the
//! repaired text's.
//!
//! Every decision looks only at a word, its neighbours on the same line and the [`Evidence`] passed in, so a
//! sentence repaired alone with its story's evidence ([`Repairer::repair_with`]) comes out as the same sentence of
//! the repaired story; [`Repairer::repair`] uses the document's own evidence.
//!
//! ```
//! use khulasa_normalize::{Evidence, Repairer};
//! let repairer = Repairer::new();
//! let story = "قال الوزير خالل االجتماع )داعش( إن الهجوم";
//! assert_eq!(repairer.repair(story).text, "قال الوزير خلال الاجتماع (داعش) إن الهجوم");
//! let piece = &story[..story.find(" االجتماع").unwrap()];
//! assert_eq!(repairer.repair_with(piece, &Evidence::from_text(story)).text, "قال الوزير خلال");
//! ```
//!
//! # The lexicons
//!
//! The tables are counted on the titles and texts of all 31,525 stories of the ANT corpus v2.1 (2018-2019 news),
//! never on the texts the repair is measured on with them: the EASC articles and UD Arabic-PUD are not used. They
//! hold words and counts only, no sentences; diacritics and tatweel are removed before counting. A second pair,
//! `data/ant-half-a/`, is counted on the stories of the half-A days of `scripts/eval-repair.py` only: built with
//! `KHULASA_REPAIR_LEXICON=ant-half-a` (see `build.rs`), the repair is measured on ANT's half-B days, text it has
//! then never seen; a binary for users is never built so.
//!
//! - `lexicon-ar.tsv.gz` (`word<TAB>count`, by `scripts/build-repair-lexicon.py`): every word holding a lam-alef,
//!   every word equal to the damaged form of one of those, every word holding alef-lam seen at least 5 times, and
//!   every word starting with an alef seen at least 5 times, with the words its rest makes alone and after the
//!   article (the stems a prefix's lam joins into a ligature, and the article's reading against them).
//! - `lexicon-ar.context.tsv.gz` (`reading<TAB><|><TAB>neighbour<TAB>count`, by
//!   `scripts/build-repair-lexicon.py`): for the damaged forms that are also words, how often each reading
//!   (folded) stands right after (`<`) or right before (`>`) a neighbour word (folded, then damaged, so that it
//!   looks the same in damaged and clean text), counts of 2 and more; a row with an empty neighbour holds how often
//!   the reading (folded) was seen at all.
//! - `letter-context.tsv.gz` (`left<TAB>right<TAB>` then five weights, by the same script): for each alef-lam of
//!   the damaged form of every word counted, the pair the word holds there (alef-lam, `لا`, `لأ`, `لإ`, `لآ`) by
//!   the letters around it (folded, up to three each side, `^` and `$` for the word's ends), each word weighing
//!   1 + ln(count) so that a few common words do not speak for every rare one; contexts weighing 5 and more.
//! - `article-stems.txt.gz` (a word a line, by the same script): the words seen at least 5 times that follow the
//!   article in the damaged form of a word of the lexicon (`سيما` of `السيما`): where a damage signature may be
//!   the article and a word.
//!
//! `build.rs` reads the first two with the same code as the library and compiles them into the binary as two
//! `phf` maps (perfect hashing: one hash and one key comparison a lookup): every form with its count and repair,
//! and the neighbour counts keyed by `reading<TAB>side<TAB>neighbour`, with Bloom filters of the damaged forms and
//! of the alef-initial forms in front (most words weighed are neither); the article stems become a `phf` set, the
//! letter contexts a `phf` map. They are static data, so a process parses and builds nothing at start.
//! [`Repairer::with_lexicon`] reads its lines into a hash map (`rustc-hash`) answering the same lookups, without
//! neighbour counts or letter contexts (its repairs weigh words alone).
//!
//! Every pass over the text tests blocks of bytes at once for the few bytes that can start a change and copies the
//! runs between them whole; the ligature pass looks only at words holding alef-lam.
#![deny(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

mod changes;
mod decode;
mod evidence;
mod fold;
mod lexicon;
mod lexicon_tables;
mod offsets;
mod repair;
mod scan;
mod words;

pub use changes::{Change, Grounds, Rule};
pub use decode::{decode, DecodeError, Decoded, Encoding};
pub use evidence::Evidence;
pub use fold::{fold, fold_borrowed, fold_char, fold_into};
pub use lexicon::LexiconError;
pub use offsets::OffsetMap;
pub use repair::{Repaired, Repairer};
pub use words::{words, Words};

/// The README's example, compiled and run as a doc-test so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;
