//! The day's digest for khulasa: a day's stories grouped into events, each event summarised across its stories.
//!
//! Stories come in already analysed, as the sentence features `khulasa-score` defines
//! ([`SentenceFeatures`]: terms, word count, and a role, headline, sub-headline or body), with term ids drawn
//! from one vocabulary shared by the whole batch ([`Vocabulary`]), plus the outlet that published each story and
//! when ([`Story`]). [`digest_stories`] then
//! 1. weighs each story as one TF-IDF vector in which a word counts more where it says what the story is about:
//!    each occurrence weighs [`Options::title_weight`] in the title (headline and sub-headline sentences),
//!    [`Options::lead_weight`] in the lead (the first [`Options::lead_sentences`] body sentences) and
//!    [`Options::body_weight`] further down; a term's summed weight `c` counts `c` below 1 and `1 + ln c` from 1
//!    on (sublinear, so a word repeated ten times does not outweigh ten words of the event); times its IDF; times
//!    `1 + `[`Options::shared_title_boost`] when at least [`Options::shared_title_outlets`] outlets used the word
//!    in a title that day (the names and things the day's news is about: a person, a place, the deal); times
//!    [`Options::lone_weight`] when no other story of the day uses the word (a metaphor in a title, a long quote:
//!    it cannot show that two stories tell one happening, and at full weight it dilutes the names and facts they
//!    share); times the day's own IDF `ln(1 + n / m)` (`m` of the day's `n` stories using the word, copies left
//!    out) raised to [`Options::day_idf_power`], so that a name many of the day's stories carry (a city at war, a
//!    president) weighs less than what only one happening's stories share (a volunteer's name, an interview):
//!    such a name marks a topic of the day, under which several happenings may fall; unit length;
//! 2. sets copies aside: a story whose whole text (every word weighing 1) is at least [`Options::duplicate`]
//!    alike (cosine) to a preceding story is that story's copy, and goes wherever it goes (copies are found
//!    first, so that a copy does not make its story's own words look shared in step 1);
//! 3. groups the remaining stories into events by group-average agglomerative clustering of their cosines,
//!    merging while the best pair of groups is at least [`Options::threshold`] alike (ties broken by story order,
//!    so the same input always gives the same events); average link rather than single link, so that a chain of
//!    loosely related stories does not glue unrelated events together;
//! 4. gives each event its most central story ([`most_central`]: the highest mean cosine to the event's other
//!    stories), whose title is the event's headline, and orders events for a desk ([`desk_order`]: the most
//!    outlets first, then the most distinct stories, then the most recent);
//! 5. writes per event a short summary that opens with the lead sentence of the headline story (the news itself,
//!    not background), then body sentences picked by maximal marginal relevance (MMR) against the event's
//!    centroid, so a sentence that repeats one already picked (another source's copy of the same wire) is passed
//!    over; each picked sentence is traced to its story and sentence.
//!
//! ## Which IDF
//!
//! `idf` is an input: pass the IDF of a large archive, [`Vocabulary::idf_from`] with a [`khulasa_score::DfTable`]
//! (khulasa ships one for ANT, `crates/score/data/df-ar.tsv`). The day's own IDF ([`Vocabulary::idf`]) makes the words of
//! the day's main story common, hence weightless, just where they hold that story's many angles together.
//!
//! ## How the defaults were fitted
//!
//! The gold standard (`corpora/events/`) groups every ANT story of seven days into events, all of them
//! development days: 2018-05-09 (250 stories, 96 events), 2018-05-10 (166 stories, 81 events), 2018-05-11 (173
//! stories, 94 events), 2018-04-10 (214 stories, 101 events), 2018-03-19 (186 stories, 114 events), 2018-02-27
//! (172 stories, 131 events) and 2018-06-06 (193 stories, 114 events). 2018-04-10 and 2018-03-19 were grouped by
//! hand as fresh days, measured once with the defaults before the day's IDF (`khulasa eval`: P / R / F1 0.925 /
//! 0.896 / 0.910 and 0.816 / 0.967 / 0.885), and only then fitted on; 2018-02-27 and 2018-06-06 likewise, measured
//! once with the day's IDF and the threshold 0.21 (0.875 / 0.964 / 0.917 and 0.878 / 0.963 / 0.918). The measure
//! is B-cubed (Bagga and Baldwin; `khulasa_eval::bcubed`). The archive IDF, the title, lead and body weights, a
//! lead of two sentences, the shared-title rule's three outlets and copies at 0.95 were chosen on 2018-05-09
//! alone, with 2018-05-10 held out; the lone-word weight 0.5 on 2018-05-09 and 2018-05-10, with 2018-05-11 held
//! out; the shared-title boost 0.5 leave one day out on the first three days; the day's IDF power 0.2 leave one
//! day out on the first five (mean left-out F1 0.8965 against 0.8891 without it; chosen inside each fold instead,
//! 0.8906).
//!
//! The threshold is chosen leave one day out on the seven days (`tests/fit_events.rs`, run with `cargo test
//! --release -p khulasa-digest --test fit_events -- --ignored --nocapture`), by a rule shaped like the target (F1
//! 0.90 with precision 0.88 on a day not fitted on), precision first: among the thresholds whose mean precision
//! on the training days is at least 0.90 (the target's 0.88 plus a margin for the spread from day to day), the
//! middle of the run whose mean F1 is within half a point of the best of them; if none reaches 0.90, the one of
//! the highest mean precision. For each day the threshold is chosen so on the six other days and the day scored,
//! on the test's terms (made without the command's repair and desk review). With the defaults the folds choose
//! 0.25, 0.24, 0.22, 0.24, 0.22, 0.24 and 0.22, and the left-out days measure P / R / F1 0.945 / 0.891 / 0.917
//! (2018-05-09), 0.908 / 0.900 / 0.904 (2018-05-10), 0.864 / 0.875 / 0.869 (2018-05-11), 0.939 / 0.802 / 0.865
//! (2018-04-10), 0.865 / 0.957 / 0.909 (2018-03-19), 0.922 / 0.964 / 0.942 (2018-02-27) and 0.900 / 0.963 / 0.930
//! (2018-06-06): mean P 0.906, R 0.907, F1 0.905, the target met on four of the seven. The rule before (the best
//! mean F1 over every threshold) gives, left out, mean P 0.896, R 0.912, F1 0.903, the target met on three (the
//! difference: 2018-02-27, P 0.875 at 0.21). On all seven days the rule chooses 0.22, the default (so would the rule
//! before): the lowest threshold whose mean precision reaches 0.90 (0.9003; 0.21 gives 0.887) and the best mean F1 (0.909).
//! `khulasa eval --task events` at each fold's threshold gives, left out, mean P 0.901, R 0.899, F1 0.898 (target
//! met on three days) against 0.890, 0.904, 0.896 (two days) with the rule before; on the command's terms the
//! seven days' mean precision at 0.22 is 0.894, below the floor, which the test's terms put just above it.
//!
//! 2018-03-13 (202 stories, 118 events) and 2018-05-30 (186 stories, 100 events) were grouped by hand after these
//! defaults were fixed and are in no fitting. Measured once, `khulasa eval --task events` gives P / R / F1 0.901 /
//! 0.970 / 0.935 and 0.938 / 0.921 / 0.929: the target met on both. On the same two days the day's IDF with the
//! threshold 0.21 gives 0.890 / 0.970 / 0.928 and 0.933 / 0.921 / 0.927, the defaults before the day's IDF 0.878 /
//! 0.970 / 0.922 and 0.928 / 0.930 / 0.929, and the first fitted grouping (shared-title boost 1, threshold 0.27)
//! 0.897 / 0.940 / 0.918 and 0.943 / 0.923 / 0.933.
//!
//! Re-checked under the precision-first rule on the seven days, the other settings stay: body weight 0.2 (left-out
//! mean F1 0.905, P 0.909, four days on target: no gain in F1) and the day's IDF power 0.1 and 0.3 (0.900 and
//! 0.892). On the five days with the mean-F1 rule, the shared-title boost at 0 or 1 (0.823 to 0.893 with powers 0
//! to 0.5), lone words at full weight 0.892, title words of 2 or 4 outlets boosted 0.877 and 0.886, a lead of 1 or
//! 3 sentences 0.875 and 0.882 and titles weighing 2 0.872 all scored below the defaults; the test prints every
//! row, and the project's `BENCHMARKS.md` holds the figures. Tried and dropped: a second stage that splits a group
//! in two where its stories, the words most of them share set aside, fall into halves little alike (it splits the
//! many angles of a day's main event as readily as two happenings that share a name); earlier, on three days, a
//! learned logistic pair similarity, complete link and joins required to share a rare name, none better than the
//! cosine. The target is not met left out on 2018-05-11, 2018-04-10 or 2018-03-19: the joins left are of
//! happenings that share their names and their setting (the capture of Afrin and a volunteer killed there, the
//! Saudi crown prince's CBS interview and his visit to the US, Putin's re-election and his remark on the Skripal
//! poisoning, the films and guests of one festival), and on 2018-04-10 the Douma attack split. The summary settings
//! ([`Options::lambda`], [`Options::redundancy`], [`Options::min_words`]) are chosen by reading the development
//! days' events. The test `tests/ant_events.rs` holds the seven days to the figures its own terms measure.
//!
//! It does not read files, split sentences or stem words: callers bring the features (the `khulasa digest`
//! command does, with `khulasa-split` and `khulasa-stem`). It keeps a dense similarity matrix, so it is meant for
//! a day's wire (hundreds of stories), not an archive: [`MAX_STORIES`] bounds it.

