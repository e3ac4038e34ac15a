use crate::lexicon::{has_letter, is_button_word, is_closer, is_continuing_punctuation, is_list_item, is_terminal};
use crate::lexicon::{is_digit, is_invisible, is_letter, is_prose_opener, MAX_HEADING_WORDS};
use crate::scan;
use crate::{Kind, Sentence};

/// How a document uses single line breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One paragraph (or heading) a line: every line break ends a unit. ANT stories and most feeds.
    LinePerParagraph,
    /// Prose hard-wrapped at a fixed width: a line break inside prose is a soft wrap, read as a space.
    HardWrapped {
        /// The wrap width in characters (the 90th percentile of the lengths of lines that run on into another line).
        width: usize,
    },
    /// Only one or two lines run on into another line: too few to judge. A line break ends a unit unless the line
    /// is prose cut off mid-sentence: it has no terminal punctuation at its end, but holds a sentence end or more
    /// words than a heading, and the next line is prose too (`قال الوزير إن الاجتماع ناجح. وأضاف أنه سيعود⏎غدا إلى
    /// بلاده.`).
    Undecided,
}

/// Fewest lines running on into another line before a document can be judged hard-wrapped.
const WRAP_MIN_LINES: usize = 3;
/// Narrowest wrap, in characters: shorter lines are headings or list items, not a wrap.
const WRAP_MIN_WIDTH: usize = 40;
/// Widest wrap, in characters, that is still a fixed-width wrap; wider lines are paragraphs.
const WRAP_MAX_WIDTH: usize = 160;
/// Share (percent) of running-on lines that must be full and end with no terminal punctuation: a wrap falls
/// anywhere, a paragraph ends on a full stop.
const WRAP_MIN_UNPUNCTUATED_PERCENT: usize = 40;
/// Share (percent) of running-on lines that must be full (at least [`FULL_LINE_PERCENT`] of the width).
const WRAP_MIN_FULL_PERCENT: usize = 60;
/// A wrapped line is full when it reaches this share (percent) of the width: word wrap leaves at most one word's
/// room. A shorter line ends its unit: a heading, a dateline, the last line of a paragraph.
const FULL_LINE_PERCENT: usize = 60;

/// A line of the document: the byte range of its text without the surrounding white space, and its length in
/// characters (not bytes: a wrap counts characters, and an Arabic letter takes two bytes where a Latin one takes one).
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    chars: usize,
}

impl Line {
    fn is_blank(self) -> bool {
        self.start == self.end
    }

    fn len(self) -> usize {
        self.chars
    }
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut offset = 0;
    // `text.split('\n')`, the line ends found with SIMD (core's search goes a word at a time).
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    for line_end in ends {
        let raw = text.get(offset..line_end).unwrap_or("");
        let head = raw.trim_start();
        let start = offset + (raw.len() - head.len());
        let content = head.trim_end();
        let end = start + content.len();
        // A line of over 4 bytes a character of the widest wrap is wider than any wrap: no need to count.
        let chars = if content.len() > 4 * WRAP_MAX_WIDTH {
            content.len()
        } else {
            content.chars().count()
        };
        out.push(Line { start, end, chars });
        offset += raw.len() + 1;
    }
    out
}

fn line_text(text: &str, line: Line) -> &str {
    text.get(line.start..line.end).unwrap_or("")
}

/// True when `text`, its closing quotes and brackets set aside, ends with terminal punctuation.
fn ends_with_terminal(text: &str) -> bool {
    text.trim_end_matches(|c: char| is_closer(c) || c == '"' || c.is_whitespace() || is_invisible(c))
        .ends_with(is_terminal)
}

/// Judges how `text` uses single line breaks.
///
/// A document is hard-wrapped when at least three lines run on into the next one, most of them are about as long
/// as the longest (the wrap width: the 90th percentile of their lengths, 40 to 160 characters), and many of these full
/// lines end with no terminal punctuation (a wrap falls mid-sentence; a paragraph ends on a full stop).
///
/// ```
/// use khulasa_split::{layout, Layout};
/// let feed = "قال الوزير إن الاجتماع ناجح.\nوأضاف أنه سيعود غدا.\nوختم بالشكر.\nثم غادر.";
/// assert_eq!(layout(feed), Layout::LinePerParagraph);
/// let line = "كلمات عربية تملأ السطر حتى آخره ثم تنتقل إلى السطر";
/// let wrapped = [line; 5].join("\n");
/// assert!(matches!(layout(&wrapped), Layout::HardWrapped { .. }));
/// ```
pub fn layout(text: &str) -> Layout {
    layout_of(text, &lines(text))
}

