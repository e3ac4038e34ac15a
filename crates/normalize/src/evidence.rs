use rustc_hash::{FxHashSet, FxHasher};
use std::cell::RefCell;
use std::hash::Hasher;

/// What a story (or a batch of stories) says about lam-alef damage, gathered before any word is repaired.
///
/// PDF extraction damages every lam-alef ligature of a document in the same way, so a document either shows
/// intact ligatures (`لا`, `لأ`, `لإ`, `لآ`) or their damaged form (`اال`: the article before a damaged
/// ligature, a sequence no Arabic word holds). The balance of the two gives the probability that a document is
/// damaged, and the words with intact ligatures are strong evidence for the repair of the same words elsewhere.
///
/// ```
/// use khulasa_normalize::Evidence;
/// let clean = Evidence::from_text("خلال الاجتماع قال إنه لا يرى");
/// let damaged = Evidence::from_text("خالل االجتماع قال انه ال يرى");
/// assert!(clean.damage_probability() < 0.01);
/// assert!(damaged.damage_probability() > 0.4);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    intact: u64,
    damaged: u64,
    /// Bytes of text seen: where no intact ligature stands in a long text, their absence is evidence too.
    bytes: u64,
    words: FxHashSet<u64>,
    /// The words among the damage signatures that may still be words (by [`word_key`]), and how many each gave.
    own: Vec<(u64, u64)>,
}

/// Prior odds: with no evidence at all a text is taken as damaged with probability
/// `PRIOR_DAMAGED / (PRIOR_DAMAGED + PRIOR_CLEAN)` (2%): most stories are not damaged.
const PRIOR_DAMAGED: f64 = 0.02;
const PRIOR_CLEAN: f64 = 1.0;
/// Bytes of Arabic text per intact ligature (ANT's news: one in 124 bytes, EASC's articles: one in 138): a text of
/// `n` bytes with none is `exp(n / LIGATURE_BYTES)` times likelier damaged than clean (a Poisson count of zero).
/// Not counted more generously: a short damaged text would stay under the probability at which clitics are
/// stripped (EASC half A cut into 60-word pieces: 97.96% of damaged words restored at 260 bytes, 98.24% at 130, no
/// clean word changed at either).
const LIGATURE_BYTES: f64 = 130.0;
/// The largest factor the absence of intact ligatures gives (beyond it, the count of signatures decides).
const MAX_ABSENCE_EXPONENT: f64 = 30.0;
/// A text without intact ligatures shows damage of its own when it is this many times `LIGATURE_BYTES` long (520
/// bytes, about 90 words): a well-formed word is changed only then. Ligatures bunch, so a clean text goes without
/// one for longer than a Poisson count says; at half that length, 3 words of 426,248 in 30-word pieces of clean
/// ANT stories were changed.
const ABSENCE_SHOWS_DAMAGE: f64 = 4.0;

impl Evidence {
    /// No evidence: repairs rest on the lexicon and the prior alone.
    ///
    /// ```
    /// assert_eq!(khulasa_normalize::Evidence::new().intact_ligatures(), 0);
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// The evidence of one text.
    ///
    /// ```
    /// let e = khulasa_normalize::Evidence::from_text("الاجتماع");
    /// assert_eq!(e.intact_ligatures(), 1);
    /// ```
    pub fn from_text(text: &str) -> Self {
        let mut evidence = Self::new();
        evidence.add_text(text);
        evidence
    }

    /// Adds the evidence of one more text (another story of the same batch, say).
    ///
    /// ```
    /// let mut e = khulasa_normalize::Evidence::new();
    /// e.add_text("االجتماع");
    /// e.add_text("االرهاب");
    /// assert_eq!(e.damaged_signatures(), 2);
    /// ```
    pub fn add_text(&mut self, text: &str) {
        self.add_text_noting(text, &mut Vec::new());
    }

