use crate::graph::{Graph, Similarity, Vectors};
use crate::{Document, Role, ScoreError};

/// A way of scoring a document's sentences.
pub trait Scorer: Send + Sync {
    /// Its name, as given to `--scorer`.
    fn name(&self) -> &'static str;
    /// One score per sentence of `doc` (higher is better); headlines and sub-headlines get 0.
    fn score(&self, doc: &Document) -> Vec<f64>;
    /// A baseline is measured as it stands: its picks are not held to the desk's conditions ([`crate::Desk`]).
    fn is_baseline(&self) -> bool {
        false
    }
    /// Whether its scores read the document's IDF ([`Document::idf`]). One that ranks by position alone does not,
    /// so a batch need not be counted for it: counting is a pass of its own over every story.
    fn reads_idf(&self) -> bool {
        true
    }
    /// Whether it ranks by position alone: each body sentence scores below the body sentence before it, and a
    /// sentence's score reads no sentence after it. Then a summary under a sentence budget is settled by a
    /// story's opening sentences, and the rest need not be read.
    fn ranks_by_position(&self) -> bool {
        false
    }
}

/// The names `scorer` accepts; the first is the default.
pub const SCORER_NAMES: [&str; 8] = [
    "default",
    "lead",
    "weighted",
    "tfidf",
    "textrank",
    "lexrank",
    "lexrank-threshold",
    "centroid",
];

/// Cosine above which thresholded LexRank links two sentences (Erkan & Radev 2004 found 0.1 best on DUC).
pub const LEXRANK_THRESHOLD: f64 = 0.1;

/// The scorer called `name` (one of [`SCORER_NAMES`]): `default` is [`LeadAnchored`], `weighted` the
/// [`DefaultScorer`] with the fitted [`DefaultWeights::FITTED`].
///
/// ```
/// assert_eq!(khulasa_score::scorer("lead").unwrap().name(), "lead");
/// assert!(khulasa_score::scorer("nonsense").is_none());
/// ```
pub fn scorer(name: &str) -> Option<Box<dyn Scorer>> {
    Some(match name {
        "default" => Box::new(LeadAnchored),
        "lead" => Box::new(Lead),
        "weighted" => Box::new(DefaultScorer::new(DefaultWeights::FITTED)),
        "tfidf" => Box::new(TfIdf),
        "textrank" => Box::new(Centrality::TEXTRANK),
        "lexrank" => Box::new(Centrality::LEXRANK),
        "lexrank-threshold" => Box::new(Centrality::LEXRANK_THRESHOLD),
        "centroid" => Box::new(Centroid),
        _ => return None,
    })
}

/// Zeroes the scores of sentences that may not be selected.
fn body_only(doc: &Document, mut scores: Vec<f64>) -> Vec<f64> {
    for (score, s) in scores.iter_mut().zip(&doc.sentences) {
        if s.role != Role::Body || !score.is_finite() {
            *score = 0.0;
        }
    }
    scores
}

/// `prior(k, body)` for the k-th (from 1) of `body` body sentences, 0 for the others.
fn by_body_position(doc: &Document, prior: impl Fn(usize, usize) -> f64) -> Vec<f64> {
    let body = doc.sentences.iter().filter(|s| s.role == Role::Body).count();
    let mut k = 0usize;
    doc.sentences
        .iter()
        .map(|s| {
            if s.role != Role::Body {
                return 0.0;
            }
            k += 1;
            prior(k, body)
        })
        .collect()
}

/// The first sentences first, as they stand: 1 / k for the k-th body sentence, a baseline.
struct Lead;

impl Scorer for Lead {
    fn name(&self) -> &'static str {
        "lead"
    }
    fn score(&self, doc: &Document) -> Vec<f64> {
        by_body_position(doc, |k, _| 1.0 / k as f64)
    }
    fn is_baseline(&self) -> bool {
        true
    }
    fn reads_idf(&self) -> bool {
        false
    }
    fn ranks_by_position(&self) -> bool {
        true
    }
}

