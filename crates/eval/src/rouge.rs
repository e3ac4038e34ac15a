//! ROUGE-N and ROUGE-L (Lin 2004) over token sequences.
//!
//! Conventions are those of Google's `rouge-score` package, so figures compare: precision = matches / candidate
//! n-grams, recall = matches / reference n-grams, F1 = 2PR / (P + R), each 0 when its denominator is 0; n-gram
//! matches are clipped counts; ROUGE-L is the longest common subsequence of the whole token sequences (not the
//! summary-level union LCS). With several references, P, R and F1 are each averaged over the references.

use serde::Serialize;
use std::collections::HashMap;
use std::hash::Hash;

/// Precision, recall and F1, as fractions in 0..=1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1, the harmonic mean of precision and recall.
    pub f: f64,
}

impl Prf {
    /// P, R and F1 from a number of matches and the two totals.
    ///
    /// ```
    /// let s = khulasa_eval::rouge::Prf::from_counts(2, 4, 5);
    /// assert_eq!((s.p, s.r), (0.5, 0.4));
    /// assert!((s.f - 0.4444444444444444).abs() < 1e-12);
    /// ```
    pub fn from_counts(matches: usize, candidate: usize, reference: usize) -> Prf {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let p = ratio(matches, candidate);
        let r = ratio(matches, reference);
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        Prf { p, r, f }
    }

    /// The same figures times 100, as reports show them.
    ///
    /// ```
    /// let s = khulasa_eval::rouge::Prf { p: 0.5, r: 0.25, f: 0.125 }.percent();
    /// assert_eq!((s.p, s.r, s.f), (50.0, 25.0, 12.5));
    /// ```
    pub fn percent(self) -> Prf {
        Prf {
            p: self.p * 100.0,
            r: self.r * 100.0,
            f: self.f * 100.0,
        }
    }

    fn add(&mut self, other: Prf) {
        self.p += other.p;
        self.r += other.r;
        self.f += other.f;
    }

    fn scale(&mut self, by: f64) {
        self.p *= by;
        self.r *= by;
        self.f *= by;
    }
}

/// ROUGE-1, ROUGE-2 and ROUGE-L of one candidate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Rouge {
    /// Unigram overlap.
    pub rouge1: Prf,
    /// Bigram overlap.
    pub rouge2: Prf,
    /// Longest common subsequence.
    #[serde(rename = "rougeL")]
    pub rouge_l: Prf,
}

impl Rouge {
    /// The F1 of `metric`.
    ///
    /// ```
    /// use khulasa_eval::rouge::{Metric, Prf, Rouge};
    /// let r = Rouge { rouge2: Prf { p: 1.0, r: 0.5, f: 0.6 }, ..Rouge::default() };
    /// assert_eq!(r.f(Metric::Rouge2), 0.6);
    /// ```
    pub fn f(&self, metric: Metric) -> f64 {
        self.get(metric).f
    }

    /// The P, R and F1 of `metric`.
    ///
    /// ```
    /// use khulasa_eval::rouge::{Metric, Rouge};
    /// assert_eq!(Rouge::default().get(Metric::RougeL).r, 0.0);
    /// ```
    pub fn get(&self, metric: Metric) -> Prf {
        match metric {
            Metric::Rouge1 => self.rouge1,
            Metric::Rouge2 => self.rouge2,
            Metric::RougeL => self.rouge_l,
        }
    }

    /// The mean of several scores, field by field (all zero for none).
    ///
    /// ```
    /// use khulasa_eval::rouge::{Prf, Rouge};
    /// let a = Rouge { rouge1: Prf { p: 1.0, r: 0.0, f: 0.0 }, ..Rouge::default() };
    /// assert_eq!(Rouge::mean(&[a, Rouge::default()]).rouge1.p, 0.5);
    /// ```
    pub fn mean(scores: &[Rouge]) -> Rouge {
        let mut sum = Rouge::default();
        for s in scores {
            sum.rouge1.add(s.rouge1);
            sum.rouge2.add(s.rouge2);
            sum.rouge_l.add(s.rouge_l);
        }
        if !scores.is_empty() {
            let by = 1.0 / scores.len() as f64;
            sum.rouge1.scale(by);
            sum.rouge2.scale(by);
            sum.rouge_l.scale(by);
        }
        sum
    }
}

