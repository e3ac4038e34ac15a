use crate::nostem::list;
use crate::wordset::WordSet;
use crate::Stemmer;
use std::borrow::Cow;

/// A light stemmer of the Light10 family (Larkey, Ballesteros & Connell 2007) for folded words, extended with the
/// clitics and inflections Light10 misses.
///
/// It strips, in this order, each step guarded by the length of what remains (in letters):
/// 1. proclitics: the article with its particles (`وبال وكال فبال فكال ولل فلل وال فال بال كال لل ال`, at least 2
///    letters left); otherwise the conjunction `و` (3 left) or `ف` (4 left), then the preposition `ب`/`ل` (4 left)
///    or the future `س` before an imperfect verb;
/// 2. enclitic pronouns `كما هما كم هم هن نا ها ه` (not after the article; 3 left), and the ta marbuta written
///    `ت` before them (and before the dual ending);
/// 3. the plural and dual endings `ات ون ين ان وا` (3 left), ta marbuta `ه` (4 letters), accusative `ا`
///    (4 letters), and the nisba `ي` (5 letters, so that short roots such as `مصري` keep theirs);
/// 4. on words without the article: the perfect `ت` of four-letter verbs, the imperfect `ي ت ن` of four-letter
///    verbs, and the imperfect prefix before the `ت` of derived forms (`يتوقع` → `توقع`); on all words, the
///    `ا` of form X (`استمر`, `يستمر` → `ستمر`).
///
/// Words of three letters or fewer, words with a non-Arabic character, and the words of `data/nostem-ar.lst`
/// (function words, frequent proper names) are returned whole. The stem is always a slice of the input: nothing is
/// allocated.
///
/// ```
/// use khulasa_stem::Stemmer;
/// let light = khulasa_stem::LightStemmer::new();
/// for word in ["الإرهابية", "الارهاب", "والإرهاب"] {
///     assert_eq!(light.stem(&khulasa_normalize::fold(word)), "ارهاب");
/// }
/// assert_ne!(light.stem("السيما"), light.stem("السياسه"));
/// ```
#[derive(Debug, Clone)]
pub struct LightStemmer {
    nostem: &'static WordSet,
}

impl Default for LightStemmer {
    fn default() -> Self {
        Self::new()
    }
}

// Letters as u16 codes (a two-byte UTF-8 letter read as one number) and each affix list as one `match`, rather than
// the strings: 206 against 262 (a scan of string lists) or 290 (`match` on string slices) instructions a word in
// `stem_speed`, +2.1% instructions for `summarize` on 3,000 stories. The tests below hold the lists as strings and
// check each `match` against a scan of its list.
const WAW: u16 = code("و");
const FA: u16 = code("ف");
const BA: u16 = code("ب");
const KAF: u16 = code("ك");
const LAM: u16 = code("ل");
const MIM: u16 = code("م");
const SIN: u16 = code("س");
const YA: u16 = code("ي");
const TA: u16 = code("ت");
const NUN: u16 = code("ن");
const HA: u16 = code("ه");
const ALEF: u16 = code("ا");

/// The UTF-8 bytes of a two-byte letter as one number (0 for anything else).
const fn code(letter: &str) -> u16 {
    match letter.as_bytes() {
        [lead, trail] => ((*lead as u16) << 8) | *trail as u16,
        _ => 0,
    }
}

/// A word under stemming: the bytes left of it (`letters`), which start `start` bytes into the original word; every
/// character is a two-byte letter. The letters are read from the slice itself, one bounds check a letter.
struct Span<'a> {
    letters: &'a [u8],
    start: usize,
}

impl Span<'_> {
    fn letters(&self) -> usize {
        self.letters.len() / 2
    }
    fn code(pair: Option<&[u8]>) -> u16 {
        match pair {
            Some(&[lead, trail]) => ((lead as u16) << 8) | trail as u16,
            _ => 0,
        }
    }
    /// The `i`-th letter from the front (0 past the end).
    fn letter(&self, i: usize) -> u16 {
        Self::code(self.letters.get(2 * i..2 * i + 2))
    }
    /// The `i`-th letter from the back, the last being 0 (0 past the front).
    fn back_letter(&self, i: usize) -> u16 {
        match self.letters.len().checked_sub(2 * i + 2) {
            Some(at) => Self::code(self.letters.get(at..at + 2)),
            None => 0,
        }
    }
    fn last(&self) -> u16 {
        self.back_letter(0)
    }
    /// Removes `n` letters from the front.
    fn cut_front(&mut self, n: usize) {
        let cut = (2 * n).min(self.letters.len());
        self.letters = self.letters.get(cut..).unwrap_or_default();
        self.start += cut;
    }
    /// Removes `n` letters from the back.
    fn cut_back(&mut self, n: usize) {
        let kept = self.letters.len().saturating_sub(2 * n);
        self.letters = self.letters.get(..kept).unwrap_or_default();
    }
    /// Where the letters left end in the original word.
    fn end(&self) -> usize {
        self.start + self.letters.len()
    }
}

