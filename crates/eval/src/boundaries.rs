//! Sentence boundaries against a gold standard: joined CoNLL-U sentences, boundaries compared as positions in
//! the text with white space removed.
//!
//! The definition is the splitting issue's: the `# text` sentences of a treebank, five at a time, joined into a
//! paragraph (a) with a space, (b) with no space after a sentence that ends in punctuation, or (c) with a space
//! and then hard-wrapped at about 70 characters with single line breaks. A boundary is where one sentence ends
//! and the next begins, counted in non-white-space bytes from the start of the paragraph, so it does not matter
//! on which side of the white space a splitter cuts. The end of the paragraph is no boundary: every splitter
//! gets it for free, and counting it would flatter them all.

use serde::Serialize;

/// How gold sentences are joined into a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Join {
    /// (a) With a single space.
    Space,
    /// (b) With no space after a sentence that ends in punctuation (`الداخلية.وذكرت`), a space otherwise.
    Tight,
    /// (c) With a space, then hard-wrapped at [`WRAP_WIDTH`] characters with single line breaks.
    Wrapped,
}

impl Join {
    /// All three, in the issue's order.
    pub const ALL: [Join; 3] = [Join::Space, Join::Tight, Join::Wrapped];

    /// Its name in reports: `space`, `no-space`, `wrapped`.
    ///
    /// ```
    /// assert_eq!(khulasa_eval::boundaries::Join::Tight.name(), "no-space");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Join::Space => "space",
            Join::Tight => "no-space",
            Join::Wrapped => "wrapped",
        }
    }
}

/// The line width of [`Join::Wrapped`].
pub const WRAP_WIDTH: usize = 70;

/// Sentences joined into one paragraph.
pub const GROUP: usize = 5;

/// The `# text = ...` sentences of a CoNLL-U file, in order.
///
/// ```
/// let s = khulasa_eval::boundaries::conllu_sentences("# sent_id = 1\n# text = قال.\n1\tقال\n\n# text = نعم\n");
/// assert_eq!(s, ["قال.", "نعم"]);
/// ```
pub fn conllu_sentences(conllu: &str) -> Vec<String> {
    conllu
        .lines()
        .filter_map(|l| l.trim_end_matches('\r').strip_prefix("# text = "))
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect()
}

/// A paragraph of joined sentences and its gold boundaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// The joined text.
    pub text: String,
    /// Boundaries between its sentences, in non-white-space bytes from its start.
    pub gold: Vec<usize>,
}

fn ends_in_punctuation(sentence: &str) -> bool {
    sentence.chars().next_back().is_some_and(|c| !c.is_alphanumeric())
}

/// Greedy word wrap: words joined by spaces while a line stays within `width` characters, then a line break.
///
/// ```
/// assert_eq!(khulasa_eval::boundaries::wrap("aa bb cc", 5), "aa bb\ncc");
/// ```
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut line = 0usize;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let n = word.chars().count();
        if line > 0 && line + 1 + n > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += n;
    }
    out
}

fn non_space_len(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).map(char::len_utf8).sum()
}

/// The paragraphs of `sentences` joined `group` at a time (the last may be shorter) in the way `join` says.
///
/// ```
/// use khulasa_eval::boundaries::{paragraphs, Join};
/// let s = ["قال.".to_owned(), "نعم".to_owned(), "لا".to_owned()];
/// let p = paragraphs(&s, Join::Tight, 5);
/// assert_eq!(p[0].text, "قال.نعم لا");
/// assert_eq!(p[0].gold, [7, 13]); // قال. is 7 bytes, نعم 6 more
/// ```
pub fn paragraphs(sentences: &[String], join: Join, group: usize) -> Vec<Paragraph> {
    sentences
        .chunks(group.max(1))
        .map(|chunk| {
            let mut text = String::new();
            let mut gold = Vec::new();
            let mut position = 0usize;
            for (i, sentence) in chunk.iter().enumerate() {
                if i > 0 {
                    gold.push(position);
                    let previous = chunk.get(i - 1).map_or("", String::as_str);
                    if !(join == Join::Tight && ends_in_punctuation(previous)) {
                        text.push(' ');
                    }
                }
                text.push_str(sentence);
                position += non_space_len(sentence);
            }
            if join == Join::Wrapped {
                text = wrap(&text, WRAP_WIDTH);
            }
            Paragraph { text, gold }
        })
        .collect()
}

