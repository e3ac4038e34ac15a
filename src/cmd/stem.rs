use anyhow::Context;
use clap::Args;
use khulasa::batch::Status;
use khulasa_stem::{Algorithm, Stemmer};
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
    let algorithm: Algorithm = args.algorithm.parse()?;
    let stemmer = algorithm.stemmer();
    let mut out = super::stdout();
    stem_lines(std::io::stdin().lock(), &mut out, stemmer.as_ref())?;
    out.flush()?;
    Ok(Status::Ok)
}

/// Writes one stem a line for each line of `input` (folded first, surrounding white space and CR ignored), so the
/// output has exactly as many lines as the input; bytes that are not UTF-8 become U+FFFD rather than stop the run.
fn stem_lines(mut input: impl BufRead, out: &mut impl Write, stemmer: &dyn Stemmer) -> anyhow::Result<()> {
    let mut line = Vec::new();
    let mut folded = String::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line).context("stdin")? == 0 {
            return Ok(());
        }
        let word = String::from_utf8_lossy(&line);
        folded.clear();
        khulasa_normalize::fold_into(word.trim(), &mut folded);
        writeln!(out, "{}", stemmer.stem(&folded))?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(input: &[u8], algorithm: Algorithm) -> String {
        let mut out = Vec::new();
        stem_lines(input, &mut out, algorithm.stemmer().as_ref()).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn one_stem_a_line_with_words_folded_first() {
        let input = [
            "الإرهابيّة\r\nوالإرهاب\n\nالسينما\n  للحكومـــة  \nObama\n".as_bytes(),
            b"\xFF\n",
        ]
        .concat();
        assert_eq!(
            stems(&input, Algorithm::Light),
            "ارهاب\nارهاب\n\nسينم\nحكوم\nObama\n\u{FFFD}\n"
        );
    }

    #[test]
    fn a_last_line_without_newline_still_counts() {
        assert_eq!(stems("كانت\nيكون".as_bytes(), Algorithm::Light), "كان\nكون\n");
        assert_eq!(stems(b"", Algorithm::Snowball), "");
    }

    #[test]
    fn none_only_folds() {
        assert_eq!(stems("الإرهابيّة\n".as_bytes(), Algorithm::None), "الارهابيه\n");
    }
}
