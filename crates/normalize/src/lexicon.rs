use crate::lexicon_tables::{self, filter_bits, Fnv, Repair, CONTEXT_SLOT, ENTRY_SLOT, FILTER_WORDS, HEADER};
pub(crate) use crate::lexicon_tables::{damage, word_hash};
use std::borrow::Cow;
use std::hash::{BuildHasherDefault, Hasher};
use thiserror::Error;

/// The built-in lexicon as `build.rs` reads it from the crate's `data/` and writes it ([`lexicon_tables::write_image`]): the
/// word-frequency lexicon of `scripts/build-repair-lexicon.py` (words with a lam-alef, and their damaged forms, kept as
/// `data/lexicon-ar.tsv.gz`) and the neighbour counts of the readings of ambiguous damaged forms of
/// `scripts/build-repair-lexicon.py` (`data/lexicon-ar.context.tsv.gz`).
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

/// Word counts, and damaged form -> what it may stand for, in one table (one lookup per word), and the counts of
/// the neighbours of readings: an image in the layout of [`lexicon_tables::IMAGE_VERSION`], looked up where it lies.
/// The built-in one is part of the binary, so a process starts without building a table.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lexicon {
    image: Cow<'static, [u8]>,
    /// Where the parts of `image` start, as its header says (all empty for the empty lexicon).
    layout: Layout,
}

#[derive(Debug, Clone, Copy, Default)]
struct Layout {
    entry_slots: usize,
    context_slots: usize,
    entries_at: usize,
    context_at: usize,
    texts_at: usize,
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

/// The eight numbers of an entry slot.
fn entry_fields(slot: &[u8]) -> [u32; ENTRY_SLOT / 4] {
    let mut fields = [0; ENTRY_SLOT / 4];
    for (field, bytes) in fields.iter_mut().zip(slot.chunks_exact(4)) {
        *field = u32::from_le_bytes(bytes.try_into().unwrap_or([0; 4]));
    }
    fields
}

impl Lexicon {
    /// The built-in lexicon, from the image `build.rs` wrote.
    pub(crate) fn built_in() -> Result<Self, LexiconError> {
        Lexicon::from_image(Cow::Borrowed(BUILT_IN))
    }

    /// A lexicon over `image` after checking that its parts fit it: any bytes give a lexicon or an error, and
    /// lookups in a lexicon of damaged bytes find wrong counts, never a panic.
    fn from_image(image: Cow<'static, [u8]>) -> Result<Self, LexiconError> {
        let number =
            |at: usize| -> Option<usize> { Some(u32::from_le_bytes(image.get(at..at + 4)?.try_into().ok()?) as usize) };
        let header = (number(0), number(4), number(8), number(12));
        let (Some(version), Some(entry_slots), Some(context_slots), Some(texts_len)) = header else {
            return Err(LexiconError::Image);
        };
        let power_of_two_or_zero = |n: usize| n == 0 || n.is_power_of_two();
        if version != lexicon_tables::IMAGE_VERSION as usize
            || !power_of_two_or_zero(entry_slots)
            || !power_of_two_or_zero(context_slots)
        {
            return Err(LexiconError::Image);
        }
        let entries_at = HEADER + FILTER_WORDS * 8;
        let context_at = entry_slots
            .checked_mul(ENTRY_SLOT)
            .and_then(|n| n.checked_add(entries_at))
            .ok_or(LexiconError::Image)?;
        let texts_at = context_slots
            .checked_mul(CONTEXT_SLOT)
            .and_then(|n| n.checked_add(context_at))
            .ok_or(LexiconError::Image)?;
        if texts_at.checked_add(texts_len) != Some(image.len()) {
            return Err(LexiconError::Image);
        }
        Ok(Lexicon {
            image,
            layout: Layout {
                entry_slots,
                context_slots,
                entries_at,
                context_at,
                texts_at,
            },
        })
    }

    /// Reads `word<TAB>count` lines.
    pub(crate) fn parse(text: &str) -> Result<Self, LexiconError> {
        let image = lexicon_tables::image_from_tables(text, "").map_err(|(_, line)| LexiconError::Line { line })?;
        Lexicon::from_image(Cow::Owned(image))
    }