#![deny(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

mod cluster;
mod summary;
mod vector;
mod vocab;
mod weigh;

pub use vector::{cosine, SparseVector};
pub use vocab::Vocabulary;

use khulasa_score::SentenceFeatures;
use std::cmp::Ordering;
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

/// One story as the digest takes it.
///
/// ```
/// use khulasa_score::{Role, SentenceFeatures};
/// let sentences = [SentenceFeatures { terms: vec![0, 1], words: 2, role: Role::Headline }];
/// let story = khulasa_digest::Story::new(&sentences).outlet("bbc").published(1_525_860_000);
/// assert_eq!((story.outlet, story.published), (Some("bbc"), Some(1_525_860_000)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Story<'a> {
    /// Its sentences in text order, furniture left out: the title as [`khulasa_score::Role::Headline`] (a feed's
    /// title field, where the text has no headline of its own, as `khulasa` makes it) and any sub-headlines as
    /// [`khulasa_score::Role::Subheadline`], both weighing as title; the body as [`khulasa_score::Role::Body`],
    /// whose first [`Options::lead_sentences`] are its lead.
    pub sentences: &'a [SentenceFeatures],
    /// The outlet that published it (a feed's `source` or `src`), compared as written. `None`: an outlet of its
    /// own, shared with no other story.
    pub outlet: Option<&'a str>,
    /// When it was published, in seconds since the Unix epoch (any clock on which later is larger will do): the
    /// last tie-break of [`desk_order`].
    pub published: Option<i64>,
}

