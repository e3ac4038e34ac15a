//! Runs a per-item job over a stream of documents, or of a first pass's records: in parallel, outputs in input
//! order.
//!
//! A reader thread cuts the stream into chunks (reading, decompressing and parsing as it goes) while the workers
//! process the chunk before, and the outputs of a chunk are handed to the sink while the next is processed:
//! reading, working and writing overlap, and memory holds a few chunks. With one worker thread everything runs on
//! that thread, one step after another. Nothing is printed here: failures and progress go to a [`Watch`].

use crate::input::{Document, Failure};
use rayon::prelude::*;

/// What jobs count for a batch's closing report (sentences, rules that fired...): one value per job, added up.
pub trait Count: Default + Send {
    /// Adds `other`'s counts to these.
    fn add(&mut self, other: &Self);
}

impl Count for () {
    fn add(&mut self, _: &()) {}
}

impl Count for usize {
    fn add(&mut self, other: &usize) {
        *self += other;
    }
}

/// How a batch went.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally<C> {
    /// Documents processed.
    pub documents: usize,
    /// Documents that could not be read or processed.
    pub failures: usize,
    /// What the jobs counted, failed documents included.
    pub counts: C,
}

impl<C: Count> Tally<C> {
    /// The tally of a command whose first pass went as `self` and whose `later` pass went over what the first one
    /// processed: the documents are the later pass's, the failures of both (each document is reported once, by
    /// the pass that met the problem) and the counts of both.
    ///
    /// ```
    /// use khulasa_batch::run::Tally;
    /// let first = Tally { documents: 10, failures: 2, counts: 40usize };
    /// let later = Tally { documents: 9, failures: 1, counts: 5usize };
    /// let both = first.then(later);
    /// assert_eq!((both.documents, both.failures, both.counts), (9, 3, 45));
    /// ```
    pub fn then(self, later: Tally<C>) -> Tally<C> {
        let mut counts = self.counts;
        counts.add(&later.counts);
        Tally {
            documents: later.documents,
            failures: self.failures + later.failures,
            counts,
        }
    }

    /// The exit status: [`Status::SomeFailed`] when any document failed.
    ///
    /// ```
    /// use khulasa_batch::run::{Status, Tally};
    /// assert_eq!(Tally { documents: 3, failures: 1, counts: () }.status(), Status::SomeFailed);
    /// ```
    pub fn status(&self) -> Status {
        if self.failures > 0 {
            Status::SomeFailed
        } else {
            Status::Ok
        }
    }
}

/// How a batch ended.
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

/// Who is told how a batch goes: each failure as it is met (in input order), and how many items are done after
/// each chunk. A command shows them on standard error; the unit `()` ignores them.
pub trait Watch: Send {
    /// An item could not be read, or its job failed: `failure` names it and says why, on one line.
    fn failed(&mut self, failure: &Failure);
    /// `done` items (processed or failed) have been handed on so far.
    fn progressed(&mut self, done: usize) {
        let _ = done;
    }
}

impl Watch for () {
    fn failed(&mut self, _: &Failure) {}
}

/// What a batch runs over: a document, or a document's record from an earlier pass. Its origin names it in
/// failures.
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
pub const CHUNK: usize = 1024;

/// Documents in the first chunk: the workers start as soon as a few stories are read (a small batch is done
/// before a large chunk would have been filled); each next chunk holds twice as many, up to [`CHUNK`].
const FIRST_CHUNK: usize = 64;

/// A chunk of items with, for each readable one, what its job counted and its result.
type Processed<D, T, C> = (Vec<Result<D, Failure>>, Vec<Option<(C, Result<T, String>)>>);

