/// A sparse vector of term weights: `(term id, weight)` sorted by term id, each id once.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SparseVector {
    /// The non-zero entries, sorted by term id.
    pub entries: Vec<(u32, f32)>,
}

impl SparseVector {
    /// The unit-length TF-IDF vector of a bag of terms: weight `(1 + ln tf) · idf`, so a word repeated ten times
    /// does not outweigh ten different words of the event. Ids outside `idf` weigh nothing. `scratch` is reused
    /// between calls so that building a vector sorts in place instead of allocating per word.
    ///
    /// ```
    /// use khulasa_digest::SparseVector;
    /// let v = SparseVector::tf_idf([2, 0, 2], &[1.0, 1.0, 1.0], &mut Vec::new());
    /// assert_eq!(v.entries.iter().map(|e| e.0).collect::<Vec<_>>(), [0, 2]);
    /// assert!((v.norm() - 1.0).abs() < 1e-6);
    /// ```
    pub fn tf_idf(terms: impl IntoIterator<Item = u32>, idf: &[f64], scratch: &mut Vec<u32>) -> Self {
        scratch.clear();
        scratch.extend(terms);
        scratch.sort_unstable();
        let mut entries: Vec<(u32, f32)> = Vec::new();
        let mut i = 0;
        while let Some(&term) = scratch.get(i) {
            let run = scratch
                .get(i..)
                .map_or(0, |rest| rest.iter().take_while(|&&t| t == term).count());
            i += run.max(1);
            let Some(&weight) = idf.get(term as usize) else {
                continue;
            };
            let w = (1.0 + (run as f64).ln()) * weight;
            if w > 0.0 && w.is_finite() {
                entries.push((term, w as f32));
            }
        }
        let mut v = SparseVector { entries };
        v.normalise();
        v
    }

    /// The unit-length vector of a bag of weighted term occurrences: each term's weights are summed into `c`,
    /// whose term frequency is `c` below 1 and `1 + ln c` from 1 on (sublinear, and continuous at 1, so that a
    /// word seen once in a part weighted 0.1 counts a tenth of a word seen once in a part weighted 1), times its
    /// IDF, times `boost(term)`. Ids outside `idf` and non-positive or non-finite weights weigh nothing.
    pub(crate) fn weighted(
        occurrences: impl IntoIterator<Item = (u32, f64)>,
        idf: &[f64],
        boost: impl Fn(u32) -> f64,
        scratch: &mut Vec<(u32, f64)>,
    ) -> Self {
        scratch.clear();
        scratch.extend(occurrences.into_iter().filter(|&(_, w)| w > 0.0 && w.is_finite()));
        scratch.sort_unstable_by_key(|&(t, _)| t);
        let mut entries: Vec<(u32, f32)> = Vec::new();
        let mut i = 0;
        while let Some(&(term, _)) = scratch.get(i) {
            let run = scratch
                .get(i..)
                .map_or(&[][..], |rest| rest)
                .iter()
                .take_while(|&&(t, _)| t == term);
            let (count, sum) = run.fold((0usize, 0.0f64), |(n, s), &(_, w)| (n + 1, s + w));
            i += count.max(1);
            let Some(&weight) = idf.get(term as usize) else {
                continue;
            };
            let tf = if sum < 1.0 { sum } else { 1.0 + sum.ln() };
            let w = tf * weight * boost(term);
            if w > 0.0 && w.is_finite() {
                entries.push((term, w as f32));
            }
        }
        let mut v = SparseVector { entries };
        v.normalise();
        v
    }

    /// Its Euclidean length.
    ///
    /// ```
    /// let v = khulasa_digest::SparseVector { entries: vec![(0, 3.0), (4, 4.0)] };
    /// assert!((v.norm() - 5.0).abs() < 1e-6);
    /// ```
    pub fn norm(&self) -> f32 {
        self.entries.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt()
    }

    /// Scales it to unit length (an empty or zero vector stays as it is).
    ///
    /// ```
    /// let mut v = khulasa_digest::SparseVector { entries: vec![(1, 2.0)] };
    /// v.normalise();
    /// assert_eq!(v.entries, [(1, 1.0)]);
    /// ```
    pub fn normalise(&mut self) {
        let n = self.norm();
        if n > 0.0 {
            for e in &mut self.entries {
                e.1 /= n;
            }
        }
    }

    /// Adds `other` times `scale` to it (a merge of two sorted lists).
    ///
    /// ```
    /// let mut a = khulasa_digest::SparseVector { entries: vec![(0, 1.0), (2, 1.0)] };
    /// a.add_scaled(&khulasa_digest::SparseVector { entries: vec![(1, 1.0), (2, 1.0)] }, 2.0);
    /// assert_eq!(a.entries, [(0, 1.0), (1, 2.0), (2, 3.0)]);
    /// ```
    pub fn add_scaled(&mut self, other: &SparseVector, scale: f32) {
        let mut merged = Vec::with_capacity(self.entries.len() + other.entries.len());
        let (mut a, mut b) = (self.entries.iter().peekable(), other.entries.iter().peekable());
        loop {
            match (a.peek(), b.peek()) {
                (Some(&&(ta, wa)), Some(&&(tb, wb))) => {
                    if ta < tb {
                        merged.push((ta, wa));
                        a.next();
                    } else if tb < ta {
                        merged.push((tb, wb * scale));
                        b.next();
                    } else {
                        merged.push((ta, wa + wb * scale));
                        a.next();
                        b.next();
                    }
                }
                (Some(&&e), None) => {
                    merged.push(e);
                    a.next();
                }
                (None, Some(&&(tb, wb))) => {
                    merged.push((tb, wb * scale));
                    b.next();
                }
                (None, None) => break,
            }
        }
        self.entries = merged;
    }
}

