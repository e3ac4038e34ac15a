//! The JSON line `khulasa summarize --format jsonl` writes for a story, for programs that write the same format
//! (the Python module's Spark job does).

use serde::Serialize;

/// One story's summary as a JSONL line holds it: fields in alphabetical order (the order of the format since
/// its first release); `date`, `source` and `title` are `null` when the input gave none.
///
/// ```
/// use khulasa::jsonl::{SentenceLine, SummaryLine};
/// let line = SummaryLine {
///     date: Some("2018-05-09"),
///     encoding: "utf-8",
///     id: "CN-1",
///     scorer: "default",
///     sentences: vec![SentenceLine { end: 20, index: 0, rank: 1, score: 1.0, start: 0, text: "قال الوزير." }],
///     source: None,
///     title: None,
/// };
/// assert_eq!(
///     line.to_line(),
///     "{\"date\":\"2018-05-09\",\"encoding\":\"utf-8\",\"id\":\"CN-1\",\"scorer\":\"default\",\"sentences\":[{\"end\":20,\
///      \"index\":0,\"rank\":1,\"score\":1.0,\"start\":0,\"text\":\"قال الوزير.\"}],\"source\":null,\"title\":null}\n"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryLine<'a> {
    /// The story's day (`YYYY-MM-DD`).
    pub date: Option<&'a str>,
    /// The encoding it was read in (`utf-8`, `utf-16le`, `windows-1256`, ...).
    pub encoding: &'a str,
    /// Its id.
    pub id: &'a str,
    /// The scorer's name.
    pub scorer: &'a str,
    /// The summary's sentences, in document order.
    pub sentences: Vec<SentenceLine<'a>>,
    /// Its outlet.
    pub source: Option<&'a str>,
    /// Its title.
    pub title: Option<&'a str>,
}

/// A sentence of a [`SummaryLine`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentenceLine<'a> {
    /// Byte offset just past it in the story as read.
    pub end: usize,
    /// Its index among the story's units.
    pub index: usize,
    /// Its rank in the summary (1 first).
    pub rank: usize,
    /// Its score.
    pub score: f64,
    /// Byte offset of its start in the story as read.
    pub start: usize,
    /// The sentence as shown.
    pub text: &'a str,
}

impl SummaryLine<'_> {
    /// The line, compact, with its line break.
    pub fn to_line(&self) -> String {
        // Serialising borrowed strings and numbers into a vector cannot fail.
        let mut line = serde_json::to_string(self).unwrap_or_default();
        line.push('\n');
        line
    }
}

/// `None` (`null`) for a field the input did not give (an empty one).
pub fn given(value: &str) -> Option<&str> {
    (!value.is_empty()).then_some(value)
}
