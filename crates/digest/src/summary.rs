//! One event's summary: the lead sentence of its headline story, then body sentences picked by maximal marginal
//! relevance.

use crate::vector::{cosine, SparseVector};
use crate::{Options, Story, Trace};
use khulasa_score::Role;

struct Candidate {
    story: usize,
    sentence: usize,
    vector: SparseVector,
    relevance: f32,
    /// The first body sentence of its story: where a news story says what happened.
    lead: bool,
}

/// Picks up to `options.sentences` body sentences of the event's stories.
///
/// Relevance is a sentence's cosine to the event's centroid (the mean of its stories' vectors), so what several
/// sources say outweighs what one says. MMR subtracts the sentence's highest cosine to the sentences already
/// picked, and a sentence alike to a picked one beyond `options.redundancy` is dropped outright: agencies'
/// copies of the same wire sentence differ by a word or two and would otherwise fill the summary.
pub(crate) fn summarise(
    members: &[usize],
    headline: usize,
    stories: &[Story<'_>],
    story_vectors: &[SparseVector],
    idf: &[f64],
    options: &Options,
) -> Vec<Trace> {
    if options.sentences == 0 {
        return Vec::new();
    }
    let mut centroid = SparseVector::default();
    for v in members.iter().filter_map(|&m| story_vectors.get(m)) {
        centroid.add_scaled(v, 1.0);
    }
    centroid.normalise();
    let mut scratch = Vec::new();
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut short: Vec<Candidate> = Vec::new();
    for &story in members {
        let mut lead = true;
        for (sentence, features) in stories.get(story).into_iter().flat_map(|s| s.sentences).enumerate() {
            if features.role != Role::Body {
                continue;
            }
            let is_lead = std::mem::replace(&mut lead, false);
            let vector = SparseVector::tf_idf(features.terms.iter().copied(), idf, &mut scratch);
            if vector.entries.is_empty() {
                continue;
            }
            let relevance = cosine(&vector, &centroid);
            let c = Candidate {
                story,
                sentence,
                vector,
                relevance,
                lead: is_lead,
            };
            if features.words >= options.min_words {
                candidates.push(c);
            } else {
                short.push(c);
            }
        }
    }
    if candidates.is_empty() {
        candidates = short;
    }
    let lambda = options.lambda as f32;
    let redundancy = options.redundancy as f32;
    let mut picked: Vec<Candidate> = Vec::new();
    while picked.len() < options.sentences {
        let mut best: Option<(usize, f32)> = None;
        let mut repeats = Vec::new();
        // The summary opens with the news itself: the lead sentence of the story whose title heads the event (the
        // most central story), else the most central of the stories' leads; never a line of background that
        // happens to share the event's words.
        let leads_only = picked.is_empty() && candidates.iter().any(|c| c.lead);
        let headline_leads = leads_only && candidates.iter().any(|c| c.lead && c.story == headline);
        let opening = |c: &Candidate| c.lead && (c.story == headline || !headline_leads);
        for (k, c) in candidates.iter().enumerate() {
            if leads_only && !opening(c) {
                continue;
            }
            let overlap = picked
                .iter()
                .map(|p| cosine(&c.vector, &p.vector))
                .fold(0.0f32, f32::max);
            if !picked.is_empty() && overlap >= redundancy {
                repeats.push(k);
                continue;
            }
            let value = lambda * c.relevance - (1.0 - lambda) * overlap;
            if best.is_none_or(|(_, b)| value > b) {
                best = Some((k, value));
            }
        }
        let Some((k, _)) = best else { break };
        let chosen = candidates.swap_remove(k);
        picked.push(chosen);
        // Repeats stay repeats: only more picks can make a sentence more redundant.
        repeats.sort_unstable_by(|a, b| b.cmp(a));
        for r in repeats {
            if r < candidates.len() {
                let _ = candidates.swap_remove(r);
            }
        }
        // swap_remove reorders; ties must keep falling to the earliest story and sentence.
        candidates.sort_by_key(|c| (c.story, c.sentence));
    }
    picked
        .into_iter()
        .enumerate()
        .map(|(k, c)| Trace {
            story: c.story,
            sentence: c.sentence,
            rank: k + 1,
            relevance: f64::from(c.relevance),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use khulasa_score::SentenceFeatures;

    fn body(terms: &[u32]) -> SentenceFeatures {
        SentenceFeatures {
            terms: terms.to_vec(),
            words: 8,
            role: Role::Body,
        }
    }

    fn run(stories: &[Vec<SentenceFeatures>], options: &Options) -> Vec<(usize, usize)> {
        let idf = vec![1.0; 40];
        let vectors: Vec<SparseVector> = stories
            .iter()
            .map(|s| SparseVector::tf_idf(s.iter().flat_map(|f| f.terms.iter().copied()), &idf, &mut Vec::new()))
            .collect();
        let members: Vec<usize> = (0..stories.len()).collect();
        let stories: Vec<Story> = stories.iter().map(|s| Story::new(s)).collect();
        summarise(&members, 0, &stories, &vectors, &idf, options)
            .iter()
            .map(|t| (t.story, t.sentence))
            .collect()
    }

    #[test]
    fn a_copy_from_another_source_is_not_picked_twice() {
        let stories = vec![
            vec![body(&[0, 1, 2, 3, 4]), body(&[5, 6, 7])],
            vec![body(&[0, 1, 2, 3, 4, 9]), body(&[5, 6, 8])],
        ];
        let picks = run(&stories, &Options::default());
        assert_eq!(picks.len(), 2, "two facts, each told twice: {picks:?}");
        assert!(
            picks.contains(&(0, 0)) != picks.contains(&(1, 0)),
            "one of the two copies: {picks:?}"
        );
        assert!(
            picks.contains(&(0, 1)) != picks.contains(&(1, 1)),
            "one of the two copies: {picks:?}"
        );
    }

    #[test]
    fn the_summary_opens_with_a_lead_sentence_and_what_both_stories_say_follows() {
        // Both stories' second sentences say the same thing (the event's centre), but a background line does not
        // open a summary: the most central lead does.
        let stories = vec![
            vec![body(&[20, 21, 0]), body(&[0, 1, 2, 3])],
            vec![body(&[30, 31, 32]), body(&[0, 1, 2, 3])],
        ];
        let picks = run(&stories, &Options::default());
        assert_eq!(picks[0], (0, 0));
        assert!(picks[1] == (0, 1) || picks[1] == (1, 1), "{picks:?}");
    }

    #[test]
    fn headlines_and_short_lines_are_not_picked_when_there_is_prose() {
        let mut headline = body(&[0, 1, 2]);
        headline.role = Role::Headline;
        let mut short = body(&[0, 1, 2]);
        short.words = 2;
        let stories = vec![vec![headline, short, body(&[0, 1, 5])]];
        assert_eq!(run(&stories, &Options::default()), [(0, 2)]);
    }
}
