//! Stemmer conflation against gold lemmas (CoNLL-U): over pairs of distinct word types, how often sharing a stem
//! means sharing a lemma (precision) and sharing a lemma means sharing a stem (recall).
//!
//! The definition is the stemming issue's: word types of nouns, adjectives, verbs and adverbs, each type's lemma
//! its most frequent gold lemma; precision = pairs sharing a stem and a lemma / pairs sharing a stem; recall =
//! the same / pairs sharing a lemma. Words and lemmas are folded (diacritics, hamza seats, ...) before anything
//! else, as khulasa's stemmers only ever see folded words.

use serde::Serialize;
use std::collections::HashMap;

/// What a word is in a treebank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Words {
    /// Surface words, as in running text: tokens glued by `SpaceAfter=No` (and multiword tokens) form one word,
    /// punctuation left out (UD Arabic-PUD). A word counts when exactly one of its tokens is a content word,
    /// whose lemma it takes.
    Surface,
    /// Syntactic words, one a line, clitics already split off (UD Arabic-PADT).
    Syntactic,
}

/// A word type and its gold lemma, both folded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TypeLemma {
    /// The folded word type.
    pub word: String,
    /// Its most frequent folded gold lemma.
    pub lemma: String,
}

fn is_content(upos: &str) -> bool {
    matches!(upos, "NOUN" | "ADJ" | "VERB" | "ADV")
}

/// Folded, and only when it is made of Arabic letters (numbers, Latin and mixed words are no stemmer's job).
fn arabic_word(text: &str) -> Option<String> {
    let folded = khulasa_normalize::fold(text);
    let letters = !folded.is_empty()
        && folded
            .chars()
            .all(|c| matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}'));
    letters.then_some(folded)
}

struct Line<'a> {
    id: &'a str,
    form: &'a str,
    lemma: &'a str,
    upos: &'a str,
    glued: bool,
}

fn parse_line(line: &str) -> Option<Line<'_>> {
    let mut fields = line.split('\t');
    let id = fields.next()?;
    let form = fields.next()?;
    let lemma = fields.next()?;
    let upos = fields.next()?;
    let misc = fields.nth(5)?;
    Some(Line {
        id,
        form,
        lemma,
        upos,
        glued: misc.split('|').any(|f| f == "SpaceAfter=No"),
    })
}

/// A surface word being assembled from tokens.
#[derive(Default)]
struct Group {
    form: String,
    /// The form of a multiword token covering the group, which wins over the glued token forms.
    whole: Option<String>,
    content: Vec<String>,
}

impl Group {
    fn finish(&mut self, counts: &mut HashMap<String, HashMap<String, u32>>) {
        let form = self.whole.take().unwrap_or_else(|| std::mem::take(&mut self.form));
        if let ([lemma], Some(word)) = (self.content.as_slice(), arabic_word(&form)) {
            if let Some(lemma) = arabic_word(lemma) {
                *counts.entry(word).or_default().entry(lemma).or_insert(0) += 1;
            }
        }
        self.form.clear();
        self.content.clear();
    }
}

