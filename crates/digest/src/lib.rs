//! The day's digest for khulasa: a day's stories grouped into events, each event summarised across its stories.
//!
//! Stories come in already analysed, as the sentence features `khulasa-score` defines
//! ([`SentenceFeatures`]), with term ids drawn from one vocabulary shared by the
//! whole batch ([`Vocabulary`] builds it and its IDF). [`digest`] then
//! 1. weighs each story as a TF-IDF vector (sublinear term frequency, batch IDF, unit length),
//! 2. groups stories into events by group-average agglomerative clustering of their cosines, merging while the
//!    best pair of groups is at least [`Options::threshold`] alike (ties broken by story order, so the same input
//!    always gives the same events),
//! 3. orders events by how many stories report them (then by their first story),
//! 4. writes per event a short summary: body sentences picked by maximal marginal relevance (MMR) against the
//!    event's centroid, so a sentence that repeats one already picked (another source's copy of the same wire)
//!    is passed over; each picked sentence is traced to its story and sentence.
//!
//! It does not read files, split sentences or stem words: callers bring the features (the `khulasa digest`
//! command does, with `khulasa-split` and `khulasa-stem`). It keeps a dense similarity matrix, so it is meant for
//! a day's wire (hundreds of stories), not an archive: [`MAX_STORIES`] bounds it.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

mod cluster;
mod summary;
mod vector;
mod vocab;

pub use vector::{cosine, SparseVector};
pub use vocab::Vocabulary;

use khulasa_score::SentenceFeatures;
use thiserror::Error;

/// The most stories one digest takes: the clustering keeps a dense `n × n` table of `f32` similarities.
pub const MAX_STORIES: usize = 8192;

/// Why a digest could not be made.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum DigestError {
    /// A sentence names a term id the IDF vector does not have.
    #[error("story {story}: term id {term} is outside the vocabulary of {vocabulary} terms")]
    UnknownTerm {
        /// Index of the story.
        story: usize,
        /// The offending term id.
        term: u32,
        /// Length of the IDF vector.
        vocabulary: usize,
    },
    /// More stories than [`MAX_STORIES`].
    #[error("{stories} stories are more than a digest takes ({limit}); digest one day at a time")]
    TooManyStories {
        /// Stories given.
        stories: usize,
        /// The limit.
        limit: usize,
    },
    /// An option is out of its range.
    #[error("option {name} = {value} is out of range {range}")]
    BadOption {
        /// Which option.
        name: &'static str,
        /// Its value.
        value: f64,
        /// The allowed range.
        range: &'static str,
    },
}

/// How stories are grouped and events summarised.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Two groups of stories merge while their average cosine is at least this (0 to 1).
    pub threshold: f64,
    /// Sentences in each event's summary, at most.
    pub sentences: usize,
    /// MMR's balance between relevance to the event (1) and novelty against picked sentences (0).
    pub lambda: f64,
    /// A sentence at least this alike (cosine) to one already picked is a repeat and never picked.
    pub redundancy: f64,
    /// Body sentences shorter than this many words are not picked (captions, datelines, fragments), unless an
    /// event has nothing longer.
    pub min_words: usize,
}

impl Default for Options {
    /// The settings chosen on a development day of ANT (2018-05-09); see the crate's README.
    ///
    /// ```
    /// let o = khulasa_digest::Options::default();
    /// assert!(o.threshold > 0.0 && o.threshold < 1.0);
    /// assert_eq!(o.sentences, 3);
    /// ```
    fn default() -> Self {
        Options {
            threshold: 0.25,
            sentences: 3,
            lambda: 0.7,
            redundancy: 0.5,
            min_words: 6,
        }
    }
}

impl Options {
    fn check(&self) -> Result<(), DigestError> {
        let unit = |name, value: f64| {
            if (0.0..=1.0).contains(&value) {
                Ok(())
            } else {
                Err(DigestError::BadOption {
                    name,
                    value,
                    range: "0..=1",
                })
            }
        };
        unit("threshold", self.threshold)?;
        unit("lambda", self.lambda)?;
        unit("redundancy", self.redundancy)
    }
}

