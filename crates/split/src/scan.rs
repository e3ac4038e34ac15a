//! Sentences inside one paragraph: where terminal punctuation ends a sentence and where it does not.
//!
//! The scan walks bytes, not chars: every byte that can start a terminal mark (`.` `!` `?`, the lead bytes of `؟`
//! `…` `۔`) is checked in place, and words are only looked at around a full stop.

use crate::lexicon::{
    has_letter, is_arabic_letter, is_closing_abbreviation, is_continuation, is_digit, is_letter, is_opener,
    is_spelt_letter, is_title,
};
use crate::{Kind, Sentence};

/// What a run of terminal marks holds.
#[derive(Default)]
struct Run {
    /// Full stops in the run (`...` counts 3).
    dots: usize,
    /// A `!`, `?`, `؟` or `۔`: these end a sentence whatever precedes them.
    strong: bool,
    /// A `…` character.
    ellipsis: bool,
}

/// True for a byte that may end a terminal mark or be a quotation mark: `.` `!` `?` `"`, and the last bytes of `؟`
/// (D8 9F), `۔` (DB 94) and `…` (E2 80 A6). Every Arabic letter starts with D8 or D9, so keying on the last byte lets
/// the scan skip letters without decoding them.
fn is_mark_byte(b: u8) -> bool {
    MARK_BYTES.get(usize::from(b)).copied().unwrap_or(false)
}

/// [`is_mark_byte`] as a table: one load a byte in the hot loop instead of a chain of comparisons.
// Built at compile time: an index out of range would fail the build, it cannot panic at run time.
#[allow(clippy::indexing_slicing)]
static MARK_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b as u8, b'.' | b'!' | b'?' | b'"' | 0x9F | 0x94 | 0xA6);
        b += 1;
    }
    table
};

/// Width in bytes of the terminal mark starting at `i`, or 0 when there is none.
fn terminal_width(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i) {
        Some(b'.' | b'!' | b'?') => 1,
        // ؟ U+061F
        Some(0xD8) if bytes.get(i + 1) == Some(&0x9F) => 2,
        // ۔ U+06D4
        Some(0xDB) if bytes.get(i + 1) == Some(&0x94) => 2,
        // … U+2026
        Some(0xE2) if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA6) => 3,
        _ => 0,
    }
}

/// Width in bytes of the closing quote or bracket (or invisible mark) starting at `i`, or 0. The ASCII `"` closes only when a quotation
/// is open, which the caller tracks.
fn closer_width(bytes: &[u8], i: usize, quote_open: bool) -> usize {
    match bytes.get(i) {
        Some(b'"') if quote_open => 1,
        Some(b')' | b']') => 1,
        // » U+00BB
        Some(0xC2) if bytes.get(i + 1) == Some(&0xBB) => 2,
        // ” U+201D, ’ U+2019, › U+203A
        Some(0xE2) if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0x9D | 0x99)) => 3,
        Some(0xE2) if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xBA) => 3,
        // Invisible marks web text leaves after punctuation, kept with the sentence they follow: zero-width space,
        // joiners and direction marks U+200B..U+200F, the Arabic letter mark U+061C, a stray BOM U+FEFF.
        Some(0xE2) if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0x8B..=0x8F)) => 3,
        Some(0xD8) if bytes.get(i + 1) == Some(&0x9C) => 2,
        Some(0xEF) if bytes.get(i + 1) == Some(&0xBB) && bytes.get(i + 2) == Some(&0xBF) => 3,
        _ => 0,
    }
}

/// Collects the pieces of one paragraph, so that a piece with no letter (a stray mark, a lone number left after a
/// cut) joins its neighbour instead of standing as a sentence.
struct Pieces {
    /// Index in the output of the paragraph's first sentence.
    first: usize,
    /// A letterless piece seen before any sentence of the paragraph: it opens the next one.
    pending: Option<(usize, usize)>,
}