/// True when every character is in the Arabic block (U+0600–U+06FF), which UTF-8 writes as two bytes led by
/// 0xD8–0xDB: the rules may then count letters as byte pairs.
fn is_arabic(word: &[u8]) -> bool {
    word.len().is_multiple_of(2) && word.chunks_exact(2).all(|c| matches!(c.first(), Some(0xD8..=0xDB)))
}

/// The letters of the article group that starts the word (`وبال وكال فبال فكال ولل فلل وال فال بال كال لل ال`),
/// 0 for none.
fn article(w: &Span<'_>) -> usize {
    let third = w.letter(2);
    match (w.letter(0), w.letter(1)) {
        (ALEF, LAM) | (LAM, LAM) => 2,
        (WAW | FA, ALEF | LAM) if third == LAM => 3,
        (WAW | FA, BA | KAF) if third == ALEF && w.letter(3) == LAM => 4,
        (BA | KAF, ALEF) if third == LAM => 3,
        _ => 0,
    }
}

/// The letters of the enclitic pronoun that ends the word (`كما هما كم هم هن نا ها ه`), 0 for none.
fn pronoun(w: &Span<'_>) -> usize {
    let before = w.back_letter(1);
    match w.last() {
        ALEF => match before {
            MIM if matches!(w.back_letter(2), KAF | HA) => 3,
            NUN | HA => 2,
            _ => 0,
        },
        MIM if before == KAF || before == HA => 2,
        NUN if before == HA => 2,
        HA => 1,
        _ => 0,
    }
}

/// The plural or dual ending of the word (`ات ون ين ان وا`): `Some(true)` for the duals and the oblique plural
/// (`ين ان`), before which a ta marbuta is written `ت`.
fn ending(w: &Span<'_>) -> Option<bool> {
    match (w.back_letter(1), w.last()) {
        (ALEF, TA) | (WAW, NUN) | (WAW, ALEF) => Some(false),
        (YA, NUN) | (ALEF, NUN) => Some(true),
        _ => None,
    }
}

impl LightStemmer {
    /// A light stemmer.
    ///
    /// ```
    /// let s = khulasa_stem::LightStemmer::new();
    /// assert_eq!(s.stem_str("الارهاب"), "ارهاب");
    /// ```
    pub fn new() -> Self {
        LightStemmer { nostem: list() }
    }

    /// The stem of a folded word, as a slice of it.
    ///
    /// ```
    /// let s = khulasa_stem::LightStemmer::new();
    /// assert_eq!(s.stem_str("بالمدارس"), "مدارس");
    /// assert_eq!(s.stem_str("الارهابيه"), "ارهاب");
    /// assert_eq!(s.stem_str("ويقولون"), "قول");
    /// ```
    pub fn stem_str<'a>(&self, word: &'a str) -> &'a str {
        let bytes = word.as_bytes();
        if bytes.len() <= 6 || !is_arabic(bytes) || self.nostem.contains(word) {
            return word;
        }
        let mut w = Span {
            letters: bytes,
            start: 0,
        };
        let article = article(&w);
        if article > 0 && w.letters() >= article + 2 {
            w.cut_front(article);
            strip_suffixes(&mut w, true, false);
        } else {
            let first = w.letter(0);
            if (first == WAW && w.letters() >= 4) || (first == FA && w.letters() >= 5) {
                w.cut_front(1);
                if self.nostem.contains(word.get(w.start..).unwrap_or_default()) {
                    return word.get(w.start..).unwrap_or(word);
                }
            }
            let mut noun = false;
            let (first, second, third) = (w.letter(0), w.letter(1), w.letter(2));
            if (first == BA || first == LAM) && w.letters() >= 5 {
                // A preposition makes the word a noun: no verb rule applies to it.
                w.cut_front(1);
                noun = true;
            } else if first == SIN && (second == YA || second == TA) && w.letters() == 5 && w.last() != HA {
                // Future سـ with the imperfect prefix of a three-letter verb: ستكون, سيعمل.
                w.cut_front(2);
            } else if first == SIN && (second == YA || second == TA || second == NUN) && third == TA && w.letters() >= 6
            {
                // Future سـ before a derived form (ستتغير, سيتم...): the imperfect rule below does the rest.
                w.cut_front(1);
            }
            strip_suffixes(&mut w, false, noun);
        }
        word.get(w.start..w.end()).unwrap_or(word)
    }
}