/// The boundaries a splitter found: for each sentence end (a byte offset into `text`) but the last, its position
/// in non-white-space bytes. Ends at or after the last non-white-space byte are the paragraph's end, no boundary.
///
/// ```
/// use khulasa_eval::boundaries::predicted;
/// // "قال. نعم": sentences end at byte 7 and byte 14.
/// assert_eq!(predicted("قال. نعم", [7, 14]), [7]);
/// ```
pub fn predicted(text: &str, ends: impl IntoIterator<Item = usize>) -> Vec<usize> {
    let total = non_space_len(text);
    let mut out: Vec<usize> = ends
        .into_iter()
        .map(|end| non_space_len(text.get(..end).unwrap_or(text)))
        .filter(|&p| p > 0 && p < total)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Boundary counts, summed over paragraphs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Boundaries found that are gold boundaries.
    pub correct: usize,
    /// Boundaries found.
    pub predicted: usize,
    /// Gold boundaries.
    pub gold: usize,
}

impl Counts {
    /// Adds one paragraph's comparison (both lists sorted, without repeats).
    ///
    /// ```
    /// let mut c = khulasa_eval::boundaries::Counts::default();
    /// c.add(&[5, 10], &[5, 7, 10]);
    /// assert_eq!((c.correct, c.predicted, c.gold), (2, 3, 2));
    /// ```
    pub fn add(&mut self, gold: &[usize], predicted: &[usize]) {
        self.gold += gold.len();
        self.predicted += predicted.len();
        self.correct += predicted.iter().filter(|p| gold.binary_search(p).is_ok()).count();
    }

    /// Correct / predicted (1 when nothing was predicted and nothing was to find).
    ///
    /// ```
    /// let c = khulasa_eval::boundaries::Counts { correct: 3, predicted: 4, gold: 6 };
    /// assert_eq!((c.precision(), c.recall()), (0.75, 0.5));
    /// assert!((c.f1() - 0.6).abs() < 1e-12);
    /// ```
    pub fn precision(&self) -> f64 {
        match self.predicted {
            0 if self.gold == 0 => 1.0,
            0 => 0.0,
            n => self.correct as f64 / n as f64,
        }
    }

    /// Correct / gold (1 when there was nothing to find).
    pub fn recall(&self) -> f64 {
        match self.gold {
            0 => 1.0,
            n => self.correct as f64 / n as f64,
        }
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn owned(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| (*x).to_owned()).collect()
    }

    #[test]
    fn three_joins_of_the_same_sentences() {
        let s = owned(&["قال الوزير.", "وأضاف: نعم", "انتهى!"]);
        let a = paragraphs(&s, Join::Space, 5);
        assert_eq!(a[0].text, "قال الوزير. وأضاف: نعم انتهى!");
        let b = paragraphs(&s, Join::Tight, 5);
        // After "الوزير." no space; "نعم" ends in a letter, so a space stays.
        assert_eq!(b[0].text, "قال الوزير.وأضاف: نعم انتهى!");
        // Gold positions ignore white space, so all three joins share them: قال(6) الوزير.(13) = 19, then
        // وأضاف:(11) نعم(6) = 17 more.
        assert_eq!(a[0].gold, [19, 36]);
        assert_eq!(b[0].gold, a[0].gold);
        let c = paragraphs(&s, Join::Wrapped, 5);
        assert_eq!(c[0].gold, a[0].gold);
    }

    #[test]
    fn groups_of_five() {
        let s: Vec<String> = (0..12).map(|i| format!("جملة {i}.")).collect();
        let p = paragraphs(&s, Join::Space, GROUP);
        assert_eq!(p.iter().map(|p| p.gold.len()).collect::<Vec<_>>(), [4, 4, 1]);
    }

    #[test]
    fn a_perfect_splitter_scores_one_and_a_lazy_one_zero_recall() {
        let s = owned(&["أ ب.", "ج د؟", "هـ و"]);
        for join in Join::ALL {
            let p = &paragraphs(&s, join, 5)[0];
            // Cut after each sentence's last character: find the gold positions back in the text.
            let mut ends = Vec::new();
            let mut seen = 0;
            for (i, c) in p.text.char_indices() {
                if !c.is_whitespace() {
                    seen += c.len_utf8();
                    if p.gold.contains(&seen) {
                        ends.push(i + c.len_utf8());
                    }
                }
            }
            let mut perfect = Counts::default();
            perfect.add(&p.gold, &predicted(&p.text, ends));
            assert_eq!(perfect.f1(), 1.0, "{join:?}");
            let mut lazy = Counts::default();
            lazy.add(&p.gold, &predicted(&p.text, [p.text.len()]));
            assert_eq!((lazy.recall(), lazy.f1()), (0.0, 0.0));
        }
    }

    proptest! {
        #[test]
        fn wrapping_keeps_the_words_and_the_width(words in proptest::collection::vec("[a-z]{1,12}", 1..60)) {
            let text = words.join(" ");
            let wrapped = wrap(&text, WRAP_WIDTH);
            prop_assert_eq!(wrapped.replace('\n', " "), text);
            prop_assert!(wrapped.lines().all(|l| l.chars().count() <= WRAP_WIDTH));
        }
    }
}
