use khulasa_score::{DfTable, SentenceFeatures};
use std::collections::HashMap;

/// A batch's shared vocabulary: one id per term across all stories, and the document frequency of each.
///
/// Each story's terms must share ids with every other story's for their vectors to be compared, which the
/// per-document ids of `khulasa-score` do not give.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    ids: HashMap<String, u32>,
    names: Vec<String>,
    df: Vec<u32>,
    stories: u32,
}

impl Vocabulary {
    /// The id of `term`, given a new one the first time it is seen.
    ///
    /// ```
    /// let mut v = khulasa_digest::Vocabulary::default();
    /// assert_eq!(v.id("مطر"), 0);
    /// assert_eq!(v.id("ريح"), 1);
    /// assert_eq!(v.id("مطر"), 0);
    /// ```
    pub fn id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(term.to_owned(), id);
        self.names.push(term.to_owned());
        self.df.push(0);
        id
    }

    /// The term of an id, if it has one.
    ///
    /// ```
    /// let mut v = khulasa_digest::Vocabulary::default();
    /// let id = v.id("مطر");
    /// assert_eq!(v.term(id), Some("مطر"));
    /// assert_eq!(v.term(9), None);
    /// ```
    pub fn term(&self, id: u32) -> Option<&str> {
        self.names.get(id as usize).map(String::as_str)
    }

    /// Terms known.
    ///
    /// ```
    /// let mut v = khulasa_digest::Vocabulary::default();
    /// v.id("مطر");
    /// assert_eq!(v.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether no term is known yet.
    ///
    /// ```
    /// assert!(khulasa_digest::Vocabulary::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Counts one story towards document frequencies: each distinct term id of its sentences once.
    ///
    /// ```
    /// use khulasa_score::{Role, SentenceFeatures};
    /// let mut v = khulasa_digest::Vocabulary::default();
    /// let (a, b) = (v.id("مطر"), v.id("ريح"));
    /// let s = |terms: Vec<u32>| SentenceFeatures { terms, words: 1, role: Role::Body };
    /// v.count_story(&[s(vec![a, a]), s(vec![a, b])]);
    /// v.count_story(&[s(vec![a])]);
    /// assert_eq!(v.stories(), 2);
    /// assert_eq!(v.document_frequency(a), 2);
    /// assert_eq!(v.document_frequency(b), 1);
    /// ```
    pub fn count_story(&mut self, sentences: &[SentenceFeatures]) {
        self.stories += 1;
        let mut distinct: Vec<u32> = sentences.iter().flat_map(|s| s.terms.iter().copied()).collect();
        distinct.sort_unstable();
        distinct.dedup();
        for id in distinct {
            if let Some(c) = self.df.get_mut(id as usize) {
                *c += 1;
            }
        }
    }

    /// Stories counted.
    ///
    /// ```
    /// assert_eq!(khulasa_digest::Vocabulary::default().stories(), 0);
    /// ```
    pub fn stories(&self) -> u32 {
        self.stories
    }

    /// Stories counted that hold the term `id`.
    ///
    /// ```
    /// let mut v = khulasa_digest::Vocabulary::default();
    /// let id = v.id("مطر");
    /// assert_eq!(v.document_frequency(id), 0);
    /// ```
    pub fn document_frequency(&self, id: u32) -> u32 {
        self.df.get(id as usize).copied().unwrap_or(0)
    }

    /// IDF of every id over the stories counted, smoothed as [`DfTable::idf`] does: `ln((1 + N) / (1 + df)) + 1`.
    ///
    /// ```
    /// use khulasa_score::{Role, SentenceFeatures};
    /// let mut v = khulasa_digest::Vocabulary::default();
    /// let (a, b) = (v.id("مطر"), v.id("ريح"));
    /// let s = |terms: Vec<u32>| SentenceFeatures { terms, words: 1, role: Role::Body };
    /// v.count_story(&[s(vec![a, b])]);
    /// v.count_story(&[s(vec![a])]);
    /// let idf = v.idf();
    /// assert!(idf[b as usize] > idf[a as usize]);
    /// ```
    pub fn idf(&self) -> Vec<f64> {
        let n = u64::from(self.stories);
        self.df
            .iter()
            .map(|&df| khulasa_score::smoothed_idf(n, u64::from(df)))
            .collect()
    }

    /// IDF of every id from a larger collection's table (an archive's, loaded with `--df`), for days too small
    /// to estimate their own.
    ///
    /// ```
    /// let mut v = khulasa_digest::Vocabulary::default();
    /// let (a, b) = (v.id("مطر"), v.id("ريح"));
    /// let mut df = khulasa_score::DfTable::default();
    /// df.add_document(["مطر"]);
    /// assert!(v.idf_from(&df)[b as usize] > v.idf_from(&df)[a as usize]);
    /// ```
    pub fn idf_from(&self, table: &DfTable) -> Vec<f64> {
        self.names.iter().map(|t| table.idf(t)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_idf_agrees_with_a_df_table_of_the_same_stories() {
        let mut v = Vocabulary::default();
        let mut table = DfTable::default();
        for story in [["a", "b"].as_slice(), &["a"], &["c", "a", "c"]] {
            let terms: Vec<u32> = story.iter().map(|t| v.id(t)).collect();
            v.count_story(&[SentenceFeatures {
                terms,
                words: story.len(),
                role: khulasa_score::Role::Body,
            }]);
            let mut distinct = story.to_vec();
            distinct.sort_unstable();
            distinct.dedup();
            table.add_document(distinct);
        }
        let (own, from_table) = (v.idf(), v.idf_from(&table));
        for (x, y) in own.iter().zip(&from_table) {
            assert!((x - y).abs() < 1e-12);
        }
    }
}
