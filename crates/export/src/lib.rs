//! Translation exchange for khulasa: sentence units out to translators' formats, translations back in.
//!
//! A [`Unit`] is one sentence to translate with a stable id, its source text and the context a translator needs.
//! Writers turn units into files; readers (later) take translated files back.
//!
//! It does not split, score or summarise: callers bring the units.

use std::io::Write;
use thiserror::Error;

/// Why an export failed.
#[derive(Debug, Error)]
pub enum ExportError {
    /// Writing failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The CSV writer failed.
    #[error("{0}")]
    Csv(#[from] csv::Error),
}

/// One sentence to translate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Stable id: story id, sentence index and a short content hash.
    pub id: String,
    /// The source sentence, as it goes to translation.
    pub source: String,
    /// Story id and the previous sentence.
    pub context: String,
    /// Kind, rank, score, whether in the summary.
    pub developer_comments: String,
    /// `story:start-end` in the document as read.
    pub location: String,
}

/// Writes units as CSV: UTF-8, every field quoted, CRLF, header `id,source,target,context,developer_comments,location`.
///
/// ```
/// let unit = khulasa_export::Unit {
///     id: "story:0:abcd".into(), source: "قال \"نعم\"".into(), context: "story".into(),
///     developer_comments: "body".into(), location: "story:0-10".into(),
/// };
/// let mut out = Vec::new();
/// khulasa_export::write_csv(&[unit], &mut out).unwrap();
/// assert!(String::from_utf8(out).unwrap().contains("\"قال \"\"نعم\"\"\""));
/// ```
pub fn write_csv(units: &[Unit], out: impl Write) -> Result<(), ExportError> {
    let mut w = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(["id", "source", "target", "context", "developer_comments", "location"])?;
    for u in units {
        w.write_record([&u.id, &u.source, "", &u.context, &u.developer_comments, &u.location])?;
    }
    w.flush()?;
    Ok(())
}
