//! Translation exchange for khulasa: sentence units out to the files translators' tools and MT engines take,
//! translations back in, checked by id.
//!
//! A [`Unit`] is one sentence to translate with a stable id ([`unit_id`]: story, index and content hash), its
//! source cleaned for exchange ([`clean`]) and the context a translator needs. Writers produce CSV, TSV, JSON
//! lines, parallel lines, XLIFF 2.0 and 1.2; [`plan_batches`] cuts units into batch files; readers take every
//! format back as [`Record`]s; [`reconcile`] matches them to what was sent and lists every [`Problem`];
//! [`write_tmx`] and [`write_bilingual_csv`] write the results.
//!
//! It does not split, score or summarise (callers bring the units), does not touch the file system (callers
//! pass readers' bytes and writers), and does not translate.
//!
//! ## Ids
//!
//! `story:index:hash`: the story id, the sentence's index among the story's units, and FNV-1a (32 bits, 8
//! lower-case hex digits, [`content_hash`]) of the cleaned sentence. The same story and sentence give the same
//! id on every run and machine; a source edited in a translation file no longer matches the hash in its id, and
//! [`reconcile`] says so. [`UnitId::parse`] reads an id from the right, so story ids may hold `:`.
//!
//! ## Cleaning
//!
//! Every field is cleaned before it is written ([`clean`]): each run of white space (line breaks, tabs,
//! no-break spaces) becomes one space, leading and trailing white space goes, and C0 controls other than white
//! space (XML 1.0 forbids them: one U+000B makes a TMX or XLIFF file unreadable), DEL, C1 controls, U+FFFE and
//! U+FFFF are removed. Nothing else changes: quotes, commas, `<`, `&` and a leading `=` survive every format.
//! Targets read back are cleaned the same way, and every change beyond runs of spaces is reported.
//!
//! ## Formats and the clients they are written for
//!
//! - **CSV**: UTF-8, RFC 4180, every field quoted, CRLF, header [`COLUMNS`] (`id,source,target,context,
//!   developer_comments,location`, then `max_length` when asked): the column names Translate Toolkit and
//!   Weblate read. `csv2po` drops the `id` column and identifies a unit by its `location` (`story:start-end`,
//!   byte offsets in the document as read); Translate Toolkit's own CSV store keeps the ids.
//! - **CSV for spreadsheets** ([`Profile::Excel`]): a UTF-8 [`BOM`] (without it Excel shows Arabic as mojibake),
//!   and a cell starting with `=`, `+`, `-`, `@`, tab, CR or `'` gets a leading `'` ([`neutralize`]), so the guard
//!   can be undone exactly ([`restore`]). Translate Toolkit's `csv2po --unescape-formulas` undoes it for
//!   `= + - @` only.
//! - **TSV**: the same columns, tab-separated, LF, no quoting (clean fields hold no tab or line break); a row
//!   with the wrong number of fields is refused with its line.
//! - **JSON lines**: one object a unit with the same fields.
//! - **Lines**: one sentence a line and its id on the same line of a parallel file: what Marian, CTranslate2,
//!   fairseq and sentence aligners take.
//! - **XLIFF 2.0**: `srcLang="ar"`, one `<unit>` a sentence with notes for context, developer comments and
//!   location. Unit ids are NMTOKENs (no `/` or space, which story ids made from paths hold), so `id` is the
//!   unit's number in the file (`u1`, `u2`, ...) and khulasa's id is in `name`; [`read_xliff`] reads `name`, and
//!   `id` when there is no `name`.
//! - **XLIFF 1.2**: `<file original source-language datatype="plaintext">`, one `<trans-unit id>` a sentence,
//!   `<note from="context|developer|location">`. [`read_xliff`] tells the two versions apart by the file itself.
//!
//! `xmllint --noout` accepts both XLIFF files and the TMX, and Translate Toolkit reads every format back with
//! every id and source as written (`scripts/check-clients.sh`).
//! - **TMX 1.4b** ([`write_tmx`]): one `<tu tuid>` a translated unit, `<tuv xml:lang="ar">` and the target
//!   language.
//!
//! ## Batches and reconciliation
//!
//! [`plan_batches`] cuts units, in order, into batches of at most a number of source characters or units. A
//! story is never split across two batches unless it alone is over the cap; it then starts a batch of its own
//! and is cut between sentences (a single sentence over the character cap stands alone). [`reconcile`] reports
//! missing ids (sent, in no file), unknown ids (never sent), duplicated ids (the first is kept), empty targets
//! and changed sources, each with its file and line.
//!
//! ```
//! use khulasa_export::{read_csv, reconcile, write_csv, Problem, Profile, Unit};
//! let units = [Unit::new("wire/a1", 0, "قال الوزير \"نعم\""), Unit::new("wire/a1", 1, "وأضاف")];
//! let mut out = Vec::new();
//! write_csv(&units, &Default::default(), &mut out).unwrap();
//! let mut records = read_csv(&out, Profile::Plain).unwrap();
//! records[0].target = "The minister said \"yes\"".into();
//! records.truncate(1);
//! let sent = [units[0].id.as_str(), units[1].id.as_str()];
//! let done = reconcile(&sent, &[("units.csv".into(), records)]);
//! assert_eq!(done.targets[&units[0].id], "The minister said \"yes\"");
//! assert_eq!(done.problems, [Problem::Missing { id: units[1].id.clone() }]);
//! ```
#![deny(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

