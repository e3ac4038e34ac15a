//! Unpacks the built-in lexicon tables (kept gzip-compressed in `corpora/`) into `OUT_DIR`, so the binary holds
//! them as plain text: unpacking them at every start took a third of the repairer's start-up (some 10 ms).

use std::io::Read;
use std::path::Path;

const TABLES: [&str; 2] = ["lexicon-ar.tsv", "lexicon-ar.context.tsv"];

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpora");
    for table in TABLES {
        let packed = corpora.join(format!("{table}.gz"));
        println!("cargo:rerun-if-changed={}", packed.display());
        let file = std::fs::File::open(&packed).unwrap_or_else(|e| panic!("{}: {e}", packed.display()));
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(file)
            .read_to_end(&mut text)
            .unwrap_or_else(|e| panic!("{}: {e}", packed.display()));
        std::fs::write(Path::new(&out_dir).join(table), text).expect("OUT_DIR is writable");
    }
}
