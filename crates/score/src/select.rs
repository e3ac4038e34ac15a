use crate::graph::Vectors;
use crate::{Document, Role};

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
    select_with(doc, scores, budget, lambda, &Desk::NONE)
}

/// What a sentence asks of the selection beyond its score, as a news desk reads it.
///
/// ```
/// let standing = khulasa_score::Standing { lead_in: true, ..Default::default() };
/// assert!(!standing.refers_back);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Standing {
    /// It ends in a colon that introduces what follows: shown alone, it promises a list or a quotation the
    /// summary does not hold, so it is never taken.
    pub lead_in: bool,
    /// It opens by referring to what came before (`وأضاف أن …`): taken only when the body sentence before it is.
    pub refers_back: bool,
}

/// The desk's conditions on a selection: what each sentence asks ([`Standing`]) and how much a sentence may
/// repeat one already chosen, or a headline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Desk<'a> {
    /// One for each sentence of the document (missing ones ask nothing).
    pub standing: &'a [Standing],
    /// A sentence whose distinct terms overlap those of a sentence already chosen, or of a headline, by more than
    /// this Jaccard index is skipped: it says the same thing again. 1 turns the check off.
    pub max_overlap: f64,
}

/// The Jaccard index of distinct terms above which a sentence repeats another: news outlets that repeat their
/// standfirst as the first body sentence, or a quotation twice, share well over half of their terms, while two
/// sentences of one story on one subject share a fifth to a third (measured on a day of ANT stories).
pub const MAX_OVERLAP: f64 = 0.5;

impl Desk<'_> {
    /// No conditions: selection by score and budget alone.
    pub const NONE: Desk<'static> = Desk {
        standing: &[],
        max_overlap: 1.0,
    };
}

/// [`select_mmr`] under the desk's conditions ([`Desk`]): a lead-in is never taken, a sentence that refers back
/// only after the body sentence before it, and a sentence that repeats one already chosen or a headline
/// (Jaccard of distinct terms above [`Desk::max_overlap`]) not at all; the budget is filled from the sentences
/// that remain.
///
/// ```
/// use khulasa_score::{select_with, Budget, Desk, Document, Role, SentenceFeatures, Standing};
/// let s = |terms: &[u32]| SentenceFeatures { terms: terms.to_vec(), words: 3, role: Role::Body };
/// // 1 repeats 0; 2 refers back to 1; 3 stands alone.
/// let doc = Document { sentences: vec![s(&[0, 1, 2]), s(&[0, 1, 2, 3]), s(&[4, 5]), s(&[6, 7])], idf: vec![1.0; 8] };
/// let standing = [Standing::default(), Standing::default(), Standing { refers_back: true, lead_in: false }, Standing::default()];
/// let desk = Desk { standing: &standing, max_overlap: 0.5 };
/// let picks = select_with(&doc, &[1.0, 0.9, 0.8, 0.7], Budget::Sentences(2), 1.0, &desk);
/// assert_eq!(picks.iter().map(|p| p.index).collect::<Vec<_>>(), [0, 3]);
/// ```
pub fn select_with(doc: &Document, scores: &[f64], budget: Budget, lambda: f64, desk: &Desk) -> Vec<Pick> {
    let picks = select_held(doc, scores, budget, lambda, desk);
    if picks.is_empty() && desk != &Desk::NONE {
        // Every candidate failed a condition (a story of one lead-in): a summary that asks for an edit is better
        // than none.
        return select_held(doc, scores, budget, lambda, &Desk::NONE);
    }
    picks
}

