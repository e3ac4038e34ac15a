//! Reads the built-in lexicon tables (kept gzip-compressed in the crate's `data/`, written by
//! `scripts/build-repair-lexicon.py`) and writes into `OUT_DIR` the Rust source of three `phf` maps
//! (`lexicon_maps.rs`: every form with its count and repair, damaged and summed already, the neighbour counts and
//! the letter contexts) and a set (the words that follow the article in damaged forms),
//! which `src/lexicon.rs` includes, their strings spans of one text (`lexicon_text.txt`): a process neither parses
//! 48,000 lines of text nor builds a table before its first repair, and its loader relocates none of their strings.
//! The tables also go to `OUT_DIR` as text, for the test that checks the maps against them.
//!
//! Which tables: `KHULASA_REPAIR_LEXICON` unset (or `ant`) compiles those of `data/`, counted on all of ANT v2.1;
//! `KHULASA_REPAIR_LEXICON=ant-half-a` those of `data/ant-half-a/`, counted on ANT's half-A days only, for
//! measuring the repair on ANT's half-B days, text it has then never seen (`scripts/eval-repair.py` builds its
//! ANT binary so, in a target folder of its own). Any other value fails the build.

use std::collections::HashMap;
use std::fmt::Write as _;
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

/// The text of every key and repair, one after the other: the maps hold spans of it, one integer each, where a
/// `&'static str` would be a pointer the loader relocates at every start (one dynamic relocation a string: 3.5 MB
/// of the binary and 0.8 M instructions before the first line is read).
#[derive(Default)]
struct Text {
    text: String,
    /// Where each word of `WORDS` starts in `text`: a repair names a word of the table, so it takes that word's span.
    starts: HashMap<String, u32>,
}

impl Text {
    /// The span of `word` in the text (see `lexicon::Span`), appended unless it is there already.
    fn span(&mut self, word: &str) -> u32 {
        let start = match self.starts.get(word) {
            Some(&start) => start,
            None => {
                let start = u32::try_from(self.text.len()).expect("the lexicon's text is under 4 GiB");
                self.text.push_str(word);
                self.starts.insert(word.to_owned(), start);
                start
            }
        };
        let bits = lexicon_tables::SPAN_LEN_BITS;
        assert!(
            start < 1 << (32 - bits) && word.len() < 1 << bits,
            "{word}: a span of the lexicon's text holds a start under 2^{} and a length under 2^{bits}",
            32 - bits
        );
        start << bits | word.len() as u32
    }
}

/// A key of a map as `phf_codegen` asks for it: hashed as its string is (the map is asked with a `&str`), written
/// as the Rust expression of its spans.
#[derive(PartialEq, Eq, Hash)]
struct Key {
    text: String,
    source: String,
}

impl phf_shared::PhfHash for Key {
    fn phf_hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text.as_str().phf_hash(state);
    }
}

impl phf_shared::FmtConst for Key {
    fn fmt_const(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.source)
    }
}

