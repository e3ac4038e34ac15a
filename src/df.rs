//! Batch statistics: document frequencies of a batch's terms, gathered in a first pass for IDF.
//!
//! A document counts the terms the summariser scores: those of its repaired, non-furniture sentences (folded,
//! stop words out, stemmed), each once. A table saved with `--save-df` and loaded with `--df` gives exactly the
//! IDF of the batch itself, and tables from several shards merge by adding counts. [`count_and_keep`] counts in
//! the same pass that repairs, splits and analyses each document, and keeps that work for the pass that writes
//! output (see [`crate::spool`]).

use crate::batch::{self, Pass, Tally};
use crate::input::{Document, Failure};
use crate::pipeline;
use crate::spool::{self, Spool};
use khulasa_normalize::Repairer;
use khulasa_score::DfTable;
use khulasa_stem::Analyzer;

/// What the first pass of a batch leaves: the batch's document frequencies, every readable document's work, and
/// the pass that is to follow (which knows the documents this one reported as failed).
pub struct Counted {
    /// The batch's document frequencies.
    pub table: DfTable,
    /// Each document repaired, split and analysed, in input order.
    pub kept: Spool,
    /// How the first pass went.
    pub tally: Tally,
    /// The pass to run over `kept`.
    pub next: Pass,
}

/// The first pass of a batch that counts its own document frequencies: every document repaired, split and
/// analysed once (in parallel, as [`batch::run_pass`] runs a job), its distinct terms counted, and its work kept in
/// a [`Spool`] for the pass that writes output. Unreadable documents are reported here, once.
pub fn count_and_keep(
    docs: impl Iterator<Item = Result<Document, Failure>> + Send,
    repairer: &Repairer,
    analyzer: &Analyzer,
) -> std::io::Result<Counted> {
    let first = Pass::first("reading");
    let mut table = DfTable::default();
    let mut kept = Spool::new(spool::MEMORY_LIMIT);
    let tally = batch::run_pass(
        first,
        docs,
        |doc| {
            let prepared = pipeline::prepare(repairer, doc, analyzer);
            batch::count_sentences(prepared.split.units.len());
            Ok(spool::encode(doc, &prepared))
        },
        |_, record| {
            table.add_document(spool::names(&record));
            kept.push(record)
        },
    )?;
    Ok(Counted {
        table,
        kept,
        tally,
        next: first.then(tally),
    })
}

/// Fewest documents in a batch for its own document frequencies to be trusted over the background table.
pub const MIN_BATCH_DOCUMENTS: u64 = 100;
