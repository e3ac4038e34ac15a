//! Quotations and brackets of one paragraph, paired in one pass before the paragraph is cut, so that a full stop
//! or a question mark inside a quotation that closes later in the paragraph is not read as a sentence end.

use crate::lexicon::{is_closer, is_continuing_punctuation, is_terminal};

/// Longest quotation or bracket, in bytes from its opening mark to its closing one, that holds its sentences
/// together. A longer span is left to the usual rules, for two reasons. A unit goes to translation as one line, and
/// 2,000 bytes (about 1,000 Arabic letters, some 180 words) is about as much as a translation model reads at once (a
/// few hundred subword tokens). And the longer a span, the likelier its two ends are marks that do not belong
/// together (a quotation left open, another opened later). Of the 9,953 quotations and brackets in the ANT stories
/// that hold a sentence end, all but four fit (49 are longer than 1,000 bytes), and two of those four pair marks that
/// do not belong together.
pub const MAX_QUOTE_BYTES: usize = 2_000;

/// The kinds of marks that pair with each other. All double quotes (`"` `“` `”` `„` `‟`) are one kind: web text
/// mixes them (`“سماع دوي انفجارات"`, `”البلوز"`), and in right-to-left text `“` and `”` are often swapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pair {
    Quote,
    Paren,
    Square,
    Guillemet,
    Ornate,
}

impl Pair {
    fn index(self) -> usize {
        match self {
            Pair::Quote => 0,
            Pair::Paren => 1,
            Pair::Square => 2,
            Pair::Guillemet => 3,
            Pair::Ornate => 4,
        }
    }
}

/// What a mark does.
#[derive(Debug, Clone, Copy)]
enum Role {
    Open(Pair),
    Close(Pair),
    /// A double quote, whose direction is read from the text around it.
    Quote,
    /// An ornate bracket `﴿` `﴾`: Quranic text puts either one first, depending on the source, so the first of two
    /// opens and the second closes.
    Ornate,
}

/// The mark of a pair starting at byte `i`, and its width in bytes.
fn mark_at(bytes: &[u8], i: usize) -> Option<(Role, usize)> {
    let at = |k: usize| bytes.get(i + k).copied();
    match at(0)? {
        b'"' => Some((Role::Quote, 1)),
        b'(' => Some((Role::Open(Pair::Paren), 1)),
        b')' => Some((Role::Close(Pair::Paren), 1)),
        b'[' => Some((Role::Open(Pair::Square), 1)),
        b']' => Some((Role::Close(Pair::Square), 1)),
        // « U+00AB, » U+00BB
        0xC2 => match at(1)? {
            0xAB => Some((Role::Open(Pair::Guillemet), 2)),
            0xBB => Some((Role::Close(Pair::Guillemet), 2)),
            _ => None,
        },
        // “ ” „ ‟ U+201C..U+201F
        0xE2 if at(1)? == 0x80 && matches!(at(2)?, 0x9C..=0x9F) => Some((Role::Quote, 3)),
        // ﴾ U+FD3E, ﴿ U+FD3F
        0xEF if at(1)? == 0xB4 && matches!(at(2)?, 0xBE | 0xBF) => Some((Role::Ornate, 3)),
        _ => None,
    }
}

/// The offsets, in order, of the bytes that may start a mark of a pair (see [`mark_at`]): `"` `(` `)` `[` `]` and the
/// lead bytes C2, E2 and EF. None of them is a continuation byte of UTF-8, so every hit starts a character. Three
/// vectorised searches (`memchr`) run side by side and are merged: most text holds few such bytes, and the searches
/// cost less than a look-up a byte (measured on the EASC articles).
struct PairBytes<'a> {
    ascii: std::iter::Peekable<memchr::Memchr3<'a>>,
    brackets: std::iter::Peekable<memchr::Memchr3<'a>>,
    leads: std::iter::Peekable<memchr::Memchr2<'a>>,
}

impl<'a> PairBytes<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        PairBytes {
            ascii: memchr::memchr3_iter(b'"', b'(', b')', bytes).peekable(),
            brackets: memchr::memchr3_iter(b'[', b']', 0xC2, bytes).peekable(),
            leads: memchr::memchr2_iter(0xE2, 0xEF, bytes).peekable(),
        }
    }
}

impl Iterator for PairBytes<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let a = self.ascii.peek().copied().unwrap_or(usize::MAX);
        let b = self.brackets.peek().copied().unwrap_or(usize::MAX);
        let c = self.leads.peek().copied().unwrap_or(usize::MAX);
        if a <= b && a <= c {
            self.ascii.next()
        } else if b <= c {
            self.brackets.next()
        } else {
            self.leads.next()
        }
    }
}

