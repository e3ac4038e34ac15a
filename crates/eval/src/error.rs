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
    /// A line of an event gold file (`id<TAB>event`) that cannot be read.
    #[error("line {line}: {problem}")]
    EventLine {
        /// Its number, from 1.
        line: usize,
        /// What is wrong with it.
        problem: crate::events::LineProblem,
    },
    /// A story given twice in the same list of a clustering measure.
    #[error("story {id} appears twice in the {list}")]
    DuplicateStory {
        /// The story.
        id: String,
        /// `system output` or `gold`.
        list: &'static str,
    },
    /// A story in one list of a clustering measure and not in the other.
    #[error("story {id} is in the {found_in} but not in the {missing_from}")]
    UnmatchedStory {
        /// The story.
        id: String,
        /// The list that has it.
        found_in: &'static str,
        /// The list that lacks it.
        missing_from: &'static str,
    },
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
