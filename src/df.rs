//! Batch statistics: document frequencies of a batch's terms, gathered in a first pass for IDF.
//!
//! A document counts the terms the summariser scores: those of its repaired, non-furniture sentences (folded,
//! stop words out, stemmed), each once. A table saved with `--save-df` and loaded with `--df` gives exactly the
//! IDF of the batch itself, and tables from several shards merge by adding counts. `summarize` counts while it
//! keeps its first pass's work (see [`crate::spool`]); [`gather`] counts alone, for commands that read twice.

use crate::batch;
use crate::input::{Document, Failure};
use khulasa_normalize::Repairer;
use khulasa_score::DfTable;
use khulasa_stem::Analyzer;
use rayon::prelude::*;

/// Counts the documents of a stream into a document-frequency table. Unreadable documents are skipped here;
/// the pass that produces output reports them.
pub fn gather(
    docs: impl Iterator<Item = Result<Document, Failure>> + Send,
    repairer: &Repairer,
    analyzer: &Analyzer,
) -> std::io::Result<DfTable> {
    let mut table = DfTable::default();
    // Larger chunks than the output pass: each chunk ends in a merge of the workers' tables, and this pass keeps
    // no per-document output, so memory stays small either way.
    batch::for_each_chunk(docs, DF_CHUNK, |chunk| {
        let part = chunk
            .par_iter()
            .filter_map(|d| d.as_ref().ok())
            .fold(DfTable::default, |mut counts, doc| {
                let prepared = crate::pipeline::prepare(repairer, doc, analyzer);
                counts.add_document(prepared.terms.names.iter().map(String::as_str));
                counts
            })
            .reduce(DfTable::default, |mut a, b| {
                a.merge_owned(b);
                a
            });
        table.merge_owned(part);
        Ok(())
    })?;
    Ok(table)
}

/// Documents counted between two merges of the workers' tables.
const DF_CHUNK: usize = 2048;

/// Fewest documents in a batch for its own document frequencies to be trusted over the background table.
pub const MIN_BATCH_DOCUMENTS: u64 = 100;
