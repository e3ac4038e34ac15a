use crate::nostem::{list, NoStem};
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
/// Words of three letters or fewer, words with a non-Arabic character, and the words of `corpora/nostem-ar.lst`
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
    nostem: &'static NoStem,
}

impl Default for LightStemmer {
    fn default() -> Self {
        Self::new()
    }
}

/// Article groups, longest first: only one is removed.
const ARTICLES: [&str; 12] = [
    "وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال",
];
/// Object and possessive pronouns, longest first.
const PRONOUNS: [&str; 8] = ["كما", "هما", "كم", "هم", "هن", "نا", "ها", "ه"];
/// Sound plurals, duals and the verbal plural, tried in order; one is removed.
const INFLECTIONS: [&str; 5] = ["ات", "ون", "ين", "ان", "وا"];

// Every letter the rules look at is a two-byte UTF-8 sequence (U+0600–U+06FF), compared as one u16: comparing
// byte slices would call memcmp for two bytes.
const WAW: u16 = code("و");
const FA: u16 = code("ف");
const BA: u16 = code("ب");
const LAM: u16 = code("ل");
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

/// Byte equality without a call to memcmp (the affixes are two to eight bytes long).
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// A word under stemming: the byte range `start..end` of the original word.
struct Span<'a> {
    bytes: &'a [u8],
    start: usize,
    end: usize,
}

impl<'a> Span<'a> {
    fn rest(&self) -> &'a [u8] {
        self.bytes.get(self.start..self.end).unwrap_or_default()
    }
    fn letters(&self) -> usize {
        (self.end - self.start) / 2
    }
    fn code_at(&self, at: usize) -> u16 {
        match (self.bytes.get(at), self.bytes.get(at + 1)) {
            (Some(&lead), Some(&trail)) if at + 2 <= self.end => ((lead as u16) << 8) | trail as u16,
            _ => 0,
        }
    }
    fn letter(&self, i: usize) -> u16 {
        self.code_at(self.start + 2 * i)
    }
    fn last(&self) -> u16 {
        if self.end >= self.start + 2 {
            self.code_at(self.end - 2)
        } else {
            0
        }
    }
    fn starts(&self, prefix: &str) -> bool {
        self.rest()
            .get(..prefix.len())
            .is_some_and(|head| same(head, prefix.as_bytes()))
    }
    fn ends(&self, suffix: &str) -> bool {
        let rest = self.rest();
        rest.len()
            .checked_sub(suffix.len())
            .and_then(|at| rest.get(at..))
            .is_some_and(|tail| same(tail, suffix.as_bytes()))
    }
    /// Removes `n` letters from the front.
    fn cut_front(&mut self, n: usize) {
        self.start = (self.start + 2 * n).min(self.end);
    }
    /// Removes `n` letters from the back.
    fn cut_back(&mut self, n: usize) {
        self.end = self.end.saturating_sub(2 * n).max(self.start);
    }
}

/// True when every character is in the Arabic block (U+0600–U+06FF), which UTF-8 writes as two bytes led by
/// 0xD8–0xDB: the rules may then count letters as byte pairs.
fn is_arabic(word: &[u8]) -> bool {
    word.len() % 2 == 0 && word.chunks_exact(2).all(|c| matches!(c.first(), Some(0xD8..=0xDB)))
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
            bytes,
            start: 0,
            end: bytes.len(),
        };
        match ARTICLES.iter().find(|a| w.starts(a) && w.letters() >= a.len() / 2 + 2) {
            Some(article) => {
                w.cut_front(article.len() / 2);
                strip_suffixes(&mut w, true, false);
            }
            None => {
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
                } else if first == SIN
                    && (second == YA || second == TA || second == NUN)
                    && third == TA
                    && w.letters() >= 6
                {
                    // Future سـ before a derived form (ستتغير, سيتم...): the imperfect rule below does the rest.
                    w.cut_front(1);
                }
                strip_suffixes(&mut w, false, noun);
            }
        }
        word.get(w.start..w.end).unwrap_or(word)
    }
}

/// Suffix rules and the verb prefixes that depend on them; `article` and `noun` say what the prefixes showed.
fn strip_suffixes(w: &mut Span<'_>, article: bool, mut noun: bool) {
    if !article {
        if let Some(p) = PRONOUNS.iter().find(|p| w.ends(p) && w.letters() >= p.len() / 2 + 3) {
            w.cut_back(p.len() / 2);
            // Ta marbuta is written ت before a pronoun (منطقتهم); so is the perfect -at of verbs (عاملته).
            if w.last() == TA && w.letters() >= 4 {
                w.cut_back(1);
            }
        }
    }
    if let Some(s) = INFLECTIONS.iter().find(|s| w.ends(s) && w.letters() >= 5) {
        w.cut_back(s.len() / 2);
        // The feminine dual writes its ta marbuta ت before the ending (سنتين, منطقتان).
        if (*s == "ين" || *s == "ان") && w.last() == TA && w.letters() >= 4 {
            w.cut_back(1);
            noun = true;
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
    let form_x =
        w.starts("است") || (!article && is_imperfect_prefix(w.letter(0)) && w.letter(1) == SIN && w.letter(2) == TA);
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

    proptest! {
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
