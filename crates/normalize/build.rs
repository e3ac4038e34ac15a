//! Reads the built-in lexicon tables (kept gzip-compressed in `corpora/`) and writes into `OUT_DIR` the image the
//! library reads at start (`lexicon.bin`: the entries and neighbour counts, already summed, damaged and hashed),
//! so a process does not parse 72,000 lines of text before its first repair (some 60 million instructions, 20 ms).
//! The tables also go to `OUT_DIR` as text, for the test that checks the image against them.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/lexicon_tables.rs"]
mod lexicon_tables;

fn unpack(corpora: &Path, out_dir: &Path, table: &str) -> String {
    let packed = corpora.join(format!("{table}.gz"));
    println!("cargo:rerun-if-changed={}", packed.display());
    let file = std::fs::File::open(&packed).unwrap_or_else(|e| panic!("{}: {e}", packed.display()));
    let mut text = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{}: {e}", packed.display()));
    std::fs::write(out_dir.join(table), &text).expect("OUT_DIR is writable");
    text
}

fn main() {
    println!("cargo:rerun-if-changed=src/lexicon_tables.rs");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out_dir = Path::new(&out_dir);
    let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpora");
    let words = unpack(&corpora, out_dir, "lexicon-ar.tsv");
    let context = unpack(&corpora, out_dir, "lexicon-ar.context.tsv");
    let mut entries: HashMap<std::borrow::Cow<'static, str>, lexicon_tables::Entry<'static>> = HashMap::new();
    lexicon_tables::read_words(&words, &mut entries)
        .unwrap_or_else(|line| panic!("lexicon-ar.tsv: line {line}: expected `word<TAB>count`"));
    let mut counts: HashMap<u64, u32> = HashMap::new();
    lexicon_tables::read_context(&context, |key, count| *counts.entry(key).or_default() += count)
        .unwrap_or_else(|line| panic!("lexicon-ar.context.tsv: line {line}: malformed"));
    // Sorted, so that the image is the same from build to build.
    let mut entries: Vec<_> = entries.iter().map(|(k, e)| (&**k, e)).collect();
    entries.sort_unstable_by_key(|(k, _)| *k);
    let mut counts: Vec<_> = counts.into_iter().collect();
    counts.sort_unstable();
    let image = lexicon_tables::write_image(entries.into_iter(), counts.into_iter());
    std::fs::write(out_dir.join("lexicon.bin"), image).expect("OUT_DIR is writable");
}
