// FxHash: looked up for every term of every sentence; the keys are terms, and a table is ours to build.
use rustc_hash::FxHashMap as HashMap;
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
    /// A line's count, or the sum of the counts of its term (or of `#documents`) up to it, is more than a 64-bit
    /// count holds: added on, it would wrap round and make IDF meaningless.
    #[error("line {line}: the count of `{term}` is more than {max}", max = u64::MAX)]
    Overflow {
        /// 1-based line number.
        line: usize,
        /// The line's term (`#documents` for the number of documents).
        term: String,
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

/// The smoothed IDF of a term found in `df` of `documents` documents, `ln((1 + N) / (1 + df)) + 1`, as
/// [`DfTable::idf`] gives it: for callers that keep their counts by term id rather than in a table.
///
/// A term cannot be in more documents than were counted: a `df` above `documents` (a table edited by hand, or
/// counts from elsewhere) is taken as `documents`, so the IDF is never below 1, the IDF of a term in every
/// document, and never negative or NaN.
///
/// ```
/// let mut df = khulasa_score::DfTable::default();
/// df.add_document(["a", "b"]);
/// df.add_document(["a"]);
/// assert_eq!(khulasa_score::smoothed_idf(2, 1), df.idf("b"));
/// assert_eq!(khulasa_score::smoothed_idf(2, 0), df.idf("unseen"));
/// assert_eq!(khulasa_score::smoothed_idf(2, 1_000), 1.0);
/// ```
pub fn smoothed_idf(documents: u64, df: u64) -> f64 {
    let df = df.min(documents);
    ((1.0 + documents as f64) / (1.0 + df as f64)).ln() + 1.0
}

impl DfTable {
    /// Counts one document given its distinct terms.
    ///
    /// ```
    /// let mut df = khulasa_score::DfTable::default();
    /// df.add_document(["حرب", "سلام"]);
    /// assert_eq!((df.documents, df.counts["حرب"]), (1, 1));
    /// ```
    pub fn add_document<'a>(&mut self, distinct_terms: impl IntoIterator<Item = &'a str>) {
        // Saturating, here and in the merges: a table read in is checked for overflow ([`DfTable::parse`]), but
        // one built in memory can only stop at the largest count, which keeps every term's count at most the
        // number of documents.
        self.documents = self.documents.saturating_add(1);
        for t in distinct_terms {
            match self.counts.get_mut(t) {
                Some(count) => *count = count.saturating_add(1),
                None => {
                    self.counts.insert(t.to_owned(), 1);
                }
            }
        }
    }

    /// Adds another table's counts to this one (tables from shards merge by addition).
    ///
    /// ```
    /// let (mut a, mut b) = (khulasa_score::DfTable::default(), khulasa_score::DfTable::default());
    /// a.add_document(["x"]);
    /// b.add_document(["x", "y"]);
    /// a.merge(&b);
    /// assert_eq!((a.documents, a.counts["x"], a.counts["y"]), (2, 2, 1));
    /// ```
    pub fn merge(&mut self, other: &DfTable) {
        self.documents = self.documents.saturating_add(other.documents);
        for (t, c) in &other.counts {
            match self.counts.get_mut(t.as_str()) {
                Some(count) => *count = count.saturating_add(*c),
                None => {
                    self.counts.insert(t.clone(), *c);
                }
            }
        }
    }

    /// [`DfTable::merge`] taking the other table by value: its terms move instead of being copied.
    ///
    /// ```
    /// let (mut a, mut b) = (khulasa_score::DfTable::default(), khulasa_score::DfTable::default());
    /// a.add_document(["x"]);
    /// b.add_document(["x", "y"]);
    /// let mut c = a.clone();
    /// c.merge(&b);
    /// a.merge_owned(b);
    /// assert_eq!(a, c);
    /// ```
    pub fn merge_owned(&mut self, mut other: DfTable) {
        if other.counts.len() > self.counts.len() {
            std::mem::swap(self, &mut other);
        }
        self.documents = self.documents.saturating_add(other.documents);
        for (t, c) in other.counts {
            match self.counts.get_mut(t.as_str()) {
                Some(count) => *count = count.saturating_add(c),
                None => {
                    self.counts.insert(t, c);
                }
            }
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
        smoothed_idf(self.documents, self.counts.get(term).copied().unwrap_or(0))
    }

    /// The term of the line that holds the number of documents (`#documents<TAB>N`).
    ///
    /// ```
    /// assert_eq!(khulasa_score::DfTable::DOCUMENTS, "#documents");
    /// ```
    pub const DOCUMENTS: &'static str = "#documents";

    /// Writes the table: a first line `#documents<TAB>N`, then `term<TAB>count` sorted by term.
    ///
    /// ```
    /// let mut df = khulasa_score::DfTable::default();
    /// df.add_document(["b", "a"]);
    /// let mut out = Vec::new();
    /// df.write(&mut out).unwrap();
    /// assert_eq!(out, b"#documents\t1\na\t1\nb\t1\n");
    /// ```
    pub fn write(&self, mut out: impl Write) -> Result<(), DfError> {
        writeln!(out, "{}\t{}", Self::DOCUMENTS, self.documents)?;
        let mut terms: Vec<_> = self.counts.iter().collect();
        terms.sort();
        for (t, c) in terms {
            writeln!(out, "{t}\t{c}")?;
        }
        Ok(())
    }

    /// Reads a table written by [`DfTable::write`].
    ///
    /// ```
    /// let df = khulasa_score::DfTable::read("#documents\t10\nحرب\t3\n".as_bytes()).unwrap();
    /// assert_eq!((df.documents, df.counts["حرب"]), (10, 3));
    /// assert!(khulasa_score::DfTable::read("no tab here\n".as_bytes()).is_err());
    /// ```
    pub fn read(mut input: impl BufRead) -> Result<Self, DfError> {
        let mut text = String::new();
        input.read_to_string(&mut text)?;
        Self::parse(&text)
    }

    /// Reads a table written by [`DfTable::write`] from text in memory (the table shipped in the binary). The
    /// lines of one term add up, and so do `#documents` lines (tables of shards concatenated); a sum, or a count,
    /// beyond 64 bits is an error naming its line ([`DfError::Overflow`]). A term counted in more documents than
    /// the table counts is read as it is: its IDF is that of a term in every document (see [`smoothed_idf`]).
    ///
    /// ```
    /// let df = khulasa_score::DfTable::parse("#documents\t10\nحرب\t3\r\nسلم\t1").unwrap();
    /// assert_eq!((df.documents, df.counts["حرب"], df.counts["سلم"]), (10, 3, 1));
    /// let max = u64::MAX;
    /// let wraps = format!("#documents\t{max}\n#documents\t{max}\n");
    /// assert!(matches!(khulasa_score::DfTable::parse(&wraps), Err(khulasa_score::DfError::Overflow { line: 2, .. })));
    /// ```
    pub fn parse(text: &str) -> Result<Self, DfError> {
        let mut table = DfTable::default();
        // Sized once: the shipped table's 19,000 lines are read at the start of every small batch.
        table.counts.reserve(text.bytes().filter(|&b| b == b'\n').count());
        for (n, line) in Self::lines(text).enumerate() {
            let (term, count) = line?;
            let overflow = || DfError::Overflow {
                line: n + 1,
                term: term.to_owned(),
            };
            if term == Self::DOCUMENTS {
                table.documents = table.documents.checked_add(count).ok_or_else(overflow)?;
            } else if let Some(c) = table.counts.get_mut(term) {
                *c = c.checked_add(count).ok_or_else(overflow)?;
            } else {
                table.counts.insert(term.to_owned(), count);
            }
        }
        Ok(table)
    }

    /// The lines of a table as [`DfTable::write`] writes one, `(term, count)`, `#documents` lines included, for a
    /// reader that wants a few terms of a large table without building it; a malformed line is an error naming its
    /// number, as [`DfTable::parse`] reports it, and so is a count of more than 64 bits ([`DfError::Overflow`]).
    /// Adding up the counts is the reader's: with `checked_add`, as [`DfTable::parse`] does, so a table that
    /// parse refuses is refused alike.
    ///
    /// ```
    /// let lines: Vec<_> = khulasa_score::DfTable::lines("#documents\t10\nحرب\t3\r\n").flatten().collect();
    /// assert_eq!(lines, [("#documents", 10), ("حرب", 3)]);
    /// assert!(khulasa_score::DfTable::lines("حرب 3").all(|line| line.is_err()));
    /// ```
    pub fn lines(text: &str) -> impl Iterator<Item = Result<(&str, u64), DfError>> + '_ {
        // Split on bytes: `lines` and `split_once` search for a `char`, which costs more than these short lines.
        let lines = text.split_terminator('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
        lines.enumerate().map(|(n, line)| {
            let format = || DfError::Format { line: n + 1 };
            let tab = line.bytes().position(|b| b == b'\t').ok_or_else(format)?;
            let (term, count) = (line.get(..tab).unwrap_or(""), line.get(tab + 1..).unwrap_or(""));
            let count = count.trim();
            let digits = count.strip_prefix('+').unwrap_or(count);
            match count.parse() {
                Ok(count) => Ok((term, count)),
                // Digits that do not fit: a count, but one no table can hold.
                Err(_) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => Err(DfError::Overflow {
                    line: n + 1,
                    term: term.to_owned(),
                }),
                Err(_) => Err(format()),
            }
        })
    }
}

/// The background document frequencies shipped with the crate (`data/df-ar.tsv`): light stems, folded, without
/// stop words, of the 31,525 stories of the ANT news corpus (2017–2018), built by `scripts/build-df.sh`; the
/// IDF of a story summarised without a batch large enough to count its own.
pub const BACKGROUND_DF: &str = include_str!("../data/df-ar.tsv");

/// [`BACKGROUND_DF`] as a table, read on first use.
///
/// ```
/// let table = khulasa_score::background();
/// assert_eq!(table.documents, 31_525);
/// assert!(table.idf("رييس") < table.idf("no-such-term"));
/// ```
pub fn background() -> &'static DfTable {
    static TABLE: std::sync::OnceLock<DfTable> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| DfTable::parse(BACKGROUND_DF).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_table_reads_back_equal() {
        let mut df = DfTable::default();
        df.add_document(["سلام", "حرب"]);
        df.add_document(["سلام"]);
        let mut bytes = Vec::new();
        df.write(&mut bytes).unwrap();
        assert_eq!(
            String::from_utf8(bytes.clone()).unwrap(),
            "#documents\t2\nحرب\t1\nسلام\t2\n"
        );
        assert_eq!(DfTable::read(bytes.as_slice()).unwrap(), df);
    }

    #[test]
    fn malformed_line_is_reported_with_its_number() {
        let err = DfTable::read("#documents\t2\nterm 3\n".as_bytes()).unwrap_err();
        assert!(matches!(err, DfError::Format { line: 2 }));
    }

    #[test]
    fn counts_that_overflow_are_refused_with_their_line() {
        let max = u64::MAX;
        let twice = format!("#documents\t{max}\nحرب\t1\n#documents\t{max}\n");
        let err = DfTable::parse(&twice).unwrap_err();
        assert!(
            matches!(&err, DfError::Overflow { line: 3, term } if term == "#documents"),
            "{err}"
        );
        assert!(err
            .to_string()
            .starts_with("line 3: the count of `#documents` is more than 18446744073709551615"));
        let term_twice = format!("#documents\t5\nحرب\t{max}\nسلم\t1\nحرب\t1\n");
        assert!(matches!(
            DfTable::parse(&term_twice),
            Err(DfError::Overflow { line: 4, .. })
        ));
        let too_long = "#documents\t18446744073709551616\n";
        assert!(matches!(
            DfTable::parse(too_long),
            Err(DfError::Overflow { line: 1, .. })
        ));
        for not_a_count in ["-1", "+", "++5", "", "1e3"] {
            let text = format!("حرب\t{not_a_count}\n");
            assert!(
                matches!(DfTable::parse(&text), Err(DfError::Format { line: 1 })),
                "{not_a_count}"
            );
        }
    }

    #[test]
    fn merges_stop_at_the_largest_count_instead_of_wrapping() {
        let mut full = DfTable {
            documents: u64::MAX,
            counts: [("حرب".to_owned(), u64::MAX)].into_iter().collect(),
        };
        let other = full.clone();
        full.merge(&other);
        full.merge_owned(other);
        full.add_document(["حرب"]);
        assert_eq!((full.documents, full.counts["حرب"]), (u64::MAX, u64::MAX));
        assert_eq!(full.idf("حرب"), 1.0);
    }

    proptest::proptest! {
        /// Whatever table is accepted, every IDF is a number of at least 1 (that of a term in every document):
        /// never negative, infinite or NaN, for terms in the table, absent from it, or counted in more documents
        /// than the table has.
        #[test]
        fn every_accepted_table_gives_idf_of_at_least_one(
            lines in proptest::collection::vec(
                (
                    proptest::prop_oneof![proptest::strategy::Just("#documents".to_owned()), "[ا-ي]{1,2}"],
                    proptest::prop_oneof![
                        proptest::num::u64::ANY,
                        (u64::MAX - 3)..=u64::MAX,
                        0u64..10,
                        proptest::strategy::Just(u64::MAX / 2 + 1),
                    ],
                ),
                0..8,
            ),
        ) {
            let text: String = lines.iter().map(|(term, count)| format!("{term}\t{count}\n")).collect();
            let Ok(table) = DfTable::parse(&text) else { return Ok(()) };
            for term in table.counts.keys().map(String::as_str).chain(["unseen"]) {
                let idf = table.idf(term);
                proptest::prop_assert!(idf.is_finite() && idf >= 1.0, "{term}: {idf} in {table:?}");
            }
        }

        /// The same for any pair of counts given to the IDF directly.
        #[test]
        fn smoothed_idf_is_at_least_one(documents in proptest::num::u64::ANY, df in proptest::num::u64::ANY) {
            let idf = smoothed_idf(documents, df);
            proptest::prop_assert!(idf.is_finite() && idf >= 1.0, "{documents} {df}: {idf}");
        }
    }

    #[test]
    fn shipped_background_table_parses_and_ranks_common_terms_low() {
        let table = DfTable::read(BACKGROUND_DF.as_bytes()).unwrap();
        assert_eq!(table.documents, 31_525);
        assert!(table.counts.len() > 10_000);
        // "رييس" (president, folded and stemmed) is in over 40% of the stories: a low IDF; a term absent from the
        // table is rarer than any in it.
        let president = table.idf("رييس");
        assert!(president < 2.0, "{president}");
        assert!(table.idf("no-such-term") > table.counts.keys().map(|t| table.idf(t)).fold(0.0, f64::max) - 1e-9);
    }
}
