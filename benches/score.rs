//! Scoring and selection (not splitting or stemming): every scorer on a 30-sentence story, and how the cost of the
//! default and the graph scorers grows with the sentences per story (the similarity matrix is quadratic up to
//! `khulasa_score::DENSE_LIMIT` sentences, a sparse nearest-neighbour graph beyond).
//!
//! Stories of n sentences are the first n sentences of the EASC development articles read one after another (the
//! seed story repeated when `../shared/data` is absent), with the terms `khulasa summarize` uses.
#[path = "common.rs"]
mod common;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use khulasa_score::{Budget, Document};

/// The sentences of every article, in order, as one long scoring document.
fn pooled() -> Document {
    let repairer = khulasa_normalize::Repairer::new();
    let analyzer = khulasa_stem::Analyzer::new(khulasa_stem::Algorithm::Light, true);
    let mut all = Document::default();
    let articles = common::articles();
    // Articles (or the seed story) repeat until the longest story below can be cut from the pool.
    for text in articles.iter().cycle() {
        if all.sentences.len() >= 2000 {
            break;
        }
        let doc = khulasa::input::Document::new("story", text.clone());
        let split = khulasa::pipeline::split(&repairer, &doc);
        let terms = khulasa::pipeline::terms(&split, &analyzer);
        let idf = khulasa::pipeline::idf(&terms.names, &terms.sentences, Some(khulasa::pipeline::background_df()));
        let d = Document {
            sentences: terms.sentences,
            idf,
        };
        // Term ids are local to each document: shift them past the ones already pooled.
        let shift = all.idf.len() as u32;
        all.sentences.extend(d.sentences.into_iter().map(|mut s| {
            s.terms.iter_mut().for_each(|t| *t += shift);
            s
        }));
        all.idf.extend(d.idf);
    }
    all
}

/// The first `n` sentences of the pool, with term ids renumbered from 0 as a single story's would be.
fn story(pool: &Document, n: usize) -> Document {
    let mut ids = std::collections::HashMap::new();
    let mut idf = Vec::new();
    let sentences = pool
        .sentences
        .iter()
        .take(n)
        .map(|s| {
            let mut s = s.clone();
            for t in &mut s.terms {
                *t = *ids.entry(*t).or_insert_with(|| {
                    idf.push(pool.idf[*t as usize]);
                    idf.len() as u32 - 1
                });
            }
            s
        })
        .collect();
    Document { sentences, idf }
}

fn bench(c: &mut Criterion) {
    let pool = pooled();
    let thirty = story(&pool, 30);
    let mut group = c.benchmark_group("score 30-sentence story");
    for name in khulasa_score::SCORER_NAMES {
        let scorer = khulasa_score::scorer(name).expect("listed scorer");
        group.bench_function(name, |b| {
            b.iter(|| {
                let scores = scorer.score(&thirty);
                std::hint::black_box(khulasa_score::select(&thirty, &scores, Budget::Words(100)))
            })
        });
    }
    let default = khulasa_score::scorer("default").expect("default scorer");
    group.bench_function("default + MMR λ=0.7", |b| {
        b.iter(|| {
            let scores = default.score(&thirty);
            std::hint::black_box(khulasa_score::select_mmr(&thirty, &scores, Budget::Words(100), 0.7))
        })
    });
    group.finish();

    let mut group = c.benchmark_group("score by story length");
    for name in ["default", "lexrank", "textrank"] {
        let scorer = khulasa_score::scorer(name).expect("listed scorer");
        for n in [10, 30, 100, 300, 1000, 2000] {
            let doc = story(&pool, n);
            let n = doc.sentences.len();
            group.throughput(Throughput::Elements(n as u64));
            group.bench_with_input(BenchmarkId::new(name, n), &doc, |b, doc| {
                b.iter(|| {
                    let scores = scorer.score(doc);
                    std::hint::black_box(khulasa_score::select(doc, &scores, Budget::Sentences(5)))
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
