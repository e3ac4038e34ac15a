//! Runs a per-document job over a stream of documents: in parallel across documents, output in input order.

use crate::input::{Document, Failure};
use rayon::prelude::*;
use std::io::Write;

/// How a batch went.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    /// Documents processed.
    pub documents: usize,
    /// Documents that could not be read or processed.
    pub failures: usize,
}

impl Tally {
    /// The exit status: 2 when any document failed.
    pub fn status(self) -> Status {
        if self.failures > 0 {
            Status::SomeFailed
        } else {
            Status::Ok
        }
    }
}

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Everything went well.
    Ok,
    /// Some documents failed; the others were processed.
    SomeFailed,
}

impl From<Status> for std::process::ExitCode {
    fn from(s: Status) -> Self {
        match s {
            Status::Ok => std::process::ExitCode::SUCCESS,
            Status::SomeFailed => std::process::ExitCode::from(2),
        }
    }
}

/// Documents taken from the stream at a time: enough to keep every core busy, few enough to bound memory.
const CHUNK: usize = 256;

/// Runs `job` on every document, in parallel, and hands the outputs to `sink` in input order. A failure to read
/// a document, or an `Err` from `job`, is reported on standard error with the document's origin and counted.
pub fn run<T: Send>(
    docs: impl Iterator<Item = Result<Document, Failure>>,
    job: impl Fn(&Document) -> Result<T, String> + Sync,
    mut sink: impl FnMut(&Document, T) -> std::io::Result<()>,
) -> std::io::Result<Tally> {
    let mut tally = Tally::default();
    let mut docs = docs.peekable();
    let mut chunk: Vec<Result<Document, Failure>> = Vec::with_capacity(CHUNK);
    while docs.peek().is_some() {
        chunk.clear();
        chunk.extend(docs.by_ref().take(CHUNK));
        let results: Vec<Option<Result<T, String>>> = chunk.par_iter().map(|d| d.as_ref().ok().map(&job)).collect();
        for (doc, result) in chunk.iter().zip(results) {
            match (doc, result) {
                (Err(failure), _) => {
                    tally.failures += 1;
                    report(&failure.to_string());
                }
                (Ok(doc), Some(Err(message))) => {
                    tally.failures += 1;
                    report(&format!("{}: {message}", doc.origin));
                }
                (Ok(doc), Some(Ok(output))) => {
                    tally.documents += 1;
                    sink(doc, output)?;
                }
                (Ok(_), None) => {}
            }
        }
    }
    Ok(tally)
}

fn report(line: &str) {
    let stderr = std::io::stderr();
    let mut lock = stderr.lock();
    let _ = writeln!(lock, "khulasa: {line}");
}