/// The word types of a CoNLL-U treebank with their lemmas (nouns, adjectives, verbs and adverbs; Arabic letters
/// only), sorted by word. A type seen with several lemmas takes its most frequent one (ties: the first in
/// alphabetical order, so the result does not depend on reading order).
///
/// ```
/// use khulasa_eval::conflation::{gold_types, Words};
/// let conllu = "# text = وقال\n1\tو\tوَ\tCCONJ\t_\t_\t2\tcc\t_\tSpaceAfter=No\n2\tقال\tقَال\tVERB\t_\t_\t0\troot\t_\t_\n";
/// let surface = gold_types(conllu, Words::Surface);
/// assert_eq!((surface[0].word.as_str(), surface[0].lemma.as_str()), ("وقال", "قال"));
/// assert_eq!(gold_types(conllu, Words::Syntactic)[0].word, "قال");
/// ```
pub fn gold_types(conllu: &str, words: Words) -> Vec<TypeLemma> {
    let mut counts: HashMap<String, HashMap<String, u32>> = HashMap::new();
    let mut group = Group::default();
    // Within a multiword token, the last id it covers: its words belong to the group whatever their MISC says.
    let mut range_end: Option<u32> = None;
    let mut range_glued = false;
    for raw in conllu.lines() {
        let line = raw.trim_end_matches('\r');
        if line.is_empty() || line.starts_with('#') {
            if line.is_empty() {
                group.finish(&mut counts);
                range_end = None;
            }
            continue;
        }
        let Some(token) = parse_line(line) else { continue };
        if token.id.contains('.') {
            continue;
        }
        if let Some((_, end)) = token.id.split_once('-') {
            if words == Words::Surface {
                group.whole = Some(format!("{}{}", group.form, token.form));
                range_end = end.parse().ok();
                range_glued = token.glued;
            }
            continue;
        }
        match words {
            Words::Syntactic => {
                if is_content(token.upos) {
                    if let (Some(word), Some(lemma)) = (arabic_word(token.form), arabic_word(token.lemma)) {
                        *counts.entry(word).or_default().entry(lemma).or_insert(0) += 1;
                    }
                }
            }
            Words::Surface => {
                if token.upos != "PUNCT" {
                    group.form.push_str(token.form);
                }
                if is_content(token.upos) {
                    group.content.push(token.lemma.to_owned());
                }
                let id: Option<u32> = token.id.parse().ok();
                let glued = match range_end {
                    Some(end) if id.is_some_and(|i| i < end) => true,
                    Some(_) => {
                        range_end = None;
                        range_glued
                    }
                    None => token.glued,
                };
                if !glued {
                    group.finish(&mut counts);
                }
            }
        }
    }
    group.finish(&mut counts);
    let mut types: Vec<TypeLemma> = counts
        .into_iter()
        .filter_map(|(word, lemmas)| {
            let (lemma, _) = lemmas
                .into_iter()
                .max_by(|(a, x), (b, y)| x.cmp(y).then_with(|| b.cmp(a)))?;
            Some(TypeLemma { word, lemma })
        })
        .collect();
    types.sort_by(|a, b| a.word.cmp(&b.word));
    types
}

/// How a stemmer conflates word types, against their lemmas.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Conflation {
    /// Word types measured.
    pub types: usize,
    /// Pairs of types sharing a stem.
    pub stem_pairs: u64,
    /// Pairs of types sharing a lemma.
    pub lemma_pairs: u64,
    /// Pairs sharing both.
    pub both_pairs: u64,
    /// `both_pairs / stem_pairs`.
    pub precision: f64,
    /// `both_pairs / lemma_pairs`.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

