use crate::lexicon::{Fnv, FnvBuild};
use std::collections::HashSet;
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
    words: HashSet<u64, FnvBuild>,
}

/// Prior odds: with no evidence at all a text is taken as damaged with probability
/// `PRIOR_DAMAGED / (PRIOR_DAMAGED + PRIOR_CLEAN)` (2%): most stories are not damaged.
const PRIOR_DAMAGED: f64 = 0.02;
const PRIOR_CLEAN: f64 = 1.0;

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
        self.damaged += text.matches("اال").count() as u64;
        let bytes = text.as_bytes();
        let mut word_end = 0;
        for (lam, _) in text.match_indices('ل') {
            if lam < word_end || !is_intact_at(bytes, lam) {
                continue;
            }
            self.intact += 1;
            let (start, end) = word_bounds(text, lam);
            word_end = end;
            if let Some(word) = text.get(start..end) {
                self.words.insert(folded_hash(word));
            }
        }
        // Presentation-form lam-alef ligatures (U+FEF5..FEFC: EF BB B5..BC) are intact by construction.
        if bytes.contains(&0xEF) {
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
        self.words.extend(other.words.iter().copied());
    }

    /// Number of intact lam-alef ligatures seen.
    ///
    /// ```
    /// assert_eq!(khulasa_normalize::Evidence::from_text("لا لأن").intact_ligatures(), 2);
    /// ```
    pub fn intact_ligatures(&self) -> u64 {
        self.intact
    }

    /// Number of damage signatures seen (`اال`: an article before a damaged ligature).
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
        let damaged = self.damaged as f64 + PRIOR_DAMAGED;
        damaged / (damaged + self.intact as f64 + PRIOR_CLEAN)
    }

    /// Whether a word with an intact ligature, the same as `word` after folding, was seen.
    pub(crate) fn has_word(&self, word: &str) -> bool {
        !self.words.is_empty() && self.words.contains(&folded_hash(word))
    }
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

/// Arabic letters, the characters of the words that the repair looks at.
pub(crate) fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}')
}

/// Diacritics and tatweel: inside a word, but not letters.
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
}

/// The byte range of the Arabic word (letters and marks) around byte `at`, which must be a char boundary.
pub(crate) fn word_bounds(text: &str, at: usize) -> (usize, usize) {
    let in_word = |c: char| is_arabic_letter(c) || is_mark(c);
    let start = text
        .get(..at)
        .and_then(|before| before.char_indices().rev().find(|&(_, c)| !in_word(c)))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text
        .get(at..)
        .and_then(|after| after.char_indices().find(|&(_, c)| !in_word(c)))
        .map_or(text.len(), |(i, _)| at + i);
    (start, end)
}

fn folded_hash(word: &str) -> u64 {
    let mut hasher = Fnv::default();
    let mut buf = [0u8; 4];
    for c in word.chars().filter_map(crate::fold_char) {
        hasher.write(c.encode_utf8(&mut buf).as_bytes());
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

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