fn layout_of(text: &str, lines: &[Line]) -> Layout {
    // (length, ends with terminal punctuation) of every line that runs on into the next one.
    let mut running_on = Vec::new();
    for pair in lines.windows(2) {
        if let [line, next] = *pair {
            if !line.is_blank() && !next.is_blank() {
                running_on.push((line.len(), ends_with_terminal(line_text(text, line))));
            }
        }
    }
    let n = running_on.len();
    if n == 0 {
        return Layout::LinePerParagraph;
    }
    if n < WRAP_MIN_LINES {
        return Layout::Undecided;
    }
    let mut lengths: Vec<usize> = running_on.iter().map(|&(len, _)| len).collect();
    lengths.sort_unstable();
    let width = lengths.get((n - 1) * 9 / 10).copied().unwrap_or(0);
    if !(WRAP_MIN_WIDTH..=WRAP_MAX_WIDTH).contains(&width) {
        return Layout::LinePerParagraph;
    }
    let is_full = |len: usize| len * 100 >= width * FULL_LINE_PERCENT;
    let full = running_on.iter().filter(|&&(len, _)| is_full(len)).count();
    // A wrap falls anywhere in a sentence, so a wrapped line is full and unpunctuated; a short unpunctuated line
    // is a heading and says nothing about wrapping.
    let wrapped = running_on.iter().filter(|&&(len, stop)| !stop && is_full(len)).count();
    if full * 100 < WRAP_MIN_FULL_PERCENT * n || wrapped * 100 < WRAP_MIN_UNPUNCTUATED_PERCENT * n {
        return Layout::LinePerParagraph;
    }
    Layout::HardWrapped { width }
}

/// Splits `text`, the repaired text of one document, into units in document order.
///
/// ```
/// use khulasa_split::{split, Kind};
/// let text = "عنوان الخبر\n\n0\n\nقال الوزير إن الاجتماع ناجح. وأضاف أنه سيعود!";
/// let s = split(text);
/// let kinds: Vec<Kind> = s.iter().map(|s| s.kind).collect();
/// assert_eq!(kinds, [Kind::Headline, Kind::Furniture, Kind::Body, Kind::Body]);
/// assert_eq!(&text[s[3].start..s[3].end], "وأضاف أنه سيعود!");
/// ```
pub fn split(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    split_into(text, &mut out);
    out
}

/// Like [`split`], into a vector the caller reuses (it is cleared first).
///
/// ```
/// let mut units = Vec::new();
/// khulasa_split::split_into("جملة أولى. جملة ثانية.", &mut units);
/// assert_eq!(units.len(), 2);
/// khulasa_split::split_into("جملة واحدة.", &mut units);
/// assert_eq!(units.len(), 1);
/// ```
pub fn split_into(text: &str, out: &mut Vec<Sentence>) {
    out.clear();
    let lines = lines(text);
    let layout = layout_of(text, &lines);
    let mut seen_text = false;
    let mut i = 0;
    while let Some(&line) = lines.get(i) {
        i += 1;
        if line.is_blank() {
            continue;
        }
        let mut end = line.end;
        let mut current = line;
        while let Some(&next) = lines.get(i) {
            let soft = match layout {
                Layout::HardWrapped { width } => is_soft_break(text, current, next, width),
                Layout::Undecided => is_cut_off_prose(text, current, next),
                Layout::LinePerParagraph => false,
            };
            if !soft && !opens_with_dateline(text, current, next) {
                break;
            }
            end = next.end;
            current = next;
            i += 1;
        }
        block(text, line.start, end, &mut seen_text, out);
    }
}

