//! Runs a per-document job over a stream of documents: in parallel across documents, output in input order.
//!
//! A reader thread pulls documents from the stream (decompressing and parsing as it goes) while the worker threads
//! process the previous chunk, and the outputs of a chunk are written while the next is processed: reading,
//! working and writing overlap, and memory holds at most three chunks. With one worker thread everything runs on
//! that thread, one step after another.

use crate::input::{Document, Failure};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::Instant;

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

/// What the batch runner says on standard error besides errors.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reporting {
    /// Neither progress bar nor closing report.
    pub quiet: bool,
    /// The closing report even when standard error is not a terminal.
    pub stats: bool,
}

static REPORTING: OnceLock<Reporting> = OnceLock::new();
static SENTENCES: AtomicUsize = AtomicUsize::new(0);
/// How often each desk rule fired, in the order of [`khulasa_desk::Rule::ALL`].
static DESK: [AtomicUsize; 5] = [const { AtomicUsize::new(0) }; 5];

/// Sets how batches report progress (once, from the command line).
pub fn configure(reporting: Reporting) {
    let _ = REPORTING.set(reporting);
}

/// Whether the closing report will be written: then a job counts what it reports (the desk's work on every unit).
pub fn reports() -> bool {
    let reporting = REPORTING.get().copied().unwrap_or_default();
    !reporting.quiet && (reporting.stats || std::io::stderr().is_terminal())
}

/// Counts sentences for the closing report.
pub fn count_sentences(n: usize) {
    SENTENCES.fetch_add(n, Ordering::Relaxed);
}

/// Counts what the desk's clean-up did, for the closing report.
pub fn count_desk(tally: &khulasa_desk::Tally) {
    for (counter, rule) in DESK.iter().zip(khulasa_desk::Rule::ALL) {
        counter.fetch_add(tally.count(rule), Ordering::Relaxed);
    }
}

/// The desk's counts as the closing report words them (`; desk: dateline 3, hashtag 12, …`), empty when none fired.
fn desk_report() -> String {
    let counts: Vec<String> = DESK
        .iter()
        .zip(khulasa_desk::Rule::ALL)
        .map(|(counter, rule)| format!("{} {}", rule.name(), counter.load(Ordering::Relaxed)))
        .collect();
    if DESK.iter().all(|c| c.load(Ordering::Relaxed) == 0) {
        return String::new();
    }
    format!("; desk: {}", counts.join(", "))
}

/// A chunk of documents with its results (`None` for a document that could not be read).
type Processed<D, T> = (Vec<Result<D, Failure>>, Vec<Option<Result<T, String>>>);

/// What a batch runs over: a document, or a document's record from an earlier pass. Its origin names it in
/// error messages.
pub trait Item: Send + Sync {
    /// Where it came from (a path, `path:line`, or `stdin`).
    fn origin(&self) -> &str;

    /// Lets go of what its job's output has taken over (a story's text, once a record holds what a later pass
    /// needs of it), keeping its origin: see [`Pass::releases`]. Does nothing unless the item says otherwise.
    fn release(&mut self) {}
}

impl Item for Document {
    fn origin(&self) -> &str {
        &self.origin
    }

    fn release(&mut self) {
        self.text = String::new();
    }
}

/// Where a run stands among the passes of one command: the progress bar's label, and for the closing report the
/// start of the first pass and the failures reported by earlier ones.
#[derive(Debug, Clone, Copy)]
pub struct Pass {
    /// Shown before the count of the progress bar.
    pub label: &'static str,
    /// When the command's first pass started.
    pub started: Instant,
    /// Failures reported by earlier passes (each document is reported once, by the pass that met the problem).
    pub earlier_failures: usize,
    /// Whether this pass ends the command (and prints the closing report).
    pub last: bool,
    /// Whether each item is released ([`Item::release`]) as soon as its job is done, rather than when its output
    /// is handed on (a chunk later): its memory then serves the items read next. For a job whose output holds
    /// all that the sink and later passes need of the item, as a first pass's records do.
    pub releases: bool,
}

impl Pass {
    /// The one pass of a command.
    pub fn only() -> Pass {
        Pass {
            label: "",
            started: Instant::now(),
            earlier_failures: 0,
            last: true,
            releases: false,
        }
    }

    /// The first of two passes: `label` says what it does.
    pub fn first(label: &'static str) -> Pass {
        Pass {
            label,
            last: false,
            ..Pass::only()
        }
    }

    /// The pass after `self`, which ended with `tally`: the last, which writes the output.
    pub fn then(self, tally: Tally) -> Pass {
        Pass {
            label: "writing",
            earlier_failures: self.earlier_failures + tally.failures,
            last: true,
            // The later pass's items are records, handed on whole (their origin names them in reports).
            releases: false,
            ..self
        }
    }
}

