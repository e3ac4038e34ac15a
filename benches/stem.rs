#[path = "common.rs"]
mod common;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let articles = common::articles();
    let bytes: usize = articles.iter().map(String::len).sum();
    let mut group = c.benchmark_group("stem");
    group.throughput(Throughput::Bytes(bytes as u64));
    let words: Vec<String> = articles
        .iter()
        .flat_map(|a| khulasa_normalize::words(a).map(|(_, w)| khulasa_normalize::fold(w)))
        .collect();
    group.throughput(Throughput::Elements(words.len() as u64));
    for algorithm in [khulasa_stem::Algorithm::Light, khulasa_stem::Algorithm::Snowball] {
        let stemmer = algorithm.stemmer();
        group.bench_function(stemmer.name(), |b| {
            b.iter(|| {
                for w in &words {
                    std::hint::black_box(stemmer.stem(w));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