/// [`select_with`] without its last resort: no pick at all when every candidate fails one of the desk's
/// conditions (where [`select_with`] takes the best sentences regardless). A caller that selects from a story's
/// opening sentences tells by it whether the desk's conditions were met there.
///
/// ```
/// use khulasa_score::{select_held, select_with, Budget, Desk, Document, Role, SentenceFeatures, Standing};
/// let doc = Document { sentences: vec![SentenceFeatures { terms: vec![0], words: 3, role: Role::Body }], idf: vec![1.0] };
/// let lead_in = [Standing { lead_in: true, refers_back: false }];
/// let desk = Desk { standing: &lead_in, max_overlap: 0.5 };
/// assert!(select_held(&doc, &[1.0], Budget::Sentences(1), 1.0, &desk).is_empty());
/// assert_eq!(select_with(&doc, &[1.0], Budget::Sentences(1), 1.0, &desk).len(), 1);
/// ```
pub fn select_held(doc: &Document, scores: &[f64], budget: Budget, lambda: f64, desk: &Desk) -> Vec<Pick> {
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
    let overlaps = Overlaps::new(doc, desk.max_overlap);
    let admissible = |i: usize, picks: &[Pick]| {
        let standing = desk.standing.get(i).copied().unwrap_or_default();
        if standing.lead_in {
            return false;
        }
        if standing.refers_back {
            let previous = (0..i)
                .rev()
                .find(|&j| doc.sentences.get(j).is_some_and(|s| s.role == Role::Body));
            if previous.is_some_and(|j| !picks.iter().any(|p| p.index == j)) {
                return false;
            }
        }
        !overlaps.repeats(i, picks.iter().map(|p| p.index))
    };
    let take = |i: usize, picks: &mut Vec<Pick>, used: &mut usize| {
        *used += words(i);
        picks.push(Pick {
            index: i,
            rank: picks.len() + 1,
            score: score(i),
        });
    };
    if lambda >= 1.0 {
        // Better-ranked sentences that waited for the sentence before them: each is looked at again after every
        // pick, before any worse-ranked candidate.
        let mut waiting: Vec<usize> = Vec::new();
        for i in candidates {
            let fits = |i: usize, picks: &[Pick], used: usize| picks.is_empty() || used + words(i) <= word_cap;
            if picks.len() >= sentence_cap {
                break;
            }
            if !fits(i, &picks, used) {
                continue;
            }
            if !admissible(i, &picks) {
                // Only the sentence before being taken can change the verdict.
                if desk.standing.get(i).is_some_and(|s| s.refers_back && !s.lead_in) {
                    waiting.push(i);
                }
                continue;
            }
            take(i, &mut picks, &mut used);
            while let Some(slot) = waiting
                .iter()
                .position(|&w| fits(w, &picks, used) && admissible(w, &picks))
            {
                if picks.len() >= sentence_cap {
                    break;
                }
                let w = waiting.remove(slot);
                take(w, &mut picks, &mut used);
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
                if !admissible(i, &picks) {
                    // A condition may hold later (the sentence before is chosen), so the candidate stays open.
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

/// The distinct terms of a document's sentences, built when first needed, to tell whether one repeats another.
struct Overlaps<'d> {
    doc: &'d Document,
    max: f64,
    sets: std::cell::RefCell<Vec<Option<Vec<u32>>>>,
}

impl<'d> Overlaps<'d> {
    fn new(doc: &'d Document, max: f64) -> Self {
        Overlaps {
            doc,
            max,
            sets: std::cell::RefCell::new(vec![None; doc.sentences.len()]),
        }
    }

    /// Whether sentence `i` repeats one of `chosen` or a headline.
    fn repeats(&self, i: usize, chosen: impl Iterator<Item = usize>) -> bool {
        if self.max >= 1.0 {
            return false;
        }
        let headlines = self
            .doc
            .sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| s.role == Role::Headline);
        let mut others = headlines.map(|(j, _)| j).chain(chosen);
        others.any(|j| j != i && self.jaccard(i, j) > self.max)
    }

    fn jaccard(&self, a: usize, b: usize) -> f64 {
        let mut sets = self.sets.borrow_mut();
        for i in [a, b] {
            if let (Some(slot @ None), Some(s)) = (sets.get_mut(i), self.doc.sentences.get(i)) {
                let mut terms = s.terms.clone();
                terms.sort_unstable();
                terms.dedup();
                *slot = Some(terms);
            }
        }
        let (Some(Some(x)), Some(Some(y))) = (sets.get(a), sets.get(b)) else {
            return 0.0;
        };
        let union = x.len() + y.len();
        if union == 0 {
            return 0.0;
        }
        let shared = shared_count(x, y);
        shared as f64 / (union - shared) as f64
    }
}

/// How many values two sorted, distinct lists share.
fn shared_count(x: &[u32], y: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while let (Some(a), Some(b)) = (x.get(i), y.get(j)) {
        match a.cmp(b) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
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

    #[test]
    fn a_lead_in_is_never_taken_unless_nothing_else_stands() {
        let doc = doc_of(&[5, 5, 5]);
        let lead_in = Standing {
            lead_in: true,
            refers_back: false,
        };
        let standing = [Standing::default(), lead_in, Standing::default()];
        let desk = Desk {
            standing: &standing,
            max_overlap: 1.0,
        };
        let picks = select_with(&doc, &[0.9, 0.8, 0.1], Budget::Sentences(2), 1.0, &desk);
        assert_eq!(picks.iter().map(|p| p.index).collect::<Vec<_>>(), [0, 2]);
        let alone = doc_of(&[5]);
        let picks = select_with(
            &alone,
            &[0.9],
            Budget::Sentences(2),
            1.0,
            &Desk {
                standing: &[lead_in],
                ..desk
            },
        );
        assert_eq!(picks.iter().map(|p| p.index).collect::<Vec<_>>(), [0]);
    }

    #[test]
    fn a_sentence_that_refers_back_follows_its_antecedent_under_mmr_too() {
        let doc = doc_of(&[5, 5, 5, 5]);
        let back = Standing {
            lead_in: false,
            refers_back: true,
        };
        let standing = [Standing::default(), Standing::default(), back, Standing::default()];
        let desk = Desk {
            standing: &standing,
            max_overlap: 1.0,
        };
        // 2 scores best but refers back to 1, which is not taken within a budget of one.
        let picks = select_with(&doc, &[0.1, 0.2, 0.9, 0.5], Budget::Sentences(1), 0.8, &desk);
        assert_eq!(picks.iter().map(|p| p.index).collect::<Vec<_>>(), [3]);
        let picks = select_with(&doc, &[0.1, 0.8, 0.9, 0.5], Budget::Sentences(2), 1.0, &desk);
        assert_eq!(picks.iter().map(|p| p.index).collect::<Vec<_>>(), [1, 2]);
    }

    #[test]
    fn a_sentence_repeating_a_headline_is_skipped() {
        let s = |terms: &[u32], role| SentenceFeatures {
            terms: terms.to_vec(),
            words: 4,
            role,
        };
        let doc = Document {
            sentences: vec![
                s(&[0, 1, 2], Role::Headline),
                s(&[0, 1, 2, 3], Role::Body),
                s(&[4, 5, 6], Role::Body),
            ],
            idf: vec![1.0; 7],
        };
        let desk = Desk {
            standing: &[],
            max_overlap: MAX_OVERLAP,
        };
        let picks = select_with(&doc, &[0.0, 1.0, 0.5], Budget::Sentences(1), 1.0, &desk);
        assert_eq!(picks.iter().map(|p| p.index).collect::<Vec<_>>(), [2]);
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