    /// [`Evidence::add_text`], noting on the way the offsets of alef-lam (`ال`, where the repair looks) in
    /// `alef_lams`.
    pub(crate) fn add_text_noting(&mut self, text: &str, alef_lams: &mut Vec<usize>) {
        let bytes = text.as_bytes();
        self.bytes += bytes.len() as u64;
        // About one word with an intact ligature in 130 bytes of Arabic news: room for them at once.
        self.words.reserve(bytes.len() / 128);
        let mut word_end = 0;
        // One pass over the lams (D9 84, found by their second byte): a damage signature `اال` ends with one, an
        // intact ligature starts with one, and so does the lam of alef-lam.
        crate::scan::for_each_byte(bytes, 0x84, |second| {
            let Some(lam) = second.checked_sub(1).filter(|&lam| bytes.get(lam) == Some(&0xD9)) else {
                return;
            };
            let before = |n: usize| lam.checked_sub(n).and_then(|start| bytes.get(start..lam));
            if matches!(before(2), Some([0xD8, 0xA7])) {
                alef_lams.push(lam - 2);
                if matches!(before(4), Some([0xD8, 0xA7, 0xD8, 0xA7])) {
                    self.damaged += 1;
                }
            }
            if lam < word_end || !is_intact_at(bytes, lam) {
                return;
            }
            self.intact += 1;
            let (start, end) = word_bounds(text, lam);
            word_end = end;
            if let Some(word) = text.get(start..end) {
                self.words.insert(folded_hash(word));
            }
        });
        // Presentation-form lam-alef ligatures (U+FEF5..FEFC: EF BB B5..BC) are intact by construction.
        if memchr::memchr(0xEF, bytes).is_some() {
            self.intact += bytes
                .windows(3)
                .filter(|w| matches!(w, [0xEF, 0xBB, 0xB5..=0xBC]))
                .count() as u64;
        }
    }

    /// Adds the evidence gathered from other texts.
    ///
    /// ```
    /// use khulasa_normalize::Evidence;
    /// let mut batch = Evidence::from_text("لأن");
    /// batch.merge(&Evidence::from_text("إلا"));
    /// assert_eq!(batch.intact_ligatures(), 2);
    /// ```
    pub fn merge(&mut self, other: &Evidence) {
        self.intact += other.intact;
        self.damaged += other.damaged;
        self.bytes += other.bytes;
        self.words.extend(other.words.iter().copied());
        for &(key, n) in &other.own {
            self.count_own(key, n);
        }
    }

    /// Number of intact lam-alef ligatures seen.
    ///
    /// ```
    /// assert_eq!(khulasa_normalize::Evidence::from_text("لا لأن").intact_ligatures(), 2);
    /// ```
    pub fn intact_ligatures(&self) -> u64 {
        self.intact
    }

    /// Number of damage signatures seen: `اال` (an article before a damaged ligature), and the words that
    /// [`Repairer`](crate::Repairer) finds to be no word but the damaged form of a common one (`خالل`).
    ///
    /// ```
    /// assert_eq!(khulasa_normalize::Evidence::from_text("االتحاد").damaged_signatures(), 1);
    /// ```
    pub fn damaged_signatures(&self) -> u64 {
        self.damaged
    }

    /// The probability that the text's lam-alef ligatures were damaged: intact ligatures against damage
    /// signatures, with a prior that favours undamaged text.
    ///
    /// ```
    /// let p = khulasa_normalize::Evidence::new().damage_probability();
    /// assert!(p > 0.0 && p < 0.05);
    /// ```
    pub fn damage_probability(&self) -> f64 {
        let damaged = (self.damaged as f64 + PRIOR_DAMAGED) * self.absence_factor();
        damaged / (damaged + self.intact as f64 + PRIOR_CLEAN)
    }

    /// How much likelier damaged than clean the absence of any intact ligature makes the text (1 when it has one).
    fn absence_factor(&self) -> f64 {
        if self.intact > 0 {
            return 1.0;
        }
        (self.bytes as f64 / LIGATURE_BYTES).min(MAX_ABSENCE_EXPONENT).exp()
    }

    /// Whether the text shows lam-alef damage of its own, beyond what its words might be: a damage signature, or
    /// no intact ligature in a text long enough to hold several. Only then is a word of the language read as
    /// damaged.
    ///
    /// ```
    /// use khulasa_normalize::Evidence;
    /// assert!(Evidence::from_text("االجتماع").shows_damage());
    /// assert!(!Evidence::from_text("وال المدينة").shows_damage());
    /// ```
    pub fn shows_damage(&self) -> bool {
        self.damaged > 0 || (self.intact == 0 && self.bytes as f64 >= ABSENCE_SHOWS_DAMAGE * LIGATURE_BYTES)
    }

    /// Whether any word with an intact ligature was seen.
    pub(crate) fn has_words(&self) -> bool {
        !self.words.is_empty()
    }

    /// Whether a word with an intact ligature whose [`word_key`] is `key` was seen.
    pub(crate) fn has_key(&self, key: u64) -> bool {
        !self.words.is_empty() && self.words.contains(&key)
    }

