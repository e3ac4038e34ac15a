//! Repair + fold over the EASC development articles, `ROUNDS` times (default 100), for timing with
//! `/usr/bin/time -v`: CPU time, unlike the wall-clock time of the criterion benchmark, does not count the time
//! the process waits for a core on a busy machine.
//!
//! With `damaged` after the rounds, the articles are damaged first as PDF extraction damages them (each lam-alef
//! written alef-lam), so that every word with a ligature is weighed.
//!
//! ```text
//! cargo build --release -p khulasa-normalize --example repair_speed
//! /usr/bin/time -v target/release/examples/repair_speed 100
//! /usr/bin/time -v target/release/examples/repair_speed 100 damaged
//! ```

use std::time::Instant;

fn main() {
    let rounds: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/easc-dev/articles");
    let Ok(entries) = std::fs::read_dir(dir) else {
        println!("skipped: {dir} absent");
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let damaged = std::env::args().nth(2).as_deref() == Some("damaged");
    let articles: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|a| if damaged { damage(&a) } else { a })
        .collect();
    let bytes: usize = articles.iter().map(String::len).sum();
    let repairer = khulasa_normalize::Repairer::new();
    // The lexicon is read on first use: not part of the measure.
    let _ = repairer.repair("");
    let mut folded = String::new();
    let start = Instant::now();
    for _ in 0..rounds {
        for article in &articles {
            let repaired = repairer.repair(article);
            folded.clear();
            khulasa_normalize::fold_into(&repaired.text, &mut folded);
            std::hint::black_box(&folded);
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let total = (bytes * rounds) as f64;
    println!(
        "{} articles, {bytes} bytes, {rounds} rounds: {seconds:.3} s wall clock, {:.1} MiB/s",
        articles.len(),
        total / seconds / 1_048_576.0
    );
}

/// Each lam-alef (`لا لأ لإ لآ`) written as bare alef then lam, as `scripts/eval-repair.py` damages text.
fn damage(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('ل', Some('ا' | 'أ' | 'إ' | 'آ')) => {
                chars.next();
                out.push_str("ال");
            }
            _ => out.push(c),
        }
    }
    out
}