    /// `len` bytes of the texts from `at`.
    fn text(&self, at: u32, len: u32) -> Option<&[u8]> {
        let start = self.layout.texts_at.checked_add(at as usize)?;
        self.image.get(start..start.checked_add(len as usize)?)
    }

    /// The fields of the entry slot of `word`, if it has one.
    fn entry(&self, word: &str) -> Option<[u32; ENTRY_SLOT / 4]> {
        let slots = self.layout.entry_slots;
        if slots == 0 {
            return None;
        }
        let hash = lexicon_tables::word_hash(word.as_bytes());
        let tag = (hash >> 32) as u32;
        let mut i = hash as usize & (slots - 1);
        // Linear probing ends at a free slot; a damaged image may have none, hence the bound.
        for _ in 0..slots {
            let at = self.layout.entries_at + i * ENTRY_SLOT;
            let fields = entry_fields(self.image.get(at..at + ENTRY_SLOT)?);
            let [slot_tag, key_at, key_len, ..] = fields;
            if key_len == 0 {
                return None;
            }
            if slot_tag == tag && key_len as usize == word.len() && self.text(key_at, key_len) == Some(word.as_bytes())
            {
                return Some(fields);
            }
            i = (i + 1) & (slots - 1);
        }
        None
    }

    /// The repair an entry's fields hold, if any.
    fn repair_of(&self, fields: &[u32; ENTRY_SLOT / 4]) -> Option<Repair<'_>> {
        let [.., word_at, word_len, count, best] = *fields;
        if word_len == 0 {
            return None;
        }
        let word = std::str::from_utf8(self.text(word_at, word_len)?).ok()?;
        Some(Repair {
            word: Cow::Borrowed(word),
            count,
            best,
        })
    }

    /// How often `neighbour` (folded and damaged) was seen on `side` of `reading_folded`.
    pub(crate) fn context(&self, reading_folded: &str, side: Side, neighbour: &str) -> u32 {
        if self.layout.context_slots == 0 {
            return 0;
        }
        self.context_by_key(context_key(reading_folded, side, neighbour))
    }

    fn context_by_key(&self, key: u64) -> u32 {
        let slots = self.layout.context_slots;
        let mut i = lexicon_tables::context_slot(key, slots);
        for _ in 0..slots {
            let at = self.layout.context_at + i * CONTEXT_SLOT;
            let Some(slot) = self.image.get(at..at + CONTEXT_SLOT) else {
                return 0;
            };
            let (slot_key, count) = slot.split_at(8);
            let count = u32::from_le_bytes(count.try_into().unwrap_or([0; 4]));
            if count == 0 {
                return 0;
            }
            if u64::from_le_bytes(slot_key.try_into().unwrap_or([0; 8])) == key {
                return count;
            }
            i = (i + 1) & (slots - 1);
        }
        0
    }

    /// Whether `word` may be a damaged form with a repair: false means [`Lexicon::repair`] is `None` (true may
    /// still find none).
    pub(crate) fn may_repair(&self, word: &str) -> bool {
        if self.layout.entry_slots == 0 {
            return false;
        }
        let (index, bits) = filter_bits(lexicon_tables::word_hash(word.as_bytes()));
        let at = HEADER + index * 8;
        self.image
            .get(at..at + 8)
            .and_then(|b| b.try_into().ok())
            .is_some_and(|b| u64::from_le_bytes(b) & bits == bits)
    }

    /// How often `word` was seen in clean text (0 when unknown).
    pub(crate) fn count(&self, word: &str) -> u32 {
        self.entry(word).map_or(0, |[_, _, _, count, ..]| count)
    }

