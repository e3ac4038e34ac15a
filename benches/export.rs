#[path = "common.rs"]
mod common;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let articles = common::articles();
    let bytes: usize = articles.iter().map(String::len).sum();
    let mut group = c.benchmark_group("export");
    group.throughput(Throughput::Bytes(bytes as u64));
    let units: Vec<khulasa_export::Unit> = articles
        .iter()
        .enumerate()
        .flat_map(|(i, a)| {
            khulasa_split::split(a).into_iter().map(move |s| khulasa_export::Unit {
                id: format!("{i}:{}", s.start),
                source: a[s.start..s.end].to_owned(),
                context: String::new(),
                developer_comments: s.kind.as_str().to_owned(),
                location: format!("{i}:{}-{}", s.start, s.end),
            })
        })
        .collect();
    group.bench_function("csv", |b| {
        let mut out = Vec::new();
        b.iter(|| {
            out.clear();
            khulasa_export::write_csv(&units, &mut out).expect("writing to memory");
            std::hint::black_box(&out);
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
