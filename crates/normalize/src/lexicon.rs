use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Read;
use thiserror::Error;

/// The word-frequency lexicon built by `scripts/build-lexicon.py` (words with a lam-alef, and their damaged forms).
static BUILT_IN: &[u8] = include_bytes!("../../../corpora/lexicon-ar.tsv.gz");
/// Neighbour counts of the readings of ambiguous damaged forms, built by `scripts/build-lexicon-context.py`.
static BUILT_IN_CONTEXT: &[u8] = include_bytes!("../../../corpora/lexicon-ar.context.tsv.gz");

/// Why a lexicon could not be read.
#[derive(Debug, Error)]
pub enum LexiconError {
    /// The gzip stream could not be read.
    #[error("lexicon is not readable gzip: {0}")]
    Gzip(#[from] std::io::Error),
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

pub(crate) type FnvBuild = BuildHasherDefault<Fnv>;

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
    entries: HashMap<Box<str>, Entry, FnvBuild>,
    /// `context_key(reading, side, neighbour)` -> count.
    context: HashMap<u64, u32, FnvBuild>,
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

impl Lexicon {
    pub(crate) fn built_in() -> Result<Self, LexiconError> {
        let mut text = String::new();
        flate2::read::GzDecoder::new(BUILT_IN).read_to_string(&mut text)?;
        let mut lexicon = Self::parse(&text)?;
        text.clear();
        flate2::read::GzDecoder::new(BUILT_IN_CONTEXT).read_to_string(&mut text)?;
        lexicon.parse_context(&text)?;
        Ok(lexicon)
    }

    /// Reads `reading<TAB>side<TAB>neighbour<TAB>count` lines (side `<` or `>`).
    pub(crate) fn parse_context(&mut self, text: &str) -> Result<(), LexiconError> {
        for (i, line) in text.lines().enumerate() {
            let mut fields = line.split('\t');
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
        let mut damaged = String::new();
        for (i, line) in text.lines().enumerate() {
            if line.is_empty() {
                continue;
            }
            let (word, count) = line.split_once('\t').ok_or(LexiconError::Line { line: i + 1 })?;
            let count: u32 = count.trim().parse().map_err(|_| LexiconError::Line { line: i + 1 })?;
            lexicon.entries.entry(word.into()).or_default().count += count;
            damage(word, &mut damaged);
            if damaged != word {
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

    /// How often `word` was seen in clean text (0 when unknown).
    pub(crate) fn count(&self, word: &str) -> u32 {
        self.entries.get(word).map_or(0, |e| e.count)
    }

    /// The clean words that `damaged` may be the damaged form of.
    pub(crate) fn repair(&self, damaged: &str) -> Option<&Repair> {
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
