//! Sentences inside one paragraph: where terminal punctuation ends a sentence and where it does not.
//!
//! The scan walks bytes, not chars: every byte that can start a terminal mark (`.` `!` `?`, the lead bytes of `؟`
//! `…` `۔`) is checked in place, and words are only looked at around a full stop. Quotations and brackets are paired
//! beforehand ([`Quotes`]), in one more pass over the bytes.

use crate::lexicon::{
    continues_quotation, has_letter, is_arabic_letter, is_closing_abbreviation, is_continuation,
    is_corporate_abbreviation, is_digit, is_letter, is_opener, is_prose_opener, is_spelt_letter,
    is_spelt_letter_with_clitic, is_title,
};
use crate::quotes::Quotes;
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
    /// The marks are followed by a closing quotation mark: they end a quotation.
    quoted: bool,
}

/// True for a byte that may end a terminal mark: `.` `!` `?`, and the last bytes of `؟` (D8 9F), `۔` (DB 94) and `…`
/// (E2 80 A6). Every Arabic letter starts with D8 or D9, so keying on the last byte lets the scan skip letters without
/// decoding them.
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
        table[b] = matches!(b as u8, b'.' | b'!' | b'?' | 0x9F | 0x94 | 0xA6);
        b += 1;
    }
    table
};

/// Offset in `bytes` of the first byte for which [`is_mark_byte`] holds. Eight bytes are looked up at a time and
/// their answers joined before a single branch: a loop with a branch a byte ran at half speed or full speed depending
/// on where the compiler happened to place it.
fn find_mark_byte(bytes: &[u8]) -> Option<usize> {
    let mut skipped = 0;
    for block in bytes.chunks_exact(8) {
        if block.iter().fold(false, |any, &b| any | is_mark_byte(b)) {
            break;
        }
        skipped += 8;
    }
    let rest = bytes.get(skipped..)?;
    rest.iter().position(|&b| is_mark_byte(b)).map(|at| skipped + at)
}

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