/// The default: the story's own order (1 / k for the k-th body sentence), held to the desk's conditions when
/// selected.
///
/// News is written with the gist first, and on EASC people pick the first sentence 72% of the time while
/// agreeing little on the rest; learned rerankers gained nothing beyond noise on articles they had not seen. So
/// the order is the writer's, and what makes the summary better than the first sentences is what selection leaves
/// out: lead-ins cut from their lists, sentences that refer back to one not taken, and repetitions.
///
/// ```
/// use khulasa_score::{LeadAnchored, Document, Role, Scorer, SentenceFeatures};
/// let s = |role| SentenceFeatures { terms: vec![0], words: 3, role };
/// let doc = Document { sentences: vec![s(Role::Headline), s(Role::Body), s(Role::Body)], idf: vec![1.0] };
/// assert_eq!(LeadAnchored.score(&doc), [0.0, 1.0, 0.5]);
/// assert!(!LeadAnchored.is_baseline());
/// assert!(!LeadAnchored.reads_idf() && LeadAnchored.ranks_by_position());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LeadAnchored;

impl Scorer for LeadAnchored {
    fn name(&self) -> &'static str {
        "default"
    }
    fn score(&self, doc: &Document) -> Vec<f64> {
        Lead.score(doc)
    }
    fn reads_idf(&self) -> bool {
        false
    }
    fn ranks_by_position(&self) -> bool {
        true
    }
}

/// Mean TF-IDF weight of a sentence's terms, TF counted over the whole document.
struct TfIdf;

impl Scorer for TfIdf {
    fn name(&self) -> &'static str {
        "tfidf"
    }
    fn score(&self, doc: &Document) -> Vec<f64> {
        let mut tf = vec![0u32; doc.idf.len()];
        for s in &doc.sentences {
            for &t in &s.terms {
                if let Some(c) = tf.get_mut(t as usize) {
                    *c += 1;
                }
            }
        }
        let scores = doc
            .sentences
            .iter()
            .map(|s| {
                if s.terms.is_empty() {
                    return 0.0;
                }
                let sum: f64 = s
                    .terms
                    .iter()
                    .map(|&t| {
                        let i = t as usize;
                        f64::from(tf.get(i).copied().unwrap_or(0)) * doc.idf.get(i).copied().unwrap_or(0.0)
                    })
                    .sum();
                sum / s.terms.len() as f64
            })
            .collect();
        body_only(doc, scores)
    }
}

/// Graph centrality: the stationary distribution of a random walk on the sentence similarity graph. Every
/// sentence (headlines and sub-headlines too) is a node, so what they say lends weight to the body sentences
/// like them; only body sentences keep their score.
struct Centrality {
    name: &'static str,
    similarity: Similarity,
    threshold: Option<f64>,
}

impl Centrality {
    /// Mihalcea & Tarau 2004.
    const TEXTRANK: Centrality = Centrality {
        name: "textrank",
        similarity: Similarity::Overlap,
        threshold: None,
    };
    /// Erkan & Radev 2004, continuous: edges weighted by cosine (TextRank's walk on TF-IDF cosine edges).
    const LEXRANK: Centrality = Centrality {
        name: "lexrank",
        similarity: Similarity::Cosine,
        threshold: None,
    };
    /// Erkan & Radev 2004, thresholded: an edge of weight 1 where the cosine exceeds [`LEXRANK_THRESHOLD`].
    const LEXRANK_THRESHOLD: Centrality = Centrality {
        name: "lexrank-threshold",
        similarity: Similarity::Cosine,
        threshold: Some(LEXRANK_THRESHOLD),
    };

    fn ranks(&self, vectors: &Vectors) -> Vec<f64> {
        Graph::build(vectors, self.similarity, self.threshold).rank().scores
    }
}

