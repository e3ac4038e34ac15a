//! The subcommands; each mirrors a pipeline stage.

mod atomic;
mod digest;
mod eval;
mod merge;
mod normalize;
mod prep;
mod split;
mod stem;
mod summarize;

use clap::{Args, Parser, Subcommand};
pub(crate) use khulasa::batch::printable;
use khulasa::batch::Status;
use khulasa::input::{Day, DayFilter, Fields};
use std::path::PathBuf;

/// Arabic wire stories: repair, split, summarise, and prepare for translation.
#[derive(Debug, Parser)]
#[command(name = "khulasa", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Worker threads, 1 to 256 (default: all cores). Output is the same whatever the number.
    #[arg(long, global = true, value_parser = clap::value_parser!(u16).range(1..=MAX_THREADS))]
    threads: Option<u16>,
    /// No progress bar and no closing report on standard error (errors are still reported).
    #[arg(long, global = true)]
    quiet: bool,
    /// Print the closing one-line report (stories, sentences, failures, seconds) even when standard error is not
    /// a terminal.
    #[arg(long, global = true)]
    stats: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// One sentence a line (or JSONL with offsets and kinds).
    Split(split::SplitArgs),
    /// The text as it should go to a translator: extraction damage repaired.
    Normalize(normalize::NormalizeArgs),
    /// Stems of words, one a line.
    Stem(stem::StemArgs),
    /// Extractive summaries.
    Summarize(summarize::SummarizeArgs),
    /// Translation files, one unit per sentence.
    Prep(prep::PrepArgs),
    /// Translations back in, checked by id: translated summaries, a bilingual CSV and TMX.
    Merge(merge::MergeArgs),
    /// The day's digest: stories grouped into events, each summarised across its stories.
    Digest(digest::DigestArgs),
    /// Measures: ROUGE of scorer variants (with intervals, a paired test and the oracle), stemmer conflation,
    /// sentence boundaries.
    Eval(eval::EvalArgs),
}

/// Where documents come from, shared by every subcommand that reads documents.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files, directories (every *.txt under them), *.jsonl or *.jsonl.gz feeds; none or `-` for standard input.
    pub inputs: Vec<PathBuf>,
    /// The id field of JSONL feeds.
    #[arg(long, default_value = "id")]
    pub id_field: String,
    /// The text field of JSONL feeds.
    #[arg(long, default_value = "text")]
    pub text_field: String,
    /// The date field of JSONL feeds (ISO 8601 or RFC 2822); by default `date`, else `time`.
    #[arg(long)]
    pub date_field: Option<String>,
    /// Only the stories of this day (YYYY-MM-DD), by their date field.
    #[arg(long, value_parser = parse_day, conflicts_with_all = ["from", "to"])]
    pub date: Option<Day>,
    /// Only the stories of this day or later (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    pub from: Option<Day>,
    /// Only the stories of this day or earlier (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    pub to: Option<Day>,
}

/// Most worker threads `--threads` takes: more than a machine has cores only costs memory and start-up.
const MAX_THREADS: i64 = 256;

/// A day as `--date`, `--from` and `--to` take it: `YYYY-MM-DD`, a day that exists.
fn parse_day(text: &str) -> Result<Day, String> {
    let day = Day::parse_iso(text)
        .filter(|_| text.trim().len() == 10)
        .ok_or_else(|| format!("expected YYYY-MM-DD, not `{text}`"))?;
    let leap = day.year % 4 == 0 && (day.year % 100 != 0 || day.year % 400 == 0);
    let days_in_month = match day.month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day.day > days_in_month {
        return Err(format!("{text} is no day of the calendar"));
    }
    Ok(day)
}

/// A whole number of at least 1, for options that count (`--sentences`, `--words`).
pub(crate) fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<i128>() {
        Ok(n) if n >= 1 => usize::try_from(n).map_err(|_| format!("{text} is too large")),
        Ok(_) => Err(format!("must be at least 1, not {text}")),
        Err(_) => Err(format!("expected a whole number, not `{text}`")),
    }
}

/// A fraction from 0 to 1 (`--ratio`).
pub(crate) fn fraction(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(r) if (0.0..=1.0).contains(&r) => Ok(r),
        _ => Err(format!("must be a number between 0 and 1, not {text}")),
    }
}