impl<'a> Story<'a> {
    /// A story of these sentences, with no outlet or time.
    ///
    /// ```
    /// let story = khulasa_digest::Story::new(&[]);
    /// assert_eq!((story.outlet, story.published), (None, None));
    /// ```
    pub fn new(sentences: &'a [SentenceFeatures]) -> Self {
        Story {
            sentences,
            outlet: None,
            published: None,
        }
    }

    /// The same story, published by `outlet`.
    ///
    /// ```
    /// assert_eq!(khulasa_digest::Story::new(&[]).outlet("cnn").outlet, Some("cnn"));
    /// ```
    #[must_use]
    pub fn outlet(self, outlet: &'a str) -> Self {
        Story {
            outlet: Some(outlet),
            ..self
        }
    }

    /// The same story, published at `seconds` since the Unix epoch.
    ///
    /// ```
    /// assert_eq!(khulasa_digest::Story::new(&[]).published(7).published, Some(7));
    /// ```
    #[must_use]
    pub fn published(self, seconds: i64) -> Self {
        Story {
            published: Some(seconds),
            ..self
        }
    }
}

/// How stories are grouped and events summarised.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Two groups of stories merge while their average cosine is at least this (0 to 1).
    pub threshold: f64,
    /// Weight of a term's occurrence in a headline or sub-headline sentence (0 or more).
    pub title_weight: f64,
    /// Weight of a term's occurrence in the lead, the first [`Options::lead_sentences`] body sentences (0 or more).
    pub lead_weight: f64,
    /// Body sentences that make the lead.
    pub lead_sentences: usize,
    /// Weight of a term's occurrence in the body after the lead (0 or more).
    pub body_weight: f64,
    /// A term used in titles by at least [`Options::shared_title_outlets`] outlets weighs `1 +` this times more
    /// (0 or more; 0 turns the rule off).
    pub shared_title_boost: f64,
    /// Outlets whose titles must use a term for it to be boosted.
    pub shared_title_outlets: usize,
    /// Weight of a term that no other story of the day uses (copies aside), against 1 for the others (0 or
    /// more; 1 turns the rule off).
    pub lone_weight: f64,
    /// A term's weight is multiplied by the day's own IDF, `ln(1 + n / m)` for `m` of the day's `n` stories
    /// using it (copies left out), raised to this power (0 or more; 0 turns the rule off).
    pub day_idf_power: f64,
    /// A story whose whole-text cosine to an earlier story is at least this is its copy (above 0, at most 1).
    pub duplicate: f64,
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
    /// The grouping fitted on ANT's hand-grouped days, the threshold chosen leave one day out on seven of them,
    /// precision first, and the day's IDF power on five (see the crate's documentation for how and the left-out
    /// figures); the summary settings chosen by reading those days' events.
    ///
    /// ```
    /// let o = khulasa_digest::Options::default();
    /// assert_eq!((o.threshold, o.lead_sentences, o.shared_title_outlets, o.lone_weight), (0.22, 2, 3, 0.5));
    /// assert_eq!((o.title_weight, o.lead_weight, o.body_weight, o.shared_title_boost), (1.0, 1.0, 0.1, 0.5));
    /// assert_eq!((o.sentences, o.day_idf_power), (3, 0.2));
    /// ```
    fn default() -> Self {
        Options {
            threshold: 0.22,
            title_weight: 1.0,
            lead_weight: 1.0,
            lead_sentences: 2,
            body_weight: 0.1,
            shared_title_boost: 0.5,
            shared_title_outlets: 3,
            lone_weight: 0.5,
            day_idf_power: 0.2,
            duplicate: 0.95,
            sentences: 3,
            lambda: 0.7,
            redundancy: 0.5,
            min_words: 6,
        }
    }
}

