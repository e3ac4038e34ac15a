//! Inputs shared by the benchmarks: the EASC articles read in place, or the seed story when they are absent.

use std::path::Path;

/// Where the EASC development articles are read in place.
fn easc_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/easc-dev/articles")
}

/// The EASC development articles, or (with a message) the seed story alone when `../shared/data` is absent.
pub fn articles() -> Vec<String> {
    easc_articles().unwrap_or_else(|| {
        eprintln!(
            "benchmarks: {} is absent; measuring on the seed story only",
            easc_dir().display()
        );
        vec![include_str!("../corpora/coalition-marrakech.txt").to_owned()]
    })
}

/// The EASC development articles in file-name order, `None` when `../shared/data` is absent.
pub fn easc_articles() -> Option<Vec<String>> {
    let entries = std::fs::read_dir(easc_dir()).ok()?;
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let texts: Vec<String> = paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    (!texts.is_empty()).then_some(texts)
}
