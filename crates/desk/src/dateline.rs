//! Agency datelines at the front of a unit: `دبي، الإمارات العربية المتحدة (CNN)— قال …`, `القاهرة - رويترز: …`.

use crate::agency::{agency_prefix, compact_into, is_unambiguous_agency};
use crate::reference::is_saying;
use crate::text::{fold, is_blank, is_dash, is_word_char, lexicon, Lexicon};
use std::sync::OnceLock;

/// Most words in the place of a dateline (`واشنطن، الولايات المتحدة الأمريكية` has 4). More, and the words are a
/// sentence, not a place.
const MAX_PLACE_WORDS: usize = 6;
/// Most commas in the place: one between city and country, one more for a region.
const MAX_PLACE_COMMAS: usize = 2;
/// Most words after an agency's name inside its signature (`(CNN Business)`, `(وكالات الأنباء)`).
const MAX_EXTRA_WORDS: usize = 2;

/// Words that no place name is made of: particles, verbs, demonstratives, and the media that a sentence names as
/// its source (`وكالة`, `هيئة`, `قناة`). A sentence that opens `قالت وكالة الأنباء الرسمية (سانا) -` or `وحصلت
/// هيئة الإذاعة البريطانية (بي بي سي) على` names its source; it has no dateline. (Verbs of saying are refused
/// too, with the list of the back-reference rule.)
const NOT_PLACE: &[&str] = &[
    "في",
    "من",
    "إلى",
    "على",
    "عن",
    "أن",
    "إن",
    "مع",
    "قد",
    "لم",
    "لن",
    "ما",
    "لا",
    "هو",
    "هي",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "الذي",
    "التي",
    "كان",
    "كانت",
    "وكان",
    "وكانت",
    "قال",
    "قالت",
    "وقال",
    "وقالت",
    "ذكر",
    "ذكرت",
    "وذكرت",
    "أفاد",
    "أفادت",
    "أعلن",
    "أعلنت",
    "نقل",
    "نقلت",
    "ونقلت",
    "حسب",
    "بحسب",
    "وفقا",
    "وفق",
    "نقلا",
    "كما",
    "وكالة",
    "لوكالة",
    "مصدر",
    "مصادر",
    "هيئة",
    "لهيئة",
    "قناة",
    "لقناة",
    "شبكة",
    "لشبكة",
    "تلفزيون",
    "صحيفة",
    "لصحيفة",
    "موقع",
    "مراسل",
    "مراسلة",
    "أورد",
    "أوردت",
    "وأوردت",
    "نسبت",
    "ونسبت",
    "حصلت",
    "وحصلت",
];
static NOT_PLACE_WORDS: OnceLock<Lexicon> = OnceLock::new();

/// Where the sentence after a dateline at the front of `text` begins (a byte offset; `text.len()` when the unit is
/// nothing but a dateline), or `None` when `text` does not open with a dateline.
///
/// A dateline is an optional place (up to six words, maybe with a comma before a country) and an agency, either in
/// brackets (`لندن (رويترز)`, `(CNN Business)`) or after a dash (`القاهرة - رويترز`), then a dash or a colon. The
/// separator may be missing after a bracketed agency, or after an agency named after a dash when its name is no
/// common word (`بيروت - وكالات قال …`).
pub(crate) fn strip(text: &str) -> Option<usize> {
    if !marked_early(text) {
        return None;
    }
    let mut at = Cursor { text, pos: 0 };
    at.skip_blank();
    let not_place = lexicon(&NOT_PLACE_WORDS, NOT_PLACE);
    let mut place_words = 0;
    let mut commas = 0;
    loop {
        match at.peek()? {
            '(' => {
                return bracketed(
                    at,
                    Place {
                        words: place_words,
                        commas,
                    },
                )
            }
            c if is_dash(c) && place_words > 0 => return after_dash(at),
            _ => {}
        }
        let word = at.word()?;
        let key = fold(word);
        if not_place.contains(&key) || is_saying(&key) || word.chars().all(|c| c.is_numeric()) {
            return None;
        }
        place_words += 1;
        if place_words > MAX_PLACE_WORDS {
            return None;
        }
        if matches!(at.peek(), Some('،' | ',')) {
            at.bump();
            commas += 1;
            if commas > MAX_PLACE_COMMAS {
                return None;
            }
        }
        let spaced = at.skip_blank();
        // Words of a place are apart; a dash or a bracket may follow the last one directly.
        if !spaced && !matches!(at.peek(), Some(c) if c == '(' || is_dash(c)) {
            return None;
        }
    }
}