impl Options {
    fn check(&self) -> Result<(), DigestError> {
        let bad = |name, value, range| Err(DigestError::BadOption { name, value, range });
        for (name, value) in [
            ("threshold", self.threshold),
            ("lambda", self.lambda),
            ("redundancy", self.redundancy),
        ] {
            if !(0.0..=1.0).contains(&value) {
                return bad(name, value, "0..=1");
            }
        }
        for (name, value) in [
            ("title_weight", self.title_weight),
            ("lead_weight", self.lead_weight),
            ("body_weight", self.body_weight),
            ("shared_title_boost", self.shared_title_boost),
            ("lone_weight", self.lone_weight),
            ("day_idf_power", self.day_idf_power),
        ] {
            if !(value >= 0.0 && value.is_finite()) {
                return bad(name, value, "0 or more, finite");
            }
        }
        if !(self.duplicate > 0.0 && self.duplicate <= 1.0) {
            return bad("duplicate", self.duplicate, "above 0, at most 1");
        }
        Ok(())
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
    /// Indices of its stories in the input, ascending (copies included).
    pub stories: Vec<usize>,
    /// The most central of its stories ([`most_central`] among the stories that are no copy): its title is the
    /// event's headline.
    pub headline: usize,
    /// Distinct outlets among its stories (a story without an outlet counts as one of its own).
    pub outlets: usize,
    /// Its stories with copies counted once.
    pub distinct: usize,
    /// The latest publication time among its stories, if any has one.
    pub latest: Option<i64>,
    /// Mean pairwise cosine of its stories (1 for a single story): how tightly they agree.
    pub cohesion: f64,
    /// The summary, in rank order.
    pub summary: Vec<Trace>,
}

/// The day's events, in [`desk_order`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Digest {
    /// Every story is in exactly one event.
    pub events: Vec<Event>,
    /// For each story, the earlier story it is a copy of, or its own index.
    pub copy_of: Vec<usize>,
}

