//! The command's side of a batch: what its jobs count, how it shows progress and failures on standard error, and
//! its closing report. The running itself (chunks, threads, input order) is [`khulasa_batch::run`].

use crate::input::Failure;
use std::io::{IsTerminal, Write};
use std::time::Instant;

pub use khulasa_batch::run::{Item, Status};

/// What the jobs counted for the closing report.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Sentences (units) of the documents.
    pub sentences: usize,
    /// What the desk's clean-up did.
    pub desk: khulasa_desk::Tally,
}

impl khulasa_batch::run::Count for Counts {
    fn add(&mut self, other: &Counts) {
        self.sentences += other.sentences;
        self.desk.add(&other.desk);
    }
}

/// How a batch went: documents, failures and what the jobs counted.
pub type Tally = khulasa_batch::run::Tally<Counts>;

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

    /// Whether the closing report will be written: then a job counts what it reports (the desk's work on every
    /// unit).
    pub fn reports(&self) -> bool {
        !self.quiet && (self.stats || std::io::stderr().is_terminal())
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
        if !self.reports() {
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

/// Runs `job` on every item with [`khulasa_batch::run::run`], showing its progress as `progress` says and each
/// failure on standard error (`khulasa: ORIGIN: WHY`).
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
    sink: impl FnMut(&D, T) -> std::io::Result<()> + Send,
    progress: Progress,
) -> std::io::Result<Tally> {
    let mut shown = Shown { bar: progress.start() };
    let result = khulasa_batch::run::run(items, job, sink, &mut shown);
    if let Some(bar) = shown.bar {
        bar.finish_and_clear();
    }
    result
}

/// Failures and progress on standard error, the failures above the progress bar when there is one.
struct Shown {
    bar: Option<indicatif::ProgressBar>,
}

impl khulasa_batch::run::Watch for Shown {
    fn failed(&mut self, failure: &Failure) {
        report(&failure.to_string(), self.bar.as_ref());
    }
    fn progressed(&mut self, done: usize) {
        if let Some(bar) = &self.bar {
            bar.set_position(done as u64);
        }
    }
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

    #[test]
    fn printable_escapes_controls_only() {
        assert_eq!(printable("a\tb\u{85}"), "a\\u{9}b\\u{85}");
        assert!(matches!(printable("خبر 1"), std::borrow::Cow::Borrowed(_)));
    }
}
