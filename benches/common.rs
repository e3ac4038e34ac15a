//! Inputs shared by the benchmarks: the EASC articles read in place, or the seed story when they are absent.

use std::path::Path;

/// The EASC development articles, or (with a message) the seed story alone when `../shared/data` is absent.
pub fn articles() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/easc-dev/articles");
    let mut texts = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if let Ok(t) = std::fs::read_to_string(&p) {
                texts.push(t);
            }
        }
    }
    if texts.is_empty() {
        eprintln!(
            "benchmarks: {} is absent; measuring on the seed story only",
            dir.display()
        );
        texts.push(include_str!("../corpora/coalition-marrakech.txt").to_owned());
    }
    texts
}