/// Suffix rules and the verb prefixes that depend on them; `article` and `noun` say what the prefixes showed.
#[inline(always)]
fn strip_suffixes(w: &mut Span<'_>, article: bool, mut noun: bool) {
    if !article {
        let pronoun = pronoun(w);
        if pronoun > 0 && w.letters() >= pronoun + 3 {
            w.cut_back(pronoun);
            // Ta marbuta is written ت before a pronoun (منطقتهم); so is the perfect -at of verbs (عاملته).
            if w.last() == TA && w.letters() >= 4 {
                w.cut_back(1);
            }
        }
    }
    if let Some(ta_before) = ending(w) {
        if w.letters() >= 5 {
            w.cut_back(2);
            // The feminine dual writes its ta marbuta ت before the ending (سنتين, منطقتان).
            if ta_before && w.last() == TA && w.letters() >= 4 {
                w.cut_back(1);
                noun = true;
            }
        }
    }
    if w.last() == HA && w.letters() >= 4 {
        w.cut_back(1);
        noun = true;
    }
    if w.last() == ALEF && w.letters() >= 4 {
        w.cut_back(1);
    }
    if w.last() == YA {
        noun = true;
        if w.letters() >= 5 {
            w.cut_back(1);
        }
    }
    if !article {
        let (first, second) = (w.letter(0), w.letter(1));
        if w.letters() == 4 && w.last() == TA {
            w.cut_back(1);
        } else if !noun && w.letters() == 4 && is_imperfect_prefix(first) && second != ALEF {
            w.cut_front(1);
        }
        if w.letters() >= 5 && is_imperfect_prefix(w.letter(0)) && w.letter(1) == TA {
            w.cut_front(1);
        }
    }
    // Form X: the perfect and verbal noun start with است, the imperfect with يست/تست/نست; all meet on ست.
    let (first, second, third) = (w.letter(0), w.letter(1), w.letter(2));
    let form_x = second == SIN && third == TA && (first == ALEF || (!article && is_imperfect_prefix(first)));
    if form_x && w.letters() >= 5 {
        w.cut_front(1);
    }
}

fn is_imperfect_prefix(letter: u16) -> bool {
    letter == YA || letter == TA || letter == NUN
}