impl InputArgs {
    /// The documents named, as a stream.
    pub fn documents(
        &self,
    ) -> impl Iterator<Item = Result<khulasa::input::Document, khulasa::input::Failure>> + Send + 'static {
        let fields = Fields {
            id: self.id_field.clone(),
            text: self.text_field.clone(),
            date: self.date_field.clone(),
        };
        let (from, to) = match self.date {
            Some(day) => (Some(day), Some(day)),
            None => (self.from, self.to),
        };
        let filter = DayFilter { from, to };
        // A selection of days that keeps nothing is said, not passed over as an empty batch.
        let kept = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counted = std::sync::Arc::clone(&kept);
        let selecting = from.is_some() || to.is_some();
        let inputs: Vec<String> = self.inputs.iter().map(|p| p.display().to_string()).collect();
        let nothing_kept = std::iter::once_with(move || {
            let none = selecting && counted.load(std::sync::atomic::Ordering::Relaxed) == 0;
            none.then(|| {
                let days = match (from, to) {
                    (Some(a), Some(b)) if a == b => format!("dated {a}"),
                    (Some(a), Some(b)) => format!("dated {a} to {b}"),
                    (Some(a), None) => format!("dated {a} or later"),
                    (None, Some(b)) => format!("dated {b} or earlier"),
                    (None, None) => String::new(),
                };
                Err(khulasa::input::Failure {
                    origin: if inputs.is_empty() {
                        "stdin".into()
                    } else {
                        inputs.join(" ")
                    },
                    message: format!("no story {days}"),
                })
            })
        })
        .flatten();
        khulasa::input::documents(&self.inputs, &fields)
            .filter(move |doc| {
                let keep = filter.keeps(doc);
                if keep && doc.is_ok() {
                    kept.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
                keep
            })
            .chain(nothing_kept)
            .map(khulasa::input::reject_empty)
    }

    /// Refuses `--from` after `--to`: a usage error, before anything is read.
    pub fn check(&self) -> Result<(), Usage> {
        match (self.from, self.to) {
            (Some(from), Some(to)) if from > to => Err(Usage(format!("--from {from} is after --to {to}"))),
            _ => Ok(()),
        }
    }
}

/// A mistake in the command line found after parsing: reported like clap's own, with exit code 1.
#[derive(Debug)]
pub struct Usage(pub String);

impl std::fmt::Display for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

/// Output formats of `split` and `summarize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TextFormat {
    /// Plain text.
    Text,
    /// One JSON object a line.
    Jsonl,
}

/// Runs the command line.
pub fn run(cli: Cli) -> anyhow::Result<Status> {
    if let Some(threads) = cli.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(threads))
            .build_global()
            .map_err(|e| anyhow::anyhow!("cannot start {threads} worker threads (--threads): {e}"))?;
    }
    let reporting = khulasa::batch::Reporting::new(cli.quiet, cli.stats);
    let input = match &cli.command {
        Command::Split(a) => Some(&a.input),
        Command::Normalize(a) => Some(&a.input),
        Command::Summarize(a) => Some(&a.input),
        Command::Digest(a) => Some(&a.input),
        Command::Prep(a) => Some(&a.input),
        Command::Stem(_) | Command::Merge(_) | Command::Eval(_) => None,
    };
    if let Some(input) = input {
        input.check()?;
    }
    match cli.command {
        Command::Split(args) => split::run(&args, &reporting),
        Command::Normalize(args) => normalize::run(&args, &reporting),
        Command::Stem(args) => stem::run(&args),
        Command::Summarize(args) => summarize::run(&args, &reporting),
        Command::Prep(args) => prep::run(&args, &reporting),
        Command::Merge(args) => merge::run(&args, &reporting),
        Command::Digest(args) => digest::run(&args, &reporting),
        Command::Eval(args) => eval::run(&args),
    }
}

/// Buffered standard output whose write errors say they are about standard output.
pub fn stdout() -> std::io::BufWriter<Stdout> {
    std::io::BufWriter::with_capacity(1 << 16, Stdout(std::io::stdout()))
}

/// Standard output, naming itself in its errors: "No space left on device" alone does not say which file was
/// being written. The error kind is kept, so a closed pipe is still recognised as one.
/// Not locked for the whole run: the batch runner writes from whichever worker thread is free.
pub struct Stdout(std::io::Stdout);

impl Stdout {
    fn named(e: std::io::Error) -> std::io::Error {
        std::io::Error::new(e.kind(), format!("writing standard output: {e}"))
    }
}

impl std::io::Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf).map_err(Self::named)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush().map_err(Self::named)
    }
}
