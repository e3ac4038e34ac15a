//! Group-average agglomerative clustering with a stopping threshold, deterministic under ties.

use crate::vector::{cosine, SparseVector};

/// A group of stories, ascending.
pub(crate) struct Group {
    pub(crate) members: Vec<usize>,
}

/// Rounding allowance when comparing a similarity with the threshold.
const SLACK: f64 = 1e-6;

/// Similarities this close are ties: the Lance-Williams updates round differently from a recomputation, and a tie
/// must fall to the lower indices however it was reached.
const TIE: f32 = 1e-5;

/// Whether `sim` at `index` beats the current best `(best, best_index)` under the tie rule.
fn beats(sim: f32, index: usize, best: f32, best_index: usize) -> bool {
    sim > best + TIE || ((sim - best).abs() <= TIE && index < best_index)
}

/// The best partner of one active group: its similarity and index.
#[derive(Clone, Copy)]
struct Best {
    sim: f32,
    with: usize,
}

/// A dense symmetric table of similarities between active groups.
struct Table {
    n: usize,
    sims: Vec<f32>,
}

impl Table {
    fn get(&self, i: usize, j: usize) -> f32 {
        self.sims.get(i * self.n + j).copied().unwrap_or(0.0)
    }
    fn set(&mut self, i: usize, j: usize, v: f32) {
        if let Some(s) = self.sims.get_mut(i * self.n + j) {
            *s = v;
        }
        if let Some(s) = self.sims.get_mut(j * self.n + i) {
            *s = v;
        }
    }
}

/// Merges, again and again, the two groups of highest average pairwise cosine while it is at least `threshold`.
///
/// Average link (rather than single link) keeps one loose chain of stories from gluing unrelated events together;
/// among equal similarities the pair with the lowest indices merges first, so the result depends only on the input.
pub(crate) fn group_average(vectors: &[SparseVector], threshold: f64) -> Vec<Group> {
    let n = vectors.len();
    let mut table = Table {
        n,
        sims: vec![0.0; n * n],
    };
    for (i, a) in vectors.iter().enumerate() {
        for (j, b) in vectors.iter().enumerate().skip(i + 1) {
            table.set(i, j, cosine(a, b));
        }
    }
    let mut members: Vec<Option<Vec<usize>>> = (0..n).map(|i| Some(vec![i])).collect();
    let is_active = |members: &[Option<Vec<usize>>], k: usize| members.get(k).is_some_and(Option::is_some);
    let row_best = |table: &Table, members: &[Option<Vec<usize>>], i: usize| -> Option<Best> {
        let mut best: Option<Best> = None;
        for j in (0..n).filter(|&j| j != i && is_active(members, j)) {
            let sim = table.get(i, j);
            if best.is_none_or(|b| beats(sim, j, b.sim, b.with)) {
                best = Some(Best { sim, with: j });
            }
        }
        best
    };
    let mut best: Vec<Option<Best>> = (0..n).map(|i| row_best(&table, &members, i)).collect();
    loop {
        // The first row holding the highest similarity gives the lexicographically smallest pair among ties.
        let mut top: Option<(usize, Best)> = None;
        for (i, b) in best.iter().enumerate() {
            if let Some(b) = b {
                if is_active(&members, i) && top.is_none_or(|(ti, t)| beats(b.sim, i, t.sim, ti)) {
                    top = Some((i, *b));
                }
            }
        }
        let Some((i, b)) = top else { break };
        // f32 rounding leaves the cosine of identical stories a hair under 1.
        if f64::from(b.sim) + SLACK < threshold {
            break;
        }
        let (keep, gone) = (i.min(b.with), i.max(b.with));
        let gone_members = members.get_mut(gone).and_then(Option::take).unwrap_or_default();
        let size_gone = gone_members.len() as f32;
        let size_keep = members.get(keep).and_then(Option::as_ref).map_or(0, Vec::len) as f32;
        if let Some(Some(m)) = members.get_mut(keep) {
            m.extend(gone_members);
        }
        if let Some(slot) = best.get_mut(gone) {
            *slot = None;
        }
        // Lance-Williams update for group average: the new group's similarity to k is the size-weighted mean.
        for k in (0..n).filter(|&k| k != keep && is_active(&members, k)) {
            let merged = (size_keep * table.get(keep, k) + size_gone * table.get(gone, k)) / (size_keep + size_gone);
            table.set(keep, k, merged);
        }
        let refreshed = row_best(&table, &members, keep);
        if let Some(slot) = best.get_mut(keep) {
            *slot = refreshed;
        }
        for k in (0..n).filter(|&k| k != keep && is_active(&members, k)) {
            let current = best.get(k).copied().flatten();
            let sim = table.get(k, keep);
            let updated = match current {
                Some(c) if c.with == keep || c.with == gone => row_best(&table, &members, k),
                Some(c) if beats(sim, keep, c.sim, c.with) => Some(Best { sim, with: keep }),
                Some(c) => Some(c),
                None => row_best(&table, &members, k),
            };
            if let Some(slot) = best.get_mut(k) {
                *slot = updated;
            }
        }
    }
    members
        .into_iter()
        .flatten()
        .map(|mut m| {
            m.sort_unstable();
            Group { members: m }
        })
        .collect()
}

