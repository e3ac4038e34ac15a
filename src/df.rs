//! Batch statistics: document frequencies of a batch's terms, gathered in a first pass for IDF.
//!
//! A document counts the terms the summariser scores: those of its repaired, non-furniture sentences (folded,
//! stop words out, stemmed), each once. A table saved with `--save-df` and loaded with `--df` gives exactly the
//! IDF of the batch itself, and tables from several shards merge by adding counts. [`count_and_keep`] counts in
//! the same pass that repairs, splits and analyses each document, and keeps that work for the pass that writes
//! output (see [`crate::spool`]).

use crate::batch::{self, Progress, Tally};
use crate::input::{Document, Failure};
use crate::pipeline;
use crate::pipeline::{TermNames, TermTable};
use crate::spool::{self, Spool};
use khulasa_normalize::Repairer;
use khulasa_score::DfTable;
use khulasa_stem::Analyzer;

/// What the first pass of a batch leaves: the batch's document frequencies and vocabulary, every readable
/// document's work, and how the pass went.
pub struct Counted {
    /// Documents counted.
    pub documents: u64,
    /// The batch's distinct terms, by the ids the kept records use.
    pub vocabulary: TermNames,
    /// The number of documents that hold each term, by id.
    pub counts: Vec<u64>,
    /// Each document repaired, split and analysed, in input order.
    pub kept: Spool,
    /// How the pass went (see [`Tally::then`] for the pass over `kept`).
    pub tally: Tally,
}

impl Counted {
    /// The IDF of every term of the vocabulary, by id, with the background table ([`pipeline::background_df`]),
    /// without building it: the table's 19,000 lines are read once and only the batch's own terms are looked
    /// up. Only a small batch takes the background table, and its few thousand terms are found in a fraction of
    /// the time that filling the table takes (a fifth of the time of summarising one story at the command line).
    ///
    /// ```
    /// let repairer = khulasa_normalize::Repairer::new();
    /// let analyzer = khulasa_stem::Analyzer::new(khulasa_stem::Algorithm::Light, true);
    /// let doc = khulasa::input::Document::new("d", "قال الوزير إن الحكومة ستدرس الخطة.");
    /// let progress = khulasa::batch::Progress::default();
    /// let counted = khulasa::df::count_and_keep(std::iter::once(Ok(doc)), &repairer, &analyzer, progress).unwrap();
    /// let background = khulasa::pipeline::background_df();
    /// let looked_up: Vec<f64> = counted.vocabulary.iter().map(|t| background.idf(t)).collect();
    /// assert_eq!(counted.background_idf_by_id(), looked_up);
    /// ```
    pub fn background_idf_by_id(&self) -> Vec<f64> {
        idf_by_id_from_table_text(&self.vocabulary, pipeline::BACKGROUND_DF)
    }

    /// The IDF of every term of the vocabulary, by id, with the batch's own document frequencies: what
    /// the table [`Counted::table`] gives, without building it.
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
                .map(str::to_owned)
                .zip(self.counts.iter().copied())
                .collect(),
        }
    }
}

/// The IDF by id of `vocabulary`'s terms with the document frequencies of a table in `text`, read as
/// [`DfTable::parse`] reads one (a term's lines add up, so do `#documents` lines) without building it; a table
/// that [`DfTable::parse`] refuses counts as empty, as [`pipeline::background_df`] takes it.
fn idf_by_id_from_table_text(vocabulary: &TermNames, text: &str) -> Vec<f64> {
    // A batch with no terms (no readable story) has nothing to look up: the table is not read.
    if vocabulary.is_empty() {
        return Vec::new();
    }
    let ids: rustc_hash::FxHashMap<&str, usize> = vocabulary.iter().enumerate().map(|(id, t)| (t, id)).collect();
    let mut counts = vec![0u64; vocabulary.len()];
    let mut documents = 0u64;
    for line in DfTable::lines(text) {
        let Ok((term, count)) = line else {
            counts.iter_mut().for_each(|c| *c = 0);
            documents = 0;
            break;
        };
        // Counts that overflow make the table one `DfTable::parse` refuses: read as empty, as it would be.
        let added = if term == DfTable::DOCUMENTS {
            documents.checked_add(count).map(|sum| documents = sum)
        } else {
            match ids.get(term).and_then(|&id| counts.get_mut(id)) {
                Some(c) => c.checked_add(count).map(|sum| *c = sum),
                None => Some(()),
            }
        };
        if added.is_none() {
            counts.iter_mut().for_each(|c| *c = 0);
            documents = 0;
            break;
        }
    }
    counts
        .iter()
        .map(|&count| khulasa_score::smoothed_idf(documents, count))
        .collect()
}

/// The batch's terms as they are met: an id for each, and the number of documents holding it (each document adds
/// each of its distinct terms once).
#[derive(Default)]
struct Vocabulary {
    terms: TermTable,
    documents: u64,
}