/// True for a double quote at byte `i` (width `w`) that stands after white space, a colon or an opening bracket, with
/// a word right after it: it opens a quotation (`قال "نعم`, `قال:"نعم`).
fn looks_opening(text: &str, i: usize, w: usize) -> bool {
    let before = text.get(..i).and_then(|s| s.chars().next_back());
    let free_before = before.is_none_or(|c| c.is_whitespace() || is_free_before(c));
    free_before && !free_after(text, i + w)
}

/// True for a double quote at byte `i` (width `w`) glued to the word before it and followed by white space or
/// punctuation: it closes a quotation (`نعم" قال`, `نعم".`). After a colon it opens one, however spaced (`قال:" نعم`).
fn looks_closing(text: &str, i: usize, w: usize) -> bool {
    let before = text.get(..i).and_then(|s| s.chars().next_back());
    before.is_some_and(|c| !c.is_whitespace() && !is_free_before(c)) && free_after(text, i + w)
}

/// True for a character after which a double quote opens a quotation: a colon or an opening bracket.
fn is_free_before(c: char) -> bool {
    matches!(c, ':' | '(' | '[' | '«' | '﴾' | '﴿')
}

/// True when white space, punctuation or the end of the text follows byte `at`: no word is glued to a mark there.
fn free_after(text: &str, at: usize) -> bool {
    text.get(at..).and_then(|s| s.chars().next()).is_none_or(|c| {
        c.is_whitespace()
            || is_terminal(c)
            || is_closer(c)
            || is_continuing_punctuation(c)
            || matches!(c, '"' | '“' | '”' | '„' | '‟')
    })
}

/// The quotations and brackets of one paragraph, paired on the first question: a paragraph of one sentence, whose
/// only terminal mark ends it, is never scanned for them.
#[derive(Debug, Default)]
pub struct Quotes<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    paired: bool,
    /// Byte offsets of the double quotes and ornate brackets that open a pair (closed later or not), in order: the
    /// others that follow a terminal mark close a quotation and stay with its sentence.
    openers: Vec<usize>,
    /// The outermost pairs that close within the paragraph and span at most [`MAX_QUOTE_BYTES`]: byte offsets of
    /// their opening and closing marks, in order and disjoint.
    spans: Vec<(usize, usize)>,
    /// The first span that may still hold a mark the scan has yet to reach.
    cursor: usize,
}