/// Mean pairwise cosine of a group's stories; 1 for a single story.
pub(crate) fn cohesion(members: &[usize], vectors: &[SparseVector]) -> f64 {
    let (mut sum, mut pairs) = (0.0f64, 0usize);
    for (k, &a) in members.iter().enumerate() {
        for &b in members.iter().skip(k + 1) {
            if let (Some(va), Some(vb)) = (vectors.get(a), vectors.get(b)) {
                sum += f64::from(cosine(va, vb));
                pairs += 1;
            }
        }
    }
    if pairs == 0 {
        1.0
    } else {
        sum / pairs as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn vectors(bags: &[&[u32]]) -> Vec<SparseVector> {
        let idf = vec![1.0; 32];
        bags.iter()
            .map(|b| SparseVector::tf_idf(b.iter().copied(), &idf, &mut Vec::new()))
            .collect()
    }

    fn groups(v: &[SparseVector], threshold: f64) -> Vec<Vec<usize>> {
        group_average(v, threshold).into_iter().map(|g| g.members).collect()
    }

    /// The reference: recompute every group pair's average similarity from scratch at every step.
    fn naive(v: &[SparseVector], threshold: f64) -> Vec<Vec<usize>> {
        let mut gs: Vec<Vec<usize>> = (0..v.len()).map(|i| vec![i]).collect();
        loop {
            let mut top: Option<(f32, usize, usize)> = None;
            for a in 0..gs.len() {
                for b in a + 1..gs.len() {
                    let mut s = 0.0f32;
                    for &x in &gs[a] {
                        for &y in &gs[b] {
                            s += cosine(&v[x], &v[y]);
                        }
                    }
                    let avg = s / (gs[a].len() * gs[b].len()) as f32;
                    let first = (gs[a][0].min(gs[b][0]), gs[a][0].max(gs[b][0]));
                    let better = match top {
                        None => true,
                        Some((t, ta, tb)) => {
                            avg > t + 1e-5
                                || ((avg - t).abs() <= 1e-5
                                    && first < (gs[ta][0].min(gs[tb][0]), gs[ta][0].max(gs[tb][0])))
                        }
                    };
                    if better {
                        top = Some((avg, a, b));
                    }
                }
            }
            match top {
                Some((t, a, b)) if f64::from(t) + SLACK >= threshold => {
                    let moved = gs.remove(b);
                    gs[a].extend(moved);
                }
                _ => break,
            }
        }
        let mut out: Vec<Vec<usize>> = gs
            .into_iter()
            .map(|mut g| {
                g.sort_unstable();
                g
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn alike_stories_group_and_unrelated_stay_alone() {
        let v = vectors(&[&[0, 1, 2, 3], &[10, 11, 12], &[0, 1, 2, 4], &[20, 21], &[10, 11, 13]]);
        assert_eq!(groups(&v, 0.5), [vec![0, 2], vec![1, 4], vec![3]]);
    }

    #[test]
    fn average_link_does_not_chain() {
        // 0~1 and 1~2 are alike, 0 and 2 share nothing: single link would glue all three.
        let v = vectors(&[&[0, 1, 2, 3], &[2, 3, 4, 5], &[4, 5, 6, 7]]);
        assert_eq!(groups(&v, 0.4), [vec![0, 1], vec![2]]);
    }

    #[test]
    fn threshold_one_keeps_distinct_stories_apart() {
        let v = vectors(&[&[0, 1], &[0, 2], &[0, 1]]);
        assert_eq!(groups(&v, 1.0), [vec![0, 2], vec![1]]);
    }

    #[test]
    fn cohesion_of_one_story_is_one() {
        let v = vectors(&[&[0, 1]]);
        assert_eq!(cohesion(&[0], &v), 1.0);
    }

    proptest! {
        #[test]
        fn matches_the_naive_recomputation(
            bags in prop::collection::vec(prop::collection::vec(0u32..12, 1..6), 0..14),
            threshold in 0.05f64..0.9,
        ) {
            let v: Vec<SparseVector> = bags
                .iter()
                .map(|b| SparseVector::tf_idf(b.iter().copied(), &[1.0; 12], &mut Vec::new()))
                .collect();
            let mut fast = groups(&v, threshold);
            fast.sort();
            prop_assert_eq!(fast, naive(&v, threshold));
        }
    }
}
