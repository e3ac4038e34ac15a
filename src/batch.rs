//! Runs a per-item job over a stream of documents, or of a first pass's records: in parallel, outputs in input
//! order.
//!
//! A reader thread cuts the stream into chunks (reading, decompressing and parsing as it goes) while the workers
//! process the chunk before, and the outputs of a chunk are handed to the sink while the next is processed:
//! reading, working and writing overlap, and memory holds a few chunks. With one worker thread everything runs on
//! that thread, one step after another.

use crate::input::{Document, Failure};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::time::Instant;

/// What the jobs counted for the closing report.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Sentences (units) of the documents.
    pub sentences: usize,
    /// What the desk's clean-up did.
    pub desk: khulasa_desk::Tally,
}

impl Counts {
    /// Adds `other`'s counts to these.
    pub fn add(&mut self, other: &Counts) {
        self.sentences += other.sentences;
        self.desk.add(&other.desk);
    }
}

/// How a batch went.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    /// Documents processed.
    pub documents: usize,
    /// Documents that could not be read or processed.
    pub failures: usize,
    /// What the jobs counted, failed documents included.
    pub counts: Counts,
}

impl Tally {
    /// The tally of a command whose first pass went as `self` and whose `later` pass went over what the first one
    /// processed: the documents are the later pass's, the failures of both (each document is reported once, by
    /// the pass that met the problem) and the counts of both.
    pub fn then(self, later: Tally) -> Tally {
        let mut counts = self.counts;
        counts.add(&later.counts);
        Tally {
            documents: later.documents,
            failures: self.failures + later.failures,
            counts,
        }
    }

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

/// What a command says on standard error besides errors, as `--quiet` and `--stats` ask: a progress bar on a
/// terminal, and a closing report on a terminal or with `--stats`.
#[derive(Debug, Clone, Copy)]
pub struct Reporting {
    /// Neither progress bar nor closing report.
    pub quiet: bool,
    /// The closing report even when standard error is not a terminal.
    pub stats: bool,
    /// When the command started: the closing report's time and rate count from it.
    pub started: Instant,
}

impl Reporting {
    /// The reporting of a command starting now.
    pub fn new(quiet: bool, stats: bool) -> Reporting {
        Reporting {
            quiet,
            stats,
            started: Instant::now(),
        }
    }

    /// The progress of one pass of the command: `label` says what it does (empty for a command's only pass).
    pub fn progress(&self, label: &'static str) -> Progress {
        Progress {
            label,
            bar: !self.quiet && std::io::stderr().is_terminal(),
        }
    }

    /// Writes the closing report of a command that went as `tally`: `khulasa: 3 stories, 41 sentences, 0
    /// failures, 0.12 s, 25 stories/s`, and what the desk did when it did anything.
    pub fn close(&self, tally: &Tally) {
        if self.quiet || !(self.stats || std::io::stderr().is_terminal()) {
            return;
        }
        let seconds = self.started.elapsed().as_secs_f64();
        let desk = tally.counts.desk;
        let desk = if desk == khulasa_desk::Tally::default() {
            String::new()
        } else {
            let counts: Vec<String> = khulasa_desk::Rule::ALL
                .iter()
                .map(|&rule| format!("{} {}", rule.name(), desk.count(rule)))
                .collect();
            format!("; desk: {}", counts.join(", "))
        };
        let _ = writeln!(
            std::io::stderr().lock(),
            "khulasa: {} stories, {} sentences, {} failures, {:.2} s, {:.0} stories/s{desk}",
            tally.documents,
            tally.counts.sentences,
            tally.failures,
            seconds,
            tally.documents as f64 / seconds.max(1e-9),
        );
    }
}

/// How a pass shows its progress; the default shows none.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    /// Shown before the count.
    label: &'static str,
    /// Whether a bar is drawn.
    bar: bool,
}

impl Progress {
    fn start(self) -> Option<indicatif::ProgressBar> {
        self.bar.then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {prefix}{pos} stories, {per_sec}, {elapsed}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            if !self.label.is_empty() {
                bar.set_prefix(format!("{}: ", self.label));
            }
            // Short jobs finish before the bar would be drawn: nothing flickers.
            bar.enable_steady_tick(std::time::Duration::from_millis(250));
            bar
        })
    }
}

/// What a batch runs over: a document, or a document's record from an earlier pass. Its origin names it in
/// error messages.
pub trait Item: Send + Sync {
    /// Where it came from (a path, `path:line`, or `stdin`).
    fn origin(&self) -> &str;
}

impl Item for Document {
    fn origin(&self) -> &str {
        &self.origin
    }
}