impl Scorer for Centrality {
    fn name(&self) -> &'static str {
        self.name
    }
    fn score(&self, doc: &Document) -> Vec<f64> {
        body_only(doc, self.ranks(&Vectors::new(doc)))
    }
}

/// Cosine of each sentence with the document's TF-IDF centroid (Radev et al. 2004).
struct Centroid;

impl Centroid {
    fn similarities(doc: &Document, vectors: &Vectors) -> Vec<f64> {
        let centroid = sum_of(doc, vectors, |_| true);
        let norm = norm_of(&centroid);
        (0..vectors.len())
            .map(|i| vectors.cosine_with_dense(i, &centroid, norm))
            .collect()
    }
}

impl Scorer for Centroid {
    fn name(&self) -> &'static str {
        "centroid"
    }
    fn score(&self, doc: &Document) -> Vec<f64> {
        body_only(doc, Self::similarities(doc, &Vectors::new(doc)))
    }
}

/// Sum of the vectors of the sentences `keep` accepts, dense (indexed by term).
fn sum_of(doc: &Document, vectors: &Vectors, keep: impl Fn(usize) -> bool) -> Vec<f64> {
    let mut dense = vec![0.0; doc.idf.len()];
    for i in (0..vectors.len()).filter(|&i| keep(i)) {
        for &(t, w) in vectors.vector(i) {
            if let Some(x) = dense.get_mut(t as usize) {
                *x += w;
            }
        }
    }
    dense
}

fn norm_of(v: &[f64]) -> f64 {
    v.iter().map(|w| w * w).sum::<f64>().sqrt()
}

/// Weights of the default scorer's signals, each signal scaled to 0..=1 over the document's body sentences.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DefaultWeights {
    /// LexRank centrality (continuous), divided by the document's highest.
    pub centrality: f64,
    /// Position prior `1 / sqrt(k)` for the k-th body sentence: news puts the gist first.
    pub position: f64,
    /// Relative position `1 - (k - 1) / n` of the k-th of n body sentences: how early in the story, whatever its
    /// length (a long story's tenth sentence is still in its first part).
    pub relative: f64,
    /// Cosine with the headline(s); 0 when the document has none.
    pub headline: f64,
    /// Cosine with the document's TF-IDF centroid, divided by the highest.
    pub centroid: f64,
    /// `ln(1 + words) / ln(1 + most words)`: a positive weight favours full sentences over fragments, a negative
    /// one favours short sentences, which leave room in a word budget.
    pub length: f64,
}

impl DefaultWeights {
    /// Weights fitted on easc-dev by `scripts/fit-default.py` (coordinate search maximising ROUGE-2 F1 under the
    /// `--words B` budget); re-run the script when the splitter, normaliser or stemmer change.
    pub const FITTED: DefaultWeights = crate::fitted::FITTED_WEIGHTS;

    /// Parses `centrality,position,relative,headline,centroid,length`, as `khulasa summarize --weights` takes
    /// them.
    ///
    /// ```
    /// let w = khulasa_score::DefaultWeights::parse("1,0.5,0,0,0,-0.25").unwrap();
    /// assert_eq!(w.position, 0.5);
    /// assert!(khulasa_score::DefaultWeights::parse("1,2").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Self, ScoreError> {
        let bad = || ScoreError::Weights(text.to_owned());
        let mut values = [0.0f64; 6];
        let mut parts = text.split(',');
        for v in &mut values {
            *v = parts.next().ok_or_else(bad)?.trim().parse().map_err(|_| bad())?;
            if !v.is_finite() {
                return Err(bad());
            }
        }
        if parts.next().is_some() {
            return Err(bad());
        }
        let [centrality, position, relative, headline, centroid, length] = values;
        Ok(DefaultWeights {
            centrality,
            position,
            relative,
            headline,
            centroid,
            length,
        })
    }
}