/// In a hard-wrapped document, a line break is soft when the line is full and the next line is prose going on:
/// not blank, not a list item, and not a short line standing alone after a finished sentence (a sub-heading).
fn is_soft_break(text: &str, line: Line, next: Line, width: usize) -> bool {
    let is_full = |line: Line| line.len() * 100 >= width * FULL_LINE_PERCENT;
    if next.is_blank() || !is_full(line) || is_list_item(line_text(text, next)) {
        return false;
    }
    is_full(next) || !ends_with_terminal(line_text(text, line))
}

/// With too few lines to judge the layout, a line break is soft after prose cut off mid-sentence: a line with no
/// terminal punctuation (nor a colon) at its end that holds a sentence end or is longer than a heading, followed by
/// a line of prose (not blank, not a list item, not a heading: it ends a sentence or is longer than a heading).
fn is_cut_off_prose(text: &str, line: Line, next: Line) -> bool {
    let content = line_text(text, line);
    let next_content = line_text(text, next);
    if next.is_blank() || ends_with_terminal(content) || content.ends_with(':') || is_list_item(next_content) {
        return false;
    }
    let longer_than_heading = |s: &str| s.split_whitespace().nth(MAX_HEADING_WORDS).is_some();
    let prose_next = ends_with_terminal(next_content) || longer_than_heading(next_content);
    prose_next && (content.contains(is_terminal) || longer_than_heading(content))
}

/// Most words of a dateline standing alone on its line (`القاهرة - رويترز:`, `دمشق (وكالات الانباء) -`).
const MAX_DATELINE_WORDS: usize = 6;

/// A dateline alone on its line stays attached to the sentence it opens, on the next line: a short line with no
/// terminal punctuation, followed by prose (not a list item, not an empty line), that ends in a dash
/// (`دمشق (وكالات الانباء) -`) or in a colon after a place and an agency (`القاهرة - رويترز:`, `لندن (رويترز):`).
/// A colon alone (`وكتبت:`, `فهي:`) introduces a quotation or a list, which stands on its own.
fn opens_with_dateline(text: &str, line: Line, next: Line) -> bool {
    let content = line_text(text, line);
    let dash = content.ends_with(['-', '–', '—']);
    let agency_colon = content.ends_with(':') && content.contains(['-', '–', '—', '(']);
    if next.is_blank() || !(dash || agency_colon) || content.contains(is_terminal) {
        return false;
    }
    let next_content = line_text(text, next);
    content.split_whitespace().nth(MAX_DATELINE_WORDS).is_none()
        && has_letter(content)
        && has_letter(next_content)
        && !is_list_item(next_content)
}

/// Emits the units of one paragraph `text[start..end]` (a line, or wrapped lines joined).
fn block(text: &str, start: usize, end: usize, seen_text: &mut bool, out: &mut Vec<Sentence>) {
    let content = text.get(start..end).unwrap_or("");
    if !has_letter(content) || is_button_line(content) {
        out.push(Sentence {
            start,
            end,
            kind: Kind::Furniture,
        });
        return;
    }
    let first = out.len();
    scan::paragraph(text, start, end, out);
    if out.len() == first + 1 && is_heading(content) {
        if let Some(unit) = out.get_mut(first) {
            unit.kind = if *seen_text { Kind::Subheadline } else { Kind::Headline };
        }
    }
    *seen_text = true;
}

/// A heading is one short unit that does not end like a sentence (terminal punctuation) nor like a line that goes
/// on (`:`, `،`, a dash), and is not a list item. Closing quotes do not count as punctuation: `ضد “داعش”`.
fn is_heading(content: &str) -> bool {
    let core = content.trim_end_matches(|c: char| is_closer(c) || c == '"' || c.is_whitespace() || is_invisible(c));
    let Some(last) = core.chars().next_back() else {
        return false;
    };
    if is_terminal(last) || is_continuing_punctuation(last) || is_list_item(content) {
        return false;
    }
    if content.split_whitespace().next().is_some_and(is_prose_opener) {
        return false;
    }
    content.split_whitespace().nth(MAX_HEADING_WORDS).is_none()
}