impl Pieces {
    fn push(&mut self, text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
        let Some(piece) = text.get(start..end) else {
            return;
        };
        let trimmed = piece.trim_start();
        let start = start + (piece.len() - trimmed.len());
        let trimmed = trimmed.trim_end();
        if trimmed.is_empty() {
            return;
        }
        let end = start + trimmed.len();
        if has_letter(trimmed) {
            let start = self.pending.take().map_or(start, |(s, _)| s);
            out.push(Sentence {
                start,
                end,
                kind: Kind::Body,
            });
        } else if out.len() > self.first {
            if let Some(last) = out.last_mut() {
                last.end = end;
            }
        } else {
            let opened = self.pending.map_or(start, |(s, _)| s);
            self.pending = Some((opened, end));
        }
    }

    fn finish(self, out: &mut Vec<Sentence>) {
        if let Some((start, end)) = self.pending {
            let has_sentence = out.len() > self.first;
            match out.last_mut() {
                Some(last) if has_sentence => last.end = end,
                _ => out.push(Sentence {
                    start,
                    end,
                    kind: Kind::Furniture,
                }),
            }
        }
    }
}

/// Splits the paragraph `text[start..end]` into body sentences appended to `out`. Line breaks inside the range
/// are soft (white space); the caller has already cut the text where line breaks are hard.
pub fn paragraph(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let bytes = text.as_bytes();
    let end = end.min(bytes.len());
    let mut pieces = Pieces {
        first: out.len(),
        pending: None,
    };
    let mut sentence_start = start;
    let mut quote_open = false;
    let mut i = start;
    while i < end {
        let Some(hit) = bytes
            .get(i..end)
            .and_then(|rest| rest.iter().position(|&b| is_mark_byte(b)))
        else {
            break;
        };
        let hit = i + hit;
        let mark = match bytes.get(hit) {
            Some(b'"') => {
                quote_open = !quote_open;
                i = hit + 1;
                continue;
            }
            Some(0x9F | 0x94) => hit.checked_sub(1),
            Some(0xA6) => hit.checked_sub(2),
            _ => Some(hit),
        };
        let Some(mark) = mark.filter(|&m| m >= i && terminal_width(bytes, m) > 0) else {
            i = hit + 1;
            continue;
        };
        let mut run = Run::default();
        let mut k = mark;
        loop {
            let w = terminal_width(bytes, k);
            if w > 0 && k + w <= end {
                match bytes.get(k) {
                    Some(b'.') => run.dots += 1,
                    Some(0xE2) => run.ellipsis = true,
                    _ => run.strong = true,
                }
                k += w;
            } else if run.dots > 0 && bytes.get(k) == Some(&b' ') && bytes.get(k + 1) == Some(&b'.') && k + 1 < end {
                // `.. .`: a spaced-out ellipsis is one mark.
                k += 1;
            } else {
                break;
            }
        }
        if k == mark {
            // A mark cut by the end of the range: nothing to judge.
            break;
        }
        loop {
            let w = closer_width(bytes, k, quote_open);
            if w == 0 || k + w > end {
                break;
            }
            if bytes.get(k) == Some(&b'"') {
                quote_open = false;
            }
            k += w;
        }
        if is_boundary(text, sentence_start, mark, k, end, &run) {
            pieces.push(text, sentence_start, k, out);
            sentence_start = k;
        }
        i = k;
    }
    pieces.push(text, sentence_start, end, out);
    pieces.finish(out);
}

