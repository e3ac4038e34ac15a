#[path = "common.rs"]
mod common;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use khulasa::pipeline::{summarize, SummaryOptions};

fn bench(c: &mut Criterion) {
    let articles = common::articles();
    let docs: Vec<_> = articles
        .iter()
        .map(|a| khulasa::input::Document::new("", a.clone()))
        .collect();
    let repairer = khulasa_normalize::Repairer::new();
    let analyzer = khulasa_stem::Analyzer::new(khulasa_stem::Algorithm::Light, true);
    let scorer = khulasa_score::scorer("default").expect("default scorer");
    let options = SummaryOptions {
        analyzer: &analyzer,
        scorer: scorer.as_ref(),
        budget: khulasa_score::Budget::Sentences(3),
        df: None,
    };
    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Elements(docs.len() as u64));
    group.bench_function("summarize per story", |b| {
        b.iter(|| {
            for d in &docs {
                std::hint::black_box(summarize(&repairer, d, &options));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
