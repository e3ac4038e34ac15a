//! Where a batch's time goes, stage by stage, on one thread:
//! `cargo run --release --example stage_times -- FEED.jsonl [PASSES]` (a JSONL feed with `id` and `text`).
//!
//! Each pass runs the first and second passes of `khulasa summarize` over every story of the feed, one stage at a
//! time around each story: repair, split and units (`pipeline::split`), terms, the spool record (`spool::encode`,
//! with the story's own term ids standing in for the batch vocabulary's, which is not timed here), reading it back
//! with an IDF, and the default scorer with selection. The records are kept to the end of the pass, as the spool
//! keeps them. The first pass meets a fresh process (memory touched for the first time, cold caches); the later
//! ones show the work alone. After the passes, reading the feed (the reader thread's work) and the repair are timed
//! alone, and the steps of a word inside the analysis (finding the words, folding, the stop list, stemming), each
//! the best of the passes.

use khulasa::pipeline::{self, Prepared, SummaryOptions};
use khulasa_normalize::Repairer;
use khulasa_score::Budget;
use khulasa_stem::{Algorithm, Analyzer, LightStemmer};
use std::time::Instant;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const STAGES: [&str; 6] = ["split", "terms", "encode", "record", "read back", "score"];

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(feed) = args.next() else {
        eprintln!("usage: stage_times FEED.jsonl [PASSES]");
        std::process::exit(1);
    };
    let passes: usize = args.next().and_then(|p| p.parse().ok()).unwrap_or(7).max(1);
    let fields = khulasa::input::Fields::default();
    let mut docs = Vec::new();
    for doc in khulasa::input::documents(&[feed.clone().into()], &fields) {
        match doc {
            Ok(doc) => docs.push(doc),
            Err(failure) => eprintln!("skipped: {failure}"),
        }
    }
    if docs.is_empty() {
        eprintln!("stage_times: no story to time");
        std::process::exit(1);
    }
    let repairer = Repairer::new();
    let analyzer = Analyzer::new(Algorithm::Light, true);
    let scorer = khulasa_score::scorer("default").expect("the default scorer exists");
    let options = SummaryOptions {
        analyzer: &analyzer,
        scorer: scorer.as_ref(),
        budget: Budget::Sentences(3),
        df: None,
    };
    let per = |seconds: f64| seconds * 1e3 * 1000.0 / docs.len() as f64;
    println!("{} stories; milliseconds per 1,000 stories, one thread", docs.len());
    let mut best = [f64::MAX; STAGES.len()];
    for pass in 0..passes {
        let mut spent = [0.0f64; STAGES.len()];
        let mut records = Vec::with_capacity(docs.len());
        let mut picked = 0;
        for doc in &docs {
            let t0 = Instant::now();
            let (mut split, changes) = pipeline::split_noting(&repairer, doc);
            pipeline::review(&mut split);
            let t1 = Instant::now();
            let terms = pipeline::terms(&split, &analyzer);
            let t2 = Instant::now();
            let encoded = khulasa::spool::encode(
                doc,
                &Prepared {
                    split,
                    terms,
                    desk: Default::default(),
                    changes,
                },
            );
            let t3 = Instant::now();
            let ids: Vec<u32> = (0..encoded.names().len() as u32).collect();
            let Some(record) = encoded.into_record(&ids) else {
                continue;
            };
            let t4 = Instant::now();
            let Some(view) = khulasa::spool::decode(&record) else {
                continue;
            };
            let idf = view.idf(Some(&vec![1.5; ids.len()]));
            let scoring_doc = khulasa_score::Document {
                idf,
                sentences: view.sentences,
            };
            let t5 = Instant::now();
            picked += pipeline::score_and_select(&scoring_doc, &view.standing, &options, 1.0)
                .1
                .len();
            let t6 = Instant::now();
            records.push(record);
            for (slot, (a, b)) in spent
                .iter_mut()
                .zip([(t0, t1), (t1, t2), (t2, t3), (t3, t4), (t4, t5), (t5, t6)])
            {
                *slot += (b - a).as_secs_f64();
            }
        }
        std::hint::black_box((records, picked));
        let stages: Vec<String> = STAGES
            .iter()
            .zip(&spent)
            .map(|(name, s)| format!("{name} {:.1}", per(*s)))
            .collect();
        println!(
            "pass {}: {:.1} ({})",
            pass + 1,
            per(spent.iter().sum()),
            stages.join(", ")
        );
        for (b, s) in best.iter_mut().zip(spent) {
            *b = b.min(s);
        }
    }
    let stages: Vec<String> = STAGES
        .iter()
        .zip(&best)
        .map(|(name, s)| format!("{name} {:.1}", per(*s)))
        .collect();
    println!("best of each stage: {}", stages.join(", "));

    let mut read = f64::MAX;
    let mut repair = f64::MAX;
    let mut steps = [f64::MAX; 4];
    let splits: Vec<_> = docs.iter().map(|d| pipeline::split(&repairer, d)).collect();
    let light = LightStemmer::new();
    let mut scratch = String::new();
    for _ in 0..passes {
        let t = Instant::now();
        std::hint::black_box(khulasa::input::documents(&[feed.clone().into()], &fields).count());
        read = read.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for doc in &docs {
            std::hint::black_box(repairer.repair(&doc.text));
        }
        repair = repair.min(t.elapsed().as_secs_f64());
        // Each level does the steps of the levels before it.
        for (level, best) in steps.iter_mut().enumerate() {
            let t = Instant::now();
            let mut bytes = 0usize;
            for unit in splits.iter().flat_map(|s| &s.units) {
                let mut words = khulasa_normalize::words(&unit.text);
                while let Some((_, word, folds)) = words.next_noting_folds() {
                    if level == 0 {
                        bytes += word.len();
                        continue;
                    }
                    let folded = if folds {
                        scratch.clear();
                        khulasa_normalize::fold_into(word, &mut scratch);
                        scratch.as_str()
                    } else {
                        word
                    };
                    if level == 1 || khulasa_stem::is_stopword(folded) {
                        bytes += folded.len();
                        continue;
                    }
                    bytes += if level == 2 {
                        folded.len()
                    } else {
                        light.stem_str(folded).len()
                    };
                }
            }
            std::hint::black_box(bytes);
            *best = best.min(t.elapsed().as_secs_f64());
        }
    }
    println!(
        "reading the feed {:.1}; repair alone {:.1}; a word's steps, each level with those before it: finding words {:.1}, + folding {:.1}, \
         + stop list {:.1}, + light stemmer {:.1}",
        per(read),
        per(repair),
        per(steps[0]),
        per(steps[1]),
        per(steps[2]),
        per(steps[3])
    );
}
