use anyhow::Context;
use clap::Args;
use khulasa::batch::Status;
use khulasa_stem::Algorithm;
use std::io::{BufRead, Write};

#[derive(Debug, Args)]
pub struct StemArgs {
    /// The stemming algorithm.
    #[arg(long, default_value = "light", value_parser = ["light", "snowball", "none"])]
    algorithm: String,
    /// Read one word a line from standard input and write one stem a line (the same number of lines).
    #[arg(long, required = true)]
    words: bool,
}

pub fn run(args: &StemArgs) -> anyhow::Result<Status> {
    let algorithm = Algorithm::parse(&args.algorithm).context("unknown algorithm")?;
    let stemmer = algorithm.stemmer();
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut out = super::stdout();
    let mut line = Vec::new();
    let mut folded = String::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line).context("stdin")? == 0 {
            break;
        }
        let word = String::from_utf8_lossy(&line);
        folded.clear();
        khulasa_normalize::fold_into(word.trim(), &mut folded);
        writeln!(out, "{}", stemmer.stem(&folded))?;
    }
    out.flush()?;
    Ok(Status::Ok)
}
