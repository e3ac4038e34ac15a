//! The stages chained for one document: repair, split, terms, scores, selection.

use crate::input::Document;
use khulasa_normalize::Repairer;
use khulasa_score::{Budget, DfTable, Pick, Role, SentenceFeatures};
use khulasa_split::Kind;
use khulasa_stem::Analyzer;
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// One sentence of a document, located in the text as read.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Byte offset in the document as read (after decoding).
    pub start: usize,
    /// Byte offset just past the sentence in the document as read.
    pub end: usize,
    /// What it is.
    pub kind: Kind,
    /// The repaired text with line breaks and runs of white space made single spaces.
    pub text: String,
}

/// A document split into units.
#[derive(Debug, Clone)]
pub struct Split {
    /// All units in order, furniture included.
    pub units: Vec<Unit>,
}

/// Repairs and splits a document.
pub fn split(repairer: &Repairer, doc: &Document) -> Split {
    let repaired = repairer.repair(&doc.text);
    let units = khulasa_split::split(&repaired.text)
        .into_iter()
        .filter_map(|s| {
            let slice = repaired.text.get(s.start..s.end)?;
            let range = repaired.map.original_range(s.start..s.end);
            Some(Unit {
                start: range.start,
                end: range.end,
                kind: s.kind,
                text: one_line(slice),
            })
        })
        .filter(|u| !u.text.is_empty())
        .collect::<Vec<_>>();
    crate::batch::count_sentences(units.len());
    Split { units }
}

/// Joins the words of `text` with single spaces: what a sentence looks like when it goes to translation.
pub fn one_line(text: &str) -> String {
    // The repair already made most sentences so: one pass over the bytes to see, instead of splitting on
    // Unicode white space. A byte that may start white space other than the space (C2 for U+0085 and U+00A0,
    // E1/E2/E3 for U+1680, U+2000.., U+3000) sends the text the long way.
    let bytes = text.as_bytes();
    let single_spaced = bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && !bytes.windows(2).any(|w| w == b"  ")
        && !bytes
            .iter()
            .any(|&b| matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | 0xC2 | 0xE1..=0xE3));
    if single_spaced {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Settings of a summary.
pub struct SummaryOptions<'a> {
    /// Terms of sentences.
    pub analyzer: &'a Analyzer,
    /// The scorer.
    pub scorer: &'a dyn khulasa_score::Scorer,
    /// The budget.
    pub budget: Budget,
    /// Document frequencies for IDF: the batch's when it is large enough, else [`background_df`]; `None` counts
    /// the document's own sentences as documents.
    pub df: Option<&'a DfTable>,
}

/// A summarised document: its units, the indices (into `units`) of the scored ones, and the picks.
pub struct Summary {
    /// The document's units.
    pub split: Split,
    /// For each scored sentence, its index in `split.units`.
    pub scored: Vec<usize>,
    /// The selected sentences, indices into `scored`, in document order.
    pub picks: Vec<Pick>,
    /// Every scored sentence's score.
    pub scores: Vec<f64>,
}

/// Terms of a document's non-furniture units, as the scorer's document.
pub fn features(split: &Split, analyzer: &Analyzer, df: Option<&DfTable>) -> (khulasa_score::Document, Vec<usize>) {
    let mut vocab: HashMap<String, u32> = HashMap::default();
    let mut scratch = String::new();
    let mut sentences = Vec::new();
    let mut scored = Vec::new();
    for (i, unit) in split.units.iter().enumerate() {
        let role = match unit.kind {
            Kind::Furniture => continue,
            Kind::Headline => Role::Headline,
            Kind::Subheadline => Role::Subheadline,
            Kind::Body => Role::Body,
        };
        let mut terms = Vec::new();
        analyzer.terms(&unit.text, &mut scratch, |t| {
            // A term is looked up far more often than it is new: allocate only for a new one.
            let id = match vocab.get(t) {
                Some(&id) => id,
                None => {
                    let id = vocab.len() as u32;
                    vocab.insert(t.to_owned(), id);
                    id
                }
            };
            terms.push(id);
        });
        sentences.push(SentenceFeatures {
            terms,
            // `one_line` left single spaces between words and no other white space.
            words: unit.text.split(' ').filter(|w| !w.is_empty()).count(),
            role,
        });
        scored.push(i);
    }
    let mut names = vec![""; vocab.len()];
    for (t, &id) in &vocab {
        if let Some(slot) = names.get_mut(id as usize) {
            *slot = t.as_str();
        }
    }
    let idf = match df {
        Some(df) => names.iter().map(|t| df.idf(t)).collect(),
        None => {
            let mut local = DfTable::default();
            for s in &sentences {
                let mut distinct: Vec<&str> = s.terms.iter().filter_map(|&t| names.get(t as usize).copied()).collect();
                distinct.sort_unstable();
                distinct.dedup();
                local.add_document(distinct);
            }
            names.iter().map(|t| local.idf(t)).collect()
        }
    };
    (khulasa_score::Document { sentences, idf }, scored)
}

/// Repairs, splits, scores and selects, in plain rank order (no redundancy control).
pub fn summarize(repairer: &Repairer, doc: &Document, options: &SummaryOptions) -> Summary {
    summarize_mmr(repairer, doc, options, 1.0)
}

/// [`summarize`] with MMR redundancy control: `lambda` as [`khulasa_score::select_mmr`] takes it (1 = off).
pub fn summarize_mmr(repairer: &Repairer, doc: &Document, options: &SummaryOptions, lambda: f64) -> Summary {
    let split = split(repairer, doc);
    let (scoring_doc, scored) = features(&split, options.analyzer, options.df);
    let scores = options.scorer.score(&scoring_doc);
    let picks = khulasa_score::select_mmr(&scoring_doc, &scores, options.budget, lambda);
    Summary {
        split,
        scored,
        picks,
        scores,
    }
}

/// The background document frequencies shipped in `corpora/df-ar.tsv` (stemmed, folded terms of the ANT news
/// corpus, built by `scripts/build-df.sh`): the IDF of a document summarised without a large enough batch.
pub fn background_df() -> &'static DfTable {
    static TABLE: OnceLock<DfTable> = OnceLock::new();
    TABLE.get_or_init(|| DfTable::read(include_str!("../corpora/df-ar.tsv").as_bytes()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn joined(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn one_line_collapses_every_kind_of_white_space() {
        for text in [
            "قال  الوزير",
            " قال",
            "قال ",
            "قال\nالوزير",
            "قال\u{a0}الوزير",
            "قال\u{2003}الوزير",
            "قال\u{3000}",
        ] {
            assert_eq!(one_line(text), joined(text), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn one_line_is_the_words_joined_by_single_spaces(text in "[ \\t\\n\\u{a0}\\u{2000}\\u{3000}\\u{85}a\\u{0627}\\u{0644}]{0,30}") {
            prop_assert_eq!(one_line(&text), joined(&text));
        }

        #[test]
        fn one_line_on_any_unicode(text in any::<String>()) {
            prop_assert_eq!(one_line(&text), joined(&text));
        }
    }
}