fn main() {
    println!("cargo:rerun-if-changed=src/lexicon_tables.rs");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out_dir = Path::new(&out_dir);
    // Read when the script runs, not built into it: a script built for one checkout and run for another (a
    // shared target directory) reads the tables of the checkout being built.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let data = Path::new(&manifest_dir).join("data");
    println!("cargo:rerun-if-env-changed=KHULASA_REPAIR_LEXICON");
    let data = match std::env::var("KHULASA_REPAIR_LEXICON") {
        Err(std::env::VarError::NotPresent) => data,
        Ok(choice) if choice == "ant" => data,
        Ok(choice) if choice == "ant-half-a" => {
            // Said on every build: a binary for users is never built so.
            println!(
                "cargo:warning=repair lexicon counted on ANT half-A days only (KHULASA_REPAIR_LEXICON=ant-half-a)"
            );
            data.join("ant-half-a")
        }
        other => panic!("KHULASA_REPAIR_LEXICON={other:?}: expected unset, `ant` or `ant-half-a`"),
    };
    let words = unpack(&data, out_dir, "lexicon-ar.tsv");
    let context = unpack(&data, out_dir, "lexicon-ar.context.tsv");
    let article_stems = unpack(&data, out_dir, "article-stems.txt");
    let letter_contexts = unpack(&data, out_dir, "letter-context.tsv");

    let mut entries = HashMap::new();
    lexicon_tables::read_words(&words, &mut entries)
        .unwrap_or_else(|line| panic!("lexicon-ar words table: line {line}: malformed"));
    let mut counts: HashMap<String, u32> = HashMap::new();
    lexicon_tables::read_context(&context, |key, count| {
        *counts.entry(key.to_owned()).or_default() += count
    })
    .unwrap_or_else(|line| panic!("lexicon-ar context table: line {line}: malformed"));

    // Sorted, so that the same tables give the same source from build to build.
    let mut entries: Vec<_> = entries.into_iter().collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut counts: Vec<_> = counts.into_iter().filter(|&(_, count)| count > 0).collect();
    counts.sort_unstable();

    let mut text = Text::default();
    // The words first, so that a repair finds its word's span.
    let spans: Vec<u32> = entries.iter().map(|(form, _)| text.span(form)).collect();
    let mut word_map = phf_codegen::Map::new();
    let mut repairs = String::new();
    let mut repair_count = 0;
    for ((form, entry), &span) in entries.iter().zip(&spans) {
        let repair = match &entry.repair {
            Some(r) => {
                write!(
                    repairs,
                    "Repair {{ word: Span({}), count: {}, best: {} }}, ",
                    text.span(&r.word),
                    r.count,
                    r.best
                )
                .expect("writing to a String");
                repair_count += 1;
                repair_count
            }
            None => 0,
        };
        let key = Key {
            text: form.clone(),
            source: format!("Span({span})"),
        };
        word_map.entry(key, format!("Word {{ count: {}, repair: {repair} }}", entry.count));
    }
    let mut context_map = phf_codegen::Map::new();
    // Each part of a key written once, not once a key (see `lexicon::ContextKey`): 1.3 MB of text -> 0.3 MB.
    for (key, count) in &counts {
        let Some((side_end, _)) = key.match_indices('\t').nth(1) else {
            panic!("{key}: a neighbour key has three fields");
        };
        let (reading_side, neighbour) = key.split_at(side_end + 1);
        let source = format!(
            "ContextKey {{ reading_side: Span({}), neighbour: Span({}) }}",
            text.span(reading_side),
            text.span(neighbour)
        );
        let key = Key {
            text: key.clone(),
            source,
        };
        context_map.entry(key, count.to_string());
    }
    let mut article_stem_set = phf_codegen::Set::new();
    for stem in article_stems.lines() {
        article_stem_set.entry(Key {
            text: stem.to_owned(),
            source: format!("Span({})", text.span(stem)),
        });
    }
    // `left<TAB>right` -> the weights of the pairs, in the order of `lexicon::LETTER_PAIRS`.
    let mut letter_map = phf_codegen::Map::new();
    for (number, line) in letter_contexts.lines().enumerate() {
        let malformed = || panic!("letter-context table: line {}: malformed", number + 1);
        let mut fields = line.split('\t');
        let (Some(left), Some(right)) = (fields.next(), fields.next()) else {
            malformed()
        };
        let weights: Vec<u32> = fields.map(|f| f.parse().unwrap_or_else(|_| malformed())).collect();
        if weights.len() != 5 {
            malformed()
        }
        let key = format!("{left}\t{right}");
        let source = format!("Span({})", text.span(&key));
        letter_map.entry(Key { text: key, source }, format!("{weights:?}"));
    }
    let filter_of = |forms: &mut dyn Iterator<Item = &str>| {
        let mut filter = vec![0u64; lexicon_tables::FILTER_WORDS];
        for form in forms {
            let (index, bits) = lexicon_tables::filter_bits(form);
            filter[index] |= bits;
        }
        filter
    };
    let filter = filter_of(
        &mut entries
            .iter()
            .filter(|(_, e)| e.repair.is_some())
            .map(|(f, _)| f.as_str()),
    );
    let counted = filter_of(&mut entries.iter().filter(|(_, e)| e.count > 0).map(|(f, _)| f.as_str()));
    // The forms starting with an alef, that alef left out: what the repair asks for when it looks for a stem a
    // prefix's lam joined (see `Lexicon::may_be_stem`).
    let stem_filter = filter_of(
        &mut entries
            .iter()
            .filter_map(|(form, _)| ["ا", "أ", "إ", "آ"].iter().find_map(|alef| form.strip_prefix(alef))),
    );
    let context_filter = filter_of(&mut counts.iter().map(|(key, _)| key.as_str()));
    std::fs::write(out_dir.join("lexicon_text.txt"), &text.text).expect("OUT_DIR is writable");
    let source = format!(
        "/// Every form of the words table: its count as a word and what it is the damaged form of.\n\
         static WORDS: phf::Map<Span, Word> = {};\n\
         /// The repairs of the forms of `WORDS`, by `Word::repair`.\n\
         static REPAIRS: [Repair<Span>; {}] = [{}];\n\
         /// The neighbour counts, by the key of `lexicon_tables::context_key`.\n\
         static CONTEXT: phf::Map<ContextKey, u32> = {};\n\
         /// The words that follow the article in a damaged form of `WORDS`, where they are words themselves.\n\
         static ARTICLE_STEMS: phf::Set<Span> = {};\n\
         /// The pairs found in each letter context of an alef-lam (`left<TAB>right`), weighed.\n\
         static LETTERS: phf::Map<Span, [u32; 5]> = {};\n\
         /// The filter of the forms of `WORDS` that have a repair (see `lexicon_tables::filter_bits`).\n\
         static DAMAGED_FILTER: [u64; {}] = {:?};\n\
         /// The filter of the forms of `WORDS` that start with an alef, that alef left out.\n\
         static STEM_FILTER: [u64; {}] = {:?};\n\
         /// The filter of the forms of `WORDS` seen as words (a count above 0).\n\
         static COUNTED_FILTER: [u64; {}] = {:?};\n\
         /// The filter of the keys of `CONTEXT`.\n\
         static CONTEXT_FILTER: [u64; {}] = {:?};\n",
        word_map.build(),
        repair_count,
        repairs,
        context_map.build(),
        article_stem_set.build(),
        letter_map.build(),
        filter.len(),
        filter,
        stem_filter.len(),
        stem_filter,
        counted.len(),
        counted,
        context_filter.len(),
        context_filter
    );
    std::fs::write(out_dir.join("lexicon_maps.rs"), source).expect("OUT_DIR is writable");
}
