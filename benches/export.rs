#[path = "common.rs"]
mod common;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use khulasa_export::{Unit, WriteOptions};

/// Every sentence of the EASC development articles (or the seed story) as a unit, with a context as `prep`
/// writes it; throughput is counted in bytes of source text.
fn bench(c: &mut Criterion) {
    let articles = common::articles();
    let mut units: Vec<Unit> = Vec::new();
    for (i, a) in articles.iter().enumerate() {
        let story = format!("easc/{i}");
        let mut previous = String::new();
        for s in khulasa_split::split(a) {
            let mut unit = Unit::new(&story, units.len(), a.get(s.start..s.end).unwrap_or_default());
            unit.context = format!("{story} | {previous}");
            unit.developer_comments = format!("kind={}; rank=1; score=0.5000; summary=no", s.kind.as_str());
            unit.location = format!("{story}:{}-{}", s.start, s.end);
            previous = unit.source.clone();
            units.push(unit);
        }
    }
    let bytes: usize = units.iter().map(|u| u.source.len()).sum();
    let options = WriteOptions {
        target_lang: Some("en".into()),
        ..WriteOptions::default()
    };
    let mut group = c.benchmark_group("export");
    group.throughput(Throughput::Bytes(bytes as u64));
    let mut out = Vec::with_capacity(bytes * 4);
    group.bench_function("write_csv", |b| {
        b.iter(|| {
            out.clear();
            khulasa_export::write_csv(&units, &options, &mut out).expect("writing to memory");
            std::hint::black_box(&out);
        })
    });
    group.bench_function("write_jsonl", |b| {
        b.iter(|| {
            out.clear();
            khulasa_export::write_jsonl(&units, &mut out).expect("writing to memory");
            std::hint::black_box(&out);
        })
    });
    group.bench_function("write_xliff2", |b| {
        b.iter(|| {
            out.clear();
            khulasa_export::write_xliff2(&units, &options, &mut out).expect("writing to memory");
            std::hint::black_box(&out);
        })
    });
    let mut csv = Vec::new();
    khulasa_export::write_csv(&units, &options, &mut csv).expect("writing to memory");
    group.bench_function("read_csv", |b| {
        b.iter(|| std::hint::black_box(khulasa_export::read_csv(&csv, options.profile).expect("reading back")))
    });
    let mut xliff = Vec::new();
    khulasa_export::write_xliff2(&units, &options, &mut xliff).expect("writing to memory");
    group.bench_function("read_xliff2", |b| {
        b.iter(|| std::hint::black_box(khulasa_export::read_xliff(&xliff).expect("reading back")))
    });
    group.finish();
    // Whole articles hold line breaks, so every one takes the cleaning (allocating) path.
    let mut group = c.benchmark_group("export_clean");
    group.throughput(Throughput::Bytes(articles.iter().map(String::len).sum::<usize>() as u64));
    group.bench_function("clean_articles", |b| {
        b.iter(|| articles.iter().map(|a| khulasa_export::clean(a).len()).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
