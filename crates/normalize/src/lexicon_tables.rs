//! The lexicon's tables as data: reading their lines into entries and neighbour counts, the same way for the
//! built-in lexicon (`build.rs` compiles them into `phf` maps) and for one read from text at run time. Shared with
//! `build.rs`, so it uses `std` and `rustc-hash` alone.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};

/// Whether `c` is one of the four alefs that follow lam in a lam-alef ligature.
pub(crate) fn is_ligature_alef(c: char) -> bool {
    matches!(c, 'ا' | 'أ' | 'إ' | 'آ')
}

/// The form PDF extraction makes of `word`: each lam-alef ligature written as bare alef then lam.
pub(crate) fn damage(word: &str, out: &mut String) {
    out.clear();
    // Byte by byte, the text between ligatures copied as it is: lam (D9 84) and a ligature alef (D8 A7, A3, A5,
    // A2) are four bytes, written as alef-lam (D8 A7 D9 84). A lead byte D9 never continues a character, so a
    // match starts at a character.
    let bytes = word.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while let Some(four) = bytes.get(i..i + 4) {
        if matches!(four, [0xD9, 0x84, 0xD8, 0xA7 | 0xA3 | 0xA5 | 0xA2]) {
            out.push_str(word.get(copied..i).unwrap_or(""));
            out.push_str("ال");
            i += 4;
            copied = i;
        } else {
            i += 1;
        }
    }
    out.push_str(word.get(copied..).unwrap_or(""));
}

/// The clean words whose damaged form is one given form. `W` is a span of the built-in lexicon's text in its map
/// (`&'static str` once looked up), `String` in a lexicon read at run time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Repair<W> {
    /// The most frequent of them, spelled as in the corpus (hamza included).
    pub(crate) word: W,
    /// How often all of them were seen together.
    pub(crate) count: u32,
    /// How often `word` was seen.
    pub(crate) best: u32,
}

/// What the lexicon knows of one form: its count as a word, and what it is the damaged form of.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Entry<W> {
    pub(crate) count: u32,
    pub(crate) repair: Option<Repair<W>>,
}

impl Entry<String> {
    /// The entry with its repair's word borrowed.
    pub(crate) fn borrowed(&self) -> Entry<&str> {
        Entry {
            count: self.count,
            repair: self.repair.as_ref().map(|r| Repair {
                word: r.word.as_str(),
                count: r.count,
                best: r.best,
            }),
        }
    }
}

/// Reads `word<TAB>count` lines into `forms`: each word's count, and for a word with a lam-alef its damaged form's
/// repair (the commonest of the words with that damaged form; the first of them in the table on a tie). `Err`
/// holds the 1-based number of a malformed line.
pub(crate) fn read_words<S: BuildHasher>(
    text: &str,
    forms: &mut HashMap<String, Entry<String>, S>,
) -> Result<(), usize> {
    let mut damaged = String::new();
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() {
            continue;
        }
        let mut fields = line.split('\t');
        let (Some(word), Some(count), None) = (fields.next(), fields.next(), fields.next()) else {
            return Err(i + 1);
        };
        let count: u32 = count.trim().parse().map_err(|_| i + 1)?;
        forms.entry(word.to_owned()).or_default().count += count;
        damage(word, &mut damaged);
        if damaged != word {
            let repair = forms
                .entry(damaged.clone())
                .or_default()
                .repair
                .get_or_insert_with(Repair::default);
            repair.count += count;
            if count > repair.best {
                repair.best = count;
                repair.word = word.to_owned();
            }
        }
    }
    Ok(())
}

/// The key of a neighbour count: `reading` folded, `<` when the neighbour stands before it (`>` after), and
/// `neighbour` folded and damaged, tab-separated as in the table; written into `key`.
pub(crate) fn context_key(reading_folded: &str, before: bool, neighbour: &str, key: &mut String) {
    key.clear();
    key.push_str(reading_folded);
    key.push_str(if before { "\t<\t" } else { "\t>\t" });
    key.push_str(neighbour);
}

/// Reads `reading<TAB>side<TAB>neighbour<TAB>count` lines (side `<` or `>`), calling `add(key, count)` for each
/// with the key of [`context_key`]. `Err` holds the 1-based number of a malformed line.
// Called by `build.rs`, and by the library's tests only: a lexicon read at run time has no neighbour counts.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn read_context(text: &str, mut add: impl FnMut(&str, u32)) -> Result<(), usize> {
    for (i, line) in text.lines().enumerate() {
        let malformed = || i + 1;
        let (key, count) = line.rsplit_once('\t').ok_or_else(malformed)?;
        let mut fields = key.split('\t');
        let (Some(_reading), Some("<" | ">"), Some(_neighbour), None) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return Err(i + 1);
        };
        let count: u32 = count.parse().map_err(|_| i + 1)?;
        add(key, count);
    }
    Ok(())
}

/// The low bits of a span of the built-in lexicon's text that hold its length, the high bits holding its start:
/// the words and keys of the tables are under 256 bytes, their text under 16 MiB (`build.rs` checks both).
pub(crate) const SPAN_LEN_BITS: u32 = 8;

/// Words (64 bits each) of the filter of the built-in lexicon's damaged forms: 32 KiB, about 25 bits a form.
pub(crate) const FILTER_WORDS: usize = 1 << 12;

/// The word of the filter and the three bits in it that stand for `form` (all in one word: one memory access a
/// test).
pub(crate) fn filter_bits(form: impl AsRef<[u8]>) -> (usize, u64) {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(form.as_ref());
    let hash = hasher.finish();
    let index = (hash as usize) & (FILTER_WORDS - 1);
    let bits = (1 << ((hash >> 12) & 63)) | (1 << ((hash >> 18) & 63)) | (1 << ((hash >> 24) & 63));
    (index, bits)
}
