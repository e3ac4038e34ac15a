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
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

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
                || (Counts::default(), String::new()),
                |(mut counts, mut scratch), doc| {
                    counts.documents += 1;
                    let this = counts.documents;
                    // A word met again in the same document adds nothing: skip it before any analysis.
                    let mut seen: HashSet<&str> =
                        HashSet::with_capacity_and_hasher(doc.text.len() / 32, Default::default());
                    for (_, word) in khulasa_normalize::words(&doc.text) {
                        if seen.insert(word) {
                            if let Some(term) = analyzer.term(word, &mut scratch) {
                                counts.see(&term, this);
                            }
                        }
                    }
                    (counts, scratch)
                },
            )
            .map(|(counts, _)| counts.into_table())
            .reduce(DfTable::default, |mut a, b| {
                a.merge_owned(b);
                a
            });
        table.merge_owned(part);
        Ok(())
    })?;
    Ok(table)
}

/// One worker's document frequencies: each term with the number of the last document it was seen in, so that
/// a term counts once per document with a single lookup and no per-document set.
#[derive(Default)]
struct Counts {
    documents: u64,
    terms: HashMap<Box<str>, (u64, u64)>,
}

impl Counts {
    /// Notes term `t` in document number `document` (numbers grow from 1).
    fn see(&mut self, t: &str, document: u64) {
        match self.terms.get_mut(t) {
            Some((last, count)) => {
                if *last != document {
                    *last = document;
                    *count += 1;
                }
            }
            None => {
                self.terms.insert(t.into(), (document, 1));
            }
        }
    }

    fn into_table(self) -> DfTable {
        let mut table = DfTable {
            documents: self.documents,
            ..DfTable::default()
        };
        table.counts.reserve(self.terms.len());
        for (term, (_, count)) in self.terms {
            table.counts.insert(term.into_string(), count);
        }
        table
    }
}

/// Documents counted between two merges of the workers' tables.
const DF_CHUNK: usize = 2048;

/// Fewest documents in a batch for its own document frequencies to be trusted over the background table.
pub const MIN_BATCH_DOCUMENTS: u64 = 100;
