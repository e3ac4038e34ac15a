//! The greedy extractive oracle: the best summary a sentence-extracting system could pick at a word budget,
//! found greedily (Nallapati et al. 2017; Kedzie et al. 2018). It is the ceiling a scorer is measured against.

use crate::rouge::Prf;
use std::collections::HashMap;
use std::hash::Hash;

/// One sentence the oracle may pick.
#[derive(Debug, Clone)]
pub struct Candidate<T> {
    /// Its ROUGE tokens.
    pub tokens: Vec<T>,
    /// Its white-space-separated words, the unit of the budget.
    pub words: usize,
}

/// Unigram and bigram counts of token ids; bigrams are two ids in one `u64`.
#[derive(Debug, Default, Clone)]
struct Grams {
    unigrams: HashMap<u32, u32>,
    bigrams: HashMap<u64, u32>,
    unigram_total: usize,
    bigram_total: usize,
}

impl Grams {
    fn of(ids: &[u32]) -> Grams {
        let mut g = Grams::default();
        for &id in ids {
            *g.unigrams.entry(id).or_insert(0) += 1;
        }
        for pair in ids.windows(2) {
            if let [a, b] = pair {
                *g.bigrams.entry(u64::from(*a) << 32 | u64::from(*b)).or_insert(0) += 1;
            }
        }
        g.unigram_total = ids.len();
        g.bigram_total = ids.len().saturating_sub(1);
        g
    }

    fn add(&mut self, other: &Grams) {
        for (k, v) in &other.unigrams {
            *self.unigrams.entry(*k).or_insert(0) += v;
        }
        for (k, v) in &other.bigrams {
            *self.bigrams.entry(*k).or_insert(0) += v;
        }
        self.unigram_total += other.unigram_total;
        self.bigram_total += other.bigram_total;
    }
}

/// How many more clipped matches `added` brings against `reference` on top of `base`.
fn gained<K: Eq + Hash + Copy>(base: &HashMap<K, u32>, added: &HashMap<K, u32>, reference: &HashMap<K, u32>) -> usize {
    added
        .iter()
        .map(|(k, &n)| {
            let limit = reference.get(k).copied().unwrap_or(0);
            let before = base.get(k).copied().unwrap_or(0);
            ((before + n).min(limit) - before.min(limit)) as usize
        })
        .sum()
}

/// Clipped unigram and bigram matches against each reference.
type Matches = Vec<(usize, usize)>;

/// Token ids, shared by an article's sentences and references.
fn intern<'a, T: Eq + Hash>(ids: &mut HashMap<&'a T, u32>, tokens: &'a [T]) -> Vec<u32> {
    let mut out = Vec::with_capacity(tokens.len());
    for t in tokens {
        let next = ids.len() as u32;
        out.push(*ids.entry(t).or_insert(next));
    }
    out
}

/// The oracle's search state: the picks' n-gram counts and their matches against each reference.
struct Search {
    sentences: Vec<Grams>,
    references: Vec<Grams>,
    picked: Grams,
    /// Per reference: clipped unigram and bigram matches of the picks.
    matches: Matches,
}

impl Search {
    fn new<T: Eq + Hash, R: AsRef<[T]>>(sentences: &[Candidate<T>], references: &[R]) -> Search {
        let mut ids: HashMap<&T, u32> = HashMap::new();
        let references: Vec<Grams> = references
            .iter()
            .map(|r| Grams::of(&intern(&mut ids, r.as_ref())))
            .collect();
        let sentences = sentences
            .iter()
            .map(|s| Grams::of(&intern(&mut ids, &s.tokens)))
            .collect();
        Search {
            matches: vec![(0, 0); references.len()],
            sentences,
            references,
            picked: Grams::default(),
        }
    }

    /// The objective with sentence `i` added (or as it stands, for `None`), and the matches that gives.
    fn value(&self, i: Option<usize>) -> (f64, Matches) {
        let empty = Grams::default();
        let add = i.and_then(|i| self.sentences.get(i)).unwrap_or(&empty);
        let mut total = 0.0;
        let mut matches = Vec::with_capacity(self.references.len());
        for (reference, &(uni, bi)) in self.references.iter().zip(&self.matches) {
            let uni = uni + gained(&self.picked.unigrams, &add.unigrams, &reference.unigrams);
            let bi = bi + gained(&self.picked.bigrams, &add.bigrams, &reference.bigrams);
            let r1 = Prf::from_counts(
                uni,
                self.picked.unigram_total + add.unigram_total,
                reference.unigram_total,
            );
            let r2 = Prf::from_counts(bi, self.picked.bigram_total + add.bigram_total, reference.bigram_total);
            total += r1.f + r2.f;
            matches.push((uni, bi));
        }
        let value = if self.references.is_empty() {
            0.0
        } else {
            total / self.references.len() as f64
        };
        (value, matches)
    }

    fn pick(&mut self, i: usize, matches: Matches) {
        if let Some(s) = self.sentences.get(i) {
            self.picked.add(s);
        }
        self.matches = matches;
    }
}

