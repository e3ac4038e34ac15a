#[path = "common.rs"]
mod common;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let articles = common::articles();
    let bytes: usize = articles.iter().map(String::len).sum();
    let mut group = c.benchmark_group("score");
    group.throughput(Throughput::Bytes(bytes as u64));
    let repairer = khulasa_normalize::Repairer::new();
    let analyzer = khulasa_stem::Analyzer::new(khulasa_stem::Algorithm::Light, true);
    let docs: Vec<_> = articles
        .iter()
        .map(|a| {
            let doc = khulasa::input::Document {
                id: String::new(),
                text: a.clone(),
                encoding: khulasa_normalize::Encoding::Utf8,
                title: None,
                origin: String::new(),
            };
            let split = khulasa::pipeline::split(&repairer, &doc);
            khulasa::pipeline::features(&split, &analyzer, None).0
        })
        .collect();
    for name in khulasa_score::SCORER_NAMES {
        let scorer = khulasa_score::scorer(name).expect("listed scorer");
        group.bench_function(name, |b| {
            b.iter(|| {
                for d in &docs {
                    let scores = scorer.score(d);
                    std::hint::black_box(khulasa_score::select(d, &scores, khulasa_score::Budget::Sentences(3)));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
