#[path = "common.rs"]
mod common;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// Repair then fold each article, as the pipeline does before splitting.
fn repair_and_fold(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    articles: &[String],
) {
    let bytes: usize = articles.iter().map(String::len).sum();
    group.throughput(Throughput::Bytes(bytes as u64));
    let repairer = khulasa_normalize::Repairer::new();
    group.bench_function(name, |b| {
        let mut folded = String::new();
        b.iter(|| {
            for a in articles {
                let r = repairer.repair(a);
                folded.clear();
                khulasa_normalize::fold_into(&r.text, &mut folded);
                std::hint::black_box(&folded);
            }
        })
    });
}

/// Each lam-alef (`لا لأ لإ لآ`) written as alef then lam, as `scripts/eval-repair.py` damages text (the hamza
/// dropped, as PDF extraction drops it): every word with a ligature is then weighed by the repair.
fn damage(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == 'ل' && chars.next_if(|&a| matches!(a, 'ا' | 'أ' | 'إ' | 'آ')).is_some() {
            out.push_str("ال");
        } else {
            out.push(c);
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let articles = common::articles();
    let mut group = c.benchmark_group("normalize");
    repair_and_fold(&mut group, "repair+fold", &articles);
    // Damaged text is measured on the EASC articles only: the seed story is damaged already.
    match common::easc_articles() {
        Some(easc) => {
            let damaged: Vec<String> = easc.iter().map(|a| damage(a)).collect();
            repair_and_fold(&mut group, "repair+fold damaged", &damaged);
        }
        None => eprintln!("benchmarks: the EASC articles are absent; repair+fold damaged skipped"),
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
