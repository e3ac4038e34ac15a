#[path = "common.rs"]
mod common;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let articles = common::articles();
    let bytes: usize = articles.iter().map(String::len).sum();
    let mut group = c.benchmark_group("normalize");
    group.throughput(Throughput::Bytes(bytes as u64));
    let repairer = khulasa_normalize::Repairer::new();
    group.bench_function("repair+fold", |b| {
        let mut folded = String::new();
        b.iter(|| {
            for a in &articles {
                let r = repairer.repair(a);
                folded.clear();
                khulasa_normalize::fold_into(&r.text, &mut folded);
                std::hint::black_box(&folded);
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
