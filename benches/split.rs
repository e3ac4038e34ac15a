//! Speed of `khulasa_split::split` on the EASC development articles (at least 100 MB/s on one core).
//! Run with `cargo bench --bench split -- --warm-up-time 1 --measurement-time 3`.

#[path = "common.rs"]
mod common;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let articles = common::articles();
    let bytes: usize = articles.iter().map(String::len).sum();
    let mut group = c.benchmark_group("split");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("split", |b| {
        b.iter(|| {
            for a in &articles {
                std::hint::black_box(khulasa_split::split(a));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
