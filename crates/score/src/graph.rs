//! Sentence vectors, sentence-by-sentence similarity graphs and their stationary distribution.

use crate::Document;
use ndarray::linalg::general_mat_vec_mul;
use ndarray::{Array1, Array2};

/// Above this many sentences the dense `n × n` matrix is replaced by a sparse graph that keeps each sentence's
/// [`NEIGHBOURS`] most similar sentences: memory and the power iteration then grow linearly, not quadratically.
pub const DENSE_LIMIT: usize = 200;

/// Edges kept per sentence in the sparse graph of a long document.
pub const NEIGHBOURS: usize = 24;

/// Through a term held by more sentences than this, a sentence of a long document's sparse graph is compared only
/// with the holders nearest it (half this many before it and half after, among the term's holders); through
/// rarer terms, with every holder.
///
/// Without the bound, a term in every sentence (a story of one sentence repeated 20,000 times, or a name in every
/// line of a long list) makes every sentence a candidate neighbour of every other: time grows with the square of
/// the sentences, whatever the graph keeps. Such a term tells sentences apart as little as a stop word does:
/// bounded, each sentence examines at most this many other holders of it, and links through it to the sentences
/// around it, so time and memory grow with the terms of the story. The window is the same from either side (`j`
/// is within reach of `i` exactly when `i` is within reach of `j`), so similarities stay symmetric. A dense graph
/// ([`DENSE_LIMIT`] sentences at most) never reaches it, and neither does a term of a few hundred sentences.
///
/// ```
/// assert!(khulasa_score::TERM_REACH > khulasa_score::DENSE_LIMIT);
/// ```
pub const TERM_REACH: usize = 512;

// The dense graph compares every pair that shares a term: the reach must not cut it short.
const _: () = assert!(DENSE_LIMIT < TERM_REACH);

/// Damping of the random walk (Brin & Page; Mihalcea & Tarau and Erkan & Radev use the same 0.85).
pub const DAMPING: f64 = 0.85;

/// The power iteration stops when the L1 change of the distribution falls below this.
pub const TOLERANCE: f64 = 1e-9;

/// The power iteration stops after this many steps even if it has not converged.
pub const MAX_ITERATIONS: usize = 200;

/// How two sentences are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Similarity {
    /// Mihalcea & Tarau 2004: distinct shared terms / (ln|Si| + ln|Sj|), |S| the sentence's term count.
    Overlap,
    /// Cosine of the TF-IDF vectors.
    Cosine,
}

/// Every sentence of a document as a sparse TF-IDF vector, and the postings (term → sentences) to compare them
/// without visiting pairs that share nothing.
pub(crate) struct Vectors {
    /// `(term, tf × idf)` of each sentence, sorted by term; sentence `i` is `entries[offsets[i]..offsets[i + 1]]`.
    entries: Vec<(u32, f64)>,
    offsets: Vec<usize>,
    /// Euclidean norm of each sentence's vector.
    norms: Vec<f64>,
    /// Term occurrences (with repeats) of each sentence, the |S| of Mihalcea & Tarau.
    lengths: Vec<usize>,
    /// `(sentence, weight)` of each term; term `t` is `postings[posting_offsets[t]..posting_offsets[t + 1]]`.
    postings: Vec<(u32, f64)>,
    posting_offsets: Vec<usize>,
}

