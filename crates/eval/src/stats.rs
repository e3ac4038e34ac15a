//! Statistics over articles: bootstrap confidence intervals and a paired randomisation test.
//!
//! Both resample with [`Rng`], a SplitMix64 generator with a fixed seed, so the same figures always give the same
//! intervals and p-values (a report that changes from run to run is not a report anyone can check).

use crate::EvalError;

/// The seed every report uses unless told otherwise.
pub const SEED: u64 = 0x006b_6875_6c61_7361; // "khulasa" in ASCII

/// Resamples of the bootstrap and the randomisation test: enough that the third digit of a p-value is stable.
pub const RESAMPLES: usize = 10_000;

/// SplitMix64 (Steele, Lea & Flood 2014): small, fast, and good enough for resampling.
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

impl Rng {
    /// A generator starting from `seed`.
    ///
    /// ```
    /// let mut a = khulasa_eval::stats::Rng::new(7);
    /// let mut b = khulasa_eval::stats::Rng::new(7);
    /// assert_eq!(a.next_u64(), b.next_u64());
    /// ```
    pub fn new(seed: u64) -> Rng {
        Rng { state: seed }
    }

    /// The next 64 random bits.
    ///
    /// ```
    /// let mut r = khulasa_eval::stats::Rng::new(0);
    /// assert_ne!(r.next_u64(), r.next_u64());
    /// ```
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform index below `n` (`n` > 0), by Lemire's multiply-shift (bias below 2^-32 for small `n`).
    ///
    /// ```
    /// let mut r = khulasa_eval::stats::Rng::new(1);
    /// assert!((0..100).all(|_| r.below(3) < 3));
    /// ```
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
}

/// The arithmetic mean, 0 for no values.
///
/// ```
/// assert_eq!(khulasa_eval::stats::mean(&[1.0, 2.0, 6.0]), 3.0);
/// ```
pub fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

/// A two-sided interval.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Interval {
    /// Lower bound.
    pub low: f64,
    /// Upper bound.
    pub high: f64,
}

/// The `q` quantile (0..=1) of sorted values, by linear interpolation between order statistics.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let position = q * (sorted.len().saturating_sub(1)) as f64;
    let below = position.floor() as usize;
    let fraction = position - below as f64;
    let a = sorted.get(below).copied().unwrap_or(0.0);
    let b = sorted.get(below + 1).copied().unwrap_or(a);
    a + (b - a) * fraction
}

/// The percentile bootstrap 95% interval of the mean of `values` (one value per article): `resamples` means of
/// articles drawn with replacement, and their 2.5th and 97.5th percentiles.
///
/// ```
/// use khulasa_eval::stats::{bootstrap_ci, SEED};
/// let ci = bootstrap_ci(&[0.2, 0.4, 0.6, 0.8], 1000, SEED).unwrap();
/// assert!(ci.low < 0.5 && 0.5 < ci.high && ci.low >= 0.2 && ci.high <= 0.8);
/// ```
pub fn bootstrap_ci(values: &[f64], resamples: usize, seed: u64) -> Result<Interval, EvalError> {
    if values.is_empty() || resamples == 0 {
        return Err(EvalError::Empty);
    }
    let mut rng = Rng::new(seed);
    let n = values.len();
    let mut means: Vec<f64> = (0..resamples)
        .map(|_| {
            (0..n)
                .map(|_| values.get(rng.below(n)).copied().unwrap_or(0.0))
                .sum::<f64>()
                / n as f64
        })
        .collect();
    means.sort_by(f64::total_cmp);
    Ok(Interval {
        low: quantile(&means, 0.025),
        high: quantile(&means, 0.975),
    })
}

/// A paired comparison of two systems over the same articles.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Paired {
    /// Mean of `a - b` over the articles.
    pub delta: f64,
    /// Two-sided p-value: how often a difference at least this large arises when each article's two scores
    /// are swapped at random (no real difference).
    pub p: f64,
}