/// One of the three ROUGE measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Metric {
    /// ROUGE-1.
    Rouge1,
    /// ROUGE-2.
    Rouge2,
    /// ROUGE-L.
    RougeL,
}

impl Metric {
    /// All three, in the order reports show them.
    pub const ALL: [Metric; 3] = [Metric::Rouge1, Metric::Rouge2, Metric::RougeL];

    /// The name used in JSON and on the command line: `rouge1`, `rouge2`, `rougeL`.
    ///
    /// ```
    /// assert_eq!(khulasa_eval::rouge::Metric::RougeL.key(), "rougeL");
    /// ```
    pub fn key(self) -> &'static str {
        match self {
            Metric::Rouge1 => "rouge1",
            Metric::Rouge2 => "rouge2",
            Metric::RougeL => "rougeL",
        }
    }

    /// The short label of tables: `R-1`, `R-2`, `R-L`.
    ///
    /// ```
    /// assert_eq!(khulasa_eval::rouge::Metric::Rouge2.label(), "R-2");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            Metric::Rouge1 => "R-1",
            Metric::Rouge2 => "R-2",
            Metric::RougeL => "R-L",
        }
    }
}

fn ngram_counts<T: Eq + Hash>(tokens: &[T], n: usize) -> HashMap<&[T], usize> {
    let mut counts = HashMap::new();
    if n > 0 {
        for gram in tokens.windows(n) {
            *counts.entry(gram).or_insert(0) += 1;
        }
    }
    counts
}

/// ROUGE-N of `candidate` against one `reference`: clipped n-gram matches over the n-gram totals.
///
/// ```
/// use khulasa_eval::rouge::rouge_n;
/// // Bigrams: candidate {a b, b c}, reference {a b, b d}: one match of two each.
/// let s = rouge_n(&["a", "b", "c"], &["a", "b", "d"], 2);
/// assert_eq!((s.p, s.r, s.f), (0.5, 0.5, 0.5));
/// ```
pub fn rouge_n<T: Eq + Hash>(candidate: &[T], reference: &[T], n: usize) -> Prf {
    let cand = ngram_counts(candidate, n);
    let refs = ngram_counts(reference, n);
    let matches = cand
        .iter()
        .map(|(gram, &c)| refs.get(gram).map_or(0, |&r| c.min(r)))
        .sum();
    Prf::from_counts(matches, cand.values().sum(), refs.values().sum())
}

/// The length of the longest common subsequence of `a` and `b` (two rows of the dynamic programme).
///
/// ```
/// assert_eq!(khulasa_eval::rouge::lcs_len(&[1, 2, 3, 4], &[2, 4, 3]), 2);
/// ```
pub fn lcs_len<T: Eq>(a: &[T], b: &[T]) -> usize {
    let mut previous = vec![0usize; b.len() + 1];
    let mut current = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            let diagonal = previous.get(j).copied().unwrap_or(0);
            let up = previous.get(j + 1).copied().unwrap_or(0);
            let left = current.get(j).copied().unwrap_or(0);
            let value = if x == y { diagonal + 1 } else { up.max(left) };
            if let Some(slot) = current.get_mut(j + 1) {
                *slot = value;
            }
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous.last().copied().unwrap_or(0)
}

/// ROUGE-L of `candidate` against one `reference`: LCS over the candidate's and the reference's lengths.
///
/// ```
/// use khulasa_eval::rouge::rouge_l;
/// // LCS of (a b c d) and (a c e) is (a c): P = 2/4, R = 2/3.
/// let s = rouge_l(&["a", "b", "c", "d"], &["a", "c", "e"]);
/// assert_eq!((s.p, s.r), (0.5, 2.0 / 3.0));
/// ```
pub fn rouge_l<T: Eq>(candidate: &[T], reference: &[T]) -> Prf {
    Prf::from_counts(lcs_len(candidate, reference), candidate.len(), reference.len())
}

