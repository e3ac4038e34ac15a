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
use khulasa::batch::Status;
use khulasa::input::{Day, DayFilter, Fields};
use std::path::PathBuf;

/// Arabic wire stories: repair, split, summarise, and prepare for translation.
#[derive(Debug, Parser)]
#[command(name = "khulasa", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Worker threads (default: all cores). Output is the same whatever the number.
    #[arg(long, global = true)]
    threads: Option<usize>,
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

fn parse_day(text: &str) -> Result<Day, String> {
    Day::parse_iso(text).ok_or_else(|| format!("expected YYYY-MM-DD, not `{text}`"))
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
        khulasa::input::documents(&self.inputs, &fields)
            .filter(move |doc| filter.keeps(doc))
            .map(khulasa::input::reject_empty)
    }
}

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
            .num_threads(threads.max(1))
            .build_global()?;
    }
    khulasa::batch::configure(khulasa::batch::Reporting {
        quiet: cli.quiet,
        stats: cli.stats,
    });
    match cli.command {
        Command::Split(args) => split::run(&args),
        Command::Normalize(args) => normalize::run(&args),
        Command::Stem(args) => stem::run(&args),
        Command::Summarize(args) => summarize::run(&args),
        Command::Prep(args) => prep::run(&args),
        Command::Merge(args) => merge::run(&args),
        Command::Digest(args) => digest::run(&args),
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

/// `text` with its control characters (line breaks, escapes, NUL, C1 controls) written as `\u{…}`.
pub(crate) fn printable(text: &str) -> std::borrow::Cow<'_, str> {
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