/// The order of events for a desk: the event more outlets report first, then the one with more distinct stories
/// (copies counted once), then the more recent (an event with a time before one without), then the one whose
/// first story comes first in the input.
///
/// Outlets first because five outlets telling one story matter more than one outlet's run of ten; recency last,
/// because among equally reported events the newer is the news.
///
/// ```
/// use khulasa_digest::{desk_order, Event};
/// let event = |stories: Vec<usize>, outlets, distinct, latest| Event {
///     headline: stories[0], stories, outlets, distinct, latest, cohesion: 1.0, summary: vec![],
/// };
/// let mut events = vec![
///     event(vec![0, 1, 2, 3], 1, 4, Some(10)),
///     event(vec![4, 5], 2, 2, Some(5)),
///     event(vec![6, 7, 8], 2, 2, Some(9)),
///     event(vec![9, 10], 2, 2, None),
/// ];
/// events.sort_by(desk_order);
/// let first: Vec<usize> = events.iter().map(|e| e.stories[0]).collect();
/// assert_eq!(first, [6, 4, 9, 0]);
/// ```
pub fn desk_order(a: &Event, b: &Event) -> Ordering {
    b.outlets
        .cmp(&a.outlets)
        .then_with(|| b.distinct.cmp(&a.distinct))
        .then_with(|| b.latest.cmp(&a.latest))
        .then_with(|| a.stories.first().cmp(&b.stories.first()))
}

/// The member whose mean cosine to the other members is the highest (the earliest among equals): the story that
/// best stands for the group, whose title makes its headline. `None` for no members; a lone member is its own.
///
/// ```
/// use khulasa_digest::{most_central, SparseVector};
/// let v = |terms: &[u32]| SparseVector::tf_idf(terms.iter().copied(), &[1.0; 6], &mut Vec::new());
/// let vectors = [v(&[0, 1]), v(&[0, 1, 2, 3]), v(&[2, 3]), v(&[4, 5])];
/// assert_eq!(most_central(&[0, 1, 2], &vectors), Some(1));
/// assert_eq!(most_central(&[3], &vectors), Some(3));
/// assert_eq!(most_central(&[], &vectors), None);
/// ```
pub fn most_central(members: &[usize], vectors: &[SparseVector]) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for &m in members {
        let Some(vm) = vectors.get(m) else { continue };
        let sum: f64 = members
            .iter()
            .filter(|&&o| o != m)
            .filter_map(|&o| vectors.get(o))
            .map(|vo| f64::from(cosine(vm, vo)))
            .sum();
        let mean = sum / members.len().saturating_sub(1).max(1) as f64;
        // Rounding must not let a later member win a tie.
        if best.is_none_or(|(_, b)| mean > b + 1e-9) {
            best = Some((m, mean));
        }
    }
    best.map(|(m, _)| m)
}

/// [`digest_stories`] for stories known by their sentences alone: each story is an outlet of its own (so the
/// shared-title rule counts titles rather than outlets, and events come in order of their number of stories)
/// and has no time.
///
/// `stories[i]` holds story `i`'s sentences (headline and body; furniture already left out) with term ids
/// indexing `idf`.
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
    let stories: Vec<Story<'_>> = stories.iter().map(|s| Story::new(s)).collect();
    digest_stories(&stories, idf, options)
}

