use std::path::PathBuf;

/// What can go wrong while reading gold data or writing a report.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file or directory could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file's bytes are not text in an encoding khulasa reads.
    #[error("{path}: {source}")]
    Decode {
        /// The file.
        path: PathBuf,
        /// Why it could not be decoded.
        source: khulasa_normalize::DecodeError,
    },
    /// A corpus directory without `articles/*.txt`.
    #[error("{0}: no articles (expected articles/NAME.txt and summaries/NAME/*.txt)")]
    NoArticles(PathBuf),
    /// An article without any reference summary.
    #[error("{0}: no reference summaries (expected summaries/NAME/*.txt)")]
    NoReferences(PathBuf),
    /// Paired measures over different numbers of articles.
    #[error("paired samples differ in length: {0} and {1}")]
    LengthMismatch(usize, usize),
    /// A statistic of no samples at all.
    #[error("no samples to measure")]
    Empty,
    /// Writing CSV failed.
    #[error("CSV output: {0}")]
    Csv(#[from] csv::Error),
    /// Writing JSON failed.
    #[error("JSON output: {0}")]
    Json(#[from] serde_json::Error),
    /// Writing a report failed.
    #[error("writing the report: {0}")]
    Write(#[from] std::io::Error),
}