/// The default scorer: a weighted sum of centrality, a position prior, similarity to the headline, similarity to
/// the centroid and a length term ([`DefaultWeights`]).
///
/// ```
/// use khulasa_score::{DefaultScorer, DefaultWeights, Document, Role, Scorer, SentenceFeatures};
/// let s = |terms: &[u32]| SentenceFeatures { terms: terms.to_vec(), words: terms.len(), role: Role::Body };
/// let doc = Document { sentences: vec![s(&[0, 1]), s(&[2]), s(&[0, 1, 3])], idf: vec![1.0; 4] };
/// let position = DefaultWeights {
///     centrality: 0.0, position: 1.0, relative: 0.0, headline: 0.0, centroid: 0.0, length: 0.0,
/// };
/// let scores = DefaultScorer::new(position).score(&doc);
/// assert!(scores[0] > scores[1] && scores[1] > scores[2]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DefaultScorer {
    /// The weights of its signals.
    pub weights: DefaultWeights,
}

impl DefaultScorer {
    /// A default scorer with these weights.
    pub fn new(weights: DefaultWeights) -> Self {
        DefaultScorer { weights }
    }
}

/// Divides by the largest value among body sentences, so signals of different scales can be summed.
fn scaled(doc: &Document, mut values: Vec<f64>) -> Vec<f64> {
    let max = values
        .iter()
        .zip(&doc.sentences)
        .filter(|(v, s)| s.role == Role::Body && v.is_finite())
        .map(|(v, _)| *v)
        .fold(0.0, f64::max);
    if max > 0.0 {
        values.iter_mut().for_each(|v| *v /= max);
    }
    values
}

