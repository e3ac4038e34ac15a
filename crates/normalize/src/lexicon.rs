pub(crate) use crate::lexicon_tables::damage;
use crate::lexicon_tables::{self, Entry, Fnv, Repair};
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use thiserror::Error;

/// The built-in lexicon as `build.rs` reads it from `corpora/` and writes it ([`lexicon_tables::write_image`]): the
/// word-frequency lexicon of `scripts/build-lexicon.py` (words with a lam-alef, and their damaged forms, kept as
/// `corpora/lexicon-ar.tsv.gz`) and the neighbour counts of the readings of ambiguous damaged forms of
/// `scripts/build-lexicon-context.py` (`corpora/lexicon-ar.context.tsv.gz`).
static BUILT_IN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.bin"));

/// Why a lexicon could not be read.
#[derive(Debug, Error)]
pub enum LexiconError {
    /// The built-in lexicon's image is damaged (it is written by the build and checked by a test).
    #[error("the built-in lexicon image is damaged")]
    Image,
    /// A line is not `word<TAB>count`.
    #[error("lexicon line {line}: expected `word<TAB>count`")]
    Line {
        /// 1-based line number.
        line: usize,
    },
}

/// For keys that are hashes already (of words, by [`Fnv`]): a `u64` is its own hash.
#[derive(Default)]
pub(crate) struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut fnv = Fnv(self.0);
        fnv.write(bytes);
        self.0 = fnv.0;
    }

    fn write_u64(&mut self, hash: u64) {
        self.0 = hash;
    }
}

pub(crate) type PrehashedBuild = BuildHasherDefault<Prehashed>;

/// A hash of a whole word, eight bytes at a time (FNV takes a multiplication a byte).
pub(crate) fn word_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mix = |h: u64, word: u64| (h ^ word).wrapping_mul(K).rotate_left(31);
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut rest = bytes;
    while let Some((chunk, tail)) = rest.split_first_chunk::<8>() {
        h = mix(h, u64::from_le_bytes(*chunk));
        rest = tail;
    }
    if !rest.is_empty() {
        let mut last = [0u8; 8];
        for (to, &from) in last.iter_mut().zip(rest) {
            *to = from;
        }
        h = mix(h, u64::from_le_bytes(last));
    }
    // MurmurHash3's finaliser: every bit of the result depends on every byte.
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

/// Hashes a word key of the lexicon with [`word_hash`].
#[derive(Default)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 ^= word_hash(bytes);
    }

    // `str` hashes its bytes and then a terminator byte, which tells fields apart in a sequence of them; a key
    // here is one word, so the terminator adds nothing.
    fn write_u8(&mut self, _terminator: u8) {}
}

type WordHasherBuild = BuildHasherDefault<WordHasher>;

/// Words (64 bits each) of the filter of damaged forms: 32 KiB, about 25 bits for each damaged form of the
/// built-in lexicon.
const FILTER_WORDS: usize = 1 << 12;

/// The word of the filter and the three bits in it that stand for a word of hash `hash` (all in one word: one
/// memory access a lookup; under two words in a thousand that are no damaged form pass).
fn filter_bits(hash: u64) -> (usize, u64) {
    let index = (hash as usize) & (FILTER_WORDS - 1);
    let bits = (1 << ((hash >> 12) & 63)) | (1 << ((hash >> 18) & 63)) | (1 << ((hash >> 24) & 63));
    (index, bits)
}

/// Word counts, and damaged form -> what it may stand for, in one table (one lookup per word).
#[derive(Debug, Clone, Default)]
pub(crate) struct Lexicon {
    entries: HashMap<Cow<'static, str>, Entry<'static>, WordHasherBuild>,
    /// A Bloom filter of the keys of `entries` that have a repair: most words hold alef-lam as the article and
    /// are the damaged form of nothing, which the filter tells without a look into the table (a cache miss or
    /// two). Empty when no entry has a repair.
    repairable: Vec<u64>,
    /// `context_key(reading, side, neighbour)` -> count.
    context: HashMap<u64, u32, PrehashedBuild>,
}

/// Which side of a word its neighbour is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Before,
    After,
}

/// The key of a neighbour count: `reading` folded, `neighbour` folded and damaged (see the build script).
pub(crate) fn context_key(reading_folded: &str, side: Side, neighbour: &str) -> u64 {
    lexicon_tables::context_key(reading_folded, side == Side::Before, neighbour)
}