impl Vectors {
    pub(crate) fn new(doc: &Document) -> Self {
        let n = doc.sentences.len();
        // Sized once: a sentence has at most as many distinct terms as terms.
        let occurrences: usize = doc.sentences.iter().map(|s| s.terms.len()).sum();
        let longest = doc.sentences.iter().map(|s| s.terms.len()).max().unwrap_or(0);
        let mut entries: Vec<(u32, f64)> = Vec::with_capacity(occurrences);
        let mut offsets = Vec::with_capacity(n + 1);
        let mut norms = Vec::with_capacity(n);
        let mut lengths = Vec::with_capacity(n);
        let mut sorted: Vec<u32> = Vec::with_capacity(longest);
        offsets.push(0);
        let mut vocab = 0usize;
        for s in &doc.sentences {
            sorted.clear();
            sorted.extend_from_slice(&s.terms);
            sorted.sort_unstable();
            let start = entries.len();
            for &t in &sorted {
                let has_current = entries.len() > start;
                match entries.last_mut() {
                    Some((last, w)) if has_current && *last == t => *w += 1.0,
                    _ => entries.push((t, 1.0)),
                }
                vocab = vocab.max(t as usize + 1);
            }
            let mut sq = 0.0;
            for (t, w) in entries.iter_mut().skip(start) {
                *w *= doc.idf.get(*t as usize).copied().unwrap_or(1.0);
                sq += *w * *w;
            }
            norms.push(sq.sqrt());
            lengths.push(s.terms.len());
            offsets.push(entries.len());
        }
        let mut posting_offsets = vec![0usize; vocab + 1];
        for &(t, _) in &entries {
            if let Some(c) = posting_offsets.get_mut(t as usize + 1) {
                *c += 1;
            }
        }
        for i in 1..posting_offsets.len() {
            let prev = posting_offsets.get(i - 1).copied().unwrap_or(0);
            if let Some(c) = posting_offsets.get_mut(i) {
                *c += prev;
            }
        }
        let mut fill = posting_offsets.clone();
        let mut postings = vec![(0u32, 0.0); entries.len()];
        for i in 0..n {
            for &(t, w) in Self::slice(&entries, &offsets, i) {
                if let Some(at) = fill.get_mut(t as usize) {
                    if let Some(slot) = postings.get_mut(*at) {
                        *slot = (i as u32, w);
                    }
                    *at += 1;
                }
            }
        }
        Vectors {
            entries,
            offsets,
            norms,
            lengths,
            postings,
            posting_offsets,
        }
    }

    fn slice<'a>(entries: &'a [(u32, f64)], offsets: &[usize], i: usize) -> &'a [(u32, f64)] {
        let start = offsets.get(i).copied().unwrap_or(0);
        let end = offsets.get(i + 1).copied().unwrap_or(start);
        entries.get(start..end).unwrap_or(&[])
    }

    /// Number of sentences.
    pub(crate) fn len(&self) -> usize {
        self.norms.len()
    }

    /// Sentence `i`'s `(term, weight)` pairs, sorted by term.
    pub(crate) fn vector(&self, i: usize) -> &[(u32, f64)] {
        Self::slice(&self.entries, &self.offsets, i)
    }

    pub(crate) fn norm(&self, i: usize) -> f64 {
        self.norms.get(i).copied().unwrap_or(0.0)
    }

    /// The number of term ids the vectors use (one more than the highest).
    fn terms(&self) -> usize {
        self.posting_offsets.len().saturating_sub(1)
    }

    fn posting(&self, t: u32) -> &[(u32, f64)] {
        Self::slice(&self.postings, &self.posting_offsets, t as usize)
    }

    /// Cosine of sentence `i` with a dense vector indexed by term (a centroid), whose norm is `norm`: a lookup
    /// per term of the sentence, not a walk through the whole vocabulary.
    pub(crate) fn cosine_with_dense(&self, i: usize, dense: &[f64], norm: f64) -> f64 {
        let denom = self.norm(i) * norm;
        if denom <= 0.0 {
            return 0.0;
        }
        let dot: f64 = self
            .vector(i)
            .iter()
            .map(|&(t, w)| w * dense.get(t as usize).copied().unwrap_or(0.0))
            .sum();
        dot / denom
    }

    /// Cosine of sentences `i` and `j`.
    pub(crate) fn cosine(&self, i: usize, j: usize) -> f64 {
        let denom = self.norm(i) * self.norm(j);
        if denom <= 0.0 {
            return 0.0;
        }
        sparse_dot(self.vector(i), self.vector(j)) / denom
    }

    /// Calls `visit(j, similarity)` for every other sentence `j` that shares a term with sentence `i`, or only those
    /// after `i` when given `seen`: for each term, how many sentences before `i` hold it, which the caller passes
    /// for `i = 0, 1, 2...` in turn, starting from zeros (a sentence's entry in a term's postings is then found by
    /// counting, not searched for). `acc` and `touched` are scratch space reused across calls (`acc` holds `len()`
    /// zeros and is left so). Through a term held by more than [`TERM_REACH`] sentences, only the holders within
    /// half that many places of `i` among them are visited.
    ///
    /// The similarity of `i` and `j` is the same number from either side, to the last bit: the products of the
    /// shared terms' weights are added in the order of the terms (every vector is sorted by term), and the
    /// denominators are products or sums of the same two numbers.
    fn similar(
        &self,
        i: usize,
        kind: Similarity,
        mut seen: Option<&mut [u32]>,
        acc: &mut [f64],
        touched: &mut Vec<u32>,
        mut visit: impl FnMut(usize, f64),
    ) {
        touched.clear();
        for &(t, wi) in self.vector(i) {
            let posting = self.posting(t);
            // A term's postings are in sentence order: `i`'s entry comes after those of the sentences before it.
            let from = match seen.as_deref_mut().and_then(|seen| seen.get_mut(t as usize)) {
                Some(before) => {
                    *before += 1;
                    *before as usize
                }
                None => 0,
            };
            let (mut lo, mut hi) = (from, posting.len());
            if posting.len() > TERM_REACH {
                let at = posting.partition_point(|&(j, _)| (j as usize) < i);
                lo = lo.max(at.saturating_sub(TERM_REACH / 2));
                hi = hi.min(at.saturating_add(TERM_REACH / 2 + 1));
            }
            for &(j, wj) in posting.get(lo..hi).unwrap_or(&[]) {
                if j as usize == i {
                    continue;
                }
                if let Some(a) = acc.get_mut(j as usize) {
                    if *a == 0.0 {
                        touched.push(j);
                    }
                    *a += match kind {
                        Similarity::Overlap => 1.0,
                        Similarity::Cosine => wi * wj,
                    };
                }
            }
        }
        let len_i = self.lengths.get(i).copied().unwrap_or(0);
        for &j in touched.iter() {
            let j = j as usize;
            let Some(a) = acc.get_mut(j) else { continue };
            let shared = std::mem::replace(a, 0.0);
            let sim = match kind {
                Similarity::Overlap => {
                    let len_j = self.lengths.get(j).copied().unwrap_or(0);
                    // Two one-word sentences have ln 1 + ln 1 = 0; their one shared word then counts as 1.
                    let denom = (len_i.max(1) as f64).ln() + (len_j.max(1) as f64).ln();
                    if denom > 0.0 {
                        shared / denom
                    } else {
                        shared
                    }
                }
                Similarity::Cosine => {
                    let denom = self.norm(i) * self.norm(j);
                    if denom > 0.0 {
                        shared / denom
                    } else {
                        0.0
                    }
                }
            };
            if sim > 0.0 {
                visit(j, sim);
            }
        }
    }
}