impl Stemmer for LightStemmer {
    fn stem<'a>(&self, folded: &'a str) -> Cow<'a, str> {
        Cow::Borrowed(self.stem_str(folded))
    }
    fn name(&self) -> &'static str {
        "light"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn stem(word: &str) -> String {
        LightStemmer::new().stem_str(&khulasa_normalize::fold(word)).to_owned()
    }

    /// Real inflected forms (most from the UD treebanks and EASC) and the stem they must reach.
    #[rustfmt::skip]
    const TABLE: &[(&str, &str, &str)] = &[
        ("الإرهابية", "ارهاب", "nisba adjective meets its noun: ية then ي, stem of 4 letters"),
        ("الارهاب", "ارهاب", "article"),
        ("والإرهاب", "ارهاب", "conjunction with the article"),
        ("السينما", "سينم", "accusative-looking alef of a loanword: harmless, stays apart from سياس"),
        ("السياسة", "سياس", "ta marbuta"),
        ("السياسية", "سياس", "nisba meets its noun"),
        ("بالمدارس", "مدارس", "preposition with the article"),
        ("للحكومة", "حكوم", "لل is li + al"),
        ("وللحكومة", "حكوم", "conjunction, li and the article"),
        ("فبالتالي", "تالي", "ف + ب + ال; the final ي of a four-letter stem stays"),
        ("المصرية", "مصري", "nisba kept on a short root: مصر stays apart from مصري"),
        ("المصريين", "مصري", "plural of the same nisba"),
        ("مصريون", "مصري", "nominative plural of the same nisba"),
        ("حكومته", "حكوم", "pronoun; ta marbuta written ت before it"),
        ("منطقتهم", "منطق", "pronoun هم; ta marbuta written ت"),
        ("كتابهما", "كتاب", "dual pronoun"),
        ("الحكومات", "حكوم", "feminine plural"),
        ("المعلمون", "معلم", "masculine plural, nominative"),
        ("المعلمين", "معلم", "masculine plural, oblique"),
        ("كانوا", "كان", "verbal plural وا"),
        ("كانت", "كان", "perfect -at of a four-letter verb"),
        ("يكون", "كون", "imperfect prefix of a hollow verb"),
        ("ستكون", "كون", "future سـ with the imperfect"),
        ("ويقولون", "قول", "conjunction, imperfect, plural"),
        ("يتوقع", "توقع", "imperfect of a derived form: meets the perfect توقع"),
        ("ستتغير", "تغير", "future, imperfect, form V"),
        ("شكلاً", "شكل", "accusative tanween alef"),
        ("رسمياً", "رسمي", "accusative of a short nisba"),
        ("وزير", "زير", "known cost: و before three letters is read as the conjunction, as in وقال"),
        ("فيلم", "فيلم", "ف needs four letters after it"),
        ("فلسطين", "فلسطين", "proper name on the no-stem list"),
        ("بينما", "بينما", "function word on the no-stem list"),
        ("سياسة", "سياس", "سي of a noun is not the future: it ends in ta marbuta"),
        ("الحكومتين", "حكوم", "feminine dual: ta marbuta written ت before ين"),
        ("منطقتان", "منطق", "feminine dual, nominative"),
        ("استمر", "ستمر", "form X perfect"),
        ("ويستمرون", "ستمر", "form X imperfect, plural, with the conjunction"),
        ("الاستثمارات", "ستثمار", "form X verbal noun after the article"),
        ("نائب", "نايب", "ن followed by alef is no imperfect prefix"),
        ("التجارة", "تجار", "after the article no verb prefix is removed"),
        ("قال", "قال", "three letters stay whole"),
        ("Obama", "Obama", "not Arabic"),
    ];

    #[test]
    fn stems_real_inflected_forms() {
        let wrong: Vec<String> = TABLE
            .iter()
            .filter(|(word, expected, _)| stem(word) != *expected)
            .map(|(word, expected, why)| format!("{word} -> {} (want {expected}: {why})", stem(word)))
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn cinema_and_politics_stay_apart() {
        assert_ne!(stem("السيما"), stem("السياسة"));
        assert_ne!(stem("السينما"), stem("السياسة"));
    }

    #[test]
    fn terrorism_forms_meet() {
        let s = stem("الإرهاب");
        assert_eq!(stem("الإرهابية"), s);
        assert_eq!(stem("الارهاب"), s);
        assert_eq!(stem("والإرهاب"), s);
    }

    fn arabic_word(min: usize, max: usize) -> impl Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select("ابتثجحخدذرزسشصضطظعغفقكلمنهوي".chars().collect::<Vec<_>>()),
            min..=max,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    /// The affix lists as the decoders read them, longest first: a scan takes the first that fits.
    const ARTICLES: [&str; 12] = [
        "وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال",
    ];
    const PRONOUNS: [&str; 8] = ["كما", "هما", "كم", "هم", "هن", "نا", "ها", "ه"];
    const ENDINGS: [&str; 5] = ["ات", "ون", "ين", "ان", "وا"];

    fn span(word: &str) -> Span<'_> {
        Span {
            letters: word.as_bytes(),
            start: 0,
        }
    }

    /// Words made of the letters the affixes are made of (and a few others), so that every affix meets every other.
    fn affixed_word() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select("وفبكلاسيتنهمدر".chars().collect::<Vec<_>>()),
            0..9,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        /// Each decoder finds what a scan of its list, longest first, finds first: no two affixes of a list fit one
        /// word.
        #[test]
        fn decoders_find_what_a_scan_of_the_list_finds(word in affixed_word()) {
            let w = span(&word);
            let letters = |a: &&str| a.chars().count();
            let scan_article = ARTICLES.iter().find(|a| word.starts_with(**a)).map_or(0, letters);
            prop_assert_eq!(article(&w), scan_article);
            let scan_pronoun = PRONOUNS.iter().find(|p| word.ends_with(**p)).map_or(0, letters);
            prop_assert_eq!(pronoun(&w), scan_pronoun);
            let scan_ending = ENDINGS.iter().find(|e| word.ends_with(**e)).map(|e| matches!(*e, "ين" | "ان"));
            prop_assert_eq!(ending(&w), scan_ending);
            // At most one of each list fits.
            prop_assert!(ARTICLES.iter().filter(|a| word.starts_with(**a)).count() <= 1);
            prop_assert!(PRONOUNS.iter().filter(|p| word.ends_with(**p)).count() <= 1);
        }

        #[test]
        fn stem_is_a_nonempty_slice_of_the_word(word in "\\PC{0,12}") {
            let s = LightStemmer::new().stem_str(&word);
            prop_assert!(word.contains(s));
            prop_assert_eq!(s.is_empty(), word.is_empty());
        }

        #[test]
        fn stem_keeps_at_least_two_letters(word in arabic_word(2, 12)) {
            let s = LightStemmer::new().stem_str(&word);
            prop_assert!(s.chars().count() >= 2, "{} -> {}", word, s);
        }

        #[test]
        fn conjunction_before_the_article_changes_nothing(core in arabic_word(2, 8)) {
            let bare = format!("ال{core}");
            let with_waw = format!("وال{core}");
            prop_assume!(!crate::is_nostem(&bare) && !bare.starts_with("الل"));
            let s = LightStemmer::new();
            prop_assert_eq!(s.stem_str(&bare), s.stem_str(&with_waw));
        }
    }
}
