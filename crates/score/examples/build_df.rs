//! Builds the background document-frequency table from a JSONL(.gz) news corpus (run by `scripts/build-df.sh`).
//!
//! `cargo run --release -p khulasa-score --example build_df -- CORPUS.jsonl.gz MIN_DF > crates/score/data/df-ar.tsv`
//!
//! Each line's `title` and `text` are one document; its terms are what `khulasa summarize` uses by default
//! (folded, stop words out, light stem). Only terms in at least MIN_DF documents are written: counts, no text.

use khulasa_score::DfTable;
use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(min_df)) = (args.get(1), args.get(2)) else {
        return Err("usage: build_df CORPUS.jsonl[.gz] MIN_DF".into());
    };
    let min_df: u64 = min_df.parse()?;
    let file = std::fs::File::open(path)?;
    let reader: Box<dyn Read> = if path.ends_with(".gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let analyzer = khulasa_stem::Analyzer::new(khulasa_stem::Algorithm::Light, true);
    let mut table = DfTable::default();
    let mut scratch = String::new();
    let mut distinct: HashSet<String> = HashSet::new();
    for line in BufReader::new(reader).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let story: serde_json::Value = serde_json::from_str(&line)?;
        distinct.clear();
        for field in ["title", "text"] {
            if let Some(text) = story.get(field).and_then(|v| v.as_str()) {
                analyzer.terms(text, &mut scratch, |t| {
                    if !distinct.contains(t) {
                        distinct.insert(t.to_owned());
                    }
                });
            }
        }
        table.add_document(distinct.iter().map(String::as_str));
    }
    table.counts.retain(|_, c| *c >= min_df);
    table.write(std::io::stdout().lock())?;
    Ok(())
}