    /// The clean words that `damaged` may be the damaged form of.
    pub(crate) fn repair(&self, damaged: &str) -> Option<Repair<'_>> {
        if !self.may_repair(damaged) {
            return None;
        }
        self.repair_of(&self.entry(damaged)?)
    }

    /// Both at once: the count of `word` as a word, and what it may be the damaged form of.
    pub(crate) fn lookup(&self, word: &str) -> (u32, Option<Repair<'_>>) {
        self.entry(word)
            .map_or((0, None), |fields| (fields[3], self.repair_of(&fields)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon_tables::{read_context, read_words, Entry};
    use std::collections::HashMap;

    const WORDS: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicon-ar.tsv"));
    const CONTEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicon-ar.context.tsv"));

    /// The tables read as text into hash maps: what every lookup in the image must answer.
    fn reference() -> (HashMap<Cow<'static, str>, Entry<'static>>, HashMap<u64, u32>) {
        let mut entries = HashMap::new();
        read_words(WORDS, &mut entries).unwrap();
        let mut counts = HashMap::new();
        read_context(CONTEXT, |key, count| *counts.entry(key).or_default() += count).unwrap();
        (entries, counts)
    }

    #[test]
    fn the_built_in_image_answers_as_the_tables_read_as_text() {
        let (entries, counts) = reference();
        assert!(entries.len() > 20_000 && counts.len() > 20_000);
        let lexicon = Lexicon::built_in().unwrap();
        for (key, entry) in &entries {
            assert_eq!(lexicon.lookup(key), (entry.count, entry.repair.clone()), "{key}");
            assert_eq!(lexicon.count(key), entry.count, "{key}");
            // The filter passes every damaged form with a repair.
            assert_eq!(lexicon.repair(key), entry.repair.clone(), "{key}");
        }
        for (&key, &count) in &counts {
            assert_eq!(lexicon.context_by_key(key), count);
        }
        // Words and keys that are not in the tables.
        let mut absent = 0;
        for (key, _) in entries.iter().take(5_000) {
            let other = format!("{key}ب");
            if !entries.contains_key(other.as_str()) {
                absent += 1;
                assert_eq!(lexicon.lookup(&other), (0, None), "{other}");
            }
        }
        assert!(absent > 1_000);
        for key in counts.keys().take(5_000) {
            if !counts.contains_key(&key.wrapping_add(1)) {
                assert_eq!(lexicon.context_by_key(key.wrapping_add(1)), 0);
            }
        }
    }

    #[test]
    fn the_filter_lets_few_words_through_that_are_no_damaged_form() {
        let (entries, _) = reference();
        let lexicon = Lexicon::built_in().unwrap();
        let passing = entries
            .iter()
            .filter(|(word, entry)| entry.repair.is_none() && lexicon.may_repair(word))
            .count();
        assert!(passing * 100 < entries.len(), "{passing} of {} pass", entries.len());
    }

    #[test]
    fn a_parsed_lexicon_is_the_same_image_as_the_built_in_one_made_from_the_same_lines() {
        let parsed = Lexicon::parse(WORDS).unwrap();
        let built_in = Lexicon::built_in().unwrap();
        for word in ["خلال", "خالل", "عالقة", "الاجتماع", "االجتماع", "كلمة لا توجد"]
        {
            assert_eq!(parsed.lookup(word), built_in.lookup(word), "{word}");
        }
        // No neighbour counts in a word list.
        assert_eq!(parsed.context("ثلاث", Side::After, "سنوات"), 0);
        assert!(built_in.context("ثلاث", Side::After, "سنوات") > 0);
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

    #[test]
    fn a_damaged_image_is_refused_and_damaged_bytes_do_not_panic() {
        let image = lexicon_tables::image_from_tables("خلال\t3\nاعلان\t2\n", "خلال\t>\tسنوات\t4\n").unwrap();
        let lexicon = Lexicon::from_image(Cow::Owned(image.clone())).unwrap();
        assert_eq!(
            lexicon.lookup("خالل").1.map(|r| r.word.into_owned()).as_deref(),
            Some("خلال")
        );
        for cut in 0..image.len() {
            assert!(
                Lexicon::from_image(Cow::Owned(image[..cut].to_vec())).is_err(),
                "cut at {cut}"
            );
        }
        let mut wrong_version = image.clone();
        wrong_version[0] ^= 1;
        assert!(Lexicon::from_image(Cow::Owned(wrong_version)).is_err());
        // Every byte of the tables changed in turn: lookups answer something, without a panic.
        for at in HEADER..image.len() {
            let mut damaged = image.clone();
            damaged[at] = damaged[at].wrapping_add(0x55);
            let lexicon = Lexicon::from_image(Cow::Owned(damaged)).unwrap();
            for word in ["خلال", "خالل", "اعالن", "سنوات"] {
                let _ = lexicon.lookup(word);
                let _ = lexicon.repair(word);
                let _ = lexicon.context(word, Side::After, "سنوات");
            }
        }
    }
}

#[cfg(test)]
mod table_reading_tests {
    use super::*;
    use crate::lexicon_tables::{line_count, lines, tab_fields};

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
