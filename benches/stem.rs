//! Stemming speed over a realistic word stream: every word of the EASC development articles, folded, in text order.
//! Run with `cargo bench --bench stem -- --warm-up-time 1 --measurement-time 3`.
#[path = "common.rs"]
mod common;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let articles = common::articles();
    let words: Vec<String> = articles
        .iter()
        .flat_map(|a| khulasa_normalize::words(a).map(|(_, w)| khulasa_normalize::fold(w)))
        .collect();
    let mut group = c.benchmark_group("stem");
    group.throughput(Throughput::Elements(words.len() as u64));
    let light = khulasa_stem::LightStemmer::new();
    group.bench_function("light/stem_str", |b| {
        b.iter(|| {
            for w in &words {
                std::hint::black_box(light.stem_str(std::hint::black_box(w)));
            }
        })
    });
    for algorithm in [khulasa_stem::Algorithm::Light, khulasa_stem::Algorithm::Snowball] {
        let stemmer = algorithm.stemmer();
        group.bench_function(format!("{}/dyn", stemmer.name()), |b| {
            b.iter(|| {
                for w in &words {
                    std::hint::black_box(stemmer.stem(std::hint::black_box(w)));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