    /// Counts words with intact ligatures, by their [`word_key`], as seen (the repairs of a text, see
    /// `Repairer::evidence`); the counts of ligatures stay as they are.
    pub(crate) fn add_keys(&mut self, keys: &[u64]) {
        self.words.extend(keys.iter().copied());
    }

    /// Counts one more damage signature: `word`, found to be the damaged form of a common word far more than a
    /// word itself (the lexicon tells, which this type does not hold). When it `may_be_word` (see
    /// `Repairer::add_damaged_words`), it is remembered, and is not the evidence of its own damage (see
    /// [`Evidence::without_own_signatures`]).
    pub(crate) fn add_damaged_word(&mut self, word: &str, may_be_word: bool) {
        self.damaged += 1;
        if may_be_word {
            self.count_own(word_key(word), 1);
        }
    }

    /// Adds `n` to the signatures the word of `key` gave.
    fn count_own(&mut self, key: u64, n: u64) {
        match self.own.iter_mut().find(|(k, _)| *k == key) {
            Some((_, given)) => *given += n,
            None => self.own.push((key, n)),
        }
    }

    /// Whether any signature was given by a word that may still be a word (see [`Evidence::add_damaged_word`]).
    pub(crate) fn has_own_signatures(&self) -> bool {
        !self.own.is_empty()
    }

    /// The evidence with the signatures that `word` itself gave (see [`Evidence::add_damaged_word`]) set aside;
    /// `None` when it gave none.
    pub(crate) fn without_own_signatures(&self, word: &str) -> Option<Evidence> {
        let key = word_key(word);
        let &(_, n) = self.own.iter().find(|(k, _)| *k == key)?;
        let mut others = self.clone();
        others.damaged -= n;
        others.own.retain(|(k, _)| *k != key);
        Some(others)
    }

    #[cfg(test)]
    fn has_word(&self, word: &str) -> bool {
        self.has_key(word_key(word))
    }
}

/// The key a word is remembered by: the hash of the word folded.
pub(crate) fn word_key(word: &str) -> u64 {
    folded_hash(word)
}

/// The key of `word` (letters and marks only) when it holds a ligature [`Evidence`] counts intact, as it would
/// remember the word seen in a text.
pub(crate) fn intact_word_key(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    let mut from = 0;
    while let Some(lam) = find_lam(bytes, from) {
        if is_intact_at(bytes, lam) {
            return Some(folded_hash(word));
        }
        from = lam + 2;
    }
    None
}

/// Whether the lam at byte `lam` starts an intact ligature. Damage writes every ligature as alef-lam, so it can
/// leave a lam before bare alef only when that alef starts another damaged ligature (`للا` -> `لال`): lam + bare
/// alef + lam is not proof of an intact ligature, lam + hamzated alef or lam + bare alef + anything else is.
pub(crate) fn is_intact_at(bytes: &[u8], lam: usize) -> bool {
    match bytes.get(lam + 2..lam + 4) {
        Some([0xD8, 0xA3 | 0xA5 | 0xA2]) => true,
        Some([0xD8, 0xA7]) => !matches!(bytes.get(lam + 4..lam + 6), Some([0xD9, 0x84])),
        _ => false,
    }
}

/// The byte offset of the next lam (D9 84) at or after `from`.
pub(crate) fn find_lam(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        let at = crate::scan::find_byte(bytes, i, [0x84])?;
        if at > i && bytes.get(at - 1) == Some(&0xD9) {
            return Some(at - 1);
        }
        i = at + 1;
    }
}

/// Arabic letters, the characters of the words that the repair looks at.
pub(crate) const fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}')
}

/// Diacritics and tatweel: inside a word, but not letters.
pub(crate) const fn is_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
}

/// Bit `c - U+0600` set: `c` is an Arabic letter or a mark. Every character of a word is in the Arabic block,
/// two bytes in UTF-8 with a lead byte D8..DB.
static IN_WORD: [u64; 4] = block_table(false);

/// The characters of the Arabic block (U+0600..06FF) that are marks (`marks_only`) or word characters (letters
/// and marks), a bit each.
// Evaluated when compiling: an index out of bounds would fail the build, not a run.
#[allow(clippy::indexing_slicing)]
const fn block_table(marks_only: bool) -> [u64; 4] {
    let mut table = [0; 4];
    let mut i = 0;
    while i < 256 {
        if let Some(c) = char::from_u32(0x0600 + i) {
            if is_mark(c) || (!marks_only && is_arabic_letter(c)) {
                table[(i >> 6) as usize] |= 1 << (i & 63);
            }
        }
        i += 1;
    }
    table
}