/// Indices (in document order) of the sentences the greedy oracle picks within `budget_words` and at most
/// `max_sentences` sentences.
///
/// Starting from nothing, it adds the sentence that most raises the objective among those that still fit in
/// the budget, and stops when no sentence fits or none raises it. The objective is ROUGE-1 F1 + ROUGE-2 F1
/// averaged over `references`, with bigrams counted within sentences (the picks' order does not matter, so each
/// trial costs only the added sentence's n-grams). Like khulasa's selection, it always picks at least one
/// sentence when there is one: if none fits, the first pick may exceed the budget. Ties go to the earlier
/// sentence.
///
/// ```
/// use khulasa_eval::oracle::{greedy_oracle, Candidate};
/// let s = |t: &[&'static str]| Candidate { tokens: t.to_vec(), words: t.len() };
/// let sentences = [s(&["x", "y"]), s(&["a", "b", "c"]), s(&["d", "e"])];
/// let references = [vec!["a", "b", "c", "d", "e"]];
/// assert_eq!(greedy_oracle(&sentences, &references, 5, usize::MAX), [1, 2]);
/// assert_eq!(greedy_oracle(&sentences, &references, 3, usize::MAX), [1]);
/// assert_eq!(greedy_oracle(&sentences, &references, 100, 1), [1]);
/// ```
pub fn greedy_oracle<T: Eq + Hash, R: AsRef<[T]>>(
    sentences: &[Candidate<T>],
    references: &[R],
    budget_words: usize,
    max_sentences: usize,
) -> Vec<usize> {
    let mut search = Search::new(sentences, references);
    let mut chosen: Vec<usize> = Vec::new();
    let mut used = 0usize;
    let mut best_so_far = 0.0f64;
    while chosen.len() < max_sentences {
        let fits = |i: usize, s: &Candidate<T>| !chosen.contains(&i) && used + s.words <= budget_words;
        let any_fits = sentences.iter().enumerate().any(|(i, s)| fits(i, s));
        let mut best: Option<(usize, f64, Matches)> = None;
        for (i, s) in sentences.iter().enumerate() {
            let allowed = fits(i, s) || (chosen.is_empty() && !any_fits);
            if !allowed {
                continue;
            }
            let (value, matches) = search.value(Some(i));
            if best.as_ref().is_none_or(|(_, b, _)| value > *b) {
                best = Some((i, value, matches));
            }
        }
        match best {
            Some((i, value, matches)) if value > best_so_far || chosen.is_empty() => {
                search.pick(i, matches);
                let at = chosen.partition_point(|&c| c < i);
                chosen.insert(at, i);
                used += sentences.get(i).map_or(0, |s| s.words);
                best_so_far = value;
            }
            _ => break,
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rouge::rouge_multi;
    use proptest::prelude::*;

    fn candidate(tokens: &[u8]) -> Candidate<u8> {
        Candidate {
            tokens: tokens.to_vec(),
            words: tokens.len(),
        }
    }

    /// The objective of a set of picks, built up from an empty search.
    fn objective(sentences: &[Candidate<u8>], chosen: &[usize], references: &[Vec<u8>]) -> f64 {
        if chosen.is_empty() {
            return 0.0;
        }
        let mut search = Search::new(sentences, references);
        for &i in chosen {
            let (_, m) = search.value(Some(i));
            search.pick(i, m);
        }
        search.value(None).0
    }

    #[test]
    fn incremental_counts_match_plain_rouge() {
        // For one sentence there are no junctions, so the objective is exactly plain R-1 F + R-2 F.
        let sentences = [candidate(&[1, 2, 3, 2, 3]), candidate(&[4, 5])];
        let references = [vec![1u8, 2, 3, 4], vec![2, 3, 2, 3, 9]];
        let plain = rouge_multi(&sentences[0].tokens, &references);
        assert!((objective(&sentences, &[0], &references) - (plain.rouge1.f + plain.rouge2.f)).abs() < 1e-12);
    }

    #[test]
    fn stops_when_nothing_improves() {
        // The second sentence shares nothing with the reference: adding it lowers precision, so it stays out
        // even though it fits.
        let sentences = [candidate(&[1, 2, 3]), candidate(&[9, 9])];
        assert_eq!(greedy_oracle(&sentences, &[vec![1u8, 2, 3]], 100, usize::MAX), [0]);
    }

    #[test]
    fn takes_one_sentence_when_none_fits() {
        let sentences = [candidate(&[7, 8, 9]), candidate(&[1, 2, 3, 4])];
        assert_eq!(greedy_oracle(&sentences, &[vec![1u8, 2, 3, 4]], 2, usize::MAX), [1]);
        let none: [Candidate<u8>; 0] = [];
        assert!(greedy_oracle(&none, &[vec![1u8]], 10, 3).is_empty());
    }

    proptest! {
        #[test]
        fn picks_are_ordered_within_budget_and_beat_every_single_sentence(
            lengths in proptest::collection::vec(1usize..8, 1..12),
            reference in proptest::collection::vec(0u8..10, 1..30),
            budget in 1usize..40,
        ) {
            let sentences: Vec<Candidate<u8>> = lengths
                .iter()
                .enumerate()
                .map(|(i, &n)| candidate(&(0..n).map(|k| ((i * 3 + k * 7) % 12) as u8).collect::<Vec<_>>()))
                .collect();
            let references = [reference];
            let picks = greedy_oracle(&sentences, &references, budget, usize::MAX);
            prop_assert!(!picks.is_empty());
            prop_assert!(picks.windows(2).all(|w| w[0] < w[1]));
            let words: usize = picks.iter().map(|&i| sentences[i].words).sum();
            prop_assert!(words <= budget || picks.len() == 1);
            // Greedy starts from the best single sentence that fits and only ever improves on it.
            let value = objective(&sentences, &picks, &references);
            for (i, s) in sentences.iter().enumerate() {
                if s.words <= budget {
                    prop_assert!(value + 1e-12 >= objective(&sentences, &[i], &references));
                }
            }
        }
    }
}