fn sparse_dot(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while let (Some(&(ta, wa)), Some(&(tb, wb))) = (a.get(i), b.get(j)) {
        match ta.cmp(&tb) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += wa * wb;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// A weighted sentence graph: dense for short documents, the strongest edges of each sentence for long ones.
pub(crate) enum Graph {
    Dense(Array2<f64>),
    /// Each sentence's edges, sorted by target: boxed, so a row holds its edges and no spare room.
    Sparse(Vec<Box<[(u32, f64)]>>),
}

impl Graph {
    /// The similarity graph of `vectors`; with `threshold`, an edge of weight 1 wherever the similarity exceeds
    /// it (Erkan & Radev's thresholded LexRank), else the similarity itself.
    pub(crate) fn build(vectors: &Vectors, kind: Similarity, threshold: Option<f64>) -> Graph {
        let n = vectors.len();
        let mut acc = vec![0.0; n];
        let mut touched = Vec::new();
        let weight = |sim: f64| match threshold {
            Some(th) if sim > th => Some(1.0),
            Some(_) => None,
            None => Some(sim),
        };
        if n <= DENSE_LIMIT {
            let mut m = Array2::<f64>::zeros((n, n));
            let mut seen = vec![0u32; vectors.terms()];
            // The graph is symmetric: each pair is compared once and written to both cells.
            for i in 0..n {
                vectors.similar(i, kind, Some(&mut seen), &mut acc, &mut touched, |j, sim| {
                    if let Some(w) = weight(sim) {
                        for cell in [(i, j), (j, i)] {
                            if let Some(cell) = m.get_mut(cell) {
                                *cell = w;
                            }
                        }
                    }
                });
            }
            Graph::Dense(m)
        } else {
            let mut rows = Vec::with_capacity(n);
            // The candidates of one sentence at a time, in one buffer reused: what stays of a row is copied out at
            // its own size. A row kept at the size of its candidates would hold room for every other sentence
            // (n × n edges for a story of identical sentences).
            let mut row: Vec<(u32, f64)> = Vec::new();
            for i in 0..n {
                row.clear();
                vectors.similar(i, kind, None, &mut acc, &mut touched, |j, sim| {
                    if weight(sim).is_some() {
                        row.push((j as u32, sim));
                    }
                });
                // The strongest edges are kept, by similarity even when the graph is thresholded.
                if row.len() > NEIGHBOURS {
                    row.select_nth_unstable_by(NEIGHBOURS - 1, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                    row.truncate(NEIGHBOURS);
                }
                for e in &mut row {
                    e.1 = weight(e.1).unwrap_or(0.0);
                }
                row.sort_unstable_by_key(|e| e.0);
                rows.push(Box::from(row.as_slice()));
            }
            Graph::Sparse(rows)
        }
    }

    /// Edges the graph stores: every cell of a dense matrix, the kept edges of a sparse graph.
    #[cfg(test)]
    fn stored_edges(&self) -> usize {
        match self {
            Graph::Dense(m) => m.len(),
            Graph::Sparse(rows) => rows.iter().map(|r| r.len()).sum(),
        }
    }

    /// The stationary distribution of the damped random walk on this graph.
    pub(crate) fn rank(&self) -> Stationary {
        match self {
            Graph::Dense(m) => stationary(m, DAMPING),
            Graph::Sparse(rows) => sparse_pagerank(rows, DAMPING),
        }
    }
}

/// The outcome of a power iteration.
#[derive(Debug, Clone, PartialEq)]
pub struct Stationary {
    /// Probability of each node; sums to 1 (empty for an empty graph).
    pub scores: Vec<f64>,
    /// Steps taken (0 for [`stationary`]'s direct solve).
    pub iterations: usize,
    /// Whether the L1 change fell below [`TOLERANCE`] within [`MAX_ITERATIONS`] steps.
    pub converged: bool,
}

/// Stationary distribution of the random walk that follows edge `i → j` with probability proportional to
/// `weights[[i, j]]` and, with probability `1 - damping`, jumps to a node chosen uniformly (PageRank). A node
/// without out-edges jumps uniformly. Power iteration from the uniform vector, stopped at an L1 change below
/// [`TOLERANCE`] or after [`MAX_ITERATIONS`] steps.
///
/// ```
/// use ndarray::array;
/// // An undirected weighted triangle: without damping, each node's probability is its weighted degree over the
/// // total, here 2/8, 3/8, 3/8.
/// let w = array![[0.0, 1.0, 1.0], [1.0, 0.0, 2.0], [1.0, 2.0, 0.0]];
/// let s = khulasa_score::pagerank(&w, 1.0);
/// assert!(s.converged);
/// assert!((s.scores[0] - 0.25).abs() < 1e-6);
/// ```
pub fn pagerank(weights: &Array2<f64>, damping: f64) -> Stationary {
    let n = weights.nrows().min(weights.ncols());
    if n == 0 {
        return Stationary {
            scores: Vec::new(),
            iterations: 0,
            converged: true,
        };
    }
    // A matrix that is not square is read as its top-left square (the nodes both its rows and columns name).
    let mut transition = weights.slice(ndarray::s![..n, ..n]).to_owned();
    let mut dangling = Array1::<f64>::zeros(n);
    for (mut row, d) in transition.rows_mut().into_iter().zip(dangling.iter_mut()) {
        let sum: f64 = row.iter().filter(|w| **w > 0.0).sum();
        if sum > 0.0 {
            row.mapv_inplace(|w| if w > 0.0 { w / sum } else { 0.0 });
        } else {
            *d = 1.0;
        }
    }
    // Stored transposed and contiguous, so each step is a row-major matrix-vector product.
    let incoming = transition.t().as_standard_layout().into_owned();
    let uniform = 1.0 / n as f64;
    let mut p = Array1::<f64>::from_elem(n, uniform);
    // The next step is written into a second vector and the two swap: no allocation a step.
    let mut next = Array1::<f64>::zeros(n);
    let mut iterations = 0;
    let mut converged = false;
    while iterations < MAX_ITERATIONS {
        iterations += 1;
        let dangling_mass: f64 = p.dot(&dangling);
        // What `incoming.dot(&p)` computes (the same sums in the same order), into `next`.
        general_mat_vec_mul(1.0, &incoming, &p, 0.0, &mut next);
        let base = (1.0 - damping) * uniform + damping * dangling_mass * uniform;
        next.mapv_inplace(|x| base + damping * x);
        let change: f64 = next.iter().zip(p.iter()).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut p, &mut next);
        if change < TOLERANCE {
            converged = true;
            break;
        }
    }
    Stationary {
        scores: p.to_vec(),
        iterations,
        converged,
    }
}

/// The grid [`stationary`] rounds its probabilities to: 2^40 points in the unit.
const SNAP_GRID: f64 = (1u64 << 40) as f64;

/// The distribution [`pagerank`] converges to, solved for directly: `p = (1 - d)/n + d·Mᵀp + (d/n)·(mass on
/// dangling nodes)` is the linear system `(I - d·Mᵀ - (d/n)·1·δᵀ) p = (1 - d)/n · 1`, solved by Gaussian
/// elimination. For the sentences of a story (tens of them) this is several times less work than the 20 to 40
/// power steps of [`pagerank`], and exact where the steps stop within [`TOLERANCE`]; its cost grows as n³, so a
/// long document's graph is better sparsified and iterated (as the graph scorers do beyond [`DENSE_LIMIT`]).
///
/// The system's matrix is strictly diagonally dominant by columns whenever `damping < 1` (a column holds 1 on the
/// diagonal, or `1 - d/n` for a dangling node, and `d` or `d(n-1)/n` off it), so elimination needs no pivoting and
/// stays stable. With `damping` 1 (no jumps) the walk may have many stationary distributions: [`pagerank`]'s
/// iteration is used then.
///
/// ```
/// use ndarray::array;
/// let w = array![[0.0, 1.0], [0.0, 0.0]];
/// let s = khulasa_score::stationary(&w, 0.85);
/// assert!((s.scores[0] - 0.5 / 1.425).abs() < 1e-12);
/// let iterated = khulasa_score::pagerank(&w, 0.85);
/// assert!((s.scores[1] - iterated.scores[1]).abs() < 1e-9);
/// ```
pub fn stationary(weights: &Array2<f64>, damping: f64) -> Stationary {
    let n = weights.nrows().min(weights.ncols());
    if n == 0 || !(0.0..1.0).contains(&damping) {
        return pagerank(weights, damping);
    }
    let jump = damping / n as f64;
    // Row j of the system, stored row-major: a[j * n + i] is the coefficient of p_i in the equation of p_j.
    let mut a = vec![0.0; n * n];
    for (i, row) in weights.rows().into_iter().take(n).enumerate() {
        let row = row.slice(ndarray::s![..n]);
        let sum: f64 = row.iter().filter(|w| **w > 0.0).sum();
        for (j, &w) in row.iter().enumerate() {
            let from_i = if sum > 0.0 {
                if w > 0.0 {
                    damping * w / sum
                } else {
                    0.0
                }
            } else {
                // A dangling node jumps uniformly.
                jump
            };
            if let Some(cell) = a.get_mut(j * n + i) {
                *cell -= from_i;
            }
        }
    }
    for j in 0..n {
        if let Some(cell) = a.get_mut(j * n + j) {
            *cell += 1.0;
        }
    }
    let mut p = vec![(1.0 - damping) / n as f64; n];
    // Forward elimination, row by row below each pivot; the pivots are at least 1 - d > 0.
    for k in 0..n {
        let (above, below) = a.split_at_mut((k + 1) * n);
        let Some(pivot_row) = above.get(k * n..) else { break };
        let pivot = pivot_row.get(k).copied().unwrap_or(1.0);
        let pk = p.get(k).copied().unwrap_or(0.0);
        for (r, row) in below.chunks_exact_mut(n).enumerate() {
            let factor = row.get(k).copied().unwrap_or(0.0) / pivot;
            if factor == 0.0 {
                continue;
            }
            if let (Some(xs), Some(ys)) = (row.get_mut(k + 1..), pivot_row.get(k + 1..n)) {
                for (x, &y) in xs.iter_mut().zip(ys) {
                    *x -= factor * y;
                }
            }
            if let Some(pr) = p.get_mut(k + 1 + r) {
                *pr -= factor * pk;
            }
        }
    }
    // Back substitution.
    for k in (0..n).rev() {
        let row = a.get(k * n..(k + 1) * n).unwrap_or(&[]);
        let known: f64 = match (row.get(k + 1..), p.get(k + 1..)) {
            (Some(cs), Some(xs)) => cs.iter().zip(xs).map(|(c, x)| c * x).sum(),
            _ => 0.0,
        };
        let pivot = row.get(k).copied().unwrap_or(1.0);
        if let Some(pk) = p.get_mut(k) {
            *pk = (*pk - known) / pivot;
        }
    }
    // Nodes alike in the graph (the same degree in a 0/1 graph, say) have equal probabilities, which the
    // elimination's rounding may leave a few units of the last place apart: that would decide their ties at
    // random instead of by position. Every probability is at least (1 - d)/n (above 1e-4 for a dense graph), so
    // a grid of 2^-40 (about 1e-12) makes them equal again and costs no precision that matters.
    let total: f64 = p.iter().sum();
    if total > 0.0 {
        p.iter_mut()
            .for_each(|x| *x = (*x / total * SNAP_GRID).round() / SNAP_GRID);
    }
    Stationary {
        scores: p,
        iterations: 0,
        converged: true,
    }
}

/// [`pagerank`] on a graph given as rows of `(target, weight)` edges.
fn sparse_pagerank<R: AsRef<[(u32, f64)]>>(rows: &[R], damping: f64) -> Stationary {
    let n = rows.len();
    if n == 0 {
        return Stationary {
            scores: Vec::new(),
            iterations: 0,
            converged: true,
        };
    }
    let sums: Vec<f64> = rows
        .iter()
        .map(|r| r.as_ref().iter().map(|e| e.1.max(0.0)).sum())
        .collect();
    let uniform = 1.0 / n as f64;
    let mut p = vec![uniform; n];
    let mut next = vec![0.0; n];
    let mut iterations = 0;
    let mut converged = false;
    while iterations < MAX_ITERATIONS {
        iterations += 1;
        next.iter_mut().for_each(|x| *x = 0.0);
        let mut dangling_mass = 0.0;
        for ((row, &sum), &pi) in rows.iter().zip(&sums).zip(&p) {
            if sum <= 0.0 {
                dangling_mass += pi;
                continue;
            }
            for &(j, w) in row.as_ref() {
                if let Some(x) = next.get_mut(j as usize) {
                    *x += pi * w.max(0.0) / sum;
                }
            }
        }
        let base = (1.0 - damping) * uniform + damping * dangling_mass * uniform;
        let mut change = 0.0;
        for (x, old) in next.iter_mut().zip(p.iter()) {
            *x = base + damping * *x;
            change += (*x - old).abs();
        }
        std::mem::swap(&mut p, &mut next);
        if change < TOLERANCE {
            converged = true;
            break;
        }
    }
    Stationary {
        scores: p,
        iterations,
        converged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Role, SentenceFeatures};
    use ndarray::array;
    use proptest::strategy::Just;

    fn doc(sentences: &[&[u32]]) -> Document {
        let vocab = sentences
            .iter()
            .flat_map(|s| s.iter())
            .max()
            .map_or(0, |m| *m as usize + 1);
        Document {
            sentences: sentences
                .iter()
                .map(|t| SentenceFeatures {
                    terms: t.to_vec(),
                    words: t.len(),
                    role: Role::Body,
                })
                .collect(),
            idf: vec![1.0; vocab],
        }
    }

    #[test]
    fn a_matrix_that_is_not_square_is_read_as_its_square() {
        let wide = array![[0.0, 1.0, 5.0], [1.0, 0.0, 5.0]];
        let s = pagerank(&wide, DAMPING);
        assert_eq!(s.scores.len(), 2);
        assert!((s.scores[0] - 0.5).abs() < 1e-9 && (s.scores[1] - 0.5).abs() < 1e-9);
        assert_eq!(pagerank(&wide.t().to_owned(), DAMPING).scores, s.scores);
    }

    #[test]
    fn undirected_graph_without_damping_is_proportional_to_weighted_degree() {
        // Weighted degrees 3, 5, 4, 2 of a total of 14.
        let w = array![
            [0.0, 2.0, 1.0, 0.0],
            [2.0, 0.0, 2.0, 1.0],
            [1.0, 2.0, 0.0, 1.0],
            [0.0, 1.0, 1.0, 0.0]
        ];
        let s = pagerank(&w, 1.0);
        assert!(s.converged);
        for (got, want) in s.scores.iter().zip([3.0, 5.0, 4.0, 2.0]) {
            assert!((got - want / 14.0).abs() < 1e-7, "{got} vs {}", want / 14.0);
        }
    }

    #[test]
    fn two_node_chain_with_damping_matches_closed_form() {
        // a → b only; b dangles and jumps uniformly. With d = 0.85 the jump and b's dangling mass give a
        // pa = 0.075 + 0.425 pb, and pa + pb = 1, so pa = 0.5 / 1.425.
        let w = array![[0.0, 1.0], [0.0, 0.0]];
        let s = pagerank(&w, 0.85);
        assert!((s.scores[0] - 0.5 / 1.425).abs() < 1e-8);
        assert!((s.scores[0] + s.scores[1] - 1.0).abs() < 1e-12);
    }

    #[test]
    fn sparse_and_dense_iterations_agree() {
        let w = array![[0.0, 0.5, 0.2], [0.5, 0.0, 0.0], [0.2, 0.0, 0.0]];
        let dense = pagerank(&w, DAMPING);
        let rows = vec![vec![(1, 0.5), (2, 0.2)], vec![(0, 0.5)], vec![(0, 0.2)]];
        let sparse = sparse_pagerank(&rows, DAMPING);
        for (a, b) in dense.scores.iter().zip(&sparse.scores) {
            assert!((a - b).abs() < 1e-9);
        }
    }

    proptest::proptest! {
        /// The direct solve is the distribution the power iteration converges to, on weighted and on 0/1 graphs
        /// with dangling nodes.
        #[test]
        fn solved_and_iterated_distributions_agree(
            cells in proptest::collection::vec(proptest::prop_oneof![Just(0.0), Just(1.0), 0.0..1.0f64], 1..=144),
            // Up to 0.85: beyond, a graph of several components can need more than MAX_ITERATIONS steps to
            // converge (its second eigenvalue is the damping itself).
            damping in proptest::prop_oneof![Just(DAMPING), 0.0..DAMPING],
        ) {
            let n = (cells.len() as f64).sqrt() as usize;
            let w = Array2::from_shape_fn((n, n), |(i, j)| if i == j { 0.0 } else { cells[i * n + j] });
            let solved = stationary(&w, damping);
            let iterated = pagerank(&w, damping);
            proptest::prop_assert!(iterated.converged);
            for (a, b) in solved.scores.iter().zip(&iterated.scores) {
                proptest::prop_assert!((a - b).abs() < 1e-8, "{:?} vs {:?}", solved.scores, iterated.scores);
            }
        }
    }

    proptest::proptest! {
        /// The dense graph, each pair compared once, is the matrix of every sentence compared with every other
        /// from its own side, to the last bit (weighted terms, repeated terms, sentences without terms).
        #[test]
        fn one_comparison_a_pair_gives_every_cell(
            sentences in proptest::collection::vec(proptest::collection::vec(0u32..12, 0..9), 1..30),
            idf in proptest::collection::vec(0.5..4.0f64, 12),
            threshold in proptest::option::of(0.0..0.5f64),
        ) {
            let refs: Vec<&[u32]> = sentences.iter().map(Vec::as_slice).collect();
            let mut d = doc(&refs);
            d.idf = idf;
            let v = Vectors::new(&d);
            let n = v.len();
            for kind in [Similarity::Cosine, Similarity::Overlap] {
                let Graph::Dense(m) = Graph::build(&v, kind, threshold) else { panic!("dense") };
                let mut full = Array2::<f64>::zeros((n, n));
                let (mut acc, mut touched) = (vec![0.0; n], Vec::new());
                for i in 0..n {
                    v.similar(i, kind, None, &mut acc, &mut touched, |j, sim| {
                        let w = match threshold {
                            Some(th) if sim > th => 1.0,
                            Some(_) => 0.0,
                            None => sim,
                        };
                        full[(i, j)] = w;
                    });
                }
                let same = m.iter().zip(full.iter()).all(|(a, b)| a.to_bits() == b.to_bits());
                proptest::prop_assert!(same, "{:?}\n{:?}", m, full);
            }
        }
    }

    #[test]
    fn overlap_similarity_is_mihalcea_tarau() {
        // Sentences of 4 and 2 terms sharing 2 distinct terms: 2 / (ln 4 + ln 2).
        let d = doc(&[&[0, 1, 2, 3], &[0, 1], &[5]]);
        let v = Vectors::new(&d);
        let Graph::Dense(m) = Graph::build(&v, Similarity::Overlap, None) else {
            panic!("dense")
        };
        assert!((m[[0, 1]] - 2.0 / (4f64.ln() + 2f64.ln())).abs() < 1e-12);
        assert_eq!(m[[0, 2]], 0.0);
        assert_eq!(m[[1, 1]], 0.0);
    }

    #[test]
    fn cosine_similarity_of_identical_sentences_is_one() {
        let d = doc(&[&[0, 1, 1], &[0, 1, 1], &[2]]);
        let v = Vectors::new(&d);
        assert!((v.cosine(0, 1) - 1.0).abs() < 1e-12);
        assert_eq!(v.cosine(0, 2), 0.0);
    }

    #[test]
    fn a_story_of_one_sentence_repeated_keeps_a_graph_linear_in_its_sentences() {
        // `قال الوزير.` 20,000 times: two terms, each held by every sentence.
        let n = 20_000;
        let sentences = vec![vec![0u32, 1]; n];
        let refs: Vec<&[u32]> = sentences.iter().map(Vec::as_slice).collect();
        let v = Vectors::new(&doc(&refs));
        for (kind, threshold) in [
            (Similarity::Cosine, None),
            (Similarity::Cosine, Some(0.1)),
            (Similarity::Overlap, None),
        ] {
            let graph = Graph::build(&v, kind, threshold);
            assert!(graph.stored_edges() <= n * NEIGHBOURS, "{}", graph.stored_edges());
            let Graph::Sparse(rows) = &graph else { panic!("sparse") };
            assert_eq!(rows.len(), n);
            for (i, row) in rows.iter().enumerate() {
                assert!(!row.is_empty() && row.len() <= NEIGHBOURS);
                // Candidates come from the term's holders around the sentence, not from the whole story.
                assert!(
                    row.iter().all(|&(j, _)| (j as usize).abs_diff(i) <= TERM_REACH / 2),
                    "{i}: {row:?}"
                );
            }
            let s = graph.rank();
            assert_eq!(s.scores.len(), n);
            assert!((s.scores.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        }
    }

    #[test]
    fn a_common_term_links_each_sentence_to_the_holders_within_reach_from_either_side() {
        // Term 0 in every sentence (beyond the reach), term 1 in every tenth (within it).
        let n = 3 * TERM_REACH;
        let sentences: Vec<Vec<u32>> = (0..n).map(|i| if i % 10 == 0 { vec![0, 1] } else { vec![0] }).collect();
        let refs: Vec<&[u32]> = sentences.iter().map(Vec::as_slice).collect();
        let v = Vectors::new(&doc(&refs));
        let (mut acc, mut touched) = (vec![0.0; n], Vec::new());
        let mut sims = vec![Vec::new(); n];
        for (i, found) in sims.iter_mut().enumerate() {
            v.similar(i, Similarity::Cosine, None, &mut acc, &mut touched, |j, sim| {
                found.push((j, sim))
            });
            found.sort_by_key(|e| e.0);
        }
        for (i, found) in sims.iter().enumerate() {
            for &(j, sim) in found {
                let back = sims[j].iter().find(|e| e.0 == i).map(|e| e.1);
                assert_eq!(back.map(f64::to_bits), Some(sim.to_bits()), "{i} ~ {j}");
                // Beyond the reach of the common term, only the rarer one links.
                assert!(
                    i.abs_diff(j) <= TERM_REACH / 2 || (i % 10 == 0 && j % 10 == 0),
                    "{i} ~ {j}"
                );
            }
        }
        // The rarer term's holders still all meet, however far apart.
        let holders = (1..n).filter(|j| j % 10 == 0).count();
        assert_eq!(sims[0].iter().filter(|e| e.0 % 10 == 0).count(), holders);
    }

    #[test]
    fn long_documents_get_a_sparse_graph_with_bounded_rows() {
        let sentences: Vec<Vec<u32>> = (0..DENSE_LIMIT as u32 + 50)
            .map(|i| vec![i % 7, 100 + i % 3, 200])
            .collect();
        let refs: Vec<&[u32]> = sentences.iter().map(|s| s.as_slice()).collect();
        let v = Vectors::new(&doc(&refs));
        let Graph::Sparse(rows) = Graph::build(&v, Similarity::Cosine, None) else {
            panic!("sparse")
        };
        assert!(rows.iter().all(|r| r.len() <= NEIGHBOURS && !r.is_empty()));
        let s = Graph::Sparse(rows).rank();
        assert!(s.converged);
        assert!((s.scores.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }
}
