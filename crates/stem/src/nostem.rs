use std::sync::OnceLock;

const NOSTEM: &str = include_str!("../../../corpora/nostem-ar.lst");

/// Bits of the filter that answers "surely not on the list" for most words before any string comparison.
const FILTER_BITS: usize = 4096;

pub(crate) struct NoStem {
    /// The folded words, sorted for binary search.
    words: Vec<String>,
    /// One bit per [`filter_key`] of a listed word.
    filter: [u64; FILTER_BITS / 64],
}

/// A cheap key of a word: its byte length and the low bytes of its first and last two letters (for Arabic), which
/// together separate the listed words from almost every other word.
fn filter_key(word: &[u8]) -> usize {
    let byte = |i: Option<usize>| i.and_then(|i| word.get(i)).copied().unwrap_or(0) as usize;
    let (first, last, before) = (
        byte(Some(1)),
        byte(word.len().checked_sub(1)),
        byte(word.len().checked_sub(3)),
    );
    let mixed = word.len().wrapping_mul(0x9E37_79B9) ^ first.wrapping_mul(0x85EB_CA6B) ^ last.wrapping_mul(0xC2B2_AE35);
    (mixed ^ before.wrapping_mul(0x27D4_EB2F)).wrapping_mul(0x1656_67B1) >> 7 & (FILTER_BITS - 1)
}

impl NoStem {
    /// True when `folded` is on the list.
    pub(crate) fn contains(&self, folded: &str) -> bool {
        let key = filter_key(folded.as_bytes());
        let maybe = self
            .filter
            .get(key / 64)
            .is_some_and(|slot| slot & (1 << (key % 64)) != 0);
        maybe && self.words.binary_search_by(|w| w.as_str().cmp(folded)).is_ok()
    }
}

impl std::fmt::Debug for NoStem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NoStem({} words)", self.words.len())
    }
}

/// The list, read and folded on first use.
pub(crate) fn list() -> &'static NoStem {
    static LIST: OnceLock<NoStem> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut words: Vec<String> = NOSTEM
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(khulasa_normalize::fold)
            .collect();
        words.sort_unstable();
        words.dedup();
        let mut filter = [0u64; FILTER_BITS / 64];
        for w in &words {
            let key = filter_key(w.as_bytes());
            if let Some(slot) = filter.get_mut(key / 64) {
                *slot |= 1 << (key % 64);
            }
        }
        NoStem { words, filter }
    })
}

/// True when a folded word is one the light stemmer returns whole (a function word or a frequent proper name of
/// `corpora/nostem-ar.lst`).
///
/// ```
/// assert!(khulasa_stem::is_nostem("لبنان"));
/// assert!(!khulasa_stem::is_nostem("لبناني"));
/// ```
pub fn is_nostem(folded: &str) -> bool {
    list().contains(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_word_passes_the_filter() {
        for w in &list().words {
            assert!(is_nostem(w), "{w}");
        }
    }

    #[test]
    fn the_filter_turns_most_other_words_away() {
        let words = [
            "الحكومه",
            "المدارس",
            "ويقولون",
            "السياسه",
            "منطقتهم",
            "الارهاب",
            "سيارات",
            "مسوولين",
        ];
        let passing = words.iter().filter(|w| {
            let key = filter_key(w.as_bytes());
            list()
                .filter
                .get(key / 64)
                .is_some_and(|slot| slot & (1 << (key % 64)) != 0)
        });
        assert!(passing.count() <= 1);
    }

    #[test]
    fn the_list_is_folded_and_not_empty() {
        assert!(list().words.len() > 100);
        assert!(list().words.iter().all(|w| *w == khulasa_normalize::fold(w)));
    }
}