/// A short line made only of share-button labels and numbers (`شارك`, `Facebook 12`, `طباعة`).
fn is_button_line(content: &str) -> bool {
    if content.len() > 120 {
        return false;
    }
    let mut words = 0;
    for word in content.split_whitespace() {
        let word = word.trim_matches(|c: char| !is_letter(c) && !is_digit(c) && c != '+');
        if word.is_empty() || word.chars().all(is_digit) {
            continue;
        }
        if !is_button_word(word) {
            return false;
        }
        words += 1;
    }
    words > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(text: &str) -> Vec<(Kind, &str)> {
        split(text).iter().map(|s| (s.kind, &text[s.start..s.end])).collect()
    }

    #[test]
    fn lone_numbers_and_buttons_are_furniture() {
        let text = "عنوان\n\n0\n360\n\nشارك طباعة\n\nFacebook Twitter 12\n\nنص الخبر.";
        let kinds: Vec<Kind> = units(text).iter().map(|u| u.0).collect();
        use Kind::*;
        assert_eq!(kinds, [Headline, Furniture, Furniture, Furniture, Furniture, Body]);
    }

    #[test]
    fn headings_are_short_unpunctuated_lines_and_only_the_first_is_the_headline() {
        let text = "عنوان الخبر\nقال الوزير كلاما.\nعنوان فرعي ضد “داعش”\nومضى الخبر.";
        use Kind::*;
        assert_eq!(
            units(text),
            [
                (Headline, "عنوان الخبر"),
                (Body, "قال الوزير كلاما."),
                (Subheadline, "عنوان فرعي ضد “داعش”"),
                (Body, "ومضى الخبر."),
            ]
        );
    }

    #[test]
    fn lines_ending_in_a_colon_or_a_list_marker_are_body() {
        let text = "قال الوزير.\nوأضاف ما يلي:\n- البند الأول\n- البند الثاني";
        assert!(units(text).iter().skip(1).all(|u| u.0 == Kind::Body));
    }

    #[test]
    fn a_dateline_alone_on_its_line_opens_the_next_sentence() {
        let text = "القاهرة - رويترز:\nقال مسؤول إن الاجتماع انتهى. وأضاف أنه نجح.\nدمشق (وكالات الانباء) -\nأعلن الجيش.";
        let got: Vec<String> = units(text).iter().map(|u| u.1.replace('\n', " ")).collect();
        assert_eq!(
            got,
            [
                "القاهرة - رويترز: قال مسؤول إن الاجتماع انتهى.",
                "وأضاف أنه نجح.",
                "دمشق (وكالات الانباء) - أعلن الجيش.",
            ]
        );
        let inline = "دمشق (وكالات الانباء) - أعلن الجيش سيطرته على البلدة. وقال مصدر إن القتال توقف.";
        assert_eq!(
            units(inline)[0].1,
            "دمشق (وكالات الانباء) - أعلن الجيش سيطرته على البلدة."
        );
    }

    #[test]
    fn with_few_lines_a_line_cut_off_mid_sentence_runs_on() {
        let text = "قال الوزير إن الاجتماع ناجح. وأضاف أنه سيعود\nغدا إلى بلاده.";
        assert_eq!(layout(text), Layout::Undecided);
        assert_eq!(units(text)[1], (Kind::Body, "وأضاف أنه سيعود\nغدا إلى بلاده."));
        let heading = "عنوان الخبر\nقال الوزير إن الاجتماع ناجح.";
        assert_eq!(
            units(heading),
            [
                (Kind::Headline, "عنوان الخبر"),
                (Kind::Body, "قال الوزير إن الاجتماع ناجح.")
            ]
        );
        let before_heading = "قال الوزير إن الاجتماع ناجح. وأضاف أنه سيعود غدا\nعنوان فرعي\nقال.";
        assert_eq!(units(before_heading)[2], (Kind::Subheadline, "عنوان فرعي"));
    }

    #[test]
    fn a_long_unpunctuated_line_is_body() {
        let line = ["كلمة"; 25].join(" ");
        assert_eq!(units(&line), [(Kind::Body, line.as_str())]);
    }

    #[test]
    fn an_empty_line_ends_a_paragraph_even_without_punctuation() {
        let text = "جملة بلا نقطة في آخرها وهي طويلة بما يكفي لتكون جزءا من فقرة نثرية عادية في الخبر\n\nثم فقرة.";
        assert_eq!(units(text).len(), 2);
    }
}