/// Documents taken from the stream at a time: enough to keep every core busy and the hand-overs between reader,
/// workers and writer rare (1,024 against 256: the ANT archive 4.02 s → 3.80 s, 7.6 → 7.1 CPU seconds, medians of
/// 5), few enough to bound memory (a few chunks of news stories: a few MB).
const CHUNK: usize = 1024;

/// Documents in the first chunk: the workers start as soon as a few stories are read (a small batch is done
/// before a large chunk would have been filled); each next chunk holds twice as many, up to [`CHUNK`].
const FIRST_CHUNK: usize = 64;

/// A chunk of items with, for each readable one, what its job counted and its result.
type Processed<D, T> = (Vec<Result<D, Failure>>, Vec<Option<(Counts, Result<T, String>)>>);

/// Runs `job` on every item, in parallel, and hands each output to `sink` in input order, with the item as the job
/// left it: a job may take out of its item what the output has taken over, and the memory then serves the items
/// read next (a first pass lets go of a story's text once its record is made). A failure to read an item, or an
/// `Err` from `job`, is reported on standard error with the item's origin, counted, and the batch goes on. What
/// the jobs count (failed documents included) adds up in the tally.
///
/// ```
/// use khulasa::batch::{run, Progress};
/// use khulasa::input::Document;
/// let docs = ["قال الوزير.", "أكد الرئيس. ثم غادر."].map(|text| Ok(Document::new("d", text)));
/// let mut lengths = Vec::new();
/// let tally = run(
///     docs.into_iter(),
///     |doc, counts| {
///         counts.sentences += doc.text.matches('.').count();
///         Ok(doc.text.len())
///     },
///     |_, length| {
///         lengths.push(length);
///         Ok(())
///     },
///     Progress::default(),
/// )
/// .unwrap();
/// assert_eq!(lengths, [20, 35]);
/// assert_eq!((tally.documents, tally.failures, tally.counts.sentences), (2, 0, 3));
/// ```
pub fn run<D: Item, T: Send>(
    items: impl Iterator<Item = Result<D, Failure>> + Send,
    job: impl Fn(&mut D, &mut Counts) -> Result<T, String> + Sync,
    mut sink: impl FnMut(&D, T) -> std::io::Result<()> + Send,
    progress: Progress,
) -> std::io::Result<Tally> {
    let bar = progress.start();
    let mut tally = Tally::default();
    let mut hand_on = |(chunk, results): Processed<D, T>| {
        for (item, result) in chunk.iter().zip(results) {
            match (item, result) {
                (Err(failure), _) => {
                    tally.failures += 1;
                    report(&failure.to_string(), bar.as_ref());
                }
                (Ok(item), Some((counts, result))) => {
                    tally.counts.add(&counts);
                    match result {
                        Ok(output) => {
                            tally.documents += 1;
                            sink(item, output)?;
                        }
                        Err(message) => {
                            tally.failures += 1;
                            report(&format!("{}: {message}", item.origin()), bar.as_ref());
                        }
                    }
                }
                (Ok(_), None) => {}
            }
        }
        if let Some(bar) = &bar {
            bar.set_position((tally.documents + tally.failures) as u64);
        }
        std::io::Result::Ok(())
    };
    // The outputs of one chunk are handed on while the workers process the next: the sink is sequential (input
    // order), and a worker freed from it joins the others at once, so no core waits at a chunk's end.
    let mut previous: Option<Processed<D, T>> = None;
    let result = for_each_chunk(items, CHUNK, |mut chunk| {
        let (results, handed_on) = rayon::join(
            || {
                chunk
                    .par_iter_mut()
                    .map(|item| {
                        let item = item.as_mut().ok()?;
                        let mut counts = Counts::default();
                        let result = job(item, &mut counts);
                        Some((counts, result))
                    })
                    .collect()
            },
            || previous.take().map_or(Ok(()), &mut hand_on),
        );
        previous = Some((chunk, results));
        handed_on
    })
    .and_then(|()| previous.take().map_or(Ok(()), &mut hand_on));
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    result.map(|()| tally)
}

/// Writes `khulasa: LINE` to standard error, its control characters escaped ([`printable`]); a closed standard
/// error (`khulasa … 2>&1 | head -1`) is no reason to stop, so write errors are ignored.
pub fn warn(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "khulasa: {}", printable(line));
}

fn report(line: &str, bar: Option<&indicatif::ProgressBar>) {
    match bar {
        Some(bar) => bar.suspend(|| warn(line)),
        None => warn(line),
    }
}