/// True when a bracket or a dash comes within the first MAX_PLACE_WORDS + 1 pieces of `text` between blanks: where
/// the bracket or dash after a place must be (a word of the place and its comma are one piece, and the bracket or
/// dash may close the last). A unit without one there has no dateline, and its words are not folded and looked up
/// to find that out. Read over the bytes: a character is decoded only where a blank other than ASCII white space
/// (lead bytes C2, D8 9C, E1 to E3, EF) or a dash other than the hyphen (E2, EF) may begin.
fn marked_early(text: &str) -> bool {
    let bytes = text.as_bytes();
    let decoded = |at: usize| text.get(at..).and_then(|rest| rest.chars().next());
    let mut pieces = 0;
    let mut in_piece = false;
    for (at, &b) in bytes.iter().enumerate() {
        let (blank, mark) = match b {
            // Inside a character: its piece was counted at its first byte.
            0x80..=0xBF => continue,
            b'(' | b'-' => (false, true),
            0..=0x7F => (b.is_ascii_whitespace() || b == 0x0B, false),
            0xD8 => (bytes.get(at + 1) == Some(&0x9C), false),
            0xC2 | 0xE1..=0xE3 | 0xEF => match decoded(at) {
                Some(c) => (is_blank(c), is_dash(c)),
                None => (false, false),
            },
            _ => (false, false),
        };
        if blank {
            in_piece = false;
            continue;
        }
        if !in_piece {
            in_piece = true;
            pieces += 1;
            if pieces > MAX_PLACE_WORDS + 1 {
                return false;
            }
        }
        if mark {
            return true;
        }
    }
    false
}

/// The place before a bracketed agency: how many words, how many commas.
#[derive(Debug, Clone, Copy)]
struct Place {
    words: usize,
    commas: usize,
}

/// Most words of a place without a comma that a colon may follow: `باريس (أ ف ب): …`.
const MAX_COLON_PLACE_WORDS: usize = 2;

/// `(AGENCY)` and what follows it, the cursor on the bracket. A dash after the bracket makes a dateline. A colon
/// does too after no place, a place with a comma (`دبي، الإمارات العربية المتحدة`) or a short one; nothing at all
/// only after no place or a place with a comma. Otherwise the words before the bracket are a sentence that names
/// its source: `وأبلغ خان هيئة الإذاعة البريطانية (بي.بي.سي): "…"` quotes him.
fn bracketed(mut at: Cursor<'_>, place: Place) -> Option<usize> {
    at.bump();
    at.skip_blank();
    let mut names = 0;
    let mut sure = false;
    loop {
        let mut words = Vec::new();
        while let Some(word) = at.word() {
            words.push(word);
            at.skip_blank();
        }
        let n = agency_prefix(&words)?;
        if words.len() - n > MAX_EXTRA_WORDS {
            return None;
        }
        let mut key = String::new();
        for word in words.iter().take(n) {
            compact_into(word, &mut key);
        }
        sure |= is_unambiguous_agency(&key);
        names += 1;
        // Several agencies share a signature: `(أ ف ب/ رويترز)`.
        if names < 4 && matches!(at.peek(), Some('/' | '،' | ',')) {
            at.bump();
            at.skip_blank();
            continue;
        }
        break;
    }
    match at.peek() {
        Some(')') => {
            at.bump();
        }
        // A bracket never closed before the dash: `(CNN-- …`.
        Some(c) if is_dash(c) => {}
        _ => return None,
    }
    match separator(at)? {
        (end, Separator::Dash | Separator::End) => Some(end),
        (end, Separator::Colon) if place.commas > 0 || place.words <= MAX_COLON_PLACE_WORDS => Some(end),
        // `كلبتنا الصغيرة البهيجة (بِنا) لعبت` names no agency, though `بنا` is one.
        (end, Separator::Space) if (place.words == 0 || place.commas > 0) && sure => Some(end),
        _ => None,
    }
}

