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
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

mod batch;
mod clean;
pub mod html;
mod id;
mod merge;
mod read;
mod unit;
mod write;

pub use batch::{plan_batches, Batcher, Caps};
pub use clean::{clean, is_clean, neutralize, restore};
pub use id::{content_hash, unit_id, UnitId};
pub use merge::{
    reconcile, BatchFile, Counts, Manifest, ManifestOptions, Problem, Reconciliation, RegisterEntry, MANIFEST_FILE,
    REGISTER_FILE,
};
pub use read::{read_csv, read_jsonl, read_lines, read_tsv, read_xliff, Record, MAX_XML_DEPTH};
pub use unit::{Format, Profile, Unit, WriteOptions};
pub use write::{
    write_bilingual_csv, write_csv, write_jsonl, write_lines, write_tmx, write_tsv, write_xliff12, write_xliff2,
    BatchWriter, Pair, BOM, COLUMNS,
};

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
    /// Parallel files that are not parallel.
    #[error("{lines} lines of translations but {ids} ids")]
    LineCount {
        /// Lines of translations.
        lines: usize,
        /// Lines of ids.
        ids: usize,
    },
    /// An unknown format name.
    #[error("unknown format `{0}` (csv, tsv, jsonl, lines, xliff, xliff12)")]
    UnknownFormat(String),
}