/// Hands the stream to `work` in chunks, in order, while a reader thread fills the next chunk. Stops at the first
/// error `work` returns.
///
/// With one worker thread (`--threads 1`) the chunks are read in between instead: one thread means one core, so a
/// job given one core of a shared machine does not take a second.
fn for_each_chunk<D: Send>(
    items: impl Iterator<Item = Result<D, Failure>> + Send,
    cap: usize,
    work: impl FnMut(Vec<Result<D, Failure>>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut chunks = chunks(items, cap);
    if rayon::current_num_threads() <= 1 {
        return chunks.try_for_each(work);
    }
    // The first chunk is read here, where it is worked on: a story read by another thread leaves the memory its
    // reading let go (a buffer grown while reading) to that thread, and the work takes fresh memory (split of a
    // 50 MB one-line story: 173 MB at peak, against 207 MB read by the reader thread).
    let Some(first) = chunks.next() else {
        return Ok(());
    };
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel(1);
        // The reader stops at the first chunk the receiver no longer takes (dropped on an early error).
        scope.spawn(move || chunks.try_for_each(|chunk| sender.send(chunk)));
        std::iter::once(first).chain(receiver).try_for_each(work)
    })
}

/// The stream cut into chunks of [`FIRST_CHUNK`] items, then twice as many each time up to `cap`.
fn chunks<D>(
    mut items: impl Iterator<Item = Result<D, Failure>>,
    cap: usize,
) -> impl Iterator<Item = Vec<Result<D, Failure>>> {
    let cap = cap.max(1);
    let mut size = FIRST_CHUNK.min(cap);
    std::iter::from_fn(move || {
        let chunk: Vec<_> = items.by_ref().take(size).collect();
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
    fn a_cap_below_the_first_chunk_is_kept() {
        let mut sizes = Vec::new();
        for_each_chunk(stream(10), 4, |chunk| {
            sizes.push(chunk.len());
            Ok(())
        })
        .unwrap();
        assert_eq!(sizes, [4, 4, 2]);
    }

    /// Unreadable items, and items whose job fails, among 3,000: past several full chunks.
    fn mixed(n: usize) -> impl Iterator<Item = Result<Document, Failure>> + Send {
        (0..n).map(|i| {
            if i % 7 == 3 {
                Err(Failure {
                    origin: format!("feed:{i}"),
                    message: "unreadable".into(),
                })
            } else {
                Ok(Document::new(i.to_string(), "نص ".repeat(i % 13 + 1)))
            }
        })
    }

    #[test]
    fn a_job_that_lets_go_of_its_item_hands_on_every_output_in_order_with_the_item_let_go() {
        let mut seen = Vec::new();
        let tally = run(
            mixed(3000),
            |doc, counts| {
                counts.sentences += 1;
                if doc.id.ends_with('5') {
                    return Err("fails".into());
                }
                let output = (doc.id.clone(), doc.text.len());
                doc.text = String::new();
                Ok(output)
            },
            |doc, output| {
                assert!(doc.text.is_empty(), "{} was not let go", doc.id);
                seen.push(output);
                Ok(())
            },
            Progress::default(),
        )
        .unwrap();
        let readable: Vec<usize> = (0..3000).filter(|i| i % 7 != 3).collect();
        let expected: Vec<(String, usize)> = readable
            .iter()
            .filter(|&&i| i % 10 != 5)
            .map(|i| (i.to_string(), "نص ".len() * (i % 13 + 1)))
            .collect();
        assert_eq!(seen, expected);
        assert_eq!(
            (tally.documents, tally.failures, tally.counts.sentences),
            (expected.len(), 3000 - expected.len(), readable.len())
        );
    }

    #[test]
    fn a_sink_error_ends_the_batch() {
        let mut handed_on = 0;
        let result = run(
            stream(3000),
            |_, _| Ok(()),
            |doc, ()| {
                handed_on += 1;
                match doc.id.as_str() {
                    "100" => Err(std::io::Error::other("disk full")),
                    _ => Ok(()),
                }
            },
            Progress::default(),
        );
        assert_eq!(result.unwrap_err().to_string(), "disk full");
        assert_eq!(handed_on, 101);
    }

    #[test]
    fn a_later_pass_keeps_its_documents_and_adds_failures_and_counts() {
        let counts = |sentences, dateline| Counts {
            sentences,
            desk: khulasa_desk::Tally {
                dateline,
                ..Default::default()
            },
        };
        let first = Tally {
            documents: 10,
            failures: 2,
            counts: counts(40, 1),
        };
        let later = Tally {
            documents: 9,
            failures: 1,
            counts: counts(5, 2),
        };
        let both = first.then(later);
        assert_eq!((both.documents, both.failures, both.counts), (9, 3, counts(45, 3)));
        assert_eq!(both.status(), Status::SomeFailed);
    }
}