/// `- AGENCY` and what follows it, the cursor on the dash after the place.
fn after_dash(mut at: Cursor<'_>) -> Option<usize> {
    while at.peek().is_some_and(is_dash) {
        at.bump();
    }
    at.skip_blank();
    // Up to four words of a name and two more, each with the offset where it ends.
    let mut words: Vec<(&str, usize)> = Vec::new();
    while words.len() < 4 + MAX_EXTRA_WORDS {
        let Some(word) = at.word() else { break };
        words.push((word, at.pos));
        // Punctuation right after a word (`رويترز:`) ends the name.
        if !at.skip_blank() {
            break;
        }
    }
    let names: Vec<&str> = words.iter().map(|&(word, _)| word).collect();
    let n = agency_prefix(&names)?;
    // Extra words (`دمشق - وكالات الأنباء:`) only with a separator after them: without one they are the sentence.
    for count in n..=names.len().min(n + MAX_EXTRA_WORDS) {
        let &(_, end) = words.get(count.checked_sub(1)?)?;
        let mut after = Cursor {
            text: at.text,
            pos: end,
        };
        after.skip_blank();
        if after.peek().is_some_and(|c| is_dash(c) || c == ':') {
            return separator(after).map(|(end, _)| end);
        }
    }
    // No separator: the agency's own name must leave no doubt (`بيروت - وكالات قال …`).
    let &(_, end) = words.get(n.checked_sub(1)?)?;
    let mut key = String::new();
    for word in names.iter().take(n) {
        compact_into(word, &mut key);
    }
    let mut after = Cursor {
        text: at.text,
        pos: end,
    };
    if is_unambiguous_agency(&key) && after.skip_blank() && after.peek().is_some_and(is_word_char) {
        return Some(after.pos);
    }
    None
}

/// What ends a dateline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Separator {
    /// A dash (`-`, `--`, `–`, `—`), maybe with a colon.
    Dash,
    /// A colon.
    Colon,
    /// Only white space before the sentence.
    Space,
    /// The end of the unit.
    End,
}

/// The separator after an agency and the white space after it: where the sentence begins, and what separated it.
fn separator(mut at: Cursor<'_>) -> Option<(usize, Separator)> {
    let spaced = at.skip_blank();
    let mut found = None;
    while let Some(c) = at.peek() {
        if is_dash(c) {
            found = Some(Separator::Dash);
        } else if c == ':' {
            found = found.or(Some(Separator::Colon));
        } else {
            break;
        }
        at.bump();
        at.skip_blank();
    }
    match (at.peek(), found) {
        (None, _) => Some((at.text.len(), Separator::End)),
        (Some(_), Some(found)) => Some((at.pos, found)),
        (Some(c), None) if spaced && (is_word_char(c) || matches!(c, '"' | '«' | '“')) => {
            Some((at.pos, Separator::Space))
        }
        _ => None,
    }
}

/// A position in the text being read.
#[derive(Clone, Copy)]
struct Cursor<'t> {
    text: &'t str,
    pos: usize,
}