/// ROUGE-1, ROUGE-2 and ROUGE-L of `candidate` against one `reference`.
///
/// ```
/// let s = khulasa_eval::rouge::rouge(&["a", "b"], &["a", "b"]);
/// assert_eq!((s.rouge1.f, s.rouge2.f, s.rouge_l.f), (1.0, 1.0, 1.0));
/// ```
pub fn rouge<T: Eq + Hash>(candidate: &[T], reference: &[T]) -> Rouge {
    Rouge {
        rouge1: rouge_n(candidate, reference, 1),
        rouge2: rouge_n(candidate, reference, 2),
        rouge_l: rouge_l(candidate, reference),
    }
}

/// ROUGE of `candidate` against each of `references`, P, R and F1 each averaged over the references.
///
/// ```
/// use khulasa_eval::rouge::rouge_multi;
/// // Against (a b) R-1 is perfect; against (c d) it is 0: the mean is 0.5.
/// let s = rouge_multi(&["a", "b"], &[vec!["a", "b"], vec!["c", "d"]]);
/// assert_eq!(s.rouge1.f, 0.5);
/// ```
pub fn rouge_multi<T: Eq + Hash, R: AsRef<[T]>>(candidate: &[T], references: &[R]) -> Rouge {
    let scores: Vec<Rouge> = references.iter().map(|r| rouge(candidate, r.as_ref())).collect();
    Rouge::mean(&scores)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn rouge_1_and_2_worked_by_hand() {
        let candidate = ["the", "cat", "sat", "on", "the", "mat"];
        let reference = ["the", "cat", "was", "on", "the", "mat", "today"];
        // Unigrams. Candidate counts: the×2 cat sat on mat (6 tokens). Reference: the×2 cat was on mat today
        // (7 tokens). Clipped matches: the min(2,2)=2, cat 1, sat 0, on 1, mat 1 → 5.
        // P = 5/6, R = 5/7, F = 2·(5/6)(5/7) / (5/6 + 5/7) = (50/42) / (65/42) = 10/13.
        let r1 = rouge_n(&candidate, &reference, 1);
        assert!(close(r1.p, 5.0 / 6.0));
        assert!(close(r1.r, 5.0 / 7.0));
        assert!(close(r1.f, 10.0 / 13.0));
        // Bigrams. Candidate: (the cat) (cat sat) (sat on) (on the) (the mat) = 5. Reference: (the cat) (cat was)
        // (was on) (on the) (the mat) (mat today) = 6. Matches: (the cat) (on the) (the mat) → 3.
        // P = 3/5, R = 3/6 = 1/2, F = 2·(3/5)(1/2) / (3/5 + 1/2) = (3/5) / (11/10) = 6/11.
        let r2 = rouge_n(&candidate, &reference, 2);
        assert!(close(r2.p, 3.0 / 5.0));
        assert!(close(r2.r, 0.5));
        assert!(close(r2.f, 6.0 / 11.0));
    }

    #[test]
    fn rouge_n_clips_repeated_ngrams() {
        // Candidate says "a" four times, the reference twice: only 2 of the 4 count.
        // P = 2/4, R = 2/3 (reference a a b), F = 2·(1/2)(2/3) / (1/2 + 2/3) = (2/3) / (7/6) = 4/7.
        let s = rouge_n(&["a", "a", "a", "a"], &["a", "a", "b"], 1);
        assert!(close(s.p, 0.5));
        assert!(close(s.r, 2.0 / 3.0));
        assert!(close(s.f, 4.0 / 7.0));
    }

    #[test]
    fn rouge_l_worked_by_hand() {
        // Candidate: police killed the gunman (4); reference: police kill the gunman yesterday (5). The LCS is
        // (police the gunman), length 3: P = 3/4, R = 3/5, F = 2·(3/4)(3/5) / (3/4 + 3/5) = (9/10) / (27/20) = 2/3.
        let candidate = ["police", "killed", "the", "gunman"];
        let reference = ["police", "kill", "the", "gunman", "yesterday"];
        let s = rouge_l(&candidate, &reference);
        assert!(close(s.p, 0.75));
        assert!(close(s.r, 0.6));
        assert!(close(s.f, 2.0 / 3.0));
        // Order matters for L but not for 1: (gunman the police killed) against the same reference has LCS 1
        // ("the", "gunman" or "police" alone, as no two appear in the reference's order): P = 1/4, R = 1/5.
        let reversed = ["gunman", "the", "police", "killed"];
        let s = rouge_l(&reversed, &reference);
        assert!(close(s.p, 0.25));
        assert!(close(s.r, 0.2));
    }

    #[test]
    fn arabic_example_through_the_tokens() {
        // After folding, أعلن/اعلن and الحكومة/الحكومه meet: candidate tokens (اعلن الوزير عن خطه الحكومه),
        // reference (اعلن رييس الوزراء خطه الحكومه الجديده). Unigram matches: اعلن خطه الحكومه = 3 of 5 and 6:
        // P = 3/5, R = 1/2, F = 6/11. Bigrams: candidate 4, reference 5, match (خطه الحكومه) = 1: P = 1/4,
        // R = 1/5, F = 2·(1/20) / (9/20) = 2/9. LCS (اعلن خطه الحكومه) = 3: P = 3/5, R = 3/6.
        let candidate = crate::rouge_tokens("أعلن الوزير عن خطة الحكومة.");
        let reference = crate::rouge_tokens("اعلن رئيس الوزراء خطة الحكومة الجديدة");
        let s = rouge(&candidate, &reference);
        assert!(close(s.rouge1.f, 6.0 / 11.0));
        assert!(close(s.rouge2.p, 0.25) && close(s.rouge2.r, 0.2) && close(s.rouge2.f, 2.0 / 9.0));
        assert!(close(s.rouge_l.p, 0.6) && close(s.rouge_l.r, 0.5));
    }

    #[test]
    fn empty_sides_score_zero() {
        let empty: [&str; 0] = [];
        assert_eq!(rouge(&empty, &["a"]), Rouge::default());
        assert_eq!(rouge(&["a"], &empty), Rouge::default());
        // One token has no bigram: R-2 is 0 while R-1 is perfect.
        let s = rouge(&["a"], &["a"]);
        assert_eq!((s.rouge1.f, s.rouge2.f), (1.0, 0.0));
    }

    proptest! {
        #[test]
        fn scores_are_fractions_and_symmetric(
            a in proptest::collection::vec(0u8..6, 0..30),
            b in proptest::collection::vec(0u8..6, 0..30),
        ) {
            let ab = rouge(&a, &b);
            let ba = rouge(&b, &a);
            for m in Metric::ALL {
                let s = ab.get(m);
                prop_assert!((0.0..=1.0).contains(&s.p) && (0.0..=1.0).contains(&s.r) && (0.0..=1.0).contains(&s.f));
                // Swapping candidate and reference swaps precision and recall and keeps F1.
                prop_assert!(close(s.p, ba.get(m).r) && close(s.f, ba.get(m).f));
            }
            // An LCS is never longer than the unigram overlap.
            prop_assert!(ab.rouge_l.p <= ab.rouge1.p + 1e-12);
        }

        #[test]
        fn a_text_against_itself_is_perfect(a in proptest::collection::vec(0u8..6, 2..30)) {
            let s = rouge(&a, &a);
            prop_assert!(close(s.rouge1.f, 1.0) && close(s.rouge2.f, 1.0) && close(s.rouge_l.f, 1.0));
        }
    }
}