/// One sentence of an event's summary, traced to where it comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trace {
    /// Index of the story in the input.
    pub story: usize,
    /// Index of the sentence in that story's features.
    pub sentence: usize,
    /// 1 for the first sentence picked.
    pub rank: usize,
    /// Its cosine to the event's centroid.
    pub relevance: f64,
}

/// Stories that report the same event, and their joint summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Indices of its stories in the input, ascending.
    pub stories: Vec<usize>,
    /// Mean pairwise cosine of its stories (1 for a single story): how tightly they agree.
    pub cohesion: f64,
    /// The summary, in rank order.
    pub summary: Vec<Trace>,
}

/// The day's events, the most reported first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Digest {
    /// Every story is in exactly one event.
    pub events: Vec<Event>,
}

/// Groups stories into events and summarises each event.
///
/// `stories[i]` holds story `i`'s sentences (headline and body; furniture already left out) with term ids
/// indexing `idf`, the batch's IDF (see [`Vocabulary`]).
///
/// ```
/// use khulasa_digest::{digest, Options, Vocabulary};
/// use khulasa_score::{Role, SentenceFeatures};
///
/// let mut vocab = Vocabulary::default();
/// let texts = [
///     "زلزال يضرب جنوب ايران. الزلزال قتل عشرة اشخاص في جنوب ايران",
///     "قتل عشرة اشخاص في زلزال ضرب جنوب ايران اليوم",
///     "فريق الكرة يفوز بالكاس بعد مباراة طويلة",
/// ];
/// let stories: Vec<Vec<SentenceFeatures>> = texts
///     .iter()
///     .map(|t| {
///         t.split(". ")
///             .map(|s| SentenceFeatures {
///                 terms: s.split(' ').map(|w| vocab.id(w)).collect(),
///                 words: s.split(' ').count(),
///                 role: Role::Body,
///             })
///             .collect()
///     })
///     .collect();
/// for story in &stories {
///     vocab.count_story(story);
/// }
/// let digest = digest(&stories, &vocab.idf(), &Options::default()).unwrap();
/// assert_eq!(digest.events[0].stories, [0, 1]);
/// assert_eq!(digest.events[1].stories, [2]);
/// ```
pub fn digest(stories: &[Vec<SentenceFeatures>], idf: &[f64], options: &Options) -> Result<Digest, DigestError> {
    options.check()?;
    if stories.len() > MAX_STORIES {
        return Err(DigestError::TooManyStories {
            stories: stories.len(),
            limit: MAX_STORIES,
        });
    }
    let mut scratch = Vec::new();
    let mut story_vectors = Vec::with_capacity(stories.len());
    for (i, story) in stories.iter().enumerate() {
        for sentence in story {
            if let Some(&term) = sentence.terms.iter().find(|&&t| t as usize >= idf.len()) {
                return Err(DigestError::UnknownTerm {
                    story: i,
                    term,
                    vocabulary: idf.len(),
                });
            }
        }
        let terms = story.iter().flat_map(|s| s.terms.iter().copied());
        story_vectors.push(SparseVector::tf_idf(terms, idf, &mut scratch));
    }
    let groups = cluster::group_average(&story_vectors, options.threshold);
    let mut events: Vec<Event> = groups
        .into_iter()
        .map(|group| {
            let cohesion = cluster::cohesion(&group.members, &story_vectors);
            let summary = summary::summarise(&group.members, stories, &story_vectors, idf, options);
            Event {
                stories: group.members,
                cohesion,
                summary,
            }
        })
        .collect();
    events.sort_by(|a, b| {
        b.stories
            .len()
            .cmp(&a.stories.len())
            .then_with(|| a.stories.first().cmp(&b.stories.first()))
    });
    Ok(Digest { events })
}

#[cfg(test)]
mod tests {
    use super::*;
    use khulasa_score::Role;
    use proptest::prelude::*;

    fn body(terms: &[u32]) -> SentenceFeatures {
        SentenceFeatures {
            terms: terms.to_vec(),
            words: terms.len().max(6),
            role: Role::Body,
        }
    }