/// The conflation of `stem` (called once per type, on the folded word) over `types`.
///
/// Pairs are counted from group sizes: a group of n types sharing a stem holds n(n-1)/2 pairs.
///
/// ```
/// use khulasa_eval::conflation::{conflation, TypeLemma};
/// let t = |w: &str, l: &str| TypeLemma { word: w.into(), lemma: l.into() };
/// let types = [t("كتاب", "كتاب"), t("الكتاب", "كتاب"), t("كتب", "كتب"), t("السيما", "سيما")];
/// // Stripping ال: كتاب and الكتاب meet (a pair sharing both), nothing else does.
/// let c = conflation(&types, |w| w.strip_prefix("ال").unwrap_or(w).to_owned());
/// assert_eq!((c.stem_pairs, c.lemma_pairs, c.both_pairs), (1, 1, 1));
/// assert_eq!((c.precision, c.recall), (1.0, 1.0));
/// ```
pub fn conflation<F, S>(types: &[TypeLemma], mut stem: F) -> Conflation
where
    F: FnMut(&str) -> S,
    S: AsRef<str>,
{
    let mut by_stem: HashMap<String, u64> = HashMap::new();
    let mut by_lemma: HashMap<&str, u64> = HashMap::new();
    let mut by_both: HashMap<(String, &str), u64> = HashMap::new();
    for t in types {
        let s = stem(&t.word).as_ref().to_owned();
        *by_lemma.entry(&t.lemma).or_insert(0) += 1;
        *by_both.entry((s.clone(), &t.lemma)).or_insert(0) += 1;
        *by_stem.entry(s).or_insert(0) += 1;
    }
    let stem_pairs: u64 = by_stem.values().map(|&n| pairs(n)).sum();
    let lemma_pairs: u64 = by_lemma.values().map(|&n| pairs(n)).sum();
    let both_pairs: u64 = by_both.values().map(|&n| pairs(n)).sum();
    let ratio = |a: u64, b: u64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let precision = ratio(both_pairs, stem_pairs);
    let recall = ratio(both_pairs, lemma_pairs);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Conflation {
        types: types.len(),
        stem_pairs,
        lemma_pairs,
        both_pairs,
        precision,
        recall,
        f1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PUD_LIKE: &str = "\
# text = كتبت الوزيرة، وللسلطة
1\tكتبت\tكَتَب\tVERB\t_\t_\t0\troot\t_\t_
2\tالوزيرة\tوَزِير\tNOUN\t_\t_\t1\tnsubj\t_\tSpaceAfter=No
3\t،\t،\tPUNCT\t_\t_\t1\tpunct\t_\t_
4\tو\tوَ\tCCONJ\t_\t_\t6\tcc\t_\tSpaceAfter=No
5\tل\tلِ\tADP\t_\t_\t6\tcase\t_\tSpaceAfter=No
6\tلسلطة\tسُلطَة\tNOUN\t_\t_\t1\tnmod\t_\t_

# text = الوزيرة كتبت
1\tالوزيرة\tوَزِيرَة\tNOUN\t_\t_\t2\tnsubj\t_\t_
2\tكتبت\tكَتَب\tVERB\t_\t_\t0\troot\t_\t_
3\t25\t25\tNUM\t_\t_\t2\tobj\t_\t_
";

    #[test]
    fn surface_words_glue_tokens_and_drop_punctuation() {
        let types = gold_types(PUD_LIKE, Words::Surface);
        let pairs: Vec<(&str, &str)> = types.iter().map(|t| (t.word.as_str(), t.lemma.as_str())).collect();
        // الوزيرة has lemmas وزير (once) and وزيره (once): the tie goes to the alphabetically first. The glued
        // و + ل + لسلطة is the surface word وللسلطه; the comma glued to الوزيرة is left out; 25 is no word.
        assert_eq!(pairs, [("الوزيره", "وزير"), ("كتبت", "كتب"), ("وللسلطه", "سلطه")]);
    }

    #[test]
    fn syntactic_words_stand_alone() {
        let types = gold_types(PUD_LIKE, Words::Syntactic);
        let words: Vec<&str> = types.iter().map(|t| t.word.as_str()).collect();
        assert_eq!(words, ["الوزيره", "كتبت", "لسلطه"]);
    }

    #[test]
    fn multiword_tokens_give_the_surface_form() {
        let conllu = "1-2\tبالكتاب\t_\t_\t_\t_\t_\t_\t_\t_\n1\tب\tبِ\tADP\t_\t_\t2\tcase\t_\t_\n2\tالكتاب\tكِتَاب\tNOUN\t_\t_\t0\troot\t_\t_\n3\tجديد\tجَدِيد\tADJ\t_\t_\t2\tamod\t_\t_\n";
        let types = gold_types(conllu, Words::Surface);
        let words: Vec<&str> = types.iter().map(|t| t.word.as_str()).collect();
        assert_eq!(words, ["بالكتاب", "جديد"]);
    }

    #[test]
    fn pair_counts_worked_by_hand() {
        let t = |w: &str, l: &str| TypeLemma {
            word: w.into(),
            lemma: l.into(),
        };
        // Lemma groups: {a1 a2 a3} (3 pairs), {b1 b2} (1 pair) → 4 lemma pairs.
        // Stems (first letter): {a1 a2 a3 ab} (6 pairs), {b1 b2} (1 pair) → 7 stem pairs.
        // Shared: a1-a2, a1-a3, a2-a3, b1-b2 → 4. P = 4/7, R = 4/4 = 1, F = 2·(4/7) / (11/7) = 8/11.
        let types = [
            t("a1", "A"),
            t("a2", "A"),
            t("a3", "A"),
            t("ab", "B"),
            t("b1", "C"),
            t("b2", "C"),
        ];
        let c = conflation(&types, |w| w.get(..1).unwrap().to_owned());
        assert_eq!((c.stem_pairs, c.lemma_pairs, c.both_pairs), (7, 4, 4));
        assert!((c.precision - 4.0 / 7.0).abs() < 1e-12);
        assert!((c.f1 - 8.0 / 11.0).abs() < 1e-12);
    }

    proptest! {
        #[test]
        fn identity_stems_have_no_pairs_and_lemmas_are_perfect(
            lemmas in proptest::collection::vec(0u8..5, 1..40),
        ) {
            let types: Vec<TypeLemma> = lemmas
                .iter()
                .enumerate()
                .map(|(i, l)| TypeLemma { word: format!("w{i}"), lemma: format!("l{l}") })
                .collect();
            let identity = conflation(&types, |w| w.to_owned());
            prop_assert_eq!(identity.stem_pairs, 0);
            let oracle = conflation(&types, |w| types.iter().find(|t| t.word == w).unwrap().lemma.clone());
            prop_assert_eq!(oracle.stem_pairs, oracle.lemma_pairs);
            prop_assert_eq!(oracle.both_pairs, oracle.lemma_pairs);
        }
    }
}
