//! Light stemmer speed in CPU time, for a machine too loaded for wall-clock benchmarks to mean "one core".
//!
//! Stems every folded word of the EASC development articles ROUNDS times. Run it under `/usr/bin/time -v` with
//! ROUNDS = 0 and ROUNDS = N: the difference in user time is the stemming alone, N × words words.
//!
//! `cargo run --release -p khulasa-stem --example stem_speed -- 2000`
use std::path::Path;

fn main() {
    let rounds: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/easc-dev/articles");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} absent", dir.display());
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let words: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .flat_map(|t| {
            khulasa_normalize::words(&t)
                .map(|(_, w)| khulasa_normalize::fold(w))
                .collect::<Vec<_>>()
        })
        .collect();
    let stemmer = khulasa_stem::LightStemmer::new();
    let mut letters = 0usize;
    for _ in 0..rounds {
        for w in &words {
            letters += std::hint::black_box(stemmer.stem_str(std::hint::black_box(w))).len();
        }
    }
    println!(
        "{} words x {rounds} rounds = {} words stemmed (checksum {letters})",
        words.len(),
        words.len() * rounds
    );
}