/// Bit `c - U+0600` set: `c` is a mark (see [`is_mark`]).
static MARKS: [u64; 4] = block_table(true);

/// Whether the two bytes from `i` are a character of an Arabic word (a letter or a mark), and whether a mark.
#[inline]
fn word_char_at(bytes: &[u8], i: usize) -> (bool, bool) {
    match bytes.get(i..i + 2) {
        Some(&[lead @ 0xD8..=0xDB, second]) => {
            let row = usize::from(lead - 0xD8);
            let bit = 1 << (second & 0x3F);
            let in_word = IN_WORD.get(row).is_some_and(|bits| bits & bit != 0);
            let mark = MARKS.get(row).is_some_and(|bits| bits & bit != 0);
            (in_word, mark)
        }
        _ => (false, false),
    }
}

/// The byte range of the Arabic word (letters and marks) around byte `at`, which must be a char boundary, and
/// whether it holds a mark (a diacritic or tatweel).
pub(crate) fn word_around(text: &str, at: usize) -> (usize, usize, bool) {
    // Byte by byte: a lead byte D8..DB two bytes before a char boundary starts a two-byte character there.
    let bytes = text.as_bytes();
    let mut marked = false;
    let mut start = at.min(bytes.len());
    while start >= 2 {
        let (in_word, mark) = word_char_at(bytes, start - 2);
        if !in_word {
            break;
        }
        marked |= mark;
        start -= 2;
    }
    let mut end = at.min(bytes.len());
    loop {
        let (in_word, mark) = word_char_at(bytes, end);
        if !in_word {
            break;
        }
        marked |= mark;
        end += 2;
    }
    (start, end, marked)
}

/// The byte range of the Arabic word (letters and marks) around byte `at`, which must be a char boundary.
pub(crate) fn word_bounds(text: &str, at: usize) -> (usize, usize) {
    let (start, end, _) = word_around(text, at);
    (start, end)
}

/// The hash a word is remembered by: of the word folded, so that spellings folding alike are one word.
fn folded_hash(word: &str) -> u64 {
    thread_local! {
        // The word folded, in a buffer kept between calls: a key is made for every word with an intact ligature,
        // every candidate weighed and every repair (damaged EASC articles: 28.9 M instructions in
        // `Repairer::repair` with an allocation each, 28.0 M without).
        static FOLDED: RefCell<String> = const { RefCell::new(String::new()) };
    }
    FOLDED.with_borrow_mut(|folded| {
        folded.clear();
        crate::fold_into(word, folded);
        let mut hasher = FxHasher::default();
        hasher.write(folded.as_bytes());
        hasher.finish()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn word_around_is_the_run_of_word_characters(text in "[\u{0600}-\u{06FF} a.،\u{0640}\u{064E}]{0,30}", at in 0usize..40) {
            let at = (0..=at.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap();
            let in_word = |c: char| is_arabic_letter(c) || is_mark(c);
            let start = text[..at].char_indices().rev().find(|&(_, c)| !in_word(c)).map_or(0, |(i, c)| i + c.len_utf8());
            let end = text[at..].char_indices().find(|&(_, c)| !in_word(c)).map_or(text.len(), |(i, _)| at + i);
            let marked = text[start..end].chars().any(is_mark);
            prop_assert_eq!(word_around(&text, at), (start, end, marked));
        }

    }

    #[test]
    fn damaged_double_lam_is_not_intact() {
        // "للاجئين" damaged is "لالجئين": the lam before the damaged ligature is no evidence of an intact one.
        assert_eq!(Evidence::from_text("لالجئين").intact_ligatures(), 0);
        assert_eq!(Evidence::from_text("للاجئين").intact_ligatures(), 1);
    }

    #[test]
    fn intact_words_are_remembered_folded() {
        let e = Evidence::from_text("قال إن الأمريكية");
        assert!(e.has_word("الامريكية"));
        assert!(!e.has_word("الامريكي"));
    }

    #[test]
    fn word_bounds_stop_at_spaces_and_punctuation() {
        let text = "قال، الاجتماع.";
        let at = text.find('ج').unwrap();
        let (s, e) = word_bounds(text, at);
        assert_eq!(&text[s..e], "الاجتماع");
    }
}
