use crate::{Document, Role};

/// A way of scoring a document's sentences.
pub trait Scorer: Send + Sync {
    /// Its name, as given to `--scorer`.
    fn name(&self) -> &'static str;
    /// One score per sentence of `doc` (higher is better); headlines and sub-headlines get 0.
    fn score(&self, doc: &Document) -> Vec<f64>;
}

/// The names `scorer` accepts; the first is the default.
pub const SCORER_NAMES: [&str; 3] = ["default", "lead", "tfidf"];

/// The scorer called `name`.
///
/// ```
/// assert_eq!(khulasa_score::scorer("lead").unwrap().name(), "lead");
/// assert!(khulasa_score::scorer("nonsense").is_none());
/// ```
pub fn scorer(name: &str) -> Option<Box<dyn Scorer>> {
    match name {
        "lead" => Some(Box::new(Lead)),
        "tfidf" | "default" => Some(Box::new(TfIdf)),
        _ => None,
    }
}

/// The first sentences first.
struct Lead;

impl Scorer for Lead {
    fn name(&self) -> &'static str {
        "lead"
    }
    fn score(&self, doc: &Document) -> Vec<f64> {
        let mut position = 0usize;
        doc.sentences
            .iter()
            .map(|s| {
                if s.role != Role::Body {
                    return 0.0;
                }
                position += 1;
                1.0 / position as f64
            })
            .collect()
    }
}

/// Mean TF-IDF weight of a sentence's terms.
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
        doc.sentences
            .iter()
            .map(|s| {
                if s.role != Role::Body || s.terms.is_empty() {
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
            .collect()
    }
}