/// Decides whether the run of marks `text[mark..after]` (closing quotes included) ends the sentence that began at
/// `sentence_start`.
fn is_boundary(text: &str, sentence_start: usize, mark: usize, after: usize, end: usize, run: &Run) -> bool {
    let Some(next) = text.get(after..end).and_then(|rest| rest.chars().next()) else {
        return true;
    };
    if matches!(next, ':' | '،' | ',' | '؛' | ';') {
        return false;
    }
    let spaced = next.is_whitespace();
    let token = token_before(text, sentence_start, mark);
    if !spaced && is_url_like(token) {
        return false;
    }
    if run.strong {
        // `Yahoo!` style names and URL queries glue Latin on both sides; a sentence end does not.
        return spaced || !(next.is_ascii_alphanumeric() && token.ends_with(|c: char| c.is_ascii_alphanumeric()));
    }
    if run.ellipsis || run.dots >= 2 {
        // An ellipsis inside a paragraph is a pause (Arabic writers use `..` and `...` as a comma); it ends a
        // sentence only at the end of a paragraph, or together with `؟` or `!`, handled above.
        return false;
    }
    let word = token.trim_start_matches(is_opener);
    // An opening bracket glued to the word before it (`الأمريكية(سي.`) starts the abbreviation.
    let word = word.rsplit(['(', '[', '«', '“']).next().unwrap_or(word);
    if !spaced {
        return glued_full_stop_ends(text, word, next, after, end);
    }
    if word.is_empty() {
        return true;
    }
    let word_start = mark - word.len();
    let sentence_first = sentence_start
        + (text
            .get(sentence_start..mark)
            .map_or(0, |s| s.len() - s.trim_start().len()));
    if word_start == sentence_first && word.chars().count() <= 3 && word.chars().all(is_digit) {
        // `1. ` opening a line is a list number.
        return false;
    }
    if is_title(word) {
        return false;
    }
    if is_spelt_letter(word) {
        // `سي. آي. إيه`: a spelt initial goes on when the next word is one too; the last one may close a sentence
        // (`سواقات يو اس بي. مما ادى`).
        return !is_spelt_letter(next_word(text, after, end));
    }
    if is_letter_chain(word) {
        // `د.`, `أ.د.`, `ز.`, `U.S.`: initials and titles, unless they follow a number, where they are a unit or an
        // era (`1770 م.`, `49 ق.م.`) that may close the sentence.
        if !follows_number(text, sentence_start, word_start) {
            return false;
        }
        return !is_continuation(next_word(text, after, end));
    }
    if is_number_with_era(word) || is_closing_abbreviation(word) {
        return !is_continuation(next_word(text, after, end));
    }
    true
}

/// A full stop with no space after it: a sentence end in web text (`الداخلية.وذكرت`) unless it sits inside a number,
/// a chain of initials, a Latin name or domain, or an Arabic domain (`العربية.نت`).
fn glued_full_stop_ends(text: &str, word: &str, next: char, after: usize, end: usize) -> bool {
    let prev = word.chars().next_back();
    if prev.is_some_and(is_digit) && is_digit(next) {
        return false;
    }
    let last_initial = word.rsplit('.').next().unwrap_or(word);
    if is_letter_chain(word) || (is_spelt_letter(last_initial) && is_spelt_letter(next_word(text, after, end))) {
        return false;
    }
    if is_arabic_letter(next) {
        return !matches!(next_word(text, after, end), "نت" | "كوم" | "أورغ" | "اورغ");
    }
    if is_opener(next) {
        return true;
    }
    if next.is_alphabetic() {
        return prev.is_some_and(is_arabic_letter);
    }
    false
}

/// The run of non-white-space text just before `mark`, not reaching before `floor`.
fn token_before(text: &str, floor: usize, mark: usize) -> &str {
    let bytes = text.as_bytes();
    let mut s = mark;
    while s > floor {
        match bytes.get(s - 1) {
            Some(b) if b.is_ascii_whitespace() => break,
            Some(_) => s -= 1,
            None => break,
        }
    }
    text.get(s..mark).unwrap_or("")
}

/// The word (letters only) that starts after the white space following `after`.
fn next_word(text: &str, after: usize, end: usize) -> &str {
    let Some(rest) = text.get(after..end) else {
        return "";
    };
    let rest = rest.trim_start();
    let len = rest.find(|c: char| !is_letter(c)).unwrap_or(rest.len());
    rest.get(..len).unwrap_or("")
}