/// Groups stories into events, orders them for a desk and summarises each event (see the crate's documentation
/// for the method).
///
/// Every term id in the stories' sentences must index `idf`, best the IDF of a large archive
/// ([`Vocabulary::idf_from`]), which the defaults were fitted with.
///
/// ```
/// use khulasa_digest::{digest_stories, Options, Story, Vocabulary};
/// use khulasa_score::{Role, SentenceFeatures};
///
/// let mut vocab = Vocabulary::default();
/// let mut sentence = |text: &str, role| SentenceFeatures {
///     terms: text.split(' ').map(|w| vocab.id(w)).collect(),
///     words: text.split(' ').count(),
///     role,
/// };
/// let quake_a = [sentence("زلزال جنوب ايران", Role::Headline), sentence("قتل زلزال عشرة اشخاص جنوب ايران", Role::Body)];
/// let quake_b = [sentence("عشرة قتلى زلزال ايران", Role::Headline), sentence("ضرب زلزال جنوب ايران فقتل عشرة", Role::Body)];
/// let cup = [sentence("الفريق يفوز بالكاس", Role::Headline), sentence("فاز الفريق بالكاس بعد مباراة طويلة", Role::Body)];
/// let stories = [
///     Story::new(&cup).outlet("cnn").published(200),
///     Story::new(&quake_a).outlet("bbc").published(100),
///     Story::new(&quake_b).outlet("cnn").published(150),
/// ];
/// let idf = vec![2.0; vocab.len()];
/// let digest = digest_stories(&stories, &idf, &Options::default()).unwrap();
/// assert_eq!(digest.events[0].stories, [1, 2]);
/// assert_eq!((digest.events[0].outlets, digest.events[0].latest), (2, Some(150)));
/// assert_eq!(digest.events[1].stories, [0]);
/// ```
pub fn digest_stories(stories: &[Story<'_>], idf: &[f64], options: &Options) -> Result<Digest, DigestError> {
    options.check()?;
    if stories.len() > MAX_STORIES {
        return Err(DigestError::TooManyStories {
            stories: stories.len(),
            limit: MAX_STORIES,
        });
    }
    for (i, story) in stories.iter().enumerate() {
        for sentence in story.sentences {
            if let Some(&term) = sentence.terms.iter().find(|&&t| t as usize >= idf.len()) {
                return Err(DigestError::UnknownTerm {
                    story: i,
                    term,
                    vocabulary: idf.len(),
                });
            }
        }
    }
    let copy_of = weigh::copies(&weigh::whole_vectors(stories, idf), options.duplicate);
    let originals: Vec<usize> = (0..stories.len()).filter(|&i| copy_of.get(i) == Some(&i)).collect();
    let shared = weigh::shared_title_terms(stories, options.shared_title_outlets);
    let spread = weigh::day_spread(stories, &originals);
    let story_vectors = weigh::event_vectors(stories, idf, options, &shared, &spread);
    let original_vectors: Vec<SparseVector> = originals
        .iter()
        .filter_map(|&i| story_vectors.get(i).cloned())
        .collect();
    let groups: Vec<Vec<usize>> = cluster::group_average(&original_vectors, options.threshold)
        .into_iter()
        .map(|group| {
            group
                .members
                .iter()
                .filter_map(|&k| originals.get(k).copied())
                .collect()
        })
        .collect();
    let mut group_of = vec![0usize; stories.len()];
    for (g, heads) in groups.iter().enumerate() {
        for &h in heads {
            if let Some(slot) = group_of.get_mut(h) {
                *slot = g;
            }
        }
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); groups.len()];
    for (i, &original) in copy_of.iter().enumerate() {
        if let Some(m) = group_of.get(original).and_then(|&g| members.get_mut(g)) {
            m.push(i);
        }
    }
    let mut events: Vec<Event> = groups
        .into_iter()
        .zip(members)
        .map(|(heads, members)| {
            let mut outlets: Vec<&str> = Vec::new();
            let mut anonymous = 0;
            for story in members.iter().filter_map(|&m| stories.get(m)) {
                match story.outlet {
                    Some(name) if !outlets.contains(&name) => outlets.push(name),
                    Some(_) => {}
                    None => anonymous += 1,
                }
            }
            let headline = most_central(&heads, &story_vectors).unwrap_or_default();
            Event {
                headline,
                outlets: outlets.len() + anonymous,
                distinct: heads.len(),
                latest: members.iter().filter_map(|&m| stories.get(m)?.published).max(),
                cohesion: cluster::cohesion(&members, &story_vectors),
                summary: summary::summarise(&members, headline, stories, &story_vectors, idf, options),
                stories: members,
            }
        })
        .collect();
    events.sort_by(desk_order);
    Ok(Digest { events, copy_of })
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

    fn titled(title: &[u32], body_terms: &[u32]) -> Vec<SentenceFeatures> {
        vec![
            SentenceFeatures {
                terms: title.to_vec(),
                words: title.len(),
                role: Role::Headline,
            },
            body(body_terms),
        ]
    }

    #[test]
    fn more_outlets_outrank_more_stories_and_copies_count_once() {
        let idf = vec![1.0; 40];
        let s = [
            titled(&[0, 1], &[2, 3, 4]),
            titled(&[0, 1], &[2, 3, 4]),
            titled(&[0, 1, 5], &[2, 3, 6]),
            titled(&[10, 11], &[12, 13, 14]),
            titled(&[10, 11, 15], &[12, 13, 16]),
        ];
        let stories = [
            Story::new(&s[0]).outlet("a").published(5),
            Story::new(&s[1]).outlet("a").published(6),
            Story::new(&s[2]).outlet("a").published(1),
            Story::new(&s[3]).outlet("a").published(2),
            Story::new(&s[4]).outlet("b").published(3),
        ];
        let d = digest_stories(&stories, &idf, &Options::default()).unwrap();
        assert_eq!(d.copy_of, [0, 0, 2, 3, 4]);
        let summary: Vec<_> = d
            .events
            .iter()
            .map(|e| (e.stories.clone(), e.outlets, e.distinct, e.latest))
            .collect();
        assert_eq!(summary, [(vec![3, 4], 2, 2, Some(3)), (vec![0, 1, 2], 1, 2, Some(6))]);
    }

    #[test]
    fn the_headline_story_is_the_most_central_original() {
        let idf = vec![1.0; 40];
        let s = [
            titled(&[0, 1], &[2, 3, 20]),
            titled(&[0, 1], &[2, 3, 20]),
            titled(&[0, 1, 2, 3], &[4, 5]),
            titled(&[2, 3], &[4, 5, 21]),
        ];
        let stories: Vec<Story> = s.iter().map(|x| Story::new(x)).collect();
        let options = Options {
            threshold: 0.2,
            ..Options::default()
        };
        let d = digest_stories(&stories, &idf, &options).unwrap();
        assert_eq!(d.events.len(), 1, "{d:?}");
        assert_eq!(d.events[0].headline, 2);
    }

    #[test]
    fn out_of_range_weights_and_copy_thresholds_are_refused() {
        for (options, name) in [
            (
                Options {
                    duplicate: 0.0,
                    ..Options::default()
                },
                "duplicate",
            ),
            (
                Options {
                    body_weight: -0.1,
                    ..Options::default()
                },
                "body_weight",
            ),
            (
                Options {
                    title_weight: f64::NAN,
                    ..Options::default()
                },
                "title_weight",
            ),
            (
                Options {
                    shared_title_boost: f64::INFINITY,
                    ..Options::default()
                },
                "shared_title_boost",
            ),
            (
                Options {
                    lambda: -1.0,
                    ..Options::default()
                },
                "lambda",
            ),
            (
                Options {
                    lone_weight: -0.5,
                    ..Options::default()
                },
                "lone_weight",
            ),
        ] {
            assert!(
                matches!(digest(&[], &[], &options), Err(DigestError::BadOption { name: n, .. }) if n == name),
                "{name}"
            );
        }
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
                prop_assert!(desk_order(&pair[0], &pair[1]) != Ordering::Greater);
            }
            for (i, &c) in d.copy_of.iter().enumerate() {
                prop_assert!(c <= i && d.copy_of[c] == c);
            }
            for e in &d.events {
                prop_assert!(e.stories.contains(&e.headline) && d.copy_of[e.headline] == e.headline);
                let originals = e.stories.iter().filter(|&&s| d.copy_of[s] == s).count();
                prop_assert_eq!(e.distinct, originals);
                prop_assert!(e.stories.iter().all(|&s| e.stories.contains(&d.copy_of[s])));
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

/// The README's example, compiled and run as a doc-test so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;
