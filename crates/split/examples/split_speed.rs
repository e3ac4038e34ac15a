//! Splits every file given, `ROUNDS` times over (default 200), and prints bytes, rounds and CPU-independent
//! counts; meant to run under `perf stat` or `/usr/bin/time -v` when the machine is too loaded for wall-clock
//! benchmarks (`cargo run --release -p khulasa-split --example split_speed -- FILE...`).

fn main() {
    let rounds: usize = std::env::var("ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(200);
    let texts: Vec<String> = std::env::args()
        .skip(1)
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut units = Vec::new();
    let mut total = 0;
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        for text in &texts {
            khulasa_split::split_into(text, &mut units);
            total += units.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} files, {bytes} bytes, {rounds} rounds, {total} units, {secs:.3} s wall, {:.1} MB/s wall",
        texts.len(),
        (bytes * rounds) as f64 / secs / 1e6
    );
}
