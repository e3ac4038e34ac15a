use std::collections::HashMap;
use std::io::{BufRead, Write};
use thiserror::Error;

/// Why a document-frequency table could not be read or written.
#[derive(Debug, Error)]
pub enum DfError {
    /// Reading or writing failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A line is not `term<TAB>count`.
    #[error("line {line}: expected `term<TAB>count`")]
    Format {
        /// 1-based line number.
        line: usize,
    },
}

/// Document frequencies of terms over a collection, for IDF.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DfTable {
    /// Number of documents counted.
    pub documents: u64,
    /// Documents containing each term.
    pub counts: HashMap<String, u64>,
}

impl DfTable {
    /// Counts one document given its distinct terms.
    pub fn add_document<'a>(&mut self, distinct_terms: impl IntoIterator<Item = &'a str>) {
        self.documents += 1;
        for t in distinct_terms {
            *self.counts.entry(t.to_owned()).or_insert(0) += 1;
        }
    }

    /// Adds another table's counts to this one (tables from shards merge by addition).
    pub fn merge(&mut self, other: &DfTable) {
        self.documents += other.documents;
        for (t, c) in &other.counts {
            *self.counts.entry(t.clone()).or_insert(0) += c;
        }
    }

    /// Smoothed IDF: `ln((1 + N) / (1 + df)) + 1`.
    ///
    /// ```
    /// let mut df = khulasa_score::DfTable::default();
    /// df.add_document(["a", "b"]);
    /// df.add_document(["a"]);
    /// assert!(df.idf("b") > df.idf("a"));
    /// ```
    pub fn idf(&self, term: &str) -> f64 {
        let df = self.counts.get(term).copied().unwrap_or(0);
        ((1.0 + self.documents as f64) / (1.0 + df as f64)).ln() + 1.0
    }

    /// Writes the table: a first line `#documents<TAB>N`, then `term<TAB>count` sorted by term.
    pub fn write(&self, mut out: impl Write) -> Result<(), DfError> {
        writeln!(out, "#documents\t{}", self.documents)?;
        let mut terms: Vec<_> = self.counts.iter().collect();
        terms.sort();
        for (t, c) in terms {
            writeln!(out, "{t}\t{c}")?;
        }
        Ok(())
    }

    /// Reads a table written by [`DfTable::write`].
    pub fn read(input: impl BufRead) -> Result<Self, DfError> {
        let mut table = DfTable::default();
        for (n, line) in input.lines().enumerate() {
            let line = line?;
            let (term, count) = line.split_once('\t').ok_or(DfError::Format { line: n + 1 })?;
            let count: u64 = count.trim().parse().map_err(|_| DfError::Format { line: n + 1 })?;
            if term == "#documents" {
                table.documents += count;
            } else {
                *table.counts.entry(term.to_owned()).or_insert(0) += count;
            }
        }
        Ok(table)
    }
}