/// Runs `job` on every item, in parallel, and hands each output to `sink` in input order, with the item as the job
/// left it: a job may take out of its item what the output has taken over, and the memory then serves the items
/// read next (a first pass lets go of a story's text once its record is made). A failure to read an item, or an
/// `Err` from `job`, goes to `watch` with the item's origin, is counted, and the batch goes on. What the jobs
/// count (failed documents included) adds up in the tally. An error from `sink` ends the batch.
///
/// ```
/// use khulasa_batch::input::Document;
/// use khulasa_batch::run::run;
/// let docs = ["قال الوزير.", "أكد الرئيس. ثم غادر."].map(|text| Ok(Document::new("d", text)));
/// let mut lengths = Vec::new();
/// let tally = run(
///     docs.into_iter(),
///     |doc, sentences: &mut usize| {
///         *sentences += doc.text.matches('.').count();
///         Ok(doc.text.len())
///     },
///     |_, length| {
///         lengths.push(length);
///         Ok(())
///     },
///     &mut (),
/// )?;
/// assert_eq!(lengths, [20, 35]);
/// assert_eq!((tally.documents, tally.failures, tally.counts), (2, 0, 3));
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn run<D: Item, T: Send, C: Count>(
    items: impl Iterator<Item = Result<D, Failure>> + Send,
    job: impl Fn(&mut D, &mut C) -> Result<T, String> + Sync,
    mut sink: impl FnMut(&D, T) -> std::io::Result<()> + Send,
    watch: &mut impl Watch,
) -> std::io::Result<Tally<C>> {
    let mut tally = Tally::<C>::default();
    let mut hand_on = |(chunk, results): Processed<D, T, C>| {
        for (item, result) in chunk.iter().zip(results) {
            match (item, result) {
                (Err(failure), _) => {
                    tally.failures += 1;
                    watch.failed(failure);
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
                            watch.failed(&Failure {
                                origin: item.origin().to_owned(),
                                message,
                            });
                        }
                    }
                }
                (Ok(_), None) => {}
            }
        }
        watch.progressed(tally.documents + tally.failures);
        std::io::Result::Ok(())
    };
    // The outputs of one chunk are handed on while the workers process the next: the sink is sequential (input
    // order), and a worker freed from it joins the others at once, so no core waits at a chunk's end.
    let mut previous: Option<Processed<D, T, C>> = None;
    for_each_chunk(items, CHUNK, |mut chunk| {
        let (results, handed_on) = rayon::join(
            || {
                chunk
                    .par_iter_mut()
                    .map(|item| {
                        let item = item.as_mut().ok()?;
                        let mut counts = C::default();
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
    .and_then(|()| previous.take().map_or(Ok(()), &mut hand_on))?;
    Ok(tally)
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

    /// Keeps the failures it is told of, and the last progress.
    #[derive(Default)]
    struct Seen {
        failures: Vec<String>,
        done: usize,
    }

    impl Watch for Seen {
        fn failed(&mut self, failure: &Failure) {
            self.failures.push(failure.to_string());
        }
        fn progressed(&mut self, done: usize) {
            self.done = done;
        }
    }

    #[test]
    fn a_job_that_lets_go_of_its_item_hands_on_every_output_in_order_with_the_item_let_go() {
        let mut seen = Vec::new();
        let mut watch = Seen::default();
        let tally = run(
            mixed(3000),
            |doc, sentences: &mut usize| {
                *sentences += 1;
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
            &mut watch,
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
            (tally.documents, tally.failures, tally.counts),
            (expected.len(), 3000 - expected.len(), readable.len())
        );
        // Failures in input order, each named once, whether unreadable or failed by its job.
        let failed: Vec<String> = (0..3000)
            .filter(|i| i % 7 == 3 || i % 10 == 5)
            .map(|i| {
                if i % 7 == 3 {
                    format!("feed:{i}: unreadable")
                } else {
                    format!("{i}: fails")
                }
            })
            .collect();
        assert_eq!(watch.failures, failed);
        assert_eq!(watch.done, 3000);
    }

    #[test]
    fn a_sink_error_ends_the_batch() {
        let mut handed_on = 0;
        let result = run(
            stream(3000),
            |_, _: &mut ()| Ok(()),
            |doc, ()| {
                handed_on += 1;
                match doc.id.as_str() {
                    "100" => Err(std::io::Error::other("disk full")),
                    _ => Ok(()),
                }
            },
            &mut (),
        );
        assert_eq!(result.unwrap_err().to_string(), "disk full");
        assert_eq!(handed_on, 101);
    }
}
