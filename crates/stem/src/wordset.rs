/// A fixed set of words (the stop list, the no-stem list), looked up once for nearly every word of every text.
///
/// A word of up to 16 bytes is held as its length and two machine words, its first and its last eight bytes (four
/// below eight bytes; the bytes themselves below four), which together are all its bytes: a lookup compares three
/// numbers instead of calling `memcmp`, and hashes two loads instead of every byte. A filter of 4,096 bits (half a
/// kilobyte, which stays in the fastest cache) turns away nearly every word that is not in the set before its slot
/// is read: the slots, open-addressed at a load of at most a quarter, are read for the words of the set, whose few
/// slots stay cached. Longer words, rare in such lists, are compared in full.
pub(crate) struct WordSet {
    /// One bit for the hash of each word of the set.
    filter: [u64; FILTER_WORDS],
    slots: Vec<Slot>,
    /// `slots.len() - 1` (a power of two minus one).
    mask: usize,
    /// Bits of the hash left out of a slot index.
    shift: u32,
    long: Vec<String>,
}

/// Machine words of the filter: 4,096 bits.
const FILTER_WORDS: usize = 64;

/// A word of the set, or an empty slot (`len` 0: the empty word is never held).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Slot {
    head: u64,
    tail: u64,
    len: u64,
}

/// The `N` bytes of `bytes` at `at`, zeros when they run past its end: a word's bytes read as one machine word.
#[inline(always)]
pub(crate) fn array<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
    bytes.get(at..at + N).and_then(|b| b.try_into().ok()).unwrap_or([0; N])
}

/// The bytes a [`Slot`] holds of a word of up to 16 bytes.
#[inline(always)]
fn key(word: &[u8]) -> Slot {
    let n = word.len();
    let (head, tail) = match n {
        8..=16 => (
            u64::from_le_bytes(array(word, 0)),
            u64::from_le_bytes(array(word, n - 8)),
        ),
        4..=7 => (
            u64::from(u32::from_le_bytes(array(word, 0))),
            u64::from(u32::from_le_bytes(array(word, n - 4))),
        ),
        _ => (word.iter().rev().fold(0, |h, &b| (h << 8) | u64::from(b)), 0),
    };
    Slot {
        head,
        tail,
        len: n as u64,
    }
}

impl std::fmt::Debug for WordSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let held = self.slots.iter().filter(|s| s.len != 0).count() + self.long.len();
        write!(f, "WordSet({held} words)")
    }
}

/// The words of a list file (`corpora/*.lst`: a word a line, `#` comments and blank lines skipped), folded.
pub(crate) fn list_words(list: &str) -> impl Iterator<Item = String> + '_ {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(khulasa_normalize::fold)
}

impl WordSet {
    /// The set of the words of a list file, folded (see [`list_words`]).
    pub(crate) fn from_list(list: &str) -> WordSet {
        let words: Vec<String> = list_words(list).collect();
        WordSet::new(words.iter().map(String::as_str))
    }

    /// The set of `words` (duplicates and empty words left out).
    pub(crate) fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> WordSet {
        let mut short = Vec::new();
        let mut long = Vec::new();
        for word in words.into_iter().filter(|w| !w.is_empty()) {
            if word.len() <= 16 {
                short.push(key(word.as_bytes()));
            } else if !long.iter().any(|l: &String| l == word) {
                long.push(word.to_owned());
            }
        }
        let size = (short.len() * 4).next_power_of_two().max(16);
        let mut set = WordSet {
            filter: [0; FILTER_WORDS],
            slots: vec![Slot::default(); size],
            mask: size - 1,
            shift: 64 - size.trailing_zeros(),
            long,
        };
        for slot in short {
            let mixed = mix(&slot);
            let bit = filter_bit(mixed);
            if let Some(word) = set.filter.get_mut(bit / 64) {
                *word |= 1 << (bit % 64);
            }
            let mut at = set.home(mixed);
            loop {
                match set.slots.get_mut(at) {
                    Some(held) if held.len == 0 => {
                        *held = slot;
                        break;
                    }
                    Some(held) if *held == slot => break,
                    Some(_) => at = (at + 1) & set.mask,
                    None => break,
                }
            }
        }
        set
    }

    /// The first slot to look at, from the top bits of the hash.
    fn home(&self, mixed: u64) -> usize {
        (mixed >> self.shift) as usize & self.mask
    }

    /// Whether `word` is in the set.
    #[inline]
    pub(crate) fn contains(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        if bytes.len() > 16 {
            return self.long.iter().any(|l| l == word);
        }
        let wanted = key(bytes);
        let mixed = mix(&wanted);
        let bit = filter_bit(mixed);
        if self
            .filter
            .get(bit / 64)
            .is_none_or(|word| word & (1 << (bit % 64)) == 0)
        {
            return false;
        }
        let mut at = self.home(mixed);
        loop {
            match self.slots.get(at) {
                Some(held) if held.len == 0 => return false,
                Some(held) if *held == wanted => return true,
                Some(_) => at = (at + 1) & self.mask,
                None => return false,
            }
        }
    }
}

/// The hash of a held word.
#[inline(always)]
fn mix(slot: &Slot) -> u64 {
    (slot.head.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ slot.tail.rotate_left(31) ^ slot.len)
        .wrapping_mul(0xD6E8_FEB8_6659_FD93)
}

/// The filter's bit for a hash: twelve bits below those a slot index takes (at most 20 for any list of words).
#[inline(always)]
fn filter_bit(mixed: u64) -> usize {
    (mixed >> 32) as usize & (FILTER_WORDS * 64 - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The set holds exactly its words: every word of any length, Arabic or not, is found when it was put in
        /// and only then.
        #[test]
        fn holds_exactly_its_words(
            words in proptest::collection::vec("[\\u{0627}-\\u{064A}a-c]{0,12}", 0..80),
            probes in proptest::collection::vec("[\\u{0627}-\\u{064A}a-c]{0,12}", 0..80),
        ) {
            let set = WordSet::new(words.iter().map(String::as_str));
            for word in words.iter().chain(&probes) {
                let expected = !word.is_empty() && words.contains(word);
                prop_assert_eq!(set.contains(word), expected, "{:?}", word);
            }
        }
    }

    #[test]
    fn words_one_letter_apart_stay_apart() {
        // 16, 10 and 22 bytes (the last held in full), each against the same word with a middle letter changed.
        let set = WordSet::new(["مستشفيات", "حكومة", "الاستثمارات", "ab"]);
        for (held, other) in [
            ("مستشفيات", "مستشقيات"),
            ("حكومة", "حكوفة"),
            ("الاستثمارات", "الاستثمادات"),
        ] {
            assert!(set.contains(held), "{held}");
            assert!(!set.contains(other), "{other}");
        }
        assert!(set.contains("ab"));
        for other in ["a", "abc", "ba", ""] {
            assert!(!set.contains(other), "{other:?}");
        }
    }
}
