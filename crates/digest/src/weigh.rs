//! What the clustering compares: one vector per story, its title and lead weighing more than the rest of its
//! body, the words that several outlets put in their titles weighing more still, the words no other story of
//! the day uses weighing less, and every word damped by how many of the day's stories use it; and which stories
//! are copies of an earlier one.

use crate::vector::{cosine, SparseVector};
use crate::{Options, Story};
use khulasa_score::Role;
use std::collections::{HashMap, HashSet};

/// Rounding allowance when comparing a cosine with the copy threshold: identical stories come out a hair under 1.
const SLACK: f64 = 1e-6;

/// Term ids found in the titles (headline and sub-headline sentences) of at least `min_outlets` distinct outlets.
///
/// A word that three outlets chose for their titles on the same day names what they all report (a person, a
/// place, the deal): it tells events apart better than its IDF alone says. A story without an outlet counts as
/// an outlet of its own.
pub(crate) fn shared_title_terms(stories: &[Story<'_>], min_outlets: usize) -> HashSet<u32> {
    let mut outlet_ids: HashMap<&str, usize> = HashMap::new();
    let mut pairs: Vec<(u32, usize)> = Vec::new();
    for (i, story) in stories.iter().enumerate() {
        let outlet = match story.outlet {
            Some(name) => {
                let next = outlet_ids.len();
                *outlet_ids.entry(name).or_insert(next)
            }
            // Past every named outlet's id, one per story.
            None => stories.len() + i,
        };
        for sentence in story.sentences.iter().filter(|s| is_title(s.role)) {
            pairs.extend(sentence.terms.iter().map(|&t| (t, outlet)));
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    let mut shared = HashSet::new();
    let mut i = 0;
    while let Some(&(term, _)) = pairs.get(i) {
        let run = pairs
            .get(i..)
            .map_or(&[][..], |rest| rest)
            .iter()
            .take_while(|p| p.0 == term)
            .count();
        if run >= min_outlets {
            shared.insert(term);
        }
        i += run.max(1);
    }
    shared
}

fn is_title(role: Role) -> bool {
    matches!(role, Role::Headline | Role::Subheadline)
}

/// How widely the day's stories use each term: the stories that are no copy, and for each term how many of them
/// use it.
pub(crate) struct Spread {
    /// Stories counted (copies left out).
    pub(crate) stories: usize,
    /// For each term, the counted stories that use it, in any sentence.
    pub(crate) users: HashMap<u32, usize>,
}

/// How widely the `originals` (story indices, copies left out) use each term.
///
/// A story's copy repeats its words, so copies do not count as a second user.
pub(crate) fn day_spread(stories: &[Story<'_>], originals: &[usize]) -> Spread {
    let mut users: HashMap<u32, usize> = HashMap::new();
    let mut story_terms: Vec<u32> = Vec::new();
    for story in originals.iter().filter_map(|&i| stories.get(i)) {
        story_terms.clear();
        story_terms.extend(story.sentences.iter().flat_map(|s| s.terms.iter().copied()));
        story_terms.sort_unstable();
        story_terms.dedup();
        for &term in &story_terms {
            *users.entry(term).or_default() += 1;
        }
    }
    Spread {
        stories: originals.len(),
        users,
    }
}

/// Each story's occurrences `(term, weight)`: [`Options::title_weight`] in a headline or sub-headline,
/// [`Options::lead_weight`] in one of the first [`Options::lead_sentences`] body sentences and
/// [`Options::body_weight`] further down.
fn occurrences(story: &Story<'_>, options: &Options) -> Vec<(u32, f64)> {
    let mut body_seen = 0usize;
    let mut occurrences: Vec<(u32, f64)> = Vec::new();
    for sentence in story.sentences {
        let weight = match sentence.role {
            Role::Headline | Role::Subheadline => options.title_weight,
            Role::Body => {
                body_seen += 1;
                if body_seen <= options.lead_sentences {
                    options.lead_weight
                } else {
                    options.body_weight
                }
            }
        };
        occurrences.extend(sentence.terms.iter().map(|&t| (t, weight)));
    }
    occurrences
}

/// The whole-text vector of each story (what tells a copy): every occurrence weighs 1.
pub(crate) fn whole_vectors(stories: &[Story<'_>], idf: &[f64]) -> Vec<SparseVector> {
    let mut scratch = Vec::new();
    stories
        .iter()
        .map(|story| {
            let terms = story.sentences.iter().flat_map(|s| s.terms.iter().map(|&t| (t, 1.0)));
            SparseVector::weighted(terms, idf, |_| 1.0, &mut scratch)
        })
        .collect()
}

/// The event vector of each story (what the clustering compares): its occurrences weighed as [`occurrences`]
/// says, summed through [`SparseVector::weighted`], the shared title terms boosted by
/// `1 + `[`Options::shared_title_boost`], the lone terms weighing [`Options::lone_weight`], and every term times
/// the day's IDF `ln(1 + n / m)` to the power [`Options::day_idf_power`].
///
/// The day's IDF alone would make the words of the day's main story weightless just where they hold its many
/// angles together; a small power of it only tilts a pair's likeness from the names the whole day shares towards
/// what the two stories alone share.
pub(crate) fn event_vectors(
    stories: &[Story<'_>],
    idf: &[f64],
    options: &Options,
    shared: &HashSet<u32>,
    spread: &Spread,
) -> Vec<SparseVector> {
    let boost = 1.0 + options.shared_title_boost;
    let weigh = |term: u32| {
        let shared = if shared.contains(&term) { boost } else { 1.0 };
        // A word only a copy uses (a copy may add a word or two) is no original's: it is not lone.
        let users = spread.users.get(&term).copied().unwrap_or(0);
        let lone = if users == 1 { options.lone_weight } else { 1.0 };
        // At the power 0 this is exactly 1: the rule off.
        let day = (1.0 + spread.stories.max(1) as f64 / users.max(1) as f64)
            .ln()
            .powf(options.day_idf_power);
        shared * lone * day
    };
    let mut scratch = Vec::new();
    stories
        .iter()
        .map(|story| SparseVector::weighted(occurrences(story, options), idf, weigh, &mut scratch))
        .collect()
}

/// For each story, the first earlier story it is a copy of (whole-text cosine at least `duplicate`), or itself.
///
/// Outlets run the same wire twice (under two sections, or an update with one word changed): counted as
/// separate stories, copies would make an event look more reported than it is and pull the group averages of
/// the clustering towards themselves. A story with no terms is nobody's copy.
pub(crate) fn copies(whole: &[SparseVector], duplicate: f64) -> Vec<usize> {
    let mut copy_of: Vec<usize> = Vec::with_capacity(whole.len());
    let mut originals: Vec<usize> = Vec::new();
    for (j, v) in whole.iter().enumerate() {
        let original = if v.entries.is_empty() {
            None
        } else {
            originals.iter().copied().find(|&i| {
                whole
                    .get(i)
                    .is_some_and(|o| f64::from(cosine(o, v)) + SLACK >= duplicate)
            })
        };
        match original {
            Some(i) => copy_of.push(i),
            None => {
                originals.push(j);
                copy_of.push(j);
            }
        }
    }
    copy_of
}

#[cfg(test)]
mod tests {
    use super::*;
    use khulasa_score::SentenceFeatures;

    fn sentence(terms: &[u32], role: Role) -> SentenceFeatures {
        SentenceFeatures {
            terms: terms.to_vec(),
            words: terms.len(),
            role,
        }
    }

    #[test]
    fn a_title_word_of_three_outlets_is_shared_and_of_one_outlet_twice_is_not() {
        let a = [sentence(&[1, 2], Role::Headline), sentence(&[9], Role::Body)];
        let b = [sentence(&[1, 3], Role::Headline)];
        let c = [sentence(&[1, 2], Role::Subheadline)];
        let stories = [
            Story::new(&a).outlet("x"),
            Story::new(&b).outlet("y"),
            Story::new(&c).outlet("z"),
            Story::new(&a).outlet("x"),
        ];
        let shared = shared_title_terms(&stories, 3);
        assert_eq!(shared, HashSet::from([1]));
        // Without outlets, each story is its own: 2 is in three titles.
        let anonymous: Vec<Story> = stories.iter().map(|s| Story::new(s.sentences)).collect();
        assert_eq!(shared_title_terms(&anonymous, 3), HashSet::from([1, 2]));
    }

    #[test]
    fn lead_sentences_weigh_as_the_options_say() {
        let s = [
            sentence(&[0], Role::Body),
            sentence(&[1], Role::Body),
            sentence(&[2], Role::Body),
            sentence(&[3], Role::Headline),
        ];
        let options = Options {
            title_weight: 1.0,
            lead_weight: 1.0,
            lead_sentences: 2,
            body_weight: 0.1,
            ..Options::default()
        };
        let stories = [Story::new(&s)];
        let event = event_vectors(
            &stories,
            &[1.0; 4],
            &options,
            &HashSet::new(),
            &day_spread(&stories, &[0]),
        );
        let whole = whole_vectors(&stories, &[1.0; 4]);
        let w: Vec<f32> = event[0].entries.iter().map(|e| e.1).collect();
        assert!((w[0] - w[1]).abs() < 1e-6 && (w[0] - w[3]).abs() < 1e-6);
        assert!((w[2] / w[0] - 0.1).abs() < 1e-5);
        assert!(whole[0].entries.windows(2).all(|p| (p[0].1 - p[1].1).abs() < 1e-6));
    }

    #[test]
    fn a_copy_is_not_a_second_user_of_its_story_s_words() {
        let a = [sentence(&[1, 2], Role::Headline), sentence(&[3, 4, 1], Role::Body)];
        let b = [sentence(&[1, 5], Role::Headline)];
        let stories = [Story::new(&a), Story::new(&b), Story::new(&a)];
        let users = |originals: &[usize]| {
            let spread = day_spread(&stories, originals);
            let mut users: Vec<(u32, usize)> = spread.users.into_iter().collect();
            users.sort_unstable();
            (spread.stories, users)
        };
        assert_eq!(users(&[0, 1]), (2, vec![(1, 2), (2, 1), (3, 1), (4, 1), (5, 1)]));
        assert_eq!(users(&[0, 1, 2]), (3, vec![(1, 3), (2, 2), (3, 2), (4, 2), (5, 1)]));
    }

    #[test]
    fn lone_words_weigh_less_and_shared_title_words_more() {
        let s = [sentence(&[0, 1, 2], Role::Headline)];
        let options = Options {
            lone_weight: 0.5,
            shared_title_boost: 1.0,
            day_idf_power: 0.0,
            ..Options::default()
        };
        let spread = Spread {
            stories: 4,
            users: HashMap::from([(0, 2), (1, 3), (2, 1)]),
        };
        let event = event_vectors(&[Story::new(&s)], &[1.0; 3], &options, &HashSet::from([1]), &spread);
        let w: Vec<f32> = event[0].entries.iter().map(|e| e.1).collect();
        assert!((w[1] / w[0] - 2.0).abs() < 1e-5 && (w[2] / w[0] - 0.5).abs() < 1e-5);
    }

    #[test]
    fn words_many_of_the_day_s_stories_use_weigh_less_by_the_day_s_idf() {
        let s = [sentence(&[0, 1, 2], Role::Headline)];
        let options = Options {
            lone_weight: 1.0,
            shared_title_boost: 0.0,
            day_idf_power: 0.5,
            ..Options::default()
        };
        // Of 10 stories, 2 use term 0, 10 use term 1 and 5 use term 2.
        let spread = Spread {
            stories: 10,
            users: HashMap::from([(0, 2), (1, 10), (2, 5)]),
        };
        let event = event_vectors(&[Story::new(&s)], &[1.0; 3], &options, &HashSet::new(), &spread);
        let w: Vec<f64> = event[0].entries.iter().map(|e| f64::from(e.1)).collect();
        let day = |m: f64| (1.0 + 10.0 / m).ln().sqrt();
        assert!((w[1] / w[0] - day(10.0) / day(2.0)).abs() < 1e-5, "{w:?}");
        assert!((w[2] / w[0] - day(5.0) / day(2.0)).abs() < 1e-5, "{w:?}");
        assert!(w[1] < w[2] && w[2] < w[0]);
    }

    #[test]
    fn copies_point_to_the_first_story_they_repeat() {
        let v = |terms: &[u32]| SparseVector::tf_idf(terms.iter().copied(), &[1.0; 8], &mut Vec::new());
        let whole = [
            v(&[0, 1, 2]),
            v(&[3, 4]),
            v(&[0, 1, 2]),
            v(&[]),
            v(&[]),
            v(&[3, 4, 5]),
            v(&[0, 1, 2]),
        ];
        assert_eq!(copies(&whole, 0.95), [0, 1, 0, 3, 4, 5, 0]);
        assert_eq!(copies(&whole, 0.8), [0, 1, 0, 3, 4, 1, 0]);
    }
}