/// Documents taken from the stream at a time: enough to keep every core busy and the hand-overs between reader,
/// workers and writer rare (1,024 against 256: the ANT archive 4.02 s → 3.80 s, 7.6 → 7.1 CPU seconds, medians of
/// 5), few enough to bound memory (three chunks of news stories: a few MB).
const CHUNK: usize = 1024;

/// Documents in the first chunk of a stream (see [`for_each_chunk`]).
pub const FIRST_CHUNK: usize = 64;

/// Runs `job` on every document, in parallel, and hands the outputs to `sink` in input order. A failure to read
/// a document, or an `Err` from `job`, is reported on standard error with the document's origin and counted.
pub fn run<T: Send>(
    docs: impl Iterator<Item = Result<Document, Failure>> + Send,
    job: impl Fn(&Document) -> Result<T, String> + Sync,
    sink: impl FnMut(&Document, T) -> std::io::Result<()> + Send,
) -> std::io::Result<Tally> {
    run_pass(Pass::only(), docs, job, sink)
}

/// [`run`] as one pass of several: over any [`Item`], with the closing report only after the last pass. The
/// tally of a last pass counts the failures of the earlier ones too.
pub fn run_pass<D: Item, T: Send>(
    pass: Pass,
    docs: impl Iterator<Item = Result<D, Failure>> + Send,
    job: impl Fn(&D) -> Result<T, String> + Sync,
    mut sink: impl FnMut(&D, T) -> std::io::Result<()> + Send,
) -> std::io::Result<Tally> {
    let reporting = REPORTING.get().copied().unwrap_or_default();
    let terminal = std::io::stderr().is_terminal();
    let progress = (terminal && !reporting.quiet).then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {prefix}{pos} stories, {per_sec}, {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        if !pass.label.is_empty() {
            bar.set_prefix(format!("{}: ", pass.label));
        }
        // Short jobs finish before the bar would be drawn: nothing flickers.
        bar.enable_steady_tick(std::time::Duration::from_millis(250));
        bar
    });
    let mut tally = Tally::default();
    let mut drain = |chunk: Vec<Result<D, Failure>>, results: Vec<Option<Result<T, String>>>| {
        for (doc, result) in chunk.iter().zip(results) {
            match (doc, result) {
                (Err(failure), _) => {
                    tally.failures += 1;
                    report(&failure.to_string(), progress.as_ref());
                }
                (Ok(doc), Some(Err(message))) => {
                    tally.failures += 1;
                    report(&format!("{}: {message}", doc.origin()), progress.as_ref());
                }
                (Ok(doc), Some(Ok(output))) => {
                    tally.documents += 1;
                    sink(doc, output)?;
                }
                (Ok(_), None) => {}
            }
        }
        if let Some(bar) = &progress {
            bar.set_position((tally.documents + tally.failures) as u64);
        }
        std::io::Result::Ok(())
    };
    // The outputs of one chunk are written while the workers process the next: writing is sequential (input
    // order), and a worker freed from it joins the others at once, so no core waits at a chunk's end.
    let mut written: Option<Processed<D, T>> = None;
    let result = for_each_chunk(docs, CHUNK, |mut chunk| {
        let (results, drained) = rayon::join(
            || {
                chunk
                    .par_iter_mut()
                    .map(|d| {
                        d.as_mut().ok().map(|d| {
                            let result = job(d);
                            if pass.releases {
                                d.release();
                            }
                            result
                        })
                    })
                    .collect::<Vec<_>>()
            },
            || written.take().map_or(Ok(()), |(chunk, results)| drain(chunk, results)),
        );
        drained?;
        written = Some((chunk, results));
        Ok(())
    })
    .and_then(|()| written.take().map_or(Ok(()), |(chunk, results)| drain(chunk, results)));
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    result?;
    tally.failures += pass.earlier_failures;
    if pass.last && !reporting.quiet && (terminal || reporting.stats) {
        let seconds = pass.started.elapsed().as_secs_f64();
        let _ = writeln!(
            std::io::stderr().lock(),
            "khulasa: {} stories, {} sentences, {} failures, {:.2} s, {:.0} stories/s{}",
            tally.documents,
            SENTENCES.load(Ordering::Relaxed),
            tally.failures,
            seconds,
            tally.documents as f64 / seconds.max(1e-9),
            desk_report()
        );
    }
    Ok(tally)
}

/// Writes `khulasa: LINE` to standard error, its control characters escaped ([`printable`]); a closed standard
/// error (`khulasa … 2>&1 | head -1`) is no reason to stop, so write errors are ignored.
pub fn warn(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "khulasa: {}", printable(line));
}

fn report(line: &str, progress: Option<&indicatif::ProgressBar>) {
    // A file name or an id is the input's own text: a line break or an escape in it could forge a report line or
    // reach the terminal.
    let line = format!("khulasa: {}", printable(line));
    match progress {
        Some(bar) => bar.suspend(|| {
            let _ = writeln!(std::io::stderr().lock(), "{line}");
        }),
        None => {
            let _ = writeln!(std::io::stderr().lock(), "{line}");
        }
    }
}

