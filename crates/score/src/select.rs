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

/// A selected sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pick {
    /// Index of the sentence in the document.
    pub index: usize,
    /// 1 for the best sentence.
    pub rank: usize,
    /// Its score.
    pub score: f64,
}

/// Selects a summary: sentences in rank order while the budget allows, returned in document order.
///
/// Ties are broken by position (earlier first), so the same input always gives the same output.
///
/// ```
/// use khulasa_score::{select, Budget, Document, Role, SentenceFeatures};
/// let s = |words| SentenceFeatures { terms: vec![], words, role: Role::Body };
/// let doc = Document { sentences: vec![s(10), s(5), s(8)], idf: vec![] };
/// let picks = select(&doc, &[0.2, 0.9, 0.5], Budget::Words(14));
/// assert_eq!(picks.iter().map(|p| (p.index, p.rank)).collect::<Vec<_>>(), [(1, 1), (2, 2)]);
/// ```
pub fn select(doc: &Document, scores: &[f64], budget: Budget) -> Vec<Pick> {
    let mut order: Vec<usize> = doc.selectable().collect();
    let score = |i: usize| scores.get(i).copied().unwrap_or(0.0);
    order.sort_by(|&a, &b| score(b).total_cmp(&score(a)).then(a.cmp(&b)));
    let total_words: usize = doc.sentences.iter().map(|s| s.words).sum();
    let word_cap = match budget {
        Budget::Sentences(_) => usize::MAX,
        Budget::Words(w) => w,
        Budget::Ratio(r) => (r * total_words as f64).round() as usize,
    };
    let sentence_cap = match budget {
        Budget::Sentences(n) => n,
        _ => usize::MAX,
    };
    let mut picks: Vec<Pick> = Vec::new();
    let mut used = 0usize;
    for i in order {
        if picks.len() >= sentence_cap {
            break;
        }
        let words = doc.sentences.get(i).map_or(0, |s| s.words);
        if !picks.is_empty() && used + words > word_cap {
            continue;
        }
        used += words;
        picks.push(Pick {
            index: i,
            rank: picks.len() + 1,
            score: score(i),
        });
    }
    picks.sort_by_key(|p| p.index);
    picks
}