/// Width in bytes of the closing quote or bracket (or invisible mark) starting at `i`, or 0, and whether it is a
/// quotation mark. A double quote or an ornate bracket closes unless [`Quotes`] found that it opens a pair.
fn closer_width(bytes: &[u8], i: usize, quotes: &mut Quotes) -> (usize, bool) {
    let quote = match bytes.get(i) {
        Some(b'"') => 1,
        // “ ” „ ‟ U+201C..U+201F
        Some(0xE2) if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0x9C..=0x9F)) => 3,
        // ﴾ ﴿ U+FD3E, U+FD3F
        Some(0xEF) if bytes.get(i + 1) == Some(&0xB4) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)) => 3,
        // » U+00BB
        Some(0xC2) if bytes.get(i + 1) == Some(&0xBB) => 2,
        _ => 0,
    };
    if quote > 0 {
        return if quotes.opens_at(i) { (0, false) } else { (quote, true) };
    }
    let width = match bytes.get(i) {
        Some(b')' | b']') => 1,
        // ’ U+2019, › U+203A
        Some(0xE2) if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0x99 | 0xBA)) => 3,
        // Invisible marks web text leaves after punctuation, kept with the sentence they follow: zero-width space,
        // joiners and direction marks U+200B..U+200F, the Arabic letter mark U+061C, a stray BOM U+FEFF.
        Some(0xE2) if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0x8B..=0x8F)) => 3,
        Some(0xD8) if bytes.get(i + 1) == Some(&0x9C) => 2,
        Some(0xEF) if bytes.get(i + 1) == Some(&0xBB) && bytes.get(i + 2) == Some(&0xBF) => 3,
        _ => 0,
    };
    (width, false)
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
    let mut quotes = Quotes::new(text, start, end);
    let mut i = start;
    while i < end {
        let Some(hit) = bytes.get(i..end).and_then(find_mark_byte) else {
            break;
        };
        let hit = i + hit;
        let mark = match bytes.get(hit) {
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
            let (w, quote) = closer_width(bytes, k, &mut quotes);
            if w == 0 || k + w > end {
                break;
            }
            run.quoted |= quote;
            k += w;
        }
        i = k;
        if quotes.encloses(mark, k) {
            // Inside a quotation or a bracket that closes later in the paragraph: the sentence goes on.
            continue;
        }
        if let Some(item) = list_item_start(text, sentence_start, mark, k, end, &run) {
            pieces.push(text, sentence_start, item, out);
            sentence_start = item;
        } else if is_boundary(text, sentence_start, mark, k, end, &run) {
            pieces.push(text, sentence_start, k, out);
            sentence_start = k;
        }
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
    if run.quoted && continues_quotation(next_word(text, after, end), run.strong) {
        // `"هل ستنسحبون؟" فأجاب`, `"...انتهى." مضيفا`: the words after the quotation say who spoke it.
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
    if is_corporate_abbreviation(word) {
        // `شركة Apple Inc. الأمريكية`: a company's name goes on inside its sentence, which ends before a word that
        // opens a new one.
        let next = next_word(text, after, end);
        return next.is_empty() || next.starts_with(['و', 'ف']) || is_prose_opener(next);
    }
    true
}

/// Where a list item opens, when the full stop at `mark` follows its number: `1.` after a colon (`اتفق الطرفان على ما
/// يلي: 1. تجميد الأصول.`), or the number after the one that opens the sentence (`1. الروبية: خسرت 11.8 بالمئة 2.
/// الليرة`). The sentence before ends at the number, which opens the next one. Returns the number's byte offset.
fn list_item_start(
    text: &str,
    sentence_start: usize,
    mark: usize,
    after: usize,
    end: usize,
    run: &Run,
) -> Option<usize> {
    if run.dots != 1 || run.strong || run.ellipsis || run.quoted || after != mark + 1 {
        return None;
    }
    let number = token_before(text, sentence_start, mark);
    let n = list_number(number)?;
    if !text.get(after..end)?.starts_with(char::is_whitespace) || next_word(text, after, end).is_empty() {
        return None;
    }
    let item = mark - number.len();
    let before = text.get(sentence_start..item)?;
    if !before.ends_with(char::is_whitespace) {
        return None;
    }
    let before = before.trim();
    let opens_list = n == 1 && before.ends_with(':');
    let next_item = n > 1
        && before
            .split_once('.')
            .filter(|(_, rest)| rest.starts_with(char::is_whitespace))
            .and_then(|(first, _)| list_number(first))
            .is_some_and(|previous| previous + 1 == n);
    (opens_list || next_item).then_some(item)
}

/// The value of a list number: one or two digits, ASCII or Arabic-Indic.
fn list_number(token: &str) -> Option<u32> {
    let mut value = 0;
    let mut digits = 0;
    for c in token.chars() {
        let digit = match c {
            '0'..='9' => u32::from(c) - u32::from('0'),
            '\u{0660}'..='\u{0669}' => u32::from(c) - 0x0660,
            '\u{06F0}'..='\u{06F9}' => u32::from(c) - 0x06F0,
            _ => return None,
        };
        digits += 1;
        if digits > 2 {
            return None;
        }
        value = value * 10 + digit;
    }
    (digits > 0).then_some(value)
}

/// A full stop with no space after it: a sentence end in web text (`الداخلية.وذكرت`) unless it sits inside a number,
/// a chain of initials, a Latin name or domain, or an Arabic domain (`العربية.نت`).
fn glued_full_stop_ends(text: &str, word: &str, next: char, after: usize, end: usize) -> bool {
    let prev = word.chars().next_back();
    if prev.is_some_and(is_digit) && is_digit(next) {
        return false;
    }
    let last_initial = word.rsplit('.').next().unwrap_or(word);
    // The first initial may carry a clitic (`السي.آي.إيه`, `الإف.بي.آي`, `وبي.إم.دبليو`).
    let spelt = is_spelt_letter(last_initial) || (last_initial == word && is_spelt_letter_with_clitic(word));
    if is_letter_chain(word) || (spelt && is_spelt_letter(next_word(text, after, end))) {
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

    #[test]
    fn a_quotation_that_closes_later_holds_its_sentences_together() {
        let units = ["قال الوزير: \"لن نتراجع. هذا موقفنا. كفى\".", "ثم غادر."];
        assert_eq!(sentences(&units.join(" ")), units);
        for (open, close) in [('“', '”'), ('«', '»'), ('“', '"'), ('”', '”')] {
            let quoted = format!("قال الوزير: {open}لن نتراجع. هذا موقفنا؟ كفى!{close} ثم غادر.");
            let want = format!("قال الوزير: {open}لن نتراجع. هذا موقفنا؟ كفى!{close}");
            assert_eq!(sentences(&quoted), [want.as_str(), "ثم غادر."]);
        }
        // A name quoted inside the quotation, and a colon glued to its opening mark.
        assert_eq!(
            sentences("قالت إن \"الوزارة تكافح \"بي آوت كيو\" غير القانوني. وتعزز جهودها\". ثم غادر."),
            [
                "قالت إن \"الوزارة تكافح \"بي آوت كيو\" غير القانوني. وتعزز جهودها\".",
                "ثم غادر."
            ]
        );
        assert_eq!(
            sentences("وقال:\" نحن هنا. ولن نغادر\". ثم غادر."),
            ["وقال:\" نحن هنا. ولن نغادر\".", "ثم غادر."]
        );
        assert_eq!(
            sentences("سأل: \"هل ستنسحبون؟ ومتى؟\" ثم صمت. وعاد"),
            ["سأل: \"هل ستنسحبون؟ ومتى؟\"", "ثم صمت.", "وعاد"]
        );
    }

    #[test]
    fn a_stop_inside_brackets_that_close_later_is_no_sentence_end() {
        assert_eq!(
            sentences("(وهو ما نفته الوزارة. وقالت إنه غير صحيح) ثم مضى. وعاد"),
            ["(وهو ما نفته الوزارة. وقالت إنه غير صحيح) ثم مضى.", "وعاد"]
        );
        assert_eq!(
            sentences("قال [أي الوزير؟ نعم] إنه باق. وعاد"),
            ["قال [أي الوزير؟ نعم] إنه باق.", "وعاد"]
        );
        // Either ornate bracket may come first.
        let verse = "﴿إنا أنزلناه في ليلة القدر. وما أدراك ما ليلة القدر﴾";
        assert_eq!(sentences(verse), [verse]);
        let reversed = verse.replace('﴿', "\u{0}").replace('﴾', "﴿").replace('\u{0}', "﴾");
        assert_eq!(sentences(&reversed), [reversed.as_str()]);
    }

    #[test]
    fn a_quotation_left_open_does_not_hold_the_paragraph_together() {
        assert_eq!(
            sentences("قال \"لن نتراجع. هذا موقفنا. ثم غادر."),
            ["قال \"لن نتراجع.", "هذا موقفنا.", "ثم غادر."]
        );
        // Three quotation marks: the first is left open, the other two pair.
        assert_eq!(
            sentences("قال \"لن نتراجع. ثم قال إن \"الأمر\" انتهى. وغادر"),
            ["قال \"لن نتراجع.", "ثم قال إن \"الأمر\" انتهى.", "وغادر"]
        );
        // A quotation closed here and opened in an earlier paragraph.
        assert_eq!(
            sentences("انتهى الأمر. كفى\". ثم غادر. وقال \"لا\" أبدا."),
            ["انتهى الأمر.", "كفى\".", "ثم غادر.", "وقال \"لا\" أبدا."]
        );
        assert_eq!(sentences("انتهى الأمر.\" ثم غادر."), ["انتهى الأمر.\"", "ثم غادر."]);
    }

    #[test]
    fn a_quotation_longer_than_the_cap_is_cut_as_usual() {
        let long = format!(
            "قال \"{}\" ثم غادر.",
            "جملة طويلة. ".repeat(crate::quotes::MAX_QUOTE_BYTES / 20)
        );
        assert_eq!(sentences(&long).len(), crate::quotes::MAX_QUOTE_BYTES / 20 + 1);
    }

    #[test]
    fn a_paragraph_full_of_quotation_marks_splits_as_they_pair() {
        let pairs = "قال \"نعم. لا\" ".repeat(20_000);
        assert_eq!(sentences(&pairs).len(), 1);
        let open = "قال \"نعم. ".repeat(20_000);
        assert_eq!(sentences(&open).len(), 20_000);
    }

    #[test]
    fn words_that_take_up_a_quotation_keep_it_in_their_sentence() {
        assert_eq!(
            sentences("\"هل ستنسحبون؟\" فأجاب الوزير بالنفي."),
            ["\"هل ستنسحبون؟\" فأجاب الوزير بالنفي."]
        );
        assert_eq!(
            sentences("قال: \"لن نتراجع.\" مضيفاً أن القرار نهائي."),
            ["قال: \"لن نتراجع.\" مضيفاً أن القرار نهائي."]
        );
        assert_eq!(
            sentences("سأل: \"من أنت؟\" ليجيبه الرجل بهدوء."),
            ["سأل: \"من أنت؟\" ليجيبه الرجل بهدوء."]
        );
        // A bare verb, or one joined to `و`, opens a sentence of its own.
        assert_eq!(
            sentences("\"هل ستنسحبون؟\" وأضاف الوزير أنه لن يرد."),
            ["\"هل ستنسحبون؟\"", "وأضاف الوزير أنه لن يرد."]
        );
        assert_eq!(
            sentences("قال: \"لن نتراجع.\" قال الوزير ذلك أمس."),
            ["قال: \"لن نتراجع.\"", "قال الوزير ذلك أمس."]
        );
    }

    #[test]
    fn latin_company_suffixes_go_on_inside_their_sentence() {
        assert_eq!(
            sentences("أعلنت شركة Apple Inc. عن هاتف جديد."),
            ["أعلنت شركة Apple Inc. عن هاتف جديد."]
        );
        assert_eq!(
            sentences("أعلنت شركة Apple Inc. الأمريكية و United Co. Rusal عن شراكة."),
            ["أعلنت شركة Apple Inc. الأمريكية و United Co. Rusal عن شراكة."]
        );
        assert_eq!(
            sentences("باعت أسهمها لشركة Apple Inc. وقال المتحدث"),
            ["باعت أسهمها لشركة Apple Inc.", "وقال المتحدث"]
        );
        assert_eq!(
            sentences("التقى Mr. Smith و Mrs. Jones."),
            ["التقى Mr. Smith و Mrs. Jones."]
        );
    }

    #[test]
    fn dotted_acronyms_spelt_with_hamza_are_not_cut() {
        assert_eq!(
            sentences("قالت قناة \"أر.تي.إل\" الألمانية إن الوضع هادئ."),
            ["قالت قناة \"أر.تي.إل\" الألمانية إن الوضع هادئ."]
        );
        assert_eq!(
            sentences("بقذيفة \"أر.بي.جي\" أصابت المبنى."),
            ["بقذيفة \"أر.بي.جي\" أصابت المبنى."]
        );
        assert_eq!(sentences("إن شركة آيه.تي.آر باعت."), ["إن شركة آيه.تي.آر باعت."]);
        // The first initial may carry a clitic.
        assert_eq!(
            sentences("قال مدير السي.آي.إيه إن الإف.بي.آي ودايملر وبي.إم.دبليو هنا."),
            ["قال مدير السي.آي.إيه إن الإف.بي.آي ودايملر وبي.إم.دبليو هنا."]
        );
    }

    #[test]
    fn a_list_number_opens_its_item() {
        assert_eq!(
            sentences("اتفق الطرفان على ما يلي: 1. تجميد الأصول. 2. وقف التمويل."),
            ["اتفق الطرفان على ما يلي:", "1. تجميد الأصول.", "2. وقف التمويل."]
        );
        assert_eq!(
            sentences("وقع الطرفان الاتفاق. 1. تجميد الأصول. 2. وقف التمويل."),
            ["وقع الطرفان الاتفاق.", "1. تجميد الأصول.", "2. وقف التمويل."]
        );
        assert_eq!(
            sentences("وكانت على النحو التالي: ١. الروبية: خسرت 11.8 بالمئة ٢. الليرة: خسرت 40 بالمئة"),
            [
                "وكانت على النحو التالي:",
                "١. الروبية: خسرت 11.8 بالمئة",
                "٢. الليرة: خسرت 40 بالمئة"
            ]
        );
        assert_eq!(
            sentences("على ما يلي: 1. تجميد الأصول، 2. وقف التمويل."),
            ["على ما يلي:", "1. تجميد الأصول،", "2. وقف التمويل."]
        );
        // A number ending a sentence is no list.
        assert_eq!(
            sentences("حل في المركز 2. وقال المدرب"),
            ["حل في المركز 2.", "وقال المدرب"]
        );
        assert_eq!(sentences("بلغ 1.5 مليون ثم 2. وقال"), ["بلغ 1.5 مليون ثم 2.", "وقال"]);
    }
}
