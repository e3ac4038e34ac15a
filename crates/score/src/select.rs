use crate::graph::Vectors;
use crate::Document;

/// How much of a document a summary may take.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Budget {
    /// At most this many sentences.
    Sentences(usize),
    /// At most this many white-space-separated words (always at least one sentence).
    Words(usize),
    /// At most this fraction of the document's words (always at least one sentence).
    Ratio(f64),
}

/// The MMR λ that `khulasa summarize --diversity` defaults to (1 = plain rank order), fitted with the default
/// scorer's weights by `scripts/fit-default.py`.
pub const DEFAULT_DIVERSITY: f64 = crate::fitted::FITTED_DIVERSITY;

/// A selected sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pick {
    /// Index of the sentence in the document.
    pub index: usize,
    /// 1 for the first sentence selected (the best), 2 for the next, and so on.
    pub rank: usize,
    /// Its score, as the scorer gave it.
    pub score: f64,
}

/// Selects a summary: sentences in rank order while the budget allows, returned in document order.
///
/// A word budget takes whole sentences while they fit, skips one that does not fit and goes on with the next, and
/// always takes at least the best sentence. Ties are broken by position (earlier first), so the same input always
/// gives the same output. Only body sentences ([`Document::selectable`]) are candidates.
///
/// ```
/// use khulasa_score::{select, Budget, Document, Role, SentenceFeatures};
/// let s = |words| SentenceFeatures { terms: vec![], words, role: Role::Body };
/// let doc = Document { sentences: vec![s(10), s(5), s(8)], idf: vec![] };
/// let picks = select(&doc, &[0.2, 0.9, 0.5], Budget::Words(14));
/// assert_eq!(picks.iter().map(|p| (p.index, p.rank)).collect::<Vec<_>>(), [(1, 1), (2, 2)]);
/// ```
pub fn select(doc: &Document, scores: &[f64], budget: Budget) -> Vec<Pick> {
    select_mmr(doc, scores, budget, 1.0)
}