impl Vocabulary {
    /// Counts a document given its distinct terms, and gives their ids.
    fn add_document(&mut self, terms: &[&str], ids: &mut Vec<u32>) {
        self.documents += 1;
        ids.extend(terms.iter().map(|term| self.terms.add(term)));
    }

    /// The number of documents, the terms by id and the number of documents that hold each.
    fn finish(self) -> (u64, TermNames, Vec<u64>) {
        let (names, counts) = self.terms.into_names_and_counts();
        (self.documents, names, counts)
    }
}

/// The first pass of a batch that counts its own document frequencies: every document repaired, split and
/// analysed once (in parallel, as [`batch::run`] runs a job), its distinct terms counted and given ids of the
/// batch's vocabulary, and its work kept in a [`Spool`] for the pass that writes output. Unreadable documents are
/// reported here, once.
pub fn count_and_keep(
    docs: impl Iterator<Item = Result<Document, Failure>> + Send,
    repairer: &Repairer,
    analyzer: &Analyzer,
    progress: Progress,
) -> std::io::Result<Counted> {
    let mut vocabulary = Vocabulary::default();
    let mut kept = Spool::new(spool::memory_limit());
    let mut ids = Vec::new();
    let tally = batch::run(
        docs,
        |doc, counts| {
            let prepared = pipeline::prepare(repairer, doc, analyzer);
            counts.sentences += prepared.split.units.len();
            counts.desk.add(&prepared.desk);
            let encoded = spool::encode(doc, &prepared);
            drop(prepared);
            // The record holds all that the second pass needs of the story: its text is let go now, and the memory
            // serves the stories read next (1,000 stories: 4,100 → 3,640 page faults on one thread).
            doc.text = String::new();
            Ok(encoded)
        },
        |_, encoded| {
            spool::keep(&mut kept, encoded, &mut ids, |names, ids| {
                vocabulary.add_document(names, ids)
            })
        },
        progress,
    )?;
    let (documents, vocabulary, counts) = vocabulary.finish();
    Ok(Counted {
        documents,
        vocabulary,
        counts,
        kept,
        tally,
    })
}

pub use crate::pipeline::MIN_BATCH_DOCUMENTS;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    proptest! {
        /// The background IDF read from the table's text is the IDF from the parsed table, for terms of the table
        /// and others, and for tables with repeated terms, `#documents` lines and malformed lines.
        #[test]
        fn idf_from_table_text_is_idf_from_the_parsed_table(
            picks in proptest::collection::vec(0usize..19_000, 0..40),
            others in proptest::collection::btree_set("[ا-ي]{1,6}", 0..10),
            extra_lines in proptest::collection::vec("(#documents|[ا-ي]{1,3}|)\t( ?[0-9]{1,4}|x)\r?", 0..5),
        ) {
            let shipped: Vec<&str> = pipeline::BACKGROUND_DF.lines().filter_map(|l| l.split('\t').next()).collect();
            let mut vocabulary = TermNames::default();
            let mut seen = std::collections::HashSet::new();
            for term in picks.iter().filter_map(|&i| shipped.get(i).copied()).chain(others.iter().map(String::as_str)) {
                if seen.insert(term) {
                    vocabulary.push(term);
                }
            }
            for text in [pipeline::BACKGROUND_DF.to_owned(), extra_lines.join("\n")] {
                let table = DfTable::parse(&text).unwrap_or_default();
                let expected: Vec<f64> = vocabulary.iter().map(|t| table.idf(t)).collect();
                prop_assert_eq!(idf_by_id_from_table_text(&vocabulary, &text), expected);
            }
        }

        /// Each term gets one id, in order of first appearance, and the number of documents that hold it; past the
        /// table's growth too (hundreds of terms).
        #[test]
        fn ids_and_counts_are_those_of_a_plain_count(
            documents in proptest::collection::vec(proptest::collection::btree_set("[ا-ي]{1,3}", 0..60), 0..40),
        ) {
            let mut vocabulary = Vocabulary::default();
            let mut expected_ids: HashMap<&str, u32> = HashMap::new();
            let mut expected_counts: HashMap<&str, u64> = HashMap::new();
            for document in &documents {
                let terms: Vec<&str> = document.iter().map(String::as_str).collect();
                let mut ids = Vec::new();
                vocabulary.add_document(&terms, &mut ids);
                for (&term, &id) in terms.iter().zip(&ids) {
                    let next = expected_ids.len() as u32;
                    prop_assert_eq!(*expected_ids.entry(term).or_insert(next), id);
                    *expected_counts.entry(term).or_default() += 1;
                }
            }
            let (count, names, counts) = vocabulary.finish();
            prop_assert_eq!(count, documents.len() as u64);
            prop_assert_eq!(names.len(), expected_ids.len());
            for (&term, &id) in &expected_ids {
                prop_assert_eq!(names.get(id as usize), Some(term));
                prop_assert_eq!(counts.get(id as usize).copied(), expected_counts.get(term).copied());
            }
        }
    }
}