/// True when the word before `word_start` (skipping white space) is a number.
fn follows_number(text: &str, floor: usize, word_start: usize) -> bool {
    let Some(before) = text.get(floor..word_start) else {
        return false;
    };
    let before = before.trim_end();
    let previous = before.rsplit(char::is_whitespace).next().unwrap_or("");
    previous.chars().next_back().is_some_and(is_digit)
}

/// `م`, `ق.م`, `هـ`, `ص.ب`, `U.S`: single letters (an optional tatweel after each) joined by full stops.
fn is_letter_chain(word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    word.split('.').all(|part| {
        let mut chars = part.chars();
        let letter = chars.next().is_some_and(is_letter);
        let rest = chars.as_str();
        letter && (rest.is_empty() || rest.chars().all(|c| c == 'ـ'))
    })
}

/// `1896م`, `1430هـ`: a year written together with its era letter.
fn is_number_with_era(word: &str) -> bool {
    let era = word.trim_start_matches(is_digit);
    era.len() < word.len() && matches!(era, "م" | "هـ" | "ه" | "ق.م")
}

/// True for a token that is part of a URL or an e-mail address.
fn is_url_like(token: &str) -> bool {
    token.contains("://") || token.contains('@') || token.starts_with("www") || token.contains(".com")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        paragraph(text, 0, text.len(), &mut out);
        out.iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn every_terminal_mark_ends_a_sentence() {
        assert_eq!(
            sentences("قال ذلك. ثم مضى! هل عاد؟ نعم"),
            ["قال ذلك.", "ثم مضى!", "هل عاد؟", "نعم"]
        );
        assert_eq!(sentences("هل هذا معقول؟! لا أظن."), ["هل هذا معقول؟!", "لا أظن."]);
        assert_eq!(sentences("انتهى الأمر… ثم"), ["انتهى الأمر… ثم"]);
        assert_eq!(sentences("جملة أولى۔ جملة ثانية"), ["جملة أولى۔", "جملة ثانية"]);
    }

    #[test]
    fn closing_quotes_and_brackets_stay_with_their_sentence() {
        assert_eq!(
            sentences("قال: “لن أشارك.” ثم غادر. وقال «انتهى!» وذهب (كما قيل.) أخيرا"),
            [
                "قال: “لن أشارك.”",
                "ثم غادر.",
                "وقال «انتهى!»",
                "وذهب (كما قيل.)",
                "أخيرا"
            ]
        );
        assert_eq!(
            sentences("قال \"نعم.\" ثم \"لا\". وبعد"),
            ["قال \"نعم.\"", "ثم \"لا\".", "وبعد"]
        );
    }

    #[test]
    fn comma_semicolon_and_colon_do_not_end_a_sentence() {
        assert_eq!(sentences("أولا، ثانيا؛ ثالثا: رابعا."), ["أولا، ثانيا؛ ثالثا: رابعا."]);
        assert_eq!(sentences("سأل \"لماذا؟\"، فأجاب."), ["سأل \"لماذا؟\"، فأجاب."]);
    }

    #[test]
    fn numbers_are_never_cut() {
        assert_eq!(
            sentences("بلغ النمو 3.5 بالمئة. وارتفع"),
            ["بلغ النمو 3.5 بالمئة.", "وارتفع"]
        );
        assert_eq!(
            sentences("بلغ ٣٫٥ و1ر4 مليون و2,000 دولار."),
            ["بلغ ٣٫٥ و1ر4 مليون و2,000 دولار."]
        );
        assert_eq!(sentences("بلغ عددهم 3461. واشار"), ["بلغ عددهم 3461.", "واشار"]);
    }

    #[test]
    fn abbreviations_and_initials_are_not_sentence_ends() {
        assert_eq!(
            sentences("قالت د. أميرة إن أ.د. محمد ز. أمين حضر."),
            ["قالت د. أميرة إن أ.د. محمد ز. أمين حضر."]
        );
        assert_eq!(
            sentences("اكتب إلى ص.ب. 1234 في ج.م.ع اليوم."),
            ["اكتب إلى ص.ب. 1234 في ج.م.ع اليوم."]
        );
        assert_eq!(
            sentences("التقى Dr. Smith في U.S. اليوم."),
            ["التقى Dr. Smith في U.S. اليوم."]
        );
        assert_eq!(
            sentences("إن وكالة المخابرات المركزية الأمريكية(سي. آي. إيه) شاركت. وقال"),
            ["إن وكالة المخابرات المركزية الأمريكية(سي. آي. إيه) شاركت.", "وقال"]
        );
        assert_eq!(sentences("سواقات يو اس بي. مما ادى"), ["سواقات يو اس بي.", "مما ادى"]);
        assert_eq!(sentences("الأمريكية(سي.آي.إيه) شاركت."), ["الأمريكية(سي.آي.إيه) شاركت."]);
        assert_eq!(
            sentences("ذكرت منذ عام 2000 ق.م. في الملحمة."),
            ["ذكرت منذ عام 2000 ق.م. في الملحمة."]
        );
    }

    #[test]
    fn an_era_or_unit_after_a_number_may_close_a_sentence() {
        assert_eq!(
            sentences("توفي عام 1827 م. وترك أعمالا"),
            ["توفي عام 1827 م.", "وترك أعمالا"]
        );
        assert_eq!(
            sentences("بدأت عام 1896م. وفي السبعينيات"),
            ["بدأت عام 1896م.", "وفي السبعينيات"]
        );
        assert_eq!(sentences("ولد سنة 1430هـ. في مكة"), ["ولد سنة 1430هـ. في مكة"]);
    }

    #[test]
    fn urls_and_email_addresses_are_not_cut() {
        assert_eq!(
            sentences("زوروا http://www.example.com/a.html أو اكتبوا إلى info@news.org اليوم. شكرا"),
            [
                "زوروا http://www.example.com/a.html أو اكتبوا إلى info@news.org اليوم.",
                "شكرا"
            ]
        );
        assert_eq!(
            sentences("وقالت العربية.نت إن الخبر صحيح."),
            ["وقالت العربية.نت إن الخبر صحيح."]
        );
    }

    #[test]
    fn a_mid_sentence_ellipsis_is_a_pause() {
        assert_eq!(
            sentences("إن ما تقوله... في الواقع لا يصدق."),
            ["إن ما تقوله... في الواقع لا يصدق."]
        );
        assert_eq!(sentences("ثمة قناعة.. بأن الإصلاح قادم"), ["ثمة قناعة.. بأن الإصلاح قادم"]);
        assert_eq!(sentences("وماذا بعد..؟ لا أحد يعرف"), ["وماذا بعد..؟", "لا أحد يعرف"]);
    }

    #[test]
    fn a_full_stop_with_no_space_still_ends_a_sentence() {
        assert_eq!(
            sentences("أعلنت الداخلية.وذكرت المصادر"),
            ["أعلنت الداخلية.", "وذكرت المصادر"]
        );
        assert_eq!(sentences("في عام 1914.كانت الحرب"), ["في عام 1914.", "كانت الحرب"]);
        assert_eq!(sentences("انتهى؟\"قال\" آخر"), ["انتهى؟", "\"قال\" آخر"]);
        assert_eq!(sentences("انتهى.\u{200f} وبدأ"), ["انتهى.\u{200f}", "وبدأ"]);
    }

    #[test]
    fn a_letterless_piece_joins_its_sentence() {
        assert_eq!(sentences("انتهى الاجتماع. .\u{200b}"), ["انتهى الاجتماع. .\u{200b}"]);
        assert_eq!(sentences("1. البند الأول."), ["1. البند الأول."]);
    }
}
