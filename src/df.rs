//! Batch statistics: document frequencies of a batch's terms, gathered in a first pass for IDF.
//!
//! Terms are counted as the summariser forms them (folded, stop words out, stemmed) over the text as read: repair
//! changes a handful of words in a damaged story, too few to move a document frequency, and skipping it halves
//! the cost of this pass. A table saved with `--save-df` and loaded with `--df` gives exactly the IDF of the batch
//! itself, and tables from several shards merge by adding counts.

use crate::batch;
use crate::input::{Document, Failure};
use khulasa_score::DfTable;
use khulasa_stem::Analyzer;
use rayon::prelude::*;
use rustc_hash::FxHashSet as HashSet;

/// Counts the documents of a stream into a document-frequency table. Unreadable documents are skipped here;
/// the pass that produces output reports them.
pub fn gather(
    docs: impl Iterator<Item = Result<Document, Failure>> + Send,
    analyzer: &Analyzer,
) -> std::io::Result<DfTable> {
    let mut table = DfTable::default();
    // Larger chunks than the output pass: each chunk ends in a merge of the workers' tables, and this pass keeps
    // no per-document output, so memory stays small either way.
    batch::for_each_chunk(docs, DF_CHUNK, |chunk| {
        let part = chunk
            .par_iter()
            .filter_map(|d| d.as_ref().ok())
            .fold(
                || (DfTable::default(), HashSet::default(), String::new()),
                |(mut table, mut distinct, mut scratch), doc| {
                    distinct.clear();
                    analyzer.terms(&doc.text, &mut scratch, |t| {
                        if !distinct.contains(t) {
                            distinct.insert(t.to_owned());
                        }
                    });
                    table.add_document(distinct.iter().map(String::as_str));
                    (table, distinct, scratch)
                },
            )
            .map(|(table, _, _)| table)
            .reduce(DfTable::default, |mut a, b| {
                a.merge(&b);
                a
            });
        table.merge(&part);
        Ok(())
    })?;
    Ok(table)
}

/// Documents counted between two merges of the workers' tables.
const DF_CHUNK: usize = 2048;

/// Fewest documents in a batch for its own document frequencies to be trusted over the background table.
pub const MIN_BATCH_DOCUMENTS: u64 = 100;