impl<'a> Quotes<'a> {
    /// The quotations and brackets of the paragraph `text[start..end]`, to be paired when first asked about.
    pub fn new(text: &'a str, start: usize, end: usize) -> Quotes<'a> {
        Quotes {
            text,
            start,
            end,
            ..Quotes::default()
        }
    }

    /// Pairs the marks of the paragraph, once. Each mark is looked at once; a stack holds the pairs still open, and
    /// a closing mark pops every pair opened after its own (a bracket left open inside a quotation cannot outlive
    /// it), so the time is linear in the length of the paragraph.
    fn pair(&mut self) {
        if self.paired {
            return;
        }
        self.paired = true;
        let (text, start, end) = (self.text, self.start, self.end);
        let bytes = text.as_bytes();
        let mut stack: Vec<(usize, Pair)> = Vec::new();
        // How many pairs of each kind the stack holds: whether a closing mark has an opening one to match, without
        // searching the stack.
        let mut open = [0usize; 5];
        let paragraph = bytes.get(start..end).unwrap_or(&[]);
        for hit in PairBytes::new(paragraph) {
            let at = start + hit;
            let Some((role, w)) = mark_at(bytes, at).filter(|&(_, w)| at + w <= end) else {
                continue;
            };
            let is_open = |pair: Pair| open.get(pair.index()).is_some_and(|&n| n > 0);
            let action = match role {
                Role::Open(pair) => Some((pair, false)),
                Role::Close(pair) => is_open(pair).then_some((pair, true)),
                Role::Ornate => Some((Pair::Ornate, is_open(Pair::Ornate))),
                // A quotation opening inside another one (a name quoted in a statement: `أن "الوزارة تكافح "بي آوت
                // كيو" غير القانوني."`) nests; if the outer one was left open instead, it closes nowhere and holds
                // nothing.
                Role::Quote if is_open(Pair::Quote) => Some((Pair::Quote, !looks_opening(text, at, w))),
                // A closing quote with nothing open closes a quotation opened in an earlier paragraph.
                Role::Quote if looks_closing(text, at, w) => None,
                Role::Quote => Some((Pair::Quote, false)),
            };
            match action {
                Some((pair, false)) => {
                    if matches!(pair, Pair::Quote | Pair::Ornate) {
                        self.openers.push(at);
                    }
                    stack.push((at, pair));
                    if let Some(n) = open.get_mut(pair.index()) {
                        *n += 1;
                    }
                }
                Some((pair, true)) => {
                    if let Some(opened) = pop_to(&mut stack, &mut open, pair) {
                        self.add_span(opened, at);
                    }
                }
                None => {}
            }
        }
    }

    /// Records the pair `(opened, closed)`. Pairs come in the order they close, each after every pair inside it: the
    /// spans it holds are dropped for it.
    fn add_span(&mut self, opened: usize, closed: usize) {
        if closed - opened > MAX_QUOTE_BYTES {
            return;
        }
        while self.spans.last().is_some_and(|&(o, _)| o > opened) {
            self.spans.pop();
        }
        self.spans.push((opened, closed));
    }

    /// True when the double quote or ornate bracket at byte `at` opens a pair, so that it does not close the
    /// sentence before it.
    pub fn opens_at(&mut self, at: usize) -> bool {
        self.pair();
        self.openers.binary_search(&at).is_ok()
    }

    /// True when a pair opened before `mark` is still open at `after` and closes later in the paragraph. Calls must
    /// come in the order of the text.
    pub fn encloses(&mut self, mark: usize, after: usize) -> bool {
        if after >= self.end {
            // Nothing closes later than the end of the paragraph.
            return false;
        }
        self.pair();
        while self.spans.get(self.cursor).is_some_and(|&(_, closed)| closed < after) {
            self.cursor += 1;
        }
        self.spans.get(self.cursor).is_some_and(|&(opened, _)| opened < mark)
    }
}

/// Pops the stack down to the innermost open pair of kind `pair`, with every pair opened after it, and returns the
/// byte offset of its opening mark. Does nothing and returns `None` when no such pair is open.
fn pop_to(stack: &mut Vec<(usize, Pair)>, open: &mut [usize; 5], pair: Pair) -> Option<usize> {
    if open.get(pair.index()).is_none_or(|&n| n == 0) {
        return None;
    }
    while let Some((at, kind)) = stack.pop() {
        if let Some(n) = open.get_mut(kind.index()) {
            *n = n.saturating_sub(1);
        }
        if kind == pair {
            return Some(at);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        let mut q = Quotes::new(text, 0, text.len());
        q.pair();
        let close = |c: usize| c + text[c..].chars().next().unwrap().len_utf8();
        q.spans.iter().map(|&(o, c)| &text[o..close(c)]).collect()
    }

    #[test]
    fn quotes_and_brackets_pair_and_nest() {
        assert_eq!(
            spans("قال \"نعم (كما قيل) وذهب\" ثم «لا» و[هنا]"),
            ["\"نعم (كما قيل) وذهب\"", "«لا»", "[هنا]"]
        );
        assert_eq!(
            spans("﴿إنا أنزلناه﴾ و﴾قل هو الله أحد﴿"),
            ["﴿إنا أنزلناه﴾", "﴾قل هو الله أحد﴿"]
        );
    }

    #[test]
    fn mixed_double_quotes_pair_by_where_they_stand() {
        assert_eq!(spans("وسائل الإعلام “سماع دوي انفجارات\". ثم"), ["“سماع دوي انفجارات\""]);
        assert_eq!(spans("في ”البلوز\" و”Galaxy Note 9”"), ["”البلوز\"", "”Galaxy Note 9”"]);
    }

    #[test]
    fn a_quotation_left_open_pairs_with_nothing() {
        // Opened and never closed, then a quotation of its own.
        assert_eq!(spans("قال \"نعم. ثم قال إن \"لا\" أبدا."), ["\"لا\""]);
        // Closed here, opened in an earlier paragraph.
        assert_eq!(spans("انتهى الأمر\". ثم قال \"لا\" أبدا."), ["\"لا\""]);
        assert!(spans("قال \"نعم. ثم ذهب.").is_empty());
        // A closing bracket with no opening one, and a bracket left open inside a quotation.
        assert_eq!(spans("أولا) بند. \"نعم (كذا\" ثم)"), ["\"نعم (كذا\""]);
    }

    #[test]
    fn a_span_longer_than_the_cap_holds_nothing_but_its_inner_pairs_do() {
        let long = format!("\"بداية. {} (داخل. هنا) نهاية\"", "كلمة ".repeat(MAX_QUOTE_BYTES / 8));
        assert_eq!(spans(&long), ["(داخل. هنا)"]);
    }

    #[test]
    fn encloses_answers_in_the_order_of_the_text() {
        let text = "أ \"ب. ج\" د. (هـ. و) ز.";
        let mut q = Quotes::new(text, 0, text.len());
        let dot = |n: usize| text.match_indices('.').nth(n).map(|(i, _)| i).unwrap();
        assert!(q.encloses(dot(0), dot(0) + 1));
        assert!(!q.encloses(dot(1), dot(1) + 1));
        assert!(q.encloses(dot(2), dot(2) + 1));
        assert!(!q.encloses(dot(3), dot(3) + 1));
    }
}