impl Scorer for DefaultScorer {
    fn name(&self) -> &'static str {
        "weighted"
    }
    fn score(&self, doc: &Document) -> Vec<f64> {
        let w = self.weights;
        let vectors = Vectors::new(doc);
        let n = doc.sentences.len();
        let mut total = vec![0.0; n];
        let mut add = |weight: f64, values: Vec<f64>| {
            if weight != 0.0 {
                for (t, v) in total.iter_mut().zip(values) {
                    *t += weight * v;
                }
            }
        };
        if w.centrality != 0.0 {
            add(w.centrality, scaled(doc, Centrality::LEXRANK.ranks(&vectors)));
        }
        if w.centroid != 0.0 {
            add(w.centroid, scaled(doc, Centroid::similarities(doc, &vectors)));
        }
        if w.headline != 0.0 {
            let roles: Vec<Role> = doc.sentences.iter().map(|s| s.role).collect();
            let headline = sum_of(doc, &vectors, |i| roles.get(i) == Some(&Role::Headline));
            let norm = norm_of(&headline);
            add(
                w.headline,
                (0..n).map(|i| vectors.cosine_with_dense(i, &headline, norm)).collect(),
            );
        }
        if w.position != 0.0 {
            add(w.position, by_body_position(doc, |k, _| 1.0 / (k as f64).sqrt()));
        }
        if w.relative != 0.0 {
            add(
                w.relative,
                by_body_position(doc, |k, body| 1.0 - (k - 1) as f64 / body as f64),
            );
        }
        if w.length != 0.0 {
            let longest = doc
                .sentences
                .iter()
                .filter(|s| s.role == Role::Body)
                .map(|s| s.words)
                .max();
            let scale = (1.0 + longest.unwrap_or(0) as f64).ln();
            if scale > 0.0 {
                add(
                    w.length,
                    doc.sentences
                        .iter()
                        .map(|s| (1.0 + s.words as f64).ln() / scale)
                        .collect(),
                );
            }
        }
        body_only(doc, total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SentenceFeatures;

    fn sentence(terms: &[u32], role: Role) -> SentenceFeatures {
        SentenceFeatures {
            terms: terms.to_vec(),
            words: terms.len(),
            role,
        }
    }

    #[test]
    fn a_story_of_twenty_thousand_identical_sentences_is_scored_by_every_scorer() {
        // `قال الوزير.` 20,000 times: every sentence holds the same two terms. Compared through every holder of
        // them, the graph scorers needed memory and time in the square of the sentences (6 GB here).
        let n = 20_000;
        let doc = Document {
            sentences: (0..n).map(|_| sentence(&[0, 1], Role::Body)).collect(),
            idf: vec![1.0, 1.5],
        };
        for name in SCORER_NAMES {
            let scores = scorer(name).unwrap().score(&doc);
            assert_eq!(scores.len(), n, "{name}");
            assert!(scores.iter().all(|s| s.is_finite() && *s >= 0.0), "{name}");
        }
    }

    #[test]
    fn a_scorer_that_says_it_reads_no_idf_scores_the_same_under_any_idf() {
        let sentences = vec![
            sentence(&[0, 1], Role::Headline),
            sentence(&[0, 2, 3], Role::Body),
            sentence(&[1, 2], Role::Body),
            sentence(&[3, 4, 4], Role::Body),
        ];
        let flat = Document {
            sentences: sentences.clone(),
            idf: vec![1.0; 5],
        };
        let skewed = Document {
            sentences,
            idf: vec![0.1, 5.0, 0.3, 2.0, 9.0],
        };
        let mut blind = 0;
        for name in SCORER_NAMES {
            let s = scorer(name).unwrap();
            if !s.reads_idf() {
                blind += 1;
                assert_eq!(s.score(&flat), s.score(&skewed), "{name}");
            }
        }
        // The two position scorers: `lead` and the default.
        assert_eq!(blind, 2);
    }

    #[test]
    fn a_scorer_by_position_scores_a_story_s_opening_as_it_scores_the_whole() {
        let roles = [
            Role::Headline,
            Role::Body,
            Role::Subheadline,
            Role::Body,
            Role::Body,
            Role::Body,
        ];
        let whole = Document {
            sentences: roles
                .iter()
                .enumerate()
                .map(|(i, &r)| sentence(&[i as u32], r))
                .collect(),
            idf: vec![1.0; roles.len()],
        };
        let mut by_position = 0;
        for name in SCORER_NAMES {
            let s = scorer(name).unwrap();
            if !s.ranks_by_position() {
                continue;
            }
            by_position += 1;
            let scores = s.score(&whole);
            for n in 0..=roles.len() {
                let opening = Document {
                    sentences: whole.sentences[..n].to_vec(),
                    idf: whole.idf.clone(),
                };
                assert_eq!(s.score(&opening), scores[..n], "{name}, the first {n}");
            }
            let body: Vec<f64> = whole.selectable().map(|i| scores[i]).collect();
            assert!(body.windows(2).all(|w| w[0] > w[1]), "{name}: {body:?}");
        }
        assert_eq!(by_position, 2);
    }

    fn body(sentences: &[&[u32]]) -> Document {
        let vocab = sentences
            .iter()
            .flat_map(|s| s.iter())
            .max()
            .map_or(0, |m| *m as usize + 1);
        Document {
            sentences: sentences.iter().map(|t| sentence(t, Role::Body)).collect(),
            idf: vec![1.0; vocab],
        }
    }

    #[test]
    fn every_listed_name_gives_its_scorer() {
        for name in SCORER_NAMES {
            assert_eq!(scorer(name).map(|s| s.name()), Some(name));
        }
    }

    #[test]
    fn headlines_and_subheadlines_score_zero_in_every_scorer() {
        let doc = Document {
            sentences: vec![
                sentence(&[0, 1], Role::Headline),
                sentence(&[0, 1, 2], Role::Body),
                sentence(&[0, 2], Role::Subheadline),
                sentence(&[1, 2], Role::Body),
            ],
            idf: vec![1.0; 3],
        };
        for name in SCORER_NAMES {
            let scores = scorer(name).map(|s| s.score(&doc)).unwrap_or_default();
            assert_eq!(scores.len(), 4, "{name}");
            assert_eq!((scores[0], scores[2]), (0.0, 0.0), "{name}");
            assert!(scores[1] > 0.0 && scores[3] > 0.0, "{name}: {scores:?}");
        }
    }

    #[test]
    fn symmetric_star_puts_the_hub_first_and_leaves_equal_leaves() {
        // Sentence 0 shares a term with each of 1, 2, 3; the leaves share nothing with one another.
        let doc = body(&[&[0, 1, 2], &[0, 5], &[1, 6], &[2, 7]]);
        for name in ["textrank", "lexrank", "lexrank-threshold"] {
            let s = scorer(name).map(|s| s.score(&doc)).unwrap_or_default();
            assert!(s[0] > s[1], "{name}: {s:?}");
            assert!(
                (s[1] - s[2]).abs() < 1e-12 && (s[2] - s[3]).abs() < 1e-12,
                "{name}: {s:?}"
            );
        }
    }

    #[test]
    fn lexrank_of_a_regular_graph_is_uniform() {
        // A 4-cycle of equal cosines: every node has the same degree, so the walk is uniform.
        let doc = body(&[&[0, 1], &[1, 2], &[2, 3], &[3, 0]]);
        let s = scorer("lexrank").map(|s| s.score(&doc)).unwrap_or_default();
        assert!(s.iter().all(|x| (x - 0.25).abs() < 1e-9), "{s:?}");
    }

    #[test]
    fn centroid_prefers_the_sentence_holding_the_common_terms() {
        let doc = body(&[&[0, 1], &[0, 1, 2], &[3]]);
        let s = scorer("centroid").map(|s| s.score(&doc)).unwrap_or_default();
        assert!(s[1] > s[0] && s[0] > s[2], "{s:?}");
    }

    #[test]
    fn headline_signal_favours_the_sentence_like_the_headline() {
        let doc = Document {
            sentences: vec![
                sentence(&[7, 8], Role::Headline),
                sentence(&[0, 1], Role::Body),
                sentence(&[7, 8, 2], Role::Body),
            ],
            idf: vec![1.0; 9],
        };
        let only_headline = DefaultWeights {
            centrality: 0.0,
            position: 0.0,
            relative: 0.0,
            headline: 1.0,
            centroid: 0.0,
            length: 0.0,
        };
        let s = DefaultScorer::new(only_headline).score(&doc);
        assert_eq!(s[1], 0.0);
        assert!((s[2] - 2.0 / (2f64.sqrt() * 3f64.sqrt())).abs() < 1e-12);
    }

    #[test]
    fn the_same_input_always_gives_the_same_scores() {
        let doc = body(&[&[0, 1, 2], &[1, 2, 3], &[3, 4], &[0, 4, 5, 6], &[6, 1]]);
        for name in SCORER_NAMES {
            let first = scorer(name).map(|s| s.score(&doc)).unwrap_or_default();
            let again = scorer(name).map(|s| s.score(&doc)).unwrap_or_default();
            assert_eq!(first, again, "{name}");
        }
    }

    #[test]
    fn empty_documents_and_empty_sentences_score_without_fault() {
        for name in SCORER_NAMES {
            let s = scorer(name).map(|s| s.score(&Document::default())).unwrap_or_default();
            assert!(s.is_empty(), "{name}");
            let s = scorer(name).map(|s| s.score(&body(&[&[], &[]]))).unwrap_or_default();
            assert!(s.iter().all(|x| x.is_finite()), "{name}: {s:?}");
        }
    }

    #[test]
    fn weights_parse_rejects_wrong_counts_and_non_numbers() {
        assert!(DefaultWeights::parse("1,2,3,4,5,6").is_ok());
        assert!(DefaultWeights::parse("1,2,3,4,5").is_err());
        assert!(DefaultWeights::parse("1,2,3,4,5,6,7").is_err());
        assert!(DefaultWeights::parse("1,2,x,4,5,6").is_err());
        assert!(DefaultWeights::parse("1,2,NaN,4,5,6").is_err());
    }
}
