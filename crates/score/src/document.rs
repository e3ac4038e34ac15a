/// What a sentence is to the summariser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The story's headline: may inform scoring, never selected.
    Headline,
    /// A sub-headline: never selected.
    Subheadline,
    /// Body prose: may be selected.
    Body,
}

/// One sentence reduced to its terms.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceFeatures {
    /// Term ids, local to the document (index into its IDF vector), in text order with repeats.
    pub terms: Vec<u32>,
    /// White-space-separated words in the sentence's text (the unit of word budgets).
    pub words: usize,
    /// What the sentence is.
    pub role: Role,
}

/// A document ready for scoring.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// Its sentences, in document order (furniture already left out).
    pub sentences: Vec<SentenceFeatures>,
    /// IDF of each term id.
    pub idf: Vec<f64>,
}

impl Document {
    /// Indices of the sentences that may be selected (body prose).
    ///
    /// ```
    /// use khulasa_score::{Document, Role, SentenceFeatures};
    /// let s = |role| SentenceFeatures { terms: vec![], words: 4, role };
    /// let doc = Document { sentences: vec![s(Role::Headline), s(Role::Body), s(Role::Subheadline)], idf: vec![] };
    /// assert_eq!(doc.selectable().collect::<Vec<_>>(), [1]);
    /// ```
    pub fn selectable(&self) -> impl Iterator<Item = usize> + '_ {
        self.sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| s.role == Role::Body)
            .map(|(i, _)| i)
    }
}