/// Paired approximate randomisation test (sign flips of per-article differences) of `a` against `b`.
///
/// The p-value counts the observed assignment among the resamples, `(hits + 1) / (resamples + 1)`, so it is
/// never 0. Identical systems give `delta` 0 and `p` 1.
///
/// ```
/// use khulasa_eval::stats::{paired_test, SEED};
/// let a = [0.50, 0.61, 0.72, 0.55, 0.66, 0.70, 0.58, 0.64, 0.69, 0.60];
/// let b = [0.40, 0.50, 0.60, 0.45, 0.52, 0.61, 0.47, 0.50, 0.60, 0.49];
/// let t = paired_test(&a, &b, 10_000, SEED).unwrap();
/// assert!(t.delta > 0.1 && t.p < 0.01);
/// assert_eq!(paired_test(&a, &a, 1000, SEED).unwrap().p, 1.0);
/// ```
pub fn paired_test(a: &[f64], b: &[f64], resamples: usize, seed: u64) -> Result<Paired, EvalError> {
    if a.len() != b.len() {
        return Err(EvalError::LengthMismatch(a.len(), b.len()));
    }
    if a.is_empty() {
        return Err(EvalError::Empty);
    }
    let differences: Vec<f64> = a.iter().zip(b).map(|(x, y)| x - y).collect();
    let n = differences.len() as f64;
    let observed = differences.iter().sum::<f64>() / n;
    // A tolerance keeps the observed assignment (and its mirror) counted despite rounding in the sums.
    let threshold = observed.abs() - 1e-12;
    let mut rng = Rng::new(seed);
    let mut hits = 0usize;
    for _ in 0..resamples {
        let mut bits = 0u64;
        let mut left = 0u32;
        let mut sum = 0.0;
        for d in &differences {
            if left == 0 {
                bits = rng.next_u64();
                left = 64;
            }
            sum += if bits & 1 == 1 { *d } else { -*d };
            bits >>= 1;
            left -= 1;
        }
        if (sum / n).abs() >= threshold {
            hits += 1;
        }
    }
    Ok(Paired {
        delta: observed,
        p: (hits + 1) as f64 / (resamples + 1) as f64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn same_seed_same_interval() {
        let values: Vec<f64> = (0..50).map(|i| f64::from(i % 7) / 7.0).collect();
        assert_eq!(
            bootstrap_ci(&values, 500, 3).unwrap(),
            bootstrap_ci(&values, 500, 3).unwrap()
        );
        assert_ne!(
            bootstrap_ci(&values, 500, 3).unwrap(),
            bootstrap_ci(&values, 500, 4).unwrap()
        );
    }

    #[test]
    fn interval_width_matches_the_standard_error() {
        // 0/1 values, half each, n = 100: the mean's standard error is sqrt(0.25 / 100) = 0.05, so a 95%
        // interval is about 0.5 ± 1.96·0.05 = [0.402, 0.598].
        let values: Vec<f64> = (0..100).map(|i| f64::from(i % 2)).collect();
        let ci = bootstrap_ci(&values, RESAMPLES, SEED).unwrap();
        assert!((ci.low - 0.402).abs() < 0.015, "{ci:?}");
        assert!((ci.high - 0.598).abs() < 0.015, "{ci:?}");
    }

    #[test]
    fn a_constant_has_a_point_interval() {
        let ci = bootstrap_ci(&[0.3; 20], 200, SEED).unwrap();
        assert!((ci.low - 0.3).abs() < 1e-12 && (ci.high - 0.3).abs() < 1e-12);
    }

    #[test]
    fn randomisation_test_against_the_exact_distribution() {
        // Differences +1 on 8 articles and -1 on 2: the mean is 0.6. Under sign flips the mean is
        // (2k - 10)/10 with k ~ Binomial(10, 1/2) positive signs; |mean| >= 0.6 when k <= 2 or k >= 8, with
        // probability 2·(1 + 10 + 45)/1024 = 112/1024 = 0.109.
        let a = [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0];
        let b = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0];
        let t = paired_test(&a, &b, 20_000, SEED).unwrap();
        assert!((t.delta - 0.6).abs() < 1e-12);
        assert!((t.p - 0.109).abs() < 0.01, "{t:?}");
    }

    #[test]
    fn mismatched_or_empty_samples_are_errors() {
        assert!(matches!(
            paired_test(&[1.0], &[1.0, 2.0], 10, 1),
            Err(EvalError::LengthMismatch(1, 2))
        ));
        assert!(matches!(paired_test(&[], &[], 10, 1), Err(EvalError::Empty)));
        assert!(matches!(bootstrap_ci(&[], 10, 1), Err(EvalError::Empty)));
    }

    proptest! {
        #[test]
        fn the_interval_lies_within_the_values(values in proptest::collection::vec(0.0f64..1.0, 1..40)) {
            let ci = bootstrap_ci(&values, 200, SEED).unwrap();
            let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            prop_assert!(lo - 1e-12 <= ci.low && ci.low <= ci.high && ci.high <= hi + 1e-12);
        }

        #[test]
        fn p_values_are_probabilities(
            pairs in proptest::collection::vec((0.0f64..1.0, 0.0f64..1.0), 1..40),
        ) {
            let (a, b): (Vec<f64>, Vec<f64>) = pairs.into_iter().unzip();
            let t = paired_test(&a, &b, 200, SEED).unwrap();
            prop_assert!(t.p > 0.0 && t.p <= 1.0);
            let u = paired_test(&b, &a, 200, SEED).unwrap();
            prop_assert!((t.delta + u.delta).abs() < 1e-12);
        }
    }
}
