//! The subcommands; each mirrors a pipeline stage.

mod normalize;
mod prep;
mod split;
mod stem;
mod summarize;

use clap::{Args, Parser, Subcommand};
use khulasa::batch::Status;
use khulasa::input::Fields;
use std::path::PathBuf;

/// Arabic wire stories: repair, split, summarise, and prepare for translation.
#[derive(Debug, Parser)]
#[command(name = "khulasa", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
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
}

impl InputArgs {
    /// The documents named, as a stream.
    pub fn documents(&self) -> impl Iterator<Item = Result<khulasa::input::Document, khulasa::input::Failure>> {
        let fields = Fields {
            id: self.id_field.clone(),
            text: self.text_field.clone(),
        };
        khulasa::input::documents(&self.inputs, &fields)
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
    match cli.command {
        Command::Split(args) => split::run(&args),
        Command::Normalize(args) => normalize::run(&args),
        Command::Stem(args) => stem::run(&args),
        Command::Summarize(args) => summarize::run(&args),
        Command::Prep(args) => prep::run(&args),
    }
}

/// Buffered standard output.
pub fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock())
}
