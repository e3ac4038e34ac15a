//! Sentence splitting for Arabic wire text, with byte offsets and a kind for every unit.
//!
//! Input is the repaired text of one document (see `khulasa-normalize`); output is a list of [`Sentence`]s in
//! document order, each a byte range into that text and a [`Kind`]: headline (the first heading), sub-headline (a
//! later one), body prose (the only kind summarised), or page furniture (lone numbers, share counters, share-button
//! labels) that is not prose and is never translated. Ranges never overlap, no unit crosses an empty line, and every
//! character that is not white space lies in exactly one of them.
//!
//! It does not repair, fold or score text, and it never fails: any string splits. It does not split at `:` or `،`
//! (except before a numbered list item), find a sentence end with no punctuation inside a paragraph, or follow a
//! quotation from one paragraph into the next. It cannot read the letter after a full stop to tell a sentence end
//! from an abbreviation, since Arabic has no capital letters. A quotation whose marks are missing or misplaced may be
//! cut inside or held together across a sentence end.
//!
//! ```
//! use khulasa_split::{layout, split, Kind, Layout};
//! let text = "عنوان الخبر\n\n0\n\nقال الوزير إن الاجتماع ناجح. وأضاف أنه سيعود!";
//! let kinds: Vec<Kind> = split(text).iter().map(|s| s.kind).collect();
//! assert_eq!(kinds, [Kind::Headline, Kind::Furniture, Kind::Body, Kind::Body]);
//! assert_eq!(layout(text), Layout::LinePerParagraph);
//! ```
//!
//! # Paragraphs and line breaks
//!
//! An empty line (or a line of white space) always ends a paragraph. What a single line break means depends on the
//! document, so [`layout`] looks at every line followed by another line:
//!
//! - one paragraph a line (most feeds): each line break ends a unit, with or without punctuation;
//! - hard-wrapped: a line break inside prose is a soft wrap, read as a space. A document is judged hard-wrapped
//!   when at least 3 lines run on into the next, the wrap width (the 90th percentile of their lengths) is between
//!   40 and 160 characters, at least 60% of these lines are full (at least 60% of the width), and at least 40% are
//!   full and end with no terminal punctuation. A break stays hard after a short line (a heading, a dateline, the
//!   end of a paragraph), before a list item (`-`, `•`, `1-`, `2)`, `(3)`), or where a sentence ends at the line's
//!   end and a short line follows;
//! - undecided, when only one or two lines run on: a line break ends a unit unless the line is prose cut off
//!   mid-sentence and the next line is prose too. A document with no single line break is one paragraph a line.
//!
//! A dateline alone on its line stays with the sentence it opens: a short line (up to 6 words) ending in a dash
//! (`دمشق (وكالات الانباء) -`), or in a colon after a place and an agency (`القاهرة - رويترز:`). Any other colon
//! (`وكتبت:`) introduces a quotation or a list and stays on its own.
//!
//! # Headings and furniture
//!
//! A paragraph with no letter (`0`, `360`, `***`), or made only of share-button words and numbers (`شارك`,
//! `طباعة`, `Facebook 12`), is furniture. A paragraph that is a single unit of at most 20 words, does not end in
//! terminal punctuation (closing quotes and brackets do not count: `ضد “داعش”` is a heading end) nor in `:` `،`
//! `,` `؛` or a dash, is not a list item, and does not open with a word that continues earlier prose (`وقال`, `وفي`,
//! `كما`, `لكن`, ...) is a heading: a headline if only furniture came before it, a sub-headline after.
//!
//! # Sentences inside a paragraph
//!
//! `.` `!` `?` `؟` `…` `۔` and runs of them (`؟!`, `..؟`) end a sentence, with the closing quotes and brackets (and
//! invisible marks such as U+200F) right after them. `،` `؛` `:` `,` never do, and a mark followed by one of them
//! (`"لماذا؟"، فأجاب`) does not either. A full stop does not end a sentence:
//!
//! - inside a number (`3.5`, `10.30`);
//! - after a title or an initial: single letters and chains of them (`د.`, `أ.د.`, `ص.ب.`, `U.S.`), Latin titles
//!   (`Dr.`, `Prof.`, `No.`), Latin letters spelt in Arabic when another follows (`سي.آي.إيه`, `بي. بي. سي`), the
//!   first one with a clitic when written in one piece (`السي.آي.إيه`);
//! - after a Latin company suffix (`Inc.`, `Ltd.`, `Co.`, ...), unless the next word opens a sentence (it starts
//!   with `و` or `ف`, or is a word that opens prose such as `كما` or `لكن`);
//! - inside a URL, an e-mail address or an Arabic domain (`العربية.نت`);
//! - at a numbered list marker opening a line (`1. `);
//! - at an ellipsis inside a paragraph, which Arabic writers use as a pause; it ends a sentence at the end of a
//!   paragraph, or with `؟`/`!`.
//!
//! An era or unit letter after a number (`عام 1827 م.`, `2000 ق.م.`, `1430هـ.`) and the closing abbreviations `إلخ.`,
//! `etc.` end the sentence unless the next word continues the clause (a bare preposition or conjunction: `في`,
//! `من`, `إلى`, `على`, `أو`, `ثم`, ...): in news prose such a full stop ends a sentence far more often than not.
//! A full stop with no space after it still ends a sentence before an Arabic letter or an opening quote
//! (`الداخلية.وذكرت`). A list number opens a unit: after a colon (`على ما يلي: 1. تجميد الأصول. 2. وقف التمويل.`), and
//! the number after the one that opens the sentence, even with no punctuation between the items. A piece with no
//! letter between two cuts joins the sentence before it, so that no unit is only punctuation.
//!
//! # Quotations and brackets
//!
//! A sentence never ends inside a quotation or a bracket that closes later in the same paragraph: `قال الوزير: "لن
//! نتراجع. هذا موقفنا. كفى". ثم غادر.` is two units. Marks are paired in one pass with a stack, so the time stays
//! linear however many marks a paragraph holds:
//!
//! - `(` `)`, `[` `]` and `«` `»` pair and nest; `﴿` `﴾` pair in either order. A closing mark with nothing open is
//!   ignored, and one that closes a pair drops any pair opened inside it and left open.
//! - All double quotes (`"` `“` `”` `„`) are one kind, since web text mixes them and swaps `“` and `”` in
//!   right-to-left text; where a quote stands tells its direction. After white space, a colon or an opening bracket,
//!   with a word right after it, it opens (after a colon, however it is spaced); glued to the word before it and
//!   followed by white space or punctuation, it closes. A quote that opens while another is open nests inside it.
//! - A quotation left open holds nothing together, nor does a span of more than 2,000 bytes (about 180 words,
//!   about as much as a translation model reads at once as one line); the longer a span, the likelier its two ends
//!   do not belong together.
//!
//! After a quotation closes on a terminal mark, the sentence goes on when the next word takes it up: a participle
//! of saying (`مضيفا أن`, `قائلا`, `مشيرا`), or after `؟`/`!` a verb of answering or saying joined to `ف` or `ل`
//! (`فأجاب`, `ليجيبه`). A bare verb (`قال`) or one joined to `و` (`وأضاف`) opens a new sentence.
//!
//! The scan reads bytes, not chars: it keys on the last byte of each terminal mark, tests eight bytes at a time,
//! and looks at words only around a full stop; quotation marks are searched for only in paragraphs with a terminal
//! mark before their end.
#![deny(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

mod lexicon;
mod quotes;
mod scan;
mod sentence;
mod splitter;

pub use sentence::{Kind, Sentence};
pub use splitter::{layout, split, split_into, Layout};

/// The README's example, compiled and run as a doc-test so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;