impl Lexicon {
    /// The built-in lexicon, from the image `build.rs` wrote: no text to parse at start.
    pub(crate) fn built_in() -> Result<Self, LexiconError> {
        let mut lexicon = Lexicon::default();
        let (entries, counts) = lexicon_tables::image_sizes(BUILT_IN).ok_or(LexiconError::Image)?;
        lexicon.entries.reserve(entries);
        lexicon.context.reserve(counts);
        let mut damaged_forms = Vec::new();
        lexicon_tables::read_image(
            BUILT_IN,
            |bytes| simdutf8::basic::from_utf8(bytes).ok(),
            |key, entry| {
                if entry.repair.is_some() {
                    damaged_forms.push(word_hash(key.as_bytes()));
                }
                lexicon.entries.insert(Cow::Borrowed(key), entry);
            },
            |key, count| {
                lexicon.context.insert(key, count);
            },
        )
        .ok_or(LexiconError::Image)?;
        for hash in damaged_forms {
            lexicon.add_hash_to_filter(hash);
        }
        Ok(lexicon)
    }

    /// Reads `reading<TAB>side<TAB>neighbour<TAB>count` lines (side `<` or `>`).
    #[cfg(test)]
    pub(crate) fn parse_context(&mut self, text: &str) -> Result<(), LexiconError> {
        self.context.reserve(lexicon_tables::line_count(text));
        let context = &mut self.context;
        lexicon_tables::read_context(text, |key, count| *context.entry(key).or_default() += count)
            .map_err(|line| LexiconError::Line { line })
    }

    /// How often `neighbour` (folded and damaged) was seen on `side` of `reading_folded`.
    pub(crate) fn context(&self, reading_folded: &str, side: Side, neighbour: &str) -> u32 {
        if self.context.is_empty() {
            return 0;
        }
        self.context
            .get(&context_key(reading_folded, side, neighbour))
            .copied()
            .unwrap_or(0)
    }

    /// Reads `word<TAB>count` lines.
    pub(crate) fn parse(text: &str) -> Result<Self, LexiconError> {
        let mut lexicon = Lexicon::default();
        // A word and, for some, its damaged form: a quarter more entries than lines is about right.
        let words = lexicon_tables::line_count(text);
        lexicon.entries.reserve(words + words / 4);
        lexicon_tables::read_words(text, &mut lexicon.entries).map_err(|line| LexiconError::Line { line })?;
        let damaged: Vec<u64> = lexicon
            .entries
            .iter()
            .filter(|(_, entry)| entry.repair.is_some())
            .map(|(key, _)| word_hash(key.as_bytes()))
            .collect();
        for hash in damaged {
            lexicon.add_hash_to_filter(hash);
        }
        Ok(lexicon)
    }

    /// Adds the damaged form of hash `hash` (by [`word_hash`]) to the filter.
    fn add_hash_to_filter(&mut self, hash: u64) {
        if self.repairable.is_empty() {
            self.repairable = vec![0; FILTER_WORDS];
        }
        let (index, bits) = filter_bits(hash);
        if let Some(word) = self.repairable.get_mut(index) {
            *word |= bits;
        }
    }

    /// Whether `word` may be a damaged form with a repair: false means [`Lexicon::repair`] is `None` (true may
    /// still find none).
    pub(crate) fn may_repair(&self, word: &str) -> bool {
        let (index, bits) = filter_bits(word_hash(word.as_bytes()));
        self.repairable.get(index).is_some_and(|word| word & bits == bits)
    }

    /// How often `word` was seen in clean text (0 when unknown).
    pub(crate) fn count(&self, word: &str) -> u32 {
        self.entries.get(word).map_or(0, |e| e.count)
    }