mod batch;
mod clean;
mod encoding;
pub mod html;
mod id;
mod merge;
mod po;
mod read;
mod stamp;
mod unit;
mod write;
mod xlsx;

pub use batch::{plan_batches, Batcher, Caps};
pub use clean::{clean, is_clean, neutralize, restore};
pub use encoding::decode;
pub use id::{content_hash, unit_id, UnitId};
pub use merge::{
    reconcile, reconcile_checked, BatchFile, Check, Checks, Counts, Manifest, ManifestOptions, Problem, Reconciliation,
    RegisterEntry, Sent, Warning, MANIFEST_FILE, REGISTER_FILE,
};
pub use po::read_po;
pub use read::{read_csv, read_jsonl, read_lines, read_tsv, read_xliff, Record, MAX_XML_DEPTH};
pub use stamp::{batch_id, is_run_id, run_of_batch, stated_batch};
pub use unit::{Format, Profile, SourceChange, Unit, WriteOptions};
pub use write::{
    write_bilingual_csv, write_csv, write_jsonl, write_lines, write_po, write_tmx, write_tmx_of_run, write_tsv,
    write_xliff12, write_xliff2, write_xlsx, BatchWriter, Pair, BOM, COLUMNS,
};
pub use xlsx::read_xlsx;

use thiserror::Error;

/// Why an export or a read failed.
#[derive(Debug, Error)]
pub enum ExportError {
    /// Reading or writing failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The CSV or TSV reader or writer failed.
    #[error("{0}")]
    Csv(#[from] csv::Error),
    /// A table lacks a column.
    #[error("no `{0}` column in the header")]
    MissingColumn(&'static str),
    /// A file is not what its format says.
    #[error("line {line}: {message}")]
    Malformed {
        /// The line (1-based).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A file whose bytes are not text this crate reads (UTF-8, or UTF-16 with a byte order mark).
    #[error("line {line}: the file is {found}; save it as UTF-8")]
    Encoding {
        /// The line of the first byte that is not text (1-based).
        line: usize,
        /// What the file looks like: `UTF-16 LE without a byte order mark`, `not UTF-8: it looks like
        /// Windows-1256 ...`.
        found: String,
    },
    /// Parallel files that are not parallel.
    #[error("{lines} lines of translations but {ids} ids")]
    LineCount {
        /// Lines of translations.
        lines: usize,
        /// Lines of ids.
        ids: usize,
    },
    /// An Excel workbook that cannot be read.
    #[error("not a workbook this reader takes: {0}")]
    XlsxRead(#[from] calamine::XlsxError),
    /// An Excel workbook that cannot be written.
    #[error("the workbook cannot be written: {0}")]
    XlsxWrite(#[from] rust_xlsxwriter::XlsxError),
    /// An unknown format name.
    #[error("unknown format `{0}` (csv, tsv, jsonl, lines, xliff, xliff12, po, xlsx)")]
    UnknownFormat(String),
}

/// The README's example, compiled and run as a doc-test so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;