/// The dot product of two vectors; for unit-length vectors (as [`SparseVector::tf_idf`] makes) their cosine.
///
/// ```
/// use khulasa_digest::{cosine, SparseVector};
/// let a = SparseVector::tf_idf([0, 1], &[1.0, 1.0], &mut Vec::new());
/// let b = SparseVector::tf_idf([1, 2], &[1.0, 1.0, 1.0], &mut Vec::new());
/// assert!((cosine(&a, &b) - 0.5).abs() < 1e-6);
/// ```
pub fn cosine(a: &SparseVector, b: &SparseVector) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0f32);
    while let (Some(&(ta, wa)), Some(&(tb, wb))) = (a.entries.get(i), b.entries.get(j)) {
        match ta.cmp(&tb) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += wa * wb;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn idf() -> Vec<f64> {
        (0..20).map(|i| 0.5 + f64::from(i) / 7.0).collect()
    }

    proptest! {
        #[test]
        fn cosine_is_symmetric_and_between_zero_and_one(
            a in prop::collection::vec(0u32..20, 0..30),
            b in prop::collection::vec(0u32..20, 0..30),
        ) {
            let (idf, mut s) = (idf(), Vec::new());
            let (va, vb) = (SparseVector::tf_idf(a, &idf, &mut s), SparseVector::tf_idf(b, &idf, &mut s));
            let c = cosine(&va, &vb);
            prop_assert!((-1e-6..=1.0 + 1e-5).contains(&c), "{c}");
            prop_assert!((c - cosine(&vb, &va)).abs() < 1e-6);
        }

        #[test]
        fn a_vector_is_its_own_nearest(a in prop::collection::vec(0u32..20, 1..30)) {
            let v = SparseVector::tf_idf(a, &idf(), &mut Vec::new());
            prop_assert!((cosine(&v, &v) - 1.0).abs() < 1e-5);
        }

        #[test]
        fn word_order_does_not_matter(mut a in prop::collection::vec(0u32..20, 0..30)) {
            let v = SparseVector::tf_idf(a.clone(), &idf(), &mut Vec::new());
            a.reverse();
            prop_assert_eq!(v, SparseVector::tf_idf(a, &idf(), &mut Vec::new()));
        }
    }

    #[test]
    fn weighted_counts_are_linear_below_one_and_sublinear_above() {
        let v = SparseVector::weighted(
            [(0, 0.5), (1, 1.0), (1, 1.0), (2, 0.25)],
            &[1.0; 3],
            |_| 1.0,
            &mut Vec::new(),
        );
        let w: Vec<f32> = v.entries.iter().map(|e| e.1).collect();
        assert!((w[1] / w[0] - (1.0 + 2f32.ln()) / 0.5).abs() < 1e-5);
        assert!((w[0] / w[2] - 2.0).abs() < 1e-5);
    }

    #[test]
    fn weighted_with_unit_weights_is_tf_idf() {
        let idf = idf();
        let terms = [3u32, 1, 3, 7, 3, 19];
        let a = SparseVector::tf_idf(terms, &idf, &mut Vec::new());
        let b = SparseVector::weighted(terms.iter().map(|&t| (t, 1.0)), &idf, |_| 1.0, &mut Vec::new());
        assert_eq!(a.entries.len(), b.entries.len());
        for (x, y) in a.entries.iter().zip(&b.entries) {
            assert_eq!(x.0, y.0);
            assert!((x.1 - y.1).abs() < 1e-6);
        }
    }

    #[test]
    fn a_boosted_term_weighs_more_and_nothing_weighs_nothing() {
        let v = SparseVector::weighted(
            [(0, 1.0), (1, 1.0)],
            &[1.0; 2],
            |t| if t == 1 { 2.0 } else { 1.0 },
            &mut Vec::new(),
        );
        assert!((v.entries[1].1 / v.entries[0].1 - 2.0).abs() < 1e-5);
        let empty = SparseVector::weighted([(0, 0.0), (5, 1.0), (1, f64::NAN)], &[1.0; 2], |_| 1.0, &mut Vec::new());
        assert!(empty.entries.is_empty());
    }

    #[test]
    fn repeats_weigh_sublinearly() {
        let v = SparseVector::tf_idf([0, 0, 0, 0, 1], &[1.0, 1.0], &mut Vec::new());
        let (w0, w1) = (v.entries[0].1, v.entries[1].1);
        assert!((w0 / w1 - (1.0 + 4f32.ln())).abs() < 1e-5);
    }
}