    /// The clean words that `damaged` may be the damaged form of.
    pub(crate) fn repair(&self, damaged: &str) -> Option<&Repair<'static>> {
        if !self.may_repair(damaged) {
            return None;
        }
        self.entries.get(damaged).and_then(|e| e.repair.as_ref())
    }

    /// Both at once: the count of `word` as a word, and what it may be the damaged form of.
    pub(crate) fn lookup(&self, word: &str) -> (u32, Option<&Repair<'static>>) {
        self.entries
            .get(word)
            .map_or((0, None), |e| (e.count, e.repair.as_ref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_damaged_form_with_a_repair_passes_the_filter() {
        let lexicon = Lexicon::built_in().unwrap();
        let damaged: Vec<&str> = lexicon
            .entries
            .iter()
            .filter(|(_, entry)| entry.repair.is_some())
            .map(|(word, _)| &**word)
            .collect();
        assert!(damaged.len() > 10_000, "{} damaged forms", damaged.len());
        for word in &damaged {
            assert!(lexicon.may_repair(word), "{word} is filtered out");
        }
        // And the filter does its work: few of the words that are no damaged form pass it.
        let passing = lexicon
            .entries
            .iter()
            .filter(|(word, entry)| entry.repair.is_none() && lexicon.may_repair(word))
            .count();
        assert!(
            passing * 100 < lexicon.entries.len(),
            "{passing} of {} pass",
            lexicon.entries.len()
        );
    }

    #[test]
    fn damage_reverses_every_ligature() {
        let mut out = String::new();
        damage("لإعلان", &mut out);
        assert_eq!(out, "العالن");
        damage("للأوركسترا", &mut out);
        assert_eq!(out, "لالوركسترا");
    }

    #[test]
    fn built_in_lexicon_knows_common_repairs() {
        let lexicon = Lexicon::built_in().unwrap();
        let r = lexicon.repair("خالل").unwrap();
        assert_eq!(&*r.word, "خلال");
        assert!(r.count > 1000 * lexicon.count("خالل").max(1));
        assert!(lexicon.count("عالقة") > 0, "a real word that looks damaged");
        // "ثلاث سنوات" (three years) is common, "ثالث سنوات" is not.
        assert!(lexicon.context("ثلاث", Side::After, "سنوات") > 10 * lexicon.context("ثالث", Side::After, "سنوات"));
    }
}

#[cfg(test)]
mod table_reading_tests {
    use super::*;
    use crate::lexicon_tables::{line_count, lines, tab_fields};

    #[test]
    fn the_built_in_image_is_the_tables_read_as_text() {
        let words = include_str!(concat!(env!("OUT_DIR"), "/lexicon-ar.tsv"));
        let context = include_str!(concat!(env!("OUT_DIR"), "/lexicon-ar.context.tsv"));
        let mut parsed = Lexicon::parse(words).unwrap();
        parsed.parse_context(context).unwrap();
        let built_in = Lexicon::built_in().unwrap();
        assert_eq!(built_in.entries.len(), parsed.entries.len());
        for (key, entry) in &parsed.entries {
            assert_eq!(built_in.entries.get(key), Some(entry), "{key}");
        }
        assert_eq!(built_in.context, parsed.context);
        assert_eq!(built_in.repairable, parsed.repairable);
        assert!(built_in.context.len() > 40_000 && built_in.entries.len() > 30_000);
    }

    #[test]
    fn a_damaged_image_is_refused() {
        let image = crate::lexicon_tables::write_image(
            [("خالل", &Entry { count: 3, repair: None })].into_iter(),
            [(7u64, 2u32)].into_iter(),
        );
        let read = |bytes: &[u8]| {
            crate::lexicon_tables::read_image(bytes, |b| std::str::from_utf8(b).ok(), |_, _| {}, |_, _| {})
        };
        assert!(read(&image).is_some());
        for cut in 0..image.len() {
            assert!(read(&image[..cut]).is_none(), "cut at {cut}");
        }
    }

    #[test]
    fn lines_and_fields_split_as_the_standard_library_does() {
        for text in ["", "a", "a\n", "a\nb", "a\r\nb\r\n", "\n\nx\n", "كلمة\t12\nأخرى\t3"] {
            assert_eq!(
                lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
            assert!(line_count(text) >= text.lines().count());
            for line in text.lines() {
                assert_eq!(
                    tab_fields(line).collect::<Vec<_>>(),
                    line.split('\t').collect::<Vec<_>>(),
                    "{line:?}"
                );
            }
        }
    }

    #[test]
    fn a_line_with_a_third_field_is_refused() {
        assert!(matches!(
            Lexicon::parse("خلال\t5\t7"),
            Err(LexiconError::Line { line: 1 })
        ));
        assert!(matches!(
            Lexicon::parse("خلال\t5\nخلال"),
            Err(LexiconError::Line { line: 2 })
        ));
    }
}
