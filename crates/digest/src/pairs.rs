//! A learned similarity of two stories: a few measures of what they share, combined by logistic regression into
//! the probability that they report one event.

use crate::cluster::Similarities;
use crate::vector::{cosine, SparseVector};
use crate::weigh::{self, Part};
use crate::{Options, Story};

/// How many measures describe a pair of stories (the length of [`PairModel::weights`]).
pub const PAIR_FEATURES: usize = 7;

/// The names of the measures of a pair, in the order of [`PairModel::weights`]:
/// - `event_cosine`: the cosine of the two stories' event vectors (title and lead over body, shared title words
///   boosted, lone words lowered: the similarity the grouping used alone before);
/// - `title_cosine`, `lead_cosine`: the TF-IDF cosine of their titles alone, of their leads alone;
/// - `whole_cosine`: the TF-IDF cosine of their whole texts;
/// - `shared_keys`: `ln(1 + k)`, `k` the key terms (rare words of title and lead, [`Options::key_idf`]) both use;
/// - `same_outlet`: 1 when one outlet published both;
/// - `days_apart`: the time between them in days, at most 2 (half a day when a time is unknown).
///
/// ```
/// assert_eq!(khulasa_digest::PAIR_FEATURE_NAMES[0], "event_cosine");
/// assert_eq!(khulasa_digest::PAIR_FEATURE_NAMES.len(), khulasa_digest::PAIR_FEATURES);
/// ```
pub const PAIR_FEATURE_NAMES: [&str; PAIR_FEATURES] = [
    "event_cosine",
    "title_cosine",
    "lead_cosine",
    "whole_cosine",
    "shared_keys",
    "same_outlet",
    "days_apart",
];

/// A logistic model of "these two stories report one event": `1 / (1 + e^-(intercept + weights · features))`,
/// the features as [`PAIR_FEATURE_NAMES`] lists them.
///
/// ```
/// use khulasa_digest::{PairModel, PAIR_FEATURES};
/// let model = PairModel { intercept: 0.0, weights: [0.0; PAIR_FEATURES] };
/// assert!((model.probability(&[1.0; PAIR_FEATURES]) - 0.5).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairModel {
    /// The log-odds of a pair whose features are all 0.
    pub intercept: f64,
    /// What each feature adds to the log-odds per unit.
    pub weights: [f64; PAIR_FEATURES],
}

impl PairModel {
    /// The probability the model gives a pair with these features.
    ///
    /// ```
    /// use khulasa_digest::PairModel;
    /// let model = PairModel { intercept: -2.0, weights: [4.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0] };
    /// assert!(model.probability(&[1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]) > 0.8);
    /// assert!(model.probability(&[0.0; 7]) < 0.2);
    /// ```
    pub fn probability(&self, features: &[f64; PAIR_FEATURES]) -> f64 {
        let z = self.intercept + self.weights.iter().zip(features).map(|(w, x)| w * x).sum::<f64>();
        1.0 / (1.0 + (-z).exp())
    }

    pub(crate) fn is_finite(&self) -> bool {
        self.intercept.is_finite() && self.weights.iter().all(|w| w.is_finite())
    }
}

/// What the pair measures read of each story.
pub(crate) struct Profiles<'a, 's> {
    stories: &'a [Story<'s>],
    event: &'a [SparseVector],
    whole: &'a [SparseVector],
    titles: Vec<SparseVector>,
    leads: Vec<SparseVector>,
    keys: Vec<Vec<u32>>,
}

impl<'a, 's> Profiles<'a, 's> {
    pub(crate) fn new(
        stories: &'a [Story<'s>],
        idf: &[f64],
        options: &Options,
        event: &'a [SparseVector],
        whole: &'a [SparseVector],
    ) -> Self {
        Profiles {
            stories,
            event,
            whole,
            titles: weigh::part_vectors(stories, idf, options, Part::Title),
            leads: weigh::part_vectors(stories, idf, options, Part::Lead),
            keys: weigh::key_terms(stories, idf, options),
        }
    }

    /// The measures of stories `a` and `b`, in the order of [`PAIR_FEATURE_NAMES`].
    pub(crate) fn features(&self, a: usize, b: usize) -> [f64; PAIR_FEATURES] {
        let cos = |vectors: &[SparseVector]| match (vectors.get(a), vectors.get(b)) {
            (Some(x), Some(y)) => f64::from(cosine(x, y)),
            _ => 0.0,
        };
        let shared = match (self.keys.get(a), self.keys.get(b)) {
            (Some(x), Some(y)) => common(x, y),
            _ => 0,
        };
        let (sa, sb) = (self.stories.get(a), self.stories.get(b));
        let same_outlet = match (sa.and_then(|s| s.outlet), sb.and_then(|s| s.outlet)) {
            (Some(x), Some(y)) if x == y => 1.0,
            _ => 0.0,
        };
        let days_apart = match (sa.and_then(|s| s.published), sb.and_then(|s| s.published)) {
            (Some(x), Some(y)) => (x.abs_diff(y) as f64 / 86_400.0).min(2.0),
            _ => 0.5,
        };
        [
            cos(self.event),
            cos(&self.titles),
            cos(&self.leads),
            cos(self.whole),
            (shared as f64).ln_1p(),
            same_outlet,
            days_apart,
        ]
    }

    /// The model's probabilities for every pair of `members` (story indices), as a table indexed like `members`.
    pub(crate) fn table(&self, members: &[usize], model: &PairModel) -> Similarities {
        let mut table = Similarities::new(members.len());
        for (i, &a) in members.iter().enumerate() {
            for (j, &b) in members.iter().enumerate().skip(i + 1) {
                table.set(i, j, model.probability(&self.features(a, b)) as f32);
            }
        }
        table
    }
}

/// How many values two ascending lists share.
fn common(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
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

    #[test]
    fn common_counts_shared_values() {
        assert_eq!(common(&[1, 3, 5, 9], &[3, 4, 5, 10]), 2);
        assert_eq!(common(&[], &[1]), 0);
    }

    #[test]
    fn a_larger_weight_on_a_present_feature_raises_the_probability() {
        let mut model = PairModel {
            intercept: -1.0,
            weights: [0.0; PAIR_FEATURES],
        };
        let features = [0.5; PAIR_FEATURES];
        let before = model.probability(&features);
        model.weights[4] = 1.0;
        assert!(model.probability(&features) > before);
        assert!(model.is_finite());
        model.intercept = f64::NAN;
        assert!(!model.is_finite());
    }
}
