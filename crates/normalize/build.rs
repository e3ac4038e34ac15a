//! Reads the built-in lexicon tables (kept gzip-compressed in the crate's `data/`, written by
//! `scripts/build-repair-lexicon.py`) and writes into `OUT_DIR` the image the
//! library looks words up in (`lexicon.bin`: the entries and neighbour counts, already summed, damaged and hashed,
//! as hash tables), so a process neither parses 72,000 lines of text nor builds a table before its first repair.
//! The tables also go to `OUT_DIR` as text, for the test that checks the image against them.

use std::io::Read;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/lexicon_tables.rs"]
mod lexicon_tables;

fn unpack(data: &Path, out_dir: &Path, table: &str) -> String {
    let packed = data.join(format!("{table}.gz"));
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
    // Read when the script runs, not built into it: a script built for one checkout and run for another (a
    // shared target directory) reads the tables of the checkout being built.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let data = Path::new(&manifest_dir).join("data");
    let words = unpack(&data, out_dir, "lexicon-ar.tsv");
    let context = unpack(&data, out_dir, "lexicon-ar.context.tsv");
    let image = lexicon_tables::image_from_tables(&words, &context)
        .unwrap_or_else(|(table, line)| panic!("lexicon-ar {table} table: line {line}: malformed"));
    std::fs::write(out_dir.join("lexicon.bin"), image).expect("OUT_DIR is writable");
}