/// Hands the stream to `work` in chunks of documents, in order, while a reader thread fills the next chunk (reading,
/// decompressing and parsing overlap the work). Stops at the first error `work` returns.
///
/// The first chunk holds [`FIRST_CHUNK`] documents and each next one twice as many, up to `chunk_size`: the workers
/// start as soon as a few stories are read (a small batch is done before a large chunk would have been filled),
/// and a long stream still goes in large chunks.
///
/// With one worker thread (`--threads 1`) the chunks are read in between instead: one thread means one core, so a
/// job given one core of a shared machine does not take a second.
pub fn for_each_chunk<D: Send>(
    docs: impl Iterator<Item = Result<D, Failure>> + Send,
    chunk_size: usize,
    mut work: impl FnMut(Vec<Result<D, Failure>>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut chunks = chunks(docs, chunk_size);
    if rayon::current_num_threads() <= 1 {
        return chunks.try_for_each(work);
    }
    // The first chunk is read here: the workers have nothing to do until it is read, and a reader thread would
    // first have to start, then hand it over.
    let Some(first) = chunks.next() else {
        return Ok(());
    };
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Result<D, Failure>>>(1);
        // The reader stops at the first chunk the receiver no longer takes (dropped on an early error).
        scope.spawn(move || chunks.try_for_each(|chunk| sender.send(chunk)));
        std::iter::once(first).chain(receiver).try_for_each(&mut work)
    })
}

/// The stream cut into chunks of [`FIRST_CHUNK`], then twice as many each time up to `chunk_size` documents.
fn chunks<D, I: Iterator<Item = Result<D, Failure>>>(
    mut docs: I,
    chunk_size: usize,
) -> impl Iterator<Item = Vec<Result<D, Failure>>> {
    let cap = chunk_size.max(1);
    let mut size = FIRST_CHUNK.min(cap);
    std::iter::from_fn(move || {
        let chunk: Vec<_> = docs.by_ref().take(size).collect();
        size = size.saturating_mul(2).min(cap);
        (!chunk.is_empty()).then_some(chunk)
    })
}

/// `text` with its control characters (line breaks, escapes, NUL, C1 controls) written as `\u{…}`: how an id, a
/// title or a path from the input is shown where a line break or an escape sequence would do harm.
///
/// ```
/// assert_eq!(khulasa::batch::printable("a\nb\u{1b}[31m"), "a\\u{a}b\\u{1b}[31m");
/// assert_eq!(khulasa::batch::printable("خبر"), "خبر");
/// ```
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(n: usize) -> impl Iterator<Item = Result<Document, Failure>> + Send {
        (0..n).map(|i| Ok(Document::new(i.to_string(), "نص")))
    }

    #[test]
    fn chunks_grow_to_the_cap_and_keep_every_document_in_order() {
        let mut sizes = Vec::new();
        let mut ids = Vec::new();
        for_each_chunk(stream(1000), 200, |chunk| {
            sizes.push(chunk.len());
            ids.extend(chunk.into_iter().filter_map(Result::ok).map(|d| d.id));
            Ok(())
        })
        .unwrap();
        assert_eq!(sizes, [64, 128, 200, 200, 200, 200, 8]);
        assert_eq!(ids, (0..1000).map(|i| i.to_string()).collect::<Vec<_>>());
    }

    #[test]
    fn a_releasing_pass_hands_on_every_output_in_order_with_the_items_released() {
        let docs = (0..300).map(|i| {
            if i % 7 == 3 {
                Err(Failure {
                    origin: format!("feed:{i}"),
                    message: "unreadable".into(),
                })
            } else {
                Ok(Document::new(i.to_string(), "نص ".repeat(i % 13 + 1)))
            }
        });
        let pass = Pass {
            releases: true,
            ..Pass::first("test")
        };
        let mut seen = Vec::new();
        let tally = run_pass(
            pass,
            docs,
            |doc| Ok((doc.id.clone(), doc.text.len())),
            |doc, output| {
                assert!(doc.text.is_empty(), "{} was not released", doc.id);
                seen.push(output);
                Ok(())
            },
        )
        .unwrap();
        let expected: Vec<(String, usize)> = (0..300)
            .filter(|i| i % 7 != 3)
            .map(|i| (i.to_string(), "نص ".len() * (i % 13 + 1)))
            .collect();
        assert_eq!(seen, expected);
        assert_eq!(
            (tally.documents, tally.failures),
            (expected.len(), 300 - expected.len())
        );
    }

    #[test]
    fn a_cap_below_the_first_chunk_is_kept() {
        let mut sizes = Vec::new();
        for_each_chunk(stream(10), 4, |chunk| {
            sizes.push(chunk.len());
            Ok(())
        })
        .unwrap();
        assert_eq!(sizes, [4, 4, 2]);
    }
}