impl<'t> Cursor<'t> {
    fn rest(&self) -> &'t str {
        self.text.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.pos += c.len_utf8();
        }
    }

    /// Skips white space and invisible marks; true when there were some.
    fn skip_blank(&mut self) -> bool {
        let start = self.pos;
        while self.peek().is_some_and(is_blank) {
            self.bump();
        }
        self.pos > start
    }

    /// Reads a word: letters, digits and marks, with dots inside (`العربية.نت`, `أ.ف.ب`).
    fn word(&mut self) -> Option<&'t str> {
        let rest = self.rest();
        let mut end = 0;
        let mut chars = rest.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let inner_dot = c == '.' && end > 0 && chars.peek().is_some_and(|&(_, n)| is_word_char(n));
            if !(is_word_char(c) || inner_dot) {
                break;
            }
            end = i + c.len_utf8();
        }
        // A dot that closes an abbreviation belongs to it: `أ.ف.ب.`
        if end > 0
            && rest.get(end..).is_some_and(|r| r.starts_with('.'))
            && rest.get(..end).is_some_and(|w| w.contains('.'))
        {
            end += 1;
        }
        let word = rest.get(..end).filter(|w| !w.is_empty())?;
        self.pos += end;
        Some(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agency::is_agency;

    fn names_agency(words: &str) -> bool {
        let mut key = String::new();
        compact_into(words, &mut key);
        is_agency(&key)
    }

    fn rest(text: &str) -> Option<&str> {
        strip(text).map(|at| &text[at..])
    }

    #[test]
    fn the_bracket_may_close_the_sixth_word_of_a_place() {
        // Six words, the bracket in the seventh piece or in the sixth: the most that `marked_early` lets through.
        assert_eq!(rest("واحد اثنان ثلاثة أربعة خمسة ستة (رويترز) - قال"), Some("قال"));
        assert_eq!(rest("واحد اثنان ثلاثة أربعة خمسة ستة(رويترز) - قال"), Some("قال"));
        assert_eq!(rest("واحد اثنان ثلاثة أربعة خمسة\u{200F}ستة - رويترز: قال"), Some("قال"));
        assert!(!marked_early("واحد اثنان ثلاثة أربعة خمسة ستة سبعة (رويترز) - قال"));
        // Blanks other than the space separate pieces, and are none themselves.
        assert_eq!(
            rest("واحد \u{a0} اثنان\tثلاثة \u{200F} أربعة خمسة ستة (CNN)— قال"),
            Some("قال")
        );
    }

    #[test]
    fn datelines_with_the_agency_in_brackets() {
        assert_eq!(
            rest("دبي، الإمارات العربية المتحدة (CNN)— قال الوزير"),
            Some("قال الوزير")
        );
        assert_eq!(rest("دبي، الإمارات العربية المتحدة (CNN) -- سيحصل"), Some("سيحصل"));
        assert_eq!(rest("لندن (رويترز) - أعلنت الحكومة"), Some("أعلنت الحكومة"));
        assert_eq!(rest("واشنطن (أ ف ب) - قال"), Some("قال"));
        assert_eq!(rest("(CNN)-- تحدث وزير"), Some("تحدث وزير"));
        assert_eq!(rest("(CNN)—قالت سارة"), Some("قالت سارة"));
        assert_eq!(rest("(CNN Business)-- قبل 45 عاما"), Some("قبل 45 عاما"));
        assert_eq!(rest("(CNN-- قتل سبعة جنود"), Some("قتل سبعة جنود"));
        assert_eq!(rest("باريس (أ.ف.ب/ رويترز): قال"), Some("قال"));
        assert_eq!(
            rest("أتلانتا، الولايات المتحدة الأمريكية (CNN) نفى الرئيس"),
            Some("نفى الرئيس")
        );
        assert_eq!(rest("(CNN) نفى الرئيس"), Some("نفى الرئيس"));
    }

    #[test]
    fn datelines_with_the_agency_after_a_dash() {
        assert_eq!(rest("القاهرة - رويترز: قال"), Some("قال"));
        assert_eq!(rest("القدس المحتلة - الأناضول: أعلنت"), Some("أعلنت"));
        assert_eq!(rest("بيروت - وكالات قال مصدر"), Some("قال مصدر"));
        assert_eq!(rest("دبي – العربية.نت: كشفت"), Some("كشفت"));
        assert_eq!(rest("الرياض - واس: أعلن"), Some("أعلن"));
        assert_eq!(rest("دمشق - وكالات الأنباء - قال"), Some("قال"));
    }

    #[test]
    fn a_unit_that_is_only_a_dateline_ends_at_its_end() {
        assert_eq!(strip("القاهرة - رويترز:"), Some("القاهرة - رويترز:".len()));
        assert_eq!(
            strip("دبي، الإمارات العربية المتحدة (CNN)"),
            Some("دبي، الإمارات العربية المتحدة (CNN)".len())
        );
    }

    #[test]
    fn sentences_that_only_look_like_datelines_are_left_alone() {
        for text in [
            "دبي تستضيف المعرض الدولي للطيران",
            "قالت وكالة الأنباء السورية الرسمية (سانا) - إن مواقع عسكرية",
            "قالت وكالة الأنباء السورية الرسمية (سانا) إن مواقع عسكرية",
            "وأضاف: \"لا أعتقد ذلك\"",
            "فرانس24/ أ ف ب",
            "الرياض - واس الخير",
            "مصر - السعودية: مباراة حاسمة",
            "ونقلت رويترز عن مصدر",
            "وقال مسؤول أمني لرويترز: ساد الذعر",
            "الأمم المتحدة (الأونروا) - قالت",
            "(الصورة: رويترز)",
            "وحصلت هيئة الإذاعة البريطانية (بي بي سي) على حق مشاركة",
            "وأبلغ خان هيئة الإذاعة البريطانية (بي.بي.سي): \"ويمبلي أساس\"",
            "وأوردت (وام) أن الشيخ رحب بالضيف",
            "كلبتنا الصغيرة البهيجة (بِنا) لعبت في الطين",
            "لندن (رويترز) قال الوزير",
            "واحد اثنان ثلاثة أربعة خمسة ستة سبعة (رويترز) - قال",
            "",
            "(",
            "(CNN",
        ] {
            assert_eq!(strip(text), None, "{text}");
        }
    }

    #[test]
    fn the_agency_list_knows_the_agencies_of_the_brief() {
        for name in [
            "CNN",
            "BBC",
            "AFP",
            "Reuters",
            "AP",
            "رويترز",
            "أ ف ب",
            "ا ف ب",
            "أ.ف.ب",
            "فرانس برس",
            "الأناضول",
            "د ب أ",
            "أسوشيتد برس",
            "سبوتنيك",
            "وكالات",
            "واس",
            "وام",
            "قنا",
            "كونا",
            "بترا",
            "سانا",
            "سبأ",
            "إرنا",
            "العربية.نت",
            "بي بي سي",
        ] {
            assert!(names_agency(name), "{name}");
        }
    }
}