    #[test]
    fn unknown_term_is_an_error_not_a_panic() {
        let stories = vec![vec![body(&[0, 7])]];
        let err = digest(&stories, &[1.0, 1.0], &Options::default()).unwrap_err();
        assert_eq!(
            err,
            DigestError::UnknownTerm {
                story: 0,
                term: 7,
                vocabulary: 2
            }
        );
    }

    #[test]
    fn bad_threshold_is_refused() {
        let options = Options {
            threshold: 1.5,
            ..Options::default()
        };
        assert!(matches!(
            digest(&[], &[], &options),
            Err(DigestError::BadOption { name: "threshold", .. })
        ));
    }

    #[test]
    fn no_stories_no_events() {
        assert_eq!(digest(&[], &[], &Options::default()).unwrap(), Digest::default());
    }

    #[test]
    fn events_with_more_stories_come_first() {
        let idf = vec![1.0; 12];
        let stories = vec![
            vec![body(&[0, 1, 2])],
            vec![body(&[3, 4, 5])],
            vec![body(&[6, 7, 8])],
            vec![body(&[3, 4, 5, 9])],
            vec![body(&[3, 4, 5, 10])],
            vec![body(&[0, 1, 2, 11])],
        ];
        let d = digest(&stories, &idf, &Options::default()).unwrap();
        let groups: Vec<_> = d.events.iter().map(|e| e.stories.clone()).collect();
        assert_eq!(groups, [vec![1, 3, 4], vec![0, 5], vec![2]]);
    }

    fn arb_stories() -> impl Strategy<Value = Vec<Vec<SentenceFeatures>>> {
        let sentence = (prop::collection::vec(0u32..30, 0..12), 0usize..20, 0u8..3).prop_map(|(terms, words, r)| {
            SentenceFeatures {
                terms,
                words,
                role: match r {
                    0 => Role::Headline,
                    _ => Role::Body,
                },
            }
        });
        prop::collection::vec(prop::collection::vec(sentence, 0..6), 0..25)
    }

    proptest! {
        #[test]
        fn every_story_is_in_exactly_one_event(stories in arb_stories(), threshold in 0.0f64..=1.0) {
            let idf: Vec<f64> = (0..30).map(|i| 1.0 + f64::from(i) / 10.0).collect();
            let options = Options { threshold, ..Options::default() };
            let d = digest(&stories, &idf, &options).unwrap();
            let mut seen: Vec<usize> = d.events.iter().flat_map(|e| e.stories.iter().copied()).collect();
            seen.sort_unstable();
            prop_assert_eq!(seen, (0..stories.len()).collect::<Vec<_>>());
            for pair in d.events.windows(2) {
                prop_assert!(pair[0].stories.len() >= pair[1].stories.len());
            }
        }

        #[test]
        fn summaries_are_traced_body_sentences_within_budget(stories in arb_stories(), sentences in 0usize..5) {
            let idf: Vec<f64> = (0..30).map(|i| 1.0 + f64::from(i) / 10.0).collect();
            let options = Options { sentences, ..Options::default() };
            let d = digest(&stories, &idf, &options).unwrap();
            for event in &d.events {
                prop_assert!(event.summary.len() <= sentences);
                for (k, t) in event.summary.iter().enumerate() {
                    prop_assert_eq!(t.rank, k + 1);
                    prop_assert!(event.stories.contains(&t.story));
                    prop_assert_eq!(stories[t.story][t.sentence].role, Role::Body);
                }
                for (k, a) in event.summary.iter().enumerate() {
                    for b in &event.summary[k + 1..] {
                        prop_assert!((a.story, a.sentence) != (b.story, b.sentence), "picked twice");
                    }
                }
            }
        }

        #[test]
        fn threshold_zero_makes_one_event_and_the_same_input_the_same_digest(stories in arb_stories()) {
            let idf = vec![1.0; 30];
            let options = Options { threshold: 0.0, ..Options::default() };
            let d = digest(&stories, &idf, &options).unwrap();
            prop_assert_eq!(d.events.len(), usize::from(!stories.is_empty()));
            prop_assert_eq!(&d, &digest(&stories, &idf, &options).unwrap());
        }
    }
}
