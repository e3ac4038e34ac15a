use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use thiserror::Error;

/// The word-frequency lexicon built by `scripts/build-lexicon.py` (words with a lam-alef, and their damaged forms),
/// kept as `corpora/lexicon-ar.tsv.gz` and unpacked by `build.rs`.
static BUILT_IN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon-ar.tsv"));
/// Neighbour counts of the readings of ambiguous damaged forms, built by `scripts/build-lexicon-context.py`.
static BUILT_IN_CONTEXT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon-ar.context.tsv"));

/// Why a lexicon could not be read.
#[derive(Debug, Error)]
pub enum LexiconError {
    /// A built-in table is not UTF-8.
    #[error("built-in lexicon table is not UTF-8: {0}")]
    NotUtf8(#[from] simdutf8::basic::Utf8Error),
    /// A line is not `word<TAB>count`.
    #[error("lexicon line {line}: expected `word<TAB>count`")]
    Line {
        /// 1-based line number.
        line: usize,
    },
}

/// FNV-1a: the keys are short words, for which it is several times faster than SipHash; the lexicon is ours, so
/// there is no adversary to defend against.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
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

/// The clean words whose damaged form is one given form.
#[derive(Debug, Clone, Default)]
pub(crate) struct Repair {
    /// The most frequent of them, spelled as in the corpus (hamza included).
    pub(crate) word: Box<str>,
    /// How often all of them were seen together.
    pub(crate) count: u32,
    best: u32,
}

/// What the lexicon knows of one form: its count as a word, and what it is the damaged form of.
#[derive(Debug, Clone, Default)]
struct Entry {
    count: u32,
    repair: Option<Repair>,
}

/// Word counts, and damaged form -> what it may stand for, in one table (one lookup per word).
#[derive(Debug, Clone, Default)]
pub(crate) struct Lexicon {
    entries: HashMap<Box<str>, Entry, WordHasherBuild>,
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
    let mut h = Fnv::default();
    h.write(reading_folded.as_bytes());
    h.write(if side == Side::Before { b"\t<\t" } else { b"\t>\t" });
    h.write(neighbour.as_bytes());
    h.finish()
}

/// Whether `c` is one of the four alefs that follow lam in a lam-alef ligature.
pub(crate) fn is_ligature_alef(c: char) -> bool {
    matches!(c, 'ا' | 'أ' | 'إ' | 'آ')
}

/// The form PDF extraction makes of `word`: each lam-alef ligature written as bare alef then lam.
pub(crate) fn damage(word: &str, out: &mut String) {
    out.clear();
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        if c == 'ل' {
            if let Some(&next) = chars.peek() {
                if is_ligature_alef(next) {
                    chars.next();
                    out.push_str("ال");
                    continue;
                }
            }
        }
        out.push(c);
    }
}

/// A built-in table as text.
fn table(bytes: &[u8]) -> Result<&str, LexiconError> {
    // SIMD validation: the tables are 1.6 MB of Arabic, which the standard check takes some 5 ms over.
    Ok(simdutf8::basic::from_utf8(bytes)?)
}

/// The lines of a table, without their `\n` (or `\r\n`). Searching bytes: `str::lines` looks for a `char`, which
/// costs more than the short lines it finds.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text).filter(|t| !t.is_empty());
    std::iter::from_fn(move || {
        let r = rest?;
        let (line, next) = match r.bytes().position(|b| b == b'\n') {
            Some(i) => (r.get(..i), r.get(i + 1..).filter(|n| !n.is_empty())),
            None => (Some(r), None),
        };
        rest = next;
        line.map(|l| l.strip_suffix('\r').unwrap_or(l))
    })
}

/// How many lines `lines` will give (to size the tables once).
fn line_count(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count() + 1
}

/// The tab-separated fields of a line.
fn tab_fields(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(line);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == b'\t') {
            Some(i) => {
                rest = r.get(i + 1..);
                r.get(..i)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

impl Lexicon {
    pub(crate) fn built_in() -> Result<Self, LexiconError> {
        let mut lexicon = Self::parse(table(BUILT_IN)?)?;
        lexicon.parse_context(table(BUILT_IN_CONTEXT)?)?;
        Ok(lexicon)
    }

    /// Reads `reading<TAB>side<TAB>neighbour<TAB>count` lines (side `<` or `>`).
    pub(crate) fn parse_context(&mut self, text: &str) -> Result<(), LexiconError> {
        self.context.reserve(line_count(text));
        for (i, line) in lines(text).enumerate() {
            let mut fields = tab_fields(line);
            let (Some(reading), Some(side), Some(neighbour), Some(count), None) = (
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
            ) else {
                return Err(LexiconError::Line { line: i + 1 });
            };
            let side = match side {
                "<" => Side::Before,
                ">" => Side::After,
                _ => return Err(LexiconError::Line { line: i + 1 }),
            };
            let count: u32 = count.parse().map_err(|_| LexiconError::Line { line: i + 1 })?;
            *self.context.entry(context_key(reading, side, neighbour)).or_default() += count;
        }
        Ok(())
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
        let words = line_count(text);
        lexicon.entries.reserve(words + words / 4);
        let mut damaged = String::new();
        for (i, line) in lines(text).enumerate() {
            if line.is_empty() {
                continue;
            }
            let mut fields = tab_fields(line);
            let (Some(word), Some(count), None) = (fields.next(), fields.next(), fields.next()) else {
                return Err(LexiconError::Line { line: i + 1 });
            };
            let count: u32 = count.trim().parse().map_err(|_| LexiconError::Line { line: i + 1 })?;
            lexicon.entries.entry(word.into()).or_default().count += count;
            damage(word, &mut damaged);
            if damaged != word {
                lexicon.add_to_filter(&damaged);
                let entry = lexicon.entries.entry(damaged.as_str().into()).or_default();
                let repair = entry.repair.get_or_insert_with(Repair::default);
                repair.count += count;
                if count > repair.best {
                    repair.best = count;
                    repair.word = word.into();
                }
            }
        }
        Ok(lexicon)
    }

    fn add_to_filter(&mut self, damaged: &str) {
        if self.repairable.is_empty() {
            self.repairable = vec![0; FILTER_WORDS];
        }
        let (index, bits) = filter_bits(word_hash(damaged.as_bytes()));
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
    pub(crate) fn repair(&self, damaged: &str) -> Option<&Repair> {
        if !self.may_repair(damaged) {
            return None;
        }
        self.entries.get(damaged).and_then(|e| e.repair.as_ref())
    }

    /// Both at once: the count of `word` as a word, and what it may be the damaged form of.
    pub(crate) fn lookup(&self, word: &str) -> (u32, Option<&Repair>) {
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