/// [`select`] with redundancy control by maximal marginal relevance (Carbonell & Goldstein 1998): each next
/// sentence maximises `λ · score / best score − (1 − λ) · max cosine with the sentences already chosen`.
///
/// `lambda` is clamped to 0..=1; 1 is plain rank order, lower values trade score for novelty.
///
/// ```
/// use khulasa_score::{select_mmr, Budget, Document, Role, SentenceFeatures};
/// let s = |terms: &[u32]| SentenceFeatures { terms: terms.to_vec(), words: 3, role: Role::Body };
/// // Sentences 0 and 1 say the same thing; 2 says something else and scores a little lower.
/// let doc = Document { sentences: vec![s(&[0, 1, 2]), s(&[0, 1, 2]), s(&[3, 4, 5])], idf: vec![1.0; 6] };
/// let scores = [1.0, 0.95, 0.8];
/// let plain = select_mmr(&doc, &scores, Budget::Sentences(2), 1.0);
/// assert_eq!(plain.iter().map(|p| p.index).collect::<Vec<_>>(), [0, 1]);
/// let diverse = select_mmr(&doc, &scores, Budget::Sentences(2), 0.7);
/// assert_eq!(diverse.iter().map(|p| p.index).collect::<Vec<_>>(), [0, 2]);
/// ```
pub fn select_mmr(doc: &Document, scores: &[f64], budget: Budget, lambda: f64) -> Vec<Pick> {
    let lambda = if lambda.is_nan() { 1.0 } else { lambda.clamp(0.0, 1.0) };
    let score = |i: usize| scores.get(i).copied().filter(|s| s.is_finite()).unwrap_or(0.0);
    let mut candidates: Vec<usize> = doc.selectable().collect();
    candidates.sort_by(|&a, &b| score(b).total_cmp(&score(a)).then(a.cmp(&b)));
    let total_words: usize = doc.sentences.iter().map(|s| s.words).sum();
    let (sentence_cap, word_cap) = match budget {
        Budget::Sentences(n) => (n, usize::MAX),
        Budget::Words(w) => (usize::MAX, w),
        Budget::Ratio(r) => (usize::MAX, (r.max(0.0) * total_words as f64).round() as usize),
    };
    let words = |i: usize| doc.sentences.get(i).map_or(0, |s| s.words);
    let mut picks: Vec<Pick> = Vec::new();
    let mut used = 0usize;
    let take = |i: usize, picks: &mut Vec<Pick>, used: &mut usize| {
        *used += words(i);
        picks.push(Pick {
            index: i,
            rank: picks.len() + 1,
            score: score(i),
        });
    };
    if lambda >= 1.0 {
        for i in candidates {
            if picks.len() >= sentence_cap {
                break;
            }
            if picks.is_empty() || used + words(i) <= word_cap {
                take(i, &mut picks, &mut used);
            }
        }
    } else {
        let best = candidates.first().map_or(0.0, |&i| score(i));
        let relevance = |i: usize| if best > 0.0 { score(i) / best } else { score(i) };
        let vectors = Vectors::new(doc);
        // Highest cosine of each candidate with the summary so far, kept up to date after each pick.
        let mut redundancy = vec![0.0; candidates.len()];
        let mut open = vec![true; candidates.len()];
        while picks.len() < sentence_cap {
            let mut chosen: Option<(usize, f64)> = None;
            for (slot, &i) in candidates.iter().enumerate() {
                if !open.get(slot).copied().unwrap_or(false) {
                    continue;
                }
                if !picks.is_empty() && used + words(i) > word_cap {
                    // `used` only grows, so a sentence that does not fit now never will.
                    if let Some(o) = open.get_mut(slot) {
                        *o = false;
                    }
                    continue;
                }
                let value = lambda * relevance(i) - (1.0 - lambda) * redundancy.get(slot).copied().unwrap_or(0.0);
                // Candidates are in rank order, so a strict `>` keeps the better-ranked one on a tie.
                if chosen.is_none_or(|(_, v)| value > v) {
                    chosen = Some((slot, value));
                }
            }
            let Some((slot, _)) = chosen else { break };
            let Some(&i) = candidates.get(slot) else { break };
            if let Some(o) = open.get_mut(slot) {
                *o = false;
            }
            take(i, &mut picks, &mut used);
            for ((&c, r), _) in candidates
                .iter()
                .zip(redundancy.iter_mut())
                .zip(&open)
                .filter(|(_, o)| **o)
            {
                *r = f64::max(*r, vectors.cosine(c, i));
            }
        }
    }
    picks.sort_by_key(|p| p.index);
    picks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Role, SentenceFeatures};
    use proptest::prelude::*;

    fn doc_of(words: &[usize]) -> Document {
        Document {
            sentences: words
                .iter()
                .enumerate()
                .map(|(i, &w)| SentenceFeatures {
                    terms: vec![i as u32 % 5, 10 + i as u32 % 3],
                    words: w,
                    role: Role::Body,
                })
                .collect(),
            idf: vec![1.0; 13],
        }
    }

    #[test]
    fn equal_scores_are_taken_in_document_order() {
        let doc = doc_of(&[5, 5, 5, 5]);
        let picks = select(&doc, &[0.5; 4], Budget::Sentences(2));
        assert_eq!(
            picks.iter().map(|p| (p.index, p.rank)).collect::<Vec<_>>(),
            [(0, 1), (1, 2)]
        );
    }

    #[test]
    fn word_budget_skips_a_sentence_that_does_not_fit_and_takes_a_later_one() {
        let doc = doc_of(&[10, 30, 5]);
        let picks = select(&doc, &[0.9, 0.8, 0.1], Budget::Words(20));
        assert_eq!(picks.iter().map(|p| p.index).collect::<Vec<_>>(), [0, 2]);
    }

    #[test]
    fn word_budget_always_takes_the_best_sentence() {
        let doc = doc_of(&[50, 40]);
        let picks = select(&doc, &[0.9, 0.1], Budget::Words(10));
        assert_eq!(picks.iter().map(|p| p.index).collect::<Vec<_>>(), [0]);
    }

    #[test]
    fn ratio_is_a_fraction_of_the_document_words() {
        let doc = doc_of(&[10, 10, 10, 10]);
        let picks = select(&doc, &[0.1, 0.4, 0.3, 0.2], Budget::Ratio(0.5));
        assert_eq!(picks.iter().map(|p| p.index).collect::<Vec<_>>(), [1, 2]);
    }

    #[test]
    fn headlines_are_never_selected() {
        let mut doc = doc_of(&[5, 5, 5]);
        doc.sentences[0].role = Role::Headline;
        doc.sentences[2].role = Role::Subheadline;
        let picks = select(&doc, &[1.0, 0.1, 1.0], Budget::Sentences(3));
        assert_eq!(picks.iter().map(|p| p.index).collect::<Vec<_>>(), [1]);
    }

    proptest! {
        #[test]
        fn selection_respects_the_budget_and_is_deterministic(
            words in proptest::collection::vec(1usize..40, 0..30),
            raw in proptest::collection::vec(0.0f64..1.0, 30),
            cap in 1usize..120,
            lambda in 0.0f64..=1.0,
        ) {
            let doc = doc_of(&words);
            let scores = &raw[..words.len()];
            let picks = select_mmr(&doc, scores, Budget::Words(cap), lambda);
            let again = select_mmr(&doc, scores, Budget::Words(cap), lambda);
            prop_assert_eq!(&picks, &again);
            prop_assert_eq!(picks.is_empty(), words.is_empty());
            let used: usize = picks.iter().map(|p| words[p.index]).sum();
            prop_assert!(picks.len() == 1 || used <= cap);
            prop_assert!(picks.windows(2).all(|w| w[0].index < w[1].index));
            let mut ranks: Vec<usize> = picks.iter().map(|p| p.rank).collect();
            ranks.sort_unstable();
            prop_assert_eq!(ranks, (1..=picks.len()).collect::<Vec<_>>());
        }

        #[test]
        fn plain_selection_takes_the_best_sentence_first(
            raw in proptest::collection::vec(0.0f64..1.0, 1..30),
        ) {
            let doc = doc_of(&vec![3; raw.len()]);
            let picks = select(&doc, &raw, Budget::Sentences(1));
            let best = raw.iter().copied().fold(f64::MIN, f64::max);
            prop_assert_eq!(picks[0].score, best);
        }
    }
}
