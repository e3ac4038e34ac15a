//! Batch statistics: document frequencies of a batch's terms, gathered in a first pass for IDF.
//!
//! A document counts the terms the summariser scores: those of its repaired, non-furniture sentences (folded,
//! stop words out, stemmed), each once. A table saved with `--save-df` and loaded with `--df` gives exactly the
//! IDF of the batch itself, and tables from several shards merge by adding counts. [`count_and_keep`] counts in
//! the same pass that repairs, splits and analyses each document, and keeps that work for the pass that writes
//! output (see [`crate::spool`]).

use crate::batch::{self, Pass};
use crate::input::{Document, Failure};
use crate::pipeline;
use crate::spool::{self, Spool};
use khulasa_normalize::Repairer;
use khulasa_score::DfTable;
use khulasa_stem::Analyzer;
use rustc_hash::FxHashMap as HashMap;

/// What the first pass of a batch leaves: the batch's document frequencies and vocabulary, every readable
/// document's work, and the pass that is to follow (which knows the documents this one reported as failed).
pub struct Counted {
    /// Documents counted.
    pub documents: u64,
    /// The batch's distinct terms, by the ids the kept records use.
    pub vocabulary: Vec<String>,
    /// The number of documents that hold each term, by id.
    pub counts: Vec<u64>,
    /// Each document repaired, split and analysed, in input order.
    pub kept: Spool,
    /// The pass to run over `kept`.
    pub next: Pass,
}

impl Counted {
    /// The IDF of every term of the vocabulary, by id, with the document frequencies of `df`.
    pub fn idf_by_id(&self, df: &DfTable) -> Vec<f64> {
        self.vocabulary.iter().map(|t| df.idf(t)).collect()
    }

    /// The IDF of every term of the vocabulary, by id, with the batch's own document frequencies: what
    /// [`Counted::idf_by_id`] gives with [`Counted::table`], without building the table.
    pub fn batch_idf_by_id(&self) -> Vec<f64> {
        self.counts
            .iter()
            .map(|&count| khulasa_score::smoothed_idf(self.documents, count))
            .collect()
    }

    /// The batch's document frequencies as a table (to save it).
    pub fn table(&self) -> DfTable {
        DfTable {
            documents: self.documents,
            counts: self
                .vocabulary
                .iter()
                .cloned()
                .zip(self.counts.iter().copied())
                .collect(),
        }
    }
}

/// The batch's terms as they are met: an id for each, and the number of documents holding it.
#[derive(Default)]
struct Vocabulary {
    /// Term → (id, documents holding it): the count beside the id, so that counting a term touches one place in
    /// memory (the table outgrows the caches on an archive).
    terms: HashMap<Box<str>, (u32, u64)>,
    documents: u64,
}

impl Vocabulary {
    /// Counts a document given its distinct terms, and gives their ids.
    fn add_document(&mut self, names: &[&str], ids: &mut Vec<u32>) {
        self.documents += 1;
        for &name in names {
            let id = match self.terms.get_mut(name) {
                Some((id, count)) => {
                    *count += 1;
                    *id
                }
                None => {
                    let id = self.terms.len() as u32;
                    self.terms.insert(name.into(), (id, 1));
                    id
                }
            };
            ids.push(id);
        }
    }

    /// The number of documents, the terms by id and the number of documents that hold each.
    fn finish(self) -> (u64, Vec<String>, Vec<u64>) {
        let mut vocabulary = vec![String::new(); self.terms.len()];
        let mut counts = vec![0; self.terms.len()];
        for (name, (id, count)) in self.terms {
            if let (Some(slot), Some(to)) = (vocabulary.get_mut(id as usize), counts.get_mut(id as usize)) {
                *slot = name.into_string();
                *to = count;
            }
        }
        (self.documents, vocabulary, counts)
    }
}

/// The first pass of a batch that counts its own document frequencies: every document repaired, split and
/// analysed once (in parallel, as [`batch::run_pass`] runs a job), its distinct terms counted and given ids of the
/// batch's vocabulary, and its work kept in a [`Spool`] for the pass that writes output. Unreadable documents are
/// reported here, once.
pub fn count_and_keep(
    docs: impl Iterator<Item = Result<Document, Failure>> + Send,
    repairer: &Repairer,
    analyzer: &Analyzer,
) -> std::io::Result<Counted> {
    let first = Pass::first("reading");
    let mut vocabulary = Vocabulary::default();
    let mut kept = Spool::new(spool::MEMORY_LIMIT);
    let mut ids = Vec::new();
    let tally = batch::run_pass(
        first,
        docs,
        |doc| {
            let prepared = pipeline::prepare(repairer, doc, analyzer);
            batch::count_sentences(prepared.split.units.len());
            Ok(spool::encode(doc, &prepared))
        },
        |_, encoded| kept.push_encoded(encoded, &mut ids, |names, ids| vocabulary.add_document(names, ids)),
    )?;
    let (documents, vocabulary, counts) = vocabulary.finish();
    Ok(Counted {
        documents,
        vocabulary,
        counts,
        kept,
        next: first.then(tally),
    })
}

/// Fewest documents in a batch for its own document frequencies to be trusted over the background table.
pub const MIN_BATCH_DOCUMENTS: u64 = 100;
